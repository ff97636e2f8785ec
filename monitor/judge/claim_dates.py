"""Dates in claims: date expressions found in a clause and resolved against the document's date.

Owned by the claims engineer, used by ``claim_rules``. ``find_dates`` turns "next week",
"by the end of the year", "in early August", "the 2023/24 season", "within the next year" or
"Thursday" into ``{"text", "date", "precision", "end"}`` records: the day or period it names,
resolved against the document's date, pointed ahead or back by the clause's tense. Conventions
a reader has to know are said where they are decided: "early/mid" parts of a month (and its
"beginning") end on the 10th and 15th, of a year in March and June; its nth week on day 7n; a
financial year ends where the document is set (``fiscal_year_end``); "until X" resolves at X's
end (a bridge "closed until October" opens again in October), "until at least X" on X's eve.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

_MONTHS = ("January February March April May June July August September October November December "
           "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec").split()
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()

_MONTH_RE = r"(?:" + "|".join(_MONTHS) + r")\.?"
_FULL_MONTHS = _MONTHS[:12]
_WEEKDAY_RE = "|".join(_WEEKDAYS)
_WEEK_ORDINAL = r"1st|2nd|3rd|4th|first|second|third|fourth|last"
_WEEK_NUMBER = {"1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3, "4th": 4, "fourth": 4, "last": 5}
# a day as a range writes it: "Feb. 1", "28 November 2020"
_RANGE_DAY = rf"{_MONTH_RE}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH_RE}(?:\s+(?:19|20)\d{{2}})?"
_ABOUT = r"(?:(?:about|around|roughly|some|approximately|nearly|almost)\s+)?"
_DATE_PATTERNS = (
    # "the fiscal year that begins July 1", "the upcoming financial year which begins Oct. 1", "the fiscal
    # year beginning in July": the twelve months from that day's next one (first: not the day alone)
    ("yearstarting", re.compile(rf"\b(?:for\s+|in\s+|during\s+)?the\s+(?:(?:upcoming|coming|next|new)\s+)?(?:financial|fiscal|budget)\s+"
                                rf"year,?\s+(?:beginning|starting|(?:that|which)\s+(?:begins|starts))\s+(?:on\s+|in\s+)?"
                                rf"(?P<m>{_MONTH_RE})(?:\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?\b")),
    # "in the 2nd to 3rd week of March", "the 4th week of May": week n of a month ends on its day 7n;
    # "at the beginning of March" is its early part (to the 10th)
    ("monthweeks", re.compile(rf"\b(?:(?:in|by|during|from|at|until)\s+)?the\s+(?:(?P<w1>{_WEEK_ORDINAL})(?:\s*(?:to|and|or|-|–)"
                              rf"\s*(?P<w2>{_WEEK_ORDINAL}))?\s+weeks?|(?P<start>beginning|start))\s+of\s+"
                              rf"(?P<month>{'|'.join(_FULL_MONTHS)})(?:\s+(?P<y>(?:19|20)\d{{2}}))?\b")),
    # "set to price the week of April 1": that week, to its Sunday
    ("weekof", re.compile(rf"\b(?:(?:in|during|for)\s+)?the\s+week\s+of\s+(?P<day>{_MONTH_RE}\s+\d{{1,2}}|\d{{1,2}}\s+"
                          rf"{_MONTH_RE})\b")),
    # "from Feb. 1 to June 30, 2024", "from 28 November 2020 to 29 November 2020": from the first
    # day to the second
    ("dayrange", re.compile(rf"\bfrom\s+(?P<d1>{_RANGE_DAY})\s+(?:to|through|until)\s+(?P<d2>{_RANGE_DAY})"
                            rf"(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?\b")),
    # "set to happen between November 25 and December 13": the span too
    ("dayrange", re.compile(rf"\bbetween\s+(?P<d1>{_RANGE_DAY})\s+and\s+(?P<d2>{_RANGE_DAY})"
                            rf"(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?\b")),
    # (and "deferred until 1 August next year": that day of the year it names)
    # (not "In August 18,000 cusecs would be released": a month and a figure)
    ("day", re.compile(rf"\b{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:[-–]|and|to)\s*\d{{1,2}}(?!\d))?"
                       rf"(?:,?\s+\d{{4}}|\s+(?:next|this)\s+year)?\b(?![,.]\d)")),
    # (and "strikes on 28-29 June", "on 21, 22 and 23 June": from the first day to the last; "on 23
    # August, 2022")
    ("day", re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:(?:,\s*\d{{1,2}})*\s*(?:[-–]|and|to)\s*\d{{1,2}}(?:st|nd|rd|th)?)?"
                       rf"\s+(?:of\s+)?{_MONTH_RE}(?:\s+\d{{4}}|,\s+(?:19|20)\d{{2}}(?![\d,])|\s+(?:next|this)\s+year)?\b")),
    # "imposed on 08.09.2022", "by 31.3.2025": a day written in figures, the day first (as in India and
    # Europe; a slash date is left alone: American texts write the month first)
    ("numday", re.compile(r"\b(?:(?:on|by|before|until|from|since)\s+)?(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\."
                          r"(?P<y>(?:19|20)\d{2})\b(?!\.\d)")),
    # "Q1, 2024-25", "Q1:2024-25": that quarter of the financial year 2024-25 (before the year alone)
    ("fyquarter", re.compile(r"\b(?:(?:in|for|by|during|over)\s+)?(?:the\s+)?Q(?P<q2>[1-4])\s*[,:]?\s*(?:19|20)\d{2}[-–/]"
                             r"(?P<y3>\d{2})\b(?![-–/]\d)")),
    # "for 2025-26": a financial year, to 30 June of its second year (Australia's; the UK's and
    # India's end on 31 March, the US government's on 30 September)
    ("fiscal", re.compile(r"\b(?:(?:in|for|by|during|over)\s+)?(?:the\s+)?(?P<fy1>(?:19|20)\d{2})[-–/](?P<fy2>(?:20)?\d{2})\b"
                          r"(?![-–/]\d)")),
    # "in the first six months of the financial year", "the second half of fiscal year": halves of
    # the financial year the document is written in; "the second half of the year": of the calendar
    # year (a bare "the second half" is left alone: whose year it halves, the text does not say)
    ("fyhalf", re.compile(r"\b(?:(?:in|for|by|during|over)\s+)?(?:the\s+)?(?P<half>first|second)\s+(?:half|six\s+months)"
                          r"\s+of\s+(?:the\s+)?(?:(?:current\s+|this\s+)?(?:financial|fiscal)\s+year|(?P<calendar>year))\b",
                          re.IGNORECASE)),
    # (and India's "this fiscal", "the ongoing financial year")
    ("fy", re.compile(r"\b(?:(?:in|for|by|during|over)\s+)?(?:the\s+)?(?P<which>current|this|next|coming|ongoing)\s+"
                      r"(?:(?:financial|fiscal)\s+year\b|fiscal(?=\s*[.,;:)]|\s+(?:and|to|in|as|from|on|with|compared|"
                      r"against|amid|when|while|after|before|is|was|will)\b))|"
                      r"\b(?:(?:in|for|by|during|over)\s+)?the\s+(?:financial|fiscal)\s+year\s+(?P<ahead>ahead)\b",   # ("the financial year ahead")
                      re.IGNORECASE)),
    # "Q3 FY25", "the third quarter of fiscal 2025": that quarter of that financial year (not of the calendar)
    ("fyquarter", re.compile(r"\b(?:(?:in|for|by|during|over)\s+)?(?:the\s+)?(?:Q(?P<q>[1-4])\s*(?:of\s+)?|"
                             r"(?P<qw>(?i:first|second|third|fourth))[\s-](?i:quarter)\s+of\s+(?:the\s+)?)"
                             r"(?:FY\s?(?P<y2>(?:20)?\d{2})|(?i:fiscal|financial)(?:\s+(?i:year))?\s+(?P<y1>(?:19|20)\d{2}))"
                             r"\b(?![-–/]\d)")),
    # "fiscal 2024", "FY26", "the 2024 fiscal year": the financial year ending in that year
    ("fynamed", re.compile(r"\b(?:(?:in|for|by|during|over)\s+)?(?:the\s+)?(?:(?:full\s+)?(?i:fiscal|financial)(?:\s+year)?\s+"
                           r"(?P<y1>(?:19|20)\d{2})|FY\s?(?P<y2>(?:20)?\d{2})|(?P<y3>(?:19|20)\d{2})\s+(?i:fiscal|financial)\s+year)"
                           r"\b(?![-–/]\d)")),
    # ("the payments in 2013 and 2014": both years too)
    ("both", re.compile(r"\b(?:in|for|during)\s+(?:both\s+)?(?P<y1>(?:19|20)\d{2})\s+and\s+(?P<y2>(?:19|20)\d{2})\b(?![-–/])")),
    # "between 2022 and 2032", "from 2025 to 2030": the years from the first to the end of the second
    ("both", re.compile(r"\b(?:between\s+(?P<y1>(?:19|20)\d{2})\s+and|from\s+(?P<f1>(?:19|20)\d{2})\s+(?:to|through|until))\s+"
                        r"(?P<y2>(?:19|20)\d{2})\b(?![-–/])")),
    # "between December and February": from the first month to the end of the second after it
    ("months", re.compile(rf"(?:\b(?i:between|from|during|in|over|for)\s+|\()(?P<m1>{'|'.join(_MONTHS[:12])})\s+"
                          rf"(?:and|to|through)\s+"
                          rf"(?P<m2>{'|'.join(_MONTHS[:12])})(?:\s+(?P<y>(?:19|20)\d{{2}}))?\b")),
    # "inflation averaging 7.4 per cent in July-September": the months joined by a dash
    ("months", re.compile(rf"\b(?:(?i:during|in|over|for|the)\s+)?(?P<m1>{'|'.join(_MONTHS[:12])})\s*[-–]\s*"
                          rf"(?P<m2>{'|'.join(_MONTHS[:12])})(?:\s+(?P<y>(?:19|20)\d{{2}}))?\b")),
    ("year", re.compile(r"\b(?:early|late)\s+in\s+(?:19|20)\d{2}\b", re.IGNORECASE)),
    # "the 2024 Atlantic hurricane season" (1 June to 30 November), "this year's monsoon season"
    # (India's south-west monsoon, June to September): seasons whose end the calendar fixes
    ("namedseason", re.compile(r"\b(?:(?i:in|by|during|for|through|over|before|until)\s+)?(?:(?i:the|this)\s+"
                               r"(?:year[’']s\s+)?)?(?:(?P<y>(?:19|20)\d{2})\s+)?(?:Atlantic\s+|(?i:south-?west)\s+)?"
                               r"(?<![\w-])(?P<what>(?i:hurricane|monsoon))\s+(?i:season)\b"
                               r"(?!\s+(?i:outlook|forecasts?|predictions?)\b)")),
    # "by the end of the 2020s", "in the late 1990s": a decade or a part of it
    ("decade", re.compile(r"\b(?:(?i:by|before|until|in|during|through|throughout|over|for)\s+)?(?:the\s+)?"
                          r"(?:(?P<edge>end|close|start|beginning)\s+of\s+the\s+|(?P<part>(?i:early|mid|late))[\s-]+)?"
                          r"(?P<y>(?:19|20)\d)0s\b")),
    # "in the 2020 general election", "before the 2026 World Cup": an occasion named by its year
    ("occasion", re.compile(r"\b(?:(?:in|at|by|before|until|for|during)\s+)?[Tt]he\s+(?:19|20)\d{2}\s+(?:[\w\-]+\s+){0,2}?"
                        r"(?:elections?|census|referendum|vote|Olympics|Olympic Games|Games|World Cup|season|"
                        r"championships?|tournament|budget|edition|event|festival|race|contest|summit|games)\b")),
    # "by Vision 2035", "under Agenda 2030": a plan named by the year it runs to
    ("vision", re.compile(r"\b(?:(?i:by|in|under|for|through)\s+)?(?:the\s+)?(?:[A-Z][\w’'-]*\s+)?(?i:vision|agenda)\s+"
                          r"(?P<y>(?:19|20)\d{2})\b")),
    # "its forecast for the year ending March", "the financial year to June 2026": a year ending then
    # (and "the fiscal year that ends in March", "a year to end-January 2013": the British way; before
    # a year named with its figures, which would take the "2013" of "end-January 2013 pretax profit")
    ("yearending", re.compile(rf"\b(?:for\s+|in\s+)?(?:the|a)\s+(?:financial\s+|fiscal\s+|business\s+|marketing\s+|crop\s+)?year\s+"
                              rf"(?:ending|to|(?:that|which)\s+ends(?:\s+in)?)\s+"
                              rf"(?:(?:the\s+)?end\s+of\s+|end[\s-])?(?P<m>{'|'.join(_FULL_MONTHS)})(?:\s+(?P<y>(?:19|20)\d{{2}}))?\b")),
    # "expects to finish 2025 with $6 billion", "projected 2025 operating expenses": that year
    ("year", re.compile(r"\b(?:(?<=finish )|(?<=end )|(?<=close )|(?<=ending )|(?<=closing ))(?:19|20)\d{2}\b|"
                        r"\b(?:19|20)\d{2}(?=\s+(?:(?!(?:as|and|but|because|while|when|if|after|before)\b)[\w-]+\s+){0,2}"
                        r"(?:revenue|sales|earnings|operating|profits?|guidance|output|"
                        r"production|capex|spending|budget|growth|deliveries|shipments|outlook|targets?|forecasts?|"
                        r"deficit|surplus|crop|harvest|exports|imports|inflation|GDP|unemployment|dividends?)\b)")),
    # "free from 3am on Christmas Day", "on New Year's Eve": days of a fixed date
    # (not "Chinese New Year's Day" or "Lunar New Year's Eve": those move with the moon)
    ("holidayday", re.compile(r"\b(?:(?:on|by|before|until|from|since)\s+)?(?<!Chinese )(?<!Lunar )"
                              r"(?P<h>Christmas Day|Christmas Eve|Boxing Day|New Year[’']s (?:Day|Eve))\b"
                              r"(?:,?\s+(?:in\s+)?(?P<hy>(?:19|20)\d{2})\b)?|"        # ("on New Year's Day in 2018")
                              # ("a double payment before Christmas": by Christmas Eve; "by Christmas": the day)
                              r"\b(?P<by>before|by|until|in time for)\s+(?P<xmas>Christmas)\b(?!\s+(?:season|period|quarter|"
                              r"trading|market|tree|lights|shopping|holidays?|break)\b)|"
                              # "the day before Good Friday": days the calendar moves with Easter
                              # (a day only after "on", "by", "before" ...: "holidays like Good Friday" is no date)
                              r"\b(?:on|by|before|until|from|since|over)\s+(?P<moving>Good Friday|Easter (?:Sunday|Monday)|"
                              r"Maundy Thursday)\b")),
    # "a slight increase in sales this Christmas season", "seasonal workers for the holiday period"
    # (November and December: the season's shopping, hiring and travel)
    ("holiday", re.compile(r"\b(?:this|the)\s+(?:Christmas|festive|holiday)(?:\s+(?:season|period|quarter))?\b|"
                           r"\bthis\s+Christmas\b")),
    # "full-year revenue", "later in the year": the current year
    # "raised its forecast for the year" too, not "in the year to June" nor "for the year ended March"
    ("year", re.compile(r"\b(?:full[\s-]year|later in the year|within the (?:current )?year|(?:(?:in|for|during|over|through|throughout)\s+)?the current (?:calendar )?year|(?:for|over|throughout|during|in) the (?:full|whole|rest of the|remainder of the|balance of the) year|end[\s-]year|"
                        r"(?:for|during) the year(?!\s+(?:to|ended|ending|through)\s+(?:the\b|date\b|\d{1,2}\s+)?(?-i:[A-Z])|"
                        r"\s+(?:ended|ending|before|after|ago|earlier)\b))\b", re.IGNORECASE)),
    # "for the current quarter", "this quarter": the quarter the document is written in (or the next)
    ("thisquarter", re.compile(r"\b(?:(?:in|for|during|by the end of)\s+)?(?:the\s+)?(?P<which>current|this|next|coming)\s+"
                               r"quarter\b", re.IGNORECASE)),
    # "within the next year", "over the coming year", "in the year ahead": a year from the document's date
    ("withinyear", re.compile(r"\bwithin\s+(?:(?:the\s+)?(?:next|coming)\s+(?:year|12 months|twelve months)|(?:a|one)\s+year)\b|"
                              r"\b(?:in|over|during|for|through)\s+the\s+(?:(?:next|coming)\s+year|year\s+ahead)\b|"
                              r"\bthe\s+(?:coming\s+year|year\s+ahead)\b", re.IGNORECASE)),
    # "for the start of next year": its first month
    ("yearstart", re.compile(r"\b(?:(?:at|by|for|from)\s+)?the\s+(?:start|beginning)\s+of\s+(?:(?P<which>next|this)\s+year|"
                             r"(?P<y>(?:19|20)\d{2}))\b", re.IGNORECASE)),
    ("midyear", re.compile(r"\b(?:(?:by|before|until|in|at|for|around)\s+)?the middle of (?:(?P<which>this|next) year|"
                           r"(?P<year>(?:19|20)\d{2}))\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(?:to\s+)?(?:end|finish|finishing|ending|close|closing) (?:the|this) year\b", re.IGNORECASE)),
    ("monthend", re.compile(r"\b(?:(?:by|before|until|at|to)\s+)?the end of (?:the|this) month\b|\blater in the month\b|"
                            r"\b(?:(?:for|during|through|over|in)\s+)?the (?:rest|remainder|balance) of (?:the|this) month\b",
                            re.IGNORECASE)),
    # "for the rest of the week": to its Sunday
    ("weekrest", re.compile(r"\b(?:(?:for|during|through|over|in)\s+)?the (?:rest|remainder|balance) of (?:the|this) week\b",
                            re.IGNORECASE)),
    # "by this time next week": the same day a week on
    ("thistime", re.compile(r"\b(?:(?:by|at|around)\s+)?this\s+time\s+next\s+(?P<unit>week|month|year)\b", re.IGNORECASE)),
    # "in the coming days": about a week; "weeks": four; "months": three
    ("coming", re.compile(r"\b(?:in|over|within|during)\s+the\s+(?:coming|next)\s+(?:few\s+)?(?P<unit>days|weeks|months)\b",
                          re.IGNORECASE)),
    ("week", re.compile(r"\b(?:(?:early|late)\s+)?(?:next|this|last|the coming|the following)\s+week(?:end)?\b",
                        re.IGNORECASE)),
    ("month", re.compile(r"\b(?:next|this|last|the coming)\s+month\b", re.IGNORECASE)),
    # (and "before the year ends", "end of year figures")
    ("year", re.compile(r"\b(?:(?:by|before|until|at|to)\s+)?the end of (?:the|this) year\b|\b(?:by\s+)?"
                        r"(?:year-end|year end|the year's end|the end of the year|end[\s-]of[\s-]year)\b|"
                        r"\b(?:by|before|until)\s+the\s+year\s+(?:ends|is\s+out|is\s+over|closes)\b", re.IGNORECASE)),
    # (and "by the end of calendar year 2005")
    ("yearend", re.compile(r"\b(?:(?:by|before|until|at|to)\s+)?(?:the\s+)?end(?: of|-)\s?(?:calendar\s+(?:year\s+)?)?"
                           r"(?P<y>(?:19|20)\d{2})\b",
                           re.IGNORECASE)),
    ("quarter", re.compile(r"\b(?:(?:in|by|before|until|through|for|during)\s+)?(?P<q>[1-4])Q(?P<qy>\d{2})\b")),
    # "in quarter three": that quarter of the year (the coming one in a future clause)
    ("quarterword", re.compile(r"\b(?:(?:in|by|before|until|through|for|during)\s+)?(?i:quarter)\s+(?P<qn>one|two|three|four)\b")),
    # "in the June quarter", "the September quarter of this year": the quarter ending that month
    ("monthquarter", re.compile(r"\b(?:(?:in|by|before|until|through|for|during)\s+)?(?:the\s+)?(?P<m>March|June|September|"
                                r"December)\s+quarter(?:\s+of\s+(?:this\s+year|(?P<y>(?:19|20)\d{2})))?\b")),
    # "throughout the summer", "over the winter": the season now running or next
    # (and "the closings will begin in the fall": the coming one; not "in the Spring Budget", "the Fall of Warness")
    ("seasonthe", re.compile(r"\b(?i:throughout|during|over|for|through|in)\s+the\s+(?P<season>summer|autumn|fall|winter|"
                             r"spring)\b(?!\s+(?:of\s+)?(?:(?:19|20)\d|next\s+year))")),
    # "this summer": to the end of the (northern) season
    ("season", re.compile(r"\b(?:(?:in|by|before|until|during|over)\s+)?(?:the\s+)?(?P<which>this|next|coming|"
                          r"upcoming)\s+(?P<season>summer|autumn|fall|winter|spring)\b|"
                          r"\b(?:(?:by|before|until)\s+(?:the\s+)?(?P<bare>summer|autumn|fall|winter|spring)(?!\s+(?:of\s+)?(?:19|20)\d)"
                          r"(?!\s+(?:in|of|on|to|from|at|for)\s+(?!(?:19|20)\d))|"     # ("hit by the fall in oil prices")
                          r"(?:in|by|before|until|"
                          r"during|over)?\s*(?:the\s+)?(?P<named>summer|autumn|fall|winter|spring)\s+(?:of\s+)?"
                          r"(?P<sy>(?:19|20)\d{2})|(?P<this>summer|autumn|fall|winter|spring)\s+this\s+year|"
                          # ("in spring next year", "in the summer of next year")
                          r"(?:(?:in|by|before|until|during|over)\s+)?(?:the\s+)?(?P<nexty>summer|autumn|fall|winter|spring)"
                          r"\s+(?:of\s+)?next\s+year)\b",
                          re.IGNORECASE)),
    # "expected to last between seven and eight weeks": until the longer of the two; "is expected to
    # take about 10 days" ends then too
    # "in six years" too (a day, not the end of a month as "in the next six years" below)
    ("lasting", re.compile(r"\b(?:(?:continues?|continuing|go on)\s+for\s+|for\s+(?:another|a\s+further)\s+"
                           r"(?:[\w-]+\s+(?:to|or|-|–)\s+)?|(?:lasts?|lasting|run|runs|take|takes)\s+(?:for\s+)?(?:between\s+[\w-]+\s+and\s+|up to\s+|"
                           r"about\s+|around\s+|roughly\s+)|within\s+[\w-]+\s+(?:to|-|–|or)\s+|"
                           r"(?:in|within)\s+(?=\w+\s+years\b)|within\s+(?=\w+\s+months\b(?!\s+(?:of|after|from)\b))|(?:in|within|over)\s+the\s+(?:next|coming)\s+(?=\w+\s+(?:hours|days|weeks)\b))"
                           r"(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+"
                           r"(?P<unit>hours|days|weeks|months|years)\b", re.IGNORECASE)),
    # "is expected to last three years", "will take two years", "over a three-year period": as long
    # from the document's date, in a clause about the future only ("the work took three years" is
    # a past stretch; "the course lasts three years" a standing fact)
    # ("last" and "take" as verbs: after "to", "will", "could" ...; not "over the last three years")
    ("stretchahead", re.compile(r"\b(?:(?:(?:(?<=\bto )|(?<=\bwill )|(?<=\bwould )|(?<=\bcould )|(?<=\bmay )|(?<=\bmight )|"
                                r"(?<=\bshould )|(?<=\bcan )|(?<=\bmust ))(?:last|take)|lasting|taking)\s+(?:for\s+)?(?:just\s+|only\s+)?|"
                                r"over\s+(?:a|the\s+next)\s+(?=\w+-(?:year|month|week)\s+(?:period|span)\b))"
                                r"(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|twelve)[\s-]"
                                r"(?P<unit>(?:year|month|week)s?)\b(?:\s+(?:period|span)\b)?", re.IGNORECASE)),
    ("quarter", re.compile(r"\b(?:(?:in|by|before|until|through|for|during)\s+)?(?:the\s+)?Q(?P<q>[1-4])"
                           r"(?:\s+(?:of\s+)?(?P<qy>(?:19|20)\d{2}))?\b")),
    # "in the third quarter", "the first quarter of 2026", "the third quarter next year", "the second
    # calendar quarter": that year's quarter
    # (before the bare "next year" below, which would otherwise take the year alone)
    ("quarter", re.compile(r"\b(?:(?:in|by|before|until|through|for|during)\s+)?(?:the\s+)?(?:end of the\s+)?"
                           r"(?:first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-](?:calendar\s+)?quarter(?:\s+of\s+(?:19|20)\d{2}|"
                           r"\s+(?:of\s+)?(?:next|this)\s+year)?\b", re.IGNORECASE)),
    ("half", re.compile(r"\b(?:(?:in|by|before|until|through|for|during)\s+)?(?:the\s+)?(?:first|second)\s+half\s+of\s+"
                        r"(?:next|this|last)\s+year\b", re.IGNORECASE)),
    # "from April next year", "by June this year": that month of that year (before the bare "next year")
    ("month", re.compile(rf"\b(?:(?:in|by|before|until|from|through|during|at)\s+)?(?:the\s+)?"
                         rf"(?:(?:early|mid|late|end of)[\s-]+)?(?:{'|'.join(_FULL_MONTHS)})\s+(?:of\s+)?(?:next|this)\s+year\b")),
    ("year", re.compile(r"\b(?:(?:early|mid|late)[\s-]+)?(?:next|this|last)\s+year\b", re.IGNORECASE)),
    # "enters the umbra at about 10:28 p.m. on the 15th": that day of the document's month (of the next
    # in a future clause when it has gone by; not "on the 15th floor")
    # ("on the 11th" alone is a golf hole, a floor: only after a clock time)
    ("ordinalday", re.compile(r"(?:\b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.m\.|[ap]m\b)(?:\s+[A-Z]{2,4})?\s+on|"
                              r"\b(?:by|until|before|from|since))\s+the\s+(?P<d>[1-3]?\d)(?:st|nd|rd|th)\b"
                              r"(?=\s*(?:[.,;:)]|$)|\s+(?:at|and|or|when|if|but|with)\b)")),
    ("day", re.compile(r"\b(?:last night|yesterday|today|tonight|tomorrow|this (?:morning|afternoon|evening))\b",
                       re.IGNORECASE)),
    # (not a holiday named by its weekday: "Good Friday", "Black Friday", "Cyber Monday", "Super Tuesday")
    ("day", re.compile(rf"\b(?:(?:next|this|last|on|by|until|before|from)\s+)?(?<!Good )(?<!Black )(?<!Cyber )"
                       rf"(?<!Easter )(?<!Holy )(?<!Maundy )(?<!Ash )(?<!Shrove )(?<!Palm )(?<!Super )(?<!Bloody )"
                       rf"(?:{_WEEKDAY_RE})\b")),
    # "within 10 days"; "would last (for) six weeks" ends then too
    # "in one or two weeks": the later of the two
    # (and "in about two months": as many, give or take)
    # (not "over the last six weeks": "last" there looks back)
    ("day", re.compile(r"\b(?:in|within|(?<!the )(?<!its )(?<!their )(?:lasts?|lasting)\s+(?:for\s+)?)\s*(?:(?:\d+|one|two|three|a)\s+or\s+)?"
                       rf"{_ABOUT}(?:\d+|two|three|four|five|six|seven|ten|a|one)\s+(?:days?|weeks?)\b", re.IGNORECASE)),
    # "in a fortnight", "in a couple of days": two weeks, two days
    # (and "over the next fortnight", "within the next couple of weeks")
    ("fortnight", re.compile(r"\b(?:(?:in|within)\s+(?:a|one)|(?:in|within|over|during)\s+the\s+(?:next|coming))\s+"
                             r"(?:(?P<fortnight>fortnight)|couple\s+of\s+(?P<unit>days|weeks))\b", re.IGNORECASE)),
    ("month", re.compile(rf"\bin\s+{_ABOUT}(?:\d+|two|three|four|five|six|a|one)\s+months?\b", re.IGNORECASE)),
    # (and "for the next 15 years", "in each of the next four years", "over the next couple of years")
    ("span", re.compile(r"\b(?:in|within|over|for|during|in\s+each\s+of|over\s+the\s+course\s+of)\s+(?:at\s+least\s+)?(?:the\s+)?(?:next|coming)\s+(?:(?P<n>\d+|two|three|four|"
                        r"five|six|seven|eight|nine|ten|twelve|couple\s+of)\s+(?P<unit>years|months)|(?P<decade>decade))\b",
                        re.IGNORECASE)),
    ("month", re.compile(rf"\b(?:(?:in|by|before|until|from|since|through|during|of|at)\s+)?(?:at least\s+)?(?:the\s+)?"
                         rf"(?:(?:early|mid|late|end of)[\s-]+)?(?:(?i:next|last)\s+(?=[A-Z]))?"    # ("until next March")
                         rf"(?:{'|'.join(_FULL_MONTHS)})(?:\s+\d{{4}}|,\s+(?:19|20)\d{{2}}(?!\d|,\d))?\b")),   # ("September, 2010")
    ("half", re.compile(r"\b(?:(?:in|by|before|until|through|for|during)\s+)?(?:at least\s+)?(?:the\s+)?"
                        r"(?:first|second)\s+(?:half|six\s+months)\s+of\s+(?:19|20)\d{2}\b", re.IGNORECASE)),   # ("the first six months of 2023")
    ("year", re.compile(r"\b(?i:in|into|by|before|until|since|from|through|throughout|across|during|for all of|for|of|or|come)\s+"
                        r"[\"“‘']?(?i:at least\s+|(?:around|about|approximately|roughly|circa)\s+(?=(?:19|20)\d{2}\b(?!\s+(?!(?:and|or|to|when|as|at|in|on|for|with|the|but|if|after|before|under|from)\b)[a-z]))"
                        r")?(?i:early\s+|mid[\s-]|late\s+)?(?:19|20)\d{2}\b")),     # ("until at least 2026", by "mid-2020", "by around 2050")
)
# "announced on Wednesday", "told reporters Monday": the day a statement was made is past
_SAID_ON = re.compile(r"\b(?:announced|said|told\s+\w+|reported|confirmed|unveiled|revealed|disclosed|stated|"
                      r"released|published|warned|added)(?:\s+(?:here|there))?\s*$")     # "said here on Sunday"


# "Aker BP forecast on Wednesday its production would grow ...": the weekday it forecast on
_FORECAST_ON = re.compile(r"\b(?:forecast|forecasted|predicted|projected)\s*$")


_SAYING = r"(?:announced|said|told|reported|confirmed|unveiled|revealed|disclosed|stated|warned)\b"
# "BT has today announced that ...", "The bank on Monday said ...": a saying right after the date
_SAID_RIGHT_AFTER = re.compile(rf"\s+{_SAYING}")
# "On Tuesday, Folgers announced it would ...": a weekday opening the sentence, before its saying
_OPENS_SAYING = re.compile(rf",?\s+(?:[\w’'&.-]+\s+){{1,5}}?{_SAYING}")


# "The Reserve Bank had earlier this month raised the inflation forecast for ...": when the forecast
# was revised, not its horizon
_REVISED_FORECAST_AFTER = re.compile(r"\s+(?:raised|cut|lowered|revised|upgraded|downgraded|trimmed|lifted|kept|"
                                     r"maintained|reiterated|left)\s+(?:[\w’'-]+\s+){0,4}?(?:forecasts?|estimates?|"
                                     r"outlook|guidance|projections?|predictions?)\b")


def said_on(text_before: str, date_text: str = "", text_after: str = "") -> bool:
    """Whether a date right after ``text_before`` is the day something was said ("announced on
    Friday that ..."), not a day the claim is about (``date_text``: the date itself, when known;
    ``text_after``: what follows it, "On Tuesday, Folgers announced ...")."""
    if _SAID_RIGHT_AFTER.match(text_after) or _REVISED_FORECAST_AFTER.match(text_after):
        return True
    if re.fullmatch(r"\s*(?:on\s+)?", text_before, re.IGNORECASE) and _OPENS_SAYING.match(text_after) and \
            re.match(rf"(?:on\s+)?(?:{_WEEKDAY_RE})$", date_text, re.IGNORECASE):
        return True
    if _FORECAST_ON.search(text_before) and re.match(rf"(?:on\s+)?(?:{_WEEKDAY_RE})\b", date_text):
        return True
    said = _SAID_ON.search(text_before)
    # ("figures will be released Monday", "due to be published Friday": a day ahead, no statement)
    return bool(said) and not re.search(r"\b(?:will|would|shall|to|be)\s+$", text_before[:said.start()])


# "the highest level in 16 years", "not seen in 103 years", "the first time in three months": a
# stretch of the past measured back from now, not a horizon ahead
_LOOKING_BACK = re.compile(r"\b(?:(?:highest|lowest|biggest|largest|smallest|fastest|slowest|strongest|weakest|"
                           r"sharpest|steepest|deepest|longest|shortest|hottest|coldest|wettest|driest|warmest|"
                           r"worst|best|most|least|first|only)\b"
                           r"(?:\s+(?!(?:will|would|could|should|may|might|can|shall|to|be|is|are)\b)[\w-]+){0,4}|"
                           r"\b(?:not|never)\s+(?:been\s+)?(?:seen|recorded|witnessed|observed|matched)|"
                           r"\bfirst\s+time|\bunseen)\s+$", re.IGNORECASE)


# "of 2019 levels", "on 2005 levels", "in 2024 prices": a year the values are measured against
_BASELINE_AFTER = re.compile(r"(?:[’']s)?\s+(?:pre-pandemic\s+)?(?:levels?|prices|terms|dollars)\b", re.IGNORECASE)


_CALENDAR_DAY = re.compile(_MONTH_RE + r"\s+\d{1,2}(?!\d)|\d\s+(?:of\s+)?" + _MONTH_RE)   # not "September 2012"
_ON_DAY = re.compile(rf"\b(?:on|in)\s+(?:{_MONTH_RE}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH_RE}|{_WEEKDAY_RE})\b")
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}
# the month a (northern) season ends in
_SEASON_END = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11, "winter": 2}
_SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                  "ten": 10, "twelve": 12}


# a verb in the past right before or after a weekday: the deed was done that day, however far
# ahead the rest of the clause looks
_PAST_FORMS = (r"(?:(?!(?:expected|scheduled|planned|slated|due|timed|billed|booked|listed|called|set|"
               r"needed|intended|hoped|aimed|proposed|tipped|tabled|earmarked)\b)[a-z]+ed|won|held|took|made|"
               r"kept|said|told|gave|rose|fell|struck|lost|sold|paid|began|ran|came|saw|left|got|laid|led|sent|"
               r"spent|built|brought|bought|found|fought|chose|drew|grew|wrote|spoke|broke|stood|shut|swore)")
_PAST_AFTER = re.compile(rf"^,?\s+{_PAST_FORMS}\b")
_PAST_BEFORE = re.compile(rf"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bis )(?<!\bare )(?<!\bto )(?<!\bwill )"
                          rf"\b{_PAST_FORMS}\s+$")


def _done_that_day(text_before: str, span: str, text_after: str) -> bool:
    """"on Monday retained its policy rate", "voted on Thursday": a weekday the verb beside it
    puts in the past (not "closed until Monday": a bound, not a day)."""
    if re.match(r"(?:until|till|by|from|before|after|since)\b", span, re.IGNORECASE):
        return False
    if _PAST_AFTER.match(text_after):
        return True
    # (the verb right before "on" or "in" and the day: not "a rate cut at the July meeting")
    return bool(re.match(rf"(?:(?:on|in)\s+)?(?:{_WEEKDAY_RE}|{_MONTH_RE})", span, re.IGNORECASE)) and \
        bool(_PAST_BEFORE.search(text_before))


_FOLLOWS = re.compile(r"\s*(?:It|This|That|The\s+(?:[\w\-]+\s+){0,2}?(?:move|decision|announcement|news|vote|rise|"
                     r"cut|increase|change|closure|warning))\s+(?:follows|comes\s+(?:just\s+)?(?:after|days after|"
                     r"a day after|a week after))\b")


def _pointed(text: str, start: int, end: int, future: bool | None) -> bool | None:
    """Which way the weekday or month at ``text[start:end]`` points: ahead after an "until" that
    points ahead, back beside a verb in the past, else as the clause's tense (``future``)."""
    span = text[start:end]
    if _until_ahead(text, start, span) or _ahead_whatever_tense(text[:start], span):
        return True
    if _FOLLOWS.match(text) and re.match(rf"(?:on\s+)?(?:{_WEEKDAY_RE})\b", span):
        return False             # "It follows an evening of thunderstorms on Saturday": what it follows is past
    if future is not False and _done_that_day(text[:start], span, text[end:]):
        return False             # "The City Council on Thursday voted to ... over the next three years"
    return future


