"""`wacana` commands of models/. Registered on the one app in corpus.cli; heavy imports stay inside the commands
so `wacana --help` stays fast."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

STUDY_HELP = "Study name or YAML (annotate/studies/)."


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _report_issues(issues, what: str, limit: int = 10) -> None:
    for i in issues[:limit]:
        typer.echo(f"{i.kind}: {i.reason}" if hasattr(i, "kind") else str(i), err=True)
    if len(issues) > limit:
        typer.echo(f"… {len(issues) - limit} more {what}", err=True)


def dataset(
    statements: Path = typer.Argument(..., help="Statements JSONL (from `wacana segment`)."),
    labels: Path = typer.Option(..., "--labels", help="Annotation rows JSONL (what `wacana pull` writes)."),
    output: Path = typer.Option(..., "-o", "--output", help="Dataset folder to write."),
    articles: Optional[Path] = typer.Option(None, "--articles", help="Articles Parquet (title, outlet, date, url)."),
    adjudications: Optional[Path] = typer.Option(None, "--adjudications", help="Adjudicator rows JSONL."),
    study: str = typer.Option("kebijakan-publik.v1", help=STUDY_HELP),
    seed: int = typer.Option(13, help="Seed of the grouped, stratified split (recorded in the card)."),
    license: str = typer.Option("other", help="Licence id for the card, e.g. cc-by-nc-sa-4.0."),
    provenance: list[Path] = typer.Option([], "--provenance", help="Markdown note quoted into the card: who "
                                                                   "labelled and how, where texts come from (repeatable)."),
):
    """Build a Hugging Face dataset folder (Parquet per split, README.md card) from statements and labels."""
    from annotate.schema import load_study

    from .dataset import DatasetError, run_dataset

    try:
        built = run_dataset(statements, labels, output, load_study(study), articles_path=articles,
                            adjudications_path=adjudications, seed=seed, license=license,
                            provenance=provenance)
    except (DatasetError, ValueError) as e:
        _fail(str(e))
    _report_issues(built.issues, f"in {output / 'issues.tsv'}")
    sizes = " ".join(f"{s}={len(rows)}" for s, rows in built.default.items())
    typer.echo(f"{output} (card: {output / 'README.md'}; issues: {output / 'issues.tsv'})")
    labelled = sum(map(len, built.default.values()))
    # statements nobody has labelled yet are not rows; say how many, so a new extractor's extra finds show
    typer.echo(f"{sizes} annotations={sum(map(len, built.annotations.values()))} "
               f"unlabelled={built.n_statements - labelled} issues={len(built.issues)}")


def train(
    data: Path = typer.Option(..., "--data", help="A wacana dataset folder, or a folder with train/valid/test "
                                                   "files (CSV with text,label; TSV text<TAB>label, no header)."),
    name: Optional[str] = typer.Option(None, help="Model name (default: the data folder's name)."),
    out_dir: Path = typer.Option(Path("models"), "--out-dir", help="The model goes to OUT_DIR/NAME/."),
):
    """Train the baseline (TF-IDF word + char n-grams → logistic regression), chosen on valid, scored on test."""
    from .dataset import DatasetError
    from .report import summary
    from .train import run_train

    try:
        out, metrics, plots = run_train(data, name, out_dir)
    except (DatasetError, ValueError) as e:
        _fail(str(e))
    _report_issues(metrics["data_issues"], "in metrics.json data_issues")
    typer.echo(summary(metrics, out, plots))
    typer.echo(str(out))
    typer.echo(f"test macro_f1={metrics['tasks'][metrics['main_task']]['test']['macro_f1']:.4f}")


def predict(
    model: str = typer.Argument(..., help="A model folder from `wacana train`, or `lexicon` (`lexicon:FILE.yaml`)."),
    statements: Path = typer.Argument(..., help="Statements JSONL."),
    output: Path = typer.Option(..., "-o", "--output", help="Predictions JSONL (annotate.records.Prediction)."),
    study: str = typer.Option("kebijakan-publik.v1", help=STUDY_HELP + " Used by the lexicon."),
):
    """Label statements with stance, concerns and scores."""
    from .dataset import DatasetError
    from .predict import run_predict

    try:
        n, issues = run_predict(model, statements, output, study)
    except (DatasetError, ValueError) as e:
        _fail(str(e))
    _report_issues(issues, "unreadable lines")
    typer.echo(f"{output}\npredictions={n} issues={len(issues)}")


def select(
    statements: Path = typer.Argument(..., help="Pool of statements JSONL."),
    output: Path = typer.Option(..., "-o", "--output", help="The batch: statements JSONL for `wacana push`."),
    model: str = typer.Option("lexicon", help="A model folder, or `lexicon` for the cold start."),
    n: int = typer.Option(50, "-n", help="Batch size."),
    random_share: float = typer.Option(0.2, help="Share of the batch drawn at random, the rest by uncertainty."),
    per_article: int = typer.Option(3, help="At most this many statements of one article per batch."),
    seed: int = typer.Option(0, help="Seed of the random share."),
    exclude: list[Path] = typer.Option([], "--exclude", help="JSONL with statement_id of statements already "
                                                              "labelled or queued (repeatable)."),
    predictions: Optional[Path] = typer.Option(None, help="Predictions JSONL for the batch "
                                                          "(default: OUTPUT with .predictions.jsonl)."),
    study: str = typer.Option("kebijakan-publik.v1", help=STUDY_HELP + " Used by the lexicon."),
):
    """Pick the next batch to label: least confident first, a random share kept, a per-article cap."""
    from collections import Counter

    from .dataset import DatasetError
    from .predict import run_select

    try:
        batch, pred_path, issues = run_select(model, statements, output, n=n, random_share=random_share,
                                              per_article=per_article, seed=seed, exclude_paths=exclude,
                                              predictions_out=predictions, study=study)
    except (DatasetError, ValueError) as e:
        _fail(str(e))
    _report_issues(issues, "unreadable lines")
    why = Counter(w for _, _, w in batch)
    typer.echo(f"{output} (predictions: {pred_path})")
    typer.echo(f"selected={len(batch)} uncertain={why['uncertain']} random={why['random']} issues={len(issues)}")


def register(app: typer.Typer) -> None:
    """Add this package's commands to the wacana app."""
    for command in (dataset, train, predict, select):
        app.command()(command)
