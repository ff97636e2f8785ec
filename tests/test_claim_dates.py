"""Date expressions in a clause, resolved against the document's date (monitor/judge/claim_dates.py).

Each row is a phrase a news text uses, the document's date, the clause's tense, and the day or
period it names: the table is the conventions' documentation."""
from __future__ import annotations

import pytest

from monitor.judge.claim_dates import (
    YearCounting,
    find_dates,
    fiscal_year_end,
    fiscal_year_named_by_start,
    season_year_end,
)


@pytest.mark.parametrize("text, written, future, start, end", [
    ("expected to cut rates next week", "2025-02-12", True, "2025-02-19", "2025-02-23"),   # a week on, to its Sunday
    ("by the end of the year", "2025-02-12", True, "2025-12-31", "2025-12-31"),
    ("in early August", "2025-07-18", True, "2025-08-01", "2025-08-10"),
    ("by mid-July", "2024-06-12", True, "2024-07-01", "2024-07-15"),
    ("early next year", "2025-02-12", True, "2026-01-01", "2026-03-31"),       # its first quarter
    ("between December and February", "2018-11-29", True, "2018-12-01", "2019-02-28"),
    ("within the next year", "2023-06-22", True, "2024-06-22", "2024-06-22"),
    ("for the start of next year", "2025-09-17", True, "2026-01-01", "2026-01-31"),
    ("operating leverage throughout the remainder of the year", "2017-07-27", True, "2017-01-01", "2017-12-31"),
    ("demand growth is expected to continue into 2026", "2025-09-11", True, "2026-01-01", "2026-12-31"),
    ("set to contract in the final quarter", "2025-09-11", True, "2025-10-01", "2025-12-31"),
    ("this weekend", "2024-11-21", True, "2024-11-23", "2024-11-24"),
    ("the following weekend", "2024-11-21", True, "2024-11-30", "2024-12-01"),
    ("from September 1", "2019-02-27", True, "2019-09-01", "2019-09-01"),      # ahead: the clause is future
    ("rose in June", "2024-12-05", False, "2024-06-01", "2024-06-30"),         # back: the clause is past
    ("in the 2023-2024 harvest", "2023-10-09", True, "2023-07-01", "2024-06-30"),
    ("would limit rent increases from Feb. 1 to June 30, 2024", "2023-11-28", True, "2024-02-01", "2024-06-30"),
    ("for the current quarter", "2016-10-20", True, "2016-10-01", "2016-12-31"),
    ("next quarter", "2016-11-20", True, "2017-01-01", "2017-03-31"),
    ("set to price the week of April 1", "2024-02-23", True, "2024-04-01", "2024-04-07"),
    ("called a strike until 6 a.m. on Thursday", "2022-07-27", False, "2022-07-28", "2022-07-28"),   # until: ahead
    ("talks continued until Friday", "2022-07-27", False, "2022-07-22", "2022-07-22"),        # after a past verb: back
    ("an average 2.4% in the third quarter next year", "2011-09-08", True, "2012-07-01", "2012-09-30"),
    ("in the first quarter of this year", "2011-02-08", True, "2011-01-01", "2011-03-31"),
    ("available within the next 48 hours", "2023-09-12", True, "2023-09-14", "2023-09-14"),
    ("expects to finalise a pact by summer", "2023-05-22", True, "2023-08-31", "2023-08-31"),
    ("by summer", "2023-10-02", True, "2024-08-31", "2024-08-31"),                 # this summer is over: next
    ("by summer 2025", "2023-10-02", True, "2025-08-31", "2025-08-31"),
    ("hire 6,000 freshers in the ongoing financial year", "2024-07-26", True, "2024-07-01", "2025-06-30"),
    ("looking to hire close to 90,000 freshers in the current fiscal.", "2024-07-26", True, "2024-07-01", "2025-06-30"),
    ("may form inside the area of responsibility before the year ends", "2023-11-20", True, "2023-12-31", "2023-12-31"),
    ("end of year figures are likely to fall short", "2024-09-05", True, "2024-12-31", "2024-12-31"),
    ("costs to rise by 4.2 percent in the coming year", "2024-09-26", True, "2025-09-26", "2025-09-26"),   # a year on
    ("enplanements up 25% over the coming year", "2023-04-20", True, "2024-04-20", "2024-04-20"),
    ("profit growth held back in the year ahead", "2024-02-10", True, "2025-02-10", "2025-02-10"),
    ("over the next decade", "2024-06-18", True, "2034-06-30", "2034-06-30"),
    # (these four were no date at all)
    ("the turbine is expected to operate for the next 15 years", "2021-07-29", True, "2036-07-31", "2036-07-31"),
    ("to pay five per cent more in each of the next four years", "2022-12-16", True, "2026-12-31", "2026-12-31"),
    ("the new trains will be arriving over the next couple of years", "2023-02-28", True, "2025-02-28", "2025-02-28"),
    ("a consultation on the closure plans over the next fortnight", "2018-11-05", True, "2018-11-19", "2018-11-19"),
    ("gained 19 million subscribers in the fourth quarter", "2025-01-22", False, "2024-10-01", "2024-12-31"),  # past: back
    ("the company added 5 million subscribers in Q3", "2025-01-22", False, "2024-07-01", "2024-09-30"),
    ("to 271 aircraft by Vision 2035", "2022-11-23", True, "2035-01-01", "2035-12-31"),   # a plan named by its year
    ("The 2024 Atlantic hurricane season is likely to be extremely active", "2024-05-23", True, "2024-06-01",
     "2024-11-30"),                                                                      # was to 31 December
    ("likely to continue during the Southwest Monsoon season", "2025-04-15", True, "2025-06-01", "2025-09-30"),
    ("would prevail in the area for another five to six days", "2024-05-27", True, "2024-06-02", "2024-06-02"),
    ("the ban came into force almost a year ago on 23 August, 2022", "2023-08-22", False, "2022-08-23",
     "2022-08-23"),                                                      # the year after a comma (was 2023)
    ("2020 total dividends were expected to be around £610m", "2019-07-31", True, "2020-01-01", "2020-12-31"),
    # days the calendar moves (Good Friday was read as the next Friday)
    ("the fast ferry comes into service the day before Good Friday", "2025-01-16", True, "2025-04-18", "2025-04-18"),
    ("the shops reopen on Easter Monday", "2024-03-01", True, "2024-04-01", "2024-04-01"),
    # a day of the month alone (it was no date), not "on the 20th floor"
    ("the moon enters the umbra at about 10:28 p.m. on the 15th.", "2022-05-10", True, "2022-05-15", "2022-05-15"),
    ("the fee is due by the 5th.", "2022-05-10", True, "2022-06-05", "2022-06-05"),
    # a decade or its part (was no date), a holiday's own year (was the nearest), an offset before a holiday
    ("by the end of the 2020s the group will rely on a much smaller workforce", "2023-05-18", True, "2029-01-01",
     "2029-12-31"),
    ("prices rose in the late 1990s", "2023-05-18", False, "1997-01-01", "1999-12-31"),
    ("the toll was initially reduced on New Year's Day in 2018", "2019-10-02", False, "2018-01-01", "2018-01-01"),
    ("the tolls will be scrapped a week before Christmas Eve", "2018-10-02", True, "2018-12-17", "2018-12-17"),
    # what a thing follows is past (the Saturday after was read)
    ("It follows an evening of thunderstorms on Saturday evening in Norfolk", "2014-10-13", None, "2014-10-11",
     "2014-10-11"),
    ("will provide about 1.2 trillion yen in subsidies within the year", "2024-02-24", True, "2024-01-01",
     "2024-12-31"),
    ("the drive will continue for three months", "2026-02-28", True, "2026-05-28", "2026-05-28"),   # calendar months
    ("in the next three months there is a 40% chance", "2022-06-01", True, "2022-09-01", "2022-09-01"),  # three months on
    ("could be set for a glorious summer this year", "2022-06-01", True, "2022-08-31", "2022-08-31"),
    ("Vertex has forecast 2014 Kalydeco sales of $470 million", "2014-10-21", True, "2014-01-01", "2014-12-31"),
    ("supply will increase by 11.7% across 2025", "2024-12-04", True, "2025-01-01", "2025-12-31"),
    ("raised its forecast for the year to 62.4 million", "2022-08-10", True, "2022-01-01", "2022-12-31"),
    ("too cloudy for the sun to be visible this afternoon", "2024-04-08", True, "2024-04-08", "2024-04-08"),
    ("projected a population growth of 7.3% between 2022 and 2032", "2025-01-28", None, "2022-01-01", "2032-12-31"),
    ("output will grow from 2025 to 2030", "2024-08-30", True, "2025-01-01", "2030-12-31"),
    ("profit in the first six months of the financial year", "2017-10-27", True, "2017-07-01", "2017-12-31"),
    ("growth projected in the second half of the year", "2024-10-15", True, "2024-07-01", "2024-12-31"),
    ("final domestic figures will be released Monday", "2024-06-16", True, "2024-06-17", "2024-06-17"),  # no say-day
    ("five to eight tropical cyclones will hit Hong Kong during the year", "2024-03-21", True, "2024-01-01", "2024-12-31"),
    ("we look forward to an end year cash rate of 3.35%", "2025-05-19", True, "2025-12-31", "2025-12-31"),
    ("The USDA forecast 2020 corn production at a record 15.3 billion bushels", "2020-08-12", True,
     "2020-01-01", "2020-12-31"),                                         # a year naming what is forecast
    ("had estimated the 2024 current account deficit at 0.9% of GDP", "2024-02-15", False, "2024-01-01", "2024-12-31"),
    ("a slight increase in sales this Christmas season", "2024-11-06", True, "2024-11-01", "2024-12-31"),
    ("will hire 500,000 seasonal workers for the holiday period", "2024-10-18", True, "2024-11-01", "2024-12-31"),
    ("rice prices would decrease slightly in one or two weeks", "2024-02-15", True, "2024-02-29", "2024-02-29"),
    ("cut its sales forecast for the year ending March to 21 million units", "2024-02-14", True,
     "2023-04-01", "2024-03-31"),                                          # the year the forecast is for
    ("emit 290 megatonnes over 2022-25", "2022-05-09", True, "2022-01-01", "2025-12-31"),   # a span of years
    ("the next budget would cover 2026-2030", "2022-05-09", True, "2026-01-01", "2030-12-31"),
    ("will provide the aircraft within six months", "2025-03-28", True, "2025-09-28", "2025-09-28"),
    ("From January to September, its sales declined 1.6 percent", "2024-10-02", None, "2024-01-01", "2024-09-30"),
    ("Kia's sales fell 4.5 per cent last month", "2024-10-02", False, "2024-09-01", "2024-09-30"),   # the whole month
    # week n of a month ends on its day 7n, the last week with the month; its beginning is its early part
    ("rain is expected in the 2nd to 3rd week of March 2020", "2020-02-05", True, "2020-03-08", "2020-03-21"),
    ("the coast will get rain in the 4th week of March", "2020-02-05", True, "2020-03-22", "2020-03-28"),
    ("the rains will end in the last week of May", "2020-02-05", True, "2020-05-22", "2020-05-31"),
    ("showers are expected at the beginning of March", "2020-02-05", True, "2020-03-01", "2020-03-10"),
    ("rates will hold until at least October 2024", "2023-08-25", True, "2024-10-01", "2024-10-31"),
    ("rates would be cut by mid 2025", "2024-12-18", True, "2025-01-01", "2025-06-30"),
    ("the bill needs a public vote in the 2020 general election", "2019-11-13", True, "2020-01-01", "2020-12-31"),
    # days before their month: the first to the last
    ("tram drivers are staging two 48-hour strikes on 28-29 June", "2022-06-16", True, "2022-06-28", "2022-06-29"),
    ("three 24-hour strikes on 21, 22 and 23 June", "2022-06-16", True, "2022-06-21", "2022-06-23"),
    ("the festival runs from 21 to 23 June 2023", "2022-06-16", True, "2023-06-21", "2023-06-23"),
])
def test_a_phrase_names_a_day_or_a_period(text: str, written: str, future: bool, start: str, end: str) -> None:
    found = find_dates(text, written, future)
    assert (found[0]["date"], found[0]["end"]) == (start, end)


