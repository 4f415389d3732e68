"""`wacana` commands of annotate/. Registered on the one app in corpus.cli; heavy imports stay inside the commands
so `wacana --help` stays fast."""
from __future__ import annotations

from pathlib import Path

import typer


def _read_rows(rows: Path) -> tuple[list, list[str]]:
    """AnnotationRows of a file; each bad line is reported (file:line) and skipped, an unreadable file stops."""
    from .agreement import read_rows

    try:
        found, errors = read_rows(rows)
    except OSError as e:
        typer.echo(f"error: {rows}: cannot read ({e.strerror})", err=True)
        raise typer.Exit(1)
    for e in errors:
        typer.echo(f"error: {e}", err=True)
    return found, errors


def register(app: typer.Typer) -> None:
    """Add this package's commands to the wacana app."""
    # label schema, codebook and agreement (issue 3, part B)
    app.command("codebook")(codebook_cmd)
    app.command("agreement")(agreement_cmd)
    # Label Studio round trip (issue 3, part A)
    app.command("push")(push_cmd)
    app.command("pull")(pull_cmd)
    app.command("adjudicate")(adjudicate_cmd)


# --- label schema, codebook and agreement (issue 3, part B) ---

def codebook_cmd(
    study: str = typer.Argument(..., help="Study name (e.g. wfh-asn.v1) or path to a study YAML."),
    output: Path = typer.Option(..., "-o", "--output", help="Markdown file, e.g. docs/codebook-wfh-asn.v1.md."),
):
    """Write the annotators' codebook (Indonesian, then English) generated from a study schema."""
    from .codebook import codebook
    from .schema import SchemaError, load_study

    try:
        text = codebook(load_study(study))
    except SchemaError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(1)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    typer.echo(f"{output}")


def agreement_cmd(
    rows: Path = typer.Argument(..., help="Annotation rows JSONL (from `wacana pull`)."),
    output: Path = typer.Option(..., "-o", "--output", help="Folder for agreement.json, .md and .png."),
    study: str = typer.Option(None, help="Study name or YAML (default: the study the rows were labelled under)."),
):
    """Krippendorff's alpha (stance, each concern) and pairwise Cohen's kappa, written as JSON, Markdown and a plot."""
    from .agreement import agreement, write_report
    from .schema import SchemaError, load_study

    found, errors = _read_rows(rows)
    names = sorted({r.study for r in found})
    if study is None and len(names) != 1:
        typer.echo(f"error: {rows}: rows of {len(names)} studies ({', '.join(names)}); pick one with --study", err=True)
        raise typer.Exit(1)
    try:
        chosen = load_study(study or names[0])
        mine = [r for r in found if r.study == chosen.version]
        report = agreement(mine, chosen)
    except (SchemaError, ValueError) as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(1)
    for path in write_report(report, output):
        typer.echo(str(path))
    s = report["stance"]
    alpha = "undefined" if s["alpha"] is None else f"{s['alpha']:.3f}"
    typer.echo(f"rows={report['rows']} other_study={len(found) - len(mine)} skipped={report['skipped']} "
               f"bad_lines={len(errors)} "
               f"statements={report['statements']} stance_items={s['n_items']} alpha_stance={alpha}")


# --- Label Studio round trip: push, pull, adjudicate (issue 3, part A) ---

_URL_HELP = "Label Studio URL (default: LABEL_STUDIO_URL, then .env, then http://127.0.0.1:8080). The API token " \
            "comes only from LABEL_STUDIO_API_KEY or .env, never from the command line."


def _connect(url: str | None):
    from .labelstudio import LabelStudioError, connect

    try:
        return connect(url)
    except LabelStudioError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(1)


def _study(name: str):
    from .schema import SchemaError, load_study

    try:
        return load_study(name)
    except SchemaError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(1)


