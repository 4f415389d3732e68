"""The baseline classifier (wacana-baseline.v2): word + character n-gram TF-IDF → logistic regression (one-vs-rest
for the multi-label concerns). Hyper-parameters are chosen on the valid split only, the chosen point is refitted on
train + valid, and the test split is scored once, next to a majority-class and a keyword-lexicon baseline.

v2 differs from v1 (C ∈ {1, 4, 16, 64}, model fitted on train only) in the grid, C ∈ {0.25, 1, 4, 16}, and in the
refit of features and classifier on train + valid; features, classifier and selection on valid are unchanged."""
from __future__ import annotations

import json
import os
import warnings
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .tasks import Task

MODEL_VERSION = "wacana-baseline.v2"
# The grid is small on purpose (10,000 statements train in < 60 s; eight points, as in v1): the features are fixed,
# only the regulariser and the class weighting are chosen. v1's grid was C ∈ {1, 4, 16, 64}; with
# class_weight="balanced" the strongly regularised end is often best on small data, and C = 64 was never the best
# point (NusaX CV, SmSA valid). Compared without any test split (NusaX train + valid, 600 items, 2 × 5 stratified
# outer folds, in each a 1/6 stratified hold-out playing "valid", exactly as train() does it): v1 0.790 macro-F1; this
# grid 0.798 (+0.8 ± 0.5 paired s.e.); this grid + the refit on train + valid 0.803 (+1.3 ± 0.9); adding C = 0.5 and
# 64 changed nothing. Choosing by 5-fold CV on train + valid instead of the hold-out did no better (−0.7 ± 0.8,
# eleven-C grid), so selection stays on the valid split. SmSA's valid split (1,260 items) still picks C = 16,
# balanced.
C_GRID = (0.25, 1.0, 4.0, 16.0)
CLASS_WEIGHTS = (None, "balanced")
MODEL_FILE = "model.skops"
# Every type model.skops may contain; a file holding anything else is refused before skops loads it.
TRUSTED_TYPES = [
    "builtins.dict", "builtins.list", "builtins.str", "builtins.tuple",
    "numpy.float32", "numpy.float64", "numpy.int64", "numpy.ndarray",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.multiclass.OneVsRestClassifier",
    "sklearn.multiclass._ConstantPredictor",  # what OneVsRest fits for a concern absent from train
    "sklearn.pipeline.FeatureUnion",
    "sklearn.preprocessing._label.LabelBinarizer",
]


def make_features():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion([
        ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b",
                                 sublinear_tf=True, dtype=np.float32)),
        # char_wb n-grams carry Indonesian affixes (me-, di-, -kan, -nya) and spelling variants that words miss
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, dtype=np.float32)),
    ])


def _logreg(c: float, weight):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, class_weight=weight, max_iter=3000)


# --- metrics -----------------------------------------------------------------------------------------------------

def single_label_metrics(y_true: list[str], y_pred: list[str], labels: list[str]) -> dict:
    """macro-F1 over the labels seen in truth or prediction (sklearn's default, the NusaX protocol); per-label
    P/R/F1 for every label; confusion matrix rows = truth, columns = prediction, in `labels` order."""
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

    p, r, f, n = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    return {
        "macro_f1": round(float(f1_score(y_true, y_pred, average="macro", zero_division=0)), 4),
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4),
        "per_label": {l: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                          "f1": round(float(f[i]), 4), "support": int(n[i])} for i, l in enumerate(labels)},
        "confusion_matrix": {"labels": labels,
                             "matrix": confusion_matrix(y_true, y_pred, labels=labels).tolist()},
    }


def multi_label_metrics(y_true: list[list[str]], y_pred: list[list[str]], labels: list[str]) -> dict:
    """macro-F1 over labels with any true or predicted example, micro-F1, per-label P/R/F1 and a 2×2 confusion
    matrix per label ([[tn, fp], [fn, tp]])."""
    from sklearn.metrics import f1_score, multilabel_confusion_matrix, precision_recall_fscore_support

    t, pr = _binarize(y_true, labels), _binarize(y_pred, labels)
    used = [i for i in range(len(labels)) if t[:, i].any() or pr[:, i].any()]
    p, r, f, n = precision_recall_fscore_support(t, pr, zero_division=0)
    return {
        "macro_f1": round(float(np.mean(f[used])), 4) if used else 0.0,
        "micro_f1": round(float(f1_score(t, pr, average="micro", zero_division=0)), 4),
        "per_label": {l: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                          "f1": round(float(f[i]), 4), "support": int(n[i])} for i, l in enumerate(labels)},
        "confusion_matrix": {l: m.tolist() for l, m in zip(labels, multilabel_confusion_matrix(t, pr))},
    }


def _binarize(sets: list[list[str]], labels: list[str]) -> np.ndarray:
    out = np.zeros((len(sets), len(labels)), dtype=int)
    index = {l: i for i, l in enumerate(labels)}
    for row, items in enumerate(sets):
        for item in items:
            out[row, index[item]] = 1
    return out


