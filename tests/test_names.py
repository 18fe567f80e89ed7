"""Names as people write them (issue 18), on the seeds' embedded store, through the CLI.

Expectations are written by hand from seed 000 ("县委书记王代强", "县长刘海亮";
宝丰县 lies in 平顶山市, 河南省).
"""

from __future__ import annotations

import json

import pytest
from conftest import run_kg

from kg.graph import Graph, Node, read_jsonl
from kg.query import amount, iso_bound
from kg.query.names import GraphNames, NotFound, key, resolve
from kg.store import StoreError

BAOFENG_POSTS = {("王代强", "县委书记"), ("刘海亮", "县长")}


def posts(out, region: str) -> set[tuple[str, str]]:
    proc = run_kg("query", "who-leads", "--out", str(out), "-f", "json", "-p", f"region={region}")
    return {(r["official"], r["title"]) for r in json.loads(proc.stdout) if r["relation"] == "HOLDS_POSITION"}


@pytest.mark.parametrize("region", [
    "宝丰县",        # the name
    "宝丰",          # without the level suffix
    "宝豐縣",        # Traditional
    " 宝丰 县 ",     # spaces
    "平顶山市",      # its city: the regions under it count
    "平顶山",        # the city without its suffix
    "河南省",        # its province, two levels up
])
def test_every_lookup_form_finds_baofengs_officials(seeds_build, region):
    assert BAOFENG_POSTS <= posts(seeds_build, region)


def test_a_province_rolls_up_and_keeps_others_out(seeds_build):
    henan = posts(seeds_build, "河南省")
    assert BAOFENG_POSTS <= henan
    # 万荣县 is in 山西省: its officials are not 河南's
    assert not any(o == "赵红兵" for o, _ in henan)
    got = json.loads(run_kg("query", "projects-by-region", "--out", str(seeds_build), "-f", "json",
                            "-p", "region=河南").stdout)
    assert "河南(宝丰)新能源绿色循环产业园项目" in {r["project"] for r in got}
    assert "万荣" not in "".join(r["where"] for r in got)


def test_full_width_brackets_find_the_project(seeds_build):
    got = json.loads(run_kg("query", "entity", "--out", str(seeds_build), "-f", "json",
                            "-p", "name=河南（宝丰）新能源绿色循环产业园项目").stdout)
    assert got and {r["entity"] for r in got} == {"河南(宝丰)新能源绿色循环产业园项目"}


def test_misspelt_name_suggests_and_exits_1(seeds_build):
    proc = run_kg("query", "who-leads", "--out", str(seeds_build), "-p", "region=宝峰县", check=False)
    assert proc.returncode == 1 and proc.stdout == ""
    (line,) = proc.stderr.splitlines()
    assert "宝峰县" in line and "did you mean 宝丰县" in line
    viz = run_kg("viz", "--entity", "王代疆", "--out", str(seeds_build), "-o", str(seeds_build.parent / "typo.html"), check=False)
    assert viz.returncode == 1 and "did you mean 王代强" in viz.stderr


def test_amounts_as_the_articles_write_them(seeds_build):
    def projects(m):
        proc = run_kg("query", "top-investments", "--out", str(seeds_build), "-f", "json", "-p", f"min={m}")
        return [r["project"] for r in json.loads(proc.stdout)]

    big = projects("40亿")
    assert "河南(宝丰)新能源绿色循环产业园项目" in big  # 120亿元
    assert "国际化工物流港项目" not in big  # 30亿元
    assert projects("4000000000") == big == projects("40亿元")
    assert "国际化工物流港项目" in projects("3000万")


