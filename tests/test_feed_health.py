"""Feed health: failing after N polls in a row, silent past its rhythm, recovered by itself;
through a real feed server on loopback, `monitor feeds` and the digest's Feed health block."""
from __future__ import annotations

import json
import socket
from datetime import datetime, timedelta, timezone

from click.testing import CliRunner
from werkzeug import Request, Response

from monitor.cli import cli
from monitor.config import parse_config
from monitor.status.digest import build_digest, compose_digest
from monitor.run.poll import poll_feed
from monitor.ingest.fetch import Fetcher
from monitor.status.health import FeedHealth, feed_health, load_feed_health, silence_limit
from monitor.store import Store

from feedkit import rss

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


def entry(guid: str, title: str, date: str) -> dict[str, str]:
    return {"guid": guid, "title": title, "link": f"http://127.0.0.1/{guid}", "pubDate": date}


def health_settings(failing_after: int = 3) -> str:
    """The TOML these tests add to ``make_config``: when a feed is failing, and a digest recipient."""
    return f'[polling]\nfailing_after = {failing_after}\n[email]\nrecipients = ["a@example.org"]\n'


def by_name(found: list[FeedHealth]) -> dict[str, FeedHealth]:
    return {h.name: h for h in found}


def test_silence_limit_is_three_median_gaps_but_at_least_two_days():
    daily = [(T0 - timedelta(days=d)).isoformat() for d in range(10)]
    assert silence_limit(daily) == timedelta(days=3)
    hourly = [(T0 - timedelta(hours=h)).isoformat() for h in range(10)]
    assert silence_limit(hourly) == timedelta(days=2)
    assert silence_limit([]) == timedelta(days=2)
    weekly = [(T0 - timedelta(weeks=w)).isoformat() for w in (0, 1, 2, 5)]  # gaps 1, 1, 3 weeks
    assert silence_limit(weekly) == timedelta(weeks=3)


def test_a_feed_failing_n_times_then_recovering_is_failing_then_recovered(server, tmp_path, make_config):
    state = {"up": False}

    def feed(request: Request) -> Response:
        if not state["up"]:
            return Response("overloaded", status=503)
        return Response(rss([entry("a", "A", "Mon, 02 Mar 2026 10:00:00 GMT")]), content_type="application/rss+xml")

    server.expect_request("/feed.xml").respond_with_handler(feed)
    config = make_config({"flaky": server.url_for("/feed.xml")}, extra=health_settings())
    with Store(config.database_path) as store, Fetcher(config.fetch) as fetcher:
        store.sync_feeds(config.feeds)
        for n in range(1, 4):
            poll_feed(store, fetcher, store.feeds()[0], config.polling, now=T0 + timedelta(hours=n))
            health = load_feed_health(config, store, now=T0 + timedelta(hours=n, minutes=1))[0]
            assert health.health == ("failing" if n >= 3 else "ok"), n
        assert health.since == (T0 + timedelta(hours=1)).isoformat(timespec="seconds")
        assert "HTTP 503" in health.last_error and health.last_success is None
        assert health.detail == "3 failed polls in a row"

        state["up"] = True
        recovered_at = T0 + timedelta(hours=4)
        poll_feed(store, fetcher, store.feeds()[0], config.polling, now=recovered_at)
        health = load_feed_health(config, store, now=recovered_at + timedelta(minutes=1))[0]
        assert (health.health, health.since, health.last_error) == (
            "recovered", recovered_at.isoformat(timespec="seconds"), None)
        assert health.last_success == recovered_at.isoformat(timespec="seconds")
        # Still shown a day later while no digest has gone out since; gone once one has, after a day.
        assert load_feed_health(config, store, now=recovered_at + timedelta(days=2))[0].health == "recovered"
        store.db.execute("insert into digests (created_at, status, sent_at) values (?, 'sent', ?)",
                         [(recovered_at + timedelta(hours=5)).isoformat(), (recovered_at + timedelta(hours=5)).isoformat()])
        assert load_feed_health(config, store, now=recovered_at + timedelta(hours=6))[0].health == "recovered"
        assert load_feed_health(config, store, now=recovered_at + timedelta(days=2))[0].health == "ok"


