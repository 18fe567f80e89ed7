"""Issue 7: parallel, distributed and incremental builds give the same bytes."""

from __future__ import annotations

import json
import shutil

from conftest import SEEDS, run_kg, seed

from kg.graph import Edge, Graph, Node
from kg.graph.spool import Spool

OUTPUTS = ("graph.jsonl", "documents.jsonl", "errors.jsonl")


def _same(a, b) -> None:
    for f in OUTPUTS:
        assert (a / f).read_bytes() == (b / f).read_bytes(), f


def test_workers_and_dask_give_the_same_bytes(tmp_path):
    one, two, dask = tmp_path / "one", tmp_path / "two", tmp_path / "dask"
    run_kg("build", str(SEEDS), "--out", str(one), "--workers", "1", "--no-cache")
    run_kg("build", str(SEEDS), "--out", str(two), "--workers", "2", "--no-cache")
    _same(one, two)
    # a Dask LocalCluster of 2 worker processes on 127.0.0.1, started for this build
    run_kg("build", str(SEEDS), "--out", str(dask), "--dask", "local:2", "--no-cache")
    _same(one, dask)
    # and so does a rebuild that finds everything unchanged
    run_kg("build", str(SEEDS), "--out", str(two), "--workers", "2")
    run_kg("build", str(SEEDS), "--out", str(two), "--workers", "2")
    _same(one, two)
    assert (one / "graph.jsonl").stat().st_size > 10_000


def _prov(out, skip_doc: str) -> set:
    """Every (fact, sentence) of files other than SKIP_DOC."""
    seen = set()
    for line in (out / "graph.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["kind"] == "edge":
            for p in r["provenance"]:
                if p["doc"] != skip_doc:
                    seen.add((r["type"], r["src"], r["dst"], json.dumps(r["props"]), json.dumps(p)))
    return seen


def test_an_edited_file_changes_only_its_own_facts(tmp_path):
    corpus = tmp_path / "in"
    shutil.copytree(SEEDS, corpus)
    out = tmp_path / "out"
    run_kg("build", str(corpus), "--out", str(out))
    cache = out / ".cache"
    before = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.json.gz")}
    assert len(before) == 5
    edited = seed("001").name
    others = _prov(out, edited)
    (corpus / edited).write_bytes(seed("003").read_bytes())  # new content under the old name
    run_kg("build", str(corpus), "--out", str(out))
    after = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.json.gz")}
    # four files came from the cache untouched; one entry replaced the edited file's
    assert len(after) == 5 and len(set(after) & set(before)) == 4
    assert all(after[k] == before[k] for k in set(after) & set(before))
    assert _prov(out, edited) == others
    assert "赵红兵" in (out / "graph.jsonl").read_text(encoding="utf-8")
    clean = tmp_path / "clean"
    run_kg("build", str(corpus), "--out", str(clean), "--no-cache")
    _same(out, clean)
    # a removed file takes its facts and its cache entry with it
    (corpus / edited).unlink()
    run_kg("build", str(corpus), "--out", str(out))
    assert edited not in (out / "graph.jsonl").read_text(encoding="utf-8")
    assert len(list(cache.glob("*.json.gz"))) == 4


def _p(doc: str, start: int, text: str = "句子") -> dict:
    return {"doc": doc, "article": 0, "start": start, "end": start + len(text), "text": text,
            "extractor": "test", "confidence": 0.9}


def test_spool_on_disk_merges_as_one_graph_in_memory(tmp_path):
    """Three files' graphs, spilled to disk after each one: the merged items are
    those of one Graph that took all three, in its order."""
    a, b, c = Graph(), Graph(), Graph()
    a.add_node(Node("region:宝丰县", "Region", "宝丰县", ["宝丰"], {"level": "county"}))
    a.add_edge(Edge("PART_OF", "region:宝丰县", "region:平顶山市", {}, [_p("a.txt", 0)]))
    b.add_node(Node("region:宝丰县", "Region", "宝丰县", ["该县"], {"level": "city", "code": "410421"}))
    b.add_edge(Edge("PART_OF", "region:宝丰县", "region:平顶山市", {}, [_p("b.txt", 5), _p("b.txt", 9)]))
    b.add_node(Node("company:甲公司", "Company", "甲公司"))
    c.add_edge(Edge("PART_OF", "region:宝丰县", "region:平顶山市", {}, [_p("a.txt", 0, "又一句"), _p("c.txt", 1)]))
    c.add_edge(Edge("HOLDS_POSITION", "official:x/张三", "region:宝丰县", {"title": "县长"}, [_p("c.txt", 2)]))

    spool = Spool(tmp_path, limit=1)
    whole = Graph()
    for g in (a, b, c):
        for n in g.nodes.values():
            whole.add_node(Node(n.id, n.type, n.name, list(n.aliases), dict(n.props)))
        for e in g.edges.values():
            whole.add_edge(Edge(e.type, e.src, e.dst, dict(e.props), list(e.provenance)))
        spool.add(g)
    merged = [item.record() for item in spool.items()]
    assert len(spool.runs) == 3  # it did go to disk, once per file
    assert merged == list(whole.records())
    county = merged[1]
    assert county["id"] == "region:宝丰县"
    assert county["aliases"] == ["宝丰", "该县"] and county["props"] == {"code": "410421", "level": "county"}
    part_of = next(r for r in merged if r.get("type") == "PART_OF")
    # a.txt's sentence at 0 once (the first text wins), then b.txt's two and c.txt's one
    assert [(p["doc"], p["start"], p["text"]) for p in part_of["provenance"]] == [
        ("a.txt", 0, "句子"), ("b.txt", 5, "句子"), ("b.txt", 9, "句子"), ("c.txt", 1, "句子")]


def test_a_build_spilled_to_disk_gives_the_same_bytes(tmp_path, monkeypatch, seeds_build):
    """The seeds built with a spool that spills every few files: same outputs as
    the session's build, which never spilled; and the Python API reports the
    counts that the CLI printed."""
    import kg
    import kg.graph.spool

    monkeypatch.setattr(kg.graph.spool, "DEFAULT_LIMIT", 50)
    out = tmp_path / "out"
    report = kg.build([SEEDS], out, cache=False)
    _same(out, seeds_build)
    records = [json.loads(line) for line in (out / "graph.jsonl").read_text(encoding="utf-8").splitlines()]
    nodes = sum(1 for r in records if r["kind"] == "node")
    rels = sum(1 for r in records if r["kind"] == "edge" and r["type"] != "MENTIONED_IN")
    assert (report.nodes, report.relationships) == (nodes, rels) and nodes > 100
    assert not list(out.glob(".*.tmp"))  # the spool's folder is gone


def test_an_unchanged_rebuild_prints_the_same_summary(tmp_path):
    out = tmp_path / "out"
    first = run_kg("build", str(SEEDS), "--out", str(out)).stdout
    again = run_kg("build", str(SEEDS), "--out", str(out)).stdout
    assert first == again and " nodes, " in first and first.split()[0] != "0"
