"""Stage 5: the graph of docs/SCHEMA.md, and its `graph.jsonl` exchange format."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.atomic import write_lines
from kg.model import document_id

NODE_TYPES = (
    "Region", "Organization", "Official", "TaskForce", "Project",
    "Company", "Industry", "Amount", "Document",
)
EDGE_TYPES = (
    "IMPLEMENTS", "INVESTS", "LEADS", "HOLDS_POSITION", "LOCATED_IN", "PART_OF",
    "UNDERTAKES", "SIGNED", "IN_INDUSTRY", "VISITED", "MENTIONED_IN",
)


def dumps_record(obj) -> str:
    """One graph.jsonl line."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=False, separators=(", ", ": "))


@dataclass
class Node:
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    props: dict = field(default_factory=dict)

    def record(self) -> dict:
        return {"kind": "node", "id": self.id, "type": self.type, "name": self.name,
                "aliases": sorted(self.aliases), "props": dict(sorted(self.props.items()))}


@dataclass
class Edge:
    type: str
    src: str
    dst: str
    props: dict = field(default_factory=dict)
    provenance: list[dict] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str, str]:
        props = json.dumps(self.props, sort_keys=True, ensure_ascii=False) if self.props else "{}"
        return (self.type, self.src, self.dst, props)

    def sorted_provenance(self) -> list[dict]:
        return sorted(self.provenance, key=prov_key)

    def record(self) -> dict:
        prov = self.sorted_provenance()
        return {"kind": "edge", "type": self.type, "src": self.src, "dst": self.dst,
                "props": dict(sorted(self.props.items())), "provenance": prov}


def merge_node(have: Node, node: Node) -> None:
    """Fold a later NODE with the same id into HAVE: the first name and props win."""
    for a in node.aliases:
        if a not in have.aliases and a != have.name:
            have.aliases.append(a)
    for k, v in node.props.items():
        have.props.setdefault(k, v)


def prov_key(p: dict) -> tuple:
    """One sentence behind an edge: an edge lists each at most once."""
    return (p["doc"], p["article"], p["start"], p["extractor"])


def merge_edge(have: Edge, edge: Edge, seen: set | None = None) -> None:
    """Fold a later EDGE with the same key into HAVE: its sentences not already
    there. SEEN: the prov_keys of HAVE's sentences, when the caller keeps them."""
    if seen is None:
        seen = {prov_key(p) for p in have.provenance}
    for p in edge.provenance:
        k = prov_key(p)
        if k not in seen:
            seen.add(k)
            have.provenance.append(p)


class Graph:
    """Nodes by id and edges by (type, src, dst, props); merging is idempotent."""

    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.edges: dict[tuple, Edge] = {}
        # prov_keys of edges seen more than once: an edge named in a thousand
        # articles is merged a thousand times, and must not rescan its sentences.
        self._seen: dict[tuple, set] = {}

    def __getstate__(self) -> dict:
        return {"nodes": self.nodes, "edges": self.edges}

    def __setstate__(self, state: dict) -> None:
        self.__init__()
        self.nodes, self.edges = state["nodes"], state["edges"]

    def add_node(self, node: Node) -> Node:
        have = self.nodes.get(node.id)
        if have is None:
            self.nodes[node.id] = node
            return node
        merge_node(have, node)
        return have

    def add_edge(self, edge: Edge) -> Edge:
        key = edge.key
        have = self.edges.get(key)
        if have is None:
            self.edges[key] = edge
            return edge
        seen = self._seen.get(key)
        if seen is None:
            seen = self._seen[key] = {prov_key(p) for p in have.provenance}
        merge_edge(have, edge, seen)
        return have

    def add(self, item: Node | Edge) -> Node | Edge:
        return self.add_node(item) if isinstance(item, Node) else self.add_edge(item)

    def size(self) -> int:
        """Nodes, edges and sentences behind edges: a measure of the memory it takes."""
        return len(self.nodes) + sum(1 + len(e.provenance) for e in self.edges.values())

    def items(self) -> Iterator[Node | Edge]:
        """Nodes then edges, each in a stable order: same graph, same bytes."""
        for nid in sorted(self.nodes):
            yield self.nodes[nid]
        for key in sorted(self.edges):
            yield self.edges[key]

    def records(self) -> Iterator[dict]:
        return (item.record() for item in self.items())


def at_least(graph: Graph, min_confidence: float) -> Graph:
    """The facts of GRAPH that a sentence gives with at least MIN_CONFIDENCE: each
    edge keeps those sentences (an edge with none left goes), and the nodes the
    kept edges touch. `kg query`/`kg viz --min-confidence` read this graph."""
    return keeping(graph, lambda p: float(p.get("confidence", 1.0)) >= min_confidence)


def dated(graph: Graph, since: str | None, until: str | None) -> Graph:
    """The facts of GRAPH that articles dated from SINCE to UNTIL (ISO dates, either
    may be None) give, as `at_least` keeps them; undated articles are left out, as
    `kg query --since/--until` leaves them out. `kg viz --since/--until` reads this graph."""
    dates = {n.id: str(n.props.get("date") or "") for n in graph.nodes.values() if n.type == "Document"}

    def within(p: dict) -> bool:
        d = dates.get(document_id(p["doc"], p["article"]), "")
        return bool(d) and (since is None or d >= since) and (until is None or d <= until)

    return keeping(graph, within)


def keeping(graph: Graph, keep) -> Graph:
    """GRAPH with only the sentences KEEP(provenance entry) is true of, the edges
    that still have one, and the nodes those edges touch."""
    out = Graph()
    for key in sorted(graph.edges):
        e = graph.edges[key]
        prov = [p for p in e.provenance if keep(p)]
        if not prov:
            continue
        for nid in (e.src, e.dst):
            if nid not in out.nodes:
                out.add_node(graph.nodes[nid])
        out.add_edge(Edge(e.type, e.src, e.dst, dict(e.props), prov))
    return out


def write_jsonl(graph: Graph, path: Path) -> None:
    write_lines(path, (dumps_record(r) for r in graph.records()))


def read_jsonl(path: Path) -> Graph:
    g = Graph()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                add_record(g, json.loads(line))
    return g


def add_record(g: Graph, r: dict) -> None:
    item = from_record(r)
    if item is not None:
        g.add(item)


def from_record(r: dict) -> Node | Edge | None:
    """A graph.jsonl record as a Node or an Edge (None for another kind of line)."""
    if r.get("kind") == "node":
        return Node(r["id"], r["type"], r["name"], list(r.get("aliases", [])), dict(r.get("props", {})))
    if r.get("kind") == "edge":
        return Edge(r["type"], r["src"], r["dst"], dict(r.get("props", {})), list(r.get("provenance", [])))
    return None


def iter_lines(records: Iterable[dict]) -> Iterator[str]:
    return (dumps_record(r) for r in records)
