"""Clauses the sentence rules leave joined are split by the dependency parse, but only where each
clause holds a value or a date of its own (monitor/judge/clause_parse.py)."""
from __future__ import annotations

import re

import pytest

from monitor.judge.claims import extract_claims, parse_document
from monitor.judge.clause_parse import clause_parts


def has_number(text: str) -> bool:
    return bool(re.search(r"\d", text))


@pytest.mark.parametrize("sentence, parts", [
    # a coordinated verb shares the subject of the first
    ("Acme cut its revenue forecast to $4 billion from $4.5 billion and now expects a loss of $200 million in 2026.",
     ["Acme cut its revenue forecast to $4 billion from $4.5 billion.",
      "Acme now expects a loss of $200 million in 2026."]),
    ("The town was founded in 1820 and has 4,000 residents.",
     ["The town was founded in 1820.", "The town has 4,000 residents."]),
    # an adverbial clause with a subject of its own, without its "as" / "after"
    ("The bridge will stay closed until 2027 as the repair bill is set to rise by another $40 million.",
     ["The bridge will stay closed until 2027.", "The repair bill is set to rise by another $40 million."]),
    ("After the council approved a $3 million grant in March, the museum reopened on May 4.",
     ["The museum reopened on May 4.", "The council approved a $3 million grant in March."]),
    # a non-restrictive relative clause: its antecedent in place of "which", the commas gone
    ("The museum, which opened in 1998, drew 2 million visitors last year.",
     ["The museum drew 2 million visitors last year.", "The museum opened in 1998."]),
    # "..., which makes it": the deed, not the last noun ("Friday"), is what it makes
    ("The storm destroyed 120 homes in Dorset on Friday, which makes it the costliest storm there since 2011.",
     ["The storm destroyed 120 homes in Dorset on Friday.", "The storm makes it the costliest storm there since 2011."]),
    # an -ing verb of level or change: the subject and the tense of the verb it hangs on
    ("Copper climbed 2% on Monday, reaching $9,800 a tonne.",
     ["Copper climbed 2% on Monday.", "Copper reached $9,800 a tonne."]),
    ("The state deficit will widen to $40bn next year, before averaging about $30bn over the following three years.",
     ["The state deficit will widen to $40bn next year.",
      "The state deficit will average about $30bn over the following three years."]),
    ("Ticket sales have risen 12% since May, hitting 3.2 million last week.",
     ["Ticket sales have risen 12% since May.", "Ticket sales hit 3.2 million last week."]),
    # a split-off clause opening with "it"/"its"/"they" names the subject it refers to
    ("The bridge will stay closed until 2027 as its repair bill is set to rise by another $40 million.",
     ["The bridge will stay closed until 2027.", "The bridge’s repair bill is set to rise by another $40 million."]),
    ("Toyota, which makes the Prius, sold 2.1 million cars in 2024, and it expects to sell 2.3 million in 2025.",
     ["Toyota, which makes the Prius, sold 2.1 million cars in 2024.", "Toyota expects to sell 2.3 million in 2025."]),
    ("Sales rose 5% in 2024 as it opened 40 stores.",              # "it" is not the sales: left as written
     ["Sales rose 5% in 2024.", "It opened 40 stores."]),
    # a second clause whose verb was left out: a second object shares the subject and the verb,
    # a second subject takes the verb
    ("For the current quarter, eBay expects revenue of $2.36 billion to $2.41 billion, and adjusted earnings "
     "per share in the range of $0.52 to $0.54.",
     ["For the current quarter, eBay expects revenue of $2.36 billion to $2.41 billion.",
      "For the current quarter, eBay expects adjusted earnings per share in the range of $0.52 to $0.54."]),
    ("Around 6.5 billion euros of this went to residential buildings, household effects and businesses, and "
     "around 450 million euros to motor vehicles.",
     ["Around 6.5 billion euros of this went to residential buildings, household effects and businesses.",
      "Around 450 million euros went to motor vehicles."]),
])
def test_clauses_with_values_of_their_own_are_split(sentence: str, parts: list[str]) -> None:
    assert clause_parts(sentence, has_number) == parts


@pytest.mark.parametrize("sentence", [
    "If rates fall by 1%, sales will rise 5% in 2026.",                        # a condition and its outcome
    "The firm will cut 300 jobs in a bid to save costs and protect 2,000 others.",  # "save costs" holds no value
    "The mayor praised the 12 volunteers who cleared 40 tonnes of rubbish.",     # a restrictive relative clause
    "The company cut 300 jobs in March, saying costs had risen 15%.",           # why, in its words: part of the claim
    # misparsed ("32 of 36 polled" as a clause with the subject of "said"): the sentence stays whole
    "Nearly 90 per cent of economists, 32 of 36 polled from November 18-24, said the bank would hold its base "
    "rate at 2.50 per cent on Thursday.",
    # no gapped clause: months of one period, values paired by "respectively", a verb read as a noun
    "There were 9,235 new dwelling completions in July, August, and September this year, a rise of 4 per cent.",
    "Pellet production was 6.9 million tonnes in the first quarter, 26.4% and 43.1% lower than in the fourth "
    "quarter and the first quarter of 2019, respectively.",
    "The second budget represents a drop of almost 20% on those annual emissions, and the third a drop of around 35%.",
    "A cautious approach seems appropriate, given the expected acceleration of inflation by the end of the year and "
    "its retention above the target level of 2% until at least the second half of 2025.",
])
def test_a_sentence_stays_whole_when_a_clause_would_lose_its_value_or_its_subject(sentence: str) -> None:
    assert clause_parts(sentence, has_number) == [sentence]


def test_each_clause_becomes_a_claim_of_its_own_kind_and_date() -> None:
    document = parse_document(b"---\ndate: 2025-03-04\n---\nThe bridge closed on Monday after a barge struck it, and "
                              b"repairs will cost $40 million as the state expects the work to last until 2027.\n",
                              "bridge.txt")
    claims = extract_claims(document)
    cost = next(c for c in claims if "$40 million" in c.statement)
    work = next(c for c in claims if "2027" in c.statement)
    assert cost is not work                    # were one claim with a value and the other's horizon
    assert cost.resolves_by is None
    assert work.kind == "forecast" and work.resolves_by == "2027-12-31"      # "until 2027": to its end


def test_a_missing_parser_model_is_a_claims_error_that_says_how_to_fix_it() -> None:
    from monitor.errors import ClaimsError
    from monitor.judge.clause_parse import _parser

    with pytest.raises(ClaimsError, match="pip install -e"):
        _parser("en_core_web_nonexistent_model")
