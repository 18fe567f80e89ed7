"""The Neo4j code path — the official driver over Bolt — against a real Bolt
server (Neo4j 5 itself, started by the bolt_server fixture), through the CLI."""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import SEEDS, canned_cases, run_kg, seed

from kg import query as q
from kg.export.neo4j_csv import ARRAY_DELIMITER
from kg.graph import Edge, Graph, Node, read_jsonl
from kg.store import StoreError
from kg.store.cypher import Neo4jStore


def _store(server) -> Neo4jStore:
    return Neo4jStore(server.uri, server.user, server.password, server.database)


def _wipe(server) -> None:
    with _store(server) as s:
        s._write("MATCH (n) DETACH DELETE n")  # (select runs read-only: Neo4j refuses writes there)


def _graph_counts(build: Path) -> tuple[Counter, Counter]:
    g = read_jsonl(build / "graph.jsonl")
    return Counter(n.type for n in g.nodes.values()), Counter(e.type for e in g.edges.values())


@pytest.fixture(scope="module")
def loaded(bolt_server, seeds_build):
    """The seeds' graph loaded once with `kg load`."""
    _wipe(bolt_server)
    run_kg("load", "--out", str(seeds_build), *bolt_server.args())
    return bolt_server


def test_load_counts_equal_graph_jsonl_and_reload_changes_nothing(loaded, seeds_build):
    labels, types = _graph_counts(seeds_build)
    with _store(loaded) as s:
        assert s.counts() == (dict(labels), dict(types))
    again = run_kg("load", "--out", str(seeds_build), *loaded.args())
    assert f"now holds {sum(labels.values())} nodes and {sum(types.values())} relationships" in again.stdout
    with _store(loaded) as s:
        assert s.counts() == (dict(labels), dict(types))
        # one relationship still carries each of its sentences once
        (row,) = s.select("MATCH (:Official {name: '王代强'})-[r:HOLDS_POSITION {title: '县委书记'}]->"
                          "(:Region {name: '宝丰县'}) RETURN r.prov_id AS ids").rows
        assert len(row["ids"]) == len(set(row["ids"])) >= 1


def test_provenance_is_queryable_in_cypher(loaded):
    with _store(loaded) as s:
        rows = s.select(
            "MATCH (o:Official {name: $name})-[r:HOLDS_POSITION]->(:Region {name: '宝丰县'}) "
            "WHERE r.title = '县委书记' "
            "UNWIND range(0, size(r.prov_doc) - 1) AS i "
            "MATCH (d:Document {id: r.prov_document[i]}) "
            "RETURN r.prov_doc[i] AS doc, r.prov_start[i] AS start, r.prov_end[i] AS end, "
            "r.prov_text[i] AS text, d.title AS title", {"name": "王代强"}).rows
    assert rows
    for r in rows:
        original = (SEEDS / r["doc"]).read_text(encoding="utf-8")
        assert "王代强" in original[r["start"]:r["end"]] and "县委书记王代强" in r["text"]
        assert r["title"]  # the Document node the sentence came from


@pytest.mark.parametrize(("name", "params"), list(canned_cases()), ids=lambda x: str(x))
def test_cypher_rows_equal_sparql_rows(loaded, seeds_build, name, params):
    canned = q.load(name)
    assert canned.sparql and canned.cypher, f"{name} needs both NAME.rq and NAME.cypher"
    sparql = json.loads(run_kg("query", name, "--out", str(seeds_build), "-f", "json",
                               *[a for k, v in params.items() for a in ("-p", f"{k}={v}")]).stdout)
    cypher = json.loads(run_kg("query", name, *loaded.args(), "-f", "json",
                               *[a for k, v in params.items() for a in ("-p", f"{k}={v}")]).stdout)
    # Same rows; the order of rows with missing values may differ (SPARQL sorts
    # unbound first, Cypher null last), so compare as multisets.
    key = lambda r: json.dumps(r, ensure_ascii=False, sort_keys=True)  # noqa: E731
    assert sorted(map(key, cypher)) == sorted(map(key, sparql))
    assert sparql, f"{name} {params}: no rows on the seeds, so the comparison says nothing"
    assert [list(r) for r in cypher[:1]] == [list(r) for r in sparql[:1]]  # same columns, same order


def test_parameter_holding_cypher_is_a_value(loaded):
    with _store(loaded) as s:
        before = s.counts()
    for evil in ["宝丰县' OR 1=1 //", "x'}) DETACH DELETE n //", "$region"]:
        # the name lookup binds it as a value too: it names no region (exit 1)
        out = run_kg("query", "who-leads", "-p", f"region={evil}", *loaded.args(), "-f", "json", check=False)
        assert out.returncode == 1 and "no region named" in out.stderr
        with _store(loaded) as s:
            assert s.select(q.load("who-leads").cypher, {"region": evil}).rows == []
    with _store(loaded) as s:
        assert s.counts() == before


