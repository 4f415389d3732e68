from __future__ import annotations

import random

import pytest

from corpus.dedup import DuplicateMarker, shingles
from corpus.ingest import iter_articles
from corpus.schema import Article

_WORDS = ("pemerintah kota menilai kebijakan kerja dari rumah perlu dikaji ulang agar pelayanan publik tetap "
          "berjalan baik bagi masyarakat di seluruh kecamatan dan kelurahan menurut anggota dewan yang "
          "ditemui wartawan pada senin pagi").split()


def _story(seed: int, n: int = 200) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(_WORDS) for _ in range(n))


def _art(article_id: str, text: str) -> Article:
    return Article(article_id=article_id, text=text)


def _edit(text: str, every: int) -> str:
    """Replace every n-th word: each edit breaks at most five 5-gram shingles."""
    words = text.split()
    return " ".join("GANTI" if i % every == 0 else w for i, w in enumerate(words))


def test_shingles():
    assert shingles("Satu dua tiga empat lima enam") == {b"satu dua tiga empat lima", b"dua tiga empat lima enam"}
    assert shingles("Dua kata") == {b"dua kata"}
    assert shingles("  ") == set()


@pytest.mark.parametrize(
    "other, is_dup",
    [
        (lambda t: t, True),  # exact copy
        (lambda t: t + " Sumber: detikcom", True),  # trailing credit added
        (lambda t: _edit(t, 60), True),  # a few words changed
        (lambda t: _edit(t, 4), False),  # rewritten
        (lambda t: _story(999), False),  # different story from the same vocabulary
    ],
)
def test_near_duplicates(other, is_dup):
    marker = DuplicateMarker()
    base = _story(1)
    first, second = _art("a", base), _art("b", other(base))
    assert marker.mark(first) is None and first.duplicate_of is None
    assert marker.mark(second) == ("a" if is_dup else None)
    assert second.duplicate_of == ("a" if is_dup else None)


def test_first_seen_wins_and_nothing_is_dropped():
    marker = DuplicateMarker()
    arts = [_art("x", _story(5)), _art("y", _story(6)), _art("x2", _story(5)), _art("x3", _story(5) + " tambah")]
    assert [marker.mark(a) for a in arts] == [None, None, "x", "x"]
    assert [a.duplicate_of for a in arts] == [None, None, "x", "x"]


def test_empty_text_is_never_a_duplicate():
    marker = DuplicateMarker()
    assert marker.mark(_art("e1", "")) is None and marker.mark(_art("e2", "")) is None


def test_signatures_are_deterministic():
    text = _story(3)
    a, b = DuplicateMarker().signature(text), DuplicateMarker().signature(text)
    assert (a.hashvalues == b.hashvalues).all()


@pytest.mark.shared_data
def test_detik_duplicates(shared):
    """The data README says ~90 rows repeat an article under a second topic (same URL)."""
    marker = DuplicateMarker()
    first_by_url, marked, same_url_dups = {}, {}, set()
    for item in iter_articles(shared / "data" / "detik" / "articles.jsonl"):
        assert isinstance(item, Article), item
        if item.url in first_by_url:
            same_url_dups.add(item.article_id)
        first_by_url.setdefault(item.url, item.article_id)
        if dup := marker.mark(item):
            marked[item.article_id] = dup
    assert len(same_url_dups) == 90
    assert same_url_dups <= set(marked)  # every republished copy is found
    assert 90 <= len(marked) <= 100  # plus a few rewrites of the same story under a new headline
