"""Projects: names ending in 项目/工程/产业园/基地/生产线, cut from the amounts,
verbs and 的-phrases around them; lists such as 'A、B等项目'. Emits IMPLEMENTS
(the clause's region, else the current one), INVESTS (总投资X的P, P总投资X),
UNDERTAKES (company + project), with capacity and stage as properties."""

from __future__ import annotations

import re
from functools import cache

from kg.extract.base import component
from kg.extract.doc import ArticleDoc, Mention
from kg.extract.zh import levels, money
from kg.extract.zh.lists import lexicon_re, longest, longest_first
from kg.extract.zh.names import (
    company_ref,
    company_suffix_at_end,
    company_suffix_re,
    industry_words,
    is_brand,
    short_tails,
    title_re,
    visit_words,
)
from kg.extract.zh.places import HAN, gazetteer, level_of, zone_words
from kg.extract.zh.spans import CLAUSE, clause_start, left_edge, list_items, stem_before_trade
from kg.extract.zh.tags import BAD_FIRST, CLAUSE_FIRST, NAME_WORD, NAMELIKE, PROPER, PROPER_NOUN
from kg.extract.zh.tokens import Cut, tag
from kg.model import Ref
from kg.resources import lexicon, lexicon_map

# 'A、B等项目', 'A、B等开工项目', 'A、B等多个强链延链补链项目' (not 等待, 等到)
_LIST_END = re.compile(r"等(?![待到于同])(?:一批|多个|\d+个)?[^,;。、:!?\s等“”\d]{0,8}?项目")


def _capacity_re() -> re.Pattern:
    """年产3万吨, 年处理50万立方米."""
    return lexicon_re("capacity_units", r"年(?:产|处理|加工)?\d+(?:\.\d+)?(?:万|千|亿)?(?:{})")


def _continues_re() -> re.Pattern:
    """A project suffix that runs on into another word (项目部, 项目建设,)."""
    return lexicon_re("project_suffix_continuations", rf"(?:{{}}|建设[^{HAN}])")


def _suffix_re() -> re.Pattern:
    return lexicon_re("project_suffixes")


def _generic() -> tuple[str, ...]:
    return longest("project_generic")


def is_specific(name: str, cut: Cut, after_firm: bool = False) -> bool:
    """False for 重点项目, 签约项目, 技术改造类项目: nothing names one project. AFTER_FIRM:
    a firm's name stands right before it (A有限公司精密铸件加工项目), so an adjective may open it."""
    if _COUNTED.search(name) or _suffix_re().sub("", name).endswith("类"):
        return False  # counts and categories: 全省158家开发区项目, 六个回归项目, 社会事业类项目
    if _holds_a_title(name) or _verb_after_xiangmu(name, cut):
        return False  # 市长王刚项目, 县委书记甲宣布项目: a person and a verb, not a name
    core = _strip_generic(re.sub(r"[\d.]+|[“”\"()（）、]", "", _suffix_re().sub("", name)))
    if core.startswith(tuple(lexicon("programme_heads"))):
        return False  # 党员干部争作项目: a programme, not works
    if len(core) < 2 or core in lexicon("department_shorts"):
        return False  # 发改项目, 住建项目: kinds of project by the department in charge
    if _place_or_body(core) or _ends_in_a_particle(core, cut) or _generic_after_ji(core):
        return False
    return not _verb_phrase(name, cut(core), after_firm) and not _place_and_verb(core, cut)


def _verb_after_xiangmu(name: str, cut: Cut) -> bool:
    """项目方要提高(项目): 项目 inside the name, then a verb before its last suffix: a
    clause about a project, not the name of one (…项目二期工程 has no verb)."""
    k = name.find("项目", 0, len(name) - 2)
    return k >= 0 and any(tag(t) == "v" and t not in work_words() for t in cut(name[k + 2:-2]))


def _place_and_verb(core: str, cut: Cut) -> bool:
    """信州区举行(项目): a place written in full and then a verb or an adverb make a
    clause, no name (a short form may be a word: 莲花健康产业园)."""
    gz = gazetteer()
    k = gz.prefix(core, 6)
    rest = core[k:] if k and core[:k] in gz.places else ""
    return len(rest) >= 2 and tag(cut(rest)[0]) in CLAUSE_FIRST


def _verb_phrase(name: str, toks: tuple[str, ...], after_firm: bool = False) -> bool:
    """专班分包盯(项目), 做好(项目), 解决(项目): 项目 is a verb's object."""
    if len(toks[-1]) == 1 and tag(toks[-1]) == "v" and not _capacity_re().search(name):
        return True  # 专班分包盯项目: a verb whose object is 项目
    bad = BAD_FIRST - {"a"} if after_firm else BAD_FIRST
    if len(toks) > 1 and stem_before_trade(*toks[:2]):
        return False  # 非凡|重工|起重机械…: a firm's trade name opens it
    if (tag(toks[0]) in bad or toks[0] in visit_words()) and not _capacity_re().match(name) \
            and not _opens_with_a_village(toks):
        return True  # 做好(项目); 督导检查(产业项目)
    if after_firm and tag(toks[0]) not in BAD_FIRST:
        return False  # 某公司|电子元件项目, 签约的|电子元件项目: the context makes it one
    return _doings(toks)