@pytest.mark.parametrize("text, written, start, end", [
    ("expects the deficit to be $1.9 trillion in the 2024 fiscal year", "2024-06-19", "2023-10-01", "2024-09-30"),
    ("raised its EPS guidance for the full fiscal 2024", "2024-10-29", "2023-10-01", "2024-09-30"),
    ("reasonable net profit growth in FY26", "2025-11-03", "2025-10-01", "2026-09-30"),
])
def test_a_named_financial_year_is_the_one_ending_in_that_year(text: str, written: str, start: str, end: str) -> None:
    # (a US document: the financial year ends in September; see fiscal_year_end)
    found = find_dates(text, written, True, years=YearCounting(fiscal_end=9))
    assert [(d["date"], d["end"]) for d in found] == [(start, end)]


def test_a_bare_half_names_no_year_and_is_no_date() -> None:
    # whose year "the second half" halves (a calendar or a financial year) the clause does not say
    assert find_dates("likely to pick up pace again in the second half", "2017-10-27", True,
                      years=YearCounting(fiscal_end=6)) == []


def test_a_month_next_year_or_this_year_is_one_date_of_that_year() -> None:
    found = find_dates("will raise the minimum wage to £11.44 from April next year", "2023-11-22", True)
    assert [(d["date"], d["end"]) for d in found] == [("2024-04-01", "2024-04-30")]       # not also "next year"
    found = find_dates("will finish the line by June this year", "2023-11-22", True)
    assert [(d["date"], d["end"]) for d in found] == [("2023-06-01", "2023-06-30")]       # not next June


