"""Neo4j over Bolt: load the graph with the official driver, run Cypher.

The property-graph mapping (also used by the neo4j-csv export):
- a node is `(:<type> {id, name, aliases, <props>})`, one label per node type,
  with a uniqueness constraint on `id` for each label;
- a relationship is `[:<TYPE> {id, <props>, prov_*}]`; `id` is the fact id the
  RDF mapping uses (`fact/<hash>`), and provenance is a set of parallel lists,
  one entry per sentence: `prov_doc`, `prov_article`, `prov_start`, `prov_end`,
  `prov_text`, `prov_extractor`, `prov_confidence`, `prov_document` (the id of
  the Document node) and `prov_id` (the evidence id, which keeps a second load
  from adding a sentence twice).
  Neo4j cannot point at a relationship, so lists rather than evidence nodes;
  `UNWIND range(0, size(r.prov_doc) - 1) AS i` reads them back row by row.

Writes are `UNWIND $rows … MERGE` batches, one query per label and per
(type, source label, target label), each in a managed transaction that the
driver retries on transient errors. MERGE on ids makes loading idempotent,
and a second corpus merges into the first: the rows that meet an entity with
other values go through a second query that merges them (see _stale).

The Cypher is Neo4j 5's; the tests run it on Neo4j 5.26 itself (tests/bolt.py).
"""

from __future__ import annotations

import contextlib
import gc
import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kg.graph import Edge, Graph, Node
from kg.model import document_id
from kg.rdf import fact_ids
from kg.store import Result, StoreError, StoreWriter, first_line

PROV_FIELDS = ("doc", "article", "start", "end", "text", "extractor", "confidence", "project_stage")


# Run once per label before loading; without it MERGE scans (quadratic).
ID_CONSTRAINT = "CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"


# --- the mapping ------------------------------------------------------------

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _symbol(s: str) -> str:
    """A label or relationship type, checked: it is pasted into the query text."""
    if not _NAME.fullmatch(s):
        raise StoreError(f"cannot use {s!r} as a Neo4j label or relationship type")
    return s


def _keep(v) -> bool:
    # As in the RDF mapping: an empty value is no property at all.
    return v is not None and v != ""


def node_properties(node: Node) -> dict:
    props = {"id": node.id, "name": node.name, "aliases": sorted(node.aliases)}
    props.update({k: v for k, v in sorted(node.props.items()) if _keep(v) and k not in props})
    return props


_PROV_NAMES = tuple(f"prov_{f}" for f in PROV_FIELDS)


def edge_row(edge: Edge) -> dict:
    """A relationship as `kg load` sends it: its fact id, its properties (`id`
    among them) and the provenance lists, one entry per sentence."""
    prov = edge.sorted_provenance() if len(edge.provenance) > 1 else edge.provenance
    fid, evidence = fact_ids(edge, prov)
    props = {"id": fid}
    props.update({k: v for k, v in sorted(edge.props.items()) if _keep(v) and k != "id"})
    row = {"id": fid, "props": props}
    # a list holds no nulls in Neo4j: a sentence that gives no stage has ""
    columns = list(zip(*[[p.get(f, "") for f in PROV_FIELDS] for p in prov])) or [()] * len(PROV_FIELDS)
    row.update(zip(_PROV_NAMES, map(list, columns)))
    row["prov_document"] = [document_id(p["doc"], p["article"]) for p in prov]
    row["prov_id"] = evidence
    return row


def edge_properties(edge: Edge) -> dict:
    """A relationship's properties, the provenance lists among them (the neo4j-csv export's)."""
    row = edge_row(edge)
    del row["id"]
    return {**row.pop("props"), **row}


# --- loading ----------------------------------------------------------------

@dataclass
class LoadReport:
    nodes: int = 0
    relationships: int = 0
    seconds: float = 0.0
    batches: int = 0

    @property
    def rate(self) -> float:
        return (self.nodes + self.relationships) / self.seconds if self.seconds else 0.0


