"""Feeds: parsing RSS/Atom fixtures, and polling one feed against a real server on loopback —
conditional GET, ETag changes, malformed feeds, failures with exponential backoff, redirects."""
from __future__ import annotations

import socket
import time
from datetime import datetime, timedelta, timezone
from ipaddress import ip_network
from pathlib import Path
from typing import Callable, Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from monitor.config import FeedConfig, FetchSettings, PollingSettings
from monitor.errors import FeedError
from monitor.ingest.feeds import next_poll_delay, parse_feed
from monitor.run.poll import poll_feed
from monitor.ingest.fetch import Fetcher
from monitor.store import Store

from feedkit import rss

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"
FEED_URL = "https://news.example.com/world/rss.xml"
T0 = datetime(2025, 2, 15, 12, 0, tzinfo=timezone.utc)


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


# -- parsing --------------------------------------------------------------------------------

def test_rss20_entries_titles_dates_summaries_and_ttl():
    feed = parse_feed(fixture("rss20.xml"), FEED_URL)
    assert feed.version == "rss20" and feed.title == "World News - Example Wire"
    assert feed.problem is None and feed.ttl_minutes == 15
    first, second, relative, bare = feed.entries
    assert first.guid == "https://news.example.com/world/europe-12345678#0"
    assert first.url == "https://news.example.com/world/europe-12345678?at_medium=RSS&at_campaign=rss"
    assert first.published_at == "2025-02-13T08:41:22+00:00"
    assert first.summary == ("The call was the first publicly confirmed conversation between the two "
                             "leaders & their aides since January.")
    # A relative link is resolved against the feed URL; the guid falls back to the link.
    assert second.url == "https://news.example.com/world/europe-12345679"
    assert second.published_at == "2025-02-12T16:05:00+00:00"  # +0100 converted to UTC
    assert relative.url == relative.guid == "https://news.example.com/world/stories/3.html"
    # Neither link nor guid: the guid is a stable hash of the title.
    assert bare.url is None and bare.guid.startswith("sha256:")
    assert parse_feed(fixture("rss20.xml"), FEED_URL).entries[3].guid == bare.guid


def test_atom_uses_published_date_and_resolves_relative_links():
    feed = parse_feed(fixture("atom.xml"), "https://gazette.example.org/world/ukraine/atom")
    assert feed.version == "atom10" and feed.title == "Example Gazette: Ukraine"
    bessent, kellogg = feed.entries
    assert bessent.url == "https://gazette.example.org/world/2025/feb/12/bessent-kyiv-minerals"
    assert bessent.title == "Bessent in Kyiv to discuss minerals deal"  # HTML title reduced to text
    assert bessent.published_at == "2025-02-12T12:30:00+00:00"
    assert kellogg.published_at == "2025-02-14T09:00:00+00:00"  # only <updated>
    assert kellogg.summary == "Envoy Keith Kellogg is slated to travel to Ukraine."


@pytest.mark.parametrize("name, version, title", [
    ("rss10.rdf", "rss10", "Peskov: first call took place on 12 February (café diplomacy)"),
    ("rss091.xml", "rss091n", "Summit odds put at 20 percent"),
])
def test_older_rss_versions(name, version, title):
    feed = parse_feed(fixture(name), "https://agency.example.net/rss")
    assert feed.version == version
    assert [e.title for e in feed.entries] == [title]
    assert (feed.entries[0].url or "").startswith("http")


def test_malformed_feed_keeps_parsable_entries_and_records_the_problem():
    feed = parse_feed(fixture("malformed.xml"), "https://sloppy.example.com/rss")
    assert [e.guid for e in feed.entries] == ["sloppy-1", "sloppy-2", "sloppy-3"]
    assert feed.entries[2].title == "Europe & the $200bn question"
    assert feed.problem is not None and "not well-formed" in feed.problem


@pytest.mark.parametrize("content", [fixture("not_a_feed.html"), b"", b"\x00\x01garbage", b'{"items": []}'])
def test_something_that_is_not_a_feed_is_a_feed_error(content):
    with pytest.raises(FeedError, match="not an RSS or Atom feed.*check the feed address"):
        parse_feed(content, FEED_URL)


