"""Officials and their posts: title chains before a name (县委副书记、县长刘海亮),
the body from the words before the title (广元市委书记, 该县招商投资服务中心负责人),
else from context. Also LEADS (项目负责人, 组长); each
official is left on the doc as a mention (the visits component reads them)."""

from __future__ import annotations

import re
from functools import cache

from kg.extract.base import component
from kg.extract.doc import ArticleDoc, Mention
from kg.extract.zh import levels
from kg.extract.zh.lists import alternation, lexicon_re, longest_first
from kg.extract.zh.names import TASKFORCE_END, region_ref_re, region_refs, taskforce_name
from kg.extract.zh.places import gazetteer, level_of, region_ref
from kg.extract.zh.spans import left_edge
from kg.extract.zh.tokens import Cut, is_word, tag
from kg.model import Ref
from kg.resources import lexicon


@cache
def _titles() -> tuple[re.Pattern, dict[str, str]]:
    kinds: dict[str, str] = {}
    alts: list[str] = []
    for entry in lexicon("titles"):
        pattern, _, kind = entry.partition(" ")
        for lv in (levels.chars() if "{L}" in pattern else "_"):
            word = pattern.replace("{L}", lv)
            kinds[word] = kind.strip()
            alts.append(word)
    return re.compile(alternation(alts)), kinds


@cache
def _surnames() -> tuple[str, ...]:
    return longest_first(w for line in lexicon("surnames") for w in line.split())


@cache
def _stops() -> tuple[str, ...]:
    return longest_first(w for line in lexicon("name_stops") for w in line.split())


def _ends_name(text: str, pos: int) -> bool:
    if pos >= len(text):
        return True
    ch = text[pos]
    if not ("\u3400" <= ch <= "\u9fff"):
        return True
    return text.startswith(_stops(), pos)


def name_after(text: str, pos: int, cut: Cut | None = None) -> str | None:
    """A 2-4 character personal name starting at pos, ended by punctuation or a stop word
    (or, given the article's CUT, by where the tokenizer ends it)."""
    sur = next((s for s in _surnames() if text.startswith(s, pos)), None)
    if sur is None:
        return None
    for length in (3, 2, 4) if len(sur) == 1 else (4, 3):
        end = pos + length
        name = text[pos:end]
        if len(name) == length and all("\u3400" <= c <= "\u9fff" for c in name) and _ends_name(text, end):
            return name
    return _segmented_name(text, pos, len(sur), cut) if cut is not None else None


_GIVEN_TAGS = (None, "nr", "nrt", "nz", "ns", "n")


def _segmented_name(text: str, pos: int, sur: int, cut: Cut) -> str | None:
    """Where no stop word ends the name, the tokenizer's cut does: a name that is one
    token (刘志刚|通报) or a surname and a name-like token (周|海波|先生), followed by a
    dictionary word of two characters or more."""
    toks = cut(text[pos:pos + 10])
    if len(toks) < 2:
        return None
    if len(toks[0]) in (2, 3) and len(toks[0]) > sur and tag(toks[0]) in ("nr", None):
        name, rest = toks[0], toks[1:]
    elif len(toks) >= 3 and len(toks[0]) == sur and len(toks[1]) in (1, 2) and tag(toks[1]) in _GIVEN_TAGS:
        name, rest = toks[0] + toks[1], toks[2:]
    else:
        return None
    if all("\u3400" <= c <= "\u9fff" for c in name) and len(rest[0]) >= 2 and is_word(rest[0]):
        return name
    return None


