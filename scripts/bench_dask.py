"""Benchmark the segment stage on Dask against the single process (a benchmark, not a test).

The Detik + Tribun raw rows of ../shared are replicated to --articles rows (ids made unique: `<id>-rNNNN`)
into one JSONL on disk, which every run streams: (1) `run_segment`, the plain single process, in a
subprocess so its peak RSS is its own; (2) `run_segment_sharded` on a LocalCluster with 1 worker process;
(3) the same with 2 workers. All three write statements and articles. Timing starts after the spaCy model is
loaded (in the child, and in every worker) so start-up is not counted. Peak RSS per worker is read from
/proc in each worker at 10 % of the articles and at the end: flat memory means the two agree.
Targets (issue 5): 2 workers ≥ 1.8× 1 worker; Dask 1 worker ≤ 10 % slower than the single process.

    .venv/bin/python scripts/bench_dask.py [--articles 200000] [--partition-size 500]

The full 200,000-article run takes roughly articles/rate for each of the three runs (about 40 minutes at
220 articles/s); --articles 5000 is a quick check that everything works.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SOURCES = ("detik", "tribun")


def shared_dir() -> Path | None:
    path = Path(os.environ.get("WACANA_SHARED") or ROOT.parent / "shared")
    return path if all((path / "data" / s / "articles.jsonl").is_file() for s in SOURCES) else None


def peak_rss_mb() -> float:
    """This process's own high-water mark (VmHWM), not ru_maxrss, which a child inherits from its parent."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


def write_corpus(shared: Path, out: Path, n: int) -> None:
    """`n` raw rows cycling through the sources, each replica a new id; written once, streamed by every run."""
    rows = [json.loads(line) for s in SOURCES  # split("\n"): str.splitlines also breaks at U+2028 inside texts
            for line in (shared / "data" / s / "articles.jsonl").read_text("utf-8").split("\n") if line.strip()]
    with out.open("w", encoding="utf-8") as fh:
        for k in range(n):
            row = dict(rows[k % len(rows)])
            row["id"] = f"{row.get('id') or k % len(rows)}-r{k // len(rows):04d}"
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def child_single(inp: str, out: str) -> None:
    from corpus.extract import get_nlp
    from corpus.pipeline import run_segment
    from corpus.roles import load_people, load_taxonomy

    get_nlp(), load_taxonomy(), load_people()
    t0 = time.perf_counter()
    summary, _, n = run_segment(inp, Path(out) / "statements.jsonl", articles_out=Path(out) / "articles.parquet")
    print(json.dumps({"seconds": time.perf_counter() - t0, "articles": summary.read, "statements": n,
                      "peak_mb": [peak_rss_mb()]}))


def _warm() -> int:
    from corpus.extract import get_nlp
    from corpus.roles import load_people, load_taxonomy

    get_nlp(), load_taxonomy(), load_people()
    return os.getpid()


def run_dask(inp: Path, out: Path, workers: int, partition_size: int, total: int) -> dict:
    from corpus.engine import dask_client, run_segment_sharded

    with dask_client(workers=workers) as client:  # the LocalCluster `wacana segment --workers N` starts
        client.run(_warm)
        seen, early = 0, {}

        def progress(n: int) -> None:
            nonlocal seen
            seen += n
            if not early and seen >= total / 10:
                early.update(client.run(peak_rss_mb))

        t0 = time.perf_counter()
        run = run_segment_sharded(inp, out, client, partition_size=partition_size, progress=progress)
        seconds = time.perf_counter() - t0
        end = client.run(peak_rss_mb)
    return {"seconds": seconds, "articles": run.summary.read, "statements": run.statements,
            "peak_mb": sorted(end.values()), "early_mb": sorted(early.values())}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200_000, help="replicated corpus size (≥ 200,000 for the issue)")
    ap.add_argument("--partition-size", type=int, default=500)
    ap.add_argument("--child", nargs=2, metavar=("INPUT", "OUTPUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child_single(*args.child)
        return 0
    shared = shared_dir()
    if shared is None:
        print("bench_dask: shared data not found (set WACANA_SHARED or check out ../shared); nothing to benchmark.")
        return 1 if os.environ.get("CI", "").lower() == "true" else 0
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench_dask-") as tmp:
        tmp = Path(tmp)
        inp = tmp / "corpus.jsonl"
        write_corpus(shared, inp, args.articles)
        print(f"corpus: {args.articles} articles replicated from {', '.join(SOURCES)} "
              f"({inp.stat().st_size / 1e6:.0f} MB JSONL, streamed from disk), {os.cpu_count()} CPUs, "
              f"partitions of {args.partition_size}", flush=True)
        (tmp / "single").mkdir()
        print("  single process …", file=sys.stderr, flush=True)
        proc = subprocess.run([sys.executable, __file__, "--child", str(inp), str(tmp / "single")],
                              stdout=subprocess.PIPE, text=True, check=True)
        results["1 process"] = json.loads(proc.stdout.strip().splitlines()[-1])
        for w in (1, 2):
            print(f"  dask, {w} worker(s) …", file=sys.stderr, flush=True)
            results[f"dask {w} worker{'s' if w > 1 else ''}"] = run_dask(inp, tmp / f"dask{w}", w,
                                                                        args.partition_size, args.articles)
    print(f"{'':16}{'articles':>9}{'statements':>11}{'seconds':>9}{'art/s':>8}  peak RSS per worker MB "
          "(at 10% → end)")
    for name, r in results.items():
        rss = " ".join(f"{m:.0f}" for m in r["peak_mb"])
        if r.get("early_mb"):
            rss = " ".join(f"{e:.0f}→{m:.0f}" for e, m in zip(r["early_mb"], r["peak_mb"]))
        print(f"{name:16}{r['articles']:>9}{r['statements']:>11}{r['seconds']:>9.1f}"
              f"{r['articles'] / r['seconds']:>8.1f}  {rss}")
    single, one, two = results["1 process"], results["dask 1 worker"], results["dask 2 workers"]
    speedup = one["seconds"] / two["seconds"]
    overhead = one["seconds"] / single["seconds"] - 1
    growth = max(m / e for e, m in zip(two["early_mb"], two["peak_mb"])) if two["early_mb"] else float("nan")
    print(f"speed-up 2 workers / 1 worker = {speedup:.2f}  target ≥ 1.8  {'PASS' if speedup >= 1.8 else 'FAIL'}")
    print(f"Dask overhead, 1 worker vs 1 process = {overhead:+.1%}  target ≤ +10%  "
          f"{'PASS' if overhead <= 0.10 else 'FAIL'}")
    print(f"peak RSS per worker, end / at 10% (2 workers) = {growth:.2f}  (1.00 = flat in corpus size)")
    same = single["statements"] == one["statements"] == two["statements"]
    print(f"statements equal across the three runs: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
