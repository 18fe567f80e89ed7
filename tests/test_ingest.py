"""Issue 2: ingestion of real files, checked against what a reader sees in the seeds."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import SEEDS, run_kg, seed

from kg.ingest import read
from kg.ingest.decode import DecodeError, decode
from kg.normalize import articles, normalize


def _articles(path: Path, doc: str | None = None):
    out = []
    for src in read(path, doc or path.name):
        out.extend(articles(src))
    return out


def _docs(out: Path) -> list[dict]:
    return [json.loads(x) for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]


def test_traditional_seed_is_simplified_without_pinyin():
    (art,) = _articles(seed("002"))
    body = "".join(s.text for s in art.sentences)
    assert not re.search(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)", body)
    for traditional in ("項目", "縣", "總投資"):
        assert traditional not in body
    assert "项目" in body and "总投资" in body
    # The original slice is still the Traditional text with pinyin.
    src = seed("002").read_text(encoding="utf-8")
    first = art.sentences[0]
    assert src[first.start:first.end] == "一年之計(jì)在于春。"
    assert first.text == "一年之计在于春。"


def test_forum_page_date_and_no_chrome():
    (art,) = _articles(seed("003"))
    assert art.date == "2023-04-15"
    assert art.title == "万荣县以重点项目建设推动高质量发展纪实"
    text = "\n".join(s.text for s in art.sentences)
    for chrome in ("登录", "注册", "找回密码", "Powered by", "ICP备", "快速回复", "复制链接"):
        assert chrome not in text, chrome
    assert set(art.authors) == {"韩维元", "李斌", "马逢春"}
    assert not any("韩维元" in s.text for s in art.sentences)


def test_header_metadata():
    (art,) = _articles(seed("004"))
    assert art.date == "2022-07-29"
    assert art.publisher == "经济开发区"
    assert art.index_no == "lljjkfq/2023-240059"
    assert art.title == "开发区:发挥党建引领作用,助力企业高质量发展"
    assert not any("索引号" in s.text or "发文日期" in s.text for s in art.sentences)


def test_page_with_four_articles_is_split():
    arts = _articles(seed("001"))
    assert [a.title for a in arts] == [
        "改革创新促发展 “拼”字当头抓产业",
        "寿宁:“赛场选马”锻造“做功型”干部",
        "贵州修文 猕猴桃丰收上市",
        "合肥经开区海恒社区探索构建“企业社区”新格局",
    ]
    assert [a.number for a in arts] == [0, 1, 2, 3]
    assert arts[0].authors == ["高寒"] and arts[1].authors == ["丁南"] and arts[2].authors == ["杨文斌"]
    # Each article keeps its own text: the kiwi-fruit photo news is short.
    assert any("猕猴桃" in s.text for s in arts[2].sentences)
    assert not any("猕猴桃" in s.text for s in arts[0].sentences)


def test_every_sentence_slice_normalises_to_its_text():
    for path in sorted(SEEDS.glob("*.txt")):
        original = path.read_text(encoding="utf-8")
        for art in _articles(path):
            assert art.sentences
            for s in art.sentences:
                piece = original[s.start:s.end]
                assert piece.strip(), (path.name, s)
                assert normalize(piece) == s.text, (path.name, s)


def test_sentences_split_on_ends_but_keep_quotations_whole():
    (art,) = _articles(seed("000"))
    quoted = [s.text for s in art.sentences if s.text.startswith("“临时党支部将乡镇")]
    assert len(quoted) == 1 and quoted[0].endswith("”李庆说。")
    assert all(not s.text.startswith("”") for s in art.sentences)
    # A sentence cut across two lines by the page layout is joined.
    assert any(s.text == "抓项目就是抓发展,谋项目就是谋未来。" for s in art.sentences)


def test_gb18030_copy_gives_same_documents(tmp_path):
    utf8, gbk = tmp_path / "u", tmp_path / "g"
    utf8.mkdir(), gbk.mkdir()
    for name in ("000", "003"):
        p = seed(name)
        shutil.copy(p, utf8 / p.name)
        (gbk / p.name).write_bytes(p.read_text(encoding="utf-8").encode("gb18030"))
    run_kg("build", str(utf8), "--out", str(tmp_path / "ou"))
    run_kg("build", str(gbk), "--out", str(tmp_path / "og"))
    assert _docs(tmp_path / "ou") == _docs(tmp_path / "og")
    assert (tmp_path / "ou/graph.jsonl").read_bytes() == (tmp_path / "og/graph.jsonl").read_bytes()


def test_encodings_decode():
    text = "宝丰县重点项目建设"
    assert decode(text.encode("utf-8"))[0] == text
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8-sig")
    assert decode(text.encode("gb18030"))[0] == text
    big5 = "寶豐縣重點項目建設，總投資一百二十億元。" * 3
    assert decode(big5.encode("big5")) == (big5, "big5")
    for bad in (b"", b"   \n", bytes(range(256)) * 4):
        try:
            decode(bad)
        except DecodeError:
            continue
        raise AssertionError(f"decoded {bad[:20]!r}")


def test_bad_files_are_listed_and_batch_goes_on(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    shutil.copy(seed("004"), corpus / "good.txt")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blob.txt").write_bytes(bytes(range(256)) * 64)
    proc = run_kg("build", str(corpus), "--out", str(tmp_path / "out"))
    errors = [json.loads(x) for x in (tmp_path / "out/errors.jsonl").read_text().splitlines()]
    assert sorted(e["doc"] for e in errors) == ["blob.txt", "empty.txt"]
    assert all(e["reason"] for e in errors)
    assert [d["doc"] for d in _docs(tmp_path / "out")] == ["good.txt"]
    assert "blob.txt" in proc.stderr and "empty.txt" in proc.stderr
    # --strict makes the skips fatal and writes nothing.
    strict = run_kg("build", str(corpus), "--out", str(tmp_path / "strict"), "--strict", check=False)
    assert strict.returncode == 2 and not (tmp_path / "strict/graph.jsonl").exists()
    # Nothing readable at all: exit 2.
    (corpus / "good.txt").unlink()
    none = run_kg("build", str(corpus), "--out", str(tmp_path / "none"), check=False)
    assert none.returncode == 2


def test_html_page_main_text_with_offsets(tmp_path):
    page = tmp_path / "news.html"
    page.write_text(
        "<html><head><title>站点</title><script>var x='县委书记';</script></head><body>"
        "<div class='nav'><a href='/'>首页</a> | <a href='/login'>登录</a></div>"
        "<article><h1>某县推进重点项目建设</h1>"
        "<p>今年以来,某县总投资10亿元的新材料产业园项目开工建设。</p>"
        "<p>县委书记张三到现场调研&amp;指导。项目计划年底投产。</p></article>"
        "<div class='footer'>Copyright 2023 版权所有 京ICP备000号</div></body></html>",
        encoding="utf-8",
    )
    (art,) = _articles(page)
    texts = [s.text for s in art.sentences]
    assert "今年以来,某县总投资10亿元的新材料产业园项目开工建设。" in texts
    assert "县委书记张三到现场调研&指导。" in texts
    assert not any("ICP" in t or "var x" in t for t in texts)
    original = page.read_text(encoding="utf-8")
    for s in art.sentences:
        assert normalize(original[s.start:s.end], markup=True) == s.text


def test_build_is_byte_identical(tmp_path, seeds_build):
    run_kg("build", str(SEEDS), "--out", str(tmp_path))
    for name in ("graph.jsonl", "documents.jsonl", "errors.jsonl"):
        assert (tmp_path / name).read_bytes() == (seeds_build / name).read_bytes()


def test_documents_jsonl_fields(seeds_build):
    docs = _docs(seeds_build)
    assert len(docs) == 8
    d = next(d for d in docs if d["doc"].startswith("003"))
    assert d["date"] == "2023-04-15" and d["article"] == 0 and d["sentences"] > 20
    assert d["length"] > 1000 and d["id"] == f"doc:{d['doc']}#0"
