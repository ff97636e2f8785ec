"""Status changes are events: each transition with the alerts that caused it; repeats collapse into counts."""
import json
from datetime import date, datetime, timezone

import pytest
from click.testing import CliRunner

from alert_rows import add_alert, add_article, add_claim, add_resolution, add_sample_rows
from monitor.status.alerts import claim_statuses
from monitor.cli import cli
from monitor.status.lifecycle import Transition, collapsed_repeats, replayed_statuses, status_changes
from monitor.store import StatusSettings, Store

TODAY = date(2025, 3, 20)


pytestmark = pytest.mark.min_sources(1)  # one alert settles a claim here; see test_sources.py


def articles(store, n):
    return [add_article(store, f"https://news.example/{i}", title=f"Article {i}") for i in range(n)]


def at(day, hour=10):
    return f"2025-02-{day:02d}T{hour:02d}:00:00+00:00"


def mark_wrong(store, alert_id, when):
    """A person's review at a known time (review_alert stamps the real clock)."""
    store.db.execute("update alerts set review = 'wrong', reviewed_at = ? where id = ?", [when, alert_id])


def changes(store, **kwargs):
    return [(t.claim_id, t.at, t.old_status, t.new_status, t.alert_ids, t.cause)
            for t in status_changes(store, today=TODAY, **kwargs)]


def test_open_to_confirmed_to_disputed_each_with_its_alert(store):
    a, b, c = articles(store, 3)
    add_claim(store, "call")
    first = add_alert(store, "call", a, "confirms", detected_at=at(14))
    add_alert(store, "call", b, "discusses", detected_at=at(15))  # changes nothing
    against = add_alert(store, "call", c, "contradicts", detected_at="2025-02-16T11:00:00+01:00")
    assert changes(store) == [
        ("call", at(14), "open", "confirmed", (first,), "alert"),
        ("call", at(16), "confirmed", "disputed", (against,), "alert"),  # times come back in UTC
    ]
    assert all(isinstance(t, Transition) for t in status_changes(store, today=TODAY))


def test_a_wrong_review_flips_the_status_back_at_the_time_of_the_review(store):
    a, b = articles(store, 2)
    add_claim(store, "flip")
    first = add_alert(store, "flip", a, "confirms", detected_at=at(14))
    wrong = add_alert(store, "flip", b, "contradicts", detected_at=at(15))
    mark_wrong(store, wrong, at(17, 9))
    assert changes(store) == [
        ("flip", at(14), "open", "confirmed", (first,), "alert"),
        ("flip", at(15), "confirmed", "disputed", (wrong,), "alert"),
        ("flip", at(17, 9), "disputed", "confirmed", (wrong,), "review"),
    ]
    # the views judge the present: the wrong alert never counts there, and both agree on the end
    assert [s.status for s in claim_statuses(store, today=TODAY)] == ["confirmed"]
    assert replayed_statuses(store, today=TODAY) == {"flip": "confirmed"}


def test_a_wrong_review_without_a_time_never_counted_like_in_the_view(store):
    a, b = articles(store, 2)
    add_claim(store, "old-review")
    first = add_alert(store, "old-review", a, "confirms", detected_at=at(14))
    add_alert(store, "old-review", b, "contradicts", detected_at=at(15), review="wrong")
    assert changes(store) == [("old-review", at(14), "open", "confirmed", (first,), "alert")]


def test_resolution_read_from_an_alert_and_its_withdrawal_by_a_wrong_review(store):
    a, b = articles(store, 2)
    add_claim(store, "summit", kind="forecast", probability=0.2)
    contra = add_alert(store, "summit", a, "contradicts", detected_at=at(20))
    resolving = add_alert(store, "summit", b, "contradicts", detected_at=at(22))
    add_resolution(store, "summit", "did-not-happen", "2025-02-22", brier=0.04, alert_id=resolving,
                   recorded_at=at(22))  # saved with the alert, in the same instant
    assert changes(store) == [
        ("summit", at(20), "open", "contradicted", (contra,), "alert"),
        ("summit", at(22), "contradicted", "resolved", (resolving,), "alert+automatic resolution"),
    ]
    mark_wrong(store, resolving, at(25))
    assert changes(store)[-1] == ("summit", at(25), "resolved", "contradicted", (resolving,), "review")
    assert replayed_statuses(store, today=TODAY)["summit"] == "contradicted"
    assert claim_statuses(store, today=TODAY)[0].status == "contradicted"


