from __future__ import annotations

import pytest

from annotate.adjudicate import needs_adjudication, resolve_gold
from annotate.records import AnnotationRow
from annotate.schema import load_study

STUDY = load_study("wfh-asn.v1")
V = STUDY.version


def row(sid, who, stance, *concerns, cancelled=False):
    return AnnotationRow(V, sid, who, stance, list(concerns), was_cancelled=cancelled)


ROWS = [
    row("same", "ana", "menolak", "kualitas_pelayanan"),
    row("same", "budi", "menolak", "kualitas_pelayanan"),
    row("solo", "ana", "mendukung", "efisiensi"),
    row("split", "ana", "bersyarat", "efisiensi"),
    row("split", "budi", "menolak", "efisiensi"),
    row("tie", "ana", "netral", "ekonomi"),
    row("tie", "budi", "netral"),
    row("three", "ana", "bersyarat", "efisiensi", "ekonomi"),
    row("three", "budi", "bersyarat", "efisiensi"),
    row("three", "citra", "menolak", "efisiensi"),
    row("skipped", "ana", None, cancelled=True),
    row("skipped", "budi", None, cancelled=True),
    row("one-skip", "ana", "netral"),
    row("one-skip", "budi", "menolak", cancelled=True),
]


def test_needs_adjudication_lists_stance_differences_and_concern_ties():
    found = {d.statement_id: d for d in needs_adjudication(ROWS, STUDY)}
    assert sorted(found) == ["split", "three", "tie"]
    assert found["split"].reasons == ("stance: bersyarat×1, menolak×1",)
    assert found["tie"].reasons == ("no majority on concern ekonomi (1 of 2)",)
    assert found["three"].annotators == ("ana", "budi", "citra")
    assert found["three"].reasons == ("stance: bersyarat×2, menolak×1",)  # ekonomi 1 of 3: the vote settles it


def test_gold_labels_record_their_source():
    gold = {g.statement_id: g for g in resolve_gold(ROWS, STUDY)}
    assert sorted(gold) == ["one-skip", "same", "solo", "three"]
    assert (gold["same"].label_source, gold["same"].stance, gold["same"].concerns) == \
        ("unanimous", "menolak", ["kualitas_pelayanan"])
    assert (gold["solo"].label_source, gold["solo"].n_annotators) == ("single", 1)
    assert (gold["three"].label_source, gold["three"].stance, gold["three"].concerns) == \
        ("majority", "bersyarat", ["efisiensi"])
    assert gold["three"].annotators == ["ana", "budi", "citra"]
    # a cancelled row does not vote: one usable annotation left
    assert (gold["one-skip"].label_source, gold["one-skip"].stance, gold["one-skip"].annotators) == \
        ("single", "netral", ["ana"])


def test_statements_without_gold_are_reported_not_dropped():
    result = resolve_gold(ROWS, STUDY)
    reasons = {u.statement_id: u.reason for u in result.unresolved}
    assert sorted(reasons) == ["skipped", "split", "tie"]
    assert reasons["skipped"] == "every annotation was skipped or cancelled"
    assert reasons["split"].startswith("needs adjudication: stance")
    assert "no majority on concern ekonomi" in reasons["tie"]
    assert len(result) + len(result.unresolved) == len({r.statement_id for r in ROWS})


def test_adjudications_win_over_votes():
    adjudications = [row("split", "hakim", "bersyarat", "efisiensi", "kinerja_asn"),
                     row("same", "hakim", "netral"),
                     row("tie", "hakim", None, cancelled=True)]  # a skipped adjudication decides nothing
    result = resolve_gold(ROWS, STUDY, adjudications)
    gold = {g.statement_id: g for g in result}
    assert (gold["split"].label_source, gold["split"].stance, gold["split"].concerns, gold["split"].adjudicator) == \
        ("adjudicated", "bersyarat", ["efisiensi", "kinerja_asn"], "hakim")
    assert gold["split"].annotators == ["ana", "budi"] and gold["split"].n_annotators == 2
    assert (gold["same"].label_source, gold["same"].stance) == ("adjudicated", "netral")
    assert {u.statement_id for u in result.unresolved} == {"skipped", "tie"}


def test_an_adjudicated_statement_nobody_could_label_gets_gold():
    result = resolve_gold(ROWS, STUDY, [row("skipped", "hakim", "off_topic")])
    gold = {g.statement_id: g for g in result}
    assert (gold["skipped"].label_source, gold["skipped"].n_annotators, gold["skipped"].annotators) == \
        ("adjudicated", 0, [])


def test_a_later_row_of_the_same_annotator_replaces_the_earlier():
    rows = [row("x", "ana", "menolak"), row("x", "budi", "mendukung"), row("x", "ana", "mendukung")]
    (gold,) = resolve_gold(rows, STUDY)
    assert (gold.label_source, gold.stance, gold.n_annotators) == ("unanimous", "mendukung", 2)
    assert needs_adjudication(rows, STUDY) == []


@pytest.mark.parametrize("fn", [needs_adjudication, resolve_gold])
def test_rows_of_another_study_are_refused(fn):
    with pytest.raises(ValueError, match="kebijakan-publik.v1 given for wfh-asn.v1"):
        fn([AnnotationRow("kebijakan-publik.v1", "x", "ana", "netral")], STUDY)


def test_gold_concerns_follow_schema_order():
    rows = [row("x", "ana", "menolak", "lainnya", "kecemburuan_pegawai"),
            row("x", "budi", "menolak", "kecemburuan_pegawai", "lainnya")]
    (gold,) = resolve_gold(rows, STUDY)
    assert gold.concerns == ["kecemburuan_pegawai", "lainnya"] and gold.label_source == "unanimous"
