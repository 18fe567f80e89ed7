"""Issue 3: each extractor on sentences written for the test (not copied from the
seeds), asserting the exact facts, including near misses that must give none."""

from __future__ import annotations

import json

import pytest
from conftest import DEV, GOLD, SEEDS

from kg.extract import run
from kg.extract.zh import money
from kg.model import Article, Sentence
from kg.normalize import normalize


def facts_of(*texts: str, title: str = "", authors: tuple[str, ...] = ()) -> set[tuple]:
    sents, pos = [], 0
    for t in texts:
        norm = normalize(t)
        sents.append(Sentence(pos, pos + len(t), norm, heading=len(norm) <= 8 and "。" not in norm))
        pos += len(t) + 1
    art = Article(doc="t.txt", number=0, title=title or sents[0].text, sentences=sents, authors=list(authors))
    out = set()
    for f in run(art):
        o = f.o.name if f.o.type != "Amount" else (dict(f.o.props)["value"], dict(f.o.props)["currency"],
                                                 dict(f.o.props)["qualifier"])
        out.add((f.s.name, f.p, o, dict(f.props).get("title") or dict(f.props).get("kind")))
    return out


def only(facts: set[tuple], p: str) -> set[tuple]:
    return {f for f in facts if f[1] == p}


def test_a_person_acting_for_a_firm_is_not_the_start_of_its_name():
    # 代表/率领 before a firm: the person's, not the firm's (代表性 is no verb)
    fs = facts_of("遂川县招商引资项目集中签约。",
                  "李明代表江西宏达新材料有限公司与遂川县签订年产5万吨新材料项目协议。",
                  "王芳率领甘肃天成实业有限公司与遂川县签约年产2GW光伏组件项目。")
    firms = {n for f in fs for n in (f[0], f[2]) if isinstance(n, str) and n.endswith("公司")}
    assert "江西宏达新材料有限公司" in firms and "甘肃天成实业有限公司" in firms
    assert not any(n.startswith(("李明", "王芳")) for n in firms), firms


def test_a_relative_time_before_a_trade_word_is_no_firm():
    # ,当年投资80亿元 / 今年投资: a time and a verb; a trade name there is still a firm
    fs = facts_of("新野县重点项目建设加速。", "全县计划实施项目120个,总投资300亿元,当年投资80亿元。",
                  "今年投资同比增长12%,上月投资完成9亿元。", "县里为盛源化工、远东化工落实用地指标。")
    firms = {f[0] for f in fs if f[1] == "LOCATED_IN"}
    assert firms == {"盛源化工", "远东化工"}, firms


def test_title_chain_gives_two_posts_in_the_article_region():
    fs = facts_of("鹿邑县召开项目推进会。", "县委副书记、县长孙建平主持会议。")
    assert only(fs, "HOLDS_POSITION") == {
        ("孙建平", "HOLDS_POSITION", "鹿邑县", "县委副书记"),
        ("孙建平", "HOLDS_POSITION", "鹿邑县", "县长"),
    }


def test_region_from_the_title_prefix_and_standing_committee():
    fs = facts_of("绵阳市委书记曹立军到安州区调研。", "区委常委、常务副区长冯晓红陪同。")
    hp = only(fs, "HOLDS_POSITION")
    assert ("曹立军", "HOLDS_POSITION", "绵阳市", "市委书记") in hp
    assert ("冯晓红", "HOLDS_POSITION", "安州区", "常务副区长") in hp
    assert ("冯晓红", "HOLDS_POSITION", "安州区", "区委常委") in hp


def test_company_and_organisation_posts():
    fs = facts_of("永城市推进产业升级。",
                  "河南金丰新材料有限公司董事长马红星说,企业扩产顺利。",
                  "该市发展改革委员会主任许文涛介绍了情况。")
    hp = only(fs, "HOLDS_POSITION")
    assert ("马红星", "HOLDS_POSITION", "河南金丰新材料有限公司", "董事长") in hp
    assert ("许文涛", "HOLDS_POSITION", "永城市发展改革委员会", "主任") in hp


def test_byline_names_are_never_officials():
    fs = facts_of("太康县项目建设提速。", "记者 高明 通讯员 刘洋", authors=("高明", "刘洋"))
    assert not any(f[0] in ("高明", "刘洋") for f in fs)


