"""`kg load` before/after a loader change, same graph, one run, a fresh Neo4j per side.

    python bench/load_before_after.py [RELATIONSHIPS [BATCH]]   (default 100000, 1000)

"before" is the loader whose one query per group MERGEs every row with an ON MATCH
branch (ON MATCH merges sentences with list comprehensions: costly to plan);
"after" is kg.store.cypher's, which sends every row through a create-only query
and only the rows that met an entity with other values through that one. Each
side loads into a fresh server (a warm plan cache would hide the planning cost),
then loads the same graph again (a reload). Prints items/s and the ratios.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

from bolt import neo4j_server  # noqa: E402
from synthetic import synthetic  # noqa: E402

from kg.store import cypher  # noqa: E402


@contextlib.contextmanager
def _patched():
    # the merge queries as the create queries: they return no rows, so no row
    # is sent twice
    with mock.patch.object(cypher, "_create_nodes", cypher._merge_nodes), \
         mock.patch.object(cypher, "_create_relationships", cypher._merge_relationships):
        yield


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    graph = synthetic(n)
    print(f"synthetic graph: {len(graph.nodes):,} nodes, {len(graph.edges):,} relationships; batch {batch:,}")
    rates = {}
    for name in ("before", "after"):
        with tempfile.TemporaryDirectory() as tmp, neo4j_server(Path(tmp), heap="3g") as server, \
                cypher.Neo4jStore(server.uri, server.user, server.password, server.database) as store, \
                (_patched() if name == "before" else contextlib.nullcontext()):
            first = store.load(graph, batch=batch)
            again = store.load(graph, batch=batch)
            rates[name] = (first.rate, again.rate)
            print(f"{name:6} load {first.seconds:6.1f} s {first.rate:8,.0f} items/s;  "
                  f"reload {again.seconds:6.1f} s {again.rate:8,.0f} items/s  ({server.version})", flush=True)
    (b1, b2), (a1, a2) = rates["before"], rates["after"]
    print(f"ratio after/before: load x{a1 / b1:.2f}, reload x{a2 / b2:.2f}")


if __name__ == "__main__":
    main()