def _level_region(doc: ArticleDoc, i: int, pos: int, current: Ref | None, level: str) -> Ref | None:
    """The region of a title's level: the current one, or its ancestor (省委书记 in a 濮阳
    article; 市委书记 on a page about the city's 开发区 or one of its towns), else the
    latest place of that level named before (镇长 after 赤城镇)."""
    here = level_of(current) if current is not None else None
    if level == "town":
        return current if here == "town" else doc.latest(i, pos, ("town",))
    # A zone's own county-level posts (区委书记 of a 开发区) belong to the zone.
    if here == "zone" and level in ("district", "county"):
        return current
    found = _ancestor(doc, current, level)
    if found is None and level in ("county", "district"):
        found = doc.latest(i, pos, ("county", "district"))
    return found


def _ancestor(doc: ArticleDoc, current: Ref | None, level: str) -> Ref | None:
    """CURRENT or the first of its parents (the division table's, else the page's:
    荆州开发区 -> 荆州市) at LEVEL."""
    gz = gazetteer()
    name = current.name if current else None
    seen = set()
    while name and name not in seen:
        seen.add(name)
        if level == "city" and name.endswith("市") and name in gz.places:
            return region_ref(name, gz.places[name].level)  # a county-level city's 市委书记 is its own
        p = gz.places.get(name)
        if p and (p.level == level or (level == "county" and p.level == "district")
                  or (level == "district" and p.level == "county")):
            return region_ref(name, p.level)
        name = p.parent if p else (doc.parent_of[name].name if name in doc.parent_of else None)
    return None


@component("officials", requires=("region", "mentions:Region", "mentions:Company", "mentions:Project",
                                  "mentions:TaskForce", "parent_of"), assigns=("mentions:Official",))
def run(doc: ArticleDoc) -> None:
    title_re, kinds = _titles()
    authors = set(doc.article.authors)
    for i, sent in enumerate(doc.sentences):
        text = sent.text
        matches = list(title_re.finditer(text))
        k = 0
        last: dict[str, tuple[str, Ref]] = {}  # the sentence's last region and body posts
        while k < len(matches):
            chain, k = _chain(text, matches, k)
            names = [(n, at) for n, at in _names(text, chain[-1].end(), title_re, doc.cut) if n not in authors]
            level = _chain_level(chain, kinds)
            _chain_posts(doc, i, chain, names, kinds, level, last)


def _chain_posts(doc: ArticleDoc, i: int, chain: list[re.Match], names: list[tuple[str, int]],
                 kinds: dict[str, str], level: str | None, last: dict[str, tuple[str, Ref]]) -> None:
    """Each name after the chain holds each of its posts (副书记X、Y: Y holds what X
    holds, so each starts from the posts seen before the chain)."""
    text, current = doc.sentences[i].text, doc.region[i]
    before = dict(last)
    for k, (name, at) in enumerate(names):
        person = Ref("Official", name, scope=current.name if current else "")
        seen = dict(before)
        for n, m in enumerate(chain):
            body = text[chain[n - 1].end():m.start()].lstrip("、") if n else None
            kind = kinds[m.group(0)]
            if n and not body and kind == "org" and (same := _same_body(chain[n - 1].group(0), m.group(0))):
                # 市人大常委会党组书记、常务副主任X: the second post is of the same body
                _region_title(doc, i, person, same, level, current)
                continue
            _post(doc, i, m, kind, person, current, body or None, level, seen)
        if k == 0:
            last.update(seen)
        # the visits component reads who is named where
        doc.add_mention(i, person, at, at + len(name))


_BODY = re.compile(r"^(.*?(?:人大常委会|政协|管委会))")


def _same_body(prev: str, title: str) -> str | None:
    """The title with the body of the title before it in the chain, where that one names
    a body and this one does not (县人大常委会党组书记 + 常务副主任)."""
    m = _BODY.match(prev)
    return m.group(1) + title if m and title.endswith(("主任", "主席")) else None


