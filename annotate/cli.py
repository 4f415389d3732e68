"""`wacana` commands of annotate/. Registered on the one app in corpus.cli; heavy imports stay inside the commands
so `wacana --help` stays fast."""
from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    """Add this package's commands to the wacana app."""
    # label schema, codebook and agreement (issue 3, part B)
    app.command("codebook")(codebook_cmd)
    app.command("agreement")(agreement_cmd)


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
    from .agreement import agreement, read_rows, write_report
    from .schema import SchemaError, load_study

    try:
        found, errors = read_rows(rows)
    except OSError as e:
        typer.echo(f"error: {rows}: cannot read ({e.strerror})", err=True)
        raise typer.Exit(1)
    for e in errors:
        typer.echo(f"error: {e}", err=True)
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
