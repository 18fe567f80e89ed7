"""A synthetic graph with the seeds' shape, of any size (for store and load benchmarks).

Regions in a province/city/county tree, officials holding posts and leading
task forces, projects with investments and companies, each edge with one or
two provenance entries, every node mentioned in a document.
"""

from __future__ import annotations

import random

from kg.graph import Edge, Graph, Node

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞建国海亮庆代林"
TITLES = ["县委书记", "县长", "县委副书记", "常务副县长", "副县长", "县委常委"]


def synthetic(relationships: int, seed: int = 7) -> Graph:
    """About RELATIONSHIPS edges (MENTIONED_IN included)."""
    rnd = random.Random(seed)
    g = Graph()
    counties = max(1, relationships // 60)
    docs = max(1, relationships // 40)
    for d in range(docs):
        g.add_node(Node(f"doc:d{d}.txt#0", "Document", f"文章{d}", [],
                        {"title": f"文章{d}", "date": f"2023-{1 + d % 12:02d}-{1 + d % 28:02d}",
                         "path": f"d{d}.txt", "article": 0}))

    def prov(i: int) -> list[dict]:
        d = rnd.randrange(docs)
        return [{"doc": f"d{d}.txt", "article": 0, "start": i, "end": i + 40,
                 "text": f"第{i}句，县委书记某某调研某某项目。", "extractor": "synthetic", "confidence": 0.9}]

    n = 0

    def edge(t, s, o, props=None):
        nonlocal n
        n += 1
        p = prov(n)
        g.add_edge(Edge(t, s, o, props or {}, p))
        for x in (s, o):
            g.add_edge(Edge("MENTIONED_IN", x, f"doc:{p[0]['doc']}#0", {}, p))

    g.add_node(Node("region:某某省", "Region", "某某省", [], {"level": "province"}))
    for c in range(counties):
        city = f"region:第{c // 10}市"
        g.add_node(Node(city, "Region", city[7:], [], {"level": "city"}))
        county = f"region:第{c}县"
        g.add_node(Node(county, "Region", f"第{c}县", [f"第{c}"], {"level": "county"}))
        edge("PART_OF", county, city)
        edge("PART_OF", city, "region:某某省")
        tf = f"taskforce:第{c}县招商专班"
        g.add_node(Node(tf, "TaskForce", tf[10:], []))
        edge("LOCATED_IN", tf, county)
        for k in range(3):
            name = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(GIVEN)
            off = f"official:第{c}县/{name}"
            g.add_node(Node(off, "Official", name, [], {"scope": f"第{c}县"}))
            edge("HOLDS_POSITION", off, county, {"title": TITLES[k]})
            if k == 0:
                edge("LEADS", off, tf)
        for p in range(3):
            proj = f"project:第{c}县{p}号产业园项目"
            g.add_node(Node(proj, "Project", proj[8:], [], {"stage": "started"}))
            edge("IMPLEMENTS", county, proj)
            value = rnd.randrange(1, 500) * 10**8
            amt = f"amount:CNY:{value}:exact"
            g.add_node(Node(amt, "Amount", f"{value // 10**8}亿元", [],
                            {"value": value, "currency": "CNY", "qualifier": "exact",
                             "text": f"{value // 10**8}亿元"}))
            edge("INVESTS", proj, amt, {"kind": "total"})
            comp = f"company:第{c}县{p}号新材料有限公司"
            g.add_node(Node(comp, "Company", comp[8:], []))
            edge("UNDERTAKES", comp, proj)
            edge("VISITED", f"official:第{c}县/{name}", proj)
    return g
