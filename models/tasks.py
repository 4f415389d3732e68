"""Train/valid/test text-classification data for the trainer: a wacana dataset folder (stance + concerns) or a
folder of train/valid/test files (CSV with `text`,`label`; TSV without header, text<TAB>label) → one label."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from .dataset import SPLITS, DatasetError

SPLIT_PREFIXES = {"train": ("train",), "valid": ("valid", "dev", "validation"), "test": ("test",)}


@dataclass
class Split:
    text: list[str]
    labels: dict[str, list]               # "stance" | "label" → list[str]; "concerns" → list[list[str]]
    role_category: list[str | None] = field(default_factory=list)


@dataclass
class Task:
    name: str
    source: str
    study: str | None                     # study version for a wacana dataset, None for a plain text task
    label_names: dict[str, list[str]]     # task → labels; a task named "concerns" is multi-label
    splits: dict[str, Split]
    issues: list[str] = field(default_factory=list)

    @property
    def main(self) -> str:
        """The single-label task whose test macro-F1 is the headline number."""
        return "stance" if "stance" in self.label_names else "label"


def is_wacana_dataset(path: Path) -> bool:
    return (path / "default" / "train.parquet").exists()


def load_task(path: str | Path) -> Task:
    path = Path(path)
    if not path.is_dir():
        raise DatasetError(f"{path}: not a folder (expected a wacana dataset or train/valid/test files)")
    return _load_wacana(path) if is_wacana_dataset(path) else _load_files(path)


def _load_wacana(path: Path) -> Task:
    import pyarrow.parquet as pq
    from datasets import Features

    splits, names, study = {}, {}, None
    for split in SPLITS:
        table = pq.read_table(path / "default" / f"{split}.parquet")
        # datasets stores the features (ClassLabel names) in the Parquet metadata; reading them back from there
        # keeps the label order exactly what the card declares
        feats = Features.from_arrow_schema(table.schema)
        stance, concerns = feats["stance"].names, feats["concerns"].feature.names
        if names and names != {"stance": stance, "concerns": concerns}:
            raise DatasetError(f"{path}/default/{split}.parquet: label names differ from the other splits")
        names = {"stance": stance, "concerns": concerns}
        rows = table.to_pylist()
        study = study or next((r["study"] for r in rows if r.get("study")), None)
        splits[split] = Split(text=[r["text"] for r in rows],
                              labels={"stance": [stance[r["stance"]] for r in rows],
                                      "concerns": [[concerns[c] for c in r["concerns"]] for r in rows]},
                              role_category=[r.get("role_category") for r in rows])
    return Task(path.name, str(path), study, names, splits)


def _find(path: Path, split: str) -> Path:
    found = sorted(p for p in path.iterdir() if p.suffix in (".csv", ".tsv")
                   and p.stem.lower().startswith(SPLIT_PREFIXES[split]))
    if len(found) != 1:
        what = "no" if not found else f"{len(found)} ({', '.join(p.name for p in found)})"
        raise DatasetError(f"{path}: {what} {split} file; expected one {'/'.join(SPLIT_PREFIXES[split])}*.csv or .tsv")
    return found[0]


def read_labelled_file(path: Path) -> tuple[list[str], list[str], list[str]]:
    """(texts, labels, issues). CSV needs a header with `text` and `label`; TSV has none (text<TAB>label, the
    label after the last tab). A row without text or label is reported and left out."""
    texts, labels, issues = [], [], []
    with path.open(encoding="utf-8-sig", newline="") as f:  # -sig: spreadsheet exports start with a BOM
        if path.suffix == ".csv":
            reader = csv.DictReader(f)
            if not {"text", "label"} <= set(reader.fieldnames or []):
                raise DatasetError(f"{path}: a CSV needs `text` and `label` columns (found {reader.fieldnames})")
            rows = ((reader.line_num, r.get("text"), r.get("label")) for r in reader)
        else:
            rows = ((n, *(line.rstrip("\r\n").rsplit("\t", 1) + [None])[:2]) for n, line in enumerate(f, 1))
        for n, text, label in rows:
            if not (text or "").strip() or not (label or "").strip():
                issues.append(f"{path}:{n}: row without text or label, left out")
                continue
            texts.append(text)
            labels.append(label.strip())
    return texts, labels, issues


def _load_files(path: Path) -> Task:
    splits, issues = {}, []
    for split in SPLITS:
        texts, labels, bad = read_labelled_file(_find(path, split))
        issues += bad
        splits[split] = Split(text=texts, labels={"label": labels})
    names = sorted({l for s in splits.values() for l in s.labels["label"]})
    return Task(path.name, str(path), None, {"label": names}, splits, issues)
