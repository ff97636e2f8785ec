"""Sentence rules of claim extraction: from a document body to attributed, classified clauses.

Owned by the claims engineer; ``claims.extract_claims`` is the public entry point. The steps:

1. **Paragraphs** are the non-empty lines; credit lines ("Source: Reuters") are dropped;
   interview lines starting with a dash are questions (ending in "?") or answers.
2. **Sentences** come from pysbd (it keeps "U.S.", "Feb." and quoted speech together); a
   sentence that is mostly a quotation is split into the quoted sentences, which all take the
   attribution found outside the quotation marks.
3. **Attribution**: "according to Kremlin spokesperson Dmitry Peskov", "Markov said",
   "”, he added", "Trump wrote on Truth Social"; "he/she" is the paragraph's last named speaker,
   else the current interviewee ("In an interview with News.Az, Yevhen Mahda ..."), which carries
   over from paragraph to paragraph. Surnames are resolved to the full names used in the text.
4. **Clauses**: a sentence splits at "; ", ", with the expectation that", ", even though", ...;
   presuppositions become clauses of their own ("may explain why X" → X; "given that X" → X);
   a measured noun phrase ("the 30-day ceasefire", "the 1.5-hour discussion") in a question,
   an opinion or an introductory phrase becomes a quantity claim of its own.
5. **Kinds**: forecast when a probability is given ("I would gauge the probability at around
   20%") or a prediction carries a quantity, a date or a prediction verb; event for scheduled
   ("slated to meet ... next week") or dated ("took place on February 12") happenings; opinion
   for first-person, evaluative, deontic or speculative statements (kept, inactive); quantity for
   stated values; fact for the remaining declarative clauses that name someone or something.
6. **Slots**: subject, entities (capitalised names, resolved), quantities, dates resolved with
   dateparser against the document date, ``resolves_by``, conditionals ("if X, Y").
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Iterator

import pysbd

from .quantities import Quantity, format_value, parse_quantities


@dataclass
class Unit:
    """One extracted clause, before it becomes a ``Claim``."""

    anchor: str                     # clause text: the extraction key is derived from it
    quote: str                      # the original sentence
    statement: str
    kind: str
    speaker: str | None
    subject: str | None = None
    entities: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    probability: float | None = None
    event_date: str | None = None
    resolves_by: str | None = None
    slots: dict[str, Any] = field(default_factory=dict)
    slug_text: str = ""


# -- word lists -------------------------------------------------------------------------

_SAY_VERBS = ("said|says|added|adds|noted|notes|remarked|explained|observed|concluded|warned|argued|"
              "cautioned|stressed|emphasized|emphasised|wrote|writes|posted|told|stated|states|predicted|"
              "predicts|contended|suggested|insisted|claimed|claims|announced|announces|confirmed|"
              "confirms|replied|continued|acknowledged|pointed out|indicated|believes|thinks|urged|"
              "mentioned|reported|recalled|asserted|declared|estimated|estimates|expects|expected|"
              "maintained|countered|admitted|revealed|disclosed|responded|went on to say|underlined|underscored|"
              "observed")
# narrator verbs that summarise a view rather than report a statement
# verbs that report speech without "that" ("Marsh said the bank had sold ...")
_ZERO_THAT_VERBS = {"said", "says", "told", "added", "noted", "wrote", "predicted", "warned", "argued",
                    "estimated", "believes", "thinks", "expects", "insisted", "claimed", "stressed"}
_OPINION_VERBS = {"argued", "contended", "suggested", "believes", "thinks", "cautioned", "urged", "stressed",
                  "emphasized", "emphasised", "insisted", "underlined", "underscored", "maintained",
                  "countered", "observed", "in the view of"}
_FORECAST_VERBS = {"predicted", "predicts", "expects", "expected", "estimated", "estimates"}

_NAME = r"[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,3}"
_TITLE_WORDS = set("""President Vice Prime Minister Secretary Defense Defence Treasury Foreign State
Spokesperson Spokesman Spokeswoman Chancellor Governor Senator Director Chief Chairman Chairwoman Chair
CEO Envoy Special General Ambassador Mr Mrs Ms Dr Professor Prof Kremlin Ukrainian Russian American
European U.S. US UK British French German Chinese Turkish Former Deputy Interior Finance Economy
Economic Political Presidential Supreme Commander Leader Head King Queen Pope Sir Lord Judge Justice
Representative Rep Sen Gov Commissioner Analyst Scientist Scholar Economist Founder""".split())
_NON_PERSON_WORDS = set("""East West North South States Kingdom Union Social War Conference Church Agreement
Agreements University Federation Party Council Ministry Bank Commission Security Nations Office House
Department Company Group Forum Summit Republic Sea Region City Street Times News Post Minister Secretary
Spokesperson Commander-in-Chief Commander Chief Democratic Republican Affairs Fund Organization
Organisation Institute Association Agency Court Parliament Congress Senate Assembly Alliance Cup League
Games Olympics Exchange Market Markets Index Reserve Board Authority Service Services Committee Foundation
Corporation Inc Corp Ltd Airlines Motors Technologies Systems Labs Energy Capital Holdings Partners""".split())
_ROLE_NOUNS = set("""spokesperson spokesman spokeswoman envoy secretary president minister director analyst
scientist scholar economist executive officer governor chief adviser advisor ambassador chairman chairwoman
ceo founder head leader commander general correspondent premier chancellor mayor senator""".split())
_SENTENCE_STARTERS = set("""The A An This That These Those It Its In On At For And But Or If When While
During After Before Since Although Though However Still Yet Nevertheless Nonetheless Additionally Also
According Despite Following Shortly Looking Turning Reflecting Acknowledging Expanding Drawing Once Should
He She They We I You His Her Their Our My Your Just Today Yesterday Tomorrow Such Some Many Most Any All
Both Neither Either Each Every No Not Of To With From By As Presently Above Without Therefore Of Naturally
Individually Attempts Rational Engaging Reducing Providing Control Meanwhile Moreover Furthermore Instead
Indeed Perhaps Now Then Here There What Why How Who Whom Whose Which Where Given Because Even Only Let
Over Under Between Among Around Through Across Within Amid Amidst Against Upon Into Onto Unlike Like Like
Nevertheless Finally First Second Third Last Next Earlier Later Recently Currently Meanwhile""".split())
_MONTHS = ("January February March April May June July August September October November December "
           "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec").split()
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_NOT_ENTITIES = set(_MONTHS) | set(_WEEKDAYS) | _SENTENCE_STARTERS | {"God", "II", "Mr", "Mrs", "Ms"}

_META_RE = re.compile(
    r"\bNews\.Az\b|\binterview\b|\bhis (?:analysis|commentary|remarks|assessment)\b|"
    r"’s (?:analysis|commentary|remarks|assessment|insights?)\b|\bweighed in\b|\bshared his\b|"
    r"\bin this (?:exclusive )?(?:interview|conversation)\b|\bwe explored\b|"
    r"\bsparked (?:a )?(?:widespread |wide |intense )?(?:discussion|debate|speculation)\b", re.IGNORECASE)
_FIRST_PERSON_SINGULAR = re.compile(r"\b(?:I|I’m|I'm|I’d|I'd|I’ve|I've|me|my|My)\b")
_FIRST_PERSON_PLURAL = re.compile(r"\b(?:we|We|our|Our|ours)\b")
_OPINION_RE = re.compile(
    r"\b(?:must|should|ought to|need to|needs to|have to|has to|it is time|it’s time|it is crucial|"
    r"it is essential|it is encouraging|it is evident|it is apparent|it is clear|it is vital|"
    r"it is by no means|it is widely known|of course|naturally|undoubtedly|clearly|obviously|regrettably|"
    r"unfortunately|significant|significantly|notable|remarkable|absurd|nonsense|problematic|mistaken|"
    r"alarming|paramount|vital|straightforward|unprepared|inevitabl[ey]|genuine|fleeting|self-destructive|"
    r"senseless|dignity|pragmatic|pragmatists?|ideologues|realist|great nation|"
    r"in my (?:view|opinion|estimation)|characteri[sz]ed (?:\w+\s+){1,4}as|described (?:\w+\s+){1,4}as|"
    r"cast (?:\w+\s+){1,4}as|regards? (?:\w+\s+){1,4}as|God bless|hopeful|glad|confident|convinced|doubt|"
    r"skeptical|sceptical|sympathy|falls? short|no major|a victory for|a defeat|a win for|breakthrough|"
    r"highly successful|unresolved|not merely|somehow|simply not|wants? to|wish(?:es)? to|hopes? to|"
    r"understands? that|realized|realised|recognizes? that|seems?|seemingly|appears? to be|"
    r"(?:has|have) the potential|went very well|very well|positive|productive|constructive|"
    r"unrealistic|misleading|reckless|belligerent|too (?:high|low|slow|slowly|fast|weak)|far too|"
    r"behind the curve|impressive|cautiously|fragile|the time has come|likely(?! to)|risky|such an? \w+)\b",
    re.IGNORECASE)
_DISCOURSE_SUMMARY = re.compile(
    r"^(?:[^,]{0,80},\s*)?(?:[A-Z][\w’'\-]+\s+){0,3}[A-Z][\w’'\-]+(?:,[^,]{1,30},)?\s+(?:\w+ly\s+|also\s+|then\s+|"
    r"nonetheless\s+|further\s+)*(?:began by|turned to|went on|addressed|examined|explored|focused|"
    r"pointed to|highlighted|cast|framed|sees|views|identifies|identified|described|characterized|"
    r"characterised|offered|expanded|reflected|voiced|urged|emphasized|emphasised|underscored|stressed|"
    r"welcomed|praised|criticized|criticised|was (?:unequivocal|critical|skeptical|sceptical|optimistic|"
    r"pessimistic|upbeat|cautious|clear))\b")
_SPECULATION_RE = re.compile(r"\b(?:will|won’t|won't|would|could|might|may|can|shall|going to)\b")
_STRONG_FORECAST_RE = re.compile(
    r"\b(?:likely to|unlikely to|expected to|poised to|prepared to|ready to|set to|on track to|"
    r"is about to|are about to|odds|probability|chances? (?:of|that))\b", re.IGNORECASE)
_FORECAST_VERB_RE = re.compile(
    r"\b(?:expects?|anticipates?|predicts?|predicted|sees|see)\b")
_EVENT_NOUNS = re.compile(
    r"\b(?:negotiations|talks|summit|meeting|vote|election|referendum|deal|agreement|ceasefire|sanctions|"
    r"rounds?|hearing|trial|launch|release|deliveries|budget|decision)\b", re.IGNORECASE)
_REPORTED_STATEMENT = re.compile(
    r"^(?:[A-Z][\w’'\-]+\s+){1,3}(?:\w+ly\s+|also\s+)?(?:stated|said|told|announced|declared|confirmed|"
    r"claimed|insisted|warned|pledged|promised|vowed|ordered|requested|asked|demanded|dismissed|"
    r"rejected|denied)\b(?:\s+[\w’'\-]+){0,3}\s+that\b")
_EVENT_RE = re.compile(
    r"\b(?:slated to|scheduled to|scheduled for|due to (?:meet|visit|arrive|travel|hold|sign|speak|"
    r"announce|launch|release|vote|decide|testify|begin|start)|set to (?:meet|visit|arrive|travel|hold|sign|"
    r"host|announce|launch|release|vote|decide|begin|start|open)|plans? to (?:hold|meet|visit|travel|launch|"
    r"release|open|sign|host|announce|ship|begin|start|present)|planned for|(?:will|would) (?:meet|visit|"
    r"travel|hold|host|sign|announce|launch|release|ship|open|begin|start|vote|decide|testify|publish|"
    r"present|go on sale|meet again)|took place|was held|were held|will be held|is to (?:meet|visit)|"
    r"are to meet|there was an? (?:attack|strike|explosion|blast|meeting|call|vote))\b", re.IGNORECASE)
_PRESUPPOSITIONS = (
    re.compile(r"\b(?:may|might|could|would|can|does|do|to)? ?explains? why (?P<fact>.+)$"),
    re.compile(r"\bgiven (?:that )?(?P<fact>.+)$"),
    re.compile(r"\bthe fact that (?P<fact>.+)$"),
)
_CLAUSE_SPLIT = re.compile(
    r"(?:;\s+|,\s+(?:with the expectation that|with the hope that|even though|although|though|"
    r"whereas|while|but|where)\s+|,\s+and\s+(?=(?:it|he|she|they|the\s+\w+)\s+(?:\w+\s+)?[a-z]+(?:s|ed)\b))")
_CONDITIONAL = re.compile(r"^(?P<if>(?:if|should|once|unless)\b[^,]{3,}?),\s+(?P<then>.+)$", re.IGNORECASE)
_LEAD_IN = re.compile(
    r"^(?:(?:still|yet|however|additionally|also|moreover|furthermore|nonetheless|nevertheless|"
    r"in reality|in addition|meanwhile|indeed|above all|presently|today|therefore|of course|for example|"
    r"for his part|for her part|at first glance|in the end|in turn|just|and|but|so|thus)\b,?\s*)+",
    re.IGNORECASE)
_MEASURED_NP = re.compile(
    r"\b(?:the|a|an|this|that|its|their)\s+(?P<q>(?:\d+(?:\.\d+)?|[a-z]+)-(?:second|minute|hour|day|week|"
    r"month|year))(?:-long)?\s+(?P<noun>(?:[a-z]+\s+){0,2}?(?:call|conversation|discussion|talks|"
    r"meeting|ceasefire|truce|pause|moratorium|visit|trip|summit|deadline|delay|freeze|suspension|"
    r"ban|window|period|programme|program|offensive|operation|extension|halt|break|strike|"
    r"lockdown|war|session))\b", re.IGNORECASE)
_DURATION_EVENT_NOUNS = re.compile(r"\b(?:call|conversation|discussion|talks|meeting|visit|trip|summit|session)$")
_PROBABILITY_CONTEXT = re.compile(r"\b(?:probability|odds|chances?|likelihood|likely|likelier)\b", re.IGNORECASE)
_OUTCOME_RE = re.compile(r"\b(?:odds|chances?|probability|likelihood)\s+(?:of|that)\s+(?P<outcome>.+?)"
                         r"(?:\s+(?:are|is|stand|stands|was|were)\b|\s*[—–,;.]|$)", re.IGNORECASE)
_QUOTE_SPAN = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
_CREDIT_LINE = re.compile(r"^\s*(?:source|photo|image|credit|picture)s?\s*:\s*\S.{0,60}$", re.IGNORECASE)
_INTERVIEWEE_RE = re.compile(
    r"\b(?:interview with|perspective from|spoke with|spoke to|talked to|talking to|speaking to|"
    r"speaking with|sat down with|asked)\s+(?:News\.Az,?\s+|us,?\s+)?(?:[a-z][\w-]*\s+){0,5}?"
    r"(?P<name>" + _NAME + r")")


@functools.lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=False)


# pysbd's abbreviation pass re-runs a substitution over the whole text for every candidate it
# finds, so its time grows with the square of the text: 20,000 sentences in one go took minutes.
# It is given one paragraph at a time, and a paragraph longer than SEGMENT_CHARS in pieces cut
# where a sentence surely ends (a lower-case word, a full stop, a capital: not "Mr. Smith").
SEGMENT_CHARS = 3000
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SURE_SENTENCE_END = re.compile(r"(?<=[a-z]{3}[.!?])\s+(?=[\"“A-Z])")


def _blocks(text: str) -> Iterator[str]:
    for paragraph in _PARAGRAPH_BREAK.split(text):
        if len(paragraph) <= SEGMENT_CHARS:
            yield paragraph
            continue
        block, size = [], 0
        for piece in _SURE_SENTENCE_END.split(paragraph):
            if block and size + len(piece) > SEGMENT_CHARS:
                yield " ".join(block)
                block, size = [], 0
            block.append(piece)
            size += len(piece) + 1
        if block:
            yield " ".join(block)


def _sentences(text: str) -> list[str]:
    return [s.strip() for block in _blocks(text) for s in _segmenter().segment(block) if s.strip()]


# -- names ------------------------------------------------------------------------------

def _strip_possessive(word: str) -> str:
    return re.sub(r"(?:’s|'s|’|')$", "", word)


class Names:
    """The people a document names: full names, and surnames resolved to them."""

    def __init__(self, text: str):
        self.full: list[str] = []
        self.proper: set[str] = set()             # words seen capitalised mid-sentence
        for sentence in re.split(r"(?<=[.!?“”\"])\s+|\n", text):
            words = re.findall(r"[\w’'\-\.]+", sentence)
            for word in words[1:]:
                if word[:1].isupper():
                    self.proper.add(_strip_possessive(word.rstrip(".")))
        self.titles: dict[str, set[str]] = {}      # "u.s. president" -> {"Donald Trump"}
        for match in re.finditer(r"(?:[A-Z](?:[\w’'\-]|\.(?=\w))*\.?[ \t]+){1,5}[A-Z][\w’'\-]*", text):
            if re.search(r"[a-z]{2}\.\s", match.group()):
                continue                       # runs across a sentence end: "Zelensky. In"
            tokens = [_strip_possessive(t) for t in match.group().split()]
            title: list[str] = []
            while tokens and (tokens[0] in _TITLE_WORDS or tokens[0] in _SENTENCE_STARTERS
                              or tokens[0].endswith(".")):
                if tokens[0] not in _SENTENCE_STARTERS:
                    title.append(tokens[0])
                tokens = tokens[1:]
            tokens = tokens[-2:]
            if len(tokens) == 2 and not any(t in _NON_PERSON_WORDS or t in _TITLE_WORDS or t in _MONTHS
                                            for t in tokens):
                name = " ".join(tokens)
                if name not in self.full:
                    self.full.append(name)
                before = re.findall(r"[\w.’'\-]+", text[max(0, match.start() - 40):match.start()])[-3:]
                lowered = [w for w in before if w.lower() in _ROLE_NOUNS or w in _TITLE_WORDS]
                for words in (title, lowered[-2:] if lowered else [], title + lowered[-1:]):
                    if words:
                        self.titles.setdefault(" ".join(words).lower(), set()).add(name)
        by_surname: dict[str, set[str]] = {}
        for name in self.full:
            by_surname.setdefault(name.split()[-1], set()).add(name)
        self.surnames = {s: next(iter(n)) for s, n in by_surname.items() if len(n) == 1}

    def person(self, text: str | None) -> str | None:
        """The full name of a person mentioned as ``text`` ("Peskov", "President Trump", "Markov’s")."""
        if not text:
            return None
        tokens = [_strip_possessive(t) for t in text.replace(",", " ").split()]
        tokens = [t for t in tokens if t not in _TITLE_WORDS and not t.endswith(".")]
        if not tokens:
            return None
        joined = " ".join(tokens)
        if joined in self.full:
            return joined
        for name in self.full:
            if joined.endswith(name):
                return name
        return self.surnames.get(tokens[-1])

    def by_title(self, text: str) -> str | None:
        """The one person the document gives this title: "the U.S. president" -> "Donald Trump"."""
        key = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE).lower()
        names = self.titles.get(key, set())
        return next(iter(names)) if len(names) == 1 else None

    def people_in(self, text: str) -> list[str]:
        """Every person mentioned in ``text``, in order, as full names."""
        found: list[str] = []
        for match in re.finditer(r"[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*", text):
            tokens = match.group().split()
            person = self.person(" ".join(tokens[-3:])) if tokens else None
            if person is None and tokens:
                person = self.person(tokens[-1])
            if person and person not in found:
                found.append(person)
        return found

    def entities(self, text: str) -> list[str]:
        """Capitalised names in ``text`` (people as full names), in order, without duplicates."""
        found: list[str] = []
        for match in re.finditer(r"(?:[A-Z][\w’'\-]*\.?(?:[A-Z]\.)*)(?:\s+(?:of\s+the\s+|of\s+)?[A-Z][\w’'\-]*\.?)*",
                                 text):
            raw = match.group().strip()
            tokens = [_strip_possessive(t) for t in raw.split()]
            while tokens and (tokens[0] in _NOT_ENTITIES or (tokens[0] in _TITLE_WORDS and len(tokens) > 1)):
                tokens = tokens[1:]
            if not tokens:
                continue
            candidate = " ".join(tokens).rstrip(".,") if not re.fullmatch(r"(?:[A-Z]\.)+", tokens[-1]) \
                else " ".join(tokens)
            if match.start() == 0 or text[:match.start()].rstrip().endswith(("“", "\"", ":", "—")):
                # sentence-initial: only a word the document also capitalises mid-sentence
                if tokens[0] not in self.proper:
                    continue
            person = self.person(candidate)
            entity = person or candidate
            if entity in _NOT_ENTITIES or len(entity) < 2 or entity.lower() == entity:
                continue
            if entity not in found:
                found.append(entity)
        return found


# -- paragraphs, quotes and attribution -------------------------------------------------

@dataclass
class Paragraph:
    text: str
    role: str          # "text" | "question" | "answer"


def paragraphs(body: str) -> list[Paragraph]:
    result: list[Paragraph] = []
    for line in body.splitlines():
        text = line.strip()
        if not text or _CREDIT_LINE.match(text):
            continue
        role = "text"
        if re.match(r"^[-–—]\s*\S", text):
            text = re.sub(r"^[-–—]\s*", "", text)
            role = "question" if text.rstrip().endswith("?") else "answer"
        elif result and result[-1].role in ("answer", "question") and not text.endswith("?"):
            role = "answer"            # an answer that goes on over several lines
        result.append(Paragraph(text, role))
    return result


@dataclass
class Attribution:
    who: str | None          # the name as written, or "he"/"she"
    verb: str | None
    span: tuple[int, int] | None   # the attribution text, removed from the statement
    medium: str | None = None


_ATTRIBUTION_PATTERNS = (
    # “...,” he said. / “...,” Trump wrote on Truth Social.
    re.compile(rf"(?P<who>\b(?:he|she|they)\b|{_NAME})\s+(?:also\s+|further\s+|then\s+|later\s+)?"
               rf"(?P<verb>{_SAY_VERBS})\b(?P<medium>\s+(?:on|in|via)\s+(?:Truth Social|X|Twitter|"
               r"Telegram|Facebook|Instagram|social media|a post|a statement|an interview)\b)?"),
    # ..., said Peskov.
    re.compile(rf"\b(?P<verb>said|added|noted|wrote|explained|remarked|concluded)\s+(?P<who>{_NAME})"),
)
_ACCORDING_TO = re.compile(r"\b[Aa]ccording to (?P<who>(?:[^,;:.]|\.(?=\S)|(?<=\b[A-Z])\.)+?)(?:,\s*|\.?\s*$)")
_IN_VIEW = re.compile(rf"\b[Ii]n (?P<who>{_NAME}|his|her)(?:’s|'s)? (?:view|opinion|estimation|words)\b,?\s*")
_SAYS_THAT = re.compile(
    rf"^(?P<lead>(?:[\w.’'\-]+,?\s+){{0,8}}?)(?P<who>\b(?:[Hh]e|[Ss]he)\b|{_NAME})\s+(?:also\s+|further\s+|"
    rf"then\s+|later\s+|has\s+|had\s+)?(?P<verb>{_SAY_VERBS}|went on to say)"
    r"(?:\s+(?:on|in|via)\s+(?:Truth Social|X|Twitter|Telegram|social media))?"
    r"(?:\s+(?:reporters|journalists|him|her|them|us|the (?:press|media|audience|committee)))?(?:\s+that)?\s+(?=\S)")
_TAIL = re.compile(rf",\s+(?P<who>he|she|{_NAME})\s+(?P<verb>{_SAY_VERBS})(?:\s+\w+){{0,3}}\.?$")
def find_quotes(sentence: str) -> list[tuple[int, int]]:
    """Spans of quoted speech (double quotes; scare quotes of one or two words are ignored)."""
    spans = []
    for match in _QUOTE_SPAN.finditer(sentence):
        inner = match.group().strip("“”\"")
        if len(inner.split()) >= 4:
            spans.append((match.start(), match.end()))
    return spans


def tail_attribution(outside: str) -> Attribution:
    """Attribution in the text around a quotation: ", he said", "Trump wrote on Truth Social"."""
    for pattern in _ATTRIBUTION_PATTERNS:
        match = pattern.search(outside)
        if match:
            medium = match.groupdict().get("medium")
            return Attribution(match.group("who"), match.group("verb"), match.span(),
                               medium.strip().split(None, 1)[1] if medium else None)
    return Attribution(None, None, None)


def narrator_attribution(sentence: str) -> tuple[Attribution, str]:
    """Attribution of a narrator sentence, and the sentence without it."""
    match = _ACCORDING_TO.search(sentence)
    if match and not re.search(r"\b(?:reports?|media|sources|officials|data|estimates)\b", match.group("who")):
        rest = (sentence[:match.start()] + " " + sentence[match.end():]).strip()
        return Attribution(match.group("who"), "according to", match.span()), rest
    match = _IN_VIEW.search(sentence)
    if match:
        rest = (sentence[:match.start()] + sentence[match.end():]).strip()
        return Attribution(match.group("who"), "in the view of", match.span()), rest
    match = _SAYS_THAT.search(sentence)
    if match and not re.search(r"\b(?:that|which|who|if|when)\b", match.group("lead")) and (
            match.group().rstrip().endswith(" that") or match.group("verb") in _ZERO_THAT_VERBS):
        return Attribution(match.group("who"), match.group("verb"), match.span()), sentence[match.end():]
    # "..., she said." at the end, or ", he stressed," in the middle
    match = _TAIL.search(sentence) or re.search(rf",\s+(?P<who>he|she|{_NAME})\s+(?P<verb>{_SAY_VERBS}),\s+",
                                                sentence)
    if match:
        return Attribution(match.group("who"), match.group("verb"), match.span()), \
            (sentence[:match.start()] + " " + sentence[match.end():]).strip()
    return Attribution(None, None, None), sentence


# -- dates ------------------------------------------------------------------------------

_MONTH_RE = r"(?:" + "|".join(_MONTHS) + r")\.?"
_DATE_PATTERNS = (
    ("day", re.compile(rf"\b{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b")),
    ("day", re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:\s+\d{{4}})?\b")),
    ("week", re.compile(r"\b(?:next|this|last|the coming|the following)\s+week(?:end)?\b", re.IGNORECASE)),
    ("month", re.compile(r"\b(?:next|this|last|the coming)\s+month\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(?:next|this|last)\s+year\b", re.IGNORECASE)),
    ("day", re.compile(r"\b(?:last night|yesterday|today|tonight|tomorrow)\b", re.IGNORECASE)),
    ("day", re.compile(r"\b(?:next|this|last|on)\s+(?:" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)),
    ("day", re.compile(r"\bin\s+(?:\d+|two|three|four|five|six|seven|ten|a|one)\s+(?:days?|weeks?)\b", re.IGNORECASE)),
    ("month", re.compile(r"\bin\s+(?:\d+|two|three|four|five|six|a|one)\s+months?\b", re.IGNORECASE)),
    ("month", re.compile(rf"\b(?:in|by|before|until|from|since)\s+(?:early\s+|mid-|late\s+)?"
                         rf"(?:January|February|March|April|May|June|July|August|September|October|"
                         rf"November|December)(?:\s+\d{{4}})?\b")),
    ("quarter", re.compile(r"\b(?:in|by|before)\s+the\s+(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+"
                           r"quarter(?:\s+of\s+\d{4})?\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(?:in|by|before|until|since|from)\s+(?:early\s+|mid-|late\s+)?(?:19|20)\d{2}\b")),
)
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _date_settings(base: datetime, prefer: str) -> dict[str, Any]:
    return {"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "RETURN_AS_TIMEZONE_AWARE": False}


def find_dates(text: str, document_date: str | None, future: bool) -> list[dict[str, Any]]:
    """Date expressions of ``text`` resolved against the document date, each as
    ``{"text", "date" (ISO), "precision" (day/week/month/quarter/year), "end" (ISO)}``."""
    import dateparser

    base = datetime.fromisoformat(document_date) if document_date else datetime.now()
    found: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []
    for precision, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < e and match.end() > s for s, e in taken):
                continue
            span = match.group()
            phrase = re.sub(r"^(?:in|by|before|until|from|since|on)\s+", "", span, flags=re.IGNORECASE)
            phrase = re.sub(r"^(?:early|mid-|late)\s*", "", phrase)
            resolved: date | None = None
            end: date | None = None
            if precision == "quarter":
                words = phrase.lower().split()
                quarter = _QUARTERS.get(words[1], 1) if len(words) > 1 else 1
                year = int(words[-1]) if words[-1].isdigit() else base.year
                resolved = date(year, 3 * quarter - 2, 1)
                end = (date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - timedelta(days=1))
            elif precision == "year" and re.fullmatch(r"(?:19|20)\d{2}", phrase):
                resolved, end = date(int(phrase), 1, 1), date(int(phrase), 12, 31)
            elif phrase.lower() == "last night":
                resolved = (base - timedelta(days=1)).date()
            elif precision == "month" and phrase.split()[0] in _MONTHS:
                parts = phrase.split()
                year = int(parts[1]) if len(parts) > 1 else base.year
                month = _MONTHS.index(parts[0]) + 1
                if len(parts) == 1 and future and month < base.month:
                    year += 1
                resolved = date(year, month, 1)
                end = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1))
            else:
                explicit = precision == "day" and bool(re.search(_MONTH_RE, phrase))
                prefer = "current_period" if explicit else ("future" if future else "past")
                parsed = dateparser.parse(phrase, languages=["en"], settings=_date_settings(base, prefer))
                if parsed is None:
                    continue
                resolved = parsed.date()
                if explicit and not re.search(r"\d{4}", phrase):
                    # "February 14" in a forecast is the next one; in a report, the last one
                    if future and resolved < base.date() - timedelta(days=2):
                        resolved = resolved.replace(year=resolved.year + 1)
                    elif not future and resolved > base.date() + timedelta(days=2):
                        resolved = resolved.replace(year=resolved.year - 1)
                if precision == "week":
                    end = resolved + timedelta(days=6 - resolved.weekday())
                elif precision == "month":
                    end = resolved + timedelta(days=30)
                elif precision == "year":
                    end = date(resolved.year, 12, 31)
            taken.append(match.span())
            found.append({"text": span, "date": resolved.isoformat(), "precision": precision,
                          "end": (end or resolved).isoformat(), "start": match.start()})
    found.sort(key=lambda d: d["start"])
    for item in found:
        del item["start"]
    return found


_RELATIVE_ANCHOR = re.compile(
    r"\b(?P<offset>(?:approximately |about |some |nearly |roughly )?(?:\d+|a|an|one|two|three|four|five|six|"
    r"seven|eight|nine|ten)\s+(?:days?|weeks?|months?|years?))\s+(?P<rel>after|before)\s+"
    r"(?P<anchor>(?:[^,.;]|\.(?=\w)|(?<=\b[A-Z])\.)+)")


# -- the clause rules -------------------------------------------------------------------

def _clean(text: str) -> str:
    text = text.strip().strip("“”\"").strip()
    text = re.sub(r"^[,;:—–\-\s]+", "", text)
    text = _LEAD_IN.sub("", text)
    text = re.sub(r"\s+", " ", text).strip().rstrip(",;:—–- ")
    text = text.rstrip("“”\"").strip()
    if text and text[-1] not in ".!?":
        text += "."
    return text[:1].upper() + text[1:] if text else text


def _subject(clause: str) -> str | None:
    """The words before the first verb, without an introductory phrase (at most 10 words)."""
    text = re.sub(r"^(?:(?:during|after|before|following|in|on|at|under|over|for|shortly after)\b[^,]{0,60},\s*)",
                  "", clause, flags=re.IGNORECASE)
    words = text.split()
    verbs = re.compile(r"^(?:is|are|was|were|be|been|has|have|had|will|would|could|might|may|can|must|should|"
                       r"shall|did|does|do|took|held|spoke|met|said|told|sent|stands|lost|made|began|"
                       r"remains?|seems?|appears?|lasted|agreed|invited|discussed|plans?|wants?|faces|"
                       r"[a-z]+ed|[a-z]{3,}s)$")
    for index, word in enumerate(words[:12]):
        bare = word.strip(",.;:“”\"").lower()
        if index > 0 and verbs.match(bare) and not bare.endswith(("ss", "us", "'s", "’s", "ies")):
            subject = " ".join(words[:index]).strip(",;: ")
            return subject or None
    return None


def _resolve_pronoun(statement: str, candidate: str | None) -> str:
    if candidate and re.match(r"^(?:He|She)\b", statement):
        return candidate + statement[len(statement.split()[0]):]
    return statement


@dataclass
class _Context:
    names: Names
    document_date: str | None
    speaker: str | None
    quote: str
    quoted: bool
    verb: str | None
    question: bool
    antecedent: str | None           # who "he"/"she" at the start of a clause refers to
    interviewee: str | None
    paragraph: str


def _probability(clause: str, quantities: list[Quantity], ctx: _Context) -> Quantity | None:
    percent = [q for q in quantities if q.unit == "percent" and q.value <= 1]
    if percent and _PROBABILITY_CONTEXT.search(clause + " " + ctx.quote):
        return percent[0]
    return None


def _outcome(clause: str, ctx: _Context) -> str | None:
    for text in (clause, ctx.quote, ctx.paragraph):
        match = _OUTCOME_RE.search(text)
        if match and not re.match(r"^(?:at|of)\b", match.group("outcome")):
            return match.group("outcome").strip()
    return None


def _classify(clause: str, quantities: list[Quantity], dates: list[dict[str, Any]], ctx: _Context,
              has_entities: bool, presupposed: bool = False) -> tuple[str | None, float | None]:
    """(kind, probability); kind None: not a claim at all.

    The order matters: a stated probability makes a forecast even in the first person ("I would
    gauge the probability at around 20%"); a prediction verb with something concrete (a value,
    a date) makes a forecast; scheduled or dated happenings are events; then opinion cues win
    over everything that is left; speculation without anything concrete is opinion too."""
    probability = _probability(clause, quantities, ctx)
    if probability is not None:
        return "forecast", probability.value
    if _META_RE.search(clause):
        return None, None
    recent = [d for d in dates if d["date"] >= _years_before(ctx.document_date, 1)]
    concrete = bool(quantities) or bool(recent)
    singular = bool(_FIRST_PERSON_SINGULAR.search(clause))
    plural = bool(_FIRST_PERSON_PLURAL.search(clause))
    evaluative = bool(_OPINION_RE.search(clause)) or "!" in clause
    demonstrative = bool(re.match(r"^(?:This|That|These|Those|Such)\b", clause)) and not quantities
    narrated = not ctx.quoted and ctx.verb is not None
    if presupposed:
        return ("fact" if has_entities and not singular else None), None
    if narrated and ctx.verb in _FORECAST_VERBS:
        return "forecast", None
    if _REPORTED_STATEMENT.match(clause) and not singular and has_entities:
        return "fact", None                  # "He unequivocally stated that ...": the statement is the fact
    if _FORECAST_VERB_RE.search(clause) and concrete and not evaluative:
        return "forecast", None
    if singular or (plural and not concrete):
        return "opinion", None
    if _STRONG_FORECAST_RE.search(clause) and not demonstrative:
        return "forecast", None
    if _EVENT_RE.search(clause) and not evaluative:
        return "event", None
    if recent and not evaluative and not _SPECULATION_RE.search(clause) and has_entities and not quantities:
        return "event", None
    summary = narrated and ctx.speaker is not None and ctx.speaker == ctx.interviewee and not concrete
    if evaluative or demonstrative or summary or (narrated and ctx.verb in _OPINION_VERBS) \
            or (not ctx.quoted and _DISCOURSE_SUMMARY.match(clause)):
        return "opinion", None
    if _SPECULATION_RE.search(clause):
        if concrete or _EVENT_NOUNS.search(clause):
            return "forecast", None
        return "opinion", None
    if any(_is_claim_quantity(q) for q in quantities):
        return "quantity", None
    if has_entities or (narrated and ctx.speaker is not None) or \
            re.match(r"^(?:The|Both|All)\s+(?:two\s+)?(?:leaders|presidents|sides|parties)\b", clause):
        return "fact", None
    return None, None


def _is_claim_quantity(quantity: Quantity) -> bool:
    """A value worth checking: not a small count in words ("the two leaders")."""
    return not (quantity.unit == "count" and quantity.value <= 10 and not re.search(r"\d", quantity.text))


def _years_before(document_date: str | None, years: int) -> str:
    base = date.fromisoformat(document_date) if document_date else date.today()
    return (base - timedelta(days=365 * years)).isoformat()


def _resolves_by(kind: str, dates: list[dict[str, Any]], document_date: str | None) -> tuple[str | None, str | None]:
    """(event_date, resolves_by): an event or forecast resolves a little after its date."""
    if not dates:
        return None, None
    first = dates[0]
    event_date = first["date"]
    if kind not in ("event", "forecast"):
        return event_date, None
    if document_date and first["end"] < document_date:
        return event_date, None                       # already happened when the document was written
    grace = {"day": 3, "week": 7, "month": 7, "quarter": 14, "year": 30}[first["precision"]]
    end = date.fromisoformat(first["end"]) if first["precision"] != "week" else date.fromisoformat(first["date"])
    return event_date, (end + timedelta(days=grace)).isoformat()


def _make_unit(clause: str, ctx: _Context, *, anchor: str | None = None,
               drop: list[Quantity] | None = None, presupposed: bool = False) -> Unit | None:
    statement = _resolve_pronoun(_clean(clause), ctx.antecedent)
    if len(statement.split()) < 3:
        return None
    quantities = [q for q in parse_quantities(statement)
                  if not any(q.text == d.text for d in drop or [])]
    entities = [e for e in ctx.names.entities(statement)]
    future = bool(_SPECULATION_RE.search(statement) or _EVENT_RE.search(statement)
                  and not re.search(r"\b(?:took place|was held|were held|there was)\b", statement))
    dates = find_dates(statement, ctx.document_date, future=future)
    kind, probability = _classify(statement, quantities, dates, ctx, bool(entities), presupposed)
    if kind is None:
        return None
    slots: dict[str, Any] = {}
    if ctx.verb and ctx.verb not in ("according to", "in the view of"):
        slots["reported_with"] = ctx.verb
    if ctx.quoted:
        slots["quoted"] = True
    if dates:
        slots["dates"] = dates
    relative = _RELATIVE_ANCHOR.search(statement)
    if relative:
        slots["relative_date"] = {"offset": relative.group("offset"), "relation": relative.group("rel"),
                                  "anchor": relative.group("anchor").strip()}
    conditional = _CONDITIONAL.match(statement.rstrip("."))
    if conditional:
        condition, consequence = conditional.group("if"), conditional.group("then")
        slots["condition"] = re.sub(r"^(?:if|should|once|unless)\s+", "", condition, flags=re.IGNORECASE)
        slots["consequence"] = consequence
        roles = ["condition" if q.start < conditional.end("if") else "consequence" for q in quantities]
        if quantities:
            slots["quantity_roles"] = roles
    if kind == "forecast" and probability is not None:
        outcome = _outcome(statement, ctx)
        if outcome:
            slots["outcome"] = outcome
            if not _OUTCOME_RE.search(statement):
                prob_q = next(q for q in quantities if q.unit == "percent")
                statement = f"The probability of {outcome} is {prob_q.text}."
    event_date, resolves_by = _resolves_by(kind, dates, ctx.document_date)
    return Unit(anchor=anchor or clause, quote=ctx.quote, statement=statement, kind=kind, speaker=ctx.speaker,
                subject=_resolve_pronoun(_subject(statement) or "", ctx.antecedent) or None,
                entities=entities, quantities=quantities, probability=probability, event_date=event_date,
                resolves_by=resolves_by, slots=slots, slug_text=statement)


def _measured_units(clause: str, ctx: _Context) -> list[tuple[Unit, Quantity]]:
    """Quantity claims of measured noun phrases: "the 30-day ceasefire" -> "A 30-day ceasefire"."""
    units = []
    for match in _MEASURED_NP.finditer(clause):
        quantities = parse_quantities(match.group("q"))
        if not quantities:
            continue
        quantity = quantities[0]
        noun = match.group("noun").strip()
        if _DURATION_EVENT_NOUNS.search(noun.lower()):
            statement = f"The {noun} lasted {format_value(quantity.value, quantity.unit)}."
        else:
            statement = f"A {match.group('q')} {noun}."
        quantity = parse_quantities(statement)[0] if parse_quantities(statement) else quantity
        unit = Unit(anchor=match.group(), quote=ctx.quote, statement=statement, kind="quantity",
                    speaker=ctx.speaker, subject=noun, entities=ctx.names.entities(clause),
                    quantities=[quantity], slots={"phrase": match.group()},
                    slug_text=f"{noun.split()[-1]} {match.group('q')}")
        units.append((unit, quantity))
    return units


def _clause_units(text: str, ctx: _Context) -> list[Unit]:
    units: list[Unit] = []
    if ctx.question:
        return [unit for unit, _ in _measured_units(text, ctx)]
    for clause in _CLAUSE_SPLIT.split(text):
        if not clause or len(clause.split()) < 3:
            continue
        extra: list[str] = []
        for pattern in _PRESUPPOSITIONS:
            match = pattern.search(clause)
            if match and ctx.names.entities(match.group("fact")):
                extra.append(match.group("fact"))
        measured = _measured_units(clause, ctx)
        intro = re.match(r"^(?:during|after|before|following|over|in)\s+(?:the|a|an|its|their)\s+[^,]{3,60},\s*",
                         clause, flags=re.IGNORECASE)
        main = _make_unit(clause[intro.end():] if intro and measured and measured[0][0].slots["phrase"]
                          in intro.group() else clause, ctx)
        for unit, quantity in measured:
            in_intro = intro is not None and unit.slots["phrase"] in intro.group()
            if in_intro or main is None or main.kind == "opinion" or \
                    not any(q.value == quantity.value and q.unit == quantity.unit for q in main.quantities):
                units.append(unit)
                if main is not None:      # the phrase is its own claim now, not a value of this one
                    main.quantities = [q for q in main.quantities
                                       if not (q.value == quantity.value and q.unit == quantity.unit)]
        if main is not None:
            units.append(main)
        for fact in extra:
            fact_unit = _make_unit(fact, ctx, presupposed=True)
            if fact_unit is not None and fact_unit.kind != "opinion":
                units.append(fact_unit)
    return units


def _interviewee(text: str, names: Names, outlet: str | None) -> str | None:
    """The person a paragraph introduces as interviewed ("In an interview with News.Az, Yevhen
    Mahda ...", "perspective from Sergei Markov"), skipping the outlet's own name."""
    found = _INTERVIEWEE_RE.search(text)
    if not found:
        return None
    window = text[found.start("name"):found.start("name") + 120]
    for run in re.findall(r"[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*", window):
        if outlet and (run in outlet or outlet in run):
            continue
        person = names.person(run)
        if person and " " in person and not (outlet and person in outlet):
            return person
    return None


def extract_units(body: str, *, document_date: str | None, outlet: str | None = None) -> Iterator[Unit]:
    """Every claim-bearing clause of a document body, in reading order."""
    names = Names(body)
    interviewee: str | None = None
    for paragraph in paragraphs(body):
        interviewee = _interviewee(paragraph.text, names, outlet) or interviewee
        paragraph_speaker: str | None = None
        mentioned: list[str] = []
        previous_quote_speaker: str | None = None
        for sentence in _sentences(paragraph.text):
            quotes = find_quotes(sentence)
            quoted_chars = sum(e - s for s, e in quotes)
            question = paragraph.role == "question"
            if quotes and quoted_chars >= 0.5 * len(sentence):
                outside = "".join(ch if not any(s <= i < e for s, e in quotes) else " "
                                  for i, ch in enumerate(sentence))
                attribution = tail_attribution(outside)
                speaker = _speaker(attribution.who, names, paragraph_speaker, interviewee)
                if attribution.who is None:
                    speaker = previous_quote_speaker or paragraph_speaker or interviewee
                previous_quote_speaker = speaker
                if attribution.who:
                    paragraph_speaker = speaker
                texts = []
                for start, end in quotes:
                    texts.extend(_sentences(sentence[start:end].strip("“”\" ")))
                verb, quoted = attribution.verb, True
            else:
                if paragraph.role == "answer":
                    attribution, rest = Attribution(None, None, None), sentence
                    speaker = interviewee
                elif question:
                    attribution, rest = Attribution(None, None, None), sentence
                    speaker = None
                else:
                    attribution, rest = narrator_attribution(sentence)
                    speaker = _speaker(attribution.who, names, paragraph_speaker, interviewee)
                    if attribution.who:
                        paragraph_speaker = speaker
                texts, verb, quoted = [rest], attribution.verb, False
                previous_quote_speaker = None
            for text in texts:
                others = [p for p in mentioned if p != speaker]
                antecedent = others[-1] if others else (interviewee if not quoted and speaker is None else None)
                ctx = _Context(names=names, document_date=document_date, speaker=speaker, quote=sentence,
                               quoted=quoted, verb=verb, question=question, antecedent=antecedent,
                               interviewee=interviewee, paragraph=paragraph.text)
                yield from _clause_units(text, ctx)
                mentioned.extend(p for p in names.people_in(text) if p not in mentioned[-1:])
            mentioned.extend(p for p in names.people_in(sentence) if p not in mentioned)


def _speaker(who: str | None, names: Names, paragraph_speaker: str | None, interviewee: str | None) -> str | None:
    if who is None:
        return None
    who = who.strip()
    if who.lower() in ("he", "she", "him", "her", "his"):
        return paragraph_speaker or interviewee
    if who.lower() in ("they", "them"):
        return None
    person = names.person(who) or names.by_title(who)
    if person:
        return person
    runs = re.findall(r"[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*", who)
    for run in reversed(runs):
        person = names.person(run)
        if person:
            return person
    # not a person we know: "the national statistics office"
    return re.sub(r"^(?:the|a|an)\s+", "", who, flags=re.IGNORECASE) or None
