"""Canned queries on the seeds' embedded store, through the real CLI.

Expectations are written by hand from the seed texts (e.g. seed 000:
"县委书记王代强(右二)深入大地领创碳材料产业园项目建设现场").
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import run_kg

from kg import query
from kg.ingest import read
from kg.normalize.text import normalize
from kg.store import open_default


def rows(out, name, *params, fmt="json"):
    args = ["query", name, "--out", str(out), "--format", fmt]
    for p in params:
        args += ["--param", p]
    return json.loads(run_kg(*args).stdout)


def test_who_leads_in_a_region(seeds_build):
    got = rows(seeds_build, "who-leads", "region=宝丰县")
    posts = {(r["official"], r["title"]) for r in got if r["relation"] == "HOLDS_POSITION"}
    assert {("王代强", "县委书记"), ("刘海亮", "县长"), ("刘海亮", "县委副书记")} <= posts
    assert all(r["scope"] == "宝丰县" for r in got)
    assert "region" not in got[0]  # the parameter column is dropped


def test_who_leads_without_region_spans_regions(seeds_build):
    scopes = {r["scope"] for r in rows(seeds_build, "who-leads")}
    assert {"宝丰县", "万荣县", "广元市"} <= scopes


def test_projects_by_region_largest_first(seeds_build):
    got = rows(seeds_build, "projects-by-region", "region=宝丰县")
    assert got[0]["project"] == "河南(宝丰)新能源绿色循环产业园项目"
    assert got[0]["investment"] == 12000000000 and got[0]["amount"] == "120亿元"
    assert {r["where"] for r in got} == {"宝丰县"}
    values = [r["investment"] for r in got if r["investment"] is not None]
    assert values == sorted(values, reverse=True)


def test_top_investments_threshold_is_a_number(seeds_build):
    got = rows(seeds_build, "top-investments", "min=4000000000")
    names = [r["project"] for r in got]
    assert "河南(宝丰)新能源绿色循环产业园项目" in names
    assert "国际化工物流港项目" not in names  # 30亿元, below 40亿元
    assert all(r["investment"] >= 4_000_000_000 for r in got)
    bad = run_kg("query", "top-investments", "--out", str(seeds_build), "-p", "min=lots", check=False)
    assert bad.returncode == 2 and "expected a number" in bad.stderr


def test_officials_of_region(seeds_build):
    got = rows(seeds_build, "officials-of-region", "region=宝丰县")
    assert ("李庆", "组织部部长") in {(r["official"], r["title"]) for r in got}


def test_company_projects(seeds_build):
    got = rows(seeds_build, "company-projects", "company=五星新材科技有限公司")
    assert {(r["relation"], r["project"]) for r in got} == {
        ("UNDERTAKES", "年产3万吨新型核反应堆石墨材料项目")}


def test_taskforces_have_leaders(seeds_build):
    got = rows(seeds_build, "taskforces")
    assert ("广元市重点产业发展领导小组", "何树平") in {(r["taskforce"], r["leader"]) for r in got}


def test_visits_of_one_official(seeds_build):
    got = rows(seeds_build, "visits", "official=王代强")
    assert "大地领创碳材料产业园项目" in {r["target"] for r in got}
    assert {r["name"] for r in got} == {"王代强"}


def test_region_tree_under_a_city(seeds_build):
    got = rows(seeds_build, "region-tree", "region=平顶山市")
    assert {(r["name"], r["parent"]) for r in got} == {("宝丰县", "平顶山市")}


def test_entity_by_alias(seeds_build):
    got = rows(seeds_build, "entity", "name=宝丰")
    assert {r["entity"] for r in got} == {"宝丰县"}
    assert ("HOLDS_POSITION", "in", "王代强") in {(r["relation"], r["direction"], r["other"]) for r in got}


def test_sources_point_into_the_original_file(seeds_build):
    from conftest import SEEDS

    got = rows(seeds_build, "sources", "name=王代强")
    assert got and all("王代强" in r["sentence"] for r in got if r["subject"] == "王代强")
    for r in got:
        (src,) = read(SEEDS / r["path"], r["path"], 10**8)
        assert normalize(src.text[r["start"]:r["end"]]) == r["sentence"]


def test_parameter_holding_sparql_is_a_value(seeds_build):
    evil = '宝丰县" } UNION { ?o ?p ?official } #'
    # the name lookup binds it as a value too: it names no region
    proc = run_kg("query", "who-leads", "--out", str(seeds_build), "-p", f"region={evil}", check=False)
    assert proc.returncode == 1 and "no region named" in proc.stderr and proc.stdout == ""
    q = query.load("who-leads")
    assert open_default(seeds_build).select(q.sparql, q.bind({"region": evil})).rows == []


def test_formats(seeds_build):
    out = run_kg("query", "who-leads", "--out", str(seeds_build), "-p", "region=宝丰县",
                 "--format", "csv").stdout
    table = list(csv.DictReader(io.StringIO(out)))
    assert table and table[0].keys() == {"official", "relation", "title", "target", "target_type", "scope"}
    text = run_kg("query", "who-leads", "--out", str(seeds_build), "--limit", "3").stdout
    assert text.rstrip().endswith("(3 rows)") and "王代强" not in text.splitlines()[0]


@pytest.mark.parametrize("args, message", [
    (["query", "no-such-query"], "available: company-projects, conflicts, duplicates, entity"),
    (["query", "entity"], "needs --param name="),
    (["query", "who-leads", "-p", "colour=red"], "has no parameter 'colour'"),
    (["query", "--sparql", "SELECT ?x WHERE {"], "SPARQL error"),
])
def test_errors_are_one_line(seeds_build, args, message):
    proc = run_kg(*args, "--out", str(seeds_build), check=False)
    assert proc.returncode == 2
    assert message in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_adhoc_sparql_with_bound_parameter(seeds_build):
    out = run_kg("query", "--out", str(seeds_build), "--format", "json", "-p", "n=宝丰县", "--sparql",
                 "PREFIX kg: <https://w3id.org/cnkg#> SELECT ?level ?n WHERE { ?r kg:name ?n ; kg:level ?level }").stdout
    assert json.loads(out) == [{"level": "county"}]


def test_list_names_every_query(seeds_build):
    out = run_kg("query", "--list").stdout
    for name in query.available():
        assert name in out
    assert {"who-leads", "projects-by-region", "top-investments", "officials-of-region",
            "company-projects", "taskforces", "visits", "region-tree", "entity",
            "sources"} <= set(query.available())
