"""Companies: names ending in 有限公司, 集团, 公司 (cut on jieba's word boundaries),
the items of a list of firms (A、B等19家企业), their short names (下称X, or the
name without place and trade words used later).

LOCATED_IN: a firm whose name starts with a county (宝丰恒瑞新材料有限公司) is
there; firms listed as the current county's or zone's enterprises (为A、B等企业
办理…) are in it, unless the text is about a trip elsewhere (赴, 考察)."""

from __future__ import annotations

import re
from functools import cache

from kg.extract.base import component
from kg.extract.doc import ArticleDoc
from kg.extract.zh.levels import LOCAL
from kg.extract.zh.lists import alternation, lexicon_re
from kg.extract.zh.names import (
    company_ref,
    company_suffix_re,
    past_clause_words,
    short_name,
    short_tails,
)
from kg.extract.zh.places import gazetteer, level_of, region_ref, starts_with_place
from kg.extract.zh.spans import NAME_CHAR, clause_around, left_edge, list_items
from kg.extract.zh.tags import AFTER_FIRM, TRADE_NAME
from kg.extract.zh.tokens import Cut, tag
from kg.model import Ref
from kg.resources import lexicon, lexicon_map

# 'A、B等企业', 'A、B等19家规上企业'


def _firm_list_re() -> re.Pattern:
    return lexicon_re("firm_list_words", r"等(?:[\d一二两三四五六七八九十百几多]+(?:余|多)?家)?(?:{})*(?:企业|公司)(?!项目)")


def _proxy_re() -> re.Pattern:
    return lexicon_re("proxy_verbs", "(?:{})(?!性)")


def _away_re() -> re.Pattern:
    return lexicon_re("trip_words", "{}")


def _serve_re() -> re.Pattern:
    return lexicon_re("serve_verbs", r"为((?:[\u3400-\u9fff]{{2,8}}、)*[\u3400-\u9fff]{{2,8}}?)(?:{})")
_ALIAS = re.compile(r"[(（]\s*(?:下称|以下简称|简称)\s*[“\"]?([^)）”\"]{2,12})[”\"]?\s*[)）]")


def find_companies(text: str, cut: Cut) -> list[tuple[int, int, str]]:
    out = []
    matches = list(company_suffix_re().finditer(text))
    for k, m in enumerate(matches):
        if out and m.start() < out[-1][1]:
            continue
        nxt = matches[k + 1] if k + 1 < len(matches) else None
        between = text[m.end():nxt.start()] if nxt is not None else ""
        # (A有限公司和B有限公司, A公司与B公司: two firms)
        if nxt is not None and nxt.start() - m.end() <= 10 and not between.startswith(("与", "和", "及", "同", "、")) \
                and all(NAME_CHAR.match(c) for c in between):
            continue  # 朗致集团云采医药有限公司: one name holding a group's name
        start = past_clause_words(text, _over_trade_verbs(text, left_edge(text, m.start(), cut), cut), m.start())
        start = max((p.end() for p in _proxy_re().finditer(text, start, m.start())), default=start)
        name = text[start:m.end()]
        if m.end() - start - len(m.group(0)) >= 2:
            out.append((start, m.end(), name))
    return out


_TRADE_VERBS = ("建设", "发展", "投资", "开发")
_BEFORE_FIRM = set("与和及、的了在对为,;。:“")


def _over_trade_verbs(text: str, start: int, cut: Cut) -> int:
    """四川蜀能|建设发展|有限公司: 建设/发展 that end the name on the left belong to it
    when a trade name stands before them (a proper or unknown word, not 大力 or 加快)."""
    s = start
    while text[max(0, s - 2):s] in _TRADE_VERBS:
        s -= 2
    if s == start:
        return start
    head = left_edge(text, s, cut)
    if s - head < 2:  # jieba split the trade name (蜀|能): back to the word before it
        head = max([s - 8] + [k + 1 for k in range(max(0, s - 8), s) if text[k] in _BEFORE_FIRM])
    toks = cut(text[head:s])
    return head if s - head >= 2 and toks and tag(toks[-1]) in TRADE_NAME | {"v", "j"} else start


@cache
def _brand_re() -> re.Pattern:
    tails = alternation(short_tails())
    # at a clause's start, or after 与/和/为/、: 星汉生物引进…, 为海源化工、中威新塘落实…
    return re.compile(rf"(?:^|(?<=[,;。:、与和为]))(?![与和为])([\u3400-\u9fff]{{2,3}}?)(?:{tails})")


