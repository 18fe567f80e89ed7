"""Network views: one self-contained HTML file per view (pyvis + vis-network).

pyvis assembles the nodes, edges and options; the page itself comes from our
own template, because pyvis's template pulls Bootstrap from a CDN even with
inline resources. vis-network's script and style are inlined from the copy
that ships inside pyvis, so the file opens offline.

Everything from the corpus reaches the page as JSON inside a <script> with
`<`, `>` and `&` escaped, and is shown by vis-network as text (labels are
drawn on a canvas; tooltips are plain strings, which vis-network 9 renders as
text), so a sentence holding `<script>` shows as text.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.atomic import write_lines
from kg.graph import Graph

# Colour and shape by node type (also the legend).
STYLE = {
    "Region": ("#4e79a7", "dot"),
    "Organization": ("#76b7b2", "box"),
    "Official": ("#e15759", "ellipse"),
    "TaskForce": ("#f28e2b", "diamond"),
    "Project": ("#59a14f", "square"),
    "Company": ("#b07aa1", "triangle"),
    "Industry": ("#edc948", "star"),
    "Amount": ("#9c755f", "hexagon"),
    "Document": ("#bab0ac", "text"),
}
TYPE_ZH = {"Region": "地区", "Organization": "机构", "Official": "人物", "TaskForce": "专班",
           "Project": "项目", "Company": "企业", "Industry": "产业", "Amount": "金额",
           "Document": "文档"}
DEFAULT_MAX_NODES = 300


@dataclass
class Selection:
    """The node ids a view shows, and a title for it."""
    title: str
    nodes: set[str]


def _undirected(graph: Graph) -> dict[str, set[str]]:
    adj: dict[str, set[str]] = {n: set() for n in graph.nodes}
    for e in graph.edges.values():
        if e.type != "MENTIONED_IN":
            adj[e.src].add(e.dst)
            adj[e.dst].add(e.src)
    return adj


def find_nodes(graph: Graph, name: str) -> list[str]:
    """Ids of the nodes called NAME (by name, alias or id)."""
    if name in graph.nodes:
        return [name]
    return sorted(n.id for n in graph.nodes.values()
                  if n.type != "Document" and (n.name == name or name in n.aliases))


def whole(graph: Graph) -> Selection:
    return Selection("全图 · whole graph", {n for n, v in graph.nodes.items() if v.type != "Document"})


def neighbourhood(graph: Graph, name: str, hops: int = 1) -> Selection:
    start = find_nodes(graph, name)
    if not start:
        raise LookupError(f"no node named {name!r} in the graph")
    adj = _undirected(graph)
    seen, frontier = set(start), set(start)
    for _ in range(max(hops, 0)):
        frontier = {m for n in frontier for m in adj[n]} - seen
        seen |= frontier
    return Selection(f"{name} · {hops} hop{'s' if hops != 1 else ''}", seen)


def region(graph: Graph, name: str) -> Selection:
    """A region, the regions under it, what they hold, and one step beyond (amounts, companies)."""
    start = [n for n in find_nodes(graph, name) if graph.nodes[n].type == "Region"]
    if not start:
        raise LookupError(f"no region named {name!r} in the graph")
    children: dict[str, set[str]] = {}
    for e in graph.edges.values():
        if e.type == "PART_OF":
            children.setdefault(e.dst, set()).add(e.src)
    regions, stack = set(start), list(start)
    while stack:
        for c in children.get(stack.pop(), ()):
            if c not in regions:
                regions.add(c)
                stack.append(c)
    adj = _undirected(graph)
    near = {m for r in regions for m in adj[r]} | regions
    far = {m for n in near - regions for m in adj[n] if graph.nodes[m].type != "Region"}
    return Selection(f"{name} · region", near | far)


def from_rows(graph: Graph, title: str, rows: Iterable[dict]) -> Selection:
    """The nodes a query's rows name (any cell equal to a node's name)."""
    by_name: dict[str, list[str]] = {}
    for n in graph.nodes.values():
        if n.type != "Document":
            by_name.setdefault(n.name, []).append(n.id)
    chosen: set[str] = set()
    for r in rows:
        for v in r.values():
            if isinstance(v, str):
                chosen.update(by_name.get(v, ()))
    return Selection(title, chosen)


def _amount_text(value) -> str:
    """12000000000 -> 120亿元, as people write it."""
    v = float(value)
    for unit, size in (("亿元", 1e8), ("万元", 1e4)):
        if v >= size:
            return f"{v / size:.6g}{unit}"
    return f"{v:.6g}元"


def _node_title(node, degree: int) -> str:
    lines = [f"{node.name}", f"{node.type} ({TYPE_ZH.get(node.type, '')})"]
    if node.aliases:
        lines.append("aliases: " + ", ".join(sorted(node.aliases)))
    for k, v in sorted(node.props.items()):
        if v is None or v == "":
            continue
        if node.type == "Amount" and k == "value":
            v = f"{v} ({_amount_text(v)})"
        lines.append(f"{k}: {v}")
    lines.append(f"relationships: {degree}")
    return "\n".join(lines)


def _edge_title(edge, graph: Graph) -> str:
    s, o = graph.nodes[edge.src].name, graph.nodes[edge.dst].name
    lines = [f"{s} —{edge.type}→ {o}"]
    lines += [f"{k}: {v}" for k, v in sorted(edge.props.items())]
    for p in edge.record()["provenance"][:5]:
        lines.append(f"“{p['text']}”")
        lines.append(f"   — {p['doc']} #{p['article']} [{p['start']}:{p['end']}] ({p['extractor']})")
    if len(edge.provenance) > 5:
        lines.append(f"… {len(edge.provenance) - 5} more sentences")
    return "\n".join(lines)


def network_data(graph: Graph, sel: Selection, max_nodes: int = DEFAULT_MAX_NODES) -> dict:
    """Nodes, edges and notes for the page, built with pyvis."""
    from pyvis.network import Network

    edges = [e for e in graph.edges.values()
             if e.type != "MENTIONED_IN" and e.src in sel.nodes and e.dst in sel.nodes]
    degree = dict.fromkeys(sel.nodes, 0)
    for e in edges:
        degree[e.src] += 1
        degree[e.dst] += 1
    notes = []
    keep = sel.nodes
    if len(keep) > max_nodes:
        keep = set(sorted(keep, key=lambda n: (-degree[n], n))[:max_nodes])
        notes.append(f"显示连接最多的 {max_nodes} 个节点，另有 {len(sel.nodes) - max_nodes} 个未显示 · "
                     f"showing the {max_nodes} most connected of {len(sel.nodes)} nodes; "
                     f"{len(sel.nodes) - max_nodes} left out (--max-nodes)")
        edges = [e for e in edges if e.src in keep and e.dst in keep]
    invest = {e.src: graph.nodes[e.dst].props.get("value", 0) for e in edges if e.type == "INVESTS"}

    net = Network(directed=True, cdn_resources="in_line")
    for nid in sorted(keep):
        n = graph.nodes[nid]
        color, shape = STYLE.get(n.type, ("#999999", "dot"))
        size = 10 + 4 * math.sqrt(degree[nid])
        if invest.get(nid):
            size = max(size, 6 + 3 * math.log10(max(float(invest[nid]), 1)))
        net.add_node(nid, label=n.name, title=_node_title(n, degree[nid]), color=color,
                     shape=shape, size=round(size, 2), type=n.type)
    for e in sorted(edges, key=lambda e: e.key):
        label = e.type + (f" {e.props['title']}" if e.props.get("title") else "")
        net.add_edge(e.src, e.dst, label=label, title=_edge_title(e, graph), arrows="to")
    nodes, links, *_ = net.get_network_data()
    types = sorted({graph.nodes[n].type for n in keep}, key=list(STYLE).index)
    return {"title": sel.title, "nodes": nodes, "edges": links, "notes": notes,
            "legend": [{"type": t, "zh": TYPE_ZH.get(t, ""), "color": STYLE[t][0],
                        "shape": STYLE[t][1]} for t in types],
            "total_nodes": len(sel.nodes)}


def _script_json(obj) -> str:
    """JSON safe inside <script>: no `</script>`, no `<!--`, no entities."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render(data: dict) -> str:
    from jinja2 import Environment, FileSystemLoader
    from pyvis import network as pyvis_network

    lib = Path(pyvis_network.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    env = Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=True)
    return env.get_template("template.html").render(
        title=data["title"], notes=data["notes"], legend=data["legend"],
        vis_js=(lib / "vis-network.min.js").read_text(encoding="utf-8"),
        vis_css=(lib / "vis-network.css").read_text(encoding="utf-8"),
        data_json=_script_json({"nodes": data["nodes"], "edges": data["edges"]}),
    )


def write(graph: Graph, sel: Selection, dest: Path, max_nodes: int = DEFAULT_MAX_NODES) -> dict:
    data = network_data(graph, sel, max_nodes)
    page = render(data)
    write_lines(Path(dest), [page.rstrip("\n")])
    return data


__all__ = ["Selection", "find_nodes", "from_rows", "neighbourhood", "region", "whole", "write"]
