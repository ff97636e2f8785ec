"""Quantity parsing (digits and words, scales, currencies, durations, percentages, ranges,
approximations, dates left alone) and comparison with tolerances."""
from __future__ import annotations

import math

import pytest

from monitor.judge.claim_rules import extract_units
from monitor.judge.quantities import (AGREES, DISAGREES, INCOMPARABLE, Quantity, compare_quantities,
                                describe_quantity, format_value, parse_quantities, values_compared)

DAY = 86400.0


def one(text: str) -> Quantity:
    found = parse_quantities(text)
    assert len(found) == 1, f"{text!r} -> {found}"
    return found[0]


@pytest.mark.parametrize("text, span, value, unit, approximate", [
    # durations, to seconds
    ("the conversation lasted close to 90 minutes and covered", "close to 90 minutes", 5400, "second", True),
    ("During the 1.5-hour discussion, they agreed", "1.5-hour", 5400, "second", False),
    ("the call lasted ninety minutes", "ninety minutes", 5400, "second", False),
    ("talks lasted an hour and a half", "an hour and a half", 5400, "second", False),
    ("one and a half hours of talks", "one and a half hours", 5400, "second", False),
    ("after half an hour", "half an hour", 1800, "second", False),
    ("a 30-day ceasefire", "30-day", 30 * DAY, "second", False),
    ("a month-long truce", "month-long", 30 * DAY, "second", True),
    ("three weeks after Trump assumed office", "three weeks", 21 * DAY, "second", False),
    ("For three years, Putin urged negotiations", "three years", 3 * 365 * DAY, "second", False),
    # money: symbols, codes, words, scale words and abbreviations
    ("assistance stands at $300 billion", "$300 billion", 3e11, "USD", False),
    ("three hundred billion dollars", "three hundred billion dollars", 3e11, "USD", False),
    ("a billion dollars", "a billion dollars", 1e9, "USD", False),
    ("USD 300bn in aid", "USD 300bn", 3e11, "USD", False),
    ("a $300b package", "$300b", 3e11, "USD", False),
    ("€50bn for Kyiv", "€50bn", 5e10, "EUR", False),
    ("EUR 50 billion", "EUR 50 billion", 5e10, "EUR", False),
    ("1.5 billion euros", "1.5 billion euros", 1.5e9, "EUR", False),
    ("a £3.5m fine", "£3.5m", 3.5e6, "GBP", False),
    ("$2 trillion", "$2 trillion", 2e12, "USD", False),
    ("$4tn", "$4tn", 4e12, "USD", False),
    ("3 million rubles", "3 million rubles", 3e6, "RUB", False),
    # percentages and probabilities, as 0–1 fractions
    ("I would gauge the probability at around 20%.", "around 20%", 0.2, "percent", True),
    ("around 20 percent", "around 20 percent", 0.2, "percent", True),
    ("inflation of 2.4 per cent", "2.4 per cent", 0.024, "percent", False),
    ("the odds of 1 in 5", "odds of 1 in 5", 0.2, "percent", False),
    ("one in five Americans", "one in five", 0.2, "percent", False),
    ("a one-in-four chance", "one-in-four", 0.25, "percent", False),
    ("a cut of 25 basis points", "25 basis points", 0.0025, "percent", False),
    # counts need a counted noun
    ("more than 100 people were killed", "more than 100 people", 100, "count", True),
    ("some 300 troops", "some 300 troops", 300, "count", True),
    ("2,500 new employees", "2,500 new employees", 2500, "count", False),
])
def test_parse_single_quantity(text: str, span: str, value: float, unit: str, approximate: bool) -> None:
    quantity = one(text)
    assert quantity.text == span
    assert text[quantity.start:quantity.end].strip() == span
    assert quantity.value == pytest.approx(value)
    assert quantity.unit == unit
    assert quantity.approximate is approximate


