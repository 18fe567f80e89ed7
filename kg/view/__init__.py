"""Network views: one self-contained HTML file per view (vis-network).

The page comes from our own template (pyvis's pulls Bootstrap from a CDN);
vis-network's script and style are inlined from the copy that ships inside
pyvis, so the file opens offline. Positions are computed here once
(`layout.py`) and stored in the page with physics off: a view opens the same
way every time, and the same build gives the same bytes.

Everything from the corpus reaches the page as JSON inside a <script> with
`<`, `>` and `&` escaped, and the page shows it as text (canvas labels,
`textContent` in the panel, tooltips as plain strings), so a sentence holding
`<script>` shows as text. Links are made only from http(s) addresses.
"""

from __future__ import annotations

import json
import math
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.atomic import write_lines
from kg.graph import Graph
from kg.view import layout

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
DEFAULT_MAX_NODES = 300
LANGS = ("zh", "en")
SENTENCES_SHOWN = 20  # per edge in the panel


@cache
def labels() -> dict[str, dict[str, str]]:
    """Type name -> {'zh': …, 'en': …} for node classes and edge types, from schema/ontology.ttl
    (one place for the names the RDF exports and the views use)."""
    import rdflib
    from rdflib.namespace import OWL, RDF, RDFS

    from kg.resources import data_dir

    g = rdflib.Graph().parse(data_dir("schema") / "ontology.ttl")
    kg_ns = rdflib.Namespace("https://w3id.org/cnkg#")
    out: dict[str, dict[str, str]] = {}
    for cls in g.subjects(RDF.type, OWL.Class):
        if isinstance(cls, rdflib.URIRef) and str(cls).startswith(str(kg_ns)):
            out[str(cls)[len(kg_ns):]] = {lit.language: str(lit) for lit in g.objects(cls, RDFS.label)}
    for prop in g.subjects(kg_ns.edgeType, None):
        out[str(g.value(prop, kg_ns.edgeType))] = {lit.language: str(lit) for lit in g.objects(prop, RDFS.label)}
    return out


def label(name: str, lang: str) -> str:
    return labels().get(name, {}).get(lang, name)


@dataclass
class Selection:
    """The node ids a view shows, what the view is, and the query behind it."""
    title: str
    nodes: set[str]
    query: str = ""


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
    return Selection("全图 · whole graph", {n for n, v in graph.nodes.items() if v.type != "Document"},
                     "kg viz")


def neighbourhood(graph: Graph, name: str, hops: int = 1,
                  adj: dict[str, set[str]] | None = None) -> Selection:
    """NAME's nodes and those within HOPS steps. ADJ: the graph's adjacency, when the caller
    asks for many neighbourhoods (the site)."""
    start = find_nodes(graph, name)
    if not start:
        raise LookupError(f"no node named {name!r} in the graph")
    adj = adj if adj is not None else _undirected(graph)
    seen, frontier = set(start), set(start)
    for _ in range(max(hops, 0)):
        frontier = {m for n in frontier for m in adj[n]} - seen
        seen |= frontier
    return Selection(f"{name} · {hops} 步邻域 · {hops}-hop neighbourhood", seen,
                     f"kg viz --entity {name} --hops {hops}")


def region(graph: Graph, name: str) -> Selection:
    """A region, the regions under it and what they hold, one step beyond that (amounts,
    companies, leaders), and its parents as context. Nothing is reached through another
    region: a province does not bring in its other counties' people."""
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
    far = {m for n in near if graph.nodes[n].type != "Region"
           for m in adj[n] if graph.nodes[m].type != "Region"}
    return Selection(f"{name} · 地区子图 · region subgraph", near | far, f"kg viz --region {name}")


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
    return Selection(f"查询 · query: {title}", chosen, f"kg viz --query {title}")


def build_date(out: Path) -> str:
    """The build's date for captions: the day graph.jsonl was written (UTC), or
    SOURCE_DATE_EPOCH when set. Taken from the build, never from the clock at view
    time, so views of one build are byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        t = float(epoch) if epoch else (Path(out) / "graph.jsonl").stat().st_mtime
    except (OSError, ValueError):
        return ""
    return time.strftime("%Y-%m-%d", time.gmtime(t))


def _amount_text(value) -> str:
    """12000000000 -> 120亿元, as people write it."""
    v = float(value)
    for unit, size in (("亿元", 1e8), ("万元", 1e4)):
        if v >= size:
            return f"{v / size:.6g}{unit}"
    return f"{v:.6g}元"


def _documents(graph: Graph) -> dict[tuple[str, int], dict]:
    """(path, article) -> the Document node's title, date, publisher and address."""
    out = {}
    for n in graph.nodes.values():
        if n.type == "Document":
            p = n.props
            out[(p.get("path", ""), p.get("article", 0))] = {
                "id": n.id, "title": p.get("title") or n.name, "date": p.get("date") or "",
                "publisher": p.get("publisher") or "", "url": p.get("url") or p.get("source") or "",
                "path": p.get("path", "")}
    return out