def test_fewer_failures_than_failing_after_are_not_news(server, tmp_path, make_config):
    server.expect_request("/down.xml").respond_with_data("no", status=500)
    config = make_config({"once": server.url_for("/down.xml")}, extra=health_settings(2))
    with Store(config.database_path) as store, Fetcher(config.fetch) as fetcher:
        store.sync_feeds(config.feeds)
        poll_feed(store, fetcher, store.feeds()[0], config.polling, now=T0)
        health = load_feed_health(config, store, now=T0)[0]
        assert (health.health, health.detail) == ("ok", "1 failed poll in a row")
        assert "HTTP 500" in health.last_error


def test_a_feed_listing_nothing_new_past_its_rhythm_is_silent(server, tmp_path, make_config):
    # Entries a day apart: its rhythm allows 3 days of quiet.
    items = [(f"e{d}", f"E{d}", (T0 - timedelta(days=d)).strftime("%a, %d %b %Y %H:%M:%S GMT")) for d in range(5)]
    server.expect_request("/daily.xml").respond_with_data(rss([entry(*item) for item in items]), content_type="application/rss+xml")
    server.expect_request("/empty.xml").respond_with_data(rss([]), content_type="application/rss+xml")
    config = make_config({"daily": server.url_for("/daily.xml"), "empty": server.url_for("/empty.xml")}, extra=health_settings())
    with Store(config.database_path) as store, Fetcher(config.fetch) as fetcher:
        store.sync_feeds(config.feeds)
        for feed in store.feeds():
            poll_feed(store, fetcher, feed, config.polling, now=T0)
        first_seen = store.entries()[0]["first_seen_at"]
        seen = datetime.fromisoformat(first_seen)
        # Polled fine, same entries, nothing new: quiet for 2 days is within the rhythm (an hour
        # short of it: the empty feed's 2-day floor counts from when it was added, a moment
        # before the entries were first seen, and a poll may straddle a second)...
        found = by_name(load_feed_health(config, store, now=seen + timedelta(days=2) - timedelta(hours=1)))
        assert found["daily"].health == "ok" and found["empty"].health == "ok"
        # ... and past 3 days it is silent, since its last new entry.
        found = by_name(load_feed_health(config, store, now=seen + timedelta(days=3, hours=1)))
        assert found["daily"].health == "silent" and found["daily"].since == first_seen
        assert "its usual rhythm allows 3.0 days" in found["daily"].detail
        # A feed that never listed anything gets the 2-day floor, counted from when it was added.
        assert found["empty"].health == "silent" and "no entry at all" in found["empty"].detail


def test_feed_health_is_pure_and_worst_first():
    rows = [
        {"id": 1, "name": "b-ok", "url": "http://b/", "consecutive_failures": 0, "last_success_at": T0.isoformat(),
         "last_entry_at": T0.isoformat(), "created_at": T0.isoformat()},
        {"id": 2, "name": "a-failing", "url": "http://a/", "consecutive_failures": 5, "failing_since": "x",
         "last_error": "HTTP 500", "last_success_at": None, "created_at": T0.isoformat()},
    ]
    found = feed_health(rows, {}, now=T0 + timedelta(hours=1), failing_after=3)
    assert [(h.name, h.health) for h in found] == [("a-failing", "failing"), ("b-ok", "ok")]


