"""Statements + pulled labels → a Hugging Face dataset folder (Parquet per split, README.md card with YAML).

Two configs: `default` (one row per labelled statement: gold label, its source, speaker and article metadata,
offsets) and `annotations` (one row per statement × annotator, adjudications flagged). Splits are grouped by
article and stratified by gold stance; the seed is in the card. Labels that cannot be used (statement gone,
unknown label, other study, unresolved disagreement) are listed in issues.tsv beside the data, never dropped
silently."""
from __future__ import annotations

import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from annotate.adjudicate import resolve_gold
from annotate.agreement import agreement
from annotate.records import ANNOTATION_FIELDS, LABEL_SOURCES, AnnotationRow
from annotate.schema import Study
from corpus.jsonl import iter_jsonl

DATASET_VERSION = "wacana-dataset.v1"
SPLITS = ("train", "valid", "test")
STATEMENT_COLUMNS = ("quote_type", "cue", "speaker", "speaker_mention", "role", "role_category", "institution",
                     "region", "party", "statement_date", "extractor_version")
ARTICLE_COLUMNS = ("title", "outlet", "date", "url")


class DatasetError(ValueError):
    """Inputs a dataset cannot be built from; the message names the file and the problem."""


@dataclass
class DatasetIssue:
    kind: str            # bad_line | other_study | unknown_label | unmatched_label | unresolved | no_article
    statement_id: str
    reason: str          # names the file (and line) the problem came from


@dataclass
class BuiltDataset:
    study: Study
    seed: int
    default: dict[str, list[dict]]       # split → rows
    annotations: dict[str, list[dict]]
    issues: list[DatasetIssue]
    agreement: dict                      # annotate.agreement's report
    n_statements: int                    # statements in the statements file, labelled or not
    outlets: Counter = field(default_factory=Counter)


# --- reading -------------------------------------------------------------------------------------------------

def read_jsonl(path: str | Path) -> tuple[list[dict], list[DatasetIssue]]:
    """Objects of a JSONL file; each unreadable line is one issue naming file and line, the rest goes on."""
    rows, issues = [], []
    try:
        for n, obj, problem in iter_jsonl(path):
            if problem:
                issues.append(DatasetIssue("bad_line", "", f"{path}:{n}: {problem}"))
            else:
                obj["_where"] = f"{path}:{n}"
                rows.append(obj)
    except (OSError, UnicodeDecodeError) as e:
        raise DatasetError(f"{path}: cannot read ({e})") from e
    return rows, issues


def read_annotations(path: str | Path, study: Study) -> tuple[list[AnnotationRow], list[DatasetIssue]]:
    """AnnotationRow JSONL of this study; rows of other studies or with labels the study lacks are reported."""
    raw, issues = read_jsonl(path)
    rows = []
    for obj in raw:
        where = obj.pop("_where")
        sid = str(obj.get("statement_id") or "")
        try:
            row = AnnotationRow(**{k: v for k, v in obj.items() if k in ANNOTATION_FIELDS})
        except TypeError as e:
            issues.append(DatasetIssue("bad_line", sid, f"{where}: not an annotation row ({e})"))
            continue
        if row.study != study.version:
            issues.append(DatasetIssue("other_study", sid, f"{where}: labelled under {row.study}, not {study.version}"))
            continue
        bad = [c for c in row.concerns if c not in study.concern_values]
        if row.stance is not None and row.stance not in study.stance_values:
            bad.insert(0, row.stance)
        if bad:
            issues.append(DatasetIssue("unknown_label", sid, f"{where}: labels not in {study.version}: {', '.join(bad)}"))
            continue
        rows.append(row)
    return rows, issues


# --- splits -----------------------------------------------------------------------------------------------------

def assign_splits(article_ids: list[str], strata: list[str], seed: int, n_folds: int = 5) -> dict[str, str]:
    """article_id → split. StratifiedGroupKFold keeps every article in one split and the stance mix as even as
    the article sizes allow; one fold is test, one valid, the rest train (60/20/20 with 5 folds)."""
    from sklearn.model_selection import StratifiedGroupKFold

    groups = sorted(set(article_ids))
    if len(groups) < 3:
        raise DatasetError(f"the labelled statements come from {len(groups)} article(s); three splits grouped by "
                           "article need at least 3")
    folds = StratifiedGroupKFold(n_splits=min(n_folds, len(groups)), shuffle=True, random_state=seed)
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "least populated class has fewer members than folds"
        for i, (_, idx) in enumerate(folds.split(np.zeros(len(strata)), strata, article_ids)):
            for j in idx:
                out[article_ids[j]] = "test" if i == 0 else "valid" if i == 1 else "train"
    return out


# --- building ----------------------------------------------------------------------------------------------------

