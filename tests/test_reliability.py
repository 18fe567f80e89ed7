"""Issue 8: bad input, interrupted runs and hostile text lose nothing and break nothing."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEEDS, run_kg, seed
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kg import extract, ingest, normalize, query
from kg.graph import read_jsonl
from kg.model import Skip
from kg.store import open_default

# Real sentences from the seeds, so that the extractors have work to do
# between the noise.
SEED_LINES = sorted({line.strip() for p in SEEDS.glob("*.txt")
                     for line in p.read_text(encoding="utf-8").splitlines() if 8 < len(line.strip()) < 200})
SNIPPETS = ["\n", "。", "!", "“", "”", "<div>", "</div>", "<p>", "<br/>", "<script>x='县长'</script>",
            "\x00", "\x1f", "\u200b", "\ufeff", "\r\n", "(jì)", "計(jì)劃(huà)", "县委书记", "亿元",
            "总投资", "有限公司", "项目", " " * 40, "&amp;", "&#x4e00;", "\u3000"]
ENCODINGS = ["utf-8", "gb18030", "big5", "utf-16", "latin-1"]

pieces = st.one_of(
    st.sampled_from(SEED_LINES),
    st.sampled_from(SNIPPETS),
    st.text(max_size=60),  # any code point, lone surrogates included
    st.text(alphabet="县委书记王李张项目工程产业园亿元万元总投资签约开工,。、()《》", max_size=80),
)


@st.composite
def files(draw):
    text = "".join(draw(st.lists(pieces, max_size=30)))
    if draw(st.booleans()):
        depth = draw(st.integers(0, 400))  # deeply nested HTML
        text = "<html><body>" + "<div>" * depth + text + "</div>" * depth + "</body></html>"
        suffix = ".html"
    else:
        suffix = draw(st.sampled_from([".txt", ".md"]))
    if draw(st.integers(0, 9)) == 0:
        text = text.replace("。", "").replace("\n", "") * 20  # a long line with no sentence end
    enc = draw(st.sampled_from(ENCODINGS))
    data = text.encode(enc, errors="surrogatepass" if enc == "utf-8" else "ignore")
    return suffix, data


# Examples of the property below: 200 in every run (CI), 10,000 in the nightly-style
# run `pytest -m slow`; KG_HYPOTHESIS_EXAMPLES sets both (a quick local try).
CI_EXAMPLES = int(os.environ.get("KG_HYPOTHESIS_EXAMPLES", "200"))
SLOW_EXAMPLES = int(os.environ.get("KG_HYPOTHESIS_EXAMPLES", "10000"))
_HEALTH = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]


@settings(max_examples=CI_EXAMPLES, deadline=None, suppress_health_check=_HEALTH)
@given(files())
def test_any_file_is_read_or_skipped_and_offsets_hold(tmp_path, f):
    _read_or_skipped_and_offsets_hold(tmp_path, f)


@pytest.mark.slow
@settings(max_examples=SLOW_EXAMPLES, deadline=None, suppress_health_check=_HEALTH)
@given(files())
def test_any_file_is_read_or_skipped_and_offsets_hold_nightly(tmp_path, f):
    _read_or_skipped_and_offsets_hold(tmp_path, f)


def _read_or_skipped_and_offsets_hold(tmp_path, f) -> None:
    suffix, data = f
    path = tmp_path / f"x{suffix}"
    path.write_bytes(data)
    for item in ingest.read(path, path.name):
        if isinstance(item, Skip):
            assert item.reason and "internal error" not in item.reason
            event("skipped")
            continue
        original, markup, markdown = item.text, item.kind == "html", item.kind == "markdown"
        for art in normalize.articles(item):
            for s in art.sentences:
                assert 0 <= s.start <= s.end <= len(original)
                assert normalize.normalize(original[s.start:s.end], markup=markup, markdown=markdown) == s.text
            facts = extract.run(art)
            event("article with facts" if facts else "article without facts")
            for fact in facts:
                s = fact.sentence
                assert s in art.sentences and fact.s.name and fact.o.name


OUTPUTS = ("graph.jsonl", "documents.jsonl", "errors.jsonl")


def _kg(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg.cli", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def test_killed_build_leaves_previous_output_complete(tmp_path, seeds_build):
    out = tmp_path / "out"
    run_kg("build", str(seed("000")), "--out", str(out))
    old = {f: (out / f).read_bytes() for f in OUTPUTS}
    new = {f: (seeds_build / f).read_bytes() for f in OUTPUTS}
    assert old["graph.jsonl"] != new["graph.jsonl"]
    t0 = time.perf_counter()
    run_kg("build", str(SEEDS), "--out", str(tmp_path / "timing"))
    full = time.perf_counter() - t0
    rnd = random.Random(8)
    for frac in (0.2, 0.5, 0.75, 0.88, 0.97):
        p = _kg("build", str(SEEDS), "--out", str(out))
        time.sleep(full * (frac + rnd.uniform(-0.05, 0.05)))
        p.send_signal(signal.SIGKILL)
        p.wait()
        for f in OUTPUTS:  # each file is the old one or the new one, whole
            assert (out / f).read_bytes() in (old[f], new[f]), (frac, f)
        rows = json.loads(run_kg("query", "region-tree", "--out", str(out), "-f", "json").stdout)
        assert rows  # the store opens and answers
    run_kg("build", str(SEEDS), "--out", str(out))
    assert all((out / f).read_bytes() == new[f] for f in OUTPUTS)
    assert not list(out.glob(".*.tmp")) and not list(out.parent.glob(".out.kg-*"))


def test_rebuild_reflects_exactly_the_new_inputs(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for prefix in ("000", "001", "004"):
        (corpus / seed(prefix).name).write_bytes(seed(prefix).read_bytes())
    out = tmp_path / "out"
    run_kg("build", str(corpus), "--out", str(out))
    removed = seed("004").name
    first = (out / "graph.jsonl").read_text(encoding="utf-8")
    assert removed in first and "赵红兵" not in first
    (corpus / removed).unlink()
    # 001 now holds another article (seed 003's, which names 赵红兵)
    (corpus / seed("001").name).write_bytes(seed("003").read_bytes())
    run_kg("build", str(corpus), "--out", str(out))
    text = (out / "graph.jsonl").read_text(encoding="utf-8")
    assert removed not in text and "赵红兵" in text
    clean = tmp_path / "clean"
    run_kg("build", str(corpus), "--out", str(clean))
    for f in OUTPUTS:
        assert (out / f).read_bytes() == (clean / f).read_bytes()


def _peak_rss_of(*args: str) -> tuple[int, subprocess.CompletedProcess]:
    """Run `kg ARGS` as the only child of a fresh interpreter; its peak RSS in bytes."""
    code = ("import resource, subprocess, sys; "
            "p = subprocess.run([sys.executable, '-m', 'kg.cli', *sys.argv[1:]], capture_output=True, text=True); "
            "sys.stderr.write(p.stderr); sys.stdout.write(p.stdout); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(p.returncode)")
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    return int(proc.stdout.strip().splitlines()[-1]) * 1024, proc


def test_oversized_file_is_skipped_without_reading_it(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / seed("000").name).write_bytes(seed("000").read_bytes())
    with open(corpus / "huge.txt", "wb") as f:
        f.truncate(3 * 2**30)  # 3 GB, sparse: costs no disk
    rss, proc = _peak_rss_of("build", str(corpus), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    assert "huge.txt: file too large (3221225472 bytes > limit 52428800)" in proc.stderr
    assert rss < 1 * 2**30, f"peak RSS {rss / 2**20:.0f} MB: the big file was read"
    errors = [json.loads(x) for x in (tmp_path / "out/errors.jsonl").read_text().splitlines()]
    assert [e["doc"] for e in errors] == ["huge.txt"]
    # the limit is a setting
    small = run_kg("build", str(corpus / seed("000").name), "--out", str(tmp_path / "o2"),
                   "--max-bytes", "1000", check=False)
    assert small.returncode == 2 and "file too large" in small.stderr


def test_ten_thousand_junk_files_finish_with_a_summary(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    rnd = random.Random(3)
    for i in range(10_000):
        kind = i % 3
        data = b"" if kind == 0 else b"\x00" * 40 if kind == 1 else rnd.randbytes(rnd.randrange(64, 400))
        (corpus / f"junk{i:05d}.txt").write_bytes(data)
    (corpus / seed("004").name).write_bytes(seed("004").read_bytes())
    proc = run_kg("build", str(corpus), "--out", str(tmp_path / "out"))
    warnings = [x for x in proc.stderr.splitlines() if x.startswith("kg: warning: skipped")]
    assert len(warnings) == 20  # the first ones one by one, then a count by reason
    summary = proc.stderr.splitlines()[-1]
    assert "9980 more skipped; in all:" in summary and "empty file" in summary, summary
    assert "10000 skipped" in proc.stdout
    errors = (tmp_path / "out/errors.jsonl").read_text().splitlines()
    assert len(errors) == 10_000
    docs = [json.loads(x)["doc"] for x in (tmp_path / "out/documents.jsonl").read_text().splitlines()]
    assert seed("004").name in docs and not any(d.startswith("junk") for d in docs)


EVIL = ["x'}) DETACH DELETE n //", '"} ; DELETE WHERE { ?s ?p ?o } ; SELECT * WHERE { "',
        '宝丰县" } UNION { ?o ?p ?s', "宝丰县' OR 1=1 //", "$region"]


def test_hostile_parameters_change_nothing_in_the_embedded_store(seeds_build):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

    def triples():
        return json.loads(run_kg("query", "--sparql", count, "--out", str(seeds_build), "-f", "json").stdout)

    before = triples()
    store = open_default(seeds_build)
    for evil in EVIL:
        # names no region: one line, exit 1, nothing run
        out = run_kg("query", "who-leads", "-p", f"region={evil}", "--out", str(seeds_build), "-f", "json",
                     check=False)
        assert out.returncode == 1 and out.stdout == "" and len(out.stderr.splitlines()) == 1, evil
        for name in ("entity", "sources"):  # the same binding, in process, past the name lookup
            q = query.load(name)
            assert store.select(q.sparql, q.bind({"name": evil})).rows == [], (name, evil)
    for evil in EVIL[:2]:
        viz = run_kg("viz", "--query", "who-leads", "-p", f"region={evil}", "--out", str(seeds_build),
                     "-o", str(seeds_build.parent / "evil-view.html"), check=False)
        assert viz.returncode == 1 and "no region named" in viz.stderr
    assert triples() == before


@pytest.fixture
def big_build(tmp_path):
    """A build folder holding a synthetic graph large enough that loading takes seconds."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from synthetic import synthetic

    from kg.graph import write_jsonl

    out = tmp_path / "big"
    out.mkdir()
    write_jsonl(synthetic(5_000), out / "graph.jsonl")
    return out


