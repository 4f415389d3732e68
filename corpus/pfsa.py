"""Reader for the PFSA-ID corpus (Kompas news, BILOU CoNLL, one `token<TAB>tag` per line, blank line between
sentences) that turns it into plain-text articles with gold DIRECT-quote statement records.

What the file looks like and the rules used here are written up, with the numbers measured on dev-40, in
docs/evaluation.md. In short:

* Articles: the file has no document separator. An article starts at every dateline sentence
  (`JAKARTA , KOMPAS — …`, `KOMPAS , BANYUWANGI — …`); an article without a dateline is found by its ISSUE span
  (one per article: the README counts 1018 ISSUE for 1018 articles) and starts at its ISSUE sentence.
* Text: tokens are detokenised with Indonesian news spacing (`detokenize`), sentences joined by one space.
* Gold span: the STATEMENT tokens without the surrounding quote marks and without the comma before the closing
  mark; speaker from the CUE / CUECOREF next to the quote (`_speaker_for`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from corpus.schema import statement_id

DOUBLE_QUOTES = {"”", '"', "“"}
SINGLE_QUOTES = {"’", "'", "‘"}
QUOTE_CHARS = "”“\"’‘'"
ALWAYS_OPEN = {"“", "‘"}
CLOSING_PUNCT = {",", ".", ";", ":", "!", "?", ")", "]", "…", "...", "...."}
OPENING_BRACKETS = {"(", "["}
JOINING = {"/"}  # written without spaces on either side: 13/4/2020, HIV/AIDS
DASHES = {"-", "—", "–"}
_WORDISH = re.compile(r"\w")

_DATELINE = re.compile(r"^(?:(?:[A-Z][A-Z.'’]*\s)+,\sKOMPAS|KOMPAS\s,\s(?:[A-Z][A-Z.'’]*\s)+)\s?[—–-]")


@dataclass(slots=True)
class Token:
    text: str
    tag: str  # O, or B-/I-/L-/U-LABEL


@dataclass(slots=True)
class PfsaArticle:
    article_id: str
    text: str
    statements: list[dict] = field(default_factory=list)
    start_rule: str = "dateline"  # dateline | issue | file_start: how the article's first sentence was found
    n_sentences: int = 0
    annotated: bool = True  # False when every token is O (an article the annotators skipped)


# ---------------------------------------------------------------------------------------------- reading
def read_sentences(path: str | Path) -> list[list[Token]]:
    """The CoNLL file as sentences of tokens. Lines without a tab are an error (reported with the line number)."""
    sentences: list[list[Token]] = []
    current: list[Token] = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if current:
                    sentences.append(current)
                    current = []
                continue
            parts = line.split("\t")
            if len(parts) != 2:
                raise ValueError(f"{path}:{lineno}: expected 'token<TAB>tag', got {line!r}")
            current.append(Token(parts[0], parts[1]))
    if current:
        sentences.append(current)
    return sentences


def bilou_spans(tags: list[str]) -> list[tuple[str, int, int]]:
    """(label, first, last) for every BILOU span, inclusive token indices. A stray I-/L- without its B- starts
    a span so nothing is lost."""
    spans: list[tuple[str, int, int]] = []
    start: int | None = None
    label: str | None = None
    for i, tag in enumerate(tags):
        prefix, _, lab = tag.partition("-")
        if prefix == "U":
            spans.append((lab, i, i))
            start = label = None
        elif prefix == "B" or (prefix in {"I", "L"} and label != lab):
            start, label = i, lab
            if prefix == "L":
                spans.append((lab, i, i))
                start = label = None
        elif prefix == "L":
            spans.append((lab, start if start is not None else i, i))
            start = label = None
        elif prefix == "O":
            start = label = None
    return spans


# ------------------------------------------------------------------------------------- article splitting
def is_dateline(sentence: list[Token]) -> bool:
    head = " ".join(t.text for t in sentence[:8])
    return bool(_DATELINE.match(head))


def article_starts(sentences: list[list[Token]]) -> list[tuple[int, str]]:
    """(first sentence index, rule) for every article, in order. Every dateline sentence starts an article
    ("dateline"); an ISSUE span with no dateline between the previous ISSUE's sentence (exclusive) and its own
    sentence (inclusive) starts one at its ISSUE sentence ("issue"). The first article starts at sentence 0."""
    issue_sents = [i for i, s in enumerate(sentences) if any(t.tag in ("B-ISSUE", "U-ISSUE") for t in s)]
    starts = {i: "dateline" for i, s in enumerate(sentences) if is_dateline(s)}
    prev_issue = -1
    for issue in issue_sents:
        if not any(prev_issue < d <= issue for d in starts if starts[d] == "dateline"):
            starts.setdefault(issue, "issue")
        prev_issue = issue
    if sentences and 0 not in starts:
        first = min(starts) if starts else None
        if first is not None and starts[first] == "issue":
            del starts[first]  # the opening article: its ISSUE is not its first sentence
        starts[0] = "file_start"
    return sorted(starts.items())


# ------------------------------------------------------------------------------------------ detokenising
def _quote_role(tok: Token, dq_open: bool, sq_open: bool) -> str | None:
    """'open', 'close' or None (not a standalone quote mark). Tags settle the ambiguous ” when they can: the
    STATEMENT's B- token opens, its L- token closes; otherwise the quote state toggles."""
    t = tok.text
    if t in ALWAYS_OPEN:
        return "open"
    if t in {"”", '"'}:
        if tok.tag in ("B-STATEMENT",):
            return "open"
        if tok.tag == "L-STATEMENT":
            return "close"
        return "close" if dq_open else "open"
    if t in {"’", "'"}:
        return "close" if sq_open else "open"
    return None