def _region_title(doc: ArticleDoc, i: int, person: Ref, title: str, level: str | None, current: Ref | None) -> None:
    holder = _holder_before(doc, i, doc.sentences[i].text.find(title))
    if holder is not None and holder.ref.type == "Region":
        region = holder.ref
    elif "管委会" in title:
        region = current if current is not None and level_of(current) == "zone" else doc.latest(i, len(doc.sentences[i].text), ("zone",))
    else:
        region = _level_region(doc, i, 0, current, levels.of_char()[level]) if level else current
    if region is not None:
        doc.emit(person, "HOLDS_POSITION", region, rule="region-post", at=i, props=(("title", title),))


def _chain(text: str, matches: list[re.Match], k: int) -> tuple[list[re.Match], int]:
    """Titles joined by '、' (or nothing), the last one followed by the name."""
    chain = [matches[k]]
    while k + 1 < len(matches) and _joins(text[chain[-1].end():matches[k + 1].start()]):
        k += 1
        chain.append(matches[k])
    return chain, k + 1


def _names(text: str, pos: int, title_re: re.Pattern, cut: Cut) -> list[tuple[str, int]]:
    """The names after a chain of titles, each with where it starts: one (县长X), several
    under one title (副县长X、Y), or one after a last title the list does not know
    (副县长、县公安局政委X: the known titles still hold)."""
    name = name_after(text, pos, cut)
    if name is None and text.startswith("、", pos):
        for p in range(pos + 3, min(len(text), pos + 32)):
            if text[p - 1] in ",;。:!?":
                break
            if text[p - 1] in "委长任记员理席" and (name := name_after(text, p, cut)):
                pos = p
                break
    if name is None:
        return []
    names, end = [(name, pos)], pos + len(name)
    while text.startswith("、", end) and not title_re.match(text, end + 1) and (more := name_after(text, end + 1, cut)):
        names.append((more, end + 1))
        end += 1 + len(more)
    return names


def _chain_level(chain: list[re.Match], kinds: dict[str, str]) -> str | None:
    """The level character of a chain's region titles (市委常委、宣传部长 -> 市)."""
    for m in chain:
        if kinds[m.group(0)] == "region":
            lv = next((c for c in m.group(0) if c in levels.chars()), None)
            if lv:
                return lv
    return None


def _joins(between: str) -> bool:
    """'、' or nothing between two titles; or '、' and the next title's body (、市重点产业发展领导小组组长)."""
    return between in ("、", "") or (between.startswith("、") and len(between) <= 16
                                     and not re.search(r"[,;。:、\s]", between[1:]))


def _holder_before(doc: ArticleDoc, i: int, start: int) -> Mention | None:
    for m in doc.mentions[i]:
        if m.end in (start, start + 1) and m.ref.type in ("Region", "Company", "Project", "TaskForce", "Organization"):
            return m
    return None


def _post(doc: ArticleDoc, i: int, m: re.Match, kind: str, person: Ref, current: Ref | None,
          body: str | None = None, chain_level: str | None = None,
          last: dict[str, tuple[str, Ref]] | None = None) -> None:
    text, title = doc.sentences[i].text, m.group(0)
    last = {} if last is None else last
    holder = _holder_before(doc, i, m.start())
    if kind == "region":
        title, region = _region_post(doc, i, m, holder, current, chain_level, last.get("region"))
        if region is not None:
            last["region"] = (title, region)
            doc.emit(person, "HOLDS_POSITION", region, rule="region-post", at=i, props=(("title", title),))
    elif holder is None and "body" in last and text[m.start() - 1:m.start()] == "、" and kind == "org":
        # a second post of the same body: 某公司董事长甲、总经理乙
        doc.emit(person, "HOLDS_POSITION", last["body"][1], rule="holder-post", at=i, props=(("title", title),))
    elif holder is None and text[max(0, m.start() - 2):m.start()] in ("该项", "项目") or title == "项目负责人":
        _project_lead(doc, i, person)
    elif holder is None and kind == "lead":
        _team_lead(doc, i, m, person, body)
    elif holder is None:
        _body_post(doc, i, m, person, last)
    else:
        _held_post(doc, i, holder, kind, person, title, last)


