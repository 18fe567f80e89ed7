"""Issue 7: parallel, distributed and incremental builds give the same bytes."""

from __future__ import annotations

import json
import shutil

from conftest import SEEDS, run_kg, seed

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
    before = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pickle")}
    assert len(before) == 5
    edited = seed("001").name
    others = _prov(out, edited)
    (corpus / edited).write_bytes(seed("003").read_bytes())  # new content under the old name
    run_kg("build", str(corpus), "--out", str(out))
    after = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pickle")}
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
    assert len(list(cache.glob("*.pickle"))) == 4
