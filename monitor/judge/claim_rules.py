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
6. **Slots**: subject, entities (capitalised names, resolved), quantities, dates resolved
   against the document date (``claim_dates``), ``resolves_by``, conditionals ("if X, Y").
"""
from __future__ import annotations

import functools
import re
import statistics
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Callable, Iterator, Sequence

import pysbd

from .claim_dates import (
    _CALENDAR_DAY,
    _FULL_MONTHS,
    _MONTHS,
    _MONTH_RE,
    _ON_DAY,
    _WEEKDAYS,
    _WEEKDAY_RE,
    _alternative_dates,
    YearCounting,
    find_dates,
    MOVE_VERBS,
    in_occasion_year,
    month_number,
    occasion_year,
    said_on,
    year_counting,
)
from .clause_parse import antecedent, clause_parts, has_finite_verb, has_verb, people_named, plural_subject, subject_of
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
    paragraph: int = 0              # which paragraph of the body it comes from


# -- word lists -------------------------------------------------------------------------

_SAY_VERBS = ("said|says|added|adds|noted|notes|remarked|explained|observed|concluded|warned|argued|"
              "cautioned|stressed|emphasized|emphasised|wrote|writes|posted|told|stated|states|predicted|"
              "predicts|contended|suggested|insisted|claimed|claims|announced|announces|confirmed|"
              "confirms|replied|continued|acknowledged|pointed out|indicated|believes|thinks|urged|"
              "mentioned|reported|recalled|asserted|declared|estimated|estimates|expects|expected|"
              "maintained|countered|admitted|revealed|disclosed|responded|went on to say|underlined|underscored|"
              "observed|ruled(?!\\s+out)|asserts|argues|contends|maintains|insists|reports")
# narrator verbs that summarise a view rather than report a statement
# verbs that report speech without "that" ("Marsh said the bank had sold ...")
_ZERO_THAT_VERBS = {"said", "says", "told", "added", "noted", "wrote", "predicted", "warned", "argued",
                    "estimated", "believes", "thinks", "expects", "insisted", "claimed", "stressed"}
_OPINION_VERBS = {"argued", "contended", "suggested", "believes", "thinks", "cautioned", "urged", "stressed",
                  "emphasized", "emphasised", "insisted", "underlined", "underscored", "maintained",
                  "countered", "observed", "in the view of"}
_FORECAST_VERBS = {"predicted", "predicts", "expects", "expected", "estimated", "estimates"}

# ("Nestor Espenilla Jr.", "the Bank of Thailand (BOT)")
# ("Jee-A van der Linde", "Walt Disney Co.")
_NAME = (r"[A-Z][\w’'\-]+(?:\s+(?:(?:of|for|van|von|der|den|de|da|dos|del|bin|ibn)\s+){0,2}[A-Z][\w’'\-]+){0,3}"
         r"(?:,?\s+(?:Jr|Sr)\.|\s+(?:Co|Corp|Inc|Ltd)\.)?(?:\s+\([A-Z]{2,6}\))?")
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
Corporation Inc Corp Ltd Co Airlines Motors Technologies Systems Labs Energy Capital Holdings Partners Workers""".split())
_HONORIFICS = set("""Datuk Dato Dato’ Dato' Datin Seri Tun Dame Rev Reverend Hon Honourable""".split())
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
_NOT_ENTITIES = set(_MONTHS) | set(_WEEKDAYS) | _SENTENCE_STARTERS | {"God", "II", "Mr", "Mrs", "Ms"}

_META_RE = re.compile(
    r"\bNews\.Az\b|\binterview\b|\bhis (?:analysis|commentary|remarks|assessment)\b|"
    r"’s (?:analysis|commentary|remarks|assessment|insights?)\b|\bweighed in\b|\bshared his\b|"
    r"\bin this (?:exclusive )?(?:interview|conversation)\b|\bwe explored\b|"
    r"\bsparked (?:a )?(?:widespread |wide |intense )?(?:discussion|debate|speculation)\b", re.IGNORECASE)
# ("Oh My God 2": a title, not the first person)
# (not "I" in a title: "opened UK drama I Swear", "World War I")
_FIRST_PERSON_SINGULAR = re.compile(r"\b(?:I(?!\s+[A-Z][a-z])(?![-‑]\w)(?<!War I)|I’m|I'm|I’d|I'd|I’ve|I've|me|my|My(?!\s+[A-Z]))\b")
_EPISTEMIC_SHOULD = re.compile(r"\bshould\s+(?:be able to|easily|comfortably|still)?\s*(?=(?:see|reach|pass|top|hit|"
                               r"rise|fall|climb|come in|finish|end|exceed|surpass|cross|gross|earn|take|land|"
                               r"close)\b)")
_DECIDED_CHANGE = re.compile(r"\b(?:will|shall)\s+(?:also\s+|now\s+)?(?:rise|increase|go up|fall|drop|decrease|"
                             r"be (?:raised|cut|lowered|increased|reduced|offered|extended|introduced|scrapped|abolished|"
                             r"imposed|banned)|"
                             r"take effect|come into (?:force|effect)|apply|change|see an? (?:increase|rise|hike|cut|reduction)|"
                             r"sell|auction|issue|impose|introduce|lift|ban)\b")
# the words of a time: "this year", "later this week", "next season" name no thing said before
_TIME_WORDS = (r"(?:day|week|weekend|month|quarter|year|season|summer|winter|spring|autumn|fall|morning|afternoon|"
               r"evening|night|time)")
# a figure with its unit or scale, which a speaker's "I" does not make a view
_TELLS_VALUE = re.compile(r"[$€£¥₹]\s?\d|\d\s*(?:%|per\s?cent|percent)|\d[\d,.]*\s*(?:million|billion|trillion|crore|"
                          r"lakh|gigawatts?|GW|MW|megawatts?|tonnes?|tons?)\b")
_FIRST_PERSON_PLURAL = re.compile(r"\b(?:we|We|our|Our|ours)\b")
_MILD_WORDS = {"significant", "significantly", "notable", "remarkable", "positive", "productive"}
_OPINION_RE = re.compile(
    # ("students won't have to pay": what a change spares them, not what the writer prescribes)
    r"\b(?:must|should|ought to|need to|needs to|(?<!n't )(?<!n’t )(?<!not )(?<!longer )(?:have|has) to(?!\s+date\b)|"
    r"it is time|it’s time|it is crucial|"
    r"it is essential|it is encouraging|it is evident|it is apparent|it is clear|it is vital|"
    r"it is by no means|it is widely known|of course|naturally|undoubtedly|clearly|obviously|regrettably|"
    r"unfortunately|significant|significantly|notable|remarkable|absurd|nonsense|problematic|mistaken|"
    r"alarming|(?-i:paramount)|vital|straightforward|unprepared|inevitabl[ey]|genuine|fleeting|self-destructive|"
    r"senseless|dignity|pragmatic|pragmatists?|ideologues|realist|great nation|"
    r"in my (?:view|opinion|estimation)|characteri[sz]ed (?:\w+\s+){1,4}as|described (?:\w+\s+){1,4}as|"
    r"cast (?:\w+\s+){1,4}as|regards? (?:\w+\s+){1,4}as|God bless|hopeful|glad|convinced|doubt|"
    r"skeptical|sceptical|sympathy|falls? short|no major|a victory for|a defeat|a win for|breakthrough|"
    r"highly successful|unresolved|not merely|somehow|simply not|(?<!who )(?:wants? to|wish(?:es)? to)|(?-i:hopes? to)|"
    r"understands? that|realized|realised|recognizes? that|seems?|seemingly|appears? to be|"
    r"(?:has|have) the potential|went very well|very well|positive|productive|constructive|"
    r"unrealistic|misleading|reckless|belligerent|too (?:high|low|slow|slowly|fast|weak)|far too|"
    r"behind the curve|impressive|cautiously|fragile|the time has come|likely(?! to)(?!\s+(?:voters|electors|caucus-?goers)\b)|"
    r"risky|such an? \w+|"
    r"(?:does not|doesn’t|doesn't|do not|don't) like|likes|dislikes?|prefers?|is (?:wary|keen|reluctant) to|"
    r"hardly|barely|very (?:good|bad|strong|weak|poor)|better off|worse off|(?:his|hers|theirs|ours) to lose|"
    r"particularly acute)\b",
    re.IGNORECASE)
# "the 5-percent threshold that Polish parties need to clear": what a rule requires, said of a noun
_RELATIVE_OBLIGATION = re.compile(r"\b(?:that|which|who)\s+(?:[\w’'\-]+\s+){0,3}?(?:must|need to|needs to|have to|has to)\b")
# "transport costs fell", "affordability remains near record lows", "the rate has been held twice":
# a measured thing moving or holding, checkable against the next figures
_MEASURED_MOVE = re.compile(r"\b(?:costs?|prices?|rates?|ratios?|inflation|sales|demand|supply|output|production|exports|"
                            r"imports|affordability|growth|unemployment|wages|spending|revenue|profits?|shares|yields?|"
                            r"volumes?|index|currency|bonds)\s+"
                            r"(?:have\s+|has\s+|had\s+)?(?:also\s+)?(?:fell|fallen|rose|risen|dropped|climbed|increased|"
                            r"decreased|declined|eased|slowed|accelerated|slipped|jumped|gained|edged|remained|remains|stayed|"
                            r"stays|been held|was held|were held|held)\b",
                            re.IGNORECASE)
_IMPERSONAL_REPORT = re.compile(r"^[Ii]t\s+is\s+(?:widely\s+|now\s+|also\s+)?(?:anticipated|expected|estimated|projected|"
                                r"forecast|believed|understood|reported)\s+that\s+(?=\S)")
_AIMS_TO = re.compile(r"\b(?:aims?|aimed|aiming|targets?|targeted|targeting)\s+to\b", re.IGNORECASE)
# "the ninth consecutive quarter", "a company record for the largest increase": a rank or a record
_RANKED_FACT = re.compile(r"\b(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"
                          r"(?:[\s-]+(?:consecutive|straight|successive|yearly|annual|monthly|quarterly|biggest|largest|"
                          r"highest|lowest|most|best|worst))|(?:a|an|the|its|their)\s+(?:\w+\s+)?record\b|"
                          # "the 75th launch from", "the lowest since March 2022", "the warmest August on record"
                          r"the\s+\d+(?:st|nd|rd|th)\s+(?!(?:day|days|of|century|anniversary|birthday)\b)[a-z]|"
                          r"(?:highest|lowest|biggest|largest|smallest|warmest|coldest|wettest|driest|strongest|weakest|"
                          r"fastest|slowest)\s+(?:[\w\-]+\s+){0,2}?(?:since\b|on record\b|ever\b|in\s+(?:\w+\s+)?(?:years|decades)))",
                          re.IGNORECASE)
# a news writer's framing: sets the scene, checks nothing
_FRAMING_RE = re.compile(
    r"\b(?:(?:just )?around the corner|the wait is (?:nearly |almost |finally )?over|take[s]? cent(?:er|re) stage|"
    r"balancing act|work cut out|all eyes (?:are|will be) on|in the spotlight|under the microscope|"
    r"make[s]? or break|uncharted territory|a tall order|the big question|remains to be seen|"
    r"only time will tell|will be crucial|is crucial|are crucial|hangs? in the balance|in full swing|"
    r"in full force|front and cent(?:er|re)|on tenterhooks|nail-biting|high-stakes)\b", re.IGNORECASE)
_DISCOURSE_SUMMARY = re.compile(
    r"^(?:[^,]{0,80},\s*)?(?:[A-Z][\w’'\-]+\s+){0,3}[A-Z][\w’'\-]+(?:,[^,]{1,30},)?\s+(?:\w+ly\s+|also\s+|then\s+|"
    r"nonetheless\s+|further\s+)*(?:began by|turned to|went on|addressed|examined|explored|focused|"
    r"pointed to|highlighted|cast|framed|sees|views|identifies|identified|described|characterized|"
    r"characterised|offered|expanded|reflected|voiced|urged|emphasized|emphasised|underscored|stressed|"
    r"welcomed|praised|criticized|criticised|was (?:unequivocal|critical|skeptical|sceptical|optimistic|"
    r"pessimistic|upbeat|cautious|clear))\b")
# "going to" a place ("going to space for the third time") is not a future
_GOING_TO = r"going to(?!\s+(?:the|a|an|space|school|work|war|court|jail|prison|church|bed|sea|[A-Z]\w*)\b)"
_SPECULATION_RE = re.compile(rf"\b(?:will|won’t|won't|would|could|might|may|can|shall|{_GOING_TO})\b")
# "Starliner was set to launch them last summer": a plan that was, reported as a fact
_HAS_PLANNED = re.compile(r"\b(?:has|have)\s+(?:also\s+|now\s+|already\s+)?(?:aimed|planned|targeted|pledged)\s+"
                          r"(?:again\s+)?to\b", re.IGNORECASE)     # (not "has decided to": a decision taken)
# "The launch was originally scheduled for Thursday": a plan since replaced, a fact about the past
_SUPERSEDED_PLAN = re.compile(r"\b(?:was|were|had been)\s+(?:originally|initially|previously)\s+(?:set|scheduled|slated|due|"
                              r"planned|expected)\b")
_PAST_PLAN_RE = re.compile(r"\b(?:was|were)\s+(?:originally\s+|initially\s+)?"
                           r"(?:set|scheduled|slated|due|supposed)\s+to\b")
# what follows "due" when it points ahead ("due later this month", "due this year", "due shortly")
_DUE_AHEAD = "this|later|within|shortly|soon"
_STRONG_FORECAST_RE = re.compile(
    r"\b(?:likely to|unlikely to|expected to|anticipated to|poised to|(?:is|are)\s+to\s+(?=(?:open|launch|close|cut|raise|"
    r"build|hire|invest|sell|buy|start|begin|introduce|increase|reduce|shut|add)\b)|(?<!was )(?<!were )prepared to|(?<!was )(?<!were )ready to|"
    r"set to|on track to|on course to|(?:almost |virtually |all but |nearly )?certain to|bound to|sure to|"
    rf"(?:is|are) due (?:by|before|in|{_DUE_AHEAD}|next)|(?:is|are) due to (?:rise|fall|increase|decrease|climb|drop|grow)"
    r"(?=\s+(?:[\w’'\-]+\s+){0,3}?(?:to|by)\s+(?:about\s+|around\s+)?[$€£]?\d)|"
    r"(?:target|forecast|projection|guidance|outlook)s?\s+(?:to|of|at)\s+(?:about\s+|around\s+|a range of\s+|between\s+)?"
    r"[$€£]?\d|"
    r"rumou?red to|speculated to|tipped to|aim(?:s|ing)? (?:to|for)|intends? to|is likely|"
    r"plans? to (?!(?:hold|meet|visit|travel|launch|release|open|sign|host|announce|ship|begin|start|present)\b)|"
    r"are likely|it is expected that|"
    r"is about to|are about to|odds|probability|chances? (?:of|that)|(?:is|are|was|were) expected (?:at|in|on|for|by)|"
    r"(?:real|good|fair|strong|decent|outside) (?:shot|chance) at|"      # "a real chance at $100 million"
    r"(?:is|are) (?:seen|forecast|projected|anticipated|tipped|predicted) (?:to|at|averaging|rising|falling|reaching)|"
    r"(?:likeliest|most likely) (?:outcome|result|"
    r"scenario))\b", re.IGNORECASE)
_FORECAST_VERB_RE = re.compile(
    r"\b(?:expects?|expecting|anticipates?|anticipating|predicts?|predicted|predicting|sees|see|forecasts?|"
    r"forecasted|forecasting|projecting|pric(?:ing|ed) in|(?:(?<=[Mm]arkets )|(?<=[Tt]raders )|(?<=[Ii]nvestors )|(?<=[Tt]hey ))"
    r"pric(?:e|es) in|guided|guides|guiding|foresees?|foresaw|foreseeing|"
    r"(?<!was )(?<!were )(?<!is )(?<!are )(?<!be )expected(?=\s+(?:the|a|an|its|their)?\s*(?:[\w’'\-]+\s+){0,3}to\s)|"
    r"(?<![Tt]he )(?<!was )(?<!were )(?<=\w )expected(?=\s+(?:at least|at most|about|around|only|no|one|two|three|"
    r"four|a|an)\s)|"   # "economists expected at least one cut"
    r"pencil(?:l?ed|s)? in|estimates?(?=\s+(?:[\w’'\-]+\s+){1,3}to\s)|call(?:s|ed)? for(?=\s+(?:an?\s+)?[\w\s-]{0,30}"
    r"\b(?:upside|downside|beat|miss|growth|decline|rise|fall|cut|hike|increase|decrease|gain|drop|EPS|revenue|earnings)\b)|"
    r"(?:projects|(?<=to )project)(?=\s+(?:[\w-]+\s+){0,2}(?:revenue|sales|earnings|growth|profits?|"
    r"income|GDP|inflation|prices|output|demand|unemployment|deficit|an?\s)))\b")
_EVENT_NOUNS = re.compile(
    r"\b(?:negotiations|talks|summit|meeting|vote|election|referendum|deal|agreement|ceasefire|sanctions|"
    r"rounds?|hearing|trial|launch|release|deliveries|budget|decision)\b", re.IGNORECASE)
_REPORTED_STATEMENT = re.compile(
    r"^(?:[A-Z][\w’'\-]+\s+){1,3}(?:\w+ly\s+|also\s+)?(?:stated|said|told|announced|declared|confirmed|"
    r"claimed|insisted|warned|pledged|promised|vowed|ordered|requested|asked|demanded|dismissed|"
    r"rejected|denied)\b(?:\s+[\w’'\-]+){0,3}\s+that\b")
_EVENT_RE = re.compile(
    r"\b(?:slated to|slated for|scheduled to|scheduled for|due to (?:come|take effect|meet|visit|arrive|travel|hold|sign|speak|"
    r"announce|launch|release|vote|decide|testify|begin|start|open|reopen|close|be completed|complete|finish|end|"
    r"expire|resume)|set to (?:meet|visit|arrive|travel|hold|sign|"
    r"host|announce|launch|release|vote|decide|begin|start|open)|plans? to (?:hold|meet|visit|travel|launch|"
    r"release|open|sign|host|announce|ship|begin|start|present)|planned for|(?:will|would) (?:meet|visit|"
    r"travel|hold|host|sign|announce|launch|release|ship|open|begin|start|vote|decide|testify|publish|"
    r"present|go on sale|meet again)|took place|was held|were held|will be held|is to (?:meet|visit)|"
    r"are to meet|meets again|meets next|next meets|there was an? (?:attack|strike|explosion|blast|meeting|call|vote))\b",
    re.IGNORECASE)
_VAGUE_RE = re.compile(r"\b(?:far beyond|differ|vary|significant|major|some|further|more|less)\b", re.IGNORECASE)
_STRONG_OPINION_RE = re.compile(r"\b(?:seems?|appears?|should|must|ought to|needs? to|have to|has to|"
                                r"appropriate|in (?:my|our) (?:view|opinion))\b", re.IGNORECASE)
# what a meeting or vote decides: a statement of it is a forecast, not the event
_OUTCOME_VERB_RE = re.compile(r"\b(?:cut|cuts|raise|raises|hike|hikes|lower|lowers|reduce|reduces|increase|"
                              r"increases|approve|approves|reject|rejects|ratify|ratifies|extend|extends|keep|"
                              r"keeps|hold rates|win|wins|lose|loses)\b", re.IGNORECASE)
# the terms of a deal as reported ("will get a bonus of", "will pay $55 a share"): stated values
_DEAL_TERMS_RE = re.compile(r"\bwill (?:get|receive|earn|pay|be paid|include|cost|give)\b")
# a clock time, or what follows on from a scheduled happening, in a future clause: an event
_AT_CLOCK_TIME = re.compile(r"\b(?:at|for|starting(?: at)?|beginning(?: at)?|from|about|around|by)\s+(?:approximately\s+|"
                            r"about\s+|around\s+)?\d{1,2}(?:[:.]\d{2})?\s*"
                            r"(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|BST|UTC|[ECMP][SD]?T\b|AE[SD]T\b|CES?T\b|local time|noon)|"
                            r"\bat\s+(?:noon|midday|midnight)\b|\b(?:will|would)\s+follow\b")
# the present tense of a timetable: "The launch window opens at 7 a.m. CT"
# ("The 2024 Games begin on 26 July", "The tour wraps September 2": a timetable's day points ahead)
_TIMETABLE_RE = re.compile(r"\b(?:opens|begins?|starts|wraps|kicks off|closes|ends|takes? place|arrives|launches|premieres|"
                           r"debuts|resumes|makes|holds|meets|convenes|announces|releases|publishes|"
                           r"(?:is|are) (?=at\s+\d)|"
                           r"hands down|delivers|unveils|is scheduled|are scheduled|is set|are set|"
                           r"is due|are due|is slated|are slated)\b|"
                           # a dated line of a listing: "June 23 – KANSAS CITY, MO – Kauffman Stadium"
                           rf"^(?:(?:{'|'.join(_WEEKDAYS)}),?\s+)?(?:{_MONTH_RE}\.?\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH_RE})"
                           r"(?:st|nd|rd|th)?\s*[–—:-]\s")
# what became of a deal named by its value: the fate is the claim, the value its label
_DEAL_FATE = re.compile(r"\b(?:dropped|scrapped|scuttled|abandoned|withdrew|called off|blocked|cleared|approved|"
                        r"rejected|completed|closed|terminated|sealed)\s+(?:its|a|an|the|their)\s+(?:proposed\s+)?"
                        r"(?:US|C|A)?[$€£]\d[\d.,]*\s*(?:billion|million|bn|m)?\s+(?:attempt|bid|offer|deal|"
                        r"acquisition|takeover|merger|purchase|sale)\b")
# (a question with a verb of its own ends before the modal: in "details of how much was spent will be
# published" the "will" is the sentence's)
_EMBEDDED_QUESTION = re.compile(r"\s(?:how|whether|what|why|where)\s+"
                                r"(?:(?!(?:is|are|was|were|has|have|had|did|does|do)\b)[\w’'\-]+\s+){0,6}?"
                                r"(?:will|would|could|might|may|can)\b")
_RULE_REQUIRES = re.compile(r"\b(?:must|(?:is|are|will be) (?:required|obliged|banned|prohibited) (?:to|from))\b")
_RULE_WORDS = re.compile(r"\b(?:law|act|rules?|regulations?|directive|treaty|statute|bill|legislation)\b",
                         re.IGNORECASE)
# a deed done on a day: signing, ordering, buying; its value is what it was worth
_DATED_DEED = re.compile(r"\b(?:signed|placed|agreed|completed|sealed|finalised|finalized|bought|acquired|sold|"
                         r"ordered|booked|awarded|won|launched|unveiled|reduced|raised|lowered|hiked|cut|issued|"
                         r"recommended|approved|authori[sz]ed|granted|adopted)\b")
# a headline's infinitive of what is to come: "World oil output to rise 2.7 million bpd in 2025"
_HEADLINE_TO = re.compile(r"^(?P<subject>(?:[\w’'\-]+\s+){1,6}?)to\s+(?:rise|fall|grow|increase|decrease|decline|drop|"
                          r"reach|hit|top|exceed|climb|slow|expand|contract|shrink|double|average|cut|raise|hike|lift|"
                          r"lower|add|lose|shed|create|hire|invest|spend|cost|open|close|launch)\b")
# a bullet point of someone's outlook, its subject in the heading: "Sees ...", "Does not see ..."
_BULLET_FORECAST = re.compile(r"^(?:Expects|Sees|Predicts|Forecasts|Projects|Anticipates|Does not (?:see|expect)|"
                              r"Doesn[’']t (?:see|expect)|Says\b.*\b(?:will|would)\b)")
# what a court decided: the verdict or the sentence is the claim, its numbers part of it
_LEGAL_OUTCOME = re.compile(r"\b(?:sentenced|convicted|acquitted|indicted|charged|fined|found (?:not )?guilty|"
                            r"pleaded (?:not )?guilty|faces? (?:a maximum|up to)|facing (?:a maximum|up to)|"
                            r"was facing)\b")
# a statement made in the past and since overtaken: "They had maintained until last month that ..."
_PAST_STATEMENT = re.compile(r"\bhad\s+(?:long\s+|previously\s+|repeatedly\s+)?(?:maintained|said|insisted|"
                             r"expected|predicted|forecast|projected|estimated|promised|claimed)\b")
# "customers have all said they would invest", "said that the employee side would oppose": a pledge reported
_SAID_WOULD = re.compile(r"\b(?:said|told \w+|announced|confirmed|pledged|promised|vowed)\s+(?:that\s+)?"
                         r"(?:[\w’'-]+\s+){0,4}?would\b")
_PLAIN_FUTURE_RE = re.compile(r"\b(?:will|won’t|won't|shall)\b")
_POLL_RE = re.compile(r"\b(?:polls?|polling|opinion poll|survey|projections?|projected|"
                      r"model (?:shows|suggests))\b", re.IGNORECASE)
_READER_RE = re.compile(r"^(?:check out|click|read|see|follow|subscribe|sign up|watch|listen|find out)\b|"
                        r"\b(?:you|your)\b", re.IGNORECASE)
_COUNTERFACTUAL_RE = re.compile(r"\b(?:would|could|might) have (?:been|had|\w+ed)\b", re.IGNORECASE)
# (not in a relative clause on a noun: "the event that usually takes place in February has been postponed")
_HABITUAL_RE = re.compile(r"\b(?<!that )(?<!which )(?<!who )(?:usually|typically|traditionally|customarily|tends? to)\b",
                          re.IGNORECASE)
_HEDGE_RE = re.compile(r"\b(?:likely|unlikely|probably|possibly|could|might|(?-i:may)|odds|chances?|perhaps|"
                       r"rumou?red|speculated|tipped|reportedly)\b", re.IGNORECASE)
_SCHEDULED_RE = re.compile(r"\b(?:events?|meetings?|meets|summits?|conference|elections?|polls|vote|votes|hearings?|"
                           r"ceremony|launch|keynote|session|talks|debate|referendum|trial|announce|announced|"
                           r"earnings|results|ruling|verdict|liftoff|championship|final|game|match|race|kickoff|"
                           r"kick-off|tournament|premiere|start|starts|begin|begins|open|opens|goes on sale|"
                           r"go on sale|expires|expire|lapses|deadline|sentenced|sentencing|arraigned|reporting|"
                           r"ends|closes|(?:is|are) (?:to|due to) be [a-z]+(?:ed|en)|(?:is|are) due (?:on|by)|"
                           r"report|publish|publishes|release|releases|"
                           # a rule or a programme starting on its day: "is set to take effect on Jan. 19"
                           r"takes? effect|(?:comes?|coming) into (?:force|effect)|will run|"
                           r"will be (?:launched|opened|inaugurated|unveiled|revealed|collected|in place|played)|"
                           # a strike or a fixture on its day: "will walk out on Thursday", "host Shabana on Saturday"
                           r"walk(?:s|ing)?[\s-]out|walkout|strikes?|(?:will|to) (?:host|play|face|take on))\b",
                           re.IGNORECASE)
_PRESUPPOSITIONS = (
    re.compile(r"\b(?:may|might|could|would|can|does|do|to)? ?explains? why (?P<fact>.+)$"),
    # (", given the ban on ...", "particularly given the sanctions ...", "given that ...", not "those
    # given the drug")
    re.compile(r"(?:(?:,\s+|\b(?:particularly|especially|partly|largely|mainly|not least|and|but)\s+)given (?:that )?|"
               r"\bgiven that )(?P<fact>.+)$"),
    re.compile(r"\bthe fact that (?P<fact>.+)$"),
    re.compile(r",\s+(?:in part |partly |largely |mainly )?because (?P<fact>(?:he|she|they|it|[A-Z]\w+)\s+(?:has|have|had)\s+"
               r"(?:vowed|pledged|promised|refused|agreed|announced|ruled out|rejected)\b.+)$"),
)
_CLAUSE_SPLIT = re.compile(
    r"(?:;\s+|,\s+(?:with the expectation that|with the hope that|even though|although|though|"
    r"whereas|whilst|while|but(?!\s+not\b)|where)\s+|,\s+and\s+(?=(?:it|he|she|they|the\s+\w+)\s+(?:\w+\s+)?[a-z]+(?:s|ed)\b)|"
    r"\s+(?:whilst|while)\s+(?=[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?\s+(?:also\s+)?[a-z]+\b)|"     # "... while Leverkusen also have ..."
    r",?\s+and\s+that\s+)")        # "X asserts that A, and that B": two things said
_CONDITIONAL = re.compile(r"^(?P<if>(?:if|should|once|unless)\b[^,]{3,}?),\s+(?P<then>.+)$", re.IGNORECASE)
_LEAD_IN = re.compile(
    r"^(?:(?:still|yet|however|additionally|also|moreover|furthermore|nonetheless|nevertheless|"
    r"in reality|in addition|meanwhile|indeed|above all|presently|today|therefore|of course|for example|"
    r"for his part|for her part|at first glance|in the end|in turn|just|and|but|so(?!\s+far\b)|thus|"
    r"instead|similarly|likewise|interestingly|notably|importantly|crucially|separately|elsewhere|conversely|"
    r"(?:in|by) contrast(?=,)|on the other hand|in fact)\b,?\s*)+",
    re.IGNORECASE)
# a news site's paragraph labels ("Why it matters: Hurricanes are ...")
_PARAGRAPH_LABEL = re.compile(
    r"^(?:by the numbers|why it matters|the big picture|big picture|threat level|driving the news|zoom in|"
    r"zoom out|between the lines|the latest|state of play|what(?:’s|'s|\s+is)? next|what they(?:’re|'re| are) "
    r"saying|the bottom line|bottom line|yes,? but|go deeper|flashback|context|catch up quick|the intrigue|"
    r"reality check|the other side|details|key quote|what to watch|what we(?:’re|'re| are) watching)\s*:\s*",
    re.IGNORECASE)
_MEASURED_NP = re.compile(
    r"\b(?:the|a|an|this|that|its|their)\s+(?P<q>(?:\d+(?:\.\d+)?|[a-z]+)-(?:second|minute|hour|day|week|"
    r"month|year))(?:-long)?\s+(?P<noun>(?:[a-z]+\s+){0,2}?(?:call|conversation|discussion|talks|"
    r"meeting|ceasefire|truce|pause|moratorium|visit|trip|summit|deadline|delay|freeze|suspension|"
    r"ban|window|period|programme|program|offensive|operation|extension|halt|break|strike|"
    r"lockdown|war|session))\b", re.IGNORECASE)
_DURATION_EVENT_NOUNS = re.compile(r"\b(?:call|conversation|discussion|talks|meeting|visit|trip|summit|session)$")
_OUTCOME_RE = re.compile(r"\b(?:odds|chances?|probability|likelihood)\s+(?:of|that)\s+(?P<outcome>.+?)"
                         r"(?:\s+(?:are|is|stand|stands|was|were)\b|\s*[—–,;.]|$)", re.IGNORECASE)
_QUOTE_SPAN = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
# 'This will save the average driver £50,' he told MPs: a single mark opening a sentence (or after
# "said:") before a capital, closing after a punctuation mark or not at all ('Endgame' shattered the
# record: a title; "drivers' cars", "it's": apostrophes)
_SINGLE_QUOTE_SPAN = re.compile(r"(?:^|(?<=:\s))[‘'](?=[A-Z])(?:[^\n]*?[,.!?;:][’'](?=\s|$)|[^\n‘’']*$)")
_CREDIT_LINE = re.compile(r"^\s*(?:(?:image|photo|picture)\s+)?(?:source|photo|image|credit|picture)s?\s*:\s*\S.{0,60}$", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^\W*(?:©|copyright\b)|©\s*(?:19|20)\d{2}|\ball rights reserved\b", re.IGNORECASE)
# "Write to Emese Bartha at emese.bartha@wsj.com": how to reach the writer, not a claim
_EMAIL_ADDRESS = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}")


# what asks the reader to get in touch: a line opening with it, or a request inside the sentence
_CONTACT_ASK = re.compile(r"^\W*(?:write|contact|e-?mail|reach|follow|send|for more)\b|"
                          r"\b(?:write to|contact|e-?mail (?:her|him|them|us|me)|get in touch|reach (?:her|him|them|us|me)|"
                          r"for more information)\b", re.IGNORECASE)


def _contact_line(sentence: str) -> bool:
    """How to reach someone ("Write to Emese Bartha at emese.bartha@wsj.com", "Email: ..."), not a
    sentence that happens to give an address ("... consider feedback sent to tolls@canal.com by May 17")."""
    return bool(_EMAIL_ADDRESS.search(sentence)) and (len(sentence.split()) < 12 or bool(_CONTACT_ASK.search(sentence)))


# where the reader may look next ("Keep checking back with GameSpot for the latest.", "For more on
# the game, check out our review.", "Further details are available on the council website."): no claim
_READER_DIRECTION = re.compile(
    r"^(?:For (?:more|further) (?:on|about|information|details|coverage)\b[^.]{0,80}?,\s*)?(?:keep checking|check back|"
    r"check out|stay tuned|sign up|subscribe|click|tap)\b|"
    r"^For (?:more|further) (?:on|about|information|details|coverage)\b[^.]{0,80}?,\s*(?:see|read|visit|go to|head to)\b|"
    r"^(?:Further|More) (?:details|information) (?:is|are|will be|can be) (?:available|posted|published|found)\b",
    re.IGNORECASE)

# "(Reporting by Ada Lind; Editing by Bo Ek)", "(Scott Olson, Getty Images via CNN Newsource)"
_WIRE_CREDIT = re.compile(r"^\W*(?:(?:additional\s+)?reporting|editing|writing|compiled|graphics?|photos?|images?|pictures?)\s+by\b|"
                          r"^\s*\([^)]*\b(?:Getty Images|AP Photo|Reuters|AFP|Bloomberg|EPA|Shutterstock|via)\b[^)]*\)\W*$|"
                          # "(By Ada Lind and Bo Ek; Editing by Cy Dee)": the byline a wire story ends with
                          r"^\W*(?-i:By\s+[A-Z][\w.’'\-]+(?:\s+[A-Z][\w.’'\-]+){0,2}(?:\s*(?:,|and|&)\s*[A-Z][\w.’'\-]+"
                          r"(?:\s+[A-Z][\w.’'\-]+){0,2})*)\s*(?:[;)]|\.?$)",
                          re.IGNORECASE)
# "ROBERT KITCHIN/Stuff Climate Change Minister James Shaw ...": a photographer's credit opening a caption
_CAPTION_CREDIT = re.compile(r"^[A-Z][A-Z.’'\-]+(?:\s+[A-Z][A-Z.’'\-]+){1,3}\s*/\s*[A-Z][\w&]*(?:\s+[A-Z]{2,}\w*)?\s+(?=[A-Z])")
# an embedded social-media post, signed at its end: "... — ISRO (@isro) July 30, 2023"
_TWEET_SIGNATURE = re.compile(rf"\s*[—–-]\s*[^—–()]{{1,60}}\(@\w+\)\s+{_MONTH_RE}\s+\d{{1,2}},\s+\d{{4}}\s*$")
_INLINE_CREDIT = re.compile(r"\s*\((?:(?:additional\s+)?reporting|editing|writing)\s+by\b[^)]*\)?[.\s]*$", re.IGNORECASE)
# "Shares of eBay Inc. (EBAY 1.22%) were down 11%", "Intel (NASDAQ: INTC)": a quote box, not the story
_TICKER_ASIDE = re.compile(r"\s*\((?:(?:NYSE|NASDAQ|Nasdaq|LSE|TSX|ASX|NYSEARCA)\s*:\s*[A-Z][A-Z.]{0,5}|"
                           r"[A-Z][A-Z.]{0,5}\s+[-+−]?\d+(?:\.\d+)?%)\)(?=[\s,.;])")
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


