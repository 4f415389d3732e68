"""Score sentence boundaries on UD Indonesian and time the wacana pipeline against bare blank("id").

Scoring: each treebank file becomes one document, its `# text` lines joined by one space (the files
carry no newdoc/newpar marks). A predicted sentence start is correct when its character offset equals
a gold sentence start; the document start (offset 0) is not counted.

Speed: the `text` field of every detik article, run through bare blank("id") (tokenizer only), through
blank("id") + spaCy's sentencizer ("stock") and through make_nlp() (tokenizer fixes + sentencizer),
after a warm-up; per article the fastest of
--repeats runs, summed.

    .venv/bin/python scripts/eval_sentences.py [--shared ../shared] [--repeats 5]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from corpus.nlp import make_nlp  # noqa: E402

TREEBANKS = {
    "CSUI test": "ud/CSUI/id_csui-ud-test.conllu",
    "GSD dev": "ud/GSD/id_gsd-ud-dev.conllu",
    "PUD test": "ud/PUD/id_pud-ud-test.conllu",
}


def read_conllu_text(path: Path) -> tuple[str, set[int]]:
    """The document text and the character offsets where gold sentences start (0 excluded)."""
    sents = [line[len("# text = "):].rstrip("\n") for line in path.open(encoding="utf-8")
             if line.startswith("# text = ")]
    starts, pos = set(), 0
    for s in sents:
        if pos:
            starts.add(pos)
        pos += len(s) + 1
    return " ".join(sents), starts


def predicted_starts(nlp, text: str) -> set[int]:
    return {s.start_char for s in nlp(text).sents if s.start_char and s.text.strip()}


def prf(pred: set[int], gold: set[int]) -> tuple[float, float, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(shared: Path, stock, ours) -> None:
    print(f"{'treebank':<10} {'sents':>6}  {'stock P/R/F':>20}  {'wacana P/R/F':>20}")
    for name, rel in TREEBANKS.items():
        path = shared / "data" / rel
        if not path.exists():
            print(f"{name:<10} missing {path}")
            continue
        text, gold = read_conllu_text(path)
        cells = []
        for nlp in (stock, ours):
            p, r, f = prf(predicted_starts(nlp, text), gold)
            cells.append(f"{100 * p:5.1f} {100 * r:5.1f} {100 * f:5.1f}")
        print(f"{name:<10} {len(gold) + 1:>6}  {cells[0]:>20}  {cells[1]:>20}")


def timing(shared: Path, bare, stock, ours, repeats: int) -> None:
    path = shared / "data" / "detik" / "articles.jsonl"
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    n_tokens = sum(len(bare(t)) for t in texts)  # also warms the tokenizer caches
    for t in texts:
        stock(t)
        ours(t)
    # Paired, per article: both pipelines run back to back on the same text, and each article keeps
    # its fastest run, so load from other processes on a shared machine does not tilt the ratio.
    clock = time.perf_counter_ns
    pipes = {"bare": bare, "stock": stock, "wacana": ours}
    best = {label: [float("inf")] * len(texts) for label in pipes}
    for _ in range(repeats):
        for i, t in enumerate(texts):
            for label, nlp in pipes.items():
                t0 = clock()
                nlp(t)
                best[label][i] = min(best[label][i], clock() - t0)
    secs = {label: sum(v) / 1e9 for label, v in best.items()}
    chars = sum(map(len, texts))
    print(f"\ndetik: {len(texts)} articles, {chars / 1e6:.2f}M chars, {n_tokens} bare tokens, "
          f"sum of per-article best of {repeats}")
    for label, s in secs.items():
        print(f"{label:<7} {s:7.3f} s  {n_tokens / s / 1e3:7.1f}k tokens/s")
    print(f"ratio stock/bare: {secs['stock'] / secs['bare']:.3f}   "
          f"ratio wacana/bare: {secs['wacana'] / secs['bare']:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--skip-speed", action="store_true")
    args = ap.parse_args()
    stock = spacy.blank("id")
    stock.add_pipe("sentencizer")
    ours = make_nlp()
    score(args.shared, stock, ours)
    if not args.skip_speed:
        timing(args.shared, spacy.blank("id"), stock, ours, args.repeats)


if __name__ == "__main__":
    main()
