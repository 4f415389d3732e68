"""The records every stage exchanges. Field names are a contract: Label Studio tasks, the dataset and the
evaluations read them by name, so rename nothing without bumping EXTRACTOR_VERSION."""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields

EXTRACTOR_VERSION = "wacana-statements.v5"


@dataclass(slots=True)
class Article:
    """A cleaned article. `text` is the normalised body; every statement offset points into it."""

    article_id: str
    text: str
    title: str | None = None
    deck: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    author: str | None = None
    editor: str | None = None
    date: str | None = None  # ISO 8601 date when known
    url: str | None = None
    source: str | None = None  # file the article came from (path, or path:line for JSONL)
    source_format: str | None = None  # txt | html | jsonl
    raw_sha1: str | None = None  # of the raw input, so a changed source is noticed
    duplicate_of: str | None = None
    removed: list[str] = field(default_factory=list)  # boilerplate kinds removed, for the audit trail

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class Statement:
    statement_id: str
    article_id: str
    start: int
    end: int
    text: str
    quote_type: str  # direct | indirect
    cue: str | None
    speaker: str | None
    speaker_mention: str | None
    role: str | None
    role_category: str | None
    institution: str | None
    region: str | None
    party: str | None
    statement_date: str | None
    paragraph: int
    extractor_version: str = EXTRACTOR_VERSION

    def to_dict(self) -> dict:
        return asdict(self)


STATEMENT_FIELDS = [f.name for f in fields(Statement)]
ARTICLE_FIELDS = [f.name for f in fields(Article)]


def statement_id(article_id: str, start: int, end: int, text: str) -> str:
    """Stable across runs and machines: depends only on where the span is and what it says."""
    key = f"{article_id}\x1f{start}\x1f{end}\x1f{text}".encode()
    return hashlib.sha1(key).hexdigest()[:16]