# what goes on after "a.m."/"p.m.": its time zone ("EDT", "Eastern Time (or") or its day ("7 a.m. April 3
# at 31 to 33 feet", "2 p.m. Thursday")
_AFTER_AN_HOUR = re.compile(r"^(?:[ECMP][SD]?T|GMT|BST|UTC|CES?T|AE[SD]T|IST|JST|"
                            r"(?:[A-Z][a-z]+\s+){1,2}[Tt]ime\b(?=\s*[(,.;]|\s+on\b|\s+\())\b|"
                            rf"^(?:(?:{'|'.join(_FULL_MONTHS)})\.?\s+\d{{1,2}}\b|"
                            rf"(?:{_WEEKDAY_RE})\b(?!\s+(?:is|was|will)\b)(?=[^.]*\d))")


_JOINED_SENTENCES = re.compile(r"(?:(?<=[a-z]{4})|(?<=\d))\.(?=[A-Z][a-z]+[\s,])")     # ("up to Dec 31.To control")


# "Former Qwest Communications International Inc. Chief Executive ...", "Hogwarts Legacy, the
# Avalanche Software-developed and Warner Bros. Games-published title, ... has sold": a company's
# name ends a part with no verb of its own, so the sentence goes on
_ENDS_WITH_COMPANY = re.compile(r"\b(?:[A-Z][\w&’'\-]*\s+){1,6}(?:Inc|Corp|Co|Ltd|Plc|Bros)\.$")
_RUPEES_END = re.compile(r"\bRs\.\s?[\d,.]*\d$")
_MONTH_ABBREVIATION_END = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.$")
# a title that stands before a name ("brought forward by Coun. Ward Sutherland"), one pysbd does not know
_TITLE_ABBREVIATION_END = re.compile(r"\b(?:Coun|Cllr|Insp|Const|Atty|Hon|Ald|Pte|Msgr|Pres|Amb)\.$")


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    for block in _blocks(text):
        # "... through video-conferencing.Maha Metro Managing Director ...": a page that lost the space
        block = _JOINED_SENTENCES.sub(". ", block)
        for sentence in _segmenter().segment(block):
            sentence = sentence.strip()
            if not sentence:
                continue
            # "at 4:20 p.m. EDT, with a call at 5 p.m." is one sentence: pysbd ends it at "p.m."
            # (and "from Aug. 25-Sept. 8 in New York" at "Sept.", "Former Qwest Communications
            # International Inc. Chief Executive Joseph Nacchio was ..." at "Inc.")
            if out and (out[-1].endswith(("a.m.", "p.m.")) and _AFTER_AN_HOUR.match(sentence) or
                        _RUPEES_END.search(out[-1]) or         # ("project cost as Rs.908" / "Crores, 5% thereof")
                        _MONTH_ABBREVIATION_END.search(out[-1]) and re.match(r"\d{1,2}\b", sentence) or
                        _TITLE_ABBREVIATION_END.search(out[-1]) and sentence[:1].isupper() or
                        _ENDS_WITH_COMPANY.search(out[-1]) and
                        not _FINITE_VERB.search(re.sub(r"[\w’']+-[\w’'\-]+", "", out[-1]))):
                out[-1] = out[-1] + ("" if sentence.startswith(("’s", "'s")) else " ") + sentence
            else:
                out.append(sentence)
    return out


# -- names ------------------------------------------------------------------------------

def _strip_possessive(word: str) -> str:
    return re.sub(r"(?:’s|'s|’|')$", "", word)


_DEFINED_ACRONYM = re.compile(r"(?P<name>(?:[A-Z][\w’'\-]*\s+(?:(?:of|and|for|on|the|de|&)\s+){0,2}){1,7}[A-Z][\w’'\-]*)"
                              r"\s+\((?P<acronym>[A-Z]{2,6})\)")


class Names:
    """The people a document names: full names, and surnames resolved to them; the organisations an
    acronym stands for."""

    def __init__(self, text: str, people: Sequence[str] = ()):
        """``people``: the persons an entity recogniser found in ``text`` (``people_named``); their
        full names replace the two-word runs read here ("Dastgir Khan" of "Khurram Dastgir Khan")."""
        self.full: list[str] = []
        self.proper: set[str] = set()             # words seen capitalised mid-sentence
        for sentence in re.split(r"(?<=[.!?“”\"])\s+|\n", text):
            words = re.findall(r"[\w’'\-\.]+", sentence)
            for word in words[1:]:
                if word[:1].isupper():
                    self.proper.add(_strip_possessive(word.rstrip(".")))
        self.titles: dict[str, set[str]] = {}      # "u.s. president" -> {"Donald Trump"}
        lower_words = set(re.findall(r"(?<![\w’'\-])[a-z][a-z’'\-]+", text))
        for match in re.finditer(r"(?:[A-Z](?:[\w’'\-]|\.(?=\w))*\.?[ \t]+){1,5}[A-Z][\w’'\-]*", text):
            ended = [m for m in re.finditer(r"(?P<word>\w*[a-z]{2})\.\s", match.group())
                     if m.group("word") not in _TITLE_WORDS and not _TITLE_ABBREVIATION_END.search(m.group()[:-1])]
            if ended:
                continue                       # runs across a sentence end: "Zelensky. In" (not "Gov. Spencer Cox")
            tokens = [_strip_possessive(t) for t in match.group().split()]
            title: list[str] = []
            while tokens and (tokens[0] in _TITLE_WORDS or tokens[0] in _SENTENCE_STARTERS
                              or tokens[0].endswith(".")):
                if tokens[0] not in _SENTENCE_STARTERS:
                    title.append(tokens[0])
                tokens = tokens[1:]
            tokens = [t for t in tokens if t.rstrip(".") not in ("Jr", "Sr")][-2:]      # "Nestor Espenilla Jr."
            # ("DOHA- Qatar": a dateline; "the Orange Line Train service ... the train": a common noun)
            if len(tokens) == 2 and not any(t in _NON_PERSON_WORDS or t in _TITLE_WORDS or t in _MONTHS
                                            or re.fullmatch(_WEEKDAY_RE, t)      # "On Wednesday Microsoft said"
                                            or t.endswith("-") or t.lower() in lower_words for t in tokens):
                name = " ".join(tokens)
                if name not in self.full:
                    self.full.append(name)
                before = re.findall(r"[\w.’'\-]+", text[max(0, match.start() - 40):match.start()])[-3:]
                lowered = [w for w in before if w.lower() in _ROLE_NOUNS or w in _TITLE_WORDS]
                for words in (title, lowered[-2:] if lowered else [], title + lowered[-1:]):
                    if words:
                        self.titles.setdefault(" ".join(words).lower(), set()).add(name)
        self._complete_names(people)
        by_surname: dict[str, set[str]] = {}
        for name in self.full:
            surname = name.split()[-1]
            by_surname.setdefault(surname, set()).add(name)
            particle = re.match(r"(?:al|el|bin|ibn|abu)-(?=[A-Z])", surname, re.IGNORECASE)
            if particle:           # "Saad al-Kaabi" is "Kaabi" later on
                by_surname.setdefault(surname[particle.end():], set()).add(name)
        self.surnames = {s: next(iter(n)) for s, n in by_surname.items() if len(n) == 1}
        # "the China Passenger Car Association (CPCA)": the name a later "CPCA" stands for
        self.acronyms: dict[str, str] = {}
        for match in _DEFINED_ACRONYM.finditer(text):
            words = match.group("name").split()
            for start in range(len(words)):           # the shortest run of words the letters spell
                initials = "".join(w[0] for w in words[start:] if w[0].isupper())
                if initials == match.group("acronym") and words[start][0].isupper():
                    self.acronyms.setdefault(match.group("acronym"), " ".join(words[start:]))
                    break

    def _complete_names(self, people: Sequence[str]) -> None:
        """The recogniser's longer names in place of the runs they end with ("Ram Nath Kovind" for
        "Nath Kovind"), and its names with lower-case or hyphenated parts ("Jee-A van der Linde")."""
        for found in people:
            tokens = [_strip_possessive(t) for t in found.split()]
            # a title or a word that opens the sentence is no part of the name ("CFO Jack Hartung",
            # "Datuk Seri Amir Hamzah Azizan", "Barring Tamil Nadu")
            while tokens and (tokens[0] in _TITLE_WORDS or tokens[0] in _SENTENCE_STARTERS or tokens[0] in _HONORIFICS
                              or re.fullmatch(r"[A-Z]{2,4}|[A-Z][a-z]+ing", tokens[0]) or tokens[:2] == ["Tan", "Sri"]):
                tokens = tokens[1:]
            name = " ".join(tokens)
            if len(tokens) < 2 or not re.match(r"(?:[a-z]+-)?[A-Z][a-z]", tokens[-1]) or re.search(r"[\d\n(),;:/]", name) or \
                    any(f.lower() == name.lower() or f.lower().endswith(" " + name.lower()) for f in self.full):
                continue          # (a later mention: "Van der Berg" of "Anna van der Berg")
            shorter = [n for n in self.full if name.endswith(" " + n)]
            if not shorter and not re.search(r"\s(?:[a-z]+\s)+[A-Z]|\s[a-z]+-[A-Z]", name):
                continue      # the recogniser alone names places and firms too ("Yorkshire Water"): only
                              # a name shaped like a person's ("Alexander von Preen", "Saad al-Kaabi") is new
            for short in shorter:
                self.full[self.full.index(short)] = name
                for holders in self.titles.values():
                    if short in holders:
                        holders.discard(short)
                        holders.add(name)
            if name not in self.full:
                self.full.append(name)
        self.full = list(dict.fromkeys(self.full))

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
        # ("Van der Berg" of "Anna van der Berg": the particle may take a capital opening a sentence)
        longer = [name for name in self.full if name.endswith((" " + joined, " " + joined[:1].lower() + joined[1:]))]
        if len(longer) == 1:
            return longer[0]                # "Dastgir Khan" of "Khurram Dastgir Khan"
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
        for match in re.finditer(r"(?:[A-Z][\w’'\-]*\.?(?:[A-Z]\.)*)(?:\s+(?:of\s+the\s+|of\s+)?[A-Z][\w’'\-]*\.?"
                                 r"(?:[A-Z]\.)*)*",       # (initials after the first word too: "The U.S.")
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
                # sentence-initial: only a word the document also capitalises mid-sentence, or one
                # that is a name by its shape ("SpaceX", "OPEC+", "FAA", "Nippon Steel")
                shaped = re.fullmatch(r"[A-Z][a-z]*[A-Z0-9+][\w+]*|[A-Z]{2,}\+?", tokens[0]) or (
                    len(tokens) > 1 and all(t[:1].isupper() and t not in _SENTENCE_STARTERS and t not in _TITLE_WORDS
                                           for t in tokens[:2]))
                if tokens[0] not in self.proper and not shaped:
                    # "Members of the Teamsters union ...": the common word goes, the name stays
                    rest = re.split(r"\s+of\s+(?:the\s+)?", raw, maxsplit=1)
                    if len(rest) < 2 or not rest[1][:1].isupper():
                        continue
                    tokens = [_strip_possessive(t) for t in rest[1].split()]
                    candidate = " ".join(tokens).rstrip(".,")
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


_DATE_STAMP = re.compile(r"^\s*(?:date|published(?: on)?|updated(?: on)?|posted(?: on)?)\s*:?\s*"
                         r"(?:\d{4}-\d{2}-\d{2}|(?:\w{3},\s+)?\d{1,2}\s+\w{3,9}\s+\d{4}[\d:\s]*\w*)\s*", re.IGNORECASE)
_BOILERPLATE = re.compile(
    r"^(?:live(?: updates?| blog)?\b|follow\b|read (?:more|also|next)\b|share\b|subscribe\b|sign up\b|"
    r"advertisement\b|related\b|(?:written |reporting |editing )?by\s+(?-i:[A-Z])[\w.’'\-]*(?:\s*(?:,|and|&)?\s+"
    r"(?-i:[A-Z])[\w.’'\-]*){0,5}\s*(?:$|[|,;:–—-])|photo\b|watch\b|listen\b|"
    r"click\b|see also\b|more:|(?:\w+\s+){0,2}\w+\s*\||copyright\b|©|all rights reserved|"
    r"(?:terms of (?:use|service)|privacy policy|cookie)|(?:file |ap |reuters )?photo:|image:|"
    r"\d+\s+min(?:ute)?s? read\b|get (?:the latest|our)\b|download (?:the|our)\b|"
    # "Fuel strikes in France - in pictures", "Beta V.1.0 - Powered by automated translation"
    r"[^.]{0,100}\s[-–—]\s+in pictures\b|(?:beta\s+v[\d.]+\s*[-–—]\s*)?powered by\b|"
    # a wire's note on the version and its rate line: "(Updates with shares in fifth paragraph)",
    # "(Adds minister comments, 2015 GDP forecast and context)", "($1 = 6.9546 Danish crowns)"
    r"\((?:adds|updates|recasts|corrects|changes|removes|rewrites|refiles|repeats|fixes)\b[^)]*\)\W*$|"
    r"\([$€£]\s*1\s*=[^)]*\)\W*$)", re.IGNORECASE)
# a site's label in front of each paragraph ("Article content LONDON — Arabica coffee prices rose ...")
_ARTICLE_LABEL = re.compile(r"^Article content\s+(?=\S)")
_TERMINATED = re.compile(r"[.!?…][”\"’')\]]*$|[”\"]$")


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9][a-z0-9+’'\-]*", text.lower()) if len(w) > 2}


def _sentence_case(text: str, body: str) -> str:
    """An all-capitals heading in ordinary case: words the body capitalises keep their capital."""
    words = []
    for index, word in enumerate(text.split()):
        lower = word.lower()
        capitalised = re.search(rf"(?<![.!?]\s)\b({re.escape(lower.capitalize())}|{re.escape(word)})\b", body)
        if index == 0:
            words.append(capitalised.group(1) if capitalised else lower.capitalize())
        else:
            words.append(capitalised.group(1) if capitalised else lower)
    return " ".join(words)


# "Frequent services: Trains will arrive every four minutes during peak times": a bullet's label
# (a word or a few, in sentence case: no name, so "David White: ..." keeps its speaker)
_ITEM_LABEL = re.compile(r"^[A-Z][a-z]+(?:\s+[a-z]+){0,3}:\s+(?=[A-Z][a-z]*\s+(?:[\w’'\-,]+\s+){5})")


def _lead_in_named_values(lines: list[str]) -> list[str]:
    """A heading with no verb that a list of "name, value" lines follows, each as one line: "Other
    notable national parks:" + "Zion, 3.2 million" -> "Other notable national parks: Zion, 3.2
    million." A sentence of the text before the heading on its line stays, and a line of the list
    that is a sentence of its own ("The Grand Canyon had 4.8 million visitors") is read as one."""
    out = list(lines)
    for index, line in enumerate(lines):
        heading = _LEAD_IN_HEADING.match(line)
        if not heading:
            continue
        items: list[tuple[int, re.Match[str]]] = []
        skipped = 0
        for i in (i for i in range(index + 1, len(lines)) if lines[i]):
            item = _NAMED_VALUE_ITEM.match(lines[i].strip())
            if item:
                items.append((i, item))
                continue
            skipped += 1
            if _TERMINATED.search(lines[i]) or items or skipped > 2:
                break           # the list ends with the text's next sentence (or never starts)
        if len(items) < 2:
            continue
        lead = re.sub(r",?\s+as\s+follows$", "", heading.group("lead"))
        for i, item in items:
            out[i] = f"{lead}: {item.group('name')}, {item.group('value').strip()}."
        out[index] = heading.group("head") or ""
    return out


def _labelled_item(line: str) -> str:
    """A labelled bullet as the sentence it is ("Increased capacity: The new metro will introduce
    2,645 services weekly" -> "The new metro will introduce 2,645 services weekly.")."""
    label = _ITEM_LABEL.match(line)
    if not label or not (_FINITE_VERB.search(line[label.end():]) or re.search(
            r"\b(?:will|would|can|could|is|are|was|were|has|have|had|[a-z]{3,}(?:ed|es|ects))\b", line[label.end():])):
        return line                                  # "Key features: fast trains, new stations, ...": no sentence
    rest = line[label.end():].rstrip()
    return rest if _TERMINATED.search(rest) else rest + "."


def page_text(body: str) -> tuple[list[str], list[str]]:
    """(lines worth reading, lines dropped as page furniture).

    A news page's text carries more than its story: headlines and section headings, "Live
    updates: ...", "Follow on", date stamps, bylines. A line that does not end a sentence is a
    heading; it is read only when it says something the text does not ("SPIRIT AERO TO FURLOUGH
    700 WORKERS FOR 21 DAYS"): seven words or more, a figure in it when it has twelve or fewer,
    no "Label: ..." form, not addressed to the reader, not repeating a sentence of the text (an
    all-capitals one is put in ordinary case).
    A date stamp or a site's "Article content" label in front of a line ("date 2024-06-02 Kylian
    Mbappe will ...") is removed, and an embedded post dropped. The last line of a page cut off
    mid-sentence keeps its complete leading clause only."""
    raw = _unwrapped([line.strip() for line in body.splitlines()])
    kept: list[str] = []
    dropped: list[str] = []
    lines = [_list_item_sentence(_PARAGRAPH_LABEL.sub("", _ARTICLE_LABEL.sub("", _DATE_STAMP.sub("", line))))
             for line in raw]
    # a run of labelled bullets, not a lone "France: The Prime Minister will ..." headline
    items = [bool(_ITEM_LABEL.match(line)) for line in lines]
    filled = [i for i, line in enumerate(lines) if line]
    in_run = {i for a, b in zip(filled, filled[1:]) if items[a] and items[b] for i in (a, b)}
    lines = [_labelled_item(line) if i in in_run else line for i, line in enumerate(lines)]
    lines = _lead_in_named_values(_lead_in_values(_lead_in_items(lines)))
    terminated = [bool(_TERMINATED.search(line)) for line in lines]
    if not any(terminated):
        return [line for line in lines if line], []   # a headline alone, a list: nothing to tell apart
    last = max((i for i, line in enumerate(lines) if line), default=-1)
    for index, line in enumerate(lines):
        if not line:
            continue
        if _BOILERPLATE.match(line) or _TWEET_SIGNATURE.search(line) or (
                not line.strip(".?! ") or not re.search(r"[A-Za-z]{2}", line)):
            dropped.append(raw[index])
            continue
        if terminated[index] or re.match(r"^[-–—]\s*\S", line):
            kept.append(line)
            continue
        if index == last and len(line.split()) > 12 and any(terminated):
            # cut off mid-sentence: keep the sentences before it and a complete leading clause
            head, _, tail = line.rpartition(". ")
            sentence = tail if head else line
            lead = sentence.split(",")[0] if "," in sentence else ""
            lead = re.sub(r"^(?:since|after|when|as|whilst|while)\s+", "", lead, flags=re.IGNORECASE)
            lead = lead[:1].upper() + lead[1:] + "." if len(lead.split()) >= 4 else ""
            text = (head + ". " if head else "") + lead
            if text.strip():
                kept.append(text.strip())
            dropped.append(raw[index])
            continue
        words = line.split()
        mine = _content_words(line)
        # (a sentence of the text: "67 days lost to weather in 2017" and "65 days lost ... in 2016" are
        # items of one list, neither repeats the other)
        repeated = bool(mine) and any(len(mine & _content_words(other)) >= 0.6 * len(mine)
                                      for i, other in enumerate(lines) if i != index and other and terminated[i])
        # a short heading with no figure is the story's lead in headline words ("Riksbank Cuts Key
        # Rate and Signals Potential for More Easing"); a longer line, or one ending on "by", was cut
        headline = len(words) <= 12 and not re.search(r"\d", line) and not _OPEN_END.search(line)
        if headline or len(words) < 7 or ":" in line or re.search(r"\b(?:you|your)\b", line, re.IGNORECASE) or repeated:
            dropped.append(raw[index])
            continue
        if line.upper() == line:
            line = _sentence_case(line, body)
        kept.append(line + ".")
    return kept, dropped


_OPEN_END = re.compile(r"\b(?:the|a|an|of|and|or|to|in|on|at|for|with|by|from|his|her|its|their|that|which|who|as|"
                       r"than|was|were|is|are|be|been|has|have|had|will|would)$|[,;–—-]$")


_DAY_PHRASE = (rf"(?:(?:{'|'.join(_WEEKDAYS)}),?\s+)?(?:{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+{_MONTH_RE})"
               r"(?:,?\s+\d{4})?")
_SCHEDULE_ITEM = re.compile(rf"^[•*\-–]?\s*(?P<when>{_DAY_PHRASE}):\s*(?P<label>[A-Z][^:|]{{1,60}})$|"
                            rf"(?:^|\s)(?P<label2>[A-Z][\w .’'\-]{{2,50}}?):\s*(?P<when2>{_DAY_PHRASE})$")
_ODDS_ITEM = re.compile(r"^[•*\-–]?\s*(?P<who>[A-Z][\w .’'\-]{1,40}?)\s+[-–:]\s+(?P<price>\d+/\d+)\s*"
                        r"\((?P<pct>\d{1,3}(?:\.\d+)?)%\)$")


_LEAD_IN_LIST = re.compile(r"^(?P<lead>[A-Z][^:]{10,200}?)(?:,?\s+as\s+follows)?:$")
_PHRASE_ITEM = re.compile(r"^[•*\-–]\s*(?P<item>(?:from|on|between|by|in|until|at|for|during)\s.+?)[\s;,.]*(?:\s+and)?$",
                          re.IGNORECASE)


# "The current minimum wages ... are as follows:" + "British Columbia: $17.85": a value per name
_LEAD_IN_VALUES = re.compile(r"^(?P<subject>[A-Z][^:]{10,200}?)\s+(?P<verb>are|is|were|was|stand|stood)"
                             r"(?:,?\s+as\s+follows)?:$")
# (and "Alberta: CA$57.1 million (-4.4%)": a currency written with its country, a change in brackets)
_VALUE = (r"(?:~\s?)?(?:[A-Z]{1,3})?[$€£¥₹]?\s?\d[\d,.]*\s*(?:%|per cent|percent|[a-zA-Z]{0,10})?"
          r"(?:\s+\([+\-–−]?\d[\d,.]*\s*%\))?")
# a bullet's name, up to the mark before its value ("Alberta:", "Zion,", "Malaysia -")
_ITEM_NAME = r"^(?:[•*\-–]\s*)?(?P<name>[A-Z][\w.’'&\- ]{1,40}?[A-Za-z.)])"
_VALUE_ITEM = re.compile(rf"{_ITEM_NAME}(?::\s*|\s+[-–]\s+)(?P<value>{_VALUE})\.?$")   # (and "Malaysia - 2,439,710 visitors")
# "Other notable national parks:" + "Zion, 3.2 million": a list of values a heading with no verb names
_LEAD_IN_HEADING = re.compile(r"^(?:(?P<head>.*[.!?])\s+)?(?P<lead>[A-Z][^:.!?]{10,200}):$")
_NAMED_VALUE_ITEM = re.compile(rf"{_ITEM_NAME}(?::\s*|,\s+|\s+[-–]\s+)(?P<value>{_VALUE})\.?$")


def _lead_in_values(lines: list[str]) -> list[str]:
    """A lead-in that a list of "name: value" lines completes, each as that sentence: "The current
    minimum wages are as follows:" + "Alberta: $15" -> "The current minimum wages are $15 for
    Alberta." (the lead-in says nothing of its own)."""
    return _completed_lead_ins(lines, _LEAD_IN_VALUES, lambda line: _VALUE_ITEM.match(line.strip()), lambda lead, item: (
        f"{lead.group('subject')} {lead.group('verb')} {item.group('value').strip()} for {item.group('name')}."))


def _lead_in_items(lines: list[str]) -> list[str]:
    """Bullets that finish the sentence before them, each as that sentence: "Fishing will be allowed
    as follows:" + "• From 28 November 2020 to 29 November 2020;" -> "Fishing will be allowed from 28
    November 2020 to 29 November 2020." (the lead-in itself says nothing of its own)."""
    return _completed_lead_ins(lines, _LEAD_IN_LIST, _PHRASE_ITEM.match, lambda lead, item: (
        f"{lead.group('lead')} {item.group('item')[:1].lower() + item.group('item')[1:]}."))


def _completed_lead_ins(lines: list[str], lead_in: re.Pattern[str], item_of: Callable[[str], re.Match[str] | None],
                        sentence: Callable[[re.Match[str], re.Match[str]], str]) -> list[str]:
    """``lines`` with each run of two or more items (``item_of``) after a line ``lead_in`` matches
    written as the ``sentence`` they complete, and the lead-in left out."""
    out = list(lines)
    for index, line in enumerate(lines):
        lead = lead_in.match(line)
        if not lead:
            continue
        run = []
        for i in (i for i in range(index + 1, len(lines)) if lines[i]):
            item = item_of(lines[i])
            if not item:
                break
            run.append((i, item))
        if len(run) < 2:
            continue
        for i, item in run:
            out[i] = sentence(lead, item)
        out[index] = ""
    return out


def _list_item_sentence(line: str) -> str:
    """A line of a timetable or an odds list as the sentence it stands for: "• Sunday, May 1:
    Rangers (H)" -> "Rangers (H) is scheduled for Sunday, May 1."; "December MPC meeting:
    Tuesday, Dec 14, 2021" -> "The December MPC meeting is scheduled for Tuesday, Dec 14, 2021.";
    "• Celtic - 1/33 (97%)" -> "The odds of Celtic are 1/33, a 97% chance."."""
    item = _SCHEDULE_ITEM.search(line.strip())
    if item and item.group("when"):
        return f"{item.group('label').strip()} is scheduled for {item.group('when')}."
    if item:
        label = item.group("label2").strip()
        if re.fullmatch(r"(?:Date(?:\s+(?:published|posted))?|Dated|(?:Published|Posted|Updated)(?:\s+on)?|"
                        r"Last\s+updated|First\s+published|Modified)", label, re.IGNORECASE):
            return ""       # "Published: 25 March, 2022": when the page went up, page furniture
        return f"{'The ' if label.split()[0] in _FULL_MONTHS else ''}{label} is scheduled for {item.group('when2')}."
    odds = _ODDS_ITEM.match(line.strip())
    if odds:
        return f"The odds of {odds.group('who')} are {odds.group('price')}, a {odds.group('pct')}% chance."
    return line


def _unwrapped(lines: list[str]) -> list[str]:
    """Lines of hard-wrapped text joined back into their paragraphs: a line that does not end a
    sentence and is followed by one that goes on with it ("... in a" / "court filing in Seattle
    federal court.") or that ends on a word that cannot end anything ("... al Qaeda and the"). In
    a text wrapped at a fixed width, a line that fills it goes on even when the next opens with a
    capital ("... production at its Quebrada" / "Blanca copper mine ...")."""
    width = _wrap_width(lines)
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        if previous and line and not _TERMINATED.search(previous) and len(previous) > 25 and \
                not re.match(r"[-–—•*>]", line) and not previous.startswith("By ") and not _DATELINE.match(line) and \
                (re.match(r"[a-z(]", line) or _OPEN_END.search(previous) or _fills_width(previous, line, width)):
            # (not a byline, nor into a dateline: "By Linda Pasquini" / "(Reuters) -German sportswear maker ...")
            out[-1] = f"{previous} {line}"
        else:
            out.append(line)
    return out


def _wrap_width(lines: list[str]) -> float | None:
    """The width a text was wrapped at (the median length of lines that plainly go on into the
    next), or None when fewer than three lines do so: the text is not hard-wrapped."""
    going_on = [len(a) for a, b in zip(lines, lines[1:])
                if a and b and len(a) > 25 and not _TERMINATED.search(a) and re.match(r"[a-z(]", b)]
    return statistics.median(going_on) if len(going_on) >= 3 else None


def _fills_width(previous: str, line: str, width: float | None) -> bool:
    """Whether ``previous`` was cut by the wrapping: it nearly fills the width, and ``line`` is no
    dateline or byline ("BEIJING, Aug 9 (Reuters) -", "By Bill Berkrot") nor follows a bracketed
    editor's note."""
    return width is not None and len(previous) >= 0.75 * width and not previous.endswith(")") and \
        re.match(r"[A-Z0-9$£€]", line) is not None and not _DATELINE.match(line) and not line.startswith("By ")


def paragraphs(body: str) -> list[Paragraph]:
    result: list[Paragraph] = []
    for line in page_text(body)[0]:
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


# groups of people a sentence names by what they do (", officials said"; "Analysts said it would take years":
# the "it" is no analyst)
_PEOPLE_GROUPS = (r"sources|officials|analysts|economists|people|diplomats|executives|traders|delegates|observers|"
                  r"negotiators|experts|organi[sz]ers|scientists|researchers|prosecutors|lawyers|investors|witnesses|"
                  r"police|residents")
# the groups that speak for a body in the text's own voice ("UAW officials said ...", "J.P. Morgan analysts")
_EXPERT_GROUPS = r"officials|analysts|economists|executives|strategists|experts|researchers|sources"
# "the bureau", "the institute": a body that is the one the text named with that word (``_named_body``)
_NAMED_BODY_WORDS = "office|bureau|observatory|institute"
# "..., the company said in a statement": a body speaking, named by what it is
_BODY_NOUN = (r"(?:company|union|bank|agency|ministry|government|department|firm|group|club|court|board|council|"
              r"spokesperson|spokesman|spokeswoman|regulator|authority|carrier|airline|automaker|carmaker|retailer|"
              r"chipmaker|insurer|lender|league|party|campaign|commission|watchdog|operator|broadcaster|studio|"
              rf"{_NAMED_BODY_WORDS})\b")
_ATTRIBUTION_PATTERNS = (
    # “...,” he said. / “...,” Trump wrote on Truth Social.
    re.compile(rf"(?P<who>\b(?:he|she|they)\b|{_NAME}|\b(?:the|a)\s+(?:[a-z]+\s+)?{_BODY_NOUN})\s+"
               rf"(?:also\s+|further\s+|then\s+|later\s+)?"
               rf"(?P<verb>{_SAY_VERBS})\b(?P<medium>\s+(?:on|in|via)\s+(?:Truth Social|X|Twitter|"
               r"Telegram|Facebook|Instagram|social media|a post|a statement|an interview)\b)?"),
    # ..., said Peskov.
    re.compile(rf"\b(?P<verb>said|added|noted|wrote|explained|remarked|concluded)\s+(?P<who>{_NAME})"),
    # Justin Erbacci, ACI World Director General, said: “...”
    re.compile(rf"(?P<who>{_NAME}),\s+[^,“”\"]{{3,100}}?,\s+(?P<verb>{_SAY_VERBS})\s*[:,]?\s*$"),
)
# the words before a quotation that only say who speaks: "Jane Lee, the chief executive, said: “...”"
_LEADS_INTO_QUOTE = re.compile(rf"^[^“”\"]{{3,200}}\b(?:{_SAY_VERBS})\s*[:,]\s*$")
_ACCORDING_TO = re.compile(r"\b[Aa]ccording to (?P<who>(?:[^,;:.]|\.(?=\S)|(?<=\b[A-Z])\.|"
                           r"(?<=\bDr)\.|(?<=\bMr)\.|(?<=\bMs)\.|(?<=\bMrs)\.|(?<=\bProf)\.)+?)(?:,\s*|\.?\s*$)")
# '"...," it said.': an organisation speaking, the one the text is about
_IT_SAID = re.compile(rf"\b[Ii]t\s+(?:also\s+|further\s+|then\s+)?(?P<verb>{_SAY_VERBS})\b")
# "..., the company said", "..., the retail giant said Tuesday": a body named by what it is
_BODY_SPEAKER = re.compile(rf"(?:it|It|[Tt]he\s+(?:[a-z\-]+\s+)?{_BODY_NOUN})")
# "the state government", "the RATP metro operator": a body named by what it is, with a word that says which
_QUALIFIED_BODY = re.compile(rf"[Tt]he\s+(?:[A-Z][\w&’'\-]*\s+(?:[a-z\-]+\s+)?|(?:state|federal|national|city|"
                             rf"provincial|regional|county|local|central|[a-z]+-based)\s+){_BODY_NOUN}")
_BODY_TAIL = re.compile(rf",\s+(?P<who>it|the\s+(?:[A-Z][\w&’'\-]*\s+)?(?:[a-z\-]+\s+)?(?:{_BODY_NOUN}|giant))(?:\s+here)?\s+(?P<verb>{_SAY_VERBS})"
                        # (only when or where it was said may follow: "the company added 5 million subscribers" is no tail)
                        rf"(?:\s+(?:(?:on\s+|late\s+|early\s+)?(?:{_WEEKDAY_RE}|today|yesterday)|"
                        rf"in\s+(?:a\s+|its\s+)?(?:statement|filing|release|{_MONTH_RE})))*\.?$")
# "an infectious disease expert at Vanderbilt": who a named source is, after the name
_APPOSITIVE_TITLE = (r"(?:an?|the)\s+(?:[\w\-]+\s+){0,4}?(?:expert|analyst|economist|professor|researcher|"
                     r"spokes(?:man|woman|person)|director|chief|head|official|adviser|advisor|strategist|scientist|"
                     r"specialist|lecturer|fellow|executive|officer|manager|partner|founder)s?\b")
# "..., USDA data showed.", "..., a new report by Counterpoint Research said on Thursday.": the source
# (", a new YouGov poll showed" is _STUDY_TAIL's, which keeps the poll in its name)
_SOURCE_TAIL = re.compile(rf",\s+(?:(?:a|the)\s+(?:new\s+|latest\s+)?(?:report|survey|study|poll|analysis)\s+"
                          rf"(?:by|from)\s+(?P<who>{_NAME})|(?:the\s+)?(?P<owner>{_NAME})(?:’s|'s)?\s+(?:data|figures|"
                          rf"statistics))\s+(?P<verb>showed|shows|said|says|found|finds)\b"
                          r"(?:\s+(?:on\s+)?\w+)?\.?$")
_IN_VIEW = re.compile(rf"\b[Ii]n (?P<who>{_NAME}|his|her)(?:’s|'s)? (?:view|opinion|estimation|words)\b,?\s*")
_SAYS_THAT = re.compile(
    rf"^(?P<lead>(?:(?:[\w.’'\-]+|\([A-Z][A-Za-z]{{1,6}}\)),?\s+){{0,10}}?)(?P<who>\b(?:[Hh]e|[Ss]he|It)\b|[Tt]he\s+(?:[a-z\-]+\s+)?{_BODY_NOUN}|"
    rf"(?!(?:The|A|An|Some|Many|Most|Other|These|Those|Several)\s)(?:[A-Z][\w.’'\-]*\s+){{1,3}}"
    rf"(?:{_EXPERT_GROUPS})|{_NAME})"
    rf"(?:\s+(?:on\s+)?(?:{_WEEKDAY_RE}))?\s+(?:also\s+|further\s+|"
    rf"then\s+|later\s+|has\s+|had\s+)?(?P<verb>{_SAY_VERBS}|went on to say)"
    r"(?:\s+(?:on|in|via)\s+(?:Truth Social|X|Twitter|Telegram|social media))?"
    r"(?:\s+(?:reporters|journalists|him|her|them|us|the (?:press|media|audience|committee)))?"
    # "said in August that", "said Monday that", "said earlier that" ("estimates indicate that": no time)
    r"(?:\s+(?:earlier\s+(?:this|last)\s+(?:week|month|year)|(?:on|in|last|this|earlier)\s+\w+|[A-Z]\w+|today|"
    r"yesterday|earlier|recently|previously)"
    r"(?:\s+\d{1,2}|\s+(?:night|morning|afternoon|evening))?(?=\s+that\b))?"
    # "said on Monday it", "said on Tuesday annual sales grew": the day it was said ("said on Monday
    # was the deadline": the day is what was said of)
    rf"(?:\s+(?:on\s+)?(?:{_WEEKDAY_RE}|today|yesterday)(?:\s+(?:night|morning|afternoon|evening))?"
    r"(?=\s+(?!(?:is|was|will|would|night|morning|afternoon|evening)\b)[\w$€£]))?"
    # ("Lark expects to announce ...": no reported sentence; "estimates from the agency show": a noun)
    r"(?:\s+that)?\s+(?!to\s|(?:from|by)\s)(?=\S)")
# who was told, and where and when, up to the "that" of what was told
_TOLD_WHOM = re.compile(r"(?P<whom>(?:[\w’'.&-]+,?\s+){1,12}?)that\s+(?=\S)")
_INVERTED_TAIL = re.compile(rf"(?:,”|”,|,\"|\",|,)\s+(?P<verb>said|says|added|adds|noted|explained|stated|wrote|reports|"
                            rf"reported)\s+"
                            rf"(?:the\s+)?(?:(?-i:[a-z])[\w’'\-]*\s+){{0,3}}?"
                            rf"(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?(?P<who>{_NAME})"    # ("said Dr. Dominik von Achten")
                            rf"(?:,\s+(?P<title>(?!(?:adding|saying|noting|warning|explaining|citing|whilst|while|and|but|as|"
                            rf"although|whereas|with|which)\b)[^;]{{3,200}}?))?"
                            rf"(?:\s+(?:on\s+)?(?:{_WEEKDAY_RE}|today|yesterday))?\s*\.?$")
_TAIL = re.compile(rf",\s+(?:the\s+)?(?P<who>he|she|(?:[A-Z][\w.’'\-]*\s+){{0,3}}{_NAME})\s+(?P<verb>{_SAY_VERBS})"
                   rf"(?:(?:\s+\w+){{0,3}}|(?:\s+(?:on\s+)?(?:{'|'.join(_WEEKDAYS)}))?(?:\s+\([^)]{{1,20}}\))?"
                   r"\s+(?:in|at)\s+(?:its|their|his|her|a|the)\s+[^,;]{3,80})\.?$")   # "... said Tuesday (10/7) in its outlook"
def find_quotes(sentence: str) -> list[tuple[int, int]]:
    """Spans of quoted speech (double quotes, and single ones opening a sentence or clause as the
    British press writes them; scare quotes of one or two words are ignored)."""
    spans = []
    for match in _QUOTE_SPAN.finditer(sentence):
        inner = match.group().strip("“”\"")
        if len(inner.split()) >= 4:
            spans.append((match.start(), match.end()))
    if not spans:
        spans = [match.span() for match in _SINGLE_QUOTE_SPAN.finditer(sentence)
                 if len(match.group().strip("‘’' ").split()) >= 4]
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


def expected_to_will(text: str) -> str:
    """What is expected, as a statement: "(economists expect) the Fed to cut by 2026" -> "the Fed will cut by 2026"."""
    if re.match(r"^(?:[\w’'.\-]+\s+){1,7}?(?:will|would)\s", text):
        return text            # "(HKO expects) about five to eight cyclones will hit": already a statement
    # ("the record level of fertilizer export of 2021 to be surpassed": a long noun phrase too)
    return re.sub(r"^((?:[\w’'.\-]+\s+){1,10}?)to\s+(?=[a-z])", r"\1will ", text, count=1)


# "As the camps prepared a final push, the Commission said that ...": a scene-setting clause
# before the speaker; the attribution is read after it.
_LEADING_CLAUSE = re.compile(r"^(?:As|While|When|With|After|Before|Ahead of|Amid|In|On|At|Speaking|Though|Although)\b[^,]{3,160},\s+")


def narrator_attribution(sentence: str) -> tuple[Attribution, str]:
    """Attribution of a narrator sentence, and the sentence without it (what someone expects
    stated as what will happen)."""
    attribution, rest = _narrator_attribution(sentence)
    if attribution.who is not None and re.fullmatch(r"(?:It|That|There|This)[’']s", attribution.who):
        if re.match(r"\s*(?:at|to|by|for|as)\b", rest):
            return Attribution(None, None, None), sentence  # "It’s estimated at 9.4 million tons": no speaker
        # "It's claimed that the road will ...", "It's estimated the project will ...": said by no one named
        return Attribution(None, None, None), re.sub(r"^\s*that\s+", "", rest)
    if attribution.who is None:
        lead = _LEADING_CLAUSE.match(sentence)
        if lead:
            inner, inner_rest = _narrator_attribution(sentence[lead.end():])
            if inner.who is not None and inner.verb not in ("according to", "in the view of"):
                return inner, inner_rest
    if attribution.verb in ("expects", "expected", "predicts", "predicted"):
        rest = expected_to_will(rest)
    return attribution, rest


_DETERMINERS = {"The", "A", "An", "This", "That", "These", "Those", "Its", "Their", "His", "Her", "Our", "Some", "Any"}
_NEVER_ALONE = _DETERMINERS - {"This", "That", "Some", "Any"}     # ("This means ...": a subject of its own)
_TITLE_JOINERS = {"of", "for", "the", "and", "at", "in", "on", "de", "du", "la", "&"}


# "Name, their role or who they are, said that ...": the name speaks, the words between describe them
_APPOSITIVE_SAYS = re.compile(
    rf"^(?P<who>{_NAME}),\s+(?P<title>[^,]{{3,110}}?),\s+(?:also\s+|later\s+)?(?P<verb>told\s+(?:[\w’'.]+\s+){{1,5}}?"
    rf"(?:on\s+\w+(?:\s+\d{{1,2}})?\s+)?that\b|(?:{_SAY_VERBS})(?:\s+(?:during|at|in)\s+(?:[\w’'.]+\s+){{1,4}}?that\b)?)(?:\s+(?:late\s+|early\s+)?(?:on\s+)?(?:{_WEEKDAY_RE}|today|yesterday))?"
    r"\s+(?:that\s+)?(?=\S)")


def _holds_claim(description: str) -> bool:
    """Whether the words describing a speaker state something of their own (a date or a value), so
    that they cannot be dropped with the attribution."""
    return bool(find_dates(description, None, None) or parse_quantities(description))


def _title_lead(lead: str) -> bool:
    """Whether the words before a speaker's name can be their title: any short lead, a long one
    ("Tourism Authority of Thailand (TAT) Deputy Governor for Domestic Marketing, ...") only of
    capitalised words and the small words between them, not a clause of its own ("Both Norway and
    Japan have offered to donate vaccines, ...")."""
    if re.search(r",\s+(?:and|but)\s*$", lead) and _FINITE_VERB.search(lead):
        return False        # "The original bricks were made in Maryland, and Dabek said ...": a clause of its own
    words = lead.split()
    return len(words) <= 8 or all(w[:1].isupper() or w[:1] == "(" or w in _TITLE_JOINERS for w in words)   # "(TAT)"


def _narrator_attribution(sentence: str) -> tuple[Attribution, str]:
    """Attribution of a narrator sentence, and the sentence without it (one try, no lead-in skipped)."""
    match = _APPOSITIVE_SAYS.match(sentence)
    if match and (match.group("who").endswith("ly") or _FINITE_VERB.search(match.group("title")) and
                  not re.match(r"(?:who|whose|which)\b", match.group("title"))):
        match = None          # "Currently, bookings ... are between 60% and 70%, said Wong": no name, no title
    if match and _holds_claim(match.group("title")):
        match = None          # "X, NASA's administrator set to retire at the end of April, told ...": a claim too
    if match and re.match(r"(?:stressed|noted|highlighted|acknowledged|emphasi[sz]ed|underlined|underscored|welcomed|"
                          r"praised|cited|outlined|described)$", match.group("verb")) and \
            not re.search(r"\bthat\s*$", sentence[:match.end()]):
        match = None          # "X, a researcher, stressed the extraordinary extent of ...": a thing stressed, no clause
    if match and _FINITE_VERB.search(sentence[match.end():]) and \
            not re.match(r"(?:he|she|it|they|we|I)\b", sentence[match.end():]):
        # "Miguel Chanco, Chief Emerging Asia Economist at Pantheon, said the next cut would ..."
        # (what someone said of themselves, "said she hoped ...", stays theirs in their words)
        return Attribution(match.group("who"), match.group("verb").split()[0], match.span()), sentence[match.end():]
    match = _ACCORDING_TO.search(sentence)
    if match and re.search(r"\b(?:reports?|media|sources|officials|data|estimates)\b", match.group("who")):
        match = None
    bracketed = re.search(r"\)\s+(?=\d)", match.group("who")) if match else None
    if bracketed:
        # "According to the Society of Motor Manufacturers and Traders (SMMT) 80,805 new cars were
        # registered": no comma, the source ends at its bracketed acronym
        end = match.start("who") + bracketed.start() + 1
        rest = (sentence[:match.start()] + sentence[end:].lstrip()).strip()
        return Attribution(sentence[match.start("who"):end], "according to", (match.start(), end)), rest
    if match:
        after = sentence[match.end():]
        if match.start() > 0 and re.match(_APPOSITIVE_TITLE, after):
            after = "."                      # "..., according to Dr. Ann Lee, an expert at Vanderbilt."
        rest = re.sub(r"\s*,\s*(?=\.$)", "", (sentence[:match.start()] + " " + after).strip())
        return Attribution(match.group("who"), "according to", match.span()), rest
    match = _IN_VIEW.search(sentence)
    if match:
        rest = (sentence[:match.start()] + sentence[match.end():]).strip()
        return Attribution(match.group("who"), "in the view of", match.span()), rest
    match = _SAYS_THAT.search(sentence)
    if match and match.group("who") in _DETERMINERS:
        match = None                     # "The estimated increase in ...": no speaker called "The"
    if match and _BODY_SPEAKER.fullmatch(match.group("who")) and (
            match.group("lead") or not _FINITE_VERB.search(sentence[match.end():])):
        # "The carrier said its revenue rose ...", "It said ...": opening the sentence, before a clause
        # ("the company added 5 million subscribers", "..., the government said in a statement": no)
        match = None
    if match and not re.search(r"\b(?:that|which|who|if|when)\b", match.group("lead")) and _title_lead(match.group("lead")) and (
            match.group().rstrip().endswith(" that") or match.group("verb") in _ZERO_THAT_VERBS):
        rest = sentence[match.end():]
        # ("told the Lok Sabha in a written reply on March 15 that", "said after a meeting of the
        # IAAF Council in Monaco that": whom and when, before what was said)
        whom = _TOLD_WHOM.match(rest) if re.search(r"\btold\s+$", match.group()) or \
            re.match(r"(?:after|at|during|following|in|on|before)\s", rest) else None
        if whom and not has_finite_verb(whom.group("whom")):
            rest = rest[whom.end():]       # "told the Lok Sabha in a written reply on March 15 that": whom and when
        return Attribution(match.group("who"), match.group("verb"), match.span()), rest
    match = _SOURCE_TAIL.search(sentence)
    if match:
        return Attribution(match.group("who") or match.group("owner"), match.group("verb"), match.span()), \
            (sentence[:match.start()] + sentence[match.end():].rstrip(".") + ".").strip()
    # "..., she said." at the end, or ", he stressed," in the middle
    match = _TAIL.search(sentence) or re.search(rf",\s+(?:the\s+(?:[\w’'\-]+\s+){{0,3}}?)?(?P<who>he|she|{_NAME})\s+"
                                                rf"(?P<verb>{_SAY_VERBS})(?:\s+(?:on\s+)?(?:{_WEEKDAY_RE}|today|yesterday))?,\s+",
                                                sentence)      # "..., the airport’s operator DAA said on Friday, after ..."
    if match:
        return Attribution(match.group("who"), match.group("verb"), match.span()), \
            (sentence[:match.start()] + " " + sentence[match.end():]).strip()
    # "..., said Jocelyn Wong, an economist at DBS." (and the close of a quote opened a sentence before)
    match = _INVERTED_TAIL.search(sentence)
    if match and match.group("title") and _holds_claim(match.group("title")):
        match = None          # "..., said X, who expects the deficit to reach 1 percent": a claim of its own
    if match:
        return Attribution(match.group("who"), match.group("verb"), match.span()), \
            sentence[:match.start()].rstrip(" ,”\"") + "."
    # "Orbix's sales rose 4%, the company said": a body named by what it is (``_units`` names it)
    match = _BODY_TAIL.search(sentence)
    if match:
        return Attribution(match.group("who"), match.group("verb"), match.span()), \
            (sentence[:match.start()] + " " + sentence[match.end():]).strip()
    return Attribution(None, None, None), sentence


# -- dates ------------------------------------------------------------------------------

# what a cause after "due to" starts with: a determiner, a figure, a noun ("due to injury", "due to
# rising costs"), where a schedule has a verb ("due to commence", "due to bring")
_CAUSE_AFTER_DUE_TO = (r"the|a|an|its|his|her|their|our|this|that|these|those|some|high|low|poor|bad|strong|weak|"
                       r"heavy|lower|higher|injury|illness|weather|demand|covid|lack|concerns?|problems?|issues?|"
                       r"delays?|rain|snow|pressures?|shortages?|damage|failures?|closures?|government|investment|"
                       r"equipment|development|\d[\d.,]*|(?!bring\b)\w+(?:ion|ity|ness|ies|ance|ing|ed|ism|ship)")
# the tense of a clause decides which way a bare "Thursday" or "September 12" points
_FUTURE_MARK = re.compile(
    r"\b(?:will|won’t|won't|would|could|(?-i:may)|might|shall|going to|(?:is|are|am|appears?|seems?) to be|"
    r"(?<!than-)(?<!than )(?<!\bas )expected|"            # ("a better-than-expected rise", "rose as expected")
    r"expects?|scheduled|set to|"
    # ("due to start", "due later this month", not the cause of "due to injury", "due to the weather",
    # "due in part to")
    rf"due (?:to(?!\s+(?:{_CAUSE_AFTER_DUE_TO})\b)|on|in(?!\s+part\b)|by|{_DUE_AHEAD})|"
    r"plans? to|planned|upcoming|next|tomorrow|likely|rumou?red|speculated|poised|"
    # ("forecasts" the verb, not "raised its forecast for the corn crop on Tuesday")
    r"(?<!its )(?<!the )(?<!their )(?<!his )(?<!her )(?<!our )(?<!latest )(?<!previous )(?<!earlier )(?<!own )"
    r"forecasts?|predicts?|aims? to|intends? to|is to|are to|prepar(?:e|es|ing) (?:for|to)|"
    # ("ahead of the vote", not a place: "finishing ahead of Dereje", "ahead of schedule")
    r"(?<!finished )(?<!finishing )(?<!finish )(?<!finishes )(?<!came )(?<!placed )(?<!home )(?<!seconds )"
    r"(?<!points )(?<!strokes )(?<!lengths )(?<!places )ahead of(?!\s+(?:schedule|time|expectations|forecasts?|"
    r"estimates?|the field|rivals?|compatriots?|team-?mates?|runner-up|second-placed|third-placed)\b))\b",
    re.IGNORECASE)
_NOT_PAST = {"expected", "scheduled", "planned", "rumoured", "rumored", "speculated", "dated", "based", "supposed",
             "related", "united", "limited", "needed", "detailed", "proposed", "tired", "interested", "concerned",
             "red", "bed", "shed", "seed", "speed", "feed", "need", "indeed", "bred", "hundred", "led", "fled",
             "unchanged"}
# irregular past forms no present shares ("became", "saw", "struck", "left")
_PAST_ONLY_FORMS = ("became|saw|struck|left|ran|sent|spent|built|found|thought|knew|felt|stood|wrote|spoke|broke|"
                   "chose|drew|drove|flew|fought|sought|taught|caught|meant|overtook|undertook|underwent|"
                   "withdrew|swept|slid|sank|shrank|rang|froze|died|crept|leapt|withstood|understood|forgave|"
                   "outran|strove|rode|shook|stole|threw|wore")
_PAST_MARK = re.compile(r"\b(?:was|were|had|did|met|held|said|began|took|made|paid|hit|told|won|lost|"
                        r"sold|bought|got|rose|fell|grew|came|went|gave|kept|brought|"
                        rf"{_PAST_ONLY_FORMS}|"
                        r"last(?![-‑])|ago|yesterday|earlier|so far|already|\w{3,}ed)\b", re.IGNORECASE)


# a result with its score ("beat Norland 2-1", "in a 123-81 win"): known only once played
_RESULT_SCORE = re.compile(r"\b(?:beat|beats|beating|defeats?|defeated|defeating|edged?|edges|edging|upset|"
                           r"thrash(?:ed|es|ing)?|crush(?:ed|es|ing)?|downed|routed|won|wins?|winning|lost|loses?|losing|"
                           r"drew|draws?|tied)\b[^.;]{0,60}?\b\d{1,3}\s?[-–:]\s?\d{1,3}\b(?![-–/:.]\d)|"
                           r"\b\d{1,3}(?:\s?[-–]\s?|\s+to\s+)\d{1,3}\s+(?:[\w-]+\s+){0,2}(?:win|victory|defeat|loss|draw|triumph)\b",
                           re.IGNORECASE)


def clause_tense(text: str) -> str:
    """"future", "past" or "present": how a clause places what it reports in time."""
    if _FUTURE_MARK.search(text):
        return "future"
    if _RESULT_SCORE.search(text):
        return "past"
    if _present_main_verb(text):
        return "present"           # "X begins his quest on Saturday ... a stage packed with hills"
    if any(m.group().lower() not in _NOT_PAST for m in _PAST_MARK.finditer(text)):
        return "past"
    return "present"


_FUTURE_RELATIVE_CLAUSE = re.compile(
    r"(?:,\s+which|\b(?:a|an|the|its|their)\s+(?:[\w’'\-]+\s+){0,2}[\w’'\-]+(?P<restrictive>\s+(?:that|which)))\s+"
    r"(?:will|would|could|might|may|is set to|are set to|was expected to|were expected to)\s+"
    r"(?:[^,;]|,(?=\d{3}))+?(?=[,;]|\.?$)")


@functools.lru_cache(maxsize=4096)
def without_future_relatives(text: str) -> str:
    """The clause without relative clauses in the future ("a law that would force a sale", ",
    which will connect the airport"), when what is left reports the past: they describe a noun,
    they do not make the clause a forecast. (Cached: a statement's unit and its kind both ask.)"""
    found = _FUTURE_RELATIVE_CLAUSE.search(text)
    if not found:
        return text
    keep = found.start("restrictive") if found.group("restrictive") else found.start()
    rest = (text[:keep].rstrip() + text[found.end():]).strip()
    if _SPECULATION_RE.search(rest) or _STRONG_FORECAST_RE.search(rest) or clause_tense(rest) != "past":
        return text
    return rest if rest.endswith(".") else rest + "."


_FUNCTION_WORDS = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "to", "by", "at", "on",
                   "as", "than", "but", "not", "no", "more", "less", "some", "all", "up", "down", "out", "off", "over"}
