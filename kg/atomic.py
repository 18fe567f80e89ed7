"""Write files so that a reader never sees half of one: temp file, fsync, rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from kg.outdir import check_output_file

# mkstemp creates files readable by the owner only; outputs are meant to be shared.
_UMASK = os.umask(0)
os.umask(_UMASK)


def write_lines(path: Path, lines: Iterable[str]) -> None:
    with LineWriter(path) as w:
        for line in lines:
            w.write(line)


class Staged:
    """Output written to a temporary place: `commit` puts it in place, `discard`
    removes it. As a `with` block: commit when it ends without an error, else discard."""

    def commit(self) -> None:
        raise NotImplementedError

    def discard(self) -> None:
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *_) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


class LineWriter(Staged):
    """Lines written to a temporary file beside PATH, which replaces PATH when the
    `with` block ends without an error, and is removed when it ends with one (or
    on `discard`). Meant for outputs written bit by bit over a long run."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        check_output_file(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        self._f = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def write(self, line: str) -> None:
        self._f.write(line)
        self._f.write("\n")

    def commit(self) -> None:
        try:
            self._f.flush()
            os.fsync(self._f.fileno())
            self._f.close()
            os.chmod(self.tmp, 0o666 & ~_UMASK)
            os.replace(self.tmp, self.path)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        self._f.close()
        Path(self.tmp).unlink(missing_ok=True)


