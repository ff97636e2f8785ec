"""Passages: the few sentences of an article that a cross-encoder reads beside a claim.

A cross-encoder reads about a hundred words, not a whole article, so each (claim, article) pair
becomes (claim, passage): the article's sentences that share the most weighted terms with the
claim, in the article's order, cut to ``max_words``. The trainer (``bench/train_cross_encoder.py``)
builds its FNC-1 and coverage pairs with the same function the judge uses at run time, so the
model is asked what it was taught to answer.
"""
from __future__ import annotations

from typing import Sequence

from .text import default_weights, split_sentences, terms_of

MAX_SENTENCES = 3
MAX_WORDS = 90


def sentences_of(text: str) -> list[str]:
    """The sentences of ``text`` (the judge's own splitter)."""
    return [text[start:end] for start, end in split_sentences(text)]


def select_passage(claim: str, sentences: Sequence[str], *, title: str = "",
                   max_sentences: int = MAX_SENTENCES, max_words: int = MAX_WORDS) -> str:
    """The sentences most about ``claim`` (summed idf of the claim's terms they share; an earlier
    sentence wins a tie), kept in the article's order and cut to ``max_words`` words. Without
    any shared term the passage is the title, else the first sentences: what the article is about."""
    weights = default_weights()
    claim_terms = set(terms_of(claim))
    scored = []
    for position, sentence in enumerate(sentences):
        shared = claim_terms.intersection(terms_of(sentence))
        score = sum(weights.idf(term) for term in shared)
        if score > 0:
            scored.append((score, -position, position))
    if scored:
        best = sorted(scored, reverse=True)[:max_sentences]
        chosen = [sentences[position] for _, _, position in sorted(best, key=lambda item: item[2])]
    else:
        chosen = ([title] if title else []) + list(sentences[:max_sentences])
    words: list[str] = []
    for sentence in chosen:
        words.extend(sentence.split())
        if len(words) >= max_words:
            break
    return " ".join(words[:max_words])
