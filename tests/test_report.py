"""kg report and the build's closing summary, read as a user reads them."""

from __future__ import annotations

import re
import shutil

from conftest import ROOT, run_kg


def test_report_and_build_summary(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "out"
    built = run_kg("build", str(corpus), "--out", str(out))
    summary = built.stdout
    assert "8 articles from 7 files" in summary
    assert re.search(r"facts: .*\d+ IMPLEMENTS", summary) and re.search(r"nodes: .*\d+ Project", summary)
    assert "most projects:" in summary and "most investment: 宝丰县 120亿元" in summary
    assert "skipped: 2" in summary or re.search(r"skipped: .*\d", summary)

    html = tmp_path / "report.html"
    run_kg("report", "--out", str(out), "-o", str(html))
    page = html.read_text(encoding="utf-8")
    again = tmp_path / "again.html"
    run_kg("report", "--out", str(out), "-o", str(again))
    assert again.read_bytes() == html.read_bytes()  # same build, same bytes
    # self-contained: no script, no stylesheet or image fetched
    assert "<script" not in page and "<link" not in page and not re.search(r'\bsrc="', page)
    charts = re.findall(r"<svg\b.*?</svg>", page, flags=re.S)
    titles = " ".join(re.findall(r'<title>([^<]*)</title>', page))
    assert len(charts) >= 5, len(charts)
    for title in ("articles by publisher", "nodes by type", "facts by relation",
                  "regions with the most projects", "regions with the most investment"):
        assert title in titles, title
    assert "120亿元" in page  # investment shown as people write it
    # the lowest-confidence facts, lowest first, with their sentences
    rows = re.findall(r"<tr><td>([0-9.]+)</td><td>(.*?)</td><td>(.*?)</td>", page)
    assert len(rows) >= 5
    conf = [float(c) for c, _, _ in rows]
    assert conf == sorted(conf) and all(text for _, _, text in rows)
    # skipped files and why
    skipped = page[page.index("skipped files"):]
    assert "empty.txt" in skipped and "binary.txt" in skipped
