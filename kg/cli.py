"""The `kg` command line. It only parses arguments and calls the stages."""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from kg import pipeline
from kg.ingest import DEFAULT_MAX_BYTES

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Turn Chinese regional-government news into a knowledge graph.")


def _version(value: bool) -> None:
    if value:
        from kg import __version__

        typer.echo(f"kg {__version__} (cnkg)")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit")] = False,
) -> None:
    """Turn Chinese regional-government news into a knowledge graph."""


# What would break a one-line message or drive the terminal (a file name may hold a
# newline or an escape sequence; one not in UTF-8 holds surrogates): shown as escapes.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _printable(msg: str) -> str:
    return _UNPRINTABLE.sub(_escape, msg)


def _escape(m: re.Match) -> str:
    c = m.group()
    if "\udc80" <= c <= "\udcff":  # a byte the file system's surrogateescape kept
        return f"\\x{ord(c) - 0xdc00:02x}"
    return c.encode("unicode_escape").decode("ascii")


def _err(msg: str) -> None:
    typer.echo(_printable(msg), err=True)


def _fail(msg: str) -> NoReturn:
    """One line on stderr and exit status 2: how every bad input ends."""
    _err(f"kg: {msg}")
    raise typer.Exit(2)


def _at_least(name: str, value: int | None, low: int) -> None:
    if value is not None and value < low:
        _fail(f"{name} {value}: must be {low} or more")


def _output(path: Path | None, folder: bool = False) -> None:
    """-o checked before any work, by kg.outdir (one place for every command)."""
    from kg.outdir import PathError, check_output_place

    if path is not None:
        try:
            check_output_place(path, folder)
        except PathError as exc:
            _fail(str(exc))


def _out_folder(out: Path) -> None:
    from kg.outdir import PathError, check_out_folder

    try:
        check_out_folder(out)
    except PathError as exc:
        _fail(str(exc))


def _dask_address(address: str) -> None:
    """local:N or tcp://HOST:PORT (tls://, ucx:// too), and the extra installed."""
    import importlib.util
    import re

    if not re.fullmatch(r"local:[1-9][0-9]*|(tcp|tls|ucx)://[^\s:/]+:[0-9]{1,5}/?", address):
        _fail(f"--dask {address!r}: expected tcp://HOST:PORT or local:N")
    if importlib.util.find_spec("distributed") is None:
        _fail("--dask needs the dask extra: pip install 'cnkg[dask]'")


SHOWN_SKIPS = 20  # skipped files listed one by one; the rest are counted by reason


def _reason_kind(reason: str) -> str:
    """'file too large (… bytes …)' -> 'file too large': reasons without their details."""
    return reason.split("(")[0].split(":")[0].strip()


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .html .htm .jsonl)")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder")] = pipeline.DEFAULT_OUT,
    strict: Annotated[bool, typer.Option(help="Any skipped input is fatal")] = False,
    max_bytes: Annotated[int, typer.Option(help="Skip files larger than this")] = DEFAULT_MAX_BYTES,
    workers: Annotated[int, typer.Option(help="Extraction processes (default: the machine's cores)")] = 0,
    dask: Annotated[str | None, typer.Option(help="Run on a Dask cluster: tcp://HOST:8786 or local:N")] = None,
    cache: Annotated[bool, typer.Option(help="Reuse facts of files unchanged since the last build")] = True,
) -> None:
    """Read articles and write documents.jsonl, graph.jsonl and errors.jsonl into OUT."""
    _at_least("--workers", workers, 0)
    _at_least("--max-bytes", max_bytes, 1)
    if dask is not None:
        _dask_address(dask)
    _out_folder(out)
    missing = _missing(paths)
    from kg.outdir import PathError, is_no_space

    _stop_on_sigterm()
    try:
        with _progress("files") as tick:
            report = pipeline.build([p for p in paths if p.exists()], out, max_bytes=max_bytes,
                                    progress=tick, write=False, workers=workers or os.cpu_count() or 1,
                                    dask=dask, cache=cache)
        _finish_build(report, strict, missing)
    except KeyboardInterrupt:
        _err(f"kg: interrupted; {out} is as it was before this build")
        raise typer.Exit(130) from None
    except PathError as exc:
        _err(f"kg: {exc}")
        raise typer.Exit(2) from None
    except OSError as exc:
        if is_no_space(exc):
            _err(f"kg: {out}: no space left on the device; the previous build there is as it was")
        else:
            _err(f"kg: {out}: cannot write: {exc.strerror or exc}")
        raise typer.Exit(2) from None


