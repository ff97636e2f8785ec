"""Overdue forecasts and events, resolving them by hand with the Brier score, and forecasters' track records."""
import json
from datetime import date

import pytest
from click.testing import CliRunner

from alert_rows import add_alert, add_article, add_claim, add_resolution
from monitor.status.alerts import claim_status, claim_statuses, claim_timeline, stats
from monitor.cli import cli
from monitor.errors import StoreError
from monitor.status.lifecycle import forecaster_records, resolve_claim, status_changes
from monitor.store import Store

MARCH_5 = date(2025, 3, 5)


def add_seed_forecasts(store):
    """Markov's two forecasts (one with odds), Kafruny's scheduled meeting, a fact, and another forecaster."""
    add_claim(store, "summit-agreement-odds-20-percent", "Odds of an agreement at the summit are around 20%",
              kind="forecast", probability=0.2, resolves_by="2025-02-28", speaker="Sergei Markov")
    add_claim(store, "us-aid-300bn-may-fall-to-100bn", "US assistance might dwindle to $100 billion",
              kind="forecast", speaker="Sergei Markov")
    add_claim(store, "kellogg-to-meet-zelensky", "Kellogg is slated to meet Zelensky next week", kind="event",
              resolves_by="2025-02-28", speaker="Alan Kafruny")
    add_claim(store, "putin-invited-trump-to-moscow", "Putin invited Trump to visit Moscow", kind="fact",
              resolves_by="2025-02-20")  # a date on a fact does not make it overdue


pytestmark = pytest.mark.min_sources(1)  # one alert settles a claim here; see test_sources.py


@pytest.fixture
def store(store):
    add_seed_forecasts(store)
    return store


def statuses(store, today):
    return {s.claim_id: s.status for s in claim_statuses(store, today=today)}


def test_a_forecast_or_event_past_its_date_without_an_outcome_is_overdue(store):
    assert statuses(store, date(2025, 2, 28)) == {  # due today: not yet
        "kellogg-to-meet-zelensky": "open", "putin-invited-trump-to-moscow": "open",
        "summit-agreement-odds-20-percent": "open", "us-aid-300bn-may-fall-to-100bn": "open"}
    assert statuses(store, MARCH_5) == {
        "kellogg-to-meet-zelensky": "overdue", "putin-invited-trump-to-moscow": "open",
        "summit-agreement-odds-20-percent": "overdue", "us-aid-300bn-may-fall-to-100bn": "open"}
    summit = claim_status(store, "summit-agreement-odds-20-percent", today=MARCH_5)
    assert (summit.status_since, summit.resolves_by) == ("2025-03-01T00:00:00+00:00", "2025-02-28")
    assert claim_timeline(store, "kellogg-to-meet-zelensky", today=MARCH_5)[-1].status == "overdue"
    assert stats(store, today=MARCH_5).claims_by_status["overdue"] == 2


def test_coverage_alone_does_not_stop_a_claim_being_overdue_but_a_resolution_does(store):
    (article,) = [add_article(store, "https://news.example/kellogg", "Kellogg due in Kyiv")]
    alert = add_alert(store, "kellogg-to-meet-zelensky", article, "confirms", detected_at="2025-02-20T10:00:00+00:00")
    status = claim_status(store, "kellogg-to-meet-zelensky", today=MARCH_5)
    assert (status.status, status.confirms) == ("overdue", 1)  # the evidence stays visible
    add_resolution(store, "kellogg-to-meet-zelensky", "happened", "2025-02-20", alert_id=alert,
                   recorded_at="2025-02-20T10:00:00+00:00")
    assert claim_status(store, "kellogg-to-meet-zelensky", today=MARCH_5).status == "resolved"


def test_an_overdue_forecast_resolved_by_hand_gets_its_brier_score(store):
    recorded = resolve_claim(store, "summit-agreement-odds-20-percent", "did-not-happen", "2025-03-04",
                             evidence_url="https://news.example/summit-ends-without-deal",
                             note="the summit ended without an agreement", today=MARCH_5)
    assert (recorded.brier, recorded.previous_status, recorded.resolved_on) == (0.04, "overdue", "2025-03-04")
    (row,) = store.resolutions("summit-agreement-odds-20-percent")
    assert {k: row[k] for k in ("outcome", "resolved_on", "method", "brier", "evidence_url", "note", "alert_id")} == {
        "outcome": "did-not-happen", "resolved_on": "2025-03-04", "method": "manual", "brier": 0.04,
        "evidence_url": "https://news.example/summit-ends-without-deal",
        "note": "the summit ended without an agreement", "alert_id": None}
    status = claim_status(store, "summit-agreement-odds-20-percent", today=MARCH_5)
    assert (status.status, status.outcome, status.brier) == ("resolved", "did-not-happen", 0.04)
    last = status_changes(store, today=MARCH_5)[-1]
    assert (last.claim_id, last.old_status, last.new_status, last.alert_ids, last.cause) == (
        "summit-agreement-odds-20-percent", "overdue", "resolved", (), "manual resolution")
    assert last.at == row["recorded_at"]


