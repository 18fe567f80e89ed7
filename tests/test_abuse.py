"""Issue 20: hostile inputs, queries and exports, through the real command line."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import run_kg, seed

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


def test_sparql_service_is_refused_and_sends_nothing(seeds_build):
    with socket.socket() as srv:
        srv.bind(("127.0.0.1", 0))
        srv.listen()
        srv.settimeout(0.5)
        port = srv.getsockname()[1]
        for q in (f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
                  f"select * {{ service silent <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"):
            r = run_kg("query", "--sparql", q, "--out", str(seeds_build), check=False)
            assert r.returncode == 2 and r.stderr.count("\n") == 1 and "SERVICE" in r.stderr
        with pytest.raises(TimeoutError):
            srv.accept()  # nobody called
    # the word in a string, a variable or an IRI is not the keyword
    r = run_kg("query", "--sparql", "SELECT ?service { BIND('SERVICE <http://x/>' AS ?service) }",
               "-f", "json", "--out", str(seeds_build))
    assert json.loads(r.stdout) == [{"service": "SERVICE <http://x/>"}]


def test_runaway_query_stops_at_the_time_limit(seeds_build):
    t0 = time.monotonic()
    r = run_kg("query", "--sparql", "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
               "--timeout", "1", "--out", str(seeds_build), check=False)
    took = time.monotonic() - t0
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "time limit" in r.stderr, r.stderr
    assert took < 30  # the query alone would run for hours
    for bad in (["--limit", "-1"], ["--timeout", "0"], ["--max-rows", "-5"]):
        r = run_kg("query", "region-tree", *bad, "--out", str(seeds_build), check=False)
        assert r.returncode == 2 and r.stderr.count("\n") == 1 and bad[0] in r.stderr
    r = run_kg("query", "region-tree", "--max-rows", "2", "-f", "json", "--out", str(seeds_build))
    assert len(json.loads(r.stdout)) == 2 and "--max-rows" in r.stderr


def test_sigint_stops_a_query(seeds_build):
    p = subprocess.Popen([sys.executable, "-m", "kg.cli", "query", "--sparql",
                          "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                          "--out", str(seeds_build)], stderr=subprocess.PIPE, text=True,
                         stdout=subprocess.DEVNULL)
    end = time.monotonic() + 60
    while not _children(p.pid) and time.monotonic() < end:  # the query runs in its child
        time.sleep(0.1)
    time.sleep(0.3)
    t0 = time.monotonic()
    p.send_signal(signal.SIGINT)
    err = p.communicate(timeout=30)[1]
    assert time.monotonic() - t0 < 2 and p.returncode == 130 and err.count("\n") == 1


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def test_a_fifo_among_the_inputs_is_skipped_with_its_reason(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    shutil.copy(seed("004"), corpus)
    os.mkfifo(corpus / "x.txt")  # opened for reading, it would wait for a writer forever
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert errors == [{"doc": "x.txt", "reason": "not a regular file (a FIFO, device or socket): skipped unread"}]
    r = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(corpus / "x.txt"), str(seed("004")),
                        "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and "x.txt: not a regular file" in r.stderr