def _opens_with_a_village(toks: tuple[str, ...]) -> bool:
    """深|一村|综合楼: a village's name of up to four characters opens the name, however
    jieba split it (no verb among its words: 做好|村级… is a verb phrase)."""
    head = ""
    for t in toks[:3]:
        head += t
        if tag(t) in ("v", "vd", "vn") or len(head) > 4:
            return False
        if head.endswith("村") and len(head) >= 2:
            return True
    return False


def _doings(toks: tuple[str, ...]) -> bool:
    """某某督导检查我县(产业项目), 某某仔细询问企业(项目), 解决(项目): what someone does
    to projects, not one project's name."""
    if any(t in visit_words() or tag(t) in ("d", "ad") and t not in _route_inner() and not _counted_unit(toks, k)
           for k, t in enumerate(toks[1:], 1)):
        return True
    if len(toks) == 1 and tag(toks[0]) not in NAME_WORD:
        return True
    # '解决项目', '党员干部下沉项目': the 项目 is a verb's object, not a name, unless the
    # rest holds something name-like (a digit, a Latin word, a word the dictionary lacks).
    return tag(toks[-1]) == "v" and toks[-1] not in work_words() and not any(_namelike(t) for t in toks[:-1])


def _counted_unit(toks: tuple[str, ...], k: int) -> bool:
    """15万|只: a unit after a number, not an adverb."""
    return toks[k] in lexicon("capacity_units") and bool(re.search(r"[\d万千亿]$", toks[k - 1]))


_COUNTED = re.compile(r"[\d一二两三四五六七八九十百几多数]+(?:个|家|批|项|类|大|名|位)")
_COUNT_AFTER = re.compile(r"[\d一二两三四五六七八九十百几多]+(?:个|项)(?=[,;。、)]|$)")  # 装备制造项目8个: a category
_BODY_END = re.compile(r"(?:会|局|委|办|厅|处|部门)$")


def _strip_generic(core: str) -> str:
    """The core without the generic words at either end (重点, 在建, 工业…)."""
    changed = True
    while core and changed:
        changed = False
        for g in _generic():
            if core.startswith(g):
                core, changed = core[len(g):], True
            elif core.endswith(g):
                core, changed = core[: -len(g)], True
    return core


def _place_or_body(core: str) -> bool:
    """信州区(重点项目), 县经开区(部分在建工业项目), 商会(重大项目): what is left of the
    name is a place, a zone or a body, which names none of its projects."""
    if not core:
        return False
    rest = core[gazetteer().prefix(core, 6):].lstrip(levels.chars())
    for z in zone_words():
        if rest.endswith(z):
            rest = rest[: -len(z)]
            break
    rest = _strip_generic(rest)
    if re.fullmatch(f"[{HAN}]{{1,4}}(?:村|社区|街道)", core):
        return True  # 孝门村(项目): a village's projects, none named
    return not rest or len(rest) <= 1 and core[-1] in levels.chars() or bool(_BODY_END.search(core))


def _ends_in_a_particle(core: str, cut: Cut) -> bool:
    """争上(项目), 一如既往地为(项目): a preposition or a direction word before 项目
    makes it the object of a verb phrase."""
    last = cut(core)[-1]
    return (len(last) == 1 or tag(last) is None) and tag(core[-1]) in ("p", "f")


def _generic_after_ji(core: str) -> bool:
    """李某及投资(项目): the part after 及 is generic, so 及 joins a person or a body to it."""
    return "及" in core and not _strip_generic(core.rsplit("及", 1)[1])


def _holds_a_title(name: str) -> bool:
    return title_re().search(name) is not None


def _namelike(tok: str) -> bool:
    return tag(tok) in NAMELIKE or bool(re.search(r"[\dA-Za-z]", tok))


def project_ref(name: str, stage: str | None, surface: str | None = None, more: tuple[str, ...] = ()) -> Ref:
    cap = _capacity_re().search(name)
    props = (("capacity", cap.group(0) if cap else None), ("stage", stage))
    aliases = tuple(dict.fromkeys(a for a in (surface, *more) if a and a != name))
    return Ref("Project", name, props=tuple((k, v) for k, v in props if v), aliases=aliases)


def _stage(text: str) -> str | None:
    found = [(text.find(w), v) for w, v in lexicon_map("stages").items() if w in text]
    return min(found)[1] if found else None


