"""PFSA-ID reader: detokeniser, BILOU spans, article split, gold span and speaker derivation."""
from __future__ import annotations

import pytest

from corpus.pfsa import Token, article_starts, bilou_spans, build_article, detokenize, is_dateline, read_pfsa


def toks(spec: str) -> list[Token]:
    """'word/TAG word word/TAG' → tokens; a bare word is O."""
    out = []
    for item in spec.split():
        text, _, tag = item.rpartition("/") if "/" in item[1:] else (item, "", "O")
        out.append(Token(text, tag or "O"))
    return out


def detok(spec: str) -> str:
    return detokenize(toks(spec))[0]


@pytest.mark.parametrize(
    "spec, expected",
    [
        # Kompas ” opens and closes; the comma before the closing mark and a following cue
        ("” Saya minta , ” kata Presiden .", "”Saya minta,” kata Presiden."),
        # untagged ” toggles: first opens, second closes
        ("film berjudul ” Story of Kale ” yang", "film berjudul ”Story of Kale” yang"),
        ("bansos ( tunai ) langsung", "bansos (tunai) langsung"),
        ("wabah Covid - 19 .", "wabah Covid-19."),
        ("Senin ( 13 / 04 / 2020 ) .", "Senin (13/04/2020)."),
        ("JAKARTA , KOMPAS - PT PLN", "JAKARTA, KOMPAS - PT PLN"),
        ("JAKARTA , KOMPAS — Presiden", "JAKARTA, KOMPAS — Presiden"),
        ("“ Ya ? ” tanya dia ; lalu : pergi !", "“Ya?” tanya dia; lalu: pergi!"),
        ("hasil swab -nya keluar", "hasil swab-nya keluar"),
        ("Jack Ma ’s company", "Jack Ma’s company"),
        ("” pakai sistem ’ satu orang ’ , ” ujar", "”pakai sistem ’satu orang’,” ujar"),
        (". ”Di semua masjid", ". ”Di semua masjid"),
    ],
)
def test_detokenize(spec, expected):
    assert detok(spec) == expected


def test_detokenize_uses_statement_tags_over_quote_state():
    # a stray scare quote left the state "open"; the STATEMENT's B- still opens and its L- closes
    tokens = toks("kata ” dia . ”/B-STATEMENT Ya/I-STATEMENT ,/I-STATEMENT ”/L-STATEMENT ujarnya/U-CUECOREF")
    text, offsets = detokenize(tokens)
    assert text == "kata ”dia. ”Ya,” ujarnya"
    assert [text[s:e] for s, e in offsets] == [t.text for t in tokens]


def test_bilou_spans():
    tags = ["O", "B-PERSON", "L-PERSON", "U-CUE", "B-STATEMENT", "I-STATEMENT", "L-STATEMENT", "I-ROLE"]
    assert bilou_spans(tags) == [("PERSON", 1, 2), ("CUE", 3, 3), ("STATEMENT", 4, 6)]


def test_dateline():
    assert is_dateline(toks("TANGERANG SELATAN , KOMPAS — Upaya"))
    assert is_dateline(toks("KOMPAS , BANYUWANGI — Sekretaris"))
    assert is_dateline(toks("MANADO , KOMPAS – Sebanyak"))
    assert not is_dateline(toks("Wisata virtual ( Kompas , 13 / 9 / 2020 )"))


def test_article_starts_dateline_then_issue():
    sents = [
        toks("JAKARTA , KOMPAS — Berita/B-ISSUE satu/L-ISSUE ."),
        toks("Isi ."),
        toks("Lead fitur ."),
        toks("Isu/B-ISSUE dua/L-ISSUE ."),  # no dateline: starts at its ISSUE sentence
        toks("JAKARTA , KOMPAS — Pembuka ."),  # dateline before its ISSUE
        toks("Isu/U-ISSUE tiga ."),
        toks("BOGOR , KOMPAS — Artikel tanpa ISSUE ."),  # every dateline starts an article
        toks("Isi ."),
    ]
    assert article_starts(sents) == [(0, "dateline"), (3, "issue"), (4, "dateline"), (6, "dateline")]


def test_article_starts_without_leading_dateline():
    sents = [toks("Narasi pembuka ."), toks("Isu/U-ISSUE ."), toks("MANADO , KOMPAS — Isu/U-ISSUE .")]
    assert article_starts(sents) == [(0, "file_start"), (2, "dateline")]


def _article(spec_sentences: list[str]):
    return build_article("t-0001", [toks(s) for s in spec_sentences])


