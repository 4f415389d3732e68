"""Indonesian tokenizer fixes and a rule sentencizer for news text, on top of spaCy's blank("id").

Measured failures of the stock pipeline are listed in shared/notes/indonesian-nlp-offline.md;
scripts/eval_sentences.py scores sentence boundaries on UD Indonesian and times the pipeline.
"""
from __future__ import annotations

import re

import numpy as np
import spacy
from spacy.attrs import IDX, SENT_START
from spacy.lang.char_classes import ALPHA, HYPHENS
from spacy.language import Language
from spacy.lang.id.punctuation import TOKENIZER_INFIXES
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex

# Abbreviations that precede a name, place or number, so a following capital never starts a sentence.
TITLE_ABBREVIATIONS = frozenset(
    """Ir Jl Jln Gg Kp Kec Kab Kel Ds Prov Pj Pjs Plt PT CV Prof Dr dr drg Drs Dra H Hj KH St Sdr Sdri
    Bpk Ny Tn Nn Mr Mrs Ms Rev Tb Yth Moh Muh Moch Ust Pdt Mgr Kol Pol Capt Eng No Nomor Rp Tel Telp Hal JL
    Pte a.n u.p s.d""".split()
)
# Abbreviations that may end a sentence ("… PT Antam Tbk. Perusahaan itu …"): one token, no veto.
CLOSING_ABBREVIATIONS = ("Tbk", "dll", "dsb", "dst", "dkk", "Bhd", "Ltd", "Co", "Inc", "Corp")

# The stock rules split every hyphen; Indonesian writes Covid-19, e-KTP, non-ASN, ke-40 as one word.
# Ranges between numbers (30-35) and dashes (—, –) still split.
_DROPPED_INFIXES = {
    r"(?<=[{a}])(?:{h})(?=[{a}])".format(a=ALPHA, h=HYPHENS),
    r"(?<=[{a}])-(?=[0-9])".format(a=ALPHA),
    r"(?<=[0-9])-(?=[{a}])".format(a=ALPHA),
}
_EXTRA_INFIXES = [
    r"(?<=[{a}])[–—](?=[{a}])".format(a=ALPHA),
    # A closing quote glued to the speech verb: `(Dukcapil),”kata`, `WFH,”ujar`.
    r"[)\]](?=[,.!?]+[\"”’])",
    r"(?<=[{a}0-9)\]])[,.!?]+(?=[\"”’])".format(a=ALPHA),
    r"(?<=[,.!?])[\"”’](?=[{a}])".format(a=ALPHA),
    # `solusi".Ia`: the quote before the glued full stop.
    r"(?<=[{a}])[\"”’](?=[.,!?])".format(a=ALPHA),
    # `publik.(net)`: source tag glued to the last sentence.
    r"(?<=[{a}])\.(?=\()".format(a=ALPHA),
    r"(?<=\.)\((?=[{a}])".format(a=ALPHA),
]
# The stock `letter[/-](currency|letter)` rule keeps only its slash.
_INFIXES = [p.replace(r"[\/-]", r"\/") for p in TOKENIZER_INFIXES if p not in _DROPPED_INFIXES]
_INFIXES += _EXTRA_INFIXES

# One pass of one regex over doc.text finds candidate sentence starts: far cheaper than a per-token
# loop. Every branch starts with one of a few characters, so the regex engine skips ahead quickly.
_UPPER = "A-Z0-9À-ÖØ-Þ"
_BOUNDARY = re.compile(
    r"(?P<stop>[\n.!?…])(?:"
    # Line and paragraph breaks always end a sentence.
    r"(?<=\n)\s*(?=\S)"
    # Final punctuation plus any closing quote/bracket, a space, then a capital or an opening quote:
    # `kata X,” ujar` and `?” tanya X` never match because a comma or lower case follows.
    rf"|(?<!\n)(?P<more>[.!?…]*)(?:[\"”’'»)\]]*[ \t\u00a0]+(?=[\"“”‘’'«]?[{_UPPER}])"
    # No space after the full stop: `akhir.Ia`, `solusi".Ia`.
    r"|(?P<glued>[”’]?)(?=[\"“]?[A-Z][a-z])))"
)
_TEXT_KEY = "wacana_text"
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Za-z]|[0-9]{1,2}")
_OPENERS = "\"“‘'«(["
_QUOTES = "\"”’"


def _vetoed(text: str, end: int) -> bool:
    """Is the full stop at text[end] part of an abbreviation, an initial or a list number?"""
    start = max(text.rfind(" ", 0, end), text.rfind("\n", 0, end), text.rfind("\t", 0, end)) + 1
    word = text[start:end].lstrip(_OPENERS)
    if word in TITLE_ABBREVIATIONS:
        return True
    # "H. Ahmad", "M. Nuh", "H.M. Prasetyo", list items "a." and "1." (digits only at a line start).
    if _INITIALS.fullmatch(word):
        return not word.isdigit() or start == 0 or text[start - 1] == "\n"
    return False


