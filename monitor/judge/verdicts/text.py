"""Text analysis shared by retrieval and evidence selection: sentences, terms and term weights.

Everything here is a pure function of its text, and fast: the verdict stage runs on every new
article against every candidate claim, so an article is split and tokenised once
(``analyse_article``) and the result is reused for all claims.

Sentences are split by a rule-based splitter (paragraphs, then sentence-final punctuation
followed by a capital, with a list of abbreviations that do not end sentences). pysbd is more
thorough but costs ~16 ms per 2 kB article, a third of the per-article budget; news prose
rarely needs more than these rules.

Terms are lower-cased words without stop words, stemmed by Snowball's English stemmer
("invited"/"invitation" → "invit", "lasted" → "last"), with the irregular past forms news
uses most mapped to their verbs first ("met" → "meet", "held" → "hold"). Term weights are inverse document frequencies from a background corpus of news
bodies (``document_frequencies.json``, built from the training part of FNC-1 by
``build_document_frequencies``); terms the corpus never saw get the highest weight.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import Stemmer

DF_PATH = Path(__file__).with_name("document_frequencies.json")

STOP_WORDS = frozenset("""
a about above after again against all also am an and any are aren't as at be because been before
being below between both but by can can't cannot could couldn't did didn't do does doesn't doing
don't down during each either few for from further had hadn't has hasn't have haven't having he
he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in
into is isn't it it's its itself just let's me more most mustn't my myself nor of off on once only
or other ought our ours ourselves out over own same shan't she she'd she'll she's should
shouldn't so some such than that that's the their theirs them themselves then there there's these
they they'd they'll they're they've this those through to too under until up upon very was wasn't
we we'd we'll we're we've were weren't what what's when when's where where's which while who
who's whom why why's will with won't would wouldn't you you'd you'll you're you've your yours
yourself yourselves said says say saying told tell according mr mrs ms also would one two three
new last year years time week weeks day days like may might must us u.s s t take took taken place
stated states stating noted notes added adds remarked explained argued claimed insisted asserted
unequivocally clearly essentially reportedly allegedly apparently notably particularly currently
notion
""".split())

# Abbreviations after which a full stop does not end a sentence (lower case, without the dot).
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sen rep gov gen col lt sgt capt maj adm st jr sr vs etc inc ltd co corp no
jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m approx est dept
""".split())

