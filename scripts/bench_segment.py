"""Benchmark the segment stage on the shared detik + tribun articles (a benchmark, not a test).

Speed: the same cleaned texts, in one run, through (a) bare spacy.blank("id") tokenisation, (b) the
extractor (tokenizer fixes + sentencizer + attribution) and (c) the whole stage from the raw JSONL
(ingest, clean, dedup, extract), best of --reps after a warm-up. Target: (b)/(a) ≤ 1.5. (a') times the
wacana tokenizer alone, so the cost of sentences + attribution on top of it is printed too.
Memory: the streaming stage in a subprocess per measurement (own peak RSS) on the corpus 1× and
--scale×, duplicate marking on (run_segment) and off (segment_articles(dedup=False)).

    .venv/bin/python scripts/bench_segment.py [--reps 3] [--scale 20] [--skip-memory]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from itertools import chain
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SOURCES = ("detik", "tribun")
TARGET = 1.5


def shared_dir() -> Path | None:
    path = Path(os.environ.get("WACANA_SHARED") or ROOT.parent / "shared")
    return path if all((path / "data" / s / "articles.jsonl").is_file() for s in SOURCES) else None


def _proc_status_mb(key: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return None


def peak_rss_mb() -> float:
    """This process's own high-water mark. Not ru_maxrss: on Linux a child inherits the parent's
    ru_maxrss across fork+exec, so every child would report the (larger) benchmark parent's peak."""
    hwm = _proc_status_mb("VmHWM")
    return hwm if hwm is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_now_mb() -> float:
    """Current RSS: a high-water mark set while loading can hide later growth, the current value can't."""
    rss = _proc_status_mb("VmRSS")
    return rss if rss is not None else peak_rss_mb()


def child(mode: str, inp: str, out: str) -> None:
    """One streaming run; its peak RSS is this process's own, so runs never mask each other."""
    from corpus.extract import get_nlp
    from corpus.pipeline import SegmentResult, read_input, run_segment, segment_articles
    from corpus.roles import load_taxonomy

    get_nlp(), load_taxonomy()  # model loaded before the baseline, so growth means per-article state
    base, t0, n = rss_now_mb(), time.perf_counter(), 0

    def progress() -> None:
        nonlocal n
        n += 1
        if n % 2000 == 0:
            print(f"    … {n} articles, {time.perf_counter() - t0:.0f}s, RSS {rss_now_mb():.0f} MB",
                  file=sys.stderr, flush=True)

    if mode == "dedup":
        summary, _, n_st = run_segment(inp, out, progress=progress)
        read = summary.read
    else:  # run_segment has no dedup switch, so the same loop over segment_articles(dedup=False)
        n_st = read = 0
        with open(out, "w", encoding="utf-8") as fh:
            for res in segment_articles(read_input(inp), dedup=False):
                if isinstance(res, SegmentResult):
                    read += 1
                    n_st += len(res.statements)
                    fh.writelines(json.dumps(s.to_dict(), ensure_ascii=False) + "\n" for s in res.statements)
                    progress()
    print(json.dumps({"articles": read, "statements": n_st, "base_mb": base, "end_mb": rss_now_mb(),
                      "peak_mb": peak_rss_mb(),
                      "seconds": time.perf_counter() - t0}))


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def bench_speed(shared: Path, reps: int) -> None:
    import spacy

    from corpus.extract import extract_statements, get_nlp
    from corpus.ingest import iter_articles
    from corpus.pipeline import segment_articles
    from corpus.schema import Article

    paths = [shared / "data" / s / "articles.jsonl" for s in SOURCES]
    articles = [a for p in paths for a in iter_articles(p) if isinstance(a, Article)]
    texts = [a.text for a in articles]
    blank, nlp = spacy.blank("id"), get_nlp()
    tokenise = lambda: [blank.make_doc(t) for t in texts]  # noqa: E731 - blank("id") has no components
    own_tokenise = lambda: [nlp.make_doc(t) for t in texts]  # noqa: E731
    extract = lambda: [extract_statements(a, nlp=nlp) for a in articles]  # noqa: E731
    stage = lambda: list(segment_articles(chain.from_iterable(iter_articles(p) for p in paths)))  # noqa: E731
    n_tok = sum(len(d) for d in tokenise())  # warm-up, and the token count every row is divided by
    extract(), stage()  # warm-up: lazy regexes, lru caches, taxonomy
    # Reps alternate (a), (b), (c) so background load on a shared box hits them alike.
    runs = [(timed(tokenise), timed(own_tokenise), timed(extract), timed(stage)) for _ in range(reps)]
    t_a, t_own, t_b, t_c = (min(col) for col in zip(*runs))
    print(f"\nspeed: {len(articles)} cleaned articles ({', '.join(SOURCES)}), {n_tok} blank-id tokens, "
          f"{sum(map(len, texts)) / 1e6:.1f}M chars, best of {reps}")
    print(f"{'':34}{'articles':>9}{'tokens':>9}{'seconds':>9}{'art/s':>9}{'tok/s':>10}")
    for name, t in (("(a) blank('id') tokenise", t_a), ("(a') wacana tokenizer alone", t_own),
                    ("(b) extract_statements", t_b),
                    ("(c) ingest+clean+dedup+extract", t_c)):
        print(f"{name:34}{len(articles):>9}{n_tok:>9}{t:>9.2f}{len(articles) / t:>9.0f}{n_tok / t:>10.0f}")
    ratio = t_b / t_a
    print(f"ratio (b)/(a) = {ratio:.2f}  target ≤ {TARGET}  {'PASS' if ratio <= TARGET else 'FAIL'}"
          f"   [(c)/(a) = {t_c / t_a:.2f}, for information]")
    # The wacana tokenizer is faster than the stock one (prefix rules matched, not searched), so also say
    # what sentences + attribution cost on top of it.
    print(f"(b)/(a') = {t_b / t_own:.2f}: sentences + attribution on top of the wacana tokenizer; "
          f"(a')/(a) = {t_own / t_a:.2f}")


