"""Page furniture and header rows (issues 16 and 20), on pages invented for the
test in the styles of other sites: chrome goes line by line, never with the
sentences beside it; header rows give their fields wherever they sit."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import read
from kg.normalize import articles, normalize


def _one(tmp_path: Path, text: str, name: str = "page.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (art,) = [a for src in read(path, name) for a in articles(src)]
    for s in art.sentences:  # offsets still point into the file
        assert normalize(text[s.start:s.end]) == s.text
    return art, [s.text for s in art.sentences]


COUNTY_PAGE = """来源网址: http://www.qinghe.example.gov.cn/art/2024/5/6/art_1.html
切换城市 [切换]
北原新闻 东门新闻 西山新闻 南湖新闻 青禾新闻
当前位置: 首页 > 新闻中心 > 今日青禾
青禾县召开重点项目推进会,部署四季度工作
发布时间:2024-05-06 09:30  来源:青禾县融媒体中心  浏览量:123
无障碍 | 长者模式
本网讯(记者 甲乙 丙丁)5月6日,青禾县召开重点项目推进会。县委书记王五出席会议。
主办:青禾县人民政府办公室 承办:青禾县大数据中心
网站标识码:3300000001  浙ICP备00000000号-1
"""


def test_county_page_header_title_byline_and_footers(tmp_path):
    art, texts = _one(tmp_path, COUNTY_PAGE)
    assert art.title == "青禾县召开重点项目推进会,部署四季度工作"  # a headline holding a comma
    assert art.date == "2024-05-06"
    assert art.publisher == art.source == "青禾县融媒体中心"  # space-separated fields
    assert art.authors == ["甲乙", "丙丁"]  # the byline in brackets after 本网讯
    assert texts == ["青禾县召开重点项目推进会,部署四季度工作", "5月6日,青禾县召开重点项目推进会。", "县委书记王五出席会议。"]


def test_a_one_line_article_with_a_footer_keeps_its_sentences(tmp_path):
    line = ("北原市甲乙科技有限公司年产5万吨电池项目在东门镇开工,总投资12亿元。县长丙丁出席。"
            "版权所有:北原市东门镇人民政府  京ICP备12345678号-1  技术支持:某某网络\n")
    art, texts = _one(tmp_path, line)
    assert texts == ["北原市甲乙科技有限公司年产5万吨电池项目在东门镇开工,总投资12亿元。", "县长丙丁出席。"]


def test_a_line_that_is_all_chrome_goes_whole(tmp_path):
    page = "南湖区项目建设提速。\n上一条:南湖区召开会议。 下一条:南湖区开展培训。\n主办单位:南湖区政府 | 关怀版 | 无障碍浏览\n"
    _, texts = _one(tmp_path, page)
    assert texts == ["南湖区项目建设提速。"]


def test_metadata_glued_to_the_first_paragraph(tmp_path):
    page = "西山县招商引资工作会议召开\n发布日期:2023-01-05 来源:西山县融媒体中心 1月4日,西山县召开招商引资工作会议。会议部署全年任务。\n"
    art, texts = _one(tmp_path, page)
    assert (art.date, art.source) == ("2023-01-05", "西山县融媒体中心")
    assert texts[1:] == ["1月4日,西山县召开招商引资工作会议。", "会议部署全年任务。"]


def test_bare_date_cells_and_unknown_values(tmp_path):
    page = ("南湖网 首页 要闻 查看内容\n南湖区重点项目集中开工\n"
            "2022-11-08 10:36| 编辑: 某甲 | 查看: 1501| 评论: 0|来自: 未知\n南湖区14个重点项目集中开工。\n")
    art, texts = _one(tmp_path, page)
    assert art.title == "南湖区重点项目集中开工" and art.date == "2022-11-08"
    assert art.source is None and art.publisher is None
    assert texts == ["南湖区重点项目集中开工", "南湖区14个重点项目集中开工。"]


def test_a_source_line_under_the_article_is_not_a_header(tmp_path):
    page = "东门镇举行项目开工仪式\n11月2日上午,东门镇举行项目集中开工仪式。\n镇长甲乙致辞\n来源:东门镇融媒体中心\n"
    art, texts = _one(tmp_path, page)
    assert art.source == "东门镇融媒体中心"
    assert texts == ["东门镇举行项目开工仪式", "11月2日上午,东门镇举行项目集中开工仪式。", "镇长甲乙致辞"]


def test_forum_chrome(tmp_path):
    page = ("楼主 某网友\n签到天数: 35 天\n只看楼主 倒序浏览 阅读模式\n东湖县重点项目建设纪实\n"
            "发表于 2021-6-3 08:12\n今年以来,东湖县重点项目建设全面提速。\n您需要登录后才可以回帖 登录 | 立即注册\n")
    art, texts = _one(tmp_path, page)
    assert art.date == "2021-06-03" and art.title == "东湖县重点项目建设纪实"
    assert texts == ["东湖县重点项目建设纪实", "今年以来,东湖县重点项目建设全面提速。"]


def test_channel_label_before_the_headline_and_glued_byline_roles(tmp_path):
    page = ("北原东湖 | 东湖县委书记甲乙:加快推进项目建设,确保早投产\n来源:北原网 时间:2024-07-30 13:30:15\n"
            "7月29日,东湖县召开项目推进会。\n(记者丙丁编辑戊己审核庚辛)\n")
    art, texts = _one(tmp_path, page)
    assert art.title == "东湖县委书记甲乙:加快推进项目建设,确保早投产"
    assert art.authors == ["丙丁", "戊己", "庚辛"]
    assert texts == ["北原东湖 | 东湖县委书记甲乙:加快推进项目建设,确保早投产", "7月29日,东湖县召开项目推进会。"]


def test_a_disclaimer_runs_to_the_end_of_its_line_and_comment_forms_go(tmp_path):
    page = ("东湖县项目集中签约。县长王立新出席。 本报记者 甲乙 摄\n"
            "免责声明:本网转载自其它媒体。在此我们谨向原作者致以敬意。\n* 评论内容:\n* 昵称: * 验证码 看不清楚?\n")
    art, texts = _one(tmp_path, page)
    assert texts == ["东湖县项目集中签约。", "县长王立新出席。"]
    assert art.authors == ["甲乙"]  # a photo credit after a caption


def test_a_lead_newsrooms_name_is_the_articles_source(tmp_path):
    page = "来源网址: http://m.example.com/a.html\n汉中日報訊 (記者 甲乙 丙丁)5月6日,我市召開項目推進會。\n"
    art, texts = _one(tmp_path, page)
    assert art.authors == ["甲乙", "丙丁"]
    assert art.source == art.publisher == "汉中日报"  # the newsroom of the lead, Simplified
    assert texts == ["5月6日,我市召开项目推进会。"]
    # near misses: 本网讯 names no newsroom; a 来源 row of the page's own comes first
    art, _ = _one(tmp_path, "本网讯(记者 甲乙)5月6日,我市召开项目推进会。\n")
    assert art.source is None
    art, _ = _one(tmp_path, "来源:安康新闻网\n汉中日报讯(记者 甲乙)5月6日,我市召开项目推进会。\n")
    assert art.source == "安康新闻网"
