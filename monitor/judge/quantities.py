"""Quantities in text: parsing ("close to 90 minutes", "$300 billion", "1.5-hour", "around 20%",
"one in five", "between 80 and 100 minutes", "$100–120bn") into values with units, scales,
ranges and approximation, and comparing two of them.

Shared by claim extraction (slots) and verdicts (values compared). Pure functions, no I/O.

How a sentence is read:

1. Number words become digits (text2num: "ninety" → 90, "three hundred billion" → 3e11) in a
   normalised copy of the text that keeps a map back to the original offsets, so every
   ``Quantity.text`` is the exact span of the original sentence.
2. One regular grammar finds, in this order: probabilities ("1 in 5", "odds of one in five"),
   spelled-out durations ("an hour and a half", "half an hour", "month-long"), then
   ``[marker] [currency] number [scale] [– number [scale]] [unit]`` (ranges, "bn", "%", "-hour").
3. Dates are not quantities: a unitless year ("1938", "pre-2014") or a day next to a month name
   ("February 12", "12 Feb.") is skipped; claims.py resolves dates with dateparser.

Base units: durations in ``second`` (a month counts 30 days and is approximate, a year 365 days),
money in its ISO code (``USD``, ``EUR``, ``GBP``, ...; no exchange rates, so two currencies are
incomparable), percentages and probabilities as a 0–1 fraction in ``percent``, lengths in
``meter``, masses in ``kilogram``, plain counts of things in ``count``.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Any

from text_to_num import text2num


@dataclass(frozen=True)
class Quantity:
    """One normalised quantity.

    ``value`` is in the base unit (seconds for durations, the ISO currency code for money,
    a 0–1 fraction for percentages and probabilities); ``low``/``high`` are bounds the text
    states: both for a range ("between 80 and 100 minutes"), one for an open bound ("more
    than 100" → low=100, high=None; "up to 5%" → high=0.05). ``approximate`` is set by a
    marker ("close to", "about", "around", "nearly", "some", "or so", ...) or by a vague unit
    (months); comparison then allows ±10 % instead of ±2 %. ``text`` is the original span and
    ``start``/``end`` its character offsets in the parsed text.
    """

    value: float
    unit: str                # "second", "USD", "EUR", "percent", "count", ... (base units)
    text: str                # the source span, e.g. "close to 90 minutes"
    approximate: bool = False
    low: float | None = None
    high: float | None = None
    start: int = 0           # character offsets of ``text`` in the sentence
    end: int = 0
    counted: str | None = None   # for ``count``: the plural noun counted ("people", "troops")


# a race time: hours, minutes and seconds ("2:07:57"), or minutes and seconds with their fraction
# ("1:13.55"); a clock's time ("at 13:46:46 local time", "6:30 p.m.") is none
_RACE_TIME_RE = re.compile(r"(?<![\d:.])(?:(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d(?:\.\d{1,3})?)|"
                           r"(?P<m2>\d{1,2}):(?P<s2>[0-5]\d\.\d{1,3}))(?![\d:])"
                           r"(?!\s*(?i:a\.?m\b|p\.?m\b|GMT|UTC|BST|EST|CET|local|hours?\b|hrs?\b))")

AGREES, DISAGREES, INCOMPARABLE = "agrees", "disagrees", "incomparable"

#: relative tolerance of a value stated exactly, and of one stated approximately
EXACT_TOLERANCE = 0.02
APPROX_TOLERANCE = 0.10

# -- number words -----------------------------------------------------------------------

_UNITS_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty "
                "sixty seventy eighty ninety").split()
_SCALE_WORDS = ("hundred", "thousand", "million", "billion", "trillion")
_NUMBER_WORDS = set(_UNITS_WORDS) | set(_SCALE_WORDS)
_WORD_RUN = re.compile(
    r"\b(?:(?:a|an|and|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b[\s-]*)+",
    re.IGNORECASE)


def _words_to_number(words: list[str]) -> list[tuple[int, int, int]]:
    """Greedy: (first word, last word + 1, value) for the longest parsable runs of ``words``."""
    found = []
    i = 0
    while i < len(words):
        if words[i] in ("and", "a", "an") and not (
                words[i] in ("a", "an") and i + 1 < len(words) and words[i + 1] in _SCALE_WORDS):
            i += 1
            continue
        best = None
        for j in range(len(words), i, -1):
            chunk = words[i:j]
            if chunk[-1] in ("and", "a", "an"):
                continue
            if chunk[0] in ("a", "an"):
                chunk = ["one"] + chunk[1:]
            if chunk[0] in _SCALE_WORDS:
                break          # "300 billion": the scale word belongs to the digits before it
            try:
                best = (i, j, text2num(" ".join(chunk), "en"))
                break
            except ValueError:
                continue
        if best is None:
            i += 1
        else:
            found.append(best)
            i = best[1]
    return found


_DOLLAR_FIRST = re.compile(r"(\$)(US|A|NZ|C)(?=\s?\d)")
_CELSIUS_C = re.compile(r"(?<=\d)C(?![A-Za-z])")
_RAND_R = re.compile(r"(?<![\w&])R(?=\d)")        # South African rand: "R94", "R85.7bn" (not "R&D")
# "499P" is a name (a car, a chip); pence are written with a small p ("50p")
_NAME_P = re.compile(r"(?<=\d)P\b")


def _normalise(text: str) -> tuple[str, list[int]]:
    """Lower-case ``text`` with number words replaced by digits, and a map from each character
    of the result (plus its end) back to an offset in ``text``."""
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    # "40C" is 40 degrees Celsius, "40c" may be cents: the capital C becomes a degree sign
    # "$US107 a tonne" (Australian usage) reads as "US$107": same length, so offsets hold
    # "R94" is 94 rand: the capital R becomes a sign of its own (same length, so offsets hold), and
    # so does the capital P of a name ("Ferrari 499P"), which is no pence
    lowered = _DOLLAR_FIRST.sub(lambda m: m.group(2) + "$",
                                _NAME_P.sub("Þ", _RAND_R.sub("ℛ", _CELSIUS_C.sub("°", text)))).lower()
    for match in _WORD_RUN.finditer(lowered):
        tokens = [(m.group(), match.start() + m.start(), match.start() + m.end())
                  for m in re.finditer(r"[a-z]+", match.group())]
        words = [t[0] for t in tokens]
        for first, last, value in _words_to_number(words):
            start, end = tokens[first][1], tokens[last - 1][2]
            out.append(lowered[pos:start])
            offsets.extend(range(pos, start))
            digits = str(value)
            out.append(digits)
            # every character of the digits maps to the start of the words, the last to their end
            offsets.extend([start] * len(digits))
            pos = end
    out.append(lowered[pos:])
    offsets.extend(range(pos, len(text) + 1))
    return "".join(out), offsets


# -- the grammar ------------------------------------------------------------------------

# (and Indian grouping: "4,26,513", "5,60,000")
# (also the South African and European ways: thousands grouped by a space, "3 000 sites", "409 600 t",
# and a decimal comma before a scale or a per cent, "155,4 million", "8,6 percent")
_NUM = (r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|"
        r"\d{1,3},\d{1,2}(?=\s?(?:per\s?cent|percent|%|thousand|million|billion|trillion|mln|mn|bn)\b|%)|"
        r"\d{1,3}(?:[ \u00a0]\d{3})+(?![\d,.])|\d+(?:\.\d+)?|\.\d+")
_NUM_HALF = rf"(?:{_NUM})(?:\s+and\s+a\s+half)?"

_APPROX = {
    "close to": "approx", "nearly": "approx", "almost": "approx", "about": "approx",
    "around": "approx", "roughly": "approx", "approximately": "approx", "approx.": "approx",
    "approx": "approx", "some": "approx", "an estimated": "approx", "estimated": "approx",
    "circa": "approx", "~": "approx", "just over": "approx", "just under": "approx",
    "more or less": "approx", "in the region of": "approx", "on the order of": "approx",
    "more than": "low", "over": "low", "at least": "low", "upwards of": "low", "in excess of": "low",
    "above": "low", "well over": "low", "no less than": "low", "not less than": "low",
    "less than": "high", "under": "high", "fewer than": "high", "below": "high", "at most": "high",
    "no more than": "high", "up to": "high", "as many as": "high", "as much as": "high",
    "not more than": "high", "well under": "high",
}
_APPROX_RE = "|".join(re.escape(k) for k in sorted(_APPROX, key=len, reverse=True))

_CURRENCY_PREFIX = {"us$": "USD", "$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
                    "gbp": "GBP", "¥": "JPY", "₽": "RUB", "rub": "RUB", "₴": "UAH", "uah": "UAH",
                    "chf": "CHF", "cny": "CNY", "jpy": "JPY", "nt$": "TWD", "hk$": "HKD", "a$": "AUD",
                    "au$": "AUD", "c$": "CAD", "ca$": "CAD", "nz$": "NZD", "s$": "SGD", "r$": "BRL",
                    # "Rs 50 crore", "₹66,500 crore", "Sh25,000", "RM4.40", "₱1,500", "₩10 trillion", "R94"
                    "rs": "INR", "rs.": "INR", "₹": "INR", "inr": "INR", "sh": "KES", "ksh": "KES", "kes": "KES",
                    "rm": "MYR", "myr": "MYR", "₱": "PHP", "₩": "KRW", "krw": "KRW", "idr": "IDR", "rp": "IDR",
                    "ℛ": "ZAR", "zar": "ZAR",
                    }
_CURRENCY_PREFIX_RE = "|".join(
    (r"(?<![a-z])" if k[0].isalpha() and not k[-1].isalpha() else r"\b" if k[0].isalpha() else "")
    + re.escape(k) + r"\s?"
    for k in sorted(_CURRENCY_PREFIX, key=len, reverse=True))

_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "mn": 1e6, "mln": 1e6,
           "m": 1e6, "billion": 1e9, "billions": 1e9, "bn": 1e9, "bil": 1e9, "mil": 1e6, "b": 1e9, "trillion": 1e12,
           "tn": 1e12, "trn": 1e12, "hundred": 1e2, "crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5}
# the one-letter abbreviations only count as scales on money ("$5m"), see _parse_match
_SCALE_RE = r"(?:thousand|million|billion|trillion|hundred|crores?|lakhs?|mln|mn|bn|bil|mil|trn|tn|k|m|b)\b"

_DAY = 86400.0
# unit word -> (base unit, factor, approximate?)
_UNITS: dict[str, tuple[str, float, bool]] = {}
for _names, _base, _factor, _approx in (
        (("seconds", "second", "secs", "sec"), "second", 1.0, False),
        (("minutes", "minute", "mins", "min"), "second", 60.0, False),
        (("hours", "hour", "hrs", "hr"), "second", 3600.0, False),
        (("days", "day"), "second", _DAY, False),
        (("weeks", "week"), "second", 7 * _DAY, False),
        (("fortnights", "fortnight"), "second", 14 * _DAY, False),
        (("months", "month"), "second", 30 * _DAY, True),
        (("years", "year"), "second", 365 * _DAY, False),
        (("decades", "decade"), "second", 3650 * _DAY, False),
        (("%", "percent", "per cent", "pct", "pc", "percentage points", "percentage point",
          "points", "point"), "percent", 0.01, False),
        (("basis points", "basis point", "bps", "bp"), "percent", 0.0001, False),
        (("dollars", "dollar", "usd"), "USD", 1.0, False),
        (("cents", "cent"), "USD", 0.01, False),
        (("euros", "euro", "eur"), "EUR", 1.0, False),
        (("pounds sterling", "gbp"), "GBP", 1.0, False),
        (("roubles", "rubles", "rouble", "ruble", "rub"), "RUB", 1.0, False),
        (("hryvnias", "hryvnia", "hryvnas", "uah"), "UAH", 1.0, False),
        (("yuan", "renminbi", "cny"), "CNY", 1.0, False),
        (("yen", "jpy"), "JPY", 1.0, False),
        (("won", "krw"), "KRW", 1.0, False),
        (("swiss francs", "francs", "chf"), "CHF", 1.0, False),
        (("pence", "p"), "GBP", 0.01, False),                   # "50.6 pence", "50p"
        (("kilometres", "kilometers", "kilometre", "kilometer", "km"), "meter", 1000.0, False),
        (("miles", "mile"), "meter", 1609.344, False),
        (("metres", "meters", "metre", "meter"), "meter", 1.0, False),
        (("tonnes", "tonne", "tons", "ton", "metric tons", "t"), "kilogram", 1000.0, False),   # "595,000t"
        (("kilotonnes", "kilotonne", "kt"), "kilogram", 1e6, False),
        (("kilograms", "kilogram", "kg"), "kilogram", 1.0, False),
        (("grams", "gram", "grammes", "gramme", "g"), "kilogram", 1e-3, False),              # "9.3g per day"
        (("milligrams", "milligram", "mg"), "kilogram", 1e-6, False),
        (("barrels", "barrel", "bpd", "b/d"), "barrel", 1.0, False),
        (("°c", "ºc", "°", "degrees celsius", "degrees centigrade", "celsius"), "celsius", 1.0, False),
        # power, energy, frequency, bandwidth, containers, land, length and volume: "400 MW", "5 lakh ha"
        (("gigawatts", "gigawatt", "gw"), "watt", 1e9, False),
        (("megawatts", "megawatt", "mw"), "watt", 1e6, False),
        (("kilowatts", "kilowatt", "kw"), "watt", 1e3, False),
        (("terawatt-hours", "terawatt hours", "twh"), "watt-hour", 1e12, False),
        (("gigawatt-hours", "gigawatt hours", "gwh"), "watt-hour", 1e9, False),
        (("megawatt-hours", "megawatt hours", "mwh"), "watt-hour", 1e6, False),
        (("kilowatt-hours", "kilowatt hours", "kwh"), "watt-hour", 1e3, False),
        (("gigahertz", "ghz"), "hertz", 1e9, False),
        (("megahertz", "mhz"), "hertz", 1e6, False),
        (("gbps",), "bit/s", 1e9, False),
        (("mbps",), "bit/s", 1e6, False),
        (("teus", "teu", "twenty-foot equivalent units"), "TEU", 1.0, False),
        (("hectares", "hectare", "ha"), "hectare", 1.0, False),
        (("acres", "acre"), "hectare", 0.40468564224, False),
        (("feet", "foot", "ft"), "meter", 0.3048, False),
        (("inches", "inch"), "meter", 0.0254, False),
        (("centimetres", "centimeters", "cm"), "meter", 0.01, False),
        (("millimetres", "millimeters", "mm"), "meter", 0.001, False),
        (("litres", "liters", "litre", "liter"), "litre", 1.0, False),
        (("bushels", "bushel"), "bushel", 1.0, False),
        (("fold",), "ratio", 1.0, False),                     # "profit jumped 13-fold"
        (("kilometres per hour", "kilometers per hour", "km/h", "kmh", "kph"), "km/h", 1.0, False),
        (("miles per hour", "mph"), "km/h", 1.609344, False),
):
    for _name in _names:
        _UNITS[_name] = (_base, _factor, _approx)
# money named after the figure ("45 kronor", "120 rupees", "5 billion rand"); an ambiguous name is
# its most common country's unless the text names another ("Norwegian kroner")
_CURRENCY_NAMES = {
    "SEK": ("swedish kronor", "kronor", "krona"), "DKK": ("danish kroner", "kroner"), "NOK": ("norwegian kroner",),
    "ISK": ("icelandic kronur", "icelandic krona", "kronur"), "INR": ("indian rupees", "rupees", "rupee"),
    "PKR": ("pakistani rupees", "pakistani rupee"), "LKR": ("sri lankan rupees", "sri lankan rupee"),
    "NGN": ("naira",), "ZAR": ("rand",), "MYR": ("ringgit",), "THB": ("baht",), "IDR": ("rupiah",),
    "PLN": ("zlotys", "zloty", "zlotych"), "HUF": ("forints", "forint"), "CZK": ("koruna", "korunas"),
    "AED": ("dirhams", "dirham"), "SAR": ("riyals", "riyal"), "QAR": ("qatari riyals",), "OMR": ("omani rials",),
    "ILS": ("shekels", "shekel"), "GHS": ("cedis", "cedi"), "BDT": ("taka",), "MXN": ("mexican pesos",),
    "PHP": ("philippine pesos",), "TRY": ("turkish lira", "lira"),
}
for _code, _names in _CURRENCY_NAMES.items():
    for _name in _names:
        _UNITS[_name] = (_code, 1.0, False)
#: base units that are measures, not money
_MEASURES = {"second", "percent", "meter", "kilogram", "barrel", "count", "celsius", "watt", "watt-hour", "hertz",
             "bit/s", "TEU", "hectare", "litre", "bushel", "ratio", "km/h", "points"}
# a stock index's level is counted in points ("the Hang Seng Index target of 19,060 points")
_STOCK_INDEX = re.compile(r"\b(?:[Ii]ndex|[Ii]ndices|Nifty|Sensex|Dow|Nasdaq|S&P|FTSE|Nikkei|Hang Seng|STOXX|DAX|CAC|"
                          r"KOSPI|ASX|TSX|JSE|IBEX|MSCI|benchmark)\b")
_UNIT_RE = "|".join(
    r"(?<=\d)t\b" if u == "t" else        # tonnes only written onto the figure ("595,000t"; "409 600 t" is no "600 t")
    r"(?<=\d)p\b" if u == "p" else        # pence too ("50p"; "6pm" and "1ppl" are none)
    # grams only written onto the figure and followed by what they measure ("9.3g per day", "5g of salt";
    # "5G network" is no mass)
    r"(?<=\d)g\b(?=\s+(?:per|a|of|each|daily)\b|/)" if u == "g" else
    # Korean won only after a scale or thousands ("53.5 trillion won", "50,000 won"; not "the party won")
    r"(?<=illion\s)won\b|(?<=,\d{3}\s)won\b" if u == "won" else
    (re.escape(u) if not u[0].isalpha() else re.escape(u) + r"\b")
    for u in sorted(_UNITS, key=len, reverse=True))

_QUANTITY_RE = re.compile(
    rf"""
    (?:(?P<approx>{_APPROX_RE})\s+)?
    (?:(?P<between>between|from)\s+)?
    (?P<cur1>{_CURRENCY_PREFIX_RE})?
    (?(cur1)|(?<![\w.,])(?<![a-z]-))
    (?P<n1>{_NUM_HALF})
    (?:(?:\s|-(?=(?:thousand|million|billion|trillion)\b))?(?P<sc1>{_SCALE_RE}))?
    (?:[\s-]?(?P<u1>%|percent\b|per\ cent\b))?
    (?:
        \s*(?P<sep>(?(between)(?:and|to|–|—|-)|(?:to|–|—|-)))\s*
        (?P<cur2>{_CURRENCY_PREFIX_RE})?
        (?P<n2>{_NUM_HALF})(?![\d])
        (?:(?:\s|-(?=(?:thousand|million|billion|trillion)\b))?(?P<sc2>{_SCALE_RE}))?
    )?
    (?:[\s-]?(?P<unit>{_UNIT_RE}))?
    (?P<after>\s+or\s+so\b|-odd\b|\+)?
    (?![\w:])(?!-old\b)
    """, re.VERBOSE)

_PROBABILITY_RE = re.compile(
    rf"""(?:(?P<approx>{_APPROX_RE})\s+)?(?:(?:odds|chances?|probability|likelihood)\s+(?:of|at|are|is)\s+)?
    (?<![\w.,])(?P<n>\d+)[\s-]+in[\s-]+(?P<d>\d+)\b(?!\s*(?:{"|".join(_SCALES)})\b)""",
    re.VERBOSE)

_SPELLED_DURATIONS: list[tuple[re.Pattern[str], float, bool]] = [
    (re.compile(r"\b(?:an?|1)\s+hour\s+and\s+a\s+half\b"), 5400.0, False),
    (re.compile(r"\bhalf\s+an\s+hour\b|\ba\s+half[\s-]hour\b"), 1800.0, False),
    (re.compile(r"\b(?:an?|1)\s+day\s+and\s+a\s+half\b"), 1.5 * _DAY, False),
    (re.compile(r"\b(?:an?|1)\s+year\s+and\s+a\s+half\b"), 1.5 * 365 * _DAY, False),
    (re.compile(r"\bminute-long\b"), 60.0, False),
    (re.compile(r"\bhour-long\b"), 3600.0, False),
    (re.compile(r"\bday-long\b"), _DAY, False),
    (re.compile(r"\bweek-long\b"), 7 * _DAY, False),
    (re.compile(r"\bmonth-long\b"), 30 * _DAY, True),
    (re.compile(r"\byear-long\b"), 365 * _DAY, False),
]
# "about half the world's oil", "two-thirds of the seats": a share of something
_FRACTIONS = {"half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "a quarter": 0.25, "one quarter": 0.25,
              "two-thirds": 2 / 3, "two thirds": 2 / 3, "three-quarters": 0.75, "three quarters": 0.75}
_FRACTION_RE = re.compile(
    rf"(?:(?P<approx>{_APPROX_RE})\s+)?\b(?P<fraction>half|a third|one third|a quarter|one quarter|two-thirds|"
    rf"two thirds|three-quarters|three quarters)\s+(?:of\s+)?(?:the|its|their|all)\b")
# "tens of millions of people": a vague order of magnitude
_ORDER_RE = re.compile(r"\b(?P<tens>tens|hundreds)\s+of\s+(?P<scale>thousands|millions|billions)\b"
                       r"|\b(?P<plain>thousands|millions|billions)\s+of\b")
_ORDER_SCALES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}

_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
_COUNT_NOUN_RES = (re.compile(r"\s+(?P<noun>[a-z]+)\b"),
                   re.compile(r"\s+(?:of\s+)?(?:[a-z]+[\s-]+)?(?P<noun>[a-z]+)\b"),
                   # "340,000 united parcel service workers": a name of several words before the noun
                   re.compile(r"\s+(?:(?!(?:of|the|a|an|in|on|at|to|for|and|or)\b)[a-z]+[\s-]+){2}(?P<noun>[a-z]+)\b"),
                   re.compile(r"\s+(?:(?!(?:of|the|a|an|in|on|at|to|for|and|or)\b)[a-z]+[\s-]+){3}(?P<noun>[a-z]+)\b"))
_IRREGULAR_PLURALS = {"people", "troops", "personnel", "children", "men", "women", "staff",
                      "police", "cattle", "aircraft", "civilians", "refugees", "mps", "evs", "pcs", "ads"}
_NOT_NOUNS = {"is", "was", "has", "this", "its", "us", "as", "his", "hers", "yes", "less", "thus",
              "perhaps", "always", "plus", "across", "unless", "whereas", "besides", "towards",
              "afterwards", "sometimes", "this", "does", "goes", "means", "news", "onwards", "upwards",
              "downwards", "forwards", "backwards", "outwards"}


def _number(text: str) -> float:
    text = re.sub(r"[ \u00a0](?=\d{3})", "", text)
    text = re.sub(r"^(\d{1,3}),(\d{1,2})$", r"\1.\2", text)       # a decimal comma
    text = text.replace(",", "")
    half = 0.0
    if "and a half" in text:
        text = text.split()[0]
        half = 0.5
    return float(text) + half


def _unit_of(word: str | None) -> tuple[str, float, bool] | None:
    if not word:
        return None
    return _UNITS.get(re.sub(r"\s+", " ", word.lower()))


_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(_MONTHS) + r")\.?,?\s*$")
_MONTH_AFTER = re.compile(r"\s*(?:of\s+)?(?:" + "|".join(_MONTHS) + r")\b")


def _is_date_context(normal: str, start: int, end: int) -> bool:
    """A day next to a month name: "February 12", "12 Feb.", "Feb. 12, 2025"."""
    return bool(_MONTH_BEFORE.search(normal[max(0, start - 12):start])
                or _MONTH_AFTER.match(normal[end:end + 12]))


def _count_noun(normal: str, end: int) -> re.Match[str] | None:
    """The plural noun a bare number counts: straight after it, or after one adjective
    ("300 troops", "2,500 new employees", "millions of people")."""
    for pattern in _COUNT_NOUN_RES:
        match = pattern.match(normal, end)
        if not match:
            continue
        noun = match.group("noun")
        if noun in _IRREGULAR_PLURALS or (noun.endswith("s") and len(noun) > 3 and noun not in _NOT_NOUNS
                                          and not noun.endswith("ss")):
            return match
    return None


def parse_quantities(text: str) -> list[Quantity]:
    """Every quantity stated in ``text``, in order of appearance (dates excluded)."""
    return list(_parse_quantities(text))


@functools.lru_cache(maxsize=4096)
def _parse_quantities(text: str) -> tuple[Quantity, ...]:
    # claim extraction reads a clause several times (splitting, classifying): parse it once
    normal, offsets = _normalise(text)
    taken: list[tuple[int, int]] = []
    found: list[Quantity] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(start: int, end: int, **fields: Any) -> None:
        o_start, o_end = offsets[start], offsets[end]
        # the last digit of a converted number word maps to the word's start: widen to the word
        while o_end < len(text) and text[o_end - 1:o_end].isalpha() and text[o_end].isalpha():
            o_end += 1
        taken.append((start, end))
        found.append(Quantity(text=text[o_start:o_end].strip(), start=o_start, end=o_end, **fields))

    for match in _PROBABILITY_RE.finditer(normal):
        n, d = int(match.group("n")), int(match.group("d"))
        # ("$164 in 2019", "12 in 2020": a value in a year, not odds)
        in_a_year = 1900 <= d <= 2099 and n != 1
        if 0 < n <= d and not in_a_year and not _is_date_context(normal, match.start("n"), match.end()):
            add(match.start(), match.end(), value=n / d, unit="percent",
                approximate=bool(match.group("approx")) and _APPROX[match.group("approx")] == "approx")

    for pattern, seconds, vague in _SPELLED_DURATIONS:
        for match in pattern.finditer(normal):
            if free(match.start(), match.end()):
                add(match.start(), match.end(), value=seconds, unit="second", approximate=vague)

    for match in _RACE_TIME_RE.finditer(normal):
        # "crossed the line in 2:07:57", "finished in 1:13.55": a time taken, in seconds (not a clock's
        # "13:46:46 local time")
        hours = int(match.group("h") or 0)
        value = hours * 3600 + int(match.group("m") or match.group("m2")) * 60 + float(match.group("s") or match.group("s2"))
        if free(match.start(), match.end()):
            add(match.start(), match.end(), value=value, unit="second")

    for match in _FRACTION_RE.finditer(normal):
        if free(match.start(), match.end("fraction")):
            add(match.start(), match.end("fraction"), value=_FRACTIONS[match.group("fraction")], unit="percent",
                approximate=bool(match.group("approx")) and _APPROX[match.group("approx")] == "approx")

    matches = list(_QUANTITY_RE.finditer(normal))
    levels: set[int] = set()
    while matches:
        match = matches.pop(0)
        if not free(match.start(), match.end()):
            continue
        changed_from = bool(match.group("n2")) and _changed_from(match, normal)
        if match.group("n2") and (changed_from or _is_change_and_level(match, normal) or _from_year(match)):
            # "rose 1.2% to $82.40", "fell 2% to 5%": a change and the level it reached, not a range
            first = _QUANTITY_RE.match(normal, match.start("cur1") if match.group("cur1") else match.start("n1"),
                                       match.start("sep"))
            second = _QUANTITY_RE.match(normal, match.start("cur2") if match.group("cur2") else match.start("n2"),
                                        match.end())
            matches[:0] = [m for m in (first, second) if m is not None]
            if second is not None:
                levels.add(second.start())
            if first is not None and changed_from:
                levels.add(first.start())       # ("fell from 96 to 89": where it ran from is a value too)
            continue
        # the level a change reached is a value even with nothing counted after it ("sales
        # falling 1.1 per cent to 492,674")
        quantity = _parse_match(match, normal, level=match.start() in levels)
        if quantity is None:
            continue
        end = match.end()
        if quantity["unit"] == "count":
            noun = _count_noun(normal, end)
            if noun is not None:
                quantity["counted"], end = noun.group("noun"), noun.end()
        if free(match.start(), end):
            add(match.start(), end, **quantity)

    for match in _ORDER_RE.finditer(normal):
        if not free(match.start(), match.end()):
            continue
        if match.group("tens"):
            base = _ORDER_SCALES[match.group("scale")] * (10 if match.group("tens") == "tens" else 100)
        else:
            base = _ORDER_SCALES[match.group("plain")]
        noun = _count_noun(normal, match.end())
        end = noun.end() if noun is not None else match.end()
        add(match.start(), end, value=math.sqrt(base * base * 10), unit="count", approximate=True,
            low=base, high=base * 10, counted=noun.group("noun") if noun is not None else None)

    found.sort(key=lambda q: q.start)
    return tuple(_between_ranges(text, found))


# "between 31 cents per litre and 57 cents per litre": the two ends of a range written each with its
# unit, which the pattern (a unit after the second figure only) reads as two values
_BETWEEN_GAP = re.compile(r"\s*(?:(?:per|a|an)\s+[a-z]+\s+)?and\s+", re.IGNORECASE)


def _between_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """``found`` with each "between X and Y" written as two values joined into one range."""
    merged: list[Quantity] = []
    for quantity in found:
        first = merged[-1] if merged else None
        if first is not None and first.text.lower().startswith("between ") and first.low is None and \
                first.high is None and first.unit == quantity.unit and quantity.low is None and \
                quantity.high is None and first.value <= quantity.value and \
                _BETWEEN_GAP.fullmatch(text[first.end:quantity.start]):
            merged[-1] = Quantity(value=(first.value + quantity.value) / 2, unit=quantity.unit,
                                  text=text[first.start:quantity.end],
                                  approximate=first.approximate or quantity.approximate, low=first.value,
                                  high=quantity.value, start=first.start, end=quantity.end, counted=quantity.counted)
        else:
            merged.append(quantity)
    return merged


_CHANGE_VERBS = (r"\b(?:rose|rise|rises|risen|fell|fall|falls|fallen|gained|gains|lost|loses|climbed|climbs|"
                 r"dropped|drops|jumped|jumps|slid|slides|slipped|slips|surged|surges|tumbled|tumbles|"
                 r"increased|increases|decreased|decreases|declined|declines|advanced|advances|added|adds|"
                 r"shed|sheds|edged (?:up|down)|grew|grows|plunged|plunges|soared|soars|up|down|"
                 r"rising|falling|gaining|losing|climbing|dropping|jumping|sliding|slipping|surging|"
                 r"tumbling|increasing|decreasing|declining|advancing|growing|plunging|soaring)")
_CHANGE_VERB = re.compile(_CHANGE_VERBS + r"\s+(?:by\s+)?$")
# "the index fell sharply from 96 to 89": where a change ran from and to, both values
# ("approvals crept higher from 32,000 to 33,000", "went from 32,000 to 33,000": a move, not a range)
# ("will increase from $29 to $31", "raised the charge from £40 to £45", "would increase $4 from $11 to
# $15", "cut its forecast from 2.2% to 1.9%": the verb in any form, with what changed or by how much)
_CHANGE_BEFORE_FROM = re.compile(r"(?:" + _CHANGE_VERBS + r"|\b(?:crept|creeps|went|goes|moved|moves|inched|ticked|"
                                 r"edged|higher|increase|decrease|decline|climb|drop|jump|grow|go|move|"
                                 r"(?:rais|reduc|hik|chang)(?:e|es|ed|ing)|(?:cut|lower|boost|lift)(?:s|ed|ing)?|"
                                 r"trim(?:s|med)?|slash(?:es|ed)?))\s+(?:[a-z]+ly\s+)?"
                                 r"(?:(?:by\s+)?[$£€]?\d[\d.,]*(?:\s*(?:cents?|pence|p|percent|per cent|points?|%))?\s+)?"
                                 r"(?:(?:its|the|their|his|her|our)\s+[a-z-]+\s+(?:[a-z-]+\s+)?)?$")
# "fell sharply from 96 in the previous month to 89 this month": the level it went to
_CHANGE_FROM_TO = re.compile(_CHANGE_VERBS + r"\s+(?:[a-z]+ly\s+)?from\s+[\d.,]+[^.;\d]{0,40}\bto\s+$")


def _from_year(match: re.Match[str]) -> bool:
    """"from 2024 to 1.1 million units": the year a change runs from, not the low end of a range."""
    return bool(re.fullmatch(r"(?:19|20)\d\d", match.group("n1"))) and not (match.group("cur1") or match.group("sc1")
                                                                         or match.group("u1")) \
        and bool(match.group("sc2") or match.group("cur2"))


def _is_change_and_level(match: re.Match[str], normal: str) -> bool:
    """"rose 1.2% to $82.40": a change verb before "X to Y" (or Y in another unit) makes X the
    change and Y the level reached."""
    if match.group("between") or match.group("sep") != "to":
        return False
    # "1.1 per cent to 492,674": a percentage cannot run up to a plain count; "2 percent to 10.5
    # billion euros": nor to a sum of money
    first, second = _unit_of(match.group("u1")), _unit_of(match.group("unit"))
    other_unit = bool(match.group("u1")) and (bool(match.group("cur2")) or not match.group("unit") or
                                              bool(first and second and first[0] != second[0]))
    return other_unit or bool(_CHANGE_VERB.search(normal[max(0, match.start() - 30):match.start()]))


def _changed_from(match: re.Match[str], normal: str) -> bool:
    """"fell from 96 to 89": a change from one level to another, not a range; so is any "from X to
    Y" that runs down ("improving only slightly from 16.2% to 16.1%"), which no range does."""
    if match.group("between") != "from" or match.group("sep") != "to":
        return False
    return _change_before(normal, match.start()) or _runs_down(match)


def _change_before(normal: str, start: int) -> bool:
    """Whether a change verb stands before the "from" at ``start`` ("fell sharply from", "would
    increase $4 from")."""
    return bool(_CHANGE_BEFORE_FROM.search(normal, max(0, start - 60), start))


def _runs_down(match: re.Match[str]) -> bool:
    scale1, scale2 = (_SCALES[match.group(key)] if match.group(key) else None for key in ("sc1", "sc2"))
    return _number(match.group("n1")) * (scale1 or scale2 or 1.0) > _number(match.group("n2")) * (scale2 or 1.0)


# "a 391 drop in apartment consents": a bare number before the change it counts
_CHANGE_AFTER = re.compile(r"\s+(?:drop|fall|rise|increase|decrease|decline|jump|gain)\s+in\b")
# the verbs and nouns after which a bare number is the level reached or the total counted
_LEVEL_BEFORE = re.compile(r"\b(?:totall?ed|totals|hit|reached|reaches|(?:stood|stands|stand|was|were|is|are) at|down to|"
                           r"numbered|amounted to|came to|(?:rose|fell|climbed|dropped|increased|decreased|declined|"
                           r"grew|jumped|surged|slipped|eased) to|a (?:total|crowd|tally|record) of)\s+"
                           r"(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+|roughly\s+|over\s+|more than\s+)?$")


def _parse_match(match: re.Match[str], normal: str, level: bool = False) -> dict[str, Any] | None:
    g = match.groupdict()
    currency = None
    for key in ("cur1", "cur2"):
        if g[key]:
            currency = _CURRENCY_PREFIX[g[key].strip()]
    # "41.6% year-on-year": the percentage is the unit, not a year
    unit_word = g["u1"] if g["u1"] and g["unit"] and _unit_of(g["unit"]) and _unit_of(g["unit"])[0] == "second" \
        else g["unit"] or g["u1"]
    unit_info = _unit_of(unit_word)
    money_factor = 1.0
    if unit_info and unit_info[0] not in _MEASURES:
        currency = unit_info[0]          # "300 billion dollars", "50bn euros", "27 cents"
        money_factor = unit_info[1]
        unit_info = None
    has_money = currency is not None

    scales = []
    for key in ("sc1", "sc2"):
        word = g[key]
        if word and word in ("m", "b", "k", "mil", "bil") and not has_money and not unit_info and \
                _count_noun(normal, match.end()) is None:
            return None                   # "5m" without money could be metres ("154m tonnes", "5m people" count)
        scales.append(_SCALES[word] if word else None)
    sc1, sc2 = scales

    if g["n2"] and g["sep"] in ("-", "–", "—") and not g["between"] and \
            all(re.fullmatch(r"(?:19|20)\d\d", g[k]) for k in ("n1", "n2")) and not (
            has_money or unit_info or g["sc1"] or g["sc2"] or g["u1"]):
        return None                       # "the 2009-2010 Corollas": model years, no count of cars
    n1 = _number(g["n1"])
    n2 = _number(g["n2"]) if g["n2"] else None
    if n2 is not None:
        f2 = sc2 or 1.0
        f1 = sc1 if sc1 else (sc2 if sc2 and n1 * sc2 <= n2 * sc2 else 1.0)   # "$100–120bn"
        low, high = n1 * f1, n2 * f2
        if low > high:
            return None                   # "2022-2014"? not a range
    else:
        low = high = n1 * (sc1 or 1.0)

    if unit_info is None and g["u1"]:
        unit_info = _unit_of(g["u1"])
    if unit_info is not None:
        base, factor, vague = unit_info
        if unit_word and unit_word.strip() in ("points", "point") and not (g["u1"]):
            # "25 points" is only a rate move; "7 points" in sport is not: require a context
            around = normal[max(0, match.start() - 60):match.end() + 20]
            if re.search(r"\b(?:rate|basis|percentage)\b", around):
                pass                              # a rate's percentage points
            elif _STOCK_INDEX.search(around):
                base, factor = "points", 1.0      # "the year-end target for the index to 6,840 points"
            else:
                return None
        low, high = low * factor, high * factor
    elif currency is not None:
        base, vague = currency, False
        low, high = low * money_factor, high * money_factor
    else:
        base, vague = "count", False
        is_year = n2 is None and sc1 is None and float(n1).is_integer() and 1000 <= n1 <= 2100 \
            and "," not in g["n1"]
        if is_year or _is_date_context(normal, match.start("n1"), match.end()):
            return None
        if sc1 is None and sc2 is None and _count_noun(normal, match.end()) is None and not level and \
                not _LEVEL_BEFORE.search(normal, 0, match.start()) and not _CHANGE_AFTER.match(normal, match.end()) and \
                not (g["between"] == "from" and _change_before(normal, match.start())) and \
                not _CHANGE_FROM_TO.search(normal, max(0, match.start() - 80), match.start()) and not (
                    n2 is None and re.fullmatch(r"\d{1,3}(?:,\d{2,3})*,\d{3}", g["n1"])):
            # a bare number: no unit, nothing counted ("Route 66", "Points: 79"); a total reached
            # ("new listings hit 68,597") or a thousands-separated count ("53,298 in March") is a value
            return None
    if has_money and unit_info is not None:
        return None                       # "$5 per cent"? contradictory: skip

    approx_kind = _APPROX.get(g["approx"] or "")
    approximate = vague or approx_kind == "approx" or bool(g["after"])
    value = (low + high) / 2 if n2 is not None else low
    fields: dict[str, Any] = {"value": value, "unit": base, "approximate": approximate}
    if n2 is not None:
        fields.update(low=low, high=high)
    elif approx_kind == "low":
        fields.update(low=low, approximate=True)
    elif approx_kind == "high":
        fields.update(high=high, approximate=True)
    if g["after"] == "+":
        fields.update(low=low)
    return fields


# -- comparison -------------------------------------------------------------------------

def _tolerance(quantity: Quantity) -> float:
    is_bound = (quantity.low is None) != (quantity.high is None)
    if quantity.approximate and not is_bound:
        return APPROX_TOLERANCE
    return EXACT_TOLERANCE


def _interval(quantity: Quantity) -> tuple[float, float]:
    if quantity.low is None and quantity.high is None:
        return quantity.value, quantity.value
    low = quantity.low if quantity.low is not None else -math.inf
    high = quantity.high if quantity.high is not None else math.inf
    if quantity.high is not None and quantity.low is None and quantity.value >= 0:
        low = 0.0                       # "up to 5%", "less than 100": not negative
    return low, high


def compare_quantities(claimed: Quantity, reported: Quantity) -> str:
    """``"agrees"`` when ``reported`` is within tolerance of ``claimed`` (overlapping ranges and
    open bounds included), ``"disagrees"`` when both are of one unit and do not meet, and
    ``"incomparable"`` across units ("$300 billion" vs "90 minutes", dollars vs euros).

    The tolerance is the larger of the two quantities': ±10 % for an approximate value
    ("close to 90 minutes", "month-long"), ±2 % otherwise, relative to the larger magnitude.
    """
    if claimed.unit != reported.unit:
        return INCOMPARABLE
    if claimed.unit == "count" and claimed.counted and reported.counted \
            and claimed.counted.rstrip("s") != reported.counted.rstrip("s"):
        return INCOMPARABLE               # 300 troops vs 300 tanks
    c_low, c_high = _interval(claimed)
    r_low, r_high = _interval(reported)
    gap = max(0.0, r_low - c_high, c_low - r_high)
    if gap == 0.0:
        return AGREES
    scale = max(abs(v) for v in (claimed.value, reported.value, c_low, c_high, r_low, r_high)
                if math.isfinite(v))
    tolerance = max(_tolerance(claimed), _tolerance(reported))
    return AGREES if gap <= tolerance * scale else DISAGREES


# -- presentation -----------------------------------------------------------------------

_CURRENCY_SYMBOL = {"USD": "$", "EUR": "€", "GBP": "£"}
_SI_SYMBOL = {"watt": "W", "watt-hour": "Wh", "hertz": "Hz", "bit/s": "bit/s"}


def _plain(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if not float(value).is_integer() else f"{value:,.0f}"


def format_value(value: float, unit: str) -> str:
    """A readable rendering of a value in a base unit: 5400 second → "90 minutes",
    3e11 USD → "$300 billion", 0.2 percent → "20%"."""
    if unit == "percent":
        return f"{_plain(round(value * 100, 4))}%"
    if unit == "celsius":
        return f"{_plain(value)}°C"
    if unit == "ratio":
        return f"{_plain(value)}-fold"
    if unit == "second":
        # whole years, weeks, days, hours or minutes; months are left as days (30 days, not 1 month)
        for name, size in (("year", 365 * _DAY), ("week", 7 * _DAY), ("day", _DAY), ("hour", 3600.0),
                           ("minute", 60.0)):
            amount = round(value / size, 6)
            if amount >= 1 and amount.is_integer():
                return f"{_plain(amount)} {name}{'' if amount == 1 else 's'}"
        return f"{_plain(value)} seconds"
    if unit in _SI_SYMBOL:          # 4e8 watt -> "400 MW"
        prefix, size = next(((p, z) for p, z in (("T", 1e12), ("G", 1e9), ("M", 1e6), ("k", 1e3)) if abs(value) >= z),
                            ("", 1.0))
        return f"{_plain(round(value / size, 3))} {prefix}{_SI_SYMBOL[unit]}"
    scaled = f"{_plain(value)}"
    for name, size in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if abs(value) >= size:
            scaled = f"{_plain(round(value / size, 3))} {name}"
            break
    if unit in _CURRENCY_SYMBOL:
        return f"{_CURRENCY_SYMBOL[unit]}{scaled}"
    if unit == "count":
        return scaled
    return f"{scaled} {unit}"


def describe_quantity(quantity: Quantity) -> str:
    """``"close to 90 minutes (≈90 minutes)"``-style text: the span and its normalised value."""
    if quantity.low is not None and quantity.high is not None:
        normal = f"{format_value(quantity.low, quantity.unit)}–{format_value(quantity.high, quantity.unit)}"
    elif quantity.low is not None:
        normal = f"≥{format_value(quantity.low, quantity.unit)}"
    elif quantity.high is not None:
        normal = f"≤{format_value(quantity.high, quantity.unit)}"
    else:
        normal = ("≈" if quantity.approximate else "") + format_value(quantity.value, quantity.unit)
    return f"{quantity.text} ({normal})"


def values_compared(claimed: Quantity, reported: Quantity) -> dict[str, Any]:
    """What a verdict's ``values_compared`` can store: both spans, normalised values, the unit,
    the relative difference and the outcome of :func:`compare_quantities`."""
    result = compare_quantities(claimed, reported)
    difference = None
    if result != INCOMPARABLE and claimed.value:
        difference = round((reported.value - claimed.value) / abs(claimed.value), 4)
    return {
        "claimed": describe_quantity(claimed), "reported": describe_quantity(reported),
        "unit": claimed.unit if claimed.unit == reported.unit else f"{claimed.unit}/{reported.unit}",
        "claimed_value": claimed.value, "reported_value": reported.value,
        "relative_difference": difference, "result": result,
    }
