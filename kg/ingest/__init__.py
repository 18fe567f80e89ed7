"""Stage 1: find input files and decode them into `Source`s (or `Skip`s with a reason)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from stat import S_ISREG

from kg.ingest.decode import DecodeError, decode
from kg.ingest.html import page_metadata
from kg.model import Skip, Source

SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
            ".jsonl": "jsonl"}
# JSONL fields that say where an article comes from, by the name kg gives them
# (first one present wins): what scrapers and dataset dumps commonly write.
JSONL_FIELDS = {
    "title": ("title", "headline", "name"),
    "date": ("date", "published", "publish_time", "published_at", "pubdate", "pub_date", "time",
             "datetime", "created_at"),
    "url": ("url", "link", "href", "source_url", "permalink"),
    "publisher": ("publisher", "site", "site_name", "sitename"),
    "source": ("source", "from"),
}
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def list_inputs(paths: Iterable[str | Path], exclude: Iterable[str | Path] = (),
                skipped: list[Skip] | None = None) -> list[tuple[Path, str]]:
    """(file, doc name) for every input file, in a stable order. Folders are walked
    recursively, except the folders in EXCLUDE (the build's own output: `kg build .`
    must not read what it wrote). A doc name is the file's path relative to the
    build's input root, the deepest folder holding every input (one folder given:
    that folder; one file: its folder), so x.txt in two folders is two documents;
    a file met twice is read once. A folder inside that cannot be read, or that is
    a symbolic link (not followed: it may loop or lead out of the input), goes to
    SKIPPED with its reason."""
    skip = {Path(x).resolve() for x in exclude}
    given = [Path(p) for p in paths]
    if not given:
        return []
    root = os.path.commonpath([os.path.abspath(p if p.is_dir() else p.parent) for p in given])
    found: list[tuple[Path, str]] = []
    seen: set[str] = set()

    def name(f: Path) -> str:
        rel = os.path.relpath(os.path.abspath(f), root)
        return doc_name(str(f) if rel == "." else rel)  # the root itself: as it was given

    def add(f: Path) -> None:
        doc = name(f)
        if doc not in seen:
            seen.add(doc)
            found.append((f, doc))

    folders: list[tuple[Path, str]] = []
    for p in given:
        if p.is_dir():
            for f in _walk(p, skip, folders):
                # not only regular files: a FIFO or device is listed, to be skipped with its reason
                if not (skip and any(d in skip for d in f.resolve().parents)):
                    add(f)
        else:
            add(p)
    if skipped is not None:
        skipped.extend(Skip(name(f), why) for f, why in folders)
    return found


def _walk(folder: Path, skip: set[Path], skipped: list[tuple[Path, str]]) -> Iterator[Path]:
    """The files under FOLDER with a suffix kg reads, depth first in name order
    (the order of sorted paths), and (folder, reason) for each one not walked."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        skipped.append((folder, f"folder cannot be read: {exc.strerror or exc}"))
        return
    for e in entries:
        p = Path(e.path)
        try:
            is_dir = e.is_dir()
        except OSError:
            is_dir = False
        if is_dir and e.is_symlink():
            skipped.append((p, "symbolic link to a folder: not followed"))
        elif is_dir:
            if not (skip and p.resolve() in skip):
                yield from _walk(p, skip, skipped)
        elif p.suffix.lower() in SUFFIXES:
            yield p


def doc_name(rel: str) -> str:
    """A relative path as a document's name: '/'-separated, and bytes that are not
    UTF-8 (kept by the file system's surrogateescape) as \\xNN, so that every output
    (JSON, RDF, Neo4j) can hold it and each name still says which file it was."""
    rel = Path(rel).as_posix()
    try:
        raw = rel.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file system made (the API given any str)
        raw = rel.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "backslashreplace")


# A JSONL file over this many bytes is read in pieces of about this size, cut
# after a line, each a task of its own: one large file is read, extracted and
# held a piece at a time, by as many workers as there are (a 30 MB JSONL read
# whole took 2.0 GB).
JSONL_PIECE = 1 << 20

Span = tuple[int, int, int]  # a piece of a file: start byte, end byte, number of its first line