@pytest.mark.parametrize("text, low, high, unit", [
    ("between 80 and 100 minutes", 4800, 6000, "second"),
    ("from 80 to 100 minutes", 4800, 6000, "second"),
    ("$100–120bn", 1e11, 1.2e11, "USD"),
    ("$100bn to $120bn", 1e11, 1.2e11, "USD"),
    ("between 5 and 10 million euros", 5e6, 1e7, "EUR"),
    ("20-25%", 0.2, 0.25, "percent"),
    ("tens of millions of people", 1e7, 1e8, "count"),
    # each end written with its unit, and a rate per unit between them
    ("between 31 cents and 57 cents", 0.31, 0.57, "USD"),
    ("between 31 cents per litre and 57 cents per litre", 0.31, 0.57, "USD"),
])
def test_parse_ranges(text: str, low: float, high: float, unit: str) -> None:
    quantity = one(text)
    assert (quantity.low, quantity.high, quantity.unit) == (pytest.approx(low), pytest.approx(high), unit)
    assert quantity.low <= quantity.value <= quantity.high


@pytest.mark.parametrize("text, low, high", [
    ("more than 100 people", 100, None),
    ("at least $5 billion", 5e9, None),
    ("over 90 minutes", 5400, None),
    ("less than 5%", None, 0.05),
    ("up to 50,000 units", None, 50000),
])
def test_parse_open_bounds(text: str, low: float | None, high: float | None) -> None:
    quantity = one(text)
    assert quantity.approximate
    assert quantity.low == (pytest.approx(low) if low is not None else None)
    assert quantity.high == (pytest.approx(high) if high is not None else None)


@pytest.mark.parametrize("text", [
    "Putin's first phone conversation with Trump took place on February 12.",
    "It happened on 12 Feb. 2025 in Riyadh.",
    "This scenario occurred in Munich in 1938.",
    "Ukraine would not revert to its pre-2014 borders",
    "the G7 summit and F-16 jets",
    "a 45-year-old man",
    "at 10:00 local time",
    "one might rationalize this approach",
    "in a few more months of fighting",
    "Russia's fifth president",
    "Route 66 was closed near the border",          # a bare number counting nothing is no value
    "Points: 79",
])
def test_dates_and_non_quantities_are_left_alone(text: str) -> None:
    assert parse_quantities(text) == []


@pytest.mark.parametrize("text, value, unit", [
    ("a profit of Rs 50 crore on the opening day", 50e7, "INR"),        # crore: ten million
    ("a ₹66,500 crore deal for 97 jets", 66_500e7, "INR"),
    ("Rs. 44.97 crore", 44.97e7, "INR"),
    ("could pay up to Sh25,000 for a 5G router", 25_000, "KES"),
    ("the ringgit at RM4.40 to the dollar", 4.40, "MYR"),
    ("4,26,513 became eligible for higher education", 426_513, "count"),  # Indian digit grouping
    ("A permit costs R94 at the Post Office.", 94, "ZAR"),                 # South African rand (was no value)
    ("an R85.7bn reduction in expenditure", 85.7e9, "ZAR"),
])
def test_indian_kenyan_malaysian_and_south_african_money_and_indian_scales(text: str, value: float, unit: str) -> None:
    quantity = parse_quantities(text)[0]
    assert (round(quantity.value, 2), quantity.unit) == (round(value, 2), unit)


@pytest.mark.parametrize("text, value", [
    ("Actual new listings hit 68,597 in March.", 68597),          # a total reached
    ("new listings totalled 53,298 in March", 53298),
    ("the index rose to about 7,850 on Monday", 7850),
    ("a crowd of 45,000 watched", 45000),
    ("The consensus estimate for September was 50,000.", 50000),   # thousands separated: a count
])
def test_a_total_reached_or_a_separated_count_is_a_value_with_nothing_counted(text: str, value: float) -> None:
    assert (one(text).value, one(text).unit) == (value, "count")


def test_several_quantities_keep_order_and_offsets() -> None:
    text = ("If current assistance stands at $300 billion, it might dwindle to $100 billion, with the "
            "expectation that Europe would shoulder the remaining $200 billion")
    found = parse_quantities(text)
    assert [(q.text, q.value) for q in found] == [
        ("$300 billion", 3e11), ("$100 billion", 1e11), ("$200 billion", 2e11)]
    assert all(text[q.start:q.end] == q.text for q in found)


