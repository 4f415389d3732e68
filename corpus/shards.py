"""The segment stage cut into partitions: pure functions any engine can call (corpus.engine runs them on Dask).

A sharded run has two per-partition steps with one cheap ordered pass between them:

1. `ingest_partition`: read and clean one partition, MinHash signature per article → an ingest shard.
2. `Resolver`, in partition order: article ids made unique across the whole input and near-duplicates
   marked. Both depend on everything read before, so they cannot be decided inside a partition; the pass
   only compares precomputed signatures (~0.05 ms an article), the costly shingling stays in step 1.
3. `segment_partition`: statements of one partition, with the resolved ids → statement and article shards.

Every shard is written under a temporary name and renamed, so it exists whole or not at all and a re-run
skips it. Output equals `run_segment` on the same input: same statements (same ids) in the same order, same
`duplicate_of`, same issue lines."""
from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .dedup import DuplicateMarker
from .extract import get_nlp
from .ingest import (
    DEFAULT_MAX_BYTES, JSONL_SUFFIXES, SKIPPED, IngestIssue, IngestSummary, _Batch, duplicate_id_label, input_files,
    iter_slice,
)
from .pipeline import ARTICLE_SCHEMA, SegmentResult, read_articles_parquet, segment_article
from .roles import NO_PEOPLE, load_people, load_taxonomy
from .schema import ARTICLE_FIELDS, Article, STATEMENT_FIELDS

INGEST_SCHEMA = ARTICLE_SCHEMA.append(pa.field("seq", pa.int64())).append(pa.field("signature", pa.binary()))
STATEMENT_SCHEMA = pa.schema([(n, pa.int64() if n in ("start", "end", "paragraph") else pa.string())
                              for n in STATEMENT_FIELDS])
ISSUES_KEY, READ_KEY = b"wacana.issues", b"wacana.read"


@dataclass(frozen=True, slots=True)
class Slice:
    """A piece of the input: one .txt/.html file, JSONL lines from byte `start` to `stop` (`line` = number of
    the first), or Parquet row groups `start` to `stop`. `stop` is exclusive; None reads to the end."""

    path: str
    kind: str  # file | jsonl | parquet
    start: int = 0
    stop: int | None = None
    line: int = 1


Partition = tuple[Slice, ...]


def plan_partitions(path: str | Path, size: int) -> list[Partition]:
    """Cut an input (what `read_input` reads) into partitions of about `size` articles, in reading order.
    Only scans for line breaks and Parquet metadata; nothing is parsed."""
    if size < 1:
        raise ValueError(f"partition size must be at least 1, got {size}")
    path = Path(path)
    if path.suffix == ".parquet":
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such file")
        meta = pq.ParquetFile(path).metadata
        parts, first, rows = [], 0, 0
        for rg in range(meta.num_row_groups):
            rows += meta.row_group(rg).num_rows
            if rows >= size:
                parts.append((Slice(str(path), "parquet", first, rg + 1),))
                first, rows = rg + 1, 0
        if first < meta.num_row_groups:
            parts.append((Slice(str(path), "parquet", first, meta.num_row_groups),))
        return parts
    files = input_files(path)
    if files is None:
        raise FileNotFoundError(f"{path}: no such file or folder")
    parts: list[Partition] = []
    current: list[Slice] = []
    n = 0
    for file in files:
        name = str(file)
        units = _line_starts(file) if file.suffix.lower() in JSONL_SUFFIXES else [(None, 1)]
        for offset, line in units:
            if n == size:
                if offset is not None and current[-1].path == name:  # the partition ends inside this JSONL
                    current[-1] = Slice(name, "jsonl", current[-1].start, offset, current[-1].line)
                parts.append(tuple(current))
                current, n = [], 0
            if offset is None:
                current.append(Slice(name, "file"))
            elif not current or current[-1].path != name:
                current.append(Slice(name, "jsonl", offset, None, line))
            n += 1
    if current:
        parts.append(tuple(current))
    return parts


def _line_starts(file: Path, chunk: int = 1 << 24) -> Iterator[tuple[int, int]]:
    """(byte offset, line number) of every line; an unreadable file is one unit, so its error is one issue."""
    try:
        size = file.stat().st_size
        handle = file.open("rb")
    except OSError:
        yield 0, 1
        return
    with handle:
        if size:
            yield 0, 1
        pos, line = 0, 1
        while block := handle.read(chunk):
            i = block.find(b"\n")
            while i != -1:
                line += 1
                if pos + i + 1 < size:
                    yield pos + i + 1, line
                i = block.find(b"\n", i + 1)
            pos += len(block)


def read_partition(slices: Iterable[Slice], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | IngestIssue]:
    for s in slices:
        if s.kind == "parquet":
            yield from read_articles_parquet(s.path, range(s.start, s.stop))
        else:
            yield from iter_slice(Path(s.path), start=s.start, stop=s.stop, first_line=s.line, max_bytes=max_bytes)


# An issue with its place in the input: (seq of the item it belongs to, 0 = before the article's statements /
# 1 = from extraction, the IngestIssue). Sorting by place restores the single-process order of the report.
Keyed = tuple[int, int, IngestIssue]