def test_a_resolution_whose_alert_the_recheck_withdrew_stops_counting_in_history_and_view(store):
    a = articles(store, 1)[0]
    add_claim(store, "meeting", kind="event")
    resolving = add_alert(store, "meeting", a, "confirms", detected_at=at(20))
    add_resolution(store, "meeting", "happened", "2025-02-20", alert_id=resolving, recorded_at=at(20))
    store.mark_article_removed(a, reason="article removed (HTTP 404)", removed_at=at(24))
    assert changes(store)[-1] == ("meeting", at(24), "resolved", "open", (resolving,), "recheck")
    assert replayed_statuses(store, today=TODAY)["meeting"] == "open"
    assert claim_statuses(store, today=TODAY)[0].status == "open"


def test_one_alert_that_confirms_and_resolves_at_once_is_one_transition(store):
    (a,) = articles(store, 1)
    add_claim(store, "meeting", kind="event")
    alert = add_alert(store, "meeting", a, "confirms", detected_at=at(21))
    add_resolution(store, "meeting", "happened", "2025-02-21", alert_id=alert, recorded_at=at(21))
    assert changes(store) == [("meeting", at(21), "open", "resolved", (alert,), "alert+automatic resolution")]


def test_low_confidence_and_discussing_alerts_cause_no_transition(store):
    a, b = articles(store, 2)
    add_claim(store, "quiet")
    add_alert(store, "quiet", a, "confirms", confidence=0.4, detected_at=at(14))
    add_alert(store, "quiet", b, "discusses", detected_at=at(15))
    assert changes(store) == []
    store.use_settings(StatusSettings(0.3))  # the threshold is the views' one
    assert [c[3] for c in changes(store)] == ["confirmed"]


def test_repeats_of_a_settled_verdict_collapse_into_a_count(store):
    arts = articles(store, 9)
    add_claim(store, "call")
    add_claim(store, "other")
    add_alert(store, "call", arts[0], "confirms", detected_at=at(14))
    repeat_ids = [add_alert(store, "call", arts[i], "confirms", detected_at=at(14 + i)) for i in (1, 2, 3)]
    add_alert(store, "call", arts[4], "confirms", confidence=0.3, detected_at=at(18))  # does not count
    add_alert(store, "call", arts[5], "discusses", detected_at=at(19))  # no verdict to repeat
    wrong = add_alert(store, "call", arts[6], "confirms", detected_at=at(20))
    mark_wrong(store, wrong, at(21))  # a report a person rejected is no report
    add_alert(store, "other", arts[7], "contradicts", detected_at=at(14))
    other_repeat = add_alert(store, "other", arts[8], "contradicts", detected_at=at(16))
    assert [c[3] for c in changes(store)] == ["confirmed", "contradicted"]  # the repeats are no transitions
    repeats = collapsed_repeats(store, today=TODAY)
    assert [(r.claim_id, r.verdict, r.alert_ids, r.status, r.describe()) for r in repeats] == [
        ("call", "confirms", tuple(repeat_ids), "confirmed", "+3 more confirming reports"),
        ("other", "contradicts", (other_repeat,), "contradicted", "+1 more contradicting report"),
    ]
    assert (repeats[0].first_at, repeats[0].last_at) == (at(15), at(17))
    later = collapsed_repeats(store, datetime(2025, 2, 16, 12, tzinfo=timezone.utc), today=TODAY)
    assert [(r.claim_id, r.count) for r in later] == [("call", 1)]


def test_a_disputed_claim_repeats_both_ways_and_a_changing_alert_is_not_a_repeat(store):
    arts = articles(store, 4)
    add_claim(store, "fight")
    add_alert(store, "fight", arts[0], "confirms", detected_at=at(14))
    add_alert(store, "fight", arts[1], "contradicts", detected_at=at(15))
    more_for = add_alert(store, "fight", arts[2], "confirms", detected_at=at(16))
    more_against = add_alert(store, "fight", arts[3], "contradicts", detected_at=at(17))
    assert [(r.verdict, r.alert_ids) for r in collapsed_repeats(store, today=TODAY)] == [
        ("confirms", (more_for,)), ("contradicts", (more_against,))]


def test_since_keeps_the_later_changes(store):
    a, b = articles(store, 2)
    add_claim(store, "call")
    add_alert(store, "call", a, "confirms", detected_at=at(14))
    against = add_alert(store, "call", b, "contradicts", detected_at=at(16))
    since = datetime(2025, 2, 15, tzinfo=timezone.utc)
    assert changes(store, since=since) == [("call", at(16), "confirmed", "disputed", (against,), "alert")]
    assert changes(store, since=datetime(2025, 2, 16, 10, tzinfo=timezone.utc))[0][1] == at(16)  # inclusive