def test_a_time_limit_measured_from_an_event_is_no_date() -> None:
    assert find_dates("59% started treatment within two months of an urgent referral", "2023-08-10", True) == []


def test_the_year_to_a_month_or_a_year_ended_is_no_current_year() -> None:
    assert [d["text"] for d in find_dates("inflation for the year to June was 2.5%", "2025-03-25", None)] == ["June"]
    assert find_dates("sales for the year ended March rose", "2025-05-01", False) == []


def test_until_at_least_bounds_but_until_happens_then() -> None:
    assert find_dates("rates will stay on hold until at least 2021", "2019-11-08", True)[0]["until"] is True
    assert "until" not in find_dates("rates will stay on hold until 2021", "2019-11-08", True)[0]
    assert "until" not in find_dates("the line will be delayed until 2021", "2019-11-08", True)[0]


def test_the_year_a_change_runs_from_is_no_horizon_when_another_date_is_named() -> None:
    from monitor.judge.claims import extract_claims, parse_document

    claims = extract_claims(parse_document(b"---\ndate: 2024-12-04\n---\nHousing starts are forecast to grow by 9% from "
                                           b"2024 to 1.2 million units next year.\n", "housing.txt"))
    assert claims[0].resolves_by == "2025-12-31"
    assert [q.value for q in claims[0].quantities] == [0.09, 1_200_000]       # not a range from 2024 to 1.2 million


