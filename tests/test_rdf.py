"""The RDF mapping: ontology coverage, SHACL shapes, export round trips."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import networkx as nx
import pyshacl
import pytest
import rdflib
from conftest import ROOT, run_kg

from kg import rdf
from kg.graph import read_jsonl

SCHEMA = ROOT / "schema"


@pytest.fixture(scope="module")
def seeds_rdf(seeds_build):
    return rdf.to_rdflib(read_jsonl(seeds_build / "graph.jsonl"))


def validate(g):
    shapes = rdflib.Graph().parse(SCHEMA / "shapes.ttl")
    ont = rdflib.Graph().parse(SCHEMA / "ontology.ttl")
    conforms, _, text = pyshacl.validate(g, shacl_graph=shapes, ont_graph=ont, inference="none")
    return conforms, text


def test_seeds_graph_conforms_to_shapes(seeds_rdf):
    conforms, text = validate(seeds_rdf)
    assert conforms, text


def test_shapes_catch_a_broken_graph(seeds_rdf):
    g = rdflib.Graph()
    for t in seeds_rdf:
        g.add(t)
    kg = rdflib.Namespace(rdf.KG)
    amount = next(g.subjects(rdflib.RDF.type, kg.Amount))
    g.remove((amount, kg.value, None))
    fact = next(g.subjects(rdflib.RDF.type, kg.Fact))
    g.remove((fact, kg.evidence, None))
    conforms, text = validate(g)
    assert not conforms
    assert "kg:value" in text and "kg:evidence" in text


def test_ontology_declares_every_class_and_property(seeds_rdf):
    ont = rdflib.Graph().parse(SCHEMA / "ontology.ttl")
    declared = set(ont.subjects(rdflib.RDF.type, None))
    used = {p for p in seeds_rdf.predicates() if str(p).startswith(rdf.KG)}
    used |= {o for o in seeds_rdf.objects(None, rdflib.RDF.type)}
    assert used - declared == set()
    for c in ont.subjects(rdflib.RDF.type, rdflib.OWL.Class):
        if isinstance(c, rdflib.URIRef):
            langs = {lit.language for lit in ont.objects(c, rdflib.RDFS.label)}
            assert {"zh", "en"} <= langs, c


def test_amounts_and_dates_are_typed(seeds_rdf):
    kg = rdflib.Namespace(rdf.KG)
    values = list(seeds_rdf.objects(None, kg.value))
    assert values and all(v.datatype == rdflib.XSD.decimal for v in values)
    dates = list(seeds_rdf.objects(None, kg.date))
    assert dates and all(d.datatype == rdflib.XSD.date for d in dates)


@pytest.mark.parametrize("fmt, parser", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_export_reads_back_as_the_same_triples(seeds_build, seeds_rdf, tmp_path, fmt, parser):
    dest = tmp_path / f"g.{fmt}"
    run_kg("export", "--format", fmt, "-o", str(dest), "--out", str(seeds_build))
    back = rdflib.Graph().parse(dest, format=parser)
    assert set(back) == set(seeds_rdf)


def test_dataset_formats_keep_the_default_graph(seeds_build, seeds_rdf, tmp_path):
    for fmt, parser in (("nq", "nquads"), ("trig", "trig")):
        dest = tmp_path / f"g.{fmt}"
        run_kg("export", "--format", fmt, "-o", str(dest), "--out", str(seeds_build))
        ds = rdflib.Dataset()
        ds.parse(dest, format=parser)
        assert set(ds.default_graph) == set(seeds_rdf), fmt


def test_graphml_and_csv(seeds_build, tmp_path):
    graph = read_jsonl(seeds_build / "graph.jsonl")
    run_kg("export", "--format", "graphml", "-o", str(tmp_path / "g.graphml"), "--out", str(seeds_build))
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert g.number_of_nodes() == len(graph.nodes)
    assert g.number_of_edges() == len(graph.edges)
    assert g.nodes["region:宝丰县"]["name"] == "宝丰县"
    run_kg("export", "--format", "csv", "-o", str(tmp_path / "csv"), "--out", str(seeds_build))
    import csv

    with open(tmp_path / "csv" / "edges.csv", encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    assert len(edges) == len(graph.edges)
    assert all(json.loads(e["provenance"]) for e in edges)


def test_exports_are_byte_identical_across_runs(seeds_build):
    """rdflib iterates in hash order; the export must not."""
    outs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONIOENCODING="utf-8")
        outs.append([subprocess.run([sys.executable, "-m", "kg.cli", "export", "--format", fmt,
                                     "--out", str(seeds_build)], env=env, capture_output=True,
                                    check=True).stdout for fmt in ("ttl", "jsonld", "nt", "graphml")])
    assert outs[0] == outs[1]


def test_iris_escape_what_iris_cannot_hold():
    iri = rdf.node_iri('project:a b<c>"d')
    assert iri.endswith("project:a%20b%3Cc%3E%22d")
    assert rdf.node_iri("region:宝丰县").endswith("region:宝丰县")  # Han characters stay readable


def test_store_keeps_literals_that_n_triples_must_escape(tmp_path):
    """The embedded store is loaded as N-Triples text: quotes, backslashes and
    line breaks in a name must come back as they went in."""
    from kg import store
    from kg.graph import Graph, Node

    names = ['引号"项目', "反斜杠\\项目", "换行\n项目", "回车\r项目", "制表\t项目 ", "\\n 不是换行"]
    g = Graph()
    for k, name in enumerate(names):
        g.add_node(Node(f"project:p{k}", "Project", name, [f"{name}别名"]))
    store.write(g, tmp_path)
    res = store.open_default(tmp_path).select(
        "PREFIX kg: <https://w3id.org/cnkg#> SELECT ?n ?a WHERE { ?p kg:name ?n ; kg:alias ?a }")
    assert sorted((r["n"], r["a"]) for r in res.rows) == sorted((n, f"{n}别名") for n in names)