def _project_lead(doc: ArticleDoc, i: int, person: Ref) -> None:
    """项目负责人, 该项目…负责人: the project named last, here or before."""
    here = doc.found(i, "Project")
    target = here[-1].ref if here else doc.last_before(i, "Project")
    if target is not None:
        doc.emit(person, "LEADS", target, rule="project-lead", at=i)


def _team_lead(doc: ArticleDoc, i: int, m: re.Match, person: Ref, body: str | None) -> None:
    """组长, 指挥长: the team written before the title (or in the chain's body)."""
    title = m.group(0)
    surface = body or _team_before(doc, i, m)
    if title == "指挥长" and not surface.endswith("指挥部"):
        surface += "指挥部"  # X建设指挥长: the commander of X建设指挥部
    team = taskforce_name(surface, doc.region[i], [m.ref.name for m in doc.found(i, "Region")])
    if TASKFORCE_END.search(team) and len(surface) > 3:
        aliases = (surface,) if surface != team else ()
        ref = Ref("TaskForce", team, aliases=aliases)
        doc.emit(person, "LEADS", ref, rule="team-lead", at=i)
        if doc.region[i] is not None:
            doc.emit(ref, "LOCATED_IN", doc.region[i], rule="team-region", at=i)
        for industry in chain_industries(surface):
            doc.emit(ref, "IN_INDUSTRY", Ref("Industry", industry), rule="team-chain", at=i)


def chain_industries(surface: str) -> list[str]:
    """The industries of a chain named by a list sharing one head:
    市硅基、磁性、铝基新材料产业链 -> 硅基新材料, 磁性新材料, 铝基新材料 (the heads of
    the items before the last are as long as each other, the last one's the rest)."""
    m = re.search(r"([^,;。]+、[^,;。]+)产业链$", surface)
    if not m:
        return []
    items = m.group(1).split("、")
    items[0] = items[0][-len(items[1]):] if len(items) > 2 else items[0]
    width = {len(x) for x in items[:-1]}
    if len(width) != 1 or len(items[-1]) < width.pop() + 2:
        return []
    head = items[-1][len(items[0]):]
    return [x + head for x in items[:-1]] + [items[-1]]


def _body_post(doc: ArticleDoc, i: int, m: re.Match, person: Ref, last: dict[str, tuple[str, Ref]]) -> None:
    """A post in the body written before the title (该县招商投资服务中心负责人)."""
    text, title = doc.sentences[i].text, m.group(0)
    start = left_edge(text, m.start(), doc.cut, verbs=False)
    for ref_word in region_refs():
        if text[:start].endswith(ref_word):
            start -= len(ref_word)
            break
    org = text[start:m.start()]
    if not (lexicon_re("organization_suffixes", "(?:{})$").search(org) and len(org) >= 3):
        return
    home = _body_region(doc, i, org)
    surface = org[_ref_prefix_len(org):]
    org = _qualify(org, home)
    holder_ref = Ref("Organization", org, props=(("region", home.name if home else None),),
                     aliases=(surface,) if surface != org else ())
    last["body"] = (title, holder_ref)
    doc.emit(person, "HOLDS_POSITION", holder_ref, rule="body-post", at=i, props=(("title", title),))
    if home is not None:
        doc.emit(holder_ref, "LOCATED_IN", home, rule="body-region", at=i)


def _held_post(doc: ArticleDoc, i: int, holder: Mention, kind: str, person: Ref, title: str,
               last: dict[str, tuple[str, Ref]]) -> None:
    """A title right after a project, team, firm or body: its leader or post holder."""
    if holder.ref.type in ("Project", "TaskForce") or kind == "lead":
        doc.emit(person, "LEADS", holder.ref, rule="holder-lead", at=i)
    elif holder.ref.type in ("Company", "Organization"):
        last["body"] = (title, holder.ref)
        doc.emit(person, "HOLDS_POSITION", holder.ref, rule="holder-post", at=i, props=(("title", title),))


