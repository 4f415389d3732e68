"""Read a corpus (folder, single .txt/.html file, or .jsonl) into cleaned Articles, one at a time.

Streaming matters: corpora grow to many thousands of files, so nothing here holds more than one file or
one JSONL line in memory (plus the set of ids seen, to catch duplicates). Bad input never stops a batch:
each bad file or row yields exactly one IngestIssue and the batch goes on.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

from corpus.clean import clean_article
from corpus.schema import Article

DEFAULT_MAX_BYTES = 5_000_000
TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

SKIPPED = "skipped"
WARNING = "warning"


@dataclass(slots=True, frozen=True)
class IngestIssue:
    """One problem with one input. `kind` is a short machine key (empty, binary, ...) for summaries."""

    source: str  # file path, or path:line for JSONL
    reason: str  # one line, names the file (and line)
    severity: str  # "skipped" (nothing produced) | "warning" (article produced anyway)
    kind: str = "other"


@dataclass(slots=True)
class IngestSummary:
    """Counts what a batch produced, for the CLI line "read=… skipped=… (empty=…, binary=…) warnings=…"."""

    read: int = 0
    skipped: Counter = field(default_factory=Counter)
    warnings: Counter = field(default_factory=Counter)

    def add(self, item: Article | IngestIssue) -> None:
        if isinstance(item, Article):
            self.read += 1
        elif item.severity == SKIPPED:
            self.skipped[item.kind] += 1
        else:
            self.warnings[item.kind] += 1

    def track(self, items: Iterable[Article | IngestIssue]) -> Iterator[Article | IngestIssue]:
        """Pass items through unchanged while counting them."""
        for item in items:
            self.add(item)
            yield item

    def __str__(self) -> str:
        line = f"read={self.read} skipped={sum(self.skipped.values())}"
        if self.skipped:
            line += " (" + ", ".join(f"{k}={n}" for k, n in sorted(self.skipped.items())) + ")"
        return line + f" warnings={sum(self.warnings.values())}"


class _Batch:
    """Per-run state: ids already used, so duplicates get a suffix instead of silently colliding."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def unique(self, article_id: str, source: str, label: str) -> tuple[str, IngestIssue | None]:
        if article_id not in self.seen:
            self.seen.add(article_id)
            return article_id, None
        n = 2
        while f"{article_id}~{n}" in self.seen:
            n += 1
        new_id = f"{article_id}~{n}"
        self.seen.add(new_id)
        return new_id, IngestIssue(source, f"{label}: duplicate id {article_id!r} in this batch, kept as "
                                           f"{new_id!r}", WARNING, "duplicate_id")


class _KeepIds(_Batch):
    def unique(self, article_id: str, source: str, label: str) -> tuple[str, IngestIssue | None]:
        return article_id, None


def iter_articles(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | IngestIssue]:
    """Yield an Article for every readable input and an IngestIssue for every problem, in sorted order."""
    path = Path(path)
    files = input_files(path)
    if files is None:
        yield IngestIssue(str(path), f"{path}: no such file or folder", SKIPPED, "missing")
        return
    batch = _Batch()
    for file in files:
        if file.suffix.lower() in JSONL_SUFFIXES:
            yield from _iter_jsonl(file, batch, max_bytes)
        else:
            yield from _read_file(file, batch, max_bytes)


