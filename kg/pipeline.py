"""`kg build`: ingest -> normalise -> extract -> resolve -> graph, written atomically."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg import extract, ingest, normalize, resolve, store
from kg.atomic import write_lines
from kg.graph import Graph, write_jsonl
from kg.model import Article, Fact, Skip

DEFAULT_OUT = Path("kg-out")


@dataclass
class BuildReport:
    out: Path
    documents: int = 0
    files: int = 0
    facts: int = 0
    skipped: list[Skip] = field(default_factory=list)
    document_lines: list[str] = field(default_factory=list)  # documents.jsonl, in input order
    graph: Graph = field(default_factory=Graph)
    cache: object | None = None  # kg.pipeline_exec.Cache, pruned once the outputs are written
    unchanged: bool = False  # OUT already holds the outputs of these very inputs

    def write(self) -> None:
        if self.unchanged:
            return
        if self.cache is not None:
            self.cache.invalidate()  # until every output is written, OUT matches no inputs
        write_outputs(self.out, self.document_lines, self.graph, self.skipped)
        if self.cache is not None:
            self.cache.prune()


@dataclass
class FilePart:
    """What one input file adds to the build: its documents.jsonl lines, its own
    small graph (resolved, with provenance) and its skips. Articles and their
    sentences stay in the worker: only this goes back, so the parent holds the
    merged graph and never the corpus."""
    document_lines: list[str]
    graph: Graph
    skips: list[Skip]
    facts: int


def process_file(path: Path, doc: str, max_bytes: int) -> FilePart:
    """Everything one input file contributes. Never raises: a failure becomes a Skip."""
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
    return FilePart(lines, resolve.to_graph(arts, facts), skips, len(facts))


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
    """Read PATHS and build the graph. WORKERS processes (or a Dask cluster at
    DASK: tcp://HOST:8786 or local:N) extract in parallel; with CACHE, files
    unchanged since the last build into OUT are not extracted again. Every way
    gives the same output. Each file's part is merged into the graph as it
    arrives, in input order, and then dropped."""
    from kg.pipeline_exec import Cache, mapper

    inputs = ingest.list_inputs(paths)
    report = BuildReport(out=Path(out), files=len(inputs))
    cached = report.cache = Cache(out) if cache else None
    keys = [cached.key(p, d, max_bytes) if cached else None for p, d in inputs]
    if cached and cached.unchanged(keys):
        return _unchanged(report)
    # Cached parts are read when their turn comes, not all up front.
    hit = [bool(cached and k and cached.has(k)) for k in keys]
    todo = [k for k in range(len(inputs)) if not hit[k]]
    done = 0
    with mapper(workers if len(todo) > 1 else 1, dask if todo else None) as run:
        fresh = run(process_file, [(*inputs[k], max_bytes) for k in todo])
        for k in range(len(inputs)):
            part = cached.get(keys[k]) if hit[k] else None
            if part is None:
                part = next(fresh) if not hit[k] else process_file(*inputs[k], max_bytes)
                if cached and keys[k]:
                    cached.put(keys[k], part)
            _merge(report, part)
            done += 1
            if progress:
                progress(done, len(inputs))
    if write:
        report.write()
    return report


def _merge(report: BuildReport, part: FilePart) -> None:
    report.document_lines.extend(part.document_lines)
    report.documents += len(part.document_lines)
    report.facts += part.facts
    report.skipped.extend(part.skips)
    for node in part.graph.nodes.values():
        report.graph.add_node(node)
    for edge in part.graph.edges.values():
        report.graph.add_edge(edge)


def _unchanged(report: BuildReport) -> BuildReport:
    """Same inputs, same code as the build that wrote OUT: its outputs stand as they are."""
    from kg.graph import read_jsonl

    out = report.out
    report.graph = read_jsonl(out / "graph.jsonl")
    with open(out / "documents.jsonl", encoding="utf-8") as f:
        report.documents = sum(1 for _ in f)
    with open(out / "errors.jsonl", encoding="utf-8") as f:
        report.skipped = [Skip(r["doc"], r["reason"]) for r in map(json.loads, f)]
    report.unchanged = True  # nothing to write
    return report


def write_outputs(out: Path, document_lines: list[str], graph: Graph, skipped: list[Skip]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(".*.tmp"):  # left by a run that was killed mid-write
        if stale.is_file():
            stale.unlink()
    dumps = lambda r: json.dumps(r, ensure_ascii=False)  # noqa: E731
    # graph.jsonl last: a reader that finds it finds the documents that go with it.
    write_lines(out / "documents.jsonl", document_lines)
    write_lines(out / "errors.jsonl", (dumps({"doc": s.doc, "reason": s.reason}) for s in skipped))
    store.write(graph, out)
    write_jsonl(graph, out / "graph.jsonl")
