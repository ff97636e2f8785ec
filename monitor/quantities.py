"""Quantities in text: parsing ("close to 90 minutes", "$300 billion", "1.5-hour", "around 20%")
into values with units, scales and approximation, and comparing two of them.

Shared by claim extraction (slots) and verdicts (values compared).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Quantity:
    """One normalised quantity.

    ``value`` is in the base unit (seconds for durations, USD for dollars, a 0–1 fraction for
    percentages and probabilities, days for day counts where the unit is a duration);
    ``low``/``high`` bound a range or an approximation; ``text`` is the span it came from.
    """

    value: float
    unit: str                # "second", "USD", "EUR", "percent", "count", "day", ... (base units)
    text: str                # the source span, e.g. "close to 90 minutes"
    approximate: bool = False
    low: float | None = None
    high: float | None = None
    start: int = 0           # character offsets of ``text`` in the sentence
    end: int = 0