# 签约的|P, 投资建设的|P: a relative clause that makes P a project, however plain its words
# 投资10亿元的|P: an amount of its own does as much (汽车模具, a plain product word)
_NAMED_AS_WORKS = re.compile(r"(?:签约|签订|投资|建设|引进|承建|投建|合作|\d(?:亿|万|千)?元)的$")
# 'A、B和C六大项目', 'A和B两个项目': a list counted at its end, with no 等
_COUNTED_LIST = re.compile(r"(?<![\d一二两三四五六七八九十百])[一二两三四五六七八九十\d]+(?:个|大|项)(?:重点|重大)?项目")


def _listed(text: str, taken: list[tuple[int, int]], cut: Cut) -> list[tuple[int, int, str]]:
    """'A、B等项目', 'A、B和C六大项目': every listed item is a project."""
    out: list[tuple[int, int, str]] = []
    ends = [m.start() for m in _LIST_END.finditer(text)]
    ends += [m.start() for m in _COUNTED_LIST.finditer(text) if _a_list_before(text, m.start())]
    for end in sorted(ends):
        for _, e, s in list_items(text, end, cut):
            name = text[s:e]
            if not name or any(a <= s and e <= b for a, b in taken):
                continue  # a firm signed or courted as a project (灵谷化工、华耐集团等项目)
            full = name if _suffix_re().search(name[-3:]) else name + "项目"
            owned = bool(_NAMED_AS_WORKS.search(text, max(0, s - 6), s))
            if (is_specific(full, cut, after_firm=owned) or is_brand(name, cut)) and not company_suffix_at_end(name):
                out.append((s, e, full))
    return out


def _a_list_before(text: str, end: int) -> bool:
    """Items joined by 、 or 和 in the clause before a count (not '投资5亿元的A六大项目' alone)."""
    seg = text[max(text.rfind(c, 0, end) for c in ",;。:等") + 1:end]
    return "、" in seg or "和" in seg


def _not_a_name_end(text: str, m: re.Match, taken: list[tuple[int, int]], out: list[tuple[int, int, str]]) -> bool:
    """A suffix inside a firm's name, one the next word continues (项目部, 项目观摩), a
    category's before its count (装备制造项目8个), or just after a project already read."""
    return any(a <= m.start() < b for a, b in taken) or bool(_continues_re().match(text, m.end())) \
        or bool(_COUNT_AFTER.match(text, m.end())) or any(s <= m.start() < e + 3 for s, e, _ in out)


def _runs_on(text: str, m: re.Match, nxt: list[re.Match], cut: Cut) -> bool:
    """…研发工程|中心|项目: a suffix a noun or two and a later suffix follow is inside
    the name that ends there (a verb between, as in 工程|建设|项目, is left to the rest)."""
    if not nxt or not 0 < nxt[0].start() - m.end() <= 4:
        return False
    gap = text[m.end():nxt[0].start()]
    return re.fullmatch(f"[{HAN}]+", gap) is not None and all((tag(t) or "").startswith("n") for t in cut(gap))


def _route_start(text: str, start: int, end: int, cut: Cut) -> int:
    """G318临江至清溪段公路改建(项目), 永杭高速(上杭段)建设(项目): in a route's name
    (a road word of schema/lexicons/route_words.txt near it) 至 joins the two ends and
    the road word belongs to the name whatever jieba tags it."""
    if not lexicon_re("route_words").search(text, max(0, start - 4), end):
        return start
    return min(start, left_edge(text, end, cut, keep_last=work_words(), inner=_route_inner()))


@cache
def _route_inner() -> frozenset[str]:
    return frozenset(lexicon("route_words")) | {"至"}


def find_projects(text: str, taken: list[tuple[int, int]], cut: Cut) -> list[tuple[int, int, str]]:
    """(start, end, name) of named projects in a sentence."""
    out = _listed(text, taken, cut)
    ends = list(_suffix_re().finditer(text))
    for k, m in enumerate(ends):
        if _not_a_name_end(text, m, taken, out) or _runs_on(text, m, ends[k + 1:k + 2], cut):
            continue
        start = _route_start(text, left_edge(text, m.start(), cut, keep_last=work_words()), m.start(), cut)
        start = _joined_items(text, start, m, cut)
        firm = company_suffix_re().search(text, start, m.start())
        owned = firm is not None
        while firm is not None:  # a firm's full name before the project is not part of it
            start = firm.end()
            firm = company_suffix_re().search(text, start, m.start())
        start = _past_verbs_to_quote(text, _trim_start(text, start, m.start()), m.start(), cut)
        owned = owned or bool(_NAMED_AS_WORKS.search(text, max(0, start - 6), start))
        name = text[start:m.end()]
        if name.startswith(("该", "此")) or _LIST_END.search(name):
            continue  # 'A等龙头项目' is a list, read above
        if is_specific(name, cut, after_firm=owned):
            out.append((start, m.end(), name))
    # 现代中药科技产业园 inside 现代中药科技产业园智能仓库建设项目 is not a project of its own
    return sorted(x for x in out if not any(s <= x[0] and x[1] <= e and (s, e) != x[:2] for s, e, _ in out))