def _safe_url(url: str) -> str:
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else ""


def edge_label(edge, lang: str) -> str:
    title = edge.props.get("title")
    kind = edge.props.get("kind")
    extra = title or (kind if kind and kind != "total" else "")
    return label(edge.type, lang) + (f" {extra}" if extra else "")


def _node_tip(node, degree: int, lang: str) -> str:
    lines = [node.name, f"{label(node.type, 'zh')} {label(node.type, 'en')}"]
    if node.type == "Amount" and node.props.get("value") is not None:
        lines.append(_amount_text(node.props["value"]))
    lines.append(f"{degree} 条关系 relationships")
    return "\n".join(lines)


def _node_detail(node, degree: int) -> dict:
    props = {}
    for k, v in sorted(node.props.items()):
        if v is None or v == "":
            continue
        if node.type == "Amount" and k == "value":
            v = f"{v} ({_amount_text(v)})"
        props[k] = str(v)
    return {"name": node.name, "type": node.type, "type_zh": label(node.type, "zh"),
            "aliases": sorted(node.aliases), "props": props, "degree": degree}


def _edge_detail(edge, graph: Graph, docs: dict, lang: str) -> dict:
    prov = edge.sorted_provenance()
    sources = []
    for p in prov[:SENTENCES_SHOWN]:
        d = docs.get((p["doc"], p["article"]), {})
        sources.append({"text": p["text"], "doc": p["doc"], "start": p["start"], "end": p["end"],
                        "extractor": p.get("extractor", ""), "confidence": p.get("confidence"),
                        "title": d.get("title", ""), "date": d.get("date", ""),
                        "publisher": d.get("publisher", ""), "url": _safe_url(d.get("url", ""))})
    return {"from": graph.nodes[edge.src].name, "to": graph.nodes[edge.dst].name,
            "type": edge.type, "label": edge_label(edge, lang),
            "label_other": edge_label(edge, "en" if lang == "zh" else "zh"),
            "props": {k: str(v) for k, v in sorted(edge.props.items())},
            "sources": sources, "more": max(0, len(prov) - SENTENCES_SHOWN)}


def _edge_tip(edge, graph: Graph, lang: str) -> str:
    s, o = graph.nodes[edge.src].name, graph.nodes[edge.dst].name
    lines = [f"{s} —{edge_label(edge, lang)}→ {o}"]
    for p in edge.sorted_provenance()[:2]:
        lines.append(f"“{p['text']}”")
    lines.append("点击固定详情 · click to pin the details")
    return "\n".join(lines)


def network_data(graph: Graph, sel: Selection, max_nodes: int = DEFAULT_MAX_NODES,
                 lang: str = "zh", built: str = "", candidates: Iterable | None = None,
                 docs: dict | None = None) -> dict:
    """Nodes with positions, edges with curves, details for the panel, legend and caption.
    CANDIDATES: edges that may join the selection (default all); DOCS: `_documents(graph)`."""
    pool = list(graph.edges.values() if candidates is None else candidates)
    edges = [e for e in pool if e.type != "MENTIONED_IN" and e.src in sel.nodes and e.dst in sel.nodes]
    degree = dict.fromkeys(sel.nodes, 0)
    for e in edges:
        degree[e.src] += 1
        degree[e.dst] += 1
    keep, edges, notes = _most_connected(sel, edges, degree, max_nodes)
    edges.sort(key=lambda e: e.key)
    docs = docs if docs is not None else _documents(graph)
    ids = sorted(keep)
    nodes, pos = _placed_nodes(graph, ids, edges, degree, lang)
    labels_ = [edge_label(e, lang) for e in edges]
    curves = layout.parallel_curves([(e.src, e.dst, t) for e, t in zip(edges, labels_)], pos)
    links = [{"id": f"e{i}", "from": e.src, "to": e.dst, "label": labels_[i], "type": e.type,
              "title": _edge_tip(e, graph, lang), "smooth": curves[i]} for i, e in enumerate(edges)]
    return {
        "title": sel.title, "nodes": nodes, "edges": links, "notes": notes,
        "caption": _caption(sel, _articles(edges, pool, keep), docs, built, len(nodes), len(links)),
        **_legend(graph, keep, edges),
        "details": {"nodes": {nid: _node_detail(graph.nodes[nid], degree[nid]) for nid in ids},
                    "edges": {f"e{i}": _edge_detail(e, graph, docs, lang) for i, e in enumerate(edges)}},
        "total_nodes": len(sel.nodes), "lang": lang,
    }


def _legend(graph: Graph, keep: set, edges: list) -> dict:
    """The node types and the relations shown, in both languages."""
    types = sorted({graph.nodes[n].type for n in keep}, key=list(STYLE).index)
    rels = sorted({e.type for e in edges})
    return {
        "legend": [{"type": t, "zh": label(t, "zh"), "en": label(t, "en"), "color": STYLE[t][0],
                    "shape": STYLE[t][1]} for t in types],
        "relations": [{"type": r, "zh": label(r, "zh"), "en": label(r, "en")} for r in rels],
    }


