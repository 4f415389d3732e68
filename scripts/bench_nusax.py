"""Test macro-F1 of the default baseline pipeline on public Indonesian sentiment data, next to published
classical baselines (a benchmark, not a test). Settings are the trainer's defaults; C and class weighting are
chosen on each data set's valid split, the chosen point is refitted on train + valid, test is scored once.

    .venv/bin/python scripts/bench_nusax.py [--data nusax smsa] [--out-dir build/bench-models]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# macro-F1 × 100 on the test split; sources in ../shared/data/README.md
PUBLISHED = {
    "nusax": {"Naive Bayes (bow)": 73.1, "Logistic regression (bow)": 74.7, "SVM (tf-idf, linear)": 78.7,
              "IndoBERT-base": 90.0},
    "smsa": {"Logistic regression (counts, IndoNLU tutorial)": 73.95, "fastText-indo4b": 82.13,
             "IndoBERT-base": 87.73},
}
TARGET = ("nusax", 78.7)  # beat the best classical NusaX baseline without tuning on test


def main() -> int:
    from models.train import run_train

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", nargs="+", default=["nusax", "smsa"], help="folders under ../shared/data")
    ap.add_argument("--out-dir", type=Path, default=ROOT / "build" / "bench-models")
    args = ap.parse_args()
    shared = Path(os.environ.get("WACANA_SHARED") or ROOT.parent / "shared") / "data"
    for name in args.data:
        if not (shared / name).is_dir():
            print(f"{shared / name}: not found (needs ../shared)", file=sys.stderr)
            return 1
    for name in args.data:
        t0 = time.perf_counter()
        out, metrics, _ = run_train(shared / name, name, args.out_dir)
        res = metrics["tasks"]["label"]
        ours = 100 * res["test"]["macro_f1"]
        print(f"\n{name}: train {metrics['sizes']['train']}, valid {metrics['sizes']['valid']}, "
              f"test {metrics['sizes']['test']} ({time.perf_counter() - t0:.0f} s, model in {out})")
        print(f"  {'wacana baseline (word+char tf-idf, LR; chosen on valid: C=%s, class_weight=%s)' % (res['chosen']['C'], res['chosen']['class_weight']):<80} {ours:6.1f}")
        print(f"  {'majority class':<80} {100 * res['baselines']['majority']['macro_f1']:6.1f}")
        for what, score in PUBLISHED.get(name, {}).items():
            print(f"  {what + ' (published)':<80} {score:6.1f}")
        if name == TARGET[0]:
            met = ours > TARGET[1]
            print(f"  target > {TARGET[1]}: {'met' if met else 'NOT met'} (difference {ours - TARGET[1]:+.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