def pieces(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Span | None]:
    """How to read PATH: [None] (whole, in one task) unless it is a regular .jsonl
    file over JSONL_PIECE bytes (and within MAX_BYTES), then its pieces. The file
    is scanned a block at a time for the line ends to cut after."""
    if path.suffix.lower() != ".jsonl":
        return [None]
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return [None]  # read() says why
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        if not S_ISREG(st.st_mode) or not JSONL_PIECE < st.st_size <= max_bytes:
            return [None]
        out: list[Span | None] = []
        start = pos = 0
        line = lines = 1  # number of the piece's first line; of the line at POS
        while block := f.read(JSONL_PIECE):
            cut = 0
            while pos + len(block) - start >= JSONL_PIECE:
                nl = block.find(b"\n", max(cut, start - pos + JSONL_PIECE - 1))
                if nl < 0:
                    break
                lines += block.count(b"\n", cut, nl + 1)
                cut = nl + 1
                out.append((start, pos + cut, line))
                start, line = pos + cut, lines
            lines += block.count(b"\n", cut)
            pos += len(block)
        if pos > start:
            out.append((start, pos, line))
    return out


def _read_regular(path: Path, max_bytes: int, span: Span | None = None):
    """(stat, bytes) of a regular file (of its SPAN only, if given); (None, None)
    for anything else, found without blocking (a FIFO's open would wait for a
    writer); (stat, None) when it holds more than MAX_BYTES, read no further than
    that (a size of 0 is not trusted: /proc files and devices report it)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as f:
        stat = os.fstat(fd)
        if not S_ISREG(stat.st_mode):
            return None, None
        if stat.st_size > max_bytes:
            return stat, None
        if span is not None:
            f.seek(span[0])
            return stat, f.read(span[1] - span[0])
        data = f.read(max_bytes + 1)
    return stat, (data if len(data) <= max_bytes else None)


def read(path: Path, doc: str, max_bytes: int = DEFAULT_MAX_BYTES, span: Span | None = None) -> Iterator[Source | Skip]:
    """Decode one file (or the SPAN of a .jsonl file that `pieces` gave). A .jsonl
    file yields one Source per line holding a ``text`` field."""
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        yield Skip(doc, f"unsupported file type {path.suffix or '(none)'}")
        return
    try:
        stat, data = _read_regular(path, max_bytes, span)
    except OSError as exc:
        yield Skip(doc, f"cannot read: {exc.strerror or exc}")
        return
    if stat is None:
        yield Skip(doc, "not a regular file (a FIFO, device or socket): skipped unread")
        return
    if data is None:
        yield Skip(doc, f"file too large ({stat.st_size} bytes > limit {max_bytes})")
        return
    try:
        text, encoding = decode(data)
    except DecodeError as exc:
        yield Skip(doc, str(exc))
        return
    mtime = datetime.fromtimestamp(stat.st_mtime, timezone.utc).date().isoformat()
    if kind != "jsonl":
        meta = page_metadata(text) if kind == "html" else {}
        yield Source(doc=doc, path=str(path), text=text, encoding=encoding, kind=kind, meta=meta, mtime_date=mtime)
        return
    yield from _jsonl_sources(text, doc, str(path), encoding, mtime, span[2] if span else 1)


def _record_meta(record: dict) -> dict[str, str]:
    meta: dict[str, str] = {}
    for name, keys in JSONL_FIELDS.items():
        for k in keys:
            v = record.get(k)
            if isinstance(v, (str, int, float)) and not isinstance(v, bool) and str(v).strip():
                meta[name] = str(v).strip()
                break
    return meta


def _jsonl_sources(text: str, doc: str, path: str, encoding: str, mtime: str,
                   first: int = 1) -> Iterator[Source | Skip]:
    # Lines end at '\n' only: a JSON string may hold U+2028 or U+0085 as it is,
    # which str.splitlines would cut at.
    for lineno, line in enumerate(text.split("\n"), first):
        if not line.strip():
            continue
        name = f"{doc}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skip(name, f"bad JSON: {exc.msg}")
            continue
        body = record.get("text") if isinstance(record, dict) else None
        if not isinstance(body, str) or not body.strip():
            yield Skip(name, "no 'text' field")
            continue
        kind = {"html": "html", "markdown": "markdown", "md": "markdown"}.get(str(record.get("format")), "text")
        meta = page_metadata(body) if kind == "html" else {}
        meta.update(_record_meta(record))  # the record's own fields say it best
        yield Source(doc=name, path=path, text=body, encoding=encoding, kind=kind, meta=meta, mtime_date=mtime)
