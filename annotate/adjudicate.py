"""Gold labels from annotation rows: which statements need an adjudicator, and one GoldLabel per statement.

Votes are the usable rows (not skipped or cancelled), one per annotator and statement (a later row replaces
an earlier one). A concern is in the gold label when more than half of the voters ticked it. An adjudicator's
row replaces the votes. A statement that cannot get a gold label (every annotation skipped, or no majority
and no adjudication) is listed in `GoldLabels.unresolved` with the reason, never dropped silently."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .agreement import usable_rows
from .records import AnnotationRow, GoldLabel
from .schema import Study


@dataclass(frozen=True)
class Disagreement:
    statement_id: str
    annotators: tuple[str, ...]
    reasons: tuple[str, ...]  # e.g. "stance: bersyarat×1, menolak×1", "no majority on concern efisiensi (1 of 2)"


@dataclass(frozen=True)
class Unresolved:
    statement_id: str
    reason: str


class GoldLabels(list):
    """The gold labels (a plain list of GoldLabel), carrying the statements that got none and why."""

    def __init__(self, labels=(), unresolved=()):
        super().__init__(labels)
        self.unresolved: list[Unresolved] = list(unresolved)


def _one_study(rows: list[AnnotationRow], study: Study) -> None:
    if other := sorted({r.study for r in rows} - {study.version}):
        raise ValueError(f"rows labelled under {', '.join(other)} given for {study.version}")


def _vote(votes: dict[str, AnnotationRow], study: Study) -> tuple[str | None, list[str], list[str]]:
    """The majority stance (None without one), the majority concerns and the reasons the vote is not unanimous
    or has no majority."""
    n = len(votes)
    stances = Counter(r.stance for r in votes.values())
    top, top_n = stances.most_common(1)[0]
    reasons = []
    if len(stances) > 1:
        reasons.append("stance: " + ", ".join(f"{s}×{c}" for s, c in sorted(stances.items())))
    concerns = []
    for c in study.concern_values:
        k = sum(c in r.concerns for r in votes.values())
        if 2 * k > n:
            concerns.append(c)
        elif 2 * k == n:
            reasons.append(f"no majority on concern {c} ({k} of {n})")
        elif k:
            reasons.append(f"concern {c}: {k} of {n}")
    return (top if 2 * top_n > n else None), concerns, reasons


def needs_adjudication(rows: list[AnnotationRow], study: Study) -> list[Disagreement]:
    """Statements with two or more votes whose stances differ or that have no majority on some concern (a tie).
    A minority concern with a clear majority against it is resolved by the vote and not listed."""
    _one_study(rows, study)
    out = []
    for item, votes in usable_rows(rows)[0].items():
        if len(votes) < 2:
            continue
        _, _, reasons = _vote(votes, study)
        flagged = [r for r in reasons if r.startswith(("stance", "no majority"))]
        if flagged:
            out.append(Disagreement(item, tuple(sorted(votes)), tuple(flagged)))
    return out


def resolve_gold(rows: list[AnnotationRow], study: Study,
                 adjudications: list[AnnotationRow] | None = None) -> GoldLabels:
    """One GoldLabel per statement that has usable votes or an adjudication, in first-seen order."""
    _one_study(rows + list(adjudications or []), study)
    votes_by_item, _, _ = usable_rows(rows)
    decided = {}
    for adj in adjudications or []:
        if not adj.was_cancelled and adj.stance is not None:
            decided[adj.statement_id] = adj  # the latest adjudication of a statement wins
    gold, unresolved = [], []
    for item in dict.fromkeys([r.statement_id for r in rows] + list(decided)):
        votes = votes_by_item.get(item, {})
        voters = sorted(votes)
        if item in decided:
            adj = decided[item]
            gold.append(GoldLabel(study.version, item, adj.stance,
                                  [c for c in study.concern_values if c in adj.concerns], "adjudicated",
                                  len(voters), voters, adj.annotator))
            continue
        if not votes:
            unresolved.append(Unresolved(item, "every annotation was skipped or cancelled"))
            continue
        stance, concerns, reasons = _vote(votes, study)
        if stance is None or any(r.startswith("no majority") for r in reasons):
            why = [r for r in reasons if r.startswith(("stance", "no majority"))]
            unresolved.append(Unresolved(item, "needs adjudication: " + "; ".join(why)))
            continue
        source = "single" if len(votes) == 1 else ("unanimous" if not reasons else "majority")
        gold.append(GoldLabel(study.version, item, stance, concerns, source, len(voters), voters))
    return GoldLabels(gold, unresolved)
