import importlib.util
from functools import lru_cache
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from corpus.nlp import make_nlp, sentence_spans


@lru_cache(maxsize=1)
def _nlp():
    return make_nlp()  # copies ~16k tokenizer rules: build once


def _tokens(text):
    return [t.text for t in _nlp()(text)]


def _sents(text):
    return [text[s:e] for s, e in sentence_spans(_nlp()(text))]


# --- tokenizer -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("(Dukcapil),”kata Wali Kota", ["(", "Dukcapil", ")", ",", "”", "kata", "Wali", "Kota"]),
    ("petugasnya sedang WFH,”ujar dia.", ["petugasnya", "sedang", "WFH", ",", "”", "ujar", "dia", "."]),
    ('sedang WFH,"ujar dia', ["sedang", "WFH", ",", '"', "ujar", "dia"]),
    ("selesai?”tanya dia", ["selesai", "?", "”", "tanya", "dia"]),
    ("layanan publik.(net)", ["layanan", "publik", ".", "(", "net", ")"]),
    ('mencari solusi".Ia pun', ["mencari", "solusi", '"', ".", "Ia", "pun"]),
])
def test_glued_punctuation_splits(text, expected):
    assert _tokens(text) == expected


@pytest.mark.parametrize("abbr", [
    "Ir.", "Jl.", "Kec.", "Pj.", "Plt.", "PT.", "Tbk.", "Kab.", "Prof.", "Drs.", "dr.", "Hj.", "St.",
    "Sdr.", "Bpk.", "a.n.", "u.p.", "Dr.", "H.", "No.", "dll.", "Mr.", "Pte.",
])
def test_abbreviation_is_one_token(abbr):
    assert _tokens(f"kata {abbr} Budi") == ["kata", abbr, "Budi"]


@pytest.mark.parametrize("word", ["Covid-19", "e-KTP", "non-ASN", "kasus-kasus", "ke-40", "1960-an"])
def test_hyphenated_word_is_one_token(word):
    assert _tokens(f"soal {word} itu") == ["soal", word, "itu"]


@pytest.mark.parametrize("text, expected", [
    ("30-35 juta", ["30", "-", "35", "juta"]),
    ("Jakarta—Bandung", ["Jakarta", "—", "Bandung"]),
    ("Rp4.000 (23/11/2025)", ["Rp", "4.000", "(", "23", "/", "11", "/", "2025", ")"]),
])
def test_ranges_dashes_and_dates_keep_stock_splits(text, expected):
    assert _tokens(text) == expected


# --- sentences -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # paragraph and line breaks, even after a headline with no full stop
    ("Pemkot Bengkulu Tidak Terapkan WFH\n\nPemerintah Kota Bengkulu tidak menerapkan WFH.",
     ["Pemkot Bengkulu Tidak Terapkan WFH", "Pemerintah Kota Bengkulu tidak menerapkan WFH."]),
    ("Penulis: Rendy Rutama\nTribunbekasi/Rendy Rutama Putra",
     ["Penulis: Rendy Rutama", "Tribunbekasi/Rendy Rutama Putra"]),
    ("\n\n  Ringkasan Berita:\n  • DPRD Kota Bekasi menyoroti rencana WFH.\n",
     ["Ringkasan Berita:", "• DPRD Kota Bekasi menyoroti rencana WFH."]),
    # . ! ? …
    ("Harga beras naik. Warga mengeluh! Apa solusinya? Entahlah… Pemerintah diam.",
     ["Harga beras naik.", "Warga mengeluh!", "Apa solusinya?", "Entahlah…", "Pemerintah diam."]),
    # sentence-final dll.
    ("Warga membawa beras, minyak, dll. Mereka antre sejak pagi.",
     ["Warga membawa beras, minyak, dll.", "Mereka antre sejak pagi."]),
    # Tbk. may end a sentence, but not before the ticker in brackets
    ("Kasus menyeret PT Antam Tbk. Perusahaan itu membantah.",
     ["Kasus menyeret PT Antam Tbk.", "Perusahaan itu membantah."]),
    ("Saham PT Bank Rakyat Indonesia (Persero) Tbk. (BRI) naik.",
     ["Saham PT Bank Rakyat Indonesia (Persero) Tbk. (BRI) naik."]),
    # numbers and dates
    ("Harga naik menjadi Rp4.000 pada 23.11.2025 pukul 10.00 WIB. Warga protes.",
     ["Harga naik menjadi Rp4.000 pada 23.11.2025 pukul 10.00 WIB.", "Warga protes."]),
    # missing space after the full stop
    ("Rapat berjalan lancar.Selanjutnya warga pulang.",
     ["Rapat berjalan lancar.", "Selanjutnya warga pulang."]),
    ('Mereka mencari solusi".Ia pun pergi.', ['Mereka mencari solusi".', "Ia pun pergi."]),
    ("Data dari Antara. Budi Santoso, M.Si.Pakar ekonomi", ["Data dari Antara.",
                                                           "Budi Santoso, M.Si.Pakar ekonomi"]),
])
def test_sentence_boundaries(text, expected):
    assert _sents(text) == expected