@pytest.mark.parametrize("text, found", [
    # a change verb before "X to Y": the change and the level reached (both were lost, or read as a range)
    ("Brent crude rose 1.2% to $82.40 a barrel.", [(0.012, "percent"), (82.4, "USD")]),
    ("The jobless rate fell 0.2% to 4.1%.", [(0.002, "percent"), (0.041, "percent")]),
    # without one, "X to Y" stays a range
    ("Forecasts of 2% to 5% growth.", [(0.035, "percent")]),
])
def test_a_change_and_the_level_it_reached_are_two_quantities(text: str, found: list[tuple[float, str]]) -> None:
    assert [(pytest.approx(q.value), q.unit) for q in parse_quantities(text)] == found


@pytest.mark.parametrize("text, value, unit", [
    ("it could get as hot as 40C in places", 40.0, "celsius"),       # a capital C after a number
    ("highs of 35°C are forecast", 35.0, "celsius"),
    ("30 degrees Celsius", 30.0, "celsius"),
    ("earnings of 27 cents a share", 0.27, "USD"),                    # was 27 dollars
])
def test_temperatures_and_cents(text: str, value: float, unit: str) -> None:
    [quantity] = parse_quantities(text)
    assert (quantity.value, quantity.unit) == (pytest.approx(value), unit)


def test_a_lower_case_c_after_a_number_is_not_a_temperature() -> None:
    assert parse_quantities("it cost 40c") == []


def test_duration_next_to_date_is_kept() -> None:
    found = parse_quantities("on February 12, approximately three weeks after Trump assumed office")
    assert [(q.text, q.value, q.approximate) for q in found] == [("approximately three weeks", 21 * DAY, True)]


@pytest.mark.parametrize("claimed, reported, result", [
    ("close to 90 minutes", "1.5-hour", AGREES),
    ("close to 90 minutes", "an hour and a half", AGREES),
    ("close to 90 minutes", "ninety minutes", AGREES),
    ("close to 90 minutes", "two hours", DISAGREES),
    ("close to 90 minutes", "20 minutes", DISAGREES),
    ("90 minutes", "95 minutes", DISAGREES),          # exact: ±2 %
    ("about 90 minutes", "95 minutes", AGREES),       # approximate: ±10 %
    ("month-long", "30-day", AGREES),
    ("three weeks", "21 days", AGREES),
    ("around 20%", "one in five", AGREES),
    ("around 20%", "22%", AGREES),
    ("around 20%", "odds of 1 in 4", DISAGREES),
    ("$300 billion", "three hundred billion dollars", AGREES),
    ("$300 billion", "$120bn", DISAGREES),
    ("$300 billion", "€300bn", INCOMPARABLE),
    ("$300 billion", "90 minutes", INCOMPARABLE),
    ("$100–120bn", "$110 billion", AGREES),
    ("$100–120bn", "$150 billion", DISAGREES),
    ("between 80 and 100 minutes", "close to 90 minutes", AGREES),
    ("more than 100 people", "150 people", AGREES),
    ("more than 100 people", "50 people", DISAGREES),
    ("less than 5%", "4%", AGREES),
    ("less than 5%", "7%", DISAGREES),
    ("300 troops", "300 tanks", INCOMPARABLE),
])
def test_compare_quantities(claimed: str, reported: str, result: str) -> None:
    assert compare_quantities(one(claimed), one(reported)) == result


def test_values_compared_text() -> None:
    compared = values_compared(one("$300 billion"), one("$120bn"))
    assert compared["result"] == DISAGREES
    assert compared["claimed"] == "$300 billion ($300 billion)"
    assert compared["reported"] == "$120bn ($120 billion)"
    assert compared["relative_difference"] == pytest.approx(-0.6)
    assert describe_quantity(one("close to 90 minutes")) == "close to 90 minutes (≈90 minutes)"
    assert describe_quantity(one("between 80 and 100 minutes")) == "between 80 and 100 minutes (80 minutes–100 minutes)"


