"""The poll cycle end to end against a real server on loopback: feeds → entries → pages →
articles; duplicates across feeds, failures that are recorded and retried, idempotent reruns."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from monitor.judge.claims import load_claims
from monitor.locking import LockHeld, ProcessLock
from monitor.ingest.sources import probe_phrases
from monitor.run.pipeline import MAX_ATTEMPTS, CycleSummary, poll_lock_path, run_cycle
from monitor.judge.verdicts import Judge

from feedkit import rss

REPO = Path(__file__).resolve().parents[1]
DEMO_ARTICLES = REPO / "monitor" / "demo_archive" / "articles"

STORIES = {
    "call": ("Kremlin says Putin and Trump spoke for close to 90 minutes", [
        "The Russian and US presidents spoke by telephone for close to an hour and a half on Wednesday, "
        "Kremlin spokesman Dmitry Peskov told reporters in Moscow, describing the call as constructive.",
        "Peskov said the two leaders agreed to keep in contact and discussed a possible meeting, although no "
        "date or venue had been set. He declined to say whether Ukraine had been informed in advance.",
        "Officials in Kyiv said they had not been consulted before the conversation took place and would "
        "seek clarification from Washington about what had been agreed between the two presidents.",
    ]),
    "borders": ("Hegseth rules out return to Ukraine's pre-2014 borders", [
        "US Defence Secretary Pete Hegseth told allies in Brussels that returning Ukraine to its borders of "
        "before 2014 was an unrealistic objective that would only prolong the war and cause more suffering.",
        "He also said that Nato membership for Ukraine was not a realistic outcome of a negotiated settlement, "
        "a position that drew criticism from several European ministers attending the meeting.",
    ]),
    "minerals": ("Bessent in Kyiv to explore minerals deal", [
        "Treasury Secretary Scott Bessent arrived in Kyiv on Wednesday to discuss an agreement under which "
        "the United States would gain access to Ukrainian rare earth minerals in return for continued support.",
        "Ukrainian officials said the talks were at an early stage and that any deal would need the approval "
        "of parliament, adding that security guarantees remained the main concern for President Zelensky.",
    ]),
    "exchange": ("Leaders discussed a potential prisoner exchange", [
        "Both sides confirmed that a potential exchange of prisoners was among the subjects raised during the "
        "conversation, with officials saying lists of names were being prepared by the relevant agencies.",
        "A spokesperson said humanitarian questions would be handled separately from the wider negotiations, "
        "which are expected to continue at the level of advisers in the coming weeks.",
    ]),
}


def page(key: str, template: str = "wire", canonical: str | None = None, added: tuple[str, ...] = ()) -> bytes:
    """An article page: the same story can be wrapped in two sites' different boilerplate, and
    a site can add paragraphs of its own inside the article (``added``)."""
    title, paragraphs = STORIES[key]
    body = "".join(f"<p>{p}</p>" for p in [*paragraphs, *added])
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    if template == "wire":
        html = (f"<html lang='en'><head><title>{title} | Example Wire</title>{link}</head><body>"
                "<header><nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/business'>Business</a>"
                "</nav></header>"
                f"<main><article><h1>{title}</h1><p class='byline'>By Wire Staff</p>{body}</article></main>"
                "<aside><h3>Most read</h3><ul><li><a href='/x'>Celebrity news roundup</a></li>"
                "<li><a href='/y'>Weather warning for the weekend</a></li></ul></aside>"
                "<footer>© 2025 Example Wire. All rights reserved. <a href='/privacy'>Privacy</a></footer>"
                "</body></html>")
    else:
        html = (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title} — Partner Daily"
                f"</title>{link}</head><body><div id='cookie'>We use cookies to improve your experience.</div>"
                "<div class='top'><a href='/'>Partner Daily</a> | <a href='/sport'>Sport</a> | "
                "<a href='/opinion'>Opinion</a></div>"
                f"<div class='story'><h2>{title}</h2><div class='content'>{body}</div></div>"
                "<div class='related'><h4>Related</h4><a href='/r1'>Markets slip</a> <a href='/r2'>Rail strike</a>"
                "</div><div class='foot'>Partner Daily Ltd · Contact · Advertise</div></body></html>")
    return html.encode()




def serve(server: HTTPServer, path: str, handler: Callable[[Request], Response] | bytes,
          content_type: str = "text/html; charset=utf-8") -> str:
    if isinstance(handler, bytes):
        body = handler
        handler = lambda request: Response(body, content_type=content_type)  # noqa: E731
    server.expect_request(path).respond_with_handler(handler)
    return server.url_for(path)


def serve_feed(server: HTTPServer, path: str, *links: tuple[str, str]) -> str:
    return serve(server, path, rss([{"title": t, "link": link} for t, link in links], title=path),
                 "application/rss+xml")


def hits(server: HTTPServer, path: str) -> int:
    return sum(1 for request, _ in server.log if request.path == path)


def counts(summary: CycleSummary) -> tuple[int, ...]:
    return (summary.feeds_polled, summary.feeds_not_modified, summary.feeds_failed, summary.articles_new,
            summary.articles_duplicate, summary.articles_failed)


@pytest.mark.slow
def test_a_cycle_stores_every_article_and_a_rerun_adds_nothing(server, tmp_path, store, make_config):
    for key in ("call", "borders", "minerals"):
        serve(server, f"/news/{key}", page(key))
    feed1 = serve_feed(server, "/feed1.xml", ("Call", "/news/call"), ("Borders", "/news/borders"))
    feed2 = serve_feed(server, "/feed2.xml", ("Minerals", "/news/minerals"))
    config = make_config([feed1, feed2])

    first = run_cycle(config, store)
    assert counts(first) == (2, 0, 0, 3, 0, 0) and first.errors == []
    articles = {a["url"]: a for a in store.articles()}
    assert set(articles) == {server.url_for(f"/news/{k}") for k in ("call", "borders", "minerals")}
    call = store.article(articles[server.url_for("/news/call")]["id"])
    assert call["status"] == "ok" and call["title"].startswith("Kremlin says Putin and Trump")
    assert "close to an hour and a half" in call["text"] and "Most read" not in call["text"]
    assert all(e["article_id"] for e in store.entries())
    (run,) = store.runs()
    assert run["status"] == "ok" and run["articles_new"] == 3 and run["feeds_polled"] == 2

    # Not due yet: nothing is polled at all.
    assert counts(run_cycle(config, store)) == (0, 0, 0, 0, 0, 0)
    # Forced: the feeds are fetched again, their entries are known, no page is fetched again.
    again = run_cycle(config, store, force=True)
    assert counts(again) == (2, 0, 0, 0, 0, 0)
    assert len(store.articles()) == 3 and hits(server, "/news/call") == 1


def test_same_url_with_different_tracking_params_in_two_feeds_is_fetched_and_stored_once(server, tmp_path, store, make_config):
    serve(server, "/news/call", page("call"))
    feed1 = serve_feed(server, "/a.xml", ("Call", "/news/call?utm_source=rss&utm_medium=feed"))
    feed2 = serve_feed(server, "/b.xml", ("Call", "/news/call?fbclid=XYZ&at_campaign=rss"))
    summary = run_cycle(make_config([feed1, feed2]), store)
    assert (summary.articles_new, summary.articles_duplicate) == (1, 1)
    assert hits(server, "/news/call") == 1
    (article,) = store.articles()
    assert article["canonical_url"] == server.url_for("/news/call")
    assert {e["article_id"] for e in store.entries()} == {article["id"]}


def test_a_syndicated_copy_with_other_boilerplate_is_stored_as_duplicate(server, tmp_path, store, make_config):
    serve(server, "/wire/exchange", page("exchange", "wire"))
    serve(server, "/partner/2025/02/14/copied-story", page("exchange", "partner"))
    feed1 = serve_feed(server, "/wire.xml", ("Exchange", "/wire/exchange"))
    config = make_config([feed1])
    assert run_cycle(config, store).articles_new == 1
    # The partner site's feed is added later and carries the same story at its own URL.
    feed2 = serve_feed(server, "/partner.xml", ("Exchange", "/partner/2025/02/14/copied-story"))
    summary = run_cycle(make_config([feed1, feed2]), store)
    assert (summary.articles_new, summary.articles_duplicate) == (0, 1)
    original = store.article_by_canonical_url(server.url_for("/wire/exchange"))
    copy = store.article_by_canonical_url(server.url_for("/partner/2025/02/14/copied-story"))
    assert original["status"] == "ok" and copy["status"] == "duplicate"
    assert copy["duplicate_of"] == original["id"] and copy["text"] is None
    assert copy["content_hash"] == original["content_hash"]
    assert [a["id"] for a in store.articles(status="ok")] == [original["id"]]


@pytest.mark.parametrize("added, duplicate", [
    (("Distributed by Example Wire.",), True),
    (("Reporting by Anna Example; editing by John Example.",), True),
    (("Late on Thursday the Kremlin added that the two presidents would speak again within a week, "
      "according to a statement published on its website.",), False),
])
def test_a_copy_adding_a_credit_line_is_a_duplicate_but_one_adding_news_is_not(server, tmp_path, store, added,
                                                                               duplicate, make_config):
    serve(server, "/wire/call", page("call", "wire"))
    serve(server, "/partner/call-copy", page("call", "partner", added=added))
    feed1 = serve_feed(server, "/wire.xml", ("Call", "/wire/call"))
    feed2 = serve_feed(server, "/partner.xml", ("Call copy", "/partner/call-copy"))
    run_cycle(make_config([feed1]), store)
    summary = run_cycle(make_config([feed1, feed2]), store)
    copy = store.article_by_canonical_url(server.url_for("/partner/call-copy"))
    original = store.article_by_canonical_url(server.url_for("/wire/call"))
    if duplicate:
        assert (summary.articles_new, summary.articles_duplicate) == (0, 1)
        assert copy["status"] == "duplicate" and copy["duplicate_of"] == original["id"] and copy["text"] is None
    else:
        assert (summary.articles_new, summary.articles_duplicate) == (1, 0)
        assert copy["status"] == "ok" and "speak again within a week" in copy["text"]


def test_probe_phrases_are_spread_over_the_text():
    # (the 5-word shingles the near-duplicate check compares are monitor.ingest.sources.shingles: test_sources.py)
    words = " ".join(f"w{i}" for i in range(30))
    assert probe_phrases(words, count=3, size=8) == [" ".join(f"w{i}" for i in range(start, start + 8))
                                                     for start in (0, 11, 22)]
    assert probe_phrases("just four words here") == ["just four words here"]


def test_a_copy_declaring_the_original_as_canonical_is_a_duplicate(server, tmp_path, store, make_config):
    original_url = serve(server, "/wire/minerals", page("minerals", "wire"))
    # Different text (an extra paragraph) but the page says where the original lives.
    copy = page("minerals", "partner", canonical=original_url).replace(
        b"</div></div>", b"<p>Partner Daily adds: the talks resume next week according to diplomats in Kyiv "
                         b"who spoke on condition of anonymity about the schedule.</p></div></div>")
    serve(server, "/partner/minerals-copy", copy)
    feed1 = serve_feed(server, "/wire.xml", ("Minerals", "/wire/minerals"))
    feed2 = serve_feed(server, "/partner.xml", ("Minerals copy", "/partner/minerals-copy"))
    # One after the other, so which one is the original is not down to thread timing.
    run_cycle(make_config([feed1]), store)
    summary = run_cycle(make_config([feed1, feed2]), store)
    assert summary.articles_duplicate == 1
    copy_row = store.article_by_canonical_url(server.url_for("/partner/minerals-copy"))
    assert copy_row["status"] == "duplicate"
    assert copy_row["duplicate_of"] == store.article_by_canonical_url(original_url)["id"]


@pytest.mark.slow
def test_failed_articles_are_recorded_and_retried_up_to_the_limit(server, tmp_path, store, make_config):
    state = {"flaky": 500}
    serve(server, "/news/flaky", lambda r: Response(page("borders"), status=state["flaky"],
                                                    content_type="text/html"))
    serve(server, "/news/gone", lambda r: Response("not here", status=404, content_type="text/html"))
    serve(server, "/news/empty", b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    serve(server, "/news/call", page("call"))
    feed = serve_feed(server, "/feed.xml", ("Flaky", "/news/flaky"), ("Gone", "/news/gone"),
                      ("Empty", "/news/empty"), ("Call", "/news/call"))
    config = make_config([feed])

    first = run_cycle(config, store)
    assert (first.articles_new, first.articles_failed) == (1, 3)
    failed = {a["url"]: a for a in store.articles(status="failed")}
    assert "HTTP 500" in failed[server.url_for("/news/flaky")]["error"]
    assert "HTTP 404" in failed[server.url_for("/news/gone")]["error"]
    assert "it may be an index page" in failed[server.url_for("/news/empty")]["error"]
    assert any("/news/gone" in e for e in first.errors)
    assert store.runs()[0]["status"] == "partial"

    # Next cycle (feed not modified or not due does not matter: the to-do list is in the database).
    state["flaky"] = 200
    second = run_cycle(config, store)
    assert (second.feeds_polled, second.articles_new, second.articles_failed) == (0, 1, 2)
    assert store.article_by_canonical_url(server.url_for("/news/flaky"))["status"] == "ok"

    third = run_cycle(config, store)
    assert (third.articles_new, third.articles_failed) == (0, 2)
    gone = store.article_by_canonical_url(server.url_for("/news/gone"))
    assert gone["status"] == "failed" and gone["attempts"] == MAX_ATTEMPTS
    # Given up: no fourth fetch.
    fourth = run_cycle(config, store)
    assert (fourth.articles_new, fourth.articles_failed) == (0, 0)
    assert hits(server, "/news/gone") == MAX_ATTEMPTS and hits(server, "/news/call") == 1


def slowly(response: Response, seconds: float = 1.0) -> Callable[[Request], Response]:
    """A handler that answers later than the fetcher's timeout."""
    def handler(request: Request) -> Response:
        time.sleep(seconds)
        return response
    return handler