# "a dividend of 5.5p, down from 12.5p a year ago, to be paid on 8 November": a day something is still
# to be done on is ahead, whatever the tense around it
_TO_BE_DONE_ON = re.compile(r"\b(?:to|will|shall)\s+be\s+\w+(?:ed|en|id|t)\s+(?:on|by|from)\s+(?:the\s+)?$", re.IGNORECASE)


# verbs that move a date ("was moved from May to Sept. 24-27", "pushed back the completion from ...")
MOVE_VERBS = r"moved|postponed|rescheduled|pushed\s+back|put\s+back|delayed|deferred|brought\s+forward|shifted"

# "was moved from May to Sept. 24-27", "has been postponed until Monday": the new day is ahead,
# whatever the tense of the move
_MOVED_TO = re.compile(rf"\b(?:{MOVE_VERBS}|switched|pushed)\b[^.;]{{0,40}}?\b(?:to|until|for)\s+(?:(?:on|the)\s+)?$",
                       re.IGNORECASE)


def _ahead_whatever_tense(text_before: str, span: str) -> bool:
    """Whether the date ``span`` (after ``text_before``) is ahead whatever the clause's tense: the
    new day of something moved, or a day something is still to be done on."""
    lead = re.match(r"(?:to|until|for)\s+", span, re.IGNORECASE)
    return bool(_MOVED_TO.search(text_before + (lead.group() if lead else "")) or _TO_BE_DONE_ON.search(text_before))


