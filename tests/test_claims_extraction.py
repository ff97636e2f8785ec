"""Claim extraction from baseline documents: the quality gate against the hand-labelled gold
lists, and the behaviours it rests on (attribution, kinds, slots, dates, merging, speed)."""
from __future__ import annotations

import csv
import importlib.util
import json
import random
import time
from collections import Counter
from pathlib import Path

import pytest

from monitor.judge.claims import Claim, combine_claims, extract_claims, parse_document, read_document, read_documents

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "claims"
DOC1 = ROOT / "baseline_docs" / "2025-02-14-trump-putin-call-experts.txt"
DOC2 = ROOT / "baseline_docs" / "2025-03-19-putin-trump-call-negotiation-table.txt"


def _bench():
    spec = importlib.util.spec_from_file_location("claims_eval", ROOT / "bench" / "claims_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed_claims() -> list[Claim]:
    claims: list[Claim] = []
    for path in (DOC1, DOC2):
        claims += extract_claims(read_document(path))
    return combine_claims(claims)


def by_phrase(claims: list[Claim], *phrases: str) -> Claim:
    found = [c for c in claims if all(p.lower() in c.statement.lower() for p in phrases)]
    assert found, f"no claim states {phrases}"
    return found[0]


@pytest.mark.parametrize("name", ["seed", "extra"])
def test_precision_and_recall_stay_above_the_pinned_floors(name: str) -> None:
    floors = json.loads((FIXTURES / "eval_floors.json").read_text())[name]
    report = _bench().run(ROOT / floors["docs"], ROOT / floors["gold"])
    assert report["precision"] >= floors["precision"], report["unmatched"]
    assert report["recall"] >= floors["recall"], report["missed"]


def test_both_seed_documents_extract_in_well_under_a_few_seconds() -> None:
    documents = [read_document(DOC1), read_document(DOC2)]
    extract_claims(documents[1])                  # load pysbd's and dateparser's rules once
    # this process's CPU time, not the wall clock: a machine busy with other work (a CI runner, a
    # benchmark beside the tests) slows the clock, not the extraction (bench/ measures speed)
    started = time.process_time()
    for document in documents:
        extract_claims(document)
    assert time.process_time() - started < 2.0


def test_attribution_according_to_and_titles(seed_claims: list[Claim]) -> None:
    call = by_phrase(seed_claims, "lasted close to 90 minutes")
    assert call.speaker == "Dmitry Peskov"
    assert call.kind == "quantity"
    assert [q.value for q in call.quantities] == [5400.0]
    assert call.quantities[0].approximate


def test_quote_on_truth_social_is_attributed_to_trump_with_medium(seed_claims: list[Claim]) -> None:
    wwii = by_phrase(seed_claims, "tens of millions")
    assert wwii.speaker == "Donald Trump"
    assert wwii.slots["quoted"] is True


def test_pronoun_speaker_carries_over_from_the_interviewee(seed_claims: list[Claim]) -> None:
    kellogg = by_phrase(seed_claims, "slated to meet")
    assert kellogg.speaker == "Alan Kafruny"                  # “...,” he said, in the Kafruny section
    assert kellogg.statement.startswith("Keith Kellogg is slated")   # "he" resolved to Kellogg
    assert kellogg.kind == "event"
    # "next week" of Friday 2025-02-14: the week of 17-23 February, to its Sunday
    assert (kellogg.event_date, kellogg.resolves_by) == ("2025-02-21", "2025-02-23")


def test_reported_statement_of_a_third_person_is_a_fact(seed_claims: list[Claim]) -> None:
    hegseth = by_phrase(seed_claims, "pre-2014 borders")
    assert hegseth.kind == "fact"
    assert hegseth.statement.startswith("Pete Hegseth")
    assert hegseth.speaker == "Alan Kafruny"


def test_probability_forecast_gets_its_outcome_from_the_previous_sentence(seed_claims: list[Claim]) -> None:
    odds = by_phrase(seed_claims, "probability", "20%")
    assert (odds.kind, odds.probability, odds.speaker) == ("forecast", 0.2, "Sergei Markov")
    assert odds.slots["outcome"] == "an agreement emerging from this summit"


def test_conditional_gives_two_related_quantities_and_a_forecast(seed_claims: list[Claim]) -> None:
    aid = by_phrase(seed_claims, "$300 billion", "$100 billion")
    assert aid.kind == "forecast"
    assert [q.value for q in aid.quantities] == [3e11, 1e11]
    assert aid.slots["quantity_roles"] == ["condition", "consequence"]
    assert aid.slots["condition"] == "current assistance stands at $300 billion"
    europe = by_phrase(seed_claims, "$200 billion")
    assert europe.kind == "forecast" and europe.statement == "Europe would shoulder the remaining $200 billion."


def test_same_claim_in_two_documents_is_one_claim_with_two_sources(seed_claims: list[Claim]) -> None:
    call = by_phrase(seed_claims, "lasted close to 90 minutes")
    documents = {Path(s["document"]).name for s in call.sources}
    assert documents == {DOC1.name, DOC2.name}
    assert any("1.5-hour" in s["quote"] for s in call.sources)
    assert any("90-minute telephone conversation" in s["quote"] for s in call.sources)
    # and no second claim about the call's length is left over
    assert not [c for c in seed_claims if c is not call and any(q.unit == "second" and q.value == 5400
                                                                 for q in c.quantities)]


def test_dated_event_resolved_against_the_document_date(seed_claims: list[Claim]) -> None:
    first = by_phrase(seed_claims, "February 12")
    assert (first.kind, first.event_date, first.resolves_by) == ("event", "2025-02-12", None)
    assert first.slots["relative_date"] == {"offset": "approximately three weeks", "relation": "after",
                                            "anchor": "Trump assumed office as U.S. president"}
    belgorod = by_phrase(seed_claims, "Belgorod")
    assert (belgorod.kind, belgorod.event_date) == ("event", "2025-03-18")      # "last night" of 2025-03-19


def test_question_presupposition_gives_the_ceasefire_claim(seed_claims: list[Claim]) -> None:
    ceasefire = [c for c in seed_claims if c.id == "ceasefire-30-day"]
    assert ceasefire and ceasefire[0].kind == "quantity"
    assert ceasefire[0].quantities[0].value == 30 * 86400


def test_opinions_are_kept_but_inactive(seed_claims: list[Claim]) -> None:
    opinions = [c for c in seed_claims if c.kind == "opinion"]
    assert len(opinions) > 50
    assert not any(c.active for c in opinions)
    assert by_phrase(seed_claims, "I would argue Trump’s sequence is mistaken").kind == "opinion"
    assert by_phrase(seed_claims, "God bless").kind == "opinion"


def test_ids_are_unique_slugs(seed_claims: list[Claim]) -> None:
    ids = [c.id for c in seed_claims]
    assert len(ids) == len(set(ids))
    assert all(i == i.lower() and " " not in i and len(i) <= 64 for i in ids)


def test_extra_documents_central_bank_and_product_launch() -> None:
    documents, errors = read_documents(FIXTURES / "docs")
    assert not errors and len(documents) == 2
    claims = combine_claims([c for d in documents for c in extract_claims(d)])
    july = by_phrase(claims, "probability", "60 percent")
    assert (july.kind, july.probability, july.speaker) == ("forecast", 0.6, "Elena Marsh")
    meeting = by_phrase(claims, "July 24")
    assert (meeting.kind, meeting.event_date) == ("event", "2025-07-24")
    chance = by_phrase(claims, "one-in-three")
    assert chance.probability == pytest.approx(1 / 3) and chance.speaker == "Dana Whitfield"
    lite = by_phrase(claims, "H2 Lite")
    # "in the first quarter of 2026" resolves at the end of that quarter (issue 16: no grace days)
    assert (lite.kind, lite.event_date, lite.resolves_by) == ("event", "2026-01-01", "2026-03-31")
    order = by_phrase(claims, "$130 million")
    assert order.speaker == "Mark Ellison" and order.quantities[0].approximate


@pytest.mark.slow
def test_fnc1_headlines_as_one_sentence_claims(shared_data: Path) -> None:
    stances = shared_data / "fnc1" / "train_stances.csv"
    if not stances.exists():
        pytest.skip(f"{stances} is not here (FNC-1)")
    with stances.open(encoding="utf-8") as handle:
        headlines = sorted({row["Headline"] for row in csv.DictReader(handle)})
    sample = random.Random(7).sample(headlines, 200)
    kinds: Counter[str] = Counter()
    for number, headline in enumerate(sample):
        claims = extract_claims(parse_document(headline.encode(), f"fnc1/{number}.txt"))
        for claim in claims:
            assert claim.kind in ("fact", "quantity", "forecast", "event", "opinion")
            assert claim.statement
        kinds.update(c.kind for c in claims) if claims else kinds.update(["none"])
    # headlines are mostly reported facts; a few carry numbers; none crash
    assert kinds["fact"] > 60
    assert kinds["quantity"] >= 10
    assert kinds["none"] < 60
