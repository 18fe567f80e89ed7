"""`kg load` into Neo4j 5: load rate on a synthetic graph, by batch size, in one run.

    python bench/load_neo4j.py [RELATIONSHIPS]     (default 100000)

Loads a synthetic graph of the seeds' shape (bench/synthetic.py) into a fresh
Neo4j 5.26 (the embedded server the tests use; see tests/bolt.py) with batches
of 1,000 rows (the baseline) and 10,000 rows. Prints nodes + relationships per
second, each run's ratio to the baseline, and kg's own share of the load time:
the CPU time of this Python process (building batches, the driver encoding
them) over the wall time, with cProfile's top entries of the baseline run.
Then the canned Cypher queries' times on the loaded graph, and neo4j-admin import of
the same graph (its neo4j-csv export) into a fresh store, in the same run.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

from bolt import admin_import, neo4j_server  # noqa: E402
from stores import PARAMS, set_visitor  # noqa: E402
from synthetic import synthetic  # noqa: E402

from kg import query  # noqa: E402
from kg.export import neo4j_csv  # noqa: E402
from kg.store.cypher import Neo4jStore  # noqa: E402


def run(graph, batch: int, profile: bool = False, queries: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as tmp, neo4j_server(Path(tmp), heap="3g") as server:
        with Neo4jStore(server.uri, server.user, server.password, server.database) as store:
            prof = cProfile.Profile() if profile else None
            cpu = time.process_time()
            if prof:
                prof.enable()
            report = store.load(graph, batch=batch)
            if prof:
                prof.disable()
            out = {"seconds": report.seconds, "rate": report.rate, "batches": report.batches,
                   "share": (time.process_time() - cpu) / report.seconds, "server": server.version}
            if prof:
                s = io.StringIO()
                pstats.Stats(prof, stream=s).sort_stats("tottime").print_stats(6)
                out["profile"] = [ln for ln in s.getvalue().splitlines() if ln.strip()][-7:]
            if queries:
                out["queries"] = {}
                for name in query.available():
                    t0 = time.perf_counter()
                    rows = query.run_cypher(name, PARAMS.get(name, {}), store).rows
                    out["queries"][name] = (time.perf_counter() - t0, len(rows))
            return out


def admin(graph) -> dict:
    """`kg export --format neo4j-csv` (timed apart) and its import.sh with neo4j-admin
    into a fresh store, then the server started on it (to check the counts)."""
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        neo4j_csv.write(graph, Path(tmp) / "csv")
        export = time.perf_counter() - t0
        t0 = time.perf_counter()
        p = admin_import(Path(tmp) / "csv", Path(tmp) / "neo4j", heap="2g")
        seconds = time.perf_counter() - t0
        if p.returncode or "IMPORT DONE" not in p.stdout:
            return {"failed": (p.stdout + p.stderr).strip().splitlines()[-1:]}
        with neo4j_server(Path(tmp) / "neo4j") as server, \
                Neo4jStore(server.uri, server.user, server.password, server.database) as store:
            labels, types = store.counts()
        return {"export": export, "seconds": seconds, "items": sum(labels.values()) + sum(types.values())}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    g = synthetic(n)
    set_visitor(g)  # visits asks for an official who did visit something
    items = len(g.nodes) + len(g.edges)
    print(f"synthetic graph: {len(g.nodes):,} nodes, {len(g.edges):,} relationships; "
          f"a fresh Neo4j per run; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    base = None
    for batch, profile in [(1000, False), (10000, False), (1000, True)]:
        r = run(g, batch, profile=profile, queries=base is None)
        base = base or r["rate"]
        how = "under cProfile" if profile else r["server"]
        print(f"  batch {batch:>6,}  {r['seconds']:7.1f} s  {r['rate']:8,.0f} items/s  "
              f"{r['batches']:5} transactions  x{r['rate'] / base:.2f} vs baseline  "
              f"kg's share {r['share']:4.0%}  ({how})")
        for line in r.get("profile", []):
            print("      " + line)
        for name, (secs, rows) in sorted(r.get("queries", {}).items()):
            print(f"      query {name:20} {secs * 1000:8.0f} ms  {rows:6} rows")
    a = admin(g)
    if "failed" in a:
        print(f"  neo4j-admin import failed: {a['failed']}")
    else:
        print(f"  neo4j-admin import  {a['seconds']:5.1f} s  {items / a['seconds']:8,.0f} items/s  "
              f"x{items / a['seconds'] / base:.2f} vs baseline  (the JVM's start included; the export "
              f"took {a['export']:.1f} s more; the store then held {a['items']:,} items)")
    print(f"({items:,} items = nodes + relationships; baseline: batch 1,000; kg's share = "
          "this process's CPU time / load wall time)")


if __name__ == "__main__":
    main()
