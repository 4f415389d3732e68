"""Statements → Label Studio tasks (`wacana push`).

Overlap design (community edition has no per-task overlap setting a client can rely on): each study has two
labelling projects. `<prefix> <version>` holds the statements labelled once (maximum_annotations=1);
`<prefix> <version> · overlap` holds the `in_overlap_sample` statements with maximum_annotations =
study.overlap_annotators, so Label Studio's own queue keeps each of those tasks open until that many different
annotators have labelled it. A statement lives in exactly one of the two projects, so pull merges them without
double counting.

Idempotency: every task carries `statement_id` in `data`. Push lists both projects first; a statement already
there is unchanged when its task data is equal, updated in place when it differs, and never imported twice. A
push cut off half way (server killed) is finished by pushing again."""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from corpus.jsonl import iter_jsonl

from .config import CONCERNS, STANCE, TASK_KEYS, TEXT, labeling_config, validate_config
from .labelstudio import Client, LabelStudioError, batched
from .records import PREDICTION_FIELDS, Prediction, in_overlap_sample
from .schema import Study

PROJECT_PREFIX = "wacana"
DEFAULT_BATCH = 1000  # one bulk request per batch: ~1000 tasks/s on the server, and a kill loses < 1 batch


def project_title(study: Study, kind: str = "main") -> str:
    base = f"{PROJECT_PREFIX} {study.version}"
    return base if kind == "main" else f"{base} · {kind}"


@dataclass
class InputIssue:
    path: str
    line: int
    problem: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.problem}"


@dataclass
class PushSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    predictions: int = 0
    overlap: int = 0
    error: str | None = None

    def line(self) -> str:
        return f"created={self.created} updated={self.updated} unchanged={self.unchanged} failed={self.failed}"


# -- reading inputs -----------------------------------------------------------------------------------------------
def read_jsonl(path: Path, required: Iterable[str], issues: list[InputIssue],
               check: Callable[[dict], str | None] | None = None) -> list[dict]:
    """Rows of a JSONL file; a bad line (not JSON, a required key missing, or what `check` objects to) becomes
    an InputIssue naming the file and line, and the rest is read."""
    rows = []
    required = tuple(required)
    for i, row, problem in iter_jsonl(path):
        if row is not None:
            missing = [k for k in required if row.get(k) is None]
            problem = f"missing {', '.join(missing)}" if missing else (check(row) if check else None)
        if problem:
            issues.append(InputIssue(str(path), i, problem))
        else:
            rows.append(row)
    return rows


def read_predictions(path: Path, study: Study, issues: list[InputIssue]) -> dict[str, Prediction]:
    def check(row: dict) -> str | None:
        bad = [row["stance"]] if row["stance"] not in study.stance_values else []
        concerns = row.get("concerns") or []
        if not isinstance(concerns, list):
            return "concerns must be a list"
        bad += [c for c in concerns if c not in study.concern_values]
        if bad:
            return f"labels not in {study.version}: {', '.join(map(str, bad))}"
        if not isinstance(row["stance_score"], (int, float)):
            return "stance_score must be a number"
        return None

    rows = read_jsonl(path, ("statement_id", "stance", "stance_score", "model_version"), issues, check)
    return {row["statement_id"]: Prediction(**{k: row.get(k) for k in PREDICTION_FIELDS}) for row in rows}


def context(text: str, start: int, end: int, starts: list[int]) -> tuple[str, str]:
    """The whole sentence before the one the statement starts in, and the whole sentence after the one it
    ends in (`starts`: sentence start offsets, 0 first)."""
    import bisect

    i = bisect.bisect_right(starts, start) - 1  # sentence holding the statement's first character
    j = bisect.bisect_right(starts, max(end - 1, start)) - 1
    bounds = starts + [len(text)]
    before = text[bounds[i - 1]:bounds[i]].strip() if i >= 1 else ""
    after = text[bounds[j + 1]:bounds[j + 2]].strip() if j + 2 < len(bounds) else ""
    return before, after


def task_data(stmt: dict, article=None, starts: list[int] | None = None) -> dict:
    """The task `data` of a statement: every key the labeling config shows, a string each (Label Studio treats
    a shown key that is missing or null as an invalid task)."""
    before = after = ""
    if article is not None and article.text:
        before, after = context(article.text, stmt["start"], stmt["end"], starts or [0])
    values = {
        "statement_id": stmt["statement_id"], "text": stmt["text"], "speaker": stmt.get("speaker"),
        "role": stmt.get("role"), "institution": stmt.get("institution"),
        "title": getattr(article, "title", None), "outlet": getattr(article, "outlet", None),
        "date": stmt.get("statement_date") or getattr(article, "date", None),
        "context_before": before, "context_after": after, "article_id": stmt["article_id"],
    }
    return {k: "" if values[k] is None else str(values[k]) for k in TASK_KEYS}