def test_monitor_feeds_lists_health_as_table_and_json(server, tmp_path, make_config):
    server.expect_request("/bad.xml").respond_with_data("<html>not a feed</html>", content_type="text/xml")
    server.expect_request("/good.xml").respond_with_data(rss([entry("g", "G", "Mon, 02 Mar 2026 10:00:00 GMT")]),
                                                        content_type="application/rss+xml")
    config = make_config({"bad": server.url_for("/bad.xml"), "good": server.url_for("/good.xml")}, extra=health_settings(1))
    with Store(config.database_path) as store, Fetcher(config.fetch) as fetcher:
        store.sync_feeds(config.feeds)
        for feed in store.feeds():
            poll_feed(store, fetcher, feed, config.polling)
    runner = CliRunner()
    result = runner.invoke(cli, ["-c", str(config.path), "feeds", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["name"], r["health"]) for r in rows] == [("bad", "failing"), ("good", "ok")]
    assert list(rows[0]) == ["name", "url", "health", "last_error", "since", "last_success", "detail"]
    assert "not an RSS or Atom feed" in rows[0]["last_error"] and rows[0]["last_success"] is None
    assert rows[1]["last_success"] is not None and rows[1]["url"] == server.url_for("/good.xml")
    table = runner.invoke(cli, ["-c", str(config.path), "feeds"])
    assert table.exit_code == 0
    lines = table.output.splitlines()
    assert lines[0].split() == ["name", "url", "health", "last_error", "since", "last_success", "detail"]
    assert lines[2].startswith("bad ") and " failing " in lines[2] and lines[3].startswith("good ")


def test_the_digest_lists_unhealthy_feeds_escaped(tmp_path):
    bad = FeedHealth(name="<b>Wire</b>", url="http://wire.example/feed", health="failing",
                     last_error="HTTP 503 <script>", since="2026-03-02T12:00:00+00:00", detail="3 failed polls in a row")
    fine = FeedHealth(name="Fine", url="http://fine.example/feed", health="ok")
    message = compose_digest([], {}, T0, feed_health=[bad, fine])
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "== Feed health" in text and " * <b>Wire</b>: FAILING since 2026-03-02T12:00:00+00:00" in text
    assert "last error: HTTP 503 <script>" in text and "Fine" not in text
    assert "&lt;b&gt;Wire&lt;/b&gt;" in html and "HTTP 503 &lt;script&gt;" in html and "<script>" not in html
    assert "Feed health" not in compose_digest([], {}, T0, feed_health=[fine]).get_body(("plain",)).get_content()


def test_build_digest_reads_feed_health_from_the_store(server, tmp_path, make_config):
    server.expect_request("/down.xml").respond_with_data("gone", status=500)
    config = make_config({"down": server.url_for("/down.xml")}, extra=health_settings(1))
    with Store(config.database_path) as store, Fetcher(config.fetch) as fetcher:
        store.sync_feeds(config.feeds)
        poll_feed(store, fetcher, store.feeds()[0], config.polling)
        message, alert_ids = build_digest(config, store)
    assert alert_ids == ()
    assert " * down: FAILING since" in message.get_body(("plain",)).get_content()


def test_a_day_without_alerts_but_with_a_failing_feed_still_mails_the_digest(server, tmp_path, make_config):
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message as MessageHandler

    received = []

    class Keep(MessageHandler):
        def handle_message(self, message):
            received.append(message)

    with socket.socket() as probe:  # a free loopback port (port=0 would leave Controller.port at 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    smtp = Controller(Keep(), hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        server.expect_request("/down.xml").respond_with_data("gone", status=500)
        config = make_config({"down": server.url_for("/down.xml")}, extra=health_settings(1))
        text = config.path.read_text().replace(
            '[email]\n', f'[email]\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp.port}\nsecurity = "none"\n')
        config.path.write_text(text)
        config = parse_config(text, config.path)
        from monitor.status.digest import deliver_digest

        with Store(config.database_path) as store, Fetcher(config.fetch) as fetcher:
            store.sync_feeds(config.feeds)
            assert deliver_digest(config, store, environ={}).status == "empty"  # all healthy: nothing sent
            poll_feed(store, fetcher, store.feeds()[0], config.polling)
            result = deliver_digest(config, store, environ={})
        assert result.status == "sent" and len(received) == 1
        assert received[0]["Subject"].endswith("nothing new; 1 feed failing or silent")
    finally:
        smtp.stop()
