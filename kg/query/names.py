"""Names as people write them -> the graph's nodes.

A name given to `kg query` or `kg viz` is normalised exactly as the corpus is
(kg.normalize: full-width forms, Traditional characters, spaces, brackets), so
`宝豐縣` and `河南（宝丰）…` find what the articles wrote as 宝丰县 and 河南(宝丰)….
It is then matched, in this order, against:

1. names and aliases, exactly (one indexed lookup in the store);
2. a name that is the given one plus an administrative suffix (宝丰 -> 宝丰县);
3. a name that contains the given one (对位芳纶 -> 年产1万吨对位芳纶…项目), when
   only one node does.

When nothing matches, `NotFound` carries one line with the closest names,
ranked by rapidfuzz (a maintained C++ fuzzy matcher: WRatio weighs partial
and reordered matches, which suits names cut or padded by their region).

The same resolver runs on the embedded store (SPARQL), on Neo4j (Cypher) and
on a graph held in memory (`kg viz`), through a `Names` source for each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from kg.normalize.text import normalize
from kg.resources import lexicon_map

# Node types a name can stand for (documents and amounts are not looked up by name).
NAMED_TYPES = ("Region", "Organization", "Official", "TaskForce", "Project", "Company", "Industry")
SUGGESTIONS = 3

_SPACE_NEAR_HAN = re.compile(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")


class NotFound(LookupError):
    """No node (or more than one node, for a partial name) answers a name; the message says which."""


@dataclass(frozen=True)
class Entry:
    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Names(Protocol):
    """Where the resolver looks names up."""

    def exact(self, key: str) -> list[Entry]: ...  # nodes whose name or an alias is KEY

    def all(self) -> Iterable[Entry]: ...  # every named node (the slow path, on a miss)


def key(text: str) -> str:
    """A name as the corpus would hold it: kg.normalize, and no spaces next to Han characters."""
    return _SPACE_NEAR_HAN.sub("", normalize(text))


@cache
def _suffixes() -> tuple[str, ...]:
    return tuple(sorted(lexicon_map("region_suffixes"), key=len, reverse=True))


def resolve(source: Names, text: str, types: Sequence[str] | None = None,
            what: str = "node") -> list[Entry]:
    """The nodes TEXT names, of one of TYPES (any named type when None); raises NotFound."""
    k = key(text)
    allowed = set(types or NAMED_TYPES)
    if not k:
        raise NotFound(f"an empty {what} name")
    hits = [e for e in source.exact(k) if e.type in allowed]
    if hits:
        return sorted(set(hits), key=lambda e: e.id)
    entries = [e for e in source.all() if e.type in allowed]
    suffixed = {e for e in entries if _suffixed(k, e)}
    if suffixed:
        return sorted(suffixed, key=lambda e: e.id)
    return _within(source, k, text, what, entries)


def _within(source: Names, k: str, text: str, what: str, entries: list[Entry]) -> list[Entry]:
    """The one node with K inside a name; else NotFound naming the several, or the closest."""
    within = {e for e in entries if any(k in n for n in e.names())}
    if len(within) == 1:
        return list(within)
    if within:
        raise NotFound(_several(what, text, within))
    close = suggest(k, entries) or suggest(k, [e for e in source.all() if e.type in NAMED_TYPES])
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise NotFound(f"no {what} named {text!r} in the graph{hint}")


def _suffixed(k: str, e: Entry) -> bool:
    """A name of E is K and a region suffix (宝丰 -> 宝丰县)."""
    return any(n.startswith(k) and n[len(k):] in _suffixes() for n in e.names())


def _several(what: str, text: str, within: set[Entry]) -> str:
    """TEXT is inside several names: the shortest five of them."""
    shown = sorted({e.name for e in within}, key=lambda n: (len(n), n))
    more = f" and {len(shown) - 5} more" if len(shown) > 5 else ""
    return f"{what} {text!r} is part of several names: {', '.join(shown[:5])}{more}; give one of them"


def suggest(k: str, entries: Iterable[Entry], limit: int = SUGGESTIONS) -> list[str]:
    """The names closest to K, best first (each node once, by its name)."""
    from rapidfuzz import fuzz, process

    by_name: dict[str, str] = {}
    for e in entries:
        for n in e.names():
            by_name.setdefault(n, e.name)
    ranked = process.extract(k, list(by_name), scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=50)
    # ties broken by the name, so the line is the same on every run
    ranked.sort(key=lambda m: (-m[1], m[0]))
    out: list[str] = []
    for name, _score, _ in ranked:
        shown = by_name[name]
        if shown not in out:
            out.append(shown)
    return out[:limit]


# --- sources ----------------------------------------------------------------

class GraphNames:
    """Names of a graph held in memory (kg.graph.Graph)."""

    def __init__(self, graph) -> None:
        self._entries = [Entry(n.id, n.type, n.name, tuple(sorted(n.aliases)))
                         for n in graph.nodes.values() if n.type in NAMED_TYPES]
        self._by_name: dict[str, list[Entry]] = {}
        for e in self._entries:
            for n in set(e.names()):
                self._by_name.setdefault(n, []).append(e)

    def exact(self, key: str) -> list[Entry]:
        return list(self._by_name.get(key, ()))

    def all(self) -> Iterable[Entry]:
        return self._entries


_SPARQL_EXACT = """PREFIX kg: <https://w3id.org/cnkg#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?n ?cls ?name ?key WHERE {
  { ?n kg:name ?key } UNION { ?n kg:alias ?key }
  ?n kg:name ?name ; rdf:type ?cls .
}"""
_SPARQL_ALL = """PREFIX kg: <https://w3id.org/cnkg#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?n ?cls ?name ?alias WHERE {
  ?n rdf:type ?cls ; kg:name ?name .
  OPTIONAL { ?n kg:alias ?alias }
}"""


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class SparqlNames:
    """Names in a SPARQL store (kg.store.OxigraphStore or RdflibStore)."""

    def __init__(self, store) -> None:
        self._store = store
        self._all: list[Entry] | None = None

    def exact(self, key: str) -> list[Entry]:
        rows = self._store.select(_SPARQL_EXACT, {"key": key}).rows
        return [Entry(_node_id(r["n"]), _local(r["cls"]), r["name"]) for r in rows]

    def all(self) -> Iterable[Entry]:
        if self._all is None:
            found: dict[str, tuple[str, str, list[str]]] = {}
            for r in self._store.select(_SPARQL_ALL).rows:
                t, name, aliases = found.setdefault(r["n"], (_local(r["cls"]), r["name"], []))
                if r["alias"]:
                    aliases.append(r["alias"])
            self._all = [Entry(_node_id(n), t, name, tuple(sorted(a)))
                         for n, (t, name, a) in sorted(found.items())]
        return self._all


def _node_id(iri: str) -> str:
    from urllib.parse import unquote

    from kg.rdf import ID

    return unquote(iri[len(ID):]) if iri.startswith(ID) else iri


_CYPHER_EXACT = ("MATCH (n) WHERE n.name = $key OR $key IN n.aliases "
                 "RETURN n.id AS id, labels(n)[0] AS type, n.name AS name")
_CYPHER_ALL = ("MATCH (n) WHERE n.name IS NOT NULL "
               "RETURN n.id AS id, labels(n)[0] AS type, n.name AS name, n.aliases AS aliases")


class CypherNames:
    """Names in Neo4j (kg.store.cypher.Neo4jStore)."""

    def __init__(self, store) -> None:
        self._store = store
        self._all: list[Entry] | None = None

    def exact(self, key: str) -> list[Entry]:
        return [Entry(r["id"], r["type"], r["name"]) for r in self._store.select(_CYPHER_EXACT, {"key": key}).rows]

    def all(self) -> Iterable[Entry]:
        if self._all is None:
            self._all = sorted((Entry(r["id"], r["type"], r["name"], tuple(sorted(r["aliases"] or ())))
                                for r in self._store.select(_CYPHER_ALL).rows), key=lambda e: e.id)
        return self._all
