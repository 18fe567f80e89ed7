"""Citable provenance (issue 18, ingest side): every place an input can say where
an article comes from ends up in documents.jsonl and on the Document node
(graph.jsonl, the RDF store) as title, date, publisher, source, url. Pages are
invented for the test; the expected values are read off them by hand."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

from conftest import run_kg

from kg.normalize import normalize


def _build(tmp_path: Path, files: dict[str, str]) -> tuple[list[dict], dict[str, dict], Path]:
    corpus, out = tmp_path / "in", tmp_path / "out"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    run_kg("build", str(corpus), "--out", str(out))
    docs = [json.loads(x) for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    graph = [json.loads(x) for x in (out / "graph.jsonl").read_text(encoding="utf-8").splitlines()]
    nodes = {n["id"]: n for n in graph if n["kind"] == "node" and n["type"] == "Document"}
    return docs, nodes, out


def _cite(doc: dict) -> tuple:
    return doc["title"], doc["date"], doc["url"]


def test_jsonl_fields(tmp_path):
    line = {"url": "https://news.example.cn/2023/0601/1.html", "title": "北原市召开重点项目推进会",
            "published": "2023-06-01T09:30:00+08:00", "source": "北原日报",
            "text": "6月1日,北原市召开重点项目推进会。市长甲乙出席会议。"}
    other = {"link": "https://news.example.cn/2.html", "headline": "东门镇项目开工", "time": 1686700800,
             "text": "东门镇3个项目集中开工。"}
    docs, nodes, _ = _build(tmp_path, {"feed.jsonl": "\n".join(json.dumps(x, ensure_ascii=False) for x in (line, other))})
    a, b = docs
    assert _cite(a) == ("北原市召开重点项目推进会", "2023-06-01", "https://news.example.cn/2023/0601/1.html")
    assert a["source"] == "北原日报" and a["date_source"] == "metadata"
    assert _cite(b) == ("东门镇项目开工", "2023-06-14", "https://news.example.cn/2.html")  # Unix time, UTC
    node = nodes[a["id"]]["props"]
    assert (node["title"], node["date"], node["url"], node["publisher"]) == (
        "北原市召开重点项目推进会", "2023-06-01", "https://news.example.cn/2023/0601/1.html", "北原日报")


HTML_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>西山县推进重点项目建设_西山县人民政府网</title>
<link rel="canonical" href="http://www.xishan.example.gov.cn/art/2024/3/4/art_9.html">
</head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/xw">新闻中心</a> &gt; 正文</div>
<div class="article">
<h1>西山县推进重点项目建设</h1>
<div class="info">发布时间：2024-03-04 10:20　来源：西山县融媒体中心</div>
<p>3月4日，西山县召开重点项目建设推进会，总投资12亿元的北原甲乙新材料产业园项目开工建设。</p>
<p>县委书记丙丁在会上强调，要加快推进项目建设，确保项目早日投产达效，为全县经济高质量发展提供有力支撑。</p>
<p>会议听取了各乡镇和县直有关部门的项目建设进展情况汇报，并对下一阶段工作作出安排部署。</p>
</div>
<div class="footer">主办：西山县人民政府办公室　网站标识码：1234567890</div>
</body></html>
"""


def test_html_page_h1_and_date_line(tmp_path):
    (doc,), nodes, out = _build(tmp_path, {"page.html": HTML_PAGE})
    assert _cite(doc) == ("西山县推进重点项目建设", "2024-03-04",
                          "http://www.xishan.example.gov.cn/art/2024/3/4/art_9.html")
    assert doc["source"] == "西山县融媒体中心"
    # The RDF store holds them too.
    rows = run_kg("query", "--out", str(out), "--format", "json", "--sparql",
                  "PREFIX kg: <https://w3id.org/cnkg#> SELECT ?t ?d ?u WHERE { ?x a kg:Document ; kg:title ?t ; "
                  "kg:date ?d ; kg:url ?u }").stdout
    assert "西山县推进重点项目建设" in rows and "2024-03-04" in rows and "art_9.html" in rows


SHORT_BODY = ("9月14日，东湖区与北原甲乙科技有限公司签约年产5万吨电池材料项目，总投资8亿元。"
              "区长王立新出席签约仪式。双方将在新能源材料领域深化合作，推动项目早落地、早投产。")


