from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from bolt import BoltServer, neo4j_server, neo4j_version

from kg.graph import Edge, Graph, Node

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "eval" / "gold"  # the seeds' gold facts (docs/SCHEMA.md)
DEV = ROOT / "eval" / "dev"  # twenty further articles; their gold is in DEV / "gold"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def run_kg(*args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run the real `kg` command line in a subprocess, as a user would."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory) -> Path:
    """The seeds built once for the whole session, through the CLI."""
    out = tmp_path_factory.mktemp("seeds-out")
    run_kg("build", str(SEEDS), "--out", str(out))
    return out


def _example(help_: str) -> str | None:
    m = re.search(r"e\.g\.\s*([^\s,]+)", help_)
    return m.group(1) if m else None


# Queries with nothing to find on the seeds (no conflicting sums, ...): their
# twins are compared on the corpus tests/test_time.py writes for them.
OWN_CORPUS = {"conflicts", "path", "duplicates"}


def canned_cases() -> Iterator[tuple[str, dict]]:
    """Every canned query: without parameters (when none is required) and with
    the example values its header gives."""
    from kg import query as q

    for name in q.available():
        if name in OWN_CORPUS:
            continue
        c = q.load(name)
        if not any(p.required for p in c.params):
            yield name, {}
        given = {p.name: _example(p.help) for p in c.params if _example(p.help)}
        if given:
            yield name, given
    yield "top-investments", {"min": "0"}


_STARTED: list[BoltServer] = []


@pytest.fixture(scope="session")
def dev_build(tmp_path_factory) -> Path:
    """The dev corpus built once for the whole session, through the CLI (the files,
    not the folder, which also holds the gold)."""
    out = tmp_path_factory.mktemp("dev-out")
    run_kg("build", *map(str, sorted(DEV.glob("*.txt"))), "--out", str(out))
    return out


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory) -> Iterator[BoltServer]:
    """Neo4j 5 itself (embedded, Bolt on 127.0.0.1; tests/bolt.py), started once per session."""
    with neo4j_server(tmp_path_factory.mktemp("neo4j")) as server:
        _STARTED.append(server)
        yield server


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"


def _chromium_or_skip() -> None:
    """Skip browser tests with a reason where Chromium is missing; in CI (CI=true, set by
    .ci/run) that is a failure, so the view tests can never be skipped there unnoticed."""
    if Path(CHROMIUM).exists():
        return
    why = f"{CHROMIUM} not found: apt-get install chromium fonts-noto-cjk (.ci/run does)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI: the browser tests would be skipped: {why}", pytrace=False)
    pytest.skip(why)


@pytest.fixture(scope="session")
def browser():
    _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


class Opened:
    """A page opened with every request off the machine blocked and recorded."""

    def __init__(self, page, errors, requests, seconds):
        self.page, self.errors, self.requests, self.seconds = page, errors, requests, seconds

    def js(self, expr):
        return self.page.evaluate(expr)


@pytest.fixture
def open_page(browser):
    pages = []

    def _open(path, settled: bool = True, **context) -> Opened:
        ctx = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True,
                                  **context)
        page = ctx.new_page()
        pages.append(ctx)
        errors, requests = [], []
        page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: errors.append(str(e)))

        def route(r):
            url = r.request.url
            requests.append(url)
            return r.continue_() if url.startswith(("file:", "data:", "blob:")) else r.abort()

        ctx.route("**/*", route)
        t0 = time.perf_counter()
        page.goto(Path(path).resolve().as_uri())
        if settled:
            page.wait_for_function("document.body.dataset.settled === 'yes'", timeout=60000)
        return Opened(page, errors, [u for u in requests if not u.startswith(("file:", "data:", "blob:"))],
                      time.perf_counter() - t0)

    yield _open
    for c in pages:
        c.close()


def pytest_report_header(config) -> str:
    return (f"Neo4j tests: Neo4j {neo4j_version()} embedded with its Bolt connector "
            "(tests/neo4j, from Maven Central), started once per session on 127.0.0.1")


def pytest_terminal_summary(terminalreporter) -> None:
    for server in _STARTED:
        terminalreporter.write_line(f"Neo4j tests ran against {server.version} at {server.uri}")


EVIL = "<img src=x onerror=window.__pwned=1>"


def hostile_graph() -> Graph:
    """A graph whose every corpus text tries to run script (window.__pwned = 1..4):
    a name, an alias, a document title and address, a sentence. Views and the site
    must show all of it as text."""
    g = Graph()
    g.add_node(Node("official:x/" + EVIL, "Official", EVIL, ["<script>window.__pwned=4</script>"]))
    g.add_node(Node("region:某县", "Region", "某县", [], {"level": "county"}))
    g.add_node(Node("doc:a.txt#0", "Document", "t", [], {"path": "a.txt", "article": 0,
                    "title": "<b>标题</b>", "url": "javascript:window.__pwned=3"}))
    g.add_edge(Edge("HOLDS_POSITION", "official:x/" + EVIL, "region:某县", {"title": "县长"}, [{
        "doc": "a.txt", "article": 0, "start": 0, "end": 9, "extractor": "test", "confidence": 1,
        "text": "</script><script>window.__pwned=2</script>县长"}]))
    return g
