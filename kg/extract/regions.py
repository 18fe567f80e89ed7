"""Regions: divisions from the table, development zones, and towns/villages named
in a chain after a known place (福建省寿宁县南阳镇东吉洋村). PART_OF comes from
such chains and from the division table."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from kg.extract import register
from kg.extract.doc import ArticleDoc, Mention
from kg.extract.gazetteer import gazetteer
from kg.model import Fact, Ref
from kg.resources import lexicon, lexicon_map

HAN = "\u3400-\u9fff"


def region_ref(name: str, level: str, alias: str | None = None) -> Ref:
    aliases = (alias,) if alias and alias != name else ()
    return Ref("Region", name, props=(("level", level),), aliases=aliases)


@cache
def _zone_re() -> re.Pattern:
    zones = "|".join(sorted(map(re.escape, lexicon("zone_suffixes")), key=len, reverse=True))
    return re.compile(rf"(?:[{HAN}]{{0,4}}?)(?:{zones})")


@cache
def _subdivision_re() -> re.Pattern:
    return re.compile(rf"[{HAN}]{{2,4}}?(?:镇|乡|街道|社区|村)(?![{HAN}]{{0,1}}(?:委|民|干部|级|里|内|庄))")


_SUFFIX_CHARS = set("县市区省镇乡村州盟旗")


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _inside_word(text: str, start: int, end: int) -> bool:
    from kg.extract.tokens import is_word
    for a in range(max(0, start - 2), start + 1):
        for b in range(end, min(len(text), end + 2) + 1):
            if (a, b) != (start, end) and is_word(text[a:b]):
                return True
    return False


def find_places(text: str, allow_short: set[str] | None = None) -> list[tuple[int, int, str, str, str]]:
    """(start, end, full name, level, surface) of table places, longest match first."""
    gz = gazetteer()
    out = []
    i, n = 0, len(text)
    starts = gz.starts
    while i < n:
        hit = None
        for L in starts.get(text[i : i + 2], ()):
            if L > n - i:
                continue
            s = text[i : i + L]
            if s in gz.places and (L > 2 or i == 0 or not _is_han(text[i - 1])):
                # A two-character name (范县, 和县) inside running text is usually a word part (示范县).
                p = gz.places[s]
                hit = (i, i + L, s, p.level, s)
                break
            full = gz.shorts.get(s)
            if full and (gz.places[full].level in ("province", "city") or (allow_short and s in allow_short)
                         or _zone_re().match(text, i + L)):  # 卢龙经济开发区 names its county
                # A short form glued to a region suffix is another place (濮阳县, 南阳镇), and
                # one inside a longer dictionary word is no place at all (真金白银).
                if text[i + L : i + L + 1] not in _SUFFIX_CHARS and not _inside_word(text, i, i + L):
                    hit = (i, i + L, full, gz.places[full].level, s)
                    break
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return out


@register("regions")
def run(doc: ArticleDoc) -> Iterator[Fact]:
    gz = gazetteer()
    # County short forms (宝丰) count only where the article also writes the full form.
    full_text = doc.article.title + "".join(s.text for s in doc.sentences)
    allow = doc.short_forms = {p.short for p in map(gz.places.get, gz.names_in(full_text)) if p.short}
    seen_parent: set[tuple[str, str]] = set()
    for i, sent in enumerate(doc.sentences):
        found: list[tuple[int, int, Ref]] = []
        for start, end, name, level, surface in find_places(sent.text, allow):
            chain = _extend(sent.text, start, end, region_ref(name, level, surface))
            for (_, _, child), (_, _, parent) in zip(chain[1:], chain):
                yield Fact(child, "PART_OF", parent, sent, "regions", 0.85)
            found.extend(chain)
        # Places written one after another (四川省广元市, 贵州省贵阳市修文县) form a chain
        # too, and so does a place in brackets after its province (河南(宝丰)…产业园).
        for (_, e1, a), (s2, _, b) in zip(found, found[1:]):
            if sent.text[e1:s2] in ("", "(") and _rank(a) < _rank(b) and b.name != a.name:
                yield Fact(b, "PART_OF", a, sent, "regions", 0.9)
        for k, (start, end, ref) in enumerate(found):
            nxt = found[k + 1] if k + 1 < len(found) else None
            if not (nxt and nxt[0] == start and _rank(nxt[2]) == _RANKS["zone"]):
                # (a place written only as the prefix of its zone is not itself mentioned)
                doc.mentions[i].append(Mention(ref, start, end))
            # The division table gives the parents of every county and city named.
            child = ref.name
            while (parent := gz.parent(child)) and (child, parent) not in seen_parent:
                seen_parent.add((child, parent))
                yield Fact(region_ref(child, gz.places[child].level), "PART_OF",
                           region_ref(parent, gz.places[parent].level), sent, "division-table", 0.7)
                child = parent


def _extend(text: str, start: int, end: int, place: Ref) -> list[tuple[int, int, Ref]]:
    """The place, then any zone (合肥经开区, 万荣皇甫工业园区) or town/village written right after it."""
    chain = [(start, end, place)]
    pos = end
    while not _place_at(text, pos):
        if m := _zone_re().match(text, pos):
            # A zone keeps the place name it is written with: 合肥经开区, 卢龙经济开发区.
            chain.append((start, m.end(), region_ref(text[start:m.end()], "zone")))
        elif m := _subdivision_re().match(text, pos):
            chain.append((pos, m.end(), region_ref(m.group(0), _sub_level(m.group(0)))))
        else:
            break
        pos = m.end()
    return chain


def _place_at(text: str, pos: int) -> bool:
    """A table place starts at pos: the chain stops there and that place starts its own."""
    hits = find_places(text[pos : pos + gazetteer().maxlen])
    return bool(hits) and hits[0][0] == 0


_RANKS = {"province": 0, "city": 1, "county": 2, "district": 2, "zone": 3, "town": 4, "village": 5}


def _rank(ref: Ref) -> int:
    return _RANKS.get(dict(ref.props).get("level", ""), 9)


def _sub_level(word: str) -> str:
    for suffix, level in lexicon_map("region_suffixes").items():
        if word.endswith(suffix):
            return level
    return "town"