@pytest.mark.parametrize("value, unit, text", [
    (5400, "second", "90 minutes"), (30 * DAY, "second", "30 days"), (21 * DAY, "second", "3 weeks"),
    (3e11, "USD", "$300 billion"), (0.2, "percent", "20%"), (0.0025, "percent", "0.25%"),
    (2500, "count", "2,500"),
])
def test_format_value(value: float, unit: str, text: str) -> None:
    assert format_value(value, unit) == text


def test_quantity_is_hashable_record() -> None:
    quantity = one("close to 90 minutes")
    assert {quantity: 1}[quantity] == 1
    assert math.isclose(quantity.value, 5400)


@pytest.mark.parametrize("text, span, value, unit", [
    # measures with no count noun were dropped as bare numbers ("400 MW" was no value at all)
    ("the new plant will produce 400 MW from 2027", "400 MW", 4e8, "watt"),
    ("a 1,200-MW coal unit", "1,200-MW", 1.2e9, "watt"),
    ("demand reached 310 TWh last year", "310 TWh", 3.1e14, "watt-hour"),
    ("bids for 10,500 MHz of spectrum", "10,500 MHz", 1.05e10, "hertz"),
    ("home plans start at 100 Mbps", "100 Mbps", 1e8, "bit/s"),
    ("the port handled 39.01 million TEUs", "39.01 million TEUs", 3.901e7, "TEU"),
    ("the cane area rose to 5 lakh ha", "5 lakh ha", 5e5, "hectare"),
    ("the lake fell to 1,040 feet", "1,040 feet", 1040 * 0.3048, "meter"),
    ("up to 120 mm of rain", "up to 120 mm", 0.12, "meter"),
    ("net profit jumped 13-fold", "13-fold", 13, "ratio"),
    ("the train ran at a speed of 350kmh", "350kmh", 350, "km/h"),
    ("winds of 120 km/h", "120 km/h", 120, "km/h"),                   # was 120 km, a distance
    ("gusts of 75 mph", "75 mph", 75 * 1.609344, "km/h"),
    ("output guidance of 595,000t", "595,000t", 5.95e8, "kilogram"),      # were no value
    ("a further 20kt of copper", "20kt", 2e7, "kilogram"),
    ("an 8pc gain", "8pc", 0.08, "percent"),
    ("production at 154m tonnes", "154m tonnes", 1.54e11, "kilogram"),     # millions as "m" before a unit
    ("5m people", "5m people", 5e6, "count"),
])
def test_units_of_measure(text: str, span: str, value: float, unit: str) -> None:
    quantity = one(text)
    assert (quantity.text, quantity.unit) == (span, unit) and math.isclose(quantity.value, value)


@pytest.mark.parametrize("value, unit, text", [
    (4e8, "watt", "400 MW"),
    (3.1e14, "watt-hour", "310 TWh"),
    (3.5e9, "hertz", "3.5 GHz"),
    (13, "ratio", "13-fold"),
])
def test_power_energy_and_frequency_read_with_their_prefix(value: float, unit: str, text: str) -> None:
    assert format_value(value, unit) == text


def test_research_and_development_is_no_rand() -> None:
    assert [q.unit for q in parse_quantities("R&D spending rose 5%")] == ["percent"]


def test_a_lone_t_after_a_space_is_no_tonnes() -> None:          # (a guard for "595,000t" above)
    # "409 600 t" groups its thousands with a space: no "600 t" read out of it
    assert [q.text for q in parse_quantities("Rio produced 409 600 t of mined copper")] != ["600 t"]
    assert not any(q.unit == "kilogram" for q in parse_quantities("at 5 t"))


@pytest.mark.parametrize("text, span, value", [
    # South African and European writing: were no value, or "almost 3" and "over 5 600 kilometres" misread
    ("total customer base grew by 8,6 percent", "8,6 percent", 0.086),
    ("to 155,4 million", "155,4 million", 155.4e6),
    ("rolled out almost 3 000 sites", "almost 3 000 sites", 3000),
])
def test_a_decimal_comma_and_thousands_grouped_by_a_space(text: str, span: str, value: float) -> None:
    quantity = one(text)
    assert quantity.text == span and math.isclose(quantity.value, value)


