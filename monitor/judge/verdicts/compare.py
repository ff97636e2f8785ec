"""Values compared: a claim's quantity against the same kind of quantity in the evidence.

"close to 90 minutes" agrees with "1.5-hour" and "an hour and a half"; "$300 billion" is
contradicted by "$120bn so far"; "30-day" agrees with "month-long". The parsing and the
tolerance rules are ``monitor.judge.quantities``' (``parse_quantities``, ``compare_quantities``);
this module decides *which* values to compare and what the sentence does with each:

* a value the sentence **asserts** ("records show it lasted only 40 minutes", "the Kremlin said
  the call lasted an hour and a half");
* one it **distances** itself from ("Peskov claimed … close to 90 minutes", "commentators, who
  put it at $300 billion, predicted …");
* one it **rejects** ("about $120 billion so far, not $300 billion");
* one it cites as a **reference** ("far below the $200 billion that analysts said …").

An asserted value that disagrees with the claim (the claim's own value only cited, rejected or
distanced) contradicts it; an asserted value that agrees confirms it; a rejected claim value
contradicts it; two accounts that disagree with each other, or the claim's value only
repeated at a distance, leave it *disputed* — the article discusses the claim. Values of one
unit that differ more than tenfold measure different things (a 90-minute call, a month-long
truce) and are not compared. Both values are recorded, so an alert shows "claimed close to
90 minutes, reported only 40 minutes".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from ..quantities import Quantity, compare_quantities, parse_quantities
from .cues import CONTRAST, DISTANCING, REPORTING
from .evidence import Evidence
from .text import terms_of

# Only sentences that are clearly about the claim may settle it by a number: a dollar figure
# in a sentence about something else must not contradict "$300 billion".
MIN_OVERLAP = 0.3
# Same-unit values further apart than this measure different things.
MAX_RATIO = 10.0
# Words either side of a value that say what it measures.
WINDOW_WORDS = 8

AGREES, DISAGREES, DISPUTED = "agrees", "disagrees", "disputed"

_PREDICTING = re.compile(r"\b(?:predict(?:s|ed|ing)?|forecast(?:s|ed|ing)?|projects?|projected|"
                         r"put(?:s|ting)?\s+(?:\S+\s+){0,4}?at|estimat(?:e|es|ed|ing)|"
                         r"would|could|might|suggest(?:s|ed)?|speculat\w*)\b", re.I)
_REJECTED = re.compile(r"(?:\bnot|\bnor|\bnever|\brather\s+than|\binstead\s+of|\bno\s+longer)\s+(?:the\s+|about\s+|"
                       r"some\s+|even\s+)?$", re.I)
_REFERENCE = re.compile(r"\b(?:below|above|under|over|short\s+of|less\s+than|more\s+than|than|compared\s+(?:with|to)|"
                        r"versus|vs\.?|against|from)\s+(?:the\s+|an?\s+)?(?:\w+\s+)?$", re.I)
_RELATIVE_ATTRIBUTION = re.compile(r"^\s*,?\s*(?:that|which|as)\s+[^,;.]{0,60}?\b(?:said|says|claimed|claims|"
                                   r"predicted|estimated|reported|put|puts|forecast|insisted|argued)\b", re.I)
_BARE_NUMBER = re.compile(r"(?<![\w.$€£,])(\d+(?:\.\d+)?)(?![\w%$€£]|[.,]\d)")
_UNIT_WORD = re.compile(r"([A-Za-z]+)\W*$")
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*$|"
                    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)


@dataclass(frozen=True)
class ValueComparison:
    """The claim's value, the article's value, and what the sentence makes of them."""

    claimed: Quantity
    reported: Quantity
    result: str            # "agrees" | "disagrees" | "disputed"
    evidence: Evidence
    context: float = 0.0   # how well the words around the two values match (weight of shared terms)


def window_terms(text: str, start: int, end: int, words: int = WINDOW_WORDS) -> set[str]:
    """The terms of the ``words`` words before and after a span of ``text``."""
    before = text[:start].split()[-words:]
    after = text[end:].split()[:words]
    return set(terms_of(" ".join(before + after)))


def claim_value_contexts(statement: str, quantities: Sequence[Quantity]) -> list[frozenset[str]]:
    """For each of a claim's quantities, the terms around it in the statement (what it measures)."""
    spans = parse_quantities(statement)
    out = []
    for quantity in quantities:
        span = next((q for q in spans if q.unit == quantity.unit and q.value == quantity.value), None)
        if span is None:
            out.append(frozenset(terms_of(statement)))
        else:
            out.append(frozenset(window_terms(statement, span.start, span.end)))
    return out

    def as_dict(self) -> dict[str, Any]:
        return {"result": self.result, "claim": quantity_dict(self.claimed), "article": quantity_dict(self.reported)}


def quantity_dict(quantity: Quantity) -> dict[str, Any]:
    out: dict[str, Any] = {"text": quantity.text, "value": quantity.value, "unit": quantity.unit}
    if quantity.approximate:
        out["approximate"] = True
    if quantity.low is not None or quantity.high is not None:
        out["low"], out["high"] = quantity.low, quantity.high
    return out