@pytest.mark.parametrize("probability,outcome,brier", [
    (0.2, "did-not-happen", 0.04), (0.2, "happened", 0.64), (0.9, "happened", 0.01), (0.5, "did-not-happen", 0.25)])
def test_brier_is_p_minus_outcome_squared(store, probability, outcome, brier):
    add_claim(store, "odds", kind="forecast", probability=probability)
    assert resolve_claim(store, "odds", outcome, date(2025, 3, 1), today=MARCH_5).brier == brier


def test_an_event_has_no_brier_and_a_manual_resolution_replaces_an_automatic_one(store):
    (article,) = [add_article(store, "https://news.example/met", "Kellogg met Zelensky")]
    alert = add_alert(store, "kellogg-to-meet-zelensky", article, "confirms")
    add_resolution(store, "kellogg-to-meet-zelensky", "happened", "2025-02-20", alert_id=alert,
                   recorded_at="2025-02-20T12:00:00+00:00")
    recorded = resolve_claim(store, "kellogg-to-meet-zelensky", "did-not-happen", "2025-02-28", today=MARCH_5)
    assert (recorded.brier, recorded.previous_status) == (None, "resolved")
    status = claim_status(store, "kellogg-to-meet-zelensky", today=MARCH_5)
    assert (status.outcome, status.resolved_on, status.resolution_method) == ("did-not-happen", "2025-02-28", "manual")


def test_re_scoring_an_article_does_not_overturn_a_persons_resolution(store):
    from monitor.judge.verdicts import Verdict

    article = add_article(store, "https://news.example/kellogg-met", "Kellogg met Zelensky",
                          published_at="2025-02-20T07:00:00+00:00")
    met = Verdict("kellogg-to-meet-zelensky", "confirms", 0.9, "Kellogg met Zelensky in Kyiv.",
                  resolution={"outcome": "happened", "date": "2025-02-20"})
    store.save_verdicts(article, [met])
    resolve_claim(store, "kellogg-to-meet-zelensky", "did-not-happen", "2025-02-28",
                  note="the meeting reported was with his deputy", today=MARCH_5)
    store.save_verdicts(article, [met], replace=True)  # a re-score records the automatic one anew, later
    assert [r["method"] for r in store.resolutions("kellogg-to-meet-zelensky")] == ["automatic", "manual"]
    status = claim_status(store, "kellogg-to-meet-zelensky", today=MARCH_5)
    assert (status.outcome, status.resolution_method, status.resolution_note) == (
        "did-not-happen", "manual", "the meeting reported was with his deputy")


def test_bad_input_is_refused_and_writes_nothing(store):
    cases = [
        (("nope", "happened", "2025-03-01"), {}, r"no claim 'nope'.*`monitor claims list --all` lists the claim ids"),
        (("kellogg-to-meet-zelenksy", "happened", "2025-03-01"), {}, "did you mean kellogg-to-meet-zelensky"),
        (("putin-invited-trump-to-moscow", "happened", "2025-03-01"), {}, "is a fact, not a forecast or scheduled"),
        (("kellogg-to-meet-zelensky", "maybe", "2025-03-01"), {}, "one of happened, did-not-happen"),
        (("kellogg-to-meet-zelensky", "happened", "1 March"), {}, "not a date; write it as YYYY-MM-DD"),
        (("kellogg-to-meet-zelensky", "happened", "2025-03-06"), {}, "after today"),
        (("kellogg-to-meet-zelensky", "happened", "2025-03-01"), {"evidence_url": "javascript:alert(1)"},
         "not an http"),
    ]
    for args, kwargs, message in cases:
        with pytest.raises(StoreError, match=message):
            resolve_claim(store, *args, today=MARCH_5, **kwargs)
    assert store.db["resolutions"].count == 0


def test_forecasters_track_record(store):
    add_claim(store, "peace-deal-by-summer", kind="forecast", probability=0.7, speaker="Jane Analyst")
    add_claim(store, "aid-vote-passes", kind="forecast", probability=0.6, speaker="Jane Analyst")
    add_claim(store, "switched-off", kind="forecast", probability=0.9, speaker="Jane Analyst", active=0)
    add_claim(store, "outlet-forecast", kind="forecast", source="News.Az")
    resolve_claim(store, "summit-agreement-odds-20-percent", "did-not-happen", "2025-03-04", today=MARCH_5)
    resolve_claim(store, "peace-deal-by-summer", "happened", "2025-03-01", today=MARCH_5)
    resolve_claim(store, "aid-vote-passes", "did-not-happen", "2025-03-02", today=MARCH_5)
    records = {r.speaker: r for r in forecaster_records(store, today=MARCH_5)}
    assert list(records) == ["Jane Analyst", "News.Az", "Sergei Markov"]  # events are not forecasts
    jane = records["Jane Analyst"]  # (0.7 − 1)² = 0.09, (0.6 − 0)² = 0.36
    assert (jane.forecasts, jane.resolved, jane.happened, jane.scored, jane.mean_brier) == (2, 2, 1, 1 + 1, 0.225)
    markov = records["Sergei Markov"]
    assert (markov.forecasts, markov.resolved, markov.pending, markov.scored, markov.mean_brier) == (2, 1, 1, 1, 0.04)
    assert (records["News.Az"].mean_brier, records["News.Az"].pending) == (None, 1)


