"""`kg eval` follows the matching rules of docs/SCHEMA.md. Each test writes a tiny
gold file and graph by hand and states the tp/fp/fn a reader counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_kg

from kg.evaluate import Evaluation, norm_title, score
from kg.graph import Edge, Graph, Node

DOC = "a.txt"


def graph(*facts: tuple) -> Graph:
    """Facts as (s_type, s_name, predicate, o_type, o_name_or_amount, props)."""
    g = Graph()
    for k, (st, sn, p, ot, on, props) in enumerate(facts):
        s = g.add_node(Node(f"{st}:{sn}", st, sn))
        if ot == "Amount":
            value, cur = on
            o = g.add_node(Node(f"amount:{value}{cur}", "Amount", str(value), props={"value": value, "currency": cur}))
        else:
            o = g.add_node(Node(f"{ot}:{on}", ot, on))
        g.add_edge(Edge(p, s.id, o.id, dict(props),
                        [{"doc": DOC, "article": 0, "start": k, "end": k + 1, "text": "", "extractor": "t",
                          "confidence": 1.0}]))
    return g


def gold(tmp_path: Path, *lines: dict) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / f"{DOC}.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines),
                                         encoding="utf-8")
    return folder


def counts(ev: Evaluation, p: str = "overall") -> tuple[int, int, int]:
    s = ev.predicates.get(p)
    return (s.tp, s.fp, s.fn) if s else (0, 0, 0)


def post(name, region, title):
    return {"s": ["Official", name], "p": "HOLDS_POSITION", "o": ["Region", region], "props": {"title": title}}


def test_names_may_be_lists_of_accepted_forms(tmp_path):
    g = gold(tmp_path, {"s": ["Company", ["北原丰得机械设备有限公司", "丰得机械"]], "p": "LOCATED_IN",
                        "o": ["Region", ["青禾县", "青禾"]]})
    assert counts(score(g, graph(("Company", "丰得机械", "LOCATED_IN", "Region", "青禾", {})))) == (1, 0, 0)
    assert counts(score(g, graph(("Company", "丰得", "LOCATED_IN", "Region", "青禾县", {})))) == (0, 1, 1)


def test_names_compare_simplified_nfkc_without_spaces_or_marks(tmp_path):
    g = gold(tmp_path, {"s": ["Region", "青禾县"], "p": "IMPLEMENTS",
                        "o": ["Project", "北原(青禾)新能源产业园项目"]})
    written = "“北原（青禾） 新能源產業園”项目"
    assert counts(score(g, graph(("Region", "青禾县", "IMPLEMENTS", "Project", written, {})))) == (1, 0, 0)


@pytest.mark.parametrize("gold_title, found, same", [
    ("县委书记", "委书记", True),      # one leading level character dropped
    ("区委书记", "县委书记", True),    # the Region itself must match; the title drops the level
    ("旗长", "盟长", True),
    ("镇党委书记", "乡党委书记", True),
    ("州委副书记", "州委副书记", True),
    ("市委组织部长", "市委组织部部长", True),
    ("代理县长", "代县长", True),
    ("县委书记", "县委副书记", False),
    ("县长", "常务副县长", False),
    ("县县长", "长", False),           # only ONE leading level character goes
])
def test_titles(gold_title, found, same):
    assert (norm_title(gold_title) == norm_title(found)) is same


def test_a_title_may_be_a_list(tmp_path):
    g = gold(tmp_path, post("甲乙", "青禾县", ["县委常委", "县委常委、宣传部部长"]))
    assert counts(score(g, graph(("Official", "甲乙", "HOLDS_POSITION", "Region", "青禾县",
                                  {"title": "县委常委、宣传部部长"})))) == (1, 0, 0)
    assert counts(score(g, graph(("Official", "甲乙", "HOLDS_POSITION", "Region", "青禾县",
                                  {"title": "宣传部部长"})))) == (0, 1, 1)


def test_a_title_must_match(tmp_path):
    g = gold(tmp_path, post("丙丁", "青禾县", "县长"))
    ev = score(g, graph(("Official", "丙丁", "HOLDS_POSITION", "Region", "青禾县", {"title": "县委书记"})))
    assert counts(ev, "HOLDS_POSITION") == (0, 1, 1)


def test_amounts_within_half_a_percent_same_currency(tmp_path):
    g = gold(tmp_path, {"s": ["Project", "甲项目"], "p": "INVESTS", "o": ["Amount", 1000000000, "CNY"]})
    assert counts(score(g, graph(("Project", "甲项目", "INVESTS", "Amount", (1004000000, "CNY"), {})))) == (1, 0, 0)
    assert counts(score(g, graph(("Project", "甲项目", "INVESTS", "Amount", (1006000000, "CNY"), {})))) == (0, 1, 1)
    assert counts(score(g, graph(("Project", "甲项目", "INVESTS", "Amount", (1000000000, "USD"), {})))) == (0, 1, 1)


def test_optional_and_world_knowledge_count_when_found_only(tmp_path):
    g = gold(tmp_path,
             {"s": ["Region", "青禾县"], "p": "PART_OF", "o": ["Region", "北原市"], "props": {"world_knowledge": True}},
             {"s": ["Official", "甲乙"], "p": "LEADS", "o": ["TaskForce", "青禾县招商专班"], "props": {"optional": True}},
             {"s": ["Official", "丙丁"], "p": "LEADS", "o": ["TaskForce", "青禾县招商专班"]})
    assert counts(score(g, graph())) == (0, 0, 1)
    found = score(g, graph(("Region", "青禾县", "PART_OF", "Region", "北原市", {}),
                           ("Official", "甲乙", "LEADS", "TaskForce", "青禾县招商专班", {})))
    assert counts(found) == (2, 0, 1)


def test_a_fact_that_fits_a_required_and_an_optional_gold_fact_takes_the_required(tmp_path):
    # Company names overlap: the found fact fits both gold lines; the required one must win.
    g = gold(tmp_path,
             {"s": ["Company", ["甲乙科技有限公司", "甲乙"]], "p": "UNDERTAKES", "o": ["Project", "X项目"],
              "props": {"optional": True}},
             {"s": ["Company", ["甲乙", "甲乙机械有限公司"]], "p": "UNDERTAKES", "o": ["Project", "X项目"]})
    assert counts(score(g, graph(("Company", "甲乙", "UNDERTAKES", "Project", "X项目", {})))) == (1, 0, 0)


def test_part_of_is_scored_on_recall_only(tmp_path):
    g = gold(tmp_path, {"s": ["Region", "东门镇"], "p": "PART_OF", "o": ["Region", "青禾县"]})
    ev = score(g, graph(("Region", "青禾县", "PART_OF", "Region", "北原市", {}),
                        ("Region", "东门镇", "PART_OF", "Region", "北原市", {})))
    assert counts(ev, "PART_OF") == (0, 0, 1)


def test_in_industry_from_the_projects_own_name_is_neutral(tmp_path):
    g = gold(tmp_path, {"s": ["TaskForce", "青禾县氢能产业专班"], "p": "IN_INDUSTRY", "o": ["Industry", "氢能"]})
    ev = score(g, graph(
        ("TaskForce", "青禾县氢能产业专班", "IN_INDUSTRY", "Industry", "氢能", {}),
        ("Project", "甲乙氢能产业园项目", "IN_INDUSTRY", "Industry", "氢能", {}),       # neutral
        ("Project", "年产5万吨干法水泥项目", "IN_INDUSTRY", "Industry", "水泥产业", {}),  # neutral: 水泥
        ("Project", "年产5万吨干法水泥项目", "IN_INDUSTRY", "Industry", "氢能", {}),     # not in its name: false
        ("Company", "甲乙氢能有限公司", "IN_INDUSTRY", "Industry", "氢能", {}),          # only Projects are neutral
    ))
    assert counts(ev, "IN_INDUSTRY") == (1, 2, 0)


def test_in_industry_the_gold_lists_is_scored(tmp_path):
    g = gold(tmp_path, {"s": ["Project", "甲乙氢能产业园项目"], "p": "IN_INDUSTRY", "o": ["Industry", "氢能"]})
    assert counts(score(g, graph())) == (0, 0, 1)
    ev = score(g, graph(("Project", "甲乙氢能产业园项目", "IN_INDUSTRY", "Industry", "氢能", {})))
    assert counts(ev) == (1, 0, 0)


def test_two_forms_of_one_gold_fact_are_one_hit_not_a_false_fact(tmp_path):
    g = gold(tmp_path, {"s": ["Region", "青禾县"], "p": "IMPLEMENTS", "o": ["Project", ["甲项目", "青禾甲项目"]]})
    ev = score(g, graph(("Region", "青禾县", "IMPLEMENTS", "Project", "甲项目", {}),
                        ("Region", "青禾县", "IMPLEMENTS", "Project", "青禾甲项目", {})))
    assert counts(ev) == (1, 0, 0)


def test_every_predicate_is_scored_and_per_file(tmp_path):
    g = gold(tmp_path, {"s": ["Region", "青禾县"], "p": "IMPLEMENTS", "o": ["Project", "甲项目"]})
    ev = score(g, graph(("Official", "甲乙", "VISITED", "Project", "甲项目", {}),
                        ("Region", "青禾县", "IMPLEMENTS", "Project", "甲项目", {})))
    assert counts(ev, "VISITED") == (0, 1, 0)
    assert (ev.documents[DOC].tp, ev.documents[DOC].fp, ev.documents[DOC].fn) == (1, 1, 0)
    both = Evaluation.merge([ev, ev])
    assert counts(both) == (2, 2, 0)


def test_kg_eval_prints_the_table(tmp_path):
    g = gold(tmp_path, post("甲乙", "青禾县", "县委书记"), post("丙丁", "青禾县", "县长"))
    src = tmp_path / "graph.jsonl"
    gr = graph(("Official", "甲乙", "HOLDS_POSITION", "Region", "青禾县", {"title": "县委书记"}))
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in gr.records()), encoding="utf-8")
    out = run_kg("eval", str(g), "--graph", str(src)).stdout
    row = next(line.split() for line in out.splitlines() if line.startswith("HOLDS_POSITION"))
    assert row[1:] == ["1", "0", "1", "1.000", "0.500", "0.667"]