def test_a_deadline_passing_is_a_transition_to_overdue_on_the_day_after(store):
    add_claim(store, "kellogg", kind="event", resolves_by="2025-02-28")
    assert status_changes(store, today=date(2025, 2, 28)) == []  # due today: not overdue yet
    assert changes(store) == [("kellogg", "2025-03-01T00:00:00+00:00", "open", "overdue", (), "deadline")]


def test_the_replay_ends_where_the_views_are_on_a_realistic_database(store):
    ids = add_sample_rows(store)
    add_claim(store, "kellogg-to-meet-zelensky", kind="event", resolves_by="2025-02-28")
    mark_wrong(store, ids["call-contradicts"], "2025-02-16T08:00:00+00:00")
    expected = {s.claim_id: s.status for s in claim_statuses(store, today=TODAY)}
    assert expected["kellogg-to-meet-zelensky"] == "overdue"
    assert expected["call-lasted-90-minutes"] == "confirmed"
    assert replayed_statuses(store, today=TODAY) == expected


# -- the CLI -------------------------------------------------------------------------------

@pytest.fixture
def site(tmp_path):
    config = tmp_path / "monitor.toml"
    # one alert settles a claim here (independent sources: see test_sources.py)
    config.write_text('[database]\npath = "monitor.db"\n[verdicts]\nmin_independent_sources = 1\n', encoding="utf-8")
    with Store(tmp_path / "monitor.db") as store:
        ids = add_sample_rows(store)
        arts = [add_article(store, f"https://wire.example/{i}", f"Wire {i}") for i in range(3)]
        ids["repeats"] = [add_alert(store, "ceasefire-30-day", art, "confirms", detected_at=f"2025-03-1{2 + i}T08:00:00+00:00")
                          for i, art in enumerate(arts)]
    return config, ids


def monitor(config, *args):
    return CliRunner().invoke(cli, ["-c", str(config), *args])


def test_status_changes_lead_with_transitions_then_collapsed_repeats(site):
    config, ids = site
    result = monitor(config, "status", "--changes", "--since", "2025-02-15")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["at", "claim_id", "old_status", "new_status", "cause", "alert_ids"]
    assert [line.split() for line in lines[2:5]] == [
        ["2025-02-15T09:30:00+00:00", "call-lasted-90-minutes", "confirmed", "disputed", "alert",
         str(ids["call-contradicts"])],
        ["2025-03-01T00:00:00+00:00", "summit-agreement-odds-20-percent", "open", "resolved", "automatic",
         "resolution", str(ids["summit-contradicts"])],
        ["2025-03-11T17:00:00+00:00", "ceasefire-30-day", "open", "confirmed", "alert",
         str(ids["ceasefire-confirms"])],
    ]
    assert lines[5:] == [
        "",
        "Repeats of a settled verdict since 2025-02-15T00:00:00+00:00 (`monitor alerts --claim ID` lists them):",
        "  ceasefire-30-day: +3 more confirming reports",
    ]


def test_status_changes_as_json_and_csv_and_for_one_claim(site):
    config, ids = site
    data = json.loads(monitor(config, "status", "--changes", "--format", "json").output)
    assert [(t["claim_id"], t["new_status"]) for t in data["transitions"]][0] == ("call-lasted-90-minutes",
                                                                                  "confirmed")
    assert data["repeats"] == [{
        "claim_id": "ceasefire-30-day", "verdict": "confirms", "count": 3,
        "description": "+3 more confirming reports", "first_at": "2025-03-12T08:00:00+00:00",
        "last_at": "2025-03-14T08:00:00+00:00", "alert_ids": " ".join(map(str, ids["repeats"]))}]
    csv_lines = monitor(config, "status", "--changes", "--format", "csv").output.splitlines()
    assert csv_lines[0] == ("type,at,claim_id,old_status,new_status,cause,alert_ids,verdict,count,description,"
                            "first_at,last_at")
    assert csv_lines[-1].startswith("repeats,,ceasefire-30-day,,,,")
    one = monitor(config, "status", "call-lasted-90-minutes", "--changes", "--format", "json")
    assert [t["new_status"] for t in json.loads(one.output)["transitions"]] == ["confirmed", "disputed"]
    nothing = monitor(config, "status", "--changes", "--since", "2030-01-01")
    assert (nothing.exit_code, nothing.output) == (0, "No status changes since 2030-01-01T00:00:00+00:00.\n")


def test_status_changes_usage_mistakes(site):
    config, _ = site
    alone = monitor(config, "status", "--since", "2025-02-15")
    assert alone.exit_code == 2 and "--since goes with --changes" in alone.output
    assert monitor(config, "status", "--changes", "--since", "when pigs fly").exit_code == 2
    unknown = monitor(config, "status", "no-such-claim", "--changes")
    assert unknown.exit_code == 1 and "no claim 'no-such-claim'" in unknown.output
