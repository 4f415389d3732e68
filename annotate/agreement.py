"""Inter-annotator agreement on pulled labels (AnnotationRow JSONL): Krippendorff's alpha (nominal) for the
stance and for each concern as present/absent, and Cohen's kappa on the stance for every pair of annotators.

Skipped or cancelled annotations carry no label, so they are left out of every statistic and counted. When a
statistic cannot be computed, its value is None and `undefined` says why: no statement has two usable
annotations, or every usable annotation has the same value (alpha = 1 - D_o/D_e is then 0/0; the observed
agreement of 1.0 is still reported)."""
from __future__ import annotations

import json
from collections import Counter
from itertools import combinations
from pathlib import Path

from .records import AnnotationRow
from .schema import Study

REPORT_VERSION = "wacana-agreement.v1"


def read_rows(path: Path) -> tuple[list[AnnotationRow], list[str]]:
    """Rows of a pull file, and one error per line that is not an AnnotationRow (the rest are still read)."""
    rows, errors = [], []
    with Path(path).open("rb") as f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                rows.append(AnnotationRow(**json.loads(raw.decode("utf-8"))))
            except (UnicodeDecodeError, json.JSONDecodeError, TypeError) as e:
                errors.append(f"{path}:{n}: not an annotation row ({e})")
    return rows, errors


def usable_rows(rows: list[AnnotationRow]) -> tuple[dict[str, dict[str, AnnotationRow]], int, int]:
    """statement -> annotator -> row, without skipped rows; and the numbers of skipped and repeated rows."""
    by_item: dict[str, dict[str, AnnotationRow]] = {}
    skipped = repeated = 0
    for row in rows:
        if row.was_cancelled or row.stance is None:
            skipped += 1
            continue
        seen = by_item.setdefault(row.statement_id, {})
        if row.annotator in seen:
            repeated += 1  # a later row of the same annotator replaces the earlier one, as a re-pull would
        seen[row.annotator] = row
    return by_item, skipped, repeated


def _observed(units: list[list[str]]) -> float:
    """Share of agreeing ordered value pairs within units, each unit weighted 1/(m-1) as in alpha's
    coincidence matrix: the D_o side of alpha, defined even when alpha is not."""
    agree = total = 0.0
    for values in units:
        m = len(values)
        counts = Counter(values)
        agree += sum(c * (c - 1) for c in counts.values()) / (m - 1)
        total += m
    return agree / total


