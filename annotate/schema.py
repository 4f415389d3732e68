"""Study label schemas (annotate/studies/*.yaml): the one source the Label Studio config, the codebook, the
dataset features and the classifier's label set are all derived from."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

STUDIES_DIR = Path(__file__).parent / "studies"
DEFAULT_STUDY = "wfh-asn.v1"
SAMPLE_STUDY = "kebijakan-publik.v1"


class SchemaError(ValueError):
    """A study file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Label:
    value: str
    label_id: str
    gloss_en: str
    hint_id: str = ""
    hint_en: str = ""
    hotkey: str | None = None
    escape: bool = False


@dataclass(frozen=True)
class Example:
    """A labelled statement the codebook shows; kept in the study file so it is versioned with the labels."""

    text: str
    stance: str
    concerns: tuple[str, ...] = ()
    text_en: str = ""
    speaker: str = ""
    source: str = ""  # a shipped file the text is quoted from, or "constructed" for an illustration
    evidence: tuple[dict, ...] = ()  # {label, text}: text is a substring of `text`


@dataclass(frozen=True)
class Study:
    study: str
    version: str
    title: str
    target: dict
    stance: tuple[Label, ...]
    concerns: tuple[Label, ...]
    evidence: tuple[Label, ...]
    overlap_share: float
    overlap_annotators: int
    path: Path
    examples: tuple[Example, ...] = ()

    @property
    def stance_values(self) -> list[str]:
        return [l.value for l in self.stance]

    @property
    def concern_values(self) -> list[str]:
        return [l.value for l in self.concerns]


def _resolve(name_or_path: str | Path) -> Path:
    p = Path(name_or_path)
    if p.suffix in (".yaml", ".yml") and p.exists():
        return p
    candidate = STUDIES_DIR / f"{p.name.removesuffix('.yaml')}.yaml"
    if candidate.exists():
        return candidate
    known = ", ".join(sorted(f.stem for f in STUDIES_DIR.glob("*.yaml")))
    raise SchemaError(f"{name_or_path}: no such study file (shipped studies: {known})")


def _raw(path: Path, seen: tuple[Path, ...] = ()) -> dict:
    if path in seen:
        raise SchemaError(f"{path}: 'extends' loops back to itself")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise SchemaError(f"{path}: cannot read the study file ({e})") from e
    if not isinstance(data, dict):
        raise SchemaError(f"{path}: a study file must be a YAML mapping")
    base = data.pop("extends", None)
    if base is None:
        return data
    # Shallow merge: a child replaces whole top-level keys, so a label list is never half inherited.
    return {**_raw((path.parent / base).resolve(), seen + (path,)), **data}


def _labels(path: Path, data: dict, key: str, required: bool = True) -> tuple[Label, ...]:
    items = data.get(key) or []
    if required and not items:
        raise SchemaError(f"{path}: '{key}' must list at least one label")
    out = []
    for i, item in enumerate(items):
        try:
            out.append(Label(**item))
        except TypeError as e:
            raise SchemaError(f"{path}: {key}[{i}] is not a valid label ({e})") from e
    values = [l.value for l in out]
    if len(set(values)) != len(values):
        raise SchemaError(f"{path}: '{key}' has duplicate values")
    return tuple(out)


def _examples(path: Path, data: dict, stance: tuple[Label, ...], concerns: tuple[Label, ...],
              evidence: tuple[Label, ...]) -> tuple[Example, ...]:
    out = []
    for i, item in enumerate(data.get("examples") or []):
        where = f"{path}: examples[{i}]"
        try:
            ex = Example(**{**item, "concerns": tuple(item.get("concerns") or ()),
                            "evidence": tuple(item.get("evidence") or ())})
        except TypeError as e:
            raise SchemaError(f"{where} is not a valid example ({e})") from e
        if not ex.text.strip():
            raise SchemaError(f"{where} has no text")
        if ex.stance not in {l.value for l in stance}:
            raise SchemaError(f"{where} has the unknown stance {ex.stance!r}")
        if unknown := set(ex.concerns) - {l.value for l in concerns}:
            raise SchemaError(f"{where} has unknown concerns {sorted(unknown)}")
        for span in ex.evidence:
            if span.get("label") not in {l.value for l in evidence} or span.get("text", "") not in ex.text \
                    or not span.get("text"):
                raise SchemaError(f"{where}: evidence {span} needs a known label and a text inside the example")
        out.append(ex)
    return tuple(out)


@lru_cache(maxsize=16)
def load_study(name_or_path: str | Path = DEFAULT_STUDY) -> Study:
    path = _resolve(name_or_path)
    data = _raw(path.resolve())
    for key in ("study", "version", "target"):
        if key not in data:
            raise SchemaError(f"{path}: missing '{key}'")
    stance = _labels(path, data, "stance")
    concerns = _labels(path, data, "concerns")
    hotkeys = [l.hotkey for l in stance + concerns if l.hotkey]
    if len(set(hotkeys)) != len(hotkeys):
        raise SchemaError(f"{path}: two labels share a hotkey")
    overlap = data.get("overlap") or {}
    share = float(overlap.get("share", 0.0))
    if not 0.0 <= share <= 1.0:
        raise SchemaError(f"{path}: overlap.share must be between 0 and 1")
    evidence = _labels(path, data, "evidence", required=False)
    return Study(study=data["study"], version=data["version"], title=data.get("title", data["study"]),
                 target=data["target"], stance=stance, concerns=concerns, evidence=evidence,
                 overlap_share=share, overlap_annotators=int(overlap.get("annotators", 2)), path=path,
                 examples=_examples(path, data, stance, concerns, evidence))