def build_tasks(statements: list[dict], articles: dict | None) -> dict[str, dict]:
    """statement_id → task data. A statement id seen twice in the input keeps its first row."""
    from corpus.nlp import sentence_starts

    starts_cache: dict[str, list[int]] = {}
    tasks: dict[str, dict] = {}
    for stmt in statements:
        sid = stmt["statement_id"]
        if sid in tasks:
            continue
        art = (articles or {}).get(stmt["article_id"])
        starts = None
        if art is not None and art.text:
            starts = starts_cache.get(art.article_id)
            if starts is None:
                starts = starts_cache[art.article_id] = [0, *sentence_starts(art.text)]
        tasks[sid] = task_data(stmt, art, starts)
    return tasks


def prediction_payload(pred: Prediction) -> dict:
    """A Label Studio prediction (pre-annotation) for the stance and concerns controls."""
    result = [{"from_name": STANCE, "to_name": TEXT, "type": "choices", "value": {"choices": [pred.stance]}}]
    if pred.concerns:
        result.append({"from_name": CONCERNS, "to_name": TEXT, "type": "choices",
                       "value": {"choices": list(pred.concerns)}})
    return {"model_version": pred.model_version, "score": float(pred.stance_score), "result": result}


# -- the plan (pure) ---------------------------------------------------------------------------------------------
def digest(data: dict) -> str:
    return hashlib.sha1(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass
class Plan:
    create: dict[str, list[str]]                   # project kind → statement ids to import
    update: list[tuple[int, str]]                  # (task id, statement id)
    unchanged: list[tuple[int, str]]


def plan_push(tasks: dict[str, dict], existing: dict[str, dict[str, tuple[int, str]]], study: Study) -> Plan:
    """Decide per statement: import into its project, update its task, or leave it. `existing` maps project kind
    → statement_id → (task id, digest of its data) as the server has it."""
    found = {sid: hit for kind in existing for sid, hit in existing[kind].items()}
    create: dict[str, list[str]] = {"main": [], "overlap": []}
    update, unchanged = [], []
    for sid, data in tasks.items():
        if sid in found:
            task_id, old = found[sid]
            (unchanged if old == digest(data) else update).append((task_id, sid))
        else:
            kind = "overlap" if in_overlap_sample(sid, study.overlap_share) else "main"
            create[kind].append(sid)
    return Plan(create=create, update=update, unchanged=unchanged)


# -- what the server holds: listed, or from the cache of the last push -------------------------------------------
def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "wacana" / "labelstudio-push"


def _cache_file(cache_dir: Path, url: str, project: int) -> Path:
    return cache_dir / f"{hashlib.sha1(url.encode()).hexdigest()[:12]}-project-{project}.json"


def server_index(client: Client, project: int, cache_dir: Path | None,
                 task_count: int | None = None) -> dict[str, tuple[int, str]]:
    """statement_id → (task id, data digest) of a project. Listing costs ~0.4 ms a task on the server (4 s for
    10,000), so the index a push confirmed is cached and reused while the project still has exactly the number
    of tasks it recorded; any other count (a kill mid-push, tasks deleted or added elsewhere) means a listing."""
    if cache_dir is not None:
        path = _cache_file(cache_dir, client.url, project)
        try:
            cached = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            cached = None
        if cached and cached.get("task_count") == (client.task_count(project) if task_count is None else task_count):
            return {sid: (hit[0], hit[1]) for sid, hit in cached["index"].items()}
    return {sid: (task_id, digest(data)) for sid, (task_id, data) in client.task_index(project).items()}


def save_index(cache_dir: Path, client: Client, project: int, index: dict[str, tuple[int, str]]) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = _cache_file(cache_dir, client.url, project)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"task_count": len(index), "index": index}), encoding="utf-8")
    os.replace(tmp, path)


