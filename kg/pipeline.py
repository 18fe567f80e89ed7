"""`kg build`: ingest -> normalise -> extract -> resolve -> graph, written atomically."""

from __future__ import annotations

import json
import shutil
import tempfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg import ingest, rdf, store
from kg.atomic import LineWriter, write_lines
from kg.graph import Graph, Node, dumps_record, read_jsonl
from kg.graph.spool import Spool
from kg.model import Article, Fact, Skip

DEFAULT_OUT = Path("kg-out")


@dataclass
class BuildReport:
    out: Path
    documents: int = 0
    files: int = 0
    facts: int = 0
    nodes: int = 0  # known once written (or when OUT was already up to date)
    relationships: int = 0  # MENTIONED_IN not counted
    skipped: list[Skip] = field(default_factory=list)
    unchanged: bool = False  # OUT already holds the outputs of these very inputs
    pending: _Pending | None = field(default=None, repr=False)  # what `write` will write

    def write(self) -> None:
        """Write the outputs into OUT (documents.jsonl, errors.jsonl, store, graph.jsonl)."""
        if self.pending is not None:
            try:
                self.pending.write(self)
            finally:
                self.discard()  # what is left of it, once written or on an error

    def discard(self) -> None:
        """Drop what a `build(write=False)` holds on disk, writing nothing."""
        if self.pending is not None:
            self.pending.discard()
            self.pending = None

    @property
    def graph(self) -> Graph:
        """The whole graph in memory (read back from OUT once written)."""
        if self.pending is not None:
            g = Graph()
            for item in self.pending.spool.items():
                g.add(item)
            return g
        return read_jsonl(self.out / "graph.jsonl")


class _Pending:
    """A build's outputs while files are still arriving: documents.jsonl lines go
    straight to a temporary file, each file's graph into a Spool (kg.graph.spool),
    in a temporary folder in OUT; `write` puts them in place."""

    def __init__(self, out: Path, cache) -> None:
        out.mkdir(parents=True, exist_ok=True)
        for stale in out.glob(".*.tmp"):  # left by a run that was killed
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
        self.folder = Path(tempfile.mkdtemp(prefix=".build.", suffix=".tmp", dir=out))
        self.documents = LineWriter(out / "documents.jsonl")
        self.spool = Spool(self.folder)
        self.store = store.Writer(out)
        self.cache = cache

    def add(self, report: BuildReport, part: FilePart) -> None:
        for line in part.document_lines:
            self.documents.write(line)
        report.documents += len(part.document_lines)
        report.facts += part.facts
        report.skipped.extend(part.skips)
        self.spool.add(part.graph)
        self.store.add(zlib.decompress(part.edge_ntriples))

    def write(self, report: BuildReport) -> None:
        out = report.out
        if self.cache is not None:
            self.cache.invalidate()  # until every output is written, OUT matches no inputs
        self.documents.commit()
        write_lines(out / "errors.jsonl", (dumps({"doc": s.doc, "reason": s.reason}) for s in report.skipped))
        # The store commits first and graph.jsonl last: a reader that finds
        # graph.jsonl finds the documents and the store that go with it.
        with LineWriter(out / "graph.jsonl") as lines:
            for item in self.spool.items():
                lines.write(dumps_record(item.record()))
                if isinstance(item, Node):
                    self.store.add(rdf.ntriples([item]))
                    report.nodes += 1
                elif item.type != "MENTIONED_IN":
                    report.relationships += 1
            self.store.commit()
        if self.cache is not None:
            self.cache.prune({"documents": report.documents, "nodes": report.nodes,
                              "relationships": report.relationships})
        shutil.rmtree(self.folder, ignore_errors=True)

    def discard(self) -> None:
        self.documents.discard()
        self.store.discard()
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class FilePart:
    """What one input file adds to the build: its documents.jsonl lines, its own
    small graph (resolved, with provenance), its edges as N-Triples for the store,
    and its skips. Articles and their sentences stay in the worker: only this goes
    back, so the parent never holds the corpus.

    The store is a set of triples, so each file's edge triples can be loaded as
    they come; node triples wait for the merged graph, where the first props win."""
    document_lines: list[str]
    graph: Graph
    edge_ntriples: bytes  # zlib-compressed: N-Triples repeat long IRIs, and were 84% of a cache entry
    skips: list[Skip]
    facts: int