_PAST_ADVERBS = {"last", "ago", "yesterday", "earlier", "already"}


def _present_main_verb(text: str) -> bool:
    """The verb after the subject is in the present tense ("begins", "heads", "is"), so a
    participle later in the clause ("packed", "scheduled") does not make it a report of the past."""
    subject = _subject(text)
    if not subject or re.search(rf"\b(?:{_PAST_ONLY_FORMS})\b", subject):
        return False            # "A storm struck the coast on Sunday, leaving ...": the subject ran past its verb
    start = text.find(subject)
    verb = re.match(r"[\s,]*(?:(?:also|now|still|officially|formally)\s+)?([a-z]+)(?:\s+([a-z]+))?",
                    text[start + len(subject):])          # (", is estimated": after an aside)
    if not verb:
        return False
    word, following = verb.group(1), verb.group(2) or ""
    if following in ("and", "or", "of", "for", "from", "to", "in", "with", "were", "was", "are", "have", "had"):
        return False            # "orders and warnings ... were lifted": a plural noun, not a verb
    if word not in ("is", "are") and _PAST_MARK.fullmatch(following):
        return False            # "Annual sales grew 7.8% on Tuesday": "sales" ends the subject, "grew" is the verb
    compound = re.match(r"\s+(?:[a-z]+\s+)?(?P<verb>[a-z]+)\b", text[start + len(subject) + verb.end(1):])
    if word not in ("is", "are") and following not in _FUNCTION_WORDS and compound and \
            _PAST_MARK.fullmatch(compound.group("verb")) and compound.group("verb") not in _NOT_PAST | _PAST_ADVERBS:
        return False            # "Coffee futures prices rose sharply": "futures prices" is the subject, "rose" the verb
    if text[start + len(subject) + verb.end(1):].startswith(","):
        return False            # "Five scientists, one mathematician, and ... walked": a list of nouns
    return word in ("is", "are") or (word.endswith("s") and word not in ("was", "has", "does", "says", "thus")
                                     and not word.endswith(("ss", "us", "is", "ings")) and len(word) > 3)


_RELATIVE_ANCHOR = re.compile(
    r"\b(?P<offset>(?:approximately |about |some |nearly |roughly )?(?:\d+|a|an|one|two|three|four|five|six|"
    r"seven|eight|nine|ten)\s+(?:days?|weeks?|months?|years?))\s+(?P<rel>after|before)\s+"
    r"(?P<anchor>(?:[^,.;]|\.(?=\w)|(?<=\b[A-Z])\.)+)")


# -- the clause rules -------------------------------------------------------------------

def _clean(text: str) -> str:
    text = text.strip().strip("“”\"").strip()
    text = re.sub(r"^[,;:—–\-\s•▪◦·*>]+", "", text)         # and a list's bullet or a quoted email's ">"
    unled = _LEAD_IN.sub("", text)
    if not re.match(r"(?:is|are|was|were|will|would|has|had|marks|means)\b", unled, re.IGNORECASE):
        text = unled          # ("Today is the day that ...": "today" is the subject, not a lead-in)
    text = re.sub(r"\s+", " ", text).strip().rstrip(",;:—–- ")
    # "... of their lives and, while most suffer ...": the split left the joining word behind
    text = re.sub(r"(?:,?\s+(?:and|or|but|nor|due to|because of|as well as))+(\.?)$", r"\1", text)
    text = text.rstrip("“”\"").strip()
    if text and text[-1] not in ".!?":
        text += "."
    # "... from 5.7 per cent,.": a quote's or a split's comma (or dash) before the stop; "at 2:16 p.m.."
    text = re.sub(r"\s*(?:[,;:]+|\s[—–-])\s*\.$|\s+\.$|(?<=[a-z]\.)\.$", ".", text)
    if text.count("“") > text.count("”") and text.endswith((".", "!", "?")):
        text += "”"                 # 'The IAF is “very badly off in numbers.': the attribution took the close
    text = _balanced_brackets(text)
    if re.match(r"[a-z][A-Z]", text):
        return text                           # "eBay", "iPhone": a name keeps its small first letter
    return text[:1].upper() + text[1:] if text else text


def _balanced_brackets(text: str) -> str:
    """"... off the Yorkshire coast )." and "... 157 square miles (407 square km.": a split between
    brackets leaves a close with no open, or an open with no close."""
    if text.count("(") < text.count(")"):
        depth, kept = 0, []
        for index, char in enumerate(text):
            depth += (char == "(") - (char == ")")
            if depth < 0 and char == ")" and index > 0 and text[index - 1] == " ":
                depth = 0
                continue        # (not "1) The bank": a list's number)
            depth = max(depth, 0)
            kept.append(char)
        text = re.sub(r"\s+(?=[.!?]$)", "", "".join(kept))
    if text.count("(") > text.count(")") and text.endswith((".", "!", "?")) and text.rfind("(") > text.rfind(")"):
        text = text[:-1] + ")" + text[-1]
    return text


_AUXILIARY = re.compile(r"(?:is|are|was|were|have|has|had|will|would|could|might|may|can|must|should|shall|do|does|"
                        r"did)$")


# "showed", and "economists polled said": a participle of the noun before it, not its verb
_POLLED_PARTICIPLE = re.compile(r"(?:showed|revealed|indicated|polled|surveyed|asked|interviewed|questioned|"
                                r"contacted|quoted|cited)$")
_PAST_FORM = re.compile(rf"[a-z]{{2,}}ed|rose|fell|grew|{_PAST_ONLY_FORMS}")
# verbs ending in -s that a participle or adjective follows ("remains unchanged", "gets delayed")
_LINKING = re.compile(r"(?:remains|seems|appears|looks|becomes|gets|stays|proves|sounds|feels|goes|comes|keeps)$")


def _plural_noun_before_verb(word: str, following: str) -> bool:
    """Whether ``word``, read as a verb in -s, is a plural noun whose verb is ``following``: an
    auxiliary ("patients have") or a past form ("assets increased"), not a reporting verb or a
    participle of the noun ("economists polled said") and not after a linking verb ("remains unchanged")."""
    if not word.endswith("s") or _AUXILIARY.match(word) or _LINKING.match(word):
        return False
    if _AUXILIARY.match(following):
        return True
    return bool(_PAST_FORM.fullmatch(following)) and \
        following not in _NOT_PAST and following not in _REPORTING_PAST and not _POLLED_PARTICIPLE.match(following)


# participles that open a noun phrase as adjectives ("Adjusted earnings", "Diluted shares")
_PARTICIPLE_ADJECTIVE = re.compile(r"(?:Adjusted|Diluted|Reported|Combined|Consolidated|Unaudited|Audited|Restated|"
                                   r"Revised|Annuali[sz]ed|Estimated|Projected|Expected|Planned|Proposed|Increased|"
                                   r"Reduced|Improved|Continued|Sustained|Renewed|Weighted|Detailed|Skilled|Listed)")


def _subject(clause: str) -> str | None:
    """The words before the first verb, without an introductory phrase (at most 10 words)."""
    text = re.sub(r"^(?:(?:during|after|before|following|in|on|at|under|over|for|shortly after|despite|as of|so far|"
                  r"according to|based on|adding|including|excluding|counting|taking|using|combining|"
                  r"comparing)\b[^,]{0,60},\s*)",
                  "", clause, flags=re.IGNORECASE)
    if re.match(r"(?:if|unless|when|whenever|whilst|while|although|though|because|once|whether)\b", text, re.IGNORECASE):
        return None          # "If we consider only valid votes, ... Lula has dropped": no subject to read off
    # ("Gross bookings — a key industry metric representing ... — jumped": the aside between dashes
    # is no part of the subject, and its words are no verb of the sentence)
    text = re.sub(r"^((?:\S+\s+){0,4}?\S+)\s+[—–]\s[^—–]{1,200}?\s[—–]\s+", r"\1 ", text)
    words = text.split()
    verbs = re.compile(r"^(?:is|are|was|were|be|been|has|have|had|will|would|could|might|may|can|must|should|"
                       r"shall|did|does|do|took|held|spoke|met|said|told|sent|stands|lost|made|began|"
                       r"remains?|seems?|appears?|lasted|agreed|invited|discussed|plans?|wants?|faces|"
                       r"sold|bought|got|won|rose|fell|grew|came|went|saw|gave|kept|left|paid|ran|brought|hit|"
                       rf"{_PAST_ONLY_FORMS}|[a-z]+ed|[a-z]{{3,}}s)$")
    for index, word in enumerate(words[:12]):
        bare = word.strip(",.;:“”\"").lower()
        if index > 0 and verbs.match(bare) and not bare.endswith(("ss", "us", "'s", "’s", "ies")) and \
                not word[:1].isupper():        # "Jonas", "Reuters": names, not verbs
            if index == 1 and words[0].capitalize() in _NEVER_ALONE:
                continue                       # "The results showed": a determiner is no subject, "results" a noun
            if index == 1 and _PARTICIPLE_ADJECTIVE.fullmatch(words[0]) and not bare.endswith("ed"):
                continue                       # "Adjusted earnings for the quarter were": "earnings" a noun
            following = words[index + 1].strip(",.;:").lower() if index + 1 < len(words) else ""
            if _plural_noun_before_verb(bare, following):
                continue                       # "1,424 dengue patients have been", "net assets increased"
            subject = " ".join(words[:index]).strip(",;: ")
            return subject or None
    return None


# verbs that report a forecast or a statement: their past tense still carries what was forecast
_REPORTING_PAST = {"predicted", "forecast", "forecasted", "projected", "expected", "estimated", "anticipated",
                   "said", "told", "warned", "suggested", "signalled", "signaled", "indicated", "noted", "added",
                   "argued", "believed", "claimed", "stated", "announced", "pledged", "promised", "vowed", "guided",
                   "saw", "foresaw", "reaffirmed", "reiterated", "maintained", "raised", "lowered", "cut", "revised",
                   "upgraded", "downgraded", "lifted", "trimmed", "kept", "retained", "hoped", "planned", "intended",
                   "aimed", "urged", "set", "scheduled", "targeted", "agreed", "decided", "voted", "asked", "wanted",
                   "pencilled", "penciled", "upped", "hiked", "slashed", "boosted", "nudged", "called",
                   "modeled", "modelled", "confirmed", "acknowledged", "admitted", "revealed", "disclosed",
                   "reported"}
_IRREGULAR_PAST = {"did", "took", "held", "spoke", "met", "sent", "lost", "made", "began", "sold", "bought", "got",
                   "won", "rose", "fell", "grew", "came", "went", "gave", "left", "paid", "ran", "brought", "found",
                   "hit", "struck", "shut", "put", "led", "drew", "broke", "wrote", "chose", "became"}
_FINITE_FUTURE_AFTER = re.compile(r"\b(?:will|won’t|won't|shall|(?:is|are|am)\s+(?:\w+\s+)?(?:expected|set|likely|poised|"
                                  r"due|scheduled|going|slated|on track|about)\s+to)\b", re.IGNORECASE)


# "The fan chart published on Tuesday indicates that ...": a participle, then the clause's own verb
_PARTICIPLE_THEN_VERB = re.compile(r"\s+(?:on|in|at|last|this|earlier)\b[^,;]{0,30}?\s+(?:indicates|shows|suggests|says|"
                                   r"finds|reveals|points|puts|sees|expects|projects|forecasts)\b")
# issuing a forecast is no deed apart from it
_ISSUED = {"released", "published", "issued", "unveiled", "presented", "gave", "delivered", "provided", "offered"}
_ISSUED_FORECAST = re.compile(r"\s+(?:its|their|his|her|a|an|the)\s+(?:[\w-]+\s+){0,2}(?:forecasts?|projections?|"
                              r"outlook|guidance|estimates?)\b(?!\s+on\b)")       # (not NICE's "guidance on a drug")


def _reports_past_deed(clause: str) -> bool:
    """"Moderna trimmed the high end of its revenue forecast by $300 million", "NICE has unveiled
    guidance on a drug set to benefit 220,000 people": the main verb reports something done; a
    forecast named inside it (a noun, an appositive, a purpose) is not what the clause claims."""
    subject = _subject(clause)
    if not subject or _FORECAST_VERB_RE.search(subject) or \
            re.search(r"\b(?:chances?|odds|probability|likelihood)\b", clause, re.IGNORECASE):
        return False           # ("They now expect adjusted earnings": the verb is "expect", not "adjusted")
    rest = clause[clause.find(subject) + len(subject):]
    if "," in subject:
        rest = re.sub(r"^\s*,", "", rest)      # (", opened": the verb after the appositive the subject ends with)
    verb = re.match(r"\s*(?:(?:also|then|later|recently|quietly|formally|officially|already|just)\s+)?"
                    r"(?:(?:has|have|had)\s+(?:also\s+|now\s+|already\s+)?)?(?P<verb>[a-z]+)\b", rest)
    if not verb:
        return False
    word = verb.group("verb")
    after = rest[verb.end():]
    passive = re.match(r"\s+([a-z]+(?:ed|en|wn))\b", after) if word == "been" else None
    if passive:                        # "Three engines have been delivered so far"
        word, after = passive.group(1), after[passive.end():]
    elif word == "been":
        return False                   # "OPEC+ has been aiming to unwind cuts": still going on
    if re.match(r"\s+by\b", after) or _PARTICIPLE_THEN_VERB.match(after):
        return False           # "Strategists led by Ada Lind now see ...": a participle, not the verb
    if word in _ISSUED and _ISSUED_FORECAST.match(after):
        return False           # "The bank released a forecast for 2018, projecting ...": what it forecasts
    if word in ("was", "were"):        # "A loss of $2.13 was narrower than the predicted $2.97"
        return not re.match(r"\s+(?:not\s+)?(?:likely|unlikely|set|due|expected|going|about|poised|scheduled|slated|"
                            r"supposed|to|[a-z]+ing|(?:projected|forecast|estimated|predicted|seen|tipped|"
                            r"anticipated)\s+to)\b", after) and not _FINITE_FUTURE_AFTER.search(after)
    past = word in _IRREGULAR_PAST or (word.endswith("ed") and word not in _NOT_PAST) or \
        bool(re.match(r"\s*(?:has|have|had)\s", rest)) and (word.endswith(("ed", "en", "wn")) or word in _IRREGULAR_PAST)
    return past and word not in _REPORTING_PAST and not _FINITE_FUTURE_AFTER.search(rest[verb.end():])


_EXPLETIVE_IT = re.compile(r"^It(?:[’']s|\s+(?:is|was|will be|would be|has been|had been|seems|seemed|appears|remains|"
                           r"is not|was not|isn’t|wasn’t))\s+(?:\w+\s+)?(?:that|to|likely|unlikely|expected|clear|"
                           r"unclear|possible|impossible|not|time|too|hard|difficult|easy|important)\b|"
                           # "It is unusual for drug makers to cut a price so soon": the to-clause is the subject
                           r"^It(?:[’']s|\s+(?:is|was|will be|would be|has been|had been|isn’t|wasn’t))\s+(?:not\s+)?"
                           r"(?:\w+\s+)?\w+\s+for\s+[^.;]{1,60}?\bto\s+[a-z]|"
                           # "It was the second consecutive year that output ...": the "that" clause is the subject
                           # (not "It was the second straight month of gains": that says it of what came before)
                           r"^It(?:[’']s|\s+(?:is|was|will be|would be|has been|had been))\s+the\s+"
                           r"(?:first|second|third|fourth|fifth|\w+th|last|only)\s+(?:[\w\-]+\s+){0,2}"
                           r"(?:time|year|month|week|day|quarter|season)s?\b(?=[^.;]*?\b(?:that|when)\b)")


_NAMED_BY_WORD = re.compile(rf"the\s+(?:[a-z\-]+\s+)?(?:{_NAMED_BODY_WORDS})", re.IGNORECASE)


def _named_body(who: str, text_before: str) -> str | None:
    """"the bureau", "the institute": the last body the text named with that word ("the Central
    Weather Bureau", "the National Institute of Economic and Social Research")."""
    if not _NAMED_BY_WORD.fullmatch(who.strip()):
        return None
    word = who.split()[-1].capitalize()
    names = re.findall(rf"(?:[A-Z][\w’'\-]*\s+){{1,5}}{word}(?:\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w’'\-]*"
                       rf"(?:,?\s+(?:and\s+)?[A-Z][\w’'\-]*)*)?|{word}\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w’'\-]*"
                       rf"(?:,?\s+(?:and\s+)?[A-Z][\w’'\-]*)*", text_before)
    # ("Taiwan's Central Weather Bureau": the bureau's own name)
    named = [re.sub(r"^(?:(?:The|A|An|In|On|At|By|For|From)\s+|[A-Z][\w\-]*(?:’s|'s)\s+)", "", n) for n in names]
    return named[-1] if named else None


def _subject_thing(sentence: str, names: Names) -> str | None:
    """The named organisation or thing a sentence is about (its subject's first name that is
    not a person), for a following sentence that starts with "It"."""
    subject = _subject(_DATELINE.sub("", sentence))
    if not subject:
        return None
    entities = names.entities(subject)
    return entities[0] if entities and not re.search(r"\b(?:he|she|his|her)\b", sentence[:80], re.I) else None


