"""Label Studio → AnnotationRow JSONL (`wacana pull`).

Each pull takes a snapshot export of every project of the study, keeps the raw JSON as a timestamped file that
is never overwritten, parses the FULL JSON export (JSON_MIN changes a multi-choice field's shape with the
number of ticks and leaves skipped tasks out) and rewrites the rows file from the snapshots. The reconciliation
compares with the rows file of the previous pull by annotation id: new, changed (updated_at moved) and lost
(gone from the server; should always be 0)."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .config import CONCERNS, EVIDENCE, STANCE
from .labelstudio import Client, LabelStudioError
from .push import project_title
from .records import ANNOTATION_FIELDS, AnnotationRow
from .schema import Study

PROJECT_KINDS = ("main", "overlap")


@dataclass
class PullSummary:
    tasks: int = 0
    annotations: int = 0
    new: int = 0
    changed: int = 0
    lost: int = 0
    skipped: int = 0
    raw_files: tuple[Path, ...] = ()

    def line(self) -> str:
        return (f"tasks={self.tasks} annotations={self.annotations} new={self.new} changed={self.changed} "
                f"lost={self.lost}")


def parse_annotation(ann: dict) -> tuple[str | None, list[str], list[dict]]:
    """(stance, concerns, evidence spans) of one annotation of a full JSON export."""
    stance, concerns, evidence = None, [], []
    for r in ann.get("result") or []:
        name, value = r.get("from_name"), r.get("value") or {}
        if name == STANCE and value.get("choices"):
            stance = value["choices"][0]
        elif name == CONCERNS:
            concerns.extend(c for c in value.get("choices") or [] if c not in concerns)
        elif name == EVIDENCE:
            for label in value.get("labels") or []:
                evidence.append({"start": value.get("start"), "end": value.get("end"), "text": value.get("text"),
                                 "label": label})
    evidence.sort(key=lambda e: (e["start"] or 0, e["end"] or 0, e["label"]))
    return stance, concerns, evidence


def parse_export(tasks: list[dict], study: Study, users: dict[int, str]) -> list[AnnotationRow]:
    """One row per (task, annotation). Drafts are not annotations and are left out; a skipped task is a row
    with stance None and was_cancelled True."""
    rows = []
    for task in tasks:
        sid = (task.get("data") or {}).get("statement_id")
        if sid is None:
            continue
        for ann in task.get("annotations") or []:
            stance, concerns, evidence = parse_annotation(ann)
            cancelled = bool(ann.get("was_cancelled"))
            by = ann.get("completed_by")
            if isinstance(by, dict):  # some exports expand the user
                by = by.get("email") or by.get("id")
            rows.append(AnnotationRow(
                study=study.version, statement_id=sid, annotator=users.get(by, str(by)),
                stance=None if cancelled else stance, concerns=[] if cancelled else concerns,
                evidence=[] if cancelled else evidence, was_cancelled=cancelled, lead_time=ann.get("lead_time"),
                task_id=task.get("id"), annotation_id=ann.get("id"), created_at=ann.get("created_at"),
                updated_at=ann.get("updated_at")))
    rows.sort(key=lambda r: (r.statement_id, r.annotator, r.annotation_id or 0))
    return rows


def read_rows(path: Path) -> list[AnnotationRow]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append(AnnotationRow(**{k: row.get(k) for k in ANNOTATION_FIELDS}))
    return out


def reconcile(previous: list[AnnotationRow], current: list[AnnotationRow]) -> tuple[int, int, int]:
    """(new, changed, lost) by annotation id."""
    before = {r.annotation_id: r.updated_at for r in previous}
    now = {r.annotation_id: r.updated_at for r in current}
    new = sum(1 for a in now if a not in before)
    changed = sum(1 for a, t in now.items() if a in before and before[a] != t)
    lost = sum(1 for a in before if a not in now)
    return new, changed, lost


def _raw_path(raw_dir: Path, stem: str) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    return raw_dir / f"{stem}-{stamp}.json"


def write_rows(path: Path, rows: list[AnnotationRow]) -> None:
    """Atomically: a reader never sees half a file, a crash leaves the previous one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def snapshot(client: Client, project: int, raw_dir: Path, stem: str) -> tuple[Path, list[dict]]:
    """Export a snapshot into a new raw file (exclusive create: an earlier file is never overwritten) and parse
    it."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    while True:
        path = _raw_path(raw_dir, stem)
        try:
            f = path.open("xb")
            break
        except FileExistsError:
            continue
    try:
        with f:
            client.export_snapshot(project, stem, f)
    except BaseException:
        path.unlink(missing_ok=True)  # a half-downloaded snapshot is no snapshot
        raise
    try:
        tasks = json.loads(path.read_bytes())
    except json.JSONDecodeError as e:
        raise LabelStudioError(f"{path}: the export is not valid JSON ({e.msg})") from None
    if not isinstance(tasks, list):
        raise LabelStudioError(f"{path}: the export is not a list of tasks")
    return path, tasks


def pull_project_rows(client: Client, study: Study, kinds: tuple[str, ...], raw_dir: Path,
                      users: dict[int, str] | None = None) -> tuple[list[AnnotationRow], int, list[Path]]:
    """(rows, tasks seen, raw files) over the given project kinds of a study; a missing project is an error."""
    users = client.user_emails() if users is None else users
    rows, n_tasks, raws = [], 0, []
    for kind in kinds:
        title = project_title(study, kind)
        project = client.find_project(title)
        if project is None:
            raise LabelStudioError(f"no project {title!r} on {client.url}; run `wacana push` first")
        path, tasks = snapshot(client, project.id, raw_dir, f"{study.version}-{kind}")
        raws.append(path)
        n_tasks += len(tasks)
        rows.extend(parse_export(tasks, study, users))
    rows.sort(key=lambda r: (r.statement_id, r.annotator, r.annotation_id or 0))
    return rows, n_tasks, raws


def pull(client: Client, study: Study, output: Path, raw_dir: Path | None = None) -> PullSummary:
    raw_dir = raw_dir or output.parent / "raw"
    rows, n_tasks, raws = pull_project_rows(client, study, PROJECT_KINDS, raw_dir)
    new, changed, lost = reconcile(read_rows(output), rows)
    write_rows(output, rows)
    return PullSummary(tasks=n_tasks, annotations=len(rows), new=new, changed=changed, lost=lost,
                       skipped=sum(r.was_cancelled for r in rows), raw_files=tuple(raws))