def test_a_forecast_resolves_at_its_horizon_not_on_the_day_it_was_announced() -> None:
    from monitor.judge.claims import extract_claims, parse_document

    claims = extract_claims(parse_document(
        b"---\ndate: 2024-11-21\n---\nBERLIN, Nov 21 (Bernama-Xinhua) -- US automaker Orbix announced on Wednesday "
        b"that it plans to cut 4,000 jobs in Europe by the end of 2027, in a bid to create a leaner structure and "
        b"ensure its growth, reported Xinhua.\n", "orbix.txt"))
    assert claims[0].event_date == "2024-11-20"               # the Wednesday before, when it was announced
    assert claims[0].resolves_by == "2027-12-31"              # was the coming Wednesday


def test_when_a_poll_was_taken_is_no_date_of_its_claim() -> None:
    assert find_dates("32 of 36 polled from November 18-24 said", "2025-11-25", None) == []


@pytest.mark.parametrize("body, month", [
    ("The RBI kept the repo rate; India's rupee fell.", 3),
    ("Queensland and NSW households; the Australian regulator said.", 6),
    ("Congress passed the bill; the White House signed it.", 9),
    ("The U.S. Treasury will sell $38 billion; the Treasury said.", 9),     # "Treasury" alone names no country
    ("Nothing here names a country.", 6),
    ("New Delhi: TCS plans to hire 40,000 freshers; Wipro's Rs 3,000 crore buyback.", 3),   # a dateline, rupees
    ("Welsh councils will receive £6.1bn from the Revenue Support Grant.", 3),     # Wales, pounds (were June)
    # a province or a state names its country (a Tasmanian "federal government" made it the US's)
    ("Newfoundland and Labrador will end the 2022-23 financial year with a surplus.", 3),    # was June
    ("Tasmania's debt will grow, the Tasmanian budget says; the federal government pays.", 6),  # was September
])
def test_a_financial_year_ends_where_the_document_is_set(body: str, month: int) -> None:
    assert fiscal_year_end(body) == month


