"""One project, one node across files (issue 18; kg/resolve/across.py), on small
corpora written for the test. Every expectation is read off the articles by hand.

嘉鱼县's paper project is named three ways in three articles: with its county
(a), without it but under 嘉鱼县 (b), with its company's short name (c). Near
misses stay apart: the same words in another county (d against e), and the
same words undertaken by an unrelated company (f against b).
"""

from __future__ import annotations

import json

import pytest
from conftest import run_kg

from kg.graph import Edge, Graph, Node
from kg.resolve.across import ProjectIndex, short_forms

HEAD = "{title}\n\n发布时间:{date} | 发布机构:{by}\n\n"
ARTICLES = {
    "a.txt": ("嘉鱼县年产2万吨芳纶纸项目开工", "2023-05-08", "嘉鱼县人民政府",
              "5月8日,总投资15亿元的嘉鱼县年产2万吨芳纶纸项目开工。\n"),
    "b.txt": ("芳纶纸项目落户嘉鱼", "2022-12-01", "咸宁日报社",
              "12月1日,嘉鱼县与湖北卓越新材料有限公司签约年产2万吨芳纶纸项目,项目总投资15亿元。\n"),
    "c.txt": ("嘉鱼县重点项目观摩", "2023-09-20", "嘉鱼县融媒体中心",
              "9月20日,嘉鱼县县长周海涛来到卓越新材年产2万吨芳纶纸项目现场,项目一期已经投产。\n"
              "在簰洲湾镇,嘉鱼县光伏发电产业园建设正酣。\n"),
    "d.txt": ("通城县光伏发电产业园项目签约", "2023-02-11", "通城县人民政府",
              "2月11日,通城县与武汉晴川能源有限公司签约光伏发电产业园项目,总投资8亿元。\n"),
    "e.txt": ("嘉鱼县光伏发电产业园项目加快推进", "2023-10-10", "嘉鱼县人民政府",
              "嘉鱼县光伏发电产业园项目目前已经竣工。\n"),
}
NEAR = {  # the same county, the same words, another company
    "b.txt": ARTICLES["b.txt"],
    "f.txt": ("华信纸业芳纶纸项目签约", "2023-03-15", "嘉鱼县人民政府",
              "3月15日,嘉鱼县与湖北华信纸业有限公司签约华信纸业年产2万吨芳纶纸项目,总投资6亿元。\n"),
}
PAPER = "卓越新材年产2万吨芳纶纸项目"  # the longest of its names


def write(folder, articles):
    folder.mkdir(exist_ok=True)
    for name, (title, date, by, body) in articles.items():
        (folder / name).write_text(HEAD.format(title=title, date=date, by=by) + body, encoding="utf-8")
    return folder


def projects(out) -> dict[str, dict]:
    recs = [json.loads(x) for x in (out / "graph.jsonl").read_text(encoding="utf-8").splitlines()]
    return {r["name"]: r for r in recs if r["kind"] == "node" and r["type"] == "Project"}


