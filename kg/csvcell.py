"""CSV cells that a spreadsheet will not run as formulas (OWASP's CSV injection rule)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    """VALUE for a CSV cell: text starting with = + - @ tab or CR gets a leading
    apostrophe, which spreadsheets show as text and never evaluate. Numbers pass
    as they are (a negative amount stays a number)."""
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value


def lines(fields: list[str], rows: Iterable[dict], cell: Callable = lambda v: v) -> Iterator[str]:
    """The header, then one CSV line per row (without its line end), every value
    made `safe`, then shown by CELL. Cells holding CR or LF are quoted (the csv module quotes
    only its line terminator's characters, so it is told CRLF and the CRLF is cut)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\r\n")
    w.writeheader()
    yield buf.getvalue()[:-2]
    for r in rows:
        buf.seek(0)
        buf.truncate()
        w.writerow({k: cell(safe(v)) for k, v in r.items()})
        yield buf.getvalue()[:-2]
