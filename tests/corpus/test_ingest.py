from __future__ import annotations

import hashlib
import inspect
import json
import shutil
import tracemalloc
from pathlib import Path

import pytest

from corpus.ingest import IngestIssue, IngestSummary, iter_articles
from corpus.schema import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
GOOD = ("TRIBUNNEWS.COM, JAKARTA - Ketua DPR meminta pemerintah menjelaskan rencana kebijakan.\n\n"
        "Ia menilai publik perlu tahu.")


def _split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, IngestIssue)]


def _only_issue(path: Path, **kw) -> IngestIssue:
    arts, issues = _split(iter_articles(path, **kw))
    assert arts == [] and len(issues) == 1, issues
    assert str(path) in issues[0].reason
    return issues[0]


@pytest.mark.parametrize(
    "name, content, kind",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\r\n\t \n", "empty"),
        ("nul.txt", b"TRIBUNNEWS.COM - teks\x00\x00\x01 lanjut", "binary"),
        ("png.txt", bytes(range(256)) * 4, "binary"),
        ("utf16.txt", "Teks berita biasa".encode("utf-16"), "binary"),
    ],
)
def test_bad_file_gives_one_skip_naming_the_file(tmp_path, name, content, kind):
    path = tmp_path / name
    path.write_bytes(content)
    issue = _only_issue(path)
    assert (issue.kind, issue.severity, issue.source) == (kind, "skipped", str(path))
    assert "\n" not in issue.reason


def test_cp1252_file_is_kept_with_a_warning(tmp_path):
    path = tmp_path / "lama.txt"
    path.write_bytes("JAKARTA, KOMPAS.com - \u201cKami siap,\u201d kata Andr\u00e9.".encode("cp1252"))
    arts, issues = _split(iter_articles(path))
    assert [i.kind for i in issues] == ["encoding"] and issues[0].severity == "warning"
    assert str(path) in issues[0].reason and "cp1252" in issues[0].reason
    assert arts[0].text == "JAKARTA, KOMPAS.com - \u201cKami siap,\u201d kata Andr\u00e9."
    assert arts[0].outlet == "KOMPAS.com" and arts[0].dateline == "JAKARTA"


def test_huge_file_is_skipped_without_reading_it(tmp_path):
    path = tmp_path / "besar.txt"
    with path.open("wb") as f:  # sparse 50 MB: costs no disk, but reading it would cost 50 MB of memory
        f.write(b"JAKARTA, KOMPAS.com - awal")
        f.truncate(50 * 1024 * 1024)
    tracemalloc.start()
    try:
        issue = _only_issue(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert issue.kind == "too_large" and "52428800" in issue.reason
    assert peak < 5 * 1024 * 1024


def test_max_bytes_is_configurable(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    assert _only_issue(path, max_bytes=10).kind == "too_large"
    arts, issues = _split(iter_articles(path, max_bytes=10_000))
    assert len(arts) == 1 and not issues


def test_jsonl_errors_carry_line_numbers():
    path = FIXTURES / "rows.jsonl"
    items = list(iter_articles(path))
    arts, issues = _split(items)
    by_line = {i.source.rsplit(":", 1)[1]: i for i in issues}
    assert by_line["2"].kind == "invalid_json" and f"{path} line 2" in by_line["2"].reason
    assert by_line["3"].kind == "no_text" and "line 3" in by_line["3"].reason
    assert by_line["4"].kind == "missing_id" and by_line["4"].severity == "warning"
    assert by_line["6"].kind == "duplicate_id" and "a-1~2" in by_line["6"].reason
    assert by_line["8"].kind == "invalid_json" and "line 8" in by_line["8"].reason
    assert len(issues) == 5  # line 5 is blank: ignored, not an error

    ids = [a.article_id for a in arts]
    assert ids[0] == "a-1" and "a-1~2" in ids and "a-6" in ids
    first = arts[0]
    assert first.date == "2025-10-21" and first.title == "Judul Pertama" and first.outlet == "detikcom"
    assert "SCROLL" not in first.text and first.source == f"{path}:1" and first.source_format == "jsonl"


def test_jsonl_missing_id_is_stable():
    ids = [[a.article_id for a in _split(iter_articles(FIXTURES / "rows.jsonl"))[0]] for _ in range(2)]
    assert ids[0] == ids[1]
    assert any(i.startswith("sha1-") for i in ids[0])


def test_jsonl_html_field_goes_through_trafilatura():
    a6 = next(a for a in _split(iter_articles(FIXTURES / "rows.jsonl"))[0] if a.article_id == "a-6")
    assert a6.text.startswith("TRIBUNNEWS.COM, JAKARTA - Ketua DPR")
    assert "SCRIPT_IN_JSONL" not in a6.text and "<" not in a6.text


def test_jsonl_huge_row_is_skipped_and_later_rows_still_read(tmp_path):
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "big", "text": "x " * 100_000}) + "\n")
        f.write(json.dumps({"id": "ok", "text": GOOD}) + "\n")
    arts, issues = _split(iter_articles(path, max_bytes=50_000))
    assert [i.kind for i in issues] == ["too_large"] and issues[0].source == f"{path}:1"
    assert [a.article_id for a in arts] == ["ok"]


