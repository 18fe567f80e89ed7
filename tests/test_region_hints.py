"""Issue 16, capability 1: a page whose text names no place takes its region from the
page chrome ingest drops (breadcrumb, related links), and only then. Pages written for
the test, with places from other provinces than the dev corpus."""

from __future__ import annotations

from pathlib import Path

from kg.extract import run
from kg.ingest import read
from kg.normalize import articles

BODY = ("5月6日,县委书记韩立民调度重点项目建设工作。副县长周文静参加活动。\n"
        "韩立民强调,各镇要压实责任,确保项目按期完工。\n")


def _page(tmp_path: Path, *chrome: str, body: str = BODY) -> list:
    path = tmp_path / "page.txt"
    path.write_text("来源网址: http://www.example.com/news/1.html\n" + body + "".join(c + "\n" for c in chrome),
                    encoding="utf-8")
    (art,) = [a for src in read(path, "page.txt") for a in articles(src)]
    return art


def _posts(art) -> set[tuple]:
    return {(f.s.name, f.o.name, dict(f.props).get("title")) for f in run(art) if f.p == "HOLDS_POSITION"}


def test_ingest_keeps_dropped_chrome_as_hints_not_as_sentences(tmp_path):
    art = _page(tmp_path, "当前位置: 首页 > 新闻中心 > 岚皋要闻")
    assert art.hints == ["当前位置: 首页 > 新闻中心 > 岚皋要闻"]
    assert all("岚皋" not in s.text for s in art.sentences)
    assert "hints" not in art.record()


def test_a_body_naming_no_place_takes_the_breadcrumbs_county(tmp_path):
    art = _page(tmp_path, "当前位置: 首页 > 新闻中心 > 岚皋要闻")
    assert _posts(art) == {("韩立民", "岚皋县", "县委书记"), ("周文静", "岚皋县", "副县长")}


def test_related_links_naming_a_county_and_its_province_give_the_county(tmp_path):
    art = _page(tmp_path, "相关文章 陕西发布秋季旅游线路 岚皋茶园迎来采摘季")
    assert ("韩立民", "岚皋县", "县委书记") in _posts(art)


def test_the_body_wins_over_the_breadcrumb(tmp_path):
    body = BODY.replace("5月6日,", "5月6日,镇安县")
    art = _page(tmp_path, "当前位置: 首页 > 新闻中心 > 岚皋要闻", body=body)
    assert ("韩立民", "镇安县", "县委书记") in _posts(art)
    assert not any(o == "岚皋县" for _, o, _ in _posts(art))


def test_chrome_naming_two_unrelated_places_gives_no_guess(tmp_path):
    art = _page(tmp_path, "相关文章 岚皋茶园迎来采摘季 通榆草原上的丰收节")
    assert art.hints  # the hints are there: the guess is refused, not missed
    assert not {o for _, o, _ in _posts(art)} & {"岚皋县", "通榆县"}
