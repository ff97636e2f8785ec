"""`monitor alerts`, `status`, `stats`: filters, full-text search, formats and exit codes."""
import csv
import io
import json
from datetime import datetime, timedelta, timezone

import pytest
from click.testing import CliRunner

from alert_rows import add_alert, add_article, add_claim, add_sample_rows
from monitor.status.alerts import AlertQuery, list_alerts, parse_when, stats
from monitor.cli import cli
from monitor.store import Store


@pytest.fixture
def site(tmp_path):
    """A config file and its database with the sample rows; yields (config path, alert ids)."""
    config = tmp_path / "monitor.toml"
    # one alert settles a claim in these tests (independent sources: see test_sources.py)
    config.write_text('[database]\npath = "monitor.db"\n[verdicts]\nmin_independent_sources = 1\n', encoding="utf-8")
    with Store(tmp_path / "monitor.db") as store:
        ids = add_sample_rows(store)
    return config, ids


@pytest.fixture
def store(site):
    config, _ = site
    with Store(config.parent / "monitor.db") as store:
        store.set_min_independent_sources(1)  # as the site's config says
        yield store


def monitor(config, *args):
    return CliRunner().invoke(cli, ["-c", str(config), *args])


def ids_of(store, **filters):
    return [alert.id for alert in list_alerts(store, AlertQuery(**filters))]


# -- the API -------------------------------------------------------------------------------

def test_alerts_come_newest_first_with_their_article(store, site):
    _, ids = site
    alerts = list_alerts(store)
    assert [a.id for a in alerts] == [ids["summit-contradicts"], ids["ceasefire-confirms"], ids["call-contradicts"],
                                      ids["moscow-discusses"], ids["call-confirms"]]
    first = alerts[-1]
    assert (first.article_title, first.article_url, first.site, first.feed) == (
        "Kremlin: Putin and Trump spoke for an hour and a half", "https://www.reuters.example/world/call-90-minutes",
        "Reuters", "Reuters World")
    assert first.values_compared == {"claimed": 5400, "reported": 5400, "unit": "second", "result": "agrees"}


def test_filters_by_claim_verdict_confidence_and_limit(store, site):
    _, ids = site
    assert ids_of(store, claims=("call-lasted-90-minutes",)) == [ids["call-contradicts"], ids["call-confirms"]]
    assert ids_of(store, verdicts=("contradicts",)) == [ids["summit-contradicts"], ids["call-contradicts"]]
    assert ids_of(store, claims=("call-lasted-90-minutes",), verdicts=("confirms",)) == [ids["call-confirms"]]
    assert ids_of(store, min_confidence=0.85) == [ids["ceasefire-confirms"], ids["call-confirms"]]
    assert ids_of(store, limit=2) == [ids["summit-contradicts"], ids["ceasefire-confirms"]]
    assert ids_of(store, claims=("no-such-claim",)) == []


def test_filters_by_detection_time(store, site):
    _, ids = site
    assert ids_of(store, since=parse_when("2025-03-01")) == [ids["summit-contradicts"], ids["ceasefire-confirms"]]
    # a plain --until date includes that whole day
    assert ids_of(store, until=parse_when("2025-02-14", end_of_day=True)) == [ids["moscow-discusses"],
                                                                           ids["call-confirms"]]
    # times with an offset are compared as instants: 09:30 UTC is 10:30 in Paris
    assert ids_of(store, since=parse_when("2025-02-15T10:30:00+01:00"),
                  until=parse_when("2025-02-15T10:31:00+01:00")) == [ids["call-contradicts"]]


def test_filters_by_feed_and_site(store, site):
    _, ids = site
    reuters = [ids["moscow-discusses"], ids["call-confirms"]]
    assert ids_of(store, feed="reuters world") == reuters
    assert ids_of(store, feed="https://feeds.example/reuters.xml") == reuters
    assert ids_of(store, site="AP News") == [ids["call-contradicts"]]
    assert ids_of(store, site="reuters.example") == reuters  # host, subdomain www. included
    assert ids_of(store, site="bbc.example") == [ids["summit-contradicts"], ids["ceasefire-confirms"]]
    assert ids_of(store, site="ters.example") == []  # whole host names only, not any suffix
    # an article listed by a second feed is found through that feed's entries too
    ap = store.db["feeds"].rows_where("name = 'AP Top News'").__next__()["id"]
    store.db["feed_entries"].insert({"feed_id": ap, "guid": "g1", "article_id": 3})
    assert set(ids_of(store, feed="AP Top News")) == {ids["ceasefire-confirms"], ids["summit-contradicts"]}


def test_full_text_search_over_evidence_and_article_text(store, site):
    _, ids = site
    assert ids_of(store, search="two hours") == [ids["call-contradicts"]]  # evidence
    # "ended without agreement" is in the BBC article's text, found for both of its alerts
    assert ids_of(store, search="without agreement") == [ids["summit-contradicts"], ids["ceasefire-confirms"]]
    assert ids_of(store, search="kremlin") == [ids["moscow-discusses"], ids["call-confirms"]]  # title
    assert ids_of(store, search="agreements") != []  # porter stemming
    assert ids_of(store, search="kremlin", verdicts=("confirms",)) == [ids["call-confirms"]]


