"""Parsing Label Studio's full JSON export into AnnotationRow, and the reconciliation of two pulls."""
from __future__ import annotations

from annotate.pull import parse_annotation, parse_export, read_rows, reconcile, write_rows
from annotate.records import AnnotationRow
from annotate.schema import load_study


def _choices(name, values):
    return {"from_name": name, "to_name": "text", "type": "choices", "value": {"choices": values}}


def test_one_ticked_concern_and_several_have_the_same_shape():
    one = parse_annotation({"result": [_choices("stance", ["menolak"]), _choices("concerns", ["ekonomi"])]})
    two = parse_annotation({"result": [_choices("concerns", ["efisiensi", "ekonomi"]), _choices("stance", ["netral"])]})
    assert one == ("menolak", ["ekonomi"], [])
    assert two == ("netral", ["efisiensi", "ekonomi"], [])


def test_evidence_spans_one_per_label_sorted_by_offset():
    ann = {"result": [
        {"from_name": "evidence", "to_name": "text", "type": "labels",
         "value": {"start": 10, "end": 15, "text": "hemat", "labels": ["bukti_kekhawatiran"]}},
        {"from_name": "evidence", "to_name": "text", "type": "labels",
         "value": {"start": 0, "end": 6, "text": "setuju", "labels": ["bukti_sikap"]}},
        _choices("stance", ["mendukung"])]}
    stance, concerns, evidence = parse_annotation(ann)
    assert stance == "mendukung" and concerns == []
    assert evidence == [{"start": 0, "end": 6, "text": "setuju", "label": "bukti_sikap"},
                        {"start": 10, "end": 15, "text": "hemat", "label": "bukti_kekhawatiran"}]


def test_export_rows_per_annotator_with_skips_and_emails():
    study = load_study("wfh-asn.v1")
    tasks = [
        {"id": 7, "data": {"statement_id": "s1"}, "annotations": [
            {"id": 1, "completed_by": 2, "result": [_choices("stance", ["bersyarat"])], "lead_time": 4.5,
             "was_cancelled": False, "created_at": "t1", "updated_at": "t1"},
            {"id": 2, "completed_by": 3, "result": [], "was_cancelled": True, "lead_time": 1.0,
             "created_at": "t2", "updated_at": "t2"}]},
        {"id": 8, "data": {"statement_id": "s2"}, "annotations": []},
        {"id": 9, "data": {"text": "no id"}, "annotations": [{"id": 3, "completed_by": 2, "result": []}]},
    ]
    rows = parse_export(tasks, study, {2: "ani@x", 3: "budi@x"})
    assert [(r.statement_id, r.annotator, r.stance, r.was_cancelled, r.lead_time, r.task_id, r.annotation_id)
            for r in rows] == [("s1", "ani@x", "bersyarat", False, 4.5, 7, 1), ("s1", "budi@x", None, True, 1.0, 7, 2)]
    assert all(r.study == "wfh-asn.v1" for r in rows)


def _row(aid, updated):
    return AnnotationRow(study="v", statement_id=f"s{aid}", annotator="a", stance="netral", annotation_id=aid,
                         updated_at=updated)


def test_reconcile_counts_new_changed_and_lost():
    before = [_row(1, "t1"), _row(2, "t1"), _row(3, "t1")]
    after = [_row(1, "t1"), _row(2, "t2"), _row(4, "t1"), _row(5, "t1")]
    assert reconcile(before, after) == (2, 1, 1)
    assert reconcile([], after) == (4, 0, 0)


def test_rows_round_trip_through_jsonl(tmp_path):
    rows = [_row(1, "t1"), AnnotationRow(study="v", statement_id="s9", annotator="b", stance=None, was_cancelled=True,
                                         evidence=[{"start": 0, "end": 1, "text": "x", "label": "bukti_sikap"}])]
    path = tmp_path / "out" / "rows.jsonl"
    write_rows(path, rows)
    assert read_rows(path) == rows and not path.with_suffix(".jsonl.tmp").exists()