@pytest.mark.parametrize("text, written, start, end", [
    ("The budget gap for the fiscal year that begins July 1 is expected to hit $1.3 billion", "2011-10-20",
     "2012-07-01", "2013-06-30"),
    ("will serve 23.4 million passengers in the upcoming financial year which begins Oct. 1", "2022-09-10",
     "2022-10-01", "2023-09-30"),
    ("will keep funding for the upcoming fiscal year beginning in July equal", "2018-03-10", "2018-07-01", "2019-06-30"),
])
def test_a_financial_year_that_begins_on_a_day_runs_a_year_from_it(text: str, written: str, start: str,
                                                                    end: str) -> None:
    # (the first two were the day it begins; the third ended in July 2018)
    found = find_dates(text, written, True)
    assert [(d["date"], d["end"]) for d in found] == [(start, end)]


@pytest.mark.parametrize("text, day", [
    ("The Regions Tradition was moved from May to Sept. 24-27.", "2020-09-24"),        # (was September 2019)
    ("The final was postponed until Thursday.", "2020-04-23"),
])
def test_the_day_a_thing_was_moved_to_is_ahead_whatever_the_tense(text: str, day: str) -> None:
    found = find_dates(text, "2020-04-20", False)
    assert found[-1]["date"] == day


@pytest.mark.parametrize("text, day", [
    ("Casual users will be able to hire cycles around four weeks after today's launch.", "2010-08-27"),  # (was today)
    ("The bill passed a month before the May 7 election.", "2010-04-07"),
])
def test_a_day_an_offset_is_counted_from_is_moved_by_it(text: str, day: str) -> None:
    (found,) = find_dates(text, "2010-07-30", True)
    assert (found["date"], found["end"]) == (day, day)


def test_a_second_match_of_one_pattern_is_read_by_that_pattern() -> None:
    # the second financial year was read as a day (2024-06-25): the first match had renamed the pattern
    found = find_dates("sales in 2023-24 and 2024-25 will rise", "2023-06-20", True,
                       years=YearCounting(fiscal_end=6))
    assert [(d["date"], d["end"]) for d in found] == [("2023-07-01", "2024-06-30"), ("2024-07-01", "2025-06-30")]


@pytest.mark.parametrize("body, month", [
    ("ISMA put sugar output at 31 million tonnes; sugar exports will be capped.", 9),       # October to September
    ("The ICCO sees a cocoa surplus; cocoa futures rose.", 9),
    ("Fonterra cut its forecast to $6.75 per kgMS.", 5),                                  # New Zealand dairy: June to May
    ("Sugar prices rose; the budget for 2024-25 was tabled.", None),                       # one mention is no topic
])
def test_a_commodity_document_has_the_marketing_year_of_its_commodity(body: str, month: int | None) -> None:
    assert season_year_end(body) == month


def test_a_split_year_in_a_commodity_document_is_its_marketing_year() -> None:
    found = find_dates("olive oil production in the 2023-2024 harvest", "2023-10-09", True,
                       years=YearCounting(fiscal_end=6, season_end=9))
    assert [(d["date"], d["end"]) for d in found] == [("2023-10-01", "2024-09-30")]