def _resolve_pronoun(statement: str, candidate: str | None) -> str:
    if candidate and re.match(r"^(?:He|She)\b", statement):
        first = statement.split()[0]
        rest = statement[len(first):]
        contracted = re.fullmatch(r"(?:He|She)[’'](d|s|ll)", first)
        if contracted:
            # "She’d gotten a lot of e-mails": "Jenny Rokes had gotten", not "Jenny Rokes gotten"
            participle = re.match(r"\s+(?:been|got|gotten|\w+ed|\w+en|\w+wn)\b", rest)
            perfect = re.match(r"\s+(?:been|got|gotten|had|said|made|done|become|taken|given)\b", rest)
            rest = {"d": " had" if participle else " would", "s": " has" if perfect else " is",
                    "ll": " will"}[contracted.group(1)] + rest
        return candidate + rest
    return statement


# "It is completely unacceptable that ...", "It is projected there will be ...", "It cost Atletico
# 126m euros to sign ...", "It follows a series of problems": an "it" that stands for nothing named
# (not "It is set to open", "It costs $999": the thing in view)
_IMPERSONAL_IT = re.compile(r"^It(?:[’']s|\s+(?:is|was|will be|would be|could be|may be|might be|has been|had been))\s+"
                            r"(?:(?:\w+\s+){0,2}that\b|(?:projected|estimated|expected|hoped|believed|thought|said|"
                            r"reported|understood|feared|forecast|anticipated|planned)\s+(?:that|there)\b)|"
                            r"^It\s+(?:costs?|took|takes)\b[^.]*?\bto\s+[a-z]|^It\s+(?:follows|followed|comes|came|means|meant)\b")
_OPENING_PRONOUN = re.compile(r"^(It|Its|They|Their|He|She|His|Her)\s+(?=[\w$€£])")


def _sentence_antecedent(statement: str, ctx: _Context) -> str:
    """A clause split off the middle of its sentence that still opens with a pronoun names what the
    pronoun stands for there (``clause_parse.antecedent``: "The defeat prevented ..., while it also
    ended his chances" -> "The defeat also ended his chances"). A pronoun opening the sentence
    itself refers to an earlier one, which ``_Context.thing``, ``parties`` and ``antecedent`` cover."""
    opening = _OPENING_PRONOUN.match(statement)
    if not opening or _EXPLETIVE_IT.match(statement) or _IMPERSONAL_IT.match(statement):
        return statement
    pronoun = opening.group(1)
    if re.match(rf"^\W*(?:(?:but|and|yet|so|however|still|now|moreover|in fact|meanwhile),?\s+)?{pronoun}\b",
                ctx.quote, re.IGNORECASE):
        return statement
    # (not "TOKYO" of "TOKYO, May 7 (Xinhua) -- Nintendo Co. said Thursday its net profit ...")
    name = antecedent(_DATELINE.sub("", ctx.quote), pronoun, lambda text: bool(ctx.names.people_in(text)))
    if name is None:
        return statement
    if pronoun.lower() in ("its", "their", "his", "her"):
        name += "’" if name.endswith("s") and pronoun.lower() == "their" else "’s"
    return name[:1].upper() + name[1:] + statement[opening.end(1):]


def _plural_subject(sentence: str, names: Names) -> str | None:
    """"Broadcom and VMware" of "Broadcom and VMware said on Monday ...": two named parties that a
    following "They" or "Their" refers to."""
    subject = _subject(_DATELINE.sub("", sentence))
    if not subject or not re.search(r"\band\b", subject):
        return None
    parts = [p.strip() for p in re.split(r",\s*|\s+and\s+", subject) if p.strip()]
    name = re.compile(r"(?:[A-Z][\w.&’'\-]*|[a-z]+[A-Z][\w.&’'\-]*)(?:\s+[A-Z][\w.&’'\-]*){0,3}")
    parties = []
    for part in parts:                  # "BROADCOM and software maker VMware": Broadcom, VMware
        found = [m.group() for m in name.finditer(part) if m.group() not in _NOT_ENTITIES]
        if not found:
            return None
        parties.append(found[-1].capitalize() if found[-1].isupper() and len(found[-1]) > 4 else found[-1])
    if 2 <= len(parties) <= 4:
        return ", ".join(parties[:-1]) + " and " + parties[-1]
    return None


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
    resolves_at: str | None = None   # the date of the meeting that decides what the clause forecasts
    kind: str | None = None          # the kind a split already knows ("X holds its meeting on Thursday")
    thing: str | None = None         # the named organisation or thing the last sentence was about
    parties: str | None = None       # the two or more named parties a sentence's "They" refers to
    years: YearCounting = YearCounting()    # how the document counts financial and marketing years
    occasion_year: int | None = None  # the year of the occasion ahead the document previews (occasion_year)
    said_on: str | None = None       # the day the attribution says it was said ("announced on Wednesday that")


_ODDS_BEFORE = re.compile(r"\b(?:probability|odds|chances?|likelihood)\b(?:(?![.;]|\btarget\b)[^.;]){0,80}$",
                          re.IGNORECASE)
# ('"99%" sure Rice would leave')
_ODDS_AFTER = re.compile(r"^[”\"’']?\s*(?:chance|probability|likelihood|odds|likely|certain|sure)\b", re.IGNORECASE)
# "The chance of an El Nino forming ... and bringing ... is now at 70 per cent": the chance is the
# subject, however far its verb; "there is 80% we will see ...": a chance with its noun left out
_ODDS_SUBJECT = re.compile(r"^(?:[\w,’']+\s+){0,3}?(?:the\s+)?(?:chances?|probability|odds|likelihood)\s+(?:of|that)\b",
                           re.IGNORECASE)
_ODDS_VERB_BEFORE = re.compile(r"\b(?:is|was|are|were|stands|stood|rose|fell|climbed|dropped|has risen|has fallen)"
                               r"(?:\s+now)?(?:\s+(?:at|to|about|around|only|just))?\s*$", re.IGNORECASE)
_THERE_IS_BEFORE = re.compile(r"\bthere(?:[’']s|\s+is|\s+was)\s+(?:an?\s+|only\s+|just\s+)?$", re.IGNORECASE)
_THERE_IS_AFTER = re.compile(r"^\s+(?:that\s+)?(?:we|it|they|he|she|the|this|there)\s+[a-z]+", re.IGNORECASE)


_AMERICAN_ODDS = re.compile(r"(?<![\w$€£.,+-])(?P<sign>[+-])(?P<n>[1-9]\d{2,4})\b(?![.,]\d)")
# "9/1 to complete a Golden Slam", "at 5/2": not a date ("9/11"), a ratio of days ("24/7") or "2.26" run into "5/4"
_FRACTIONAL_ODDS = re.compile(r"(?<![\w$€£.,/-])(?P<n>[1-9]\d{0,2})/(?P<d>[1-9]\d?)(?![\w/.,]\d|\d)(?!\s*(?:of|th)\b)")
_BETTING_WORDS = re.compile(r"\b(?:favou?rites?|longshots?|long shot|odds|underdogs?|sportsbooks?|bookmakers?|"
                            r"bookies|betting|bets?)\b", re.IGNORECASE)


def _betting_odds(clause: str) -> Quantity | None:
    """The implied probability of betting odds in a betting context: American +400 pays 4 to 1, a
    20% chance; -150 risks 150 to win 100, 60%; fractional 9/1 is a 10% chance, 5/2 about 29%.
    Two different prices ("+1100 at one book, +1000 at the others") give no single probability."""
    if not _BETTING_WORDS.search(clause):
        return None
    prices = list(_AMERICAN_ODDS.finditer(clause))
    fractions = list(_FRACTIONAL_ODDS.finditer(clause))
    if prices and fractions or len({m.group() for m in prices + fractions}) != 1:
        return None
    price = (prices or fractions)[0]
    if fractions:
        n, d = int(price.group("n")), int(price.group("d"))
        value = d / (n + d)
    else:
        n = int(price.group("n"))
        value = 100 / (n + 100) if price.group("sign") == "+" else n / (n + 100)
    return Quantity(value=round(value, 4), unit="percent", text=price.group(), start=price.start(), end=price.end())


def _probability(clause: str, quantities: list[Quantity], ctx: _Context) -> Quantity | None:
    """The odds the clause gives for its own statement: a percentage (or "1 in 5") that the words
    "probability", "odds", "chance" or "likelihood" speak of ("the probability of a recession ...
    is only 30%", "a 70% chance"), not any percentage near them (the 2% inflation target, a cut
    of 100 basis points). Betting odds are odds too: "+400" is a 20% chance ("the +400 favorite")."""
    betting = _betting_odds(clause)
    if betting is not None and "/" not in betting.text:
        return betting
    for quantity in quantities:
        if quantity.unit != "percent" or quantity.value > 1 or re.search(r"\b(?:bps?|basis|points?)\b", quantity.text):
            continue
        before, after = clause[:quantity.start], clause[quantity.end:]
        if re.match(r"^\s*(?:target|of (?:the )?(?:vote|economists|respondents|global|the world))", after):
            continue
        # "1 in 5" alone is odds ("a 1 in 5 shot"), but not a share of people ("one in five voters")
        share = re.match(r"^\s+(?:[\w’'\-]+\s+){0,2}?(?:voters|people|adults|Americans|Britons|respondents|"
                         r"children|workers|households|members|users|patients|residents|[A-Z]\w+ans)\b", after)
        if _ODDS_BEFORE.search(before) or _ODDS_AFTER.match(after) or \
                (re.search(r"\bin\b", quantity.text) and not share) or \
                _ODDS_SUBJECT.match(clause) and _ODDS_VERB_BEFORE.search(before) or \
                _THERE_IS_BEFORE.search(before) and _THERE_IS_AFTER.match(after):
            return quantity
    return betting            # "10/1, a 10% chance": the percentage the text states, else the price's


def _outcome(clause: str, ctx: _Context) -> str | None:
    for text in (clause, ctx.quote, ctx.paragraph):
        match = _OUTCOME_RE.search(text)
        if match and not re.match(r"^(?:at|of)\b", match.group("outcome")):
            return match.group("outcome").strip()
    return None


# A figure someone sets for a period still ahead ("its 2026 target to $2,900", "a prediction of
# $702,214 next year") is a forecast of that period, however plainly it is stated.
# "has already achieved its target of seven million subscribers by the end of 2003": a target met
# is a deed, not the outlook
_TARGET_MET = re.compile(r"\b(?:(?:has|have|had)\s+(?:already\s+)?|already\s+)(?:achieved|reached|met|hit|surpassed|"
                         r"exceeded|beaten|beat)\s+(?:its|their|the|his|her|our)\s+(?:[\w’'-]+\s+){0,3}?(?:target|goal)s?\b",
                         re.IGNORECASE)
# what something can hold or do as it is: a capacity, measured now
_CAPACITY = re.compile(r"\bcan\s+(?:(?:already|now|currently)\s+)?(?:fit|hold|seat|accommodate|carry|house|store|process|"
                       r"handle|treat|consume|eat|travel|reach speeds)\b")
_OUTLOOK_NOUN = re.compile(r"\b(?:forecasts?|targets?|predictions?|projections?|outlook|guidance|estimated|estimates)\b",
                           re.IGNORECASE)
# an outlook set to a new level: what the clause claims is the new outlook ("nudged up its output
# guidance to 595,000t for the full year"), not only that it was changed ("trimmed ... by $300 million")
_REVISED = (r"(?:raised|lifted|cut|lowered|trimmed|nudged up|nudged down|upgraded|downgraded|narrowed|revised|"
            r"boosted|increased|reduced|hiked|slashed)")
_OUTLOOKS = r"(?:guidance|forecasts?|outlook|targets?|projections?|estimates?)"
_REVISED_OUTLOOK = re.compile(rf"(?:\b{_REVISED}\s+(?:up\s+|down\s+)?(?:its|their|the|his|her)\s+(?:[\w’'\-]+\s+){{0,4}}?"
                              rf"{_OUTLOOKS}\b|"      # ... or in the passive: "The year-end target ... was lowered"
                              rf"\b{_OUTLOOKS}\b[^.;]{{0,80}}?\b(?:was|were|has been|have been)\s+{_REVISED}\b)"
                              r"[^.;]*?\bto\s+(?:a\s+range\s+of\s+)?(?:[$€£¥]|\d)")


# the reasons that mark a statement as somebody's view or guess, not a fact or figure left unchecked:
# the kind reader revives these less readily (``KindPolicy.revive_view_below``)
OWN_VIEW = "the speaker's own view (first person)"
EVALUATIVE = "evaluative or prescriptive wording"
SUMMARISED_VIEW = "the interviewee's view, summarised by the writer"
SUMS_UP = "sums up a view or the discussion"
SPECULATION = "speculation with no value, date or event to check"
VIEW_REASONS = (OWN_VIEW, EVALUATIVE, SUMMARISED_VIEW, SUMS_UP, SPECULATION)


def _classify(clause: str, quantities: list[Quantity], dates: list[dict[str, Any]], ctx: _Context,
              has_entities: bool, presupposed: bool = False) -> tuple[str | None, float | None, str | None]:
    """(kind, probability, why it is an opinion); kind None: not a claim at all. An opinion is
    kept inactive, and the third item says why in words for the reviewer.

    The order matters: a stated probability makes a forecast even in the first person ("I would
    gauge the probability at around 20%"); a prediction verb with something concrete (a value,
    a date) makes a forecast; scheduled or dated happenings are events; then opinion cues win
    over everything that is left; speculation without anything concrete is opinion too."""
    probability = _probability(clause, quantities, ctx)
    if probability is not None:
        return "forecast", probability.value, None
    if _META_RE.search(clause) or _READER_RE.search(clause):
        return None, None, None
    embedded = _EMBEDDED_QUESTION.search(clause)
    if embedded and not _SPECULATION_RE.search(clause[:embedded.start()]) and _subject(clause[:embedded.start()]):
        # "Talks are continuing over how the deal will be structured": the future is in the
        # question talked about, the clause reports the talks
        head = clause[:embedded.start()].rstrip(" ,") + "."
        return _classify(head, [q for q in quantities if q.start < embedded.start()], dates, ctx, has_entities,
                         presupposed)
    main = without_future_relatives(clause)
    if main != clause:
        # "The court decided to hear arguments over a law that would force ...": what the law
        # would do describes it; the clause reports the decision
        return _classify(main, [q for q in quantities if q.text in main], dates, ctx, has_entities, presupposed)
    if ctx.kind:
        return ctx.kind, None, None
    if not ctx.quoted and ctx.speaker is None and _RULE_REQUIRES.search(clause) and \
            _RULE_WORDS.search(ctx.paragraph) and not _HEDGE_RE.search(clause):
        return "fact", None, None                  # what a law requires ("Developers must provide a summary")
    if re.match(r"^(?:This|It) (?:is|was|will be|marks) the first time\b", clause):
        return "fact", None, None                  # "This is the first time ever that a red warning has been issued"
    if _PAST_STATEMENT.search(clause) and not ctx.quoted:
        # what they had said then is the fact (or the figure they gave); it forecasts nothing now
        return ("quantity" if any(_is_claim_quantity(q) for q in quantities) else "fact"), None, None
    if _SUPERSEDED_PLAN.search(clause) and not _PLAIN_FUTURE_RE.search(clause) and \
            not any(_is_claim_quantity(q) for q in quantities):
        return "fact", None, None                  # ("The budget was originally set at £15.9bn": a quantity)
    if _PAST_PLAN_RE.search(clause) and not _PLAIN_FUTURE_RE.search(clause) and has_entities and \
            not any(d["end"] >= (ctx.document_date or "") for d in dates):
        return "fact", None, None              # ... unless it still points ahead ("was due to start in January")
    recent = [d for d in dates if d["date"] >= _years_before(ctx.document_date, 1)]
    concrete = bool(quantities) or bool(recent)
    singular = bool(_FIRST_PERSON_SINGULAR.search(clause))
    plural = bool(_FIRST_PERSON_PLURAL.search(clause))
    # "it should be able to pass the $200 million mark by Sunday": should as likely, not as ought
    evaluative = bool(_OPINION_RE.search(_RELATIVE_OBLIGATION.sub(" ", _EPISTEMIC_SHOULD.sub("will", clause)))) or \
        "!" in clause
    # "copper should average $9,500 a ton in the fourth quarter", "will likely remain under pressure
    # until ...": should and likely as odds, not as ought or a view, when a value or a date is at stake
    cues = {m.group().lower() for m in _OPINION_RE.finditer(clause)}
    likely_outcome = bool(cues) and cues <= {"should", "likely"} and "!" not in clause and (
        any(_is_claim_quantity(q) for q in quantities) or
        any(d["end"] >= (ctx.document_date or "") for d in dates) or
        # "the central bank will likely leave the rate unchanged": a plain future, hedged
        cues == {"likely"} and bool(re.search(r"\b(?:will|would)\s+likely\b", clause)))
    evaluative = evaluative and not likely_outcome
    # ("This year", "this week", "This Sunday": the time it is, not something said before)
    demonstrative = bool(re.match(rf"^(?:This|That|These|Those|Such)\b(?!\s+(?:{_TIME_WORDS}|{_WEEKDAY_RE})\b)",
                                  clause)) and \
        not quantities and not (
        has_entities and re.match(r"^(?:These|Those|This|That)\s+(?:[a-z\-]+\s+){1,4}(?:was|were|is being|are being|has been|"
                                  r"have been)\s+[a-z]+(?:ed|en|wn)\b", clause)) and \
        not _RANKED_FACT.search(clause)
        # ("These results were unveiled at the European Congress on Obesity": a reported fact; "That
        # was the ninth consecutive quarter of growth": a rank to check, whatever "that" was)
    narrated = not ctx.quoted and ctx.verb is not None
    if presupposed:
        if singular:
            return None, None, None
        if re.search(r"\bexpected\b", clause) and (recent or quantities):
            return "forecast", None, None          # "given the expected acceleration of inflation by the end of the year"
        if any(_is_claim_quantity(q) for q in quantities):
            return "quantity", None, None          # "... just six years after the Ligue 1 side paid £166m for him"
        return ("fact" if has_entities or recent else None), None, None
    if _AT_CLOCK_TIME.search(clause) and (_PLAIN_FUTURE_RE.search(clause) or _TIMETABLE_RE.search(clause)) and \
            not _HEDGE_RE.search(clause) and not singular and not _OUTCOME_VERB_RE.search(clause) and \
            not any(_is_claim_quantity(q) and q.unit != "second" for q in quantities):
        return "event", None, None                 # "The decision will be announced at 12:00 GMT"
    if narrated and ctx.verb in _FORECAST_VERBS:
        return "forecast", None, None
    if _DECIDED_CHANGE.search(clause) and not _HEDGE_RE.search(clause) and not _STRONG_FORECAST_RE.search(clause) \
            and not singular and not plural and any(
                d["precision"] == "day" and d["end"] >= (ctx.document_date or "") and
                not re.match(r"(?:by|before|until)\b", d["text"], re.IGNORECASE) for d in dates):
        return "event", None, None     # "On April 21, a weekly MetroCard will rise to $33": a change decided
    # what was done is the claim, whatever it says of a forecast inside ("NICE has unveiled guidance
    # on a drug set to benefit 220,000 people"): no forecast branch below applies
    past_deed = not ctx.quoted and not narrated and ctx.interviewee is None and _reports_past_deed(clause)
    counterfactual, habit = _COUNTERFACTUAL_RE.search(clause), _HABITUAL_RE.search(clause)
    if counterfactual:
        return "opinion", None, _cue("what would have been: nothing later coverage can check", counterfactual)
    if habit:
        return "opinion", None, _cue("what usually happens, not a claim about this case", habit)
    hedged = bool(_HEDGE_RE.search(clause))
    scheduled = any(d["precision"] in ("day", "week") and d["end"] >= (ctx.document_date or "") for d in dates)
    if scheduled and _SCHEDULED_RE.search(clause) and not hedged and not _OUTCOME_VERB_RE.search(clause) and \
            not any(_is_claim_quantity(q) for q in quantities) and not singular:
        return "event", None, None                 # "Apple ... at the upcoming Apple Event on September 9"
    framing = _FRAMING_RE.search(clause)
    if framing and not any(_is_claim_quantity(q) for q in quantities):
        return "opinion", None, _cue("the writer's framing", framing)     # "... just around the corner"
    if _REPORTED_STATEMENT.match(clause) and not singular and has_entities:
        return "fact", None, None                  # "He unequivocally stated that ...": the statement is the fact
    if _FORECAST_VERB_RE.search(clause) and concrete and not evaluative and not past_deed:
        return "forecast", None, None
    if _HAS_PLANNED.search(clause) and concrete and not evaluative and not past_deed and \
            not any(d["end"] < (ctx.document_date or "") for d in dates):
        return "forecast", None, None              # "We have planned to carry 65 million passengers": still the plan
    if not past_deed and re.search(r"\b(?:suggests?|suggested|indicates?|indicated|points? to|signals?|signalled|signaled)\b", clause) and \
            any(d["date"] > (ctx.document_date or "") for d in dates) and not evaluative:
        return "forecast", None, None              # "Early indications suggest a substantial crop next year"
    # "our current business operations", the company said: an organisation's "we" states its position
    body = plural and not singular and ctx.quoted and ctx.speaker is not None and \
        ctx.names.person(ctx.speaker) is None and ctx.speaker != ctx.interviewee
    if (singular and not (concrete and _TELLS_VALUE.search(clause))) or (plural and not concrete and not body):
        return "opinion", None, OWN_VIEW
    if not concrete and re.search(r"\b(?:could|may|might)\b", clause) and (evaluative or _VAGUE_RE.search(clause)) \
            and not _STRONG_FORECAST_RE.search(clause):
        # "the impact could extend far beyond its current price tag"
        return "opinion", None, _cue(SPECULATION, _SPECULATION_RE.search(clause))
    if (_STRONG_FORECAST_RE.search(clause) or _EPISTEMIC_SHOULD.search(clause) or likely_outcome) and \
            not demonstrative and not past_deed:
        return "forecast", None, None
    if _EVENT_RE.search(clause) and not evaluative:
        coming = [d for d in dates if d["end"] >= (ctx.document_date or "")]
        if coming and not any(d["precision"] in ("day", "week") for d in coming) and any(
                d["precision"] == "year" or re.match(r"(?i)(?:by|before|until)\b", d["text"])
                for d in coming):
            # "scheduled to be completed by December 2025", "due to open in 2026": a deadline or a
            # year, not a day to check it on: a forecast resolving at its end ("due in January" and
            # "on sale in the first quarter of 2026" stay events)
            return "forecast", None, None
        return "event", None, None
    # (a duration that only describes the deed, "the first 48-hour stoppage", is no value of its own)
    if recent and not evaluative and not _SPECULATION_RE.search(clause) and \
            not any(_is_claim_quantity(q) for q in quantities) and \
            (has_entities or re.match(r"^(?:The|Its|Their)\s+\w+", clause) or
             re.match(r"^An?\s+[a-z]+\s+(?:[a-z]+ed|struck|hit|broke|swept|tore|fell|began|left)\b", clause) or
             re.match(rf"^[A-Z][a-z]+\s+(?:(?:in|on|last)\s+(?:{_MONTH_RE}|{_WEEKDAY_RE}|week|month|year)\s+)?"
                      r"[a-z]{3,}ed\b", clause) or     # "Beijing in August ordered ...": a name doing something
             # "Workers had taken part in a stoppage on October 20": people named by what they are, doing it
             re.match(r"^(?:[A-Z][a-z]+\s+){0,2}[A-Za-z][a-z]+s\s+(?:had|have|were)\s+(?:also\s+)?(?:been\s+)?"
                      r"(?:[a-z]{3,}(?:ed|en|ne|wn|ght)|on|in|at)\b", clause)):
        # a happening on a day is an event; "in September", "since 2022": a reported fact
        # ("last week, the WHO declared ...": a report of the past, not a dated happening to check)
        # ("The shilling hit a new low this week": done within the week, a fact)
        if any(d["precision"] == "day" or d["precision"] == "week" and d["end"] >= (ctx.document_date or "") and
               not (past_deed and d["date"] <= (ctx.document_date or "")) for d in recent) or ctx.document_date is None:
            return "event", None, None
        return "fact", None, None
    summary = narrated and ctx.speaker is not None and ctx.speaker == ctx.interviewee and not concrete
    # the text's own report of a value ("Brent fell a significant 5%"): a loaded word does not make it a view
    reported_value = not ctx.quoted and ctx.interviewee is None and not plural and \
        any(_is_claim_quantity(q) for q in quantities) and not _STRONG_OPINION_RE.search(clause)
    # the writer's own report of a named party with a loaded adverb ("The landscape has changed
    # significantly since then, with new rivals like TikTok"): the report stands
    plain_report = not ctx.quoted and ctx.interviewee is None and ctx.speaker is None and has_entities and \
        bool(cues) and cues <= _MILD_WORDS and not singular and not plural
    if evaluative and not reported_value and not plain_report:
        wording = _OPINION_RE.search(clause)
        return "opinion", None, _cue(EVALUATIVE, wording) if wording else "an exclamation"
    if demonstrative:
        return "opinion", None, "refers back to what was said before: nothing to check on its own"
    if summary:
        return "opinion", None, SUMMARISED_VIEW
    if narrated and ctx.verb in _OPINION_VERBS and not reported_value:
        return "opinion", None, f"reported as a view ('{ctx.verb}')"
    if not ctx.quoted and _DISCOURSE_SUMMARY.match(clause) and not reported_value:
        return "opinion", None, SUMS_UP
    if _DEAL_TERMS_RE.search(clause) and not hedged and any(_is_claim_quantity(q) and q.unit != "second"
                                                             for q in quantities):
        return "quantity", None, None              # "the 25-year-old will get a signing-on bonus of €100m": a term
    if _CAPACITY.search(clause) and any(_is_claim_quantity(q) for q in quantities) and \
            not re.search(r"\b(?:will|would|shall|once)\b", clause, re.IGNORECASE) and \
            not any(d["end"] > (ctx.document_date or "9999") for d in dates):
        return "quantity", None, None              # "72,000 can fit into the Sambodromo": what it holds now
    if _SPECULATION_RE.search(clause) and not past_deed:
        if concrete or _EVENT_NOUNS.search(clause) or _RANKED_FACT.search(clause):
            return "forecast", None, None
        reported_would = (ctx.verb in ("said", "told", "announced", "confirmed", "added", "says") or
                          bool(_SAID_WOULD.search(clause))) and \
            bool(re.search(r"\bwould\s+(?:not\s+)?(?!have\b)[a-z]", clause))     # "Arm said it would not list ..."
        # (or a definite thing of the text's: "The existing casualty section will be refurbished ...")
        definite_thing = bool(re.match(r"^(?:The|Its|Their|All|Several|Both)\s+(?!(?:world|future|situation|"
                                       r"impact|outlook|market|economy|mood|outcome)\b)[a-z]", clause)) and \
            not re.search(r"\b(?:will|would|won’t|won't)\s+(?:not\s+)?(?:also\s+)?(?:depend|vary|look|seem|feel|help|allow|"
                          r"ensure|add|weigh|compound|make|do|keep|be used|be caused|be hampered|remain hampered)\b",
                          clause)    # ("The degree of heat will depend on ...", "will add more strain"): no outcome
        if not ctx.quoted and ctx.interviewee is None and (has_entities or definite_thing) and \
                not plural and (_PLAIN_FUTURE_RE.search(clause) or reported_would) and not _HEDGE_RE.search(clause):
            # the text's own "Nippon Steel will keep the headquarters in Pittsburgh", or what it
            # reports someone has pledged ("Biden has said he will not invoke the Taft-Hartley Act")
            return "forecast", None, None
        return "opinion", None, _cue(SPECULATION, _SPECULATION_RE.search(clause))
    if _DEAL_FATE.search(clause) and has_entities:
        return "fact", None, None                  # "Intel dropped its $5.4 billion attempt to acquire Tower"
    if _BULLET_FORECAST.match(clause) and not ctx.quoted:
        return "forecast", None, None              # "Expects inflation in a 2% to 3% range by late this year"
    headline = _HEADLINE_TO.match(clause)
    if headline and not _FINITE_VERB.search(headline.group("subject")) and quantities:
        return "forecast", None, None              # "World oil output to rise 2.7 million bpd in 2025"
    if _LEGAL_OUTCOME.search(clause) and has_entities and not _SPECULATION_RE.search(clause) and \
            not any(d["precision"] == "day" for d in recent):
        return "fact", None, None                  # "Holmes was found guilty on four of 11 counts": a verdict
    if (_DATED_DEED.search(clause) or _LEGAL_OUTCOME.search(clause)) and has_entities and not evaluative and \
            any(d["precision"] == "day" for d in recent) and not _SPECULATION_RE.search(clause):
        return "event", None, None                 # "Air India on Tuesday signed purchase agreements worth $70 billion"
    expected_subject = re.search(r"\b(?:expectations?|median|consensus|forecasts?|projections?|estimates?)\b",
                                 _subject(clause) or "", re.IGNORECASE)
    if any(_is_claim_quantity(q) for q in quantities) and (
            _OUTLOOK_NOUN.search(clause) and (not past_deed or _REVISED_OUTLOOK.search(clause)) and
            not _TARGET_MET.search(clause) or
            _AIMS_TO.search(clause) or expected_subject) and any(d["end"] > (ctx.document_date or "9999") for d in dates):
        # "raised its full-year sales target to 400,000 units"; "Qatar aimed to lift production by 64% by
        # 2027"; "The expectation for the Selic rate at the end of 2023 was maintained at 11.75%"
        return "forecast", None, None
    if any(_is_claim_quantity(q) for q in quantities):
        changed = re.search(r"\b(?:risen|fallen|rose|fell|dropped|slipped|climbed|gained|lost)\b[^.;]*\bfrom\b",
                            clause)   # "support has fallen from 32% to 29%": a measured change, not a projection
        electoral = re.search(r"\b(?:votes?|voters|voting|elections?|ballot|referendum|candidates?|part(?:y|ies)|seats|"
                              r"lead|approval)\b", ctx.paragraph, re.IGNORECASE)
        # (an official survey's figure, "the unemployment rate, based on a survey, rose to 6.8%", is measured)
        poll = _POLL_RE.search(clause)
        if poll and not changed and (electoral or not re.match(r"(?i)polls?|polling|opinion poll|survey", poll.group())) \
                and not past_deed and \
                not re.search(r"\bmargin of error\b", clause) and \
                not (dates and all(d["end"] < (ctx.document_date or "") for d in dates)):
            return "forecast", None, None          # "YouGov, in its eve-of-election poll, had Labour on 39 per cent"
        if not past_deed and not changed and clause_tense(clause) != "past" and any(
                d["date"] > (ctx.document_date or "9999") and _AHEAD_PERIOD.match(d["text"]) for d in dates):
            return "forecast", None, None          # "Next week's deliveries include 1,019,070 doses": a period ahead
        return "quantity", None, None
    definite = bool(re.match(r"^(?:The|Its|Their)\s+\w+", clause)) and bool(quantities or dates) or \
        bool(_EVIDENCE_SHOWS.match(clause))      # "Statistics show there's been a slight rise in ..."
    if has_entities or definite or (narrated and ctx.speaker is not None) or body or _RANKED_FACT.search(clause) or \
            re.match(r"^(?:The|Both|All)\s+(?:two\s+)?(?:leaders|presidents|sides|parties)\b", clause):
        return "fact", None, None
    plain = not evaluative and not _SPECULATION_RE.search(clause) and not _PRONOUN_START.match(clause)
    if _MEASURED_MOVE.search(clause) and plain:
        return "fact", None, None                  # "Month to month, transport costs fell": a measured move
    if past_deed and plain and (_COUNTED.search(clause) or recent):
        # "Two countdowns were scrubbed": a deed counted; "Building work at the school was completed in
        # May": a deed dated; either is there to check
        return "fact", None, None
    # ("However, the proposal was not passed by the committee"): listed inactive, so that the
    # kind reader, reading it as a deed later coverage could check, tracks it
    return "opinion", None, "names, counts and dates nothing to check"


# a period the text itself points ahead to ("next week", "by the end of 2024", "for 2018"), as a
# bare month or "through 2026" does not: a value for it is a forecast or a plan, not a measurement
_AHEAD_PERIOD = re.compile(r"(?i)(?:next|by the end of|(?:for|in) (?:19|20)\d{2}$|end[\s-]year)\b")


def _cue(reason: str, match: re.Match[str] | None) -> str:
    """A reason for the reviewer, with the words that gave it away: "the writer's framing ('just
    around the corner')"."""
    return f"{reason} ('{match.group().strip()}')" if match else reason


def _is_claim_quantity(quantity: Quantity) -> bool:
    """A value worth checking: not a small count in words ("the two leaders")."""
    if quantity.unit == "second" and re.fullmatch(r"[\w.]+-(?:second|minute|hour|day|week|month|year)", quantity.text):
        return False                 # "a 3-year low", "a five-year contract": a description, not a value
    # ("seven times smaller", "grew three times": a multiple, however it is written, is a value)
    return not (quantity.unit == "count" and quantity.value <= 10 and not re.search(r"\d", quantity.text)
                and quantity.counted != "times")


def _years_before(document_date: str | None, years: int) -> str:
    base = date.fromisoformat(document_date) if document_date else date.today()
    return (base - timedelta(days=365 * years)).isoformat()


def _resolves_by(kind: str, dates: list[dict[str, Any]], document_date: str | None,
                 statement: str = "") -> tuple[str | None, str | None]:
    """(event_date, resolves_by) of a claim from the first date it names.

    An event or forecast resolves at the end of its own horizon: the day ("on September 12"),
    the end of the month ("in December"), of the quarter, of the year ("this year", "by 2026"),
    Sunday for "this week", a week after the day "next week" points to; "until (at least) X"
    resolves on the eve of X (on the day itself when X is a day or a week); "September 19 or
    September 20" at the later one. A date before the document's date is a report of the past: no
    ``resolves_by``."""
    if not dates:
        return None, None
    first = dates[0]
    if len(dates) > 1 and dates[1]["precision"] == first["precision"] and (
            f"{first['text']} or {dates[1]['text']}" in statement or dates[1]["text"].lower().startswith("or ") or
            _alternative_dates(statement, first["text"], dates[1]["text"])):
        first = dates[1]                 # "September 19 or September 20", "by late this year or 2024": the later
    deadline = next((d for d in dates if re.match(r"(?:by|before)\s", d["text"], re.IGNORECASE)), None)
    if kind == "forecast" and deadline is not None and first is dates[0] and first is not deadline and \
            not re.match(r"(?:by|before|until|in|on|during|from|this|next)\s", first["text"], re.IGNORECASE):
        first = deadline          # "Under its 2021-2031 plan, council will ... by 2026-27": the deadline
    event_date = dates[0]["date"]
    if kind == "event":
        days = [d for d in dates if d["precision"] == "day"]
        # ("announced today a hiatus of air service effective Sept. 5": the day of the hiatus)
        day = next((d for d in days if not _said_that_day(d["text"], statement)), days[0] if days else None)
        if day is not None:
            first = day
            event_date = day["date"]
    if kind not in ("event", "forecast"):
        # ("fares were yesterday announced to be increasing ... from April next year": the time ahead)
        first = next((d for d in [first] + dates if _about_ahead(d, document_date, statement)), None)
        if first is None:
            return event_date, None
    if kind == "forecast" and _said_that_day(first["text"], statement):
        # "announced on Friday that it expects ...": the day it was said bounds nothing
        bounding = [d for d in dates if not _said_that_day(d["text"], statement)]
        if not bounding:
            return event_date, None
        first = bounding[0]
    ahead = [d for d in dates if document_date and d["end"] > document_date]
    if kind == "forecast" and ahead and document_date and first["end"] <= document_date:
        first = ahead[0]      # "legislation agreed in 2020 ... set to hit €100 per tonne in 2030"
    if document_date and first["end"] < document_date:
        return event_date, None                       # already happened when the document was written
    eve = (date.fromisoformat(first["date"]) - timedelta(days=1)).isoformat()
    if re.match(r"before\s+(?!the\s+end\b)", first["text"], re.IGNORECASE) and first["precision"] not in ("day", "week") \
            and not re.search(rf"\b(?:on|in)\s+or\s+{re.escape(first['text'])}", statement, re.IGNORECASE):
        # "completed before December 2026", "not online before 2016" (but "on or before October 2021" takes October in)
        return event_date, eve
    if first.get("until"):
        if first["precision"] in ("day", "week"):
            return event_date, first["date"]              # "until the election on July 21": that day
        return event_date, eve          # "until at least 2025": it holds to the eve of that period
    if first["precision"] == "week" and re.search(r"\bweek\b", first["text"]) and \
            not first["text"].lower().startswith("this"):
        return event_date, first["end"]                # "next week": to the Sunday that ends it
    return event_date, first["end"]


