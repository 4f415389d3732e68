"""The label records other stages read by name (a contract like corpus.schema): what `wacana pull` writes, one
row per (statement, annotator), and what `wacana adjudicate` writes, one gold label per statement. The
shipped sample's labels are stored in exactly these shapes."""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields

LABEL_SOURCES = ("unanimous", "majority", "adjudicated", "single")

@dataclass(slots=True)
class AnnotationRow:
    study: str                # schema version the task was labelled under, e.g. "wfh-asn.v1"
    statement_id: str
    annotator: str            # stable annotator handle (Label Studio user email), never a token
    stance: str | None        # None when the annotator skipped the task
    concerns: list[str] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)  # {start, end, text, label}; offsets into the statement text
    was_cancelled: bool = False  # skipped in Label Studio
    lead_time: float | None = None  # seconds spent, as Label Studio measured it
    task_id: int | None = None
    annotation_id: int | None = None
    created_at: str | None = None  # ISO 8601
    updated_at: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)

@dataclass(slots=True)
class GoldLabel:
    study: str
    statement_id: str
    stance: str
    concerns: list[str]
    label_source: str         # one of LABEL_SOURCES; "single" = labelled by one annotator only
    n_annotators: int
    annotators: list[str] = field(default_factory=list)
    adjudicator: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)

@dataclass(slots=True)
class Prediction:
    """What `wacana predict` writes and `wacana push --predictions` attaches as pre-annotations."""

    statement_id: str
    stance: str
    stance_score: float       # probability (or lexicon confidence) of `stance`
    concerns: list[str]
    concern_scores: dict[str, float]  # every concern of the study → its score
    model_version: str        # e.g. "wacana-baseline.v2" or "wacana-lexicon.v1"

    def to_dict(self) -> dict:
        return asdict(self)


ANNOTATION_FIELDS = [f.name for f in fields(AnnotationRow)]
GOLD_FIELDS = [f.name for f in fields(GoldLabel)]
PREDICTION_FIELDS = [f.name for f in fields(Prediction)]


def in_overlap_sample(statement_id: str, share: float) -> bool:
    """Whether a statement belongs to the overlap sample labelled by several annotators. A hash, not a random
    draw, so push, the shipped sample and any re-run pick the same statements for the same share."""
    return int(hashlib.sha1(statement_id.encode()).hexdigest()[:8], 16) < share * 16**8