# -- the CLI -------------------------------------------------------------------------------

@pytest.fixture
def site(tmp_path):
    config = tmp_path / "monitor.toml"
    config.write_text('[database]\npath = "monitor.db"\n', encoding="utf-8")
    with Store(tmp_path / "monitor.db") as store:
        add_seed_forecasts(store)
    return config


def monitor(config, *args):
    return CliRunner().invoke(cli, ["-c", str(config), *args])


def resolutions(config):
    with Store(config.parent / "monitor.db") as store:
        return store.resolutions()


def test_cli_shows_overdue_resolves_and_reports_the_track_record(site):
    # resolves_by 2025-02-28 has passed for the real clock too
    before = {r["claim_id"]: r["status"] for r in json.loads(monitor(site, "status", "--format", "json").output)}
    assert before["summit-agreement-odds-20-percent"] == "overdue"
    result = monitor(site, "claims", "resolve", "summit-agreement-odds-20-percent", "--outcome", "did-not-happen",
                     "--date", "2025-03-04", "--evidence", "https://news.example/summit", "--note", "no deal")
    assert result.exit_code == 0, result.output
    assert result.output == ("Resolved summit-agreement-odds-20-percent: did-not-happen on 2025-03-04; "
                             "Brier score 0.04 (forecast at 20%); status overdue → resolved.\n")
    event = monitor(site, "claims", "resolve", "kellogg-to-meet-zelensky", "--outcome", "happened",
                    "--date", "2025-02-27")
    assert event.output == "Resolved kellogg-to-meet-zelensky: happened on 2025-02-27; status overdue → resolved.\n"
    after = {r["claim_id"]: r for r in json.loads(monitor(site, "status", "--format", "json").output)}
    assert (after["summit-agreement-odds-20-percent"]["status"], after["summit-agreement-odds-20-percent"]["brier"]) \
        == ("resolved", 0.04)
    table = monitor(site, "stats", "--forecasters").output.splitlines()
    assert table[0].split() == ["speaker", "forecasts", "resolved", "happened", "overdue", "pending", "scored",
                                "mean_brier"]
    assert table[2].split() == ["Sergei", "Markov", "2", "1", "0", "0", "1", "1", "0.04"]
    rows = json.loads(monitor(site, "stats", "--forecasters", "--format", "json").output)
    assert rows == [{"speaker": "Sergei Markov", "forecasts": 2, "resolved": 1, "happened": 0, "overdue": 0,
                     "pending": 1, "scored": 1, "mean_brier": 0.04}]
    plain = list(csv_rows(monitor(site, "stats", "--format", "csv").output))
    assert {(r["measure"], r["group"]): r["count"] for r in plain}[("claims", "resolved")] == "2"


def csv_rows(text):
    import csv
    import io

    return csv.DictReader(io.StringIO(text))


@pytest.mark.parametrize("args,code,message", [
    (["nope", "--outcome", "happened", "--date", "2025-03-01"], 1, "`monitor claims list --all` lists the claim ids"),
    (["putin-invited-trump-to-moscow", "--outcome", "happened", "--date", "2025-03-01"], 1,
     "not a forecast or scheduled event"),
    (["kellogg-to-meet-zelensky", "--outcome", "maybe", "--date", "2025-03-01"], 2, "'maybe' is not one of"),
    (["kellogg-to-meet-zelensky", "--outcome", "happened", "--date", "2025-02-30"], 2, "'2025-02-30' is not a date; write it as YYYY-MM-DD"),
    (["kellogg-to-meet-zelensky", "--outcome", "happened", "--date", "yesterday"], 2, "'yesterday' is not a date"),
    (["kellogg-to-meet-zelensky", "--outcome", "happened", "--date", "2999-01-01"], 1, "after today"),
    (["kellogg-to-meet-zelensky", "--outcome", "happened", "--date", "2025-03-01", "--evidence", "news.example/x"],
     1, "not an http(s) URL"),
    (["kellogg-to-meet-zelensky", "--date", "2025-03-01"], 2, "Missing option '--outcome'"),
])
def test_cli_bad_input_gets_a_clear_error_and_changes_nothing(site, args, code, message):
    result = monitor(site, "claims", "resolve", *args)
    assert result.exit_code == code, result.output
    assert message in result.output
    assert resolutions(site) == []