_PARAGRAPH = re.compile(r"[^\n]+")
# A candidate boundary: ., ! or ? (optionally closing quotes/brackets), whitespace, then
# something that can start a sentence.
_BOUNDARY = re.compile(r"([.!?…][\"”’')\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9–—-])")
# Words (hyphenated compounds split: "Trump-Putin" → trump, putin) and numbers.
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]|[A-Za-z]|\d+(?:[.,]\d+)*")
_LAST_WORD = re.compile(r"([A-Za-z.]+)[.]$")


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article, with its offsets, its terms and its index in the article."""

    index: int
    text: str
    start: int
    end: int
    terms: frozenset[str]


@dataclass
class AnalysedArticle:
    """An article split and tokenised once, for all the claims it is compared with."""

    title: str
    text: str
    sentences: list[Sentence]
    term_counts: Counter[str] = field(default_factory=Counter)

    @property
    def terms(self) -> set[str]:
        return set(self.term_counts)


IRREGULAR_VERBS = {
    "met": "meet", "held": "hold", "took": "take", "taken": "take", "spoke": "speak", "spoken": "speak",
    "sent": "send", "gave": "give", "given": "give", "won": "win", "lost": "lose", "fell": "fall",
    "fallen": "fall", "struck": "strike", "broke": "break", "broken": "break", "began": "begin",
    "begun": "begin", "left": "leave", "sought": "seek", "brought": "bring", "came": "come",
    "went": "go", "gone": "go", "saw": "see", "seen": "see", "wrote": "write", "written": "write",
    "paid": "pay", "led": "lead", "rose": "rise", "risen": "rise", "ran": "run", "drew": "draw",
    "drawn": "draw", "kept": "keep", "flew": "fly", "flown": "fly", "signed": "sign", "chose": "choose",
    "chosen": "choose", "shook": "shake", "froze": "freeze", "frozen": "freeze", "stood": "stand",
    "sat": "sit", "became": "become", "grew": "grow", "grown": "grow", "spent": "spend",
    "dealt": "deal", "meant": "mean", "heard": "hear", "found": "find", "thought": "think",
}
_STEMMER = Stemmer.Stemmer("english")  # PyStemmer: the Snowball algorithms in C

# Words news reports use interchangeably for the same thing, mapped to one term so that
# "US aid" meets "American assistance" and "a month-long pause" meets "ceasefire". Small and
# general on purpose: political and economic news vocabulary, not any one story's words.
SYNONYM_GROUPS = (
    "assistance aid support funding help",
    "conversation call phone telephone talk talks spoke speak chat",
    "agreement deal accord pact bargain",
    "ceasefire truce pause halt moratorium armistice",
    "dwindle shrink decline decrease reduce slash",
    "arms weapons military",
    "invite invitation invited",
    "usa america american us",
    "russia russian",
    "ukraine ukrainian",
    "europe european eu",
    "border borders frontier frontiers",
    "return revert restore",
    "dispatch send sent",
    "minerals mineral resources",
    "membership member join accession",
    "meet meeting met",
    "dismiss reject rebuff",
    "prisoner prisoners captive captives pow",
    "exchange swap",
    "minute minutes hour hours",
    "percent probability odds chance chances likelihood",
)
_SYNONYMS: dict[str, str] = {}
for _group in SYNONYM_GROUPS:
    _stems = [_STEMMER.stemWord(IRREGULAR_VERBS.get(w, w)) for w in _group.split()]
    for _stem in _stems:
        _SYNONYMS.setdefault(_stem, _stems[0])
# Upper-case country abbreviations that would otherwise be lost as stop words ("US" vs "us").
_COUNTRY_ABBREVIATIONS = re.compile(r"\bU\.\s?S\.(?:\s?A\.)?|\bUSA?\b|\bUnited States\b")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The term of a lower-case word: its Snowball (Porter 2) stem, irregular past forms mapped to
    their verb first, and synonyms (``SYNONYM_GROUPS``) to their group's first word."""
    stemmed: str = _STEMMER.stemWord(IRREGULAR_VERBS.get(word, word))
    return _SYNONYMS.get(stemmed, stemmed)


