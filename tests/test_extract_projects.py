"""Issue 16, capabilities 4 and 8: where project and company names begin and end, and
what is no project at all. Sentences written for the test, with invented names from
other provinces; each construction has its near misses that must give nothing."""

from __future__ import annotations

import pytest
from test_extract import facts_of, only


def names(fs: set[tuple], p: str, pos: int = 2) -> set[str]:
    return {f[pos] for f in fs if f[1] == p}


def has(fs: set[tuple], s: str | tuple[str, ...], p: str, o: str | tuple[str, ...]) -> bool:
    """A fact S-P->O where S and O may each be one of several accepted forms (as the gold allows)."""
    ss = (s,) if isinstance(s, str) else s
    oo = (o,) if isinstance(o, str) else o
    return any(f[0] in ss and f[1] == p and f[2] in oo for f in fs)


# --- capability 4: name boundaries -------------------------------------------------

def test_title_person_and_verb_are_not_part_of_a_project_name():
    fs = facts_of("崇义县召开项目推进会。", "县委书记韩立平宣布四季度重大项目集中开工。",
                  "市人大常委会主任孟庆国宣布项目开工。")
    assert only(fs, "IMPLEMENTS") == set()


def test_a_person_and_a_verb_before_a_named_project_are_cut_off():
    fs = facts_of("临江市召开现场会。", "邵宏图调度G318临江至清溪段公路改建项目建设情况。")
    assert names(fs, "IMPLEMENTS") == {"G318临江至清溪段公路改建项目"}
    assert only(fs, "UNDERTAKES") == set()  # a road number is no firm


def test_a_route_name_keeps_its_two_ends_and_its_road_word():
    fs = facts_of("临江市召开现场会。", "沪渝高速(临江段)建设项目基本完工,临江至清溪铁路项目(临江段)实现开工。",
                  "市长调度柳河大桥工程进展。")
    assert names(fs, "IMPLEMENTS") == {"沪渝高速(临江段)建设项目", "临江至清溪铁路项目", "柳河大桥工程"}


def test_zhi_with_no_road_word_still_ends_a_project_name():
    fs = facts_of("临江市召开现场会。", "县里将指标分解至清溪镇光伏发电项目。")
    assert "清溪镇光伏发电项目" in names(fs, "IMPLEMENTS")
    assert not any("至" in n for n in names(fs, "IMPLEMENTS"))


def test_firm_name_before_a_project_owns_it_and_the_amount_before_it_is_its_total():
    fs = facts_of("崇义县举行项目签约仪式。",
                  "会上签约了投资2.5亿元的湖北恒达机械设备有限公司精密铸件加工项目。")
    project = ("湖北恒达机械设备有限公司精密铸件加工项目", "精密铸件加工项目")
    assert has(fs, "湖北恒达机械设备有限公司", "UNDERTAKES", project)
    assert has(fs, "崇义县", "IMPLEMENTS", project)
    assert {f for f in only(fs, "INVESTS") if f[0] in project} and \
        all(f[2] == (250000000, "CNY", "exact") and f[3] == "total" for f in only(fs, "INVESTS"))


def test_a_particle_inside_a_trade_name_belongs_to_it():
    fs = facts_of("武宁县推进招商引资。", "武宁县与安徽众得利新材料有限公司签订投资协议。")
    assert names(fs, "SIGNED") == {"安徽众得利新材料有限公司"}


def test_building_and_development_words_inside_a_firm_name_belong_to_it():
    fs = facts_of("武宁县推进招商引资。", "武宁县与四川蜀能建设发展有限公司签订合作协议。")
    assert names(fs, "SIGNED") == {"四川蜀能建设发展有限公司"}


def test_a_groups_investment_centre_is_one_firm():
    fs = facts_of("武宁县推进招商引资。", "上海华岳集团投资中心与武宁县签约华岳智造产业园项目。")
    assert names(fs, "SIGNED") == {"上海华岳集团投资中心", "华岳智造产业园项目"}
    assert has(fs, "上海华岳集团投资中心", "UNDERTAKES", "华岳智造产业园项目")
    assert "上海华岳集团" not in names(fs, "SIGNED") | names(fs, "UNDERTAKES", 0)


