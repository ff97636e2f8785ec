"""Evidence selection: the sentences of an article that bear on a claim.

Every sentence is scored against the claim by the IDF-weighted share of the claim's terms it
contains (the same weights as retrieval, entities counting double), plus a bonus when it
reports a quantity of the same kind as one the claim states (a duration for "close to 90
minutes", a dollar amount for "$300 billion"): "The 1.5-hour conversation…" shares few words
with the claim but is the sentence that settles it. The best few are kept; the first is the
one an alert shows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from .. import quantities as quantity_parsing
from ..quantities import Quantity
from .retrieval import VALUE_KINDS, ClaimTerms
from .text import AnalysedArticle, Sentence

TOP_EVIDENCE = 3
# A same-kind quantity in a sentence that already shares some of the claim's words is a
# strong sign it is the sentence that settles the claim.
QUANTITY_BONUS = 0.3
# Sentences sharing less than this with the claim are not evidence even with a quantity (the
# value's own context is checked when values are compared).
MIN_OVERLAP_FOR_QUANTITY = 0.0
TITLE_FACTOR = 0.9
# Names of the claim in this many preceding sentences (and the headline) count, somewhat less,
# for a sentence that refers to them without naming them.
CONTEXT_SENTENCES = 2
LEAD_SENTENCES = 3
CONTEXT_NAME_FACTOR = 0.8


@dataclass(frozen=True)
class Evidence:
    """One sentence chosen as evidence for a claim, with its score and what it matched."""

    sentence: Sentence
    score: float
    overlap: float                # share of the claim's term weight the sentence has
    matched: tuple[str, ...]
    quantities: tuple[Quantity, ...] = ()
    predicate: float = 0.0        # the same share counting only words that are not names
    names: float = 1.0            # the share of the claim's names' weight it has (1 when the claim names no one)
    said_terms: int = 0           # how many of the claim's words that are not names it has
    weight: float = 0.0           # the summed weight (IDF × boosts) of the claim's terms it has

    @property
    def text(self) -> str:
        return self.sentence.text


@dataclass
class QuantityCache:
    """Quantities of an article's sentences, parsed on first use and kept for the other claims."""

    article: AnalysedArticle
    parsed: dict[int, tuple[Quantity, ...]] = field(default_factory=dict)

    def of(self, sentence: Sentence) -> tuple[Quantity, ...]:
        found = self.parsed.get(sentence.index)
        if found is None:
            found = tuple(quantity_parsing.parse_quantities(sentence.text))
            self.parsed[sentence.index] = found
        return found


def same_kind(claimed: Quantity, reported: Quantity) -> bool:
    """Two quantities can be compared: same unit family (``compare_quantities`` knows them)."""
    return quantity_parsing.compare_quantities(claimed, reported) != "incomparable"


def select_evidence(article: AnalysedArticle, terms: ClaimTerms, cache: QuantityCache,
                    limit: int = TOP_EVIDENCE) -> list[Evidence]:
    """The ``limit`` sentences of the article that bear most on the claim, best first."""
    weights = terms.weights
    claim_quantities: Sequence[Quantity] = terms.claim.quantities
    scored: list[Evidence] = []
    # The value-kind pseudo-terms help retrieval find the claim; whether a sentence states it is
    # measured on its words (the values themselves are compared later).
    total = terms.total - terms.value_weight
    predicate_total = terms.predicate_total - terms.value_weight
    names_total = terms.total - terms.predicate_total
    # The claim's names in the headline, the lead and the two sentences before: "the summit" in a
    # story whose lead names Trump and Putin is their summit (coreference by proximity).
    title_names = frozenset().union(*(s.terms & terms.entity_terms for s in article.sentences[:LEAD_SENTENCES]))
    recent: list[frozenset[str]] = []
    for sentence in article.sentences:
        in_context = title_names.union(*recent) if recent else title_names
        recent = (recent + [sentence.terms & terms.entity_terms])[-CONTEXT_SENTENCES:]
        shared = (sentence.terms & weights.keys()) - VALUE_KINDS
        if not shared:
            continue
        overlap = sum(weights[t] for t in shared) / total
        predicate = (sum(weights[t] for t in shared if t not in terms.entity_terms) / predicate_total
                     if predicate_total > 1e-9 else overlap)
        names = 1.0
        if names_total > 1e-9:
            here = sum(weights[t] for t in shared if t in terms.entity_terms)
            nearby = sum(weights[t] for t in (in_context | (shared & terms.entity_terms)))
            names = max(here, CONTEXT_NAME_FACTOR * nearby) / names_total
        score = overlap
        found: tuple[Quantity, ...] = ()
        if sentence.start < 0:
            # the headline: a body sentence that says as much is the better evidence to show
            score *= TITLE_FACTOR
        if claim_quantities and overlap >= MIN_OVERLAP_FOR_QUANTITY:
            found = tuple(q for q in cache.of(sentence)
                          if any(same_kind(c, q) for c in claim_quantities))
            if found:
                score += QUANTITY_BONUS
        scored.append(Evidence(sentence, round(score, 4), round(overlap, 4), tuple(sorted(shared)), found,
                               round(predicate, 4), round(names, 4),
                               sum(1 for t in shared if t not in terms.entity_terms),
                               round(sum(weights[t] for t in shared), 4)))
    scored.sort(key=lambda e: (-e.score, e.sentence.index))
    return scored[:limit]