def _horizons_ahead(claim: Any, document_date: str | None) -> list[dict[str, Any]]:
    """The horizons a unit or claim names itself (``_horizons`` of its dates) that end on or after
    the document's date."""
    return [d for d in _horizons(claim.slots.get("dates", []), claim.statement) if d["end"] >= (document_date or "")]


def _about_ahead(horizon: dict[str, Any], document_date: str | None, statement: str) -> bool:
    """Whether a fact or figure is told of a time ahead ("a pot of £11.7 million in the 2013/14
    financial year", written in 2013; "the second permit will cost £160 from April"), so that it
    can be checked by the end of it as a forecast can: a period that starts after the document's
    date, or any the future tense points to."""
    if not document_date or horizon["end"] <= document_date or _said_that_day(horizon["text"], statement):
        return False
    return horizon["date"] > document_date or clause_tense(statement) == "future"


def dates_for_kind(kind: str, dates: list[dict[str, Any]], document_date: str | None,
                   statement: str) -> tuple[str | None, str | None]:
    """(event_date, resolves_by) of a claim of ``kind`` from the dates found in its statement."""
    return _resolves_by(kind, _horizons(dates, statement), document_date, statement)


# a change of date, to the word "from" before the day it is moved from
_MOVED_FROM = rf"(?i:\b(?:{MOVE_VERBS}|extended|changed)\b[^.;]{{0,80}}?\bfrom(?:\s+the)?)"

_TRAILING_CONDITION = re.compile(r",\s+(?:if|unless|provided(?:\s+that)?|providing|as\s+long\s+as|so\s+long\s+as)\s",
                                 re.IGNORECASE)


# "won the Solheim Cup for the first time since 2017", "their first title since Sydney in 2020", "the
# slowest since 2016": the time a first or a record is measured from, not when anything happens
_RECORD_SINCE = re.compile(r"\b(?:first|highest|lowest|biggest|largest|smallest|best|worst|fastest|slowest|strongest|"
                           r"weakest|sharpest|steepest|most|least)\b[^,;.]{0,60}\bsince\b[^,;]{0,60}$", re.IGNORECASE)


def _record_since(item: dict[str, Any], statement: str) -> bool:
    """Whether the date ``item`` of ``statement`` is what a first or a record is measured from."""
    at = statement.find(item["text"])
    lead = "since " if item["text"].lower().startswith("since") else ""       # (the date's own "since 2017")
    return at > 0 and bool(_RECORD_SINCE.search(statement[:at] + lead))


def _horizons(dates: list[dict[str, Any]], statement: str) -> list[dict[str, Any]]:
    """The dates that can bound a claim: "this year's Super Bowl is forecast to be ..." and "the
    October outlook also sees ..." name an occasion by its year or month, which is no horizon; nor
    is the start of a change ("expand by 13.8% from 2024 to 1.1 million ... next year") when the
    claim names another date, nor the time a record is measured from ("for the first time since 2017")."""
    dates = [d for d in dates if not _record_since(d, statement)]
    if len(dates) > 1:
        # "The Department of Education earlier this year predicted that by 2031 ...": when it was
        # said, gone by, bounds nothing when the claim names another date
        # (not a day: "won bronze with a 6-1 victory earlier on Sunday" happened that day)
        said = [d for d in dates if d["precision"] != "day" and
                re.search(rf"\b(?:earlier|previously)\s+(?:in\s+)?{re.escape(d['text'])}", statement, re.IGNORECASE)]
        if len(said) < len(dates):
            dates = [d for d in dates if d not in said]
        # "will cost €324.4 million over a three-year period (2017-2019)": the years it names, not the
        # stretch counted from the document's day
        stretches = [d for d in dates if d.get("stretch")]
        if len(stretches) < len(dates):
            dates = [d for d in dates if d not in stretches]
    if len(dates) > 1:
        starts = [d for d in dates if re.match(r"(?i)from\s", d["text"]) and not re.search(r"\s(?:to|until|till)\s", d["text"])
                  # "increase from €55 million in 2018 to €75 million in 2019": the year of the value it starts from
                  or d["precision"] in ("year", "half", "quarter", "month") and
                  re.search(rf"\bfrom\s+[^,;]{{1,40}}?\s+{re.escape(d['text'])}\s+to\s", statement)
                  # "pushed back the completion from June 30, 2025 to September 30, 2025": the day it moved from
                  or re.search(rf"{_MOVED_FROM}\s+{re.escape(d['text'])}\s+(?:to|until)\s", statement)]
        # (when another date bounds the claim: not the day it was said, "yesterday announced ... from April")
        if any(d not in starts and not _said_that_day(d["text"], statement) for d in dates):
            dates = [d for d in dates if d not in starts]
    condition = _TRAILING_CONDITION.search(statement)
    if len(dates) > 1 and condition:
        # "scheduled to open in September, 2010, if councillors pass the proposal on Wednesday": the
        # day of the condition bounds nothing
        unconditional = [d for d in dates if statement.find(d["text"]) < condition.start()]
        dates = unconditional or dates
    if len(dates) > 1:
        # "to present a 2023 budget ... on Friday, October 7, 2022": a year naming the thing, when
        # the claim has a date of its own
        named = [d for d in dates if _attributive_year(d["text"], statement)]
        if len(named) < len(dates) and any(d["precision"] == "day" and _CALENDAR_DAY.search(d["text"]) for d in dates):
            dates = [d for d in dates if d not in named]
    return [d for d in dates if not (d["precision"] in ("year", "month") and (
        _possessive_date(d["text"], statement) or _attributive_month(d["text"], statement)))
        and not re.search(rf",[^,]{{2,60}}\b(?:{_SAY_VERBS}|announced|reported)\s+(?:on\s+)?{re.escape(d['text'])}\W*$",
                          statement)]     # "..., the company announced today": when it was said


def date_by_named_occasion(claims: list[Any], document_date: str | None) -> None:
    """A forecast left without a horizon, after every sharing, that names its occasion by a time
    ahead ("The first prize at next year's tournament will be £250,000", "This fall's apple crop is
    forecast at ...") resolves by the end of that time: the occasion takes place within it."""
    for claim in claims:
        if not getattr(claim, "active", True) or claim.kind != "forecast" or claim.resolves_by is not None:
            continue
        # ("next year's", "this fall's", "the 2027 season's": not "December's reduction", which may be gone)
        named = [d for d in claim.slots.get("dates", []) if d["end"] > (document_date or "") and
                 re.search(r"(?i)\b(?:next|this|coming|upcoming)\b|\d{4}", d["text"]) and
                 _possessive_date(d["text"], claim.statement)]
        if named:
            claim.resolves_by = named[0]["end"]
            claim.slots["horizon_from"] = f"the occasion it names: {named[0]['text']}"


def _possessive_date(text: str, statement: str) -> bool:
    """"this year's Super Bowl", "next year's tournament": a date naming an occasion it owns."""
    return bool(re.search(re.escape(text) + r"(?:’s|'s)\b", statement))


def _attributive_year(text: str, statement: str) -> bool:
    """"a 2023 budget", "its 2026 outlook": a bare year between a determiner and a noun."""
    return bool(re.fullmatch(r"(?:19|20)\d{2}", text)) and bool(
        re.search(rf"\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur)\s+{text}\s+(?!and\b|or\b|to\b|through\b)"
                  r"(?:[a-z]+\s+){0,2}?(?P<noun>[a-z]{3,})\b", statement)) and not _OUTLOOK_NOUN.search(
            re.search(rf"{text}\s+(?:\S+\s+){{0,2}}", statement).group())     # (its 2024 growth forecast: the horizon)


def _attributive_month(text: str, statement: str) -> bool:
    """"The October STEO", "the June vote": a month before a noun, naming the thing."""
    month = re.sub(r"^(?:in|at|by|from|of|during)\s+", "", text, flags=re.IGNORECASE)
    month = re.sub(r"^(?:[Tt]he|[Ii]ts|[Tt]heir)\s+", "", month)
    return bool(re.fullmatch(rf"{_MONTH_RE}", month)) and bool(
        # (not "a cut at the July meeting": the month it happens in)
        re.search(rf"(?<!\bat )\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+{re.escape(month)}\s+(?!of\b|\d)[A-Za-z]", statement))


_PEOPLE_BY_ROLE = re.compile(rf"(?:\w+\s+)?(?:{_PEOPLE_GROUPS}|authorities|critics|regulators|ministers|leaders|workers|"
                             r"unions|forecasters)", re.IGNORECASE)


def _said_it(reporter: str, ctx: _Context) -> str | None:
    """The name of ``reporter`` as the sentence has it saying "it ..." (its whole name where the
    names list kept a part: "Sony Interactive Entertainment" for "Interactive Entertainment"), or
    None when it does not."""
    acronyms = [a for a, full in ctx.names.acronyms.items() if full == reporter]
    who = "|".join([rf"(?P<name>(?:[A-Z][\w&.’']*\s+){{0,3}}{re.escape(reporter)})", *map(re.escape, acronyms),
                    rf"[Tt]he\s+(?:[a-z\-]+\s+)?{_BODY_NOUN}"])
    said = re.search(rf"\b(?:{who})\)?(?:’s|'s)?\s+(?:\w+\s+){{0,3}}?(?:said|says|added|announced|reported|"
                     r"stated|noted)(?:\s+(?:on\s+)?\w+day)?\s+(?:that\s+)?it\b", ctx.quote)
    if not said:
        return None
    name = said.group("name") or reporter
    return reporter if name.split()[0] in _SENTENCE_STARTERS or name.split()[0] in _DETERMINERS else name


# a sentence that only says who spoke, the words they said standing before it
_ATTRIBUTION_ONLY = re.compile(r"[A-Z][^.,;:\d]{2,90}?\s+(?:said|says|added|adds|noted|stated|explained|wrote|"
                               r"told\s+(?:reporters|journalists|the\s+\w+)|"
                               r"had\s+(?:this|these|the\s+following)\s+(?:comments?|to\s+say))\.")


# the line that says who wrote the piece, or who helped ("By Elliot Spagat Elliot Spagat is an Associated Press
# writer.")
_WRITER_NOTE = re.compile(r"(?:By\s+(?:[A-Z][\w.’'\-]*\s+){1,4})?(?:[A-Z][\w.’'\-]*\s+){1,4}is\s+an?\s+"
                          r"(?:[\w.’'\-]+\s+){0,4}?(?:staff\s+)?(?:writer|reporter|correspondent|editor|columnist|"
                          r"contributor|journalist)(?:\s+(?:for|at|with|of)\s+[^.]{2,60})?\.|"
                          # "The Associated Press wire services contributed to this report."
                          r"[A-Z][\w.’'\-]*(?:\s+[\w.’'\-&]+){0,8}?\s+contributed\s+(?:reporting\s+)?to\s+this\s+"
                          r"(?:report|story|article)\.|"
                          # "By Brittany Wallman Staff writer.", "This report by The Canadian Press was first
                          # published July 16, 2021.", "River Island has been contacted for comment."
                          r"By\s+(?:[A-Z][\w.’'\-]*\s+){1,4}(?:Staff|Senior|Chief)\s+(?:writer|reporter|correspondent)\.|"
                          r"This\s+(?:report|story|article)\s+by\s+[^.]{2,60}?\s+was\s+first\s+published\s+[^.]{3,40}\.|"
                          r"[A-Z][\w.’'\-&]*(?:\s+[\w.’'\-&]+){0,5}?\s+(?:has|have)\s+been\s+(?:contacted|approached)\s+"
                          r"for\s+(?:a\s+)?comments?\.")


# a byline with its date: "December 23rd, 2019 by Joshua S Hill.", "Posted on May 3, 2019 by Paul Thurrott in
# Android, Mobile with 5 Comments", "Maeve Bannister / Politics / Updated 07.03.2022."
_BYLINE = re.compile(r"(?:(?:Published|Posted|Updated)(?:\s+on)?\s+)?[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4},?\s+"
                     r"by\s+(?:[A-Z][\w.’'\-]*\s*){1,4}(?:\s*in\s+[\w,&’' ]{2,60}?)?(?:\s*with\s+(?:\d+|no)\s+Comments?)?\.?|"
                     r"[A-Z][\w.’'\- ]{2,40}(?:\s*/\s*[\w’'\- ]{2,30}){0,2}\s*/\s*(?:Updated|Published|Posted)\s+[\d./:\- ]{6,20}\.?")


def _make_unit(clause: str, ctx: _Context, *, anchor: str | None = None,
               drop: list[Quantity] | None = None, presupposed: bool = False) -> Unit | None:
    # "Biden has said he will not ...": in reported speech "he" is the one who said it
    reporter = ctx.speaker if not ctx.quoted and ctx.verb and ctx.speaker else None
    organisation = reporter in ctx.names.acronyms.values()       # ("Taiwan Semiconductor Manufacturing Co")
    person = reporter if reporter and not organisation and ctx.names.people_in(reporter) else None
    candidate = person or ctx.antecedent
    if ctx.quoted and candidate == ctx.speaker:
        candidate = None        # in a quotation the speaker is "I": its "he" is someone else
    statement = _resolve_pronoun(_clean(clause), candidate)
    claimed = re.sub(rf"^(?:{_SAY_VERBS})\s+that\s+(?=\S)", "", statement, flags=re.IGNORECASE) if reporter else statement
    if claimed != statement:
        # "Aviva said it was concerned, and claimed that VHI was ...": what the reporter claimed
        statement = claimed[:1].upper() + claimed[1:]
    if ctx.parties and not ctx.quoted and re.match(r"^(?:They|Their)\s+[A-Za-z$€£\d]", statement):
        # "They had maintained ..." after "Broadcom and VMware said ...": the parties by name
        word = statement.split()[0]
        statement = (ctx.parties if word == "They" else ctx.parties + "’s") + statement[len(word):]
    said_it = _said_it(reporter, ctx) if reporter and re.match(r"^It\s+[a-z]", statement) and \
        not _EXPLETIVE_IT.match(statement) and not _PEOPLE_BY_ROLE.fullmatch(reporter) else None
    if said_it:
        # "Qantas said it expects ...", "HAL says it can ...", "The club said it now expects ...": the
        # reporter (an "it" that speaks is no person, whatever the name list makes of "Stats SA")
        statement = said_it + statement[2:]
    elif reporter and not person and re.match(r"^It\s+(?:will|would|has|had|plans|planned|intends|expects|expected|aims|"
                                              r"aimed|is|was)\b", statement) and \
            re.match(r"[A-Z]", reporter) and not re.search(r"s$", reporter) and not _EXPLETIVE_IT.match(statement):
        statement = reporter + statement[2:]        # "Google said it would appeal": Google would appeal
    elif reporter and re.match(r"^Its\s+[\w$€£]", statement) and (
            re.search(r"\s[A-Z][\w’'\-]*$|^[A-Z][\w’'\-]*[^s\W]$", reporter) or reporter in ctx.names.entities(reporter)):
        statement = reporter + "’s" + statement[3:]   # "The carrier said its revenue rose": the carrier's revenue
    if ctx.thing and re.match(r"^(?:It|Its)\b", statement) and re.match(r"^\W*(?:It|Its)\b", ctx.quote) \
            and not _EXPLETIVE_IT.match(statement) and not _IMPERSONAL_IT.match(statement):
        # ("It follows a series of problems": what happened, not the company, follows them)
        # "Nippon Steel offered $55 a share. It will keep ..." -> "Nippon Steel will keep ..."
        first = statement.split()[0]
        rest = statement[len(first):]
        if re.fullmatch(r"It[’']s", first):
            # "It's also historic" -> "... is also historic"; "It's also signaled" -> "... has also signaled"
            # ("It's estimated at 9.4 million tons", "It's expected to": a passive, "is")
            perfect = re.match(r"\s+(?:\w+\s+)?(?:been|\w+ed|\w+en)\b(?!\s+(?:at|to|by|for|as)\b)", rest)
            rest = (" has" if perfect else " is") + rest
        statement = (ctx.thing + "’s" if first == "Its" else ctx.thing) + rest
    statement = _sentence_antecedent(statement, ctx)
    if statement.rstrip("”\"’' ").endswith("?"):
        return None                               # "Can we do it in one year?": a question claims nothing
    # ("Exports rose 5%.": three words are enough for a change with its value)
    short = len(statement.split()) < 4 and not _SHORT_CHANGE.fullmatch(statement) or \
        bool(_BARE_PROGRESSIVE.fullmatch(statement)) and not re.search(r"\d", statement)
    if short or not re.match(r"^[\W\d]*[A-Za-z0-9$€£]", statement) or statement[0] in "’'":
        # "On a number.", "'Peace with Nature'.", "’s earnings ...": fragments, not claims
        return None
    if _ATTRIBUTION_ONLY.fullmatch(statement) or _WRITER_NOTE.fullmatch(statement) or _BYLINE.fullmatch(statement):
        return None                 # "DET Director General Helal Saeed Al Marri said." after a quote
    quantities = [q for q in parse_quantities(statement)
                  if not any(q.text == d.text for d in drop or []) and not _is_name_number(statement, q)]
    entities = [e for e in ctx.names.entities(statement)]
    embedded = _EMBEDDED_QUESTION.search(statement)
    head = statement[:embedded.start()] if embedded else statement     # "did not say on Monday how ... might"
    head = without_future_relatives(head)
    tense = clause_tense(head)
    if _SPECULATION_RE.search(head) or _EVENT_RE.search(head) and \
            not re.search(r"\b(?:took place|was held|were held|there was)\b", head):
        tense = "future"
    dates = find_dates(statement, ctx.document_date, future={"future": True, "past": False}.get(tense), years=ctx.years)
    if tense == "present" and _TIMETABLE_RE.search(head) and any(d["precision"] == "day" for d in dates):
        dates = find_dates(statement, ctx.document_date, future=True, years=ctx.years)
    if tense != "past":
        dates = in_occasion_year(dates, statement, ctx.occasion_year)
    kind, probability, why_inactive = _classify(statement, quantities, dates, ctx, bool(entities), presupposed)
    if kind is None:
        return None
    slots: dict[str, Any] = {}
    if kind == "opinion":
        slots["inactive_because"] = why_inactive
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
            prob_q = next((q for q in quantities if q.unit == "percent"), None)
            if not _OUTCOME_RE.search(statement) and prob_q is not None:    # (betting odds are no percentage)
                statement = f"The probability of {outcome} is {prob_q.text}."
    event_date, resolves_by = dates_for_kind(kind, dates, ctx.document_date, statement)
    if ctx.said_on and kind != "event" and not any(d["precision"] == "day" for d in dates):
        event_date = ctx.said_on          # "Orbix announced on Wednesday that it plans ...": when it was said
    if kind == "forecast" and ctx.resolves_at:
        resolves_by = ctx.resolves_at
    return Unit(anchor=anchor or clause, quote=ctx.quote, statement=statement, kind=kind, speaker=ctx.speaker,
                subject=_resolve_pronoun(_subject(statement) or "", ctx.antecedent) or None,
                entities=entities, quantities=[q for q in quantities if not _names_the_period(statement, q)],
                probability=probability, event_date=event_date, resolves_by=resolves_by, slots=slots,
                slug_text=statement)


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


_NAMED_SAID = re.compile(rf",\s+and\s+(?={_NAME}\s+(?:{_SAY_VERBS})\b)")


def _plural_noun_phrase(np: str) -> bool:
    """Whether a noun phrase takes "are": its last word a plural ("100 jobs"), or a share of many
    ("around half of those receiving care")."""
    last = np.split()[-1] if np.split() else ""
    return last.endswith("s") and not last.endswith(("ss", "us", "is")) or \
        bool(re.search(r"\b(?:half|many|most|some|all|both|several|a number)\s+of\s+(?:those|them|these|the\s+\w+s)\b", np))


_WITH_PREDICTING = re.compile(
    r",\s+with\s+(?P<who>(?:[\w’'\-]+\s+){0,4}?)(?P<verb>predicting|expecting|anticipating|forecasting|estimating|projecting|saying|"
    r"expected to|likely to|set to|poised to)\s+(?:that\s+)?", re.IGNORECASE)
# "Jacobabad recorded 52 degrees, the Met Office said, adding that the conditions would prevail ...":
# what the speaker added is a claim of its own
# (not "noting that ...": what is noted is mostly the background to the claim)
_ADDING_THAT = re.compile(r",?\s+(?:adding|and\s+added)\s+that\s+(?=\S)")
_DASH_CLAUSE = re.compile(r"\s+[—–]\s+(?=but\s+[a-z]+\s)|"
                          r"\s+[—–]\s+(?:and\s+)?(?=(?:it|he|she|they|this|that|there|the\s+\w+)\s+(?:\w+\s+)?"
                          r"(?:will|would|is|are|was|were|has|have|had|could|may|might|can)\b)|"
                          r"\s+[—–]\s+(?=(?:before|after|since)\s+[^,]{3,40},\s+)|"   # "– before his bill, the last ..."
                          r",\s+and\s+(?=if\s)", re.IGNORECASE)      # "X is projected to ..., and if it eases, ..."
_DASH_ASIDE = re.compile(r"\s+[—–]\s+(?:where|which|who|a|an|the|including)\b[^—–]{3,80}?\s+[—–]\s+", re.IGNORECASE)
# what follows a comma inside a list of names ("Primark, JD Sports and Select")
_LIST_GOES_ON = r"\s+(?:[A-Z][\w&’'\-]*\s+){0,2}[A-Z][\w&’'\-]*(?:,|\s+(?:and|or)\s+[A-Z])"
_RELATIVE = re.compile(r"(?P<np>\b[A-Z][\w+&.’'\-]*(?:\s+[A-Z][\w+&.’'\-]*){0,3}|\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+"
                       r"(?:[\w’'\-]+\s+){0,3}[\w’'\-]+|\b[A-Z]\w*\s+[a-z][\w’'\-]+|\b[a-z][\w’'\-]+),"
                       r"\s+which\s+"
                       r"(?P<rel>(?:includes?|included|comprises?|"
                       r"contains?)\b.+?(?=[.;]?$)|(?:[^,]|,(?=\d{3})|"
                       # (a list of names goes on past its commas: "which houses brands including Primark, JD
                       # Sports and Select, for £14.8m")
                       rf",(?={_LIST_GOES_ON}))+?)(?:,(?!{_LIST_GOES_ON})\s+|(?=[.;]?$))")
# "The FTSE 100 lender", "Balfour Beatty": a noun a relative clause may tell something of (not "abroad")
_NAMED_NOUN = re.compile(r"(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s|[A-Z][\w&.’'\-]*(?:\s+[A-Z][\w&.’'\-]*)+$")
# "a Berwick Hills branch, in Middlesbrough, which ...": the noun a place set off by commas belongs to
_PLACED_NOUN = re.compile(r"(?P<np>\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?:[\w’'\-]+\s+){0,3}[\w’'\-]+),\s+"
                          r"(?:in|at|near)\s+$")
_TIME_ADVERB = re.compile(r"earlier|later|ago|before|since|again|yesterday|today|tomorrow|\w+ly", re.IGNORECASE)
_TIME_NOUN = re.compile(rf"(?:(?:this|next|last|that)\s+)?{_TIME_WORDS}", re.IGNORECASE)
_FUTURE_RELATIVE = re.compile(r"(?P<np>\b(?:the|its|their)\s+(?:[\w’'\-]+\s+){0,2}?[\w’'\-]+)\s+(?:which|that)\s+"
                              r"(?P<rel>(?:will|would|is expected to|is set to)\s+(?:[^,;]|,(?=\d{3}))+?)(?=[,;]|\.?$)")
_DAYS_EVENT = re.compile(rf"\b(?:ahead of|before|after|at|for|in)\s+(?P<day>{'|'.join(_WEEKDAYS)})(?:’s|'s)\s+"
                         r"(?P<np>(?:[\w’'\-]+\s+){0,5}?(?:vote|election|meeting|referendum|summit|debate|final|"
                         r"match|launch|hearing|decision|announcement|ballot))\b")
_DATED_EVENT = re.compile(rf"\b(?:ahead of|before|after|for|in|at)\s+the\s+(?P<day>{_MONTH_RE}\s+\d{{1,2}}|\d{{1,2}}\s+"
                          rf"{_MONTH_RE})\s+(?P<np>(?:[\w’'\-]+\s+){{0,3}}?(?:vote|election|meeting|referendum|summit|"
                          r"debate|final|match|launch|hearing|ballot|deadline))\b")
_AND_SUBJECTLESS = re.compile(r",?\s+and\s+(?=(?:also\s+|then\s+)?(?:(?:was|were|is|are|has|had|will|would|does|did)\s+"
                              r"(?:also\s+)?\w+|(?:agreed|pleaded|decided|declined|refused|promised|pledged|vowed|"
                              r"announced|signed|approved|rejected|filed|launched|won|lost|needs|plans|faces|expects|hopes|aims|wants|"
                              r"employs|operates|controls|owns)\s+\w+))")
_HAVING = re.compile(r",\s+(?=having\s+)")
_AND_ON_DATE = re.compile(r"\s+and\s+(?=(?:on|in|by|last|this)\s+[A-Z]?\w+\s+(?:was|were|is|are|had|has)\b)")
_AND_ANOTHER = re.compile(r"\s+and\s+(?=another\s+)")
# "4.8 million had voted early and a further 2.1 million had applied for a postal vote": a second
# clause with its own subject (a few words, then an auxiliary). Split only where the first part
# has a verb of its own, so that "Ellison and Wang have been indicted" stays whole.
_PAST_CHANGE = "rose|fell|grew|climbed|dropped|increased|decreased|declined|jumped|gained|slipped"
# a subject and a verb in -ing, nothing more ("The MGM is calculating."): nothing to check
_BARE_PROGRESSIVE = re.compile(r"(?:The\s+)?[A-Z][\w’'\-]*(?:\s+[\w’'\-]+){0,3}\s+(?:is|are|was|were)\s+(?:still\s+)?"
                               r"[a-z]+ing\.")
# a change or a deal with its value in three words ("Exports rose 5%.", "Shell owns 79%."): short, yet a claim
_SHORT_CHANGE = re.compile(rf"[A-Z][\w’'\-]+\s+(?:{_PAST_CHANGE}|eased|surged|slumped|plunged|soared|"
                           r"owns|owned|holds|held|took|won|sold|paid|earned|raised|lost)\s+"
                           r"(?:[$€£]\d[\d.,]*(?:\s*(?:million|billion|bn|m))?|\d[\d.,]*\s*(?:%|percent))\.")
# verbs whose past is their present ("Hasbro cut its forecast"): a subject may seem to hold them
_SAME_FORM_PAST = "cut|set|put|let|shut|spread|cost|beat|bid|quit"
_AND_OWN_SUBJECT = re.compile(
    r",?\s+and\s+(?!(?:on|in|at|by|for|from|to|with|last|this|then|also|later|there|it|will|would|could|can|may|"
    r"might|must|should|shall|has|have|had|is|are|was|were|does|did|do)\b"
    r"|[a-z]+ed\s+(?:the|a|an|its|their|his|her)\b)"   # ("and exceeded the state's forecast": the subject's verb)
    r"(?=(?:a|an|the|another|a further|some|about|around|nearly|almost|over|more than)?\s*"
    r"[\w$€£.,%’'\-]+(?:\s+[\w$€£.,%’'\-]+){0,3}?\s+(?:had|has|have|was|were|is|are|will|would|"
    r"forecast|forecasts|predict|predicts|predicted|expect|expects|expected|estimate|estimates|see|sees|"
    rf"{_PAST_CHANGE})\s+\w+|"
    # ("..., and rule-breakers could be hit with a £1,000 fine": a modal after a short subject of plain
    # words, not "... and revaluate it, or they could")
    r"(?:a|an|the|some)?\s*[\w$€£%’'\-]+(?:\s+[\w$€£%’'\-]+){0,2}?\s+(?:could|can|may|might|should|must)\s+\w+)")
_FINITE_VERB = re.compile(r"\b(?:had|has|have|was|were|is|are|will|would|did|does|do|stood|stands|rose|fell|grew|"
                          r"came|went|said|says|told|made|took|gave|won|lost|hit|saw|met|held|began|left|paid|"
                          r"kept|sold|bought|spent|brought|ran|remains|shows|showed)\b|\b[a-z]{3,}ed\b")
_TIME_AFTER = re.compile(r",\s+(?:just\s+|only\s+|some\s+|barely\s+)?(?:[\w-]+\s+){1,2}(?:after|before)\s+"
                         r"(?P<fact>.+)$")
_AFTER_NAMED_DEED = re.compile(r"\s+(?:after|when|as)\s+(?P<fact>(?:the\s+)?[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,4}"
                               r"\s+(?:reached|agreed|won|signed|announced|approved|rejected|voted|filed|failed|"
                               r"dropped|completed|struck|sealed|secured|cleared|reported|confirmed|declared)\b.+)$")
_AT_MEETING = re.compile(r"\s+at\s+(?P<its>its|their|the)\s+(?P<noun>meeting|summit|conference|congress|session|"
                         r"hearing)\s+(?P<when>on\s+(?:[A-Z]\w+)(?:,?\s+[A-Z]\w+\s+\d{1,2})?)\b")
_READER_CONDITION = re.compile(r"^if you\b[^,]{3,80},\s*(?:then\s+)?", re.IGNORECASE)
# "Most economists expect ...", "Citi economists warn that ...", "Investors predict ...": a group
# (perhaps named by its firm) as the source of what follows
_REPORTS_SAY = re.compile(r"^(?P<who>(?:(?:several|some|many|most|other|multiple|recent)\s+|"
                          r"(?-i:[A-Z][\w&.’'\-]*)(?:\s+(?-i:[A-Z][\w&.’'\-]*))?\s+(?=[a-z]))?(?:media\s+)?"
                          r"(?:reports|sources|analysts|economists|experts|observers|investors|traders|strategists|"
                          r"forecasters|pollsters|markets|bettors|bookmakers))\s+(?P<verb>claim|say|said|suggest|"
                          r"suggested|believe|expect|predict|predicted|warn|warned|forecast|estimate|see|foresee|"
                          r"anticipate)\s+(?:that\s+)?", re.IGNORECASE)
_STUDY_FINDS = re.compile(r"^(?:A|An|The|Their|Its)\s+(?:new\s+|latest\s+|recent\s+)?(?P<who>[A-Z][\w.&’'\-]*(?:\s+[A-Z][\w.&’'\-]*)?)"
                          r"\s+(?:poll|survey|study|analysis|report|projection|tracker)\b[^,;]{0,80}?\s+"
                          r"(?:finds|found|shows|showed|suggests|suggested|indicates|indicated)\s+(?:that\s+)?")
# "..., an opinion poll showed on Monday, ...": the poll is the source, its day not the claim's
_RELEASED_TAIL = re.compile(rf",\s+(?:per|according to)\s+(?:figures|data|numbers|a report|a statement)\s+released\s+"
                            rf"(?:on\s+)?(?:{'|'.join(_WEEKDAYS)}|today|yesterday)(?=\.?$)")
_STUDY_TAIL = re.compile(rf",\s+(?:an?|the)\s+(?:new\s+|latest\s+)?(?P<who>(?:[A-Z][\w&.’'\-]*\s+)?(?:opinion\s+)?"
                         rf"(?:poll|survey|study|report))\s+(?P<verb>showed|shows|found|finds|suggested|suggests)"
                         rf"(?:\s+(?:on\s+)?(?:{_WEEKDAY_RE}))?(?:,\s+|\.?$)")
_NAMED_FORECASTER = re.compile(rf"^(?:[Tt]he\s+)?(?:(?P<who>{_NAME}(?:\s+(?:and|of|for)\s+{_NAME})?)|(?-i:(?:[a-z\-]+\s+)?)"
                               rf"(?P<body>{_BODY_NOUN}))\s+(?:now\s+|also\s+|still\s+|currently\s+)?(?:is\s+|are\s+)?"
                               r"(?:(?:forecasting|projecting|predicting|forecasts|projects|predicts|estimates|expects|plans|"
                               # "estimates from ...", "estimates indicate ...": a noun
                               r"intends|anticipates)\s+(?!that\b|(?:from|of|by)\s|(?:indicate|show|suggest|point)s?\b)|"
                               # "Rabobank forecast European wheat production at 154m tonnes" (not "The forecast is")
                               r"(?P<past>forecast|predicted|projected)\s+(?!that\b|(?:from|of|by|for|is|was|to)\s)"
                               r"(?=[A-Za-z\d$€£]))")
