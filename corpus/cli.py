"""The `wacana` command line. Thin: every command calls one stage function and prints its summary."""
from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="wacana: research corpora of Indonesian policy discourse.")
err = Console(stderr=True)


@contextmanager
def _progress(label: str):
    with Progress(SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda n=1: bar.advance(task, n)


def _print_issues(issues, limit: int = 20) -> None:
    for issue in issues[:limit]:
        err.print(f"[yellow]{issue.severity}[/]: {issue.reason}", markup=True, highlight=False)
    if len(issues) > limit:
        err.print(f"… {len(issues) - limit} more in the issue report")


@app.command()
def ingest(
    input: list[Path] = typer.Argument(..., help="Folders of .txt/.html articles, such files, or JSONL of articles "
                                                 "(several inputs go into one Parquet)."),
    output: Path = typer.Option(..., "-o", "--output", help="Normalised articles (Parquet)."),
    max_mb: float = typer.Option(5.0, help="Skip input files larger than this (MB)."),
):
    """Clean raw articles into normalised Parquet (boilerplate removed, metadata kept, duplicates marked)."""
    from .pipeline import run_ingest

    with _progress("ingest") as tick:
        summary, issues = run_ingest(input, output, max_bytes=int(max_mb * 1_000_000), progress=tick)
    _print_issues(issues)
    typer.echo(f"{output}")
    typer.echo(str(summary))


@app.command()
def segment(
    input: Path = typer.Argument(..., help="Folder of .txt/.html, a JSONL of articles, or an articles Parquet."),
    output: Path = typer.Option(..., "-o", "--output", help="Statements JSONL; with --workers/--scheduler a folder of Parquet shards."),
    articles_out: Optional[Path] = typer.Option(None, "--articles", help="Also write normalised articles (Parquet)."),
    roles: Optional[Path] = typer.Option(None, help="Role taxonomy YAML (default: the shipped one)."),
    people: Optional[str] = typer.Option(None, help="People gazetteer YAML, or 'none' (default: the shipped one)."),
    max_mb: float = typer.Option(5.0, help="Skip input files larger than this (MB)."),
    # --- scaling out (issue 5): any of these switches to the sharded run on Dask ---
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Run on Dask with N worker processes (a LocalCluster unless --scheduler says otherwise)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="'local', a scheduler address (tcp://host:8786), or a dask-jobqueue spec YAML (SLURM, PBS, …)."),
    partition_size: int = typer.Option(500, "--partition-size", min=1, help="Articles per partition / output shard (sharded run)."),
):
    """Segment articles into speaker-attributed statements (no server, no network)."""
    if workers is not None or scheduler is not None:
        if articles_out is not None:
            raise typer.BadParameter("a sharded run writes its articles to OUTPUT/articles/; drop --articles",
                                     param_hint="--articles")
        return _segment_sharded(input, output, roles, people, max_mb, workers, scheduler, partition_size)
    from .pipeline import run_segment
    from .roles import NO_PEOPLE, load_people, load_taxonomy

    taxonomy = load_taxonomy(roles)
    gazetteer = NO_PEOPLE if people == "none" else load_people(people)
    with _progress("segment") as tick:
        summary, issues, n = run_segment(input, output, articles_out=articles_out, taxonomy=taxonomy, people=gazetteer,
                                         max_bytes=int(max_mb * 1_000_000), progress=tick)
    _print_issues(issues)
    typer.echo(f"{output} (issues: {output.with_suffix('.issues.tsv')})")
    typer.echo(f"{summary} statements={n}")