# -- the push -----------------------------------------------------------------------------------------------------
def push(client: Client, study: Study, tasks: dict[str, dict], predictions: dict[str, Prediction] | None = None,
         *, dry_run: bool = False, batch_size: int = DEFAULT_BATCH, cache_dir: Path | None = None,
         progress: Callable[[int], None] | None = None) -> PushSummary:
    """Bring the study's projects in line with `tasks` (statement_id → data). Import failures are counted, not
    raised: the summary says how many statements did not land and `error` says why. With `cache_dir`, the index
    of a fully successful push is kept there for the next one."""
    summary = PushSummary()
    predictions = predictions or {}
    xml = labeling_config(study)
    validate_config(xml, study)
    projects: dict[str, int | None] = {}
    model_version: dict[str, str] = {}
    existing: dict[str, dict[str, tuple[int, str]]] = {}
    for kind, max_ann in (("main", 1), ("overlap", max(2, study.overlap_annotators))):
        project, _ = client.ensure_project(project_title(study, kind), xml, maximum_annotations=max_ann,
                                           description=f"{study.title} ({study.version}); created by wacana push",
                                           dry_run=dry_run)
        if project is None:
            projects[kind], existing[kind] = None, {}
            continue
        projects[kind], model_version[kind] = project.id, project.model_version or ""
        existing[kind] = server_index(client, project.id, cache_dir, project.task_number or 0)

    plan = plan_push(tasks, existing, study)
    summary.unchanged = len(plan.unchanged)
    summary.overlap = len(plan.create["overlap"]) + sum(1 for sid in existing["overlap"] if sid in tasks)
    if dry_run:
        summary.created = sum(len(v) for v in plan.create.values())
        summary.updated = len(plan.update)
        summary.predictions = sum(1 for sid in tasks if sid in predictions)
        return summary

    model_versions = {p.model_version for p in predictions.values()}
    kind_of = {sid: kind for kind in existing for sid in existing[kind]}
    complete = True  # every new task's id known, so the index can be cached
    for kind, sids in plan.create.items():
        for batch in batched(sids, batch_size):
            payload = []
            for sid in batch:
                task = {"data": tasks[sid]}
                if sid in predictions:
                    task["predictions"] = [prediction_payload(predictions[sid])]
                payload.append(task)
            try:
                ids = client.import_tasks(projects[kind], payload)
            except LabelStudioError as e:
                summary.failed += len(batch)
                summary.error = summary.error or str(e)
                complete = False
                continue
            summary.created += len(ids)
            summary.failed += len(batch) - len(ids)
            summary.predictions += sum(1 for t in payload if "predictions" in t)
            if len(ids) == len(batch):  # Label Studio returns the new ids in import order
                existing[kind].update({sid: (tid, digest(tasks[sid])) for sid, tid in zip(batch, ids)})
            else:
                complete = False
            if progress:
                progress(len(batch))

    # Changed statements: new data in place (the annotations stay), plus the new prediction if there is one.
    stale_predictions: dict[int, list[dict]] = {}
    for task_id, sid in plan.update:
        try:
            client.update_task(task_id, tasks[sid])
        except LabelStudioError as e:
            summary.failed += 1
            summary.error = summary.error or str(e)
            complete = False
            continue
        summary.updated += 1
        existing[kind_of[sid]][sid] = (task_id, digest(tasks[sid]))
        if sid in predictions:
            stale_predictions.setdefault(projects[kind_of[sid]], []).append(
                {"task": task_id, **prediction_payload(predictions[sid])})
        if progress:
            progress(1)
    if progress and plan.unchanged:
        progress(len(plan.unchanged))

    # A new model for tasks imported under an older one: attach its predictions to the unchanged tasks too.
    if len(model_versions) == 1 and summary.error is None:
        (mv,) = model_versions
        for kind, pid in projects.items():
            if model_version[kind] != mv:
                extra = [{"task": task_id, **prediction_payload(predictions[sid])}
                         for task_id, sid in plan.unchanged if sid in predictions and kind_of[sid] == kind]
                stale_predictions.setdefault(pid, []).extend(extra)
                client.set_model_version(pid, mv)
    for pid, preds in stale_predictions.items():
        for batch in batched(preds, batch_size):
            try:
                client.import_predictions(pid, batch)
                summary.predictions += len(batch)
            except LabelStudioError as e:
                summary.error = summary.error or str(e)
    if cache_dir is not None:
        for kind, pid in projects.items():
            if complete and summary.failed == 0:
                save_index(cache_dir, client, pid, existing[kind])
            else:
                _cache_file(cache_dir, client.url, pid).unlink(missing_ok=True)
    return summary
