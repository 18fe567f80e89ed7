"""`kg load` over Bolt: load rate on a synthetic graph, by batch size, in one run.

    python bench/load_neo4j.py [RELATIONSHIPS]     (default 100000)

Loads a synthetic graph of the seeds' shape (bench/synthetic.py) into a fresh
ArcadeDB server (the Bolt server the tests use; see tests/bolt.py) with
batches of 1,000 rows (the baseline) and 10,000 rows, and with the two ways of
cutting relationship batches: ArcadeDB's (each target node once per batch)
and plain slices (what Neo4j gets). Prints nodes + relationships per second
and each run's ratio to the baseline; then the canned Cypher queries' times.
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

from bolt import arcadedb  # noqa: E402
from stores import PARAMS  # noqa: E402
from synthetic import synthetic  # noqa: E402

from kg import query  # noqa: E402
from kg.store.cypher import Neo4jStore  # noqa: E402


def run(graph, batch: int, one_target: bool, queries: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as tmp, arcadedb(Path(tmp), heap="4g") as server:
        with Neo4jStore(server.uri, server.user, server.password, server.database) as store:
            store.dialect = dataclasses.replace(store.dialect, one_target_per_batch=one_target)
            try:
                report = store.load(graph, batch=batch)
            except Exception as exc:  # a failure is a figure too
                return {"error": str(exc).splitlines()[0][:100]}
            out = {"seconds": report.seconds, "rate": report.rate, "batches": report.batches}
            if queries:
                out["queries"] = {}
                for name in query.available():
                    t0 = time.perf_counter()
                    rows = query.run_cypher(name, PARAMS.get(name, {}), store).rows
                    out["queries"][name] = (time.perf_counter() - t0, len(rows))
            return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    g = synthetic(n)
    items = len(g.nodes) + len(g.edges)
    print(f"synthetic graph: {len(g.nodes):,} nodes, {len(g.edges):,} relationships "
          f"(ArcadeDB over Bolt, a fresh server per run)")
    base = None
    for batch, one_target in [(1000, True), (10000, True), (1000, False), (10000, False)]:
        r = run(g, batch, one_target, queries=base is None)
        how = "one target per batch" if one_target else "plain slices"
        if "error" in r:
            print(f"  batch {batch:>6,}  {how:22}  failed: {r['error']}")
            continue
        base = base or r["rate"]
        print(f"  batch {batch:>6,}  {how:22}  {r['seconds']:7.1f} s  {r['rate']:8,.0f} items/s  "
              f"{r['batches']:5} transactions  x{r['rate'] / base:.2f} vs baseline")
        for name, (secs, rows) in sorted(r.get("queries", {}).items()):
            print(f"      query {name:20} {secs * 1000:8.0f} ms  {rows:6} rows")
    print(f"({items:,} items = nodes + relationships; baseline: batch 1,000, one target per batch)")


if __name__ == "__main__":
    main()