def detokenize(tokens: list[Token], sentence_starts: set[int] | frozenset = frozenset()) -> tuple[str, list[tuple[int, int]]]:
    """Plain text and the (start, end) character offsets of every token.

    Spacing: one space between tokens except: none before , . ; : ! ? ) ] … or a closing quote mark; none after
    ( [ or an opening quote mark; none around / ; a lone - between two word tokens joins them (Covid - 19 ->
    Covid-19) except right after KOMPAS in a dateline; tokens glued to a leading quote (”Di) open a quote;
    tokens such as ’s and -nya attach to the previous token. ” and " open or close by the quote state (tags
    override, see `_quote_role`), ’ and ' likewise with a separate single-quote state. `sentence_starts` are
    token indices where a new sentence starts; they get the same single space (no paragraph evidence in PFSA).
    """
    out: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    dq_open = sq_open = False
    glue_next = True  # no space before the next token
    for i, tok in enumerate(tokens):
        t = tok.text
        role = _quote_role(tok, dq_open, sq_open)
        glue = glue_next
        glue_after = False
        if role is not None:
            if t in DOUBLE_QUOTES:
                dq_open = role == "open"
            else:
                sq_open = role == "open"
            if role == "close":
                glue = True
            else:
                glue_after = True
        elif t in CLOSING_PUNCT:
            glue = True
        elif t in OPENING_BRACKETS:
            glue_after = True
        elif t in JOINING:
            glue = glue_after = True
        elif t == "-":
            prev = tokens[i - 1].text if i else ""
            nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
            if (
                i not in sentence_starts
                and _WORDISH.search(prev[-1:] or "")
                and _WORDISH.match(nxt)
                and prev != "KOMPAS"
                and (i + 1) not in sentence_starts
            ):
                glue = glue_after = True
        elif len(t) > 1 and t[0] in "”“\"" and _WORDISH.match(t[1]):
            dq_open = True  # ”Di: an opening quote glued to its word
        elif len(t) > 1 and (t[0] in "’'" or t.startswith("-")) and _WORDISH.match(t[1]):
            glue = True  # ’s, -nya
        if out and not glue:
            out.append(" ")
            pos += 1
        out.append(t)
        offsets.append((pos, pos + len(t)))
        pos += len(t)
        glue_next = glue_after
    return "".join(out), offsets


