"""Stores that answer SPARQL: the embedded default (Oxigraph, on disk in the
build folder) and rdflib's in-memory graph (kept for comparison and export).

Why Oxigraph is the default: bench/stores.py measures both in one run; on a
synthetic graph of this shape Oxigraph loads ~10x faster and answers the canned
queries 10-1000x faster, because rdflib's engine joins patterns naively.

Parameters are bound as RDF terms (SEP-0007 substitutions / initBindings),
never pasted into the query text. Oxigraph only substitutes variables the
query projects, so queries project their parameters and callers drop those
columns (`Result.without`).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from kg import rdf
from kg.atomic import Staged
from kg.graph import Edge, Graph, Node
from kg.resources import data_dir

STORE_DIR = "store"


class StoreError(Exception):
    """A query or store problem, with a one-line message for the user."""


@dataclass
class Result:
    columns: list[str]
    rows: list[dict] = field(default_factory=list)
    truncated: bool = False  # more rows matched than were asked for

    def without(self, names) -> Result:
        """The result minus some columns (parameters, which every row repeats)."""
        drop = set(names)
        cols = [c for c in self.columns if c not in drop]
        return Result(cols, [{c: r.get(c) for c in cols} for r in self.rows], self.truncated)


def python_value(value: str, datatype: str | None):
    """An RDF literal's value as the Python value a JSON/CSV reader expects."""
    if datatype in (rdf.XSD + "integer", rdf.XSD + "long", rdf.XSD + "int"):
        return int(value)
    if datatype in (rdf.XSD + "decimal", rdf.XSD + "double", rdf.XSD + "float"):
        d = Decimal(value)
        return int(d) if d == d.to_integral_value() else float(d)
    if datatype == rdf.XSD + "boolean":
        return value == "true"
    return value


def param_literal(value) -> rdf.Lit:
    """A user's parameter as a literal: numbers as xsd:decimal, the rest as strings."""
    if isinstance(value, bool):
        return rdf.Lit(str(value).lower(), rdf.XSD + "boolean")
    if isinstance(value, (int, float, Decimal)):
        return rdf.Lit(rdf.decimal(value), rdf.XSD + "decimal")
    return rdf.Lit(str(value))


class OxigraphStore:
    """The embedded default store: a RocksDB folder that pyoxigraph queries.

    `select` with a TIMEOUT runs the query in a child process that opens the
    store itself and is killed when the time is up (the engine cannot be stopped
    from Python, and a runaway join grows by tens of MB a second); Ctrl-C kills
    it too. SERVICE is refused: a read tool must not make requests elsewhere."""

    def __init__(self, path: Path, *, read_only: bool = True) -> None:
        if not (Path(path) / "CURRENT").exists():
            raise StoreError(f"{path}: no store here; run `kg build` first")
        self.path, self.read_only, self._store = Path(path), read_only, None

    def _handle(self):
        import pyoxigraph as ox

        if self._store is None:
            try:
                p = str(self.path)
                self._store = ox.Store.read_only(p) if self.read_only else ox.Store(p)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot open the store: {exc}") from None
        return self._store

    @classmethod
    def memory(cls, graph: Graph) -> OxigraphStore:
        import pyoxigraph as ox

        self = cls.__new__(cls)
        self.path, self.read_only, self._store = None, False, ox.Store()
        loader = _Loader(self._store)
        loader.add_items(graph.items())
        loader.finish()
        return self

    def select(self, query: str, params: dict | None = None, *, timeout: float | None = None,
               max_rows: int | None = None) -> Result:
        """Rows of a SELECT query; at most MAX_ROWS (then `truncated`), within TIMEOUT seconds."""
        if uses_service(query):
            raise StoreError("SERVICE is not allowed: kg queries only its own store")
        if timeout is None:
            return self._select(query, params, max_rows)
        from kg.store.guard import run_with_timeout

        def work() -> dict:
            r = self._select(query, params, max_rows)
            return {"columns": r.columns, "rows": r.rows, "truncated": r.truncated}

        out = run_with_timeout(work, timeout)
        return Result(out["columns"], out["rows"], out["truncated"])

    def _select(self, query: str, params: dict | None, max_rows: int | None) -> Result:
        import pyoxigraph as ox

        subs = {ox.Variable(k): rdf.oxigraph_term(param_literal(v)) for k, v in (params or {}).items()}
        try:
            res = self._handle().query(query, substitutions=subs or None)
        except Exception as exc:  # SyntaxError, OSError, RuntimeError from the engine
            raise StoreError(f"SPARQL error: {first_line(exc)}") from None
        if not isinstance(res, ox.QuerySolutions):
            raise StoreError("only SELECT queries are supported")
        cols = [v.value for v in res.variables]
        rows: list[dict] = []
        try:
            for sol in res:
                if max_rows is not None and len(rows) >= max_rows:
                    return Result(cols, rows, truncated=True)
                rows.append({c: None if sol[c] is None else _ox_value(sol[c]) for c in cols})
        except Exception as exc:  # an error while evaluating (a failing function, I/O)
            raise StoreError(f"SPARQL error: {first_line(exc)}") from None
        return Result(cols, rows)