def _brand_head(head: str, cut: Cut) -> bool:
    """A trade name's head is a proper or unknown word (盛源, 远东, 东华), not a common
    noun or adjective (绿色化工, 国际化工, 光明化工 are phrases as often as firms)."""
    if starts_with_place(head) or head[:2] in gazetteer().shorts:
        return False  # 鹿邑县投资…: a place and a verb
    if _relative_time(head):
        return False  # 当年投资95亿元: a time and a verb
    return all(tag(t) in TRADE_NAME for t in cut(head))


def _relative_time(word: str) -> bool:
    parts = lexicon_map("relative_time")
    return len(word) == 2 and word[0] in parts["prefix"] and word[1] in parts["unit"]


def find_brands(text: str, taken: list[tuple[int, int]], cut: Cut) -> list[tuple[int, int, str, bool]]:
    """Firms written as trade name + trade (星汉生物, 远东化工) at a clause's start or
    in a list: short names with no 有限公司 that no other rule found. The flag marks
    a partner (与东华科技合作): from anywhere, so not taken to be local."""
    out = []
    for m in _brand_re().finditer(text):
        if any(a <= m.start() < b for a, b in taken) or not _brand_head(m.group(1), cut):
            continue
        if _brand_stands(text[m.end():], cut):
            out.append((m.start(), m.end(), m.group(0), text[m.start() - 1:m.start()] in ("与", "和")))
    return out


def _brand_stands(rest: str, cut: Cut) -> bool:
    """What follows a trade name (REST) leaves it a firm of its own."""
    if company_suffix_re().match(rest) or "项目" in re.split(r"[,;。]", rest, maxsplit=1)[0]:
        return False  # a longer firm's name, or an item or owner of a project (read by projects)
    nxt = cut(rest[:6])[0] if rest else ""
    # not 顺酐, 氢气 (a product: the firm's project), 的 (大谋发展的新热潮)
    return not (nxt and nxt not in "、等与和" and tag(nxt) not in AFTER_FIRM and re.match(r"[\u3400-\u9fff]", nxt))


def _beneficiaries(text: str, cut: Cut) -> list[tuple[int, int, str, bool]]:
    """为A、B落实/办理/解决…: firms the local government serves are local firms."""
    out = []
    for m in _serve_re().finditer(text):
        pos = m.start(1)
        for item in m.group(1).split("、"):
            toks = cut(item)
            if 2 <= len(item) <= 8 and all(tag(t) in TRADE_NAME for t in toks[:-1]) and \
                    (tag(toks[-1]) in TRADE_NAME or (len(toks) > 1 and tag(toks[-1]) == "n")):
                out.append((pos, pos + len(item), item, False))
            pos += len(item) + 1
    return out


def _list_spans(text: str, cut: Cut) -> set[tuple[int, int]]:
    return {(s, e) for m in _firm_list_re().finditer(text) for _, e, s in list_items(text, m.start(), cut)}


def find_listed(text: str, taken: list[tuple[int, int]], cut: Cut) -> list[tuple[int, int, str]]:
    """Items of 'A、B等(19家)企业' that no other rule found."""
    out = []
    for m in _firm_list_re().finditer(text):
        for a, e, s in list_items(text, m.start(), cut):
            if any(x <= a < y or x < e <= y for x, y in taken):
                continue
            name = text[s:e]
            if 2 <= len(name) <= 12 and re.fullmatch(r"[\u3400-\u9fff()·]+", name) and \
                    not name.endswith(tuple(lexicon("institution_tails"))):
                out.append((s, e, name))
    return out


def _home(name: str, known: set[str]) -> Ref | None:
    """The county a firm's name starts with: 宝丰恒瑞新材料有限公司 -> 宝丰县. A short
    form counts only for a place the article names (东方 is a word, and a city)."""
    gz = gazetteer()
    for L in range(min(len(name) - 2, 5), 1, -1):
        full = name[:L] if name[:L] in gz.places else gz.shorts.get(name[:L])
        if full != name[:L] and full not in known:
            continue
        place = gz.places.get(full) if full else None
        if place is not None:
            return region_ref(full, place.level) if place.level in ("county", "district") else None
    return None


def _full_names(doc: ArticleDoc, i: int, shorts: dict[str, Ref]) -> None:
    """Names ending in a company suffix, each with its short name (下称X, or derived)."""
    text = doc.sentences[i].text
    for start, end, name in find_companies(text, doc.cut):
        m = _ALIAS.match(text, end)
        short = m.group(1) if m else short_name(name)
        ref = company_ref(name, (short,) if short else ())
        if short:
            shorts.setdefault(short, ref)
        doc.add_mention(i, ref, start, end)