def score(task_name: str, y_true, y_pred, labels) -> dict:
    return (multi_label_metrics if task_name == "concerns" else single_label_metrics)(y_true, y_pred, labels)


# --- fitting -----------------------------------------------------------------------------------------------------

@dataclass
class Selected:
    params: dict                # chosen hyper-parameters
    valid_scores: list[dict]    # every grid point with its valid macro-F1


def _classifier(task_name: str, params: dict, X, y, labels: list[str]):
    """One classifier for `params`, fitted on X; y is a list of labels (of label lists for concerns)."""
    from sklearn.multiclass import OneVsRestClassifier

    clf = _logreg(params["C"], params["class_weight"])
    return OneVsRestClassifier(clf).fit(X, _binarize(y, labels)) if task_name == "concerns" else clf.fit(X, y)


@contextmanager
def _absent_concerns_quiet():
    """A concern with no example gets a constant "absent" (metrics.json lists those labels): no warning for it.
    Set around the thread pool, not inside the threads (warning filters are process-wide)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Label not .* is present in all training examples")
        yield


def select_task(task_name: str, X_train, X_valid, y_train, y_valid, labels: list[str]) -> Selected:
    """Grid over C and class weighting on pre-computed features (fitted on train): every point is fitted on train
    and scored on valid; the point with the best valid macro-F1 wins (ties: the earlier, more regularised one)."""
    if task_name != "concerns" and len(set(y_train)) < 2:
        raise ValueError(f"{task_name}: the train split has a single label ({y_train[0]}); nothing to learn")

    def fit_one(params: dict) -> float:
        clf = _classifier(task_name, params, X_train, y_train, labels)
        pred = _decode(clf.predict(X_valid), labels) if task_name == "concerns" else list(clf.predict(X_valid))
        return score(task_name, y_valid, pred, labels)["macro_f1"]

    grid = [{"C": c, "class_weight": weight} for weight in CLASS_WEIGHTS for c in C_GRID]
    # the grid points are independent and much of lbfgs' time is in numpy/scipy code that releases the GIL:
    # threads gave 1.5× on 2 cores (10,000 statements) without copying the feature matrix into processes
    with _absent_concerns_quiet(), ThreadPoolExecutor(max_workers=min(len(grid), os.cpu_count() or 1)) as pool:
        f1s = list(pool.map(fit_one, grid))
    best = max(range(len(grid)), key=lambda i: (f1s[i], -i))
    return Selected(grid[best], [{**p, "valid_macro_f1": f1} for p, f1 in zip(grid, f1s)])


def _decode(matrix, labels: list[str]) -> list[list[str]]:
    return [[labels[i] for i in np.flatnonzero(row)] for row in np.asarray(matrix)]


def predict_task(task_name: str, pipeline, texts_or_X, labels: list[str], transformed: bool = False):
    clf = pipeline.named_steps["clf"]
    X = texts_or_X if transformed else pipeline.named_steps["features"].transform(texts_or_X)
    return _decode(clf.predict(X), labels) if task_name == "concerns" else list(clf.predict(X))


def _seen(values: list) -> set[str]:
    return {v for x in values for v in (x if isinstance(x, list) else [x])}


def baselines(task: Task, task_name: str) -> dict:
    """Majority class (per label for concerns: the train majority, i.e. mostly 'absent') and, for a study task,
    the keyword lexicon."""
    from .lexicon import load_lexicon

    train, test = task.splits["train"], task.splits["test"]
    labels = task.label_names[task_name]
    y_train, y_test = train.labels[task_name], test.labels[task_name]
    if task_name == "concerns":
        counts = _binarize(y_train, labels).sum(axis=0)
        always = [l for l, n in zip(labels, counts) if n * 2 > len(y_train)]
        majority = [always for _ in y_test]
    else:
        top = max(labels, key=lambda l: (y_train.count(l), -labels.index(l)))
        majority = [top] * len(y_test)
    out = {"majority": score(task_name, y_test, majority, labels)}
    if task.study:
        lexicon = load_lexicon(study=task.study)
        guess = (lexicon.predict_concerns if task_name == "concerns" else lexicon.predict_stance)(test.text)
        out["lexicon"] = {**score(task_name, y_test, guess, labels), "version": lexicon.version}
    return out


def train(task: Task, name: str) -> tuple[dict, dict]:
    """(pipelines by task name, metrics). Pure apart from the CPU: writes nothing."""
    import sklearn
    from sklearn.pipeline import Pipeline

    tr, va, te = (task.splits[s] for s in ("train", "valid", "test"))
    for split, s in (("train", tr), ("valid", va), ("test", te)):
        if not s.text:
            raise ValueError(f"{task.source}: the {split} split is empty")
    # selection: features fitted on train, every grid point fitted on train and scored on valid
    selection_features = make_features()
    X_train = selection_features.fit_transform(tr.text)
    X_valid = selection_features.transform(va.text)
    chosen = {t: select_task(t, X_train, X_valid, tr.labels[t], va.labels[t], labels)
              for t, labels in task.label_names.items()}
    # the kept model: features and the chosen point refitted on train + valid (valid has done its job; with 100
    # valid items, as in NusaX, a sixth more training data is worth more than keeping them out); test never enters
    features = make_features()
    X_fit = features.fit_transform(tr.text + va.text)
    X_test = features.transform(te.text)

    def refit(task_name: str):
        y = list(tr.labels[task_name]) + list(va.labels[task_name])
        return _classifier(task_name, chosen[task_name].params, X_fit, y, task.label_names[task_name])

    with _absent_concerns_quiet(), ThreadPoolExecutor(max_workers=min(len(chosen), os.cpu_count() or 1)) as pool:
        clfs = dict(zip(chosen, pool.map(refit, chosen)))
    pipelines, results = {}, {}
    for task_name, labels in task.label_names.items():
        pipelines[task_name] = Pipeline([("features", features), ("clf", clfs[task_name])])
        pred = predict_task(task_name, pipelines[task_name], X_test, labels, transformed=True)
        unseen = sorted(set(labels) - _seen(tr.labels[task_name]))
        results[task_name] = {"labels": labels, "not_in_train": unseen, "chosen": chosen[task_name].params,
                              "grid": chosen[task_name].valid_scores,
                              "test": score(task_name, te.labels[task_name], pred, labels),
                              "baselines": baselines(task, task_name)}
    metrics = {
        "model_version": MODEL_VERSION, "name": name, "data": task.source, "study": task.study,
        "main_task": task.main, "sizes": {s: len(task.splits[s].text) for s in task.splits},
        "features": "word 1-2-gram TF-IDF + char_wb 2-5-gram TF-IDF (sublinear tf)",
        "classifier": "LogisticRegression (lbfgs); one-vs-rest for concerns",
        "selection": "C and class_weight by macro-F1 on valid (features and classifier fitted on train); final "
                     "model = features and the chosen point refitted on train + valid",
        "sklearn_version": sklearn.__version__, "tasks": results, "data_issues": task.issues,
    }
    return pipelines, metrics


# --- saving and loading ------------------------------------------------------------------------------------------

def save_model(pipelines: dict, metrics: dict, out: Path) -> None:
    """model.skops = {"features": FeatureUnion, <task>: classifier, …}; metrics.json; a self-ignoring .gitignore."""
    import skops.io as sio

    out.mkdir(parents=True, exist_ok=True)
    features = next(iter(pipelines.values())).named_steps["features"]
    if any(p.named_steps["features"] is not features for p in pipelines.values()):
        raise ValueError("the task pipelines must share one fitted feature step")
    # skops writes a shared object once per reference, so the feature step (most of the file: the vocabularies)
    # is stored once and the pipelines are put back together at load time
    sio.dump({"features": features, **{t: p.named_steps["clf"] for t, p in pipelines.items()}}, out / MODEL_FILE)
    (out / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2), encoding="utf-8")
    (out / ".gitignore").write_text("# generated by wacana train\n*\n", encoding="utf-8")


class ModelError(ValueError):
    """A model folder that cannot be used; the message names the folder and the problem."""


def _types_in(path: Path) -> set[str]:
    """Every type named in a skops file's schema. skops itself trusts many types by default; listing them all
    here makes the trusted list the whole truth about what a model file may hold."""
    import zipfile

    found = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            if "__class__" in node and "__module__" in node:
                found.add(f"{node['__module__']}.{node['__class__']}")
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    try:
        with zipfile.ZipFile(path) as z:
            walk(json.loads(z.read("schema.json")))
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError) as e:
        raise ModelError(f"{path}: not a skops file ({e})") from e
    return found


def load_model(folder: str | Path) -> tuple[dict, dict]:
    """(pipelines, metrics) of a model folder. skops refuses any type not in TRUSTED_TYPES."""
    import skops.io as sio

    folder = Path(folder)
    path = folder / MODEL_FILE
    if not path.exists():
        raise ModelError(f"{folder}: no {MODEL_FILE} (not a model folder written by `wacana train`)")
    untrusted = sorted(_types_in(path) - set(TRUSTED_TYPES))
    if untrusted:
        raise ModelError(f"{path}: contains types outside the trusted list: {', '.join(untrusted)}")
    from sklearn.pipeline import Pipeline

    parts = sio.load(path, trusted=TRUSTED_TYPES)
    features = parts.pop("features")
    pipelines = {t: Pipeline([("features", features), ("clf", clf)]) for t, clf in parts.items()}
    metrics = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    return pipelines, metrics


def run_train(data: str | Path, name: str | None = None, out_dir: str | Path = "models") -> tuple[Path, dict, list[Path]]:
    """The `wacana train` stage: model folder `<out_dir>/<name>/` with model.skops, metrics.json, card, plots."""
    from .report import write_report
    from .tasks import load_task

    task = load_task(data)
    name = name or task.name
    pipelines, metrics = train(task, name)
    out = Path(out_dir) / name
    save_model(pipelines, metrics, out)
    plots = write_report(task, metrics, out)
    return out, metrics, plots
