"""Views opened in headless Chromium (Debian's, driven by Playwright) with the network blocked."""

from __future__ import annotations

import shutil
import time

import pytest
from conftest import ROOT, run_kg

from kg import view
from kg.graph import Edge, Graph, Node

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


class Opened:
    def __init__(self, page, errors, requests, seconds):
        self.page, self.errors, self.requests, self.seconds = page, errors, requests, seconds

    def js(self, expr):
        return self.page.evaluate(expr)


@pytest.fixture
def open_view(browser):
    pages = []

    def _open(path) -> Opened:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        pages.append(page)
        errors, requests = [], []
        page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: errors.append(str(e)))

        def route(r):
            requests.append(r.request.url)
            return r.continue_() if r.request.url.startswith("file:") else r.abort()

        page.route("**/*", route)
        t0 = time.perf_counter()
        page.goto(path.resolve().as_uri())
        page.wait_for_function("document.body.dataset.settled === 'yes'", timeout=60000)
        return Opened(page, errors, [u for u in requests if not u.startswith("file:")],
                      time.perf_counter() - t0)

    yield _open
    for p in pages:
        p.close()


def hover_edge(v: Opened, edge_id: str) -> str:
    """Move the mouse onto an edge and read the tooltip.

    The other edges are hidden and the two ends pulled apart (physics is off
    once the view settles), then points along the edge are tried until one is
    over this edge and under no node, whose tooltip would show instead."""
    points = v.js(f"""(() => {{
        const n = kgView.network, e = kgView.edges.get({edge_id!r});
        kgView.edges.update(kgView.edges.getIds().filter(id => id !== e.id).map(id => ({{id, hidden: true}})));
        let p = n.getPositions([e.from, e.to]);
        const mx = (p[e.from].x + p[e.to].x) / 2, my = (p[e.from].y + p[e.to].y) / 2;
        n.moveNode(e.from, mx - 250, my);
        n.moveNode(e.to, mx + 250, my);
        n.fit();
        p = n.getPositions([e.from, e.to]);
        const out = [];
        for (let i = 1; i < 40; i++) {{
            const t = 0.5 + (i % 2 ? 1 : -1) * Math.floor(i / 2) / 50;
            const dom = n.canvasToDOM({{x: p[e.from].x + t * (p[e.to].x - p[e.from].x),
                                       y: p[e.from].y + t * (p[e.to].y - p[e.from].y)}});
            if (n.getNodeAt(dom) === undefined && n.getEdgeAt(dom) === e.id) out.push(dom);
        }}
        return out; }})()""")
    assert points, f"no point of edge {edge_id} is clear of the nodes"
    # The tooltip names the relationship; hovering can still catch a stale one
    # (rarely, in headless Chromium), so move off and try the next point.
    kind = v.js(f"kgView.edges.get({edge_id!r}).label").split()[0]
    box = v.page.locator("#network").bounding_box()
    tip = ""
    for pos in points[:5]:
        v.page.mouse.move(box["x"] + 2, box["y"] + 2)
        v.page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
        v.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
        tip = v.page.inner_text("div.vis-tooltip")
        if f"—{kind}→" in tip:
            break
    return tip


def test_who_leads_view(seeds_build, open_view, tmp_path):
    html = tmp_path / "who.html"
    run_kg("viz", "--query", "who-leads", "--param", "region=宝丰县", "--out", str(seeds_build), "-o", str(html))
    v = open_view(html)
    labels = set(v.js("kgView.nodes.get().map(n => n.label)"))
    assert {"王代强", "刘海亮", "李庆", "宝丰县"} <= labels
    assert v.errors == [] and v.requests == []
    # the legend names every node type on the page
    types = set(v.js("kgView.data.nodes.map(n => n.type)"))
    legend = set(v.js("[...document.querySelectorAll('#legend li')].map(li => li.dataset.type)"))
    assert legend == types and {"Official", "Region"} <= types
    # hovering the HOLDS_POSITION edge of 王代强 shows the sentence it came from
    edge = v.js("""kgView.edges.get().find(e => e.from === 'official:宝丰县/王代强'
                   && e.label === 'HOLDS_POSITION 县委书记').id""")
    tip = hover_edge(v, edge)
    assert "县委书记王代强" in tip and "000_96103ea8738b46bf.txt" in tip
    ARTIFACTS.mkdir(exist_ok=True)
    v.page.screenshot(path=str(ARTIFACTS / "who-leads.png"))


