"""Scoring statement predictions against a gold set. The rules (locating gold, overlap, exact, speaker match,
the clitic/pronoun slice) are written up in docs/evaluation.md.

Gold formats:
  record      statement records (article_id, start, end, text, …), as our extractor writes them
  guideline   the annotation-guideline format: article (file name, .txt optional) + text [+ occurrence]
  detik-raw   guideline format whose span is given as raw_start/raw_end into the source JSONL's raw `text`,
              with text_sha1 to catch drift; needs the source JSONL
  pfsa        a PFSA-ID CoNLL file (corpus.pfsa.read_pfsa); its articles are also the texts (`pfsa_texts`)

`evaluate` is pure: gold rows, predicted rows and the evaluated (normalised) article texts in, a report dict out.
"""
from __future__ import annotations

import bisect
import hashlib
import re
from pathlib import Path

from .jsonl import iter_jsonl

THRESHOLD = 0.8
QUOTE_TYPES = ("direct", "indirect")
WORD = re.compile(r"\w+")

CLITIC_CUES = frozenset(
    "ujarnya katanya jelasnya tegasnya tambahnya tuturnya ucapnya imbuhnya ungkapnya paparnya terangnya "
    "lanjutnya pungkasnya tandasnya sebutnya".split()
)
PRONOUNS = frozenset({"dia", "ia", "beliau", "mereka", "menurutnya", "-nya", "nya"})


# ------------------------------------------------------------------------------------------------ loading
def article_id_of(name: str) -> str:
    """Guideline `article` → article id: the file name without directories and without .txt."""
    name = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".txt") else name


def read_jsonl(path: str | Path) -> list[dict]:
    """Gold and predictions are scored whole: the first bad line stops the evaluation, naming file and line."""
    rows = []
    for n, obj, problem in iter_jsonl(path):
        if problem:
            raise ValueError(f"{path}:{n}: {problem}")
        rows.append(obj)
    return rows


def detect_format(path: str | Path, rows: list[dict] | None = None) -> str:
    """record | guideline | detik-raw | pfsa, from the file name (CoNLL .txt/.conll) or the first row's fields."""
    if Path(path).suffix in {".txt", ".conll", ".tsv"}:
        return "pfsa"
    rows = read_jsonl(path) if rows is None else rows
    if not rows:
        return "record"
    first = rows[0]
    if "raw_start" in first:
        return "detik-raw"
    if "start" in first and "end" in first:
        return "record"
    if "article" in first and "text" in first:
        return "guideline"
    raise ValueError(f"{path}: cannot tell the gold format from fields {sorted(first)}")


def from_guideline(rows: list[dict]) -> list[dict]:
    """Guideline rows → gold dicts keyed by article_id, spans still to be located (no start/end)."""
    out = []
    for row in rows:
        g = dict(row)
        g["article_id"] = article_id_of(row.get("article") or row.get("article_id"))
        g.pop("start", None)
        g.pop("end", None)
        out.append(g)
    return out


def _source_texts(source: str | Path) -> dict[str, str]:
    texts = {}
    for row in read_jsonl(source):
        key = row.get("id") or row.get("article_id")
        if key is not None:
            texts[article_id_of(key)] = row.get("text") or ""
    return texts


def rehydrate_raw(rows: list[dict], source: str | Path) -> list[dict]:
    """detik-raw rows → guideline rows: text = raw[raw_start:raw_end], checked against text_sha1."""
    raw = _source_texts(source)
    out = []
    for n, row in enumerate(rows, 1):
        aid = article_id_of(row.get("article") or row.get("article_id"))
        if aid not in raw:
            raise ValueError(f"gold row {n}: article {aid!r} not in source {source}")
        text = raw[aid][row["raw_start"]:row["raw_end"]]
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
        want = str(row.get("text_sha1", "")).lower()
        if not want or not digest.startswith(want):
            raise ValueError(
                f"gold row {n} ({aid} [{row['raw_start']}:{row['raw_end']}]): text_sha1 {want or '(missing)'} "
                f"does not match the source text (sha1 {digest}, text {text[:60]!r}); the source changed or the "
                f"offsets are wrong"
            )
        g = {k: v for k, v in row.items() if k not in {"raw_start", "raw_end", "text_sha1"}}
        g["text"] = text
        out.append(g)
    return out