def test_project_with_amount_region_and_owner():
    fs = facts_of("虞城县重点项目建设如火如荼。",
                  "总投资35亿元的虞城钢卷尺产业园项目正在建设,豫东精工有限公司年产2万吨精密钢带项目已经投产。")
    assert ("虞城县", "IMPLEMENTS", "虞城钢卷尺产业园项目", None) in fs
    assert ("虞城钢卷尺产业园项目", "INVESTS", (3500000000, "CNY", "exact"), "total") in fs
    assert ("豫东精工有限公司", "UNDERTAKES", "年产2万吨精密钢带项目", None) in fs
    assert ("虞城县", "IMPLEMENTS", "年产2万吨精密钢带项目", None) in fs


def test_region_wide_total_is_not_a_project_investment():
    fs = facts_of("沈丘县扎实推进项目建设。", "今年全县共实施重点项目48个,总投资260亿元。")
    assert not only(fs, "INVESTS")
    assert not only(fs, "IMPLEMENTS")  # 重点项目 names no project


def test_project_word_inside_a_common_phrase_is_no_project():
    fs = facts_of("郸城县优化营商环境。", "该县着力解决项目审批难题,做好项目服务。")
    assert not only(fs, "IMPLEMENTS")


def test_list_of_projects_before_dengxiangmu():
    fs = facts_of("淮阳区", "宏达纺织、瑞丰食品等项目先后投产。")
    impl = only(fs, "IMPLEMENTS")
    assert ("淮阳区", "IMPLEMENTS", "宏达纺织项目", None) in impl
    assert ("淮阳区", "IMPLEMENTS", "瑞丰食品项目", None) in impl


def test_amount_parsing():
    got = [(a.value, a.currency, a.qualifier) for a in money.find("近400亿元、1.18亿美元、50余亿元、2300万元")]
    assert got == [(40000000000, "CNY", "under"), (118000000, "USD", "exact"),
                   (5000000000, "CNY", "over"), (23000000, "CNY", "exact")]


def test_a_qualifier_that_ends_a_word_is_the_words():
    # 签约/节约/附近 end in 约/近: the sum after them is exact
    got = [(a.text, a.qualifier) for a in money.find(
        "两家企业现场签约8亿元；累计节约1200万元；厂区附近3亿元的配套项目；"
        "总投资约12亿元；接近30亿元；超2亿元")]
    assert got == [("8亿元", "exact"), ("1200万元", "exact"), ("3亿元", "exact"),
                   ("约12亿元", "about"), ("接近30亿元", "under"), ("超2亿元", "over")]


def test_section_heading_switches_region_and_gaixian_resolves():
    fs = facts_of("周口市项目建设综述。", "西华县", "该县总投资12亿元的逍遥镇胡辣汤产业园项目开工。",
                  "商水县", "总投资8亿元的商水县光伏产业园项目竣工。")
    impl = only(fs, "IMPLEMENTS")
    assert ("西华县", "IMPLEMENTS", "逍遥镇胡辣汤产业园项目", None) in impl
    assert ("商水县", "IMPLEMENTS", "商水县光伏产业园项目", None) in impl


def test_part_of_from_a_written_chain_and_the_division_table():
    fs = only(facts_of("走进河南省周口市西华县逍遥镇,产业兴旺。"), "PART_OF")
    assert ("逍遥镇", "PART_OF", "西华县", None) in fs
    assert ("西华县", "PART_OF", "周口市", None) in fs
    assert ("周口市", "PART_OF", "河南省", None) in fs


def test_visit_and_project_lead():
    fs = facts_of("项城市", "市委书记张明体深入莲花健康产业园项目现场调研。",
                  "该项目负责人王海鹏介绍,项目年底投产。")
    assert ("张明体", "VISITED", "莲花健康产业园项目", None) in fs
    assert ("王海鹏", "LEADS", "莲花健康产业园项目", None) in fs


@pytest.fixture(scope="module")
def graph_lines(seeds_build):
    return [json.loads(x) for x in (seeds_build / "graph.jsonl").read_text(encoding="utf-8").splitlines()]


