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
    r"\b(?:will|would|shall|is\s+to|are\s+to|going\s+to|slated|scheduled|set\s+to|expect|expected|expects|"
    r"chances?|odds|likely|likelihood|probability|predict\w*|forecast\w*|"
    r"plans?\s+to|planning|hopes?\s+to|intends?\s+to|next\s+(?:week|month)|upcoming|coming|could|"
    r"might|(?-i:may)|if|whether|ahead\s+of|before\s+the)\b", re.I)
NOT_HAPPENED = re.compile(
    r"\b(?:without|no|not|never|n't|failed\s+to|fell\s+through|collapsed|called\s+off|cancel(?:l?ed|s)|"
    r"postponed|scrapped|broke\s+down|stalled|ended\s+in\s+deadlock|deadlock(?:ed)?|empty-handed)\b|n't\b",
    re.I)
# A resolving sentence must name at least this share of the event's weight, this share of the
# weight of its words that are not names, and this share of the weight of its names.
MIN_EVENT_COVERAGE = 0.5
MIN_ACTION_COVERAGE = 0.5
MIN_NAMES_COVERAGE = 0.6


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


SCHEDULED = re.compile(r"\b(?:will|shall|slated|scheduled|set\s+to|expected|due\s+to|plans?\s+to|planned|"
                       r"is\s+to|are\s+to|next|coming|upcoming|forthcoming|going\s+to)\b", re.I)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def is_resolvable(claim: Claim) -> bool:
    """Forecasts with a probability, and events still to come when the claim was made (a
    ``resolves_by`` date, or future words: "slated to meet next week"), are resolved by later
    coverage. A past event ("the first call took place on 12 February") is a fact to confirm."""
    if claim.probability is not None:
        return True
    if claim.kind not in ("forecast", "event"):
        return False
    return bool(claim.resolves_by) or bool(SCHEDULED.search(claim.statement))


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
                 published_at: str | None = None, entity_terms: frozenset[str] = frozenset()) -> Resolution | None:
    """The first evidence sentence that reports the outcome of the claim's forecast or event.

    The sentence must name the event itself — most of the claim's weight without the framing
    words, most of its words that are not names (an agreement, a meeting) and most of its
    names (who takes part) — and must not be about an earlier year than the claim's own ("Trump met Putin
    in Helsinki in 2018" does not resolve a 2025 summit forecast).
    """
    if not is_resolvable(claim):
        return None
    weights = event_weights(claim_weights)
    total = sum(weights.values()) or 1.0
    action = {t: w for t, w in weights.items() if t not in entity_terms}
    action_total = sum(action.values())
    names = {t: w for t, w in weights.items() if t in entity_terms}
    names_total = sum(names.values())
    claim_negative = bool(NEGATION.search(claim.statement))
    earliest = _claim_year(claim, published_at)
    for item in evidence:
        text = item.sentence.text
        terms = item.sentence.terms
        coverage = sum(w for t, w in weights.items() if t in terms) / total
        if coverage < MIN_EVENT_COVERAGE:
            continue
        if action_total and sum(w for t, w in action.items() if t in terms) / action_total < MIN_ACTION_COVERAGE:
            continue
        # …and who takes part: "Bessent met Zelensky" does not resolve "Kellogg is to meet Zelensky"
        if names_total and sum(w for t, w in names.items() if t in terms) / names_total < MIN_NAMES_COVERAGE:
            continue
        if FUTURE.search(text) or not PAST.search(text):
            continue
        if earliest and any(int(year) < earliest for year in _YEAR.findall(text)):
            continue
        happened = not NOT_HAPPENED.search(text)
        if claim_negative:
            happened = not happened
        brier = brier_score(claim.probability, happened) if claim.probability is not None else None
        return Resolution("happened" if happened else "did-not-happen", report_date(published_at), item, brier)
    return None


def _claim_year(claim: Claim, published_at: str | None) -> int | None:
    """The year the claim was made or is about (event date, resolution date, first source's date)."""
    for value in (claim.event_date, claim.resolves_by,
                  *(str(source.get("date", "")) for source in claim.sources if isinstance(source, dict))):
        if value and _YEAR.match(str(value)[:4]):
            return int(str(value)[:4])
    # Without dates on the claim, a sentence about a year before the article's is background.
    if published_at and _YEAR.match(published_at[:4]):
        return int(published_at[:4])
    return None
