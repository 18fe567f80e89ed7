"""Issue 20: hostile inputs, queries and exports, through the real command line."""

from __future__ import annotations

import csv
import io
import json

from conftest import run_kg

from kg import store
from kg.graph import Edge, Graph, Node, dumps_record

FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def _hostile_build(folder):
    g = Graph()
    for k, name in enumerate(FORMULAS):
        g.add_node(Node(f"company:c{k}", "Company", name))
    g.add_node(Node("region:r", "Region", "某县", props={"level": "county"}))
    g.add_edge(Edge("LOCATED_IN", "company:c0", "region:r"))
    folder.mkdir()
    (folder / "graph.jsonl").write_text("".join(dumps_record(i.record()) + "\n" for i in g.items()),
                                        encoding="utf-8")
    store.write(g, folder)
    return folder


def test_csv_cells_never_start_a_formula(tmp_path):
    out = _hostile_build(tmp_path / "out")
    run_kg("export", "-f", "csv", "-o", str(tmp_path / "csv"), "--out", str(out))
    names = [r["name"] for r in csv.DictReader(open(tmp_path / "csv/nodes.csv", encoding="utf-8", newline=""))]
    q = run_kg("query", "--sparql", "PREFIX kg: <https://w3id.org/cnkg#> SELECT ?n (-5 AS ?x) "
               "WHERE { ?c a kg:Company ; kg:name ?n }", "-f", "csv", "--out", str(out)).stdout
    rows = list(csv.DictReader(io.StringIO(q.replace("'\nx", "'\rx"))))  # text mode read CR as LF
    for cells in (names, [r["n"] for r in rows]):
        assert sorted(c for c in cells if c != "某县") == sorted("'" + f for f in FORMULAS)
    assert {r["x"] for r in rows} == {"-5"}  # a number stays a number
    j = json.loads(run_kg("query", "--sparql", "PREFIX kg: <https://w3id.org/cnkg#> SELECT ?n "
                          "WHERE { ?c a kg:Company ; kg:name ?n }", "-f", "json", "--out", str(out)).stdout)
    assert sorted(r["n"] for r in j) == sorted(FORMULAS)  # JSON keeps the text as it is
