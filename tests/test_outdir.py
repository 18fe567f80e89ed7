"""Issue 20: the build folder changes as one unit, one build at a time, with no
process left behind, and kg writes only where it may."""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import run_kg, seed

from kg.pipeline_exec import tree_hash

OUTPUTS = ("documents.jsonl", "graph.jsonl", "errors.jsonl", "manifest.json")


def snapshot(out: Path) -> dict:
    """The build in OUT as a whole: its files' bytes and its store, checked
    against the checksums its manifest recorded."""
    snap = {f: (out / f).read_bytes() for f in OUTPUTS}
    sums = json.loads(snap["manifest.json"])["sha256"]
    for f in ("documents.jsonl", "graph.jsonl", "errors.jsonl", "store"):
        assert tree_hash(out / f) == sums[f], f  # a file of another build, or half of one
    return snap


def same_build(a: dict, b: dict) -> bool:
    """Two snapshots of builds of the same inputs by the same code: a store's
    RocksDB files differ from one load to the next (its checksum against its own
    manifest was checked by `snapshot`), all else is byte for byte the same."""
    def content(snap: dict) -> dict:
        m = json.loads(snap["manifest.json"])
        del m["sha256"]["store"]
        return {**snap, "manifest.json": m}
    return content(a) == content(b)


def _descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                parents[int(d.name)] = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    found, todo = set(), [pid]
    while todo:
        p = todo.pop()
        kids = {c for c, pp in parents.items() if pp == p}
        todo.extend(kids - found)
        found |= kids
    return found


def _alive(pids: set[int], within: float = 5.0) -> set[int]:
    """PIDS still running (not zombies) after waiting up to WITHIN seconds."""
    end = time.monotonic() + within
    while True:
        alive = set()
        for p in pids:
            try:
                state = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state != "Z":
                alive.add(p)
        if not alive or time.monotonic() > end:
            return alive
        time.sleep(0.1)


