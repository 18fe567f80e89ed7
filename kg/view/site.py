"""`kg site`: a folder of static pages to put on any web server or open from disk.

index.html (search over every entity by name and alias, from a small index in
the page), one page per entity with its facts, their sentences and links to
the source articles, and its neighbourhood view; one page per article. Links
are relative, nothing is fetched from the network, and corpus text goes
through the same escaping as the views (Jinja autoescape; JSON in scripts
with <, >, & escaped; links only from http(s) addresses).

The folder is written beside the target and swapped in, so a reader never
sees half a site; a folder that is not a kg site is never replaced.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from kg.graph import Graph
from kg.view import (
    _documents,
    _safe_url,
    _undirected,
    edge_label,
    label,
    neighbourhood,
    network_data,
    render,
    script_json,
    view_js,
    vis_assets,
)

MARK = ".kg-site"  # marks a folder this command wrote (and may replace)
PAGE_TYPES = ("Region", "Official", "Company", "Project", "TaskForce", "Organization", "Industry")
VIEW_NODES = 60  # neighbourhood views on entity pages stay readable


class SiteError(ValueError):
    """A site that cannot be written where asked (one line for the user)."""


def slug(node_id: str) -> str:
    """A file name for a node id: ASCII, stable, short (ids hold ':' '/' and CJK)."""
    kind = node_id.split(":", 1)[0]
    return f"{kind}-{hashlib.sha1(node_id.encode('utf-8')).hexdigest()[:12]}"


@dataclass
class Site:
    pages: int
    entities: int
    articles: int
    path: Path


def _env():
    from jinja2 import Environment, FileSystemLoader

    return Environment(loader=FileSystemLoader(Path(__file__).parent / "site_files"), autoescape=True,
                       keep_trailing_newline=True)


def _facts(graph: Graph, docs: dict, lang: str) -> dict[str, list[dict]]:
    """Each entity's facts, both directions, with their sentences and source articles."""
    out: dict[str, list[dict]] = defaultdict(list)
    for e in sorted(graph.edges.values(), key=lambda e: e.key):
        if e.type == "MENTIONED_IN":
            continue
        sources = []
        for p in e.sorted_provenance():
            d = docs.get((p["doc"], p["article"]), {})
            sources.append({"text": p["text"], "title": d.get("title") or p["doc"],
                            "date": d.get("date", ""), "publisher": d.get("publisher", ""),
                            "page": f"../d/{slug(d['id'])}.html" if d.get("id") else "",
                            "url": _safe_url(d.get("url", "")), "confidence": p.get("confidence"),
                            "span": f"{p['doc']} [{p['start']}:{p['end']}]"})
        rel = edge_label(e, lang)
        for me, other, arrow in ((e.src, e.dst, "→"), (e.dst, e.src, "←")):
            o = graph.nodes[other]
            out[me].append({"rel": rel, "arrow": arrow, "type": e.type, "other": o.name,
                            "other_type": label(o.type, "zh"),
                            "link": f"{slug(other)}.html" if o.type in PAGE_TYPES else "",
                            "props": {k: v for k, v in sorted(e.props.items()) if k != "title"},
                            "sources": sources})
    return out


def write(graph: Graph, dest: Path, documents: list[dict] | None = None, built: str = "",
          lang: str = "zh", report_html: str = "") -> Site:
    dest = Path(dest)
    if dest.exists() and (not dest.is_dir() or (any(dest.iterdir()) and not (dest / MARK).exists())):
        raise SiteError(f"{dest}: exists and is not a kg site; choose an empty or new folder")
    parent = dest.resolve().parent
    if not parent.is_dir():
        raise SiteError(f"{dest}: its folder {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise SiteError(f"{dest}: cannot write in {parent}")
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=parent))
    try:
        site = _write_into(graph, tmp, documents or [], built, lang, report_html)
        os.chmod(tmp, 0o755)
        old = None
        if dest.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old.", dir=parent))
            os.replace(dest, old / "site")
        os.replace(tmp, dest)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    site.path = dest
    return site