def _glued_ok(text: str, i: int) -> bool:
    """A glued stop needs a lower-case word before it, so `M.Si`, `Ph.D` and initials never split."""
    if i and text[i - 1] in _QUOTES:
        i -= 1
    return i >= 2 and text[i - 2 : i].isalpha() and text[i - 2 : i].islower()


def sentence_starts(text: str) -> list[int]:
    """Character offsets where a new sentence starts (never 0)."""
    lead = len(text) - len(text.lstrip())
    starts = []
    for m in _BOUNDARY.finditer(text):
        s = m.start()
        if m.group("glued") is not None and not _glued_ok(text, s):
            continue
        if m.group("stop") == "." and not m.group("more") and _vetoed(text, s):
            continue
        if m.end() > lead:
            starts.append(m.end())
    return starts


class _TextKeepingTokenizer(Tokenizer):
    """Keeps the input string on the Doc: rebuilding `doc.text` from tokens costs more than the whole
    sentencizer."""

    def __call__(self, text: str) -> Doc:
        doc = super().__call__(text)
        doc.user_data[_TEXT_KEY] = text
        return doc


def _doc_text(doc: Doc) -> str:
    text = doc.user_data.get(_TEXT_KEY)
    if not len(doc):
        return doc.text
    last = doc[-1]
    if text is None or len(text) != last.idx + len(last.text_with_ws):
        return doc.text  # a Doc built elsewhere, or edited since tokenisation
    return text


@Language.component("wacana_sentencizer_v1")
def wacana_sentencizer(doc: Doc) -> Doc:
    if not len(doc):
        return doc
    idx = doc.to_array(IDX).astype(np.int64)
    starts = np.asarray(sentence_starts(_doc_text(doc)), dtype=np.int64)
    pos = np.searchsorted(idx, starts)
    keep = pos < len(idx)
    # Only offsets that fall exactly on a token start count: a mid-token offset means the tokenizer
    # disagrees, and guessing would create odd sentences.
    pos = pos[keep][idx[pos[keep]] == starts[keep]]
    flags = np.full(len(doc), -1, dtype=np.int64)
    flags[0] = 1
    flags[pos] = 1
    doc.from_array([SENT_START], flags.astype(np.uint64))
    return doc


def anchored_prefix_search(prefixes):
    """The stock prefix rules, matched at position 0 only.

    spaCy compiles prefixes as `^a|^b|…` and calls `.search`, which tries every position of the string
    although `^` can only hold at the first: half of blank("id")'s tokenisation time on news text.
    `.match` gives the same result, except that spaCy's one unanchored branch (`<a …>` after a `|` inside
    an HTML piece) no longer fires mid-token, where it cut a prefix of the wrong length.
    """
    return compile_prefix_regex(prefixes).match


def make_nlp() -> Language:
    """blank("id") with the tokenizer fixes and the `wacana_sentencizer_v1` component."""
    nlp = spacy.blank("id")
    stock = nlp.tokenizer
    nlp.tokenizer = _TextKeepingTokenizer(
        nlp.vocab,
        rules=stock.rules,
        prefix_search=anchored_prefix_search(nlp.Defaults.prefixes),
        suffix_search=stock.suffix_search,
        infix_finditer=compile_infix_regex(_INFIXES).finditer,
        token_match=stock.token_match,
        url_match=stock.url_match,
    )
    for abbr in (*TITLE_ABBREVIATIONS, *CLOSING_ABBREVIATIONS):
        nlp.tokenizer.add_special_case(abbr + ".", [{"ORTH": abbr + "."}])
    nlp.add_pipe("wacana_sentencizer_v1")
    return nlp


def sentence_spans(doc: Doc, arrays: np.ndarray | None = None) -> list[tuple[int, int]]:
    """(start, end) character offsets of each sentence, without surrounding whitespace. `arrays` may carry
    `doc.to_array([IDX, SENT_START])` when the caller has it already."""
    text = _doc_text(doc)
    spans = []
    if not len(doc):
        return spans
    # char offsets straight from the token array: iterating doc.sents builds a Span per sentence
    if arrays is None:
        arrays = doc.to_array([IDX, SENT_START])
    idx, flags = arrays[:, 0], arrays[:, 1].astype(np.int64)
    starts = idx[flags == 1].tolist()
    bounds = list(zip(starts, starts[1:] + [len(text)]))
    for s, e in bounds:
        chunk = text[s:e]
        stripped = chunk.strip()
        if stripped:
            s += len(chunk) - len(chunk.lstrip())
            spans.append((s, s + len(stripped)))
    return spans