def _missing(paths: list[Path]) -> list[Path]:
    """The PATHS that do not exist, each named on stderr; one line and exit 2 when none does."""
    missing = [p for p in paths if not p.exists()]
    if len(missing) == len(paths):
        _fail(f"{missing[0]}: no such file or folder" + (f" (nor {len(missing) - 1} more)" if len(missing) > 1 else ""))
    for p in missing:
        _err(f"kg: {p}: no such file or folder")
    return missing


def _stop_on_sigterm() -> None:
    """SIGTERM stops a build as Ctrl-C does: workers ended, the new folder removed."""
    import signal

    def stop(*_):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


def _finish_build(report: pipeline.BuildReport, strict: bool, missing: list[Path]) -> None:
    problems = [f"{s.doc}: {s.reason}" for s in report.skipped]
    if strict and (problems or missing):
        report.discard()
        for line in problems:
            _err(f"kg: error: {line}")
        _err("kg: --strict: some inputs were skipped; nothing written")
        raise typer.Exit(2)
    if report.documents:
        report.write()  # on an error, the new folder is dropped and OUT stays as it was
    report.discard()  # when nothing was written
    for line in problems[:SHOWN_SKIPS]:
        _err(f"kg: warning: skipped {line}")
    if len(problems) > SHOWN_SKIPS:
        reasons = Counter(_reason_kind(s.reason) for s in report.skipped)
        summary = ", ".join(f"{n} {r}" for r, n in reasons.most_common())
        _err(f"kg: warning: ... {len(problems) - SHOWN_SKIPS} more skipped; in all: {summary} "
             f"(each listed in {report.out}/errors.jsonl)")
    typer.echo(f"{report.documents} articles from {report.files} files: {report.nodes} nodes, "
               f"{report.relationships} relationships; {len(report.skipped)} skipped -> {report.out}/")
    if report.documents == 0:
        _err("kg: no article could be read; nothing written")
        raise typer.Exit(2)
    _build_summary(report.out)


def _build_summary(out: Path) -> None:
    """A few lines on what the corpus holds, from what the build wrote (kg report draws it)."""
    from kg.graph import read_jsonl
    from kg.view import report as report_

    figures = report_.load(out, read_jsonl(out / "graph.jsonl"))
    for line in report_.summary(figures):
        typer.echo(f"  {line}")
    typer.echo(f"  charts and the lowest-confidence facts: kg report --out {out}")


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Folder of gold <seed>.jsonl files")],
    graph: Annotated[Path | None, typer.Option(help="graph.jsonl to score (default OUT/graph.jsonl)")] = None,
    out: Annotated[Path, typer.Option("--out", help="Build folder")] = pipeline.DEFAULT_OUT,
    show_errors: Annotated[bool, typer.Option("--show-errors", help="List misses and false facts")] = False,
) -> None:
    """Precision, recall and F1 per predicate against gold facts."""
    from kg.evaluate import evaluate_file, table

    graph = graph or out / "graph.jsonl"
    for p in (gold, graph):
        if not p.exists():
            _err(f"kg: {p}: not found")
            raise typer.Exit(2)
    scores = evaluate_file(gold, graph)
    typer.echo(table(scores))
    if show_errors:
        for name, s in scores.items():
            if name == "overall":
                continue
            for line in s.misses:
                typer.echo(f"MISS  {name}  {line}")
            for line in s.false:
                typer.echo(f"FALSE {name}  {line}")


def _load_graph(out: Path):
    """OUT/graph.jsonl, or one line and exit 2 when there is none."""
    from kg.graph import read_jsonl

    src = out / "graph.jsonl"
    if not src.exists():
        _err(f"kg: {src}: not found; run `kg build` first")
        raise typer.Exit(2)
    return read_jsonl(src)


def _dates(since: str | None, until: str | None) -> tuple[str | None, str | None] | None:
    """--since/--until as ISO bounds (None when neither is given); one line and exit 2 for a bad one."""
    if since is None and until is None:
        return None
    from kg.query import iso_bound
    from kg.store import StoreError

    try:
        return (None if since is None else iso_bound(since, "--since"),
                None if until is None else iso_bound(until, "--until", end=True))
    except StoreError as exc:
        _fail(str(exc))


