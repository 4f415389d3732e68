"""Streaming stages over a corpus: read → clean → mark duplicates → extract statements.

Each article is processed and written before the next is read, so memory does not grow with the corpus
(only the MinHash index of the duplicate marker does, by a few hundred bytes per article)."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .dedup import DuplicateMarker
from .extract import extract_statements, get_nlp
from .ingest import DEFAULT_MAX_BYTES, WARNING, IngestIssue, IngestSummary, iter_articles
from .roles import People, Taxonomy, load_people, load_taxonomy
from .schema import ARTICLE_FIELDS, Article, Statement

ARTICLE_SCHEMA = pa.schema(
    [(name, pa.list_(pa.string()) if name == "removed" else pa.string()) for name in ARTICLE_FIELDS]
)


def read_input(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | IngestIssue]:
    """Raw articles (folder of .txt/.html, a file, a JSONL) or normalised ones (an articles Parquet)."""
    path = Path(path)
    if path.suffix == ".parquet":
        yield from read_articles_parquet(path)
    else:
        yield from iter_articles(path, max_bytes=max_bytes)


def read_articles_parquet(path: str | Path, row_groups: Iterable[int] | None = None) -> Iterator[Article]:
    source = pq.ParquetFile(path)
    for batch in source.iter_batches(batch_size=256, row_groups=None if row_groups is None else list(row_groups),
                                     columns=[c for c in ARTICLE_FIELDS if c in source.schema_arrow.names]):
        for row in batch.to_pylist():
            row["removed"] = row.get("removed") or []
            yield Article(**{k: row.get(k) for k in ARTICLE_FIELDS})


@dataclass
class SegmentResult:
    article: Article
    statements: list[Statement]
    issues: list[IngestIssue] = field(default_factory=list)


def segment_articles(items: Iterable[Article | IngestIssue], taxonomy: Taxonomy | None = None,
                     dedup: bool = True, people: People | None = None) -> Iterator[SegmentResult | IngestIssue]:
    """Statements per article, in input order; ingest issues pass through so they can be reported."""
    taxonomy = taxonomy or load_taxonomy()
    people = people if people is not None else load_people()
    nlp = get_nlp()
    marker = DuplicateMarker() if dedup else None
    for item in items:
        if isinstance(item, IngestIssue):
            yield item
            continue
        if marker is not None and item.duplicate_of is None:
            marker.mark(item)
        yield segment_article(item, nlp, taxonomy, people)


def segment_article(article: Article, nlp, taxonomy: Taxonomy, people: People) -> SegmentResult | IngestIssue:
    """The per-article work every engine calls (single process here, Dask partitions in corpus.shards)."""
    src = article.source or article.article_id
    try:
        statements, warnings = extract_statements(article, nlp=nlp, taxonomy=taxonomy, people=people)
    except Exception as exc:  # one broken article must not stop a corpus run; it is reported instead
        return IngestIssue(src, f"{src}: extraction failed ({type(exc).__name__}: {exc})", "skipped",
                           "extraction_error")
    # one line per article, however many marks are off
    issues = [IngestIssue(src, f"{src}: {'; '.join(warnings)}", WARNING, "quotes")] if warnings else []
    return SegmentResult(article, statements, issues)


class ArticleWriter:
    """Normalised articles to Parquet in row groups, so a large corpus never sits in memory."""

    def __init__(self, path: str | Path, batch: int = 500):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._tmp = self.path.with_suffix(".parquet.tmp")
        self._writer = pq.ParquetWriter(self._tmp, ARTICLE_SCHEMA)
        self._rows: list[dict] = []
        self._batch = batch

    def write(self, article: Article) -> None:
        self._rows.append(article.to_dict())
        if len(self._rows) >= self._batch:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=ARTICLE_SCHEMA))
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()
        self._tmp.replace(self.path)  # readers never see a half-written file


def write_issue_report(path: Path, issues: list[IngestIssue], summary: str) -> None:
    lines = [f"{i.severity.upper()}\t{i.kind}\t{i.reason}" for i in issues]
    path.write_text("\n".join(lines + [f"# {summary}"]) + "\n", encoding="utf-8")


def run_segment(input_path: str | Path, output: str | Path, *, articles_out: str | Path | None = None,
                taxonomy: Taxonomy | None = None, people: People | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES,
                progress=None) -> tuple[IngestSummary, list[IngestIssue], int]:
    """The `wacana segment` stage: statements JSONL (+ optional articles Parquet) and an issue report."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    summary = IngestSummary()
    issues: list[IngestIssue] = []
    n_statements = 0
    tmp = output.with_suffix(output.suffix + ".tmp")
    writer = ArticleWriter(articles_out) if articles_out else None
    with tmp.open("w", encoding="utf-8") as out:
        for res in segment_articles(summary.track(read_input(input_path, max_bytes)), taxonomy, people=people):
            if isinstance(res, IngestIssue):
                issues.append(res)
                if res.kind == "extraction_error":
                    summary.read -= 1
                    summary.skipped[res.kind] += 1
                continue
            issues.extend(res.issues)
            for issue in res.issues:
                summary.warnings[issue.kind] += 1
            if writer is not None:
                writer.write(res.article)
            for st in res.statements:
                out.write(json.dumps(st.to_dict(), ensure_ascii=False) + "\n")
            n_statements += len(res.statements)
            if progress is not None:
                progress()
    tmp.replace(output)
    if writer is not None:
        writer.close()
    write_issue_report(output.with_suffix(".issues.tsv"), issues, str(summary))
    return summary, issues, n_statements


def run_ingest(input_path: str | Path, output: str | Path, max_bytes: int = DEFAULT_MAX_BYTES,
               progress=None) -> tuple[IngestSummary, list[IngestIssue]]:
    """The `wacana ingest` stage: normalised articles (with duplicate marks) to Parquet."""
    summary = IngestSummary()
    issues: list[IngestIssue] = []
    marker = DuplicateMarker()
    writer = ArticleWriter(output)
    for item in summary.track(read_input(input_path, max_bytes)):
        if isinstance(item, IngestIssue):
            issues.append(item)
            continue
        marker.mark(item)
        writer.write(item)
        if progress is not None:
            progress()
    writer.close()
    write_issue_report(Path(output).with_suffix(".issues.tsv"), issues, str(summary))
    return summary, issues