def test_a_comma_between_numbers_of_a_list_is_no_decimal_comma() -> None:      # (a guard for the rule above)
    assert [q.value for q in parse_quantities("sales of 1,234 units and 12,500 cars")] == [1234, 12500]


def test_a_stock_index_level_is_counted_in_points() -> None:
    # were no value: "points" alone is read only as a rate's percentage points
    assert [(q.value, q.unit) for q in parse_quantities("the index target was lowered from 7,200 points to "
                                                        "6,840 points")] == [(7200, "points"), (6840, "points")]
    assert parse_quantities("Arsenal are seven points clear") == []        # (still no value in sport)


def test_a_range_written_with_both_units_is_one_value_and_the_claim_is_not_split() -> None:
    sentence = "The price of diesel is expected to decrease by between 31 cents per litre and 57 cents per litre next week."
    assert len(parse_quantities(sentence)) == 1
    assert [u.statement for u in extract_units(sentence, document_date="2023-04-28")] == [sentence]


def test_between_two_values_of_different_units_stays_two_values() -> None:     # (a guard: passes either way)
    assert [q.unit for q in parse_quantities("between 20 people and 5 tonnes")] == ["count", "kilogram"]


def test_a_span_of_model_years_before_a_noun_counts_nothing() -> None:
    # (it was a count of 2009.5 Corollas, and split a list of recalled models into a claim each)
    assert parse_quantities("The vehicles are the 2009-2010 Corollas and 2006-2010 Yaris compact cars.") == []


def test_a_count_between_two_numbers_that_look_like_years_stays_a_count() -> None:    # (a guard)
    assert parse_quantities("between 1990 and 2000 people")[0].unit == "count"


@pytest.mark.parametrize("text", ["organic revenue growth of 2 percent to 10.5 billion euros",
                                  "growth of 7 percent to 2,182 million euros"])
def test_a_percentage_to_a_sum_of_money_is_a_change_and_its_level(text: str) -> None:
    # (it was read as a range from a percentage to euros, and dropped: no value at all)
    assert [q.unit for q in parse_quantities(text)] == ["percent", "EUR"]


def test_a_bare_number_before_the_change_it_counts_or_after_down_to_is_a_value() -> None:
    # (both were bare numbers, and the sentence gave no claim)
    found = parse_quantities("The main cause of the decrease was a 391 drop in apartment consents, down to 102.")
    assert [q.value for q in found] == [391, 102]


def test_a_bare_number_with_nothing_counted_is_still_no_value() -> None:          # (a guard)
    assert parse_quantities("They took Route 66 down the coast.") == []


def test_a_clock_time_before_onwards_is_no_count() -> None:
    # ("from 8 am onwards" had been a count of 8 "onwards", and cut a list of values at it)
    assert [q.text for q in parse_quantities("from 8 am onwards at 244 centres")] == ["244 centres"]


@pytest.mark.parametrize("text, values", [
    ("The index fell from 102 to 96 in December.", [102, 96]),
    ("The index fell sharply from 96 in the previous month to 89 this month.", [96, 89]),
    ("The fare rose from $1.50 to $1.75.", [1.5, 1.75]),
])
def test_a_change_from_one_level_to_another_gives_both_levels(text: str, values: list[float]) -> None:
    # (bare numbers were no values at all, and money was a range: "$1.50 to $1.75" read as $1.625)
    assert [q.value for q in parse_quantities(text)] == values


@pytest.mark.parametrize("text, values", [
    ("Weekend greens fees will increase from $29 to $31.", [29, 31]),
    ("The council raised the charge from £40 to £45 a year.", [40, 45]),
    ("Extra pick-up fees would increase $4 from $11 to $15 monthly.", [4, 11, 15]),
    ("The storm drain bill will increase 66 cents from $6.60 to $7.26 monthly.", [0.66, 6.6, 7.26]),
    ("The bank cut its forecast from 2.2% to 1.9%.", [0.022, 0.019]),
    ("The rise from 4.5% to 5% takes effect in April.", [0.045, 0.05]),
])
def test_a_change_whatever_its_verb_or_first_value_gives_both_levels(text: str, values: list[float]) -> None:
    # (each was a range, its midpoint the value: "increase from $29 to $31" read as $30)
    assert [q.value for q in parse_quantities(text)] == pytest.approx(values)


