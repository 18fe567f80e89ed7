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
    articles: list[Article] = field(default_factory=list)
    graph: Graph = field(default_factory=Graph)

    def write(self) -> None:
        write_outputs(self.out, self.articles, self.graph, self.skipped)


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
) -> BuildReport:
    inputs = ingest.list_inputs(paths)
    report = BuildReport(out=Path(out), files=len(inputs))
    articles: list[Article] = []
    facts: list[Fact] = []
    for n, (path, doc) in enumerate(inputs, 1):
        arts, fs, skips = process_file(path, doc, max_bytes)
        articles.extend(arts)
        facts.extend(fs)
        report.skipped.extend(skips)
        if progress:
            progress(n, len(inputs))
    report.graph = resolve.to_graph(articles, facts)
    report.articles = articles
    report.documents = len(articles)
    report.facts = len(facts)
    if write:
        report.write()
    return report


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