def test_links_that_are_not_http_are_not_article_urls():
    feed = parse_feed(b'<rss version="2.0"><channel><title>T</title>'
                      b'<item><title>JS</title><link>javascript:alert(1)</link><guid>js-1</guid></item>'
                      b'<item><title>Mail</title><link>mailto:desk@example.com</link></item>'
                      b'</channel></rss>', FEED_URL)
    assert [(e.guid, e.url) for e in feed.entries] == [("js-1", None), ("mailto:desk@example.com", None)]


def test_a_valid_feed_without_items_is_not_an_error():
    feed = parse_feed(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>', FEED_URL)
    assert feed.entries == () and feed.problem is None


# -- timing ---------------------------------------------------------------------------------

def test_backoff_doubles_with_jitter_and_stops_at_the_cap():
    polling = PollingSettings(default_interval_minutes=30, max_backoff_minutes=300)
    no_jitter, full_jitter = (lambda: 0.0), (lambda: 1.0)
    assert next_poll_delay(30, polling) == timedelta(minutes=30)
    assert next_poll_delay(30, polling, failures=1, rng=no_jitter) == timedelta(minutes=60)
    assert next_poll_delay(30, polling, failures=2, rng=no_jitter) == timedelta(minutes=120)
    assert next_poll_delay(30, polling, failures=2, rng=full_jitter) == timedelta(minutes=132)
    assert next_poll_delay(30, polling, failures=4, rng=no_jitter) == timedelta(minutes=300)
    assert next_poll_delay(30, polling, failures=500) == timedelta(minutes=300)


def test_ttl_and_retry_after_lengthen_the_wait_within_the_cap():
    polling = PollingSettings(max_backoff_minutes=120)
    assert next_poll_delay(10, polling, ttl_minutes=15) == timedelta(minutes=15)
    assert next_poll_delay(30, polling, ttl_minutes=15) == timedelta(minutes=30)
    assert next_poll_delay(10, polling, retry_after=3600) == timedelta(minutes=60)
    assert next_poll_delay(10, polling, retry_after=86400) == timedelta(minutes=120)


# -- polling against a real server -----------------------------------------------------------



@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    settings = FetchSettings(timeout=0.3, allow_private_addresses=(ip_network("127.0.0.0/8"),))
    with Fetcher(settings) as f:
        yield f


def serve(server: HTTPServer, path: str, handler: Callable[[Request], Response]) -> str:
    server.expect_request(path).respond_with_handler(handler)
    return server.url_for(path)


def add_feed(store: Store, url: str, interval: float = 30, name: str = "test") -> dict:
    store.sync_feeds([FeedConfig(name, url, interval)])
    (feed,) = [f for f in store.feeds() if f["config_url"] == url]
    return feed


def requests_to(server: HTTPServer, path: str) -> list[Request]:
    return [request for request, _ in server.log if request.path == path]


def test_second_poll_sends_validators_and_a_304_costs_no_parse(server, fetcher, store):
    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(rss([{"title": "One", "link": "/a/1"}, {"title": "Two", "link": "/a/2"}]), content_type="application/rss+xml",
                        headers={"ETag": '"v1"', "Last-Modified": "Sat, 15 Feb 2025 10:00:00 GMT"})
    url = serve(server, "/feed.xml", handler)
    feed = add_feed(store, url)

    first = poll_feed(store, fetcher, feed, now=T0)
    assert (first.status, first.entries_seen, first.entries_new) == ("ok", 2, 2)
    assert [e["canonical_url"] for e in store.entries(feed["id"])] == [server.url_for("/a/1"), server.url_for("/a/2")]
    stored = store.feed(feed["id"])
    assert stored["etag"] == '"v1"' and stored["last_modified"] == "Sat, 15 Feb 2025 10:00:00 GMT"

    second = poll_feed(store, fetcher, store.feed(feed["id"]), now=T0 + timedelta(hours=1))
    assert second.status == "not_modified" and second.http_status == 304
    assert second.entries_seen == 0 and second.new_entries == []
    last = requests_to(server, "/feed.xml")[-1]
    assert last.headers["If-None-Match"] == '"v1"'
    assert last.headers["If-Modified-Since"] == "Sat, 15 Feb 2025 10:00:00 GMT"
    stored = store.feed(feed["id"])
    assert stored["etag"] == '"v1"' and stored["last_status"] == 304
    assert stored["next_poll_at"] == (T0 + timedelta(hours=1, minutes=30)).isoformat()
    assert len(store.entries(feed["id"])) == 2


def test_changed_etag_brings_the_new_entries(server, fetcher, store):
    etag = ['"v1"']
    items = [("One", "/a/1")]

    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == etag[0]:
            return Response(status=304)
        return Response(rss([{"title": t, "link": link} for t, link in items]), content_type="application/rss+xml", headers={"ETag": etag[0]})
    feed = add_feed(store, serve(server, "/feed.xml", handler))
    assert poll_feed(store, fetcher, feed, now=T0).entries_new == 1
    etag[0] = '"v2"'
    items.insert(0, ("Two", "/a/2"))
    result = poll_feed(store, fetcher, store.feed(feed["id"]), now=T0 + timedelta(hours=1))
    assert result.status == "ok" and result.entries_seen == 2
    assert [e.title for e in result.new_entries] == ["Two"]
    assert store.feed(feed["id"])["etag"] == '"v2"'
    assert [e["url"] for e in store.entries(feed["id"])] == [server.url_for("/a/1"), server.url_for("/a/2")]


def test_malformed_feed_records_its_entries_and_the_problem(server, fetcher, store):
    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"m1"':
            return Response(status=304)
        return Response(fixture("malformed.xml"), content_type="text/xml", headers={"ETag": '"m1"'})
    feed = add_feed(store, serve(server, "/sloppy.xml", handler))
    result = poll_feed(store, fetcher, feed, now=T0)
    assert result.status == "ok" and result.entries_new == 3 and "not well-formed" in (result.problem or "")
    stored = store.feed(feed["id"])
    assert stored["consecutive_failures"] == 0 and stored["last_error"] is None
    assert "not well-formed" in (stored["last_problem"] or "")
    # Not modified since: the problem is still there.
    assert poll_feed(store, fetcher, stored, now=T0 + timedelta(hours=1)).status == "not_modified"
    assert store.feed(feed["id"])["last_problem"] == stored["last_problem"]


def slowly(response: Response, seconds: float = 1.0) -> Callable[[Request], Response]:
    """A handler that answers later than the fetcher's timeout."""
    def handler(request: Request) -> Response:
        time.sleep(seconds)
        return response
    return handler


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.xml"


@pytest.mark.parametrize("kind", ["404", "500", "timeout", "refused", "html page"])
def test_failures_are_recorded_and_backoff_grows(server, fetcher, store, kind):
    if kind == "refused":
        url = closed_port_url()
    elif kind == "timeout":
        url = serve(server, "/slow.xml", slowly(Response(rss([]), content_type="text/xml")))
    elif kind == "html page":
        url = serve(server, "/home", lambda r: Response(fixture("not_a_feed.html"), content_type="text/html"))
    else:
        url = serve(server, "/broken.xml", lambda r: Response("nope", status=int(kind)))
    polling = PollingSettings(max_backoff_minutes=1440)
    feed = add_feed(store, url, interval=10)
    delays = []
    now = T0
    for attempt in (1, 2, 3):
        result = poll_feed(store, fetcher, store.feed(feed["id"]), polling, now=now)
        assert result.status == "failed"
        stored = store.feed(feed["id"])
        assert stored["consecutive_failures"] == attempt
        assert stored["last_error"] == result.error
        delays.append(datetime.fromisoformat(stored["next_poll_at"]) - now)
        now += timedelta(days=1)
    # interval × 2^failures, plus at most 10 % jitter
    for failures, delay in zip((1, 2, 3), delays):
        assert timedelta(minutes=10 * 2 ** failures) <= delay <= timedelta(minutes=11 * 2 ** failures)
    expected = {"404": "HTTP 404", "500": "HTTP 500", "timeout": "timed out", "refused": "cannot connect",
                "html page": "not an RSS or Atom feed"}[kind]
    assert expected in stored["last_error"]
    assert stored["last_status"] == {"404": 404, "500": 500, "html page": 200}.get(kind)


def test_success_after_failures_resets_the_count(server, fetcher, store):
    state = {"status": 503}
    url = serve(server, "/feed.xml", lambda r: Response(rss([{"title": "One", "link": "/a/1"}]), status=state["status"],
                                                        content_type="application/rss+xml",
                                                        headers={"Retry-After": "7200"}))
    feed = add_feed(store, url, interval=10)
    failed = poll_feed(store, fetcher, feed, now=T0)
    assert failed.status == "failed" and "HTTP 503" in (failed.error or "")
    # Retry-After (two hours) asks for longer than the backoff (20 minutes): it wins.
    assert store.feed(feed["id"])["next_poll_at"] == (T0 + timedelta(hours=2)).isoformat()
    state["status"] = 200
    ok = poll_feed(store, fetcher, store.feed(feed["id"]), now=T0 + timedelta(hours=3))
    stored = store.feed(feed["id"])
    assert ok.status == "ok" and stored["consecutive_failures"] == 0 and stored["last_error"] is None
    assert stored["last_success_at"] == (T0 + timedelta(hours=3)).isoformat()


def test_permanent_redirect_updates_the_stored_url_but_not_the_key(server, fetcher, store):
    new_url = serve(server, "/new.xml", lambda r: Response(rss([{"title": "One", "link": "/a/1"}]), content_type="text/xml"))
    old_url = serve(server, "/old.xml", lambda r: Response(status=301, headers={"Location": "/new.xml"}))
    feed = add_feed(store, old_url)
    result = poll_feed(store, fetcher, feed, now=T0)
    assert result.status == "ok" and result.url == new_url and result.moved_from == old_url
    stored = store.feed(feed["id"])
    assert stored["url"] == new_url and stored["config_url"] == old_url
    poll_feed(store, fetcher, stored, now=T0 + timedelta(hours=1))
    assert len(requests_to(server, "/old.xml")) == 1 and len(requests_to(server, "/new.xml")) == 2
    # The config still names the old URL; syncing it again must not forget the move.
    store.sync_feeds([FeedConfig("test", old_url, 30)])
    assert store.feed(feed["id"])["url"] == new_url


def test_temporary_redirect_keeps_the_stored_url(server, fetcher, store):
    serve(server, "/new.xml", lambda r: Response(rss([{"title": "One", "link": "/a/1"}]), content_type="text/xml"))
    old_url = serve(server, "/old.xml", lambda r: Response(status=302, headers={"Location": "/new.xml"}))
    feed = add_feed(store, old_url)
    assert poll_feed(store, fetcher, feed, now=T0).status == "ok"
    assert store.feed(feed["id"])["url"] == old_url


# -- the store's view of feeds ----------------------------------------------------------------

def test_sync_feeds_upserts_and_marks_removed_feeds_not_configured(store):
    store.sync_feeds([FeedConfig("a", "https://a.example/rss", 30), FeedConfig("b", "https://b.example/rss", 10)])
    store.sync_feeds([FeedConfig("A", "https://a.example/rss", 60)])
    a, b = store.feeds()
    assert (a["name"], a["interval_minutes"], a["configured"]) == ("A", 60, 1)
    assert b["configured"] == 0
    assert [f["name"] for f in store.due_feeds()] == ["A"]
    store.sync_feeds([FeedConfig("b", "https://b.example/rss", 10)])
    assert [f["name"] for f in store.feeds(configured_only=True)] == ["b"]


def test_due_feeds_follow_next_poll_at_unless_forced(store):
    store.sync_feeds([FeedConfig("a", "https://a.example/rss", 30), FeedConfig("b", "https://b.example/rss", 30)])
    a, b = store.feeds()
    store.record_feed_success(a["id"], polled_at=T0.isoformat(), status=200, etag=None, last_modified=None,
                              next_poll_at=(T0 + timedelta(minutes=30)).isoformat())
    assert [f["name"] for f in store.due_feeds(T0.isoformat())] == ["b"]
    assert [f["name"] for f in store.due_feeds((T0 + timedelta(minutes=30)).isoformat())] == ["b", "a"]
    assert len(store.due_feeds(T0.isoformat(), force=True)) == 2
