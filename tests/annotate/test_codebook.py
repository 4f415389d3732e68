from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotate.codebook import codebook
from annotate.schema import SchemaError, load_study
from corpus.cli import app

REPO = Path(__file__).resolve().parents[2]

SHIPPED = ["wfh-asn.v1", "kebijakan-publik.v1"]


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", SHIPPED)
def test_committed_codebook_matches_the_schema(name):
    committed = (REPO / "docs" / f"codebook-{name}.md").read_text(encoding="utf-8")
    assert committed == codebook(load_study(name)), (
        f"docs/codebook-{name}.md is stale: run `wacana codebook {name} -o docs/codebook-{name}.md`")


@pytest.mark.parametrize("name", SHIPPED)
def test_every_label_has_its_hint_and_an_example_indonesian_first(name):
    study = load_study(name)
    text = codebook(study)
    id_part, en_part = text.split("\n## English\n")
    assert "## Bahasa Indonesia" in id_part
    for label in study.stance + study.concerns + study.evidence:
        for part, hint in ((id_part, label.hint_id), (en_part, label.hint_en)):
            section = part.split(f"`{label.value}`", 1)[1].split("\n#### ", 1)[0]
            assert hint in section
            assert "\n> " in section, f"{label.value} has no example"


@pytest.mark.parametrize("name", SHIPPED)
def test_quoted_examples_are_exact_text_of_the_shipped_articles(name):
    for ex in load_study(name).examples:
        if ex.source != "constructed":
            # The codebook quotes a multi-paragraph statement on one line, so compare modulo whitespace.
            assert _squash(ex.text) in _squash((REPO / ex.source).read_text(encoding="utf-8"))


@pytest.mark.shared_data
@pytest.mark.parametrize("name", SHIPPED)
def test_quoted_examples_keep_the_seed_gold_labels(shared, name):
    gold = {}
    for line in (shared / "examples" / "seed_statements.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold[_squash(row["text"])] = (row["stance"], sorted(row["concerns"]))
    quoted = [ex for ex in load_study(name).examples if ex.source != "constructed"]
    assert quoted
    for ex in quoted:
        assert gold[_squash(ex.text)] == (ex.stance, sorted(ex.concerns))


def test_a_label_without_an_example_is_refused():
    study = load_study("wfh-asn.v1")
    fewer = dataclasses.replace(study, examples=tuple(ex for ex in study.examples if ex.stance != "netral"))
    with pytest.raises(SchemaError, match=r"wfh-asn\.v1\.yaml: no example for netral"):
        codebook(fewer)


def test_cli_writes_the_codebook(tmp_path):
    out = tmp_path / "cb.md"
    result = CliRunner().invoke(app, ["codebook", "wfh-asn.v1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == codebook(load_study("wfh-asn.v1"))


def test_cli_names_an_unknown_study(tmp_path):
    result = CliRunner().invoke(app, ["codebook", "wfh-asn.v9", "-o", str(tmp_path / "cb.md")])
    assert result.exit_code == 1
    assert "wfh-asn.v9: no such study file" in result.output
    assert not (tmp_path / "cb.md").exists()