def _alpha(table: dict[str, dict[str, str]]) -> dict:
    """Nominal alpha over statement -> annotator -> value, using only statements with two or more values."""
    import numpy as np
    import krippendorff

    units = {item: v for item, v in table.items() if len(v) >= 2}
    out = {"alpha": None, "n_items": len(units), "n_values": sum(len(v) for v in units.values()),
           "observed_agreement": None, "undefined": None}
    if not units:
        out["undefined"] = "no statement has two or more usable annotations"
        return out
    out["observed_agreement"] = round(_observed([list(v.values()) for v in units.values()]), 6)
    categories = sorted({x for v in units.values() for x in v.values()})
    if len(categories) == 1:
        out["undefined"] = f"no variation: every usable annotation is {categories[0]!r}"
        return out
    annotators = sorted({a for v in units.values() for a in v})
    code = {c: i for i, c in enumerate(categories)}
    data = np.full((len(annotators), len(units)), np.nan)
    for j, values in enumerate(units.values()):
        for a, value in values.items():
            data[annotators.index(a), j] = code[value]
    out["alpha"] = round(float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")), 6)
    return out


def _kappa(a: dict[str, str], b: dict[str, str]) -> dict:
    from sklearn.metrics import cohen_kappa_score

    items = sorted(a.keys() & b.keys())
    out = {"kappa": None, "n_items": len(items), "undefined": None}
    if not items:
        out["undefined"] = "no statement annotated by both"
    elif len({a[i] for i in items} | {b[i] for i in items}) == 1:
        out["undefined"] = "no variation: both gave every shared statement the same label"
    else:
        out["kappa"] = round(float(cohen_kappa_score([a[i] for i in items], [b[i] for i in items])), 6)
    return out


def agreement(rows: list[AnnotationRow], study: Study) -> dict:
    """The agreement report of one study's annotation rows (a JSON-ready dict)."""
    studies = sorted({r.study for r in rows})
    if studies and studies != [study.version]:
        raise ValueError(f"rows are labelled under {', '.join(studies)}, not {study.version}: "
                         "agreement is computed within one study")
    by_item, skipped, repeated = usable_rows(rows)
    stance = {item: {a: r.stance for a, r in anns.items()} for item, anns in by_item.items()}
    by_annotator: dict[str, dict[str, str]] = {}
    for item, anns in stance.items():
        for a, value in anns.items():
            by_annotator.setdefault(a, {})[item] = value
    annotators = sorted(by_annotator)
    return {
        "report_version": REPORT_VERSION,
        "study": study.version,
        "rows": len(rows),
        "skipped": skipped,
        "repeated": repeated,
        "statements": len(by_item),
        "annotators": {a: len(by_annotator[a]) for a in annotators},
        "stance": _alpha(stance),
        "concerns": {c: _alpha({item: {a: ("present" if c in r.concerns else "absent") for a, r in anns.items()}
                                for item, anns in by_item.items()})
                     for c in study.concern_values},
        "kappa_stance": [{"annotators": [x, y], **_kappa(by_annotator[x], by_annotator[y])}
                         for x, y in combinations(annotators, 2)],
    }


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def to_markdown(report: dict) -> str:
    lines = [f"# Agreement: {report['study']}", "",
             f"{report['rows']} annotation rows, {report['skipped']} skipped or cancelled (left out), "
             f"{report['repeated']} repeated (latest kept); {report['statements']} statements; "
             f"{len(report['annotators'])} annotators.", "",
             "## Krippendorff's alpha (nominal)", "",
             "| label | alpha | items | values | observed agreement | note |", "|---|---|---|---|---|---|"]
    for name, a in [("stance", report["stance"])] + [(f"concern: {c}", a) for c, a in report["concerns"].items()]:
        lines.append(f"| {name} | {_fmt(a['alpha'])} | {a['n_items']} | {a['n_values']} | "
                     f"{_fmt(a['observed_agreement'])} | {a['undefined'] or ''} |")
    lines += ["", "## Cohen's kappa on the stance, per pair of annotators", "",
              "| annotator A | annotator B | kappa | items | note |", "|---|---|---|---|---|"]
    for k in report["kappa_stance"]:
        lines.append(f"| {k['annotators'][0]} | {k['annotators'][1]} | {_fmt(k['kappa'])} | {k['n_items']} | "
                     f"{k['undefined'] or ''} |")
    if not report["kappa_stance"]:
        lines.append("| – | – | – | 0 | fewer than two annotators |")
    lines += ["", "## Annotations per annotator (usable)", ""] + \
             [f"- {a}: {n}" for a, n in report["annotators"].items()]
    return "\n".join(lines) + "\n"


def plot(report: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = ["stance"] + list(report["concerns"])
    stats = [report["stance"]] + list(report["concerns"].values())
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(names) + 1.5))
    ys = range(len(names))
    ax.barh(ys, [s["alpha"] or 0.0 for s in stats], color=["#4c72b0" if s["alpha"] is not None else "#cccccc"
                                                          for s in stats])
    for y, s in zip(ys, stats):
        label = f"{_fmt(s['alpha'])}  (n={s['n_items']})" if s["alpha"] is not None else f"undefined (n={s['n_items']})"
        ax.text(0.01, y, label, va="center")
    ax.set_yticks(list(ys), names)
    ax.invert_yaxis()
    ax.set_xlim(min([0.0] + [s["alpha"] for s in stats if s["alpha"] is not None]), 1.0)
    ax.axvline(0.667, color="#999", linestyle="--", linewidth=1)  # Krippendorff's lowest acceptable for tentative conclusions
    ax.set_xlabel("Krippendorff's alpha (nominal)")
    ax.set_title(f"Agreement, {report['study']}")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def write_report(report: dict, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / "agreement.json", out_dir / "agreement.md", out_dir / "agreement.png"]
    paths[0].write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    paths[1].write_text(to_markdown(report), encoding="utf-8")
    plot(report, paths[2])
    return paths
