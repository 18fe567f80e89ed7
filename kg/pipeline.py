"""`kg build`: ingest -> normalise -> extract -> resolve -> graph, written atomically."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg import ingest, outdir, store
from kg.atomic import LineWriter, write_lines
from kg.graph import Edge, Graph, Node, add_record, dumps_record, read_jsonl
from kg.graph.spool import Spool
from kg.model import Article, Fact, Skip
from kg.outdir import Generation
from kg.resolve import across
from kg.resolve.across import ProjectIndex
from kg.store import StoreWriter

if TYPE_CHECKING:
    from kg.pipeline_exec import Cache

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
        """Write the outputs (documents.jsonl, errors.jsonl, graph.jsonl, store,
        manifest.json) and switch them into OUT as one folder."""
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
            for item in self.pending.items():
                g.add(item)
            return g
        return read_jsonl(self.out / "graph.jsonl")


class _Pending:
    """A build's outputs while files are still arriving, all in the new build's
    own folder (kg.outdir.Generation): documents.jsonl lines go straight to
    their file, each file's graph into a Spool (kg.graph.spool) and its projects
    into a ProjectIndex (kg.resolve.across); `write` makes one node of each
    project named in several files, writes the graph and the store, and
    switches the folder into OUT."""

    def __init__(self, gen: Generation, cache: Cache) -> None:
        self.gen = gen
        folder = gen.folder
        self.documents = LineWriter(folder / "documents.jsonl")
        spool = folder / ".spool"
        spool.mkdir(mode=0o700)
        self.spool = Spool(spool)
        self.projects = ProjectIndex()
        self.store: StoreWriter = store.OxigraphWriter(folder / store.STORE_DIR)
        self.cache = cache

    def add(self, report: BuildReport, part: FilePart) -> None:
        for line in part.document_lines:
            self.documents.write(line)
        report.documents += len(part.document_lines)
        report.facts += part.facts
        report.skipped.extend(part.skips)
        self.spool.add(part.graph)
        self.projects.add(part.graph)

    def items(self) -> Iterator[Node | Edge]:
        """The merged graph, one node per project across files (kg.resolve.across)."""
        # A folder of its own each time: `report.graph` may read it before `write` does.
        folder = Path(tempfile.mkdtemp(prefix="resolved", dir=self.gen.folder / ".spool"))
        return across.resolve(self.spool.items(), self.projects.renames(), folder)

    def write(self, report: BuildReport) -> None:
        folder = self.gen.folder
        self.documents.commit()
        write_lines(folder / "errors.jsonl", (dumps({"doc": s.doc, "reason": s.reason}) for s in report.skipped))
        with LineWriter(folder / "graph.jsonl") as lines:
            # The store gets the graph as written: a project renamed across files
            # is renamed in its edges too.
            for item in self.items():
                lines.write(dumps_record(item.record()))
                self.store.add((item,))
                if isinstance(item, Node):
                    report.nodes += 1
                elif item.type != "MENTIONED_IN":
                    report.relationships += 1
        self.store.commit()
        shutil.rmtree(folder / ".spool", ignore_errors=True)
        self.cache.write_manifest({"documents": report.documents, "nodes": report.nodes,
                                   "relationships": report.relationships})
        self.gen.commit()  # one atomic switch: OUT now holds this whole build

    def discard(self) -> None:
        self.documents.discard()
        self.store.discard()
        self.gen.discard()


@dataclass
class FilePart:
    """What one input file adds to the build: its documents.jsonl lines, its own
    small graph (resolved, with provenance), and its skips. Articles and their
    sentences stay in the worker: only this goes back, so the parent never holds
    the corpus. Each store turns the graph into its own load format."""
    document_lines: list[str]
    graph: Graph
    skips: list[Skip]
    facts: int

    def record(self) -> dict:
        """As plain data (the cache's entry), read back by `from_record`."""
        return {"documents": self.document_lines, "graph": [i.record() for i in self.graph.items()],
                "skips": [[s.doc, s.reason] for s in self.skips], "facts": self.facts}

    @classmethod
    def from_record(cls, r: dict) -> FilePart:
        g = Graph()
        for rec in r["graph"]:
            add_record(g, rec)
        return cls([str(x) for x in r["documents"]], g, [Skip(str(d), str(w)) for d, w in r["skips"]],
                   int(r["facts"]))


def process_file(path: Path, doc: str, max_bytes: int, span: ingest.Span | None = None) -> FilePart:
    """Everything one input file (or one SPAN of a large JSONL file: ingest.pieces)
    contributes. Never raises: a failure becomes a Skip."""
    # Imported here, where the work is: an unchanged rebuild never needs them.
    from kg import extract, normalize, resolve

    arts: list[Article] = []
    facts: list[Fact] = []
    skips: list[Skip] = []
    for item in ingest.read(path, doc, max_bytes, span):
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
    """Read PATHS and build the graph into OUT. WORKERS processes (or a Dask
    cluster at DASK: tcp://HOST:8786 or local:N) extract in parallel; with CACHE,
    files unchanged since the last build into OUT are not extracted again. Every
    way gives the same output. Each file's part is merged as it arrives, in input
    order, and then dropped; the merged graph waits on disk, not in memory. With
    WRITE=False nothing is written until `report.write()` (or `report.discard()`)."""
    from kg.pipeline_exec import Cache

    folders: list[Skip] = []  # folders not walked, with why: reported first
    inputs = ingest.list_inputs(paths, exclude=[out], skipped=folders)
    report = BuildReport(out=Path(out), files=len(inputs))
    gen = outdir.begin(report.out)  # OUT checked and locked until written or discarded
    try:
        cached = Cache(gen.previous, gen.folder)
        keys = [cached.key(p, d, max_bytes) for p, d in inputs]
        # A skipped folder holds no file with a key: build again to report it afresh.
        if cache and not folders and cached.unchanged(keys):
            gen.discard()
            return _unchanged(report, cached.summary())
        cached.keys = keys
        report.pending = _Pending(gen, cached)
    except BaseException:
        gen.discard()
        raise
    try:
        _extract_and_merge(report, inputs, keys, folders, max_bytes, progress, workers, dask, cache)
        if write:
            report.write()
    except BaseException:
        report.discard()
        raise
    return report


def _extract_and_merge(report: BuildReport, inputs: list, keys: list, folders: list[Skip], max_bytes: int,
                       progress: Callable[[int, int], None] | None, workers: int, dask: str | None,
                       cache: bool) -> None:
    """Each task's part, from the cache or extracted afresh, merged into REPORT in input order."""
    from kg.pipeline_exec import mapper

    pending, cached = report.pending, report.pending.cache
    # One task a file, or a piece of a large JSONL file (ingest.pieces), each
    # cached on its own. Cached parts are read when their turn comes, not all up front.
    tasks = _tasks(inputs, keys, max_bytes)
    hit = [bool(cache and key and cached.has(key)) for _, _, key in tasks]
    todo = [t for t in range(len(tasks)) if not hit[t]]
    if folders:
        pending.add(report, FilePart([], Graph(), folders, 0))
    with mapper(workers if len(todo) > 1 else 1, dask if todo else None) as run:
        fresh = run(process_file, [(*inputs[tasks[t][0]], max_bytes, tasks[t][1]) for t in todo])
        for t, (k, span, key) in enumerate(tasks):
            pending.add(report, _part(cached, key, hit[t], fresh, inputs[k], max_bytes, span))
            if progress and (t + 1 == len(tasks) or tasks[t + 1][0] != k):
                progress(k + 1, len(inputs))


def _tasks(inputs: list, keys: list, max_bytes: int) -> list[tuple[int, ingest.Span | None, str | None]]:
    """(input index, piece, cache key) of each task, in input order."""
    return [(k, span, _piece_key(keys[k], span)) for k in range(len(inputs))
            for span in ingest.pieces(inputs[k][0], max_bytes)]


def _part(cached, key: str | None, hit: bool, fresh: Iterator[FilePart], item: tuple, max_bytes: int,
          span: ingest.Span | None) -> FilePart:
    """A task's part: the cache's, else the next fresh one (extracted again here when a
    cached entry cannot be read), put in the cache."""
    part = cached.get(key) if hit else None
    if part is None:
        part = next(fresh) if not hit else process_file(*item, max_bytes, span)
        if key:
            cached.put(key, part)
    return part


def _piece_key(key: str | None, span: ingest.Span | None) -> str | None:
    """A piece's cache key: its file's, with the piece's place in it."""
    if key is None or span is None:
        return key
    return hashlib.sha256(f"{key}\x00{span[0]}-{span[1]}-{span[2]}".encode()).hexdigest()


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
