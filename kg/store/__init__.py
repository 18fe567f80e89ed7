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
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from kg import rdf
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
        return rdf.Lit(rdf._decimal(value), rdf.XSD + "decimal")
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
        self._store.bulk_extend(rdf.to_oxigraph(graph))
        self._store.bulk_load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)
        return self

    def select(self, query: str, params: dict | None = None) -> Result:
        import pyoxigraph as ox

        subs = {ox.Variable(k): _ox_term(param_literal(v)) for k, v in (params or {}).items()}
        try:
            res = self._store.query(query, substitutions=subs or None)
        except Exception as exc:  # SyntaxError, OSError, RuntimeError from the engine
            raise StoreError(f"SPARQL error: {_first_line(exc)}") from None
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


def _ox_term(lit: rdf.Lit):
    import pyoxigraph as ox

    if lit.datatype == rdf.XSD + "string":
        return ox.Literal(lit.value)
    return ox.Literal(lit.value, datatype=ox.NamedNode(lit.datatype))


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

        bindings = {}
        for k, v in (params or {}).items():
            lit = param_literal(v)
            bindings[k] = (rdflib.Literal(lit.value) if lit.datatype == rdf.XSD + "string"
                           else rdflib.Literal(lit.value, datatype=rdflib.URIRef(lit.datatype)))
        try:
            res = self._g.query(query, initBindings=bindings)
        except Exception as exc:  # pyparsing and rdflib raise many kinds
            raise StoreError(f"SPARQL error: {_first_line(exc)}") from None
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


def ontology_path() -> Path:
    return data_dir("schema") / "ontology.ttl"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def write(graph: Graph, out: Path) -> Path:
    """Bulk-load the graph into OUT/store, replacing any old store only when done."""
    import pyoxigraph as ox

    out = Path(out)
    final = out / STORE_DIR
    tmp = out / f".{STORE_DIR}.tmp"
    old = out / f".{STORE_DIR}.old"
    for p in (tmp, old):
        shutil.rmtree(p, ignore_errors=True)
    store = ox.Store(str(tmp))
    store.bulk_extend(rdf.to_oxigraph(graph))
    # The ontology goes in too: queries read relationship names (kg:edgeType)
    # and labels from it, and users can explore the schema in SPARQL.
    store.bulk_load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)
    store.flush()
    del store  # closes RocksDB before the folder moves
    if final.exists():
        final.rename(old)
    tmp.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    return final


def open_default(out: Path) -> OxigraphStore:
    return OxigraphStore(Path(out) / STORE_DIR)


def sort_rows(rows: Iterable[dict]) -> list[dict]:
    """Rows in an engine-independent order (for comparing engines)."""
    return sorted(rows, key=lambda r: [(v is None, str(v)) for v in r.values()])
