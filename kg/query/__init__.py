"""Canned queries: `queries/NAME.rq` (SPARQL) and `queries/NAME.cypher` (Neo4j).

Each file starts with a comment header that documents it:

    # Officials and the posts they hold or the bodies they lead.
    # @param region  optional         a region's name, e.g. 宝丰县
    # @param min     default=100000000 lower bound in CNY

A parameter is bound as a value by the engine (a SPARQL variable `?region`, a
Cypher parameter `$region`); an optional parameter left out stays unbound,
which the query reads as "any": `FILTER(COALESCE(?region, ?r, "") = COALESCE(?r, ""))`
(not `!BOUND(?region)`, which Oxigraph 0.5 evaluates before substituting). SPARQL
queries project their parameters (Oxigraph substitutes only projected
variables); the runner drops those columns.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kg import csvcell
from kg.resources import data_dir
from kg.store import Result, StoreError

_PARAM = re.compile(r"#\s*@param\s+(\w+)\s+(optional|required|default=(\S+))\s*(.*)")


@dataclass
class Param:
    name: str
    required: bool = False
    default: str | None = None
    help: str = ""

    def convert(self, value: str):
        """Numbers stay numbers when the parameter's default is one."""
        if self.default is not None and _is_number(self.default) and _is_number(value):
            return float(value) if "." in value or "e" in value.lower() else int(value)
        if self.default is not None and _is_number(self.default):
            raise StoreError(f"parameter {self.name}: expected a number, got {value!r}")
        return value


@dataclass
class Canned:
    name: str
    description: str
    params: list[Param] = field(default_factory=list)
    sparql: str | None = None
    cypher: str | None = None

    def bind(self, given: dict[str, str]) -> dict:
        """User parameters checked against the header, converted, defaults filled in."""
        known = {p.name: p for p in self.params}
        for k in given:
            if k not in known:
                accepted = ", ".join(known) or "none"
                raise StoreError(f"query {self.name} has no parameter {k!r} (accepted: {accepted})")
        bound = {}
        for p in self.params:
            if p.name in given:
                bound[p.name] = p.convert(given[p.name])
            elif p.default is not None:
                bound[p.name] = p.convert(p.default)
            elif p.required:
                raise StoreError(f"query {self.name} needs --param {p.name}=... ({p.help})")
        return bound


def _is_number(s: str) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?([eE][+-]?\d+)?", s) is not None


def queries_dir() -> Path:
    return data_dir("queries")


def _header(text: str) -> tuple[str, list[Param]]:
    desc, params = [], []
    for line in text.splitlines():
        s = line.strip()
        if not s.startswith(("#", "//")):
            break
        s = "#" + s.lstrip("#/")
        m = _PARAM.match(s)
        if m:
            name, kind, default, help_ = m.groups()
            params.append(Param(name, kind == "required", default, help_.strip()))
        elif not params:
            desc.append(s.lstrip("# ").strip())
    return " ".join(d for d in desc if d), params


def available() -> list[str]:
    return sorted({p.stem for p in queries_dir().glob("*.rq")} |
                  {p.stem for p in queries_dir().glob("*.cypher")})


def load(name: str) -> Canned:
    names = available()
    if name not in names:
        raise StoreError(f"no query named {name!r}; available: {', '.join(names)}")
    d = queries_dir()
    rq, cy = d / f"{name}.rq", d / f"{name}.cypher"
    sparql = rq.read_text(encoding="utf-8") if rq.exists() else None
    cypher = cy.read_text(encoding="utf-8") if cy.exists() else None
    desc, params = _header(sparql or cypher or "")
    return Canned(name, desc, params, sparql, cypher)


# --- output ---------------------------------------------------------------

def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return format(v, "g")
    return str(v)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def format_table(result: Result) -> str:
    """An aligned text table; Han characters count as two columns."""
    cols = result.columns
    cells = [[_cell(r.get(c)) for c in cols] for r in result.rows]
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(cols)]

    def line(values):
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(cols), line(["-" * w for w in widths])]
    out += [line(row) for row in cells]
    out.append(f"({len(result.rows)} rows)")
    return "\n".join(out)


def format_json(result: Result) -> str:
    return json.dumps(result.rows, ensure_ascii=False, indent=1)


def format_csv(result: Result) -> str:
    rows = ({c: r.get(c) for c in result.columns} for r in result.rows)
    return "\n".join(csvcell.lines(result.columns, rows, _cell))


FORMATS = {"table": format_table, "json": format_json, "csv": format_csv}


def run_sparql(name: str, params: dict[str, str], out: Path, store=None, **limits) -> Result:
    """Run canned query NAME on STORE, by default the embedded store of build folder OUT.
    LIMITS: `timeout` (seconds) and `max_rows`, as OxigraphStore.select takes them."""
    from kg.store import open_default

    q = load(name)
    if q.sparql is None:
        raise StoreError(f"query {name} has no SPARQL version")
    store = store if store is not None else open_default(out)
    return store.select(q.sparql, q.bind(params), **limits).without(p.name for p in q.params)


def run_cypher(name: str, params: dict[str, str], store) -> Result:
    """Run canned query NAME's Cypher version on STORE (a kg.store.cypher.Neo4jStore)."""
    q = load(name)
    if q.cypher is None:
        raise StoreError(f"query {name} has no Cypher version")
    bound = q.bind(params)
    # Every declared parameter is passed; one not given is null ("any").
    return store.select(q.cypher, {p.name: bound.get(p.name) for p in q.params})