def terms_of(text: str) -> list[str]:
    """The index terms of ``text``: lower-cased words and numbers, stop words removed, stemmed."""
    out = []
    text = _COUNTRY_ABBREVIATIONS.sub(" America ", text)
    for match in _WORD.finditer(text):
        word = match.group().lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        word = word.strip("'")
        if not word or word in STOP_WORDS:
            continue
        if word[0].isdigit():
            out.append(word.replace(",", ""))
        elif len(word) > 1:
            out.append(stem(word))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (paragraphs first, then sentence ends)."""
    spans: list[tuple[int, int]] = []
    for line in _PARAGRAPH.finditer(text):
        paragraph, start_of_paragraph = line.group(), line.start()
        begin = 0
        for match in _BOUNDARY.finditer(paragraph):
            before = paragraph[begin:match.start() + 1]
            last = _LAST_WORD.search(before)
            if match.group(1).startswith(".") and last:
                word = last.group(1).lower().rstrip(".")
                # "U.S." / "Mr." / a single initial ("J. Smith") do not end a sentence.
                if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
            end = match.end(1)
            _add_span(spans, paragraph, start_of_paragraph, begin, end)
            begin = match.end()
        _add_span(spans, paragraph, start_of_paragraph, begin, len(paragraph))
    return spans


def _add_span(spans: list[tuple[int, int]], paragraph: str, offset: int, begin: int, end: int) -> None:
    piece = paragraph[begin:end]
    stripped = piece.strip()
    if len(stripped) < 2:
        return
    lead = len(piece) - len(piece.lstrip())
    spans.append((offset + begin + lead, offset + begin + lead + len(stripped)))


# Kinds of value, the unit of a parsed quantity → its kind, and each kind's unit words in raw
# text. A sentence that reports a value of a kind gets the pseudo-term "<kind>", and so does a
# claim that states one: "a 1.5-hour phone call" then shares more than the word "call" with
# "the call lasted close to 90 minutes". A cheap test on words, not a parse; the values
# themselves are parsed and compared only for the sentences chosen as evidence.
UNIT_KINDS = {"second": "<duration>", "USD": "<money>", "EUR": "<money>", "GBP": "<money>",
              "percent": "<percent>"}
VALUE_PATTERNS = {
    "<duration>": re.compile(r"\b(?:minutes?|hours?|days?|weeks?|months?|years?)\b|\d-(?:minute|hour|day|week|month)|"
                             r"\b(?:hour|month|week|day)-long\b", re.I),
    "<money>": re.compile(r"[$€£]\s?\d|\b(?:dollars?|euros?|billion|million|bn|trillion)\b", re.I),
    "<percent>": re.compile(r"\d\s?%|\bper\s?cent\b|\bpercent\b|\b(?:one|two|three|\d+)\s+in\s+(?:three|four|five|ten|\d+)\b",
                            re.I),
}


def value_terms(text: str) -> list[str]:
    """The pseudo-terms of the kinds of value ``text`` reports."""
    return [kind for kind, pattern in VALUE_PATTERNS.items() if pattern.search(text)]


def analyse_article(title: str, text: str) -> AnalysedArticle:
    """Split and tokenise an article once; the title counts as its first sentence."""
    sentences: list[Sentence] = []
    counts: Counter[str] = Counter()
    title = (title or "").strip()
    body = text or ""
    if title and not body.lstrip().startswith(title):
        title_terms = terms_of(title) + value_terms(title)
        counts.update(title_terms)
        sentences.append(Sentence(0, title, -1, -1, frozenset(title_terms)))
    for start, end in split_sentences(body):
        sentence_text = body[start:end]
        sentence_terms = terms_of(sentence_text) + value_terms(sentence_text)
        counts.update(sentence_terms)
        sentences.append(Sentence(len(sentences), sentence_text, start, end, frozenset(sentence_terms)))
    return AnalysedArticle(title=title, text=body, sentences=sentences, term_counts=counts)


NUMBER_WEIGHT = 3.0
YEAR_WEIGHT = 1.5


@dataclass(frozen=True)
class TermWeights:
    """Inverse document frequencies of terms in a background corpus of news articles."""

    documents: int
    frequencies: dict[str, int]

    def idf(self, term: str) -> float:
        df = self.frequencies.get(term, 0)
        weight = math.log((self.documents + 1) / (df + 0.5))
        if term[:1].isdigit():
            # Numbers are rare in any corpus but often left out or written otherwise ("12 February"
            # without the year): worth a word, not a name.
            year = len(term) == 4 and term.isdigit() and 1900 <= int(term) <= 2100
            return min(weight, YEAR_WEIGHT if year else NUMBER_WEIGHT)
        return weight

    @property
    def max_idf(self) -> float:
        return self.idf("\0never-seen")


def build_document_frequencies(texts: Iterable[str], min_df: int = 2) -> dict[str, Any]:
    """Document frequencies of terms over ``texts`` (terms in fewer than ``min_df`` dropped)."""
    counts: Counter[str] = Counter()
    documents = 0
    for text in texts:
        documents += 1
        counts.update(set(terms_of(text)))
    kept = {term: n for term, n in sorted(counts.items()) if n >= min_df}
    return {"documents": documents, "frequencies": kept}


@lru_cache(maxsize=1)
def default_weights() -> TermWeights:
    """The shipped background weights (loaded once per process)."""
    data = json.loads(DF_PATH.read_text(encoding="utf-8"))
    return TermWeights(int(data["documents"]), dict(data["frequencies"]))