@pytest.mark.parametrize("prefix", [
    "Ir. Joko", "Jl. Sudirman", "Kec. Medan Kota", "Pj. Wali Kota", "Plt. Kepala Dinas", "PT. Bank Jateng",
    "Kab. Bekasi", "Prof. Rika", "Drs. H. Ahmad", "dr. Siti", "Hj. Aminah", "H. Ahmad", "M. Nuh",
    "H.M. Prasetyo", "No. 5 Tahun 2023", "a.n. Budi", "Dr. Eng. Ir. Bimastyaji", "Kp. Rawa", "Mr. Comey",
])
def test_no_break_after_abbreviation_or_initial(prefix):
    text = f"Surat itu dibawa oleh {prefix} kemarin. Ia lalu pulang."
    assert _sents(text) == [f"Surat itu dibawa oleh {prefix} kemarin.", "Ia lalu pulang."]


@pytest.mark.parametrize("text, expected", [
    # an opening quote starts the next sentence
    ("Ia menolak. “Kami tidak setuju,” kata Budi.", ["Ia menolak.", "“Kami tidak setuju,” kata Budi."]),
    ('Ia menolak. "Kami tidak setuju," kata Budi.', ["Ia menolak.", '"Kami tidak setuju," kata Budi.']),
    ("Ia menolak. ”Kami tidak setuju,” kata Budi.", ["Ia menolak.", "”Kami tidak setuju,” kata Budi."]),
    # a closing quote after final punctuation belongs to the sentence it closes
    ("“Kami menolak.” Budi lalu pergi.", ["“Kami menolak.”", "Budi lalu pergi."]),
    ('"Jangan sampai ASN engga kerja." Dariyanto menegaskan itu.',
     ['"Jangan sampai ASN engga kerja."', "Dariyanto menegaskan itu."]),
    # quote and attribution stay together
    ("“Kami ingin memastikan pelayanan publik tetap berjalan maksimal. Jangan sampai petugasnya "
     "sedang WFH,”ujar dia.",
     ["“Kami ingin memastikan pelayanan publik tetap berjalan maksimal.",
      "Jangan sampai petugasnya sedang WFH,”ujar dia."]),
    ("“Pelayanan masyarakat di Dinas Kependudukan (Dukcapil),”kata Wali Kota Bengkulu Dedy Wahyudi.",
     ["“Pelayanan masyarakat di Dinas Kependudukan (Dukcapil),”kata Wali Kota Bengkulu Dedy Wahyudi."]),
    ('"Saya berharap tidak menjadi kecemburuan sosial," kata Dariyanto, Minggu (23/11/2025).',
     ['"Saya berharap tidak menjadi kecemburuan sosial," kata Dariyanto, Minggu (23/11/2025).']),
    ("“Kapan proyek ini selesai?” tanya Budi kepada wartawan.",
     ["“Kapan proyek ini selesai?” tanya Budi kepada wartawan."]),
    ("“Sampai kapan?!” seru warga.", ["“Sampai kapan?!” seru warga."]),
])
def test_quote_boundaries(text, expected):
    assert _sents(text) == expected


def test_sentence_spans_offsets():
    text = "Harga naik.  Warga protes!\n\n“Kapan turun?” tanya Budi. "
    spans = sentence_spans(_nlp()(text))
    assert spans == [(0, 11), (13, 26), (28, 54)]
    assert [text[s:e] for s, e in spans] == ["Harga naik.", "Warga protes!", "“Kapan turun?” tanya Budi."]


