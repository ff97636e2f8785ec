"""Claim status is derived from alerts on read (SQL views), with a timeline of its changes."""
import sqlite3

import pytest

from alert_rows import add_alert, add_article, add_claim, add_resolution
from monitor.status.alerts import claim_status, claim_statuses, claim_timeline, review_alert
from monitor.errors import StoreError
from monitor.store import StatusSettings, Store


pytestmark = pytest.mark.min_sources(1)  # one alert settles a claim here; see test_sources.py


def articles(store, n):
    return [add_article(store, f"https://news.example/{i}", title=f"Article {i}") for i in range(n)]


def status_of(store, claim_id):
    return claim_status(store, claim_id).status


def test_a_claim_without_alerts_or_with_only_discussion_is_open(store):
    (a,) = articles(store, 1)
    add_claim(store, "quiet")
    add_claim(store, "talked-about")
    add_alert(store, "talked-about", a, "discusses")
    quiet, talked = claim_statuses(store)  # by claim id
    assert (quiet.claim_id, quiet.status, quiet.alerts, quiet.last_alert_at) == ("quiet", "open", 0, None)
    assert (talked.status, talked.discusses, talked.alerts, talked.status_since) == ("open", 1, 1, None)


def test_confirmed_contradicted_and_disputed(store):
    a, b, c, d = articles(store, 4)
    for claim in ("c-conf", "c-contra", "c-disp"):
        add_claim(store, claim)
    add_alert(store, "c-conf", a, "confirms")
    add_alert(store, "c-conf", b, "confirms")
    add_alert(store, "c-contra", a, "contradicts", detected_at="2025-02-16T09:00:00+00:00")
    add_alert(store, "c-disp", c, "confirms", detected_at="2025-02-15T08:00:00+00:00")
    add_alert(store, "c-disp", d, "contradicts", detected_at="2025-02-17T08:00:00+00:00")
    got = {s.claim_id: (s.status, s.confirms, s.contradicts, s.status_since) for s in claim_statuses(store)}
    assert got == {
        "c-conf": ("confirmed", 2, 0, "2025-02-15T10:00:00+00:00"),
        "c-contra": ("contradicted", 0, 1, "2025-02-16T09:00:00+00:00"),
        "c-disp": ("disputed", 1, 1, "2025-02-17T08:00:00+00:00"),
    }


def test_low_confidence_alerts_do_not_count_and_the_threshold_is_read_from_the_database(store):
    a, b = articles(store, 2)
    add_claim(store, "weak")
    add_alert(store, "weak", a, "confirms", confidence=0.55)
    add_alert(store, "weak", b, "contradicts", confidence=0.95)
    assert (status_of(store, "weak"), claim_status(store, "weak").confirms) == ("contradicted", 0)
    store.use_settings(StatusSettings(0.5))
    assert status_of(store, "weak") == "disputed"


def test_marking_an_alert_wrong_flips_the_status_back_and_keeps_the_alert(store):
    a, b = articles(store, 2)
    add_claim(store, "flip")
    add_alert(store, "flip", a, "confirms")
    wrong = add_alert(store, "flip", b, "contradicts", detected_at="2025-02-18T00:00:00+00:00")
    assert status_of(store, "flip") == "disputed"
    alert = review_alert(store, wrong, "wrong", "the article is about another summit")
    assert (alert.review, alert.review_note) == ("wrong", "the article is about another summit")
    assert alert.reviewed_at is not None
    after = claim_status(store, "flip")
    assert (after.status, after.contradicts, after.alerts) == ("confirmed", 0, 2)
    assert store.db["alerts"].count == 2
    review_alert(store, wrong, None)  # clearing the review makes it count again
    assert status_of(store, "flip") == "disputed"
    review_alert(store, wrong, "right")
    assert status_of(store, "flip") == "disputed"


def test_a_resolution_resolves_the_claim_with_outcome_and_brier(store):
    (a,) = articles(store, 1)
    add_claim(store, "summit-odds", kind="forecast", probability=0.2)
    alert = add_alert(store, "summit-odds", a, "contradicts")
    add_resolution(store, "summit-odds", "did-not-happen", "2025-03-20", brier=0.04, alert_id=alert)
    status = claim_status(store, "summit-odds")
    assert (status.status, status.outcome, status.brier, status.resolved_on, status.status_since) == (
        "resolved", "did-not-happen", 0.04, "2025-03-20", "2025-03-20")
    assert status.contradicts == 1  # the evidence is still counted and shown