def _until_ahead(text: str, start: int, span: str) -> bool:
    """Whether the date at ``start`` follows an "until" that points ahead whatever the tense: "a
    strike until 6 a.m. on Thursday", called yesterday; "unlikely to start until January" (not
    after a verb in the past: "the talks ran until Monday")."""
    before = text[:start] + span.split()[0] if span.lower().startswith("until") else text[:start]
    until = re.search(r"(?P<word>\w+)\s+until\b[^;,]{0,25}$", before)
    return bool(until) and not re.fullmatch(r"\w+ed|ran|was|were|stayed|kept|held|went|sat|stood", until.group("word"))


def _date_settings(base: datetime, prefer: str) -> dict[str, Any]:
    return {"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "RETURN_AS_TIMEZONE_AWARE": False}


def _alternative_dates(statement: str, first: str, second: str) -> bool:
    """"by late Wednesday, July 3 or early morning Thursday, July 4": the second is the other choice."""
    start = statement.find(first)
    end = statement.find(second, start + len(first)) if start >= 0 else -1
    # ("on Thursday and Friday": the claim runs to the second as well)
    return end > start >= 0 and len(statement[start + len(first):end]) <= 40 and \
        bool(re.search(r"\bor\b", statement[start + len(first):end]) or
             re.fullmatch(r"\s+and\s+", statement[start + len(first):end]))


# Where a financial year ends, by the country a document is about: 31 March in India, Japan,
# Canada and the UK (its government's year), 30 September for the US government, 30 June in
# Australia and New Zealand (and when nothing says).
_FISCAL_COUNTRIES = (
    (3, re.compile(r"¥|£|\b(?:India|Indian|RBI|rupees?|Sensex|crores?|lakhs?|Rs|New Delhi|Mumbai|Bengaluru|Chennai|"
                   r"Japan|Japanese|BOJ|yen|Tokyo|Canada|Canadian|Ottawa|Britain|British|"
                   r"UK|U\.K\.|England|English|Scotland|Scottish|Wales|Welsh|Cardiff|HMRC|Westminster|NHS|"
                   r"[Cc]ouncil [Tt]ax|Band D|"       # (taxes only Britain levies)
                   # (a province names no country: "Newfoundland will end the 2022-23 financial year")
                   r"Newfoundland|Labrador|Ontario|Quebec|Alberta|Manitoba|Saskatchewan|Nova Scotia|Toronto|"
                   r"Montreal|Vancouver|Calgary|Winnipeg)(?!\w)")),
    (9, re.compile(r"\b(?:U\.S\.|US|American|Congress|federal government|Pentagon|White House)(?!\w)")),
    (6, re.compile(r"\b(?:Australia|Australian|RBA|ASX|Queensland|NSW|Victoria|Sydney|Melbourne|New Zealand|"
                   r"Canberra|Tasmania|Tasmanian|Hobart|Brisbane|Adelaide|Auckland|Christchurch)(?!\w)")),
)


@dataclass(frozen=True)
class YearCounting:
    """How a document counts its years: the month its financial year ends in (``fiscal_year_end``),
    the month a split year such as "2023/24" ends in where that is a commodity's marketing year
    (``season_year_end``), and whether "fiscal 2028" starts in 2028 (``fiscal_year_named_by_start``)."""

    fiscal_end: int = 6
    season_end: int | None = None
    named_by_start: bool = False
    budgets: bool = False        # the document plans by financial years: "the coming year" is the next one


# a budget, a precept, a financial year named: a document that plans by financial years
_BUDGET_WORDS = re.compile(r"\b(?:(?:financial|fiscal)\s+year|budgets?|precepts?|council\s+tax|FY\s?(?:20)?\d{2}|"
                           r"from\s+(?:1\s+)?April)\b", re.IGNORECASE)   # (bills that change each April)


def year_counting(body: str) -> YearCounting:
    """How ``body`` counts its years (see ``YearCounting``)."""
    return YearCounting(fiscal_year_end(body), season_year_end(body), fiscal_year_named_by_start(body),
                        bool(_BUDGET_WORDS.search(body)))


# Japan names a financial year by the year it starts in ("fiscal 2028" runs from April 2028 to
# March 2029); India, the UK and companies elsewhere by the year it ends in
_JAPAN = re.compile(r"¥|\b(?:Japan|Japanese|BOJ|yen|Tokyo|Osaka|Nikkei)\b")


def fiscal_year_named_by_start(body: str) -> bool:
    """Whether a named financial year ("FY 2028", "fiscal 2028") is the one starting in that year:
    in a document about Japan more than any other March-year country."""
    march = _FISCAL_COUNTRIES[0][1]
    japan = len(_JAPAN.findall(body))
    return japan > 0 and japan * 2 > len(march.findall(body))


def fiscal_year_end(body: str) -> int:
    """The month a financial year ends in for this document: that of the country it names most."""
    counts = [(len(pattern.findall(body)), month) for month, pattern in _FISCAL_COUNTRIES]
    best = max(counts)
    return best[1] if best[0] else 6


# Where a split year ("the 2022-23 season", "2023/24 production") ends in a document about a crop or
# commodity that has a marketing year of its own: September for sugar, cocoa and olive oil (October
# to September: India's sugar season, the ICCO's cocoa year, the IOC's olive oil year), May for New
# Zealand dairy (Fonterra's June-to-May season). Named twice at least: one mention is no topic.
_SEASON_COMMODITIES = (
    (9, re.compile(r"\b(?:sugar|sugarcane|cocoa|olive oil)\b", re.IGNORECASE)),
    (5, re.compile(r"\b(?:Fonterra|milk solids|kgMS|Global Dairy Trade|GDT)\b")),
)


def season_year_end(body: str) -> int | None:
    """The month a split year ends in for a document about such a commodity (the one it names
    most), or None: the financial year's (``fiscal_year_end``)."""
    count, month = max((len(pattern.findall(body)), month) for month, pattern in _SEASON_COMMODITIES)
    return month if count >= 2 else None


# an occasion named by its year after its name: "the ICC Cricket World Cup 2019", "Euro 2024", "Expo 2020"
_NAMED_OCCASION_YEAR = re.compile(r"\b(?:World Cup|Cup|Games|Olympics|Paralympics|Championships?|Open|Expo|Euro|"
                                  r"Festival|Grand Prix|Tour|Series|Awards|Glastonbury|Coachella)\s+(?P<y>(?:19|20)\d{2})\b|"
                                  r"\b[Tt]he\s+(?P<y2>(?:19|20)\d{2})\s+(?:[A-Z][\w\-]*\s+){0,3}?(?:World Cup|Cup|Games|"
                                  r"Olympics|Championships?|Open|Expo|Euro|Festival|tournament|edition)\b")
# what a clause says of such an occasion's own days ("England will open the tournament on May 30")
_OCCASION_WORDS = re.compile(r"\b(?:tournament|final|semi-finals?|semifinals?|quarter-finals?|matches|match|opener|"
                             r"fixtures?|campaign|title defen[cs]e|group stage|Games|World Cup|festival|edition|"
                             r"opening ceremony|closing ceremony|kick-?off|competition)\b")


def occasion_year(body: str, document_date: str | None) -> int | None:
    """The year of the one occasion ahead that a document previews ("the ICC Cricket World Cup 2019"
    in a text of April 2018), or None: a day without a year that a clause gives that occasion
    ("England will open the tournament at the Oval on May 30") falls in that year."""
    if not document_date:
        return None
    years = {int(m.group("y") or m.group("y2")) for m in _NAMED_OCCASION_YEAR.finditer(body)}
    ahead = {y for y in years if y > int(document_date[:4])}
    return ahead.pop() if len(ahead) == 1 else None


def in_occasion_year(dates: list[dict[str, Any]], clause: str, year: int | None) -> list[dict[str, Any]]:
    """``dates`` with a day or month that names no year moved into the occasion's ``year``, when
    the clause speaks of that occasion's days (see ``occasion_year``)."""
    if year is None or not _OCCASION_WORDS.search(clause):
        return dates
    return [_in_year(item, year) if int(item["date"][:4]) < year else item for item in dates]


def _in_year(item: dict[str, Any], year: int) -> dict[str, Any]:
    """A day, week or month that names no year of its own, moved into ``year`` (a copy; the rest as is)."""
    if item["precision"] not in ("day", "week", "month") or re.search(r"\d{4}", item["text"]):
        return item
    try:
        return {**item, "date": date.fromisoformat(item["date"]).replace(year=year).isoformat(),
                "end": date.fromisoformat(item["end"]).replace(year=year).isoformat()}
    except ValueError:         # (29 February)
        return item


def _coming_year(today: date, years: YearCounting) -> tuple[date, date]:
    """(first day, last day) of "the coming year", "the year ahead": in a document that plans by
    financial years, the next one, or the one just begun (in its first three months); written in
    January, the calendar year begun; else a year from the day."""
    if years.budgets:
        ends_in = today.year if today.month <= years.fiscal_end else today.year + 1    # the year now running
        first, last = _financial_year(ends_in, years.fiscal_end)
        if today >= _months_later(first, 3):
            first, last = _financial_year(ends_in + 1, years.fiscal_end)
        return first, last
    if today.month == 1:
        return date(today.year, 1, 1), date(today.year, 12, 31)
    a_year_on = _months_later(today, 12)
    return a_year_on, a_year_on


def _months_later(day: date, months: int) -> date:
    """The same day ``months`` calendar months on (the month's last day when it is shorter: 29 February
    a year on is 28 February)."""
    year, month = divmod(day.month - 1 + months, 12)
    return date(day.year + year, month + 1, min(day.day, _month_end(day.year + year, month + 1).day))


def _year_part_end(year: int, part: str | None) -> date:
    """The end of "early 2025" (its first quarter: March), "mid-2025" (June), "late 2025" or "2025"
    (December)."""
    return _month_end(year, {"early": 3, "mid": 6}.get((part or "").lower(), 12))


def _financial_year(ending_in: int, last_month: int) -> tuple[date, date]:
    """(first day, last day) of the twelve months ending with ``last_month`` of ``ending_in`` (a
    calendar year when ``last_month`` is 12)."""
    end = _month_end(ending_in, last_month)
    return _months_later(end + timedelta(days=1), -12), end


def _reported_quarter_year(year: int, quarter: int, today: date) -> int:
    """The year of a quarter a past-tense clause names without one: the last such quarter when it
    ended nearer to ``today`` than the next one starts ("Netflix gained 19 million subscribers in
    the fourth quarter", written in January). A quarter about to start stays ahead: "analysts were
    projecting second-quarter earnings" in March, "should average $16,000 in the fourth quarter,
    a poll showed" in June."""
    start = date(year, 3 * quarter - 2, 1)
    if start <= today:
        return year
    return year - 1 if (today - _month_end(year - 1, 3 * quarter)).days <= (start - today).days else year


def _named_financial_year(named: str, years: YearCounting) -> tuple[date, date]:
    """(first day, last day) of the financial year "FY26", "fiscal 2026" names: the one ending in
    2026, or in a document about Japan the one starting in it."""
    year = int(named) if len(named) == 4 else 2000 + int(named)
    return _financial_year(year + (years.named_by_start and years.fiscal_end < 12), years.fiscal_end)


def _month_end(year: int, month: int) -> date:
    return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)