def load_gold(path: str | Path, fmt: str = "auto", source: str | Path | None = None) -> list[dict]:
    """Gold rows as dicts with article_id, text, quote_type, … (record and pfsa rows also carry start/end)."""
    if fmt == "auto":
        fmt = detect_format(path)
    if fmt == "pfsa":
        from corpus.pfsa import read_pfsa

        return [dict(s) for a in read_pfsa(path) for s in a.statements]
    rows = read_jsonl(path)
    if fmt == "record":
        return [{**r, "article_id": article_id_of(r["article_id"])} for r in rows]
    if fmt == "guideline":
        return from_guideline(rows)
    if fmt == "detik-raw":
        if source is None:
            raise ValueError("detik-raw gold needs the source JSONL (--source data/detik/articles.jsonl)")
        return from_guideline(rehydrate_raw(rows, source))
    raise ValueError(f"unknown gold format {fmt!r}")


def load_predictions(path: str | Path) -> list[dict]:
    return [{**r, "article_id": article_id_of(r["article_id"])} for r in read_jsonl(path)]


def load_texts(path: str | Path) -> dict[str, str]:
    """article_id → text from an articles JSONL (article_id or id + text) or a folder of .txt files."""
    path = Path(path)
    if path.is_dir():
        return {p.stem: p.read_text(encoding="utf-8") for p in sorted(path.glob("*.txt"))}
    return _source_texts(path)


def pfsa_texts(path: str | Path) -> dict[str, str]:
    from corpus.pfsa import read_pfsa

    return {a.article_id: a.text for a in read_pfsa(path)}


# ----------------------------------------------------------------------------------------------- locating
_GLUED = re.compile(r"(?<=[.,;:!?])(?=[^\W\d_])")


def locate(text: str, span: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Offsets of the `occurrence`-th (1-based, non-overlapping) match of `span` in `text`, where any run of
    whitespace in the span matches any run of whitespace in the text. None when not found."""
    # Cleaning removes soft hyphens and puts a space into glued sentences ("siswa.Namun" → "siswa. Namun"); gold
    # taken from the raw text must still be found, so a punctuation mark glued to a letter may gain a space.
    words = span.replace("\xad", "").split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(r"\s*".join(map(re.escape, _GLUED.split(w))) for w in words))
    for n, m in enumerate(pattern.finditer(text), 1):
        if n == occurrence:
            return m.start(), m.end()
    return None


def resolve_gold(gold: list[dict], texts: dict[str, str]) -> tuple[list[dict], list[dict]]:
    """(located, unlocated). A located gold has start/end into texts[article_id]. Record gold whose offsets
    still fit the text is kept; otherwise every gold is searched by its text (whitespace-insensitive)."""
    located, unlocated = [], []
    for g in gold:
        aid = g["article_id"]
        text = texts.get(aid)
        if text is None:
            unlocated.append({**g, "reason": "article not in the evaluated texts"})
            continue
        s, e = g.get("start"), g.get("end")
        if isinstance(s, int) and isinstance(e, int) and text[s:e] == g.get("text", text[s:e]) and e > s:
            located.append(g)
            continue
        pos = locate(text, g.get("text") or "", int(g.get("occurrence") or 1))
        if pos is None:
            unlocated.append({**g, "reason": "text not found"})
        else:
            located.append({**g, "start": pos[0], "end": pos[1]})
    return located, unlocated


# ----------------------------------------------------------------------------------------------- matching
def word_index(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the \\w+ tokens of an article, for `covered`."""
    starts, ends = [], []
    for m in WORD.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def covered(index: tuple[list[int], list[int]], start: int, end: int) -> frozenset[int]:
    """Indices of the word tokens that overlap [start, end)."""
    starts, ends = index
    lo = bisect.bisect_right(ends, start)  # first token ending after start
    hi = bisect.bisect_left(starts, end)  # tokens starting before end
    return frozenset(range(lo, hi))


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def greedy_match(gold_words: list[frozenset], pred_words: list[frozenset]) -> list[tuple[int, int, float]]:
    """One-to-one pairs (gold index, predicted index, overlap) chosen greedily by descending overlap (ties: lower
    gold, then lower predicted index); only pairs with overlap > 0."""
    pairs = [(jaccard(g, p), gi, pi) for gi, g in enumerate(gold_words) for pi, p in enumerate(pred_words)]
    pairs = sorted((x for x in pairs if x[0] > 0), key=lambda x: (-x[0], x[1], x[2]))
    used_g, used_p, out = set(), set(), []
    for score, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi, score))
    return out


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without leading/trailing whitespace: what `exact` compares."""
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def prf(matched: int, n_gold: int, n_pred: int) -> dict:
    p = matched / n_pred if n_pred else 0.0
    r = matched / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "gold": n_gold, "predicted": n_pred, "matched": matched}


def _valid(p: dict, text: str) -> bool:
    s, e = p.get("start"), p.get("end")
    return isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)


def match_article(gold: list[dict], pred: list[dict], text: str, threshold: float = THRESHOLD) -> dict:
    """Pairs at overlap ≥ threshold and exact pairs for one article's gold and predictions."""
    index = word_index(text)
    gw = [covered(index, g["start"], g["end"]) for g in gold]
    pw = [covered(index, p["start"], p["end"]) if _valid(p, text) else frozenset() for p in pred]
    pairs = [(gi, pi, s) for gi, pi, s in greedy_match(gw, pw) if s >= threshold]
    pred_exact = {}
    for pi, p in enumerate(pred):
        if _valid(p, text):
            pred_exact.setdefault(trimmed(text, p["start"], p["end"]), pi)
    exact, used = [], set()
    for gi, g in enumerate(gold):
        pi = pred_exact.get(trimmed(text, g["start"], g["end"]))
        if pi is not None and pi not in used:
            used.add(pi)
            exact.append((gi, pi))
    return {"pairs": pairs, "exact": exact}


