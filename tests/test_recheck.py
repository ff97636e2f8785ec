"""Evidence re-check through a real server on loopback: the article behind an alert is fetched
once more with a conditional GET; 304 changes nothing, an edit is re-scored, a 404 is marked and
its alerts stop counting; every re-check is logged and nothing is deleted."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from monitor.judge.claims import load_claims
from monitor.status.digest import build_digest
from monitor.run.pipeline import run_cycle
from monitor.store import Store
from monitor.judge.verdicts import Judge

REPO = Path(__file__).resolve().parents[1]
HARBOUR = REPO / "monitor" / "demo_archive" / "articles" / "harbourpost"
CALL = (HARBOUR / "trump-says-putin-call-lasted-hour-and-a-half.html").read_text(encoding="utf-8")
FOOTBALL = (HARBOUR / "harbour-united-extra-time-winner.html").read_text(encoding="utf-8")
CLAIM = "call-lasted-90-minutes"


@pytest.fixture(scope="module")
def judge_and_claims() -> tuple[Judge, list]:
    claims = load_claims(REPO / "config" / "claims.toml")
    return Judge(claims, threshold=0.6, max_candidates=8), claims


class Site:
    """The article page: ``mode`` is what it answers now; validators are honoured (304)."""

    def __init__(self, server: HTTPServer):
        self.mode = "original"
        self.conditional: list[str | None] = []
        base = server.url_for("").rstrip("/")
        self.pages = {"original": (CALL.replace("{base}", base), '"v1"'),
                      "edited": (FOOTBALL.replace("{base}", base), '"v2"')}
        server.expect_request("/news/call").respond_with_handler(self)
        feed = (f'<rss version="2.0"><channel><title>Wire</title><item><title>Call</title>'
                f'<link>{server.url_for("/news/call")}</link></item></channel></rss>')
        server.expect_request("/feed.xml").respond_with_data(feed, content_type="application/rss+xml")
        self.feed_url = server.url_for("/feed.xml")
        self.url = server.url_for("/news/call")

    def __call__(self, request: Request) -> Response:
        self.conditional.append(request.headers.get("If-None-Match"))
        if self.mode == "gone":
            return Response("not found", status=404)
        body, etag = self.pages["edited" if self.mode == "edited" else "original"]
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, content_type="text/html; charset=utf-8", headers={"ETag": etag})


@pytest.fixture
def setup(server, tmp_path, judge_and_claims, make_config):
    """A stored article with its alert (first cycle), and configs without / with a due re-check."""
    judge, claims = judge_and_claims
    site = Site(server)
    later = make_config({"wire": site.feed_url}, extra="[verdicts]\nrecheck_hours = 48\n")
    due = make_config({"wire": site.feed_url}, extra="[verdicts]\nrecheck_hours = 0\n")
    with Store(later.database_path) as store:
        store.sync_claims(claims)
        first = run_cycle(later, store, judge=judge, extract_workers=0)
        assert first.articles_new == 1 and first.alerts_new >= 1
        yield site, store, judge, later, due


def alerts(store: Store) -> list[dict]:
    return list(store.query("select claim_id, verdict, confidence, withdrawn_at, withdrawn_reason, withdrawn_verdict,"
                            " withdrawn_confidence from alerts order by claim_id"))


def confirms(store: Store) -> int:
    return store.claim_status_rows(CLAIM)[0]["confirms"]


def test_not_due_yet_nothing_is_rechecked(setup):
    site, store, judge, later, _ = setup
    run_cycle(later, store, judge=judge, extract_workers=0, force=True)
    assert len(site.conditional) == 1 and list(store.query("select * from rechecks")) == []


def test_a_304_on_recheck_changes_nothing_and_it_is_done_once(setup):
    site, store, judge, _, due = setup
    before = alerts(store)
    article = store.article(1)
    assert article["etag"] == '"v1"'  # the pipeline stored the validator
    summary = run_cycle(due, store, judge=judge, extract_workers=0)
    assert summary.errors == []
    assert site.conditional[-1] == '"v1"'  # a conditional GET
    assert alerts(store) == before and confirms(store) == 1
    after = store.article(1)
    assert (after["text"], after["content_hash"], after["removed_at"]) == (article["text"], article["content_hash"], None)
    [check] = store.query("select * from rechecks")
    assert (check["outcome"], check["http_status"]) == ("not_modified", 304)
    assert after["rechecked_at"] == check["checked_at"]
    requests = len(site.conditional)
    run_cycle(due, store, judge=judge, extract_workers=0)
    assert len(site.conditional) == requests  # re-checked once only


def test_an_edited_article_is_rescored_and_the_event_recorded(setup):
    site, store, judge, _, due = setup
    before = alerts(store)
    assert any(a["claim_id"] == CLAIM and a["verdict"] == "confirms" for a in before) and confirms(store) == 1
    old_hash = store.article(1)["content_hash"]
    site.mode = "edited"  # the page now carries another story: the evidence is gone from it
    summary = run_cycle(due, store, judge=judge, extract_workers=0)
    assert summary.errors == []
    article = store.article(1)
    assert article["content_hash"] != old_hash and "extra time" in article["text"]
    assert article["etag"] == '"v2"' and article["removed_at"] is None
    after = {a["claim_id"]: a for a in alerts(store)}
    assert len(after) == len(before)  # nothing deleted
    call = after[CLAIM]
    assert (call["verdict"], call["confidence"], call["withdrawn_verdict"]) == ("unrelated", 0, "confirms")
    assert call["withdrawn_reason"].startswith("article edited")
    assert confirms(store) == 0
    [check] = store.query("select * from rechecks")
    assert (check["outcome"], check["previous_hash"], check["content_hash"]) == ("edited", old_hash,
                                                                                  article["content_hash"])
    assert CLAIM in [a["claim_id"] for a in json.loads(check["alerts_before"]) if a["verdict"] == "confirms"]
    text = build_digest(due, store)[0].get_body(("plain",)).get_content()
    assert "== Re-checked articles" in text and "edited since it was fetched; re-scored: " in text
    assert f"{CLAIM} confirms" in text and site.url in text


def test_a_removed_article_is_marked_and_its_alerts_stop_counting(setup):
    site, store, judge, _, due = setup
    before = alerts(store)
    text_before = store.article(1)["text"]
    site.mode = "gone"
    summary = run_cycle(due, store, judge=judge, extract_workers=0)
    assert summary.errors == []
    article = store.article(1)
    assert article["removed_at"] is not None and article["text"] == text_before and article["status"] == "ok"
    after = alerts(store)
    assert len(after) == len(before)
    assert all(a["verdict"] == "unrelated" and a["withdrawn_reason"] == "article removed (HTTP 404)" for a in after)
    assert [(a["withdrawn_verdict"], a["withdrawn_confidence"]) for a in after] == [
        (b["verdict"], b["confidence"]) for b in before]
    assert confirms(store) == 0
    [check] = store.query("select * from rechecks")
    assert (check["outcome"], check["http_status"]) == ("removed", 404)
    text = build_digest(due, store)[0].get_body(("plain",)).get_content()
    assert "removed (HTTP 404); " in text and "withdrawn" in text
    requests = len(site.conditional)
    run_cycle(due, store, judge=judge, extract_workers=0)
    assert len(site.conditional) == requests  # a removed article is not fetched again


def test_a_failed_recheck_is_recorded_reported_and_retried(setup, server):
    site, store, judge, _, due = setup
    site.mode = "original"
    server.clear()  # the page's server handler is gone: 500 from pytest-httpserver
    summary = run_cycle(due, store, judge=judge, extract_workers=0)
    assert any("re-check of article 1" in e for e in summary.errors)
    [check] = store.query("select * from rechecks")
    assert check["outcome"] == "failed" and check["error"]
    assert store.article(1)["rechecked_at"] is None  # tried again next cycle
