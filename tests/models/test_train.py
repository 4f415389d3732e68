from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from corpus.cli import app
from models.dataset import DatasetError
from models.tasks import load_task, read_labelled_file
from models.train import (C_GRID, CLASS_WEIGHTS, TRUSTED_TYPES, ModelError, load_model, multi_label_metrics,
                          predict_task, run_train, single_label_metrics)

from synthetic_corpus import STUDY


def test_model_folder_has_everything(trained_model):
    out, metrics, plots = trained_model
    names = {p.name for p in out.iterdir()}
    assert {"model.skops", "metrics.json", "README.md", "report.txt", "confusion_matrix.png", "per_label_f1.png",
            "label_by_role_category.png", ".gitignore"} <= names
    assert not any(n.endswith((".pkl", ".pickle", ".joblib")) for n in names)
    for p in plots:
        assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert json.loads((out / "metrics.json").read_text()) == metrics
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "$" not in card.replace("$$", "")  # every template field filled
    assert f"**{metrics['tasks']['stance']['test']['macro_f1']:.3f}**" in card


def test_metrics_and_baselines(trained_model):
    _, metrics, _ = trained_model
    stance, concerns = metrics["tasks"]["stance"], metrics["tasks"]["concerns"]
    assert stance["labels"] == STUDY.stance_values and concerns["labels"] == STUDY.concern_values
    # the synthetic wording carries the labels, so the model must beat both baselines
    assert stance["test"]["macro_f1"] > stance["baselines"]["lexicon"]["macro_f1"]
    assert stance["test"]["macro_f1"] > stance["baselines"]["majority"]["macro_f1"]
    assert stance["test"]["macro_f1"] >= 0.9
    assert concerns["test"]["macro_f1"] >= 0.9
    assert len(stance["grid"]) == len(C_GRID) * len(CLASS_WEIGHTS) and stance["chosen"] in [{k: g[k] for k in ("C", "class_weight")}
                                                             for g in stance["grid"]]
    best = max(g["valid_macro_f1"] for g in stance["grid"])
    assert [g for g in stance["grid"] if g["valid_macro_f1"] == best][0]["C"] == stance["chosen"]["C"]
    cm = stance["test"]["confusion_matrix"]
    assert sum(map(sum, cm["matrix"])) == metrics["sizes"]["test"]
    assert concerns["not_in_train"] == ["kecemburuan_pegawai", "lainnya"]


def test_saved_model_reloads_and_predicts_the_same(trained_model, built_dataset):
    out, metrics, _ = trained_model
    pipelines, loaded_metrics = load_model(out)
    assert loaded_metrics == metrics
    assert pipelines["stance"].named_steps["features"] is pipelines["concerns"].named_steps["features"]
    task = load_task(built_dataset[0])
    texts = task.splits["test"].text
    pred = predict_task("stance", pipelines["stance"], texts, STUDY.stance_values)
    assert single_label_metrics(task.splits["test"].labels["stance"], pred, STUDY.stance_values)["macro_f1"] == \
        metrics["tasks"]["stance"]["test"]["macro_f1"]


def test_load_refuses_types_outside_the_trusted_list(tmp_path, trained_model):
    import skops.io as sio

    sio.dump({"stance": __import__("collections").OrderedDict(a=1)}, tmp_path / "model.skops")
    (tmp_path / "metrics.json").write_text("{}")
    with pytest.raises(ModelError, match="collections.OrderedDict"):
        load_model(tmp_path)
    with pytest.raises(ModelError, match="no model.skops"):
        load_model(tmp_path / "nothing")
    assert "sklearn.pipeline.FeatureUnion" in TRUSTED_TYPES


def test_single_label_metrics_by_hand():
    m = single_label_metrics(["a", "a", "b", "c"], ["a", "b", "b", "b"], ["a", "b", "c"])
    assert m["per_label"]["a"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert m["per_label"]["b"]["precision"] == pytest.approx(0.3333, abs=1e-4)
    assert m["per_label"]["c"]["f1"] == 0.0
    assert m["macro_f1"] == pytest.approx((2 / 3 + 0.5 + 0) / 3, abs=1e-4)
    assert m["confusion_matrix"]["matrix"] == [[1, 1, 0], [0, 1, 0], [0, 1, 0]]


def test_multi_label_metrics_by_hand():
    m = multi_label_metrics([["x"], ["x", "y"], []], [["x"], ["y"], ["y"]], ["x", "y", "z"])
    assert m["per_label"]["x"]["recall"] == 0.5 and m["per_label"]["y"]["precision"] == 0.5
    assert m["macro_f1"] == pytest.approx((2 / 3 + 2 / 3) / 2, abs=1e-4)  # z never occurs: left out of the mean
    assert m["confusion_matrix"]["x"] == [[1, 0], [1, 1]]


SENTI = {
    "positive": ["makanannya enak sekali dan murah", "pelayanan ramah, saya puas", "tempatnya bagus dan nyaman"],
    "negative": ["makanannya basi dan mahal", "pelayanan lambat, saya kecewa", "tempatnya kotor dan panas"],
}


def _senti_rows(n: int):
    return [(f"{SENTI[l][i % 3]} nomor {i}", l) for i in range(n) for l in SENTI]


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_train_cli_on_a_text_label_folder(tmp_path, fmt):
    data = tmp_path / "senti"
    data.mkdir()
    for split, n in (("train", 12), ("valid", 4), ("test", 4)):
        rows = _senti_rows(n)
        if fmt == "csv":
            body = "id,text,label\n" + "".join(f'{i},"{t}",{l}\n' for i, (t, l) in enumerate(rows))
        else:
            body = "".join(f"{t}\t{l}\n" for t, l in rows) + ("tanpa label sama sekali\n" if split == "test" else "")
        (data / f"{split}_x.{fmt}").write_text(body, encoding="utf-8-sig" if fmt == "csv" else "utf-8")  # BOM
    result = CliRunner().invoke(app, ["train", "--data", str(data), "--out-dir", str(tmp_path / "models")])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1] == "test macro_f1=1.0000"
    assert lines[-2] == str(tmp_path / "models" / "senti")
    metrics = json.loads((tmp_path / "models" / "senti" / "metrics.json").read_text())
    assert metrics["tasks"]["label"]["labels"] == ["negative", "positive"]
    assert "lexicon" not in metrics["tasks"]["label"]["baselines"]
    assert metrics["sizes"] == {"train": 24, "valid": 8, "test": 8}
    if fmt == "tsv":
        assert metrics["data_issues"] == [f"{data / 'test_x.tsv'}:9: row without text or label, left out"]
        assert "test_x.tsv:9" in result.output


