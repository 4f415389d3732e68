"""The shipped sample and its labels stay in step with the extractor: every label points at a statement the
current extractor still finds, and every value is one the study schema allows."""
from __future__ import annotations

import json
from itertools import chain
from pathlib import Path

import pytest

from annotate.records import ANNOTATION_FIELDS, in_overlap_sample
from annotate.schema import load_study
from corpus.pipeline import read_input, segment_articles

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (SAMPLE / "labels" / name).open(encoding="utf-8")]


@pytest.fixture(scope="module")
def statement_ids() -> set[str]:
    items = chain(read_input(SAMPLE / "articles"), read_input(SAMPLE / "pfsa-id" / "articles.jsonl"))
    results = list(segment_articles(items))
    return {s.statement_id for r in results for s in getattr(r, "statements", [])}


@pytest.mark.parametrize("name", ["annotations.jsonl", "adjudications.jsonl"])
def test_labels_point_at_statements_the_extractor_finds(name, statement_ids):
    rows = _rows(name)
    assert rows
    missing = [r["statement_id"] for r in rows if r["statement_id"] not in statement_ids]
    assert missing == []


@pytest.mark.parametrize("name", ["annotations.jsonl", "adjudications.jsonl"])
def test_labels_follow_the_schema(name):
    for row in _rows(name):
        study = load_study(row["study"])
        assert set(row) == set(ANNOTATION_FIELDS)
        assert row["stance"] in study.stance_values
        assert set(row["concerns"]) <= set(study.concern_values)


def test_every_statement_labelled_once_by_a_primary_annotator_and_the_overlap_by_b(statement_ids):
    rows = _rows("annotations.jsonl")
    by = {}
    for r in rows:
        by.setdefault(r["annotator"], []).append(r["statement_id"])
    # maintainer-a labelled every statement extractors v1/v2 found, maintainer-c the ones v3 and v4 added; the
    # overlap's second labels are maintainer-b's, and maintainer-d's for the one overlap statement v4 added
    # (labels README)
    assert sorted(by["maintainer-a"] + by.get("maintainer-c", [])) == sorted(statement_ids)
    share = load_study("kebijakan-publik.v1").overlap_share
    assert sorted(by["maintainer-b"] + by.get("maintainer-d", [])) == sorted(
        s for s in statement_ids if in_overlap_sample(s, share))