def closed_port_url() -> str:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.xml"


def test_failing_feeds_are_recorded_and_the_others_still_polled(server, tmp_path, store, make_config):
    serve(server, "/news/call", page("call"))
    good = serve_feed(server, "/good.xml", ("Call", "/news/call"))
    missing = serve(server, "/missing.xml", lambda r: Response("no", status=404))
    broken = serve(server, "/broken.xml", lambda r: Response("oops", status=500))
    slow = serve(server, "/slow.xml", slowly(Response(rss([], title="slow"), content_type="text/xml")))
    config = make_config([missing, broken, slow, closed_port_url(), good], timeout=0.3)
    summary = run_cycle(config, store)
    assert (summary.feeds_polled, summary.feeds_failed, summary.articles_new) == (5, 4, 1)
    assert not summary.nothing_polled
    feeds = {f["name"]: f for f in store.feeds()}
    assert feeds["feed1"]["last_status"] == 404 and feeds["feed2"]["last_status"] == 500
    assert "timed out" in feeds["feed3"]["last_error"] and "cannot connect" in feeds["feed4"]["last_error"]
    assert all(feeds[f"feed{i}"]["consecutive_failures"] == 1 for i in range(1, 5))
    assert feeds["feed5"]["consecutive_failures"] == 0 and feeds["feed5"]["last_error"] is None
    assert len(summary.errors) == 4