def process_file(path: Path, doc: str, max_bytes: int) -> FilePart:
    """Everything one input file contributes. Never raises: a failure becomes a Skip."""
    # Imported here, where the work is: an unchanged rebuild never needs them.
    from kg import extract, normalize, resolve

    arts: list[Article] = []
    facts: list[Fact] = []
    skips: list[Skip] = []
    for item in ingest.read(path, doc, max_bytes):
        if isinstance(item, Skip):
            skips.append(item)
            continue
        try:
            found = normalize.articles(item)
            if not found:
                skips.append(Skip(item.doc, "no article text found"))
                continue
            for art in found:
                facts.extend(extract.run(art))
            arts.extend(found)
        except Exception as exc:  # a bug on one file must not sink the batch
            skips.append(Skip(item.doc, f"internal error: {type(exc).__name__}: {exc}"))
    lines = [json.dumps(a.record(), ensure_ascii=False) for a in arts]
    graph = resolve.to_graph(arts, facts)
    return FilePart(lines, graph, zlib.compress(rdf.ntriples(graph.edges.values()), 1), skips, len(facts))


def build(
    paths: Iterable[str | Path],
    out: Path = DEFAULT_OUT,
    *,
    max_bytes: int = ingest.DEFAULT_MAX_BYTES,
    progress: Callable[[int, int], None] | None = None,
    write: bool = True,
    workers: int = 1,
    dask: str | None = None,
    cache: bool = True,
) -> BuildReport:
    """Read PATHS and build the graph into OUT. WORKERS processes (or a Dask
    cluster at DASK: tcp://HOST:8786 or local:N) extract in parallel; with CACHE,
    files unchanged since the last build into OUT are not extracted again. Every
    way gives the same output. Each file's part is merged as it arrives, in input
    order, and then dropped; the merged graph waits on disk, not in memory. With
    WRITE=False nothing is written until `report.write()` (or `report.discard()`)."""
    from kg.pipeline_exec import Cache, mapper

    inputs = ingest.list_inputs(paths)
    report = BuildReport(out=Path(out), files=len(inputs))
    cached = Cache(report.out) if cache else None
    keys = [cached.key(p, d, max_bytes) if cached else None for p, d in inputs]
    if cached and cached.unchanged(keys):
        return _unchanged(report, cached.summary())
    pending = report.pending = _Pending(report.out, cached)
    try:
        # Cached parts are read when their turn comes, not all up front.
        hit = [bool(cached and k and cached.has(k)) for k in keys]
        todo = [k for k in range(len(inputs)) if not hit[k]]
        with mapper(workers if len(todo) > 1 else 1, dask if todo else None) as run:
            fresh = run(process_file, [(*inputs[k], max_bytes) for k in todo])
            for k in range(len(inputs)):
                part = cached.get(keys[k]) if hit[k] else None
                if part is None:
                    part = next(fresh) if not hit[k] else process_file(*inputs[k], max_bytes)
                    if cached and keys[k]:
                        cached.put(keys[k], part)
                pending.add(report, part)
                if progress:
                    progress(k + 1, len(inputs))
        if write:
            report.write()
    except BaseException:
        report.discard()
        raise
    return report


def _unchanged(report: BuildReport, summary: dict) -> BuildReport:
    """Same inputs, same code as the build that wrote OUT: its outputs stand as they are."""
    with open(report.out / "errors.jsonl", encoding="utf-8") as f:
        report.skipped = [Skip(r["doc"], r["reason"]) for r in map(json.loads, f)]
    report.documents = summary["documents"]
    report.nodes, report.relationships = summary["nodes"], summary["relationships"]
    report.unchanged = True  # nothing to write
    return report


def dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)
