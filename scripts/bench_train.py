"""Training time on N statements (target: 10,000 in < 60 s on 2 cores) and prediction throughput (statements/s)
of the baseline (a benchmark, not a test).

Data: the Detik + Tribun statements from ../shared (segmented once into build/bench/statements.jsonl) with
keyword-lexicon labels, cycled up to N when there are fewer. Training = the whole `train()` call: features
fitted once, the C × class_weight grid for stance and for concerns, test scoring and both baselines.
Prediction = `wacana predict`'s path (features once, stance + concerns probabilities) over the N statements,
after loading the saved model, best of --reps.

    .venv/bin/python scripts/bench_train.py [--n 10000] [--statements FILE] [--reps 3]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET_S = 60.0


def statements_file(path: Path | None) -> Path:
    if path:
        return path
    out = ROOT / "build" / "bench" / "statements.jsonl"
    if not out.exists():
        from corpus.pipeline import run_segment

        shared = Path(os.environ.get("WACANA_SHARED") or ROOT.parent / "shared") / "data"
        merged = out.with_name("articles.jsonl")
        merged.parent.mkdir(parents=True, exist_ok=True)
        with merged.open("w", encoding="utf-8") as f:
            for src in ("detik", "tribun"):
                f.write((shared / src / "articles.jsonl").read_text(encoding="utf-8"))
        print(f"segmenting {merged} once (cached in {out}) …", flush=True)
        run_segment(merged, out)
    return out


def build_task(records: list[dict], n: int, seed: int = 0):
    from models.lexicon import load_lexicon
    from models.tasks import Split, Task

    lexicon = load_lexicon()
    rows = [records[i % len(records)] for i in range(n)]
    random.Random(seed).shuffle(rows)
    texts = [r["text"] for r in rows]
    stance = lexicon.predict_stance(texts)
    concerns = lexicon.predict_concerns(texts)
    cut1, cut2 = int(0.8 * n), int(0.9 * n)
    splits = {name: Split(texts[a:b], {"stance": stance[a:b], "concerns": concerns[a:b]}, [None] * (b - a))
              for name, a, b in (("train", 0, cut1), ("valid", cut1, cut2), ("test", cut2, n))}
    return Task("bench", "lexicon-labelled statements", "kebijakan-publik.v1",
                {"stance": list(lexicon.stance_values), "concerns": list(lexicon.concern_values)}, splits), rows


def main() -> int:
    from models.predict import ModelPredictor
    from models.train import save_model, train

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--statements", type=Path, help="statements JSONL (default: Detik + Tribun from ../shared)")
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()
    path = statements_file(args.statements)
    records = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    task, rows = build_task(records, args.n)
    print(f"{args.n} statements ({len(records)} distinct from {path}; cores: {os.cpu_count()})")

    t0 = time.perf_counter()
    pipelines, metrics = train(task, "bench")
    train_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        save_model(pipelines, metrics, Path(tmp) / "bench")
        predictor = ModelPredictor(Path(tmp) / "bench")
    best = float("inf")
    for _ in range(args.reps):
        t0 = time.perf_counter()
        predictor.predict(rows)
        best = min(best, time.perf_counter() - t0)
    verdict = ("met" if train_s < TARGET_S else "NOT met") if args.n == 10_000 else "not measured (use --n 10000)"
    print(f"train: {train_s:.1f} s for {args.n} statements; target < {TARGET_S:.0f} s for 10,000: {verdict}")
    print(f"predict: {args.n / best:,.0f} statements/s (best of {args.reps}, {args.n} statements)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
