"""Labels with scores for new statements (`wacana predict`) and the next Label Studio batch (`wacana select`).
Both write annotate.records.Prediction rows, which `wacana push --predictions` attaches as pre-annotations."""
from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import numpy as np

from annotate.records import Prediction
from annotate.schema import SAMPLE_STUDY

from .dataset import DatasetIssue, read_jsonl, read_statements
from .train import ModelError, load_model


class ModelPredictor:
    """A model folder from `wacana train` on a wacana dataset (stance + concerns)."""

    def __init__(self, folder: str | Path):
        self.pipelines, metrics = load_model(folder)
        if "stance" not in self.pipelines:
            raise ModelError(f"{folder}: trained on a single-label text task ({metrics['data']}), not on a study "
                             "dataset; predict and select need a stance model")
        self.version = f"{metrics['model_version']}:{metrics['name']}"
        self.concern_labels = metrics["tasks"]["concerns"]["labels"]

    def predict(self, statements: list[dict]) -> list[Prediction]:
        if not statements:
            return []
        stance = self.pipelines["stance"]
        X = stance.named_steps["features"].transform([s["text"] for s in statements])
        probs = stance.named_steps["clf"].predict_proba(X)
        classes = list(stance.named_steps["clf"].classes_)
        # concerns share the feature step with stance (fitted once at train time), so X serves both
        cprobs = self.pipelines["concerns"].named_steps["clf"].predict_proba(X)
        out = []
        for s, p, cp in zip(statements, probs, np.asarray(cprobs)):
            best = int(np.argmax(p))
            scores = {c: round(float(v), 4) for c, v in zip(self.concern_labels, cp)}
            out.append(Prediction(statement_id=s["statement_id"], stance=classes[best],
                                  stance_score=round(float(p[best]), 4),
                                  concerns=[c for c, v in scores.items() if v >= 0.5], concern_scores=scores,
                                  model_version=self.version))
        return out


class LexiconPredictor:
    def __init__(self, study: str = SAMPLE_STUDY, path: str | Path | None = None):
        from .lexicon import load_lexicon

        self.lexicon = load_lexicon(path, study=study)
        self.version = self.lexicon.version

    def predict(self, statements: list[dict]) -> list[Prediction]:
        return [self.lexicon.predict(s["statement_id"], s["text"]) for s in statements]


def load_predictor(model: str | Path, study: str = SAMPLE_STUDY):
    """`lexicon` (optionally `lexicon:PATH.yaml`) or a model folder."""
    model = str(model)
    if model == "lexicon" or model.startswith("lexicon:"):
        return LexiconPredictor(study, model.partition(":")[2] or None)
    return ModelPredictor(model)


def write_jsonl(path: str | Path, records) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")


def run_predict(model: str | Path, statements_path: str | Path, out: str | Path,
                study: str = SAMPLE_STUDY) -> tuple[int, list[DatasetIssue]]:
    statements, issues = read_statements(statements_path)
    predictions = load_predictor(model, study).predict(list(statements.values()))
    write_jsonl(out, (p.to_dict() for p in predictions))
    return len(predictions), issues


# --- active learning ---------------------------------------------------------------------------------------------

def select_batch(statements: list[dict], predictions: list[Prediction], n: int, random_share: float = 0.2,
                 per_article: int = 3, seed: int = 0,
                 exclude: frozenset[str] | set[str] = frozenset()) -> list[tuple[dict, Prediction, str]]:
    """(statement, prediction, why) for the next batch: first round(n × random_share) drawn at random, so every
    batch keeps an unbiased sample of the pool, then the least confident (lowest stance score) ones. No article
    gives more than `per_article` statements; already labelled ids (`exclude`) are never picked. The batch is
    shorter than n only when the cap or the pool runs out."""
    if not 0.0 <= random_share <= 1.0:
        raise ValueError(f"random_share must be between 0 and 1, not {random_share}")
    pool = [(s, p) for s, p in zip(statements, predictions) if s["statement_id"] not in exclude]
    chosen: list[tuple[dict, Prediction, str]] = []
    taken: set[str] = set()
    per = Counter()

    def take(candidates, limit: int, why: str) -> None:
        for s, p in candidates:
            if len(chosen) >= limit:
                return
            if s["statement_id"] in taken or per[s["article_id"]] >= per_article:
                continue
            chosen.append((s, p, why))
            taken.add(s["statement_id"])
            per[s["article_id"]] += 1

    take(random.Random(seed).sample(pool, len(pool)), round(n * random_share), "random")
    take(sorted(pool, key=lambda sp: (sp[1].stance_score, sp[0]["statement_id"])), n, "uncertain")
    return chosen


def run_select(model: str | Path, statements_path: str | Path, out: str | Path, *, n: int = 50,
               random_share: float = 0.2, per_article: int = 3, seed: int = 0,
               exclude_paths: list[str | Path] = (), predictions_out: str | Path | None = None,
               study: str = SAMPLE_STUDY) -> tuple[list[tuple[dict, Prediction, str]], Path, list[DatasetIssue]]:
    statements, issues = read_statements(statements_path)
    exclude = set()
    for path in exclude_paths:
        rows, bad = read_jsonl(path)
        issues += bad
        exclude |= {str(r.get("statement_id")) for r in rows}
    records = list(statements.values())
    predictions = load_predictor(model, study).predict(records)
    batch = select_batch(records, predictions, n, random_share, per_article, seed, exclude)
    predictions_out = Path(predictions_out) if predictions_out else Path(out).with_suffix(".predictions.jsonl")
    write_jsonl(out, (s for s, _, _ in batch))
    write_jsonl(predictions_out, (p.to_dict() for _, p, _ in batch))
    return batch, predictions_out, issues