def test_japan_names_a_financial_year_by_the_year_it_starts_in() -> None:
    body = "Japan is to launch screening of visa-free travelers in FY 2028, the Japan Tourism Agency said."
    assert fiscal_year_named_by_start(body)
    assert not fiscal_year_named_by_start("India's TCS plans to hire 40,000 freshers in FY25, Japan aside.")
    found = find_dates("in FY 2028", "2025-05-22", True, years=YearCounting(fiscal_end=3, named_by_start=True))
    assert [(d["date"], d["end"]) for d in found] == [("2028-04-01", "2029-03-31")]       # was 2027-04 to 2028-03


@pytest.mark.parametrize("text, start, end", [
    ("TCS hired 5,452 employees in the first quarter of FY25", "2024-04-01", "2024-06-30"),   # was Jan-Mar 2025
    ("real GDP growth for Q3 FY26 at 7 per cent", "2025-10-01", "2025-12-31"),                # was Jul-Sep 2025
])
def test_a_quarter_of_a_named_financial_year_is_that_years_quarter(text: str, start: str, end: str) -> None:
    found = find_dates(text, "2025-12-05", None, years=YearCounting(fiscal_end=3))
    assert [(d["date"], d["end"]) for d in found] == [(start, end)]


@pytest.mark.parametrize("text, written, future, start, end", [
    ("expected to reach its 1,000th store in quarter three", "2023-06-08", True, "2023-07-01", "2023-09-30"),
    ("demand will remain healthy in the June quarter", "2024-05-15", True, "2024-04-01", "2024-06-30"),
    ("Dry conditions are likely to remain throughout the summer", "2023-06-06", True, "2023-08-31", "2023-08-31"),
    ("the highest average temperature for the summer since 1898", "2023-09-02", False, "2023-08-31", "2023-08-31"),
])
def test_quarters_named_by_number_or_month_and_the_summer(text: str, written: str, future: bool, start: str,
                                                          end: str) -> None:
    found = find_dates(text, written, future)
    assert [(d["date"], d["end"]) for d in found] == [(start, end)]


@pytest.mark.parametrize("text, future, month", [
    ("Inside Out 2 is the biggest opening since Barbie launched to $162 million last July.", None, "2023-07-01"),
    ("For about three quarters last February, it looked like the 49ers would win.", None, "2024-02-01"),
    ("We have taken measures to feed 20 million people free of cost until next March.", False, "2025-03-01"),
    ("The plant will reopen next April.", True, "2025-04-01"),
])
def test_next_and_last_before_a_month_decide_which_one_whatever_the_tense(text: str, future: bool | None,
                                                                         month: str) -> None:
    found = find_dates(text, "2024-06-16", future)
    assert found[0]["date"] == month


@pytest.mark.parametrize("text", ["The 2027 edition will have 94 games.", "The 2027 festival will run for four days."])
def test_an_edition_named_by_its_year_is_that_year(text: str) -> None:
    found = find_dates(text, "2023-06-14", True)
    assert (found[0]["date"], found[0]["end"]) == ("2027-01-01", "2027-12-31")      # (was no date at all)


@pytest.mark.parametrize("text, future, start, end", [
    ("inflation averaging 7.4 per cent in July-September", True, "2022-07-01", "2022-09-30"),
    # no tense: the span whose middle is nearest, this year's (it was the October gone, then the one ahead)
    ("the bank sees inflation averaging 6.2 per cent in October-December", None, "2022-10-01", "2022-12-31"),
    ("mass production starts in the October–December quarter this year", True, "2022-10-01", "2022-12-31"),
    ("comparisons were with January-June 2017", False, "2017-01-01", "2017-06-30"),
])
def test_months_joined_by_a_dash_are_one_span(text: str, future: bool | None, start: str, end: str) -> None:
    found = find_dates(text, "2022-06-08", future)
    assert (found[0]["date"], found[0]["end"]) == (start, end)       # (was the first month alone)


@pytest.mark.parametrize("text, future", [
    ("the venue was already announced as hosting the final on Sunday, July 13", False),
    ("the final is on Sunday July 13", None),
])
def test_a_weekday_in_front_of_a_date_says_its_year(text: str, future: bool | None) -> None:
    # written in December 2024: 13 July is a Sunday in 2025 only (it was the nearest, 2024's Saturday)
    found = find_dates(text, "2024-12-07", future)
    assert found[0]["date"] == "2025-07-13"


