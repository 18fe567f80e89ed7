"""`kg build`: ingest -> normalise -> extract -> resolve -> graph, written atomically."""

from __future__ import annotations

import dataclasses
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
    articles: list[Article] = field(default_factory=list)
    graph: Graph = field(default_factory=Graph)
    cache: object | None = None  # kg.pipeline_exec.Cache, pruned once the outputs are written
    unchanged: bool = False  # OUT already holds the outputs of these very inputs

    def write(self) -> None:
        if self.unchanged:
            return
        if self.cache is not None:
            self.cache.invalidate()  # until every output is written, OUT matches no inputs
        write_outputs(self.out, self.articles, self.graph, self.skipped)
        if self.cache is not None:
            self.cache.prune()


def process_file(path: Path, doc: str, max_bytes: int) -> tuple[list[Article], list[Fact], list[Skip]]:
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
    return arts, facts, skips


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
    gives the same output."""
    from kg.pipeline_exec import Cache, mapper

    inputs = ingest.list_inputs(paths)
    report = BuildReport(out=Path(out), files=len(inputs))
    cached = report.cache = Cache(out) if cache else None
    keys = [cached.key(p, d, max_bytes) if cached else None for p, d in inputs]
    if cached and cached.unchanged(keys):
        return _unchanged(report)
    results: list = [cached.get(k) if k else None for k in keys] if cached else [None] * len(inputs)
    todo = [k for k, r in enumerate(results) if r is None]
    done = len(inputs) - len(todo)
    if progress and done:
        progress(done, len(inputs))
    with mapper(workers if len(todo) > 1 else 1, dask if todo else None) as run:
        for k, res in zip(todo, run(process_file, [(*inputs[k], max_bytes) for k in todo])):
            results[k] = res
            if cached and keys[k]:
                cached.put(keys[k], res)
            done += 1
            if progress:
                progress(done, len(inputs))
    articles: list[Article] = []
    facts: list[Fact] = []
    for arts, fs, skips in results:
        articles.extend(arts)
        facts.extend(_relink(arts, fs))
        report.skipped.extend(skips)
    report.graph = resolve.to_graph(articles, facts)
    report.articles = articles
    report.documents = len(articles)
    report.facts = len(facts)
    if write:
        report.write()
    return report


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


def _relink(arts: list[Article], facts: list[Fact]) -> list[Fact]:
    """Point each fact at its sentence object in ARTS. Resolution pairs them by
    identity, which a cache or a Dask worker's serialisation does not keep."""
    canon = {s: s for a in arts for s in a.sentences}
    return [f if canon.get(f.sentence, f.sentence) is f.sentence
            else dataclasses.replace(f, sentence=canon[f.sentence]) for f in facts]


def write_outputs(out: Path, articles: list[Article], graph: Graph, skipped: list[Skip]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(".*.tmp"):  # left by a run that was killed mid-write
        if stale.is_file():
            stale.unlink()
    dumps = lambda r: json.dumps(r, ensure_ascii=False)  # noqa: E731
    # graph.jsonl last: a reader that finds it finds the documents that go with it.
    write_lines(out / "documents.jsonl", (dumps(a.record()) for a in articles))
    write_lines(out / "errors.jsonl", (dumps({"doc": s.doc, "reason": s.reason}) for s in skipped))
    store.write(graph, out)
    write_jsonl(graph, out / "graph.jsonl")
