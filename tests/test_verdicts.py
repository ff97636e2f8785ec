"""Verdicts on short articles against the reviewed claims: values compared, negation, denial and
attribution, hedging, forecasts and events resolved (with Brier scores), and the threshold.

Each article is a few sentences of plain news prose; the judge is the shipped one (stance model
and rules) over the active claims of config/claims.toml.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from monitor.judge.claims import load_claims
from monitor.judge.quantities import parse_quantities
from monitor.judge.verdicts import Judge, Verdict, load_judge
from monitor.judge.verdicts.compare import compare_values, stance_of_value
from monitor.judge.verdicts.cues import read_cues
from monitor.judge.verdicts.evidence import QuantityCache, select_evidence
from monitor.judge.verdicts.forecasts import brier_score, is_resolvable
from monitor.judge.verdicts.text import analyse_article, split_sentences

CLAIMS_FILE = Path(__file__).parent.parent / "config" / "claims.toml"


@pytest.fixture(scope="module")
def judge() -> Judge:
    claims = [c for c in load_claims(CLAIMS_FILE) if c.active]
    return load_judge(claims, threshold=0.6, max_candidates=8)


def verdict_for(judge: Judge, claim_id: str, text: str, title: str = "",
                published_at: str | None = "2025-03-01") -> Verdict | None:
    """The alert the article gives for one claim (None: no alert for it)."""
    return next((v for v in judge.judge(title, text, published_at) if v.claim_id == claim_id), None)


# -- values compared ------------------------------------------------------------------------

@pytest.mark.parametrize("sentence,article_value", [
    ("The conversation between Trump and Putin lasted an hour and a half, the White House said.",
     "an hour and a half"),
    ("Trump described his 1.5-hour phone call with Putin as productive.", "1.5-hour"),
    ("White House officials said the Trump-Putin phone call lasted about 90 minutes.", "about 90 minutes"),
])
def test_a_call_of_90_minutes_is_confirmed_by_the_same_length_in_other_words(judge, sentence, article_value):
    text = f"{sentence} The two leaders spoke about Ukraine and the Middle East."
    verdict = verdict_for(judge, "call-lasted-90-minutes", text)
    assert verdict is not None and verdict.verdict == "confirms"
    assert verdict.article_value.startswith(article_value)
    assert verdict.claim_value.startswith("close to 90 minutes")
    assert verdict.values_compared["result"] == "agrees"
    assert verdict.evidence == sentence


def test_a_much_shorter_call_contradicts_the_90_minutes_with_both_values_recorded(judge):
    text = ("White House call logs show the Trump-Putin phone call lasted only 40 minutes. "
            "The Kremlin has not commented on the logs.")
    verdict = verdict_for(judge, "call-lasted-90-minutes", text)
    assert verdict is not None and verdict.verdict == "contradicts"
    assert verdict.claim_value.startswith("close to 90 minutes")
    assert verdict.article_value.startswith("40 minutes")
    assert verdict.values_compared["claimed_value"] == 5400.0
    assert verdict.values_compared["reported_value"] == 2400.0
    assert verdict.values_compared["result"] == "disagrees"


def test_us_aid_of_120bn_so_far_contradicts_300bn_and_the_rejected_figure_is_not_taken_as_agreement(judge):
    text = ("US aid to Ukraine totals $120bn so far, not $300 billion, according to the Kiel Institute. "
            "The figure includes weapons, budget support and humanitarian aid.")
    verdict = verdict_for(judge, "us-aid-300bn-may-fall-to-100bn", text)
    assert verdict is not None and verdict.verdict == "contradicts"
    assert verdict.claim_value.startswith("$300 billion")
    assert verdict.article_value.startswith("$120bn")


def test_a_month_long_ceasefire_confirms_the_30_day_one(judge):
    text = ("Russia and the United States agreed on a month-long ceasefire on strikes against energy "
            "infrastructure, the Kremlin said. Ukraine said it would observe it.")
    verdict = verdict_for(judge, "ceasefire-30-day", text)
    assert verdict is not None and verdict.verdict == "confirms"
    assert verdict.article_value.startswith("month-long")


def test_numbers_about_something_else_are_not_compared(judge):
    # "after 90 minutes" of a football match, a "30-day free trial", a "$300 billion market"
    text = ("After 90 minutes the score was 1-1, and Harbour United won in extra time. "
            "The club's sponsor offers a 30-day free trial of its app in a $300 billion market.")
    assert judge.judge("Harbour United reach the final", text, "2025-04-27") == []


def test_two_accounts_that_disagree_leave_the_value_disputed():
    claim = next(c for c in load_claims(CLAIMS_FILE) if c.id == "call-lasted-90-minutes")
    from monitor.judge.verdicts.retrieval import ClaimIndex

    index = ClaimIndex([claim])
    article = analyse_article("", "The Kremlin puts the Trump-Putin conversation at close to 90 minutes; "
                                  "an anonymous American account put it at 40.")
    evidence = select_evidence(article, index.terms_for(claim.id), QuantityCache(article))
    comparison = compare_values(claim.quantities, evidence)
    assert comparison is not None
    assert comparison.result == "disputed"
    assert comparison.reported.value == 2400.0       # "40", its unit taken from "90 minutes"


@pytest.mark.parametrize("sentence,value_text,expected", [
    ("US aid totals about $120 billion so far, not $300 billion.", "$300 billion", "rejected"),
    ("US aid totals about $120 billion so far, not $300 billion.", "about $120 billion", "asserted"),
    ("Pledges of $45 billion fall far below the $200 billion that analysts said Europe would carry.",
     "$200 billion", "reference"),
    ("Peskov claimed the call lasted close to 90 minutes, but records show it lasted only 40 minutes.",
     "close to 90 minutes", "distanced"),
    ("Peskov claimed the call lasted close to 90 minutes, but records show it lasted only 40 minutes.",
     "40 minutes", "asserted"),
])
def test_what_a_sentence_does_with_each_of_its_values(sentence, value_text, expected):
    quantity = next(q for q in parse_quantities(sentence) if q.text == value_text)
    assert stance_of_value(sentence, quantity) == expected


# -- negation, denial, attribution, hedging ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "Kremlin officials denied that Putin had invited Trump to visit Moscow during the call.",
    "A senior Kremlin official said it was not true that Putin had invited Trump to Moscow during the call.",
    "There is no evidence that Putin invited Trump to visit Moscow during their call, the Kremlin said.",
])
def test_a_denial_of_the_invitation_contradicts_it(judge, text):
    verdict = verdict_for(judge, "putin-invited-trump-to-moscow", text + " Talks on a summit continue.")
    assert verdict is not None and verdict.verdict == "contradicts", verdict


@pytest.mark.parametrize("text", [
    "There were rumours in Moscow that Putin invited Trump to visit Moscow during the call.",
    "Putin may have invited Trump to visit Moscow during the call, a Russian newspaper speculated.",
    "Did Putin invite Trump to visit Moscow during the call?",
])
def test_rumours_speculation_and_questions_only_discuss_the_invitation(judge, text):
    verdict = verdict_for(judge, "putin-invited-trump-to-moscow", text + " The Kremlin declined to comment.")
    assert verdict is not None and verdict.verdict == "discusses", verdict


def test_an_independent_report_of_the_invitation_confirms_it(judge):
    text = ("Russian President Vladimir Putin invited Donald Trump to visit Moscow during their telephone "
            "conversation on Wednesday, the White House said. No date was set.")
    verdict = verdict_for(judge, "putin-invited-trump-to-moscow", text)
    assert verdict is not None and verdict.verdict == "confirms"


def test_the_claims_own_speaker_repeating_it_only_discusses_it(judge):
    # call-lasted-90-minutes was said by Dmitry Peskov; Peskov saying it again confirms nothing
    text = ("Kremlin spokesman Dmitry Peskov told reporters that the Trump-Putin phone call lasted "
            "an hour and a half. He gave no further details.")
    verdict = verdict_for(judge, "call-lasted-90-minutes", text)
    assert verdict is not None and verdict.verdict == "discusses"
    assert verdict.values_compared["result"] == "agrees"    # the values still agree, and say so


def test_claimed_but_records_show_otherwise_contradicts(judge):
    text = ("Kremlin spokesman Dmitry Peskov claimed the conversation lasted close to 90 minutes, but White "
            "House call records show it lasted only 40 minutes. The discrepancy was noticed by reporters.")
    verdict = verdict_for(judge, "call-lasted-90-minutes", text, title="Trump-Putin call was shorter than said")
    assert verdict is not None and verdict.verdict == "contradicts"
    assert verdict.article_value.startswith("40 minutes")


def test_a_negation_about_something_else_does_not_contradict(judge):
    text = ("Yuri Ushakov said it was not true that the two leaders had talked in November, and that their "
            "phone conversation on 12 February 2025 was the first between Putin and Trump since he took office.")
    verdict = verdict_for(judge, "first-call-february-12", text, title="No Trump-Putin call before February")
    assert verdict is not None and verdict.verdict == "confirms"


def test_cues_are_read_in_the_clause_that_carries_the_claim():
    weights = {"invit": 3.0, "moscow": 3.0, "trump": 2.0, "putin": 2.0, "visit": 2.0}
    plain = read_cues("Trump said Putin had invited him to Moscow, but he did not say when.", weights)
    assert not plain.denial and not plain.negated
    denied = read_cues("Officials denied that Putin had invited Trump to Moscow.", weights)
    assert denied.denial
    # a claim that is itself negative is agreed with by a negative sentence
    negative = read_cues("Hegseth said Ukraine would not return to its pre-2014 borders.",
                         {"return": 3.0, "border": 3.0}, claim_text="Ukraine would not revert to its pre-2014 borders")
    assert not negative.negated
    # …and a denial of the opposite agrees with it
    denied_opposite = read_cues("Iraq denied reports that the arrested woman was al-Baghdadi's wife.",
                                {"arrest": 2.0, "woman": 2.0, "wife": 3.0},
                                claim_text="The arrested woman is not al-Baghdadi's wife")
    assert not denied_opposite.denial


# -- forecasts and scheduled events -------------------------------------------------------------

def test_a_summit_without_agreement_resolves_the_20_percent_forecast_with_its_brier_score(judge):
    text = ("The summit between Donald Trump and Vladimir Putin in Anchorage ended on Friday without an "
            "agreement on ending the war in Ukraine. Both leaders called the talks constructive.")
    verdict = verdict_for(judge, "summit-agreement-odds-20-percent", text, published_at="2025-08-16T06:30:00+00:00")
    assert verdict is not None and verdict.verdict == "confirms"    # it went the way the 20 % forecast leaned
    assert verdict.resolution == {"outcome": "did-not-happen", "date": "2025-08-16", "brier": 0.04}


def test_an_agreement_at_the_summit_would_resolve_the_forecast_against_it(judge):
    text = ("Donald Trump and Vladimir Putin signed an agreement at their summit in Anchorage on Friday "
            "on ending the war in Ukraine. The text was not published.")
    verdict = verdict_for(judge, "summit-agreement-odds-20-percent", text, published_at="2025-08-16")
    assert verdict is not None and verdict.verdict == "contradicts"
    assert verdict.resolution == {"outcome": "happened", "date": "2025-08-16", "brier": 0.64}


def test_kellogg_meeting_zelensky_resolves_the_scheduled_event_as_happened(judge):
    text = ("US special envoy Keith Kellogg met Ukrainian President Volodymyr Zelensky in Kyiv on Thursday. "
            "They discussed security guarantees.")
    verdict = verdict_for(judge, "kellogg-to-meet-zelensky", text, published_at="2025-02-20T15:05:00+00:00")
    assert verdict is not None and verdict.verdict == "confirms"
    assert verdict.resolution == {"outcome": "happened", "date": "2025-02-20"}


def test_a_meeting_still_to_come_is_discussed_not_resolved(judge):
    text = ("US special envoy Keith Kellogg is expected to meet President Volodymyr Zelensky in Kyiv later "
            "this week, officials said, although the date has not been confirmed.")
    verdict = verdict_for(judge, "kellogg-to-meet-zelensky", text, published_at="2025-02-17")
    assert verdict is not None and verdict.verdict == "discusses"
    assert verdict.resolution is None


def test_someone_else_meeting_zelensky_does_not_resolve_kelloggs_meeting(judge):
    text = ("Treasury Secretary Scott Bessent met President Volodymyr Zelensky in Kyiv on Wednesday and "
            "handed over a draft minerals agreement.")
    verdict = verdict_for(judge, "kellogg-to-meet-zelensky", text, published_at="2025-02-13")
    assert verdict is None or verdict.resolution is None


def test_a_past_meeting_in_another_year_does_not_resolve_a_forecast(judge):
    text = "Trump met Putin in Helsinki in 2018, and the two leaders also spoke at international summits."
    assert verdict_for(judge, "summit-agreement-odds-20-percent", text, published_at="2025-02-13") is None


def test_other_odds_on_a_forecast_are_shown_but_do_not_settle_it(judge):
    text = ("Analysts and betting markets put the chances of an agreement emerging from the Trump-Putin summit "
            "at one in five, and few in either capital expect a signed document.")
    verdict = verdict_for(judge, "summit-agreement-odds-20-percent", text, published_at="2025-08-13")
    assert verdict is not None and verdict.verdict == "discusses" and verdict.resolution is None
    assert verdict.claim_value.startswith("around 20%")
    assert verdict.article_value.startswith("one in five")


def test_brier_score_and_what_resolves():
    assert brier_score(0.2, happened=False) == pytest.approx(0.04)
    assert brier_score(0.2, happened=True) == pytest.approx(0.64)
    claims = {c.id: c for c in load_claims(CLAIMS_FILE)}
    assert is_resolvable(claims["summit-agreement-odds-20-percent"])      # a probability
    assert is_resolvable(claims["kellogg-to-meet-zelensky"])              # slated, resolves_by
    assert not is_resolvable(claims["first-call-february-12"])            # a past event: a fact
    assert not is_resolvable(claims["putin-invited-trump-to-moscow"])


# -- confidence and threshold -------------------------------------------------------------------

def test_unrelated_is_never_an_alert_and_the_threshold_decides(judge):
    text = ("Russian President Vladimir Putin invited Donald Trump to visit Moscow during their telephone "
            "conversation, the White House said.")
    assessments = judge.assess("", text, None)
    assert assessments, "the invitation claim is a candidate"
    for assessment in assessments:
        verdict = assessment.verdict
        assert 0.0 <= verdict.confidence <= 1.0
        assert sum(verdict.probabilities.values()) == pytest.approx(1.0, abs=1e-3)
    alerts = judge.judge("", text, None)
    assert all(v.verdict != "unrelated" and v.confidence >= judge.threshold for v in alerts)
    strict = Judge(judge.claims, threshold=0.999, max_candidates=8, model=judge.model)
    assert all(v.confidence >= 0.999 for v in strict.judge("", text, None))


def test_generic_words_of_a_claim_do_not_state_it(judge):
    # "discussion" and "potential" are two of the four words of "discussed a potential prisoner
    # exchange", but not the point of it
    text = ("The recent phone call between Vladimir Putin and Donald Trump has sparked widespread discussion "
            "regarding its potential impact on global stability.")
    assert verdict_for(judge, "prisoner-exchange-discussed", text) is None


def test_an_article_about_nothing_tracked_gives_nothing(judge):
    assert judge.judge("Storm floods harbour district",
                       "Heavy rain flooded the harbour district overnight. Firefighters pumped out 40 cellars.",
                       "2025-09-10") == []


def test_sentences_split_without_breaking_abbreviations():
    text = "U.S. President Donald Trump spoke to Mr. Putin. It lasted 1.5 hours! Was it long?\nNew paragraph"
    pieces = [text[a:b] for a, b in split_sentences(text)]
    assert pieces == ["U.S. President Donald Trump spoke to Mr. Putin.", "It lasted 1.5 hours!", "Was it long?",
                      "New paragraph"]


# -- a contradiction must be shown by a sentence ---------------------------------------------

class ReadsEverythingAsContradiction:
    """A stance model that is sure every article contradicts every claim (as a whole-article
    model can be, misled by denials of something else): the rules must not pass that on unless a
    sentence about the claim says it is not so."""

    version = "always-contradicts"

    def predict(self, pairs):
        return [{"confirms": 0.05, "contradicts": 0.9, "discusses": 0.04, "unrelated": 0.01} for _ in pairs]


@pytest.fixture(scope="module")
def contrarian_judge(judge: Judge) -> Judge:
    return Judge(judge.claims, threshold=0.6, max_candidates=8, model=ReadsEverythingAsContradiction())


def test_no_contradiction_when_every_sentence_about_the_claim_states_it(contrarian_judge: Judge) -> None:
    text = ("The Kremlin again rejected reports that the two leaders spoke in November. "
            "Putin's first phone conversation with Trump took place on 12 February, his aide said, "
            "approximately three weeks after Trump took office.")
    verdict = next(a.verdict for a in contrarian_judge.assess("", text, "2025-02-18")
                   if a.verdict.claim_id == "first-call-february-12")
    assert verdict.verdict != "contradicts"
    assert "contradiction-unshown" in verdict.reasons
    assert verdict.probabilities["contradicts"] == 0.0


def test_model_contradiction_stands_when_a_sentence_about_the_claim_negates_it(contrarian_judge: Judge) -> None:
    text = ("Putin's first phone conversation with Trump took place on 12 February, the Kremlin said. "
            "But Putin's first phone conversation with Trump did not take place on 12 February, "
            "US officials said on Monday.")
    verdict = next(a.verdict for a in contrarian_judge.assess("", text, "2025-02-18")
                   if a.verdict.claim_id == "first-call-february-12")
    assert "contradiction-unshown" not in verdict.reasons
    assert verdict.verdict == "contradicts" and verdict.probabilities["contradicts"] > 0.3
    # the alert shows the sentence that contradicts, not the plain restatement before it
    assert verdict.evidence.startswith("But Putin's first phone conversation with Trump did not take place")
