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
import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path

CACHE_DIR = ".cache"
MANIFEST = "manifest.json"

Work = Callable[[Path, str, int], tuple]


@cache
def code_fingerprint() -> str:
    """A hash of kg's code and schema word lists: a change to either is a new cache."""
    import kg
    from kg.resources import data_dir

    h = hashlib.sha256()
    for root in (Path(kg.__file__).parent, data_dir("schema")):
        for p in sorted(root.rglob("*")):
            if p.suffix in (".py", ".txt", ".tsv", ".json", ".ttl") and "__pycache__" not in p.parts:
                h.update(p.name.encode())
                h.update(p.read_bytes())
    return h.hexdigest()[:16]


class Cache:
    """OUT/.cache/<key>.pickle: one file's FilePart (kg.pipeline) by content hash."""

    def __init__(self, out: Path) -> None:
        self.dir = Path(out) / CACHE_DIR
        self.used: set[str] = set()
        self.keys: list[str | None] = []

    def key(self, path: Path, doc: str, max_bytes: int) -> str | None:
        try:
            if path.stat().st_size > max_bytes:
                return None  # skipped unread; nothing worth caching
            data = path.read_bytes()
        except OSError:
            return None
        h = hashlib.sha256(data)
        h.update(f"\x00{doc}\x00{max_bytes}\x00{code_fingerprint()}".encode())
        return h.hexdigest()

    def has(self, key: str) -> bool:
        return (self.dir / f"{key}.pickle").is_file()

    def get(self, key: str):
        try:
            with open(self.dir / f"{key}.pickle", "rb") as f:
                value = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # missing or unreadable: extract again
        self.used.add(key)
        return value

    def put(self, key: str, value) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.dir, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.dir / f"{key}.pickle")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.used.add(key)

    def prune(self, summary: dict) -> None:
        """Drop entries this build did not use (removed or changed files), and
        record which inputs the outputs now in OUT were built from, with SUMMARY
        (their counts, so that an unchanged rebuild need not read them)."""
        if self.dir.is_dir():
            for p in self.dir.iterdir():
                if p.suffix == ".pickle" and p.stem not in self.used:
                    p.unlink(missing_ok=True)
        from kg.atomic import write_lines

        record = {"inputs": sorted(k or "" for k in self.keys), **summary}
        write_lines(self.dir / MANIFEST, [json.dumps(record, sort_keys=True)])

    def invalidate(self) -> None:
        (self.dir / MANIFEST).unlink(missing_ok=True)

    def _manifest(self) -> dict:
        try:
            record = json.loads((self.dir / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return record if isinstance(record, dict) else {}

    def unchanged(self, keys: list[str | None]) -> bool:
        """True when OUT holds the outputs of exactly these inputs, built by this code."""
        self.keys = keys
        if None in keys:
            return False  # an unreadable or oversized file: let the build report it again
        outputs = self.dir.parent
        return self._manifest().get("inputs") == sorted(keys) and all(
            (outputs / f).exists() for f in ("graph.jsonl", "documents.jsonl", "errors.jsonl", "store"))

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
    ctx.set_forkserver_preload(["kg.pipeline"])
    with ProcessPoolExecutor(workers, mp_context=ctx) as ex:
        def pool_map(work: Work, items: Sequence[tuple]):
            if not items:
                return iter(())
            return ex.map(work, *zip(*items), chunksize=max(1, min(16, len(items) // (4 * workers))))
        yield pool_map


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
        with Client(address) as client:
            yield client