def test_a_weekday_that_fits_no_year_near_leaves_the_nearest_date() -> None:
    # 2 March is a Saturday in 2024 and a Sunday in 2025: "Friday" fits neither, the tense decides
    assert find_dates("the vote on Friday, March 2", "2024-12-07", False)[0]["date"] == "2024-03-02"


def test_the_end_of_a_named_quarter_is_that_quarters_end() -> None:
    found = find_dates("expect the OCR to fall to 3.33% by the end of the third quarter next year", "2024-11-11", True)
    assert (found[0]["date"], found[0]["end"]) == ("2025-07-01", "2025-09-30")     # (was the first quarter)


@pytest.mark.parametrize("text", [
    "the river rose to levels not seen in 103 years",
    "the Fed is expected to cut for the first time in four years",
    "oil is set to post its biggest weekly gain in three months",
    "the company announced its first price hike in two years",
])
def test_a_stretch_counted_back_from_now_is_no_date(text: str) -> None:
    # "the highest in 16 years" measures the past: it was a day that many years ahead
    assert find_dates(text, "2024-06-12", True) == []


def test_a_stretch_ahead_is_still_a_date_after_a_superlative_word() -> None:
    found = find_dates("the first phase will open in two years", "2024-06-12", True)
    assert found[0]["date"] == "2026-06-12"


@pytest.mark.parametrize("text", ["Galaxy Macau performed at 121 percent of 2019 levels",
                                  "costs are more than double January 2019 levels",
                                  "the contracts are worth £90 a megawatt-hour in 2024 prices"])
def test_a_year_values_are_measured_against_is_no_date(text: str) -> None:
    # (it dated the claim to that year: "performed at 121 percent of 2019 levels" happened in 2019)
    assert find_dates(text, "2024-01-01", None) == []


def test_a_horizon_after_a_baseline_year_is_still_a_date() -> None:     # (a guard)
    found = find_dates("cut emissions 62% on 2005 levels by 2035", "2024-01-01", True)
    assert [d["text"] for d in found] == ["by 2035"]


def test_a_day_something_is_carried_out_on_is_a_date_unless_a_poll_was() -> None:
    found = find_dates("the counting of votes will be carried out on December 13", "2025-12-11", True)
    assert found[0]["date"] == "2025-12-13"           # (it was taken for a poll's fieldwork and dropped)
    assert find_dates("The survey was carried out on November 18", "2025-12-11", None) == []      # (a guard)


@pytest.mark.parametrize("text, written, start, end", [
    ("a deficit of $193 million for the fiscal year that ends in March", "2022-12-20", "2022-04-01", "2023-03-31"),
    ("it is expected to take about 10 days to get both units to full power", "2011-11-11", "2011-11-21", "2011-11-21"),
])
def test_a_year_that_ends_in_a_month_and_a_time_it_takes_are_horizons(text: str, written: str, start: str,
                                                                       end: str) -> None:
    found = find_dates(text, written, True)
    assert (found[0]["date"], found[0]["end"]) == (start, end)          # (both were no date at all)


@pytest.mark.parametrize("text, written, day", [
    ("an export duty of 20% was imposed on 08.09.2022", "2023-07-21", "2022-09-08"),
    ("target expansion of products by 31.3.2025", "2025-03-18", "2025-03-31"),
])
def test_a_day_written_in_figures_is_read_day_first(text: str, written: str, day: str) -> None:
    # (Indian and European texts write the day first; both had no date at all)
    found = find_dates(text, written, None)
    assert (found[0]["date"], found[0]["precision"]) == (day, "day")


def test_a_day_in_figures_that_no_calendar_has_is_no_date() -> None:     # (a guard)
    assert find_dates("figures for 31.2.2025 are due", "2025-01-01", True) == []


def test_the_end_of_a_calendar_year_is_that_year_end() -> None:
    found = find_dates("to reach eight million subscribers by the end of calendar year 2005", "2003-10-01", True)
    assert found[0]["date"] == "2005-12-31"               # (it had been no date)