def test_every_feed_failing_is_nothing_polled(server, tmp_path, store, make_config):
    missing = serve(server, "/missing.xml", lambda r: Response("no", status=404))
    summary = run_cycle(make_config([missing]), store)
    assert summary.nothing_polled and summary.feeds_failed == 1
    assert summary.line().startswith("Polled 1 feed (0 not modified, 1 failed) · articles: 0 new")


@pytest.mark.slow
@pytest.mark.parametrize("extract_workers", [0, 2])
def test_extraction_in_processes_or_in_process_gives_the_same_articles(server, tmp_path, store, extract_workers, make_config):
    for key in STORIES:
        serve(server, f"/news/{key}", page(key))
    feed = serve_feed(server, "/feed.xml", *[(key, f"/news/{key}") for key in STORIES])
    summary = run_cycle(make_config([feed]), store, extract_workers=extract_workers)
    assert summary.articles_new == len(STORIES) and summary.extraction_seconds > 0
    assert {a["title"] for a in store.articles()} == {title for title, _ in STORIES.values()}


def test_progress_reports_each_stage(server, tmp_path, store, make_config):
    serve(server, "/news/call", page("call"))
    feed = serve_feed(server, "/feed.xml", ("Call", "/news/call"))
    events: list[tuple[str, int, int]] = []
    run_cycle(make_config([feed]), store, progress=lambda *event: events.append(event))
    assert events == [("feeds", 0, 1), ("feeds", 1, 1), ("articles", 0, 1), ("articles", 1, 1)]