_LIST_SEPARATOR = re.compile(r",\s+(?!or\b)(?:and\s+)?|\s+and\s+")
_DATELINE = re.compile(r"^[A-Z][A-Z/ ,.'\-]{2,40}\s*(?:\([^)]{2,30}\)\s*)?[–—-]\s+|"
                       # "ARLINGTON, Va., Feb. 18, 2020 /PRNewswire/ --", "ST. JOHN'S, NL, June 26, 2024 /CNW/ - "
                       r"^[A-Z][^/\n]{2,60}?\b(?:19|20)\d{2}\s*/[A-Za-z .\-]{2,30}/\s*(?:--|[–—-])\s*(?=[A-Z])|"
                       r"^[A-Z][A-Z/ ,.'\-]{2,40}\s*\([^)]{2,30}\)\s*[–—-](?=[A-Z])|"      # "NEW DELHI (Reuters) -India's"
                       r"^[A-Z][\w.'\- ]{1,30},\s*\((?=[^)]*\d{4})[^)]{5,90}\)\s+|"   # "Cali, (APP - ... 22nd Oct, 2024) "
                       rf"^[A-Z][\w.'\- ]{{1,30}},\s*\([A-Z]{{2,6}}\)\s*{_MONTH_RE}\s+\d{{1,2}},\s+\d{{4}}\s+(?=[A-Z])|"
                       # ("Addis Ababa, (ENA) November 23, 2022 Ethiopian Airlines has ...")
                       r"^(?:[A-Z]{3,},\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}\s*(?:\([^)]{2,40}\)\s*)?(?:--|[–—])\s+|"
                       # "MADRID, Oct 9 (Reuters) – "
                       r"^(?:[A-Z]{3,}(?:[ /][A-Z]{2,})*,\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s+\([^)]{2,30}\)\s*(?:--|[–—-])\s+|"
                       r"^[A-Z]{3,}(?:\s[A-Z]{2,})*:\s+(?=[A-Z])|"          # "PARIS: Airbus ..."
                       rf"^[A-Z]{{3,}},\s+(?:[A-Z][a-z]+,\s+)?{_MONTH_RE}\s+\d{{1,2}}\.(?:\s+|$)|"   # "ASTANA, Kazakhstan, January 17."
                       # "ST. PETERSBURG, June 6. /TASS/. "
                       rf"^[A-Z][A-Z.' ]{{1,30}}[A-Z],\s+{_MONTH_RE}\.?\s+\d{{1,2}}\.\s*(?:/[A-Z]{{2,8}}/\.?\s*)?(?=[A-Z]|$)|"
                       r"^[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s+\((?:AP|PTI|IANS|ANI|AFP|Reuters|UNI)\):\s+(?=[A-Z])|"  # "Sriharikota (AP): "
                       # "Islamabad, Dec 27 (IANS) Pakistan has ...": a wire's dateline with no dash after it
                       rf"^[A-Z][\w.'’ ]{{1,30}},\s+{_MONTH_RE}\.?\s+\d{{1,2}}\s+\((?:AP|PTI|IANS|ANI|AFP|Reuters|UNI|"
                       r"Xinhua|Bernama|Yonhap|WAM|KUNA|APP)\)\s+(?=[A-Z])|"
                       r"^[A-Z][a-z]+(?:\s[A-Z][a-z]+)?:\s+(?=The\s)|"         # "New York: The New York City Marathon"
                       # "New Delhi [India], November 3 : " (ANI)
                       rf"^[A-Z][\w.' ]{{1,30}}\[[A-Za-z ]{{2,30}}\],?\s+{_MONTH_RE}\s+\d{{1,2}}\s*(?:\([A-Z]{{2,6}}\)\s*)?[:–—-]\s+|"
                       # "(Reuters) -Bank of America ...", "(Bloomberg) -- New Zealand ..."
                       r"^\((?:Reuters|AP|AFP|Bloomberg|IANS|PTI|ANI)\)\s*(?:--|[–—-])\s*(?=[A-Z])|"
                       # "11:31 AM EDT, 08/28/2024 (MT Newswires) -- "
                       r"^\d{1,2}:\d{2}\s*[AP]M\s+[A-Z]{2,4},\s+\d{2}/\d{2}/\d{4}\s*(?:\([^)]{2,30}\)\s*)?(?:--|[–—-])\s*(?=[A-Z])|"
                       # "Buenos Aires, October 26 (PL-RHC)-- ", "Budapest, July 8 (MTI) – "
                       rf"^[A-Z][\w.'’ ]{{1,30}},\s+(?:[A-Z][a-z]+,\s+)?{_MONTH_RE}\.?\s+\d{{1,2}}(?:,\s+\d{{4}})?\s*"
                       r"(?:\([^)]{2,30}\)\s*)?(?:--|[–—:-])\s*(?=[A-Z])|"
                       # "Jan 6 : The prize fund for this year's ..." (a wire's date, a space before its colon)
                       rf"^{_MONTH_RE}\.?\s+\d{{1,2}}\s+:\s+(?=[A-Z])|"
                       # "February 19 – Everton finally opened ..." (the wire's date and a dash)
                       # (not a line of a schedule: "June 23 – KANSAS CITY, MO – Kauffman Stadium.")
                       rf"^{_MONTH_RE}\.?\s+\d{{1,2}}(?:,\s+\d{{4}})?\s+[–—]\s+(?=[A-Z][a-z]+\s+(?:\S+\s+){{4,}})(?![^–—]*[–—])|"
                       # "LIMA Dec 7 Peru's central bank likely will ..." (no comma)
                       rf"^[A-Z]{{3,}}(?:\s[A-Z]{{2,}})*\s+{_MONTH_RE}\.?\s+\d{{1,2}}\s+(?=[A-Z])|"
                       # "LIMA, July 11 Peru's central bank ...", "BANGKOK, Thailand – Deputy Prime Minister ..."
                       rf"^[A-Z]{{3,}}(?:\s[A-Z]{{2,}})*,\s+(?:{_MONTH_RE}\.?\s+\d{{1,2}}\s+|"
                       r"[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s*[–—-]\s+)(?=[A-Z])")
# a price hung on a dated launch or sale: ", priced at $499", "with an asking price of $1,599"
_PRICE_ADJUNCT = re.compile(r"(?:,\s*|\s+)(?:with an? (?:asking |starting |retail |list |base )?price(?: tag)? of|"
                            r"(?:and )?priced at|(?:and )?retailing (?:at|for))\s+"
                            r"(?P<price>(?:US)?[$€£¥₹]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|bn|m)\b)?)")
_WORTH = re.compile(
    r"\b(?:a|an|the)\s+(?P<np>(?:[\w’'\-]+\s+){0,3}?(?:contract|deal|package|offer|agreement|bonus|salary|"
    r"transfer|takeover|acquisition|order|investment|settlement))\b(?P<pp>\s+(?:with|for|from|to|of)\s+"
    r"(?:the\s+)?[\w’'\-]+(?:\s+[\w’'\-]+){0,2}?)?\s+worth\s+(?P<value>(?:[^,;]|,(?=\d))+?)(?=[.;]?$|[,;](?!\d))")
# (a comma between digits is a thousands separator: "worth Rs 1,188 crore")
_GROUP_ATTRIBUTION = re.compile(
    rf",\s+(?P<who>(?:[\w+’'\-]+\s+){{0,3}}(?:{_PEOPLE_GROUPS}))\s+(?P<verb>told\s+[A-Z]\w+|said|say)(?:,\s+|\.?$)")


# Adjuncts that state something of their own, peeled off the end of a clause:
# "..., followed by a press conference with the governor" -> "A press conference ... will follow."
_RANKED_ITEM = r"[^,;]+?\s+(?:with|on|at)\s+[^,;]*?\d[^,;]*?"
_FOLLOWED_WITH = re.compile(rf",\s+followed\s+(?:closely\s+)?by\s+(?P<items>{_RANKED_ITEM}"
                            rf"(?:(?:,\s+(?:and\s+)?|\s+and\s+){_RANKED_ITEM})*)\s*\.?$")
_FOLLOWED_BY = re.compile(r",\s+followed\s+by\s+(?P<np>(?:a|an|the|its|their|his|her|(?:[A-Z][\w.\-]*\s+){0,3}"
                          r"[A-Z][\w.\-]*(?:’s|'s))\s+[^,;]+?)(?=,\s|[.;]?$)")
# "... with a conference call to follow at 5 p.m.", "... got underway with a jury set to decide ..."
_WITH_DUE = re.compile(r",?\s+with\s+(?P<np>(?:a|an|another|the|\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten)"
                       r"(?:\s+[\w’'\-]+){0,3}?)\s+due\s+(?P<when>(?:by|on|in|before|from)\s+[^,;]+?)"
                       r"(?:\s+and\s+[^,;]+)?\.?$")
# (and a bare noun of work in hand: "..., with work due to start by July", "with procurement for the
# main contract to start in November")
_WITH_TO = re.compile(
    r",?\s+with\s+(?P<np>(?:(?:a|an|the|its|their|his|her|at least|up to|some|several|two|three|four|five|\d+|"
    r"about|around|approximately|nearly|more than)\s+"
    r"(?:(?!\b(?:view|aim|goal|hope|intention|plans?|"
    r"exception|help|power|right|chance)\b)[^,;])+?|(?:work|works|construction|procurement|demolition|building|"
    r"production|installation|recruitment|consultation|delivery|deliveries|services|operations|completion)"
    r"(?:\s+(?:on|for|of|at)\s+(?:the\s+)?[\w’'\-]+(?:\s+[\w’'\-]+){0,2}?)?))\s+(?P<how>(?:set|expected|due|scheduled|slated|poised|likely)"
    r"\s+to|to(?=\s+(?:follow|come|begin|start|open|take place|be held|be announced|be released|be published)\b))"
    r"\s+(?P<vp>[a-z][\w’'\-]*\b.*?)\.?$")
# "..., including 90,000 in the ACT, had voted early": the part counted has a value of its own
_INCLUDING_PART = re.compile(
    r",\s+including\s+(?P<part>(?:(?:about|around|some|nearly|almost|over|more than)\s+)?[$€£]?\d[\d,.]*"
    r"(?:\s+(?:million|billion|thousand))?\s+(?:in|from|at|of)\s+[^,;]{2,40}?),\s+(?P<predicate>(?:[^,;]|,(?=\d{3}))+?\.?)$")
# ", marking its third cut", ", smashing the record": a participle adding a checkable fact of
# its own; the statement takes the main clause's subject and time (present, past, future form)
_PARTICIPLES = {
    "marking": ("marks", "marked", "mark"), "smashing": ("smashes", "smashed", "smash"),
    "bringing": ("brings", "brought", "bring"), "taking": ("takes", "took", "take"),
    "pushing": ("pushes", "pushed", "push"), "lifting": ("lifts", "lifted", "lift"),
    "raising": ("raises", "raised", "raise"), "putting": ("puts", "put", "put"),
    "leaving": ("leaves", "left", "leave"), "equating to": ("equates to", "equated to", "equate to"),
    "beating": ("beats", "beat", "beat"), "topping": ("tops", "topped", "top"),
    "surpassing": ("surpasses", "surpassed", "surpass"), "exceeding": ("exceeds", "exceeded", "exceed"),
    "eclipsing": ("eclipses", "eclipsed", "eclipse"), "breaking": ("breaks", "broke", "break"),
    "setting": ("sets", "set", "set"), "ending": ("ends", "ended", "end"), "extending": ("extends", "extended", "extend"),
    "boosting": ("boosts", "boosted", "boost"), "cutting": ("cuts", "cut", "cut"),
    "reducing": ("reduces", "reduced", "reduce"), "lowering": ("lowers", "lowered", "lower"),
    "doubling": ("doubles", "doubled", "double"), "representing": ("represents", "represented", "represent"),
    "accounting for": ("accounts for", "accounted for", "account for"), "totalling": ("totals", "totalled", "total"),
    "totaling": ("totals", "totaled", "total"), "sending": ("sends", "sent", "send"),
    "making it": ("makes it", "made it", "make it"), "making": ("makes", "made", "make"), "becoming": ("becomes", "became", "become"),
}
# the verb of a change after its subject ("will rise", "rose", "has increased"), which a level the
# change reached ("..., taking them to £1.75") takes again
_MAIN_CHANGE = re.compile(r"\s*(?P<vp>(?:(?:will|would|could|is set to|are set to|is expected to|are expected to)\s+)?"
                          r"(?:has\s+|have\s+|had\s+)?(?:rise|rises|rose|risen|increase|increases|increased|fall|falls|"
                          r"fell|fallen|climb|climbs|climbed|jump|jumps|jumped|grow|grows|grew|grown|drop|drops|"
                          r"dropped|go up|goes up|went up|gone up))\b")
_EVIDENCE_SHOWS = re.compile(r"^(?:(?:New|Official|Latest|The latest)\s+)?(?:statistics|figures|data|records|research|"
                             r"studies|surveys?|polls?)\s+(?:show|showed|reveal|revealed|indicate|indicated|"
                             r"confirm|confirmed)\b", re.IGNORECASE)
# "It came as ...", "Citi's forecast came as ...": a sentence placing the last one beside a fact
_CAME_AS = re.compile(r"^(?:It|This|(?:The|This|That|Its|Their|His|Her|[A-Z][\w.&’'\-]*(?:’s|'s))\s+(?:[\w\-]+\s+){0,2}?"
                      r"(?:forecast|announcement|move|decision|comments?|remarks?|news|warning|report|statement|call|"
                      r"plan|outlook|cut|hike|rise|increase|deal|offer|update|results?|estimate|prediction|projection|"
                      r"survey|poll|ruling|vote|launch|data|figures))\s+(?:comes|came)\s+as\s+(?=[A-Za-z])")
_PARTICIPLE = re.compile(r"(?:,|\s+[–—])\s+(?P<ing>" + "|".join(sorted(_PARTICIPLES, key=len, reverse=True)) +
                         r")\s+(?P<rest>[^;]+?)\.?$")
_EXPECTED_ASIDE = re.compile(r"^(?P<np>(?:[A-Z][\w’'\-]*)(?:\s+[\w’'\-]+){0,6}?),\s+(?P<how>expected|set|due|scheduled|"
                             r"slated|likely)\s+to\s+(?P<vp>(?:[^,]|,(?=\d{3}))+?),\s+(?P<rest>(?:will|would|is|are|was|"
                             r"were|has|have|had|could|may|might)\b.+)$")
_WHEN_AT_TIME = re.compile(r"\s+when\s+(?P<event>(?:the\s+)?[A-Z][\w’'.\-]*(?:\s+[\w’'.\-]+){1,12}?\s+at\s+\d{1,2}"
                           r"(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm)\b.*?)\.?$", re.IGNORECASE)
_FOLLOWING_CHANGE = re.compile(rf"\s+(?:following|after)\s+an?\s+(?P<change>[\d.]+%\s+(?:rise|increase|fall|drop|decline|"
                               rf"gain|jump))\s+in\s+(?P<when>{_MONTH_RE}|the\s+previous\s+\w+|\w+ quarter)")
_VERSUS_FORECASTS = re.compile(r",\s+(?:compared (?:to|with)|versus|against|above|below|beating|topping|missing|"
                               r"ahead of|short of)\s+(?:the\s+)?(?:respective\s+)?(?:analysts’\s+|analysts'\s+)?"
                               r"(?P<what>forecasts?|estimates?|expectations?)\s+(?:for|of)\s+(?P<values>[^;]+?)\.?$")
_EARLIER_VALUE = re.compile(r"(?:,\s+(?:but\s+)?|\s+but\s+)(?:(?:up|down)\s+from|(?:more|less|higher|lower|cheaper|dearer)\s+than\s+"
                            r"(?P<np>(?:the\s+)?[\w’'\-]+(?:\s+[\w’'\-]+){0,4}?)\s+of)\s+"
                            r"(?P<value>(?:about|around|nearly|roughly)?\s*[$€£]?\d(?:[^,;]|,(?=\d{3}))*?)"
                            r"(?=,\s|\s+but\s+(?:up|down)\s+from\b|[.;]?$)")
# ", with online sales up 12% to $600 million": a verbless change of a part (not "with up to 40 ...")
_WITH_CHANGE = re.compile(r"(?:,\s+|\s+)with\s+(?P<np>(?:the\s+|its\s+|their\s+)?[\w’'&\-]+(?:\s+(?!up\b|down\b)"
                          r"(?:[\w’'&\-]+|\([\w\s’'&\-]+\))){0,5}?)\s+(?P<move>(?:up|down|higher|lower)\s+(?:by\s+)?"
                          r"(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+|more than\s+|over\s+)?[$€£]?\d[^;]*?)\.?$")
# (a gapped item, "wood products 37.7%", moves the way the one before it did)
_CHANGE_ITEM = re.compile(r"(?:,\s+(?:and\s+)?|\s+and\s+)(?=(?:[\w’'&\-]+\s+){1,5}?(?:(?:up|down|higher|lower)\s+"
                          r"(?:by\s+)?(?:more than\s+|over\s+)?)?[$€£]?\d)")
_WITH_COUNT = re.compile(r",\s+with\s+(?P<np>(?:about|around|some|up to|at least|between)?\s*[$€£]?\d[\d,.]*"
                         r"(?:\s*[–-]\s*\d[\d,.]*)?\s+[a-z][^;]*?|(?:an?|the)\s+[a-z][\w\s-]{2,40}?\s+of\s+"
                         r"(?:about|around|some|up to|at least)?\s*[$€£]?\d[^;]*?)\.?$")
_CHECKABLE_WORD = re.compile(r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|"
                             r"record|highest|lowest|largest|biggest|smallest)\b", re.IGNORECASE)


# a clause about someone or something the text named before ("It was ...", "They said ...")
_PRONOUN_START = re.compile(r"(?:I|We|You|He|She|It|They|This|That|These|Those)\b")
# a count in a clause, not a year ("seven deaths", "a 47 to 1 vote", "two of the convictions")
_COUNTED = re.compile(r"\b(?!(?:19|20)\d\d\b)\d[\d,.]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|"
                      r"twelve|twenty|thirty|forty|fifty|dozens?|hundreds?|thousands?|millions?|billions?)\b",
                      re.IGNORECASE)


# "its price forecasts": a forecast named, which is no future tense of the clause it is in
_NAMED_FORECAST = re.compile(r"\b(?:its|the|their|his|her|our|latest|previous|earlier|own)\s+(?:[\w-]+\s+){1,2}"
                             r"forecasts?\b", re.IGNORECASE)


def _future_form(clause: str) -> str:
    return "would" if re.search(r"\b(?:would|could|might)\b", clause) else "will"


# what a subject did on its way to a level, so that it is also what had the earlier value
_REACHED_LEVEL = re.compile(r"\s*(?:(?:has|had)\s+)?(?:rose|risen|fell|fallen|grew|grown|climbed|dropped|increased|"
                            r"decreased|declined|jumped|slipped|eased|edged|stood|was|is|reached|hit|totall?ed|"
                            r"amounted)\b|\s*(?:will|(?:is|are)\s+(?:expected|projected|forecast|set)\s+to)\s+"
                            r"(?:reach|rise|fall|grow|climb|hit|total|be|stand|increase|decrease|decline|drop)\b")


def _split_earlier_values(clause: str, extra: list[str]) -> str:
    """", up from 2.2% in May (but down from 3% in 2019)": each earlier value said of the subject
    becomes a statement of its own in `extra`; the clause is returned without them."""
    while (earlier := _EARLIER_VALUE.search(clause)) and parse_quantities(earlier.group("value")):
        if not earlier.group("np") and re.search(r"\d", _subject(clause[:earlier.start()]) or ""):
            # ("59% of the crop is now silking, up from 29% a week ago": the share was 29%, not the crop,
            # so the earlier value stays in the claim)
            break
        main = clause[:earlier.start()] + clause[earlier.end():]
        subject = _subject(main)
        if earlier.group("np"):        # "..., more than Switch's launch price of $299.99"
            extra.append(f"{earlier.group('np')[:1].upper() + earlier.group('np')[1:]} was {earlier.group('value')}.")
        elif subject and _REACHED_LEVEL.match(main[main.find(subject) + len(subject):]):
            # "Inflation rose to 2.5% in June, up from 2.2% in May" (the subject is what was 2.2%;
            # in "X revised its projection to 7.3%, up from 6.8%" it is not)
            extra.append(f"{subject} was {earlier.group('value')}.")
        clause = main.rstrip(" ,.") + "."
    return clause


def _adjuncts(clause: str) -> list[str]:
    """One clause -> the clause without its trailing adjuncts, then a statement for each adjunct
    that says something checkable of its own."""
    extra: list[str] = []
    aside = _EXPECTED_ASIDE.match(clause)
    if aside:
        # "The trial, expected to last seven weeks, will see ..." -> "The trial is expected to last seven weeks."
        np = aside.group("np")
        extra.append(f"{np} {_agreeing('is', np)} {aside.group('how')} to {aside.group('vp')}.")
        clause = f"{np} {aside.group('rest')}"
    when = _WHEN_AT_TIME.search(clause)
    if when:
        # "... a cut when the RBA makes its announcement at 2:30 pm AEST": the announcement is an event
        event = when.group("event")
        extra.append(event[:1].upper() + event[1:].rstrip(".") + ".")
        clause = clause[:when.start()] + "."
    part = _INCLUDING_PART.search(clause)
    if part and _subject(clause[:part.start()] + " had"):
        counted = part.group("part")
        head_noun = re.search(r"\b[a-z]{3,}$", clause[:part.start()])
        if head_noun and not any(q.counted or q.unit != "count" for q in parse_quantities(counted)):
            # "90,000 in the ACT" counts the head's people
            counted = re.sub(r"\s+(?=(?:in|from|at|of)\s)", f" {head_noun.group()} ", counted, count=1)
        extra.append(f"{counted} {part.group('predicate')}")
        clause = f"{clause[:part.start()]} {part.group('predicate')}"
    ranked = _FOLLOWED_WITH.search(clause)
    items = [re.match(r"(?P<who>.+?)\s+(?:with|on|at)\s+(?P<value>[^,;]+)$", item.strip()) for item in re.split(
        rf",\s+(?:and\s+)?|\s+and\s+(?={_RANKED_ITEM}(?:,|\s+and\s|$))", ranked.group("items"))] if ranked else []
    if items and all(each and parse_quantities(each.group("value")) for each in items):
        # "Takaichi was chosen by 28.0 percent, followed by Shinjiro Koizumi with 22.5 percent": each
        # one ranked has a value of its own ("followed by a vote due at 2.30pm" is no ranking)
        for each in items:
            who = re.sub(r"^(?:the|a|an)\s+", "", each.group("who"), flags=re.IGNORECASE)
            extra.append(f"{who[:1].upper() + who[1:]} had {each.group('value').rstrip(' .')}.")
        clause = clause[:ranked.start()].rstrip(" ,") + "."
    followed = _FOLLOWED_BY.search(clause)
    # in a schedule each item is an event to check; "X held a call with A, followed by a call
    # with B" reports one sequence
    if followed and clause_tense(clause[:followed.start()]) == "future":
        main = clause[:followed.start()] + clause[followed.end():]
        np = followed.group("np")
        day = _ON_DAY.search(main)          # "at 2 p.m. on Wednesday, followed by X": X on Wednesday too
        extra.append(f"{np[:1].upper() + np[1:]} {_future_form(main)} follow{' ' + day.group() if day else ''}.")
        clause = main
    due = _WITH_DUE.search(clause)
    if due and _subject(clause[:due.start()]):
        # "Three engines have been delivered, with seven more due by December": a schedule of its own
        np = due.group("np")
        counted = [q.counted for q in parse_quantities(clause[:due.start()]) if q.counted]
        if re.search(r"\b(?:more|further|others)$", np) and counted:
            np += " " + counted[-1]                                          # "seven more engines"
        plural = not re.match(r"(?:a|an|one|another)\b", np)
        extra.append(f"{np[:1].upper() + np[1:]} {'are' if plural else 'is'} due {due.group('when')}.")
        clause = clause[:due.start()].rstrip(",") + "."
    with_to = _WITH_TO.search(clause)
    if with_to and _subject(clause[:with_to.start()]):
        np, how, vp = with_to.group("np"), with_to.group("how"), with_to.group("vp")
        np = np[:1].upper() + np[1:]
        if how == "to":
            extra.append(f"{np} will {vp}.")
        else:
            extra.append(f"{np} {_agreeing('is', np)} {how} {vp}.")
        clause = clause[:with_to.start()].rstrip(",") + "."
    change = _WITH_CHANGE.search(clause)
    if change and _subject(clause[:change.start()]) and any(
            _is_claim_quantity(q) and q.unit != "second" for q in parse_quantities(clause[:change.start()])):
        # "East Asian visitors were up 39.1 percent to 37,583 with arrivals from China up 73.3 percent
        # to 24,734": the part named after "with" has its own change, in the tense of the clause
        tense = clause_tense(clause[:change.start()])
        # (", with arrivals from Saudi Arabia down 22.7% to 5,145, UAE down 14.3% to 2,186 and Oman ...")
        items = _CHANGE_ITEM.split(f"{change.group('np')} {change.group('move')}")
        direction = None
        for each in items:
            item = re.match(r"(?P<np>.+?)\s+(?P<move>(?:up|down|higher|lower)\s.+)", each)
            gapped = re.fullmatch(r"(?P<np>(?:[\w’'&\-]+\s+){0,4}?[\w’'&\-]+)\s+(?P<value>[$€£]?\d.*)", each) \
                if item is None and direction else None
            if gapped:
                np, move = gapped.group("np"), f"{direction} {gapped.group('value')}"
            elif item is not None:
                np, move = item.group("np"), item.group("move")
            else:
                continue
            direction = move.split()[0]
            if re.search(r"\b(?:is|are|was|were|has|have|had|will)\b", np):
                extra.append(f"{np[:1].upper() + np[1:]} {move.rstrip(' ,.')}.")   # "Ukraine also was up"
                continue
            head = re.split(r"\s+(?:from|of|in|at|for|on|to)\s+", np)[0].split()[-1]     # "arrivals from China"
            be = {"future": "will be", "past": _agreeing("was", head)}.get(tense, _agreeing("is", head))
            extra.append(f"{np[:1].upper() + np[1:]} {be} {move.rstrip(' ,.')}.")
        clause = clause[:change.start()].rstrip(",") + "."
    counted = _WITH_COUNT.search(clause)
    lead = re.match(r"^.*?\b(?:(?:forecast|project|predict|expect|estimat|see|report|post|target|guid)ing|expects?|"
                    r"sees?|predicts?|forecasts?|projects?|reported|posted)\s+"
                    r"(?=(?:(?:about|around|some|up to|at least|between)\s*)?[$€£]?\d|(?:an?|the)\s+[a-z]|revenue|sales)",
                    clause[:counted.start()]) if counted else None
    if counted and lead and parse_quantities(clause[lead.end():counted.start()]):
        # "X is forecasting 85% odds of ..., with 17–25 named storms": X is forecasting 17–25 named storms
        extra.append(f"{lead.group().rstrip()} {counted.group('np').rstrip('.')}.")
        clause = clause[:counted.start()] + "."
    following = _FOLLOWING_CHANGE.search(clause)
    mover = re.match(r"^(?P<subject>.+?)\s+(?:rose|fell|surged|jumped|climbed|dropped|declined|increased|decreased|"
                     r"gained|grew|slipped|eased|slid|soared)\b", clause[:following.start()]) if following else None
    if following and mover:
        # "Egg prices surged 13.8% in January following an 8.4% rise in December"
        extra.append(f"{mover.group('subject')} had an {following.group('change')} in "
                     f"{following.group('when').rstrip('.')}.")
        clause = clause[:following.start()] + clause[following.end():]
    versus = _VERSUS_FORECASTS.search(clause)
    if versus and parse_quantities(versus.group("values")):
        # "Earnings rose 0.2%, compared to forecasts for 0.3%": the forecasts are a claim of their own
        be = "were" if versus.group("what").endswith("s") else "was"      # ("The expectation was for ...")
        extra.append(f"The {versus.group('what')} {be} for {versus.group('values').rstrip('.')}.")
        clause = clause[:versus.start()] + "."
    clause = _split_earlier_values(clause, extra)
    participle = _PARTICIPLE.search(clause)
    rest = participle.group("rest") if participle else ""
    if participle and (parse_quantities(rest) or _CHECKABLE_WORD.search(rest) or re.match(rf"{_NAME}\s+the\b", rest)):
        main = clause[:participle.start()].rstrip(".") + "."          # ("at 2:16 p.m., eclipsing": one stop)
        subject = _subject(main)
        verb_like = re.search(rf"\s(?:{_SAME_FORM_PAST})\b", subject or "")
        parsed = subject_of(main) if verb_like else None        # (the parser only where it can help)
        if parsed and subject.startswith(parsed + " ") and \
                re.match(rf"(?:{_SAME_FORM_PAST})\b", subject[len(parsed) + 1:]):
            subject = parsed        # "Hasbro cut its annual revenue forecast ...": "cut" is the verb
        existential = re.match(r"(?P<intro>[^,]{2,60},\s*)?[Tt]here\s+(?P<be>are|were|is|was)\s+(?P<np>.+?)\.$", main)
        if subject in ("There", "there") and existential:
            # "In Ontario, there were 41,000 new jobs, bringing ...": in Ontario, the jobs
            subject = (existential.group("intro") or "") + existential.group("np")
        level = re.match(r"(?:it|them|the total|the figure|the tally)\s+to\s+(?P<to>.+)$", participle.group("rest"))
        change = _MAIN_CHANGE.match(main[main.find(subject) + len(subject):]) if subject and level else None
        if change:
            # "bus fares will rise 10p – taking them to £1.75 from March 5": they will rise to £1.75
            extra.insert(0, f"{subject} {change.group('vp')} to {level.group('to')}.")
            return [main, *extra]
        if subject:
            present, past, base = _PARTICIPLES[participle.group("ing")]
            if existential and existential.group("be") == "are":
                present = base                     # "There are 456,000 more jobs, bringing": they bring
            # ("raised its price forecasts, lifting its outlook for gold to $5,000": a forecast named
            # is no future tense of the verb it hangs on)
            tense = clause_tense(_NAMED_FORECAST.sub(" ", main))
            verb = {"future": f"{_future_form(main)} {base}", "past": past}.get(tense, present)
            extra.insert(0, f"{subject} {verb} {participle.group('rest')}.")
            clause = main
    return [clause, *extra]


@dataclass
class _Piece:
    """One proposition of a sentence, as a clause to read, with what it carries over."""

    text: str
    speaker: str | None = None
    verb: str | None = None
    presupposed: bool = False
    resolves_at: str | None = None          # a decision at a dated meeting resolves then
    kind: str | None = None


def _subject_and_verb(clause: str) -> str | None:
    """"YouGov, in its eve-of-election opinion poll, had" of a clause: its subject and first verb."""
    subject = _subject(clause)
    if not subject:
        return None
    start = clause.find(subject)
    verb = re.search(r"[\w’'\-]+", clause[start + len(subject):])
    return f"{clause[start:start + len(subject)].rstrip()} {verb.group()}" if verb else None


# a name and its value in brackets, the way a list gives rates by country ("Spain (38.6%)"), and
# the words before the first of them ("the highest rates are recorded in ")
_NAMED_VALUE = re.compile(r"(?:the\s+)?[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*)*\s*\([^()]*\d[^()]*\)")
_NAMED_VALUE_AFTER = re.compile(rf"(?P<lead>.*?\b(?:in|for|of|at|from|by|to|with)\s+)(?:both\s+|either\s+)?"
                                rf"{_NAMED_VALUE.pattern}")


# a prepositional phrase that opens a sentence and sets the scene for its clause
_INTRO_PHRASE = re.compile(r"(?:At|With|For|In|On|By|From|Under|After|Before|During|Over|Of|Including|Excluding)\s")
# ", a 16.24 per cent YoY rise": a change in apposition to the value before it
_CHANGE_APPOSITIVE = re.compile(r"(?:a|an|another)\s+(?:(?:about|around|some|nearly|almost|roughly)\s+)?[$€£]?\d[\d.,]*\s*"
                                r"(?:%|per\s*cent|percent|pc|pct|percentage\s+points?|basis\s+points?|bps)?[\s-]+"
                                r"(?:(?:year-on-year|yoy|y/y|annual|monthly|quarterly|sequential|on-year)\s+)?"
                                r"(?:rise|increase|jump|gain|growth|surge|climb|decline|drop|fall|decrease|slump|"
                                r"plunge|dip|cut|reduction)\b", re.IGNORECASE)
# the change that follows a value after a comma ("16,102,000 tonnes, down 38% from 2020")
_CHANGE_AFTER = re.compile(r"(?:up|down)\s+(?:by\s+)?[$€£]?\d[\d.,]*\s*(?:%|per\s*cent|percent|pc|pct|"
                           r"percentage\s+points?)(?:\s+(?:from|on|over|since|compared\s+with)\s+[^,;]{2,30})?")
_MARGIN_ITEM = re.compile(r"(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+)?[$€£]?\d[\d.,]*\s*(?:basis\s+points?|bps?|"
                          r"percentage\s+points?|points?|%|per\s*cent|pc|pct)\s+(?:above|below|higher\s+than|"
                          r"lower\s+than|more\s+than|less\s+than|ahead\s+of|behind|short\s+of|over|under|"
                          r"(?:up|down)\s+(?:from|on|over|compared\s+with))\s")


def _respectively(clause: str) -> list[str] | None:
    """"Petrol and diesel car uptake dropped by 7.3% and 8.1% respectively" -> "Petrol car uptake
    dropped by 7.3%." and "Diesel car uptake dropped by 8.1%.": each subject with its value (None
    when the subjects and the values listed do not pair up one to one)."""
    tail = re.search(r",?\s+respectively\b,?", clause)
    lead = _LEAD_IN.match(clause) if tail else None
    if lead and lead.group().rstrip().endswith(",") and clause[lead.end():lead.end() + 1].isupper():
        # "However, Scotland and England experienced ...": the pairs, without the linking word
        clause = clause[lead.end()].upper() + clause[lead.end() + 1:]
        tail = re.search(r",?\s+respectively\b,?", clause)
    subject = _subject(clause) if tail else None
    if not subject or not clause.startswith(subject):
        return None
    # ("Sales of petrol and alternatively fuelled vehicles rose, up 14.4% and 7.2% respectively": the
    # things listed after "of", each with the head before it)
    of_list = re.fullmatch(r"(?P<head>\w+(?:\s+\w+)?\s+of\s+)(?P<list>[^,]+?\s+and\s+[^,]+)", subject)
    head = of_list.group("head") if of_list and not re.search(r"\bof\b|\b[A-Z]", of_list.group("list")) else ""
    listed = of_list.group("list") if head else subject
    items = [i for i in _LIST_SEPARATOR.split(listed) if i]
    values = [q for q in parse_quantities(clause) if q.start >= len(subject) and _is_claim_quantity(q)]
    if len(items) < 2 or len(items) != len(values) or any(len(i.split()) > 4 for i in items) or \
            re.search(r"\bof\b|’s\b|'s\b", listed) or \
            not all(_LIST_SEPARATOR.fullmatch(clause[a.end:b.start]) for a, b in zip(values, values[1:])):
        return None
    if re.search(r"\b\w+\s+and\s+\w+", clause[len(subject):values[0].start]):
        return None         # "stands at fourth and fifth position with 9 and 8 percent": which pairs with which?
    first = re.sub(r"^(?:the|its|their)\s+", "", items[0], flags=re.IGNORECASE).split()
    last = items[-1].split()
    if len(last) > len(first):          # "Petrol and diesel car uptake": the head noun is shared
        items = [i if i is items[-1] else f"{i} {' '.join(last[len(first):])}" for i in items]
    determiner = re.match(r"(?:the|its|their)\s+", items[0], flags=re.IGNORECASE)
    if determiner:                      # "The Pro and Max versions": "The Max versions"
        items = [i if i is items[0] or re.match(r"(?:the|its|their)\s", i, flags=re.IGNORECASE)
                 else determiner.group().lower() + i for i in items]
    elif len(first) > len(last):        # "Inbound tourists from Canada and Britain": the words before it are
        items = [i if i is items[0] else f"{' '.join(first[:len(first) - len(last)])} {i}" for i in items]
    rest = clause[len(subject):tail.start()] + clause[tail.end():]
    span = (values[0].start - len(subject), values[-1].end - len(subject))
    out = []
    for item, value in zip(items, values):
        said = rest[:span[0]] + value.text + rest[span[1]:]
        item = head + item
        out.append(f"{item[:1].upper() + item[1:]}{said}".rstrip(" ,.") + ".")
    return out


_ITEM_OWN_VERB = re.compile(r"^(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[\w’'\-]+){0,3}?\s+(?:has|have|had|is|are|was|were|reported|"
                            r"recorded|posted|saw|logged|registered|rose|fell|grew|gained|lost|added|won|took)\s")


# a month and day (or day and month) just before a comma that a year follows ("till 15 November, 2018")
_DAY_BEFORE_YEAR_COMMA = re.compile(rf"\b(?:{'|'.join(_FULL_MONTHS)})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?$|"
                                    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{'|'.join(_FULL_MONTHS)})$", re.IGNORECASE)