def _joined_items(text: str, start: int, m: re.Match, cut: Cut) -> int:
    """冷链物流、|食品加工项目, 某某电子科技高频、高速、|PTFE覆铜板项目: the products joined
    by 、 before a name, none with a suffix of its own and no 等 closing them, are one
    project's name (A项目、B项目 are two; A、B等项目 is a list, read by _listed). Not
    when the name is itself an item of a longer list (A仪式、B产业园开工仪式、…), has
    nothing before its suffix, or opens with a place (A、河南某某产业园: two)."""
    after = re.search(r"[、,;。:!?]", text[m.end():])
    if start >= m.start() or after and after.group(0) == "、" and after.start() > 0 \
            or gazetteer().prefix(text[start:m.start()], 6):
        return start
    while start > 1 and text[start - 1] == "、":
        k = text.rfind("、", max(0, start - 8), start - 1)
        middle = k >= 0 and re.fullmatch(rf"[{HAN}A-Za-z\d]{{1,6}}", text[k + 1:start - 1]) is not None
        s = k + 1 if middle else _trim_start(text, left_edge(text, start - 1, cut), start - 1)
        if not _plain_item(text[s:start - 1], cut, middle):
            break
        start = s
    return start


_ITEM_TAGS = frozenset({"n", "nz", "vn", "b", "an", "j", "eng", "x", None})


def _plain_item(item: str, cut: Cut, middle: bool = False) -> bool:
    """A product or a trade written with nouns alone (MIDDLE: an item between two 、,
    where a quality word stands for a product too: 高频、高速、…): no suffix, no place,
    no person."""
    if not item or _suffix_re().search(item) or company_suffix_at_end(item) or is_brand(item, cut) \
            or _trade_name(item, item, cut, whole=True):
        return False
    toks = cut(item)
    gz = gazetteer()
    if item in gz.places or item in gz.shorts or len(toks) == 1 and tag(toks[0]) in ("ns", "nr", "nrt"):
        return False
    return all(tag(t) in _ITEM_TAGS or tag(t) in PROPER_NOUN or middle and tag(t) in ("a", "d", "ad") for t in toks)


def _past_verbs_to_quote(text: str, start: int, end: int, cut: Cut) -> int:
    """积极探索|“企业服务直通车”项目, 全力推进|“智慧粮仓”工程: common words before a
    quoted name (a verb, however jieba tags 积极探索) are the clause's, the name opens at
    the quote; a place or a proper name before it (湖南“某某”产业园) stays."""
    q = text.find("“", start, end)
    if q <= start or gazetteer().prefix(text[start:q], 6):
        return start
    toks = cut(text[start:q])
    return start if any(tag(t) in PROPER or tag(t) in PROPER_NOUN for t in toks) else q


# What left_edge lets into a name's start but is none of it: the unit of an amount
# before it (4.8亿元|P), a day (26号|P), a greeting banner (热烈祝贺|P), an earlier
# project it is listed with (P1及|P2, P1、|P2).
_LEADING = re.compile(r"(?:(?:亿|万)?元|\d+号|(?:热烈)?(?:祝贺|庆祝))")
_EARLIER = re.compile(r"(?:项目|工程)(?:及|和|与|、)")


def _trim_start(text: str, start: int, end: int) -> int:
    m = _LEADING.match(text, start, end)
    if m:
        start = m.end()
    joined = list(_EARLIER.finditer(text, start, end))
    return joined[-1].end() if joined else start


@cache
def work_words() -> frozenset[str]:
    """Verbs that end a name elsewhere but belong to it before 项目/工程 (…建设项目, …改造工程)."""
    return frozenset(lexicon("project_work_words"))


@component("projects", requires=("region", "mentions:Region", "mentions:Company", "aliases"),
           assigns=("mentions:Project", "mentions:Company", "aliases"))
def run(doc: ArticleDoc) -> None:
    for i, sent in enumerate(doc.sentences):
        _settled(doc, i)
        _listed_firms(doc, i)
        companies = doc.found(i, "Company")
        taken = [(m.start, m.end) for m in companies]
        stage = _stage(sent.text)
        sums = money.find(sent.text)
        for start, end, name in find_projects(sent.text, taken, doc.cut):
            _project(doc, i, companies, stage, sums, (start, end, name))
        _this_project(doc, i, sums)
        _zone_sites(doc, i)


