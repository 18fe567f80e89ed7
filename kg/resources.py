"""Find the project's data folders (schema/, queries/) and load word lists.

Word lists live as plain text in ``schema/lexicons/``: one entry per line,
``#`` starts a comment. In a source checkout they sit next to ``kg/``; in an
installed wheel they are copied to ``kg/_data/``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder ``schema`` or ``queries``, wherever it was installed."""
    for candidate in (_HERE.parent / name, _HERE / "_data" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg data folder {name!r} not found next to {_HERE}")


@cache
def lexicon(name: str) -> tuple[str, ...]:
    """Entries of ``schema/lexicons/NAME.txt`` in file order, comments and blanks dropped."""
    path = data_dir("schema") / "lexicons" / f"{name}.txt"
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append(line)
    return tuple(entries)


@cache
def lexicon_map(name: str) -> dict[str, str]:
    """A lexicon whose lines are ``key<TAB or spaces>value``."""
    out: dict[str, str] = {}
    for entry in lexicon(name):
        key, *value = entry.split(None, 1)
        out[key] = value[0].strip() if value else ""
    return out