def test_the_latest_resolution_wins_and_one_read_from_a_wrong_alert_does_not_count(store):
    a, b = articles(store, 2)
    add_claim(store, "meeting", kind="event")
    auto = add_alert(store, "meeting", a, "confirms")
    add_resolution(store, "meeting", "happened", "2025-02-20", brier=0.0, alert_id=auto,
                   recorded_at="2025-02-20T12:00:00+00:00")
    add_resolution(store, "meeting", "did-not-happen", "2025-02-28", brier=1.0, method="manual",
                   recorded_at="2025-03-02T12:00:00+00:00")
    assert claim_status(store, "meeting").outcome == "did-not-happen"
    add_claim(store, "visit", kind="event")
    bad = add_alert(store, "visit", b, "confirms")
    add_resolution(store, "visit", "happened", "2025-02-21", brier=0.25, alert_id=bad)
    assert status_of(store, "visit") == "resolved"
    review_alert(store, bad, "wrong")
    assert (status_of(store, "visit"), claim_status(store, "visit").outcome) == ("open", None)


def test_timeline_gives_the_status_after_each_alert_in_detection_order(store):
    arts = articles(store, 5)
    add_claim(store, "aid", kind="forecast", probability=0.5)
    # Inserted out of order, with different UTC offsets: the timeline follows the instants.
    late = add_alert(store, "aid", arts[0], "contradicts", detected_at="2025-02-20T10:00:00+00:00")
    add_alert(store, "aid", arts[1], "discusses", detected_at="2025-02-15T09:00:00+01:00")
    add_alert(store, "aid", arts[2], "confirms", detected_at="2025-02-16T10:00:00+00:00")
    add_alert(store, "aid", arts[3], "contradicts", confidence=0.3, detected_at="2025-02-18T10:00:00+00:00")
    add_resolution(store, "aid", "happened", "2025-03-01", brier=0.25)
    steps = claim_timeline(store, "aid")
    assert [(s.verdict, s.counted, s.status, s.changed) for s in steps] == [
        ("discusses", True, "open", False),
        ("confirms", True, "confirmed", True),
        ("contradicts", False, "confirmed", False),
        ("contradicts", True, "disputed", True),
        (None, True, "resolved", True),
    ]
    assert steps[0].at == "2025-02-15T09:00:00+01:00" and steps[1].article_title == "Article 2"
    assert (steps[-1].outcome, steps[-1].brier, steps[-1].previous_status) == ("happened", 0.25, "disputed")
    review_alert(store, late, "wrong")
    assert [s.status for s in claim_timeline(store, "aid")] == ["open", "confirmed", "confirmed", "confirmed",
                                                                "resolved"]


def test_unknown_claim_is_a_clear_error(store):
    with pytest.raises(StoreError, match="no claim 'nope'.*monitor status"):
        claim_timeline(store, "nope")
    with pytest.raises(StoreError, match="no alert 99"):
        review_alert(store, 99, "wrong")


def test_the_views_are_queryable_by_hand_with_plain_sqlite3(tmp_path):
    path = tmp_path / "monitor.db"
    with Store(path) as store:
        store.set_min_independent_sources(1)  # one alert settles a claim here; see test_sources.py
        (a,) = articles(store, 1)
        add_claim(store, "by-hand")
        add_alert(store, "by-hand", a, "contradicts")
    conn = sqlite3.connect(path)
    row = conn.execute("select claim_id, status, confirms, contradicts, discusses, last_alert_at, outcome, brier"
                       " from claim_status").fetchone()
    assert row == ("by-hand", "contradicted", 0, 1, 0, "2025-02-15T10:00:00+00:00", None, None)
    assert conn.execute("select status from claim_timeline where claim_id = 'by-hand'").fetchall() == [
        ("contradicted",)]
    # nothing stores a status: the tables have no such column
    assert "status" not in {r[1] for r in conn.execute("pragma table_info(claims)")}
    assert "status" not in {r[1] for r in conn.execute("pragma table_info(alerts)")}