def build_dataset(statements: dict[str, dict], articles: dict[str, dict], rows: list[AnnotationRow],
                  study: Study, adjudications: list[AnnotationRow] | None = None, seed: int = 13,
                  n_folds: int = 5, source: str = "labels",
                  adjudications_source: str = "adjudications") -> BuiltDataset:
    """Pure: records in, split rows out. `statements` and `articles` are keyed by id; `source` and
    `adjudications_source` name the label files in issue messages."""
    issues: list[DatasetIssue] = []

    def matched(items: list[AnnotationRow], where: str) -> list[AnnotationRow]:
        for r in items:
            if r.statement_id not in statements:
                issues.append(DatasetIssue("unmatched_label", r.statement_id, f"{where}: {r.annotator} labelled "
                                           f"{r.statement_id}, which is not in the statements"))
        return [r for r in items if r.statement_id in statements]

    labelled = matched(rows, source)
    adjudged = matched(adjudications or [], adjudications_source)
    known = [(r, False) for r in labelled] + [(r, True) for r in adjudged]
    resolved = resolve_gold(labelled, study, adjudged)
    gold = {g.statement_id: g for g in resolved}
    for u in resolved.unresolved:
        issues.append(DatasetIssue("unresolved", u.statement_id, f"{source}: {u.statement_id}: {u.reason}; left out "
                                                                 "of `default`, kept in `annotations`"))
    for aid in sorted({statements[sid]["article_id"] for sid in gold} - set(articles)):
        issues.append(DatasetIssue("no_article", "", f"article {aid} is not in the articles file; its metadata is empty"))

    annotated = sorted({r.statement_id for r, _ in known})
    art_of = [statements[sid]["article_id"] for sid in annotated]
    strata = [gold[sid].stance if sid in gold else "" for sid in annotated]
    split_of = assign_splits(art_of, strata, seed, n_folds) if annotated else {}

    default = {s: [] for s in SPLITS}
    for sid, g in gold.items():
        st = statements[sid]
        art = articles.get(st["article_id"], {})
        default[split_of[st["article_id"]]].append({
            "study": study.version, "statement_id": sid, "article_id": st["article_id"], "text": st["text"],
            "stance": study.stance_values.index(g.stance),
            "concerns": [study.concern_values.index(c) for c in g.concerns],
            "label_source": g.label_source, "n_annotators": g.n_annotators, "annotators": list(g.annotators),
            "adjudicator": g.adjudicator,
            **{c: st.get(c) for c in STATEMENT_COLUMNS},
            "start": st["start"], "end": st["end"], "paragraph": st.get("paragraph"),
            **{f"article_{c}": art.get(c) for c in ARTICLE_COLUMNS},
        })
    annotations = {s: [] for s in SPLITS}
    for r, is_adjudication in known:
        row = r.to_dict()
        row["stance"] = None if r.stance is None else study.stance_values.index(r.stance)
        row["concerns"] = [study.concern_values.index(c) for c in r.concerns]
        row["evidence"] = [{k: e.get(k) for k in ("start", "end", "text", "label")} for e in r.evidence or []]
        row["article_id"] = statements[r.statement_id]["article_id"]
        row["is_adjudication"] = is_adjudication
        annotations[split_of[row["article_id"]]].append(row)
    for split in SPLITS:
        default[split].sort(key=lambda x: (x["article_id"], x["start"]))
        annotations[split].sort(key=lambda x: (x["article_id"], x["statement_id"], x["is_adjudication"], x["annotator"]))
    outlets = Counter(articles.get(a, {}).get("outlet") or "unknown" for a in set(art_of))
    return BuiltDataset(study, seed, default, annotations, issues, agreement(labelled, study),
                        len(statements), outlets)


def features(study: Study, config: str):
    from datasets import ClassLabel, Features, List, Value

    s = Value("string")
    stance = ClassLabel(names=study.stance_values)
    concerns = List(ClassLabel(names=study.concern_values))
    if config == "default":
        return Features({
            "study": s, "statement_id": s, "article_id": s, "text": s, "stance": stance, "concerns": concerns,
            "label_source": s, "n_annotators": Value("int32"), "annotators": List(s), "adjudicator": s,
            **{c: s for c in STATEMENT_COLUMNS},
            "start": Value("int32"), "end": Value("int32"), "paragraph": Value("int32"),
            **{f"article_{c}": s for c in ARTICLE_COLUMNS},
        })
    return Features({
        "study": s, "statement_id": s, "article_id": s, "annotator": s, "is_adjudication": Value("bool"),
        "stance": stance, "concerns": concerns,
        "evidence": List({"start": Value("int32"), "end": Value("int32"), "text": s, "label": s}),
        "was_cancelled": Value("bool"), "lead_time": Value("float64"), "task_id": Value("int64"),
        "annotation_id": Value("int64"), "created_at": s, "updated_at": s,
    })


# --- writing -----------------------------------------------------------------------------------------------------

