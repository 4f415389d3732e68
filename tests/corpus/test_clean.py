from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.clean import clean_article, find_dateline, normalise_date

SEED_000 = "000_012dad56b8f9527c.txt"
SEED_003 = "003_30ff5c432aaaaa50.txt"

# Strings that must never survive cleaning, whatever the input.
BOILERPLATE_MARKERS = [
    "Baca juga:", "Baca Juga:", "BACA JUGA", "SCROLL TO CONTINUE WITH CONTENT", "ADVERTISEMENT",
    "Simak juga Video", "Ringkasan Berita", "All Right Reserved", "Rekomendasi untuk Anda",
]


def clean(text: str, **kw):
    return clean_article(text, article_id="t", **kw)


# --- normalisation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Satu\r\nDua", "Satu\n\nDua"),
        ("Satu\rDua", "Satu\n\nDua"),
        ("DPRD\u00a0Kota\u00a0 Bekasi", "DPRD Kota Bekasi"),
        ("a\u2009b\u202fc\u3000d\te", "a b c d e"),
        ("Kalimat.   \n\n\n\n  Berikutnya.  ", "Kalimat.\n\nBerikutnya."),
        ("\n\n  Awal dan akhir  \n\n", "Awal dan akhir"),
        ("Cafe\u0301", "Caf\u00e9"),  # NFC
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("“Kutipan,” kata dia. 'Tunggal' \"lurus\"", "“Kutipan,” kata dia. 'Tunggal' \"lurus\""),
    ],
)
def test_normalisation(raw, expected):
    assert clean(raw, source_format="jsonl").text == expected


def test_words_and_quotes_are_untouched():
    body = "“Pemerintah Kota Bengkulu belum menerapkan WFH,”kata Wali Kota Dedy di Bengkulu, Jumat (13/1).(net)"
    assert clean(body, source_format="jsonl").text == body


# --- boilerplate -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Baca juga: Viral! Aisha Retno Diserbu Warganet", "baca_juga"),
        ("Baca Juga : Pemprov Lampung Berencana Perluas Kawasan", "baca_juga"),
        ("Baca berita Tribunbekasi lainnya di TribunBekasi.com dan di Google News", "baca_berita"),
        ("Simak juga Video 'Purbaya Ungkap Rahasia Soeharto Bertahan 32 Tahun: Harga Stabil':", "video_promo"),
        ("Simak Video 'Prabowo Panggil Menkeu Purbaya-Menhan Sjafrie, Beri Tugas Ini':", "video_promo"),
        ("Lihat juga Video: Jualan Online Makin Cuan? Selamat, Kini Kena Pajak 0,5%", "video_promo"),
        ('Tonton juga video "ASN-Warga Lumajang Serbu Pasar Sembako Murah" di sini:', "video_promo"),
        ("Saksikan Live Detikpagi :", "video_promo"),
        ("SCROLL TO CONTINUE WITH CONTENT", "scroll"),
        ("ADVERTISEMENT", "advertisement"),
        ("Rekomendasi untuk Anda", "widget"),
        ("Ikuti kami di", "widget"),
        ("Berita Terkini", "widget"),
        ("© 2025 TRIBUNnews.com Network,a subsidiary of KG Media.", "copyright"),
        ("All Right Reserved", "copyright"),
        ("[Gambas:Instagram]", "embed"),
        ('"Detik Pagi, Jangan Tidur Lagi!"', "program_promo"),
        ("Artikel ini telah tayang di TribunSolo.com dengan judul Sinyal Merah", "republish_note"),
        ("Penulis: Rendy Rutama | Editor: Mohamad Yusuf", "byline"),
        ("Editor: Hani Anggraini", "byline"),
        ("(Foto: dok. Cetaphil)", "photo_credit"),
    ],
)
def test_boilerplate_lines_are_removed_and_recorded(line, kind):
    body = ["Paragraf pertama berisi kalimat biasa.", line, "Paragraf terakhir juga biasa."]
    a = clean("\n\n".join(body), source_format="jsonl")
    assert a.text == "Paragraf pertama berisi kalimat biasa.\n\nParagraf terakhir juga biasa."
    assert kind in a.removed