@pytest.mark.parametrize("text", ['"', 'two" OR "x', "AND", "NEAR(", "call*", "-call", "(", "a:b", "^", "  "])
def test_search_input_is_never_fts_syntax(store, text):
    list_alerts(store, AlertQuery(search=text))  # no sqlite3.OperationalError


def test_parse_when_understands_dates_times_and_words():
    assert parse_when("2025-02-14") == datetime(2025, 2, 14, tzinfo=timezone.utc)
    assert parse_when("2025-02-14", end_of_day=True) == datetime(2025, 2, 15, tzinfo=timezone.utc)
    assert parse_when("2025-02-14T10:00") == datetime(2025, 2, 14, 10, tzinfo=timezone.utc)
    assert parse_when("2025-02-14T10:00+01:00") == datetime(2025, 2, 14, 9, tzinfo=timezone.utc)
    week_ago = parse_when("7 days ago")
    assert abs(datetime.now(timezone.utc) - timedelta(days=7) - week_ago) < timedelta(minutes=5)
    with pytest.raises(ValueError, match="not a date"):
        parse_when("the day after the summit-ish")


def test_stats_report_accuracy_on_reviewed_alerts(store, site):
    _, ids = site
    from monitor.status.alerts import review_alert

    review_alert(store, ids["call-confirms"], "right")
    review_alert(store, ids["ceasefire-confirms"], "right")
    review_alert(store, ids["call-contradicts"], "wrong")
    report = stats(store)
    assert (report.accuracy.reviewed, report.accuracy.right) == (3, 2)
    assert report.accuracy_by_verdict["confirms"].accuracy == 1.0
    assert report.accuracy_by_verdict["contradicts"].accuracy == 0.0
    assert "discusses" not in report.accuracy_by_verdict
    assert report.claims_by_status == {"open": 1, "reported-once": 0, "confirmed": 2, "contradicted": 0, "disputed": 0, "resolved": 1,
                                     "overdue": 0}
    assert report.alerts_by_verdict == {"confirms": 2, "contradicts": 2, "discusses": 1}
    assert (report.articles, report.feeds, report.claims, report.alerts) == (3, 2, 4, 5)


# -- the CLI -------------------------------------------------------------------------------

def test_alerts_table_is_aligned_with_newest_first(site):
    config, ids = site
    result = monitor(config, "alerts", "--claim", "call-lasted-90-minutes")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["id", "detected_at", "claim_id", "verdict", "confidence", "review", "site",
                                "article_title", "evidence", "article_url"]
    assert set(lines[1]) <= {"-", " "}
    assert [line.split()[0] for line in lines[2:]] == [str(ids["call-contradicts"]), str(ids["call-confirms"])]
    assert lines[2].index("contradicts") == lines[0].index("verdict")  # columns line up
    assert monitor(config, "alerts", "list", "--claim", "call-lasted-90-minutes").output == result.output


def test_json_ndjson_and_csv_parse_back(site):
    config, ids = site
    as_json = json.loads(monitor(config, "alerts", "--format", "json").output)
    assert [row["id"] for row in as_json][-1] == ids["call-confirms"]
    assert as_json[-1]["values_compared"]["result"] == "agrees"
    assert as_json[-1]["evidence"] == "The call lasted about 90 minutes, the Kremlin said."
    as_ndjson = [json.loads(line) for line in monitor(config, "alerts", "--format", "ndjson").output.splitlines()]
    assert as_ndjson == as_json
    as_csv = list(csv.DictReader(io.StringIO(monitor(config, "alerts", "--format", "csv").output)))
    assert [int(row["id"]) for row in as_csv] == [row["id"] for row in as_json]
    assert as_csv[-1]["article_url"] == as_json[-1]["article_url"]
    assert json.loads(as_csv[-1]["values_compared"]) == as_json[-1]["values_compared"]
    assert as_csv[0]["review"] == ""  # None is an empty cell


def test_an_empty_result_is_success_and_keeps_the_header(site):
    config, _ = site
    for fmt, expected in [("json", "[]\n"), ("ndjson", "")]:
        result = monitor(config, "alerts", "--verdict", "discusses", "--since", "2030-01-01", "--format", fmt)
        assert (result.exit_code, result.output) == (0, expected)
    result = monitor(config, "alerts", "--search", "zeppelin", "--format", "csv")
    assert result.exit_code == 0 and result.output.startswith("id,claim_id,article_id,verdict,")
    assert len(result.output.splitlines()) == 1


