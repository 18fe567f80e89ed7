"""Stage 5: the graph of SCHEMA.md, and its `graph.jsonl` exchange format."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.atomic import write_lines

NODE_TYPES = (
    "Region", "Organization", "Official", "TaskForce", "Project",
    "Company", "Industry", "Amount", "Document",
)
EDGE_TYPES = (
    "IMPLEMENTS", "INVESTS", "LEADS", "HOLDS_POSITION", "LOCATED_IN", "PART_OF",
    "UNDERTAKES", "SIGNED", "IN_INDUSTRY", "VISITED", "MENTIONED_IN",
)


def _dumps(obj) -> str:
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
        return (self.type, self.src, self.dst, json.dumps(self.props, sort_keys=True, ensure_ascii=False))

    def record(self) -> dict:
        prov = sorted(self.provenance, key=lambda p: (p["doc"], p["article"], p["start"], p["extractor"]))
        return {"kind": "edge", "type": self.type, "src": self.src, "dst": self.dst,
                "props": dict(sorted(self.props.items())), "provenance": prov}


class Graph:
    """Nodes by id and edges by (type, src, dst, props); merging is idempotent."""

    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.edges: dict[tuple, Edge] = {}

    def add_node(self, node: Node) -> Node:
        have = self.nodes.get(node.id)
        if have is None:
            self.nodes[node.id] = node
            return node
        for a in node.aliases:
            if a not in have.aliases and a != have.name:
                have.aliases.append(a)
        for k, v in node.props.items():
            have.props.setdefault(k, v)
        return have

    def add_edge(self, edge: Edge) -> Edge:
        have = self.edges.get(edge.key)
        if have is None:
            self.edges[edge.key] = edge
            return edge
        seen = {(p["doc"], p["article"], p["start"], p["extractor"]) for p in have.provenance}
        for p in edge.provenance:
            if (p["doc"], p["article"], p["start"], p["extractor"]) not in seen:
                have.provenance.append(p)
        return have

    def records(self) -> Iterator[dict]:
        """Nodes then edges, each in a stable order: same graph, same bytes."""
        for nid in sorted(self.nodes):
            yield self.nodes[nid].record()
        for key in sorted(self.edges):
            yield self.edges[key].record()


def write_jsonl(graph: Graph, path: Path) -> None:
    write_lines(path, (_dumps(r) for r in graph.records()))


def read_jsonl(path: Path) -> Graph:
    g = Graph()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                add_record(g, json.loads(line))
    return g


def add_record(g: Graph, r: dict) -> None:
    if r.get("kind") == "node":
        g.add_node(Node(r["id"], r["type"], r["name"], list(r.get("aliases", [])), dict(r.get("props", {}))))
    elif r.get("kind") == "edge":
        g.add_edge(Edge(r["type"], r["src"], r["dst"], dict(r.get("props", {})), list(r.get("provenance", []))))


def iter_lines(records: Iterable[dict]) -> Iterator[str]:
    return (_dumps(r) for r in records)
