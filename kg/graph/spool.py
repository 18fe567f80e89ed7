"""Merging many small graphs into one without holding the result in memory.

`kg build` gets one small graph per input file. A Spool merges them in memory
until they hold LIMIT items, then writes that partial graph to a file as a run,
sorted as `Graph.items()` sorts; `items()` merges the runs (a k-way merge) and
yields what one Graph holding everything would yield, item for item. Runs are
written in input order and equal keys meet in run order, so the first node's
name and props win, as in `Graph.add_node`. Memory is bounded by LIMIT, not by
the corpus.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterator
from pathlib import Path

from kg.graph import Edge, Graph, Node, dumps_record, from_record, merge_edge, merge_node

DEFAULT_LIMIT = 150_000  # nodes + edges + sentences: about 100 MB of Python objects


def _key(item: Node | Edge) -> tuple:
    """Graph.items() order: nodes by id, then edges by key."""
    return (0, item.id) if isinstance(item, Node) else (1, *item.key)


class Spool:
    """Graphs merged into one, in memory up to LIMIT items, then in runs under FOLDER."""

    def __init__(self, folder: Path, limit: int | None = None) -> None:
        self.folder = Path(folder)
        self.limit = limit or DEFAULT_LIMIT
        self.graph = Graph()
        self.held = 0  # items added since the last spill (duplicates included)
        self.runs: list[Path] = []

    def add(self, graph: Graph) -> None:
        for node in graph.nodes.values():
            self.graph.add_node(node)
        for edge in graph.edges.values():
            self.graph.add_edge(edge)
        self.held += graph.size()
        if self.held >= self.limit:
            self._spill()

    def _spill(self) -> None:
        # JSON lines, not pickle: the folder's files are data, never code.
        path = self.folder / f"run{len(self.runs):05d}.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for item in self.graph.items():
                f.write(dumps_record(item.record()))
                f.write("\n")
        self.runs.append(path)
        self.graph = Graph()
        self.held = 0

    def items(self) -> Iterator[Node | Edge]:
        """Every node then every edge, merged and in Graph.items() order."""
        if not self.runs:
            yield from self.graph.items()
            return
        if self.graph.nodes or self.graph.edges:
            self._spill()
        # (key, run number, item): equal keys meet in run order, i.e. input order
        streams = [_keyed(path, k) for k, path in enumerate(self.runs)]
        have, have_key = None, None
        for key, _, item in heapq.merge(*streams, key=lambda t: t[:2]):
            if have is not None and key == have_key:
                (merge_node if isinstance(item, Node) else merge_edge)(have, item)
                continue
            if have is not None:
                yield have
            have, have_key = item, key
        if have is not None:
            yield have


def _keyed(path: Path, run: int) -> Iterator[tuple]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            item = from_record(json.loads(line))
            yield _key(item), run, item
