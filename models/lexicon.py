"""Keyword-lexicon model (wacana-lexicon.v1): the baseline the classifier must beat, and the pre-annotator for a
study's first Label Studio batch, before any model has been trained. Cues live in lexicon.yaml next to this file."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from annotate.records import Prediction
from annotate.schema import SAMPLE_STUDY, Study, load_study

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")
LEXICON_VERSION = "wacana-lexicon.v1"
# Share of the smoothing mass given to the default stance, so "no cue" reads as an uncertain default (score 0.5)
# rather than a confident one; every cue hit moves the score further from that.
DEFAULT_PRIOR = 0.5


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Lexicon:
    version: str
    default_stance: str
    stance_values: tuple[str, ...]
    concern_values: tuple[str, ...]
    stance_cues: dict[str, re.Pattern]
    concern_cues: dict[str, re.Pattern]

    def stance_scores(self, text: str) -> dict[str, float]:
        hits = {v: len(p.findall(text)) for v, p in self.stance_cues.items()}
        total = sum(hits.values())
        others = DEFAULT_PRIOR / (len(self.stance_values) - 1) if len(self.stance_values) > 1 else 0.0
        prior = {v: DEFAULT_PRIOR if v == self.default_stance else others for v in self.stance_values}
        return {v: (hits.get(v, 0) + prior[v]) / (total + 1) for v in self.stance_values}

    def concern_scores(self, text: str) -> dict[str, float]:
        return {v: 1 - 0.5 ** len(self.concern_cues[v].findall(text)) if v in self.concern_cues else 0.0
                for v in self.concern_values}

    def predict_stance(self, texts: list[str]) -> list[str]:
        return [_argmax(self.stance_scores(t)) for t in texts]

    def predict_concerns(self, texts: list[str]) -> list[list[str]]:
        return [[v for v, s in self.concern_scores(t).items() if s >= 0.5] for t in texts]

    def predict(self, statement_id: str, text: str) -> Prediction:
        stance = self.stance_scores(text)
        concerns = self.concern_scores(text)
        best = _argmax(stance)
        return Prediction(statement_id=statement_id, stance=best, stance_score=round(stance[best], 4),
                          concerns=[v for v, s in concerns.items() if s >= 0.5],
                          concern_scores={v: round(s, 4) for v, s in concerns.items()}, model_version=self.version)


def _argmax(scores: dict[str, float]) -> str:
    return max(scores, key=scores.__getitem__)  # ties go to the first label of the study, a fixed order


def _compile(path: Path, section: str, cues: dict, allowed: list[str]) -> dict[str, re.Pattern]:
    out = {}
    for label, patterns in (cues or {}).items():
        if label not in allowed:
            raise LexiconError(f"{path}: {section} label '{label}' is not in the study (labels: {', '.join(allowed)})")
        if not patterns:
            continue
        try:
            out[label] = re.compile("|".join(rf"\b(?:{p})" for p in patterns), re.IGNORECASE)
        except re.error as e:
            raise LexiconError(f"{path}: {section}.{label} has an invalid pattern ({e})") from e
    return out


def load_lexicon(path: str | Path | None = None, study: Study | str = SAMPLE_STUDY) -> Lexicon:
    path = Path(path) if path else LEXICON_PATH
    study = load_study(study) if isinstance(study, str) else study
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise LexiconError(f"{path}: cannot read the lexicon ({e})") from e
    if not isinstance(data, dict) or "version" not in data:
        raise LexiconError(f"{path}: a lexicon is a YAML mapping with 'version', 'stance' and 'concerns'")
    default = data.get("default_stance", study.stance_values[0])
    if default not in study.stance_values:
        raise LexiconError(f"{path}: default_stance '{default}' is not a stance of {study.version}")
    return Lexicon(version=str(data["version"]), default_stance=default,
                   stance_values=tuple(study.stance_values), concern_values=tuple(study.concern_values),
                   stance_cues=_compile(path, "stance", data.get("stance"), study.stance_values),
                   concern_cues=_compile(path, "concerns", data.get("concerns"), study.concern_values))
