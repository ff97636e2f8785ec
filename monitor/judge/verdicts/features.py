"""Features of a (claim, article) pair for the stance model: pure functions, shared by training
(``bench/train_stance.py``) and inference (``monitor.judge.verdicts.stance``) so the two cannot drift.

The pipeline is text in, numbers out:

* ``tokens`` / ``sentences`` split text cheaply (regexes; no model to load);
* ``TextEncoder`` holds what was *fitted on the training part only*: a TF-IDF vocabulary (word
  1-2-grams) and a truncated-SVD projection of it ("topics");
* ``pair_features`` turns a batch of (claim, article) pairs into one row of floats per pair:
  TF-IDF and topic similarity of the claim to the whole article, to its lead and to its most
  similar sentences; word and n-gram overlap; refuting / hedging / negation / reporting cue counts
  in the claim and in the sentences that bear on it; number agreement; sizes; and the claim's and
  article's topic coordinates.

Articles are processed once per batch even when they appear in several pairs, since the product
asks about one article against a few candidate claims.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

TOKEN_RE = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
# Sentence ends: . ! ? followed by space and something that can start a sentence, or a line break.
SENTENCE_RE = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")

# Only this much of an article is read: stance is nearly always settled in the first few
# paragraphs, and the cap bounds the cost of very long pages.
MAX_ARTICLE_CHARS = 8000
MAX_SENTENCES = 60
TOP_SENTENCES = 3
LEAD_CHARS = 255
TOPIC_DIMS_IN_FEATURES = 24

# Cue words (the stemmed forms are what is matched, see ``stem``).
REFUTE_WORDS = (
    "fake fraud hoax false deny denies denied denial not despite nope doubt doubts bogus debunk "
    "debunks debunked refute refutes refuted retract retracts retracted retraction untrue "
    "misleading mislead rumor rumour myth fabricated fabrication satire satirical prank "
    "baseless unfounded wrong incorrect inaccurate lie lies lied liar dismiss dismissed "
    "dismisses reject rejects rejected contradict contradicts disprove disproved never no "
    "nonsense nothing isn't wasn't aren't weren't doesn't didn't don't hasn't hadn't won't "
    "can't couldn't shouldn't photoshopped doctored spoof parody scam"
).split()
HEDGE_WORDS = (
    "allegedly alleged reportedly reported report reports claim claims claimed claiming "
    "purportedly purported apparently supposedly rumored rumoured unconfirmed unverified "
    "may might could possibly possible perhaps likely unclear suggest suggests suggested "
    "speculation speculate speculated appear appears appeared seem seems seemed believe "
    "believed according sources source"
).split()
CONFIRM_WORDS = (
    "confirm confirms confirmed confirmation official officially announce announced "
    "announces verified verify true indeed proof proven prove proved evidence shows show "
    "showed revealed reveals acknowledge acknowledged admit admitted admits"
).split()
NEGATION_WORDS = (
    "not no never none nobody nothing neither nor without isn't wasn't aren't weren't "
    "doesn't didn't don't hasn't haven't hadn't won't can't couldn't shouldn't wouldn't"
).split()
REPORT_WORDS = "said says say told tells according statement spokesman spokeswoman spokesperson".split()


def stem(word: str) -> str:
    """A crude suffix stripper: enough to match 'denied'/'denies'/'deny', cheap enough for every token."""
    if len(word) <= 4 or "'" in word or "’" in word:
        return word
    for suffix, keep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + keep
    return word


REFUTE = frozenset(stem(w) for w in REFUTE_WORDS)
HEDGE = frozenset(stem(w) for w in HEDGE_WORDS)
CONFIRM = frozenset(stem(w) for w in CONFIRM_WORDS)
NEGATION = frozenset(stem(w) for w in NEGATION_WORDS)
REPORT = frozenset(stem(w) for w in REPORT_WORDS)
STOP = frozenset(ENGLISH_STOP_WORDS) - frozenset(NEGATION_WORDS) - {"no", "not", "nor", "never", "nothing", "none"}


def tokens(text: str) -> list[str]:
    """Lower-cased, stemmed word tokens (apostrophes kept so "didn't" stays one negation)."""
    return [stem(t.replace("’", "'")) for t in TOKEN_RE.findall(text.lower())]


def content(toks: Sequence[str]) -> list[str]:
    """Tokens that carry topic: no stop words (negations are not stop words here)."""
    return [t for t in toks if t not in STOP and t not in NEGATION]


def sentences(text: str) -> list[str]:
    """Split article text into at most ``MAX_SENTENCES`` non-empty sentences."""
    parts = (s.strip() for s in SENTENCE_RE.split(text[:MAX_ARTICLE_CHARS]))
    return [s for s in parts if len(s) > 1][:MAX_SENTENCES]


def analyzer(text: str) -> list[str]:
    """The TF-IDF analyser: stemmed content words and their adjacent pairs."""
    words = content(tokens(text))
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


@dataclass
class TextEncoder:
    """What is fitted on training text: the TF-IDF model and its SVD topic projection."""

    tfidf: TfidfVectorizer
    topics: np.ndarray  # (n_topics, vocabulary size), float32

    @classmethod
    def fit(cls, texts: Sequence[str], *, max_features: int = 30000, n_topics: int = 64,
            seed: int = 0) -> "TextEncoder":
        from sklearn.decomposition import TruncatedSVD

        tfidf = make_vectorizer(max_features=max_features)
        matrix = tfidf.fit_transform(texts)
        svd = TruncatedSVD(n_components=n_topics, random_state=seed).fit(matrix)
        return cls(tfidf=tfidf, topics=svd.components_.astype(np.float32))

    @classmethod
    def from_arrays(cls, terms: Sequence[str], idf: np.ndarray, topics: np.ndarray) -> "TextEncoder":
        tfidf = make_vectorizer(vocabulary={t: i for i, t in enumerate(terms)})
        tfidf.idf_ = np.asarray(idf, dtype=np.float64)
        return cls(tfidf=tfidf, topics=np.asarray(topics, dtype=np.float32))

    def terms(self) -> list[str]:
        return list(self.tfidf.get_feature_names_out())

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        return self.tfidf.transform(texts).tocsr()

    def project(self, matrix: sparse.csr_matrix) -> np.ndarray:
        """Unit-length topic vectors of TF-IDF rows (zero rows stay zero)."""
        dense = np.asarray(matrix @ self.topics.T, dtype=np.float32)
        norms = np.linalg.norm(dense, axis=1, keepdims=True)
        return dense / np.maximum(norms, 1e-9)


def make_vectorizer(*, max_features: int | None = None,
                    vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
    return TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, min_df=2, max_df=0.5,
                           max_features=max_features, vocabulary=vocabulary, dtype=np.float32)


def _ngrams(words: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _count(toks: Sequence[str], words: frozenset[str]) -> int:
    return sum(1 for t in toks if t in words)


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in NUMBER_RE.findall(text)}


@dataclass
class _Article:
    text: str
    toks: list[str]
    words: list[str]
    lead_words: set[str]
    sentence_toks: list[list[str]]
    numbers: set[str]
    word_set: set[str]
    bigrams: set[tuple[str, ...]]
    trigrams: set[tuple[str, ...]]
    lead_bigrams: set[tuple[str, ...]]
    lead_toks: list[str]
    row: int  # row of the article in the article TF-IDF matrix
    sentence_rows: range  # rows of its sentences in the sentence TF-IDF matrix


def _cue_counts(toks: Sequence[str]) -> list[float]:
    return [_count(toks, REFUTE), _count(toks, HEDGE), _count(toks, CONFIRM), _count(toks, NEGATION),
            _count(toks, REPORT)]


CUE_NAMES = ("refute", "hedge", "confirm", "negation", "report")
FEATURE_NAMES: tuple[str, ...] = (
    ("cos_article", "cos_lead", "cos_sent_max", "cos_sent_top_mean", "best_sentence_position",
     "topic_cos_article", "topic_cos_best", "overlap_frac", "overlap_lead_frac", "jaccard",
     "bigram_overlap", "trigram_overlap", "bigram_lead", "claim_words", "log_article_words",
     "log_sentences", "claim_question", "claim_quote", "numbers_claim", "numbers_found",
     "numbers_missing", "best_overlap_frac", "negation_parity_match")
    + tuple(f"claim_{c}" for c in CUE_NAMES)
    + tuple(f"top_{c}" for c in CUE_NAMES)
    + tuple(f"article_{c}_rate" for c in CUE_NAMES)
    + tuple(f"lead_{c}" for c in CUE_NAMES)
    + tuple(f"claim_topic_{i}" for i in range(TOPIC_DIMS_IN_FEATURES))
    + tuple(f"article_topic_{i}" for i in range(TOPIC_DIMS_IN_FEATURES))
)


def pair_features(encoder: TextEncoder, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    """One row of ``FEATURE_NAMES`` floats per (claim, article) pair."""
    if not pairs:
        return np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    claim_texts = list(dict.fromkeys(c for c, _ in pairs))
    article_texts = list(dict.fromkeys(a for _, a in pairs))
    claim_index = {c: i for i, c in enumerate(claim_texts)}

    articles: dict[str, _Article] = {}
    sentence_texts: list[str] = []
    for row, text in enumerate(article_texts):
        body = text[:MAX_ARTICLE_CHARS]
        sents = sentences(body) or [body]
        toks = tokens(body)
        words = content(toks)
        lead_toks = tokens(body[:LEAD_CHARS])
        start = len(sentence_texts)
        sentence_texts.extend(sents)
        articles[text] = _Article(
            text=body, toks=toks, words=words, lead_words=set(content(lead_toks)),
            sentence_toks=[tokens(s) for s in sents], numbers=_numbers(body), word_set=set(words),
            bigrams=_ngrams(words, 2), trigrams=_ngrams(words, 3), lead_bigrams=_ngrams(words[:40], 2),
            lead_toks=lead_toks, row=row, sentence_rows=range(start, len(sentence_texts)))

    claim_m = encoder.transform(claim_texts)
    article_m = encoder.transform([articles[t].text for t in article_texts])
    sentence_m = encoder.transform(sentence_texts)
    lead_m = encoder.transform([articles[t].text[:LEAD_CHARS] for t in article_texts])
    claim_topics = encoder.project(claim_m)
    article_topics = encoder.project(article_m)
    sentence_topics = encoder.project(sentence_m)

    claim_info = []
    for text in claim_texts:
        toks = tokens(text)
        words = content(toks)
        claim_info.append((toks, words, set(words), _numbers(text)))

    rows = np.zeros((len(pairs), len(FEATURE_NAMES)), dtype=np.float32)
    for k, (claim, article_text) in enumerate(pairs):
        ci = claim_index[claim]
        c_toks, c_words, c_set, c_numbers = claim_info[ci]
        art = articles[article_text]
        c_vec = claim_m[ci]
        sims = np.asarray((sentence_m[art.sentence_rows.start:art.sentence_rows.stop] @ c_vec.T).todense()).ravel()
        order = np.argsort(-sims, kind="stable")[:TOP_SENTENCES]
        best = int(order[0])
        top_toks = [t for i in order for t in art.sentence_toks[int(i)]]
        best_words = set(content(art.sentence_toks[best]))
        a_set, a_bi, a_tri, lead_bi = art.word_set, art.bigrams, art.trigrams, art.lead_bigrams
        c_bi, c_tri = _ngrams(c_words, 2), _ngrams(c_words, 3)
        n_c = max(len(c_set), 1)
        found = len(c_numbers & art.numbers)
        claim_neg = _count(c_toks, NEGATION) % 2
        best_neg = _count(art.sentence_toks[best], NEGATION) % 2
        n_words = max(len(art.toks), 1)
        values = [
            float((article_m[art.row] @ c_vec.T).toarray()[0, 0]),
            float((lead_m[art.row] @ c_vec.T).toarray()[0, 0]),
            float(sims[best]),
            float(sims[order].mean()),
            best / max(len(art.sentence_toks), 1),
            float(article_topics[art.row] @ claim_topics[ci]),
            float(sentence_topics[art.sentence_rows.start + best] @ claim_topics[ci]),
            len(c_set & a_set) / n_c,
            len(c_set & art.lead_words) / n_c,
            len(c_set & a_set) / max(len(c_set | a_set), 1),
            len(c_bi & a_bi) / max(len(c_bi), 1),
            len(c_tri & a_tri) / max(len(c_tri), 1),
            len(c_bi & lead_bi) / max(len(c_bi), 1),
            float(len(c_words)),
            math.log1p(len(art.toks)),
            math.log1p(len(art.sentence_toks)),
            float("?" in claim),
            float(any(q in claim for q in "'\"“‘")),
            float(len(c_numbers)),
            float(found),
            float(len(c_numbers) - found),
            len(c_set & best_words) / n_c,
            float(claim_neg == best_neg),
        ]
        values += _cue_counts(c_toks)
        values += _cue_counts(top_toks)
        values += [c / n_words * 100 for c in _cue_counts(art.toks)]
        values += _cue_counts(art.lead_toks)
        values += claim_topics[ci, :TOPIC_DIMS_IN_FEATURES].tolist()
        values += article_topics[art.row, :TOPIC_DIMS_IN_FEATURES].tolist()
        rows[k] = values
    return rows