def _candidates(doc: ArticleDoc, i: int) -> tuple[list[tuple[int, int, str, bool]], set[tuple[int, int]]]:
    """Firms listed, written as trade names or served, that no full name covers;
    and the spans of those that are items of a firm list."""
    text = doc.sentences[i].text
    taken = [(m.start, m.end) for m in doc.found(i, "Company")]
    found = [(*x, False) for x in find_listed(text, taken, doc.cut)]
    listed = {x[:2] for x in found}
    found += find_brands(text, taken + [x[:2] for x in found], doc.cut)
    at = {x[:2] for x in found}
    found += [x for x in _beneficiaries(text, doc.cut) if x[:2] not in at and not _inside(x[0], taken)]
    full = _listed_full_names(doc, i)
    return found + full, listed | {x[:2] for x in full}


def _listed_full_names(doc: ArticleDoc, i: int) -> list[tuple[int, int, str, bool]]:
    """Firms found by their full name that are items of a firm list too."""
    items = _list_spans(doc.sentences[i].text, doc.cut)
    return [(c.start, c.end, c.ref.name, False) for c in doc.found(i, "Company") if (c.start, c.end) in items]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < e for a, e in spans)


def _at_home(text: str, start: int, name: str, listed: bool) -> bool:
    """What a firm itself does (星汉生物引进…技术) does not take it away: only a trip
    before it does, or anywhere in a list's clause (赴A、B等企业考察)."""
    clause = clause_around(text, start)
    scope = clause if listed else clause[:clause.find(name)]
    return not _away_re().search(scope) and not starts_with_place(name)


def _local_firms(doc: ArticleDoc, i: int, shorts: dict[str, Ref]) -> None:
    found, listed = _candidates(doc, i)
    here = doc.region[i]
    local = here is not None and level_of(here) in LOCAL
    text = doc.sentences[i].text
    for start, end, name, partner in found:
        ref = _firm_at(doc, i, start, end, shorts.get(name) or company_ref(name))
        if local and not partner and _at_home(text, start, name, (start, end) in listed):
            doc.emit(ref, "LOCATED_IN", here, rule="local-firm", at=i)


def _firm_at(doc: ArticleDoc, i: int, start: int, end: int, new: Ref) -> Ref:
    """The company already found at START:END, else NEW, now mentioned there."""
    known = next((c for c in doc.found(i, "Company") if (c.start, c.end) == (start, end)), None)
    if known is not None:
        return known.ref
    doc.add_mention(i, new, start, end)
    return new


def _homes(doc: ArticleDoc) -> None:
    known = {m.ref.name for ms in doc.mentions for m in ms if m.ref.type == "Region"}
    for i in range(len(doc.sentences)):
        for m in doc.found(i, "Company"):
            home = _home(m.ref.name, known)
            if home is not None:
                doc.emit(m.ref, "LOCATED_IN", home, rule="name-prefix", at=i)


def _later_short_names(doc: ArticleDoc, shorts: dict[str, Ref]) -> None:
    """Short names used on their own later in the article. Each sentence is read
    once, looking up the words of every short name's length at each place: one
    search a name a sentence was quadratic on a list of 2,000 firms (28 s)."""
    order = {short: k for k, short in enumerate(shorts) if short}
    lengths = sorted({len(s) for s in order})
    for i, sent in enumerate(doc.sentences):
        hits = _short_hits(sent.text, order, lengths)
        if not hits:
            continue
        taken = [(m.start, m.end) for m in doc.found(i, "Company")]
        for short in sorted(hits, key=order.__getitem__):
            for p in hits[short]:
                if not any(a <= p < b for a, b in taken):
                    doc.add_mention(i, shorts[short], p, p + len(short))


def _short_hits(text: str, order: dict[str, int], lengths: list[int]) -> dict[str, list[int]]:
    """Where each short name of ORDER stands in TEXT, without overlapping itself."""
    hits: dict[str, list[int]] = {}
    for p in range(len(text)):
        for n in lengths:
            if (w := text[p:p + n]) in order and len(w) == n:
                at = hits.setdefault(w, [])
                if not at or p >= at[-1] + n:  # re.finditer's: no overlap with itself
                    at.append(p)
    return hits


@component("companies", requires=("region", "mentions:Region"), assigns=("mentions:Company", "aliases"))
def run(doc: ArticleDoc) -> None:
    shorts: dict[str, Ref] = {}
    for i in range(len(doc.sentences)):
        _full_names(doc, i, shorts)
        _local_firms(doc, i, shorts)
    _homes(doc)
    _later_short_names(doc, shorts)
    for short, ref in shorts.items():
        doc.add_alias(short, ref)