def _owned(text: str, companies: list[Mention], start: int, end: int, name: str):
    """A company written right before the project builds it (五星新材科技有限公司年产3万吨…项目):
    (that company's mention or None, the project's start, name and surface)."""
    owner = next((c for c in companies if c.end == start or (c.start == start and c.end < end)), None)
    surface = text[start:end]
    if owner is not None and owner.start == start:
        if company_suffix_re().search(text, owner.start, owner.end):
            name = name[owner.end - start:]  # 五星新材科技有限公司|年产3万吨…项目
            start = owner.end
            surface = text[start:end]
        else:  # 火山科技年产10万吨…生产线项目: the short name stays, an alias drops it
            surface = _drop_brand(name, owner.end - start)
    return owner, start, name, surface


def _project(doc: ArticleDoc, i: int, companies: list[Mention], stage: str | None,
             sums: list[money.Amount], found: tuple[int, int, str]) -> None:
    text = doc.sentences[i].text
    start, end, name = found
    owner, start, name, surface = _owned(text, companies, start, end, name)
    named = owner is not None or bool(_NAMED_AS_WORKS.search(text, max(0, start - 6), start))
    if not (is_specific(name, doc.cut, after_firm=named) or _listed_brand(text, start, end, name, doc.cut)):
        return
    # …生产线项目: the name ends at 生产线, the text's longer form is an alias
    more = (name + "项目", surface + "项目") if text.startswith("项目", end) and \
        not name.endswith("项目") else ()
    ref = project_ref(name, stage, surface, more)
    if owner is None and name == text[start:end] + "项目" and (is_brand(text[start:end], doc.cut) or
                                                             _trade_name(text[start:end], name, doc.cut, whole=True)):
        # 恩赢、展辰等项目: a project called by its company's short name
        owner = doc.add_mention(i, company_ref(text[start:end]), start, end)
    doc.add_mention(i, ref, start, end)
    _implements(doc, i, start, end, ref)
    _builders(doc, i, start, name, ref, owner)
    # 投资1.8亿元的|河南某食品有限公司|面点食品加工项目: the sum before the owner is the project's
    before = owner.start if owner is not None and owner.end == start else start
    amount, kind = _investment(text, before, end, sums)
    if amount is not None and _list_sum(text, start, end, amount):
        amount = None
    if amount is not None:
        doc.emit(ref, "INVESTS", amount.ref(), rule="investment", at=i, props=(("kind", kind),))


def _list_sum(text: str, start: int, end: int, amount: money.Amount) -> bool:
    """总投资80亿元的|A|等6个项目, A、B等项目总投资X: an amount before the first item of a
    等-list whose other items have none, or after the list, is the sum over its items
    (投资3亿元的A、投资5亿元的B等项目 give each its own)."""
    m = _LIST_END.search(text, end)
    if m is None or CLAUSE.search(text, end, m.start()):
        return False
    if amount.start >= m.start():
        return True
    first = "、" not in text[clause_start(text, start):start]
    return first and amount.end <= start and not money.find(text[end:m.start()])


def _listed_brand(text: str, start: int, end: int, name: str, cut: Cut) -> bool:
    """龙德洋、海尔希等项目: a firm's bare name, listed, as _listed read it."""
    return name == text[start:end] + "项目" and is_brand(text[start:end], cut)


_THIS = re.compile(r"(?:该|此|这个)项目")


def _this_project(doc: ArticleDoc, i: int, sums: list[money.Amount]) -> None:
    """…走进A项目建设现场。据介绍,该项目总投资6000万元: the amount of 该项目 in a
    sentence naming no project is that of the one project the sentence before named."""
    m = _THIS.search(doc.sentences[i].text)
    if m is None or i == 0 or doc.found(i, "Project"):
        return
    before = list(dict.fromkeys(p.ref for p in doc.found(i - 1, "Project")))
    if len(before) != 1:
        return
    for a in sums:
        kind = _kind_after(doc.sentences[i].text, m.end(), a)
        if kind:
            doc.emit(before[0], "INVESTS", a.ref(), rule="this-project", at=i, props=(("kind", kind),))
            return


# 这五个项目分别入驻该县经开区, 上述项目均落户…: where the projects just named are
_SETTLED = re.compile(r"(?:这|上述|以上|该)(?:[\d一二两三四五六七八九十]+个|批|些)?项目(?:分别|均|全部|都|将)?"
                      r"(?:入驻|落户|落地|位于|选址|布局在?|建在)")


def _settled(doc: ArticleDoc, i: int) -> None:
    """IMPLEMENTS from the zone or town the projects of the sentence before settle in."""
    text = doc.sentences[i].text
    m = _SETTLED.match(text)
    if m is None or i == 0:
        return
    place = next((r.ref for r in doc.found(i, "Region") if r.start >= m.end() and r.start - m.end() <= 3), None)
    if place is None or level_of(place) not in _LOCAL_PLACE:
        return
    for p in doc.found(i - 1, "Project"):
        doc.emit(place, "IMPLEMENTS", p.ref, rule="settled-in", at=i)


_LOCAL_PLACE = ("town", "village", "zone")

