"""Candidate retrieval: which tracked claims deserve a closer look for one article.

An inverted index over the claims' terms (statement, subject, names; the quote's other words
as context), weighted by inverse document frequency in a background news corpus, with names
counting double, and scaled down for terms many of the tracked claims share (with eleven
claims about one phone call, "Putin" tells them apart less than "Moscow" or "minutes" do).

An article is scored against only the claims that share a term with it (the postings of its
terms): a claim's score is the IDF-weighted share of its terms the article contains
("coverage"), saturated BM25-style by how often the article repeats each term. A short
shortlist is then re-ranked by its best single sentence, since a long article covers a short
claim's words somewhere without being about it. Cost per article is the article's length plus
the postings it touches plus a fixed shortlist, so it grows far slower than the number of
claims (measured in ``bench/verdicts.py``).
"""
from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

from ..claims import Claim
from ..quantities import parse_quantities
from .text import UNIT_KINDS, AnalysedArticle, TermWeights, default_weights, terms_of

# BM25's k1: how fast repeated mentions of a term in the article stop adding to its weight.
K1 = 1.2
ENTITY_BOOST = 2.0
QUOTE_WEIGHT = 0.5
# Capitalised words that are titles or roles, not names ("President Zelensky", "Treasury Secretary").
TITLE_WORDS = frozenset("""
president presidents secretary minister prime chancellor spokesman spokeswoman spokesperson envoy
special treasury defence defense foreign state senator governor general ambassador official officials
the a an his her their on in at of for to and during after before when while this that
""".split())
VALUE_KINDS = frozenset(UNIT_KINDS.values())
# Names may make at most this share of a claim's weight.
MAX_ENTITY_SHARE = 0.45
# Claims ranked on the whole article, this many times the number wanted, are re-ranked on their
# best sentence, with this share of the article-level score added.
SHORTLIST_FACTOR = 4
ARTICLE_SHARE = 0.5
# The matched weight at which a sentence's evidence counts half (about two uncommon words).
WEIGHT_HALF = 8.0
# Below this coverage a claim is not worth a closer look: a couple of generic shared words.
MIN_COVERAGE = 0.2


@dataclass(frozen=True)
class ClaimTerms:
    """The weighted terms of one claim (weights already include IDF and field boosts)."""

    claim: Claim
    weights: dict[str, float]
    entity_terms: frozenset[str]
    total: float
    predicate_total: float = 0.0   # the weight of the terms that are not names
    value_weight: float = 0.0      # the weight of the value-kind pseudo-terms ("<duration>"): retrieval only


@dataclass(frozen=True)
class Candidate:
    """A claim worth a closer look, with why: its coverage and the terms the article shares."""

    claim: Claim
    score: float
    coverage: float
    matched: tuple[str, ...]


def _without_quantities(text: str | None) -> str:
    """The text with its quantities cut out: values are matched by comparing them, not by their
    words ("close to 90 minutes" must not need "close", "90" or "minutes" in the article)."""
    if not text:
        return ""
    pieces, position = [], 0
    for quantity in parse_quantities(text):
        pieces.append(text[position:quantity.start])
        position = max(position, quantity.end)
    pieces.append(text[position:])
    return " ".join(pieces)


def _field_weights(claim: Claim) -> tuple[dict[str, float], dict[str, float], set[str]]:
    """Field boosts of a claim's terms, and of the words only its quote has.

    The statement and subject make the claim (names doubled); the quote's other words are
    context — what else the sentence said — which helps find coverage of the story but is not
    what the claim says, so it never counts toward whether a sentence states the claim.
    """
    field_weight: dict[str, float] = {}
    for text in (_without_quantities(claim.statement), claim.subject or ""):
        for term in terms_of(text):
            field_weight[term] = 1.0
    stated = set(field_weight)
    entity_terms: set[str] = set()
    # Capitalised and upper-case words of the statement are names even when the claims file lists
    # none; listed entities the statement does not name (the speaker, "Dmitry Peskov") are not
    # what the claim is about.
    listed = [name for name in claim.entities if set(terms_of(name)) & stated]
    names = listed + [word for word in re.findall(r"\b(?:[A-Z][a-z]{2,}|[A-Z]{2,})\b", claim.statement)
                      if word.lower() not in TITLE_WORDS]
    for name in names:
        for term in terms_of(name):
            entity_terms.add(term)
            field_weight[term] = ENTITY_BOOST
    context = {term: QUOTE_WEIGHT for term in terms_of(_without_quantities(claim.quote))
               if term not in field_weight}
    return field_weight, context, entity_terms


