"""Regions: divisions from the table, development zones, and towns/villages named
in a chain after a known place (福建省寿宁县南阳镇东吉洋村). PART_OF comes from
such chains and from the division table."""

from __future__ import annotations

from kg.extract.base import component
from kg.extract.doc import ArticleDoc
from kg.extract.zh.levels import tier
from kg.extract.zh.places import chain_at, find_places, gazetteer, level_of, region_ref
from kg.model import Ref


@component("regions", assigns=("mentions:Region", "short_forms"))
def run(doc: ArticleDoc) -> None:
    gz = gazetteer()
    # County short forms (宝丰) count only where the article also writes the full form.
    full_text = doc.article.title + "".join(s.text for s in doc.sentences)
    doc.set_short_forms({p.short for p in map(gz.places.get, gz.names_in(full_text)) if p.short})
    seen_parent: set[tuple[str, str]] = set()
    for i, sent in enumerate(doc.sentences):
        found: list[tuple[int, int, Ref]] = []
        for start, end, name, level, surface in find_places(sent.text, doc.short_forms):
            chain = chain_at(sent.text, start, end, region_ref(name, level, surface))
            for (_, _, child), (_, _, parent) in zip(chain[1:], chain):
                doc.emit(child, "PART_OF", parent, rule="chain", at=i)
            found.extend(chain)
        # Places written one after another (四川省广元市, 贵州省贵阳市修文县) form a chain
        # too, and so does a place in brackets after its province (河南(宝丰)…产业园).
        for (_, e1, a), (s2, _, b) in zip(found, found[1:]):
            if sent.text[e1:s2] in ("", "(") and _rank(a) < _rank(b) and b.name != a.name:
                doc.emit(b, "PART_OF", a, rule="adjacent", at=i)
        for k, (start, end, ref) in enumerate(found):
            nxt = found[k + 1] if k + 1 < len(found) else None
            if not (nxt and nxt[0] == start and _rank(nxt[2]) == tier("zone")):
                # (a place written only as the prefix of its zone is not itself mentioned)
                doc.add_mention(i, ref, start, end)
            _parents(doc, i, ref.name, seen_parent)


def _parents(doc: ArticleDoc, i: int, child: str, seen: set[tuple[str, str]]) -> None:
    """The division table gives the parents of every county and city named."""
    gz = gazetteer()
    while (parent := gz.parent(child)) and (child, parent) not in seen:
        seen.add((child, parent))
        doc.emit(region_ref(child, gz.places[child].level), "PART_OF",
                 region_ref(parent, gz.places[parent].level), rule="division-table", at=i)
        child = parent


def _rank(ref: Ref) -> int:
    return tier(level_of(ref) or "")