# ------------------------------------------------------------------------------------- speaker and roles
def name_tokens(name: str | None) -> set[str]:
    return set(WORD.findall(name.casefold())) if name else set()


def speaker_match(gold: str | None, pred: str | None) -> bool:
    """True when both are null, or when every token of the shorter name (casefolded, punctuation removed) occurs
    in the longer: "Tito" ~ "Tito Karnavian"."""
    g, p = name_tokens(gold), name_tokens(pred)
    if not g and not p:
        return True
    if not g or not p:
        return False
    short, long_ = (g, p) if len(g) <= len(p) else (p, g)
    return short <= long_


def is_clitic_or_pronoun(g: dict) -> bool:
    """Gold attributed through a clitic cue (ujarnya, katanya, …, or speaker_mention equal to the cue) or a
    pronoun (dia, ia, beliau, mereka, -nya in menurutnya). The same rule serves PFSA gold: its "coref" source
    is mostly short names ("kata Risma"), which are not the hard case this slice is about."""
    mention = (g.get("speaker_mention") or "").strip().casefold()
    cue = (g.get("cue") or "").strip().casefold()
    cue_words = cue.split()
    if mention and mention == cue:
        return True
    if mention in CLITIC_CUES or mention in PRONOUNS:
        return True
    return any(w in CLITIC_CUES or w == "menurutnya" for w in cue_words)


def accuracy(correct: int, n: int) -> dict:
    return {"n": n, "correct": correct, "accuracy": correct / n if n else None}


# ------------------------------------------------------------------------------------------------ evaluate
def _by_article(rows: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r["article_id"], []).append(r)
    return out


def _score(gold: list[dict], pred: list[dict], texts: dict[str, str], n_unlocated: int, threshold: float):
    """prf at overlap and exact plus the matched (gold, pred) pairs, over all articles."""
    g_by, p_by = _by_article(gold), _by_article(pred)
    matched, exact, pairs = 0, 0, []
    for aid, gs in g_by.items():
        ps = p_by.get(aid, [])
        if not ps:
            continue
        res = match_article(gs, ps, texts[aid], threshold)
        matched += len(res["pairs"])
        exact += len(res["exact"])
        pairs += [(gs[gi], ps[pi], s) for gi, pi, s in res["pairs"]]
    n_gold = len(gold) + n_unlocated
    return {"overlap": prf(matched, n_gold, len(pred)), "exact": prf(exact, n_gold, len(pred))}, pairs