def test_two_firms_joined_by_he_are_two_firms():
    fs = facts_of("武宁县推进招商引资。", "武宁县与山东华岳化工有限公司和江苏瑞丰物流有限公司签约。")
    assert names(fs, "SIGNED") == {"山东华岳化工有限公司", "江苏瑞丰物流有限公司"}


def test_a_role_noun_before_a_firm_is_not_part_of_it():
    fs = facts_of("武宁县举行招商签约会。", "签约企业代表、福建长丰纺织有限公司董事长陈立新说,企业将扩大投资。")
    assert ("陈立新", "HOLDS_POSITION", "福建长丰纺织有限公司", "董事长") in fs
    assert not any("代表" in f[0] or "代表" in str(f[2]) for f in fs)


def test_listed_trade_names_before_project_sites_are_projects_of_those_firms():
    fs = facts_of("会昌县召开项目观摩会。",
                  "县委书记郑文远先后来到鑫源环保、华美光电、瑞达能源等项目建设现场。")
    for firm in ("鑫源环保", "华美光电", "瑞达能源"):
        assert has(fs, "会昌县", "IMPLEMENTS", firm + "项目")
        assert has(fs, firm, "UNDERTAKES", firm + "项目")
    assert not any("现场" in str(f[2]) for f in fs)


def test_short_firm_name_then_product_then_xiangmu():
    fs = facts_of("东岭镇召开招商会。", "凯瑞达家居板材加工项目总投资6000万元,已完成厂房建设。")
    project = ("凯瑞达家居板材加工项目", "家居板材加工项目")
    assert has(fs, "凯瑞达", "UNDERTAKES", project)
    assert has(fs, "东岭镇", "IMPLEMENTS", project)


def test_a_suffix_a_noun_and_another_suffix_follow_is_inside_the_name():
    fs = facts_of("鹰潭市举行签约仪式。", "总投资3亿元的宁波海川光电年产50万套激光器件研发工程中心项目签约落户。")
    project = "宁波海川光电年产50万套激光器件研发工程中心项目"
    assert names(fs, "IMPLEMENTS") == {project}
    assert (project, "INVESTS", (300000000, "CNY", "exact"), "total") in fs
    assert has(fs, "宁波海川光电", "UNDERTAKES", project)


def test_a_suffix_before_a_comma_still_ends_its_name():
    fs = facts_of("鹰潭市召开推进会。", "信江大桥工程主体完工,中心城区道路项目有序推进。")
    assert "信江大桥工程" in names(fs, "IMPLEMENTS")
    assert not any(n.startswith("信江大桥工程") and n != "信江大桥工程" for n in names(fs, "IMPLEMENTS"))


@pytest.mark.parametrize("text", [
    "蔺河流域综合治理项目总投资3000万元,年内完工。",  # a river's name before public works
    "濯川古镇开发项目总投资3000万元,年内完工。",  # a place's name before 开发
])
def test_an_unknown_head_before_public_works_is_no_firm(text):
    fs = facts_of("东岭镇召开招商会。", text)
    assert only(fs, "IMPLEMENTS")
    assert only(fs, "UNDERTAKES") == set()


def test_a_plain_product_is_a_project_after_a_signing_relative_clause_only():
    fs = facts_of("资溪县举行招商大会。", "会上签约的光学镜片项目正式落地。")
    assert has(fs, "资溪县", "IMPLEMENTS", "光学镜片项目")
    near = facts_of("资溪县举行招商大会。", "会上讨论的光学镜片项目有关问题。", "全县推动项目落地见效。")
    assert only(near, "IMPLEMENTS") == set()


def test_a_count_of_what_a_firm_makes_stays_inside_the_project_name():
    fs = facts_of("临潭县召开会议。", "甘南正丰源20万只肉羊养殖项目开工。",
                  "当天集中开工的临潭县城关镇中心小学建设项目、甘南鑫源30万只蛋鸡养殖项目、"
                  "临潭县城区安置小区建设项目等9个重点项目,总投资8.1亿元。")
    got = names(fs, "IMPLEMENTS")
    assert {"甘南正丰源20万只肉羊养殖项目", "甘南鑫源30万只蛋鸡养殖项目"} <= got
    assert not {"肉羊养殖项目", "蛋鸡养殖项目"} & got
    near = names(facts_of("临潭县召开会议。", "县里新建1000头生猪养殖项目开工。"), "IMPLEMENTS")
    assert near and not any(n.startswith(("县里", "新建")) for n in near)