def test_exit_codes(site, tmp_path):
    config, _ = site
    bad_date = monitor(config, "alerts", "--since", "when pigs fly")
    assert bad_date.exit_code == 2 and "is not a date" in bad_date.output
    assert monitor(config, "alerts", "--verdict", "maybe").exit_code == 2
    assert monitor(config, "alerts", "--min-confidence", "1.5").exit_code == 2
    no_alert = monitor(config, "alerts", "review", "999", "--wrong")
    assert no_alert.exit_code == 1 and "there is no alert 999" in no_alert.output
    assert monitor(config, "alerts", "review", "1").exit_code == 2  # says neither --right nor --wrong
    no_claim = monitor(config, "status", "no-such-claim")
    assert no_claim.exit_code == 1 and "no claim 'no-such-claim'" in no_claim.output
    no_config = monitor(tmp_path / "missing.toml", "alerts")
    assert no_config.exit_code == 1 and "monitor init" in no_config.output
    assert monitor(config, "alerts", "--since", "7 days ago").exit_code == 0


def test_review_from_the_cli_changes_status_and_stats(site):
    config, ids = site
    before = json.loads(monitor(config, "status", "--format", "json").output)
    assert {r["claim_id"]: r["status"] for r in before}["call-lasted-90-minutes"] == "disputed"
    result = monitor(config, "alerts", "review", str(ids["call-contradicts"]), "--wrong", "--note", "other call")
    assert result.exit_code == 0
    assert result.output == (f'Alert {ids["call-contradicts"]} marked wrong: call-lasted-90-minutes contradicts in '
                             '"Trump says call with Putin lasted over two hours"; claim status now confirmed\n')
    monitor(config, "alerts", "review", str(ids["call-confirms"]), "--right")
    listed = json.loads(monitor(config, "alerts", "--claim", "call-lasted-90-minutes", "--format", "json").output)
    assert [(a["review"], a["review_note"]) for a in listed] == [("wrong", "other call"), ("right", None)]
    rows = list(csv.DictReader(io.StringIO(monitor(config, "stats", "--format", "csv").output)))
    table = {(r["measure"], r["group"]): (r["count"], r["accuracy"]) for r in rows}
    assert table[("accuracy", "all reviewed")] == ("2", "0.5")
    assert table[("accuracy", "confirms")] == ("1", "1.0")
    assert table[("accuracy", "contradicts")] == ("1", "0.0")
    assert table[("claims", "confirmed")] == ("2", "")
    assert table[("claims", "disputed")] == ("0", "")
    assert table[("articles", "ok")] == ("3", "") and table[("feeds", "all")] == ("2", "")
    cleared = monitor(config, "alerts", "review", str(ids["call-contradicts"]), "--clear")
    assert cleared.exit_code == 0 and cleared.output.endswith("claim status now disputed\n")


def test_status_lists_claims_and_shows_one_claims_timeline(site):
    config, _ = site
    result = monitor(config, "status")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["claim_id", "status", "confirms", "contradicts", "discusses", "confirming_sources",
                                "contradicting_sources", "alerts", "status_since", "last_alert_at", "outcome", "brier"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:]}
    assert rows["call-lasted-90-minutes"][:7] == ["disputed", "1", "1", "0", "1", "1", "2"]
    assert rows["summit-agreement-odds-20-percent"][0] == "resolved"
    assert rows["summit-agreement-odds-20-percent"][-2:] == ["did-not-happen", "0.04"]
    assert rows["putin-invited-trump-to-moscow"][:4] == ["open", "0", "0", "1"]
    timeline = json.loads(monitor(config, "status", "call-lasted-90-minutes", "--format", "json").output)
    assert [(s["verdict"], s["status"], s["changed"]) for s in timeline] == [
        ("confirms", "confirmed", True), ("contradicts", "disputed", True)]


def test_status_hides_inactive_claims_without_alerts_unless_all(site):
    config, _ = site
    with Store(config.parent / "monitor.db") as store:
        add_claim(store, "retired", active=0)
        add_claim(store, "retired-with-alert", active=0)
        add_alert(store, "retired-with-alert", add_article(store, "https://e.example/r"), "confirms")
    shown = [r["claim_id"] for r in json.loads(monitor(config, "status", "--format", "json").output)]
    assert "retired" not in shown and "retired-with-alert" in shown
    everything = [r["claim_id"] for r in json.loads(monitor(config, "status", "--all", "--format", "json").output)]
    assert "retired" in everything


def test_the_threshold_comes_from_the_config(site):
    config, _ = site
    with Store(config.parent / "monitor.db") as store:
        add_claim(store, "faint")
        add_alert(store, "faint", add_article(store, "https://e.example/f"), "confirms", confidence=0.65)
    def status_of_faint():
        rows = json.loads(monitor(config, "status", "--format", "json").output)
        return {r["claim_id"]: r["status"] for r in rows}["faint"]
    assert status_of_faint() == "confirmed"  # default alert_threshold 0.6
    config.write_text(config.read_text().replace("[verdicts]\n", "[verdicts]\nalert_threshold = 0.7\n"),
                      encoding="utf-8")
    assert status_of_faint() == "open"