# Each group of rows is written by two queries. The first MERGEs, sets every
# property at creation and returns the ids of the rows that met an entity that
# was there already with other values (a second corpus, an older kg's load).
# Only those rows go through the second, which MERGEs again and merges on a
# match. That one costs ~1 s to plan on Neo4j 5.26 (its list comprehensions),
# for each label and relationship type: a fresh load or a reload never needs it.
# No SET comes after a MERGE: the planner would add Eager (~40x slower).

def _stale(var: str, differs: str) -> str:
    # DIFFERS is false for a row whose entity was just created (it holds exactly
    # the row's values) and for one loaded before from the same row
    return f"WITH {var}, row WHERE {differs} RETURN row.id AS id"


def _create_nodes(label: str) -> str:
    return (f"UNWIND $rows AS row MERGE (n:{_symbol(label)} {{id: row.id}}) "
            "ON CREATE SET n = row.props, n.aliases = row.aliases "
            + _stale("n", "n.aliases <> row.aliases OR any(k IN keys(row.props) WHERE n[k] <> row.props[k])"))


def _merge_nodes(label: str) -> str:
    # On a match aliases are unioned. (`n = row.props` at creation: with a SET
    # after the MERGE the planner could not tell the map leaves `id` alone.)
    return (f"UNWIND $rows AS row MERGE (n:{_symbol(label)} {{id: row.id}}) "
            "ON CREATE SET n = row.props, n.aliases = row.aliases "
            "ON MATCH SET n += row.props, "
            "n.aliases = coalesce(n.aliases, []) + "
            "[a IN row.aliases WHERE NOT a IN coalesce(n.aliases, [])]")


_LISTS = PROV_FIELDS + ("document", "id")


def _rel_head(rtype: str, src: str, dst: str, keys: tuple[str, ...] | None) -> tuple[str, str]:
    """The MERGE of a relationship group's query, and its ON CREATE SET items."""
    # With the group's property KEYS named one by one, the planner sees that
    # `id` is left alone and needs no Eager (a map, `r = row.props`, could hold it).
    if keys is not None and all(_NAME.fullmatch(k) for k in keys):
        props = "".join(f"r.{k} = row.props.{k}, " for k in keys if k != "id")
    else:
        props = "r = row.props, "
    head = (f"UNWIND $rows AS row "
            f"MATCH (a:{_symbol(src)} {{id: row.src}}) MATCH (b:{_symbol(dst)} {{id: row.dst}}) "
            f"MERGE (a)-[r:{_symbol(rtype)} {{id: row.id}}]->(b) ")
    return head, props + ", ".join(f"r.prov_{f} = row.prov_{f}" for f in _LISTS)


def _create_relationships(rtype: str, src: str, dst: str, keys: tuple[str, ...] | None = None) -> str:
    head, created = _rel_head(rtype, src, dst, keys)
    # Other sentences, or a list an older kg did not write (prov_project_stage).
    # Its properties are the row's: they are part of the fact's id.
    lists = ", ".join(f"'prov_{f}'" for f in _LISTS)
    return f"{head}ON CREATE SET {created} " + _stale(
        "r", f"r.prov_id <> row.prov_id OR any(f IN [{lists}] WHERE r[f] IS NULL)")


