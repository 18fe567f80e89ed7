"""`kg export --format neo4j-csv DIR`: files for `neo4j-admin database import full`,
for corpora too large to load in transactions.

One node file per label and one relationship file per type, with the same
properties as `kg load` writes (kg.store.cypher's mapping), typed headers
(`id:ID`, `aliases:string[]`, `prov_start:long[]` …) and one global id space,
so relationship files refer to node ids as they are. List elements are
separated by U+001F, which normalised text never holds; DIR/import.sh holds the
matching command line.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

from kg.atomic import write_lines
from kg.graph import Graph
from kg.store.cypher import _symbol, edge_properties, node_properties

ARRAY_DELIMITER = "\x1f"


def _kind(v) -> str:
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "long"
    if isinstance(v, float):
        return "double"
    return "string"


def _column_type(values: list) -> str:
    """The neo4j-admin type of a column: long, double, boolean, string, or an array of one."""
    is_list = any(isinstance(v, list) for v in values)
    flat = [x for v in values for x in (v if isinstance(v, list) else [v]) if x is not None]
    kinds = {_kind(x) for x in flat}
    if kinds == {"long", "double"}:
        kinds = {"double"}
    base = kinds.pop() if len(kinds) == 1 else "string"
    return base + "[]" if is_list else base


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return ARRAY_DELIMITER.join(_cell(x) for x in v)
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v).replace(ARRAY_DELIMITER, " ")


def _lines(header: list[str], rows: list[list]) -> list[str]:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow([_cell(v) for v in r])
    return buf.getvalue().rstrip("\n").split("\n")


def _table(records: list[dict], fixed: list[str]) -> tuple[list[str], list[str]]:
    """Column names (fixed ones first, then the rest sorted) and typed headers."""
    keys = sorted({k for r in records for k in r} - set(fixed))
    cols = fixed + keys
    return cols, [f"{c}:{_column_type([r.get(c) for r in records])}" for c in keys]


def write(graph: Graph, folder: Path) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    nodes: dict[str, list[dict]] = defaultdict(list)
    for nid in sorted(graph.nodes):
        n = graph.nodes[nid]
        nodes[_symbol(n.type)].append(node_properties(n))
    node_files, rel_files = [], []
    for label, records in sorted(nodes.items()):
        cols, typed = _table(records, ["id"])
        header = ["id:ID", ":LABEL"] + typed
        rows = [[r["id"], label] + [r.get(c) for c in cols[1:]] for r in records]
        path = folder / f"nodes_{label}.csv"
        write_lines(path, _lines(header, rows))
        node_files.append(path)
    rels: dict[str, list[tuple]] = defaultdict(list)
    for key in sorted(graph.edges):
        e = graph.edges[key]
        rels[_symbol(e.type)].append((e.src, e.dst, edge_properties(e)))
    for rtype, items in sorted(rels.items()):
        records = [p for _, _, p in items]
        cols, typed = _table(records, [])
        header = [":START_ID", ":END_ID", ":TYPE"] + typed
        rows = [[s, d, rtype] + [p.get(c) for c in cols] for s, d, p in items]
        path = folder / f"relationships_{rtype}.csv"
        write_lines(path, _lines(header, rows))
        rel_files.append(path)
    script = folder / "import.sh"
    args = [f"  --nodes={p.name}" for p in node_files] + \
           [f"  --relationships={p.name}" for p in rel_files]
    write_lines(script, [
        "#!/bin/sh",
        "# Import into an empty database (stop Neo4j first), from this folder:",
        "#   sh import.sh [DATABASE]   (default: neo4j)",
        'cd "$(dirname "$0")"',
        # The database comes first: --nodes and --relationships take any number
        # of files, so a name after them would be read as one more file.
        'neo4j-admin database import full "${1:-neo4j}" \\',
        "  --array-delimiter=U+001F --multiline-fields=true \\",
        *(a + " \\" for a in args[:-1]), args[-1],
    ])
    written += node_files + rel_files + [script]
    return written
