"""Turn an annotator's offline label sheet (statement_id TAB stance TAB comma-separated concerns) into the
AnnotationRow JSONL that `wacana pull` writes, checked against the study schema and the statements file.
This is how the shipped sample's labels were recorded; see data/sample/labels/README.md."""
from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

from annotate.records import AnnotationRow
from annotate.schema import load_study


def read_sheet(path: Path, study, statement_ids: set[str], annotator: str, created_at: str) -> list[AnnotationRow]:
    rows, problems, seen = [], [], set()
    with path.open(encoding="utf-8", newline="") as fh:
        for n, rec in enumerate(csv.reader(fh, delimiter="\t"), 1):
            if not rec or not rec[0].strip():
                continue
            sid, stance = rec[0].strip(), rec[1].strip() if len(rec) > 1 else ""
            concerns = [c.strip() for c in (rec[2] if len(rec) > 2 else "").split(",") if c.strip()]
            bad = [c for c in concerns if c not in study.concern_values]
            if sid not in statement_ids:
                problems.append(f"{path}:{n}: unknown statement_id {sid}")
            elif sid in seen:
                problems.append(f"{path}:{n}: statement {sid} labelled twice")
            elif stance not in study.stance_values:
                problems.append(f"{path}:{n}: stance {stance!r} is not one of {study.stance_values}")
            elif bad:
                problems.append(f"{path}:{n}: unknown concern(s) {bad}")
            else:
                seen.add(sid)
                rows.append(AnnotationRow(study=study.version, statement_id=sid, annotator=annotator, stance=stance,
                                          concerns=sorted(set(concerns), key=study.concern_values.index),
                                          created_at=created_at))
    if problems:
        raise SystemExit("\n".join(problems))
    return rows


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("sheet", type=Path)
    ap.add_argument("--statements", type=Path, nargs="+", required=True)
    ap.add_argument("--annotator", required=True)
    ap.add_argument("--study", default="kebijakan-publik.v1")
    ap.add_argument("-o", "--output", type=Path, required=True, help="AnnotationRow JSONL (appended to)")
    args = ap.parse_args(argv)
    study = load_study(args.study)
    ids = {json.loads(line)["statement_id"] for p in args.statements for line in p.open(encoding="utf-8")}
    created = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    rows = read_sheet(args.sheet, study, ids, args.annotator, created)
    with args.output.open("a", encoding="utf-8") as out:
        for r in rows:
            out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
    print(f"{args.output}: +{len(rows)} rows by {args.annotator}", file=sys.stderr)


if __name__ == "__main__":
    main()