def _month_start(month: int, rest: list[str], today: date, future: bool | None) -> date:
    """The first day of ``month`` named with ``rest`` ("2025", "next year", or nothing)."""
    if rest and rest[0].isdigit():
        return date(int(rest[0]), month, 1)
    if rest:                        # "from April next year", "by June this year"
        return date(today.year + (rest[-2].lower() == "next"), month, 1)
    # the tense decides ("rose in June" written on 5 December: the June before; "will rise in
    # June": the next), else the nearer month by its middle
    resolved = _nearest_year(lambda y: date(y, month, 15), today, None).replace(day=1)
    if future is True and _month_end(resolved.year, month) < today - timedelta(days=31):
        return resolved.replace(year=resolved.year + 1)   # (a month just ended still counts)
    if future is False and resolved > today:
        return resolved.replace(year=resolved.year - 1)
    return resolved


def _years_around(make: Any, base: date) -> list[date]:
    """``make(year)`` for the year before ``base``'s, its own and the next (29 February only where
    there is one)."""
    days = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            days.append(make(year))
        except ValueError:          # 29 February
            continue
    return days


def _named_weekday_year(before: str, month_day: tuple[int, int], base: date) -> date | None:
    """The day a weekday in front of a date without its year fixes: "on Sunday, July 13", written
    in December 2024, is 13 July 2025, the only Sunday of that name within a year either way (None
    when no weekday is named, or when it fits none of them: a slip of the writer's)."""
    named = re.search(rf"\b({_WEEKDAY_RE}),?\s*(?:the\s+)?$", before)
    if named is None:
        return None
    weekday = [w.lower() for w in _WEEKDAYS].index(named.group(1).lower())
    fits = [day for day in _years_around(lambda y: date(y, *month_day), base) if day.weekday() == weekday]
    return fits[0] if len(fits) == 1 else None


