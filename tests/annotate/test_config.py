from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import pytest
from label_studio_sdk.label_interface import LabelInterface

from annotate.config import CONCERNS, EVIDENCE, STANCE, TASK_KEYS, TEXT, ConfigError, labeling_config, validate_config
from annotate.schema import SAMPLE_STUDY, load_study


@pytest.fixture(params=["wfh-asn.v1", SAMPLE_STUDY])
def study(request):
    return load_study(request.param)


def test_generated_config_is_valid_and_deterministic(study):
    xml = labeling_config(study)
    validate_config(xml, study)
    assert labeling_config(study) == xml


def test_controls_carry_the_schema_values_in_order(study):
    li = LabelInterface(labeling_config(study))
    assert li.get_control(STANCE).labels == study.stance_values
    assert li.get_control(CONCERNS).labels == study.concern_values
    assert li.get_control(EVIDENCE).labels == [lab.value for lab in study.evidence]
    for name in (STANCE, CONCERNS, EVIDENCE):
        assert li.get_control(name).to_name == [TEXT]
    root = ET.fromstring(labeling_config(study))
    choices = {c.get("name"): c for c in root.iter("Choices")}
    assert choices[STANCE].get("choice") == "single-radio"
    assert choices[CONCERNS].get("choice") == "multiple"
    hotkeys = {c.get("value"): c.get("hotkey") for c in root.iter("Choice")}
    assert hotkeys == {lab.value: lab.hotkey for lab in study.stance + study.concerns}


def test_every_task_key_is_shown_as_plain_text(study):
    root = ET.fromstring(labeling_config(study))
    shown = {el.get("value") for el in root.iter("Text")}
    assert shown == {f"${k}" for k in TASK_KEYS}
    assert not [el for el in root.iter() if el.tag in ("HyperText", "HTML", "Markdown")]


def test_a_task_with_every_key_validates_and_a_missing_key_does_not(study):
    li = LabelInterface(labeling_config(study))
    task = {"data": {k: "" for k in TASK_KEYS} | {"text": "Saya <b>setuju</b> <script>x()</script>"}}
    assert li.validate_task(task)
    del task["data"]["speaker"]
    assert not li.validate_task(task)


def test_a_prediction_in_pull_shape_validates(study):
    li = LabelInterface(labeling_config(study))
    result = [{"from_name": STANCE, "to_name": TEXT, "type": "choices", "value": {"choices": ["bersyarat"]}},
              {"from_name": CONCERNS, "to_name": TEXT, "type": "choices",
               "value": {"choices": ["efisiensi", "kinerja_asn"]}}]
    assert li.validate_prediction({"result": result}, return_errors=True) == []
    result[0]["value"]["choices"] = ["Bersyarat"]  # the display label is not a value
    assert li.validate_prediction({"result": result}, return_errors=True)


def test_a_study_without_evidence_has_no_labels_control():
    study = dataclasses.replace(load_study("wfh-asn.v1"), evidence=())
    xml = labeling_config(study)
    validate_config(xml, study)
    assert "<Labels" not in xml


def _break(xml: str, old: str, new: str) -> str:
    assert old in xml, old
    return xml.replace(old, new, 1)


@pytest.mark.parametrize("old, new, message", [
    ('<Choice value="netral"', '<Choice value="neutral"', "lacks the schema values netral"),
    ('<Choice value="netral"', '<Choice value="neutral"', "values not in the schema: neutral"),
    ('<Choice value="ekonomi"', '<Choice value="efisiensi"', "lists the value 'efisiensi' more than once"),
    ('hotkey="y"', 'hotkey="q"', "hotkey 'q' is bound more than once"),
    ('hotkey="4"', 'hotkey="9"', "'netral' must have hotkey '4'"),
    ('<Choice value="menolak"', '<Choice alias="tolak" value="menolak"', "option 'menolak' has an alias"),
    ('name="stance"', 'name="sikap"', 'no <Choices name="stance">'),
    ('name="concerns" toName="text" choice="multiple"', 'name="concerns" toName="text" choice="single"',
     "'concerns' must have choice=\"multiple\""),
    ('<Text name="text" value="$text"', '<HyperText name="text" value="$text"', "found <HyperText>"),
    ('<Text name="date" value="$date" />', '', "task data keys not shown: date"),
    ('<Text name="outlet"', '<Text name="speaker"', "Label Studio rejects it"),
    ('<Choices name="concerns" toName="text"', '<Choices name="concerns" toName="title"',
     "'concerns' must point at toName=\"text\""),
    ('</View>\n', '</Viw>\n', "not well-formed XML"),
])
def test_validate_config_names_the_problem(old, new, message):
    study = load_study("wfh-asn.v1")
    with pytest.raises(ConfigError, match="wfh-asn.v1") as err:
        validate_config(_break(labeling_config(study), old, new), study)
    assert message in str(err.value)


def test_validate_config_rejects_a_config_for_another_study():
    wfh = load_study("wfh-asn.v1")
    fewer = dataclasses.replace(wfh, concerns=wfh.concerns[:-1])
    with pytest.raises(ConfigError, match="values not in the schema: lainnya"):
        validate_config(labeling_config(wfh), fewer)
