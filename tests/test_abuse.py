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
    engine = _children(p.pid)
    assert engine and p.poll() is None  # the query is running (it would for hours)
    p.send_signal(signal.SIGINT)
    # The bound only guards against a hang (a loaded machine is slow to schedule
    # the signal): what is checked is that the query stops, and how.
    err = p.communicate(timeout=60)[1]
    assert p.returncode == 130 and err == "kg: query interrupted\n", err
    end = time.monotonic() + 10  # the engine is gone too (an orphan's zombie waits for init)
    while [c for c in engine if _alive(c)] and time.monotonic() < end:
        time.sleep(0.1)
    assert not [c for c in engine if _alive(c)]


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


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


# Firms named from characters no seed firm uses, three to a name: 8,000 names.
_POOL = "青松翠柏白云清泉碧海苍山紫竹丹枫玉兰春晖"


def _firm(k: int) -> str:
    return _POOL[k % 20] + _POOL[k // 20 % 20] + _POOL[k // 400 % 20]


def test_inputs_built_to_be_quadratic_build_whole(tmp_path):
    """A line with no sentence end, a line with no punctuation at all and a list of
    2,000 short lines (time per doubling: bench/pathological.py) build, with every
    firm found and no sentence over the cap."""
    from kg.normalize.sentences import MAX_SENTENCE

    corpus = tmp_path / "in"
    corpus.mkdir()
    n = 2000
    clauses = [f"{_firm(k)}科技有限公司年产{k % 9 + 1}万台智能装备项目开工" for k in range(n)]
    (corpus / "line.txt").write_text("，".join(clauses) + "\n", encoding="utf-8")  # ~60,000 characters
    (corpus / "list.txt").write_text("".join(f"{k + 1}项，{_firm(k + n)}材料有限公司年产{k % 97 + 1}万吨"
                                             f"钛白粉项目\n" for k in range(n)), encoding="utf-8")
    (corpus / "bare.txt").write_text("县长调研产业园区" * 1500 + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run_kg("build", str(corpus), "--out", str(out))
    nodes, spans = set(), []
    for line in (out / "graph.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["kind"] == "node" and r["type"] == "Company":
            nodes.add(r["name"])
        spans += [(p["doc"], p["end"] - p["start"]) for p in r.get("provenance", [])]
    assert {f"{_firm(k)}科技有限公司" for k in range(n)} <= nodes
    assert {f"{_firm(k + n)}材料有限公司" for k in range(n)} <= nodes
    assert spans and max(length for _, length in spans) <= MAX_SENTENCE
    docs = {json.loads(line)["doc"]: json.loads(line) for line in (out / "documents.jsonl").open(encoding="utf-8")}
    assert docs["line.txt"]["sentences"] >= len("，".join(clauses)) // MAX_SENTENCE
    assert docs["bare.txt"]["sentences"] == 12  # 12,000 characters cut at the cap, none lost
    assert docs["list.txt"]["sentences"] == n


# RFC 3987's ucschar, and the ASCII an IRI path may hold (unreserved, sub-delims,
# ':', '@', '/', '%' of an escape) plus the query's '?' and one fragment '#'.
_UCSCHAR = [(0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF)] + \
    [(p << 16, (p << 16) + 0xFFFD) for p in range(1, 14)] + [(0xE1000, 0xEFFFD)]
_IRI_ASCII = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/%?#")


def _valid_iri(iri: str) -> bool:
    return iri.count("#") <= 1 and all(c in _IRI_ASCII if ord(c) < 0x80 else
                                       any(a <= ord(c) <= b for a, b in _UCSCHAR) for c in iri)


def test_every_file_name_builds_as_a_document_of_its_own(tmp_path):
    from urllib.parse import unquote

    text = "临川县委书记周岚调研青松翠科技有限公司年产30万吨钛白粉项目。\n".encode()
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    names = ["x[1]#2.txt", "c1\x85\x9f.txt", "\ue000私用.txt", "\ufdd0非字符\uffff.txt", "\U0010fffe.txt",
             "sp ace%20?q=1&.txt", "x.txt"]
    for n in names:
        (a / n).write_bytes(text)
    with open(os.path.join(os.fsencode(a), b"bad\xff\xfe.txt"), "wb") as f:
        f.write(text)
    (a / "new\nline\x1b[31m.txt").write_bytes(b"")  # skipped: nothing to read
    (b / "x.txt").write_bytes(text)
    out = tmp_path / "out"
    r = run_kg("build", str(a), str(b), "--out", str(out))
    assert r.stderr.count("\n") == 1 and "new\\nline\\x1b[31m.txt" in r.stderr, r.stderr
    docs = [json.loads(line) for line in (out / "documents.jsonl").open(encoding="utf-8")]
    want = {f"a/{n}" for n in names} | {"a/bad\\xff\\xfe.txt", "b/x.txt"}
    assert {d["doc"] for d in docs} == want  # two x.txt, two documents; bytes not in UTF-8 as \xNN
    rows = json.loads(run_kg("query", "--sparql", "SELECT ?d { ?d a <https://w3id.org/cnkg#Document> }",
                             "-f", "json", "--out", str(out)).stdout)
    iris = [row["d"] for row in rows]
    assert all(_valid_iri(i) for i in iris), [i for i in iris if not _valid_iri(i)]
    assert sorted(unquote(i.split("/id/", 1)[1]) for i in iris) == sorted(d["id"] for d in docs)
    nt = run_kg("export", "-f", "nt", "--out", str(out)).stdout.split("\n")[:-1]
    assert nt and all(line.endswith(" .") for line in nt)  # no triple cut at U+0085 in a name
    before = {f: (out / f).read_bytes() for f in ("documents.jsonl", "graph.jsonl", "errors.jsonl")}
    run_kg("build", str(a), str(b), "--out", str(out))  # the cache keys hold every name
    assert before == {f: (out / f).read_bytes() for f in before}


def test_folders_not_walked_are_listed_with_their_reason(tmp_path):
    corpus = tmp_path / "in"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "locked").mkdir()
    shutil.copy(seed("000"), corpus / "sub")
    shutil.copy(seed("001"), corpus / "locked")
    (corpus / "linked").symlink_to(corpus / "sub", target_is_directory=True)
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)  # followed, it would never end
    (corpus / "locked").chmod(0)
    cmd = [sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(tmp_path / "out")]
    if os.geteuid() == 0:  # root reads any folder: build without the capabilities that allow it
        if not shutil.which("setpriv"):
            pytest.skip("run as root without setpriv (util-linux)")
        cmd = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *cmd]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    finally:
        (corpus / "locked").chmod(0o755)
    assert r.returncode == 0, r.stderr
    errors = [json.loads(line) for line in (tmp_path / "out/errors.jsonl").open(encoding="utf-8")]
    assert errors == [{"doc": "linked", "reason": "symbolic link to a folder: not followed"},
                      {"doc": "locked", "reason": "folder cannot be read: Permission denied"},
                      {"doc": "loop", "reason": "symbolic link to a folder: not followed"}]
    assert r.stderr.splitlines() == [f"kg: warning: skipped {e['doc']}: {e['reason']}" for e in errors]
    docs = [json.loads(line)["doc"] for line in (tmp_path / "out/documents.jsonl").open(encoding="utf-8")]
    assert docs == [f"sub/{seed('000').name}"]


