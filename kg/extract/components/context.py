"""Context: the article's main region, section headings that switch region
(seed 002's county sections), and 该县/全县/我县 resolved to the current region."""

from __future__ import annotations

import re
from collections import Counter

from kg.extract.base import component
from kg.extract.doc import ArticleDoc, Mention
from kg.extract.zh.levels import lower_first
from kg.extract.zh.lists import alternation
from kg.extract.zh.places import chain_at, find_places, gazetteer, level_of, region_ref, zone_words
from kg.model import Ref
from kg.resources import lexicon, lexicon_map

TITLE_WEIGHT = 3


def _bare_zone(text: str) -> str | None:
    """A zone named without its place: 经开区, 市城乡一体化示范区, 开发区."""
    for w in zone_words():
        if text == w or (text.endswith(w) and len(text) <= len(w) + 1 and text[0] in "市县区"):
            return text
    return None


def _resolve_zone(word: str, zones: list[Ref], main: Ref | None) -> Ref | None:
    """A bare zone word means the article's zone of that kind, or its main place's."""
    for z in zones:
        if z.name.endswith(word.lstrip("市县区")):
            return z
    if main is None:
        return None
    gz = gazetteer()
    place = gz.places.get(main.name)
    if word[0] in "市县区" and word not in lexicon("zone_suffixes"):
        return region_ref(main.name + word[1:], "zone")
    short = place.short if place and place.short else main.name
    return region_ref(short + word, "zone")


def _main_region(doc: ArticleDoc, zones: list[Ref]) -> Ref | None:
    """The place most named (the title's places count TITLE_WEIGHT times); of a tie,
    the lowest level. ZONES gets the zones named."""
    votes: Counter[str] = Counter()
    refs: dict[str, Ref] = {}
    for m in _title_mentions(doc):
        votes[m.ref.name] += TITLE_WEIGHT
        refs[m.ref.name] = m.ref
    for ms in doc.mentions:
        for m in ms:
            votes[m.ref.name] += 1
            refs[m.ref.name] = m.ref
            if level_of(m.ref) == "zone":
                zones.append(m.ref)
    # Bare zone words vote for the article's one zone of that kind (004: 开发区 -> 卢龙经济开发区).
    bare = Counter()
    for s in doc.sentences:
        for w in zone_words():
            bare[w] += s.text.count(w)
    for z in dict.fromkeys(zones):
        tails = [w for w in zone_words() if z.name.endswith(w)]
        if tails:  # the shortest tail (开发区) counts every way of writing the zone
            votes[z.name] += max(0, bare[tails[-1]] - zones.count(z))
    if not votes:
        return None
    best = max(votes.values())
    top = [n for n, v in votes.items() if v == best]
    return refs[min(top, key=lambda n: lower_first(level_of(refs[n])))]


@component("context", requires=("mentions:Region", "short_forms"),
           assigns=("region", "main_region", "mentions:Region"))
def run(doc: ArticleDoc) -> None:
    zones: list[Ref] = []
    main = _main_region(doc, zones)
    doc.set_main_region(main)
    current = main
    ref_re = re.compile(alternation(lexicon_map("region_refs")))
    for i, sent in enumerate(doc.sentences):
        if sent.heading:
            section = _section_region(doc, i, zones, main)
            if section is not None and section not in zones and section != main and main is not None \
                    and level_of(section) == "zone":
                zones.append(section)  # 经开区 in a 濮阳 article: 濮阳经开区, part of 濮阳市
                doc.emit(section, "PART_OF", main, rule="section-zone", at=i)
            current = section or current
        doc.set_region(i, current)
        if current is not None:
            for m in ref_re.finditer(sent.text):
                doc.add_mention(i, current, m.start(), m.end())


def _title_mentions(doc: ArticleDoc) -> list[Mention]:
    title = doc.article.title
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
