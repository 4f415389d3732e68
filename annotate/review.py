"""Disagreements → an adjudication project in Label Studio → gold labels (`wacana adjudicate`).

The statements `needs_adjudication` lists go, with their task data and a line per annotator saying what each
chose, to `<prefix> <version> · adjudication` (one annotation per task). Every run re-sends the current
disagreements (idempotent like push), pulls the adjudicators' annotations through a snapshot, and resolves gold
labels with `resolve_gold`: adjudicated where an adjudicator decided, else unanimous / majority / single."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from .adjudicate import GoldLabels, needs_adjudication, resolve_gold
from .config import TEXT, labeling_config, validate_config
from .labelstudio import Client, LabelStudioError, batched
from .pull import PROJECT_KINDS, parse_export, snapshot
from .push import project_title
from .records import AnnotationRow
from .schema import Study

DISAGREEMENT = "disagreement"  # the extra task data key the adjudication view shows


def adjudication_config(study: Study) -> str:
    """The study's labeling config plus, above the statement, the annotators' labels that disagree."""
    root = ET.fromstring(labeling_config(study))
    statement = next(i for i, el in enumerate(root) if el.tag == "Text" and el.get("name") == TEXT)
    header = ET.Element("Header", {"value": "Label para anotator / Annotators' labels", "size": "6"})
    shown = ET.Element("Text", {"name": DISAGREEMENT, "value": f"${DISAGREEMENT}",
                                "style": "white-space: pre-wrap; color: #a33"})
    while statement > 0 and root[statement - 1].tag in ("Labels", "Header"):  # above the statement's heading
        statement -= 1
    root.insert(statement, header)
    root.insert(statement + 1, shown)
    ET.indent(root, space="  ")
    xml = ET.tostring(root, encoding="unicode") + "\n"
    validate_config(xml, study)
    return xml


def disagreement_text(statement_id: str, rows: list[AnnotationRow]) -> str:
    lines = []
    for r in sorted(rows, key=lambda r: r.annotator):
        if r.statement_id == statement_id and not r.was_cancelled and r.stance is not None:
            lines.append(f"{r.annotator}: {r.stance}" + (f" | {', '.join(r.concerns)}" if r.concerns else ""))
    return "\n".join(lines)


@dataclass
class AdjudicationSummary:
    disagreements: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    adjudicated: int = 0
    gold: GoldLabels = field(default_factory=GoldLabels)
    raw_file: Path | None = None
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        by = {s: sum(g.label_source == s for g in self.gold) for s in ("unanimous", "majority", "adjudicated",
                                                                       "single")}
        return (f"created={self.created} updated={self.updated} unchanged={self.unchanged} failed={self.failed} "
                f"disagreements={self.disagreements} gold={len(self.gold)} "
                + " ".join(f"{k}={v}" for k, v in by.items()) + f" unresolved={len(self.gold.unresolved)}")


def adjudicate(client: Client, study: Study, rows: list[AnnotationRow], raw_dir: Path,
               batch_size: int = 500) -> AdjudicationSummary:
    summary = AdjudicationSummary()
    disagreements = needs_adjudication(rows, study)
    summary.disagreements = len(disagreements)
    project, _ = client.ensure_project(project_title(study, "adjudication"), adjudication_config(study),
                                       maximum_annotations=1,
                                       description=f"Adjudication of {study.version}: annotators disagreed")
    pid = project.id
    source: dict[str, dict] = {}
    for kind in PROJECT_KINDS:
        project = client.find_project(project_title(study, kind))
        if project is not None:
            source.update({sid: data for sid, (_, data) in client.task_index(project.id).items()})
    existing = client.task_index(pid)
    new = []
    for d in disagreements:
        if d.statement_id not in source:
            summary.failed += 1
            summary.errors.append(f"statement {d.statement_id} is in the rows but in no project of {study.version}")
            continue
        data = {**source[d.statement_id], DISAGREEMENT: disagreement_text(d.statement_id, rows)}
        if d.statement_id not in existing:
            new.append({"data": data})
        elif existing[d.statement_id][1] != data:
            try:
                client.update_task(existing[d.statement_id][0], data)
                summary.updated += 1
            except LabelStudioError as e:
                summary.failed += 1
                summary.errors.append(str(e))
        else:
            summary.unchanged += 1
    for batch in batched(new, batch_size):
        try:
            summary.created += len(client.import_tasks(pid, batch))
        except LabelStudioError as e:
            summary.failed += len(batch)
            summary.errors.append(str(e))

    summary.raw_file, tasks = snapshot(client, pid, raw_dir, f"{study.version}-adjudication")
    decisions = parse_export(tasks, study, client.user_emails())
    summary.adjudicated = sum(1 for r in decisions if not r.was_cancelled and r.stance is not None)
    summary.gold = resolve_gold(rows, study, decisions)
    return summary


def write_gold(path: Path, gold: GoldLabels) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for g in gold:
            f.write(json.dumps(g.to_dict(), ensure_ascii=False) + "\n")