def _build_with_home(home: Path, out: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "XDG_CACHE_HOME"}
    env["HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "kg.cli", "build", str(seed("004")), "--out", str(out),
                           "--no-cache"], capture_output=True, text=True, env=env, timeout=300)


def test_a_planted_jieba_cache_changes_nothing(tmp_path):
    import marshal

    clean = tmp_path / "clean"
    r = _build_with_home(tmp_path / "home", clean)
    assert r.returncode == 0, r.stderr
    own = tmp_path / "home/.cache/kg/jieba"
    assert (own / "jieba.cache").is_file()  # kg's own cache, in the user's folder, owner-only
    assert own.stat().st_mode & 0o777 == 0o700 and own.parent.stat().st_mode & 0o777 == 0o700
    # A dictionary of one word: loaded, it would cut every sentence into characters.
    bogus = marshal.dumps(({"县": 1}, 1))
    # A folder others can write, and a link to a folder elsewhere: neither is used.
    shared = tmp_path / "shared/.cache/kg/jieba"
    shared.mkdir(parents=True)
    (shared / "jieba.cache").write_bytes(bogus)
    shared.chmod(0o777)
    linked = tmp_path / "linked/.cache/kg"
    linked.mkdir(parents=True, mode=0o700)
    (tmp_path / "elsewhere").mkdir(mode=0o700)
    (tmp_path / "elsewhere/jieba.cache").write_bytes(bogus)
    (linked / "jieba").symlink_to(tmp_path / "elsewhere")
    want = (clean / "graph.jsonl").read_bytes()
    import tempfile
    temps = set(Path(tempfile.gettempdir()).glob("kg-jieba-*"))
    for home in ("shared", "linked"):
        r = _build_with_home(tmp_path / home, tmp_path / f"out-{home}")
        assert r.returncode == 0, r.stderr
        assert (tmp_path / f"out-{home}/graph.jsonl").read_bytes() == want, home
    assert (shared / "jieba.cache").read_bytes() == bogus  # left as it was, not loaded
    assert set(Path(tempfile.gettempdir()).glob("kg-jieba-*")) <= temps  # the fresh folders are gone


def test_a_large_jsonl_is_read_in_pieces_by_the_workers(tmp_path):
    """A JSONL file over ingest.JSONL_PIECE bytes is read a piece at a time, each a
    task of its own: the same documents, line numbers and facts with 1 or 2 workers."""
    from kg import ingest

    corpus = tmp_path / "in"
    corpus.mkdir()
    n, bad = 1200, 777
    rows = []
    for k in range(1, n + 1):
        body = f"临川县委书记周岚调研{_firm(k)}科技有限公司年产{k % 50 + 1}万吨钛白粉项目。"
        if k == 5:
            body += "\u2028下一段。"  # JSON may hold U+2028 as it is: no line ends there
        rows.append("{broken" if k == bad else json.dumps({"title": f"第{k}篇", "text": body,
                                                            "raw": "x" * 2000}, ensure_ascii=False))
    big = corpus / "big.jsonl"
    big.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert len(ingest.pieces(big)) >= 2
    outs = {}
    for w in ("1", "2"):
        run_kg("build", str(corpus), "--out", str(tmp_path / w), "--workers", w)
        outs[w] = {f: (tmp_path / w / f).read_bytes() for f in ("documents.jsonl", "graph.jsonl", "errors.jsonl")}
    assert outs["1"] == outs["2"]
    docs = [json.loads(line)["doc"] for line in (tmp_path / "1/documents.jsonl").open(encoding="utf-8")]
    assert docs == [f"big.jsonl:{k}" for k in range(1, n + 1) if k != bad]
    errors = [json.loads(line) for line in (tmp_path / "1/errors.jsonl").open(encoding="utf-8")]
    assert [e["doc"] for e in errors] == [f"big.jsonl:{bad}"] and errors[0]["reason"].startswith("bad JSON")
    firms = {json.loads(line)["name"] for line in (tmp_path / "1/graph.jsonl").open(encoding="utf-8")
             if '"type": "Company"' in line and '"kind": "node"' in line}
    assert {f"{_firm(k)}科技有限公司" for k in range(1, n + 1) if k != bad} <= firms