def test_sentencizer_on_doc_built_without_our_tokenizer():
    nlp = _nlp()
    doc = Doc(nlp.vocab, words=["Harga", "naik", ".", "Warga", "protes", "."],
              spaces=[True, False, True, True, False, False])
    doc = nlp.get_pipe("wacana_sentencizer_v1")(doc)
    assert [s.text for s in doc.sents] == ["Harga naik.", "Warga protes."]
    assert [t.is_sent_start for t in doc] == [True, False, False, True, False, False]


def test_empty_and_blank_text():
    assert sentence_spans(_nlp()("")) == []
    assert sentence_spans(_nlp()(" \n\n ")) == []


_PIECES = st.sampled_from([
    "Harga", "naik", "Ir.", "H.", "dll.", "Tbk.", "M.Si.", "4.000", "(Dukcapil),”kata", "WFH,”ujar",
    "solusi\".Ia", "publik.(net)", "Covid-19", ".", "!", "?", "…", "“", "”", "\"", "'", "(", ")",
    ",", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "a", "B", "1.", "ke-2",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(_PIECES, max_size=40).map("".join),
                 st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=30).map(" ".join)))
def test_spans_cover_text_in_order(text):
    doc = _nlp()(text)
    spans = sentence_spans(doc)
    pos = 0
    for s, e in spans:
        assert pos <= s < e
        assert text[pos:s].strip() == ""  # only whitespace between sentences
        assert text[s:e] == text[s:e].strip()
        pos = e
    assert text[pos:].strip() == ""
    # the sentences partition the tokens
    sents = list(doc.sents) if len(doc) else []
    assert sum(len(s) for s in sents) == len(doc)


# --- shared data -----------------------------------------------------------------------------------

@pytest.mark.shared_data
def test_seed_attributions_stay_with_their_quotes(shared):
    text = (shared / "seeds" / "003_30ff5c432aaaaa50.txt").read_text(encoding="utf-8")
    sents = _sents(text)
    kata = [s for s in sents if "(Dukcapil),”kata Wali Kota Bengkulu" in s]
    ujar = [s for s in sents if "WFH,”ujar dia." in s]
    assert len(kata) == 1 and kata[0].startswith("“Pemerintah Kota Bengkulu belum")
    assert ujar == ["Jangan sampai masyarakat yang datang jauh-jauh ke kantor layanan justru terkendala "
                    "karena petugasnya sedang WFH,”ujar dia."]


@pytest.mark.shared_data
def test_csui_sentence_f(shared):
    # scripts/eval_sentences.py measured F 97.3 (stock sentencizer 79.6); margin 1.0.
    spec = importlib.util.spec_from_file_location(
        "eval_sentences", Path(__file__).resolve().parents[2] / "scripts" / "eval_sentences.py")
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    text, gold = ev.read_conllu_text(shared / "data" / "ud" / "CSUI" / "id_csui-ud-test.conllu")
    _, _, f = ev.prf(ev.predicted_starts(_nlp(), text), gold)
    assert f >= 0.963



@lru_cache(maxsize=1)
def _stock_prefix_nlp():
    """The same pipeline with spaCy's own `^a|^b|….search` prefix rule."""
    nlp = make_nlp()
    nlp.tokenizer.prefix_search = spacy.blank("id").tokenizer.prefix_search
    return nlp


def _same_as_stock_prefix(text):
    return [t.text for t in _nlp().make_doc(text)] == [t.text for t in _stock_prefix_nlp().make_doc(text)]


@pytest.mark.parametrize("text", [
    "harga Rp55 ribu", "senilai $8,5 miliar", "(Rp134,3 triliun)", '"Rp13,2 triliun"', "…kata dia",
    "«Ya», ujarnya", "#WFH dan @kemenpan", "US$5 juta", "(((x)))", "'Sekolah Rakyat'",
])
def test_prefix_match_equals_stock_search(text):
    assert _same_as_stock_prefix(text)


def test_prefix_still_split():
    assert [t.text for t in _nlp().make_doc("(Rp55 ribu")] == ["(", "Rp", "55", "ribu"]


@given(st.text(alphabet=st.sampled_from(list("aZ1 .,$Rp(\"“”'-/#@%…«»\n")), max_size=60))
@settings(max_examples=300, deadline=None)
def test_prefix_match_equals_stock_search_property(text):
    assert _same_as_stock_prefix(text)