def _merge_relationships(rtype: str, src: str, dst: str, keys: tuple[str, ...] | None = None) -> str:
    # On a match, sentences already there (by prov_id) are not added twice; a
    # list a database loaded by an older kg lacks (prov_project_stage) starts
    # as one "" per sentence it already has, so the lists stay aligned.
    # prov_id is set last: the items before it read the old one.
    head, created = _rel_head(rtype, src, dst, keys)
    new = "[i IN range(0, size(row.prov_id) - 1) WHERE NOT row.prov_id[i] IN coalesce(r.prov_id, [])"
    appends = ", ".join(f"r.prov_{f} = coalesce(r.prov_{f}, [x IN range(1, size(coalesce(r.prov_id, []))) | ''])"
                        f" + {new} | row.prov_{f}[i]]" for f in _LISTS)
    if keys is not None and all(_NAME.fullmatch(k) for k in keys):
        on_match = "".join(f"r.{k} = coalesce(row.props.{k}, r.{k}), " for k in keys if k != "id")
    else:
        on_match = "r += row.props, "
    return f"{head}ON CREATE SET {created} ON MATCH SET {on_match}{appends}"


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    # The rows are ~10 new lists and dicts per relationship, and none is in a
    # cycle: the cyclic collector's passes over them (and over the graph) were
    # a third of kg's CPU time in a load.
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _chunks(rows: list, size: int) -> Iterator[list]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


_SCHEMES = re.compile(r"(bolt|neo4j)(\+s|\+ssc)?://")

# What a read query must not hold, found after strings, quoted names and
# comments are blanked (a name or a sentence may say "delete").
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
# Not a property (r.start), a map key ({set: 1}) or part of a procedure's name.
_WRITE = re.compile(r"(?<![.\w$])(CREATE|MERGE|DELETE|SET|REMOVE|DROP|FOREACH|LOAD\s+CSV|ALTER|GRANT|DENY|REVOKE"
                    r")\b(?!\s*:)", re.I)
_ALIAS = re.compile(r"\bAS\s+\w+", re.I)  # RETURN x AS set: a column's name
_CALL = re.compile(r"(?<![.\w$])CALL\s+([A-Za-z_][\w.]*)", re.I)


def write_clause(query: str) -> str | None:
    """The first write clause in QUERY (upper-cased), or None. A CALL of a named
    procedure is checked against the server's own mode for it (`procedure_mode`)."""
    text = _ALIAS.sub(" ", _QUOTED.sub(" ", query))
    m = _WRITE.search(text)
    return " ".join(m.group(1).upper().split()) if m else None


def called_procedures(query: str) -> list[str]:
    return [m.group(1) for m in _CALL.finditer(_QUOTED.sub(" ", query))]


