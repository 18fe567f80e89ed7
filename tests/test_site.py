"""`kg site`: a folder opened from file:// in headless Chromium, with every request off the
machine blocked; navigation index -> region -> official -> source article, search by alias."""

from __future__ import annotations

import re

from conftest import EVIL, hostile_graph, run_kg

from kg.view import site


def test_site_navigates_from_disk(seeds_build, open_page, tmp_path):
    out = tmp_path / "site"
    r = run_kg("site", "--out", str(seeds_build), "-o", str(out))
    assert "entity pages" in r.stdout
    v = open_page(out / "index.html", settled=False)
    # search finds a node by its alias
    v.page.fill("#q", "宝丰")
    first = v.page.locator("#results li a").first
    assert first.inner_text() == "宝丰县"
    first.click()
    v.page.wait_for_load_state()
    assert v.page.inner_text("h1").startswith("宝丰县")
    assert "地区" in v.page.inner_text("h1")
    # the region's page lists its officials; on to one of them
    v.page.click("a.other:text-is('王代强')")
    v.page.wait_for_load_state()
    assert v.page.inner_text("h1").startswith("王代强")
    assert "县委书记" in v.page.inner_text("table")
    # its facts' sentences link to the source article's page
    v.page.locator("a.source").first.click()
    v.page.wait_for_load_state()
    assert "宝丰 奏响党建引领高质量发展最强音" in v.page.inner_text("h1")
    assert "王代强" in v.page.inner_text("body")
    # the neighbourhood view inside an entity page draws from the shared assets
    v.page.go_back()
    frame = v.page.frame_locator("iframe.view")
    frame.locator("#network canvas").wait_for()
    assert v.errors == [] and v.requests == []


def test_site_links_are_relative_and_output_stable(seeds_build, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    run_kg("site", "--out", str(seeds_build), "-o", str(a))
    run_kg("site", "--out", str(seeds_build), "-o", str(b))
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    for f in files:
        if f.suffix != ".html":
            continue
        text = (a / f).read_text(encoding="utf-8")
        for attr, url in re.findall(r'\b(href|src)="([^"]*)"', text):
            assert not url.startswith("/") and "://" not in url or (
                attr == "href" and url.startswith(("http://", "https://"))), (f, url)
            if "://" not in url:
                target = (a / f).parent / url.split("#")[0]
                assert target.exists(), (f, url)
    # rebuilding over it replaces it; a folder that is not a site is refused in one line
    run_kg("site", "--out", str(seeds_build), "-o", str(a))
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me", encoding="utf-8")
    bad = run_kg("site", "--out", str(seeds_build), "-o", str(other), check=False)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    assert (other / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_site_escapes_corpus_text(open_page, tmp_path):
    g = hostile_graph()
    s = site.write(g, tmp_path / "s")
    v = open_page(s.path / "index.html", settled=False)
    v.page.fill("#q", "script")
    assert v.page.locator("#results li").count() == 1
    v.page.locator("#results li a").first.click()
    v.page.wait_for_load_state()
    assert EVIL in v.page.inner_text("h1")
    assert "<script>window.__pwned=2</script>" in v.page.inner_text("table")
    assert v.js("document.querySelectorAll('table img, table script, table b').length") == 0
    assert v.js("[...document.querySelectorAll('a')].some(a => a.href.startsWith('javascript:'))") is False
    assert v.js("window.__pwned") is None