def test_from_a_higher_to_a_lower_level_is_a_change_whatever_the_verb() -> None:
    # (a range never runs down: "from 16.2% to 16.1%" was dropped as no range at all)
    found = parse_quantities("Shopping centres remained the most plagued, improving only slightly from 16.2% to 16.1%.")
    assert [q.value for q in found] == [0.162, 0.161]


@pytest.mark.parametrize("text, value, unit", [
    ("Admiral proposed a final dividend of 50.6 pence per share.", 0.506, "GBP"),
    ("It will raise car parking prices by up to 50p.", 0.5, "GBP"),
    ("The toll would increase to 45 kronor.", 45, "SEK"),
    ("Lego made a net profit of 6.12 billion Danish kroner.", 6.12e9, "DKK"),
    ("Petrol will cost 120 rupees a litre.", 120, "INR"),
    ("Diesel now costs 268.38 Pakistani rupees.", 268.38, "PKR"),
    ("The fine is 50,000 naira.", 50000, "NGN"),
    ("Eskom wants 5 billion rand more.", 5e9, "ZAR"),
    ("The ticket costs 2,000 koruna.", 2000, "CZK"),
    ("The budget expects revenue of 202 billion Qatari riyals.", 202e9, "QAR"),
])
def test_pence_and_currencies_named_after_the_figure_are_money(text: str, value: float, unit: str) -> None:
    # (pence and kronor were no values at all, rupees and rand a count)
    (found,) = parse_quantities(text)
    assert (found.value, found.unit) == (pytest.approx(value), unit)


def test_a_p_after_a_figure_is_pence_only_on_its_own() -> None:          # (a guard)
    assert [q.unit for q in parse_quantities("It was cut by 1ppl and opens at 6pm.")] == []
    assert [q.unit for q in parse_quantities("It was the debut year of the Ferrari 499P.")] == []


def test_from_and_to_without_a_change_is_still_a_range() -> None:        # (a guard)
    found = parse_quantities("The route runs from 10 to 12 stops.")
    assert [(q.low, q.high) for q in found] == [(10, 12)]


@pytest.mark.parametrize("text, value", [("a $1.2-billion deal", 1.2e9), ("output of 405-million pounds", 4.05e8)])
def test_a_scale_joined_by_a_hyphen_scales_the_value(text: str, value: float) -> None:
    # (it was $1.2, and nothing at all for "405-million")
    assert [q.value for q in parse_quantities(text)] == [value]


def test_a_single_letter_after_a_hyphen_is_no_scale() -> None:          # (a guard)
    assert parse_quantities("a 100-m sprint") == []


@pytest.mark.parametrize("text, value", [("an intake of 9.3g per day", 0.0093), ("6 grams a day", 0.006),
                                         ("200mg of caffeine", 0.0002)])
def test_grams_are_a_mass(text: str, value: float) -> None:
    # (there was no value: "9.3g" had no unit, and "6 grams" was a count of grams)
    q = one(text)
    assert q.unit == "kilogram" and math.isclose(q.value, value)


def test_a_g_after_a_figure_with_nothing_measured_is_no_mass() -> None:       # (a guard)
    assert all(q.unit != "kilogram" for q in parse_quantities("The 5G network reaches 99% of homes."))



@pytest.mark.parametrize("text, seconds", [
    ("Fujimoto crossed the line eighth in 2:07:57.", 7677),          # hours, minutes, seconds (was none)
    ("Bowe finished in 1:13.55 to place sixth.", 73.55),             # minutes and seconds with a fraction
])
def test_a_race_time_is_a_duration(text: str, seconds: float) -> None:
    (quantity,) = parse_quantities(text)
    assert (quantity.value, quantity.unit) == (pytest.approx(seconds), "second")


@pytest.mark.parametrize("text", ["The team crossed the line at 13:46:46 local time (16:46:46 UTC).",
                                  "The meeting starts at 6:30 p.m."])
def test_a_clock_time_is_no_duration(text: str) -> None:
    assert parse_quantities(text) == []