# the noun a day names when it stands before it ("the April 24 weekend", "Monaco's May 8 date")
_FIXTURE_AFTER = re.compile(r"\s+(?:slot|date|deadline|weekend|race|round|meeting|launch|opening|kick-?off|fixture|"
                            r"release|vote|election|hearing|summit|start|showdown|final|clash)\b", re.IGNORECASE)


def month_number(name: str) -> int:
    """1 for "January", "Jan" or "Jan.", up to 12 ("Sept." is 9)."""
    return [m[:3] for m in _FULL_MONTHS].index(name[:3].title()) + 1


_EASTER_OFFSETS = {"Maundy Thursday": -3, "Good Friday": -2, "Easter Sunday": 0, "Easter Monday": 1}


def _moving_holiday(name: str, year: int) -> date:
    """The day of ``year`` a holiday that moves with Easter falls on (Easter by the church's reckoning,
    ``dateutil``)."""
    from dateutil.easter import easter

    return easter(year) + timedelta(days=_EASTER_OFFSETS[name])


def _nearest_year(make: Any, base: date, future: bool | None) -> date:
    """The date ``make(year)`` closest to ``base`` ("September 12" written on 6 September 2024 is
    2024-09-12, written on 20 December it is the past one); within ten months either way the
    tense decides: a future clause does not point more than two days back, a past one not ahead
    ("will be offered from September 1" written in February is this September, not the last)."""
    candidates = _years_around(make, base)
    best = min(candidates, key=lambda d: abs((d - base).days))
    if future is True and best < base - timedelta(days=2):
        later = [d for d in candidates if d >= base - timedelta(days=2)]
        if later and (later[0] - base).days <= 300:
            best = later[0]
    elif future is False and best > base + timedelta(days=2):
        earlier = [d for d in candidates if d <= base + timedelta(days=2)]
        if earlier and (base - earlier[-1]).days <= 300:
            best = earlier[-1]
    return best


