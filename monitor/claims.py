"""The claim model, and extraction of claims from baseline documents.

A claim is one checkable statement of a baseline document: who said it, what kind it is
(reported fact, quantity, forecast with probability, scheduled event, opinion), and its
structured slots. Claims are written to a reviewable ``config/claims.toml`` that a person
edits; the database mirrors that file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .quantities import Quantity

KINDS = ("fact", "quantity", "forecast", "event", "opinion")


@dataclass
class Claim:
    id: str                                   # stable slug, e.g. "trump-putin-call-lasted-90-minutes"
    statement: str                            # normalised statement, one sentence
    kind: str                                 # one of KINDS
    quote: str = ""                           # the original sentence(s)
    speaker: str | None = None                # "Dmitry Peskov"
    source: str | None = None                 # document title / outlet
    document: str | None = None               # baseline_docs/<file>
    subject: str | None = None
    entities: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    probability: float | None = None          # forecasts: 0–1
    event_date: str | None = None             # ISO date of a scheduled event
    resolves_by: str | None = None            # ISO date by which a forecast/event should resolve
    active: bool = True
    sources: list[dict[str, Any]] = field(default_factory=list)   # other documents stating it
    slots: dict[str, Any] = field(default_factory=dict)           # anything else extracted
