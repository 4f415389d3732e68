from __future__ import annotations

import json
from collections import Counter

import pytest
from typer.testing import CliRunner

from annotate.records import PREDICTION_FIELDS, Prediction
from corpus.cli import app
from models.predict import load_predictor, select_batch

from synthetic_corpus import STUDY


def _pool(n_articles=5, per_article=6):
    statements, predictions = [], []
    for a in range(n_articles):
        for k in range(per_article):
            sid = f"a{a}s{k}"
            statements.append({"statement_id": sid, "article_id": f"a{a}", "text": "x"})
            # confidence rises with k and with the article number: a0s0 is the least sure
            predictions.append(Prediction(sid, "netral", 0.2 + 0.1 * k + 0.01 * a, [], {}, "test"))
    return statements, predictions


def test_select_takes_the_least_confident_under_the_article_cap():
    statements, predictions = _pool()
    batch = select_batch(statements, predictions, n=6, random_share=0.0, per_article=2)
    assert [s["statement_id"] for s, _, _ in batch] == ["a0s0", "a1s0", "a2s0", "a3s0", "a4s0", "a0s1"]
    assert {why for _, _, why in batch} == {"uncertain"}
    batch = select_batch(statements, predictions, n=30, random_share=0.0, per_article=2)
    assert len(batch) == 10 and max(Counter(s["article_id"] for s, _, _ in batch).values()) == 2


def test_select_keeps_a_seeded_random_share_and_skips_labelled():
    statements, predictions = _pool()
    exclude = {"a0s0", "a1s0"}
    a = select_batch(statements, predictions, n=10, random_share=0.3, per_article=3, seed=5, exclude=exclude)
    b = select_batch(statements, predictions, n=10, random_share=0.3, per_article=3, seed=5, exclude=exclude)
    c = select_batch(statements, predictions, n=10, random_share=0.3, per_article=3, seed=6, exclude=exclude)
    assert a == b and [x[0] for x in a] != [x[0] for x in c]
    assert Counter(why for _, _, why in a) == {"random": 3, "uncertain": 7}
    ids = [s["statement_id"] for s, _, _ in a]
    assert len(set(ids)) == 10 and not exclude & set(ids)
    assert max(Counter(s["article_id"] for s, _, _ in a).values()) <= 3


def test_select_rejects_a_bad_share():
    with pytest.raises(ValueError, match="random_share"):
        select_batch([], [], n=3, random_share=1.5)


def _read(path):
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("model", ["lexicon", "trained"])
def test_predict_cli_writes_prediction_rows(tmp_path, corpus_files, trained_model, model):
    model_arg = "lexicon" if model == "lexicon" else str(trained_model[0])
    out = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(app, ["predict", model_arg, str(corpus_files["statements"]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = _read(out)
    assert len(rows) == len(corpus_files["truth"]) and result.output.strip().endswith(f"predictions={len(rows)} issues=0")
    for r in rows:
        assert list(r) == PREDICTION_FIELDS
        assert r["stance"] in STUDY.stance_values and 0 < r["stance_score"] <= 1
        assert set(r["concern_scores"]) == set(STUDY.concern_values)
        assert r["concerns"] == [c for c in STUDY.concern_values if r["concern_scores"][c] >= 0.5]
    if model == "trained":
        assert rows[0]["model_version"] == "wacana-baseline.v2:synthetic"
        right = sum(r["stance"] == corpus_files["truth"][r["statement_id"]][0] for r in rows)
        assert right / len(rows) > 0.9
    else:
        assert rows[0]["model_version"] == "wacana-lexicon.v1"


def test_model_predictor_agrees_with_its_pipeline(trained_model, corpus_files):
    predictor = load_predictor(trained_model[0])
    statements = [json.loads(l) for l in corpus_files["statements"].read_text().splitlines()][:20]
    preds = predictor.predict(statements)
    direct = predictor.pipelines["stance"].predict([s["text"] for s in statements])
    assert [p.stance for p in preds] == list(direct)


def test_select_cli_writes_batch_and_predictions(tmp_path, corpus_files, trained_model):
    out = tmp_path / "batch.jsonl"
    result = CliRunner().invoke(app, [
        "select", str(corpus_files["statements"]), "-o", str(out), "--model", str(trained_model[0]), "-n", "12",
        "--random-share", "0.25", "--per-article", "2", "--exclude", str(corpus_files["labels"]), "--seed", "1"])
    assert result.exit_code == 0, result.output
    # the labels file covers every statement, so nothing is left to pick
    assert "selected=0" in result.output
    bad_line = f"{corpus_files['labels']}:{corpus_files['n_labels'] + 1}"
    assert bad_line in result.output  # the broken line of the exclude file is reported, not skipped silently
    result = CliRunner().invoke(app, [
        "select", str(corpus_files["statements"]), "-o", str(out), "--model", str(trained_model[0]), "-n", "12",
        "--random-share", "0.25", "--per-article", "2", "--seed", "1"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("selected=12 uncertain=9 random=3 issues=0")
    batch, preds = _read(out), _read(out.with_suffix(".predictions.jsonl"))
    assert [s["statement_id"] for s in batch] == [p["statement_id"] for p in preds]
    assert max(Counter(s["article_id"] for s in batch).values()) <= 2
    assert set(batch[0]) == set(json.loads(corpus_files["statements"].read_text().splitlines()[0]))


def test_predict_cli_reports_bad_lines_and_a_bad_model(tmp_path):
    statements = tmp_path / "s.jsonl"
    statements.write_text('{"statement_id": "a", "article_id": "x", "text": "Kami menolak.", "start": 0, "end": 13}\n'
                          "{broken\n", encoding="utf-8")
    out = tmp_path / "p.jsonl"
    result = CliRunner().invoke(app, ["predict", "lexicon", str(statements), "-o", str(out)])
    assert result.exit_code == 0
    assert f"{statements}:2: not JSON" in result.output and "predictions=1 issues=1" in result.output
    assert _read(out)[0]["stance"] == "menolak"
    result = CliRunner().invoke(app, ["predict", str(tmp_path), str(statements), "-o", str(out)])
    assert result.exit_code == 1 and f"{tmp_path}: no model.skops" in result.output
