"""Where kg writes, and how a build folder changes as one unit.

A build never writes into OUT itself. It writes every output (documents,
graph, errors, store, manifest, cache) into a fresh sibling folder
`.OUT.kg-new-PID`, then swaps that folder with OUT in one atomic step
(renameat2 RENAME_EXCHANGE) and removes the old one. A reader, or a build
killed at any moment, only ever sees one whole build in OUT; what a killed
build leaves is a sibling folder that the next build removes.

One build at a time: a build holds an flock on OUT (the folder itself) from its
start to its end; a second one fails at once with one line.

The checks on paths the user names (`--out FOLDER`, `-o FILE`) live here too,
so that every command refuses the same things with the same words.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
from pathlib import Path

MARKER = ".kg-build"  # in every folder kg made; its absence protects a user's folder
MARKER_TEXT = "kg build folder (format 1): kg may replace everything in it\n"
# What kg wrote before the marker existed: such a folder is kg's too.
_LEGACY = ".cache/manifest.json"
_NEW, _OLD = ".kg-new-", ".kg-old-"


class PathError(Exception):
    """A path kg must not or cannot write to, with a one-line message."""


def _forbidden_folder(path: Path) -> str | None:
    real = Path(os.path.realpath(path))
    if real == Path("/"):
        return "is the root folder"
    home = os.path.realpath(os.path.expanduser("~"))
    if str(real) == home:
        return "is the home folder"
    return None


def check_out_folder(path: Path) -> Path:
    """OUT as a folder kg may replace: missing, empty, or made by kg. Returns its real path."""
    path = Path(path)
    why = _forbidden_folder(path)
    if why:
        raise PathError(f"{path}: {why}; give --out a folder of its own")
    if os.path.lexists(path) and not path.is_dir():
        raise PathError(f"{path}: exists and is not a folder")
    real = Path(os.path.realpath(path))
    if real.is_dir():
        try:
            names = os.listdir(real)
        except OSError as exc:
            raise PathError(f"{path}: cannot read the folder: {exc.strerror}") from None
        if names and MARKER not in names and not (real / _LEGACY).is_file():
            raise PathError(f"{path}: a folder kg did not make (no {MARKER} in it) and not empty; "
                            "give --out a new or empty folder")
    parent = real.parent
    if not parent.is_dir():
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PathError(f"{path}: cannot create the folder: {exc.strerror}") from None
    if not os.access(parent, os.W_OK | os.X_OK):
        raise PathError(f"{path}: cannot write in {parent} (a build is written beside OUT, "
                        "then switched in)")
    return real


def check_output_file(path: Path) -> None:
    """-o FILE: only a regular file (or a new one) is ever replaced; a device,
    FIFO, socket, folder or symbolic link is refused (replacing /dev/null with a
    file is what a rename over it does). `-` (stdout) is the caller's business."""
    path = Path(path)
    if os.path.islink(path):
        raise PathError(f"{path}: is a symbolic link; kg writes only regular files")
    if path.exists() and not path.is_file():
        kind = "a folder" if path.is_dir() else "not a regular file (a device, FIFO or socket)"
        raise PathError(f"{path}: is {kind}; kg writes only regular files")


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux renameat2). False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(a))


def _lock(path: Path) -> int | None:
    """An fd holding an exclusive flock on the folder PATH, or None when another holds it."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


class Generation:
    """The folder one build writes (`folder`), switched into OUT by `commit` or
    removed by `discard`. Made by `begin(OUT)`, which also takes OUT's lock."""

    def __init__(self, out: Path, folder: Path, locks: list[int]) -> None:
        self.out, self.folder, self._locks = out, folder, locks

    @property
    def previous(self) -> Path:
        """The build now in OUT (read for its cache while this one is written)."""
        return self.out

    def commit(self) -> None:
        _fsync_dir(self.folder)
        if not _exchange(self.folder, self.out):
            # No atomic swap here: two renames, and `begin` puts OUT back if a
            # run dies between them.
            old = self.out.parent / f".{self.out.name}{_OLD}{os.getpid()}"
            os.rename(self.out, old)
            os.rename(self.folder, self.out)
            self.folder = old
        _fsync_dir(self.out.parent)
        self.discard()  # the old build, now under the temporary name

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        for fd in self._locks:
            os.close(fd)  # closing releases the flock
        self._locks = []


def begin(out: Path) -> Generation:
    """Check OUT, lock it, clean what killed builds left beside it, and make the
    fresh folder the new build is written into. PathError when OUT is refused or
    another build holds it."""
    out = check_out_folder(out)
    parent, name = out.parent, out.name
    for _ in range(10):  # OUT's inode changes when a build switches: lock the one in place
        if not out.is_dir():
            _restore_or_create(out)
        fd = _lock(out)
        if fd is None:
            raise PathError(f"{out}: another kg build is writing into this folder; "
                            "wait for it to end and run again")
        if os.fstat(fd).st_ino == os.stat(out).st_ino:
            break
        os.close(fd)
    else:
        raise PathError(f"{out}: the folder keeps changing under this build")
    try:
        for stale in parent.glob(f".{name}.kg-*"):  # killed builds' folders; the lock says none runs
            shutil.rmtree(stale, ignore_errors=True)
        folder = parent / f".{name}{_NEW}{os.getpid()}"
        folder.mkdir()
        with contextlib.suppress(OSError):
            os.chmod(folder, os.stat(out).st_mode & 0o7777)
        (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        return Generation(out, folder, [fd])
    except BaseException:
        os.close(fd)
        raise


def _restore_or_create(out: Path) -> None:
    olds = sorted(out.parent.glob(f".{out.name}{_OLD}*"))
    if olds:  # a run died between the two renames of the fallback
        with contextlib.suppress(OSError):
            os.rename(olds[0], out)
            return
    out.mkdir(parents=True, exist_ok=True)
    marker = out / MARKER
    if not marker.exists():
        marker.write_text(MARKER_TEXT, encoding="utf-8")


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def is_no_space(exc: BaseException) -> bool:
    """ENOSPC, from the OS or wrapped in a library's message (RocksDB)."""
    return (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)) or (
        "No space left on device" in str(exc))


def check_output_place(path: Path, folder: bool = False) -> None:
    """-o FILE or -o FOLDER, before any work: what `check_output_file` refuses (or, for
    a folder, a file in the way), and a place whose folder is missing or not writable."""
    import tempfile

    path = Path(path)
    if folder:
        if os.path.lexists(path) and not path.is_dir():
            raise PathError(f"{path}: exists and is not a folder")
    else:
        check_output_file(path)
    parent = Path(os.path.realpath(path)).parent
    if not parent.is_dir():
        raise PathError(f"{path}: folder {parent} does not exist")
    try:  # the real test (os.access says yes to root everywhere): a file beside it
        fd, probe = tempfile.mkstemp(prefix=".kg-probe.", dir=parent)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise PathError(f"{path}: cannot write in {parent}: {exc.strerror or exc}") from None