def ingest_partition(slices: Iterable[Slice], max_bytes: int = DEFAULT_MAX_BYTES,
                     dedup: bool = True) -> tuple[pa.Table, list[Keyed]]:
    """Step 1: cleaned articles of one partition with their MinHash signatures (None where there is nothing to
    compare, or the input already marked the article), and the issues of reading them."""
    marker = DuplicateMarker()
    rows, issues = [], []
    for seq, item in enumerate(read_partition(slices, max_bytes)):
        if isinstance(item, IngestIssue):
            issues.append((seq, 0, item))
            continue
        sig = marker.signature_bytes(item.text) if dedup and item.duplicate_of is None else None
        rows.append({**item.to_dict(), "seq": seq, "signature": sig})
    return pa.Table.from_pylist(rows, schema=INGEST_SCHEMA), issues


RESOLVE_COLUMNS = ["article_id", "source", "source_format", "duplicate_of", "seq", "signature"]


class Resolver:
    """Step 2, fed every partition in input order: the `_Batch` id suffixes and the DuplicateMarker of the
    single-process run, applied to what step 1 read. Holds what they hold (ids seen, signatures of originals)."""

    def __init__(self, rename_ids: bool = True, dedup: bool = True) -> None:
        self._batch = _Batch() if rename_ids else None
        self._marker = DuplicateMarker() if dedup else None

    def resolve(self, table: pa.Table) -> tuple[list[str], list[str | None], list[Keyed]]:
        cols = table.select(RESOLVE_COLUMNS).to_pydict()
        ids, dups, issues = [], [], []
        for aid, src, fmt, dup, seq, sig in zip(*(cols[c] for c in RESOLVE_COLUMNS)):
            if self._batch is not None:
                aid, issue = self._batch.unique(aid, src, duplicate_id_label(src, fmt))
                if issue is not None:
                    issues.append((seq, 0, issue))
            if dup is None and self._marker is not None:
                dup = self._marker.mark_signature(aid, self._marker.from_bytes(sig))
            ids.append(aid)
            dups.append(dup)
        return ids, dups, issues


def segment_partition(table: pa.Table, ids: Sequence[str], dups: Sequence[str | None],
                      roles: str | None = None, people: str | None = None,
                      ) -> tuple[pa.Table, pa.Table, list[Keyed], int]:
    """Step 3: statements and final articles of one partition (the articles whose extraction did not fail,
    like `run_segment --articles`), the extraction issues, and how many articles were read."""
    taxonomy = load_taxonomy(roles)
    gazetteer = NO_PEOPLE if people == "none" else load_people(people)
    nlp = get_nlp()
    statements, articles, issues = [], [], []
    for row, aid, dup in zip(table.select(ARTICLE_FIELDS + ["seq"]).to_pylist(), ids, dups):
        seq = row.pop("seq")
        row.update(article_id=aid, duplicate_of=dup, removed=row["removed"] or [])
        res = segment_article(Article(**row), nlp, taxonomy, gazetteer)
        if not isinstance(res, SegmentResult):
            issues.append((seq, 1, res))
            continue
        issues.extend((seq, 1, i) for i in res.issues)
        articles.append(res.article.to_dict())
        statements.extend(s.to_dict() for s in res.statements)
    return (pa.Table.from_pylist(statements, schema=STATEMENT_SCHEMA),
            pa.Table.from_pylist(articles, schema=ARTICLE_SCHEMA), issues, len(articles))


# ---- shard files -------------------------------------------------------------------------------------------

def shard_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def write_shard(table: pa.Table, path: str | Path, metadata: dict[bytes, bytes] | None = None) -> None:
    """Atomic: a killed worker leaves at most a hidden temporary file, never a half shard under the real name.
    The temporary name is unique, so a retried task and a stray earlier attempt never write the same file."""
    path = Path(path)
    if metadata:
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), **metadata})
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def issues_metadata(issues: list[Keyed], read: int) -> dict[bytes, bytes]:
    ordered = sorted(issues, key=lambda k: (k[0], k[1]))  # stable: equal places keep their order
    rows = [[seq, sub, i.source, i.reason, i.severity, i.kind] for seq, sub, i in ordered]
    return {ISSUES_KEY: json.dumps(rows, ensure_ascii=False).encode(), READ_KEY: str(read).encode()}


def shard_report(path: str | Path) -> tuple[list[IngestIssue], int, int]:
    """Issues, articles read and statements of one finished statement shard (from its footer only)."""
    meta = pq.read_metadata(path)
    kv = meta.metadata or {}
    issues = [IngestIssue(src, reason, sev, kind) for _, _, src, reason, sev, kind in json.loads(kv[ISSUES_KEY])]
    return issues, int(kv[READ_KEY]), meta.num_rows


def summarise(read: int, issues: Iterable[IngestIssue]) -> IngestSummary:
    """The counts `run_segment` keeps while streaming, rebuilt from the shards' issue lists."""
    summary = IngestSummary(read=read)
    for issue in issues:
        (summary.skipped if issue.severity == SKIPPED else summary.warnings)[issue.kind] += 1
    return summary


def read_statement_shards(folder: str | Path) -> Iterator[dict]:
    """Statement rows of a sharded run in input order (what the JSONL of `run_segment` holds, line by line)."""
    for path in sorted(Path(folder).glob("part-*.parquet")):
        yield from pq.read_table(path).to_pylist()


def map_shard(fn: Callable, src: str | Path, dst: str | Path) -> int:
    """`fn(DataFrame) -> DataFrame` over one Parquet shard into `dst` (the `predict` hook); returns its rows."""
    import pandas as pd

    out = fn(pq.read_table(src).to_pandas())
    if not isinstance(out, pd.DataFrame):
        raise TypeError(f"{src}: the shard function returned {type(out).__name__}, not a DataFrame")
    write_shard(pa.Table.from_pandas(out, preserve_index=False), dst)
    return len(out)
