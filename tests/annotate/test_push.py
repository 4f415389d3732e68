"""Push logic without a server: task data, context sentences, the push plan, overlap routing, bad input."""
from __future__ import annotations

import json

import pytest

from annotate.config import TASK_KEYS
from annotate.push import (InputIssue, build_tasks, context, digest, plan_push, prediction_payload, read_jsonl,
                           read_predictions, task_data)
from annotate.records import Prediction, in_overlap_sample
from annotate.schema import load_study
from corpus.schema import Article

TEXT = ("Pemerintah menerapkan WFH bagi ASN. Kepala BKN mendukung kebijakan itu. "
        "\"Pelayanan tetap jalan,\" ujarnya. Warga mengeluh antrean panjang.")


def _stmt(sid="s1", start=36, end=71, **kw):
    row = {"statement_id": sid, "article_id": "a1", "start": start, "end": end, "text": TEXT[start:end],
           "speaker": "Bima", "role": "Kepala BKN", "institution": "BKN", "statement_date": None}
    row.update(kw)
    return row


@pytest.mark.parametrize("start,end,before,after", [
    (36, 70, "Pemerintah menerapkan WFH bagi ASN.", "\"Pelayanan tetap jalan,\" ujarnya."),
    (0, 35, "", "Kepala BKN mendukung kebijakan itu."),
    (106, len(TEXT), "\"Pelayanan tetap jalan,\" ujarnya.", ""),
    (36, 105, "Pemerintah menerapkan WFH bagi ASN.", "Warga mengeluh antrean panjang."),  # spans two sentences
])
def test_context_is_the_whole_sentence_before_and_after(start, end, before, after):
    starts = [0, 36, 72, 106]
    assert TEXT[72:].startswith("\"Pelayanan") and TEXT[106:].startswith("Warga")
    assert context(TEXT, start, end, starts) == (before, after)


def test_task_data_has_every_shown_key_as_a_string():
    art = Article(article_id="a1", text=TEXT, title="WFH ASN", outlet="detik", date="2024-05-02")
    data = task_data(_stmt(institution=None), art, [0, 36, 72, 106])
    assert list(data) == list(TASK_KEYS)
    assert all(isinstance(v, str) for v in data.values())
    assert data["institution"] == "" and data["title"] == "WFH ASN" and data["date"] == "2024-05-02"
    assert data["context_before"] == "Pemerintah menerapkan WFH bagi ASN."


def test_task_data_without_article_keeps_the_statement_fields():
    data = task_data(_stmt(statement_date="2024-05-01"))
    assert data["title"] == data["outlet"] == data["context_before"] == ""
    assert data["date"] == "2024-05-01" and data["speaker"] == "Bima"


def test_build_tasks_finds_sentences_and_keeps_the_first_duplicate():
    art = Article(article_id="a1", text=TEXT, title="t")
    tasks = build_tasks([_stmt(), _stmt(text="again")], {"a1": art})
    assert list(tasks) == ["s1"]
    assert tasks["s1"]["context_after"] == "\"Pelayanan tetap jalan,\" ujarnya."


def test_plan_routes_new_statements_by_the_overlap_sample_and_compares_data():
    study = load_study("wfh-asn.v1")
    ids = [f"stmt-{i}" for i in range(200)]
    tasks = {sid: {"statement_id": sid, "text": sid} for sid in ids}
    existing = {"main": {ids[0]: (10, digest(tasks[ids[0]])), ids[1]: (11, digest({**tasks[ids[1]], "text": "old"}))},
                "overlap": {}}
    plan = plan_push(tasks, existing, study)
    assert plan.unchanged == [(10, ids[0])] and plan.update == [(11, ids[1])]
    new = ids[2:]
    assert sorted(plan.create["overlap"]) == sorted(s for s in new if in_overlap_sample(s, study.overlap_share))
    assert sorted(plan.create["main"] + plan.create["overlap"]) == sorted(new)
    assert 0 < len(plan.create["overlap"]) < len(new)


def test_a_statement_already_in_the_other_project_is_not_imported_again():
    study = load_study("wfh-asn.v1")
    tasks = {"x": {"statement_id": "x"}}
    # wherever it lives now (e.g. the share changed), push never creates a second task for it
    for kind in ("main", "overlap"):
        plan = plan_push(tasks, {"main": {}, "overlap": {}, kind: {"x": (5, digest({"statement_id": "x"}))}}, study)
        assert plan.create == {"main": [], "overlap": []} and plan.unchanged == [(5, "x")]


def test_read_jsonl_reports_each_bad_line_and_keeps_the_rest(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"statement_id": "a", "text": "x"}\nnot json\n[1]\n{"text": "no id"}\n\n'
                    '{"statement_id": "b", "text": "y"}\n', encoding="utf-8")
    issues: list[InputIssue] = []
    rows = read_jsonl(path, ("statement_id", "text"), issues)
    assert [r["statement_id"] for r in rows] == ["a", "b"]
    assert [(i.line, i.problem.split(" ")[0]) for i in issues] == [(2, "not"), (3, "not"), (4, "missing")]
    assert all(str(i).startswith(f"{path}:") for i in issues)


def test_predictions_become_pre_annotations_and_unknown_labels_are_reported(tmp_path):
    study = load_study("wfh-asn.v1")
    good = Prediction("s1", "menolak", 0.81, ["efisiensi", "ekonomi"], {"efisiensi": 0.7}, "lexicon.v1")
    bad = Prediction("s2", "marah", 0.5, [], {}, "lexicon.v1")
    no_score = {**good.to_dict(), "statement_id": "s3", "stance_score": None}
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(json.dumps(p) for p in (good.to_dict(), bad.to_dict(), no_score)) + "\n",
                    encoding="utf-8")
    issues: list[InputIssue] = []
    preds = read_predictions(path, study, issues)
    assert list(preds) == ["s1"]
    assert [str(i) for i in issues] == [f"{path}:2: labels not in wfh-asn.v1: marah",
                                        f"{path}:3: missing stance_score"]
    payload = prediction_payload(preds["s1"])
    assert payload["model_version"] == "lexicon.v1" and payload["score"] == pytest.approx(0.81)
    assert [(r["from_name"], r["value"]["choices"]) for r in payload["result"]] == [
        ("stance", ["menolak"]), ("concerns", ["efisiensi", "ekonomi"])]


def test_digest_ignores_key_order_and_sees_any_change():
    assert digest({"a": "1", "b": "2"}) == digest({"b": "2", "a": "1"})
    assert digest({"a": "1", "b": "2"}) != digest({"a": "1", "b": "2 "})
