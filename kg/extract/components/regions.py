"""Regions: divisions from the table, development zones, and towns/villages named
in a chain after a known place (福建省寿宁县南阳镇东吉洋村). PART_OF comes from
such chains and from the division table."""

from __future__ import annotations

from kg.extract.base import component
from kg.extract.doc import ArticleDoc
from kg.extract.zh.levels import tier
from kg.extract.zh.places import (
    chain_at,
    find_places,
    gazetteer,
    implied_short,
    level_of,
    loose_towns,
    parent_of_place,
    region_ref,
)
from kg.extract.zh.spans import boundary_words
from kg.model import Ref


@component("regions", assigns=("mentions:Region", "short_forms", "loose", "parent_of"))
def run(doc: ArticleDoc) -> None:
    doc.set_short_forms(_short_forms(doc))
    seen_parent: set[tuple[str, str]] = set()
    for i, sent in enumerate(doc.sentences):
        found = _places(doc, i)
        # Places written one after another (四川省广元市, 贵州省贵阳市修文县) form a chain
        # too, and so does a place in brackets after its province (河南(宝丰)…产业园).
        for (_, e1, a), (s2, _, b) in zip(found, found[1:]):
            if sent.text[e1:s2] in ("", "(") and _rank(a) < _rank(b) and b.name != a.name:
                doc.emit(b, "PART_OF", a, rule="adjacent", at=i)
        _mention(doc, i, found, seen_parent)


def _short_forms(doc: ArticleDoc) -> set[str]:
    """County short forms (宝丰) count only where the article (or its source line) also
    writes the full form, or where it writes no county in full at all (implied_short)."""
    gz = gazetteer()
    art = doc.article
    full_text = "\n".join([art.title, art.source or "", art.publisher or "", *(s.text for s in doc.sentences)])
    written = gz.names_in(full_text)
    return {p.short for p in map(gz.places.get, written) if p.short} | implied_short(full_text, written)


def _mention(doc: ArticleDoc, i: int, found: list[tuple[int, int, Ref]], seen_parent: set[tuple[str, str]]) -> None:
    """Each place found is mentioned, with its parents from the table."""
    for k, (start, end, ref) in enumerate(found):
            nxt = found[k + 1] if k + 1 < len(found) else None
            if not (nxt and nxt[0] == start and _rank(nxt[2]) == tier("zone")):
                # (a place written only as the prefix of its zone is not itself mentioned)
                doc.add_mention(i, ref, start, end)
            _parents(doc, i, ref.name, seen_parent)


def _places(doc: ArticleDoc, i: int) -> list[tuple[int, int, Ref]]:
    """The places of sentence I in text order: table places with the zones and towns
    written after them (PART_OF each to the one before), then towns written alone."""
    text = doc.sentences[i].text
    found: list[tuple[int, int, Ref]] = []
    for start, end, name, level, surface in find_places(text, doc.short_forms):
        chain = chain_at(text, start, end, region_ref(name, level, surface))
        for (_, _, child), (_, _, parent) in zip(chain[1:], chain):
            doc.set_parent(child.name, parent)
            doc.emit(child, "PART_OF", parent, rule="chain", at=i)
        found.extend(chain)
    for start, end, ref in loose_towns(text, [(a, b) for a, b, _ in found], _opens):
        doc.add_loose(ref.name)
        found.append((start, end, ref))
    return sorted(found, key=lambda t: t[0])


def _parents(doc: ArticleDoc, i: int, child: str, seen: set[tuple[str, str]]) -> None:
    """The division table gives the parents of every county and city named."""
    gz = gazetteer()
    while (parent := parent_of_place(child)) and (child, parent) not in seen:
        seen.add((child, parent))
        level = gz.places[child].level if child in gz.places else "county"  # (a renamed 县)
        if child not in gz.places:
            doc.set_parent(child, region_ref(parent, gz.places[parent].level))
        doc.emit(region_ref(child, level), "PART_OF",
                 region_ref(parent, gz.places[parent].level), rule="division-table", at=i)
        child = parent


def _opens(text: str, start: int) -> bool:
    """A name may start here: at a clause's start or after a verb or preposition."""
    return not start or not ("\u3400" <= text[start - 1] <= "\u9fff") or text[:start].endswith(tuple(boundary_words()))


def _rank(ref: Ref) -> int:
    return tier(level_of(ref) or "")
