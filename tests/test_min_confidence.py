"""`kg query` and `kg viz` with --min-confidence keep the facts a sentence gives
with at least that confidence (issue 16). The graph is written by hand."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_kg

from kg.graph import Edge, Graph, Node, at_least


def _prov(start: int, conf: float) -> dict:
    return {"doc": "a.txt", "article": 0, "start": start, "end": start + 5, "text": "某句。",
            "extractor": "officials", "confidence": conf}


def _graph() -> Graph:
    g = Graph()
    for nid, t, name in (("region:东湖县", "Region", "东湖县"), ("official:东湖县/王立新", "Official", "王立新"),
                         ("official:东湖县/李卫东", "Official", "李卫东")):
        g.add_node(Node(nid, t, name))
    g.add_edge(Edge("HOLDS_POSITION", "official:东湖县/王立新", "region:东湖县", {"title": "县委书记"},
                    [_prov(0, 0.95), _prov(10, 0.4)]))
    g.add_edge(Edge("HOLDS_POSITION", "official:东湖县/李卫东", "region:东湖县", {"title": "县长"}, [_prov(20, 0.5)]))
    return g


def test_at_least_keeps_the_confident_sentences_and_their_nodes():
    kept = at_least(_graph(), 0.9)
    (edge,) = kept.edges.values()
    assert edge.src == "official:东湖县/王立新" and [p["start"] for p in edge.provenance] == [0]
    assert set(kept.nodes) == {"official:东湖县/王立新", "region:东湖县"}
    assert len(at_least(_graph(), 0.5).edges) == 2 and len(at_least(_graph(), 0.96).edges) == 0


def test_query_and_viz_take_min_confidence(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _graph().records()),
                                     encoding="utf-8")
    sparql = "PREFIX kg: <https://w3id.org/cnkg#> SELECT ?n WHERE { ?p kg:holdsPosition ?r ; kg:name ?n } ORDER BY ?n"
    rows = json.loads(run_kg("query", "--out", str(out), "--format", "json", "--min-confidence", "0.9",
                             "--sparql", sparql).stdout)
    assert [r["n"] for r in rows] == ["王立新"]
    rows = json.loads(run_kg("query", "--out", str(out), "--format", "json", "--min-confidence", "0.5",
                             "--sparql", sparql).stdout)
    assert [r["n"] for r in rows] == ["李卫东", "王立新"]
    msg = run_kg("viz", "--out", str(out), "-o", str(tmp_path / "v.html"), "--min-confidence", "0.9").stdout
    assert msg.startswith("2 nodes, 1 relationships")
    bad = run_kg("query", "--out", str(out), "--min-confidence", "1.5", "--sparql", sparql, check=False)
    assert bad.returncode == 2
