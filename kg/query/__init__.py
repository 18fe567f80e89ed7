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
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import product
from pathlib import Path

from kg import csvcell
from kg.query import names
from kg.resources import data_dir
from kg.store import Result, StoreError

_PARAM = re.compile(r"#\s*@param\s+(\w+)\s+(optional|required|default=(\S+))\s*(.*)")


@dataclass
class Param:
    name: str
    required: bool = False
    default: str | None = None
    help: str = ""

    @property
    def is_amount(self) -> bool:
        return self.default is not None and _is_number(self.default)

    def convert(self, value: str):
        """Amounts (a parameter whose default is a number) as numbers; dates as ISO dates."""
        if self.is_amount:
            return amount(value, self.name)[0]
        if self.name in DATE_PARAMS:
            return iso_bound(value, self.name, end=self.name == "until")
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
        self._check_names(given)
        bound = {}
        for p in self.params:
            if p.name in given:
                bound[p.name] = p.convert(given[p.name])
            elif p.default is not None:
                bound[p.name] = p.convert(p.default)
            elif p.required:
                raise StoreError(f"query {self.name} needs --param {p.name}=... ({p.help})")
        if "currency" in {p.name for p in self.params}:
            self._bind_currency(given, bound)
        return bound

    def _check_names(self, given: dict[str, str]) -> None:
        """Every given parameter is one the query takes (a date bound: name those that do)."""
        known = [p.name for p in self.params]
        for k in given:
            if k not in known and k in DATE_PARAMS:
                dated = ", ".join(n for n in available() if k in {p.name for p in load(n).params})
                raise StoreError(f"query {self.name} does not take --{k}; the queries that do: {dated}")
            if k not in known:
                accepted = ", ".join(known) or "none"
                raise StoreError(f"query {self.name} has no parameter {k!r} (accepted: {accepted})")

    def _bind_currency(self, given: dict[str, str], bound: dict) -> None:
        """1.5亿美元 for MIN also says which currency, where the query takes one."""
        for p in self.params:
            if not (p.is_amount and p.name in given):
                continue
            cur = amount(given[p.name], p.name)[1]
            if cur and "currency" in given and given["currency"] != cur:
                raise StoreError(f"parameter {p.name}={given[p.name]} is in {cur}, "
                                 f"not currency={given['currency']}")
            if cur:
                bound["currency"] = cur

    def resolve(self, given: dict[str, str], source: names.Names) -> list[dict]:
        """`bind`, with each name parameter resolved to the name of the node it
        stands for (kg.query.names): one binding per node when a name stands for
        several. Raises names.NotFound."""
        bound = self.bind(given)
        choices = []
        for p in self.params:
            if p.name in NAME_TYPES and bound.get(p.name) is not None:
                what = p.name if p.name in ("region", "official", "company", "project") else "entity"
                hits = names.resolve(source, bound[p.name], NAME_TYPES[p.name], what=what)
                choices.append([(p.name, n) for n in dict.fromkeys(e.name for e in hits)])
        return [dict(bound, **dict(combo)) for combo in product(*choices)]


# What a parameter's value names, by the parameter's name (queries/README.md):
# the node types it is looked up among (None: any named node).
NAME_TYPES: dict[str, tuple[str, ...] | None] = {
    "region": ("Region",), "official": ("Official",), "company": ("Company",),
    "project": ("Project",), "name": None, "from": None, "to": None,
}
DATE_PARAMS = ("since", "until")
_DATE = re.compile(r"(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?)?")


def iso_bound(value: str, what: str, end: bool = False) -> str:
    """2023, 2023-02, 2023-2-1, 2023年2月 -> 2023-01-01 (or, as an END bound,
    2023-12-31): ISO dates compare as strings, in SPARQL and in Cypher."""
    m = _DATE.fullmatch(names.key(value))
    if not m:
        raise StoreError(f"{what}: expected a date such as 2023, 2023-02 or 2023-02-24, got {value!r}")
    y, mo, d = m.groups()
    mo_s = f"{int(mo):02d}" if mo else ("12" if end else "01")
    d_s = f"{int(d):02d}" if d else ("31" if end else "01")
    return f"{y}-{mo_s}-{d_s}"


