"""Issue 16, capabilities 5 and 6: signings (SIGNED, and the firms that sign UNDERTAKES
what they sign) and visits (VISITED for what the leading official tours). Sentences
written for the test, with invented names; near misses must give nothing."""

from __future__ import annotations

from test_extract import facts_of, only
from test_extract_projects import has


def signed(fs: set[tuple]) -> set[tuple[str, str]]:
    return {(f[0], f[2]) for f in only(fs, "SIGNED")}


def visited(fs: set[tuple]) -> set[tuple[str, str]]:
    return {(f[0], f[2]) for f in only(fs, "VISITED")}


# --- capability 5: signings --------------------------------------------------------

def test_firms_as_the_subject_of_a_signing():
    fs = facts_of("黎川县举行招商大会。", "华远科技、长丰纺织等三十余家企业与我县签约。")
    assert signed(fs) == {("黎川县", "华远科技"), ("黎川县", "长丰纺织")}
    fs = facts_of("黎川县举行招商大会。", "安徽众得利新材料有限公司与黎川县签订投资协议。")
    assert signed(fs) == {("黎川县", "安徽众得利新材料有限公司")}


def test_firms_a_signing_is_made_with_sign_and_undertake_the_project():
    fs = facts_of("黎川县举行招商大会。",
                  "会上,黎川县同湖南金瑞电子有限公司、广东华泰科技有限公司等5家企业签约的电子元件项目落地。")
    assert {("黎川县", "湖南金瑞电子有限公司"), ("黎川县", "广东华泰科技有限公司")} <= signed(fs)
    assert has(fs, "黎川县", "SIGNED", "电子元件项目")
    assert has(fs, "湖南金瑞电子有限公司", "UNDERTAKES", "电子元件项目")
    assert has(fs, "广东华泰科技有限公司", "UNDERTAKES", "电子元件项目")


def test_a_township_government_signs_and_a_witness_group_does_not():
    fs = facts_of("黎川县举行项目签约仪式。",
                  "县招商引资领导小组组长、县长王立群见证了河口镇政府与投资2亿元的湖南金瑞电子有限公司电子元件项目正式签约。")
    project = ("湖南金瑞电子有限公司电子元件项目", "电子元件项目")
    assert has(fs, ("河口镇", "黎川县河口镇"), "SIGNED", project)
    assert has(fs, ("河口镇", "黎川县河口镇"), "SIGNED", "湖南金瑞电子有限公司")
    assert not any(f[0].endswith("领导小组") for f in only(fs, "SIGNED"))


def test_a_region_signs_the_projects_named_in_the_clause():
    fs = facts_of("黎川县举行项目签约仪式。", "黎川县与广东华泰科技有限公司签订年产5万台智能家电项目合作协议。")
    assert ("黎川县", "广东华泰科技有限公司") in signed(fs)
    assert has(fs, "黎川县", "SIGNED", "年产5万台智能家电项目")


def test_signing_firm_representative_names_the_firm():
    fs = facts_of("黎川县举行招商签约会。", "签约企业代表、广东华泰科技有限公司董事长林海涛作表态发言。")
    assert signed(fs) == {("黎川县", "广东华泰科技有限公司")}


def test_a_signing_named_only_as_a_batch_signs_no_project():
    fs = facts_of("黎川县举行招商签约会。", "总投资6.2亿元的五个“乡贤回归”项目集中签约。")
    assert only(fs, "SIGNED") == set()


def test_attending_a_signing_is_no_visit():
    fs = facts_of("黎川县举行招商签约会。",
                  "县政协副主席周文斌到场祝贺,并见证了河口镇政府与湖南金瑞电子有限公司签约。")
    assert only(fs, "VISITED") == set()


# --- capability 6: visits ----------------------------------------------------------

def test_leader_goes_to_a_project_site():
    fs = facts_of("乐安县", "县委书记罗志坚深入华宇智能装备产业园项目现场调研。")
    assert visited(fs) == {("罗志坚", "华宇智能装备产业园项目")}


