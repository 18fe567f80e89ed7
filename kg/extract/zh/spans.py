"""Where a name starts: walk left over jieba words until a boundary word
(verb, preposition: schema/lexicons/boundary_words.txt), punctuation or a number."""

from __future__ import annotations

import re
from functools import cache

from kg.extract.zh import money
from kg.extract.zh.tags import STOP
from kg.extract.zh.tokens import Cut, is_word, tag
from kg.resources import lexicon

NAME_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9()（）·\-.“”]")
_COUNT = re.compile(r"^\d+个$")
CLAUSE = re.compile(r"[,;。!?:]")
_ITEM_SEP = re.compile("、|和")
_JOINERS = ("及",)  # a conjunction inside a name
# A character that is no part of a name and that jieba cuts on (outside its
# re_han_default): the words after it are cut the same with or without the text
# before it, and no name runs over it, so left_edge need cut no further back.
_HARD_STOP = re.compile(r"[^\u3400-\u9fffA-Za-z0-9()（）·\-.“”+#&_%]")


@cache
def boundary_words() -> frozenset[str]:
    return frozenset(lexicon("boundary_words"))


def left_edge(text: str, end: int, cut: Cut, stop_at: int = 0, verbs: bool = True,
              keep_last: frozenset[str] = frozenset(), inner: frozenset[str] = frozenset()) -> int:
    """Start of the name that ends just before ``end`` (its suffix begins there).
    With ``verbs=False`` verbs do not end the name (发展改革委员会 is one body);
    words in ``keep_last`` do not end it when they come right before the suffix,
    words in ``inner`` nowhere (whatever their part of speech)."""
    stop_at = _after_hard_stop(text, stop_at, end)
    head = text[stop_at:end]
    pos = len(head)
    right = ""
    for k, tok in enumerate(reversed(cut(head))):
        if not (tok in inner or _name_word(tok) or _unit_after_number(head, pos, tok)
                or stem_before_trade(tok, right)) or _boundary(tok, k == 0, verbs, keep_last, inner):
            break
        right = tok
        if "“" in tok and "”" not in head[pos - len(tok):]:
            break  # an opening quote whose close is not in the name: a slogan, not a name
        pos -= len(tok)
        if money.ends_with_amount(head[:pos + len(tok)]):
            break
    return stop_at + _trim(head, _past_particles(head, pos, len(head)))


def stem_before_trade(tok: str, nxt: str) -> bool:
    """非凡|重工, 永久|机械: a two-character word jieba tags an adverb, right before a
    trade word (schema/lexicons/company_short_tails.txt) that is no verb, is the head of a
    firm's trade name: an adverb does not qualify a noun."""
    return len(tok) == 2 and tag(tok) == "d" and nxt in _trade_tails() and nxt not in boundary_words() \
        and tag(nxt) != "v"


@cache
def _trade_tails() -> frozenset[str]:
    return frozenset(lexicon("company_short_tails"))


def _unit_after_number(head: str, pos: int, tok: str) -> bool:
    """正欣元15万|只|生猪养殖: a capacity unit after a number is a measure word, not the
    adverb jieba takes it for."""
    return tok in _units() and bool(re.search(r"[\d万千亿]$", head[:pos - len(tok)]))


@cache
def _units() -> frozenset[str]:
    return frozenset(lexicon("capacity_units"))


def _after_hard_stop(text: str, stop_at: int, end: int) -> int:
    """Just after the last hard stop before END (not before STOP_AT): cutting only
    from there keeps each call's work the length of the name, not of the sentence."""
    i = end - 1
    while i >= stop_at and not _HARD_STOP.match(text[i]):
        i -= 1
    return max(stop_at, i + 1)


def _boundary(tok: str, last: bool, verbs: bool, keep_last: frozenset[str], inner: frozenset[str]) -> bool:
    """A boundary word (a verb, a preposition) that ends the name; LAST: it comes right
    before the suffix."""
    if tok not in boundary_words() or tok in _JOINERS or tok in inner:
        return False
    if last and tok in keep_last:
        return False
    return verbs or len(tok) == 1


def _name_word(tok: str) -> bool:
    """A word that can be part of a name: name characters, not a count or a date word,
    not a particle. 及 joins two parts of one name (…综合利用及下游新材料项目); other
    conjunctions, prepositions, particles, pronouns and adverbs end it."""
    if not all(NAME_CHAR.match(c) for c in tok) or _COUNT.match(tok) or tok in ("年", "月", "日"):
        return False
    t = tag(tok)
    return not (t in STOP or (t or "").startswith("u")) or tok in _JOINERS


def _trim(head: str, start: int) -> int:
    """Unbalanced brackets or quotes at the edge belong to the text around the name."""
    while start < len(head) and (head[start] in ")）”" or (head[start] in "(（“" and not _balanced(head[start:]))):
        start += 1
    return start


def clause_start(text: str, pos: int) -> int:
    """Where the comma-delimited clause holding POS begins."""
    return max((m.end() for m in CLAUSE.finditer(text, 0, pos)), default=0)


def clause_around(text: str, pos: int) -> str:
    """The comma-delimited clause around POS."""
    start = clause_start(text, pos)
    end = CLAUSE.search(text, pos)
    return text[start:end.start() if end else len(text)]


def list_items(text: str, end: int, cut: Cut):
    """The items of the list 'A、B、C' that ends at END (where its 等 is): for each,
    (item start, item end, name start). The list opens after the last
    punctuation or an earlier 等, which closes another list (赴长三角、珠三角等地区对接A、B等项目)."""
    seg = max(text.rfind(c, 0, end) for c in ",;。:等") + 1
    # 'A和B等' lists too, unless 和 is part of a word (和平, 共和)
    cuts = [m.start() for m in _ITEM_SEP.finditer(text, seg, end)
            if m.group(0) == "、" or not (is_word(text[m.start() - 1:m.start() + 1]) or is_word(text[m.start():m.start() + 2]))]
    for a, e in zip([seg] + [c + 1 for c in cuts], cuts + [end]):
        if e > a:
            yield a, e, _item_start(text, a, e, cut)


def _item_start(text: str, a: int, e: int, cut: Cut) -> int:
    """Where a list item's name starts: the first item carries the clause's verbs
    (加速霖欣包装、泰拉门窗等项目; 考察对接江苏灵谷化工、…), which are cut off; a
    verb that ends the item is part of its name (霖欣包装)."""
    start = left_edge(text, e, cut, a, verbs=False)
    toks = cut(text[start:e])
    pos = start
    for tok in toks[:-1]:  # after the last verb that is not the item's own last word
        pos += len(tok)
        if (tok in boundary_words() or tag(tok) in STOP) and tok not in _JOINERS \
                and not _unit_after_number(text, pos, tok):
            start = pos
    return _past_particles(text, start, e)


def _past_particles(text: str, start: int, end: int) -> int:
    """jieba glues a particle to an unknown word after it (参观|了磊知|·科之杰): a
    name never starts with one."""
    while start < end - 1 and text[start] in "了着过的":
        start += 1
    return start


def _balanced(s: str) -> bool:
    return s.count("(") + s.count("（") == s.count(")") + s.count("）") and s.count("“") == s.count("”")