class Neo4jStore:
    """A Neo4j (or Bolt-compatible) database reached with the official driver."""

    def __init__(self, uri: str, user: str | None = None, password: str | None = None,
                 database: str | None = None, timeout: float = 300.0) -> None:
        import neo4j

        # TIMEOUT bounds connecting and each transaction: the server ends a
        # transaction past it, and kg stops waiting a little later, for a
        # server that does not answer at all (paused, wedged).
        self.uri, self.database, self.timeout = uri, database, timeout
        if not _SCHEMES.match(uri):
            raise StoreError(f"bad Neo4j address {uri!r}: expected bolt://HOST:7687 or neo4j://HOST:7687")
        auth = (user or "neo4j", password or "") if user or password else None
        try:
            # Neo4j 5 notes, e.g., a relationship type this graph lacks; the driver
            # would log each one on stderr, beside kg's own output.
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=auth, notifications_min_severity="OFF",
                connection_timeout=min(timeout, 30.0), connection_acquisition_timeout=timeout,
                # retrying a server that is gone for the whole transaction time made a
                # load whose server died wait minutes for the one line
                max_transaction_retry_time=min(timeout, 15.0))
            self._deadline(self._driver.verify_connectivity, timeout)
        except Exception as exc:
            self._close_quietly()
            raise _error(exc, uri) from None

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._driver.close()

    def _close_quietly(self) -> None:
        try:
            self._driver.close()
        except Exception:  # the driver may not even exist yet
            pass

    def _deadline(self, call: Callable, timeout: float):
        """CALL's value, or a StoreError once TIMEOUT (and a margin) has passed
        without an answer: the driver has no read timeout of its own, so it
        waits in a thread that is left behind (a daemon: it ends with kg)."""
        box: dict = {}

        def target():
            try:
                box["ok"] = call()
            except BaseException as exc:
                box["exc"] = exc

        t = threading.Thread(target=target, daemon=True)
        t.start()
        t.join(timeout + 2.0)
        if t.is_alive():
            raise StoreError(f"Neo4j at {self.uri} did not answer within {timeout:g} s "
                             "(is the server paused or overloaded?)")
        if "exc" in box:
            exc = box["exc"]
            if isinstance(exc, StoreError):
                raise exc
            raise _error(exc, self.uri) from None
        return box.get("ok")

    def _session(self, work, *, write: bool, timeout: float | None = None):
        import neo4j

        timeout = self.timeout if timeout is None else timeout
        tx_work = neo4j.unit_of_work(timeout=timeout)(work)

        def call():
            with self._driver.session(database=self.database) as s:
                return (s.execute_write if write else s.execute_read)(tx_work)

        return self._deadline(call, timeout)

    def _write(self, query: str, **params) -> list:
        """Run a write query; the first column of its rows."""
        def work(tx):
            return [r[0] for r in tx.run(query, **params)]

        return self._session(work, write=True)

    def create_constraints(self, labels) -> None:
        for label in sorted(labels):
            name = f"kg_{_symbol(label).lower()}_id"
            self._write(ID_CONSTRAINT.format(name=name, label=label))

    def writer(self, batch: int = 1000,
               progress: Callable[[int, int], None] | None = None) -> Neo4jWriter:
        """This database as a StoreWriter (kg.store): what `kg build` writes the
        embedded store through, `kg load` writes Neo4j through."""
        return Neo4jWriter(self, batch, progress)

    def load(self, graph: Graph, batch: int = 1000,
             progress: Callable[[int, int], None] | None = None) -> LoadReport:
        """MERGE the graph's nodes, then its relationships, in batches of BATCH rows."""
        with _collector_paused():
            return self._load(graph, batch, progress)

    def _load(self, graph: Graph, batch: int,
              progress: Callable[[int, int], None] | None) -> LoadReport:
        t0 = time.perf_counter()
        report = LoadReport()
        by_label: dict[str, list] = defaultdict(list)
        for nid in sorted(graph.nodes):
            n = graph.nodes[nid]
            props = node_properties(n)
            by_label[n.type].append({"id": n.id, "aliases": props.pop("aliases"), "props": props})
        by_type: dict[tuple, list] = defaultdict(list)
        for key in sorted(graph.edges):
            e = graph.edges[key]
            if e.src not in graph.nodes or e.dst not in graph.nodes:
                raise StoreError(f"relationship {e.type} {e.src} -> {e.dst}: an end is not a node")
            row = edge_row(e)
            row["src"], row["dst"] = e.src, e.dst
            by_type[(e.type, graph.nodes[e.src].type, graph.nodes[e.dst].type)].append(row)
        total = len(graph.nodes) + len(graph.edges)
        self.create_constraints(by_label)
        # (create query, merge query, rows) per label, then per relationship type: nodes first
        work = [(_create_nodes(label), _merge_nodes(label), rows, "nodes")
                for label, rows in sorted(by_label.items())]
        for key, rows in sorted(by_type.items()):
            keys = tuple(sorted({k for r in rows for k in r["props"]}))
            work.append((_create_relationships(*key, keys), _merge_relationships(*key, keys), rows,
                         "relationships"))
        done = 0

        def tick(n: int) -> None:
            nonlocal done
            done += n
            report.batches += 1
            if progress:
                progress(done, total)

        for create, merge, rows, kind in work:
            merged = self._load_group(create, merge, rows, batch, tick)
            report.batches += merged
            setattr(report, kind, getattr(report, kind) + len(rows))
        report.seconds = time.perf_counter() - t0
        return report

    def _load_group(self, create: str, merge: str, rows: list, batch: int,
                    tick: Callable[[int], None]) -> int:
        """ROWS through CREATE, then those that met other values through MERGE;
        TICK after each of CREATE's batches. Returns how many batches MERGE took."""
        stale: list = []
        for chunk in _chunks(rows, batch):
            ids = set(self._write(create, rows=chunk))
            stale += [r for r in chunk if r["id"] in ids]
            tick(len(chunk))
        for chunk in _chunks(stale, batch):
            self._write(merge, rows=chunk)
        return len(range(0, len(stale), batch))

    def select(self, query: str, params: dict | None = None, *, write: bool = False,
               timeout: float | None = None) -> Result:
        """Run a query with bound parameters; rows as plain Python values.
        Unless WRITE, a query with a write clause is refused before it is sent,
        and what is sent runs in a READ transaction, which the server enforces."""
        if not write:
            self._refuse_writes(query)

        def work(tx):
            res = tx.run(query, **(params or {}))
            return list(res.keys()), [r.values() for r in res]

        cols, values = self._session(work, write=write, timeout=timeout)
        return Result(cols, [dict(zip(cols, map(_value, v))) for v in values])

    def _refuse_writes(self, query: str) -> None:
        hint = "; give --write to run it"
        clause = write_clause(query)
        if clause:
            raise StoreError(f"Cypher {clause} writes to the database: refused{hint}")
        for name in called_procedures(query):
            # The server knows each procedure's mode; READ is all a read query
            # may call (an unknown name is left to the server to report).
            def work(tx, name=name):
                return [r["mode"] for r in tx.run(
                    "SHOW PROCEDURES YIELD name, mode WHERE name = $name RETURN mode", name=name)]

            modes = self._session(work, write=False)
            if modes and modes[0] != "READ":
                raise StoreError(f"Cypher CALL {name}: a {modes[0]} procedure: refused{hint}")

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Nodes per label and relationships per type."""
        labels = self.select("MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n")
        types = self.select("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")
        return ({r["label"]: r["n"] for r in labels.rows}, {r["type"]: r["n"] for r in types.rows})


def _value(v):
    """As the SPARQL side reports it: a whole float is an int."""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, list):
        return [_value(x) for x in v]
    return v


def _error(exc: Exception, uri: str) -> StoreError:
    """One readable line for the driver's exceptions."""
    import neo4j.exceptions as ne

    if isinstance(exc, ne.AuthError):
        return StoreError(f"Neo4j at {uri} refused the user name or password")
    if isinstance(exc, ne.ServiceUnavailable):
        return StoreError(f"cannot reach Neo4j at {uri} (is the server running?)")
    if isinstance(exc, ne.ConfigurationError | ValueError):
        return StoreError(f"bad Neo4j address {uri!r}: {first_line(exc)}")
    if isinstance(exc, ne.Neo4jError):
        msg = first_line(exc.message or str(exc))
        if (exc.code or "").endswith(".SyntaxError"):
            return StoreError(f"Neo4j: Cypher syntax error: {msg}")
        return StoreError(f"Neo4j: {msg}")
    return StoreError(f"Neo4j: {first_line(exc)}")


class Neo4jWriter(StoreWriter):
    """StoreWriter over Neo4j: nodes and edges are gathered by `add` (an edge
    needs both its ends' labels, which may come later) and MERGEd in batches on
    `commit`, nodes first. `discard` drops what was not committed; batches a
    commit already sent stay (MERGE on ids: loading again completes them)."""

    def __init__(self, store: Neo4jStore, batch: int = 1000,
                 progress: Callable[[int, int], None] | None = None) -> None:
        self.store, self.batch, self.progress = store, batch, progress
        self.graph = Graph()
        self.report: LoadReport | None = None

    def add(self, items) -> None:
        for item in items:
            self.graph.add(item)

    def commit(self) -> None:
        self.report = self.store.load(self.graph, self.batch, self.progress)
        self.graph = Graph()

    def discard(self) -> None:
        self.graph = Graph()