def input_files(path: Path) -> list[Path] | None:
    """The files a folder or file input is read from, in reading order; None if the path does not exist."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
                      and not any(part.startswith(".") for part in p.relative_to(path).parts))
    return [path] if path.is_file() else None


def iter_slice(file: Path, *, start: int = 0, stop: int | None = None, first_line: int = 1,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | IngestIssue]:
    """One file, or the lines of a JSONL between byte offsets `start` and `stop` (one partition of a
    sharded run). Ids are left as they are: only the whole run in order can tell a repeated id from the
    first one, so `unique_id` is applied by the caller."""
    if file.suffix.lower() in JSONL_SUFFIXES:
        yield from _iter_jsonl(file, _KeepIds(), max_bytes, start, stop, first_line)
    else:
        yield from _read_file(file, _KeepIds(), max_bytes)


def duplicate_id_label(source: str, source_format: str | None) -> str:
    """How issue lines name an input: the file, or "file line N" for a JSONL row."""
    if source_format == "jsonl" and ":" in source:
        file, line = source.rsplit(":", 1)
        return f"{file} line {line}"
    return source


def _decode(data: bytes, source: str, label: str) -> tuple[str | None, IngestIssue | None]:
    """UTF-8 first; legacy Windows/Latin-1 text is kept (with a warning) since old portals still serve it."""
    if b"\x00" in data:
        return None, IngestIssue(source, f"{label}: binary content (NUL bytes), skipped", SKIPPED, "binary")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    # Many C0 control bytes mean this is not text in any 8-bit encoding either.
    controls = sum(b < 32 and b not in b"\t\n\r\f" for b in data)
    if controls > max(2, len(data) // 100):
        return None, IngestIssue(source, f"{label}: binary content (undecodable bytes), skipped", SKIPPED,
                                 "binary")
    try:
        return data.decode("cp1252"), IngestIssue(source, f"{label}: not UTF-8, decoded as cp1252", WARNING,
                                                  "encoding")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return data.decode("latin-1"), IngestIssue(source, f"{label}: not UTF-8, decoded as latin-1",
                                                   WARNING, "encoding")


def _read_file(file: Path, batch: _Batch, max_bytes: int) -> Iterator[Article | IngestIssue]:
    source = str(file)
    try:
        size = file.stat().st_size
        if size > max_bytes:  # checked before reading so a huge file never enters memory
            yield IngestIssue(source, f"{source}: file too large ({size} bytes > limit {max_bytes})", SKIPPED,
                              "too_large")
            return
        data = file.read_bytes()
    except OSError as exc:
        yield IngestIssue(source, f"{source}: cannot read ({exc.strerror or exc})", SKIPPED, "unreadable")
        return
    if not data.strip():
        yield IngestIssue(source, f"{source}: empty file", SKIPPED, "empty")
        return
    text, issue = _decode(data, source, source)
    if text is None:
        yield issue
        return
    if not text.strip():
        yield IngestIssue(source, f"{source}: empty file", SKIPPED, "empty")
        return
    fmt = "html" if file.suffix.lower() in HTML_SUFFIXES else "txt"
    yield from _emit(batch, file.stem, text, source, source, hashlib.sha1(data).hexdigest(), issue, {},
                     fmt=fmt, is_html=fmt == "html")


def _iter_jsonl(file: Path, batch: _Batch, max_bytes: int, start: int = 0, stop: int | None = None,
                first_line: int = 1) -> Iterator[Article | IngestIssue]:
    try:
        handle = file.open("rb")
    except OSError as exc:
        yield IngestIssue(str(file), f"{file}: cannot read ({exc.strerror or exc})", SKIPPED, "unreadable")
        return
    with handle:
        handle.seek(start)
        lineno = first_line - 1
        while (stop is None or handle.tell() < stop) and (raw := handle.readline(max_bytes + 1)):
            lineno += 1
            source = f"{file}:{lineno}"
            if len(raw) > max_bytes:
                size = len(raw)
                while not raw.endswith(b"\n") and (raw := handle.readline(1 << 20)):  # skip, never hold it
                    size += len(raw)
                yield IngestIssue(source, f"{file} line {lineno}: row too large ({size} bytes > limit "
                                          f"{max_bytes})", SKIPPED, "too_large")
                continue
            if raw.strip():
                yield from _jsonl_row(raw, file, lineno, batch)


def _jsonl_row(raw: bytes, file: Path, lineno: int, batch: _Batch) -> Iterator[Article | IngestIssue]:
    source = f"{file}:{lineno}"
    where = f"{file} line {lineno}"
    line, issue = _decode(raw, source, where)
    if line is None:
        yield issue
        return
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        yield IngestIssue(source, f"{where}: invalid JSON ({exc.msg} at column {exc.colno})", SKIPPED,
                          "invalid_json")
        return
    if not isinstance(row, dict):
        yield IngestIssue(source, f"{where}: expected a JSON object, got {type(row).__name__}", SKIPPED,
                          "invalid_json")
        return
    text, html = row.get("text"), row.get("html")
    has_text = isinstance(text, str) and text.strip()
    has_html = isinstance(html, str) and html.strip()
    if not has_text and not has_html:
        yield IngestIssue(source, f"{where}: row has no text", SKIPPED, "no_text")
        return
    raw_id = row.get("id")
    article_id = str(raw_id).strip() if raw_id is not None and str(raw_id).strip() else None
    if article_id is None:
        # Content-derived so re-running the same file gives the same id.
        body = text if has_text else html
        article_id = "sha1-" + hashlib.sha1(body.encode("utf-8", "replace")).hexdigest()[:16]
        reason = f"row has no id, using {article_id}"
        # One issue per row: fold this into an encoding warning if the row already has one.
        issue = (IngestIssue(source, f"{issue.reason}; {reason}", WARNING, issue.kind) if issue
                 else IngestIssue(source, f"{where}: {reason}", WARNING, "missing_id"))
    meta = {k: row.get(k) for k in ("title", "url", "date", "outlet", "author")}
    yield from _emit(batch, article_id, text if has_text else html, source, where,
                     hashlib.sha1(raw.rstrip(b"\r\n")).hexdigest(), issue, meta, fmt="jsonl", is_html=not has_text)


def _emit(batch: _Batch, article_id: str, body: str, source: str, label: str, raw_sha1: str,
          issue: IngestIssue | None, meta: dict, *, fmt: str, is_html: bool) -> Iterator[Article | IngestIssue]:
    """Clean one input and yield its issue (if any) followed by the Article, or a single skip."""
    meta = {k: (str(v) if v is not None and not isinstance(v, str) else v) for k, v in meta.items()}
    deck = None
    if is_html:
        extracted = _extract_html(body)
        if extracted is None:
            yield IngestIssue(source, f"{label}: no main text found in HTML", SKIPPED, "no_text")
            return
        body = extracted.pop("text")
        deck = extracted.pop("deck")
        # Explicit JSONL fields beat what trafilatura guesses from the page.
        meta = {k: meta.get(k) or extracted.get(k) for k in ("title", "url", "date", "outlet", "author")}
    article = clean_article(body, article_id=article_id, title=meta.get("title"), url=meta.get("url"),
                            date=meta.get("date"), outlet=meta.get("outlet"), source_format=fmt,
                            author=meta.get("author"), deck=deck)
    if not article.text:  # reported as skipped only; a decode warning would be a second issue for one input
        yield IngestIssue(source, f"{label}: no body text left after cleaning", SKIPPED, "no_text")
        return
    if issue is not None:
        yield issue
    article.article_id, dup = batch.unique(article_id, source, label)
    if dup is not None:
        yield dup
    article.source = source
    article.raw_sha1 = raw_sha1
    yield article


def _extract_html(html: str) -> dict | None:
    """Main text and metadata via trafilatura; scripts, styles and navigation never reach the text."""
    out = trafilatura.extract(html, output_format="json", with_metadata=True, include_comments=False,
                              include_tables=False, favor_recall=True, deduplicate=False)
    if not out:
        return None
    doc = json.loads(out)
    if not (doc.get("text") or "").strip():
        return None
    return {
        "text": doc["text"],
        "title": doc.get("title"),
        "author": doc.get("author"),
        "date": doc.get("date"),
        "outlet": doc.get("source-hostname") or doc.get("hostname"),
        "url": doc.get("source"),
        "deck": doc.get("excerpt"),
    }