def _weekday(phrase: str, base: date, future: bool | None) -> date:
    """A weekday named in the text: "last Friday" the one before the document's date, "next
    Monday" / a future or present clause the coming one, a past clause the last one."""
    words = phrase.lower().split()
    target = [w.lower() for w in _WEEKDAYS].index(words[-1])
    if target == base.weekday() and words[0] not in ("next", "last"):
        return base             # "Wednesday" in a text of a Wednesday: that day
    ahead = (target - base.weekday()) % 7 or 7
    behind = (base.weekday() - target) % 7 or 7
    if words[0] == "last" or (future is False and words[0] != "next"):
        return base - timedelta(days=behind)
    if words[0] == "next" and ahead < 3:
        ahead += 7
    return base + timedelta(days=ahead)


_POLLED_ON = re.compile(r"\b(?:polled|surveyed|interviewed|conducted|fielded|carried out)\s+"
                        # ("surveyed by pollster Indikator Politik Indonesia between")
                        r"(?:by\s+(?-i:(?:[a-z]+\s+)?(?:[A-Z][\w.&’'\-]*\s+|and\s+){1,6}))?(?:from|between|on|over|in)?\s*$",
                        re.IGNORECASE)


def _polled_on(text: str, start: int) -> bool:
    """Whether the date at ``start`` is when a poll asked ("surveyed from November 18-24"); a count
    "carried out on December 13" is no poll, unless the text is about one."""
    polled = _POLLED_ON.search(text[:start])
    return bool(polled) and (not re.match(r"(?i:conducted|carried out)", polled.group()) or
                             bool(re.search(r"\b(?:polls?|survey(?:ed|s)?|interview(?:ed|s)?|respondents|sample)\b",
                                            text, re.IGNORECASE)))


_PERIOD_END = re.compile(r"\b(?:quarter|period|year|month|week|half)\s+(?:that\s+)?(?:ending|ended|ends)\s+(?:on\s+)?$",
                         re.IGNORECASE)


_FIXED_HOLIDAYS = {"Christmas Eve": (12, 24), "Christmas Day": (12, 25), "Boxing Day": (12, 26),
                   "New Year's Eve": (12, 31), "New Year's Day": (1, 1)}