def _write_folder(folder, splits: dict) -> None:
    folder.mkdir(parents=True)
    for split, rows in splits.items():
        (folder / f"{split}.tsv").write_text("".join(f"{t}\t{l}\n" for t, l in rows), encoding="utf-8")


def test_selection_and_model_never_read_the_test_split(tmp_path):
    train, valid = _senti_rows(12), _senti_rows(4)
    test_a = _senti_rows(4)
    # other texts (new words and characters) and every label flipped
    test_b = [(f"zzz qqq {t} xyzzy", "negative" if l == "positive" else "positive") for t, l in _senti_rows(4)]
    runs = []
    for name, test in (("a", test_a), ("b", test_b)):
        _write_folder(tmp_path / name, {"train": train, "valid": valid, "test": test})
        runs.append(run_train(tmp_path / name, name, tmp_path / "models"))
    (out_a, m_a, _), (out_b, m_b, _) = runs
    assert m_a["tasks"]["label"]["test"]["macro_f1"] == 1.0 and m_b["tasks"]["label"]["test"]["macro_f1"] == 0.0
    for key in ("grid", "chosen"):
        assert m_a["tasks"]["label"][key] == m_b["tasks"]["label"][key]
    (pa, _), (pb, _) = load_model(out_a), load_model(out_b)
    fa, fb = pa["label"].named_steps["features"], pb["label"].named_steps["features"]
    for block in ("word", "char"):
        assert fa.get_params()[block].vocabulary_ == fb.get_params()[block].vocabulary_
    assert (pa["label"].named_steps["clf"].coef_ == pb["label"].named_steps["clf"].coef_).all()


def test_chosen_point_is_refitted_on_train_and_valid(tmp_path):
    from sklearn.linear_model import LogisticRegression

    # "neutral" occurs in valid only: the grid's train-only fits cannot predict it, the kept model can
    neutral = [(f"biasa saja, tidak ada yang istimewa nomor {i}", "neutral") for i in range(4)]
    _write_folder(tmp_path / "d", {"train": _senti_rows(12), "valid": _senti_rows(4) + neutral,
                                   "test": _senti_rows(2) + neutral[:2]})
    out, metrics, _ = run_train(tmp_path / "d", "d", tmp_path / "models")
    res = metrics["tasks"]["label"]
    assert res["not_in_train"] == ["neutral"]
    # the chosen point is the first with the best valid score (ties: the earlier, more regularised one)
    best = max(g["valid_macro_f1"] for g in res["grid"])
    first = next(g for g in res["grid"] if g["valid_macro_f1"] == best)
    assert res["chosen"] == {"C": first["C"], "class_weight": first["class_weight"]}
    assert best < 1.0  # no train-only fit predicts "neutral"
    pipelines, _ = load_model(out)
    clf = pipelines["label"].named_steps["clf"]
    assert isinstance(clf, LogisticRegression) and list(clf.classes_) == ["negative", "neutral", "positive"]
    assert (clf.C, clf.class_weight) == (first["C"], first["class_weight"])
    assert res["test"]["per_label"]["neutral"]["recall"] == 1.0


def test_predict_refuses_a_text_label_model(tmp_path):
    from models.predict import load_predictor

    data = tmp_path / "senti"
    data.mkdir()
    for split in ("train", "dev", "test"):
        (data / f"{split}.tsv").write_text("".join(f"{t}\t{l}\n" for t, l in _senti_rows(3)), encoding="utf-8")
    out, _, _ = run_train(data, "senti", tmp_path)
    with pytest.raises(ModelError, match="single-label text task"):
        load_predictor(out)


@pytest.mark.parametrize("files, message", [
    ({"train.csv": "text,label\na,b\n", "valid.csv": "text,label\na,b\n"}, "no test file"),
    ({"train.csv": "a,b\n", "valid.csv": "a,b\n", "test.csv": "a,b\n"}, "needs `text` and `label`"),
    ({"train.tsv": "a\tb\n", "train2.tsv": "a\tb\n", "valid.tsv": "", "test.tsv": ""}, "2 .*train file"),
])
def test_bad_text_label_folder(tmp_path, files, message):
    for name, body in files.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    with pytest.raises(DatasetError, match=message):
        load_task(tmp_path)


def test_tsv_label_after_the_last_tab(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text("kata\tdengan\ttab\tpositive\n\nnegative\n", encoding="utf-8")
    texts, labels, issues = read_labelled_file(path)
    assert texts == ["kata\tdengan\ttab"] and labels == ["positive"]
    assert issues == [f"{path}:2: row without text or label, left out", f"{path}:3: row without text or label, left out"]


def test_train_cli_fails_clearly_on_a_missing_folder(tmp_path):
    result = CliRunner().invoke(app, ["train", "--data", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert f"{tmp_path / 'nope'}: not a folder" in result.output
