"""Views opened in headless Chromium (Debian's, driven by Playwright) with the network blocked.

Each test reads what the page shows: vis-network's own state (positions, label boxes,
selection), the caption and the panel's text."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, EVIL, hostile_graph, run_kg

from kg import view
from kg.graph import Edge, Graph, Node


@pytest.fixture
def open_view(open_page):
    return open_page


def edge_points(v, edge_id: str) -> list[dict]:
    """Points (page pixels) over EDGE and under no node: the other edges are hidden and
    its two ends pulled apart first, a curve straightened (positions are fixed, so nothing moves back)."""
    points = v.js(f"""(() => {{
        const n = kgView.network, e = kgView.edges.get({edge_id!r});
        kgView.edges.update(kgView.edges.getIds().filter(id => id !== e.id).map(id => ({{id, hidden: true}})));
        kgView.edges.update({{id: e.id, smooth: {{enabled: false}}}});  // a curve, straightened
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
    box = v.page.locator("#network").bounding_box()
    return [{"x": box["x"] + p["x"], "y": box["y"] + p["y"]} for p in points]


def click_edge(v, edge_id: str) -> str:
    """Click EDGE and return the text of the panel it pins."""
    for p in edge_points(v, edge_id)[:5]:
        v.page.mouse.click(p["x"], p["y"])
        if v.js("document.getElementById('panel').dataset.id") == edge_id:
            break
    assert v.js("!document.getElementById('panel').hidden")
    return v.page.inner_text("#panel")


def edge_id(v, src: str, label: str) -> str:
    return v.js(f"kgView.edges.get().find(e => e.from === {src!r} && e.label === {label!r}).id")


def test_who_leads_view(seeds_build, open_view, tmp_path):
    html = tmp_path / "who.html"
    run_kg("viz", "--query", "who-leads", "--param", "region=宝丰县", "--out", str(seeds_build), "-o", str(html))
    v = open_view(html)
    labels = set(v.js("kgView.nodes.get().map(n => n.label)"))
    assert {"王代强", "刘海亮", "李庆", "宝丰县"} <= labels
    assert v.errors == [] and v.requests == []
    # the legend names every node type on the page, in both languages
    types = set(v.js("kgView.data.nodes.map(n => n.type)"))
    legend = v.js("[...document.querySelectorAll('#legend li')].map(li => [li.dataset.type, li.innerText])")
    assert {t for t, _ in legend} == types and {"Official", "Region"} <= types
    assert any(t == "Official" and "人物" in text and "Official" in text for t, text in legend)
    relations = v.page.inner_text("#relations")
    assert "任职 = holds position" in relations
    # Chinese relation labels; clicking 王代强's post pins the sentence and its article
    panel = click_edge(v, edge_id(v, "official:宝丰县/王代强", "任职 县委书记"))
    assert "县委书记王代强" in panel and "宝丰 奏响党建引领高质量发展最强音" in panel
    # the panel stays when the mouse moves away
    v.page.mouse.move(5, 5)
    v.page.wait_for_timeout(300)
    assert "县委书记王代强" in v.page.inner_text("#panel")
    ARTIFACTS.mkdir(exist_ok=True)
    v.page.screenshot(path=str(ARTIFACTS / "who-leads.png"))


def test_english_labels(seeds_build, open_view, tmp_path):
    html = tmp_path / "en.html"
    run_kg("viz", "--region", "宝丰县", "--lang", "en", "--out", str(seeds_build), "-o", str(html))
    v = open_view(html)
    labels = set(v.js("kgView.edges.get().map(e => e.label)"))
    assert "holds position 县委书记" in labels and "implements" in labels
    assert not any("HOLDS_POSITION" in x for x in labels)


def label_boxes(v, ids_expr: str) -> dict:
    return v.js(f"""(() => {{ const out = {{}};
        for (const id of {ids_expr}) {{ const s = kgView.network.body.edges[id].labelModule.size;
            out[id] = [s.left, s.top, s.width, s.height]; }}
        return out; }})()""")


def overlap(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def test_parallel_edges_and_node_labels_do_not_overlap(seeds_build, open_view, tmp_path):
    html = tmp_path / "region.html"
    run_kg("viz", "--region", "宝丰县", "--out", str(seeds_build), "-o", str(html))
    v = open_view(html)
    edges = v.js("kgView.edges.get().map(e => [e.id, e.from, e.to])")
    groups: dict = {}
    for i, a, b in edges:
        groups.setdefault(frozenset((a, b)), []).append(i)
    parallel = [g for g in groups.values() if len(g) > 1]
    assert parallel, "the 宝丰县 view has officials with two posts in the county"
    boxes = label_boxes(v, repr([i for g in parallel for i in g]))
    for g in parallel:
        for k, a in enumerate(g):
            for b in g[k + 1:]:
                assert boxes[a][2] > 0 and not overlap(boxes[a], boxes[b]), (a, b, boxes[a], boxes[b])
    # node labels: the bounding boxes vis-network draws (shape and label) are apart
    nb = v.js("""kgView.nodes.getIds().map(id => { const b = kgView.network.getBoundingBox(id);
                 return [id, b.left, b.top, b.right - b.left, b.bottom - b.top]; })""")
    hits = [(a[0], b[0]) for k, a in enumerate(nb) for b in nb[k + 1:] if overlap(a[1:], b[1:])]
    assert hits == []


def test_layout_is_stored_and_identical(seeds_build, open_view, tmp_path):
    one, two = tmp_path / "one.html", tmp_path / "two.html"
    for f in (one, two):
        run_kg("viz", "--region", "宝丰县", "--out", str(seeds_build), "-o", str(f))
    assert one.read_bytes() == two.read_bytes()
    read = "JSON.stringify(kgView.network.getPositions())"
    first = open_view(one)
    a = first.js(read)
    first.page.wait_for_timeout(500)
    assert first.js(read) == a  # nothing moves after opening
    assert open_view(one).js(read) == a
    assert first.js("kgView.network.physics.options.enabled") is False


def test_caption_holds_query_and_dates(open_view, tmp_path):
    g = Graph()
    g.add_node(Node("region:甲县", "Region", "甲县", [], {"level": "county"}))
    g.add_node(Node("official:甲县/赵一", "Official", "赵一", [], {"scope": "甲县"}))
    for i, d in enumerate(("2023-03-01", "2024-07-15")):
        g.add_node(Node(f"doc:a{i}.txt#0", "Document", f"文章{i}", [],
                        {"path": f"a{i}.txt", "article": 0, "date": d, "title": f"甲县新闻{i}",
                         "url": f"https://example.gov.cn/news/{i}.html", "publisher": "甲县人民政府"}))
        g.add_edge(Edge("HOLDS_POSITION", "official:甲县/赵一", "region:甲县", {"title": ["县长", "县委书记"][i]}, [{
            "doc": f"a{i}.txt", "article": 0, "start": 0, "end": 5, "extractor": "test",
            "confidence": 0.9, "text": f"第{i}句，甲县县长赵一说。"}]))
    sel = view.Selection("甲县 · region", set(g.nodes) - {"doc:a0.txt#0", "doc:a1.txt#0"},
                         "kg viz --query who-leads -p region=甲县")
    view.write(g, sel, tmp_path / "c.html", built="2024-08-01")
    v = open_view(tmp_path / "c.html")
    cap = v.page.inner_text("#caption")
    assert "kg viz --query who-leads -p region=甲县" in cap
    assert "2023-03-01 – 2024-07-15" in cap and "2 篇文章" in cap and "2024-08-01" in cap
    # the pinned panel holds the article's title, date and address as a link
    panel = click_edge(v, edge_id(v, "official:甲县/赵一", "任职 县长"))
    assert "甲县新闻0" in panel and "2023-03-01" in panel and "甲县人民政府" in panel
    assert v.js("document.querySelector('#panel a').href") == "https://example.gov.cn/news/0.html"
    v.page.click("#copy")
    copied = v.js("document.getElementById('panel').dataset.copied")
    assert "第0句" in copied and "https://example.gov.cn/news/0.html" in copied
    # a node's panel too
    pos = v.js("""(() => { const p = kgView.network.getPositions(['region:甲县'])['region:甲县'];
                  return kgView.network.canvasToDOM(p); })()""")
    box = v.page.locator("#network").bounding_box()
    v.page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    assert "甲县" in v.page.inner_text("#panel h2") and "Region" in v.page.inner_text("#panel")


def test_search_centres_and_selects_the_match(seeds_build, open_view, tmp_path):
    html = tmp_path / "whole.html"
    run_kg("viz", "--out", str(seeds_build), "-o", str(html))
    v = open_view(html)
    v.page.fill("#search", "王代强")
    target = v.js("document.getElementById('search').dataset.match")
    assert target == "official:宝丰县/王代强"
    where = v.js(f"""(() => {{ const p = kgView.network.getPositions([{target!r}])[{target!r}];
                   return kgView.network.canvasToDOM(p); }})()""")
    box = v.page.locator("#network").bounding_box()
    assert abs(where["x"] - box["width"] / 2) < 5 and abs(where["y"] - box["height"] / 2) < 5
    assert target in v.js("kgView.network.getSelectedNodes()")
    assert v.js("kgView.network.getScale()") >= 1.2
    # by alias
    v.page.fill("#search", "宝丰")
    assert v.js("document.getElementById('search').dataset.match") == "region:宝丰县"


def test_png_button_saves_an_image(seeds_build, open_view, tmp_path):
    html = tmp_path / "region.html"
    run_kg("viz", "--region", "宝丰县", "--out", str(seeds_build), "-o", str(html))
    v = open_view(html)
    with v.page.expect_download() as dl:
        v.page.click("#png")
    path = tmp_path / "saved.png"
    dl.value.save_as(path)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    assert dl.value.suggested_filename.endswith(".png")
    assert v.requests == []


def test_corpus_text_is_never_markup(open_view, tmp_path):
    g = hostile_graph()
    view.write(g, view.whole(g), tmp_path / "evil.html")
    v = open_view(tmp_path / "evil.html")
    assert v.js("window.__pwned") is None
    assert EVIL in v.js("kgView.nodes.get().map(n => n.label)")
    panel = click_edge(v, v.js("kgView.edges.get()[0].id"))
    assert "<script>window.__pwned=2</script>" in panel and "<b>标题</b>" in panel  # shown as text
    assert v.js("document.querySelectorAll('#panel img, #panel script, #panel b, #panel a').length") == 0
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
    print(f"\nwhole seeds graph: {v.js('kgView.nodes.length')} nodes shown in {v.seconds:.2f} s")


def test_entity_and_region_views(seeds_build):
    from kg.graph import read_jsonl

    g = read_jsonl(seeds_build / "graph.jsonl")
    near = view.neighbourhood(g, "宝丰", hops=1).nodes  # by alias
    assert {"region:宝丰县", "official:宝丰县/王代强", "region:平顶山市"} <= near
    assert not any(g.nodes[n].type == "Document" for n in near)
    sub = view.region(g, "濮阳市").nodes
    assert {"region:范县", "project:国际化工物流港项目"} <= sub
    assert "region:宝丰县" not in sub
    # a county's view: its own people, not the province's other counties' (through 河南省)
    own = view.region(g, "宝丰县").nodes
    assert {"official:宝丰县/王代强", "region:河南省"} <= own
    scopes = {g.nodes[n].props.get("scope") for n in own if g.nodes[n].type == "Official"}
    assert scopes <= {"宝丰县", "平顶山市", "河南省", None}, scopes
    assert not any(g.nodes[n].type == "Region" and n.startswith("region:") and n in own
                   and n not in {"region:宝丰县", "region:平顶山市", "region:河南省"}
                   and any(e.type == "PART_OF" and e.src == n and e.dst == "region:河南省"
                           for e in g.edges.values()) for n in own)
    bad = run_kg("viz", "--entity", "没有这个", "--out", str(seeds_build), "-o", str(seeds_build.parent / "none.html"), check=False)
    # A name that matches nothing is a miss the user can mend (exit 1, with suggestions), not bad input.
    assert bad.returncode == 1 and "no entity named" in bad.stderr
