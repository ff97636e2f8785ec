"""Negation, denial, attribution and hedging in an evidence sentence.

A sentence that mentions everything a claim says may still not confirm it: "officials denied
that…", "it is not true that…", "there is no evidence that…", "rumours that…", "X claimed…, but
records show…", or the baseline's own speaker repeating the claim. These rules read the one
sentence chosen as evidence and say which of those it is; ``judge`` lets them override or
down-weight the stance model.

Scope matters: "Trump said Putin invited him to Moscow, but did not say when" is not a denial.
The sentence is cut into clauses at contrast markers and semicolons, the clause that carries
most of the claim's weight is the *focus*, and negation counts only there (or in a denial verb
whose complement is the focus).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text import terms_of

# A denial verb or phrase whose complement is what is denied ("denied that…", "dismissed
# reports that…", "rejected claims…").
DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|refut(?:e|es|ed|ing)|debunk(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|"
    r"reject(?:s|ed|ing)?|rebuff(?:s|ed)?|disputed|disputing|contradict(?:s|ed|ing)?|"
    r"retract(?:s|ed|ing)?|(?:walk|walked|walks|rolled|rolls) back|rul(?:e|es|ed|ing) out)\b", re.I)
FALSITY = re.compile(
    r"\b(?:(?:is|was|are|were|be)\s+(?:not\s+true|untrue|false|fake|incorrect|inaccurate|wrong|baseless|"
    r"unfounded|a\s+(?:lie|hoax|fabrication|myth))|not\s+true|untrue|fake\s+news|hoax|fabricat(?:ed|ion)|"
    r"no\s+(?:evidence|sign|indication|proof|record|basis)|nothing\s+to\s+(?:suggest|indicate)|"
    r"never\s+(?:happened|took\s+place|occurred|materiali[sz]ed))\b", re.I)
NEGATION = re.compile(
    r"\b(?:not|never|no|neither|nor|without|n't|cannot|none|nobody|nothing|failed\s+to|"
    r"fell\s+through|collapsed|called\s+off|cancel(?:l?ed|s)?|postponed|scrapped|refused\s+to)\b|n't\b",
    re.I)
HEDGE = re.compile(
    r"\b(?:rumou?r(?:s|ed)?|speculat(?:e|es|ed|ion|ing)|unconfirmed|unverified|allegedly|alleged|"
    r"purportedly|supposedly|reportedly|could|might|(?-i:may)|possibly|perhaps|would|if|whether|"
    r"expected\s+to|plan(?:s|ned)?\s+to|likely|unclear|not\s+clear|question(?:s|ed)?\s+(?:whether|if)|"
    r"(?:matter|question)\s+of\s+interpretation|ambiguous|ambiguity|in\s+dispute|disputed|contested|"
    r"what\s+exactly|remains?\s+to\s+be\s+seen|(?:several|some|other|conflicting)\s+accounts?|"
    r"neither\s+(?:government|side)\s+has\s+(?:said|confirmed))\b", re.I)
# Verbs that put distance between the writer and a report ("X claimed…" rather than "X said…").
DISTANCING = re.compile(r"\b(?:claim(?:s|ed|ing)?|alleg(?:e|es|ed|ing)|insist(?:s|ed|ing)?|assert(?:s|ed|ing)?|"
                        r"purport(?:s|ed))\b", re.I)
REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|stated|states|claimed|claims|added|noted|remarked|insisted|"
    r"asserted|argued|wrote|writes|explained|announced|reported|according\s+to|quoted|recalled|"
    r"repeated|reiterated|described)\b", re.I)
CONTRAST = re.compile(r"(?:,|;|—|–|\s)\s*(?:but|however|yet|though|although|whereas|while|in\s+fact|"
                      r"actually)\b|;\s+|\.\s+However\b|,\s+and\s+(?=that\b|it\b|the\b|their\b|his\b|her\b)",
                      re.I)
# What follows a contrast that brings counter-evidence ("but records show…").
COUNTER_EVIDENCE = re.compile(
    r"\b(?:records?|data|figures?|documents?|logs?|transcripts?|footage|statistics|filings?|"
    r"in\s+fact|actually|in\s+reality|the\s+truth)\b.{0,40}?\b(?:show|shows|showed|reveal|reveals|"
    r"revealed|indicate|indicates|indicated|suggest|suggests|is|was|are|were)\b|\b(?:in\s+fact|actually|"
    r"in\s+reality)\b", re.I)
QUESTION = re.compile(r"\?\s*[\"”’]?$")


@dataclass(frozen=True)
class Cues:
    """What the evidence sentence does with the claim, beyond mentioning it."""

    denial: bool = False            # the claim is denied, refuted or called false
    negated: bool = False           # the clause carrying the claim is negated
    hedged: bool = False            # rumour, speculation, conditional or reported without commitment
    attributed: bool = False        # the sentence reports someone's words
    repeats_speaker: bool = False   # …and that someone is the claim's own speaker
    contrasted: bool = False        # "X claimed …, but records show …"
    question: bool = False
    focus: str = ""                 # the clause that carries the claim
    triggers: tuple[str, ...] = ()  # the words that set the flags, for explanations

    @property
    def undermines(self) -> bool:
        """The sentence says the claim is not so."""
        return self.denial or self.negated or self.contrasted


def clauses(sentence: str) -> list[str]:
    """The sentence cut at contrast markers and semicolons (the markers stay with the later clause)."""
    cuts = [0] + [m.start() for m in CONTRAST.finditer(sentence) if m.start() > 0] + [len(sentence)]
    pieces = [sentence[a:b].strip(" ,;") for a, b in zip(cuts, cuts[1:])]
    return [p for p in pieces if p]


def _speaker_names(speaker: str | None) -> set[str]:
    if not speaker:
        return set()
    return {t for t in terms_of(speaker) if len(t) > 2}


def read_cues(sentence: str, claim_weights: dict[str, float], *, claim_text: str = "",
              speaker: str | None = None) -> Cues:
    """Read the denial, negation, hedging and attribution cues of ``sentence`` for one claim.

    Cues are relative to the claim: when the claim itself is negative ("Ukraine would not
    return to its pre-2014 borders") or itself a denial ("dismissed NATO membership"), the same
    words in the evidence agree with it rather than undermine it.
    """
    claim_negative = bool(NEGATION.search(claim_text))
    claim_denies = bool(DENIAL.search(claim_text))
    parts = clauses(sentence) or [sentence]
    scores = [sum(claim_weights.get(t, 0.0) for t in set(terms_of(p))) for p in parts]
    focus_index = max(range(len(parts)), key=lambda i: scores[i])
    focus = parts[focus_index]
    triggers: list[str] = []

    def hit(pattern: re.Pattern[str], text: str) -> bool:
        match = pattern.search(text)
        if match:
            triggers.append(match.group().strip())
        return bool(match)

    # A denial counts in the clause that carries the claim, not in another clause of the sentence
    # ("it was not true that they talked in November, and that their call on 12 February was the first").
    # A claim that is itself a negation ("the arrested woman is not his wife") is agreed with, not
    # contradicted, by a denial of the opposite ("reports that she was his wife were denied").
    denial = not claim_negative and ((not claim_denies and hit(DENIAL, focus)) or hit(FALSITY, focus))
    negated = hit(NEGATION, focus) != claim_negative
    hedged = hit(HEDGE, focus) or (focus_index > 0 and hit(HEDGE, parts[focus_index - 1]))
    attributed = hit(REPORTING, sentence)
    speakers = _speaker_names(speaker)
    sentence_terms = set(terms_of(sentence))
    repeats_speaker = bool(attributed and speakers and speakers & sentence_terms)
    contrasted = False
    if len(parts) > 1 and focus_index < len(parts) - 1 and DISTANCING.search(" ".join(parts[: focus_index + 1])):
        later = " ".join(parts[focus_index + 1:])
        contrasted = hit(COUNTER_EVIDENCE, later) or hit(NEGATION, later)
    return Cues(denial=denial, negated=negated, hedged=hedged, attributed=attributed,
                repeats_speaker=repeats_speaker, contrasted=contrasted,
                question=bool(QUESTION.search(sentence.strip())), focus=focus, triggers=tuple(triggers))
