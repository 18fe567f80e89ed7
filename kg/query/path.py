"""`kg query path` on the embedded store: the shortest connections between two
entities, found by networkx on the graph (SPARQL 1.1 has no shortest path).
Rows are those of queries/path.cypher, which Neo4j answers with allShortestPaths:
every shortest chain of facts between each node named FROM and each named TO
(parallel facts, such as two posts, are two chains), at most MAX_STEPS steps,
one row per step with the step's first sentence in reading order and its article;
`direction` is → when the fact runs from `from` to `to`, ← when it runs back."""

from __future__ import annotations

from itertools import product

from kg.graph import Graph
from kg.model import document_id
from kg.store import Result

# The relationships a chain may follow (not MENTIONED_IN, nor INVESTS: two
# projects of the same sum are not connected by it). As in path.cypher.
STEPS = ("IMPLEMENTS", "LEADS", "HOLDS_POSITION", "LOCATED_IN", "PART_OF", "UNDERTAKES",
         "SIGNED", "IN_INDUSTRY", "VISITED")
MAX_STEPS = 6
# Arrows, not "->"/"<-": a cell starting with "-" is a formula to a spreadsheet,
# and the CSV guard (kg.csvcell) would show it as '->.
FORWARD, BACKWARD = "→", "←"
COLUMNS = ["path", "step", "from", "direction", "relation", "title", "to", "sentence", "cite"]


def cite(doc: dict, path: str) -> str:
    """'title — publisher, date — url', leaving out what the article does not give (as the queries do)."""
    by = doc.get("publisher") or doc.get("source")
    date = doc.get("date")
    when = f"{by}, {date}" if by and date else by or date
    return (doc.get("title") or path) + (f" — {when}" if when else "") + (f" — {doc['url']}" if doc.get("url") else "")


def shortest(graph: Graph, start: str, end: str) -> Result:
    import networkx as nx

    g = nx.MultiGraph()
    for e in graph.edges.values():
        if e.type in STEPS:
            g.add_edge(e.src, e.dst, key=e.key, edge=e)
    a_ids = sorted(n.id for n in graph.nodes.values() if n.name == start and n.id in g)
    b_ids = sorted(n.id for n in graph.nodes.values() if n.name == end and n.id in g)
    rows = []
    for a, b in product(a_ids, b_ids):
        if a != b and nx.has_path(g, a, b):
            rows.extend(_paths_rows(graph, g, a, b))
    rows.sort(key=lambda r: (r["path"], r["step"]))
    return Result(list(COLUMNS), rows)


def _paths_rows(graph: Graph, g, a: str, b: str) -> list[dict]:
    """The rows of every shortest path from A to B (each choice of parallel edges a path)."""
    import networkx as nx

    rows = []
    for nodes in nx.all_shortest_paths(g, a, b):
        if len(nodes) - 1 > MAX_STEPS:
            break
        parallel = [sorted(g[u][v].values(), key=lambda d: d["edge"].key) for u, v in zip(nodes, nodes[1:])]
        for edges in product(*parallel):
            rows.extend(_chain_rows(graph, nodes, [d["edge"] for d in edges]))
    return rows


def _chain_rows(graph: Graph, nodes: list[str], edges: list) -> list[dict]:
    names = [graph.nodes[n].name for n in nodes]
    text = names[0]
    for i, e in enumerate(edges):
        label = e.type + (f" {e.props['title']}" if e.props.get("title") else "")
        text += (f" -{label}-> " if e.src == nodes[i] else f" <-{label}- ") + names[i + 1]
    rows = []
    for i, e in enumerate(edges):
        first = e.sorted_provenance()[0]
        doc = graph.nodes.get(document_id(first["doc"], first["article"]))
        rows.append({"path": text, "step": i + 1, "from": names[i],
                     "direction": FORWARD if e.src == nodes[i] else BACKWARD, "relation": e.type,
                     "title": e.props.get("title"), "to": names[i + 1], "sentence": first["text"],
                     "cite": cite(doc.props if doc else {}, first["doc"])})
    return rows