# 前往县经开区部分在建工业项目建设现场: a zone's projects, none named yet
_ZONE_PROJECTS = re.compile(r"(?:部分|多个|一批|重点|在建|工业|产业|新建|续建|签约|开工)*项目(?:建设)?(?:现场|工地)")


def _zone_sites(doc: ArticleDoc, i: int) -> None:
    """…前往县经开区部分在建工业项目建设现场。…先后来到A、B等项目建设现场: the projects
    named a few sentences after a visit to a zone's unnamed project sites, with no place
    and no other project between, are the zone's."""
    if not doc.found(i, "Project") or doc.found(i, "Region"):
        return
    for k in range(i - 1, max(-1, i - 4), -1):
        if doc.found(k, "Project"):
            return
        text = doc.sentences[k].text
        zone = next((m.ref for m in doc.found(k, "Region") if level_of(m.ref) == "zone"
                     and _ZONE_PROJECTS.match(text, m.end)), None)
        if zone is not None:
            for p in dict.fromkeys(m.ref for m in doc.found(i, "Project")):
                doc.emit(zone, "IMPLEMENTS", p, rule="zone-sites", at=i)
            return
        if doc.found(k, "Region"):
            return


# 在手洽谈项目3个,分别是A、B和C: projects still being negotiated, which nobody implements yet
_TALKS = re.compile(r"(?:(?:在手|正在)?洽谈(?:中的?)?|在谈)项目")
_PAST_TALKS = re.compile(r"签约|签订|开工|落地|投产|竣工|建成|入驻")


def _in_talks(text: str, start: int) -> bool:
    ends = [m.end() for m in _TALKS.finditer(text, 0, start)]
    return bool(ends) and not _PAST_TALKS.search(text, ends[-1], start)


def _implements(doc: ArticleDoc, i: int, start: int, end: int, ref: Ref) -> None:
    """IMPLEMENTS from the clause's region, and from the towns, villages and zones that
    open the clause (东海镇锦绣村于…建设P) or the project's name; none for a project
    still in talks."""
    text = doc.sentences[i].text
    if _in_talks(text, start):
        return
    region = doc.clause_region(i, start)
    if region is not None:
        doc.emit(region, "IMPLEMENTS", ref, rule="clause-region", at=i)
    opens = clause_start(text, start)
    # not the places that open an earlier project's name in a list
    subject = [] if any(m.start <= opens < m.end for m in doc.found(i, "Project")) \
        else _places_in_name(doc, i, opens, start)
    for place in dict.fromkeys(subject + _places_in_name(doc, i, start, end)):
        if place != region:
            doc.emit(place, "IMPLEMENTS", ref, rule="name-place", at=i)


def _places_in_name(doc: ArticleDoc, i: int, start: int, end: int) -> list[Ref]:
    """The towns, villages and zones a project's name opens with (镇原县|城关镇|莲池小学建设项目,
    东海镇|锦绣村|…工程): the project is theirs too. Only a chain of places at the very
    start counts (a place inside a firm's name further on does not)."""
    out, pos = [], start
    for m in sorted((m for m in doc.found(i, "Region") if start <= m.start < end), key=lambda m: m.start):
        if m.start != pos:
            break
        pos = m.end
        if level_of(m.ref) in _LOCAL_PLACE:
            out.append(m.ref)
    return out


def _builders(doc: ArticleDoc, i: int, start: int, name: str, ref: Ref, owner: Mention | None) -> None:
    """UNDERTAKES: the owner written before the project, else the partners of
    'A与B合作的P', else the company the project is named after."""
    partners = _partners(doc, i, start) if owner is None else []
    for p in partners:  # 龙都天仁与东华科技合作的…项目: both build it
        doc.emit(p, "UNDERTAKES", ref, rule="partners", at=i)
    builder = owner.ref if owner is not None else None
    if owner is None and not partners:
        builder = _brand_owner(doc, name)
    if builder is not None:
        doc.emit(builder, "UNDERTAKES", ref, rule="owner", at=i)


_PARTNERS = re.compile(rf"([{HAN}]{{2,8}}?)与([{HAN}]{{2,8}}?)(?:合作|联合|共同)(?:建设|实施|开发|研发|投资)?的$")


def _partners(doc: ArticleDoc, i: int, start: int) -> list[Ref]:
    """The two firms of 'A与B合作的P', each a firm found before or a trade name (no
    place, no university or government: 县政府与X合作 leaves X alone)."""
    text = doc.sentences[i].text
    opens = clause_start(text, start)
    m = _PARTNERS.search(text, opens, start)
    if not m or m.start() != opens:
        return []
    out = []
    gz = gazetteer()
    for g in (1, 2):
        name = m.group(g)
        found = next((c.ref for c in doc.found(i, "Company") if (c.start, c.end) == m.span(g)), None)
        if found is None and (name.endswith(tuple(lexicon("institution_tails"))) or name in gz.places
                              or name in gz.shorts or name[:2] in gz.shorts):
            return []
        found = found or doc.aliases.get(name) or company_ref(name)
        if not any((c.start, c.end) == m.span(g) for c in doc.found(i, "Company")):
            doc.add_mention(i, found, *m.span(g))
        out.append(found)
    return out