@pytest.mark.slow
def test_articles_are_judged_once_and_a_backlog_is_judged_by_the_next_cycle_with_a_judge(server, tmp_path, store, make_config):
    claims = load_claims(REPO / "config" / "claims.toml")
    store.sync_claims(claims)
    # The real Judge over the reviewed claims; without a trained stance model it uses its rules
    # and lexical prior, which is enough to see the cycle save verdicts and count alerts.
    judge = Judge(claims, threshold=0.6, max_candidates=8)
    harbour_post = DEMO_ARTICLES / "harbourpost"
    serve(server, "/news/call", (harbour_post / "trump-says-putin-call-lasted-hour-and-a-half.html").read_bytes())
    serve(server, "/news/football", (harbour_post / "harbour-united-extra-time-winner.html").read_bytes())
    feed = serve_feed(server, "/feed.xml", ("Call", "/news/call"), ("Goal", "/news/football"))
    config = make_config([feed])

    first = run_cycle(config, store)  # no judge yet (no claims, or a crash before judging)
    assert (first.articles_new, first.alerts_new) == (2, 0) and len(store.unjudged_articles()) == 2

    second = run_cycle(config, store, judge=judge)
    alerts = list(store.query(
        "select a.claim_id, a.verdict, r.url from alerts a join articles r on r.id = a.article_id"))
    assert second.articles_new == 0 and second.alerts_new == len(alerts) >= 1
    found = [tuple(a.values()) for a in alerts]
    assert ("call-lasted-90-minutes", "confirms", server.url_for("/news/call")) in found
    assert not any(a["url"].endswith("/news/football") for a in alerts)
    assert store.unjudged_articles() == []

    third = run_cycle(config, store, judge=judge, force=True)
    assert third.alerts_new == 0
    assert len(list(store.query("select id from alerts"))) == len(alerts)


def test_a_second_cycle_on_the_same_database_is_refused_while_one_runs(server, tmp_path, store, make_config):
    feed = serve_feed(server, "/feed.xml", ("Call", "/news/call"))
    serve(server, "/news/call", page("call"))
    config = make_config([feed])
    with ProcessLock(poll_lock_path(store.path), "a poll cycle"):  # as another process's cycle would
        with pytest.raises(LockHeld, match="a poll cycle is already running for this database"):
            run_cycle(config, store)
    assert store.runs() == [] and store.articles() == []
    assert run_cycle(config, store).articles_new == 1