def test_jsonl_cp1252_row_warns_once(tmp_path):
    path = tmp_path / "legacy.jsonl"
    path.write_bytes(b'{"id": "r1", "text": "Andr\xe9 mengatakan \x93siap\x94."}\n')
    arts, issues = _split(iter_articles(path))
    assert [i.kind for i in issues] == ["encoding"] and "line 1" in issues[0].reason
    assert arts[0].text == "Andr\u00e9 mengatakan \u201csiap\u201d."


def test_html_uses_trafilatura_and_drops_scripts():
    arts, issues = _split(iter_articles(FIXTURES / "article.html"))
    assert not issues
    a = arts[0]
    for marker in ("SCRIPT_MARKER", "STYLE_MARKER", "tracker", "Beranda", "Baca juga", "All Right"):
        assert marker not in a.text
    assert a.text.startswith("CONTOHNEWS.COM, SURABAYA - Pemerintah Kota")
    assert a.text.endswith("terhadap layanan.")
    assert (a.title, a.author, a.date) == ("Pemkot Uji Coba WFH ASN Dua Hari Sepekan", "Siti Rahma", "2025-11-20")
    assert a.outlet == "ContohNews.com" and a.dateline == "SURABAYA"
    assert a.deck.startswith("Uji coba berlaku") and a.source_format == "html" and a.article_id == "article"


def test_folder_is_sorted_recursive_and_mixed(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD.replace("Ketua", "Wakil Ketua"), encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text(GOOD + "\n\nTambahan.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("bukan artikel", encoding="utf-8")
    (tmp_path / "kosong.txt").write_bytes(b"")
    shutil.copy(FIXTURES / "article.html", tmp_path / "c.htm")
    items = list(iter_articles(tmp_path))
    arts, issues = _split(items)
    assert [a.article_id for a in arts] == ["a", "b", "c", "a~2"]
    assert sorted(i.kind for i in issues) == ["duplicate_id", "empty"]
    assert all(a.raw_sha1 and a.source for a in arts)


def test_raw_input_is_never_modified(tmp_path):
    for src in FIXTURES.iterdir():
        shutil.copy(src, tmp_path / src.name)
    (tmp_path / "crlf.txt").write_bytes(b"Judul\r\n\r\nJAKARTA, KOMPAS.com - Isi\xc2\xa0berita.\r\n")
    before = {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    list(iter_articles(tmp_path))
    assert before == {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}


def test_raw_sha1_is_of_the_raw_bytes(tmp_path):
    raw = b"Judul\r\n\r\nJAKARTA, KOMPAS.com - Isi\xc2\xa0berita.\r\n"
    (tmp_path / "x.txt").write_bytes(raw)
    (art,), _ = _split(iter_articles(tmp_path / "x.txt"))
    assert art.raw_sha1 == hashlib.sha1(raw).hexdigest()
    assert art.text == "JAKARTA, KOMPAS.com - Isi berita." and art.title == "Judul"


def test_iter_articles_is_lazy(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    gen = iter_articles(tmp_path)
    assert inspect.isgenerator(gen)
    assert isinstance(next(gen), Article)


def test_missing_path_is_an_issue_not_a_crash(tmp_path):
    issue = _only_issue(tmp_path / "nope")
    assert issue.kind == "missing"


def test_summary_counts_and_formats():
    summary = IngestSummary()
    items = list(summary.track(iter_articles(FIXTURES)))
    assert len(items) == 10
    assert summary.read == 5
    assert dict(summary.skipped) == {"invalid_json": 2, "no_text": 1}
    assert str(summary) == "read=5 skipped=3 (invalid_json=2, no_text=1) warnings=2"
