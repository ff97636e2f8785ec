"""Resolving forecasts and scheduled events from coverage: did it happen, when, and the Brier score.

A forecast ("odds of an agreement emerging from the summit around 20%") or a scheduled event
("Kellogg is slated to meet Zelensky next week") is resolved by a sentence that reports its
outcome as done: it names the event (most of the claim's event words), speaks of it in the
past ("ended", "met", "signed", "took place") rather than the future ("will meet", "is
expected"), and is not hedged. A negated outcome ("ended without an agreement", "the meeting
was cancelled", "failed to reach a deal") means it did not happen. The date is the article's
publication date (the day the outcome was reported), else today.

The Brier score of a forecast with probability p is (p − outcome)², outcome 1 if it happened.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Sequence

from ..claims import Claim
from .cues import NEGATION
from .evidence import Evidence
from .text import terms_of

# Words of a forecast that describe the forecast, not the event it is about.
FORECAST_WORDS = frozenset(terms_of(
    "odds chance chances probability probable likely likelihood percent per cent expect expected "
    "expects around about roughly estimate estimated gauge forecast predict predicted predicts "
    "prediction slated scheduled set due coming upcoming next week month soon plan planned "
    "minimal might could may will emerging emerge"))
PAST = re.compile(
    r"\b(?:\w{3,}ed|met|held|signed|reached|struck|took\s+place|happened|ended|concluded|produced|"
    r"yielded|broke|fell|came|went|began|left|won|lost|made|gave|got|sat\s+down|shook\s+hands|"
    r"was|were|has\s+been|have\s+been|had)\b", re.I)
FUTURE = re.compile(
    r"\b(?:will|would|shall|is\s+to|are\s+to|going\s+to|slated|scheduled|set\s+to|expected|expects|"
    r"plans?\s+to|planning|hopes?\s+to|intends?\s+to|next\s+(?:week|month)|upcoming|coming|could|"
    r"might|(?-i:may)|if|whether|ahead\s+of|before\s+the)\b", re.I)
NOT_HAPPENED = re.compile(
    r"\b(?:without|no|not|never|n't|failed\s+to|fell\s+through|collapsed|called\s+off|cancel(?:l?ed|s)|"
    r"postponed|scrapped|broke\s+down|stalled|ended\s+in\s+deadlock|deadlock(?:ed)?|empty-handed)\b|n't\b",
    re.I)
# A resolving sentence must name at least this share of the event's weight.
MIN_EVENT_COVERAGE = 0.5


@dataclass(frozen=True)
class Resolution:
    """A forecast's or event's outcome as reported, with the sentence that reports it."""

    outcome: str                 # "happened" | "did-not-happen"
    date: str                    # ISO date the outcome was reported
    evidence: Evidence
    brier: float | None = None   # forecasts with a probability only

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"outcome": self.outcome, "date": self.date}
        if self.brier is not None:
            out["brier"] = round(self.brier, 4)
        return out


def is_resolvable(claim: Claim) -> bool:
    """Forecasts with a probability and scheduled events can be resolved by later coverage."""
    return claim.kind in ("forecast", "event") or claim.probability is not None


def brier_score(probability: float, happened: bool) -> float:
    """(p − outcome)²: 0 for a certain, right forecast; 1 for a certain, wrong one."""
    return (probability - (1.0 if happened else 0.0)) ** 2


def report_date(published_at: str | None) -> str:
    """The ISO date of a publication timestamp, or today's when there is none."""
    if published_at:
        try:
            return datetime.fromisoformat(published_at.replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            if re.match(r"\d{4}-\d{2}-\d{2}", published_at):
                return published_at[:10]
    return date.today().isoformat()


def event_weights(claim_weights: dict[str, float]) -> dict[str, float]:
    """The claim's weighted terms less the words that only frame it as a forecast."""
    kept = {t: w for t, w in claim_weights.items() if t not in FORECAST_WORDS and not t[0].isdigit()}
    return kept or dict(claim_weights)


def find_outcome(claim: Claim, claim_weights: dict[str, float], evidence: Sequence[Evidence],
                 published_at: str | None = None) -> Resolution | None:
    """The first evidence sentence that reports the outcome of the claim's forecast or event."""
    if not is_resolvable(claim):
        return None
    weights = event_weights(claim_weights)
    total = sum(weights.values()) or 1.0
    claim_negative = bool(NEGATION.search(claim.statement))
    for item in evidence:
        text = item.sentence.text
        coverage = sum(w for t, w in weights.items() if t in item.sentence.terms) / total
        if coverage < MIN_EVENT_COVERAGE:
            continue
        if FUTURE.search(text) or not PAST.search(text):
            continue
        happened = not NOT_HAPPENED.search(text)
        if claim_negative:
            happened = not happened
        brier = brier_score(claim.probability, happened) if claim.probability is not None else None
        return Resolution("happened" if happened else "did-not-happen", report_date(published_at), item, brier)
    return None
