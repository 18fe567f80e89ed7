"""Which part of the graph a view shows: a canned query's rows, an entity's
neighbourhood, a region, the shortest paths between two entities, or all of it.
Names are looked up as people write them (kg.query.names)."""

from __future__ import annotations

from pathlib import Path

from kg.graph import Graph
from kg.view import Selection, from_rows, neighbourhood, region, whole


def choose(graph: Graph, out: Path, store=None, *, query_name: str | None = None,
           params: dict[str, str] | None = None, entity: str | None = None, hops: int = 1,
           region_name: str | None = None, path: tuple[str, str] | None = None) -> Selection:
    """The selection the options name (at most one of them; none: the whole graph).
    Raises NotFound for a name that matches nothing, StoreError for a failed query."""
    if query_name:
        return _query_rows(graph, out, store, query_name, params or {})
    if entity:
        return neighbourhood(graph, _named(graph, entity), hops)
    if region_name:
        return region(graph, _named(graph, region_name, ("Region",), "region"))
    if path:
        return _paths(graph, path)
    return whole(graph)


def _named(graph: Graph, name: str, types: tuple[str, ...] | None = None, what: str = "entity") -> str:
    from kg.query.names import GraphNames, resolve

    (hit, *_) = resolve(GraphNames(graph), name, types, what=what)
    return hit.name


def _query_rows(graph: Graph, out: Path, store, name: str, given: dict[str, str]) -> Selection:
    from kg.query import run_sparql

    result = run_sparql(name, given, out, store)
    shown = " ".join(f"-p {k}={v}" for k, v in given.items())
    return from_rows(graph, f"{name} {shown}".strip(), result.rows)


def _paths(graph: Graph, path: tuple[str, str]) -> Selection:
    from kg.query.path import shortest

    ends = [_named(graph, name) for name in path]
    rows = shortest(graph, *ends).rows
    return from_rows(graph, f"{ends[0]} … {ends[1]}", [{"from": r["from"], "to": r["to"]} for r in rows])