def _kg(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg.cli", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def test_sigkill_loop_leaves_one_whole_build_and_no_process(tmp_path):
    corpus, out = tmp_path / "in", tmp_path / "out"
    corpus.mkdir()
    for prefix in ("000", "004"):
        shutil.copy(seed(prefix), corpus)
    t0 = time.perf_counter()
    run_kg("build", str(corpus), "--out", str(out), "--no-cache")
    full = time.perf_counter() - t0
    previous = snapshot(out)
    rnd = random.Random(20)
    kills, rounds, took = 0, 0, full
    while kills < 20 and rounds < 40:  # 20 kills that landed while a build ran
        i, rounds = rounds, rounds + 1
        # an edit between builds: a new fact in one file, or a file more or less
        extra = corpus / "extra.txt"
        if i % 3 == 2 and extra.exists():
            extra.unlink()
        else:
            with open(corpus / seed("000").name, "a", encoding="utf-8") as f:
                f.write(f"\n第{i}次会议上，县长李{'一二三四五六七八九十'[i % 10]}强主持召开项目推进会。\n")
            if i % 3 == 1:
                shutil.copy(seed("003"), extra)
        p = _kg("build", str(corpus), "--out", str(out), "--workers", str(1 + i % 2))
        time.sleep(took * rnd.uniform(0.05, 1.0))
        kids = _descendants(p.pid)
        p.send_signal(signal.SIGKILL)
        p.wait()
        kills += p.returncode == -signal.SIGKILL
        assert not _alive(kids), f"kill {i}: processes of the build survived"
        seen = snapshot(out)
        t0 = time.perf_counter()
        run_kg("build", str(corpus), "--out", str(out))
        took = time.perf_counter() - t0  # the next kill lands within a build like this one
        after = snapshot(out)
        assert same_build(seen, previous) or same_build(seen, after), f"kill {i}: a mixed folder"
        previous = after
    assert kills >= 20, (kills, rounds)
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")]
    clean = tmp_path / "clean"
    run_kg("build", str(corpus), "--out", str(clean), "--no-cache")
    for f in ("documents.jsonl", "graph.jsonl", "errors.jsonl"):
        assert (clean / f).read_bytes() == (out / f).read_bytes()


def test_killed_parallel_build_leaves_no_process(tmp_path):
    out = tmp_path / "out"
    p = _kg("build", str(seed("000").parent), "--out", str(out), "--workers", "2", "--no-cache")
    end = time.monotonic() + 60
    kids: set[int] = set()
    while len(kids) < 3 and time.monotonic() < end:  # forkserver, tracker, workers
        kids = _descendants(p.pid)
        time.sleep(0.1)
    assert len(kids) >= 3
    time.sleep(0.5)
    kids = _descendants(p.pid)
    p.send_signal(signal.SIGKILL)
    p.wait()
    assert not _alive(kids)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_sigint_and_sigterm_stop_a_build_within_a_second(tmp_path, sig):
    out = tmp_path / "out"
    run_kg("build", str(seed("004")), "--out", str(out))
    before = snapshot(out)
    p = _kg("build", str(seed("000").parent), "--out", str(out), "--workers", "2", "--no-cache")
    end = time.monotonic() + 60
    while len(_descendants(p.pid)) < 4 and time.monotonic() < end:  # the workers are at work
        time.sleep(0.1)
    time.sleep(0.5)
    kids = _descendants(p.pid)
    t0 = time.monotonic()
    p.send_signal(sig)
    err = p.communicate(timeout=30)[1]
    took = time.monotonic() - t0
    assert p.returncode == 130 and err.strip().count("\n") == 0 and "interrupted" in err
    assert took < 1.5, took  # one second, and some room for a loaded machine
    assert not _alive(kids)
    assert snapshot(out) == before
    assert not [q for q in tmp_path.iterdir() if q.name.startswith(".out.")]


def test_a_second_build_into_the_same_folder_fails_with_one_line(tmp_path):
    out = tmp_path / "out"
    run_kg("build", str(seed("004")), "--out", str(out))
    before = snapshot(out)
    fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as a running build holds it
    try:
        r = run_kg("build", str(seed("000")), "--out", str(out), check=False)
    finally:
        os.close(fd)
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert "another kg build" in r.stderr and "Traceback" not in r.stderr
    assert snapshot(out) == before
    # two real builds at once: one wins, the other says so in one line; the folder is whole
    procs = [_kg("build", str(seed("000").parent), "--out", str(out), "--no-cache") for _ in range(2)]
    errs = [p.communicate(timeout=300)[1] for p in procs]
    codes = sorted(p.returncode for p in procs)
    assert codes[0] == 0 and codes[1] in (0, 2), errs
    for p, e in zip(procs, errs):
        if p.returncode == 2:
            assert "another kg build" in e and e.count("\n") == 1
    snapshot(out)


def test_damaged_or_planted_output_is_rebuilt_never_run(tmp_path):
    out = tmp_path / "out"
    run_kg("build", str(seed("004")), "--out", str(out))
    good = snapshot(out)
    # an unchanged rebuild over a truncated graph.jsonl builds again
    g = out / "graph.jsonl"
    g.write_bytes(g.read_bytes()[: g.stat().st_size // 2])
    run_kg("build", str(seed("004")), "--out", str(out))
    assert same_build(snapshot(out), good)
    # a pickle that would run code, planted as the cache entry, is never loaded
    flag = tmp_path / "ran"
    payload = (b"cos\nsystem\n(S'touch " + str(flag).encode() + b"'\ntR.")
    for entry in (out / ".cache").iterdir():
        entry.write_bytes(payload)
    (out / "manifest.json").unlink()
    run_kg("build", str(seed("004")), "--out", str(out))
    assert not flag.exists()
    assert same_build(snapshot(out), good)
    entry = next((out / ".cache").iterdir())
    with gzip.open(entry, "rt", encoding="utf-8") as f:
        assert json.load(f)["format"] == 1  # rebuilt as data
    assert (out / ".cache").stat().st_mode & 0o077 == 0  # the owner's only


def test_out_refuses_folders_kg_did_not_make(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("keep me")
    (mine / "store").mkdir()
    cases = {str(mine): "kg did not make", "/": "root folder", os.path.expanduser("~"): "home folder",
             str(mine / "thesis.tex"): "not a folder", "/proc/kg-out": "cannot"}
    for target, words in cases.items():
        r = run_kg("build", str(seed("004")), "--out", target, check=False)
        assert r.returncode == 2 and words in r.stderr, (target, r.stderr)
        assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert sorted(p.name for p in mine.iterdir()) == ["store", "thesis.tex"]
    empty = tmp_path / "empty"
    empty.mkdir()
    run_kg("build", str(seed("004")), "--out", str(empty))  # an empty folder is fine
    assert (empty / ".kg-build").is_file()


def test_output_file_must_be_a_regular_file(tmp_path, seeds_build):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    target = tmp_path / "real.html"
    target.write_text("mine")
    link = tmp_path / "link.html"
    link.symlink_to(target)
    for dest in (fifo, link, tmp_path):
        for cmd in (["viz", "-o", str(dest)], ["export", "-f", "nt", "-o", str(dest)]):
            r = run_kg(*cmd, "--out", str(seeds_build), check=False)
            assert r.returncode == 2 and r.stderr.count("\n") == 1, (cmd, r.stderr)
            assert "regular file" in r.stderr
    assert fifo.is_fifo() and link.is_symlink() and target.read_text() == "mine"


def _mount_tmpfs(path: Path, size: str) -> bool:
    path.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                       capture_output=True)
    return r.returncode == 0


def test_full_disk_gives_one_line_and_keeps_the_previous_build(tmp_path):
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "2m"):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        out = disk / "out"
        run_kg("build", str(seed("004")), "--out", str(out))
        before = snapshot(out)
        r = run_kg("build", str(seed("000").parent), "--out", str(out), "--workers", "1", check=False)
        assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
        assert "no space left" in r.stderr and "Traceback" not in r.stderr
        assert snapshot(out) == before
        assert sorted(p.name for p in disk.iterdir()) == ["out"]  # nothing left beside it
        run_kg("build", str(seed("003")), "--out", str(out))
        snapshot(out)
        assert sorted(p.name for p in disk.iterdir()) == ["out"]
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)