def test_a_village_jieba_splits_still_opens_a_project_name():
    fs = facts_of("永宁县召开会议。", "投资300万元的红一村文化礼堂项目开工。", "要做好村级道路项目。")
    assert names(fs, "IMPLEMENTS") == {"红一村文化礼堂项目"}
    assert ("红一村文化礼堂项目", "INVESTS", (3000000, "CNY", "exact"), "total") in fs


def test_amount_written_after_the_project_with_investment_word():
    fs = facts_of("崇义县推进重点项目。", "恒达精密铸件加工项目总投资3.2亿元,计划年底投产。")
    assert ("恒达精密铸件加工项目", "INVESTS", (320000000, "CNY", "exact"), "total") in fs


def test_a_project_named_after_a_town_is_implemented_by_the_town():
    fs = facts_of("永宁县召开项目开工仪式。", "永宁县河西镇中心小学建设项目当天开工。")
    project = ("永宁县河西镇中心小学建设项目", "河西镇中心小学建设项目", "中心小学建设项目")
    assert has(fs, ("河西镇", "永宁县河西镇"), "IMPLEMENTS", project)


def test_items_of_a_counted_project_list_are_projects():
    fs = facts_of("永宁县召开项目开工仪式。",
                  "当天开工的有河西镇中心小学建设项目、永宁县滨江路道路工程和永宁县苹果产业项目等12个重点项目。")
    assert {"滨江路道路工程", "永宁县滨江路道路工程"} & names(fs, "IMPLEMENTS")
    assert {"永宁县苹果产业项目", "苹果产业项目"} & names(fs, "IMPLEMENTS")
    assert not any("12个" in str(f[2]) for f in fs)


# --- capability 8: not projects ----------------------------------------------------

def test_a_place_plus_generic_words_is_no_project():
    fs = facts_of("信州区召开会议。", "会议研究了信州区重点项目推进工作,梳理临川开发区项目清单。")
    assert only(fs, "IMPLEMENTS") == set()


def test_an_amount_threshold_is_no_project():
    fs = facts_of("信州区召开会议。", "全区新开工500万元以上工业项目36个,亿元以上项目12个。")
    assert only(fs, "IMPLEMENTS") == set()
    assert only(fs, "INVESTS") == set()


def test_xiangmu_modifying_the_next_noun_is_no_project():
    fs = facts_of("信州区举行项目签约仪式", "与会人员来到项目观摩现场,听取项目建设单位汇报。",
                  "崇义县召开项目推进会。")
    assert only(fs, "IMPLEMENTS") == set()


def test_verb_object_phrases_are_no_project():
    fs = facts_of("信州区召开会议。", "各部门要争上项目、多上项目,一如既往地为项目服务。")
    assert only(fs, "IMPLEMENTS") == set()


def test_a_category_with_a_count_is_no_project():
    fs = facts_of("信州区召开会议。", "今年共签约装备制造项目8个、电子信息项目12项,总投资56亿元。")
    assert only(fs, "IMPLEMENTS") == set()
    assert only(fs, "INVESTS") == set()


def test_a_batch_of_counted_projects_is_no_project():
    fs = facts_of("信州区召开会议。", "总投资6.2亿元的五个“乡贤回归”项目正式签约。")
    assert only(fs, "IMPLEMENTS") == set()
    assert only(fs, "INVESTS") == set()


def test_a_visit_site_phrase_is_no_project():
    fs = facts_of("信州区召开会议。", "县委书记李文博深入企业、项目建设现场督导检查产业项目建设情况。")
    assert only(fs, "IMPLEMENTS") == set()
    assert only(fs, "VISITED") == set()


def test_an_ordinal_or_count_before_a_park_is_not_part_of_it():
    fs = facts_of("信州区召开会议。", "总投资20亿元的华宇新能源汽车配套产业园等六大项目集中签约。")
    assert not any(str(f[2]).startswith(("六大", "等")) for f in fs)
    assert not any("六大" in str(f[2]) for f in fs)


