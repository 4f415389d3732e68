"""The Label Studio labeling config (XML), generated from a study schema and checked before any project uses it.

Control and object names here are a contract: push fills the task data keys, pull reads results by these
names. Import the constants instead of repeating the strings."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from .schema import Label, Study

CONFIG_VERSION = "wacana-ls-config.v1"

TEXT = "text"          # the object tag (and task data key) the statement is shown in; controls point at it
STANCE = "stance"      # single-choice control
CONCERNS = "concerns"  # multiple-choice control
EVIDENCE = "evidence"  # optional span labels over the statement text

# Keys of a task's `data`, agreed with push. Every one is shown (statement_id and article_id as a small footer
# so annotators can cite a task); push must send each key, an empty string when unknown: Label Studio's SDK
# treats a task whose shown key is missing or null as invalid.
TASK_KEYS = ("statement_id", "text", "speaker", "role", "institution", "title", "outlet", "date",
             "context_before", "context_after", "article_id")

# Object tags that render task data as markup. Statements are scraped news text and may hold `<script>`.
_MARKUP_TAGS = {"HyperText", "HTML", "Markdown"}


class ConfigError(ValueError):
    """A labeling config that does not fit its study; the message says which study and what is wrong."""


def _text(name: str, key: str, **attrs: str) -> ET.Element:
    return ET.Element("Text", {"name": name, "value": f"${key}", **attrs})


def _header(parent: ET.Element, value: str, size: str = "5") -> None:
    ET.SubElement(parent, "Header", {"value": value, "size": size})


def _choice(label: Label) -> ET.Element:
    # value is what pull reads back (the schema value); the hint carries both languages as a hover tooltip.
    attrs = {"value": label.value, "hint": f"{label.label_id} ({label.gloss_en}). {label.hint_id}".strip()}
    if label.hotkey:
        attrs["hotkey"] = label.hotkey
    return ET.Element("Choice", attrs)


def labeling_config(study: Study) -> str:
    """The Label Studio XML for a study. The same study always gives the same bytes, so push can compare it
    with a project's stored config to decide whether to update it."""
    view = ET.Element("View")
    # No XML comment naming the version: the web UI's own config parser is not known to skip comments safely,
    # so the versions (study.version, CONFIG_VERSION) are for push to record on the project instead.

    article = ET.SubElement(view, "View", {"style": "padding: 0 0 8px 0; border-bottom: 1px solid #ddd"})
    _header(article, "Artikel / Article", "6")
    article.append(_text("title", "title"))
    meta = ET.SubElement(article, "View", {"style": "display: flex; gap: 16px; color: #666"})
    meta.append(_text("outlet", "outlet"))
    meta.append(_text("date", "date"))

    speaker = ET.SubElement(view, "View", {"style": "padding: 8px 0"})
    _header(speaker, "Pembicara / Speaker", "6")
    speaker.append(_text("speaker", "speaker"))
    who = ET.SubElement(speaker, "View", {"style": "display: flex; gap: 16px; color: #666"})
    who.append(_text("role", "role"))
    who.append(_text("institution", "institution"))

    _header(view, "Konteks sebelum / Context before", "6")
    view.append(_text("context_before", "context_before"))
    _header(view, "Pernyataan / Statement", "4")
    if study.evidence:
        labels = ET.SubElement(view, "Labels", {"name": EVIDENCE, "toName": TEXT, "choice": "multiple"})
        for lab in study.evidence:
            ET.SubElement(labels, "Label", {"value": lab.value, "hint": f"{lab.label_id} ({lab.gloss_en})"})
    view.append(_text(TEXT, TEXT, granularity="word" if study.evidence else "symbol",
                      style="font-size: 1.15em; padding: 8px; background: #f7f7f7"))
    _header(view, "Konteks sesudah / Context after", "6")
    view.append(_text("context_after", "context_after"))

    target = study.target
    _header(view, f"Sikap terhadap: {target.get('label_id', study.title)} / Stance toward: "
                  f"{target.get('label_en', study.title)}", "4")
    stance = ET.SubElement(view, "Choices", {"name": STANCE, "toName": TEXT, "choice": "single-radio",
                                             "required": "true", "showInline": "true"})
    for lab in study.stance:
        stance.append(_choice(lab))

    _header(view, "Kekhawatiran (boleh lebih dari satu) / Concerns (any number)", "4")
    concerns = ET.SubElement(view, "Choices", {"name": CONCERNS, "toName": TEXT, "choice": "multiple",
                                               "showInline": "true"})
    for lab in study.concerns:
        concerns.append(_choice(lab))

    ids = ET.SubElement(view, "View", {"style": "display: flex; gap: 16px; color: #999; font-size: 0.8em"})
    ids.append(_text("statement_id", "statement_id"))
    ids.append(_text("article_id", "article_id"))

    ET.indent(view, space="  ")
    return ET.tostring(view, encoding="unicode") + "\n"