def test_amount_and_date_parsing():
    assert amount("40亿", "min") == (4_000_000_000, "CNY")
    assert amount("4000万", "min") == (40_000_000, "CNY")
    assert amount("1.5亿美元", "min") == (150_000_000, "USD")
    assert amount("2500", "min") == (2500, None)
    assert amount("１２亿元", "min") == (1_200_000_000, "CNY")  # full-width digits
    with pytest.raises(StoreError, match="expected a number or a sum"):
        amount("很多", "min")
    assert iso_bound("2023", "since") == "2023-01-01"
    assert iso_bound("2023", "until", end=True) == "2023-12-31"
    assert iso_bound("2023年2月", "until", end=True) == "2023-02-31"
    assert iso_bound("2023-2-4", "since") == "2023-02-04"
    with pytest.raises(StoreError, match="expected a date"):
        iso_bound("last week", "since")


def test_resolver_rules_on_a_graph_written_here():
    g = Graph()
    for n in [Node("region:临泉县", "Region", "临泉县", ["临泉"]),
              Node("region:阜阳市", "Region", "阜阳市"),
              Node("company:临泉春光食品有限公司", "Company", "临泉春光食品有限公司"),
              Node("project:年产5万吨碳纤维项目", "Project", "年产5万吨碳纤维项目"),
              Node("project:碳纤维复合材料产业园", "Project", "碳纤维复合材料产业园")]:
        g.add_node(n)
    src = GraphNames(g)
    assert key("臨泉 縣") == "临泉县"
    assert [e.id for e in resolve(src, "臨泉", ("Region",))] == ["region:临泉县"]  # alias, Traditional
    assert [e.id for e in resolve(src, "阜阳", ("Region",))] == ["region:阜阳市"]  # + suffix
    assert [e.id for e in resolve(src, "5万吨碳纤维")] == ["project:年产5万吨碳纤维项目"]  # part of one name
    with pytest.raises(NotFound, match="part of several names"):
        resolve(src, "碳纤维")
    with pytest.raises(NotFound, match="did you mean 临泉春光食品有限公司"):
        resolve(src, "临泉春光食品公司", ("Company",))


def test_the_seeds_para_aramid_project_is_one_node_with_its_aliases(seeds_build):
    g = read_jsonl(seeds_build / "graph.jsonl")
    aramid = [n for n in g.nodes.values() if n.type == "Project" and "芳纶" in n.name + "".join(n.aliases)]
    assert len(aramid) == 1
    (node,) = aramid
    # seed 003: "万荣县年产1万吨对位芳纶纤维聚合单体项目开工奠基(下称对位芳纶)", "对位芳纶项目工地上"
    assert node.name == "万荣县年产1万吨对位芳纶纤维聚合单体项目"
    assert {"年产1万吨对位芳纶纤维聚合单体项目", "对位芳纶项目"} <= set(node.aliases)
    leads = [e for e in g.edges.values() if e.type == "LEADS" and e.dst == node.id]
    assert [g.nodes[e.src].name for e in leads] == ["杨锋"]  # "项目负责人杨锋", said of 对位芳纶项目
    assert run_kg("query", "duplicates", "--out", str(seeds_build), "-f", "json", "-p", "region=万荣县").stdout.strip() == "[]"


def test_project_rule_on_sentences_written_here():
    from kg.model import Fact, Ref, Sentence
    from kg.resolve.projects import canonical_projects

    s = Sentence(0, 1, "x")
    county = Ref("Region", "临泉县")

    def impl(name):
        return Fact(county, "IMPLEMENTS", Ref("Project", name), s, "projects")

    facts = [impl("临泉县年产5万吨碳纤维项目"), impl("碳纤维项目"), impl("年产5万吨碳纤维项目"),
             impl("产业园项目"), impl("中部视光产业园"), impl("光伏电站项目"), impl("光伏电站二期项目")]
    same = canonical_projects(facts)
    assert same == {"年产5万吨碳纤维项目": "临泉县年产5万吨碳纤维项目"}
    # 碳纤维 and 产业园 are too short a core to merge on; a second phase is its own project
    other = Ref("Region", "阜南县")  # another county's project of a similar name stays apart
    assert canonical_projects([Fact(other, "IMPLEMENTS", Ref("Project", "5万吨碳纤维项目"), s, "projects"),
                               impl("临泉县年产5万吨碳纤维项目")]) == {}