def test_neo4j_stopped_mid_load_then_load_again(tmp_path, big_build):
    from bolt import neo4j_server

    from kg.store.cypher import Neo4jStore

    g = read_jsonl(big_build / "graph.jsonl")
    total = len(g.nodes) + len(g.edges)

    def counts(server) -> tuple[dict, dict]:
        with Neo4jStore(server.uri, server.user, server.password, server.database) as s:
            return s.counts()

    with neo4j_server(tmp_path / "neo4j") as server:
        p = subprocess.Popen([sys.executable, "-m", "kg.cli", "load", "--out", str(big_build),
                              "--batch", "500", *server.args()],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while not sum(counts(server)[0].values()) and time.monotonic() < deadline:
            time.sleep(0.2)  # kill it once the first batches are in
        assert p.poll() is None, "the load finished before the server was killed"
        os.kill(server.pid, signal.SIGKILL)
        _, err = p.communicate(timeout=120)
    assert p.returncode == 2 and err.count("\n") == 1 and "cannot reach Neo4j" in err, err
    with neo4j_server(tmp_path / "neo4j", restart=server) as again:
        labels, types = counts(again)
        assert 0 < sum(labels.values()) + sum(types.values()) < total  # it was stopped part-way
        run_kg("load", "--out", str(big_build), *again.args())
        labels, types = counts(again)
    from collections import Counter

    assert labels == dict(Counter(n.type for n in g.nodes.values()))
    assert types == dict(Counter(e.type for e in g.edges.values()))