def test_byline_fills_author_and_editor():
    a = clean("Badan berita.\nPenulis: Rendy Rutama | Editor: Mohamad Yusuf", source_format="jsonl")
    assert (a.author, a.editor, a.text) == ("Rendy Rutama", "Mohamad Yusuf", "Badan berita.")


def test_summary_block_is_removed_with_its_bullets():
    raw = "Paragraf satu.\nRingkasan Berita:\n  • butir satu\n  • butir dua\nParagraf dua."
    a = clean(raw, source_format="jsonl")
    assert a.text == "Paragraf satu.\n\nParagraf dua." and "summary" in a.removed


@pytest.mark.parametrize(
    "raw, expected",
    [
        # Inline promos in text without line breaks: the headline goes, the real sentence stays.
        ("Ia menolak. Baca juga: Adelia Sidik Bongkar Praktik Sekolah Tutupi Kasus Bullying di Bekasi "
         "Menurut politikus Partai Golkar itu, tidak semua tugas bisa dari rumah.",
         "Ia menolak. Menurut politikus Partai Golkar itu, tidak semua tugas bisa dari rumah."),
        ("Ia menolak. Baca juga: MK Tegaskan Polisi Tak Boleh Duduki Jabatan Sipil di ESDM "
         "Ketua DPRD Kota Bekasi mengatakan hal itu wajar.",
         "Ia menolak. Ketua DPRD Kota Bekasi mengatakan hal itu wajar."),
        ('Ia menolak. Baca juga: Viral! Aisha Retno Diserbu Warganet "Kami tidak tahu," kata dia.',
         'Ia menolak. "Kami tidak tahu," kata dia.'),
        ("Ia menolak. Baca juga: Gubernur Sebut Anggaran Aman Dia mengatakan anggaran cukup.",
         "Ia menolak. Dia mengatakan anggaran cukup."),
        ("Kalimat terakhir. Baca juga: Judul Berita Penutup Tanpa Lanjutan",
         "Kalimat terakhir."),
        ("kata dia. SCROLL TO CONTINUE WITH CONTENT Kalimat lanjut.", "kata dia. Kalimat lanjut."),
        ("Kalimat penuh. Artikel ini telah tayang di TribunSolo.com dengan judul Sinyal Merah ,",
         "Kalimat penuh."),
    ],
)
def test_inline_promos(raw, expected):
    assert clean(raw, source_format="jsonl").text == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("kata Tauhid kepadadetikcom, Senin.", "kata Tauhid kepada detikcom, Senin."),
        ("Dari pantauandetikcomdi lokasi.", "Dari pantauan detikcom di lokasi."),
        ("ujar Budi kepadadetikSulsel, Jumat.", "ujar Budi kepada detikSulsel, Jumat."),
        ("terjaga, kata dia.Baca selengkapnya", "terjaga, kata dia. Baca selengkapnya"),
        ("kata Budi.Ia menambahkan", "kata Budi. Ia menambahkan"),
        ("perkara Nomor 12/Pid.Sus/2025/PN Jkt.Pst diputus", "perkara Nomor 12/Pid.Sus/2025/PN Jkt.Pst diputus"),
        ("akun YouTube dan WhatsApp", "akun YouTube dan WhatsApp"),
    ],
)
def test_glued_italics_are_split(raw, expected):
    assert clean(raw, source_format="jsonl").text == expected


