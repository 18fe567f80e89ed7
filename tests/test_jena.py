"""Portability of the RDF side: Apache Jena (ARQ, the SPARQL 1.1 reference engine,
tests/jena) loads every RDF format `kg export` writes and runs every canned
query over the exported Turtle, with the same rows as the embedded store."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, canned_cases, run_kg
from java import java_command

from kg import query as q
from kg.rdf import IRI, ntriple
from kg.store import ontology_path, param_literal, python_value

FORMATS = ["ttl", "nt", "nq", "trig", "jsonld"]


@pytest.fixture(scope="module")
def exports(seeds_build, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("exports")
    files = {f: out / f"seeds.{f}" for f in FORMATS}
    for f, path in files.items():
        run_kg("export", "-f", f, "-o", str(path), "--out", str(seeds_build))
    return files


def jena(*args: str) -> str:
    cmd = [*java_command(ROOT / "tests" / "jena", "kg.JenaRunner"), *args]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    return p.stdout


def test_jena_loads_every_rdf_export(exports):
    # N-Triples: one triple a line, so the count is read off the file itself
    triples = sum(1 for line in exports["nt"].read_text(encoding="utf-8").splitlines() if line.strip())
    counted = dict(line.split("\t") for line in jena("count", *map(str, exports.values())).splitlines())
    assert {Path(f).suffix[1:]: int(n) for f, n in counted.items()} == dict.fromkeys(FORMATS, triples)
    assert triples > 1000


def _term(value) -> str:
    """A parameter as the N-Triples term the embedded store binds."""
    return ntriple(IRI("s"), IRI("p"), param_literal(value))[len("<s> <p> "):-2]


def _rows(srj: Path, drop: set[str]) -> list[dict]:
    """SPARQL JSON results as the embedded store reports rows (parameters dropped)."""
    res = json.loads(srj.read_text(encoding="utf-8"))
    cols = [c for c in res["head"]["vars"] if c not in drop]
    rows = []
    for b in res["results"]["bindings"]:
        rows.append({c: None if c not in b else
                     python_value(b[c]["value"], b[c].get("datatype")) if b[c]["type"] == "literal"
                     else b[c]["value"] for c in cols})
    return rows


def test_canned_queries_on_jena_equal_embedded_store(exports, seeds_build, tmp_path):
    cases = list(canned_cases())
    spec, expected = [], []
    for name, params in cases:
        c = q.load(name)
        bound = c.bind(params)
        spec.append("\t".join([str(q.queries_dir() / f"{name}.rq"),
                               *(f"{k}={_term(v)}" for k, v in bound.items())]))
        expected.append(q.run_sparql(name, params, seeds_build).rows)
    (tmp_path / "spec.tsv").write_text("\n".join(spec) + "\n", encoding="utf-8")
    # the exported graph and the ontology, as the embedded store holds them
    # (queries read relationship names, kg:edgeType, from the ontology)
    jena("query", f"{exports['ttl']},{ontology_path()}", str(tmp_path / "spec.tsv"), str(tmp_path))
    key = lambda r: json.dumps(r, ensure_ascii=False, sort_keys=True)  # noqa: E731
    for i, ((name, params), want) in enumerate(zip(cases, expected)):
        got = _rows(tmp_path / f"{i}.srj", {p.name for p in q.load(name).params})
        assert want, f"{name} {params}: no rows on the seeds, so the comparison says nothing"
        assert sorted(map(key, got)) == sorted(map(key, want)), (name, params)
        assert [list(r) for r in got[:1]] == [list(r) for r in want[:1]], name
