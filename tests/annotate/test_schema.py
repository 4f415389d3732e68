from __future__ import annotations

import copy

import pytest
import yaml

from annotate.schema import SchemaError, load_study

BASE = {
    "study": "mini", "version": "mini.v1", "target": {"id": "t", "label_id": "T", "label_en": "T"},
    "stance": [{"value": "pro", "label_id": "Pro", "gloss_en": "for", "hotkey": "1"},
               {"value": "kontra", "label_id": "Kontra", "gloss_en": "against", "hotkey": "2"}],
    "concerns": [{"value": "biaya", "label_id": "Biaya", "gloss_en": "cost", "hotkey": "q"}],
    "evidence": [{"value": "bukti", "label_id": "Bukti", "gloss_en": "evidence"}],
    "examples": [{"text": "Saya setuju karena hemat.", "stance": "pro", "concerns": ["biaya"],
                  "evidence": [{"label": "bukti", "text": "hemat"}]}],
}


def _write(path, data) -> str:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def _with(change) -> dict:
    data = copy.deepcopy(BASE)
    change(data)
    return data


def test_a_valid_minimal_study_loads(tmp_path):
    study = load_study(_write(tmp_path / "mini.v1.yaml", BASE))
    assert study.version == "mini.v1"
    assert study.stance_values == ["pro", "kontra"]
    assert study.concern_values == ["biaya"]
    assert study.examples[0].concerns == ("biaya",)
    assert (study.overlap_share, study.overlap_annotators) == (0.0, 2)


def test_shipped_sample_study_inherits_labels_but_not_target():
    base, sample = load_study("wfh-asn.v1"), load_study("kebijakan-publik.v1")
    assert (sample.stance, sample.concerns, sample.evidence) == (base.stance, base.concerns, base.evidence)
    assert sample.target != base.target
    assert sample.version == "kebijakan-publik.v1"


@pytest.mark.parametrize("change, message", [
    (lambda d: d.pop("version"), "missing 'version'"),
    (lambda d: d.pop("target"), "missing 'target'"),
    (lambda d: d.pop("stance"), "'stance' must list at least one label"),
    (lambda d: d["concerns"].append(dict(d["concerns"][0], hotkey="w")), "'concerns' has duplicate values"),
    (lambda d: d["concerns"][0].update(hotkey="1"), "two labels share a hotkey"),
    (lambda d: d["stance"][0].update(colour="red"), "stance[0] is not a valid label"),
    (lambda d: d.update(overlap={"share": 1.5}), "overlap.share must be between 0 and 1"),
    (lambda d: d["examples"][0].update(stance="maybe"), "examples[0] has the unknown stance 'maybe'"),
    (lambda d: d["examples"][0].update(concerns=["biaya", "pajak"]), "examples[0] has unknown concerns ['pajak']"),
    (lambda d: d["examples"][0].update(evidence=[{"label": "bukti", "text": "boros"}]), "examples[0]: evidence"),
    (lambda d: d["examples"][0].update(text="  "), "examples[0] has no text"),
])
def test_a_broken_study_names_the_file_and_the_problem(tmp_path, change, message):
    path = _write(tmp_path / "broken.v1.yaml", _with(change))
    with pytest.raises(SchemaError) as err:
        load_study(path)
    assert str(err.value).startswith(path)
    assert message in str(err.value)


def test_extends_loop_is_refused(tmp_path):
    _write(tmp_path / "a.yaml", {"extends": "b.yaml", "study": "a"})
    _write(tmp_path / "b.yaml", {"extends": "a.yaml", "study": "b"})
    with pytest.raises(SchemaError, match=r"a\.yaml: 'extends' loops back to itself"):
        load_study(str(tmp_path / "a.yaml"))


def test_a_child_replaces_whole_keys_of_its_base(tmp_path):
    _write(tmp_path / "base.yaml", BASE)
    child = _write(tmp_path / "child.yaml", {"extends": "base.yaml", "version": "child.v1",
                                             "concerns": [{"value": "waktu", "label_id": "W", "gloss_en": "time"}],
                                             "examples": []})
    study = load_study(child)
    assert study.version == "child.v1" and study.stance_values == ["pro", "kontra"]
    assert study.concern_values == ["waktu"]


@pytest.mark.parametrize("text, message", [
    ("stance: [unclosed", "cannot read the study file"),
    ("- just\n- a list\n", "a study file must be a YAML mapping"),
])
def test_unreadable_file_is_named(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError, match=message) as err:
        load_study(str(path))
    assert str(path) in str(err.value)


def test_unknown_study_name_lists_the_shipped_ones():
    with pytest.raises(SchemaError, match=r"wfh-asn\.v7: no such study file \(shipped studies: .*wfh-asn\.v1"):
        load_study("wfh-asn.v7")