@pytest.mark.parametrize("text, tense", [
    ("The match was cancelled due to heavy rain on Sunday.", "past"),      # a cause, not "due to" a schedule
    ("Sales fell due in part to strikes.", "past"),
    ("The vote is due to take place on Monday.", "future"),
    ("Kosgei won the women's race in 2:18:35, finishing ahead of Roza Dereje.", "past"),   # a place, not a time
    ("The line opened two months ahead of schedule.", "past"),
    ("Prices are rising ahead of the budget.", "future"),
    ("The links are due to commence in spring next year.", "future"),     # a verb in -ence, not a cause
    ("The fall was due to shortages of chips.", "past"),
    ("Lightning are back-to-back premiers after claiming a 62 to 59 nail-biting victory on Sunday.", "past"),
])
def test_due_to_a_cause_or_ahead_of_a_rival_is_no_schedule(text: str, tense: str) -> None:
    from monitor.judge.claim_rules import clause_tense
    assert clause_tense(text) == tense


@pytest.mark.parametrize("text, start, end", [
    ("due to commence in spring next year", "2020-05-31", "2020-05-31"),      # (was the whole of 2020)
    ("in the summer of next year", "2020-08-31", "2020-08-31"),
])
def test_a_season_of_next_year(text: str, start: str, end: str) -> None:
    found = find_dates(text, "2019-10-12", True)
    assert (found[0]["date"], found[0]["end"]) == (start, end)


def test_for_at_least_the_next_two_years_is_a_horizon() -> None:
    found = find_dates("a stable revenue stream for at least the next two years", "2020-03-31", True)
    assert (found[0]["date"], found[0]["end"]) == ("2022-03-31", "2022-03-31")     # (was none)


@pytest.mark.parametrize("text, start, end", [
    ("inflation is due to lift by 4% to 5% in the current year", "2025-01-01", "2025-12-31"),     # (was none)
    ("the current calendar year will see growth of 2%", "2025-01-01", "2025-12-31"),
    ("to have disposed of about 6000 canisters by around 2050", "2050-01-01", "2050-12-31"),     # (was none)
    ("the line should open in about 2030, when", "2030-01-01", "2030-12-31"),
])
def test_the_current_year_and_a_year_given_roughly_are_dates(text: str, start: str, end: str) -> None:
    found = find_dates(text, "2025-05-07", True)
    assert (found[0]["date"], found[0]["end"]) == (start, end)


def test_about_a_figure_like_a_year_before_a_noun_is_a_count() -> None:
    assert find_dates("jobs rose by about 2000 people", "2025-05-07", None) == []


@pytest.mark.parametrize("text, future, end", [
    ("The project is expected to last three years", True, "2014-09-17"),     # (was none)
    ("Construction will be carried out over a three-year period", True, "2014-09-17"),
    ("It will take two months to repair the bridge", True, "2011-11-17"),
    ("The work took three years", False, None),          # a past stretch
    ("The course lasts three years", None, None),        # a standing fact
])
def test_a_stretch_a_future_thing_lasts_ends_that_long_after_the_document(text: str, future: bool | None,
                                                                        end: str | None) -> None:
    found = find_dates(text, "2011-09-17", future)
    assert (found[0]["end"] if found else None) == end


@pytest.mark.parametrize("text, found", [
    ("In August 18,000 cusecs would be released", [("August", "2023-08-31")]),     # (was August 18)
    ("Ecuador, hit by the fall in crude oil prices, will grow 0.4%", []),           # (was the autumn)
    ("the works will finish by the fall", [("by the fall", "2023-11-30")]),         # (a guard)
])
def test_a_figure_after_a_month_and_the_fall_of_a_price_are_no_days(text: str, found: list) -> None:
    assert [(d["text"], d["end"]) for d in find_dates(text, "2023-06-12", True)] == found


def test_the_last_weeks_look_back_and_are_no_stretch_ahead() -> None:
    # "last" as an adjective ("over the last six weeks") is no verb of lasting: it was six weeks ahead
    assert find_dates("the decline over the last six weeks", "2019-01-10", None) == []
    assert find_dates("the strike will last six weeks", "2019-01-10", True)[0]["end"] == "2019-02-21"
