"""Context: the article's main region, section headings that switch region
(seed 002's county sections), and 该县/全县/我县 resolved to the current region."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from kg.extract.base import component
from kg.extract.doc import ArticleDoc, Mention
from kg.extract.zh.levels import lower_first
from kg.extract.zh.lists import alternation
from kg.extract.zh.names import firm_at, region_ref_re, region_refs
from kg.extract.zh.places import (
    Gazetteer,
    chain_at,
    find_places,
    gazetteer,
    level_of,
    region_ref,
    zone_words,
)
from kg.extract.zh.tokens import is_word
from kg.model import Ref
from kg.resources import lexicon

TITLE_WEIGHT = 3
_LINKS = ("与", "和", "同", "及", "跟", "、")  # joining two parties: no firm's name runs across


def _bare_zone(text: str) -> str | None:
    """A zone named without its place: 经开区, 市城乡一体化示范区, 开发区."""
    for w in zone_words():
        if text == w or (text.endswith(w) and len(text) <= len(w) + 1 and text[0] in "市县区"):
            return text
    return None


def _resolve_zone(word: str, zones: list[Ref], main: Ref | None, body: bool = False) -> Ref | None:
    """A bare zone word means the article's zone of that kind, or its main place's
    (in running text by the place's short form: 县经开区 on a 定远县 page -> 定远经开区)."""
    m = region_ref_re("县", "市", "区", whole=False).match(word)
    base = word[m.end() if m else 0:]
    for z in zones:
        if z.name.endswith(base):
            return z
    if main is None or (body and level_of(main) not in ("county", "district", "city")):
        return None
    gz = gazetteer()
    place = gz.places.get(main.name)
    short = place.short if place and place.short else main.name
    if body:
        return region_ref(short + base, "zone")
    if word[0] in "市县区" and word not in lexicon("zone_suffixes"):
        return region_ref(main.name + word[1:], "zone")
    return region_ref(short + word, "zone")


def _votes(doc: ArticleDoc, zones: list[Ref]) -> tuple[Counter[str], dict[str, Ref]]:
    """Each place named votes for itself, the title's TITLE_WEIGHT times, the page's
    source line's once; a place that opens a firm's name (重庆海螺公司, and so
    重庆海螺 elsewhere) does not vote. ZONES gets the zones named."""
    votes: Counter[str] = Counter()
    refs: dict[str, Ref] = {}
    stems = tuple(_firm_stems(doc))
    art = doc.article
    # (the source line is a fallback: a town's page may come from its county's newsroom)
    # (a title cut from the first sentence, on a page with no headline, is that sentence: no extra weight)
    derived = bool(doc.sentences) and doc.sentences[0].text.startswith(art.title)
    title = ((art.title, TITLE_WEIGHT),) if not derived else ()
    for text, weight in (*title, *((t, 1) for t in dict.fromkeys((art.source, art.publisher)) if t)):
        for m in _title_mentions(doc, text):
            votes[m.ref.name] += 0 if text.startswith(stems, m.start) else weight * _first_person(doc, m.ref, text)
            refs[m.ref.name] = m.ref
    for i, ms in enumerate(doc.mentions):
        text = doc.sentences[i].text
        for m in ms:
            votes[m.ref.name] += 0 if text.startswith(stems, m.start) else 1
            refs[m.ref.name] = m.ref
            if level_of(m.ref) == "zone":
                zones.append(m.ref)
    _bare_zone_votes(doc, zones, votes)
    return votes, refs


def _first_person(doc: ArticleDoc, ref: Ref, text: str) -> int:
    """The newsroom's own place (商洛日报 on a page saying 我市) is who 我市 is: it weighs as a title."""
    if text == doc.article.title:
        return 1
    # (我市/本县: the first-person words of schema/lexicons/region_refs.txt)
    mine = [w for w, lv in region_refs(whole=False).items() if w[0] in "我本" and lv == level_of(ref)]
    return TITLE_WEIGHT if mine and any(w in s.text for s in doc.sentences for w in mine) else 1


def _bare_zone_votes(doc: ArticleDoc, zones: list[Ref], votes: Counter[str]) -> None:
    """Bare zone words vote for the article's one zone of that kind (004: 开发区 -> 卢龙经济开发区)."""
    bare = Counter()
    for s in doc.sentences:
        for w in zone_words():
            bare[w] += s.text.count(w)
    for z in dict.fromkeys(zones):
        tails = [w for w in zone_words() if z.name.endswith(w)]
        if tails:  # the shortest tail (开发区) counts every way of writing the zone
            votes[z.name] += max(0, bare[tails[-1]] - zones.count(z))


def _firm_stems(doc: ArticleDoc) -> set[str]:
    """A place and the two characters after it, where they open a firm's name (重庆海螺)."""
    stems = set()
    for i, ms in enumerate(doc.mentions):
        text = doc.sentences[i].text
        for m in ms:
            if firm_at(text, m.start) and text[m.end:m.end + 1] not in "省市县区" \
                    and not text.startswith(_LINKS, m.end):  # 镇安县与陕西…有限公司: a place, then a firm
                stems.add(text[m.start:m.end + 2])
    return stems


def _main_region(doc: ArticleDoc, zones: list[Ref]) -> tuple[Ref | None, Counter[str], dict[str, Ref]]:
    """The place most voted for; of a tie, the lowest level. A page whose title names
    a bare zone (高新区召开…) is about that zone of its main place."""
    votes, refs = _votes(doc, zones)
    if not votes:
        return _hinted_region(doc), votes, refs
    best = max(votes.values())
    top = [n for n, v in votes.items() if v == best]
    main = refs[min(top, key=lambda n: lower_first(level_of(refs[n])))]
    if level_of(main) in ("county", "district", "city") and (m := _bare_zone_re().match(doc.article.title)):
        zone = _resolve_zone(m.group(0), zones, main, body=True)
        if zone is not None and zone not in zones:
            zones.append(zone)
            doc.set_parent(zone.name, main)
            if doc.sentences:
                doc.emit(zone, "PART_OF", main, rule="bare-zone", at=0)
        main = zone or main
    return main, votes, refs


@component("context", requires=("mentions:Region", "short_forms", "loose", "parent_of"),
           assigns=("region", "main_region", "mentions:Region"))
def run(doc: ArticleDoc) -> None:
    zones: list[Ref] = []
    main, votes, refs = _main_region(doc, zones)
    doc.set_main_region(main)
    _loose_parents(doc, main, votes, refs)
    current = main
    ref_words = region_refs()
    ref_re = re.compile(alternation(ref_words))
    for i, sent in enumerate(doc.sentences):
        if sent.heading:
            section = _section_region(doc, i, zones, main)
            if section is not None and section not in zones and section != main and main is not None \
                    and level_of(section) == "zone":
                zones.append(section)  # 经开区 in a 濮阳 article: 濮阳经开区, part of 濮阳市
                doc.emit(section, "PART_OF", main, rule="section-zone", at=i)
            current = section or current
        doc.set_region(i, current)
        _bare_zones(doc, i, zones, main)
        if current is not None:
            for m in ref_re.finditer(sent.text):
                ref = _referent(doc, i, m.start(), current, ref_words[m.group(0)])
                if ref is not None:
                    doc.add_mention(i, ref, m.start(), m.end())


_COUNTY_LEVELS = ("county", "district")


def _loose_parents(doc: ArticleDoc, main: Ref | None, votes: Counter[str], refs: dict[str, Ref]) -> None:
    """A town named on its own lies in the page's county: the main region, or on a
    town's own page the county-level place it names most; a village on a town's page
    lies in that town."""
    if not doc.loose:
        return
    county = _page_county(main, votes, refs)
    town = main if level_of(main) == "town" else None  # a town's page: its villages are its own
    for i, ms in enumerate(doc.mentions):
        for m in ms:
            if m.ref.name in doc.loose and m.ref.name not in doc.parent_of:
                parent = town if town is not None and level_of(m.ref) == "village" else county
                if parent is None or parent == m.ref:
                    continue
                doc.set_parent(m.ref.name, parent)
                doc.emit(m.ref, "PART_OF", parent, rule="loose-town", at=i)


def _page_county(main: Ref | None, votes: Counter[str], refs: dict[str, Ref]) -> Ref | None:
    """The page's county-level place: its main region, else the one it names most."""
    if level_of(main) in _COUNTY_LEVELS:
        return main
    named = [n for n in votes if level_of(refs[n]) in _COUNTY_LEVELS]
    return refs[max(sorted(named), key=votes.get)] if named else None


def _referent(doc: ArticleDoc, i: int, pos: int, current: Ref, level: str) -> Ref | None:
    """该县/我县 mean the current region if it is of that level, else the latest one
    named before; never a province."""
    here = level_of(current)
    if here == level or (level == "county" and here in _COUNTY_LEVELS + ("zone",)):
        return current
    latest = doc.latest(i, pos, _COUNTY_LEVELS if level == "county" else (level,))
    if latest is not None:
        return latest
    return None if here == "province" else current


def _bare_zones(doc: ArticleDoc, i: int, zones: list[Ref], main: Ref | None) -> None:
    """A zone written without its place in running text (县经开区, 开发区党工委) is the
    article's zone of that kind, or its main place's, part of that place."""
    text = doc.sentences[i].text
    taken = [(m.start, m.end) for m in doc.mentions[i]]
    for m in _bare_zone_re().finditer(text):
        s, e = m.span()
        if any(a < e and s < b for a, b in taken) or _inside_a_name(text, m):
            continue
        zone = _resolve_zone(m.group(0), zones, main, body=True)
        if zone is None:
            continue
        doc.add_mention(i, zone, s, e)
        taken.append((s, e))
        _new_zone(doc, i, zone, zones, main)


def _inside_a_name(text: str, m: re.Match) -> bool:
    """The zone word M is the end of a longer name (现代农业产业园区), unless 该县/县 opens
    it: 入驻该县经开区, 前往县经开区 (but not 城|市开发区: 城市 is a word)."""
    s = m.start()
    prefixed = m.group(0)[:2] in region_refs(whole=False) or (m.group(0)[0] in "县市区" and not (s and is_word(text[s - 1:s + 1])))
    return bool(s) and not prefixed and _glued(text[s - 1])


def _new_zone(doc: ArticleDoc, i: int, zone: Ref, zones: list[Ref], main: Ref | None) -> None:
    """A zone not seen before is part of the main place."""
    if zone not in zones:
            zones.append(zone)
            if main is not None and level_of(main) != "zone":
                doc.set_parent(zone.name, main)
                doc.emit(zone, "PART_OF", main, rule="bare-zone", at=i)


@cache
def _bare_zone_re() -> re.Pattern:
    return re.compile(rf"{region_ref_re('县', '市', '区', whole=False).pattern}?(?:{alternation(zone_words())})")


def _glued(ch: str) -> bool:
    """The character before a zone word makes it part of a longer name (现代农业产业园区)."""
    return "\u3400" <= ch <= "\u9fff" and ch not in "的在到和与、及"


def _hinted_region(doc: ArticleDoc) -> Ref | None:
    """The region of a page whose title, 来源 and body name no place: the place its dropped
    chrome (breadcrumb, related links) names, short forms included, if more than half the
    places named there are it or its ancestors (a 市 then its 县: the 县); else no guess."""
    gz = gazetteer()
    named: Counter[str] = Counter()
    refs: dict[str, Ref] = {}
    for text in doc.article.hints:
        for _s, _e, name, level, surface in find_places(text, set(gz.shorts)):
            named[name] += 1
            refs.setdefault(name, region_ref(name, level, surface))
    total = sum(named.values())
    for name in sorted(named, key=lambda n: (_depth(gz, n), n)):
        if 2 * sum(named[a] for a in _lineage(gz, name)) > total:
            return refs[name]
    return None


def _lineage(gz: Gazetteer, name: str) -> list[str]:
    """NAME and its ancestors in the place table."""
    out = []
    while name is not None and name not in out:
        out.append(name)
        name = gz.places[name].parent if name in gz.places else None
    return out


def _depth(gz: Gazetteer, name: str) -> int:
    """Minus the number of ancestors: the lowest place sorts first."""
    return 1 - len(_lineage(gz, name))


def _title_mentions(doc: ArticleDoc, title: str) -> list[Mention]:
    out = []
    for s, e, name, level, surface in find_places(title, doc.short_forms):
        start, end, ref = chain_at(title, s, e, region_ref(name, level, surface))[-1]
        out.append(Mention(ref, start, end))
    return out


def _section_region(doc: ArticleDoc, i: int, zones: list[Ref], main: Ref | None) -> Ref | None:
    """A heading that is a place name (濮阳县, 经开区) opens that place's section."""
    text = doc.sentences[i].text
    places = [m for m in doc.mentions[i] if m.ref.type == "Region"]
    if places and places[0].start == 0 and len(text) - places[0].end <= 2:
        return places[0].ref
    word = _bare_zone(text)
    if word:
        return _resolve_zone(word, zones, main)
    return None