# What a SPARQL lexer skips: comments, strings (long ones first) and IRIs.
_SKIP = re.compile(r'#[^\n]*|"""(?:[^\\]|\\.)*?"""|\'\'\'(?:[^\\]|\\.)*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
                   r"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>")
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:])", re.IGNORECASE)


def uses_service(query: str) -> bool:
    """True when the query holds the SERVICE keyword outside comments, strings
    and IRIs (a variable or prefixed name spelled SERVICE is not the keyword)."""
    return bool(_SERVICE.search(_SKIP.sub(" ", query)))


def _ox_value(t):
    import pyoxigraph as ox

    if isinstance(t, ox.Literal):
        return python_value(t.value, t.datatype.value if t.datatype else None)
    return t.value


class RdflibStore:
    """rdflib's memory store: the baseline the default is measured against."""

    def __init__(self, graph: Graph) -> None:
        self._g = rdf.to_rdflib(graph)
        self._g.parse(ontology_path(), format="turtle")

    def select(self, query: str, params: dict | None = None) -> Result:
        import rdflib

        bindings = {k: rdf.rdflib_term(param_literal(v)) for k, v in (params or {}).items()}
        try:
            res = self._g.query(query, initBindings=bindings)
        except Exception as exc:  # pyparsing and rdflib raise many kinds
            raise StoreError(f"SPARQL error: {first_line(exc)}") from None
        cols = [str(v) for v in res.vars]
        rows = []
        for r in res:
            row = {}
            for c in cols:
                t = r[c]
                if t is None:
                    row[c] = None
                elif isinstance(t, rdflib.Literal):
                    row[c] = python_value(str(t), str(t.datatype) if t.datatype else None)
                else:
                    row[c] = str(t)
            rows.append(row)
        return Result(cols, rows)


class _Loader:
    """Feeds N-Triples text to an Oxigraph store in chunks: Oxigraph's bulk loader
    holds a whole call's triples in memory (about 800 bytes each), so chunks keep
    the memory flat, and text parsed in Rust is faster than a Python object per
    term. Last, the ontology goes in beside the graph: queries read relationship
    names (kg:edgeType) from it, and users can explore the schema in SPARQL."""

    CHUNK = 16 << 20  # bytes of N-Triples: about 100,000 triples

    def __init__(self, store) -> None:
        self.store = store
        self.chunks: list[bytes] = []
        self.size = 0

    def add(self, ntriples: bytes) -> None:
        self.chunks.append(ntriples)
        self.size += len(ntriples)
        if self.size >= self.CHUNK:
            self._flush()

    def add_items(self, items: Iterable[Node | Edge]) -> None:
        for item in items:  # item by item, so the chunks stay small
            self.add(rdf.ntriples([item]))

    def _flush(self) -> None:
        import pyoxigraph as ox

        if self.chunks:
            self.store.bulk_load(b"".join(self.chunks), ox.RdfFormat.N_TRIPLES)
            self.chunks, self.size = [], 0

    def finish(self) -> None:
        import pyoxigraph as ox

        self._flush()
        self.store.bulk_load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)


def ontology_path() -> Path:
    return data_dir("schema") / "ontology.ttl"


def first_line(exc: object) -> str:
    """The first line of an error's message (its type when it has none)."""
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def write(graph: Graph, out: Path) -> Path:
    """Bulk-load the graph into a new store at OUT/store (tests, benchmarks, export)."""
    with OxigraphWriter(Path(out) / STORE_DIR) as w:
        w.add(graph.items())
    return w.path


class StoreWriter(Staged):
    """What `kg build` and `kg load` write a graph through (like neo4j-graphrag's
    KGWriter): `add` nodes and edges as they come, `commit` makes them the
    store's, `discard` drops what is not committed. An edge may come before its
    nodes; a node's name and props are those of its first `add`."""

    def add(self, items: Iterable[Node | Edge]) -> None:
        raise NotImplementedError


class OxigraphWriter(StoreWriter):
    """A new Oxigraph store at PATH (a folder that must not exist yet), loaded as
    N-Triples text in chunks. `kg build` writes it inside the build's own fresh
    folder, which is switched in whole (kg.outdir), so it needs no swap of its own."""

    def __init__(self, path: Path) -> None:
        import pyoxigraph as ox

        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._store = ox.Store(str(self.path))
        self._loader = _Loader(self._store)

    def add(self, items: Iterable[Node | Edge]) -> None:
        self._loader.add_items(items)

    def commit(self) -> None:
        self._loader.finish()
        # One compaction of the chunks' files: canned queries at 1M triples ran
        # 1.5-2.5x faster after it, for about 1 s of loading per million triples.
        self._store.optimize()
        self._store.flush()
        del self._store, self._loader  # closes RocksDB

    def discard(self) -> None:
        self.__dict__.pop("_store", None)
        self.__dict__.pop("_loader", None)
        shutil.rmtree(self.path, ignore_errors=True)


def open_default(out: Path) -> OxigraphStore:
    return OxigraphStore(Path(out) / STORE_DIR)