def test_a_list_counted_at_its_end_gives_each_item_and_its_sum():
    fs = facts_of("崇义县召开项目推进会。",
                  "投资12亿元的华信精密轴承、投资3亿元的汽车线束和投资2亿元的汽车灯具三大项目正式开工。")
    assert {"华信精密轴承项目", "汽车线束项目", "汽车灯具项目"} <= names(fs, "IMPLEMENTS")
    assert ("汽车线束项目", "INVESTS", (300000000, "CNY", "exact"), "total") in fs
    assert not any("三大" in str(f[2]) for f in fs)


def test_projects_settling_in_a_zone_are_its_own():
    fs = facts_of("崇义县举行项目签约仪式。",
                  "签约项目分别是总投资3亿元的江西华信精密轴承项目、总投资2亿元的汽车线束生产项目。",
                  "这两个项目分别入驻崇义工业园区。")
    assert has(fs, ("崇义工业园区",), "IMPLEMENTS", ("江西华信精密轴承项目", "华信精密轴承项目"))
    assert has(fs, ("崇义工业园区",), "IMPLEMENTS", "汽车线束生产项目")


def test_a_village_with_xiangmu_and_a_count_of_people_are_no_project():
    fs = facts_of("崇义县召开项目推进会。", "东坑村项目推进顺利,实行一个项目、一名领导、一个专班。")
    assert only(fs, "IMPLEMENTS") == set()


def test_a_person_and_his_doings_before_xiangmu_are_no_project():
    fs = facts_of("崇义县召开项目推进会。", "随后,林志远督导检查我县产业项目建设情况,仔细询问企业项目进度。")
    assert only(fs, "IMPLEMENTS") == set()


def test_a_town_project_is_implemented_by_the_town_named_in_it():
    fs = facts_of("崇义县召开项目开工仪式。", "崇义县横水镇中心幼儿园建设项目当天开工。")
    assert has(fs, ("横水镇", "崇义县横水镇"), "IMPLEMENTS", ("崇义县横水镇中心幼儿园建设项目",))


# --- session 8: firm stems jieba tags as adverbs, products joined by 、, sums --------

def test_a_firm_stem_tagged_as_an_adverb_opens_its_project():
    fs = facts_of("临澧县推进项目建设。", "永久机械农机装备生产项目顺利推进。")
    assert has(fs, "临澧县", "IMPLEMENTS", "永久机械农机装备生产项目")
    assert has(fs, "永久机械", "UNDERTAKES", "永久机械农机装备生产项目")


def test_an_adverb_before_a_common_word_stays_out_of_the_name():
    fs = facts_of("临澧县推进项目建设。", "该县逐步推进农机装备生产项目。")
    assert not any(n.startswith("逐步") for n in names(fs, "IMPLEMENTS"))
    assert only(fs, "UNDERTAKES") == set()


def test_products_joined_by_dun_before_one_suffix_are_one_project():
    fs = facts_of("临澧县推进招商引资。", "已签约项目2个,包括5亿元粮油仓储、物流配送项目和2亿元的云岭商贸综合体项目。",
                  "总投资1.5亿元的深圳科瑞电子高压、高频、LED驱动电源项目同时签约。")
    assert has(fs, "临澧县", "IMPLEMENTS", "粮油仓储、物流配送项目")
    assert ("粮油仓储、物流配送项目", "INVESTS", (500000000, "CNY", "exact"), "total") in fs
    project = "深圳科瑞电子高压、高频、LED驱动电源项目"
    assert has(fs, "临澧县", "IMPLEMENTS", project)
    assert has(fs, "深圳科瑞电子", "UNDERTAKES", project)
    assert {f[2][0] for f in only(fs, "INVESTS") if f[0] == project} == {150000000}


def test_a_firm_or_a_place_before_dun_is_an_item_of_its_own():
    fs = facts_of("临澧县推进招商引资。", "目前引进了华泰光电、湖北荆楚高端装备产业园项目。",
                  "县重点项目集中开工仪式、宁远物流产业园开工仪式同时举行。")
    got = names(fs, "IMPLEMENTS")
    assert "湖北荆楚高端装备产业园项目" in got and "宁远物流产业园" in got
    assert not any("、" in n for n in got)


