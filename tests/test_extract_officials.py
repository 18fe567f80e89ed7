"""Issue 16, capabilities 2 and 3: officials (where a name ends, 党组 titles, one
title with several names, a chain's level, town posts, 链长/指挥长) and bodies named
with no person. Sentences written for the test, with near misses that give nothing."""

from __future__ import annotations

import pytest
from test_extract import facts_of, only


def posts(fs: set[tuple]) -> set[tuple]:
    return {(f[0], f[2], f[3]) for f in only(fs, "HOLDS_POSITION")}


HEAD = "蓬溪县召开重点项目推进会。"  # every text below is about 蓬溪县 (遂宁市, 四川省)


# --- where a name ends --------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("常务副县长刘志刚通报了全县项目进展情况。", "刘志刚"),
    ("县委书记陈卫东说,项目建设是头等大事。", "陈卫东"),
    ("县长杨晓峰同志作工作报告。", "杨晓峰"),
    ("副县长何春燕逐一点评各乡镇项目。", "何春燕"),
])
def test_where_a_name_ends_comes_from_segmentation(text, name):
    assert {p[0] for p in posts(facts_of(HEAD, text))} == {name}


def test_a_name_followed_by_mister():
    fs = facts_of(HEAD, "四川川丰机械有限公司董事长周海波先生介绍了项目情况。")
    assert posts(fs) == {("周海波", "四川川丰机械有限公司", "董事长")}


def test_no_official_where_the_title_is_followed_by_no_name():
    fs = facts_of(HEAD, "县长主持召开常务会议,副县长分别汇报了分管工作,副县长和相关部门负责人参加。")
    assert not posts(fs)


# --- titles ---------------------------------------------------------------------------

def test_party_group_titles_of_the_congress_and_the_cppcc():
    fs = facts_of(HEAD, "县人大常委会党组副书记吴德明、县政协党组书记邓丽华出席会议。")
    assert posts(fs) == {("吴德明", "蓬溪县", "县人大常委会党组副书记"), ("邓丽华", "蓬溪县", "县政协党组书记")}


def test_unknown_last_title_keeps_the_earlier_ones():
    fs = facts_of(HEAD, "县委常委、副县长、县公安局政委赵立新出席会议。")
    hp = posts(fs)
    assert ("赵立新", "蓬溪县", "县委常委") in hp
    assert ("赵立新", "蓬溪县", "副县长") in hp


def test_one_title_several_names():
    fs = facts_of(HEAD, "副县长王建国、李红梅出席会议。")
    assert posts(fs) == {("王建国", "蓬溪县", "副县长"), ("李红梅", "蓬溪县", "副县长")}


def test_second_person_of_the_same_company():
    fs = facts_of(HEAD, "四川川丰机械有限公司董事长周海波、总经理吕晓明参加签约。")
    assert posts(fs) == {("周海波", "四川川丰机械有限公司", "董事长"), ("吕晓明", "四川川丰机械有限公司", "总经理")}


def test_title_without_level_takes_the_chains_level():
    fs = facts_of("遂宁市召开宣传工作会议。", "市委常委、宣传部长唐丽萍出席会议。")
    assert posts(fs) == {("唐丽萍", "遂宁市", "市委常委"), ("唐丽萍", "遂宁市", "宣传部长")}


def test_deputy_secretary_in_a_chain_with_county_head():
    fs = facts_of(HEAD, "县委书记蒋明华,副书记、县长吴涛出席会议。")
    assert posts(fs) == {("蒋明华", "蓬溪县", "县委书记"), ("吴涛", "蓬溪县", "县委副书记"), ("吴涛", "蓬溪县", "县长")}


@pytest.mark.parametrize("text, title", [
    ("镇党委书记郭红军致辞。", "镇党委书记"),
    ("镇长罗文斌主持仪式。", "镇长"),
    ("乡长彭建英介绍了项目情况。", "乡长"),
    ("镇人大主席黄志勇出席仪式。", "镇人大主席"),
    ("街道党工委书记曾小兰主持会议。", "街道党工委书记"),
])
def test_town_posts_point_to_the_town(text, title):
    fs = facts_of("蓬溪县赤城镇召开项目推进会。", text)
    hp = posts(fs)
    assert len(hp) == 1
    assert next(iter(hp))[1:] == ("赤城镇", title)


def test_chain_chief_leads_the_industrial_chain():
    fs = facts_of("遂宁市召开产业链推进会。", "市锂电产业链链长、副市长邹建军出席会议。")
    assert ("邹建军", "遂宁市", "副市长") in posts(fs)
    assert ("邹建军", "LEADS", "遂宁市锂电产业链", None) in fs


def test_commander_leads_the_headquarters():
    fs = facts_of(HEAD, "县城北新区建设指挥部指挥长、副县长冯志强主持会议。")
    assert ("冯志强", "蓬溪县", "副县长") in posts(fs)
    assert ("冯志强", "LEADS", "蓬溪县城北新区建设指挥部", None) in fs


def test_reporters_in_the_body_are_no_officials():
    fs = facts_of(HEAD, "记者 王晓东 摄影 李春", authors=("王晓东", "李春"))
    assert not posts(fs)


# --- 3. organisations with no person ---------------------------------------------------

def test_bodies_named_with_no_person_are_organisations_in_the_region():
    fs = facts_of(HEAD, "县林业局、县文旅局负责同志分别汇报了工作进展。")
    li = only(fs, "LOCATED_IN")
    assert ("蓬溪县林业局", "LOCATED_IN", "蓬溪县", None) in li
    assert ("蓬溪县文旅局", "LOCATED_IN", "蓬溪县", None) in li


