"""Embedded SPARQL engines compared in one run: Oxigraph (the default) vs rdflib.

    python bench/stores.py [RELATIONSHIPS [TRIPLES]]      (default 2000, 1000000)

Prints triples, load rate, memory and each canned query's time on a synthetic
graph of the seeds' shape, with the ratio rdflib / Oxigraph; then Oxigraph
alone (the embedded default store, loaded as `kg build` loads it) on a graph
of about TRIPLES triples. Results are also written to
bench/results/stores-<time>.json. rdflib runs each query in a child process
with a time and memory limit, because its engine joins naively and some
canned queries (subqueries, unions) do not finish there at all.
Memory is the growth of the process's peak RSS (Oxigraph's lives in Rust,
where tracemalloc cannot see it).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from synthetic import synthetic  # noqa: E402

from kg import query, rdf, store  # noqa: E402

PARAMS = {"who-leads": {"region": "第1县"}, "visits": {"official": "(set from the graph)"},
          "projects-by-region": {"region": "第1县"}, "officials-of-region": {"region": "第1县"},
          "entity": {"name": "第1县"}, "sources": {"name": "第1县"}, "region-tree": {"region": "第0市"},
          "timeline": {"name": "第1县"}}
RDFLIB_SECONDS = 30
RDFLIB_MEMORY = 4 * 2**30


def set_visitor(graph) -> None:
    """`visits` asks for an official who did visit something in this graph; `path`
    for the way from that official to the company building what was visited."""
    e = next(e for e in graph.edges.values() if e.type == "VISITED"
             and any(u.type == "UNDERTAKES" and u.dst == e.dst for u in graph.edges.values()))
    PARAMS["visits"] = {"official": e.src.rsplit("/", 1)[1]}
    builder = next(u.src for u in graph.edges.values() if u.type == "UNDERTAKES" and u.dst == e.dst)
    PARAMS["path"] = {"from": graph.nodes[e.src].name, "to": graph.nodes[builder].name}


def timed(fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rdflib_child(n: int, name: str | None) -> None:
    """In a child process: load rdflib, run one query (or none), print figures as JSON."""
    resource.setrlimit(resource.RLIMIT_AS, (RDFLIB_MEMORY, RDFLIB_MEMORY))
    graph = synthetic(n)
    set_visitor(graph)
    m0 = peak_mb()
    rl, load = timed(lambda: store.RdflibStore(graph))
    out = {"load": load, "mem": peak_mb() - m0}
    if name:
        q = query.load(name)
        res, out["secs"] = timed(lambda: rl.select(q.sparql, q.bind(PARAMS.get(name, {}))))
        out["rows"] = len(res.rows)
    print(json.dumps(out))


def run_rdflib(n: int, name: str | None) -> dict:
    try:
        proc = subprocess.run([sys.executable, __file__, "--rdflib-child", str(n), name or ""],
                              capture_output=True, text=True, timeout=RDFLIB_SECONDS * 3)
    except subprocess.TimeoutExpired:
        return {"failed": f"over {RDFLIB_SECONDS * 3} s"}
    if proc.returncode != 0:
        error = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return {"failed": "cannot parse it" if "Expected" in error
                else f"over {RDFLIB_MEMORY >> 30} GB"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def both(n: int) -> dict:
    graph = synthetic(n)
    set_visitor(graph)
    triples = sum(1 for _ in rdf.triples(graph))
    print(f"synthetic graph: {len(graph.nodes)} nodes, {len(graph.edges)} relationships, {triples} triples")
    with tempfile.TemporaryDirectory() as tmp:
        m0 = peak_mb()
        _, ox_load = timed(lambda: store.write(graph, Path(tmp)))
        ox = store.open_default(Path(tmp))
        ox_mem = peak_mb() - m0
        rl = run_rdflib(n, None)
        if "failed" in rl:
            rl = {"load": float("nan"), "mem": float("nan")}
        out = {"relationships": len(graph.edges), "triples": triples, "oxigraph_load_s": ox_load,
               "rdflib_load_s": rl["load"], "queries": {}}
        print(f"{'':22}{'oxigraph':>12}{'rdflib':>12}{'rdflib/ox':>11}")
        print(f"{'load (triples/s)':22}{triples / ox_load:12,.0f}{triples / rl['load']:12,.0f}"
              f"{rl['load'] / ox_load:10.1f}x")
        print(f"{'peak RSS growth MB':22}{ox_mem:12.0f}{rl['mem']:12.0f}")
        for name in query.available():
            q = query.load(name)
            a, ta = timed(ox.select, q.sparql, q.bind(PARAMS.get(name, {})))
            b = run_rdflib(n, name)
            out["queries"][name] = {"oxigraph_ms": ta * 1000, "rdflib_ms": b.get("secs", float("nan")) * 1000,
                                    "rows": len(a.rows)}
            if "failed" in b:
                print(f"{name + ' (ms)':22}{ta * 1000:12.1f}{'failed':>12}{'':>11}  ({len(a.rows)} rows;"
                      f" rdflib: {b['failed']})")
                continue
            same = "" if len(a.rows) == b["rows"] else f"  ROWS DIFFER {len(a.rows)} vs {b['rows']}"
            print(f"{name + ' (ms)':22}{ta * 1000:12.1f}{b['secs'] * 1000:12.1f}{b['secs'] / ta:10.1f}x"
                  f"  ({len(a.rows)} rows){same}")
    return out


def oxigraph_only(target: int, per_relationship: float) -> dict:
    """The default store alone, on a synthetic graph of about TARGET triples."""
    n = round(target / per_relationship)
    graph = synthetic(n)
    triples = sum(1 for _ in rdf.triples(graph))
    if abs(triples - target) > 0.02 * target:  # bigger graphs have fewer triples per relationship
        graph = synthetic(round(n * target / triples))
        triples = sum(1 for _ in rdf.triples(graph))
    set_visitor(graph)
    print(f"\nOxigraph alone: {len(graph.edges)} relationships, {triples:,} triples")
    out = {"relationships": len(graph.edges), "triples": triples, "queries": {}}
    with tempfile.TemporaryDirectory() as tmp:
        m0 = peak_mb()
        _, secs = timed(lambda: store.write(graph, Path(tmp)))
        out.update(load_s=secs, load_triples_per_s=triples / secs, load_peak_rss_growth_mb=peak_mb() - m0)
        print(f"{'load (triples/s)':22}{triples / secs:12,.0f}  ({secs:.1f} s, N-Triples made in Python "
              f"included; peak RSS +{out['load_peak_rss_growth_mb']:.0f} MB)")
        ox = store.open_default(Path(tmp))
        for name in query.available():
            q = query.load(name)
            res, t = timed(ox.select, q.sparql, q.bind(PARAMS.get(name, {})))
            out["queries"][name] = {"ms": t * 1000, "rows": len(res.rows)}
            print(f"{name + ' (ms)':22}{t * 1000:12.1f}  ({len(res.rows)} rows)")
    return out


def main() -> None:
    if sys.argv[1:2] == ["--rdflib-child"]:
        rdflib_child(int(sys.argv[2]), sys.argv[3] or None)
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    target = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    results = {"compared": both(n)}
    c = results["compared"]
    results["oxigraph"] = oxigraph_only(target, c["triples"] / c["relationships"])
    dest = ROOT / "bench" / "results"
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / f"stores-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    print(f"-> {path}")


if __name__ == "__main__":
    main()