def test_taskforce_gets_region_prefix_location_and_industry():
    fs = facts_of("襄城县召开招商推进会。", "县委书记刘志刚担任纺织服装产业专班班长,专班当月走访企业12家。")
    assert only(fs, "LOCATED_IN") == {("襄城县纺织服装产业专班", "LOCATED_IN", "襄城县", None)}
    assert only(fs, "IN_INDUSTRY") == {("襄城县纺织服装产业专班", "IN_INDUSTRY", "纺织服装", None)}


def test_verb_phrases_before_zhuanban_are_no_taskforce():
    fs = facts_of("襄城县召开招商推进会。", "各部门要充分发挥工作专班作用,坚持专班推进。")
    assert not {f for f in fs if f[1] in ("LOCATED_IN", "IN_INDUSTRY", "LEADS")}


def test_quoted_taskforce_name_is_kept_whole():
    fs = facts_of("襄城县召开招商推进会。", "该县组建“拼抢争先”专班,专人跟踪服务。")
    assert only(fs, "LOCATED_IN") == {("襄城县“拼抢争先”专班", "LOCATED_IN", "襄城县", None)}


def test_signing_by_a_taskforce_and_by_the_region():
    fs = facts_of("襄城县召开招商推进会。",
                  "县纺织服装产业专班现场签约华锦年产500万件羽绒服装项目。",
                  "襄城县签约瑞丰智能装备产业园项目。")
    assert only(fs, "SIGNED") == {
        ("襄城县纺织服装产业专班", "SIGNED", "华锦年产500万件羽绒服装项目", None),
        ("襄城县", "SIGNED", "瑞丰智能装备产业园项目", None),
    }


def test_verb_object_xiangmu_is_no_project():
    fs = facts_of("襄城县召开项目推进会。", "要紧盯问题项目,倒排工期抓项目,做好企业项目服务。")
    assert only(fs, "IMPLEMENTS") == set()


def test_trade_name_firms_served_by_the_county_are_local_and_a_trip_is_not():
    fs = facts_of("鹿邑县召开企业座谈会。",
                  "鑫瑞化工成功创建省级绿色工厂,为豪盛羽绒、佳禾新材落实奖补资金30万元;"
                  "赴上海、杭州等地考察对接中科智造等企业。")
    assert only(fs, "LOCATED_IN") == {
        ("鑫瑞化工", "LOCATED_IN", "鹿邑县", None),
        ("豪盛羽绒", "LOCATED_IN", "鹿邑县", None),
        ("佳禾新材", "LOCATED_IN", "鹿邑县", None),
    }
    # a place and a verb (鹿邑县投资) is no firm
    assert only(facts_of("鹿邑县投资10亿元建设华宇智能装备产业园。"), "LOCATED_IN") == set()


def test_team_names_keep_their_inner_verbs_and_a_way_of_working_is_no_team():
    fs = facts_of("鹿邑县成立要素保障工作专班和重点产业发展领导小组。",
                  "县里要进一步实化专班机制,建立“1+1+8”产业专班运行体系。")
    assert only(fs, "LOCATED_IN") == {
        ("鹿邑县要素保障工作专班", "LOCATED_IN", "鹿邑县", None),
        ("鹿邑县重点产业发展领导小组", "LOCATED_IN", "鹿邑县", None),
    }


def test_list_items_drop_the_clauses_verb_and_firms_in_a_project_list_are_signed():
    fs = facts_of("鹿邑县加速瑞泰包装、恒达门窗等签约项目建设。")
    assert only(fs, "IMPLEMENTS") == {("鹿邑县", "IMPLEMENTS", "瑞泰包装项目", None),
                                      ("鹿邑县", "IMPLEMENTS", "恒达门窗项目", None)}
    fs = facts_of("鹿邑县先后赴江苏考察对接浙江华科化工、北京远航集团等重点项目。",
                  "上半年实现华科化工、远航集团等一批大项目成功签约。")
    # 华科化工 is the short form of 浙江华科化工, named the sentence before
    assert only(fs, "SIGNED") == {("鹿邑县", "SIGNED", "浙江华科化工", None),
                                  ("鹿邑县", "SIGNED", "远航集团", None)}
    assert only(fs, "IMPLEMENTS") == set()