def test_what_a_project_has_put_in_so_far_is_completed():
    fs = facts_of("临澧县推进项目建设。", "康泰生物科技苗木繁育基地已完成投入3200万元。")
    assert ("康泰生物科技苗木繁育基地", "INVESTS", (32000000, "CNY", "exact"), "completed") in fs


def test_the_amount_of_a_list_closed_by_deng_is_its_sum():
    fs = facts_of("临澧县举行项目集中开工仪式。", "总投资12亿元的华兴精密轴承等5个项目集中开工。",
                  "东岳物流园、兴达纺织产业园等项目总投资20亿元。")
    assert has(fs, "临澧县", "IMPLEMENTS", ("华兴精密轴承项目", "华兴精密轴承"))
    assert only(fs, "INVESTS") == set()


def test_each_listed_item_with_its_own_amount_keeps_it():
    fs = facts_of("临澧县举行项目集中开工仪式。",
                  "投资3亿元的华兴精密轴承项目、投资2亿元的东岳物流园项目等8个项目集中开工。",
                  "投资8亿元的医疗器械、投资3亿元的汽车配件和投资2亿元的车灯生产三大项目正式开工。")
    invests = {(f[0], f[2][0]) for f in only(fs, "INVESTS")}
    assert ("华兴精密轴承项目", 300000000) in invests and ("东岳物流园项目", 200000000) in invests
    assert ("汽车配件项目", 300000000) in invests and ("医疗器械项目", 800000000) in invests
    assert has(fs, "临澧县", "IMPLEMENTS", "汽车配件项目")


def test_a_plain_product_word_before_xiangmu_with_no_amount_is_no_project():
    fs = facts_of("临澧县推进项目建设。", "该县将加快医疗器械项目建设。")
    assert only(fs, "IMPLEMENTS") == set()


def test_a_firms_bare_name_listed_as_a_project_is_kept_and_owns_it():
    fs = facts_of("临澧县推进项目建设。", "推动了海信达、福特来等项目向下游产业延伸。")
    assert has(fs, "临澧县", "IMPLEMENTS", "海信达项目") and has(fs, "临澧县", "IMPLEMENTS", "福特来项目")
    assert has(fs, "福特来", "UNDERTAKES", "福特来项目")


def test_a_common_word_listed_before_deng_xiangmu_is_no_firm():
    fs = facts_of("临澧县推进项目建设。", "推动了公共管廊、污水处理等项目向前推进。")
    assert only(fs, "UNDERTAKES") == set()


def test_a_project_named_by_a_firms_name_without_gongsi_is_that_firms():
    fs = facts_of("武宁县举行庆典。", "江西宏达年产50万吨特种水泥项目一线工程竣工投产。",
                  "江西宏达公司董事长李明致辞。")
    assert has(fs, "江西宏达公司", "UNDERTAKES", "江西宏达年产50万吨特种水泥项目")



def test_projects_still_in_talks_are_implemented_by_nobody():
    fs = facts_of("临澧县推进招商引资。", "目前在谈项目2个,分别是新能源电池回收项目和光伏支架生产项目。")
    assert only(fs, "IMPLEMENTS") == set()


def test_a_project_signed_after_the_talks_is_implemented():
    fs = facts_of("临澧县推进招商引资。", "今年洽谈项目30个,成功签约华锐电池回收项目。")
    assert has(fs, "临澧县", "IMPLEMENTS", "华锐电池回收项目")


def test_gai_xiangmu_takes_the_amount_to_the_one_project_named_before():
    fs = facts_of("临澧县推进项目建设。", "记者走进金禾竹木加工项目建设现场,工人们正在加紧施工。",
                  "据介绍,该项目总投资8000万元,预计年产值3亿元。")
    assert ("金禾竹木加工项目", "INVESTS", (80000000, "CNY", "exact"), "total") in fs
    assert len(only(fs, "INVESTS")) == 1


def test_gai_xiangmu_after_two_projects_is_left_alone():
    fs = facts_of("临澧县推进项目建设。", "金禾竹木加工项目和湘北纺织产业园项目正在加紧施工。",
                  "据介绍,该项目总投资8000万元。")
    assert only(fs, "INVESTS") == set()