def edges_of(out, name: str) -> dict[tuple[str, str, str], list[str]]:
    """(type, src, dst) -> the files of its sentences, for the edges touching project NAME."""
    recs = [json.loads(x) for x in (out / "graph.jsonl").read_text(encoding="utf-8").splitlines()]
    pid = f"project:{name}"
    return {(r["type"], r["src"], r["dst"]): [p["doc"] for p in r["provenance"]]
            for r in recs if r["kind"] == "edge" and pid in (r["src"], r["dst"]) and r["type"] != "MENTIONED_IN"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    src = write(tmp_path_factory.mktemp("across") / "src", ARTICLES)
    out = src.parent / "out"
    run_kg("build", str(src), "--out", str(out))
    return out


def test_one_project_named_three_ways_in_three_files_is_one_node(built):
    p = projects(built)
    assert PAPER in p and set(p[PAPER]["aliases"]) == {"嘉鱼县年产2万吨芳纶纸项目", "年产2万吨芳纶纸项目"}
    assert "嘉鱼县年产2万吨芳纶纸项目" not in p and "年产2万吨芳纶纸项目" not in p
    e = edges_of(built, PAPER)
    pid = f"project:{PAPER}"
    # every article's sentences kept; the two articles' one sum is one fact with both
    assert sorted(set(e[("IMPLEMENTS", "region:嘉鱼县", pid)])) == ["a.txt", "b.txt", "c.txt"]
    assert sorted(e[("INVESTS", pid, "amount:CNY:1500000000:exact")]) == ["a.txt", "b.txt"]
    assert e[("UNDERTAKES", "company:湖北卓越新材料有限公司", pid)] == ["b.txt"]
    assert e[("VISITED", "official:嘉鱼县/周海涛", pid)] == ["c.txt"]


def test_with_and_without_the_closing_xiangmu_across_files(built):
    p = projects(built)
    assert "嘉鱼县光伏发电产业园" in p["嘉鱼县光伏发电产业园项目"]["aliases"]
    assert "嘉鱼县光伏发电产业园" not in p


def test_the_same_words_in_another_county_stay_apart(built):
    p = projects(built)
    assert "通城县光伏发电产业园项目" in p and "嘉鱼县光伏发电产业园项目" in p
    assert sorted(set(edges_of(built, "通城县光伏发电产业园项目")[
        ("IMPLEMENTS", "region:通城县", "project:通城县光伏发电产业园项目")])) == ["d.txt"]


def test_the_store_answers_by_every_name_of_the_merged_node(built):
    for name in ("年产2万吨芳纶纸项目", "嘉鱼县年产2万吨芳纶纸项目", PAPER):
        rows = json.loads(run_kg("query", "entity", "--out", str(built), "-f", "json", "-p", f"name={name}").stdout)
        assert {r["entity"] for r in rows} == {PAPER}
        assert ("VISITED", "周海涛") in {(r["relation"], r["other"]) for r in rows}
    cites = json.loads(run_kg("query", "sources", "--out", str(built), "-f", "json",
                              "-p", "name=年产2万吨芳纶纸项目").stdout)
    assert {r["path"] for r in cites} == {"a.txt", "b.txt", "c.txt"}


def test_an_unrelated_company_keeps_the_same_words_apart(tmp_path):
    out = tmp_path / "out"
    run_kg("build", str(write(tmp_path / "src", NEAR)), "--out", str(out))
    p = projects(out)
    assert "年产2万吨芳纶纸项目" in p and "华信纸业年产2万吨芳纶纸项目" in p
    assert ("UNDERTAKES", "company:湖北华信纸业有限公司", "project:年产2万吨芳纶纸项目") \
        not in edges_of(out, "年产2万吨芳纶纸项目")


def test_same_input_same_bytes_in_memory_and_spilled_to_disk(built, tmp_path, monkeypatch):
    import kg
    import kg.graph.spool

    again = tmp_path / "again"
    run_kg("build", str(built.parent / "src"), "--out", str(again))
    assert (again / "graph.jsonl").read_bytes() == (built / "graph.jsonl").read_bytes()
    # both spools (the files' merge and the renaming) go to disk after a few items
    monkeypatch.setattr(kg.graph.spool, "DEFAULT_LIMIT", 5)
    spilled = tmp_path / "spilled"
    kg.build([built.parent / "src"], spilled, cache=False)
    assert (spilled / "graph.jsonl").read_bytes() == (built / "graph.jsonl").read_bytes()


def _graph(*projects: tuple[str, str | None, str | None]) -> Graph:
    """Projects as (name, region that IMPLEMENTS it, company that UNDERTAKES it)."""
    g = Graph()
    prov = [{"doc": "x.txt", "article": 0, "start": 0, "end": 1, "text": "句", "extractor": "t", "confidence": 1}]
    for name, region, firm in projects:
        g.add_node(Node(f"project:{name}", "Project", name))
        if region:
            g.add_node(Node(f"region:{region}", "Region", region))
            g.add_edge(Edge("IMPLEMENTS", f"region:{region}", f"project:{name}", {}, prov))
        if firm:
            g.add_node(Node(f"company:{firm}", "Company", firm))
            g.add_edge(Edge("UNDERTAKES", f"company:{firm}", f"project:{name}", {}, prov))
    return g


def renames(*graphs: Graph) -> dict[str, str]:
    index = ProjectIndex()
    for g in graphs:
        index.add(g)
    return {k: v[1] for k, v in index.renames().items()}


def test_rule_by_construction_on_other_names():
    # a county's name opening the project, its short form, a bracketed one under the province
    g1 = _graph(("崇阳县竹木精深加工产业园项目", "崇阳县", None))
    g2 = _graph(("竹木精深加工产业园", "崇阳县", None))
    g3 = _graph(("湖北(崇阳)竹木精深加工产业园项目", "崇阳县", None))
    g3.add_node(Node("region:湖北省", "Region", "湖北省"))
    g3.add_edge(Edge("PART_OF", "region:崇阳县", "region:湖北省", {}, []))
    got = renames(g1, g2, g3)
    assert set(got.values()) == {"湖北(崇阳)竹木精深加工产业园项目"} and len(got) == 3
    # no region: two articles' 光伏发电项目 may be two projects
    assert renames(_graph(("光伏发电项目", None, None)), _graph(("光伏发电站项目", None, None)),
                   _graph(("光伏发电", None, None))) == {}
    # a core too short to say anything (产业园) and a phase of its own
    assert renames(_graph(("崇阳县产业园", "崇阳县", None)), _graph(("产业园项目", "崇阳县", None))) == {}
    assert renames(_graph(("崇阳县竹木加工二期项目", "崇阳县", None)), _graph(("竹木加工项目", "崇阳县", None))) == {}


def test_a_project_without_company_between_two_companies_is_left_alone():
    got = renames(_graph(("甲乙科技年产5万吨竹纤维项目", "通山县", "甲乙科技")),
                  _graph(("丙丁实业年产5万吨竹纤维项目", "通山县", "丙丁实业")),
                  _graph(("通山县年产5万吨竹纤维项目", "通山县", None)))
    assert got == {}  # which of the two it is, the text does not say
    # a short company name inside the full one is that company
    got = renames(_graph(("甲乙科技年产5万吨竹纤维项目", "通山县", "甲乙科技")),
                  _graph(("年产5万吨竹纤维项目", "通山县", "湖北甲乙科技有限公司")))
    assert set(got.values()) == {"甲乙科技年产5万吨竹纤维项目"}


def test_short_forms():
    assert short_forms("崇阳县") == ["崇阳县", "崇阳"]
    assert short_forms("湖北省") == ["湖北省", "湖北"]
    assert short_forms("津市") == ["津市"]  # one character left says nothing


@pytest.fixture(scope="module")
def ambiguous(tmp_path_factory):
    """a's project (no company) could be b's or f's: it stays a node of its own, listed for review."""
    src = write(tmp_path_factory.mktemp("ambiguous") / "src", {**NEAR, "a.txt": ARTICLES["a.txt"]})
    out = src.parent / "out"
    run_kg("build", str(src), "--out", str(out))
    return out


def test_what_is_left_is_listed_for_review(ambiguous):
    rows = json.loads(run_kg("query", "duplicates", "--out", str(ambiguous), "-f", "json").stdout)
    assert [(r["where"], r["name"], r["similar"]) for r in rows] == [
        ("嘉鱼县", "华信纸业年产2万吨芳纶纸项目", "嘉鱼县年产2万吨芳纶纸项目"),
        ("嘉鱼县", "华信纸业年产2万吨芳纶纸项目", "年产2万吨芳纶纸项目"),
        ("嘉鱼县", "嘉鱼县年产2万吨芳纶纸项目", "年产2万吨芳纶纸项目")]


def test_duplicates_on_neo4j_gives_the_same_rows(bolt_server, ambiguous):
    from kg.store.cypher import Neo4jStore

    with Neo4jStore(bolt_server.uri, bolt_server.user, bolt_server.password, bolt_server.database) as s:
        s._write("MATCH (n) DETACH DELETE n")
    run_kg("load", "--out", str(ambiguous), *bolt_server.args())
    sparql = json.loads(run_kg("query", "duplicates", "--out", str(ambiguous), "-f", "json").stdout)
    cypher = json.loads(run_kg("query", "duplicates", *bolt_server.args(), "-f", "json").stdout)
    assert sparql and cypher == sparql


def test_an_article_gives_its_project_the_furthest_stage_it_tells(tmp_path):
    one = {"g.txt": ("崇阳县竹木加工项目开工", "2023-08-01", "崇阳县人民政府",
                     "3月,崇阳县与湖北青山竹业有限公司签约竹木精深加工项目。\n8月1日,竹木精深加工项目正式开工。\n")}
    out = tmp_path / "out"
    run_kg("build", str(write(tmp_path / "src", one)), "--out", str(out))
    rows = json.loads(run_kg("query", "timeline", "--out", str(out), "-f", "json", "-p", "name=竹木精深加工项目").stdout)
    assert rows and {r["stage"] for r in rows} == {"started"}  # signed in March, started since


def test_a_shared_short_alias_does_not_make_two_capacities_one():
    # each article's in-file step gave its project the short alias 竹纤维纱线项目
    one, two = _graph(("通山县年产1万吨竹纤维纱线项目", "通山县", None)), \
        _graph(("通山县年产3万吨竹纤维纱线项目", "通山县", None))
    one.nodes["project:通山县年产1万吨竹纤维纱线项目"].aliases.append("竹纤维纱线项目")
    two.nodes["project:通山县年产3万吨竹纤维纱线项目"].aliases.append("竹纤维纱线项目")
    bare = _graph(("竹纤维纱线项目", "通山县", None))  # which of the two, the text does not say
    assert renames(one, two, bare) == {}
    # the same short name with one of them only is that one
    assert set(renames(one, bare).values()) == {"通山县年产1万吨竹纤维纱线项目"}