def _region_post(doc: ArticleDoc, i: int, m: re.Match, holder: Mention | None, current: Ref | None,
                 chain_level: str | None, last: tuple[str, Ref] | None) -> tuple[str, Ref | None]:
    """The title and region of a party, government, 人大 or 政协 post."""
    title = m.group(0)
    lv = next((c for c in title if c in levels.chars()), None)
    if title == "副书记":
        derived = _deputy(doc.sentences[i].text, m, chain_level, last)
        if derived is None or derived[1] is not None:
            return derived or (title, None)
        title, lv = derived[0], chain_level
    if holder is not None and holder.ref.type == "Region":
        return title, holder.ref  # ends at the title, or shares its level character (万荣县 + 委副书记)
    if "党工委" in title or "管委会" in title:
        return title, _zone_body_region(doc, i, m, current)
    lv = lv or chain_level
    return title, _level_region(doc, i, m.start(), current, levels.of_char()[lv]) if lv else current


def _zone_body_region(doc: ArticleDoc, i: int, m: re.Match, current: Ref | None) -> Ref | None:
    """A 党工委 or 管委会 post: of a 街道 (the town named last), else of the current zone
    or the zone named last."""
    if m.group(0).startswith("街道"):
        return doc.latest(i, m.start(), ("town",))
    if current is not None and level_of(current) == "zone":
        return current
    return doc.latest(i, m.start(), ("zone",))


def _deputy(text: str, m: re.Match, chain_level: str | None,
            last: tuple[str, Ref] | None) -> tuple[str, Ref | None] | None:
    """A bare 副书记: of the body of the 书记 just before (县委书记X,副书记Y), with that
    post's region; else of the chain's level (副书记、县长Y -> 县委副书记, region to find)."""
    if last is not None and last[0].endswith("书记") and not last[0].endswith("副书记") \
            and m.start() - (text.rfind(",", 0, m.start()) + 1) <= 1:
        return last[0][:-2] + "副书记", last[1]
    return (f"{chain_level}委副书记", None) if chain_level else None


def _team_before(doc: ArticleDoc, i: int, m: re.Match) -> str:
    """The team a lead title heads, written before it. A 指挥部 or an industrial chain
    keeps its verbs (城北新区建设指挥部) and its list (硅基、磁性、铝基新材料产业链)."""
    text = doc.sentences[i].text
    if m.group(0) not in ("指挥长", "链长"):
        start = left_edge(text, m.start(), doc.cut)
        # a task force found right before the title may reach further (A和B工作专班)
        spans = [t.start for t in doc.found(i, "TaskForce") if t.end == m.start() and t.start < start]
        return text[min(spans, default=start):m.start()]
    start = left_edge(text, m.start(), doc.cut, verbs=False)
    while start > 1 and text[start - 1] == "、" and m.group(0) == "链长":
        start = left_edge(text, start - 1, doc.cut, verbs=False)
    return text[start:m.start()]


def _body_region(doc: ArticleDoc, i: int, org: str) -> Ref | None:
    """Where a body is: a province's (省税务局) in the current region's province, a
    national one's (审计署…, 国家…) nowhere the page says, else the current region."""
    if org.startswith(tuple(lexicon("national_bodies"))):
        return None
    if org.startswith("省"):
        return _ancestor(doc, doc.region[i], "province")
    return doc.region[i]


def _qualify(org: str, region: Ref | None) -> str:
    """该县招商投资服务中心 -> 万荣县招商投资服务中心; 省税务局 -> 甘肃省税务局."""
    n = _ref_prefix_len(org)
    return region.name + org[n:] if n and region is not None else org


def _ref_prefix_len(org: str) -> int:
    """How much of ORG is a word for the current region (该县, 全市) or a bare level (县, 省)."""
    m = region_ref_re("县", "市", "区", "省").match(org)
    return m.end() if m else 0