def test_words_before_a_quoted_name_are_the_clauses_but_a_place_stays():
    fs = facts_of("临澧县推进乡村振兴。", "下一步,该县将全力推进“智慧粮仓”工程,并积极探索“银发快车”项目。",
                  "临澧“湘茶振兴”工程已启动。")
    got = names(fs, "IMPLEMENTS")
    assert {"“智慧粮仓”工程", "“银发快车”项目", "临澧“湘茶振兴”工程"} <= got
    assert not any(n.startswith(("全力", "积极", "推进")) for n in got)


def test_a_clause_about_a_project_is_no_name_but_a_second_phase_is():
    fs = facts_of("临澧县召开项目推进会。", "会议要求,项目方要改进项目施工质量。", "城南污水处理项目配套管网工程已开工。")
    got = names(fs, "IMPLEMENTS")
    assert not any(n.startswith("项目方") for n in got)
    assert "城南污水处理项目配套管网工程" in got


def test_an_industry_in_general_names_no_project():
    fs = facts_of("临澧县推进招商引资。", "这个行业高端制造业项目不可能落户在小县城。", "湘北高端装备产业园项目开工。")
    got = names(fs, "IMPLEMENTS")
    assert "行业高端制造业项目" not in got and "湘北高端装备产业园项目" in got


def test_a_processing_plant_is_a_firm_that_owns_its_project():
    fs = facts_of("临澧县推进招商引资。", "新安镇政府与投资3000万元的临澧县华锐竹木加工厂竹筷生产项目正式签约。")
    project = ("竹筷生产项目", "临澧县华锐竹木加工厂竹筷生产项目")
    assert has(fs, "临澧县华锐竹木加工厂", "UNDERTAKES", project)
    assert not any(f[0] == "临澧县华锐竹木" for f in fs)


def test_an_unknown_trade_name_before_a_technical_product_owns_the_project():
    fs = facts_of("临澧县推进项目建设。", "浩鑫翔泰聚丙烯、瀚霖祺昌润滑油等项目先后投产。")
    assert has(fs, "浩鑫翔泰", "UNDERTAKES", "浩鑫翔泰聚丙烯项目")
    assert has(fs, "瀚霖祺昌", "UNDERTAKES", "瀚霖祺昌润滑油项目")


def test_a_building_or_a_common_phrase_after_four_characters_is_no_firms():
    fs = facts_of("临澧县推进项目建设。", "洪塘众鑫服务大楼项目、智慧城市停车场项目同时开工。")
    assert only(fs, "UNDERTAKES") == set()


def test_projects_named_after_a_visit_to_a_zones_sites_are_the_zones():
    fs = facts_of("临澧县推进项目建设。", "7月29日,县委书记王明前往县经开区部分在建工业项目建设现场,督导调研项目推进情况。",
                  "他强调,要加快建设进度。", "王明先后来到华锐光电、湘北智造等项目建设现场。")
    assert has(fs, "临澧经开区", "IMPLEMENTS", "华锐光电项目") and has(fs, "临澧经开区", "IMPLEMENTS", "湘北智造项目")


def test_a_place_or_another_project_between_ends_the_zones_sites():
    fs = facts_of("临澧县推进项目建设。", "7月29日,县委书记王明前往县经开区部分在建工业项目建设现场,督导调研项目推进情况。",
                  "随后,他来到金禾竹木加工项目。", "王明先后来到华锐光电、湘北智造等项目建设现场。",
                  "次日,王明前往县经开区部分在建项目建设现场。", "在新安镇,王明来到湘江光电项目建设现场。")
    zone = {f[2] for f in fs if f[1] == "IMPLEMENTS" and f[0] == "临澧经开区"}
    assert not zone & {"华锐光电项目", "湘北智造项目", "湘江光电项目"}


def test_gaobiaozhun_inside_a_name_belongs_to_it_but_not_before_a_verb():
    fs = facts_of("临澧县推进项目建设。", "王明来到2024年高标准农田项目施工现场。", "王明高标准谋划金禾竹木加工项目。")
    got = names(fs, "IMPLEMENTS")
    assert got & {"高标准农田项目", "2024年高标准农田项目"}
    assert "金禾竹木加工项目" in got and not any(n.startswith("高标准谋划") for n in got)