# --- header and metadata ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "para, outlet, place",
    [
        ("TRIBUNBEKASI.COM, KOTA BEKASI - Rencana", "TRIBUNBEKASI.COM", "KOTA BEKASI"),
        ("Bengkulu, krsumsel.com – Pemerintah", "krsumsel.com", "Bengkulu"),
        ("JAKARTA, KOMPAS.com - Presiden", "KOMPAS.com", "JAKARTA"),
        ("TRIBUNNEWS.COM - Pakar", "TRIBUNNEWS.COM", None),
        ("TRIBUNNEWS.COM,JAKARTA -- Anak", "TRIBUNNEWS.COM", "JAKARTA"),
        ("TRIBUNNEWS.COM JAKARTA - Peneliti", "TRIBUNNEWS.COM", "JAKARTA"),
        ("Jakarta (ANTARA) - Pemerintah", "ANTARA", "Jakarta"),
    ],
)
def test_dateline(para, outlet, place):
    dl = find_dateline(para)
    assert (dl.outlet, dl.place) == (outlet, place)


@pytest.mark.parametrize("para", ["Presiden Prabowo Subianto menegaskan pentingnya", "Tribunews.com Willem Jonata - x"])
def test_no_dateline(para):
    assert find_dateline(para) is None


@pytest.mark.parametrize(
    "value, iso",
    [("10/21/2025 20:43", "2025-10-21"), ("1/2/2025", "2025-01-02"), ("2025-11-23", "2025-11-23"),
     ("2025-11-23T10:00:00+07:00", "2025-11-23"), ("", None), (None, None), ("kemarin", None)],
)
def test_normalise_date(value, iso):
    assert normalise_date(value) == iso


def test_plain_text_header_without_dateline_takes_first_line_as_title():
    a = clean("Judul Tanpa Titik\n\nIsi pertama berita.\n\nIsi kedua.")
    assert a.title == "Judul Tanpa Titik" and a.text == "Isi pertama berita.\n\nIsi kedua."


def test_jsonl_title_repeated_in_text_is_dropped():
    a = clean("Judul Sama\nIsi berita.", title="Judul Sama", source_format="jsonl")
    assert a.text == "Isi berita." and "title" in a.removed


def test_inline_header_before_dateline():
    raw = ("Laporan Wartawan Tribunnews.com, Bayu Indra Permana TRIBUNNEWS.COM, JAKARTA - Aktor Fero "
           "kini jarang terlihat.")
    a = clean(raw, title="Fero Jarang Muncul", source_format="jsonl")
    assert a.text == "TRIBUNNEWS.COM, JAKARTA - Aktor Fero kini jarang terlihat."
    assert (a.author, a.outlet, a.dateline) == ("Bayu Indra Permana", "TRIBUNNEWS.COM", "JAKARTA")


def test_outlet_from_url_when_text_has_none():
    a = clean("Isi.", url="https://news.detik.com/berita/d-1/x", source_format="jsonl")
    assert a.outlet == "detikcom"


# --- acceptance: the two seeds ---------------------------------------------------------------------


@pytest.mark.shared_data
def test_seed_000(shared):
    a = clean_article((shared / "seeds" / SEED_000).read_text(encoding="utf-8"), article_id="000")
    assert a.text.startswith("TRIBUNBEKASI.COM, KOTA BEKASI - Rencana penerapan Work From Home")
    assert a.text.endswith('mereka harus office ke kantor dan terakhir soal ekonomi," ujarnya.')
    assert a.title == "Kebijakan WFH ASN Bekasi, DPRD Ingatkan Risiko Pelayanan Publik Terganggu"
    assert a.deck.startswith("DPRD Kota Bekasi menilai")
    assert (a.author, a.editor, a.outlet, a.dateline) == ("Rendy Rutama", "Mohamad Yusuf", "TRIBUNBEKASI.COM",
                                                          "KOTA BEKASI")
    for junk in ("Baca juga", "Ringkasan Berita", "WFH ASN - Anggota", "Tribunbekasi/", "©", "All Right",
                 "Rekomendasi", "Ikuti kami", "Berita Terkini", "Penulis:", "Pemkot Bekasi\n"):
        assert junk not in a.text
    assert "Anggota Komisi I DPRD Kota Bekasi, Dariyanto" in a.text and "\u00a0" not in a.text
    assert len(a.text.split("\n\n")) == 12 and "\n\n\n" not in a.text
    assert {"kicker", "byline", "photo_credit", "caption", "summary", "baca_juga", "copyright"} <= set(a.removed)