def _cap_entities(term_weights: dict[str, float], entity_terms: set[str]) -> None:
    """Scale names down so they make at most ``MAX_ENTITY_SHARE`` of a claim's weight: a sentence
    that names Trump and Putin is not yet about *this* claim of theirs."""
    names = sum(w for t, w in term_weights.items() if t in entity_terms)
    rest = sum(w for t, w in term_weights.items() if t not in entity_terms)
    if rest <= 0 or names <= MAX_ENTITY_SHARE * (names + rest):
        return
    scale = MAX_ENTITY_SHARE * rest / ((1 - MAX_ENTITY_SHARE) * names)
    for term in entity_terms:
        if term in term_weights:
            term_weights[term] *= scale


def shared_term_factor(claims_with_term: int, claims: int) -> float:
    """1 for a term only one claim has, falling towards 0.3 for a term every claim has."""
    if claims <= 1:
        return 1.0
    return 0.3 + 0.7 * math.log((claims + 1) / claims_with_term) / math.log(claims + 1)


class ClaimIndex:
    """An inverted index over claims; ``candidates(article)`` picks the few worth judging."""

    def __init__(self, claims: Sequence[Claim], weights: TermWeights | None = None):
        self.weights = weights or default_weights()
        fields = [_field_weights(claim) for claim in claims]
        claims_with: Counter[str] = Counter(term for boosts, _, _ in fields for term in boosts)
        self.entries: list[ClaimTerms] = []
        # Postings carry (claim position, weight, is the term part of the claim proper).
        self.postings: dict[str, list[tuple[int, float, bool]]] = defaultdict(list)
        for position, (claim, (boosts, context, entity_terms)) in enumerate(zip(claims, fields)):
            term_weights = {term: boost * self.weights.idf(term) * shared_term_factor(claims_with[term], len(claims))
                            for term, boost in boosts.items()}
            # A value the statement states counts as one of its words, as much as its most telling one.
            if claim.probability is None:
                kinds = {UNIT_KINDS[q.unit] for q in parse_quantities(claim.statement) if q.unit in UNIT_KINDS}
                said = [w for t, w in term_weights.items() if t not in entity_terms]
                for kind in kinds:
                    term_weights[kind] = sum(said) / len(said) if said else self.weights.max_idf
            _cap_entities(term_weights, entity_terms)
            predicate_total = sum(w for t, w in term_weights.items() if t not in entity_terms)
            value_weight = sum(w for t, w in term_weights.items() if t in VALUE_KINDS)
            entry = ClaimTerms(claim, term_weights, frozenset(entity_terms), sum(term_weights.values()) or 1.0,
                               predicate_total, value_weight)
            self.entries.append(entry)
            for term, weight in term_weights.items():
                self.postings[term].append((position, weight, True))
            for term, boost in context.items():
                self.postings[term].append((position, boost * self.weights.idf(term), False))
        self._by_id = {entry.claim.id: entry for entry in self.entries}

    def __len__(self) -> int:
        return len(self.entries)

    def terms_for(self, claim_id: str) -> ClaimTerms:
        return self._by_id[claim_id]

    def candidates(self, article: AnalysedArticle, limit: int,
                   min_coverage: float = MIN_COVERAGE) -> list[Candidate]:
        """At most ``limit`` claims, best first, whose coverage by the article is ``min_coverage`` or more."""
        covered: dict[int, float] = defaultdict(float)
        saturated: dict[int, float] = defaultdict(float)
        matched: dict[int, list[str]] = defaultdict(list)
        for term, count in article.term_counts.items():
            postings = self.postings.get(term)
            if not postings:
                continue
            saturation = count * (K1 + 1) / (count + K1)
            for position, weight, proper in postings:
                if proper:
                    covered[position] += weight
                    matched[position].append(term)
                saturated[position] += weight * saturation
        scored = []
        for position, weight in covered.items():
            entry = self.entries[position]
            coverage = weight / entry.total
            if coverage < min_coverage:
                continue
            # Coverage decides; repeated mentions and the quote's context words break ties.
            score = coverage + 0.1 * saturated[position] / (entry.total * (K1 + 1))
            scored.append((score, coverage, position))
        # A long article covers a short claim's words somewhere without being about it: the
        # shortlist is re-ranked by its best sentence — how much of the claim one sentence has,
        # in share and in weight (a two-word claim is "covered" by any sentence with two common
        # words; a sentence with many of a long claim's rare words is stronger evidence).
        shortlist = heapq.nlargest(limit * SHORTLIST_FACTOR, scored)
        reranked = []
        for score, coverage, position in shortlist:
            entry = self.entries[position]
            keys = entry.weights.keys()
            best_weight = max((sum(entry.weights[t] for t in sentence.terms & keys)
                               for sentence in article.sentences), default=0.0)
            in_sentence = best_weight / entry.total * best_weight / (best_weight + WEIGHT_HALF)
            reranked.append((in_sentence + ARTICLE_SHARE * score, coverage, position))
        best = heapq.nlargest(limit, reranked)
        return [Candidate(self.entries[p].claim, round(s, 4), round(c, 4), tuple(sorted(matched[p])))
                for s, c, p in best]