def test_owners_of_a_project_partners_and_brand_names():
    fs = facts_of("鹿邑县召开项目推进会。", "金禾生物与华瑞科技合作的年产2万吨乳酸项目成功试车。",
                  "县政府与华瑞科技合作的年产1万吨乳酸项目开工。")
    assert only(fs, "UNDERTAKES") == {("金禾生物", "UNDERTAKES", "年产2万吨乳酸项目", None),
                                      ("华瑞科技", "UNDERTAKES", "年产2万吨乳酸项目", None)}
    # a common word before 化工 is no firm: 绿色化工园 is a park
    assert only(facts_of("鹿邑县实施绿色化工园基础设施建设项目。"), "UNDERTAKES") == set()


def test_a_visit_goes_on_after_a_semicolon_and_a_place_in_brackets_is_part_of_its_province():
    fs = facts_of("鹿邑县召开招商会。", "县委书记张建国带队赴山东济南考察;3月5日,又赴河南考察并在郑州召开推介会。")
    assert {f[2] for f in only(fs, "VISITED")} == {"山东省", "济南市", "河南省", "郑州市"}
    fs = facts_of("鹿邑县食品产业发展纪实", "总投资10亿元的河南(鹿邑)食品产业园项目开工。")
    assert ("鹿邑县", "PART_OF", "河南省", None) in fs


def test_this_project_signed_and_a_bare_zone_heading_is_part_of_the_city():
    fs = facts_of("鹿邑县投资10亿元建设华宇智能装备产业园。", "该项目于去年签约落地。")
    assert only(fs, "SIGNED") == {("鹿邑县", "SIGNED", "华宇智能装备产业园", None)}
    fs = facts_of("周口市项目建设纪实", "经开区", "经开区全力推进项目建设。")
    assert ("周口经开区", "PART_OF", "周口市", None) in fs


def test_every_edge_has_provenance_pointing_at_its_sentence(graph_lines):
    originals = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    nodes = {r["id"]: r for r in graph_lines if r["kind"] == "node"}
    edges = [r for r in graph_lines if r["kind"] == "edge"]
    assert len(edges) > 100
    for e in edges:
        assert e["provenance"], e
        for p in e["provenance"]:
            piece = originals[p["doc"]][p["start"]:p["end"]]
            assert normalize(piece) == p["text"]
        src, dst = nodes[e["src"]], nodes[e["dst"]]
        if e["type"] in ("MENTIONED_IN", "PART_OF", "IMPLEMENTS") or (
                e["type"] == "SIGNED" and src["type"] == "Region"):
            continue  # context facts: the region may be named in an earlier sentence
        forms = lambda n: [n["name"], *n["aliases"], *([n["props"]["text"]] if "text" in n["props"] else [])]  # noqa: E731
        assert any(any(f in p["text"] for f in forms(src)) for p in e["provenance"]), e
        if dst["type"] == "Project" and e["type"] in ("LEADS", "SIGNED"):
            # '该项目负责人X', '该项目…签约': the project is referred to, not named.
            assert any("项目" in p["text"] for p in e["provenance"]), e
        elif dst["type"] != "Region":
            assert any(any(f in p["text"] for f in forms(dst)) for p in e["provenance"]), e


def test_quality_floor_on_all_25_articles(seeds_build, dev_build):
    from kg.evaluate import Evaluation, score
    from kg.graph import read_jsonl

    seeds = score(GOLD, read_jsonl(seeds_build / "graph.jsonl"))
    dev = score(DEV / "gold", read_jsonl(dev_build / "graph.jsonl"))
    both = Evaluation.merge([seeds, dev])
    assert len(both.documents) == 25
    # 0.02 under what main reaches (bench/quality.py); the floors ratchet up as
    # extraction improves (issue 16 asks for 0.85 on all 25).
    floors = {"all": (both, FLOOR_ALL), "seeds": (seeds, FLOOR_SEEDS), "dev": (dev, FLOOR_DEV)}
    low = {k: round(ev.predicates["overall"].f1, 3) for k, (ev, f) in floors.items()
           if ev.predicates["overall"].f1 < f}
    assert not low, low
    assert seeds.predicates["HOLDS_POSITION"].f1 >= 0.90


FLOOR_ALL, FLOOR_SEEDS, FLOOR_DEV = 0.895, 0.879, 0.904
