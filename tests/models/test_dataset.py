from __future__ import annotations

import json
import re

import pytest
from datasets import load_dataset

from annotate.records import AnnotationRow
from models.dataset import DatasetError, assign_splits, build_dataset, features, read_annotations

from synthetic_corpus import STUDY, make_corpus


def test_load_dataset_returns_the_declared_features(built_dataset):
    out, built = built_dataset
    ds = load_dataset(str(out))
    assert set(ds) == {"train", "valid", "test"}
    for split in ds:
        assert ds[split].features == features(STUDY, "default")
        assert ds[split].num_rows == len(built.default[split])
    stance = ds["train"].features["stance"]
    assert stance.names == STUDY.stance_values
    assert ds["train"].features["concerns"].feature.names == STUDY.concern_values
    rows = load_dataset(str(out), "annotations")
    for split in rows:
        assert rows[split].features == features(STUDY, "annotations")
        assert rows[split].num_rows == len(built.annotations[split])


def test_gold_labels_match_the_annotators(built_dataset, corpus_files):
    out, _ = built_dataset
    ds = load_dataset(str(out))
    truth = corpus_files["truth"]
    names = ds["train"].features["stance"].names
    concern_names = ds["train"].features["concerns"].feature.names
    seen = 0
    for split in ds:
        for row in ds[split]:
            stance, concerns = truth[row["statement_id"]]
            assert names[row["stance"]] == stance
            assert sorted(concern_names[c] for c in row["concerns"]) == sorted(concerns)
            seen += 1
    # every statement but the one disagreement nobody adjudicated
    assert seen == len(truth) - 1
    df = ds["test"].to_pandas()
    assert set(df["label_source"]) <= {"single", "unanimous", "adjudicated"}
    assert (df["article_title"].str.startswith("Berita")).all()


def test_splits_are_grouped_by_article_and_seeded(built_dataset):
    out, built = built_dataset
    articles = {s: {r["article_id"] for r in built.default[s]} for s in built.default}
    assert not articles["train"] & articles["valid"]
    assert not articles["train"] & articles["test"]
    assert not articles["valid"] & articles["test"]
    # annotation rows follow their statement's article, so the annotations config is grouped the same way
    rows = {s: {r["article_id"] for r in built.annotations[s]} for s in built.annotations}
    for split in rows:
        assert articles[split] <= rows[split]
        assert not rows[split] & set().union(*(rows[o] for o in rows if o != split))
    assert "seed **7**" in (out / "README.md").read_text(encoding="utf-8")


def test_assign_splits_is_deterministic_and_needs_three_articles():
    ids = [f"a{i % 9}" for i in range(90)]
    strata = [str(i % 3) for i in range(90)]
    first = assign_splits(ids, strata, seed=3)
    assert first == assign_splits(ids, strata, seed=3)
    assert set(first.values()) == {"train", "valid", "test"}
    with pytest.raises(DatasetError, match="at least 3"):
        assign_splits(["a", "a", "b"], ["x", "y", "x"], seed=0)


def test_unusable_labels_are_reported_never_dropped(built_dataset, corpus_files):
    out, built = built_dataset
    report = (out / "issues.tsv").read_text(encoding="utf-8").splitlines()
    kinds = {line.split("\t")[0] for line in report[1:]}
    assert kinds == {"unmatched_label", "unknown_label", "other_study", "bad_line", "unresolved"}
    unmatched = [l for l in report if l.startswith("unmatched_label")]
    assert len(unmatched) == 1 and "gone000000000000" in unmatched[0]
    assert any(str(corpus_files["labels"]) in l and "sangat_mendukung" in l for l in report)
    bad = [l for l in report if l.startswith("bad_line")]
    assert bad and f"{corpus_files['labels']}:{corpus_files['n_labels'] + 1}" in bad[0]
    assert any(corpus_files["unresolved"] in l for l in report if l.startswith("unresolved"))
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "unmatched_label 1" in card


def test_card_states_licence_agreement_and_distribution(built_dataset):
    out, built = built_dataset
    card = (out / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n") and "\n---\n" in card
    assert "license: cc-by-nc-sa-4.0" in card
    stance = built.agreement["stance"]
    assert f"Krippendorff's α (nominal) on stance **{stance['alpha']:.3f}**" in card
    assert stance["n_items"] > 10 and 0 < stance["alpha"] < 1
    assert "maintainer-a 120, maintainer-b" in card
    for v in STUDY.stance_values:
        assert f"| {v} |" in card
    assert card.rstrip().endswith("### Who labelled\n\nSynthetic rows written by the test suite.")


def _row(sid, annotator, stance, concerns=()):
    return AnnotationRow(STUDY.version, sid, annotator, stance, list(concerns))


def test_read_annotations_rejects_rows_that_are_not_rows(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"statement_id": "x", "annotator": "a"}\n[1, 2]\n', encoding="utf-8")
    rows, issues = read_annotations(path, STUDY)
    assert rows == []
    assert [i.kind for i in issues] == ["bad_line", "bad_line"]
    reasons = sorted(i.reason for i in issues)
    assert reasons[0].startswith(f"{path}:1: not an annotation row") and reasons[1] == f"{path}:2: not a JSON object"


def test_build_dataset_without_articles_reports_missing_metadata():
    statements, _, truth = make_corpus(n_articles=4, per_article=5)
    by_id = {s["statement_id"]: s for s in statements}
    rows = [_row(sid, "a", stance, concerns) for sid, (stance, concerns) in truth.items()]
    built = build_dataset(by_id, {}, rows, STUDY, seed=0)
    assert sum(map(len, built.default.values())) == 20
    assert {i.kind for i in built.issues} == {"no_article"}
    assert all(r["article_title"] is None for r in built.default["train"])
    assert sum(len(v) for v in built.annotations.values()) == 20


def test_dataset_cli_counts_statements_nobody_labelled(corpus_files, tmp_path):
    from typer.testing import CliRunner

    from corpus.cli import app

    extra = json.loads(corpus_files["statements"].read_text(encoding="utf-8").splitlines()[0])
    extra.update(statement_id="new0000000000001", start=0, end=1)  # what a newer extractor finds in addition
    statements = tmp_path / "statements.jsonl"
    statements.write_text(corpus_files["statements"].read_text(encoding="utf-8") + json.dumps(extra) + "\n",
                          encoding="utf-8")

    def unlabelled(path) -> int:
        result = CliRunner().invoke(app, ["dataset", str(path), "--labels", str(corpus_files["labels"]),
                                          "--articles", str(corpus_files["articles"]), "--study", STUDY.version,
                                          "-o", str(tmp_path / path.stem)])
        assert result.exit_code == 0, result.output
        return int(re.search(r"unlabelled=(\d+)", result.output).group(1))

    assert unlabelled(statements) == unlabelled(corpus_files["statements"]) + 1