def test_the_leader_and_his_party_come_to_listed_parks():
    fs = facts_of("乐安县", "10月9日,县委书记罗志坚主持召开工业项目建设调度会。",
                  "会后,罗志坚一行来到城南新材料产业园、河口电子信息产业园、青峰食品产业园等地,深入车间了解情况。")
    assert {("罗志坚", p) for p in ("城南新材料产业园", "河口电子信息产业园", "青峰食品产业园")} <= visited(fs)


def test_leader_leads_a_team_to_a_city():
    fs = facts_of("吉安市", "5月8日,市政协主席陈光明带队到萍乡市,调研新能源产业链发展。")
    assert ("陈光明", "萍乡市") in visited(fs)


def test_leader_walks_into_listed_firms():
    fs = facts_of("吉安市", "5月8日,市政协主席陈光明带队到萍乡市调研。",
                  "陈光明一行走进江西华瑞新材料科技、鑫达再生资源科技等企业,与企业负责人深入交流。")
    assert {("陈光明", "江西华瑞新材料科技"), ("陈光明", "鑫达再生资源科技")} <= visited(fs)


def test_leader_comes_to_listed_project_sites():
    fs = facts_of("会昌县", "7月2日,县委书记郑文远前往县经开区调研项目推进情况。",
                  "郑文远先后来到鑫源环保、华美光电、瑞达能源等项目建设现场,实地查看进度。")
    assert {("郑文远", p + "项目") for p in ("鑫源环保", "华美光电", "瑞达能源")} <= visited(fs)


def test_at_a_project_site_the_leader_inspects():
    fs = facts_of("乐安县", "10月9日,县委书记罗志坚督导检查产业项目建设情况。",
                  "在乐安县食品产业园年产2万吨果汁饮料项目建设现场,罗志坚实地查看项目建设进度。")
    assert has(fs, "罗志坚", "VISITED", ("年产2万吨果汁饮料项目", "乐安县食品产业园年产2万吨果汁饮料项目"))


def test_after_a_ceremony_the_leader_inspects_listed_projects():
    fs = facts_of("乐安县", "市委书记梁振华出席开工仪式。",
                  "参加开工仪式后,梁振华一行还查看了乐安县滨河湿地公园项目、城东污水处理厂提标改造工程等项目建设情况。")
    assert has(fs, "梁振华", "VISITED", ("乐安县滨河湿地公园项目", "滨河湿地公园项目"))
    assert has(fs, "梁振华", "VISITED", ("城东污水处理厂提标改造工程",))


def test_leader_tours_listed_projects_by_short_names():
    fs = facts_of("上饶市", "市委副书记、市长赵启明率发改委等部门负责人调研项目建设情况。",
                  "赵启明一行先后调研了秸秆综合利用工程、华美食品、凯达新材料等项目。")
    assert has(fs, "赵启明", "VISITED", ("秸秆综合利用工程",))
    assert has(fs, "赵启明", "VISITED", ("华美食品", "华美食品项目"))


def test_headline_tour_of_a_town():
    fs = facts_of("赵启明调研西岭镇各建设项目", "3月30日,市委副书记、市长赵启明调研项目建设情况。")
    assert ("赵启明", "西岭镇") in visited(fs)


def test_two_leaders_lead_a_tour_group():
    fs = facts_of("上饶市", "4月16日,市委书记孙海波、市长林志强带队,全市重点工作观摩活动在铅山县、弋阳县进行。",
                  "观摩团成员先后来到铅山县城南棚户区改造项目、弋阳县华美食品产业园等实地观摩。")
    for who in ("孙海波", "林志强"):
        assert {(who, "铅山县"), (who, "弋阳县")} <= visited(fs)
        assert has(fs, who, "VISITED", ("城南棚户区改造项目", "铅山县城南棚户区改造项目"))