def write_dataset(built: BuiltDataset, out: str | Path, license: str = "other", inputs: dict | None = None,
                  provenance: list[Path] = ()) -> Path:
    """Parquet per config and split, README.md card, issues.tsv. Returns the folder."""
    from datasets import Dataset, disable_progress_bars

    disable_progress_bars()  # one bar per split file is noise in a stage's output
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    configs = {"default": built.default, "annotations": built.annotations}
    for name, splits in configs.items():
        feats = features(built.study, name)
        (out / name).mkdir(exist_ok=True)
        for split, rows in splits.items():
            table = Dataset.from_list([{k: r.get(k) for k in feats} for r in rows], features=feats)
            table.to_parquet(str(out / name / f"{split}.parquet"))
    lines = ["kind\tstatement_id\treason"] + [f"{i.kind}\t{i.statement_id}\t{i.reason}" for i in built.issues]
    (out / "issues.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "README.md").write_text(render_card(built, license, inputs or {}, provenance), encoding="utf-8")
    return out


def _card_yaml(built: BuiltDataset, license: str) -> str:
    from datasets import DatasetInfo, SplitDict, SplitInfo
    from datasets.info import DatasetInfosDict
    from huggingface_hub import DatasetCardData

    configs, infos = [], {}
    for name, splits in (("default", built.default), ("annotations", built.annotations)):
        configs.append({"config_name": name, "default": name == "default",
                        "data_files": [{"split": s, "path": f"{name}/{s}.parquet"} for s in SPLITS]})
        sd = SplitDict()
        for s in SPLITS:
            sd.add(SplitInfo(name=s, num_examples=len(splits[s])))
        infos[name] = DatasetInfo(features=features(built.study, name), splits=sd, config_name=name)
    card = DatasetCardData(license=license, language=["id"], task_categories=["text-classification"],
                           pretty_name=f"wacana statements: {built.study.title}", configs=configs)
    DatasetInfosDict(infos).to_dataset_card_data(card)
    return card.to_yaml()


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _num(x) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def _table(header: list[str], rows: list[list]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(out + ["| " + " | ".join(str(c) for c in r) + " |" for r in rows])


def _provenance(paths: list[Path]) -> str:
    """Notes shipped with the inputs (who labelled, where the text comes from), quoted into the card with their
    headings moved two levels down so they sit under the card's own section."""
    parts = []
    for path in paths:
        text = Path(path).read_text(encoding="utf-8").strip()
        parts.append(f"From `{path}`:\n\n" + "\n".join("##" + l if l.startswith("#") else l for l in text.splitlines()))
    return "\n\n## Provenance notes\n\n" + "\n\n".join(parts) + "\n" if parts else ""


def render_card(built: BuiltDataset, license: str, inputs: dict, provenance: list[Path] = ()) -> str:
    study = built.study
    n_gold = {s: len(built.default[s]) for s in SPLITS}
    total = sum(n_gold.values())
    every = [r for s in SPLITS for r in built.default[s]]
    sources = Counter(r["label_source"] for r in every)
    annotator_rows = Counter(r["annotator"] for s in SPLITS for r in built.annotations[s])
    stance_rows = [[v] + [sum(r["stance"] == i for r in built.default[s]) for s in SPLITS]
                   for i, v in enumerate(study.stance_values)]
    concern_rows = [[v] + [sum(i in r["concerns"] for r in built.default[s]) for s in SPLITS]
                    for i, v in enumerate(study.concern_values)]
    ag = built.agreement
    concern_alpha = ", ".join(f"{c} {_num(a['alpha'])}" for c, a in ag["concerns"].items())
    kappas = "; ".join(f"{' / '.join(k['annotators'])} {_num(k['kappa'])} ({k['n_items']} items)"
                       for k in ag["kappa_stance"]) or "n/a"
    issue_counts = Counter(i.kind for i in built.issues)
    input_lines = "\n".join(f"- {k}: `{v}`" for k, v in inputs.items())
    extractors = ", ".join(f"`{v}`" for v in sorted({r.get("extractor_version") for r in every} - {None})) or "unknown"
    return f"""---
{_card_yaml(built, license).rstrip()}
---

# wacana statements: {study.title}

Speaker-attributed statements from Indonesian news, labelled for the speaker's **stance** toward
{_lower_first(study.target.get('label_en') or study.target['id'])} and the **concerns** they raise (study `{study.version}`,
dataset `{DATASET_VERSION}`). Built by `wacana dataset`.

```python
from datasets import load_dataset
ds = load_dataset("path/to/this/folder")                   # default: one row per statement, gold label
rows = load_dataset("path/to/this/folder", "annotations")  # one row per statement × annotator
df = ds["train"].to_pandas()
df["stance_name"] = df["stance"].map(ds["train"].features["stance"].int2str)
```

## Sources

{total} labelled statements from {sum(built.outlets.values())} articles (outlets: {', '.join(f'{o} {n}' for o, n in built.outlets.most_common())});
the statements file held {built.n_statements} statements in all. Inputs:
{input_lines}

**Licence: {license}.** Statement text is quoted from the articles; the publishers keep their copyright. The
provenance notes at the end (when given) and the repository README state each source's licence.

## How it was made

- **Extraction:** `wacana segment` (extractor {extractors}: rule-based quote and indirect-speech
  attribution, speaker, role, role_category, institution, region, party; offsets into the cleaned article).
  Extraction errors are not corrected here: a wrong span or speaker stays as extracted.
- **Annotation:** labels follow the codebook of `{study.version}` (stance: {', '.join(study.stance_values)};
  concerns, any number: {', '.join(study.concern_values)}), in the row format a Label Studio pull writes.
  Annotators and rows: {', '.join(f'{a} {n}' for a, n in annotator_rows.most_common()) or 'none'}.
- **Gold label:** `label_source` says how it was reached: {', '.join(f'{s} {sources[s]}' for s in LABEL_SOURCES)}.
  Statements labelled by one person only are `single`; disagreements go to an adjudicator.
- **Splits:** grouped by article (no article in two splits), stratified by gold stance as far as article sizes
  allow (scikit-learn StratifiedGroupKFold, seed **{built.seed}**): train {n_gold['train']}, valid
  {n_gold['valid']}, test {n_gold['test']}.

## Agreement

Computed by `annotate.agreement` over the statements labelled independently by ≥ 2 annotators
({ag['stance']['n_items']} statements; annotators and rows: {', '.join(f'{a} {n}' for a, n in ag['annotators'].items()) or 'none'};
adjudications not counted). Krippendorff's α (nominal) on stance **{_num(ag['stance']['alpha'])}** (observed
agreement {_num(ag['stance']['observed_agreement'])}); α per concern (present/absent): {concern_alpha}. Cohen's κ
on stance per pair: {kappas}. n/a = undefined (no statement with two labels, or a single value observed).

## Label distribution

{_table(['stance', *SPLITS], stance_rows)}

{_table(['concern', *SPLITS], concern_rows)}

## Known limits

- Small: {total} statements; per-label metrics on the test split rest on few examples.
- Statements come from a rule-based extractor; its errors (span, speaker, role) are in the data.
- {sources['single']} of {total} gold labels come from a single annotator and carry no agreement check.
- Not usable as labels: {sum(issue_counts.values())} ({', '.join(f'{k} {v}' for k, v in sorted(issue_counts.items())) or 'none'});
  each one is listed in `issues.tsv`.
{_provenance(list(provenance))}"""


# --- the stage ---------------------------------------------------------------------------------------------------

def read_statements(path: str | Path) -> tuple[dict[str, dict], list[DatasetIssue]]:
    raw, issues = read_jsonl(path)
    out = {}
    for obj in raw:
        where = obj.pop("_where")
        missing = [k for k in ("statement_id", "article_id", "text", "start", "end") if k not in obj]
        if missing:
            issues.append(DatasetIssue("bad_line", str(obj.get("statement_id", "")),
                                       f"{where}: statement without {', '.join(missing)}"))
            continue
        out[obj["statement_id"]] = obj
    return out, issues


def read_articles(path: str | Path | None) -> dict[str, dict]:
    if path is None:
        return {}
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path, columns=["article_id", *ARTICLE_COLUMNS])
    except (OSError, ValueError) as e:
        raise DatasetError(f"{path}: cannot read the articles Parquet ({e})") from e
    return {r["article_id"]: r for r in table.to_pylist()}


def run_dataset(statements_path: str | Path, labels_path: str | Path, out: str | Path, study: Study, *,
                articles_path: str | Path | None = None, adjudications_path: str | Path | None = None,
                seed: int = 13, license: str = "other", provenance: list[str | Path] = ()) -> BuiltDataset:
    """The `wacana dataset` stage. `provenance`: Markdown notes quoted into the card (who labelled, sources)."""
    for p in provenance:
        if not Path(p).is_file():
            raise DatasetError(f"{p}: provenance note not found")
    statements, issues = read_statements(statements_path)
    rows, more = read_annotations(labels_path, study)
    adjudications, adj_issues = read_annotations(adjudications_path, study) if adjudications_path else ([], [])
    built = build_dataset(statements, read_articles(articles_path), rows, study, adjudications, seed,
                          source=str(labels_path), adjudications_source=str(adjudications_path))
    built.issues[:0] = issues + more + adj_issues
    inputs = {"statements": statements_path, "articles": articles_path, "labels": labels_path,
              "adjudications": adjudications_path}
    write_dataset(built, out, license, {k: v for k, v in inputs.items() if v}, [Path(p) for p in provenance])
    return built