def test_short_html_item_falls_back_to_its_visible_text(tmp_path):
    # trafilatura takes this block for a comment box and finds no body at all.
    page = ("<html><head><title>东湖区两个项目签约</title></head><body><h1>东湖区两个项目签约</h1>"
            f"<div class='comment'><p>发布日期：2022-09-15</p><p>{SHORT_BODY}</p></div></body></html>")
    (doc,), _, out = _build(tmp_path, {"item.html": page})
    assert (doc["title"], doc["date"]) == ("东湖区两个项目签约", "2022-09-15")
    assert doc["sentences"] >= 3
    assert "no article text" not in (out / "errors.jsonl").read_text(encoding="utf-8")


def test_html_items_in_lists_and_tables_are_found_in_the_page(tmp_path):
    # trafilatura writes these as '- …' and '| … |': the text is still found in the source.
    page = ("<html><body><table><tr><td>东湖区两个项目签约</td></tr><tr><td>2022-09-15</td></tr>"
            f"<tr><td>{SHORT_BODY}</td></tr></table><ul><li>区长王立新出席签约仪式。</li></ul></body></html>")
    (doc,), _, _ = _build(tmp_path, {"t.html": page})
    assert doc["sentences"] >= 3 and doc["date"] == "2022-09-15"


def test_text_header_lines(tmp_path):
    page = ("来源网址: http://www.nanhu.example.cn/news/88.html\n南湖区重点项目集中开工\n"
            "发布时间:2021-11-02 08:00 来源:南湖区融媒体中心\n11月2日,南湖区14个重点项目集中开工。\n")
    (doc,), nodes, _ = _build(tmp_path, {"a.txt": page})
    assert _cite(doc) == ("南湖区重点项目集中开工", "2021-11-02", "http://www.nanhu.example.cn/news/88.html")
    assert (doc["source"], doc["date_source"]) == ("南湖区融媒体中心", "header")
    assert nodes[doc["id"]]["props"]["source"] == "南湖区融媒体中心"


def test_markdown_is_read_as_text_with_offsets_into_the_file(tmp_path):
    md = ("# 郏县推进重点项目建设\n\n*发布时间:2024-05-06*\n\n"
          "郏县县委书记**王立新**到[郏县产业集聚区](http://example.cn/park)调研。\n\n"
          "- 县长**李卫东**出席。\n")
    (doc,), _, out = _build(tmp_path, {"news.md": md})
    assert (doc["title"], doc["date"]) == ("郏县推进重点项目建设", "2024-05-06")
    edges = [json.loads(x) for x in (out / "graph.jsonl").read_text(encoding="utf-8").splitlines()]
    posts = [e for e in edges if e["kind"] == "edge" and e["type"] == "HOLDS_POSITION"]
    assert {(e["src"].rsplit("/", 1)[-1], e["props"]["title"]) for e in posts} >= {("王立新", "县委书记"), ("李卫东", "县长")}
    for e in posts:
        for p in e["provenance"]:
            piece = md[p["start"]:p["end"]]
            assert "**" in piece and normalize(piece, markdown=True) == p["text"]
            assert "*" not in p["text"]


def test_modification_time_is_the_last_resort_and_stays_out_of_the_graph(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    f = corpus / "a.txt"
    f.write_text("北原县两个项目开工\n北原县两个项目集中开工。\n", encoding="utf-8")
    when = datetime(2020, 5, 6, 12, 0, tzinfo=timezone.utc).timestamp()
    os.utime(f, (when, when))
    run_kg("build", str(corpus), "--out", str(tmp_path / "o1"))
    (doc,) = [json.loads(x) for x in (tmp_path / "o1/documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (doc["date"], doc["date_source"]) == ("2020-05-06", "mtime")
    node = next(json.loads(x) for x in (tmp_path / "o1/graph.jsonl").read_text(encoding="utf-8").splitlines()
                if '"Document"' in x)
    assert node["props"]["date"] is None
    # Touched (as a clone does): the graph stays byte-identical.
    os.utime(f, (when + 400 * 86400, when + 400 * 86400))
    run_kg("build", str(corpus), "--out", str(tmp_path / "o2"), "--no-cache")
    assert (tmp_path / "o1/graph.jsonl").read_bytes() == (tmp_path / "o2/graph.jsonl").read_bytes()