def test_one_prefix_covers_a_list_of_bodies():
    fs = facts_of("遂宁市船山区召开经济运行分析会。", "区统计局、审计局、商务局等部门主要负责人参加会议。")
    li = only(fs, "LOCATED_IN")
    assert {("船山区统计局", "LOCATED_IN", "船山区", None), ("船山区审计局", "LOCATED_IN", "船山区", None),
            ("船山区商务局", "LOCATED_IN", "船山区", None)} <= li


def test_bureau_words_inside_ordinary_phrases_are_no_organisations():
    fs = facts_of(HEAD, "全县上下要服从大局、顾全全局,以新格局推动发展。")
    assert not only(fs, "LOCATED_IN")


def test_derived_title_holds_for_every_name_under_it():
    fs = facts_of("蓬溪县赤城镇召开项目推进会。", "赤城镇党委书记郭红军,副书记罗文斌、彭建英陪同调研。")
    assert posts(fs) == {("郭红军", "赤城镇", "镇党委书记"), ("罗文斌", "赤城镇", "镇党委副书记"),
                         ("彭建英", "赤城镇", "镇党委副书记")}


def test_second_post_of_the_same_congress_in_a_chain():
    fs = facts_of("遂宁市召开交通项目调度会。", "市人大常委会党组书记、常务副主任、市交通项目建设指挥部政委邓国平出席。")
    assert {("邓国平", "遂宁市", "市人大常委会党组书记"), ("邓国平", "遂宁市", "市人大常委会常务副主任")} <= posts(fs)


def test_party_secretary_of_a_bureau_points_to_the_bureau():
    fs = facts_of("遂宁市召开项目开工仪式。", "四川省气象局党委书记、局长胡晓东出席仪式。")
    assert posts(fs) == {("胡晓东", "四川省气象局", "党委书记"), ("胡晓东", "四川省气象局", "局长")}


def test_bodies_a_leader_brings_along_are_the_regions():
    fs = facts_of("遂宁市召开项目调度会。", "市委副书记、市长邓建华率发改委、商务局、大项目办等部门负责人调研项目。")
    li = only(fs, "LOCATED_IN")
    assert {("遂宁市发改委", "LOCATED_IN", "遂宁市", None), ("遂宁市商务局", "LOCATED_IN", "遂宁市", None),
            ("遂宁市大项目办", "LOCATED_IN", "遂宁市", None)} == li


def test_a_provincial_body_lies_in_the_province_and_a_national_one_nowhere():
    fs = facts_of(HEAD, "省农业科学院院长吴光明、审计署成都特派员办事处负责人孙立出席仪式。")
    li = only(fs, "LOCATED_IN")
    assert ("四川省农业科学院", "LOCATED_IN", "四川省", None) in li
    assert not any(f[0].startswith("审计署") for f in li)
    assert not any(f[2] == "蓬溪县" for f in li)


def test_chain_chief_of_a_chain_named_with_a_list():
    fs = facts_of("遂宁市召开产业链推进会。", "市锂电、钠电新能源产业链链长、副市长邹建军出席会议。")
    assert ("邹建军", "LEADS", "遂宁市锂电、钠电新能源产业链", None) in fs
    assert ("遂宁市锂电、钠电新能源产业链", "LOCATED_IN", "遂宁市", None) in fs


def test_an_industrial_chain_without_a_chief_is_no_team():
    fs = facts_of("遂宁市召开产业链推进会。", "要延长产业链、提升价值链,副市长邹建军出席会议。")
    assert not only(fs, "LEADS")
    assert not only(fs, "LOCATED_IN")


def test_a_team_named_for_two_tasks_joined_by_he_keeps_both():
    fs = facts_of("平阴县召开会议。", "县委副书记、县驻村第一书记和工作队工作专班组长李明出席。")
    assert ("李明", "LEADS", "平阴县驻村第一书记和工作队工作专班", None) in fs
    assert ("平阴县驻村第一书记和工作队工作专班", "LOCATED_IN", "平阴县", None) in fs
    assert not any(f[0] == "平阴县工作队工作专班" or f[2] == "平阴县工作队工作专班" for f in fs)
    fs = facts_of("汝州市召开会议。", "市委常委、市文明城市创建与卫生城市复审工作专班组长王刚讲话。")
    assert ("王刚", "LEADS", "汝州市文明城市创建与卫生城市复审工作专班", None) in fs


@pytest.mark.parametrize("text, team", [
    # a body before 和 is a second party, not a task of the team
    ("县委组织部和乡村振兴工作专班组长李明出席。", "平阴县乡村振兴工作专班"),
    # nor a person
    ("会上,张华和乡村振兴工作专班组长李明出席。", "平阴县乡村振兴工作专班"),
])
def test_a_body_or_person_before_he_is_not_part_of_the_team(text, team):
    fs = facts_of("平阴县召开会议。", text)
    assert ("李明", "LEADS", team, None) in fs


def test_a_chain_named_by_a_list_sharing_one_head_is_in_each_industry():
    fs = facts_of("金昌市召开会议。", "市铜基、镍基、钛基新材料产业链链长、市长赵强带队调研。")
    assert {f[2] for f in only(fs, "IN_INDUSTRY")} == {"铜基新材料", "镍基新材料", "钛基新材料"}
    assert ("赵强", "LEADS", "金昌市铜基、镍基、钛基新材料产业链", None) in fs
    # near miss: two whole industries share no head, nothing is guessed
    fs = facts_of("金昌市召开会议。", "市装备制造、食品加工产业链链长、市长赵强带队调研。")
    assert only(fs, "IN_INDUSTRY") == set()