def write_replicas(shared: Path, out: Path, scale: int) -> None:
    """The raw rows `scale` times; ids get -rNN so replicas are new articles, not id collisions."""
    with out.open("w", encoding="utf-8") as fh:
        for r in range(scale):
            for src in SOURCES:
                with (shared / "data" / src / "articles.jsonl").open(encoding="utf-8") as rows:
                    for i, line in enumerate(rows):
                        if line.strip():
                            row = json.loads(line)
                            row["id"] = f"{row.get('id') or f'{src}-{i}'}-r{r:02d}"
                            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def bench_memory(shared: Path, scale: int) -> None:
    print(f"\nmemory: streaming stage in a subprocess, corpus 1× and {scale}× (replicas are marked as "
          "near-duplicates when dedup is on; that is expected)")
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench_segment-") as tmp:
        for k in (1, scale):
            inp = Path(tmp) / f"corpus-{k}x.jsonl"
            write_replicas(shared, inp, k)
            for mode in ("dedup", "nodedup"):
                print(f"  {k}× {mode}: {inp.stat().st_size / 1e6:.0f} MB input …", file=sys.stderr, flush=True)
                proc = subprocess.run([sys.executable, __file__, "--child", mode, str(inp),
                                       str(Path(tmp) / f"out-{k}-{mode}.jsonl")],
                                      stdout=subprocess.PIPE, text=True, check=True)
                results[k, mode] = json.loads(proc.stdout.strip().splitlines()[-1])
            inp.unlink()  # the 20× input is large; do not keep both on disk
    print("  RSS: base = after loading the model, end = when the run finished, peak = high-water mark")
    print(f"{'':16}{'articles':>9}{'statements':>11}{'seconds':>9}{'art/s':>7}{'base MB':>9}{'end MB':>8}"
          f"{'peak MB':>9}")
    for (k, mode), r in results.items():
        print(f"{f'{k}× {mode}':16}{r['articles']:>9}{r['statements']:>11}{r['seconds']:>9.1f}"
              f"{r['articles'] / r['seconds']:>7.0f}{r['base_mb']:>9.0f}{r['end_mb']:>8.0f}{r['peak_mb']:>9.0f}")
    for mode in ("dedup", "nodedup"):
        one, big = results[1, mode], results[scale, mode]
        print(f"peak RSS {scale}×/1× ({mode}) = {big['peak_mb'] / one['peak_mb']:.2f}  "
              f"({big['peak_mb'] - one['peak_mb']:+.0f} MB for {big['articles'] - one['articles']} more articles)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--scale", type=int, default=20)
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--child", nargs=3, metavar=("MODE", "INPUT", "OUTPUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return 0
    shared = shared_dir()
    if shared is None:
        print("bench_segment: shared data not found (set WACANA_SHARED or check out ../shared with "
              "data/detik and data/tribun articles.jsonl); nothing to benchmark.")
        return 1 if os.environ.get("CI", "").lower() == "true" else 0
    bench_speed(shared, args.reps)
    if not args.skip_memory:
        bench_memory(shared, args.scale)
    return 0


if __name__ == "__main__":
    sys.exit(main())