def find_dates(text: str, document_date: str | None, future: bool | None,
               years: YearCounting = YearCounting()) -> list[dict[str, Any]]:
    """Date expressions of ``text`` resolved against the document date, each as
    ``{"text", "date" (ISO), "precision" (day/week/month/quarter/half/year), "end" (ISO), "until"}``.

    ``future``: the clause's tense (True future, False past, None present); it decides which
    way a weekday or a day without a year points. ``until`` marks "until (at least) X": the
    statement holds up to the start of X (``date``), not to its ``end``.
    ``years``: how the document counts its financial and marketing years (``year_counting``)."""
    import dateparser

    fiscal_end = years.fiscal_end

    base = datetime.fromisoformat(document_date) if document_date else datetime.now()
    today = base.date()
    found: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []
    occasions: set[int] = set()        # years naming an occasion: "the 2024 Games"
    for named, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            precision = named        # (each match starts from its pattern's name: a branch may rename it)
            if any(match.start() < e and match.end() > s for s, e in taken):
                continue
            span = match.group()
            if re.match(r"(?:in|within)\s+[\w-]+\s+(?:hours|days?|weeks?|months?|years)\b", span, flags=re.IGNORECASE) \
                    and _LOOKING_BACK.search(text[:match.start()]):
                continue
            if re.search(r"\d{4}$", span) and _BASELINE_AFTER.match(text, match.end()):
                continue        # "121 percent of 2019 levels", "in 2024 prices": a yardstick, not a time
            phrase = re.sub(r"^(?:for all of|in|into|by|before|until|from|since|on|through|throughout|across|during|of|at|to|for|or|come|"
                            r"within|over|(?:lasts?|lasting)(?:\s+for)?"
                            r"(?=\s+(?:\d|two|three|four|five|six|seven|ten|a|one)\b))\s+",
                            "", span, flags=re.IGNORECASE)
            phrase = re.sub(r"^[\"“‘']?(?:at least\s+|(?:around|about|approximately|roughly|circa)\s+(?=(?:19|20)\d{2}\b))?(?:the\s+)?",
                            "", phrase, flags=re.IGNORECASE)
            if precision == "month":
                phrase = phrase.replace(",", "")        # "September, 2010"
            if re.match(r"(?:in|within)\s", span, flags=re.IGNORECASE):
                phrase = re.sub(rf"^{_ABOUT}", "", phrase, flags=re.IGNORECASE)
            phrase = re.sub(r"^(?:\d+|one|two|three|a)\s+or\s+(?=\S+\s+(?:days?|weeks?)$)", "", phrase)   # the later
            at_end = bool(re.match(r"end of\s+", phrase, flags=re.IGNORECASE))
            phrase = re.sub(r"^(?:early|mid|late|end of)[\s-]*(?:in\s+)?(?:the\s+)?", "", phrase, flags=re.IGNORECASE)
            resolved: date | None = None
            end: date | None = None
            part = re.match(r"[\"“‘']?(?:at least\s+)?(?:the\s+)?(?P<part>early|mid|late)[\s-]", re.sub(
                r"^(?:in|by|before|until|from|since|through|throughout|during|for|around|at|to)\s+", "", span,
                flags=re.IGNORECASE),
                flags=re.IGNORECASE)
            relative_year = re.search(r"\b(?P<which>next|this|last)\s+year\b", span, flags=re.IGNORECASE)
            if precision == "numday":
                try:
                    resolved = end = date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
                except ValueError:
                    continue
                precision = "day"
            elif precision == "yearend":
                resolved = end = date(int(match.group("y")), 12, 31)
                precision = "year"
            elif precision == "fiscal":
                second = int(match.group("fy2") if len(match.group("fy2")) == 4 else match.group("fy1")[:2] + match.group("fy2"))
                if second <= int(match.group("fy1")):
                    continue
                if second != int(match.group("fy1")) + 1:
                    # "over 2022-25", "cover 2026-2030": a span of years, to the end of the last
                    resolved, end = date(int(match.group("fy1")), 1, 1), date(second, 12, 31)
                else:
                    year_end = years.season_end or fiscal_end
                    if re.match(r"\s+(?:school|academic)\s+year\b", text[match.end():], re.IGNORECASE):
                        year_end = 6         # "the 2021-22 school year": to June (fiscal_end is no school's)
                    resolved, end = _financial_year(second if year_end < 12 else int(match.group("fy1")), year_end)
                precision = "year"
            elif precision == "fyhalf":
                year_end = 12 if match.group("calendar") else fiscal_end
                year = today.year if today.month <= year_end else today.year + 1     # the year it ends in
                start = _financial_year(year, year_end)[0]
                if match.group("half").lower() == "second":
                    start = _months_later(start, 6)
                resolved, end = start, _months_later(start, 6) - timedelta(days=1)
                precision = "half"
            elif precision == "yearending":
                if future is not True:
                    continue        # "sales for the year ending March rose": the period reported on
                month = _FULL_MONTHS.index(match.group("m")) + 1
                year = int(match.group("y")) if match.group("y") else \
                    today.year + (_month_end(today.year, month) < today)         # the next such month end
                resolved, end = _financial_year(year, month)
                precision = "year"
            elif precision == "yearstarting":
                month = month_number(match.group("m"))
                day = int(match.group("d") or 1)
                try:
                    start = date(int(match.group("y")), month, day) if match.group("y") else \
                        _nearest_year(lambda y: date(y, month, day), today, True)
                    end = date(start.year + 1, month, day) - timedelta(days=1)
                except ValueError:
                    continue
                resolved = start
                precision = "year"
            elif precision == "holidayday" and match.group("moving"):
                resolved = end = _nearest_year(lambda y: _moving_holiday(match.group("moving"), y), today, future)
                precision = "day"
            elif precision == "holidayday":
                holiday = match.group("h") or ("Christmas Eve" if match.group("by") == "before" else "Christmas Day")
                month_day = _FIXED_HOLIDAYS[holiday.replace("’", "'")]
                resolved = end = date(int(match.group("hy")), *month_day) if match.group("hy") else \
                    _nearest_year(lambda y: date(y, *month_day), today, future)
                precision = "day"
            elif precision == "holiday":
                resolved, end = date(today.year, 11, 1), date(today.year, 12, 31)
                precision = "month"
            elif precision == "fyquarter":
                groups = match.groupdict()
                first, _ = _named_financial_year(groups.get("y1") or groups.get("y2") or groups.get("y3"), years)
                number = groups.get("q") or groups.get("q2")
                quarter = int(number) if number else _QUARTERS[groups["qw"].lower()]
                resolved = _months_later(first, 3 * (quarter - 1))
                end = _months_later(first, 3 * quarter) - timedelta(days=1)
                precision = "quarter"
            elif precision == "fynamed":
                resolved, end = _named_financial_year(match.group("y1") or match.group("y3") or match.group("y2"), years)
                precision = "year"
            elif precision == "fy":
                year = today.year if today.month <= fiscal_end else today.year + 1     # the year it ends in
                year += 1 if (match.group("which") or match.group("ahead")).lower() in ("next", "coming", "ahead") else 0
                resolved, end = _financial_year(year, fiscal_end)
                precision = "year"
            elif precision == "dayrange":
                year = int(match.group("y")) if match.group("y") else None
                days = []
                for key in ("d1", "d2"):
                    parsed = dateparser.parse(match.group(key) + (f" {year}" if year else ""), languages=["en"],
                                              settings=_date_settings(base, "future" if future is not False else "past"))
                    if parsed is None:
                        break
                    days.append(parsed.date())
                if len(days) < 2:
                    continue
                resolved, end = days
                if year is None and future is None:
                    # no tense to say which way ("surveyed between Jan 28 and Feb 4"): the nearest span
                    first = days[0]
                    resolved = _nearest_year(lambda y: first.replace(year=y), today, None)
                    end = end.replace(year=resolved.year)
                    if end < resolved:
                        end = end.replace(year=resolved.year + 1)
                if end < resolved:
                    resolved = resolved.replace(year=resolved.year - 1)     # "from December 1 to March 31, 2025"
                precision = "day"
            elif precision == "weekof":
                parsed = dateparser.parse(match.group("day"), languages=["en"], settings=_date_settings(base, "future"))
                if parsed is None:
                    continue
                month_day = (parsed.month, parsed.day)
                resolved = _nearest_year(lambda y: date(y, *month_day), today, future)
                end = resolved + timedelta(days=6 - resolved.weekday())
                precision = "week"
            elif precision == "thisquarter":
                quarter = (today.month - 1) // 3 + (1 if match.group("which").lower() in ("next", "coming") else 0)
                year = today.year + quarter // 4
                quarter = quarter % 4 + 1
                resolved, end = date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
                precision = "quarter"
            elif precision == "withinyear":
                resolved = end = _months_later(today, 12)
                if re.search(r"(?i)coming\s+year|year\s+ahead", span) and not re.match(r"(?i)within", span):
                    resolved, end = _coming_year(today, years)
                precision = "month"        # (a stretch of time, not a day something happens on)
            elif precision == "yearstart":
                year = int(match.group("y")) if match.group("y") else \
                    today.year + (1 if match.group("which").lower() == "next" else 0)
                resolved, end = date(year, 1, 1), date(year, 1, 31)
                precision = "month"
            elif precision == "months":
                first_month = _FULL_MONTHS.index(match.group("m1")) + 1
                last_month = _FULL_MONTHS.index(match.group("m2")) + 1
                if match.group("y"):
                    year = int(match.group("y")) - (1 if last_month < first_month else 0)
                elif future is None and first_month <= last_month and re.search(r"[-–]", span):
                    # no tense to say which way, in a table's style of quarters: the span whose middle is
                    # nearest ("inflation averaging 6.2 per cent in October-December", written in June)
                    middle = (first_month + last_month) // 2
                    year = _nearest_year(lambda y: date(y, middle, 15), today, None).year
                else:       # the span whose last month is nearest ("from January to September", written in October)
                    year = _nearest_year(lambda y: date(y, last_month, 15), today, future).year - \
                        (1 if last_month < first_month else 0)
                resolved = date(year, first_month, 1)
                end = _month_end(year + (1 if last_month < first_month else 0), last_month)
                precision = "month"
            elif precision == "both":
                first_year = int(match.group("y1") or match.group("f1"))
                if int(match.group("y2")) <= first_year:
                    continue
                resolved, end = date(first_year, 1, 1), date(int(match.group("y2")), 12, 31)
                precision = "year"
            elif precision == "midyear":
                year = int(match.group("year")) if match.group("year") else \
                    today.year + (1 if match.group("which").lower() == "next" else 0)
                resolved, end = date(year, 1, 1), date(year, 6, 30)
                precision = "half"
            elif precision == "namedseason":
                last_month = 11 if match.group("what").lower() == "hurricane" else 9
                year = int(match.group("y")) if match.group("y") else \
                    today.year + (_month_end(today.year, last_month) < today)
                resolved, end = date(year, 6, 1), _month_end(year, last_month)
                precision = "month"
            elif precision in ("quarterword", "monthquarter"):
                if precision == "quarterword":
                    quarter = _SMALL_NUMBERS[match.group("qn").lower()]
                    year = today.year + (bool(future) and _month_end(today.year, 3 * quarter) < today)
                else:
                    quarter = _FULL_MONTHS.index(match.group("m")) // 3 + 1
                    year = int(match.group("y")) if match.group("y") else \
                        today.year + (bool(future) and not match.group(0).endswith("year") and
                                      _month_end(today.year, 3 * quarter) < today - timedelta(days=45))
                resolved, end = date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
                precision = "quarter"
            elif precision == "seasonthe":
                season = match.group("season").lower()
                end_month = _SEASON_END[season]
                year = today.year + (season == "winter" and today.month > 2)
                if _month_end(year, end_month) < today and future is not False:
                    year += 1                  # "likely to remain throughout the summer", written in the autumn
                elif future is False and _month_end(year, end_month) - timedelta(days=92) > today:
                    year -= 1                  # "the highest average temperature for the summer", written in spring
                resolved = end = _month_end(year, end_month)
                precision = "month"
            elif precision == "vision":
                resolved, end = date(int(match.group("y")), 1, 1), date(int(match.group("y")), 12, 31)
                precision = "year"
            elif precision == "monthend":
                resolved = end = _month_end(today.year, today.month)
                precision = "month"
            elif precision == "weekrest":
                resolved, end = today, today + timedelta(days=6 - today.weekday())
                precision = "week"
            elif precision == "thistime":
                unit = match.group("unit").lower()
                resolved = end = today + timedelta(days=7) if unit == "week" else \
                    _months_later(today, 1 if unit == "month" else 12)
                precision = "day"
            elif precision == "coming":
                days = {"days": 7, "weeks": 28, "months": 91}[match.group("unit").lower()]
                resolved, end = today, today + timedelta(days=days)
                precision = "week" if days == 7 else "month"
            elif relative_year is not None and precision in ("year", "half"):
                year = today.year + {"next": 1, "this": 0, "last": -1}[relative_year.group("which").lower()]
                if precision == "half":
                    first = re.search(r"\bfirst\b", span, flags=re.IGNORECASE) is not None
                    resolved, end = date(year, 1 if first else 7, 1), _month_end(year, 6 if first else 12)
                else:
                    resolved, end = date(year, 1, 1), _year_part_end(year, part.group("part") if part else None)
            elif precision == "season":
                season = (match.group("season") or match.group("bare") or match.group("named") or
                          match.group("this") or match.group("nexty")).lower()
                end_month = _SEASON_END[season]
                following = (match.group("which") or "").lower() == "next"
                year = today.year + (1 if following else 0)
                if match.group("sy") or match.group("nexty"):
                    named = int(match.group("sy")) if match.group("sy") else today.year + 1
                    year = named + (1 if season == "winter" else 0)   # "winter 2025" ends Feb 2026
                elif season == "winter":
                    # this winter ends next February (written after February); "next winter" is the one
                    # after the winter now running, or the coming one ("by next winter", written in March)
                    year = today.year + (today.month > 2) + (following and (today.month <= 2 or today.month == 12))
                elif match.group("bare") and _month_end(year, end_month) < today:
                    year += 1                      # "by summer" written in the autumn: next summer
                resolved = end = _month_end(year, end_month)
                if span.lower().startswith("before"):
                    resolved = _months_later(end + timedelta(days=1), -3)    # (its start: a claim resolves on its eve)
                precision = "month"
            elif precision in ("lasting", "stretchahead"):
                if precision == "stretchahead" and future is not True:
                    continue
                number = match.group("n").lower()
                count = int(number) if number.isdigit() else _SMALL_NUMBERS[number]
                unit = match.group("unit").lower().rstrip("s") + "s"
                if unit in ("years", "months"):
                    resolved = end = _months_later(today, count * (12 if unit == "years" else 1))
                else:      # "within the next 48 hours": the day the last hour falls on
                    days = -(-count // 24) if unit == "hours" else count * {"days": 1, "weeks": 7}[unit]
                    resolved = end = today + timedelta(days=days)
                precision = "day"
            elif precision == "quarter" and match.groupdict().get("q"):
                quarter = int(match.group("q"))
                qy = match.group("qy")
                year = (int(qy) + 2000 if len(qy) == 2 else int(qy)) if qy else today.year
                if not match.group("qy") and future and _month_end(year, 3 * quarter) < today:
                    year += 1
                elif not match.group("qy") and future is False:
                    year = _reported_quarter_year(year, quarter, today)      # "added 5 million in Q3"
                resolved, end = date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
            elif precision == "quarter":
                words = re.split(r"[\s-]+", phrase.lower())
                quarter = _QUARTERS.get(words[0], 1)
                named_year = words[-1].isdigit() or words[-1] == "year"     # "of 2026", "next year", "of this year"
                year = int(words[-1]) if words[-1].isdigit() else today.year + (words[-2:] == ["next", "year"])
                if not named_year and future and _month_end(year, 3 * quarter) < today - timedelta(days=45):
                    year += 1                  # (a quarter just ended is still reported on)
                elif not named_year and future is False:
                    year = _reported_quarter_year(year, quarter, today)
                resolved = date(year, 3 * quarter - 2, 1)
                end = _month_end(year, 3 * quarter)
            elif precision == "fortnight":
                resolved = end = today + timedelta(days=14 if match.group("fortnight") or
                                                   match.group("unit").lower() == "weeks" else 2)
                precision = "day"
            elif precision == "half":
                words = phrase.lower().split()
                year = int(words[-1])
                resolved = date(year, 1 if words[0] == "first" else 7, 1)
                end = _month_end(year, 6 if words[0] == "first" else 12)
            elif precision == "span":
                number = "ten" if match.group("decade") else re.sub(r"couple\s+of", "two", match.group("n").lower())
                unit = "years" if match.group("decade") else match.group("unit").lower()
                count = int(number) if number.isdigit() else _SMALL_NUMBERS[number]
                months = count * (12 if unit == "years" else 1)
                if unit == "months":
                    # "in the next three months" written on 1 June: to 1 September, as "within three
                    # months" (a count of months from the day, as annotators and readers count it)
                    resolved = end = _months_later(today, months)
                else:
                    year, month = divmod(today.month - 1 + months, 12)
                    resolved = end = _month_end(today.year + year, month + 1)
                precision = "month"
            elif precision == "occasion":
                year = int(re.search(r"(?:19|20)\d{2}", span).group())
                resolved, end = date(year, 1, 1), date(year, 12, 31)
                occasions.add(year)
                precision = "year"
            elif precision == "year" and re.search(r"full|later in|within the|the current|whole|rest of|remainder of|balance of|"
                                                   r"(?:for|during) the year", span, re.IGNORECASE):
                resolved, end = date(today.year, 1, 1), date(today.year, 12, 31)
            elif precision == "year" and re.fullmatch(r"(?:19|20)\d{2}", phrase):
                resolved = date(int(phrase), 1, 1)
                end = _year_part_end(int(phrase), part.group("part") if part else None)
            elif precision == "year" and (at_end or re.search(r"\b(?:end|ending|finish|finishing|close|closing)\b|year-end|year end", phrase, re.I)):
                resolved = end = date(today.year, 12, 31)
            elif precision == "week" and phrase.lower().endswith("weekend"):
                # "this weekend": the Saturday and Sunday ahead (written on a weekend: this one)
                saturday = today + timedelta(days=(5 - today.weekday()) % 7)
                if today.weekday() == 6:
                    saturday = today - timedelta(days=1)
                # ("the" is already off the phrase: "following weekend", "coming weekend")
                shift = {"next": 7, "following": 7, "last": -7}.get(phrase.split()[0].lower(), 0)
                resolved = saturday + timedelta(days=shift)
                end = resolved + timedelta(days=1)
            elif phrase.lower() == "last night":
                resolved = today - timedelta(days=1)
            elif re.fullmatch(r"this (?:morning|afternoon|evening)", phrase, re.IGNORECASE):
                resolved = today
            elif phrase.split()[-1] in _WEEKDAYS:
                ahead = _pointed(text, match.start(), match.end(), future)
                if said_on(text[:match.start()], span, text[match.end():]):
                    ahead = False        # "Ford announced on Wednesday that it plans ...": when it was said
                if re.match(r"(?:’s|'s)?\s+(?:close|closing|session|trading)\b", text[match.end():], re.IGNORECASE):
                    ahead = False        # "a 75% premium to Friday's close": the last trading day of that name
                resolved = _weekday(re.sub(r"^(?:on|by|until|before|from)\s+", "", span), today, ahead)
            elif precision == "decade":
                first = int(match.group("y")) * 10
                part = (match.group("part") or "").lower()
                edge = (match.group("edge") or "").lower()
                years = {"early": (0, 3), "mid": (3, 6), "late": (7, 9), "end": (9, 9), "close": (9, 9),
                         "start": (0, 0), "beginning": (0, 0)}.get(part or edge, (0, 9))
                resolved, end = date(first + years[0], 1, 1), date(first + years[1], 12, 31)
                precision = "year"
            elif precision == "ordinalday":
                day = int(match.group("d"))
                month_start = today.replace(day=1)
                if future is True and day < today.day - 2:
                    month_start = _months_later(month_start, 1)
                elif future is False and day > today.day + 2:
                    month_start = _months_later(month_start, -1)
                try:
                    resolved = end = month_start.replace(day=day)
                except ValueError:
                    continue        # "on the 31st" of a shorter month
                precision = "day"
            elif precision == "monthweeks":
                month = _FULL_MONTHS.index(match.group("month")) + 1
                resolved = _month_start(month, [match.group("y")] if match.group("y") else [], today, future)
                if match.group("start"):
                    # ("from the beginning of July": a change that starts on its first day)
                    end = resolved if span.lower().startswith("from") else resolved.replace(day=10)
                else:
                    first = _WEEK_NUMBER[match.group("w1").lower()]
                    last = _WEEK_NUMBER[(match.group("w2") or match.group("w1")).lower()]
                    end = _month_end(resolved.year, month) if last == 5 else resolved.replace(day=7 * last)
                    resolved = resolved.replace(day=min(7 * (first - 1) + 1, 22))
                precision = "week"
            elif precision == "month" and re.sub(r"^(?:next|last)\s+", "", phrase, flags=re.I).split()[0] in _FULL_MONTHS:
                # "next March" is the coming one and "last March" the one gone, whatever the tense
                which = re.match(r"(next|last)\s+", phrase, flags=re.I)
                parts = phrase[which.end() if which else 0:].split()
                month = _FULL_MONTHS.index(parts[0]) + 1
                # ("works commenced in September and should be completed in 2017": the September gone)
                ahead = _pointed(text, match.start(), match.end(), future) if which is None else \
                    which.group(1).lower() == "next"
                resolved = _month_start(month, parts[1:], today, ahead)
                if which and ahead and resolved <= today:
                    # (no grace for a month just ended; "from next January", written in January: the one after)
                    resolved = resolved.replace(year=resolved.year + 1)
                elif which and not ahead and resolved >= today.replace(day=1):
                    resolved = resolved.replace(year=resolved.year - 1)
                end = _month_end(resolved.year, month)
                if part and part.group("part").lower() in ("early", "mid"):
                    end = end.replace(day=10 if part.group("part").lower() == "early" else 15)   # "in early August"
                if at_end:
                    resolved = end
            else:
                explicit = precision == "day" and bool(re.search(_MONTH_RE, phrase))
                last_day = re.search(r"\d(?:st|nd|rd|th)?(?:,\s*\d{1,2})*\s*(?:[-–]|and|to)\s*(?P<day>\d{1,2})"
                                     r"(?:st|nd|rd|th)?\b", phrase) if explicit else None
                if last_day:            # "Sept. 17-18", "21, 22 and 23 June": from the first day to the last
                    phrase = phrase[:last_day.start() + 1] + phrase[last_day.end():]
                if explicit and relative_year is not None:       # "1 August next year": that year's
                    phrase = re.sub(r"\s+\w+\s+year$", f" {today.year + (relative_year.group('which').lower() == 'next')}",
                                    phrase)
                prefer = "current_period" if explicit else ("future" if future is not False else "past")
                parsed = dateparser.parse(phrase, languages=["en"], settings=_date_settings(base, prefer))
                if parsed is None:
                    continue
                resolved = parsed.date()
                if explicit and not re.search(r"\d{4}", phrase):
                    month_day = (resolved.month, resolved.day)
                    # ("Rome's April 10 slot was confirmed": a day that names a fixture is not when the
                    # deed was done, so the tense does not point it; the nearer one is meant)
                    fixture = _FIXTURE_AFTER.match(text, match.end()) is not None
                    pointed = True if _ahead_whatever_tense(text[:match.start()], span) else None if fixture else future
                    resolved = _named_weekday_year(text[:match.start()], month_day, today) or \
                        _nearest_year(lambda y: date(y, *month_day), today, pointed)
                if last_day:
                    try:
                        end = resolved.replace(day=int(last_day.group("day")))
                    except ValueError:
                        end = None
                    if end is not None and end < resolved:
                        end = None
                if precision == "week" and re.match(r"(?i:early)\s", span):
                    monday = resolved - timedelta(days=resolved.weekday())
                    resolved, end = monday, monday + timedelta(days=2)      # "early next week": to its Wednesday
                elif precision == "week":
                    if phrase.lower().startswith("this"):
                        # the current week, to Sunday (written on a Sunday: the week ahead)
                        end = today + timedelta(days=(6 - today.weekday()) or 7)
                        resolved = today
                    else:
                        end = resolved + timedelta(days=6 - resolved.weekday())
                        if re.search(r"(?i)\b(?:from|starting|beginning|as of)\s+$", text[:match.start()]):
                            resolved -= timedelta(days=resolved.weekday())     # "from next week": its Monday
                elif precision == "month" and re.match(r"(?:next|this|last|the coming)\s+month", phrase, re.I):
                    resolved = resolved.replace(day=1)                        # "last month": the whole month
                    end = _month_end(resolved.year, resolved.month)          # "this month": to its last day
                elif precision == "month" and re.match(r"in\s", span, flags=re.IGNORECASE):
                    precision = "day"            # "in two months": the day two months on
                elif precision == "month":
                    end = resolved + timedelta(days=30)
                elif precision == "year":
                    end = date(resolved.year, 12, 31)
            taken.append(match.span())
            found.append({"text": span, "date": resolved.isoformat(), "precision": precision,
                          "end": (end or resolved).isoformat(), "start": match.start(),
                          "until": bool(re.match(r"(?:until|till)\s+at\s+least\s", span, flags=re.IGNORECASE)) and
                          named != "midyear",
                          # how long the thing itself will take: its own horizon, no other claim's
                          "stretch": named == "stretchahead"})
    found.sort(key=lambda d: d["start"])
    if len(occasions) == 1:
        # "The 2024 Games begin on 26 July": the day is in the year the occasion is named by
        year = occasions.pop()
        found = [_in_year(item, year) for item in found]
    # "the quarter ending April 27": the end of a period reported on, not a day something happens;
    # "32 of 36 polled from November 18-24": when a poll asked, not what it is about
    found = [d for d in found if not _PERIOD_END.search(text[:d["start"]]) and not _polled_on(text, d["start"])]
    if any(_CALENDAR_DAY.search(d["text"]) for d in found):
        # "Friday of a similar week which is dated September 13": the calendar date says which
        found = [d for d in found if d["text"].split()[-1] not in _WEEKDAYS]
    found = [_offset(item, text) for item in found]
    for item in found:
        del item["start"]
        for flag in ("until", "stretch"):
            if not item[flag]:
                del item[flag]
    return found


# "around four weeks after today's launch", "two days before the March 3 vote": so far from that day
_OFFSET_BEFORE = re.compile(r"\b(?P<n>\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+"
                            r"(?P<unit>days?|weeks?|months?)\s+(?P<rel>after|before)\s+(?:the\s+)?$", re.IGNORECASE)


def _offset(item: dict[str, Any], text: str) -> dict[str, Any]:
    """A day named as the anchor of an offset ("four weeks after today's launch") moved by it."""
    # ("a week before Christmas Eve": the date's own "before" ends the offset)
    lead = re.match(r"(?:before|after)\s+", item["text"], re.IGNORECASE)
    offset = _OFFSET_BEFORE.search(text[:item["start"]] + (lead.group() if lead else ""))
    if offset is None or item["precision"] != "day":
        return item
    number = offset.group("n").lower()
    count = int(number) if number.isdigit() else _SMALL_NUMBERS.get(number, 1)        # ("a month before")
    sign = 1 if offset.group("rel").lower() == "after" else -1
    unit = offset.group("unit").lower().rstrip("s")
    def moved(day: str) -> str:
        start = date.fromisoformat(day)
        if unit == "month":
            return _months_later(start, sign * count).isoformat()
        return (start + timedelta(days=sign * count * (7 if unit == "week" else 1))).isoformat()
    own = item["text"][lead.end():] if lead else item["text"]
    return {**item, "text": offset.group() + own, "date": moved(item["date"]), "end": moved(item["end"])}