def test_span_strips_marks_and_comma_and_speaker_via_cue():
    art = _article([
        "Wali/B-ROLE Kota/L-ROLE Budi/B-PERSON Santoso/L-PERSON hadir .",
        "”/B-STATEMENT Kami/I-STATEMENT siap/I-STATEMENT ./I-STATEMENT "
        "Semua/I-STATEMENT jalan/I-STATEMENT ,/I-STATEMENT ”/L-STATEMENT kata/U-CUE Budi/U-PERSON .",
    ])
    assert art.text == "Wali Kota Budi Santoso hadir. ”Kami siap. Semua jalan,” kata Budi."
    (s,) = art.statements
    assert s["text"] == "Kami siap. Semua jalan" == art.text[s["start"]:s["end"]]
    assert (s["cue"], s["speaker_mention"], s["speaker_source"]) == ("kata", "Budi", "person_near_cue")
    assert s["speaker"] == "Budi Santoso"  # fullest PERSON containing the mention
    assert s["quote_type"] == "direct"


def test_speaker_via_cuecoref_is_last_person_before():
    art = _article([
        "Menurut Ani/U-PERSON , harga naik .",
        "Kata Rudi/B-PERSON Hartono/L-PERSON juga .",
        "”/B-STATEMENT Kami/I-STATEMENT tunggu/I-STATEMENT ./I-STATEMENT ”/L-STATEMENT",
        "Itu/B-STATEMENT saja/I-STATEMENT ,/I-STATEMENT ”/L-STATEMENT ujarnya/U-CUECOREF .",
    ])
    first, second = art.statements
    assert second["text"] == "Itu saja"
    assert (second["speaker"], second["speaker_mention"], second["speaker_source"]) == ("Rudi Hartono", "ujarnya", "coref")
    assert first["text"] == "Kami tunggu."  # final period inside the quote is kept
    assert first["cue"] == "ujarnya"  # the cue in the adjacent sentence


def test_speaker_via_personcoref_presiden():
    art = _article([
        "Presiden/B-ROLE Joko/B-PERSON Widodo/L-PERSON datang . Lalu Ani/U-PERSON bicara .",
        "”/B-STATEMENT Jalan/I-STATEMENT ,/I-STATEMENT ”/L-STATEMENT kata/U-CUE Presiden/U-PERSONCOREF .",
    ])
    (s,) = art.statements
    # the brief's rule: a non-name coref mention resolves to the last PERSON before it
    assert (s["speaker"], s["speaker_mention"], s["speaker_source"]) == ("Ani", "Presiden", "coref")


def test_surname_personcoref_resolves_to_named_person():
    art = _article([
        "Menteri Sri/B-PERSON Mulyani/I-PERSON Indrawati/L-PERSON datang . Lalu Ani/U-PERSON bicara .",
        "”/B-STATEMENT Cukup/I-STATEMENT ,/I-STATEMENT ”/L-STATEMENT ujar/U-CUE Sri/B-PERSONCOREF Mulyani/L-PERSONCOREF .",
    ])
    assert art.statements[0]["speaker"] == "Sri Mulyani Indrawati"


def test_mis_tagged_statement_without_quotes_is_dropped_and_overrun_is_cut():
    art = _article([
        "”/B-STATEMENT Oke/I-STATEMENT ,/I-STATEMENT ”/L-STATEMENT kata/U-CUE Direktur/B-STATEMENT Utama/L-STATEMENT Wiwik/U-PERSON .",
        "”/B-STATEMENT Baik/I-STATEMENT ”/I-STATEMENT tutur/L-STATEMENT Dutavira/U-PERSONCOREF .",
    ])
    assert [s["text"] for s in art.statements] == ["Oke", "Baik"]


def test_no_cue_gives_no_speaker():
    art = _article(["Ani/U-PERSON datang .", "”/B-STATEMENT Halo/I-STATEMENT ./I-STATEMENT ”/L-STATEMENT"])
    s = art.statements[0]
    assert s["speaker"] is None and s["speaker_source"] is None and s["cue"] is None


@pytest.mark.shared_data
def test_dev40_counts(shared):
    articles = read_pfsa(shared / "data/pfsa-id/dev-40.txt")
    assert len(articles) == 409
    assert sum(a.start_rule == "dateline" for a in articles) == 333
    assert sum(a.start_rule == "issue" for a in articles) == 76
    assert [a.article_id for a in articles if not a.annotated] == ["pfsa-dev-0174"]
    assert articles[0].article_id == "pfsa-dev-0001"
    stmts = [s for a in articles for s in a.statements]
    assert len(stmts) == 1652  # 1653 STATEMENT spans, one mis-tag ("Direktur Utama") dropped
    texts = {a.article_id: a.text for a in articles}
    assert all(texts[s["article_id"]][s["start"]:s["end"]] == s["text"] for s in stmts)
    assert all(s["text"] == s["text"].strip() and s["text"][0] not in "”“" and not s["text"].endswith(",")
               for s in stmts)
    assert sum(1 for s in stmts if s["speaker"]) == 1592
    assert sum(1 for s in stmts if s["speaker_source"] == "person_near_cue") == 121
    assert sum(1 for s in stmts if s["speaker_source"] == "coref") == 1527
    assert sum(1 for s in stmts if s["speaker_source"] == "coref" and s["speaker_mention"] == s["cue"]) == 576