@pytest.mark.shared_data
def test_seed_003(shared):
    a = clean_article((shared / "seeds" / SEED_003).read_text(encoding="utf-8"), article_id="003")
    assert a.title == "Pemkot Bengkulu Tidak Terapkan WFH untuk ASN dan PPPK"
    assert a.text.startswith("Bengkulu, krsumsel.com – Pemerintah Kota (Pemkot) Bengkulu")
    assert a.text.endswith("dalam memperoleh layanan publik.(net)")
    assert (a.outlet, a.dateline, a.author, a.deck) == ("krsumsel.com", "Bengkulu", None, None)
    assert "Baca juga" not in a.text and "Pemprov Lampung" not in a.text and not a.text.startswith("oleh")


# --- real corpora ----------------------------------------------------------------------------------


def _rows(shared, name):
    with (shared / "data" / name / "articles.jsonl").open(encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


@pytest.mark.shared_data
def test_tribun_corpus(shared):
    n = 0
    for row in _rows(shared, "tribun"):
        a = clean_article(row["text"], article_id=row["id"], title=row["title"], url=row["url"],
                          source_format="jsonl")
        n += 1
        assert a.text and not a.text.startswith("Laporan "), row["id"]
        assert "Artikel ini telah tayang" not in a.text
        # Inline header removal may only cut before the dateline, never inside the body.
        assert len(a.text) >= len(row["text"].strip()) * 0.85, row["id"]
        if row["text"].startswith("Laporan Wartawan Tribunnews.com, Bayu"):
            assert a.author.startswith("Bayu")
    assert n == 175


@pytest.mark.shared_data
def test_detik_corpus(shared):
    removed = 0
    for row in _rows(shared, "detik"):
        a = clean_article(row["text"], article_id=row["id"], title=row["title"], url=row["url"],
                          date=row["date"], source_format="jsonl")
        for marker in ("SCROLL TO", "ADVERTISEMENT", "Simak juga Video", "Simak Video", "Tonton juga",
                       "Saksikan Live", "Lihat juga Video", "[Gambas"):
            assert marker not in a.text, (row["id"], marker)
        assert not re.search(r"[a-z]detikcom|detikcom[a-z]", a.text), row["id"]
        assert a.outlet == "detikcom" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", a.date)
        removed += a.removed.count("scroll")
    assert removed >= 950


# --- properties ------------------------------------------------------------------------------------

_pieces = st.sampled_from(BOILERPLATE_MARKERS + ["\n", "\n\n", " ", "\u00a0", "Kalimat biasa.", "Judul Besar", "“",
                                                  "TRIBUNNEWS.COM, JAKARTA - ", "\r\n", "Penulis: A | Editor: B"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_pieces, st.text(max_size=30)), max_size=25),
       st.sampled_from(["txt", "jsonl", "html"]))
def test_clean_never_crashes_and_leaves_no_markers(parts, fmt):
    a = clean_article("".join(parts), article_id="p", source_format=fmt)
    for marker in BOILERPLATE_MARKERS:
        assert marker not in a.text
    assert a.text == a.text.strip() and "\n\n\n" not in a.text and "\r" not in a.text
    assert all(line.strip() == line and line for line in a.text.split("\n\n")) or a.text == ""


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_clean_is_idempotent_on_its_output(text):
    once = clean_article(text, article_id="p", source_format="jsonl").text
    assert clean_article(once, article_id="p", source_format="jsonl").text == once