def _params(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        k, sep, v = item.partition("=")
        if not sep or not k.strip():
            _err(f"kg: --param {item!r}: expected NAME=VALUE")
            raise typer.Exit(2)
        out[k.strip()] = v
    return out


_URI_HELP = "Neo4j's Bolt address, e.g. bolt://localhost:7687"


def _neo4j(uri: str, user: str | None, password: str | None, database: str | None,
           timeout: float = 300.0):
    import logging

    from kg.store.cypher import Neo4jStore

    # The driver logs each failed connection attempt; the user gets one line from us.
    logging.getLogger("neo4j").setLevel(logging.CRITICAL)
    return Neo4jStore(uri, user, password, database, timeout=timeout)


MinConfidence = Annotated[float | None, typer.Option(
    "--min-confidence", min=0.0, max=1.0,
    help="Only facts a sentence gives with at least this confidence (schema/confidence.tsv)")]


def _confident_store(out: Path, min_confidence: float | None):
    """With --min-confidence: an in-memory store of the build's facts at or above it."""
    if min_confidence is None:
        return None
    from kg.graph import at_least
    from kg.store import OxigraphStore

    return OxigraphStore.memory(at_least(_load_graph(out), min_confidence))


User = Annotated[str | None, typer.Option(envvar="NEO4J_USER", help="Neo4j user")]
Password = Annotated[str | None, typer.Option(envvar="NEO4J_PASSWORD", help="Neo4j password")]
Database = Annotated[str | None, typer.Option(envvar="NEO4J_DATABASE", help="Neo4j database (default: the server's)")]


@app.command()
def query(
    name: Annotated[str | None, typer.Argument(help="A canned query (see --list)")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE, repeatable")] = None,
    out: Annotated[Path, typer.Option("--out", help="Build folder")] = pipeline.DEFAULT_OUT,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv")] = "table",
    limit: Annotated[int | None, typer.Option(help="At most N rows")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the canned queries")] = False,
    sparql: Annotated[str | None, typer.Option(help="Run this SPARQL SELECT instead")] = None,
    excel: Annotated[bool, typer.Option("--excel", help="CSV for spreadsheets: with a BOM and CRLF")] = False,
    cypher: Annotated[str | None, typer.Option(help="Run this Cypher query instead (with --neo4j)")] = None,
    write: Annotated[bool, typer.Option("--write", help="Let --cypher write (CREATE, MERGE, DELETE, SET...)")] = False,
    neo4j: Annotated[str | None, typer.Option("--neo4j", help="Run the Cypher version on this server: " + _URI_HELP)] = None,
    user: User = None,
    password: Password = None,
    database: Database = None,
    min_confidence: MinConfidence = None,
    timeout: Annotated[float, typer.Option(help="Stop a query after this many seconds")] = 30.0,
    max_rows: Annotated[int, typer.Option(help="Read at most this many rows of a result")] = 100_000,
    since: Annotated[str | None, typer.Option(help="Only facts from articles dated on or after this (2023, 2023-02, 2023-02-24)")] = None,
    until: Annotated[str | None, typer.Option(help="Only facts from articles dated on or before this")] = None,
) -> None:
    """Run a canned query (queries/NAME.rq, or NAME.cypher with --neo4j) or an ad-hoc one.
    Names in parameters are looked up as people write them (宝丰, 宝豐縣, 河南（宝丰）…);
    a name that matches nothing prints the closest names and exits 1."""
    from kg import query as q

    if list_:
        _list_queries()
        return
    _check_query_options(name, fmt, limit, excel, sparql, cypher, neo4j, timeout, max_rows)
    given = _params(param or [])
    if min_confidence is not None and neo4j is not None:
        _fail("--min-confidence reads the build folder's graph; it does not apply to --neo4j")
    given.update({k: v for k, v in (("since", since), ("until", until)) if v is not None})
    store = _confident_store(out, min_confidence)
    result = _run_query(name, sparql, cypher, given, out, store, (neo4j, user, password, database),
                        {"timeout": timeout, "max_rows": max_rows, "write": write})
    if result.truncated:
        _err(f"kg: warning: the result has more than {max_rows} rows; only those are shown "
             "(--max-rows)")
    if limit is not None:
        result.rows = result.rows[:limit]
    text = q.FORMATS[fmt](result)
    if excel:  # a BOM and CRLF: Excel then reads the file as UTF-8
        sys.stdout.buffer.write(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8") + b"\r\n")
        return
    typer.echo(text)


def _list_queries() -> None:
    from kg import query as q

    for n in q.available():
        c = q.load(n)
        ps = " ".join(f"[{p.name}]" if not p.required else p.name for p in c.params)
        typer.echo(f"{n:20} {c.description}" + (f"  params: {ps}" if ps else ""))


def _check_query_options(name: str | None, fmt: str, limit: int | None, excel: bool, sparql: str | None,
                         cypher: str | None, neo4j: str | None, timeout: float, max_rows: int) -> None:
    """kg query's options that do not go together, or out of range: one line and exit 2."""
    from kg import query as q

    if fmt not in q.FORMATS:
        _fail(f"--format {fmt!r}: unknown; choose from {', '.join(q.FORMATS)}")
    _at_least("--limit", limit, 0)
    if excel and fmt != "csv":
        _fail("--excel applies to --format csv")
    if sum(x is not None for x in (name, sparql, cypher)) != 1:
        _fail("give one of a query NAME, --sparql 'SELECT ...' or --cypher 'MATCH ...' "
              "(kg query --list shows the names)")
    if (cypher is not None and neo4j is None) or (sparql is not None and neo4j is not None):
        _fail("--cypher runs on Neo4j (give --neo4j URI); --sparql on the embedded store")
    for flag, value in (("--timeout", timeout), ("--max-rows", max_rows)):
        if value <= 0:
            _fail(f"{flag} {value:g}: give a positive number")


def _run_query(name: str | None, sparql: str | None, cypher: str | None, given: dict[str, str], out: Path,
               store, server: tuple, limits: dict):
    """Open the store the options name, run the query, and turn its failures into one line."""
    from kg import query as q
    from kg.query.names import NotFound
    from kg.store import StoreError, open_default

    neo4j = server[0]
    try:
        if neo4j is not None:
            with _neo4j(*server, timeout=limits["timeout"]) as db:
                if cypher is not None:
                    return db.select(cypher, given, write=limits["write"], timeout=limits["timeout"])
                return q.run(name, given, db)
        limits = {k: v for k, v in limits.items() if k != "write"}
        if sparql is not None:
            return (store or open_default(out)).select(sparql, given, **limits).without(given)
        return q.run_sparql(name, given, out, store, **limits)
    except NotFound as exc:
        _err(f"kg: {exc}")
        raise typer.Exit(1) from None
    except StoreError as exc:
        _err(f"kg: {exc}")
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        _err("kg: query interrupted")
        raise typer.Exit(130) from None


@app.command()
def load(
    neo4j: Annotated[str, typer.Option("--neo4j", envvar="NEO4J_URI", help=_URI_HELP)],
    user: User = None,
    password: Password = None,
    database: Database = None,
    out: Annotated[Path, typer.Option("--out", help="Build folder")] = pipeline.DEFAULT_OUT,
    batch: Annotated[int, typer.Option(help="Rows per transaction")] = 1000,
    timeout: Annotated[float, typer.Option(
        help="Give up on a transaction, or on a server that does not answer, after this many seconds")] = 300.0,
) -> None:
    """Load the built graph into Neo4j (idempotent: MERGE on ids)."""
    from kg.store import StoreError

    _at_least("--batch", batch, 1)
    if timeout <= 0:
        _fail(f"--timeout {timeout:g}: give a positive number")
    graph = _load_graph(out)
    try:
        with _neo4j(neo4j, user, password, database, timeout=timeout) as store, \
                _progress("nodes+rels") as tick:
            with store.writer(batch=max(1, batch), progress=tick) as w:
                w.add(graph.items())
            report = w.report
            labels, types = store.counts()
    except StoreError as exc:
        _err(f"kg: {exc}")
        raise typer.Exit(2) from None
    typer.echo(f"merged {report.nodes} nodes and {report.relationships} relationships in "
               f"{report.seconds:.1f} s ({report.rate:,.0f}/s) into {neo4j}; the database now holds "
               f"{sum(labels.values())} nodes and {sum(types.values())} relationships")


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="ttl nt nq trig jsonld jsonl graphml csv neo4j-csv")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File (folder for csv, neo4j-csv); default stdout")] = None,
    out: Annotated[Path, typer.Option("--out", help="Build folder")] = pipeline.DEFAULT_OUT,
) -> None:
    """Write the built graph in a standard format."""
    from kg import export as ex
    from kg.outdir import PathError

    if fmt not in ex.FORMATS:
        _fail(f"--format {fmt!r}: unknown; choose from {', '.join(ex.FORMATS)}")
    if output is None and fmt in ex.FOLDER_FORMATS:
        _fail(f"--format {fmt} writes a folder; give -o DIR")
    _output(output, folder=fmt in ex.FOLDER_FORMATS)
    graph = _load_graph(out)
    try:
        if output is None:
            sys.stdout.write(ex.render(graph, fmt))
        else:
            for p in ex.export(graph, fmt, output):
                _err(f"wrote {p}")
    except (ValueError, PathError, OSError) as exc:
        _err(f"kg: {_one_line(exc)}")
        raise typer.Exit(2) from None


def _one_line(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


@app.command()
def viz(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write")] = Path("view.html"),
    query_name: Annotated[str | None, typer.Option("--query", help="Show a canned query's result")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE for --query")] = None,
    entity: Annotated[str | None, typer.Option(help="Show the neighbourhood of this node")] = None,
    hops: Annotated[int, typer.Option(help="Neighbourhood radius for --entity")] = 1,
    region: Annotated[str | None, typer.Option(help="Show one region's subgraph")] = None,
    path: Annotated[tuple[str, str] | None, typer.Option("--path", help="Show the shortest connections between two entities: --path A B")] = None,
    max_nodes: Annotated[int, typer.Option(help="Show at most N nodes (the most connected)")] = 300,
    out: Annotated[Path, typer.Option("--out", help="Build folder")] = pipeline.DEFAULT_OUT,
    lang: Annotated[str, typer.Option(help="Relation labels: zh or en (the legend shows both)")] = "zh",
    min_confidence: MinConfidence = None,
    since: Annotated[str | None, typer.Option(help="Only facts from articles dated on or after this (2023, 2023-02, 2023-02-24)")] = None,
    until: Annotated[str | None, typer.Option(help="Only facts from articles dated on or before this")] = None,
) -> None:
    """Write an interactive network view as one self-contained HTML file."""
    from kg import view
    from kg.outdir import PathError
    from kg.query.names import NotFound
    from kg.store import StoreError
    from kg.view.choose import choose

    if lang not in view.LANGS:
        _fail(f"--lang {lang!r}: choose from {', '.join(view.LANGS)}")
    _at_least("--max-nodes", max_nodes, 1)
    _at_least("--hops", hops, 0)
    if param and not query_name:
        _fail("-p/--param goes with --query NAME")
    if sum(x is not None for x in (query_name, entity, region, path)) > 1:
        _fail("give at most one of --query, --entity, --region, --path")
    bounds = _dates(since, until)
    _output(output)
    graph, store = _kept_graph(out, min_confidence, bounds)
    try:
        sel = choose(graph, out, store, query_name=query_name, params=_params(param or []) if query_name else None,
                     entity=entity, hops=hops, region_name=region, path=path)
    except NotFound as exc:
        _err(f"kg: {exc}")
        raise typer.Exit(1) from None
    except (StoreError, LookupError) as exc:
        _err(f"kg: {exc.args[0] if isinstance(exc, LookupError) else exc}")
        raise typer.Exit(2) from None
    try:
        data = view.write(graph, sel, output, max_nodes, lang=lang, built=view.build_date(out))
    except (PathError, OSError) as exc:
        _err(f"kg: {_one_line(exc)}")
        raise typer.Exit(2) from None
    typer.echo(f"{len(data['nodes'])} nodes, {len(data['edges'])} relationships -> {output}")


def _kept_graph(out: Path, min_confidence: float | None, bounds: tuple | None):
    """The build's graph with only the facts --min-confidence and --since/--until keep,
    and an in-memory store of it when they keep less than all (else None: the build's own)."""
    graph = _load_graph(out)
    if min_confidence is None and not bounds:
        return graph, None
    from kg.graph import at_least, dated
    from kg.store import OxigraphStore

    if min_confidence is not None:
        graph = at_least(graph, min_confidence)
    if bounds:
        graph = dated(graph, *bounds)
    return graph, OxigraphStore.memory(graph)


@app.command()
def site(
    output: Annotated[Path, typer.Option("--output", "-o", help="The folder to write (replaced if it is a kg site)")] = Path("kg-site"),
    out: Annotated[Path, typer.Option("--out", help="Build folder")] = pipeline.DEFAULT_OUT,
    lang: Annotated[str, typer.Option(help="Relation labels: zh or en")] = "zh",
) -> None:
    """Write a static site (index with search, a page per entity and article) that works
    from any web server or from disk, with no network."""
    from kg import view
    from kg.view import site as site_

    if lang not in view.LANGS:
        _fail(f"--lang {lang!r}: choose from {', '.join(view.LANGS)}")
    _output(output, folder=True)
    graph = _load_graph(out)
    try:
        from kg.view import report as report_

        built = view.build_date(out)
        summary = report_.body(report_.load(out, graph), built)
        s = site_.write(graph, output, documents=_documents(out), built=built, lang=lang,
                        report_html=summary)
    except (site_.SiteError, OSError) as exc:
        _err(f"kg: {exc}")
        raise typer.Exit(2) from None
    typer.echo(f"{s.entities} entity pages, {s.articles} article pages -> {output}/index.html")


@app.command()
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write")] = Path("report.html"),
    out: Annotated[Path, typer.Option("--out", help="Build folder")] = pipeline.DEFAULT_OUT,
) -> None:
    """Write the corpus at a glance (articles by date and publisher, nodes and facts per type,
    top regions, lowest-confidence facts, skipped files) as one self-contained HTML page."""
    from kg import view
    from kg.view import report as report_

    _output(output)
    if not (out / "graph.jsonl").exists():
        _fail(f"{out / 'graph.jsonl'}: not found; run `kg build` first")
    f = report_.write(out, output, built=view.build_date(out))
    typer.echo(f"{f.articles} articles, {sum(n for _, n in f.facts)} facts -> {output}")


def _documents(out: Path) -> list[dict]:
    import json

    path = out / "documents.jsonl"
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class _progress:
    """A bar with counts and rate on a terminal; nothing when stderr is piped."""

    def __init__(self, unit: str) -> None:
        self.unit = unit

    def __enter__(self):
        self._bar = None
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )
            self._bar = Progress(TextColumn(self.unit), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[rate]}"),
                                 TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self._bar.__enter__()
            self._task = self._bar.add_task("build", total=None, rate="")
        return self._tick

    def _tick(self, done: int, total: int) -> None:
        if self._bar is not None:
            task = self._bar.tasks[0]
            rate = f"{task.speed:.1f} {self.unit}/s" if task.speed else ""
            self._bar.update(self._task, completed=done, total=total, rate=rate)

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.__exit__(*exc)
        return False


def main() -> None:
    """Every failure is one line on stderr and exit status 2, never a traceback
    (KG_DEBUG=1 shows it, for a bug report)."""
    try:
        code = app(prog_name="kg", standalone_mode=False)
    except KeyboardInterrupt:
        _err("kg: interrupted")
        code = 130
    except BrokenPipeError:
        code = 0  # `kg export | head`: the reader had enough
    except Exception as exc:
        if os.environ.get("KG_DEBUG"):
            raise
        code = 2
        # click's classes by name: typer 0.29 vendors its own copy of click
        kinds = {c.__name__ for c in type(exc).__mro__}
        if "NoArgsIsHelpError" in kinds:  # `kg` alone: the help was shown
            pass
        elif "UsageError" in kinds:
            ctx = getattr(exc, "ctx", None)
            where = ctx.command_path if ctx is not None else "kg"
            _err(f"{where}: {exc.format_message()} (see {where} -h)")
        elif "Abort" in kinds:
            _err("kg: interrupted")
            code = 130
        elif "ClickException" in kinds:
            _err(f"kg: {exc.format_message()}")
        elif isinstance(exc, OSError):
            name = f"{exc.filename}: " if exc.filename else ""
            _err(f"kg: {name}{exc.strerror or exc}")
        else:  # a bug: still one line
            _err(f"kg: internal error: {type(exc).__name__}: {exc} (KG_DEBUG=1 shows the traceback)")
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