# ------------------------------------------------------------------------------------ gold statements
def _strip_span(tokens: list[Token], a: int, b: int, offsets: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Character span of STATEMENT tokens a..b without the quote marks and the comma before the closing mark.
    None when the span has no quote mark at all (a mis-tag, not a direct quote)."""
    if not any(any(c in QUOTE_CHARS for c in tokens[k].text) for k in range(a, b + 1)):
        return None
    quote_idx = [k for k in range(a, b + 1) if tokens[k].text in DOUBLE_QUOTES | SINGLE_QUOTES]
    if quote_idx and quote_idx[-1] != b and tokens[a].text in DOUBLE_QUOTES and quote_idx[-1] > a:
        b = quote_idx[-1]  # the span ran past its closing mark ("… Buddha ” tutur"): cut at the mark
    start_char = None
    while a <= b:
        t = tokens[a].text
        if t in DOUBLE_QUOTES | SINGLE_QUOTES:
            a += 1
            continue
        lead = len(t) - len(t.lstrip(QUOTE_CHARS))
        start_char = offsets[a][0] + lead
        break
    while b >= a and (tokens[b].text in DOUBLE_QUOTES | SINGLE_QUOTES or tokens[b].text == ","):
        b -= 1
    if a > b or start_char is None:
        return None
    return start_char, offsets[b][1]


def _tokens_of(name: str) -> set[str]:
    return set(re.findall(r"\w+", name.casefold()))


def _canonical(name: str, persons: list[str]) -> str:
    """The fullest PERSON in the article that contains every word of `name` (guideline: fullest name)."""
    words = _tokens_of(name)
    best = name
    for p in persons:
        if words and words <= _tokens_of(p) and len(p) > len(best):
            best = p
    return best


def _speaker_for(stmt: tuple[int, int], ents: list[tuple[str, int, int]], sent_of: list[int],
                 inside_statement: list[bool], text_of) -> dict:
    """Speaker fields for the statement covering tokens stmt[0]..stmt[1] (article token indices)."""
    a, b = stmt
    s_first, s_last = sent_of[a], sent_of[b]
    result = {"cue": None, "speaker": None, "speaker_mention": None, "speaker_source": None}

    def dist(span):
        _, x, y = span
        return (a - y, 1) if y < a else (x - b, 0)  # prefer a cue after the quote on ties

    cues = [e for e in ents if e[0] in ("CUE", "CUECOREF") and not inside_statement[e[1]]
            and s_first - 1 <= sent_of[e[1]] <= s_last + 1 and (e[2] < a or e[1] > b)]
    if not cues:
        return result
    cue = min(cues, key=dist)
    result["cue"] = text_of(cue)
    persons = [e for e in ents if e[0] == "PERSON"]

    def last_person_before(idx: int):
        before = [p for p in persons if p[2] < idx]
        return before[-1] if before else None

    if cue[0] == "CUECOREF":
        p = last_person_before(cue[1])
        result.update(speaker_mention=result["cue"], speaker_source="coref",
                      speaker=text_of(p) if p else None)
        return result
    cs = sent_of[cue[1]]
    mentions = [e for e in ents if e[0] in ("PERSON", "PERSONCOREF") and not inside_statement[e[1]]
                and cs - 1 <= sent_of[e[1]] <= cs + 1]
    if not mentions:
        return result

    def cue_dist(span):
        _, x, y = span
        return (cue[1] - y, 1) if y < cue[1] else (x - cue[2], 0)

    m = min(mentions, key=cue_dist)
    mention = text_of(m)
    result["speaker_mention"] = mention
    if m[0] == "PERSON":
        result.update(speaker=mention, speaker_source="person_near_cue")
        return result
    # PERSONCOREF ("Presiden", "dia", a surname): the last earlier PERSON containing its words, else a later
    # one containing them, else the last PERSON before it
    words = _tokens_of(mention)
    named = [p for p in persons if words and words <= _tokens_of(text_of(p))]
    earlier = [p for p in named if p[2] < m[1]]
    p = earlier[-1] if earlier else named[0] if named else last_person_before(m[1])
    result.update(speaker_source="coref", speaker=text_of(p) if p else None)
    return result


def build_article(article_id: str, sentences: list[list[Token]], start_rule: str = "dateline") -> PfsaArticle:
    tokens = [t for s in sentences for t in s]
    sent_of = [si for si, s in enumerate(sentences) for _ in s]
    starts, n = set(), 0
    for s in sentences:
        starts.add(n)
        n += len(s)
    text, offsets = detokenize(tokens, frozenset(starts))
    ents = bilou_spans([t.tag for t in tokens])
    inside = [False] * len(tokens)
    for lab, x, y in ents:
        if lab == "STATEMENT":
            for k in range(x, y + 1):
                inside[k] = True

    def text_of(span) -> str:
        return text[offsets[span[1]][0]:offsets[span[2]][1]]

    person_names = [text_of(e) for e in ents if e[0] == "PERSON"]
    records: list[dict] = []
    for lab, x, y in ents:
        if lab != "STATEMENT":
            continue
        chars = _strip_span(tokens, x, y, offsets)
        if chars is None:
            continue
        start, end = chars
        span_text = text[start:end]
        spk = _speaker_for((x, y), ents, sent_of, inside, text_of)
        if spk["speaker"]:
            spk["speaker"] = _canonical(spk["speaker"], person_names)
        records.append({
            "statement_id": statement_id(article_id, start, end, span_text),
            "article_id": article_id,
            "start": start,
            "end": end,
            "text": span_text,
            "quote_type": "direct",
            **spk,
            "role": None,
            "role_category": None,
            "sentence": sent_of[x],
        })
    annotated = any(t.tag != "O" for t in tokens)
    return PfsaArticle(article_id, text, records, start_rule, len(sentences), annotated)


def read_pfsa(path: str | Path, prefix: str | None = None) -> list[PfsaArticle]:
    """Articles of a PFSA-ID CoNLL file with their gold direct-quote statements. Ids are `{prefix}-0001`…;
    the prefix defaults to `pfsa-` plus the file stem's first part (dev-40.txt -> pfsa-dev)."""
    path = Path(path)
    if prefix is None:
        prefix = "pfsa-" + path.stem.split("-")[0]
    sentences = read_sentences(path)
    starts = article_starts(sentences)
    articles = []
    for k, (first, rule) in enumerate(starts):
        last = starts[k + 1][0] if k + 1 < len(starts) else len(sentences)
        articles.append(build_article(f"{prefix}-{k + 1:04d}", sentences[first:last], rule))
    return articles