def test_search_box_filters_nodes(seeds_build, open_view, tmp_path):
    html = tmp_path / "who.html"
    run_kg("viz", "--query", "who-leads", "--out", str(seeds_build), "-o", str(html))
    v = open_view(html)
    v.page.fill("#search", "王代强")
    shown = set(v.js("kgView.nodes.get().filter(n => !n.hidden).map(n => n.label)"))
    assert "王代强" in shown and "宝丰县" in shown  # a match and its neighbour
    assert "何树平" not in shown


def test_corpus_text_is_never_markup(open_view, tmp_path):
    g = Graph()
    evil = "<img src=x onerror=window.__pwned=1>"
    g.add_node(Node("official:x/" + evil, "Official", evil))
    g.add_node(Node("region:某县", "Region", "某县", [], {"level": "county"}))
    g.add_edge(Edge("HOLDS_POSITION", "official:x/" + evil, "region:某县", {"title": "县长"}, [{
        "doc": "a.txt", "article": 0, "start": 0, "end": 9, "extractor": "test", "confidence": 1,
        "text": "</script><script>window.__pwned=2</script>县长"}]))
    view.write(g, view.whole(g), tmp_path / "evil.html")
    v = open_view(tmp_path / "evil.html")
    assert v.js("window.__pwned") is None
    assert evil in v.js("kgView.nodes.get().map(n => n.label)")
    edge = v.js("kgView.edges.get()[0].id")
    tip = hover_edge(v, edge)
    assert "<script>window.__pwned=2</script>" in tip  # shown as text
    assert v.js("document.querySelectorAll('div.vis-tooltip img, div.vis-tooltip script').length") == 0
    assert v.js("window.__pwned") is None


def test_large_views_are_capped_with_a_note(seeds_build, open_view, tmp_path):
    html = tmp_path / "capped.html"
    run_kg("viz", "--max-nodes", "20", "--out", str(seeds_build), "-o", str(html))
    v = open_view(html)
    assert v.js("kgView.nodes.length") == 20
    note = v.page.inner_text(".note")
    assert "20" in note and "left out" in note


def test_whole_graph_render_time(seeds_build, open_view, tmp_path, record_property):
    html = tmp_path / "whole.html"
    run_kg("viz", "--out", str(seeds_build), "-o", str(html))
    v = open_view(html)
    assert v.js("kgView.nodes.length") > 100 and v.errors == [] and v.requests == []
    record_property("whole_graph_render_seconds", round(v.seconds, 2))
    print(f"\nwhole seeds graph: {v.js('kgView.nodes.length')} nodes settled in {v.seconds:.2f} s")


def test_entity_and_region_views(seeds_build):
    from kg.graph import read_jsonl

    g = read_jsonl(seeds_build / "graph.jsonl")
    near = view.neighbourhood(g, "宝丰", hops=1).nodes  # by alias
    assert {"region:宝丰县", "official:宝丰县/王代强", "region:平顶山市"} <= near
    assert not any(g.nodes[n].type == "Document" for n in near)
    sub = view.region(g, "濮阳市").nodes
    assert {"region:范县", "project:国际化工物流港项目"} <= sub
    assert "region:宝丰县" not in sub
    bad = run_kg("viz", "--entity", "没有这个", "--out", str(seeds_build), "-o", "/dev/null", check=False)
    assert bad.returncode == 2 and "no node named" in bad.stderr