def _listed_firms(doc: ArticleDoc, i: int) -> None:
    """Items of a project list that are firms: a place + trade name + trade
    (江苏灵谷化工), or a short name the article gave a firm before (灵谷化工)."""
    text = doc.sentences[i].text
    known = [(m.start, m.end) for m in doc.found(i, "Company")]
    gz = gazetteer()
    for m in _LIST_END.finditer(text):
        for _, e, s in list_items(text, m.start(), doc.cut):
            name = text[s:e]
            if any(a <= s < b or a < e <= b for a, b in known) or len(name) < 2:
                continue
            if name in doc.aliases and doc.aliases[name].type == "Company":
                doc.add_mention(i, doc.aliases[name], s, e)
            elif company_suffix_at_end(name):
                k = gz.prefix(name, 3)
                ref = company_ref(name, (name[k:],) if k else ())
                doc.add_mention(i, ref, s, e)
                if k and len(name) - k >= 3:
                    doc.add_alias(name[k:], ref)


def _drop_brand(name: str, k: int) -> str:
    """The name without the firm's short name and trade word before it (火山科技)."""
    rest = name[k:]
    for tail in short_tails():
        if rest.startswith(tail):
            rest = rest[len(tail):]
            break
    return rest if len(rest) >= 4 else name


def _brand_owner(doc: ArticleDoc, name: str) -> Ref | None:
    """A project named after a company (恩赢项目, 中原乙烯PSA制氢项目) is that company's."""
    for short, ref in doc.aliases.items():
        if name.startswith(short) or name.startswith(ref.name) or name.startswith(_stem(ref)):
            return ref
    core = _suffix_re().sub("", name)
    firm = _trade_name(core, name, doc.cut)
    if firm is not None:
        return company_ref(firm)
    head = _four_character_name(core, doc.cut) or _unknown_head(core, doc.cut) or _split_head(core, doc.cut)
    return company_ref(head) if head else None


def _stem(ref: Ref) -> str:
    """重庆海螺公司 -> 重庆海螺 (a project may be named by it: 重庆海螺年产…项目); only a
    stem of four characters or more, so no bare place nor a one-word brand."""
    if ref.type != "Company":
        return "\0"
    m = company_suffix_re().search(ref.name)
    stem = ref.name[:m.start()] if m and m.end() == len(ref.name) else ""
    return stem if len(stem) >= 4 else "\0"


@cache
def _production_words() -> frozenset[str]:
    return frozenset(lexicon("production_words"))


def _unknown_head(core: str, cut: Cut) -> str | None:
    """凯瑞达|家居板材加工, 金满穗|生态板加工 (after a place, if one opens the name): a
    head of 2-4 Han characters the dictionary lacks, then only words it knows, the
    first a noun or an adjective of two characters or more (the product), one a word
    of making goods (schema/lexicons/production_words.txt), is the short name of the
    firm that builds it. Not a place (青禾|…) nor an industry word."""
    k = gazetteer().prefix(core, 4)
    toks = cut(core[k:])
    if len(toks) < 2 or tag(toks[0]) is not None or not re.fullmatch(f"[{HAN}]{{2,4}}", toks[0]):
        return None
    if not re.fullmatch(f"[{HAN}]+", core[k:]) or any(tag(t) is None for t in toks[1:]) or len(toks[1]) < 2 \
            or (tag(toks[1]) or "")[:1] not in ("n", "a") or not _production_words() & set(toks[1:]):
        return None
    head = toks[0]
    gz = gazetteer()
    if head in gz.places or head in gz.shorts or industry_words(head):
        return None
    return head


def _split_head(core: str, cut: Cut) -> str | None:
    """远东程益|发泡聚苯乙烯, 翰逸神飞|催化剂: jieba cuts across an unknown four-character
    trade name and the product after it; cut apart, the head holds a word the dictionary
    lacks and the rest is a product of known words ending in a technical noun. Not a place, a
    village or a zone (金沙社区|…, 深一村综|合楼)."""
    head, rest = core[:4], core[4:]
    if len(rest) < 2 or not re.fullmatch(f"[{HAN}]{{4}}", head) or re.search("[村镇乡区县市]|社区|街道", head):
        return None
    gz = gazetteer()
    if head[:2] in gz.shorts or head[:2] in gz.places or gz.prefix(core, 4):
        return None
    toks, after = cut(head), cut(rest)
    if not any(tag(t) is None for t in toks) or any(tag(t) is None for t in after):
        return None
    # the product a technical word of three characters or more (催化剂, 聚苯乙烯), not a
    # building or a trade (服务|大楼, 碳|材料)
    return head if (tag(after[-1]) or "") in ("n", "nz") and len(after[-1]) >= 3 and not industry_words(head) \
        else None


