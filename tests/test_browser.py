"""Neo4j Browser as a user sees it: its static files (org.neo4j.client:neo4j-browser
from Maven Central) served on 127.0.0.1, opened in headless Chromium with every
request off the machine blocked, connected to the test server over Bolt, running
the README's three Browser queries; the test reads what Browser shows."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ARTIFACTS, ROOT, SEEDS, run_kg

from kg.store.cypher import Neo4jStore

LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")


def _readme_queries() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use with Neo4j", 1)[1].split("\n## ", 1)[0]
    return [b.strip() for b in re.findall(r"```cypher\n(.*?)```", section, re.S)]


@pytest.fixture(scope="module")
def browser_files(tmp_path_factory) -> Path:
    """Neo4j Browser's files, out of the jar Maven put on the launcher's classpath."""
    cp = (ROOT / "tests" / "neo4j" / "target" / "classpath.txt").read_text().split(":")
    jar = next(p for p in cp if Path(p).name.startswith("neo4j-browser-"))
    out = tmp_path_factory.mktemp("neo4j-browser")
    with zipfile.ZipFile(jar) as z:
        z.extractall(out, [n for n in z.namelist() if n.startswith("browser/")])
    return out


@pytest.fixture(scope="module")
def browser_url(browser_files):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                             "--directory", str(browser_files)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None, "http.server did not start"
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/browser/"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_readme_queries_in_neo4j_browser(bolt_server, seeds_build, browser, browser_url):
    with Neo4jStore(bolt_server.uri, bolt_server.user, bolt_server.password,
                    bolt_server.database) as s:
        s._write("MATCH (n) DETACH DELETE n")
    run_kg("load", "--out", str(seeds_build), *bolt_server.args())
    with Neo4jStore(bolt_server.uri, bolt_server.user, bolt_server.password,
                    bolt_server.database) as s:
        officials = s.select("MATCH (o:Official {scope: '宝丰县'})-[:HOLDS_POSITION|LEADS]->() "
                             "RETURN count(DISTINCT o) AS n").rows[0]["n"]
        projects = s.select("MATCH (:Region {name: '宝丰县'})-[:IMPLEMENTS]->(p:Project) "
                            "RETURN count(DISTINCT p) AS n").rows[0]["n"]
    assert officials and projects

    ctx = browser.new_context(viewport={"width": 1400, "height": 2100})  # all three frames
    off_machine = []

    def route(r):
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:  # Browser asks for web fonts; nothing leaves the machine
            off_machine.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    page = ctx.new_page()
    port = bolt_server.uri.rsplit(":", 1)[1]
    page.goto(f"{browser_url}?dbms=bolt://{bolt_server.user}@127.0.0.1:{port}"
              f"&db={bolt_server.database}", timeout=120_000)
    page.fill("input[data-testid=password]", bolt_server.password, timeout=120_000)
    page.click("button[data-testid=connect]")
    page.wait_for_selector("text=You are connected", timeout=120_000)
    queries = _readme_queries()
    for q in queries:
        page.locator(".monaco-editor textarea").first.click()
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
        page.keyboard.insert_text(q)
        page.keyboard.press("Control+Enter")
        # a new frame's status line says the records came
        page.wait_for_function(
            "n => document.querySelectorAll('[data-testid=frame]').length >= n && "
            "/completed after|Displaying \\d+ nodes/.test(document.querySelector('[data-testid=frame]').innerText)",
            arg=queries.index(q) + 2, timeout=120_000)
    # newest frame first; the first frame is the connection's
    frames = [f.inner_text() for f in page.query_selector_all("[data-testid=frame]")][:3][::-1]
    people, county, sentences = frames

    # 1: the graph view of who holds or leads what in 宝丰县
    assert f"Official ({officials})" in people and "王代强" in people and "HOLDS_POSITION" in people
    # 2: the county's projects as a graph, with their companies and investments
    assert f"Project ({projects})" in county and "Region (1)" in county and "宝丰县" in county
    # 3: the table: 王代强 is 县委书记 of 宝丰县, with the sentences and their offsets
    rows = [ln.split("\t") for ln in sentences.splitlines() if ln.startswith("\t\"")]
    assert any(r[1:4] == ['"HOLDS_POSITION"', '"县委书记"', '"宝丰县"'] for r in rows), rows
    for r in rows:  # each offset points into the original file, where the sentence is
        doc, start, sentence = r[4].strip('"'), int(r[5]), r[6].strip('"')
        original = (SEEDS / doc).read_text(encoding="utf-8")
        assert "王代强" in original[start:start + len(sentence)], (doc, start, sentence)
    assert any("县委书记王代强" in r[6] for r in rows)
    assert all(not u.startswith(LOCAL) for u in off_machine)

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "neo4j-browser.png"), full_page=True)
    ctx.close()
