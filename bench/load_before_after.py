"""`kg load` before/after issue 17's rework, one server, same graph, one run.

    python bench/load_before_after.py [RELATIONSHIPS]   (default 20000)

"before" is the old loader's Cypher (MERGE then SET r += props: Eager in the
plan), "after" is kg.store.cypher's; the database is emptied between runs.
Prints items/s for each and the ratio after/before.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

from bolt import neo4j_server  # noqa: E402
from synthetic import synthetic  # noqa: E402

from kg.store import cypher  # noqa: E402


def _old_nodes(label: str) -> str:
    return (f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n += row.props, "
            "n.aliases = coalesce(n.aliases, []) + [a IN row.aliases WHERE NOT a IN coalesce(n.aliases, [])]")


def _old_rels(rtype: str, src: str, dst: str, keys=None) -> str:
    lists = ("id",) + cypher.PROV_FIELDS + ("document",)
    appends = ", ".join(f"r.prov_{f} = coalesce(r.prov_{f}, [x IN range(1, had) | '']) + "
                        f"[i IN new | row.prov_{f}[i]]" for f in lists)
    return (f"UNWIND $rows AS row MATCH (a:{src} {{id: row.src}}) MATCH (b:{dst} {{id: row.dst}}) "
            f"MERGE (a)-[r:{rtype} {{id: row.id}}]->(b) SET r += row.props "
            "WITH r, row, size(coalesce(r.prov_id, [])) AS had, [i IN range(0, size(row.prov_id) - 1) "
            f"WHERE NOT row.prov_id[i] IN coalesce(r.prov_id, [])] AS new SET {appends}")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    graph = synthetic(n)
    with tempfile.TemporaryDirectory() as tmp, neo4j_server(Path(tmp), heap="2g") as server:
        with cypher.Neo4jStore(server.uri, server.user, server.password, server.database) as store:
            rates = {}
            for name in ("before", "after"):
                store._write("MATCH (n) DETACH DELETE n")
                if name == "before":
                    with mock.patch.object(cypher, "_merge_nodes", _old_nodes), \
                         mock.patch.object(cypher, "_merge_relationships", _old_rels):
                        rep = store.load(graph, batch=1000)
                else:
                    rep = store.load(graph, batch=1000)
                rates[name] = rep.rate
                print(f"{name:6} {rep.nodes} nodes + {rep.relationships} rels in {rep.seconds:.1f} s: "
                      f"{rep.rate:,.0f} items/s", flush=True)
            print(f"ratio after/before: {rates['after'] / rates['before']:.2f}")


if __name__ == "__main__":
    main()