def _most_connected(sel: Selection, edges: list, degree: dict[str, int], max_nodes: int) -> tuple[set, list, list]:
    """At most MAX_NODES of the selection, the most connected, the edges among them, and a note when some are left out."""
    if len(sel.nodes) <= max_nodes:
        return sel.nodes, edges, []
    keep = set(sorted(sel.nodes, key=lambda n: (-degree[n], n))[:max_nodes])
    note = (f"显示连接最多的 {max_nodes} 个节点，另有 {len(sel.nodes) - max_nodes} 个未显示 · "
            f"showing the {max_nodes} most connected of {len(sel.nodes)} nodes; "
            f"{len(sel.nodes) - max_nodes} left out (--max-nodes)")
    return keep, [e for e in edges if e.src in keep and e.dst in keep], [note]


def _placed_nodes(graph: Graph, ids: list[str], edges: list, degree: dict[str, int],
                  lang: str) -> tuple[list[dict], dict]:
    """The view's nodes, styled and sized (by degree, or by investment), laid out."""
    invest = {e.src: graph.nodes[e.dst].props.get("value", 0) for e in edges if e.type == "INVESTS"}
    shape_size = {}
    for nid in ids:
        n = graph.nodes[nid]
        color, shape = STYLE.get(n.type, ("#999999", "dot"))
        size = 10 + 4 * math.sqrt(degree[nid])
        if invest.get(nid):
            size = max(size, 6 + 3 * math.log10(max(float(invest[nid]), 1)))
        shape_size[nid] = (color, shape, round(size, 2))
    boxes = {nid: layout.node_box(graph.nodes[nid].name, shape_size[nid][1], shape_size[nid][2])
             for nid in ids}
    pos = layout.spring(ids, [(e.src, e.dst) for e in edges], boxes)
    nodes = []
    for nid in ids:
        n = graph.nodes[nid]
        color, shape, size = shape_size[nid]
        nodes.append({"id": nid, "label": n.name, "title": _node_tip(n, degree[nid], lang),
                      "color": color, "shape": shape, "size": size, "type": n.type,
                      "aliases": sorted(n.aliases), "x": pos[nid][0], "y": pos[nid][1]})
    return nodes, pos


def _articles(edges: list, pool: list, keep: set) -> set[tuple[str, int]]:
    """What the view rests on: the articles behind its edges (or, with none, mentioning its nodes)."""
    arts = {(p["doc"], p["article"]) for e in edges for p in e.provenance}
    if not edges:
        arts = {(p["doc"], p["article"]) for e in pool
                if e.type == "MENTIONED_IN" and e.src in keep for p in e.provenance}
    return arts


def _caption(sel: Selection, arts: set, docs: dict, built: str, n_nodes: int, n_links: int) -> dict:
    from kg import __version__

    dates = sorted(d for d in (docs.get(a, {}).get("date") for a in arts) if d)
    return {
        "what": sel.title, "query": sel.query,
        "articles": len(arts),
        "dates": f"{dates[0]} – {dates[-1]}" if dates else "",
        "built": built, "version": __version__,
        "shown": f"{n_nodes} 个节点 nodes · {n_links} 条关系 relationships",
    }


def script_json(obj) -> str:
    """JSON safe inside <script>: no `</script>`, no `<!--`, no entities."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def vis_assets() -> tuple[str, str]:
    """vis-network's script and style, from the copy inside pyvis."""
    from pyvis import network as pyvis_network

    lib = Path(pyvis_network.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return ((lib / "vis-network.min.js").read_text(encoding="utf-8"),
            (lib / "vis-network.css").read_text(encoding="utf-8"))


def view_js() -> str:
    return (Path(__file__).parent / "view.js").read_text(encoding="utf-8")


def render(data: dict, assets: str | None = None, home: str | None = None) -> str:
    """The page. ASSETS: a relative folder holding vis-network.min.js, vis-network.css and
    view.js (the site shares one copy); None inlines them (a view sent on its own)."""
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=True)
    vis_js, vis_css = vis_assets() if assets is None else ("", "")
    return env.get_template("template.html").render(
        title=data["title"], notes=data["notes"], legend=data["legend"], relations=data["relations"],
        caption=data["caption"], assets=assets, home=home,
        vis_js=vis_js, vis_css=vis_css, view_js=view_js() if assets is None else "",
        data_json=script_json({k: data[k] for k in ("nodes", "edges", "details", "caption", "lang")}),
    )


def write(graph: Graph, sel: Selection, dest: Path, max_nodes: int = DEFAULT_MAX_NODES,
          lang: str = "zh", built: str = "") -> dict:
    data = network_data(graph, sel, max_nodes, lang, built)
    write_lines(Path(dest), [render(data).rstrip("\n")])
    return data


__all__ = ["LANGS", "Selection", "build_date", "find_nodes", "from_rows", "label", "labels",
           "neighbourhood", "network_data", "region", "render", "whole", "write"]