def amount(value: str, what: str) -> tuple[int | float, str | None]:
    """A number, or a sum as the articles write it (40亿, 4000万, 1.5亿美元), in base
    units, with its currency when it names one. The articles' own money grammar."""
    from kg.extract.zh.money import find

    text = names.key(value).replace(",", "")
    if _is_number(text):
        return (float(text) if "." in text or "e" in text.lower() else int(text)), None
    for form in (text, text + "元"):  # 40亿 is 40亿元
        found = find(form)
        if len(found) == 1 and found[0].text == form:
            v = Decimal(found[0].value)
            return (int(v) if v == v.to_integral_value() else float(v)), found[0].currency
    raise StoreError(f"parameter {what}: expected a number or a sum such as 40亿, 4000万 or 1.5亿美元, "
                     f"got {value!r}")


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
    known = available()
    if name not in known:
        raise StoreError(f"no query named {name!r}; available: {', '.join(known)}")
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

    store = store if store is not None else open_default(out)
    return run(name, params, store, graph=lambda: _read_graph(out), **limits)


def run_cypher(name: str, params: dict[str, str], store) -> Result:
    """Run canned query NAME's Cypher version on STORE (a kg.store.cypher.Neo4jStore)."""
    return run(name, params, store)


def _read_graph(out: Path):
    from kg.graph import read_jsonl

    path = Path(out) / "graph.jsonl"
    if not path.exists():
        raise StoreError(f"{path}: not found; run `kg build` first")
    return read_jsonl(path)


def is_cypher(store) -> bool:
    """Neo4j answers Cypher; the embedded stores answer SPARQL."""
    from kg.store import OxigraphStore, RdflibStore

    return not isinstance(store, (OxigraphStore, RdflibStore))


def run(name: str, params: dict[str, str], store, *, graph: Callable[[], object] | None = None,
        **limits) -> Result:
    """Run canned query NAME on STORE: its Cypher version on Neo4j, its SPARQL
    version on an embedded store (or, for queries SPARQL cannot say, such as
    `path`, networkx on GRAPH, a callable that gives the kg.graph.Graph).
    Names in PARAMS are resolved to the graph's nodes first (kg.query.names);
    NotFound when one names nothing. LIMITS (`timeout`, `max_rows`) go to the
    embedded store's select."""
    q = load(name)
    cypher = is_cypher(store)
    text = q.cypher if cypher else q.sparql
    local = None if cypher else NETWORKX.get(name)
    if text is None and local is None:
        raise StoreError(f"query {name} has no {'Cypher' if cypher else 'SPARQL'} version")
    source = names.CypherNames(store) if cypher else names.SparqlNames(store)
    result: Result | None = None
    for bound in q.resolve(params, source):
        if local is not None:
            if graph is None:
                raise StoreError(f"query {name} runs on the graph; give its build folder")
            part = local(graph(), bound)
        elif cypher:
            # Every declared parameter is passed; one not given is null ("any").
            part = store.select(text, {p.name: bound.get(p.name) for p in q.params})
        else:
            part = store.select(text, bound, **limits).without(p.name for p in q.params)
        result = part if result is None else _union(result, part)
    assert result is not None
    return result


def _union(a: Result, b: Result) -> Result:
    """A's rows then B's new ones (a name that stands for two nodes runs once for each)."""
    seen = {json.dumps(r, sort_keys=True, default=str) for r in a.rows}
    rows = list(a.rows)
    for r in b.rows:
        k = json.dumps(r, sort_keys=True, default=str)
        if k not in seen:
            seen.add(k)
            rows.append(r)
    return Result(a.columns or b.columns, rows, a.truncated or b.truncated)


def _path(graph, bound: dict) -> Result:
    from kg.query.path import shortest

    return shortest(graph, bound["from"], bound["to"])


# Queries answered in Python on the embedded side (their Cypher twin is NAME.cypher).
NETWORKX: dict[str, Callable[[object, dict], Result]] = {"path": _path}