def _segment_sharded(input, output, roles, people, max_mb, workers, scheduler, partition_size) -> None:
    from .engine import dask_client, run_segment_sharded
    from .roles import load_people, load_taxonomy

    load_taxonomy(roles)  # a bad taxonomy or gazetteer fails here, once, not in every worker
    if people != "none":
        load_people(people)
    try:
        with dask_client(workers, scheduler) as client, _progress("segment (dask)") as tick:
            run = run_segment_sharded(input, output, client, partition_size=partition_size, roles=roles,
                                      people=people, max_bytes=int(max_mb * 1_000_000),
                                      progress=tick)
    except (FileNotFoundError, ValueError, RuntimeError) as exc:
        err.print(f"[red]error[/]: {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    _print_issues(run.issues)
    typer.echo(f"{output}/statements (issues: {output / 'issues.tsv'}; shards: {run.partitions}, "
               f"reused: {run.reused})")
    typer.echo(f"{run.summary} statements={run.statements}")


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., help="Gold statements: record JSONL, guideline JSONL, detik raw-offset JSONL or PFSA-ID CoNLL."),
    predicted: Path = typer.Argument(..., help="Predicted statements JSONL (from `wacana segment`)."),
    articles: Optional[Path] = typer.Option(None, help="The articles the predictions were made from (folder, JSONL or Parquet); not needed for PFSA-ID."),
    fmt: str = typer.Option("auto", "--format", help="auto | record | guideline | detik-raw | pfsa"),
    source: Optional[Path] = typer.Option(None, help="Raw article JSONL that detik-raw gold offsets point into."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the report as JSON."),
):
    """Score predicted statements against gold: P/R/F1 (overlap ≥ 0.8 and exact), speaker and role accuracy."""
    from .evaluate import format_report, run_evaluation
    from .pipeline import read_input

    texts = None
    if articles is not None:
        texts = {a.article_id: a.text for a in read_input(articles) if hasattr(a, "text")}
    report = run_evaluation(gold, predicted, texts=texts, fmt=fmt, source=source)
    typer.echo(format_report(report))
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")


@app.command("roles")
def roles_stage(
    statements: Path = typer.Argument(..., help="Statements JSONL (from `wacana segment`)."),
    output: Path = typer.Option(..., "-o", "--output", help="The same statements, role_category filled from the corpus."),
    people: Optional[str] = typer.Option(None, help="People gazetteer YAML, or 'none' (default: the shipped one)."),
):
    """Fill role_category for speakers an article names without an office, from the role other articles of the
    same corpus state for them ("kata Luthfi" ← "Gubernur Jawa Tengah Ahmad Luthfi"). `role` stays null."""
    from .jsonl import iter_jsonl
    from .roles import NO_PEOPLE, corpus_roles, fill_role_category, load_people

    bad: list[str] = []

    def rows(report: bool):
        for n, st, problem in iter_jsonl(statements):
            if problem is None:
                yield st
            elif report:
                bad.append(f"{statements}:{n}: {problem}; line left out")

    if not statements.is_file():
        err.print(f"[red]error[/]: {statements}: no such file", highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    gazetteer = NO_PEOPLE if people == "none" else load_people(people)
    known = corpus_roles(rows(report=False))  # two streaming passes: learn, then write (and report)
    output.parent.mkdir(parents=True, exist_ok=True)
    total = filled = 0
    with output.open("w", encoding="utf-8") as out:
        for st in rows(report=True):
            total += 1
            filled += fill_role_category(st, known, gazetteer)
            out.write(json.dumps(st, ensure_ascii=False) + "\n")
    for msg in bad:
        typer.echo(msg, err=True)
    typer.echo(f"{output}\nstatements={total} filled={filled} speakers_known={len(known.by_name)} skipped={len(bad)}")


@app.command("pfsa-articles")
def pfsa_articles(
    conll: Path = typer.Argument(..., help="PFSA-ID BILOU CoNLL file."),
    output: Path = typer.Option(..., "-o", "--output", help="Articles JSONL (id, text) rebuilt from the tokens."),
):
    """Rebuild PFSA-ID articles as plain text so `wacana segment` can run on them."""
    from .pfsa import read_pfsa

    output.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with output.open("w", encoding="utf-8") as out:
        for art in read_pfsa(conll):
            out.write(json.dumps({"id": art.article_id, "text": art.text}, ensure_ascii=False) + "\n")
            n += 1
    typer.echo(f"{output}\narticles={n}")


def _register_extensions() -> None:
    from annotate.cli import register as annotate_commands
    from models.cli import register as model_commands

    annotate_commands(app)
    model_commands(app)


_register_extensions()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