def validate_config(xml: str, study: Study) -> None:
    """Raise ConfigError unless `xml` is a labeling config pull can read for `study`: well-formed, every
    control named as pull expects and pointing at the statement, each schema value present exactly once, each
    hotkey used once, every task data key shown, and no task data rendered as HTML."""
    where = f"labeling config for {study.version}"
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as e:
        raise ConfigError(f"{where}: not well-formed XML ({e})") from e
    if root.tag != "View":
        raise ConfigError(f"{where}: the root element must be <View>, not <{root.tag}>")
    # The SDK's checks are the ones the server runs (tag schema, unique names, toName targets); ours below add
    # what pull relies on.
    from label_studio_sdk.label_interface import LabelInterface

    try:
        LabelInterface(xml).validate()
    except Exception as e:  # the SDK raises several unrelated exception types for a bad config
        raise ConfigError(f"{where}: Label Studio rejects it ({e})") from e

    problems: list[str] = []
    names = [el.get("name") for el in root.iter() if el.get("name")]
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append(f"the name '{name}' is used by more than one tag")

    markup = sorted({el.tag for el in root.iter() if el.tag in _MARKUP_TAGS})
    if markup:
        problems.append(f"task data must be shown as <Text>, found {', '.join('<' + t + '>' for t in markup)}")
    shown = {el.get("value", "")[1:] for el in root.iter("Text") if el.get("value", "").startswith("$")}
    missing_keys = [k for k in TASK_KEYS if k not in shown]
    if missing_keys:
        problems.append(f"task data keys not shown: {', '.join(missing_keys)}")
    texts = [el for el in root.iter("Text") if el.get("name") == TEXT]
    if not texts or texts[0].get("value") != f"${TEXT}":
        problems.append(f"no <Text name=\"{TEXT}\" value=\"${TEXT}\"> for the statement")

    def control(tag: str, name: str, choice: str | None, labels: tuple[Label, ...], child: str) -> None:
        found = [el for el in root.iter(tag) if el.get("name") == name]
        if not labels:
            if found:
                problems.append(f"<{tag} name=\"{name}\"> present but the study defines no {name} labels")
            return
        if not found:
            problems.append(f"no <{tag} name=\"{name}\">")
            return
        el = found[0]
        if el.get("toName") != TEXT:
            problems.append(f"'{name}' must point at toName=\"{TEXT}\", not {el.get('toName')!r}")
        if choice and el.get("choice", "single") not in choice.split("|"):
            problems.append(f"'{name}' must have choice=\"{choice}\", not {el.get('choice')!r}")
        values = [c.get("value") for c in el.iter(child)]
        for v in sorted({v for v in values if values.count(v) > 1}):
            problems.append(f"'{name}' lists the value '{v}' more than once")
        expected = [lab.value for lab in labels]
        if absent := [v for v in expected if v not in values]:
            problems.append(f"'{name}' lacks the schema values {', '.join(absent)}")
        if extra := [v for v in dict.fromkeys(values) if v not in expected]:
            problems.append(f"'{name}' has values not in the schema: {', '.join(map(str, extra))}")
        for c in el.iter(child):
            if c.get("alias"):
                # An alias replaces the value in results, so pull would read a value the schema does not know.
                problems.append(f"'{name}' option '{c.get('value')}' has an alias")
            want = next((lab.hotkey for lab in labels if lab.value == c.get("value")), None)
            if want and c.get("hotkey") != want:
                problems.append(f"'{name}' option '{c.get('value')}' must have hotkey '{want}', "
                                f"not {c.get('hotkey')!r}")

    control("Choices", STANCE, "single|single-radio", study.stance, "Choice")
    control("Choices", CONCERNS, "multiple", study.concerns, "Choice")
    control("Labels", EVIDENCE, None, study.evidence, "Label")

    hotkeys = [el.get("hotkey") for el in root.iter() if el.get("hotkey")]
    for key in sorted({k for k in hotkeys if hotkeys.count(k) > 1}):
        problems.append(f"the hotkey '{key}' is bound more than once")

    if problems:
        raise ConfigError(f"{where}: " + "; ".join(problems))