def stance_of_value(sentence: str, quantity: Quantity) -> str:
    """What the sentence does with one of its values: "asserted", "distanced", "rejected" or "reference"."""
    before = sentence[:quantity.start]
    if _REJECTED.search(before[-30:]):
        return "rejected"
    if _REFERENCE.search(before[-30:]):
        return "reference"
    # The clause the value stands in, up to the value: an attribution verb there governs it.
    cuts = [m.end() for m in CONTRAST.finditer(before)]
    clause = before[cuts[-1]:] if cuts else before
    after = sentence[quantity.end:]
    if DISTANCING.search(clause) or _PREDICTING.search(clause):
        return "distanced"
    relative = _RELATIVE_ATTRIBUTION.search(after)
    if relative:
        return "distanced" if DISTANCING.search(relative.group()) or _PREDICTING.search(relative.group()) \
            else "asserted"
    return "asserted"


def _ratio_ok(a: Quantity, b: Quantity) -> bool:
    small, large = sorted((abs(a.value), abs(b.value)))
    return small > 0 and large / small <= MAX_RATIO


def sentence_values(item: Evidence, claim_quantities: Sequence[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """The evidence sentence's values comparable with the claim's, each with the value whose unit
    it has (itself, or for a bare number the sibling that gives its unit: "… close to 90
    minutes; another account put it at 40")."""
    found = [(q, q) for q in item.quantities]
    if not found:
        return found
    text = item.sentence.text
    taken = [(q.start, q.end) for q in parse_quantities(text)]
    unit_words = {m.group(1): q for q, _ in found for m in [_UNIT_WORD.search(q.text)] if m}
    for match in _BARE_NUMBER.finditer(text):
        start, end = match.span(1)
        if any(a <= start < b or a < end <= b for a, b in taken):
            continue
        number = float(match.group(1))
        if 1900 <= number <= 2100 and "." not in match.group(1):
            continue   # a year
        if _MONTH.search(text[max(0, start - 12):start]) or _MONTH.match(text[end:end + 12].lstrip()):
            continue   # a day of a month: "March 19", "19 March"
        for word, donor in unit_words.items():
            for quantity in parse_quantities(f"{match.group(1)} {word}"):
                if any(compare_quantities(c, quantity) != "incomparable" for c in claim_quantities):
                    found.append((Quantity(quantity.value, quantity.unit, match.group(1), quantity.approximate,
                                           quantity.low, quantity.high, start, end, quantity.counted), donor))
                    break
            else:
                continue
            break
    return found


def compare_values(claim_quantities: Sequence[Quantity], evidence: Sequence[Evidence],
                   contexts: Sequence[frozenset[str]] | None = None, weights: dict[str, float] | None = None,
                   names: frozenset[str] = frozenset(), min_score: float = MIN_OVERLAP) -> ValueComparison | None:
    """What the evidence's values say about the claim's; None when no sentence about the claim
    reports a comparable value.

    The claim's first quantity is its main one; later ones (a forecast's target, "might dwindle
    to $100 billion") count only when they agree. With ``contexts`` (``claim_value_contexts``),
    a reported value must stand among words that say it measures the same thing: at least one
    word around it, other than a name, that is also around the claim's value ("lasted", "aid").
    """
    if not claim_quantities:
        return None
    weights = weights or {}
    # Body sentences first: a headline that gives the same value is the weaker thing to show.
    for item in sorted(evidence, key=lambda e: e.sentence.start < 0):
        if item.score < min_score or not item.quantities:
            continue
        text = item.sentence.text
        measured: dict[int, float] = {}

        def same_thing(rank: int, reported: Quantity) -> bool:
            # (a bare number is checked by the words around the value that gave it its unit)
            if contexts is None:
                return True
            around = window_terms(text, reported.start, reported.end)
            shared = around & contexts[rank]
            if not shared - names:
                return False
            measured[id(reported)] = max(measured.get(id(reported), 0.0), sum(weights.get(t, 1.0) for t in shared))
            return True

        asserted_agree: list[tuple[Quantity, Quantity]] = []
        asserted_disagree: list[tuple[Quantity, Quantity]] = []
        distanced_agree: list[tuple[Quantity, Quantity]] = []
        distanced_disagree: list[tuple[Quantity, Quantity]] = []
        rejected_agree: list[tuple[Quantity, Quantity]] = []
        for reported, donor in sentence_values(item, claim_quantities):
            how = stance_of_value(text, reported)
            for rank, claimed in enumerate(claim_quantities):
                if not _ratio_ok(claimed, reported) or not same_thing(rank, donor):
                    continue
                result = compare_quantities(claimed, reported)
                if result == AGREES:
                    {"asserted": asserted_agree, "distanced": distanced_agree,
                     "rejected": rejected_agree}.get(how, []).append((claimed, reported))
                    break
                if result == DISAGREES and rank == 0:
                    {"asserted": asserted_disagree, "distanced": distanced_disagree}.get(how, []).append(
                        (claimed, reported))
        if asserted_disagree and not asserted_agree:
            pair, result = asserted_disagree[0], DISAGREES
        elif rejected_agree and not asserted_agree:
            pair, result = (asserted_disagree or rejected_agree)[0], DISAGREES
        elif asserted_agree and not asserted_disagree:
            pair, result = asserted_agree[0], AGREES
        elif asserted_agree or distanced_agree:
            # two accounts that differ, or the claim's value only repeated at a distance
            pair, result = (asserted_agree or distanced_agree)[0], DISPUTED
            others = asserted_disagree or distanced_disagree
            if others:
                pair = (pair[0], others[0][1])
        else:
            continue
        return ValueComparison(pair[0], pair[1], result, item, max(measured.values(), default=0.0))
    return None