def push_cmd(
    statements: Path = typer.Argument(..., help="Statements JSONL (from `wacana segment`)."),
    study: str = typer.Option("wfh-asn.v1", help="Study name or YAML: decides the projects and their config."),
    articles: Path = typer.Option(None, help="Articles Parquet (`wacana segment --articles`): title, outlet, date "
                                              "and the sentences before and after each statement."),
    predictions: Path = typer.Option(None, help="Prediction JSONL (`wacana predict`), attached as pre-annotations."),
    url: str = typer.Option(None, help=_URL_HELP),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only say what would be created and updated."),
    batch_size: int = typer.Option(1000, min=1, help="Tasks per import request."),
    full_check: bool = typer.Option(False, "--full-check", help="List every task on the server instead of trusting "
                                                                "the index the last push cached."),
):
    """Import statements as Label Studio tasks (idempotent by statement_id; changed statements update their task).
    Ends with `created=… updated=… unchanged=… failed=…`."""
    from rich.console import Console
    from rich.progress import Progress

    from .labelstudio import LabelStudioError
    from .push import build_tasks, default_cache_dir, push, read_jsonl, read_predictions

    chosen = _study(study)
    issues: list = []
    try:
        rows = read_jsonl(statements, ("statement_id", "article_id", "text", "start", "end"), issues)
    except OSError as e:
        typer.echo(f"error: {statements}: cannot read ({e.strerror})", err=True)
        raise typer.Exit(1)
    arts = None
    if articles is not None:
        from corpus.pipeline import read_articles_parquet

        wanted = {r["article_id"] for r in rows}
        try:
            arts = {a.article_id: a for a in read_articles_parquet(articles) if a.article_id in wanted}
        except Exception as e:  # pyarrow raises several types for a bad file
            typer.echo(f"error: {articles}: cannot read the articles ({e})", err=True)
            raise typer.Exit(1)
        for article_id in sorted(wanted - arts.keys()):
            typer.echo(f"warning: {articles}: no article {article_id}; its statements get no title or context",
                       err=True)
    bad_statements = len(issues)  # statements that cannot land; a bad prediction line only loses its prediction
    try:
        preds = read_predictions(predictions, chosen, issues) if predictions is not None else None
    except OSError as e:
        typer.echo(f"error: {predictions}: cannot read ({e.strerror})", err=True)
        raise typer.Exit(1)
    for issue in issues:
        typer.echo(f"error: {issue}", err=True)
    tasks = build_tasks(rows, arts)
    client = _connect(url)
    try:
        with Progress(console=Console(stderr=True), transient=True, disable=dry_run) as bar:
            job = bar.add_task("push", total=len(tasks))
            summary = push(client, chosen, tasks, preds, dry_run=dry_run, batch_size=batch_size,
                           cache_dir=None if full_check else default_cache_dir(),
                           progress=lambda n: bar.advance(job, n))
    except LabelStudioError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(1)
    if summary.error:
        typer.echo(f"error: {summary.error}", err=True)
    if dry_run:
        typer.echo(f"dry run: nothing sent; {summary.overlap} statements in the overlap sample, "
                   f"{summary.predictions} with predictions")
    summary.failed += bad_statements
    typer.echo(summary.line())
    if summary.failed or summary.error or issues:
        raise typer.Exit(1)


def pull_cmd(
    output: Path = typer.Option(..., "-o", "--output", help="Annotation rows JSONL (rewritten from the snapshot)."),
    study: str = typer.Option("wfh-asn.v1", help="Study name or YAML."),
    raw_dir: Path = typer.Option(None, help="Where raw snapshot exports go (default: <output dir>/raw)."),
    url: str = typer.Option(None, help=_URL_HELP),
):
    """Export the study's projects through the snapshot API and write one row per (statement, annotator).
    Ends with `tasks=… annotations=… new=… changed=… lost=…`."""
    from .labelstudio import LabelStudioError
    from .pull import pull

    chosen = _study(study)
    client = _connect(url)
    try:
        summary = pull(client, chosen, output, raw_dir)
    except LabelStudioError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(1)
    for path in summary.raw_files:
        typer.echo(f"raw: {path}")
    typer.echo(f"{output} (skipped: {summary.skipped})")
    typer.echo(summary.line())
    if summary.lost:
        typer.echo(f"warning: {summary.lost} annotations of the previous pull are gone from Label Studio "
                   "(deleted there); the raw snapshots keep them", err=True)


def adjudicate_cmd(
    rows: Path = typer.Argument(..., help="Annotation rows JSONL (from `wacana pull`)."),
    output: Path = typer.Option(..., "-o", "--output", help="Gold labels JSONL (one GoldLabel per statement)."),
    study: str = typer.Option("wfh-asn.v1", help="Study name or YAML."),
    raw_dir: Path = typer.Option(None, help="Where the adjudication project's raw snapshot goes "
                                            "(default: <output dir>/raw)."),
    url: str = typer.Option(None, help=_URL_HELP),
):
    """Send disagreements to the study's adjudication project, pull the adjudicators' decisions and write gold
    labels (label_source unanimous | majority | adjudicated | single). Re-run after adjudicating."""
    from .labelstudio import LabelStudioError
    from .review import adjudicate, write_gold

    chosen = _study(study)
    found, _ = _read_rows(rows)
    mine = [r for r in found if r.study == chosen.version]
    if len(mine) != len(found):
        typer.echo(f"warning: {rows}: {len(found) - len(mine)} rows of other studies left out", err=True)
    client = _connect(url)
    try:
        summary = adjudicate(client, chosen, mine, raw_dir or output.parent / "raw")
    except LabelStudioError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(1)
    for e in summary.errors:
        typer.echo(f"error: {e}", err=True)
    write_gold(output, summary.gold)
    for u in summary.gold.unresolved:
        typer.echo(f"unresolved: {u.statement_id}: {u.reason}", err=True)
    typer.echo(f"{output}")
    typer.echo(summary.line())
    if summary.failed:
        raise typer.Exit(1)