def _four_character_name(core: str, cut: Cut) -> str | None:
    """中沁泰康(氢能产业园), 中科濮原(MMA项目): a four-character trade name, one unknown
    word or a proper word plus an unknown one, that is no place (青川阜成…)."""
    toks = cut(core)
    gz = gazetteer()
    if toks and (len(toks[0]) == 4 and tag(toks[0]) is None and re.fullmatch(f"[{HAN}]+", toks[0]) or
                 len(toks) > 1 and len(toks[0]) == 2 and tag(toks[0]) in PROPER_NOUN
                 and len(toks[1]) == 2 and tag(toks[1]) is None and re.fullmatch(f"[{HAN}]+", toks[1])):
        head = toks[0] if len(toks[0]) == 4 else toks[0] + toks[1]
        if head[:2] not in gz.shorts and head[:2] not in gz.places and len(core) > 4:
            return head
    return None


def _trade_name(core: str, name: str, cut: Cut, whole: bool = False) -> str | None:
    """A trade name and its trade opening a project's name (国鸿氢能科技|产业园, 苏州超邦涂料|年产…,
    福尔程环保科技|重金属…): a head of 2-4 Han characters, one of them proper or unknown,
    after a place if one is written, then a trade word (schema/lexicons/company_short_tails.txt).
    Not a common word (绿色化工园, 国际化工物流港), an industry (硅基新材料产业园) nor a
    region (成渝地区能源…基地): a common head is a trade name only before a product code
    or a capacity (光明化工N-甲基吡咯烷酮). WHOLE: the core is the firm's name and nothing else
    (乐杰环保、群创光电等项目)."""
    k0 = gazetteer().prefix(core, 4)
    for start in dict.fromkeys((0, k0)):
        firm = _trade_at(core, start, cut)
        if firm is None:
            continue
        rest = core[len(firm):]
        if whole and not rest:
            return firm
        if not whole and (rest or name.endswith(("产业园", "科技园"))) and \
                (_proper_head(firm, start, cut) or re.match(r"[A-Za-z\d]|年产|年处理", rest)):
            return firm
    return None


def _trade_at(core: str, start: int, cut: Cut) -> str | None:
    """core[:end] when a trade word follows a 2-4 character Han head at START (…环保科技: 科技 joins)."""
    for k in range(start + 2, min(start + 5, len(core))):
        tail = next((t for t in short_tails() if core.startswith(t, k)), None)
        if tail is None:
            continue
        end = k + len(tail)
        if core.startswith(("科技", "技术"), end):
            end += 2
        head = core[start:k]
        if not re.fullmatch(f"[{HAN}]+", head) or re.search("地区|辖区|园区|区域", head) or industry_words(head) \
                or core[:end] in lexicon_map("industries"):
            return None
        return core[:end]
    return None


def _proper_head(firm: str, start: int, cut: Cut) -> bool:
    head = firm[start:]
    toks = cut(head)
    return any(tag(t) in PROPER for t in toks) or len(toks) > 1 and stem_before_trade(*toks[:2])


def _investment(text: str, start: int, end: int, sums: list[money.Amount]):
    """'总投资120亿元的P' or 'P(,)总投资X': the amount next to the project, with its kind."""
    for a in sums:
        kind = _kind_before(text, start, a) or _kind_after(text, end, a)
        if kind:
            return a, kind
    return None, None


@cache
def _kinds() -> tuple[dict[str, str], tuple[str, ...]]:
    kinds = lexicon_map("amount_kinds")
    return kinds, longest_first(kinds)


def _kind_before(text: str, start: int, a: money.Amount) -> str | None:
    """总投资120亿元的P; 投资30亿元共建P; 20亿元的P (an amount that qualifies a project
    is its total investment)."""
    between = text[a.end:start]
    if not (0 <= start - a.end <= 3 and (between in ("的", "的项目", "") or between in lexicon("build_verbs"))):
        return None
    kinds, words = _kinds()
    kind = next((kinds[w] for w in words if text[:a.start].endswith(w)
                 or re.search(re.escape(w) + r"(?:达|约|为|超过)?$", text[max(0, a.start - 8):a.start])), None)
    if kind is None and between in ("的", "") and not re.search(r"[\d、]", text[max(0, a.start - 2):a.start]):
        kind = "total"  # 1亿元的P, 5亿元P: the sum that qualifies the project
    return kind


def _kind_after(text: str, end: int, a: money.Amount) -> str | None:
    """P总投资X, P,计划投资X: a kind word between the project and the amount."""
    gap = text[end:a.start]
    if not (0 <= a.start - end <= 12 and not re.search(r"[;。、]|\d+个", gap)):
        return None
    kinds, words = _kinds()
    return next((kinds[w] for w in words if w in gap), None)