def _quantity_list(clause: str) -> list[str]:
    """"X had Labour on 39 per cent, the Conservatives on 22 per cent and Reform at 15 per cent" ->
    one statement per stated value, each with the subject and verb (or the words before the
    first value) of the first."""
    found = parse_quantities(clause)
    values = [q for q in found if q.unit not in ("second",) and _is_claim_quantity(q) and not _is_name_number(clause, q)]
    # "18 named storms, nine hurricanes and four major hurricanes": a small count in words is an item
    # of its own in a list of counts that opens with one in figures (the count and its noun alone,
    # not "seven deputies abstained" or "six alternates that could be fair")
    counted_items = [q for q in found if values and values[0].unit == "count" and re.search(r"\d", values[0].text)
                     and q not in values and q.unit == "count" and q.counted and q.start > values[0].start
                     and re.search(r"(?:,|\band)\s+$", clause[:q.start])
                     and re.match(r"\s*(?:$|[.,;]|(?:and|in|during|at|on|for|with|from|to|by|of|over|across)\b)",
                                  clause[q.end:])]
    values = sorted(values + counted_items, key=lambda q: q.start)
    if len(values) < 2:
        return [clause]
    parts: list[tuple[int, int]] = []
    start = 0
    spans = [(q.start, q.end) for q in found]
    for separator in _LIST_SEPARATOR.finditer(clause):
        if clause[:separator.start()].count("(") > clause[:separator.start()].count(")"):
            continue     # "a 2.75 per cent (2 per cent consolidated, 0.75 per cent non-consolidated) increase"
        if any(s_ < separator.start() < e_ for s_, e_ in spans):
            continue     # "in a range between 620 million and 670 million euros": one value
        if _DAY_BEFORE_YEAR_COMMA.search(clause[:separator.start()]) and \
                re.match(r"(?:19|20)\d\d\b", clause[separator.end():]):
            continue     # "till 15 November, 2018 as against ...": the comma of a date
        parts.append((start, separator.start()))
        start = separator.end()
    parts.append((start, len(clause)))
    # merge parts without a value into the part before them
    groups: list[list[int]] = []
    pending: int | None = None           # a short valueless part that names the next item ("sugar and sweets")
    for index, (s_, e_) in enumerate(parts):
        has_value = any(s_ <= q.start < e_ for q in values)
        following = parts[index + 1] if index + 1 < len(parts) else None
        if not has_value and groups and following and len(clause[s_:e_].split()) <= 2 and \
                any(following[0] <= q.start < following[1] for q in values) and re.match(r"[a-z]", clause[s_:e_]):
            pending = s_
            continue
        if has_value or not groups:
            groups.append([pending if pending is not None else s_, e_, int(has_value)])
        else:
            groups[-1][1] = e_
        pending = None
    if len(groups) > 1 and not groups[0][2]:
        groups[1][0] = groups[0][0]
        groups = groups[1:]
    if sum(g[2] for g in groups) < 2 or not groups[0][2]:
        return [clause]
    if _CONDITIONAL.match(clause) or re.match(r"(?:(?:\w+\s+){1,4}(?:stated|said|noted|added)\s+that\s+)?(?i:of|among)\s+"
                                              r"(?:the|its|their)\s", clause):
        return [clause]          # "Of the agency's 927 stations, nearly 70 percent ...": the whole, then its parts
    head = clause[groups[0][0]:groups[0][1]]
    first = next(q for q in values if q.start < groups[0][1])
    lead_value = re.sub(r"(?:\b(?:a|an|the|some)\s+)?$", "", clause[:first.start])
    lead_value = clause[:len(lead_value)] if lead_value.strip() else None
    if lead_value and re.match(r"up\s+to\s", first.text) and re.search(r"\b(?:go|goes|went|going|rise|rises|rising|"
                                                                       r"climb|climbs|increase|increases)\s*$", lead_value):
        lead_value += "up to "         # "will go up to $12 an hour by July 2017, $13.25 ...": where it goes, no bound
    if lead_value and lead_value.count("(") > lead_value.count(")"):
        # "indicated more than half (51%) of providers and 91% of residents": the value in brackets
        # restates the words before it, so the next item takes only the subject and verb
        subject_verb = _subject_and_verb(clause[:groups[0][1]])
        lead_value = subject_verb + " " if subject_verb else None
    lead_subject = _subject_and_verb(head)
    gapped_verb = re.search(r"\s(?P<verb>(?:are|is|were|was|will|would|could|should)\b[^,]*?)\s+by\s+[$€£]?\d", head)
    named_value = _NAMED_VALUE_AFTER.match(head)
    out = [head]
    changed_last = False
    for g_index, g in enumerate(groups[1:], start=1):
        item = clause[g[0]:g[1]].strip()
        item_start = g[0] + len(clause[g[0]:g[1]]) - len(clause[g[0]:g[1]].lstrip())
        if not g[2]:
            continue
        onward = re.match(r"(?:ultimately|eventually|finally|then|later)\s+(?:to\s+)?(?=[$€£¥₹]?\d)", item)
        if onward and lead_value and re.search(r"\bto\s*$", lead_value):
            # "go up to $12 by July 2017, ... and ultimately to $15 by July 2020": the last step of the schedule
            item, item_start = item[onward.end():], item_start + onward.end()
        if (_MARGIN_ITEM.match(item) or _CHANGE_APPOSITIVE.match(item) or _CHANGE_AFTER.fullmatch(item.rstrip("."))) and \
                clause[groups[g_index - 1][1]:g[0]].strip() == ",":
            # "fixed income, 8.32%, 119 basis points above the custom benchmark": how far the value
            # before it beat a reference; "Exports rose to $5 billion, a 12 percent increase": the
            # change it made, said again as a noun. Neither is a value of its own
            out[-1] = f"{out[-1].rstrip().rstrip('.')}, {item}"
            changed_last = bool(_CHANGE_AFTER.fullmatch(item.rstrip(".")) or _CHANGE_APPOSITIVE.match(item))
            continue
        if changed_last and (re.match(r"[\d.,]+\s*(?:%|per\s*cent|percent)\s", item) or _CHANGE_APPOSITIVE.match(item)) \
                and clause[groups[g_index - 1][1]:g[0]].strip() == "and":
            # "$2,200 a tonne, up 8 percent from Monday’s close and 16 percent above ...": a second
            # change of the same value
            out[-1] = f"{out[-1].rstrip().rstrip('.')} and {item}"
            continue
        changed_last = False
        if named_value and _NAMED_VALUE.fullmatch(item.rstrip(". ")):
            # "... recorded in Greece (46.6%), Spain (38.6%)": "... recorded in Spain (38.6%)"
            out.append(f"{named_value.group('lead')}{item}")
        elif re.match(r"^(?:the\s+)?[A-Z]", item) and lead_subject and _ITEM_OWN_VERB.match(item) and \
                _FINITE_VERB.search(head) and not _INTRO_PHRASE.match(head):
            out.append(item[:1].upper() + item[1:])     # "..., the North zone reported 852 cases": its own verb
        elif (gapped := _gapped_standing(head, item) or _gapped_verb(head, item) or _gapped_change(head, item)) \
                is not None:
            out.append(gapped)
        elif re.match(r"^(?:the\s+)?[A-Z]", item) and lead_subject:
            if _INTRO_PHRASE.match(head) and "," not in head:
                return [clause]        # "At 200 million shares, Snap will have raised $3.4 billion": a setting
            out.append(f"{lead_subject} {item}")
        elif gapped_verb and re.match(r"^[a-z][\w\s-]{1,30}?\s+by\s+[$€£]?\d", item):
            # "Beef prices are set to rise by 3.2%, pork by 1.2%": "Pork ... are set to rise by 1.2%"
            who, _, rest = item.partition(" by ")
            out.append(f"{who[:1].upper() + who[1:]} {gapped_verb.group('verb')} by {rest}")
        elif lead_subject and re.search(r"\b(?:reported|posted|recorded|projects|expects|forecasts)$", lead_subject) \
                and lead_value and lead_value.rstrip().endswith(" of") and re.match(r"^(?:a|an|the)\s", item):
            out.append(f"{lead_subject} {item}")       # "reported an income of $2.3 billion and a 22.2% margin"
        elif lead_value and (re.match(r"^(?:(?:a|an|the)\s+)?(?:(?:about|around|some|nearly|almost|more than|over|"
                                     r"under|up to|just over|another)\s+)?[$€£¥₹₩₦₱฿]?\d", item) or
                             any(q.start == item_start for q in counted_items)):
            # ("were up 10.1% – made up of a 4.7% increase in stores and a 36.7% increase online": an
            # item with an article stands where the head's one value with an article does)
            parallel = list(re.finditer(r"\b(?:a|an)\s+(?=[$€£¥₹]?\d)", head)) if re.match(r"(?:a|an)\s", item) else []
            lead = head[:parallel[0].start()] if len(parallel) == 1 and parallel[0].start() > len(lead_value) \
                else lead_value
            item_value = next((q for q in found if g[0] <= q.start < g[1]), None)
            if item_value is not None and first.unit != item_value.unit and \
                    (first.unit == "count") != (item_value.unit == "count"):
                # "spending £64m on its fleet, buying six electric trucks, 30 gas trucks and 18 tugs": a count
                # stands where the head's last count does, not where its sum of money does
                like = [q for q in found if groups[0][0] <= q.start < groups[0][1] and q.unit == item_value.unit]
                if like:
                    lead = clause[groups[0][0]:like[-1].start]
            out.append(f"{lead.rstrip()} {item}")
        else:
            return [clause]
    return _shared_predicate(out)


def _gapped_standing(head: str, item: str) -> str | None:
    """"Labour was on 39%, the Conservatives on 22%": the second party stands where the first does,
    its verb left out ("The Conservatives were on 22%."), not after the first party's verb."""
    # ("Spring wheat production was forecast at 16,102,000 tonnes, durum at 3,998,000 tonnes": the
    # participle goes with the verb, and the crop named after it may be written small)
    first = re.match(r"(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[\w’'\-]+){0,3}?\s+(?P<verb>was|were|is|are)"
                     r"(?P<participle>\s+(?:forecast|estimated|projected|expected|seen|put|pegged|valued|priced))?"
                     r"\s+(?P<prep>on|at)\s+[$€£]?\d", head)
    small = r"|[a-z][\w’'\-]*" if first is not None and first.group("participle") else ""
    named = re.match(rf"(?P<np>(?:the\s+)?(?:[A-Z][\w’'\-]*{small})(?:\s+[\w’'\-]+){{0,3}}?)\s+(?P<prep>on|at)\s+"
                     rf"(?P<rest>[$€£]?\d.*)$", item.rstrip("."))
    if first is None or named is None:
        return None
    np = named.group("np")
    verb = _agreeing(first.group("verb"), np)
    return f"{np[:1].upper() + np[1:]} {verb}{first.group('participle') or ''} {named.group('prep')} {named.group('rest')}."


def _agreeing(verb: str, noun_phrase: str) -> str:
    """"was"/"were", "is"/"are" as ``noun_phrase`` takes it ("the Conservatives were", "Reform was")."""
    if _plural_noun_phrase(noun_phrase):
        return {"was": "were", "is": "are"}.get(verb, verb)
    return {"were": "was", "are": "is"}.get(verb, verb)


def _gapped_change(head: str, item: str) -> str | None:
    """"the 2024 herd was down nearly 2% and the 2023 herd down more than 3%": the second herd was
    down too, its verb left out ("The 2023 herd was down more than 3%.")."""
    first = re.search(r"\s(?P<verb>was|were|is|are)\s+(?:down|up)\s+(?:(?:nearly|about|almost|around|some|over|more\s+than|"
                      r"less\s+than)\s+)?[$€£]?\d", head)
    named = re.match(r"(?P<np>(?:the\s+)?[\w’'\-]+(?:\s+[\w’'\-]+){0,3}?)\s+(?P<rest>(?:down|up)\s+(?:(?:nearly|about|"
                     r"almost|around|some|over|more\s+than|less\s+than)\s+)?[$€£]?\d.*)$", item.rstrip("."))
    if first is None or named is None or re.match(r"(?:and|or|but|while)\b", named.group("np")):
        return None
    np = named.group("np")
    return f"{np[:1].upper() + np[1:]} {_agreeing(first.group('verb'), np)} {named.group('rest')}."


def _gapped_verb(head: str, item: str) -> str | None:
    """"Shell owns 79% and CNOOC 21% of the joint ventures": the second name owns its share, the
    verb left out ("CNOOC owns 21% of the joint ventures."), not "Shell owns CNOOC 21%"."""
    first = re.match(r"(?P<subject>[A-Z][\w&.’'\-]*(?:\s+[A-Z][\w&.’'\-]*){0,3})\s+(?P<verb>[a-z]+)\s+"
                     r"(?:about\s+|around\s+|nearly\s+|some\s+)?[$€£¥₹]?\d", head)
    named = re.match(r"(?P<np>[A-Z][\w&.’'\-]*(?:\s+[A-Z][\w&.’'\-]*){0,3})\s+(?P<rest>(?:about\s+|around\s+|nearly\s+|"
                     r"some\s+)?[$€£¥₹]?\d.*)$", item.rstrip("."))
    if first is None or named is None or first.group("verb") in ("and", "or", "of", "to", "at", "on", "in", "by"):
        return None
    return f"{named.group('np')} {first.group('verb')} {named.group('rest')}."


# the verb phrase the last item of a list of shares has for them all ("40% of voters and 55% of
# members backed the plan")
_SHARE_PREDICATE = re.compile(r"\d[\d.,]*\s*(?:%|per\s?cent|percent)\s+of\s+(?:[\w’'\-]+\s+){0,3}?[\w’'\-]+\s+"
                              r"(?P<predicate>(?:supported|backed|opposed|favou?red|rejected|approved|agreed|said|"
                              r"voted|wanted|preferred|were|are|had|have|would|will)\b[^,;]*)$")


# a share that ends its statement with the group it is a share of ("more than half (51%) of providers.")
_SHARE_ENDING = re.compile(r"\d[\d.,]*\s*(?:%|per\s?cent|percent)\)?\s+of\s+(?:[\w’'\-]+\s+){0,3}?[\w’'\-]+\.?$")


def _shared_predicate(statements: list[str]) -> list[str]:
    """"A survey showed 40% of voters." and "A survey showed 55% of members backed the plan.": the
    earlier shares take the last one's verb phrase ("40% of voters backed the plan")."""
    last = _SHARE_PREDICATE.search(statements[-1].rstrip(".")) if len(statements) > 1 else None
    if last is None:
        return statements
    predicate = last.group("predicate")
    return [f"{s.rstrip('.')} {predicate}." if _SHARE_ENDING.search(s) else s for s in statements[:-1]] + statements[-1:]


def _is_name_number(clause: str, quantity: Quantity) -> bool:
    """"iPhone 16", "Local 751", "Apple Event 2024": a number that is part of a name."""
    before = re.search(r"(?:^|\s)(?P<word>[A-Za-z]*[A-Z][\w+]*)\s+$", clause[:quantity.start])
    return quantity.unit == "count" and before is not None and before.start("word") > 0 \
        and before.group("word") not in _NOT_ENTITIES    # "late Thursday around 4.8 million people" is a count


# the words around a duration that make it the period a figure is counted over, not the figure:
# "(in) the first/past/last five months", "the six months to June 30", "from one year earlier"
_PERIOD_OPENING = re.compile(r"(?i)\b(?:the|its|their)\s+(?:first|past|last|previous|preceding|latest|prior)\s+"
                             r"(?:(?:about|nearly|almost|some)\s+)?$")
_PERIOD_ENDING = (re.compile(r"(?i)\bthe\s+$"), re.compile(r"(?i)\s+(?:to|ended|ending|through)\b"))
_PERIOD_AGO = (re.compile(r"(?i)\b(?:from|than|versus|vs\.?|on|compared (?:with|to))\s+$"),
               re.compile(r"(?i)\s+(?:earlier|ago|before)\b"))
_PERIOD_RECORD = re.compile(r"(?i)[\s-]+(?:high|low|peak|trough|best|worst|record|streak|run|losing|winning)\b")


def _names_the_period(clause: str, quantity: Quantity) -> bool:
    """"in the first five months of the year", "the six months to June 30", "from one year earlier",
    "an 11-month low": a duration that says over what time a figure counts, not a value to check
    ("The first 30 minutes ... will be free", a race time, "a six-week consultation" are values)."""
    if quantity.unit != "second" or ":" in quantity.text:
        return False
    # (the parser keeps a leading "from" or "over" with the value: "from one year")
    lead = re.match(r"(?i)(?:from|over)\s+", quantity.text)
    before, after = clause[:quantity.start] + (lead.group() if lead else ""), clause[quantity.end:]
    if "-" in quantity.text and _PERIOD_RECORD.match(after):
        return True
    opening = _PERIOD_OPENING.search(before)
    if opening is not None:
        return opening.start() > 0           # (the subject of the sentence is what it says)
    return any(ahead.search(before) and behind.match(after) for ahead, behind in (_PERIOD_ENDING, _PERIOD_AGO))


def _split_clause(text: str, ctx: _Context) -> list[_Piece]:
    """The checkable propositions of one sentence (or quoted sentence)."""
    text = _DATELINE.sub("", text)
    lead = re.match(r"^(?P<head>[^:;\d]{8,70}):\s+(?P<rest>[a-z].{20,})$", text)
    if lead and not ctx.quoted and ctx.speaker is None and not find_dates(lead.group("head"), None, None):
        # "The vaccines are sorely needed: the outbreak has led to ...": the head frames the claim
        text = lead.group("rest")[:1].upper() + lead.group("rest")[1:]
    text = _DASH_ASIDE.sub(" ", text)
    text = _READER_CONDITION.sub("", text)
    passive = _IMPERSONAL_REPORT.match(text)
    if passive and _FINITE_VERB.search(text[passive.end():]) or passive and re.search(r"\b(?:will|would)\b", text):
        # "It is anticipated that coffee futures will decrease ...": what is anticipated is the claim
        rest = text[passive.end():]
        text = rest[:1].upper() + rest[1:]
    speaker, verb = None, None
    reports = _REPORTS_SAY.match(text)
    if reports and ctx.speaker is None:
        speaker, verb = reports.group("who"), reports.group("verb")
        said = text[reports.end():]
        if verb.lower().startswith(("expect", "predict")):
            verb = "predicted"
            said = expected_to_will(said)
        # "Investors predict at least three cuts by 2026": what they predict is no sentence of
        # its own, so the claim keeps their words
        if _FINITE_VERB.search(said) or re.search(r"\b(?:could|may|might|can|should|must)\b", said):
            text = said[:1].upper() + said[1:]
    finding = _STUDY_FINDS.match(text)
    if finding and ctx.speaker is None and speaker is None:
        # "A new YouGov poll conducted for dpa finds that one in five voters ...": YouGov's finding
        speaker, verb = finding.group("who"), "found"
        text = text[finding.end():][:1].upper() + text[finding.end():][1:]
    forecaster = _NAMED_FORECASTER.match(text)
    if forecaster and forecaster.group("past") and (forecaster.group("who") or "The") in _SENTENCE_STARTERS:
        forecaster = None                # "The forecast probability ...": a noun, not who forecast
    if forecaster and (forecaster.group("who") or "") in ("It", "They"):
        # "It now projects revenue of ...": the organisation (or parties) in view forecasts; with
        # none in view, nobody is named
        stands_for = ctx.thing if forecaster.group("who") == "It" else ctx.parties
        text = stands_for + text[forecaster.end("who"):] if stands_for and not ctx.quoted else text
        forecaster = _NAMED_FORECASTER.match(text) if stands_for else None
    if forecaster and ctx.speaker is None and speaker is None and (forecaster.group("who") or ctx.thing):
        # "NOAA is projecting a 5% chance of ...", "Eli Lilly plans to cut prices ...", "The agency
        # now expects ..." (the organisation in view)
        speaker, verb = forecaster.group("who") or ctx.thing, "predicted"
        if forecaster.group("body") and not ctx.quoted:
            text = ctx.thing + text[forecaster.end("body"):]        # "Netflix projects revenue of ..."
    pieces: list[_Piece] = []
    text = _RELEASED_TAIL.sub("", text)       # "..., per figures released Wednesday": when it was said, not done
    group = _GROUP_ATTRIBUTION.search(text) or _STUDY_TAIL.search(text)
    if group and ctx.speaker is None and speaker is None:
        speaker, verb = group.group("who").strip(), group.group("verb").split()[0]
        text = (text[:group.start()] + (", " if group.group().endswith(", ") else "") + text[group.end():]).strip()
    meeting = _AT_MEETING.search(text)
    resolves_at = None
    if meeting:
        subject = _subject(text) or ""
        if subject:
            pieces.append(_Piece(f"{subject} holds {meeting.group('its')} {meeting.group('noun')} "
                                 f"{meeting.group('when')}.", kind="event"))
            dates = find_dates(meeting.group("when"), ctx.document_date, future=True, years=ctx.years)
            resolves_at = dates[0]["date"] if dates else None
            text = text[:meeting.start()] + text[meeting.end():]
    dated_event = _DAYS_EVENT.search(text) or _DATED_EVENT.search(text)
    if dated_event:
        # "ahead of Saturday's Voice to Parliament referendum vote": the vote is on Saturday;
        # "days before campaigns for the June 2 election": the election is on June 2
        pieces.append(_Piece(f"The {dated_event.group('np')} is on {dated_event.group('day')}.", kind="event"))
        # "..., days before campaigns for the June 2 election begin": timing only, said by the piece
        text = re.sub(r",\s+(?:just\s+|only\s+)?(?:days|weeks|hours|months|a day|a week)\s+(?:before|after|ahead of)\s+"
                      r"[^,;]*?(?=[,;]|\.?$)", "", text)
    worth = _WORTH.search(text)
    if worth and parse_quantities(worth.group("value")):
        # "a five-year contract with the LaLiga giants worth €15m a year" -> its own value claim
        pieces.append(_Piece(f"The {worth.group('np').split()[-1]} is worth {worth.group('value')}"))
        text = text[:worth.start("pp") if worth.group("pp") else worth.end("np")] + \
            (worth.group("pp") or "") + text[worth.end("value"):]
    priced = _PRICE_ADJUNCT.search(text)
    subject = _subject(text) if priced else None
    if priced and subject and any(d["precision"] == "day" for d in find_dates(
            text[:priced.start()] + text[priced.end():], ctx.document_date, None, years=ctx.years)):
        # "will be up for grabs starting October 12 with an asking price of $1,599": the day and the price
        pieces.append(_Piece(f"{subject} is priced at {priced.group('price')}."))
        text = text[:priced.start()] + text[priced.end():]
    # non-restrictive relative clauses: their own claim when they state a value or tell something of a
    # named noun, else left out
    for match in list(_RELATIVE.finditer(text))[::-1]:
        rel = match.group("rel")
        np = match.group("np")
        if re.match(r"[a-z]", np) and re.search(r"(?:\d|\b(?:thousand|million|billion|trillion|[mb]n))\s*$",
                                                text[:match.start()]):
            # "a production of 2.6 million tons, which is 7 million tons above the record": the
            # value is what the clause says it of, and no noun alone ("Tons is ...") can stand for it
            continue
        tail = re.fullmatch(r"(?P<more>and\s+[^,;]+?)\.?", text[match.end():])
        if tail and not _FINITE_VERB.search(tail.group("more")) and find_dates(tail.group("more"), None, None):
            # "events, which will take place from Oct. 11 to Oct. 13, and Nov. 2 to Nov. 3": the last
            # dates are the clause's too, not the sentence's
            rel, end = f"{rel}, {tail.group('more')}", len(text)
        else:
            end = match.end()
        placed = _PLACED_NOUN.search(text[:match.start()])
        kept = np                         # (what stays in the sentence)
        if placed and re.fullmatch(r"[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*", np):
            np = placed.group("np")       # "a Berwick Hills branch, in Middlesbrough, which will shut": the branch
        if _TIME_ADVERB.fullmatch(np) or _TIME_NOUN.fullmatch(np):
            # "down from the 0.5% seen earlier, which is below ...", "later this week, which will be the
            # third cold front": no noun to say it of
            continue
        ahead = find_dates(rel, ctx.document_date, future=True)
        # "which is expected to close in the third quarter"; "which wraps September 2 in Los Angeles":
        # a timetable in the present tense, on a day still ahead
        dated_future = ahead and (_STRONG_FORECAST_RE.search(rel) or _PLAIN_FUTURE_RE.search(rel) or (
            clause_tense(rel) == "present" and any(d["precision"] == "day" and d["date"] > (ctx.document_date or "9999")
                                                   for d in ahead)))
        if parse_quantities(rel) or dated_future:
            # "The transaction, which is expected to close in the third quarter, ...": a claim of its own
            pieces.extend(_Piece(item) for item in _quantity_list(f"{np[:1].upper() + np[1:]} {rel}"))
            if not re.search(r"[.;]?$", text[end:]) or text[end:].strip(" .;"):
                text = text[:match.start()] + kept + " " + text[end:]
            else:
                text = text[:match.start()] + kept
        elif text[end:].strip(" .;"):
            # (the verb read alone or with its subject: "opened under the Elorza administration in 2015"
            # alone reads as a participle, "The FTSE 100 lender returned to ..." as a noun it qualifies)
            if _NAMED_NOUN.match(np) and _FINITE_VERB.search(rel) and len(rel.split()) >= 3 and \
                    (has_finite_verb(rel) or has_finite_verb(f"{np} {rel}")) \
                    and not _HEDGE_RE.search(rel) and not _STRONG_OPINION_RE.search(rel):
                # "The FTSE 100 lender, which returned to private ownership earlier this year, said ...":
                # what the clause tells of a named or definite noun is a claim of its own, not left out
                pieces.append(_Piece(f"{np[:1].upper() + np[1:]} {rel.rstrip(' .')}."))
            text = text[:match.start()] + kept + " " + text[end:]
        elif _HEDGE_RE.search(rel) or _STRONG_OPINION_RE.search(rel):
            # "..., which may prove his undoing": a comment on the claim, not part of it
            text = text[:match.start()] + kept + "."
    future_rel = _FUTURE_RELATIVE.search(text)
    if future_rel and parse_quantities(future_rel.group("rel")):
        # "jury selection for the case which would last for six weeks": what the case will do
        # is a forecast of its own; the sentence keeps the rest
        np = future_rel.group("np")
        pieces.append(_Piece(f"{np[:1].upper() + np[1:]} {future_rel.group('rel').rstrip(' .')}."))
        text = text[:future_rel.start()] + np + text[future_rel.end():]
    main: list[_Piece] = []
    for clause in _mended_pieces(text, ctx):
        if not clause or len(clause.split()) < 3:
            continue
        for part in (dashed for added in _ADDING_THAT.split(clause) for dashed in _DASH_CLAUSE.split(added)):
            with_ = _WITH_PREDICTING.search(part)
            if with_:
                who = with_.group("who").strip()
                main.append(_Piece(part[:with_.start()]))
                rest = part[with_.end():]
                if with_.group("verb").lower().startswith(("expected", "likely", "set", "poised")):
                    # ", with construction expected to begin late in 2022": "Construction is expected to ..."
                    be = f"{_agreeing('is', who)} " if who else ""
                    main.append(_Piece(f"{who[:1].upper() + who[1:]} {be}{with_.group('verb')} {rest}"))
                elif who and not _FINITE_VERB.search(rest):
                    # ", with analysts anticipating another decline": what they anticipate is no clause
                    verb = with_.group("verb").lower()[:-3]
                    verb += "e" if verb.endswith(("anticipat", "estimat")) else ""
                    main.append(_Piece(f"{who[:1].upper() + who[1:]} {verb} {rest}", speaker=who, verb="predicted"))
                else:
                    main.append(_Piece(rest, speaker=who or None, verb="predicted"))
                continue
            named = [p for clause in _adjuncts(part) for p in _NAMED_SAID.split(clause)]
            for number, sub in enumerate(named):
                # "The bricks were made in Maryland, and Dabek said the company ...": what Dabek said is his
                said, words = _narrator_attribution(sub) if number and ctx.speaker is None else (None, sub)
                who, how = (_speaker(said.who, ctx.names, None, None), said.verb) if said is not None and said.who \
                    else (None, None)
                for own in _own_subject_clauses(words if who else sub):
                    main.extend(_Piece(z, speaker=who, verb=how) for x in _subjectless(own)
                                for y in _parallel_changes(x) for z in _parsed_clauses(y, ctx))
    out = []
    for piece in main:
        after = _TIME_AFTER.search(piece.text)
        if not (after and parse_quantities(after.group("fact"))):
            after = _AFTER_NAMED_DEED.search(piece.text)     # "ended on November 9 after the union reached a deal"
        if after and re.search(r"\b(?:a|an|\d+|one|two|three|four|five|six|seven|eight|nine|ten|few|several)\s+"
                               r"(?:hours?|days?|weeks?|months?)\s*$", piece.text[:after.start()]):
            after = None        # "comes less than three weeks after the Government announced ...": one timing
        if after:
            out.append(_Piece(piece.text[:after.start()], piece.speaker, piece.verb))
            out.append(_Piece(after.group("fact"), piece.speaker, piece.verb, presupposed=True))
            continue
        for item in _respectively(piece.text) or _quantity_list(piece.text):
            out.append(_Piece(item, piece.speaker, piece.verb))
    for piece in out + pieces:
        if piece.kind is None:
            piece.speaker = piece.speaker or speaker
        piece.verb = piece.verb or verb
        if resolves_at and piece.kind is None:
            piece.resolves_at = resolves_at
    return pieces[:1] + out + pieces[1:] if meeting and pieces else out + pieces


# ", but cut its outlook to $3 a share": a deed of the subject before, done to its own thing (and
# that subject may be who reported: "The company reported higher profit, but cut its outlook")
_OWN_DEED = re.compile(r"(?:also\s+|still\s+)?(?:cut|raised|lowered|trimmed|lifted|kept|held|maintained|reiterated|"
                       r"reaffirmed|reported|posted|recorded|booked)\s+(?:its|their|his|her)\s")
_OPENS_WITH_VERB = re.compile(r"(?:is|are|was|were|will|would|could|can|may|might|has|have|had|(?:does|did|do)\s+not|"
                              r"(?:is|are|was|were|does|did|do|has|have|had|wo|ca)n[’']t)\s+[a-z]|"    # ("isn't going to")
                              # ", but still expects further upside": a forecast verb of the same subject
                              r"(?:still\s+|also\s+|now\s+)?(?:expects|sees|forecasts|predicts|projects|estimates|"
                              r"anticipates|plans|intends|aims|hopes|remains|continues|remained|stayed)\s+[a-zA-Z$€£\d]|"
                              # ", but show little sign of recovery": what the same subject shows
                              r"(?:still\s+)?(?:show|shows|showed)\s+(?:little|no|few|some|any|more|fewer)\s+signs?\b|"
                              # ", but rose by 4 per cent to 33.7 million": a change of the same subject
                              rf"(?:{_PAST_CHANGE})"
                              r"\s+(?:by\s+|to\s+)?(?:about\s+|around\s+|nearly\s+|almost\s+)?[$€£\d]|"
                              rf"{_OWN_DEED.pattern}")
# ", but said on Thursday the company ...", ", but offered a forecast below ...": a verb in the past, of
# the same subject where that is a name the parser agrees on
_OPENS_WITH_PAST = re.compile(r"(?:(?:said|told|added|warned)\s+(?:on|that)\b|"
                              # ", but afterwards declared work would begin": what the same person said later
                              r"(?:afterwards|later|subsequently)\s+(?:said|declared|added|insisted|told)\b|"
                              r"(?:offered|gave|made|took|(?!need|feed|seed|speed|bed|red)[a-z]{3,}ed)\s+"
                              r"(?:a|an|the|its|their|his|her|no)\b)")
# "Mr Cameron", "Netflix": a subject that is a name
_NAME_SUBJECT = re.compile(r"(?:Mr|Mrs|Ms|Dr)?\.?\s*[A-Z][\w&.’'\-]*(?:\s+[A-Z][\w&.’'\-]*){0,3}")


def _named_subject(subject: str, clause: str) -> str | None:
    """The subject a verb in the past after ", but" takes: only a name the parser also reads as the
    subject of ``clause`` ("Mr Cameron previously" -> "Mr Cameron"; not "Smartphones and computers")."""
    subject = re.sub(r"(?:\s+[a-z]+ly)+$", "", subject)
    if _NAME_SUBJECT.fullmatch(subject) and subject.split()[0] not in _DETERMINERS and \
            subject_of(clause) in (subject, subject.split()[-1]):
        return subject
    return None


def _mended_pieces(text: str, ctx: _Context) -> list[str]:
    """``text`` cut at ``_CLAUSE_SPLIT``, mended: a piece with no verb, value or date goes back to
    the clause before it, with the words that cut them apart ("owns the Ravensthorpe zinc mine in
    Western Australia; the Las Cruces zinc mine in Spain; ..." is one list, not a claim per mine);
    a piece that opens with its verb takes the subject before it."""
    cut = re.split(f"({_CLAUSE_SPLIT.pattern})", text)       # pieces, each after the words that cut it off
    out: list[str] = []
    for joiner, clause in zip(["", *cut[1::2]], cut[::2]):
        if out and out[-1].count("(") > out[-1].count(")"):
            out[-1] += joiner + clause       # "1,000 riyals ($267; £217) per month": a cut inside brackets
            continue
        if out and re.fullmatch(r",\s+but\s+", joiner) and clause.startswith("also ") and \
                re.search(r"\bnot only\b", out[-1], re.IGNORECASE):
            out[-1] += joiner + clause       # "not only for civilians, but also for the military": one clause
            continue
        if out and _CHANGE_AFTER.fullmatch(clause.strip().rstrip(".")):
            out[-1] += joiner + clause       # "estimated at 9.4 million tons; down 24.7 per cent from 2008": its change
            continue
        if out and re.fullmatch(r",\s+and\s+", joiner) and not _FINITE_VERB.search(out[-1]) and not has_verb(out[-1]):
            # "For blue whiting, the EU, Norway, Iceland, and the UK agreed to ...": the last of a list
            # of subjects, not a clause of its own
            out[-1] += joiner + clause
            continue
        plain = bool(out) and bool(_OPENS_WITH_VERB.match(clause))
        subject = _subject(out[-1]) if plain or (out and _OPENS_WITH_PAST.match(clause)) else None
        if subject and not plain:
            subject = _named_subject(subject, out[-1])
        if subject and _said_in(out[-1]) and not (_OWN_DEED.match(clause) and re.match(
                rf"{re.escape(subject)}\s+(?:also\s+)?(?:{_SAY_VERBS})\b", out[-1])):
            subject = None                    # (a speaker is no subject of what follows)
        # "UK and Ireland orders flatlined ...": the word read as the verb ends in -s and may be the
        # noun ("orders"), so the parser says (and only then: it reads the whole clause)
        taken_for_verb = out[-1][len(subject):].split()[:1] if subject and out[-1].startswith(subject) else []
        parsed = subject_of(out[-1]) if taken_for_verb and taken_for_verb[0].endswith("s") else None
        if parsed and parsed.startswith(subject + " ") and out[-1].startswith(parsed):
            subject = parsed
        if subject and len(subject.split()) <= 8 and not re.search(r"[(),]|\s(?:as|when|whilst|while)\s|\sto$", subject) and \
                not re.match(r"(?:this|that|i)$|(?:about|around|nearly|almost|more|some|over)\b",
                             subject, re.IGNORECASE):
            # "OECD demand rose 80,000 bpd, but is set to contract ...": the verb of the first subject
            clause = f"{subject[:1].lower() + subject[1:] if subject.split()[0] in _DETERMINERS else subject} {clause}"
            out.append(clause)
            continue
        if out and clause and not re.search(r"\d", clause) and not find_dates(clause, ctx.document_date, None) and \
                not has_verb(clause):
            out[-1] += joiner + clause
        else:
            out.append(clause)
    return out


def _said_in(text: str) -> bool:
    """Whether ``text`` has a verb of saying ("added", "estimated"), not an adjective of that form
    ("amid continued cost-of-living pressures", "an estimated 2,000")."""
    return any(not re.search(r"\b(?:amid|the|a|an|its|their|of|with|for|despite)\s+$", text[:said.start()], re.IGNORECASE)
               for said in re.finditer(rf"\b(?:{_SAY_VERBS})\b", text))