def _put(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _write_into(graph: Graph, root: Path, documents: list[dict], built: str, lang: str,
                report_html: str) -> Site:
    env = _env()
    _write_assets(root)
    docs = _documents(graph)
    facts = _facts(graph, docs, lang)
    entities = sorted((n for n in graph.nodes.values() if n.type in PAGE_TYPES),
                      key=lambda n: (PAGE_TYPES.index(n.type), n.name, n.id))
    edges = _EdgeIndex.of(graph)
    common = {"built": built, "version": _version()}
    for n in entities:
        _write_entity(graph, root, env, n, edges, facts, docs, lang, built, common)
    meta = {(d.get("doc"), d.get("article")): d for d in documents}
    by_doc = sorted(docs.values(), key=lambda d: (d["date"], d["path"], d["id"]))
    article_page = env.get_template("article.html")
    for d in by_doc:
        _write_article(graph, root, article_page, d, meta, edges, common)
    _write_index(root, env, entities, by_doc, report_html, common)
    return Site(pages=2 * len(entities) + len(by_doc) + 1, entities=len(entities),
                articles=len(by_doc), path=root)


def _write_assets(root: Path) -> None:
    (root / "assets").mkdir()
    (root / "e").mkdir()
    (root / "d").mkdir()
    (root / MARK).write_text("written by kg site\n", encoding="utf-8")
    js, css = vis_assets()
    _put(root / "assets" / "vis-network.min.js", js)
    _put(root / "assets" / "vis-network.css", css)
    _put(root / "assets" / "view.js", view_js())
    for name in ("site.css", "search.js"):
        shutil.copyfile(Path(__file__).parent / "site_files" / name, root / "assets" / name)


@dataclass
class _EdgeIndex:
    """The graph's edges seen from its pages, built in one pass."""

    mentions: dict[str, set[str]]  # document id -> entity ids
    incident: dict[str, list]  # node id -> its edges
    said: dict[tuple, set]  # (path, article) -> sentences facts came from
    adj: dict

    @classmethod
    def of(cls, graph: Graph) -> _EdgeIndex:
        mentions: dict[str, set[str]] = defaultdict(set)
        incident: dict[str, list] = defaultdict(list)
        said: dict[tuple, set] = defaultdict(set)
        for e in graph.edges.values():
            incident[e.src].append(e)
            incident[e.dst].append(e)
            if e.type == "MENTIONED_IN":
                mentions[e.dst].add(e.src)
            else:
                for p in e.provenance:
                    said[(p["doc"], p["article"])].add((p["start"], p["end"], p["text"]))
        return cls(mentions, incident, said, _undirected(graph))


def _write_entity(graph: Graph, root: Path, env, n, edges: _EdgeIndex, facts: dict, docs: dict,
                  lang: str, built: str, common: dict) -> None:
    """An entity's page and its neighbourhood view."""
    s = slug(n.id)
    sel = neighbourhood(graph, n.id, 1, edges.adj)
    sel.title = f"{n.name} · 邻域 · neighbourhood"
    sel.query = f"kg viz --entity {n.name}"
    near = {id(e): e for m in sel.nodes for e in edges.incident[m]}.values()
    data = network_data(graph, sel, VIEW_NODES, lang, built, candidates=near, docs=docs)
    _put(root / "e" / f"{s}.view.html", render(data, assets="../assets", home="../index.html"))
    arts = sorted({src["page"]: src for f in facts.get(n.id, []) for src in f["sources"]
                   if src["page"]}.values(), key=lambda a: (a["date"], a["title"]))
    _put(root / "e" / f"{s}.html", env.get_template("entity.html").render(
        node=n, type_zh=label(n.type, "zh"), props={k: v for k, v in sorted(n.props.items())
                                                  if v not in (None, "")},
        facts=facts.get(n.id, []), view=f"{s}.view.html", articles=arts, **common))


def _write_article(graph: Graph, root: Path, article_page, d: dict, meta: dict, edges: _EdgeIndex,
                   common: dict) -> None:
    """An article's page: its metadata, the entities it names, the sentences facts came from."""
    n = graph.nodes[d["id"]]
    m = meta.get((n.props.get("path"), n.props.get("article")), {})
    named = sorted((graph.nodes[x] for x in edges.mentions.get(d["id"], ())
                    if graph.nodes[x].type in PAGE_TYPES),
                   key=lambda x: (PAGE_TYPES.index(x.type), x.name))
    sentences = sorted(edges.said.get((d["path"], n.props.get("article")), ()))
    _put(root / "d" / f"{slug(d['id'])}.html", article_page.render(
        doc=d, url=_safe_url(d["url"]), authors=m.get("authors") or [], named=[
            {"name": x.name, "type": label(x.type, "zh"), "link": f"../e/{slug(x.id)}.html"} for x in named],
        sentences=sentences, **common))


def _write_index(root: Path, env, entities: list, by_doc: list[dict], report_html: str, common: dict) -> None:
    index = [{"n": n.name, "a": sorted(n.aliases), "t": label(n.type, "zh"), "u": f"e/{slug(n.id)}.html"}
             for n in entities]
    groups = [{"type": t, "zh": label(t, "zh"), "en": label(t, "en"),
               "members": [{"name": n.name, "link": f"e/{slug(n.id)}.html"} for n in entities if n.type == t]}
              for t in PAGE_TYPES]
    _put(root / "index.html", env.get_template("index.html").render(
        groups=[g for g in groups if g["members"]], index_json=script_json(index),
        articles=[{"title": d["title"], "date": d["date"], "publisher": d["publisher"],
                   "link": f"d/{slug(d['id'])}.html"} for d in by_doc],
        report=report_html, **common))


def _version() -> str:
    from kg import __version__

    return __version__
