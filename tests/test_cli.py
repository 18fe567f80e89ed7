"""The command line as a user meets it: version, help, and bad input."""

from __future__ import annotations

from conftest import ROOT, run_kg


def test_version_and_short_help():
    import tomllib

    from kg import __version__

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["name"] == "cnkg"  # "kg" on PyPI is another project
    assert run_kg("--version").stdout.strip() == f"kg {__version__} (cnkg)"
    for args in (("-h",), ("build", "-h"), ("viz", "-h")):
        assert "Usage: kg" in run_kg(*args).stdout


def _bad_inputs(build: str, tmp: str) -> list[tuple[list[str], str]]:
    """(arguments, what the one line must say) for every command and option checked."""
    b = ["--out", build]
    return [
        (["nosuchcommand"], "No such command"),
        (["build"], "Missing argument"),
        (["build", "/no/such/dir"], "no such file"),
        (["build", "seeds", "--workers", "-3"], "--workers -3"),
        (["build", "seeds", "--max-bytes", "0"], "--max-bytes 0"),
        (["build", "seeds", "--workers", "x"], "--workers"),
        (["build", "seeds", "--dask", "nope"], "--dask 'nope'"),
        (["build", "seeds", "--dask", "tcp://nohost"], "expected tcp://HOST:PORT"),
        (["build", "seeds", "--dask", "tcp://127.0.0.1:1", "--out", f"{tmp}/dask-out"], "tcp://127.0.0.1:1"),
        (["build", "seeds", "--out", f"{tmp}/a-file"], "not a folder"),
        (["build", "seeds", "--bogus"], "No such option"),
        (["eval", "/no/such/gold"], "not found"),
        (["query", "who-leads", "--limit", "-1", *b], "--limit -1"),
        (["query", "who-leads", "--format", "xls", *b], "--format 'xls'"),
        (["query", "who-leads", "--excel", *b], "--excel"),
        (["query", "who-leads", "-p", "region", *b], "NAME=VALUE"),
        (["query", "no-such-query", *b], "no-such-query"),
        (["query", "--sparql", "SELEC nonsense", *b], "kg"),
        (["query", "who-leads", "--out", f"{tmp}/no-build"], "kg build"),
        (["query", "who-leads", "--neo4j", "bolt://127.0.0.1:1"], "127.0.0.1:1"),
        (["load", "--neo4j", "bolt://127.0.0.1:1", "--batch", "0", *b], "--batch 0"),
        (["load", "--neo4j", "bolt://127.0.0.1:1", *b], "127.0.0.1:1"),
        (["load", "--neo4j", "not a uri", *b], "not a uri"),
        (["export", "-f", "xlsx", *b], "--format 'xlsx'"),
        (["export", "-f", "ttl", "-o", tmp, *b], "is a folder"),
        (["export", "-f", "ttl", "-o", "/no/such/dir/g.ttl", *b], "does not exist"),
        (["export", "-f", "ttl", "-o", "/proc/kg.ttl", *b], "/proc/kg.ttl"),
        (["export", "-f", "csv", *b], "give -o DIR"),
        (["export", "-f", "csv", "-o", f"{tmp}/a-file", *b], "not a folder"),
        (["viz", "--max-nodes", "0", *b], "--max-nodes 0"),
        (["viz", "--hops", "-1", *b], "--hops -1"),
        (["viz", "-p", "region=宝丰县", *b], "--query"),
        (["viz", "--lang", "fr", *b], "--lang 'fr'"),
        (["viz", "-o", tmp, *b], "is a folder"),
        (["viz", "-o", "/no/such/dir/v.html", *b], "does not exist"),
        (["viz", "--entity", "宝丰县", "--region", "宝丰县", "-o", f"{tmp}/v.html", *b], "at most one"),
        (["site", "-o", f"{tmp}/a-file", *b], "not a folder"),
        (["site", "-o", f"{tmp}/not-a-site", *b], "not a kg site"),
        (["site", "--lang", "fr", *b], "--lang 'fr'"),
    ]


def test_every_bad_input_is_one_line_and_exit_2(seeds_build, tmp_path):
    """Each command with each bad input: exit status 2, one line on stderr naming the
    value or file, no traceback; nothing else is left written."""
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    (tmp_path / "not-a-site").mkdir()
    (tmp_path / "not-a-site" / "mine.txt").write_text("keep", encoding="utf-8")
    failures = []
    for args, says in _bad_inputs(str(seeds_build), str(tmp_path)):
        r = run_kg(*args, cwd=ROOT, check=False)
        lines = [x for x in r.stderr.splitlines() if x.strip()]
        if r.returncode != 2 or len(lines) != 1 or "Traceback" in r.stderr or says not in lines[0]:
            failures.append(f"kg {' '.join(args)} -> {r.returncode}: {r.stderr!r}")
    assert failures == []
    assert (tmp_path / "not-a-site" / "mine.txt").read_text(encoding="utf-8") == "keep"
    assert not (tmp_path / "v.html").exists()
    assert not (tmp_path / "dask-out" / "graph.jsonl").exists()  # a failed build writes no output


def test_dask_without_the_extra_is_one_line(tmp_path):
    import subprocess
    import sys

    code = ("import sys; sys.modules['distributed'] = None; sys.argv = ['kg', *sys.argv[1:]]; "
            "from kg.cli import main; main()")
    r = subprocess.run([sys.executable, "-c", code, "build", str(ROOT / "seeds"), "--dask", "local:2",
                        "--out", str(tmp_path / "o")], capture_output=True, text=True)
    assert r.returncode == 2 and r.stderr.strip() == "kg: --dask needs the dask extra: pip install 'cnkg[dask]'"


def test_build_never_reads_its_own_output(tmp_path):
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    first = run_kg("build", ".", "--out", "kg-out", cwd=corpus)
    again = run_kg("build", ".", "--out", "kg-out", "--no-cache", cwd=corpus)
    assert first.stdout.split(":")[0] == again.stdout.split(":")[0] == "8 articles from 5 files"
    assert (corpus / "kg-out" / "errors.jsonl").read_text(encoding="utf-8") == ""


def test_csv_for_excel(seeds_build):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "kg.cli", "query", "who-leads", "-p", "region=宝丰县",
                        "--format", "csv", "--excel", "--out", str(seeds_build)], capture_output=True)
    assert r.returncode == 0
    assert r.stdout.startswith(b"\xef\xbb\xbfofficial,") and b"\r\n" in r.stdout
    assert "王代强".encode() in r.stdout and b"\n\n" not in r.stdout.replace(b"\r\n", b"")