def evaluate(gold: list[dict], predicted: list[dict], texts: dict[str, str], threshold: float = THRESHOLD,
             scope: set[str] | None = None) -> dict:
    """Score `predicted` against `gold` on the evaluated `texts` (article_id → normalised text).

    Scope: predictions are scored only on the articles of the gold set (`scope`, default: every article_id in
    `gold`); others are counted in counts.out_of_scope_predictions. Unlocated gold counts as a false negative."""
    scope = {g["article_id"] for g in gold} if scope is None else set(scope)
    located, unlocated = resolve_gold(gold, texts)
    in_scope = [p for p in predicted if p.get("article_id") in scope and p.get("article_id") in texts]
    report: dict = {
        "threshold": threshold,
        "counts": {
            "gold": len(gold),
            "gold_located": len(located),
            "unlocated": len(unlocated),
            "predicted": len(in_scope),
            "out_of_scope_predictions": len(predicted) - len(in_scope),
            "articles": len(scope),
        },
        "scores": {},
    }
    all_scores, pairs = _score(located, in_scope, texts, len(unlocated), threshold)
    report["scores"]["all"] = all_scores
    for qt in QUOTE_TYPES:
        g = [x for x in located if x.get("quote_type") == qt]
        p = [x for x in in_scope if x.get("quote_type") == qt]
        n_unloc = sum(1 for x in unlocated if x.get("quote_type") == qt)
        report["scores"][qt], _ = _score(g, p, texts, n_unloc, threshold)

    # PFSA gold whose speaker could not be derived from the tags (speaker_source None) says nothing about
    # our attribution; it is counted apart instead of scored as a miss.
    def underived_gold(g: dict) -> bool:
        return "speaker_source" in g and (g["speaker_source"] is None or g.get("speaker") is None)

    underived = [(g, p) for g, p, _ in pairs if underived_gold(g)]
    spk = [(speaker_match(g.get("speaker"), p.get("speaker")), is_clitic_or_pronoun(g)) for g, p, _ in pairs
           if not underived_gold(g)]
    report["counts"]["gold_speaker_underived"] = len(underived)
    report["speaker"] = {
        "all": accuracy(sum(ok for ok, _ in spk), len(spk)),
        "clitic_pronoun": accuracy(sum(ok for ok, c in spk if c), sum(1 for _, c in spk if c)),
        "other": accuracy(sum(ok for ok, c in spk if not c), sum(1 for _, c in spk if not c)),
    }
    roles = [g.get("role_category") == p.get("role_category") for g, p, _ in pairs if g.get("role_category")]
    report["role_category"] = accuracy(sum(roles), len(roles))
    report["unlocated"] = [
        {k: u.get(k) for k in ("article_id", "quote_type", "occurrence", "reason")} | {"text": u.get("text")}
        for u in unlocated
    ]
    return report


def run_evaluation(gold_path: str | Path, pred_path: str | Path, texts: dict[str, str] | None = None,
                   fmt: str = "auto", source: str | Path | None = None) -> dict:
    """What the CLI calls. For PFSA gold, texts may be None: the articles come from the CoNLL file itself; every
    annotated PFSA article is in scope (also those without a statement)."""
    if fmt == "auto":
        fmt = detect_format(gold_path)
    scope = None
    if fmt == "pfsa":
        from corpus.pfsa import read_pfsa

        articles = read_pfsa(gold_path)
        gold = [dict(s) for a in articles for s in a.statements]
        scope = {a.article_id for a in articles if a.annotated}  # an all-O article has no gold to score against
        if texts is None:
            texts = {a.article_id: a.text for a in articles}
    else:
        gold = load_gold(gold_path, fmt, source)
    if texts is None:
        raise ValueError("texts (the evaluated article texts) are required for this gold format")
    report = evaluate(gold, load_predictions(pred_path), texts, scope=scope)
    report["gold_path"], report["pred_path"], report["format"] = str(gold_path), str(pred_path), fmt
    return report


# ------------------------------------------------------------------------------------------------- report
def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def format_report(report: dict) -> str:
    """A plain-text table of the report."""
    c = report["counts"]
    lines = [
        f"gold {c['gold']} (located {c['gold_located']}, unlocated {c['unlocated']}), predicted {c['predicted']}"
        f" in {c['articles']} articles (out of scope: {c['out_of_scope_predictions']})",
        "",
        f"{'slice':<10}{'match':<12}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}{'pred':>7}{'match':>7}",
    ]
    for name, by in report["scores"].items():
        for kind, label in (("overlap", f"≥{report['threshold']:g}"), ("exact", "exact")):
            s = by[kind]
            lines.append(f"{name:<10}{label:<12}{_pct(s['precision']):>8}{_pct(s['recall']):>8}"
                         f"{_pct(s['f1']):>8}{s['gold']:>7}{s['predicted']:>7}{s['matched']:>7}")
    lines.append("")
    lines.append("on matched pairs (overlap ≥ threshold):")
    for name, a in report["speaker"].items():
        lines.append(f"  speaker {name:<16}{_pct(a['accuracy'])}  ({a['correct']}/{a['n']})")
    a = report["role_category"]
    lines.append(f"  role_category{'':<12}{_pct(a['accuracy'])}  ({a['correct']}/{a['n']})")
    if report.get("unlocated"):
        lines.append("")
        lines.append(f"unlocated gold ({len(report['unlocated'])}):")
        for u in report["unlocated"]:
            occ = f" #{u['occurrence']}" if u.get("occurrence") else ""
            lines.append(f"  {u['article_id']}{occ} [{u.get('quote_type')}] {u.get('reason')}: {(u.get('text') or '')[:80]!r}")
    return "\n".join(lines)
