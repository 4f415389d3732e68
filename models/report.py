"""What `wacana train` leaves beside the model: PNG plots, the model card (rendered from templates/) and a short
text report, all from metrics.json and the task data."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from string import Template

import numpy as np

from .tasks import Task
from .train import C_GRID

TEMPLATE = Path(__file__).parent / "templates" / "model_card.md"


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # no display on servers and CI
    import matplotlib.pyplot as plt

    return plt


def plot_confusion(metrics: dict, path: Path) -> None:
    plt = _pyplot()
    cm = metrics["tasks"][metrics["main_task"]]["test"]["confusion_matrix"]
    labels, m = cm["labels"], np.array(cm["matrix"])
    fig, ax = plt.subplots(figsize=(1.2 * len(labels) + 2, 1.0 * len(labels) + 1.5))
    ax.imshow(m, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    for i in range(len(labels)):
        for j in range(len(labels)):
            ax.text(j, i, int(m[i, j]), ha="center", va="center", color="white" if m[i, j] > m.max() / 2 else "black")
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(f"{metrics['main_task']}: confusion matrix (test)")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_per_label_f1(metrics: dict, path: Path) -> None:
    plt = _pyplot()
    tasks = metrics["tasks"]
    fig, axes = plt.subplots(1, len(tasks), figsize=(5 * len(tasks), 4), squeeze=False)
    for ax, (name, res) in zip(axes[0], tasks.items()):
        labels = res["labels"]
        rows = {"model": res["test"]["per_label"], **{k: v["per_label"] for k, v in res["baselines"].items()}}
        width = 0.8 / len(rows)
        for k, (what, per) in enumerate(rows.items()):
            ax.bar(np.arange(len(labels)) + k * width, [per[l]["f1"] for l in labels], width, label=what)
        ax.set_xticks(np.arange(len(labels)) + 0.4 - width / 2, labels, rotation=45, ha="right")
        ax.set_ylim(0, 1)
        ax.set_title(f"{name}: F1 per label (test)")
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_role_distribution(task: Task, path: Path) -> None:
    """Stance counts per role_category over all splits: who says what in the data the model learnt from."""
    plt = _pyplot()
    labels = task.label_names["stance"]
    counts: dict[str, Counter] = {}
    for split in task.splits.values():
        for role, stance in zip(split.role_category, split.labels["stance"]):
            counts.setdefault(role or "(none)", Counter())[stance] += 1
    roles = sorted(counts, key=lambda r: sum(counts[r].values()))
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(roles) + 1.5))
    left = np.zeros(len(roles))
    for label in labels:
        values = np.array([counts[r][label] for r in roles])
        ax.barh(roles, values, left=left, label=label)
        left += values
    ax.set_xlabel("statements")
    ax.set_title("stance by role_category (all splits)")
    ax.legend(fontsize="small")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def metrics_table(metrics: dict) -> str:
    lines = ["| task | model macro-F1 | majority | lexicon |", "|---|---|---|---|"]
    for name, res in metrics["tasks"].items():
        b = res["baselines"]
        lex = f"{b['lexicon']['macro_f1']:.3f}" if "lexicon" in b else "–"
        lines.append(f"| {name} | **{res['test']['macro_f1']:.3f}** | {b['majority']['macro_f1']:.3f} | {lex} |")
    return "\n".join(lines)


def per_label_tables(metrics: dict) -> str:
    out = []
    for name, res in metrics["tasks"].items():
        rows = [f"| {l} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['support']} |"
                for l, v in res["test"]["per_label"].items()]
        out.append("\n".join([f"{name}:", "", "| label | P | R | F1 | support |", "|---|---|---|---|---|", *rows]))
    return "\n\n".join(out)


def render_card(metrics: dict) -> str:
    sizes = metrics["sizes"]
    issues = metrics["data_issues"]
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        name=metrics["name"], model_version=metrics["model_version"], data=metrics["data"],
        study_note=f" (study `{metrics['study']}`; the dataset card beside the data says who labelled what)"
        if metrics["study"] else " (a plain text/label task)",
        n_train=sizes["train"], n_valid=sizes["valid"], n_test=sizes["test"],
        features=metrics["features"], classifier=metrics["classifier"], selection=metrics["selection"],
        c_grid="{" + ", ".join(str(c) for c in C_GRID) + "}",
        chosen="; ".join(f"{k}: C={v['chosen']['C']}, class_weight={v['chosen']['class_weight']}"
                         for k, v in metrics["tasks"].items()),
        sklearn_version=metrics["sklearn_version"],
        data_issues=f" {len(issues)} input rows were left out (listed in metrics.json `data_issues`)." if issues else "",
        metrics_table=metrics_table(metrics), per_label_tables=per_label_tables(metrics),
        role_plot=", `label_by_role_category.png`" if metrics["study"] else "",
    )


def write_report(task: Task, metrics: dict, out: Path) -> list[Path]:
    """Plots, README.md (model card) and report.txt in `out`; returns the plot paths."""
    plots = [out / "confusion_matrix.png", out / "per_label_f1.png"]
    plot_confusion(metrics, plots[0])
    plot_per_label_f1(metrics, plots[1])
    if "stance" in task.label_names:
        plots.append(out / "label_by_role_category.png")
        plot_role_distribution(task, plots[-1])
    (out / "README.md").write_text(render_card(metrics), encoding="utf-8")
    (out / "report.txt").write_text(summary(metrics, out, plots) + "\n", encoding="utf-8")
    return plots


def summary(metrics: dict, out: Path, plots: list[Path]) -> str:
    lines = [f"model:   {out / 'model.skops'} ({metrics['model_version']})",
             f"card:    {out / 'README.md'}", f"metrics: {out / 'metrics.json'}",
             f"plots:   {', '.join(str(p) for p in plots)}",
             f"data:    {metrics['data']} (train {metrics['sizes']['train']}, valid {metrics['sizes']['valid']}, "
             f"test {metrics['sizes']['test']})"]
    for name, res in metrics["tasks"].items():
        b = res["baselines"]
        lex = f", lexicon {b['lexicon']['macro_f1']:.4f}" if "lexicon" in b else ""
        lines.append(f"{name}: test macro_f1 {res['test']['macro_f1']:.4f} (majority {b['majority']['macro_f1']:.4f}"
                     f"{lex}); chosen on valid: C={res['chosen']['C']}, class_weight={res['chosen']['class_weight']}")
    return "\n".join(lines)
