"""`wacana` commands of annotate/. Registered on the one app in corpus.cli; heavy imports stay inside the commands
so `wacana --help` stays fast."""
from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    """Add this package's commands to the wacana app."""
    # label schema, codebook and agreement (issue 3, part B)
    app.command("codebook")(codebook_cmd)


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