def test_second_corpus_adds_and_merges(bolt_server, seeds_build, tmp_path):
    one = tmp_path / "one"
    run_kg("build", str(seed("000")), "--out", str(one))
    _wipe(bolt_server)
    run_kg("load", "--out", str(one), *bolt_server.args())
    with _store(bolt_server) as s:
        assert s.counts() == tuple(map(dict, _graph_counts(one)))
    # the seeds include 000: shared nodes and facts merge, the rest is added
    run_kg("load", "--out", str(seeds_build), *bolt_server.args())
    full = read_jsonl(seeds_build / "graph.jsonl")
    with _store(bolt_server) as s:
        assert s.counts() == tuple(map(dict, _graph_counts(seeds_build)))
        rows = s.select("MATCH ()-[r]->() RETURN r.id AS id, size(r.prov_id) AS n").rows
    from kg.rdf import fact_id

    expected = {fact_id(e): len(e.provenance) for e in full.edges.values()}
    assert {r["id"]: r["n"] for r in rows} == expected


def test_a_database_loaded_before_project_stages_keeps_its_lists_aligned(bolt_server, tmp_path):
    one = tmp_path / "one"
    run_kg("build", str(seed("000")), "--out", str(one))
    _wipe(bolt_server)
    run_kg("load", "--out", str(one), *bolt_server.args())
    with _store(bolt_server) as s:  # as an older kg left it: no prov_project_stage
        s._write("MATCH ()-[r]->() REMOVE r.prov_project_stage")
        s._write("MATCH ()-[r]->() SET r.prov_id = [x IN r.prov_id | x + '-old']")  # its sentences differ
    run_kg("load", "--out", str(one), *bolt_server.args())
    with _store(bolt_server) as s:
        rows = s.select("MATCH ()-[r]->() WHERE r.prov_doc IS NOT NULL "
                        "RETURN size(r.prov_id) AS ids, size(r.prov_doc) AS docs, "
                        "size(r.prov_project_stage) AS stages, r.prov_project_stage AS st").rows
    assert rows and all(r["ids"] == r["docs"] == r["stages"] for r in rows)
    # the old half has "" where the new half has the stages of seed 000's projects
    assert any(r["st"][: r["ids"] // 2] == [""] * (r["ids"] // 2) and any(r["st"]) for r in rows)


def test_errors_are_one_line(bolt_server, seeds_build):
    def fails(*args):
        p = run_kg(*args, check=False)
        assert p.returncode == 2 and p.stderr.count("\n") == 1 and "Traceback" not in p.stderr, p.stderr
        return p.stderr

    wrong = ["--neo4j", bolt_server.uri, "--user", bolt_server.user, "--password", "wrong-password",
             "--database", bolt_server.database]
    assert "refused the user name or password" in fails("query", "who-leads", *wrong)
    assert "cannot reach Neo4j" in fails("load", "--neo4j", "bolt://127.0.0.1:9", "--out", str(seeds_build))
    err = fails("query", "--cypher", "MATCH (n RETURN n", *bolt_server.args())
    assert "Cypher syntax error: Invalid input 'RETURN'" in err and "line 1, column 10" in err
    # kg query reads: a write is refused before it is sent (and by the server's read mode after)
    assert "Cypher CREATE writes to the database: refused" in fails(
        "query", "--cypher", "CREATE (:Region {name: 'x'})", *bolt_server.args())
    assert "available: company-projects" in fails("query", "no-such-query", *bolt_server.args())
    assert "bad Neo4j address" in fails("query", "who-leads", "--neo4j", "http://127.0.0.1:7474")


def test_neo4j_csv_headers_and_id_references(seeds_build, tmp_path):
    out = tmp_path / "import"
    run_kg("export", "-f", "neo4j-csv", "-o", str(out), "--out", str(seeds_build))
    g = read_jsonl(seeds_build / "graph.jsonl")
    typed = re.compile(r"(\w*)(:(ID|LABEL|START_ID|END_ID|TYPE|string|long|double|boolean)(\[\])?)?")
    ids, labels, rels = set(), Counter(), Counter()
    for f in sorted(out.glob("nodes_*.csv")):
        rows = list(csv.reader(f.open(encoding="utf-8")))
        header = rows[0]
        assert header[:2] == ["id:ID", ":LABEL"] and all(typed.fullmatch(h) for h in header), header
        assert len({h.split(":")[0] for h in header[2:]}) == len(header) - 2
        for r in rows[1:]:
            assert len(r) == len(header)
            ids.add(r[0])
            labels[r[1]] += 1
            cell = dict(zip(header, r))
            for h, v in cell.items():
                if h.endswith(":long") and v:
                    int(v)
    for f in sorted(out.glob("relationships_*.csv")):
        rows = list(csv.reader(f.open(encoding="utf-8")))
        header = rows[0]
        assert header[:3] == [":START_ID", ":END_ID", ":TYPE"] and all(typed.fullmatch(h) for h in header)
        for r in rows[1:]:
            cell = dict(zip(header, r))
            assert cell[":START_ID"] in ids and cell[":END_ID"] in ids
            starts = cell["prov_start:long[]"].split(ARRAY_DELIMITER)
            texts = cell["prov_text:string[]"].split(ARRAY_DELIMITER)
            assert len(starts) == len(texts) and all(s.isdigit() for s in starts)
            rels[r[2]] += 1
    assert ids == set(g.nodes)
    assert labels == Counter(n.type for n in g.nodes.values())
    assert rels == Counter(e.type for e in g.edges.values())
    assert "--array-delimiter=U+001F" in (out / "import.sh").read_text()


def test_readme_browser_queries_return_rows(loaded):
    """The Cypher the README tells users to paste into Browser runs and finds the seeds' facts."""
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use with Neo4j", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```cypher\n(.*?)```", section, re.S)
    assert len(blocks) == 3
    with _store(loaded) as s:
        results = [s.select(b) for b in blocks]
    assert all(r.rows for r in results)
    sentences = [r["sentence"] for r in results[2].rows]
    assert any("县委书记王代强" in t for t in sentences)


def test_neo4j_admin_import_of_the_export_equals_kg_load(seeds_build, tmp_path):
    """`kg export --format neo4j-csv` then its import.sh, run with neo4j-admin from the
    same Maven artifacts as the test server, into a fresh store; Neo4j started on it
    holds graph.jsonl's counts and answers every canned query as the embedded store does."""
    from bolt import admin_import, neo4j_server

    out = tmp_path / "import"
    run_kg("export", "-f", "neo4j-csv", "-o", str(out), "--out", str(seeds_build))
    home = tmp_path / "neo4j"
    p = admin_import(out, home)
    assert p.returncode == 0 and "IMPORT DONE" in p.stdout, (p.stdout + p.stderr)[-3000:]
    labels, types = _graph_counts(seeds_build)
    with neo4j_server(home) as server, _store(server) as s:
        assert s.counts() == (dict(labels), dict(types))
        key = lambda r: json.dumps(r, ensure_ascii=False, sort_keys=True)  # noqa: E731
        for name, params in canned_cases():
            want = q.run_sparql(name, params, seeds_build).rows
            got = q.run_cypher(name, params, s).rows
            assert sorted(map(key, got)) == sorted(map(key, want)), (name, params)


def test_cypher_write_refused_unless_write_and_graph_unchanged(loaded):
    with _store(loaded) as s:
        before = s.counts()
    for text in ["MATCH (n) DETACH DELETE n", "match (n:Official) set n.name = 'x' return n",
                 "MATCH (n) // only reading\nREMOVE n.name RETURN count(*)",
                 "CALL db.create.setNodeVectorProperty(null, 'v', [1.0])"]:
        proc = run_kg("query", "--cypher", text, *loaded.args(), check=False)
        assert proc.returncode == 2, proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and "refused" in lines[0] and "--write" in lines[0], proc.stderr
    # words inside strings, property names and map keys are not clauses
    ok = run_kg("query", "--cypher", "MATCH (n) WHERE n.name <> 'delete me' "
                "RETURN count(n) AS n, {set: 1}.set AS s", *loaded.args(), "--format", "json")
    assert json.loads(ok.stdout)[0]["s"] == 1
    with _store(loaded) as s:
        assert s.counts() == before
        # a write that gets past kg's check still meets the server's read mode
        with pytest.raises(StoreError, match="Writing in read access mode not allowed"):
            s._session(lambda tx: tx.run("CREATE (:KgProbe {id: 'p'})").consume(), write=False)
        assert s.counts() == before
    made = run_kg("query", "--cypher", "CREATE (p:KgProbe {id: 'p'}) RETURN p.id AS id",
                  *loaded.args(), "--write", "--format", "json")
    assert json.loads(made.stdout) == [{"id": "p"}]
    with _store(loaded) as s:
        s.select("MATCH (p:KgProbe) DELETE p", write=True)
        assert s.counts() == before


@pytest.mark.parametrize("command", ["query", "load"])
def test_paused_server_gives_one_line_within_the_timeout(loaded, seeds_build, command):
    args = {"query": ["query", "--cypher", "RETURN 1 AS one"], "load": ["load", "--out", str(seeds_build)]}
    os.kill(loaded.pid, signal.SIGSTOP)
    try:
        # the subprocess timeout only guards the suite against a hang (kg load's default is 300 s)
        proc = subprocess.run([sys.executable, "-m", "kg.cli", *args[command], *loaded.args(), "--timeout", "2"],
                              capture_output=True, text=True, timeout=60)
    finally:
        os.kill(loaded.pid, signal.SIGCONT)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and loaded.uri in lines[0] and "Traceback" not in proc.stderr, proc.stderr
    with _store(loaded) as s:  # and it answers again once resumed
        assert s.select("RETURN 1 AS one").rows == [{"one": 1}]


def _eager_under_writes(plan, above: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Each Eager of PLAN that a write operator sits above, with the operators above it."""
    op = plan["operatorType"].split("@")[0]
    found = [above] if op == "Eager" and any(re.match(r"(Set|Merge|LockingMerge|Create)", a) for a in above) \
        else []
    return found + [e for c in plan.get("children", []) for e in _eager_under_writes(c, (*above, op))]


def _operators(plan) -> list[str]:
    return [plan["operatorType"].split("@")[0]] + [o for c in plan.get("children", []) for o in _operators(c)]


def _small(aliases: list[str], props: dict, sentence: int) -> Graph:
    g = Graph()
    g.add(Node("region:甲县", "Region", "甲县", aliases, props))
    g.add(Node("project:乙项目", "Project", "乙项目"))
    prov = {"doc": f"d{sentence}.txt", "article": 0, "start": sentence, "end": sentence + 5,
            "text": f"第{sentence}句。", "extractor": "test", "confidence": 0.9}
    g.add(Edge("IMPLEMENTS", "region:甲县", "project:乙项目", {}, [prov]))
    return g


def test_a_later_load_merges_changed_nodes_and_new_sentences_only_where_needed(bolt_server):
    # A fresh load sends each row once (one batch a group); a later graph whose
    # node has another alias and property value, and whose fact has another
    # sentence, is merged into what is there: aliases unioned, the new value
    # kept, both sentences on the one relationship.
    _wipe(bolt_server)
    with _store(bolt_server) as s:
        first = s.load(_small(["甲"], {"scope": "丙市"}, 1))
        assert first.batches == 3  # Project, Region, IMPLEMENTS: nothing sent twice
        again = s.load(_small(["甲"], {"scope": "丙市"}, 1))
        assert again.batches == 3  # a reload: nothing differs
        later = s.load(_small(["甲县城"], {"scope": "丁市", "level": "county"}, 7))
        assert later.batches == 5  # the Region row and the IMPLEMENTS row merged
        (n,) = s.select("MATCH (n:Region {id: 'region:甲县'}) RETURN n.aliases AS a, n.scope AS s, "
                        "n.level AS l").rows
        assert sorted(n["a"]) == ["甲", "甲县城"] and n["s"] == "丁市" and n["l"] == "county"
        (r,) = s.select("MATCH ()-[r:IMPLEMENTS]->() RETURN r.prov_start AS st, size(r.prov_id) AS ids, "
                        "size(r.prov_text) AS texts").rows
        assert sorted(r["st"]) == [1, 7] and r["ids"] == r["texts"] == 2
        assert s.counts() == ({"Region": 1, "Project": 1}, {"IMPLEMENTS": 1})


def test_load_plans_have_no_eager_under_a_write(bolt_server):
    # SET after MERGE made the planner add Eager operators under it (issue 17: ~500 items/s)
    from kg.store.cypher import (
        _create_nodes,
        _create_relationships,
        _merge_nodes,
        _merge_relationships,
    )

    keys = ("id", "date", "title")
    with _store(bolt_server) as s:
        s.create_constraints(["Region", "Project"])
        for text in (_merge_nodes("Region"), _merge_relationships("IMPLEMENTS", "Region", "Project", keys),
                     _create_nodes("Region"), _create_relationships("IMPLEMENTS", "Region", "Project", keys)):
            plan = s._session(lambda tx, t=text: tx.run("EXPLAIN " + t, rows=[]).consume().plan, write=True)
            # An Eager above every write only holds a batch's ids (the create
            # queries' WHERE reads what they wrote); one under a write would
            # hold each row back from the MERGE until every row was read.
            assert "NodeUniqueIndexSeek(Locking)" in _operators(plan), plan
            assert _eager_under_writes(plan) == [], (text, _eager_under_writes(plan))
