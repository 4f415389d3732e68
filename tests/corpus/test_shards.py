"""Partition steps of the sharded segment stage: they must add up to exactly what the single process does."""
from __future__ import annotations

import json
import random

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from corpus.dedup import DuplicateMarker
from corpus.ingest import IngestIssue, iter_articles
from corpus.pipeline import ArticleWriter, read_articles_parquet
from corpus.schema import Article
from corpus.shards import (
    Resolver, ingest_partition, map_shard, plan_partitions, read_partition, segment_partition, write_shard,
)

_WORDS = ("pemerintah kota menilai kebijakan kerja dari rumah perlu dikaji ulang agar pelayanan publik tetap "
          "berjalan baik bagi masyarakat di seluruh kecamatan dan kelurahan").split()


def _story(seed: int, n: int = 120) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(_WORDS) for _ in range(n))


def _as_rows(items) -> list:
    return [("article", a.to_dict()) if isinstance(a, Article) else ("issue", a) for a in items]


@pytest.fixture
def mixed(tmp_path):
    """A folder of every input kind, JSONL rows that are blank, broken or unterminated included."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("Judul\n\nIsi berita pertama tentang kebijakan kota.\n", encoding="utf-8")
    rows = [json.dumps({"id": f"b{i}", "text": _story(i)}) for i in range(4)]
    (d / "b.jsonl").write_text("\n".join([rows[0], "", "{not json", rows[1], rows[2]]) + "\n" + rows[3],
                               encoding="utf-8")  # last row has no line break
    (d / "c.html").write_text("<html><body><article><p>Wali Kota Bekasi Tri Adhianto mengatakan bahwa "
                              "pelayanan publik tetap berjalan normal.</p></article></body></html>", encoding="utf-8")
    (d / "d.jsonl").write_text(json.dumps({"id": "d0", "text": _story(9)}) + "\n", encoding="utf-8")
    (d / "e.txt").write_bytes(b"")
    return d


@pytest.mark.parametrize("size", [1, 2, 3, 7, 100])
def test_partitions_read_back_the_whole_input_in_order(mixed, size):
    parts = plan_partitions(mixed, size)
    # units: a.txt, 6 lines of b.jsonl, c.html, d.jsonl's line, e.txt
    assert [len(p) for p in parts] and sum(1 for _ in parts) == -(-10 // size)
    got = [item for p in parts for item in read_partition(p)]
    assert _as_rows(got) == _as_rows(iter_articles(mixed))


def test_jsonl_partitions_keep_line_numbers(mixed):
    parts = plan_partitions(mixed / "b.jsonl", 2)
    assert [(s.start == 0, s.line) for p in parts for s in p] == [(True, 1), (False, 3), (False, 5)]
    issue = next(i for p in parts for i in read_partition(p) if isinstance(i, IngestIssue))
    assert issue.reason.startswith(f"{mixed / 'b.jsonl'} line 3: invalid JSON")


def test_parquet_partitions_follow_row_groups(tmp_path):
    writer = ArticleWriter(tmp_path / "a.parquet", batch=3)
    for i in range(10):
        writer.write(Article(article_id=f"a{i}", text=_story(i)))
    writer.close()
    parts = plan_partitions(tmp_path / "a.parquet", 4)
    assert [(s.start, s.stop) for p in parts for s in p] == [(0, 2), (2, 4)]  # row groups of 3, 3 | 3, 1
    got = [a.to_dict() for p in parts for a in read_partition(p)]
    assert got == [a.to_dict() for a in read_articles_parquet(tmp_path / "a.parquet")]


@pytest.mark.parametrize("bad, message", [("missing", "no such file or folder"), ("zero", "at least 1")])
def test_bad_plans_say_why(tmp_path, bad, message):
    with pytest.raises((FileNotFoundError, ValueError), match=message):
        plan_partitions(tmp_path / "nope" if bad == "missing" else tmp_path, 0 if bad == "zero" else 5)


def _corpus_with_repeats(path):
    """Near-duplicates and repeated ids far apart, so they land in different partitions."""
    rows = [{"id": "x", "text": _story(1)}, {"id": "y", "text": _story(2)}, {"id": "z", "text": _story(3)},
            {"id": "x", "text": _story(4)},  # repeated id, new story
            {"id": "w", "text": _story(2) + " Sumber: detikcom"},  # near-duplicate of y
            {"id": "x", "text": _story(1)},  # repeated id and exact copy of the first x
            {"id": "v", "text": "pendek"}, {"id": "u", "text": _story(3)}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("size", [1, 2, 3, 8])
def test_ids_and_duplicates_across_partitions_match_the_single_process(tmp_path, size):
    src = _corpus_with_repeats(tmp_path / "c.jsonl")
    marker, want_issues, want = DuplicateMarker(), [], []
    for item in iter_articles(src):
        if isinstance(item, IngestIssue):
            want_issues.append(item)
            continue
        want.append((item.article_id, marker.mark(item)))
    assert [dup for _, dup in want] == [None, None, None, None, "y", "x", None, "z"]
    assert [i for i, _ in want] == ["x", "y", "z", "x~2", "w", "x~3", "v", "u"]

    resolver, got, got_issues = Resolver(), [], []
    for part in plan_partitions(src, size):
        table, issues = ingest_partition(part)
        ids, dups, renamed = resolver.resolve(table)
        got += zip(ids, dups)
        got_issues += [i for *_, i in sorted(issues + renamed, key=lambda k: k[:2])]
    assert got == want
    assert got_issues == want_issues and len(want_issues) == 2


def test_segment_partition_reports_extraction_failures_and_goes_on(tmp_path, extraction_fails_on_b):
    src = tmp_path / "c.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": f'"Kami siap bekerja," kata Budi Santoso {i}.'}) + "\n"
                           for i in ("a", "b", "c")), encoding="utf-8")
    table, _ = ingest_partition(plan_partitions(src, 10)[0])
    statements, articles, issues, read = segment_partition(table, ["a", "b", "c"], [None, None, None])
    assert read == 2 and articles.column("article_id").to_pylist() == ["a", "c"]
    assert set(statements.column("article_id").to_pylist()) == {"a", "c"}
    assert [(seq, i.kind) for seq, _, i in issues] == [(1, "extraction_error")]
    assert "c.jsonl:2" in issues[0][2].reason and "boom" in issues[0][2].reason


def test_a_shard_write_that_dies_leaves_no_shard(tmp_path, monkeypatch):
    table, _ = ingest_partition([])

    def dies(table, where, **kw):
        open(where, "wb").write(b"PAR1 half")  # what a worker killed mid-write leaves
        raise OSError("killed")

    monkeypatch.setattr(pq, "write_table", dies)
    with pytest.raises(OSError):
        write_shard(table, tmp_path / "part-00000.parquet")
    assert not (tmp_path / "part-00000.parquet").exists()


def test_map_shard_wants_a_dataframe(tmp_path):
    write_shard(pa.Table.from_pydict({"statement_id": ["s1"], "text": ["t"]}), tmp_path / "part-00000.parquet")
    assert map_shard(lambda df: df.assign(n=df.text.str.len()), tmp_path / "part-00000.parquet",
                     tmp_path / "out.parquet") == 1
    assert pq.read_table(tmp_path / "out.parquet").to_pydict() == {"statement_id": ["s1"], "text": ["t"], "n": [1]}
    with pytest.raises(TypeError, match="part-00000.parquet: the shard function returned list"):
        map_shard(lambda df: [], tmp_path / "part-00000.parquet", tmp_path / "out2.parquet")
