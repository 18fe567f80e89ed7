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

import shutil
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from kg import rdf
from kg.atomic import Staged
from kg.graph import Graph
from kg.resources import data_dir

STORE_DIR = "store"


class StoreError(Exception):
    """A query or store problem, with a one-line message for the user."""


@dataclass
class Result:
    columns: list[str]
    rows: list[dict] = field(default_factory=list)

    def without(self, names) -> Result:
        """The result minus some columns (parameters, which every row repeats)."""
        drop = set(names)
        cols = [c for c in self.columns if c not in drop]
        return Result(cols, [{c: r.get(c) for c in cols} for r in self.rows])


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
    """The embedded default store: a RocksDB folder that pyoxigraph queries."""

    def __init__(self, path: Path, *, read_only: bool = True) -> None:
        import pyoxigraph as ox

        if not (Path(path) / "CURRENT").exists():
            raise StoreError(f"{path}: no store here; run `kg build` first")
        try:
            self._store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the store: {exc}") from None

    @classmethod
    def memory(cls, graph: Graph) -> OxigraphStore:
        import pyoxigraph as ox

        self = cls.__new__(cls)
        self._store = ox.Store()
        loader = _Loader(self._store)
        loader.add_graph(graph)
        loader.finish()
        return self

    def select(self, query: str, params: dict | None = None) -> Result:
        import pyoxigraph as ox

        subs = {ox.Variable(k): rdf.oxigraph_term(param_literal(v)) for k, v in (params or {}).items()}
        try:
            res = self._store.query(query, substitutions=subs or None)
        except Exception as exc:  # SyntaxError, OSError, RuntimeError from the engine
            raise StoreError(f"SPARQL error: {first_line(exc)}") from None
        if not isinstance(res, ox.QuerySolutions):
            raise StoreError("only SELECT queries are supported")
        cols = [v.value for v in res.variables]
        rows = []
        for sol in res:
            row = {}
            for c in cols:
                t = sol[c]
                row[c] = None if t is None else _ox_value(t)
            rows.append(row)
        return Result(cols, rows)


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

    def add_graph(self, graph: Graph) -> None:
        for item in graph.items():  # item by item, so the chunks stay small
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
    """Bulk-load the graph into OUT/store, replacing any old store only when done."""
    with Writer(out) as w:
        w.add_graph(graph)
    return w.final


class Writer(Staged):
    """OUT/store, loaded bit by bit (N-Triples text, kg.rdf.ntriples) into a
    temporary folder that replaces the old store on `commit` (or when a `with`
    block ends without an error), and is removed on `discard`."""

    def __init__(self, out: Path) -> None:
        import pyoxigraph as ox

        out = Path(out)
        self.out, self.final = out, out / STORE_DIR
        self.tmp, self.old = out / f".{STORE_DIR}.tmp", out / f".{STORE_DIR}.old"
        out.mkdir(parents=True, exist_ok=True)
        _recover(out)
        for p in (self.tmp, self.old):
            shutil.rmtree(p, ignore_errors=True)
        self._store = ox.Store(str(self.tmp))
        self._loader = _Loader(self._store)

    def add(self, ntriples: bytes) -> None:
        self._loader.add(ntriples)

    def add_graph(self, graph: Graph) -> None:
        self._loader.add_graph(graph)

    def commit(self) -> None:
        self._loader.finish()
        # One compaction of the chunks' files: canned queries at 1M triples ran
        # 1.5-2.5x faster after it, for about 1 s of loading per million triples.
        self._store.optimize()
        self._store.flush()
        del self._store, self._loader  # closes RocksDB before the folder moves
        if self.final.exists():
            self.final.rename(self.old)
        self.tmp.rename(self.final)
        shutil.rmtree(self.old, ignore_errors=True)

    def discard(self) -> None:
        self.__dict__.pop("_store", None)
        self.__dict__.pop("_loader", None)
        shutil.rmtree(self.tmp, ignore_errors=True)


def _recover(out: Path) -> None:
    """A run killed between the two renames of `write` left the store as .store.old."""
    final, old = out / STORE_DIR, out / f".{STORE_DIR}.old"
    if not final.exists() and old.exists():
        old.rename(final)


def open_default(out: Path) -> OxigraphStore:
    final, old = Path(out) / STORE_DIR, Path(out) / f".{STORE_DIR}.old"
    # Between write's two renames (or after a run killed there) the store is .store.old.
    return OxigraphStore(old if not final.exists() and old.exists() else final)