def test_those_who_accompany_or_attend_do_not_visit():
    fs = facts_of("乐安县", "县委书记罗志坚深入华宇智能装备产业园项目现场调研。",
                  "县委副书记刘海明、副县长钱立新陪同。", "市政协副主席吴晓东出席开工仪式。")
    assert visited(fs) == {("罗志坚", "华宇智能装备产业园项目")}


def test_a_meeting_is_no_visit():
    fs = facts_of("乐安县", "县委书记罗志坚主持召开项目建设推进会,听取华宇智能装备产业园项目进展汇报。")
    assert only(fs, "VISITED") == set()


def test_firms_signing_respectively_undertake_their_projects():
    fs = facts_of("黎川县举行招商大会。",
                  "广东华泰科技有限公司、湖南金瑞电子有限公司分别与黎川县签约年产5万台智能家电项目和年产2亿只电子元件项目。")
    assert {("黎川县", "广东华泰科技有限公司"), ("黎川县", "湖南金瑞电子有限公司")} <= signed(fs)
    assert ("广东华泰科技有限公司", "UNDERTAKES", "年产5万台智能家电项目", None) in fs
    assert ("湖南金瑞电子有限公司", "UNDERTAKES", "年产2亿只电子元件项目", None) in fs
    assert ("广东华泰科技有限公司", "UNDERTAKES", "年产2亿只电子元件项目", None) not in fs


def test_a_firm_signs_with_a_firm():
    fs = facts_of("黎川县推进招商引资。", "广东华泰科技有限公司与湖南金瑞电子有限公司签订战略合作协议。")
    assert signed(fs) == {("广东华泰科技有限公司", "湖南金瑞电子有限公司")}


def test_a_signing_that_counts_its_projects_signs_those_listed_next():
    fs = facts_of("黎川县举行项目集中签约仪式。", "参加此次集中签约的项目共2个。",
                  "分别是总投资3亿元的华信精密轴承项目,总投资2亿元的汽车线束生产项目。")
    assert {("黎川县", "华信精密轴承项目"), ("黎川县", "汽车线束生产项目")} <= signed(fs)


def test_a_tour_of_villages_visits_the_villages_not_their_towns():
    fs = facts_of("上饶市", "市委书记孙海波带队,先后来到铅山县湖坊镇东坑村、弋阳县圭峰镇花亭村实地观摩。")
    assert {("孙海波", "东坑村"), ("孙海波", "花亭村")} <= visited(fs)
    assert not {("孙海波", "湖坊镇"), ("孙海波", "圭峰镇")} & visited(fs)


def test_works_of_another_event_and_the_ceremonys_venue_are_not_signed():
    fs = facts_of("临澧县举行重点项目集中开工暨签约仪式。",
                  "总投资20亿元的华兴精密轴承等5个项目集中开工,总投资30亿元的湘北纺织产业园项目等8个项目集中签约。",
                  "重大项目签约仪式在湘北电子产业园隆重举行。")
    signed = {f[2] for f in fs if f[1] == "SIGNED"}
    assert "湘北纺织产业园项目" in signed
    assert not signed & {"华兴精密轴承项目", "华兴精密轴承", "湘北电子产业园"}


def test_a_project_written_before_its_signing_is_signed():
    fs = facts_of("临澧县推进招商引资。", "金禾竹木加工项目今天在县城签约。")
    assert ("临澧县", "SIGNED", "金禾竹木加工项目", None) in fs


def test_a_place_opening_a_bodys_name_in_a_tour_list_is_not_toured_itself():
    fs = facts_of("郏县召开观摩会。", "县委书记李刚一行先后来到安良镇红星种植专业合作社、茨芭镇刘庄村、"
                  "龙山街道办事处便民服务中心等实地观摩。")
    assert {f[2] for f in only(fs, "VISITED")} == {"刘庄村"}
    # near miss: a place that is the whole list item is toured
    fs = facts_of("郏县召开观摩会。", "县委书记李刚先后来到安良镇、茨芭镇刘庄村调研。")
    assert {f[2] for f in only(fs, "VISITED")} == {"安良镇", "刘庄村"}
