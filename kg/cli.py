"""The `kg` command line. It only parses arguments and calls the stages."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg import pipeline
from kg.ingest import DEFAULT_MAX_BYTES

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn Chinese regional-government news into a knowledge graph.")


@app.callback()
def _root() -> None:
    """Turn Chinese regional-government news into a knowledge graph."""


def _err(msg: str) -> None:
    typer.echo(msg, err=True)


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .html .htm .jsonl)")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder")] = pipeline.DEFAULT_OUT,
    strict: Annotated[bool, typer.Option(help="Any skipped input is fatal")] = False,
    max_bytes: Annotated[int, typer.Option(help="Skip files larger than this")] = DEFAULT_MAX_BYTES,
) -> None:
    """Read articles and write documents.jsonl, graph.jsonl and errors.jsonl into OUT."""
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        _err(f"kg: {p}: no such file or folder")
    with _progress() as tick:
        report = pipeline.build([p for p in paths if p.exists()], out, max_bytes=max_bytes,
                                progress=tick, write=False)
    problems = [f"{s.doc}: {s.reason}" for s in report.skipped]
    if strict and (problems or missing):
        for line in problems:
            _err(f"kg: error: {line}")
        _err("kg: --strict: some inputs were skipped; nothing written")
        raise typer.Exit(2)
    if report.documents:
        report.write()
    for line in problems:
        _err(f"kg: warning: skipped {line}")
    edges = sum(1 for e in report.graph.edges.values() if e.type != "MENTIONED_IN")
    typer.echo(f"{report.documents} articles from {report.files} files: {len(report.graph.nodes)} nodes, "
               f"{edges} relationships; {len(report.skipped)} skipped -> {report.out}/")
    if report.documents == 0:
        _err("kg: no article could be read; nothing written")
        raise typer.Exit(2)


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Folder of gold <seed>.jsonl files")],
    graph: Annotated[Path | None, typer.Option(help="graph.jsonl to score (default OUT/graph.jsonl)")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Build folder")] = pipeline.DEFAULT_OUT,
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


class _progress:
    """A bar with counts and rate on a terminal; nothing when stderr is piped."""

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
            self._bar = Progress(TextColumn("files"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[rate]}"),
                                 TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self._bar.__enter__()
            self._task = self._bar.add_task("build", total=None, rate="")
        return self._tick

    def _tick(self, done: int, total: int) -> None:
        if self._bar is not None:
            task = self._bar.tasks[0]
            rate = f"{task.speed:.1f} files/s" if task.speed else ""
            self._bar.update(self._task, completed=done, total=total, rate=rate)

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.__exit__(*exc)
        return False


def main() -> None:
    app()


if __name__ == "__main__":
    main()
