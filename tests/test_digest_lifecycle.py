"""The digest leads with what changed: status changes with their causing alerts, repeats of a
settled verdict collapsed into a count (still mailed exactly once), independent-source counts,
and overdue forecasts/events; delivered over real SMTP on loopback and parsed back."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from monitor.config import FeedConfig, parse_config
from monitor.status.digest import (
    DigestAlert, DigestClaim, DigestOverdue, DigestTransition, STATUS_ORDER, compose_digest, deliver_digest,
)
from monitor.store import Store

from test_digest import SCRIPT_TITLE, parts, smtp  # noqa: F401  (smtp: the aiosmtpd fixture)

NOW = datetime(2025, 3, 5, 7, 30, tzinfo=timezone.utc)
CLAIM = "call-lasted-90-minutes"
EVENT = "kellogg-to-meet-zelensky"


def config_for(tmp_path: Path, port: int):
    text = f"""
[database]
path = "{tmp_path / 'monitor.db'}"
[email]
smtp_host = "127.0.0.1"
smtp_port = {port}
security = "none"
sender = "monitor@example.org"
recipients = ["ana@example.org"]
[verdicts]
min_independent_sources = 2
"""
    return parse_config(text, tmp_path / "config" / "monitor.toml")


def article(store: Store, slug: str, title: str) -> int:
    if not store.feeds():
        store.sync_feeds([FeedConfig("Wire feed", "https://wire.example/feed.xml", 30)])
    url = f"https://{slug}.example/story"
    return store.save_article(canonical_url=url, url=url, feed_id=store.feeds()[0]["id"], guid=slug, title=title,
                              text=f"Story {slug}.", site=slug, published_at="2025-03-01T10:00:00+00:00")


def alert(store: Store, article_id: int, at: str, verdict: str = "confirms", claim: str = CLAIM) -> int:
    return int(store.db.table("alerts").insert({
        "claim_id": claim, "article_id": article_id, "verdict": verdict, "confidence": 0.9,
        "evidence": f"Evidence from article {article_id}.", "detected_at": at}).last_pk or 0)


def seed(store: Store) -> dict[str, int]:
    store.db.table("claims").insert({"id": CLAIM, "statement": "The call lasted close to 90 minutes",
                                     "kind": "quantity", "speaker": "Dmitry Peskov"})
    store.db.table("claims").insert({"id": EVENT, "statement": "Kellogg is slated to meet Zelensky next week",
                                     "kind": "event", "resolves_by": "2025-02-28"})
    store.db.table("claims").insert({"id": "dropped-event", "statement": "A claim no longer tracked",
                                     "kind": "event", "resolves_by": "2025-02-20", "active": 0})
    ids = {}
    first = article(store, "alpha", "Alpha: Kremlin says 90 minutes")
    ids["first"] = alert(store, first, "2025-03-02T10:00:00+00:00")
    copy = article(store, "alpha-copy", "Syndicated copy of Alpha")
    store.set_article_source(copy, source_group=first, source_site=None, minhash=None)  # one story: one source
    ids["copy"] = alert(store, copy, "2025-03-02T10:05:00+00:00")
    ids["second"] = alert(store, article(store, "beta", "Beta confirms the long call"), "2025-03-02T10:10:00+00:00")
    for n in range(5):  # the claim is confirmed by now: these only repeat the verdict
        ids[f"repeat{n}"] = alert(store, article(store, f"rep{n}", f"Repeat story {n}"),
                                  f"2025-03-02T11:0{n}:00+00:00")
    return ids


def test_digest_leads_with_the_change_collapses_repeats_and_lists_overdue(tmp_path, smtp):  # noqa: F811
    server = smtp()
    config = config_for(tmp_path, server.port)
    with Store(config.database_path) as store:
        ids = seed(store)
        result = deliver_digest(config, store, now=NOW, environ={})
        # Every alert is in the digest, collapsed or not: all marked mailed.
        assert sorted(result.alert_ids) == sorted(ids.values())
        assert store.unmailed_alerts() == []

        (message,) = server.handler.messages()
        text, html = parts(message)
        changed = text.index("What changed")
        assert changed < text.index("== The call lasted close to 90 minutes")
        block = text[changed:text.index("\n== ")]
        # The transition to confirmed, with the alert that caused it (the second source) and its link.
        assert "reported-once -> CONFIRMED on 2025-03-02 (alert)" in block
        confirmed = block[block.index("reported-once -> CONFIRMED"):]
        assert "Beta confirms the long call" in confirmed and "https://beta.example/story" in confirmed
        first_group = html.index("claim call-lasted-90-minutes")
        assert html.index('<a href="https://beta.example/story"') < first_group   # linked in "What changed"
        assert "open -> REPORTED-ONCE on 2025-03-02 (alert)" in block and "Alpha: Kremlin says 90 minutes" in block
        assert "open -> OVERDUE on 2025-03-01 (deadline)" in block

        # Five repeats of the settled confirmation: one line, not five articles.
        assert "+5 more confirming reports" in text and "+5 more confirming reports" in html
        assert "Repeat story" not in text and "Repeat story" not in html
        # Counts are independent sources: 8 confirming alerts, the syndicated copy counts once.
        assert "Counted independent sources: 7 confirm" in text
        assert "independent sources: 7 confirm" in html
        assert "Syndicated copy of Alpha" in text   # the articles behind the count are listed

        overdue = text[text.index("\nOverdue"):]
        assert "Kellogg is slated to meet Zelensky next week" in overdue and "due by 2025-02-28" in overdue
        assert "A claim no longer tracked" not in overdue
        assert html.index("What changed") < html.index("Overdue") and "due by 2025-02-28" in html
        assert message["Subject"] == ("Follow-up Monitor digest 2025-03-05: 8 new alerts on 1 claim, "
                                      "2 status changes; 1 overdue")

        # The next digest carries only the new repeat: the five are not mailed again, the change is old.
        later = alert(store, article(store, "gamma", "Gamma repeats it"), "2025-03-05T06:00:00+00:00")
        second = deliver_digest(config, store, now=NOW, environ={})
        assert second.alert_ids == (later,)
        text2 = parts(server.handler.messages()[1])[0]
        assert "+1 more confirming report " in text2 and "+5 more" not in text2
        assert "What changed" not in text2 and "Beta confirms" not in text2 and "Gamma repeats it" not in text2
        assert "Kellogg is slated" in text2   # still overdue: still listed


def test_a_review_without_new_alerts_still_sends_the_change(tmp_path, smtp):  # noqa: F811
    from monitor.status.alerts import review_alert

    server = smtp()
    config = config_for(tmp_path, server.port)
    with Store(config.database_path) as store:
        ids = seed(store)
        deliver_digest(config, store, now=NOW, environ={})
        # The review happens after the first digest went out (reviewed_at is the clock's now).
        for name in ("second", *(f"repeat{n}" for n in range(5))):
            review_alert(store, ids[name], "wrong")
        result = deliver_digest(config, store, now=NOW, environ={})
        assert result.status == "sent" and result.alert_ids == ()
        text = parts(server.handler.messages()[1])[0]
        block = text[text.index("What changed"):]
        assert server.handler.messages()[1]["Subject"].startswith("Follow-up Monitor digest 2025-03-05: 1 status change")
        assert "No new follow-up coverage, but 1 status change." in text
        assert "confirmed -> REPORTED-ONCE" in block and "(review)" in block
        assert "Beta confirms the long call" in block   # the alert whose review caused it


def test_compose_escapes_transitions_and_overdue_and_orders_statuses():
    claim = DigestClaim("c", f"Claim {SCRIPT_TITLE}", status="confirmed", previous_status="open",
                        confirming_sources=2, resolves_by="2025-02-28")
    cause = DigestAlert(1, "c", "confirms", 0.9, "ok", SCRIPT_TITLE, "javascript:alert(1)", site="<b>site</b>")
    message = compose_digest(
        [cause], [claim], NOW,
        transitions=[DigestTransition(claim, "2025-03-02T10:00:00+00:00", "open", "confirmed", "alert", (cause,))],
        overdue=[DigestOverdue(claim, "2025-02-28")])
    text, html = parts(message)
    assert "<script" not in html and "<b>site" not in html and 'href="javascript' not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more") >= 3   # change, group, overdue
    assert f"Claim {SCRIPT_TITLE}" in text and "open -> CONFIRMED on 2025-03-02 (alert)" in text
    assert "independent sources: 2 confirms" not in text and "independent sources: 2 confirm" in text
    assert {"reported-once", "overdue"} <= set(STATUS_ORDER)
    assert STATUS_ORDER["overdue"] < STATUS_ORDER["confirmed"] < STATUS_ORDER["reported-once"] < STATUS_ORDER["open"]


def test_a_long_history_shows_the_latest_changes_and_counts_the_rest():
    from monitor.status.digest import MAX_TRANSITIONS

    claims = [DigestClaim(f"c{n}", f"Claim number {n}") for n in range(MAX_TRANSITIONS + 3)]
    changes = [DigestTransition(c, f"2025-03-0{1 + n // 20}T00:00:00+00:00", "open", "reported-once", "alert")
               for n, c in enumerate(claims)]
    text, html = parts(compose_digest([], claims, NOW, transitions=changes))
    assert "... 3 earlier changes: monitor status --changes" in text and "&hellip; 3 earlier changes" in html
    text = text.replace("\r\n", "\n")
    assert "Claim number 2\n" not in text and "Claim number 3\n" in text and f"Claim number {MAX_TRANSITIONS + 2}" in text


def test_a_deadline_passing_is_news_once_but_not_for_an_untracked_claim(tmp_path, smtp):  # noqa: F811
    server = smtp()
    config = config_for(tmp_path, server.port)
    with Store(config.database_path) as store:
        store.db.table("claims").insert({"id": "dropped-event", "statement": "A claim no longer tracked",
                                         "kind": "event", "resolves_by": "2025-02-20", "active": 0})
        assert deliver_digest(config, store, now=NOW, environ={}).status == "empty"
        store.db.table("claims").insert({"id": EVENT, "statement": "Kellogg is slated to meet Zelensky",
                                         "kind": "event", "resolves_by": "2025-02-28"})
        assert deliver_digest(config, store, now=NOW, environ={}).status == "sent"
        (message,) = server.handler.messages()
        assert message["Subject"] == "Follow-up Monitor digest 2025-03-05: 1 status change; 1 overdue"
        assert "open -> OVERDUE on 2025-03-01 (deadline)" in parts(message)[0]
        # Told once: still overdue tomorrow, but no new change and no alert, so nothing is sent.
        assert deliver_digest(config, store, now=NOW, environ={}).status == "empty"