def _parsed_clauses(clause: str, ctx: _Context) -> list[str]:
    """What the rules left joined, split by the parser where each clause holds a value or a date."""
    values = sum(1 for q in parse_quantities(clause) if _is_claim_quantity(q))
    if values < 2 and values + len(find_dates(clause, ctx.document_date, None, years=ctx.years)) < 2 and \
            not re.search(r",\s+and\s+[A-Z]", clause):
        # (dates only looked for when the values alone do not settle it; ", and Israel defeated ...":
        # a second deed with a name for its subject may stand alone without a value)
        return [clause]

    def anchored(text: str) -> bool:
        return any(_is_claim_quantity(q) for q in parse_quantities(text)) or \
            bool(find_dates(text, ctx.document_date, None, years=ctx.years))
    parts = clause_parts(clause, anchored)
    when = _DAY_WHEN.search(clause)
    if when and len(parts) > 1:
        # "The jackpot was last won on October 11, when a ticket in California won $1.765 billion":
        # the clause split off happened on that day too
        after = clause[when.end():when.end() + 30].lower()
        parts = [f"{part.rstrip(' .')} {when.group('day')}." if part.lower().startswith(after[:15]) and
                 not any(d["precision"] == "day" for d in find_dates(part, ctx.document_date, None, years=ctx.years))
                 else part for part in parts]
    return parts


_DAY_WHEN = re.compile(rf"\b(?P<day>(?:on|next|this|last)\s+(?:{_WEEKDAY_RE}|{_MONTH_RE}\.?\s+\d{{1,2}}(?:,\s+\d{{4}})?))"
                       r"\s*,?\s+when\s+")


def _said_without_verb(left: str) -> bool:
    """Whether what ``left`` says someone said has no verb yet ("Artola said relaxation of capital gains
    taxes ..."): the "and" after it joins two nouns that share the verb after it ("... and some
    industry regulation should help")."""
    said = re.search(rf"\b(?:{_SAY_VERBS})\s+(?:that\s+)?(?P<said>[^,;]+)$", left)
    return bool(said) and not _FINITE_VERB.search(said.group("said"))


def _noun_before_and(left: str) -> bool:
    """Whether what ``left`` ends with, after its last comma or conjunction, is a bare noun of a few
    words ("... only charcoal or briquettes"): an "and" right after it (no comma, no closing mark)
    joins that noun to the subject of the verb after it ("... and dry-seasoned wood may be burned"),
    it starts no clause."""
    last = re.split(r"[,;]|\b(?:and|or|but|that)\b", left)[-1].split()
    return left[-1:].isalnum() and 0 < len(last) <= 4 and not _FINITE_VERB.search(" ".join(last))


def _own_subject_clauses(clause: str) -> list[str]:
    """"X had voted early and a further 2.1 million had applied" -> the two clauses."""
    for match in _AND_OWN_SUBJECT.finditer(clause):
        left, right = clause[:match.start()], clause[match.end():]
        # "the iPhone 16 and iPhone 16 Plus will ...": two names sharing one verb, not two clauses
        names = re.search(r"(?:^|\s)[A-Z0-9][\w.’'\-]*$", left) and re.match(r"\S*[A-Z0-9]", right)
        between = re.search(r"\bbetween\s+(?:[\w$€£.,%’'\-]+\s+){0,2}[\w$€£.,%’'\-]+$", left)
        # "... while the process plant and mine site are 74pc complete": two nouns sharing one verb
        shared = re.search(r"\b(?:whilst|while|whereas|although)\s+(?:the|its|their|his|her)\s+(?:[\w\-]+\s+){0,3}[\w\-]+$", left)
        # "a regional assembly and export hub, and has long been ...": the second noun ends the first
        # clause, and its verb is the next clause's
        noun_pair = re.match(r"[^,]{1,40},\s+(?:and|but)\s+(?:has|have|had|is|are|was|were|will|would)\b", right)
        # "X said lightning and strong winds were expected": two nouns of what was said, one verb
        said_nouns = re.search(rf"\b(?:{_SAY_VERBS})\s+(?:that\s+)?(?:[\w\-]+\s+){{0,2}}[\w\-]+$", left) or \
            _said_without_verb(left)
        # "Iger announced in 2014 that the conglomerate and its partners would sink ...", "Trump's
        # increased tariffs on steel and aluminum imports have now taken effect": the verb before is
        # another clause's, or no verb at all; the "and" joins two nouns of one subject
        own = re.split(r"\bthat\s+", left)[-1]
        if _FINITE_VERB.search(own) and len(left.split()) >= 3 and len(right.split()) >= 3 and not names \
                and not between and not shared and not noun_pair and not said_nouns and has_finite_verb(own) \
                and not (match.group().startswith(" ") and _noun_before_and(left)):
            return [left, *_own_subject_clauses(right)]
    return [clause]


# (unlike _RELATIVE's noun, a name may end in a number: "Gadar 2, which ... and is looking for")
_ANTECEDENT = re.compile(r"(?P<np>\b[A-Z][\w&.’'\-]*(?:\s+[A-Z0-9][\w&.’'\-]*){0,3}|\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+"
                         r"(?:[\w’'\-]+\s+){0,3}[\w’'\-]+),\s+(?:which|who)\s")


def _subjectless(clause: str) -> list[str]:
    """"Brent has stayed in a range this year and on Monday was trading around $72, having hit ..."
    -> three clauses, each with the subject of the first."""
    splits = [m for m in (_AND_SUBJECTLESS, _HAVING, _AND_ON_DATE, _AND_ANOTHER) if m.search(clause)]
    if not splits:
        return [clause]
    parts = [clause]
    for pattern in (_AND_SUBJECTLESS, _HAVING, _AND_ON_DATE, _AND_ANOTHER):
        parts = [p for part in parts for p in pattern.split(part)]
    first = parts[0]
    subject = _subject(first) or subject_of(first)       # ("The Conservatives lead by ...": "lead" is no listed verb)
    if re.search(r",\s+(?:that|which|who)\s", first):
        # "Thailand is the largest market for BYD, which commanded a 46% share ... and is the third-largest
        # player": the verb goes on the relative clause, whose subject is the noun before it
        antecedent = ([m.group("np") for m in _ANTECEDENT.finditer(first)] or [None])[-1]
        if antecedent is None or _TIME_ADVERB.fullmatch(antecedent) or _TIME_NOUN.fullmatch(antecedent):
            return [clause]
        subject = antecedent[:1].upper() + antecedent[1:]
    out = [first]
    for part in parts[1:]:
        part = part.strip()
        article = re.search(r"\b(?:a|an)\s+", first[len(subject or ""):]) if subject else None
        if part.startswith("another ") and article:
            out.append(f"{first[:len(subject or '') + article.start()].rstrip()} {part}")
        elif subject:
            part = re.sub(r"^having\s+", "had ", part)
            when = _ON_DAY.search(first)
            if when:        # "... meet again on July 24 and would decide then" -> "decide on July 24"
                part = re.sub(r"\bthen\b", when.group(), part, count=1)
            out.append(f"{subject} {part}")
        else:
            out.append(part)
    return out


_CHANGE_BASE = {"rising": "rise", "falling": "fall", "growing": "grow", "shrinking": "shrink", "climbing": "climb",
                "dropping": "drop", "declining": "decline", "increasing": "increase", "decreasing": "decrease",
                "easing": "ease", "slowing": "slow", "accelerating": "accelerate"}
_CHANGE_ING = "(?:" + "|".join(_CHANGE_BASE) + ")"
_AND_THEN_CHANGE = re.compile(rf",?\s+(?:and|before)\s+(?:then\s+)?(?P<ing>{_CHANGE_ING})\s")


def _parallel_changes(clause: str) -> list[str]:
    """"The board foresees sales falling 1.1% this year and then rising 13.9% in 2024", "exports
    are forecast to grow 2% this year before slowing to 1.5%": two forecasts, each with the lead
    of the first ("The board foresees sales", "exports are forecast to")."""
    split = _AND_THEN_CHANGE.search(clause)
    if not split:
        return [clause]
    left, right = clause[:split.start()], clause[split.start("ing"):]
    verbs = rf"{_CHANGE_ING}|(?<=to )(?:{'|'.join(_CHANGE_BASE.values())})"
    lead = None
    for lead in re.finditer(rf"\b(?:{verbs})\s", left):
        pass
    if lead is None or not parse_quantities(left[lead.start():]) or not parse_quantities(right):
        return [clause]
    if not lead.group().strip().endswith("ing"):          # "to grow 2% ... before slowing" -> "to slow"
        right = _CHANGE_BASE[split.group("ing")] + right[len(split.group("ing")):]
    return [left.rstrip(" ,") + ".", f"{left[:lead.start()].rstrip()} {right}"]


def _clause_units(text: str, ctx: _Context) -> list[Unit]:
    units: list[Unit] = []
    if ctx.question:
        return [unit for unit, _ in _measured_units(text, ctx)]
    base_ctx = ctx
    for piece in _split_clause(text, base_ctx):
        clause = piece.text
        if not clause or len(clause.split()) < 3:
            continue
        ctx = replace(base_ctx, speaker=piece.speaker or base_ctx.speaker, verb=piece.verb or base_ctx.verb,
                      resolves_at=piece.resolves_at, kind=piece.kind)
        if piece.presupposed:
            unit = _make_unit(clause, ctx, presupposed=True)
            if unit is not None and unit.kind != "opinion":
                units.append(unit)
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
    """Every claim-bearing clause of a document body, in reading order.

    A forecast that names no date of its own ("the iPhone 16 Pro models are expected to get a
    $100 price hike") resolves with the scheduled event the document previews: the first event
    it dates within six weeks after its own date (a vote or an election: the day after, when
    the count is known)."""
    units = list(_units(body, document_date=document_date, outlet=outlet))
    _date_named_occasions(units, document_date)
    settles, anchor = _anchor(units, document_date)
    if anchor is not None and settles is not None:
        for unit in units:
            if unit.kind == "event" and unit.event_date is None and (
                    _AT_CLOCK_TIME.search(unit.statement) or _same_occasion(unit.statement, anchor.statement)):
                # "The decision will be announced at 12:00 GMT": on the day the document previews
                unit.event_date = unit.resolves_by = anchor.resolves_by or anchor.event_date
                unit.slots["resolves_with"] = anchor.statement
            if unit.kind != "forecast":
                continue
            own = _horizons_ahead(unit, document_date)
            # "expected to cut rates next week" in a text about the meeting of 18 September: the
            # meeting within that week decides it
            start = date.fromisoformat(own[0]["date"]) if own else None
            if start is not None and own[0]["precision"] == "week":
                start -= timedelta(days=start.weekday())          # "next week" runs from its Monday
            decided_there = start is not None and own[0]["precision"] in ("week", "month") and \
                start.isoformat() <= settles <= own[0]["end"] and bool(_OUTCOME_VERB_RE.search(unit.statement)) \
                and bool(re.search(r"\b(?:meeting|meets|decision)\b", anchor.statement, re.IGNORECASE))
            # "deliveries of just under 400,000 for the second quarter" in a preview of the report
            # of 2 July: the quarter's figure is known when it is reported
            reported_there = bool(own) and own[0]["precision"] in ("month", "quarter", "half", "year") and \
                own[0]["end"] < settles <= (date.fromisoformat(own[0]["end"]) + timedelta(days=45)).isoformat() and \
                bool(re.search(r"\b(?:reports?|reporting|publish(?:es)?|releases?|results|figures|data|earnings)\b",
                               anchor.statement, re.IGNORECASE))
            if reported_there:
                unit.resolves_by = settles
                unit.slots["resolves_with"] = anchor.statement
                continue
            if (unit.resolves_by is None and not own) or decided_there:
                unit.resolves_by = settles
                if decided_there:
                    unit.event_date = settles
                unit.slots["resolves_with"] = anchor.statement
    _shared_horizons(units, document_date)
    for unit in units:
        if unit.kind == "event" and unit.event_date is None and document_date and \
                _AT_CLOCK_TIME.search(unit.statement) and not unit.slots.get("dates"):
            # "Totality will hit western Ohio about 3:10 p.m.", with no day named anywhere: today
            unit.event_date = unit.resolves_by = document_date
            unit.slots["date_from"] = "the document's date"
    yield from units


def date_undated_events(claims: list[Any], document_date: str | None) -> None:
    """"Council voted 13-3 in favour of the deal.", "Farah won in 2:05:11.": a happening the text
    reports without its day happened on the day of the last event it dated in the week before it
    was written, or else on the day it was written; "Santa will travel along the high street"
    happens on the day of the last event ahead it dated. Each says where its day came from. A
    fact told in the past without a date ("Fans returned to the Bundesliga.") took place on such a
    day too, and its ``event_date`` says so (its kind stays what the reader made it); so does a
    figure of a deed ("Councillors voted 13-3 to ...", ``_DEED_VERB``), not one of a level.
    (``claims``: units or claims, in reading order, once their kinds are final.)"""
    if not document_date:
        return
    week_before = (date.fromisoformat(document_date) - timedelta(days=7)).isoformat()
    dated: list[Any] = []
    for claim in claims:
        if not getattr(claim, "active", True) or claim.kind not in ("event", "fact", "quantity"):
            continue
        if claim.kind == "event" and claim.event_date is not None:
            if any(d["precision"] == "day" and d["date"] == claim.event_date for d in claim.slots.get("dates", [])):
                dated.append(claim)
            continue
        if claim.event_date is not None or any(not _record_since(d, claim.statement) for d in claim.slots.get("dates", [])):
            continue            # (a date of its own, though no day: left as it is)
        tense = clause_tense(claim.statement)
        if claim.kind == "event" and tense == "future":
            ahead = [c for c in dated if c.event_date >= document_date]
            if ahead:
                claim.event_date = claim.resolves_by = ahead[-1].event_date
                claim.slots["date_from"] = ahead[-1].statement
            continue
        if claim.kind == "fact" and tense != "past":
            continue            # ("The plant has about 200 employees.": a state, no day)
        if claim.kind == "quantity" and (tense != "past" or not _DEED_VERB.search(claim.statement)):
            continue
        recent = [c for c in dated if week_before <= c.event_date <= document_date]
        claim.event_date = recent[-1].event_date if recent else document_date
        claim.slots["date_from"] = recent[-1].statement if recent else "the document's date"


def share_horizons_read(claims: list[Any], document_date: str | None) -> None:
    """The horizon sharing of ``_shared_horizons`` again once the kind reader has read the claims:
    a claim it turned into a forecast ("Rice output is estimated to rise by 1.2% to 120.32 million
    tonnes.", after "Wheat output is expected to go up by 1.3% in 2020-21") shares the horizon of
    the last claim before it that names one ahead, as the rules' forecasts do, or of an event ahead
    ("... until the Bruins play the Panthers on Sunday": what "a victory for the Panthers would
    see" is settled then)."""
    last: Any = None
    for claim in claims:
        if not getattr(claim, "active", True):
            continue
        own = _horizons_ahead(claim, document_date)
        if claim.kind == "forecast" and claim.resolves_by is None and not own and last is not None and \
                not _NEW_MATTER.match(claim.quote):
            claim.resolves_by = last.resolves_by
            claim.slots["horizon_from"] = last.statement
        if _bounds_others(own) and claim.resolves_by and (claim.kind in ("forecast", "fact", "quantity") or
                                                          claim.kind == "event" and claim.resolves_by > (document_date or "")):
            last = claim


# verbs of a deed done on a day, not of a figure's level or change ("voted 13-3", "finished in 2:07:57",
# "lifted the cash rate by 50 basis points to 1.85 per cent"; not "prices were up 2.8 percent")
_DEED_VERB = re.compile(r"\b(?:voted|finished|clocked|crossed|won|scored|lifted|lowered|hiked|kept|placed|agreed|approved|"
                        r"passed|signed|beat|defeated|claimed|secured|completed|overcame|outsmarted|ran|raced|"
                        r"went down|took home|brought it|awarded|opened|reopened|launched|unveiled|cut|raised|"
                        r"winning|finali[sz]ed|broke|smashed|equall?ed|clinched|captured|retained|"
                        r"left\s+(?:\w+\s+){0,3}?unchanged)\b")


def _bounds_others(own: list[dict[str, Any]]) -> bool:
    """Whether the horizons a claim names (``own``) bound the forecasts after it that name none: not
    when they only say how long the thing itself takes (``find_dates``' "stretch": "The project will
    take 62 months to be completed." is no horizon of "The project will generate 758 million units
    a year.")."""
    return any(not d.get("stretch") for d in own)


# "Separately, egg prices are expected to climb 20%.": another matter, which the horizon before
# does not bound
_NEW_MATTER = re.compile(r"(?:Separately|Meanwhile|Elsewhere|In other (?:news|matters|business)|On another note)\b",
                         re.IGNORECASE)


def _shared_horizons(units: list[Unit], document_date: str | None) -> None:
    """"The USDA forecast a 3.4% rise in food prices for 2025. Beef prices are set to rise by
    3.2%, pork by 1.2%": a forecast naming no horizon shares the horizon of the last forecast
    before it that names one, or of a fact or figure told of a time ahead ("Prices rise 9.5% from
    July 1."), in its paragraph or an earlier one (and says which claim it came from, for the
    reviewer)."""
    _sentence_final_horizons(units, document_date)
    last: Unit | None = None
    change: Unit | None = None        # the last dated change decided ("On April 21, a weekly pass will rise to $33")
    # the change a document opens with ("New fares will take effect tomorrow, December 1st"): each
    # fare it then lists "will increase" on that day
    changes = [u for u in units if u.kind == "event" and u.event_date and _DECIDED_CHANGE.search(u.statement)]
    lead = changes[0] if changes and changes[0].paragraph <= 1 and len({u.event_date for u in changes}) == 1 and \
        (document_date is None or changes[0].event_date >= document_date) else None
    for unit in units:
        if unit.kind == "event" and unit.event_date and _DECIDED_CHANGE.search(unit.statement):
            change = unit
        own = _horizons_ahead(unit, document_date)
        if unit.kind != "forecast":
            if unit.kind in ("fact", "quantity") and _bounds_others(own) and unit.resolves_by:
                last = unit        # ("Fares rise 5% from July 1. A day pass will cost $9.": July 1 bounds both)
            continue
        decided = change if change is not None and change.paragraph == unit.paragraph else \
            lead if not unit.slots.get("dates") else None          # (a day of its own, even gone, is its own)
        if not own and decided is not None and \
                _DECIDED_CHANGE.search(unit.statement) and not _HEDGE_RE.search(unit.statement):
            # "... A monthly pass will increase to $127.": the same decision, the same day
            unit.kind, unit.event_date, unit.resolves_by = "event", decided.event_date, decided.resolves_by
            unit.slots["date_from"] = decided.statement
            continue
        if unit.resolves_by is None and not own and last is not None and not (
                last.paragraph != unit.paragraph and _NEW_MATTER.match(unit.quote)):
            unit.resolves_by = last.resolves_by
            unit.slots["horizon_from"] = last.statement
        if _bounds_others(own) and unit.resolves_by:
            last = unit


def _sentence_final_horizons(units: list[Unit], document_date: str | None) -> None:
    """"The agency expects to welcome 35 million foreign tourists and encourage 200 million
    domestic trips next year": a horizon closing the sentence bounds every forecast split from it."""
    for index, unit in enumerate(units):
        if unit.kind != "forecast" or unit.resolves_by is not None:
            continue
        for sibling in units[index + 1:]:
            if sibling.quote != unit.quote:
                break
            own = _horizons_ahead(sibling, document_date)
            if sibling.kind == "forecast" and sibling.resolves_by and own and \
                    re.search(re.escape(own[-1]["text"]) + r"[\W]*$", unit.quote):
                unit.resolves_by = sibling.resolves_by
                unit.slots["horizon_from"] = sibling.statement
                break


_OCCASION_FAMILIES = (("vote", "votes", "election", "elections", "ballot", "polls", "referendum"),
                      ("meeting", "meetings", "decision"), ("summit", "conference"), ("final", "match", "game"),
                      ("launch", "liftoff"), ("hearing", "trial", "ruling", "verdict"))


def _date_named_occasions(units: list[Unit], document_date: str | None) -> None:
    """"If either wins the June vote, she would be the first female president": the June vote is
    the election the document dates elsewhere ("... on June 2"), and the forecast resolves then;
    dated nowhere, an occasion in a month ahead resolves at that month's end ("the August meeting
    could still see a cut", written in July)."""
    for unit in units:
        if unit.kind != "forecast" or unit.resolves_by is not None:
            continue
        named = re.search(rf"\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?P<month>{_MONTH_RE})\s+(?P<noun>[a-z]+)\b", unit.statement)
        family = next((f for f in _OCCASION_FAMILIES if named and named.group("noun") in f), None)
        if family is None:
            continue
        month = month_number(named.group("month"))
        for event in units:
            if event.kind == "event" and event.event_date and int(event.event_date[5:7]) == month and \
                    re.search(rf"\b(?:{'|'.join(family)})\b", event.statement, re.IGNORECASE):
                unit.resolves_by = event.event_date
                unit.slots["resolves_with"] = event.statement
                break
        else:
            ahead = find_dates(named.group("month"), document_date, future=True) if document_date else []
            if ahead and ahead[0]["end"] >= document_date:
                unit.resolves_by = ahead[0]["end"]


def _same_occasion(statement: str, anchor: str) -> bool:
    """"... at the end of the two-day meeting" in a preview of a meeting: that meeting."""
    occasion = re.search(r"\b(?:the|its|their)\s+(?:[\w’'\-]+\s+){0,2}?(?P<noun>meeting|summit|conference|"
                         r"vote|election|hearing|session|trial|launch|game|final|match)\b", statement, re.IGNORECASE)
    return bool(occasion and re.search(rf"\b{occasion.group('noun')}s?\b", anchor, re.IGNORECASE))


def _anchor(units: list[Unit], document_date: str | None) -> tuple[str | None, Unit | None]:
    """(the day it settles things, the claim) of the scheduled event a document previews: the
    first event, or forecast about a meeting, vote or launch, with a day within six weeks after
    the document's date; a vote or an election settles the day after, when the count is known."""
    if not document_date:
        return None, None
    limit = (date.fromisoformat(document_date) + timedelta(days=42)).isoformat()
    for unit in units:
        days = [d for d in unit.slots.get("dates", []) if d["precision"] == "day"
                and document_date <= d["end"] <= limit and not _said_that_day(d["text"], unit.statement)]
        # an event, or a forecast of a meeting or of an outcome on that day ("expected to cut
        # rates on Thursday")
        if not days or not (unit.kind == "event" or unit.kind == "forecast" and (
                _SCHEDULED_RE.search(unit.statement) or _OUTCOME_VERB_RE.search(unit.statement))):
            continue
        if days[0]["end"] == document_date and (clause_tense(unit.statement) != "future" or
                                                 _reports_past_deed(unit.statement)):
            continue        # "The Met Office issued its outlook on Wednesday": done that day, settles nothing
        settles = date.fromisoformat(days[0]["end"])
        if re.search(r"\b(?:election|polls|vote|votes|referendum|ballot)\b", unit.statement, re.IGNORECASE):
            settles += timedelta(days=1)
        return settles.isoformat(), unit
    return None, None


def _said_day(sentence: str, attribution: Attribution, document_date: str | None) -> str | None:
    """The day an opening attribution says something was said ("Orbix announced on Wednesday that
    ..."): the claim's ``event_date`` once the attribution has left the statement."""
    if not attribution.span or attribution.span[0] > 0:
        return None
    days = [d for d in find_dates(sentence[:attribution.span[1]], document_date, False) if d["precision"] == "day"]
    return days[0]["date"] if days else None


def _said_that_day(date_text: str, statement: str) -> bool:
    """"The co-operative announced on Friday that it expects ...": Friday is when it was said, no
    occasion the document previews."""
    at = statement.find(date_text)
    return at >= 0 and said_on(statement[:at], date_text, statement[at + len(date_text):])


def _units(body: str, *, document_date: str | None, outlet: str | None = None) -> Iterator[Unit]:
    names = Names(body, people_named(body))
    years = year_counting(body)
    occasion = occasion_year(body, document_date)
    interviewee: str | None = None
    thing: str | None = None            # what a sentence-initial "It" refers to
    parties: str | None = None          # "Broadcom and VMware": who a sentence's "They" is
    parties_seen = 0                    # sentences since the parties were last referred to
    last_sentence = ""                  # (whose plural subject a "They" opening the next one is)
    before: list[str] = []              # the people the paragraph before named
    open_quote_speaker: str | None = None   # who speaks in a quotation the paragraph before left open
    last_person: str | None = None      # the last person who spoke, for a "he said" in a later paragraph
    named: list[str] = []               # the people the paragraphs before named, in order
    read = ""                           # the text up to the end of this paragraph
    for index, paragraph in enumerate(paragraphs(body)):
        read += paragraph.text + "\n"
        interviewee = _interviewee(paragraph.text, names, outlet) or interviewee
        # a quotation runs on over paragraphs that each open with a quotation mark and only the last
        # closes: the one who spoke before speaks on
        continued = open_quote_speaker if re.match(r"\s*[“\"]", paragraph.text) else None
        paragraph_speaker: str | None = continued
        # a paragraph opening with "He" or "She" after one that named one person only: that person
        carried = before[0] if len(set(before)) == 1 else None
        # a "he said" with nobody speaking in this paragraph yet: the one person the paragraph before
        # named, else the last person who spoke, else the last one named ("He said further reductions
        # could be warranted")
        in_view = carried or last_person or (named[-1] if named else None)
        mentioned: list[str] = []
        previous_quote_speaker: str | None = continued
        quote_open = False          # a quotation an earlier sentence of this paragraph opened and left open
        for sentence in _sentences(paragraph.text):
            if quote_open and not re.search(r"[“”\"]", sentence):
                # ('Wenger added: “We are happy ... He has shown ...': his words too; a sentence with
                # marks of its own is read as it stands)
                sentence = "“" + sentence
            quote_open = _leaves_quote_open(sentence)
            came_as = _CAME_AS.match(sentence)
            if came_as:              # "It came as the government announced ...": what it came as is the claim
                sentence = sentence[came_as.end():came_as.end() + 1].upper() + sentence[came_as.end() + 1:]
            said_day: str | None = None
            own_parties = _plural_subject(sentence, names)
            # "Qantas shares were down ... They ended the day at $6.31": the shares
            they = plural_subject(last_sentence) if not (own_parties or parties) and last_sentence and \
                re.match(r"They\s", sentence) else None
            last_sentence = sentence
            quotes = find_quotes(sentence)
            quoted_chars = sum(e - s for s, e in quotes)
            sentence = _TICKER_ASIDE.sub("", _INLINE_CREDIT.sub("", _CAPTION_CREDIT.sub("", sentence))).strip()
            if not sentence or _COPYRIGHT.search(sentence) or _contact_line(sentence) or \
                    _READER_DIRECTION.search(sentence) or \
                    _CREDIT_LINE.match(sentence) or \
                    _WIRE_CREDIT.match(sentence):
                continue                     # "© Richard A. Brooks / AFP" after a caption
            # the writer's own question ("Why the ebbing growth ...?") asks, it does not claim
            question = paragraph.role == "question" or (paragraph.role == "text" and not quotes and
                                                        sentence.rstrip(" ”\"'’").endswith("?"))
            if quotes and (quoted_chars >= 0.5 * len(sentence) or _LEADS_INTO_QUOTE.match(sentence[:quotes[0][0]]) and
                           not sentence[quotes[-1][1]:].strip(" .”\"'’")):
                outside = "".join(ch if not any(s <= i < e for s, e in quotes) else " "
                                  for i, ch in enumerate(sentence))
                attribution = tail_attribution(outside)
                said_by_it = _IT_SAID.search(outside) if attribution.who is None else None
                if said_by_it:
                    # '"Inflationary pressure is likely to ease," it said.': the organisation in view
                    body = _tail_body("it", sentence, names, read, thing)
                    attribution = Attribution(body, said_by_it.group("verb"), said_by_it.span()) if body else attribution
                speaker = _named_body(attribution.who or "", read) or \
                    _speaker(attribution.who, names, paragraph_speaker, interviewee, in_view)
                if attribution.who is None:
                    speaker = previous_quote_speaker or paragraph_speaker or interviewee
                previous_quote_speaker = speaker
                if attribution.who:
                    paragraph_speaker = speaker
                texts = []
                for start, end in quotes:
                    inner = sentence[start:end].strip("“”\"‘’' ")
                    # 'said he "would not be surprised to see ..."': the quote goes on the words before it
                    pronoun = re.search(r"\b(?:he|she|they|we)\s*$", sentence[:start])
                    if pronoun and inner[:1].islower():
                        people = names.people_in(sentence[:start]) or ([speaker] if speaker else [])
                        who = people[0] if pronoun.group().strip() in ("he", "she") and people else pronoun.group().strip()
                        inner = f"{who[:1].upper() + who[1:]} {inner}"
                    texts.extend(_sentences(inner))
                verb, quoted = attribution.verb, True
            else:
                if paragraph.role == "answer":
                    attribution, rest = Attribution(None, None, None), sentence
                    speaker = interviewee
                elif question:
                    attribution, rest = Attribution(None, None, None), sentence
                    speaker = None
                else:
                    undated = _DATELINE.sub("", sentence)          # "DOHA- Qatar said ...": Qatar said
                    attribution, rest = narrator_attribution(undated)
                    said_day = _said_day(undated, attribution, document_date)
                    if attribution.span and (_BODY_TAIL.fullmatch(undated, attribution.span[0]) or
                                             _BODY_SPEAKER.fullmatch(attribution.who or "")):
                        # "..., the retail giant said", "The carrier said its revenue rose ...", "...,
                        # it said": the organisation the sentence (or the one before) is about; with
                        # none in view the sentence stays as it is
                        # ("the bureau": only a bureau the text named; "the company": the one in view)
                        body = _tail_body(attribution.who or "", sentence, names, read, thing)
                        if body:
                            attribution = Attribution(body, attribution.verb, attribution.span)
                        elif not _QUALIFIED_BODY.fullmatch(attribution.who or ""):
                            attribution, rest = Attribution(None, None, None), sentence
                        # ("..., the state government said", "..., the RATP metro operator said": a body the
                        # tail itself names well enough to speak)
                    speaker = _speaker(attribution.who, names, paragraph_speaker, interviewee, in_view)
                    if (attribution.who or "").lower() == "they" and parties:
                        speaker = parties            # "They said there's no legal impediment"
                    elif own_parties and attribution.who and own_parties.endswith(attribution.who.strip()):
                        speaker = own_parties        # "Broadcom and VMware said ...": both, not the last
                    if attribution.who:
                        paragraph_speaker = speaker
                texts, verb, quoted = [rest], attribution.verb, False
                previous_quote_speaker = None
            if speaker and names.person(speaker):
                last_person = speaker
            # "Alcaraz was not even born when ..., and he is the youngest champion": a "he" split off a
            # sentence whose subject is a person is that person, not the last one named before
            own_subject = [] if quoted else names.people_in(_subject(_DATELINE.sub("", sentence)) or "")
            for text in texts:
                others = [p for p in mentioned if p != speaker]
                antecedent = own_subject[0] if own_subject else others[-1] if others else \
                    (interviewee if not quoted and speaker is None else None) or (carried if not quoted else None)
                ctx = _Context(names=names, document_date=document_date, speaker=speaker, quote=sentence,
                               quoted=quoted, verb=verb, question=question, antecedent=antecedent,
                               interviewee=interviewee, paragraph=paragraph.text, thing=thing,
                               parties=own_parties or parties or they, years=years, occasion_year=occasion,
                               said_on=None if quoted else said_day)
                for unit in _clause_units(text, ctx):
                    unit.paragraph = index
                    yield unit
                mentioned.extend(p for p in names.people_in(text) if p not in mentioned[-1:])
            mentioned.extend(p for p in names.people_in(sentence) if p not in mentioned)
            thing = _subject_thing(sentence, names) or thing
            # "They", "Their" and "the companies" keep the parties in view for a few sentences more
            if own_parties or re.match(r"^\W*(?:They|Their|The (?:two )?(?:companies|firms|clubs|sides|parties))\b",
                                       sentence) or re.search(r"\b(?:they|their)\b", sentence):
                parties_seen = 0
            else:
                parties_seen += 1
            parties = own_parties or (parties if parties_seen < 3 else None)
        before = mentioned                  # (everyone this paragraph named, in order)
        named.extend(mentioned)
        left_open = paragraph.text.count("“") > paragraph.text.count("”") or \
            "“" not in paragraph.text and paragraph.text.count('"') % 2 == 1
        open_quote_speaker = (previous_quote_speaker or paragraph_speaker) if left_open else None


def _leaves_quote_open(sentence: str) -> bool:
    """Whether ``sentence`` ends inside a quotation it opened with a curly mark (a page that closes
    it with a straight one, '“... the Central Ministries," it said', closes it too)."""
    return sentence.rfind("“") > max(sentence.rfind("”"), sentence.rfind('"'))


def _tail_body(who: str, sentence: str, names: Names, read: str, thing: str | None) -> str | None:
    """The organisation "the company" or "it" of an attribution stands for: the one the sentence
    (or the one before) is about; "the bureau": only a bureau the text named; none for a body the
    tail names itself ("the RATP metro operator")."""
    if re.search(r"\s[A-Z]", who):
        return None
    if _NAMED_BY_WORD.fullmatch(who):
        return _named_body(who, read)
    return _subject_thing(sentence, names) or thing


# a linking word written without its comma before the name of who spoke
# (not "Still", "Now", "So", "Indeed": they start names too, "So Energy said")
_LINKING_ADVERB = re.compile(r"^(?:However|Meanwhile|Moreover|Furthermore|Nevertheless|Nonetheless|Also|Additionally|"
                             r"Separately|Elsewhere|Instead|Finally|Similarly|Likewise|But|And)\s+(?=[A-Z])")


def _speaker(who: str | None, names: Names, paragraph_speaker: str | None, interviewee: str | None,
             in_view: str | None = None) -> str | None:
    if who is None:
        return None
    who = re.sub(rf"^(?:(?:on\s+)?(?:{_WEEKDAY_RE})|today|yesterday)\b,?\s*", "", who.strip(), flags=re.IGNORECASE)
    who = _LINKING_ADVERB.sub("", who)        # "However Boohoo said ...": Boohoo
    if not who or re.fullmatch(rf"{_MONTH_RE}|(?:last|this|next)\s+\w+", who, re.IGNORECASE):
        return None             # "In January, it said ...": a time, not who spoke
    if who.lower() in ("he", "she", "him", "her", "his"):
        return paragraph_speaker or interviewee or in_view
    if who.lower() in ("they", "them"):
        return None
    who = re.sub(r"\s+\([A-Z]{2,6}\)$", "", who)          # "Central Statistics Office (CSO)": its acronym aside
    organisation = re.sub(r"^the\s+", "", who, flags=re.IGNORECASE)
    if organisation in names.acronyms.values() or organisation in names.acronyms:
        return names.acronyms.get(organisation, organisation)        # "the Hong Kong Observatory (HKO)"
    person = names.person(who) or names.by_title(who)
    if person:
        return person
    runs = list(re.finditer(r"[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*", who))
    for run in reversed(runs):
        if re.match(rf"\s+(?:{_EXPERT_GROUPS})\b", who[run.end():]):
            continue               # "J.P. Morgan analysts": the analysts speak, not a person
        person = names.person(run.group())
        if person:
            return person
    # not a person we know: "the national statistics office" ("a Reuters poll on Thursday": the poll)
    who = re.sub(rf"\s+(?:on\s+)?(?:{_WEEKDAY_RE}|today|yesterday)$", "", who)
    who = re.sub(r"\s+(?:conducted|carried out|taken|held|published|released)\b.*$", "", who)   # "a survey conducted from ..."
    return re.sub(r"^(?:the|a|an)\s+", "", who, flags=re.IGNORECASE) or None
