"""Values compared: a claim's quantity against the same kind of quantity in the evidence.

"close to 90 minutes" agrees with "1.5-hour" and "an hour and a half"; "$300 billion" is
contradicted by "$120bn so far"; "30-day" agrees with "month-long". The parsing and the
tolerance rules are ``monitor.quantities``' (``parse_quantities``, ``compare_quantities``);
this module decides *which* two values to compare — the claim's quantity and the reported one
of the same unit family in the sentence that is most about the claim, nearest to the words it
shares with the claim — and records both, so an alert shows "claimed 90 minutes, reported
1.5-hour".
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Sequence

from ..quantities import Quantity, compare_quantities
from .evidence import Evidence

# Only sentences that are clearly about the claim may settle it by a number: a dollar figure
# in a sentence about something else must not contradict "$300 billion".
MIN_OVERLAP = 0.3


@dataclass(frozen=True)
class ValueComparison:
    """The claim's value, the article's value, and whether they agree."""

    claimed: Quantity
    reported: Quantity
    result: str            # "agrees" | "disagrees"
    evidence: Evidence

    def as_dict(self) -> dict[str, Any]:
        return {
            "result": self.result,
            "claim": quantity_dict(self.claimed),
            "article": quantity_dict(self.reported),
        }


def quantity_dict(quantity: Quantity) -> dict[str, Any]:
    out: dict[str, Any] = {"text": quantity.text, "value": quantity.value, "unit": quantity.unit}
    if quantity.approximate:
        out["approximate"] = True
    if quantity.low is not None or quantity.high is not None:
        out["low"], out["high"] = quantity.low, quantity.high
    return out


def _distance(evidence: Evidence, quantity: Quantity) -> float:
    """How far (in characters) the quantity stands from the nearest word the sentence shares with the claim."""
    text = evidence.sentence.text.lower()
    best = math.inf
    for term in evidence.matched:
        position = text.find(term)
        if position >= 0:
            best = min(best, abs(position - quantity.start), abs(position - quantity.end))
    return best


def compare_values(claim_quantities: Sequence[Quantity], evidence: Sequence[Evidence],
                   min_overlap: float = MIN_OVERLAP) -> ValueComparison | None:
    """Compare the claim's values with the evidence's; None when no sentence reports a comparable value.

    The claim's first quantity is its main one; later ones (a forecast's target, "might dwindle
    to $100 billion") are compared only when the main one finds no comparable value. Within a
    sentence, a reported value that agrees with any claimed value wins over one that disagrees
    (a sentence quoting both the claim and a correction is settled by the contrast cues, not
    here); among disagreeing values the one nearest the claim's words is taken.
    """
    if not claim_quantities:
        return None
    for item in evidence:
        if item.overlap < min_overlap or not item.quantities:
            continue
        agreements: list[ValueComparison] = []
        disagreements: list[tuple[float, ValueComparison]] = []
        for reported in item.quantities:
            for rank, claimed in enumerate(claim_quantities):
                result = compare_quantities(claimed, reported)
                if result == "agrees":
                    agreements.append(ValueComparison(claimed, reported, result, item))
                    break
                if result == "disagrees" and rank == 0:
                    disagreements.append((_distance(item, reported), ValueComparison(claimed, reported, result, item)))
        if agreements:
            return agreements[0]
        if disagreements:
            return min(disagreements, key=lambda pair: pair[0])[1]
    return None
