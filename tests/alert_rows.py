"""Rows for the alert, status and web tests, written straight into a real database.

The tests of alerts, status and the web view make their claims, articles, alerts and
resolutions here, so they depend on the schema only, not on the other pipeline stages.
"""
from __future__ import annotations

from typing import Any

from monitor.store import Store


def _insert(store: Store, table: str, row: dict[str, Any]) -> int:
    pk = store.db.table(table).insert(row).last_pk
    if pk is None:
        raise AssertionError(f"no row id after inserting into {table}")
    return int(pk)


def add_feed(store: Store, name: str, url: str) -> int:
    return _insert(store, "feeds", {"config_url": url, "url": url, "name": name})


def add_claim(store: Store, claim_id: str, statement: str = "", kind: str = "fact", **extra: Any) -> str:
    store.db.table("claims").insert({"id": claim_id, "statement": statement or f"statement of {claim_id}",
                                     "kind": kind, **extra})
    return claim_id


def add_article(store: Store, url: str, title: str = "A title", text: str = "", site: str | None = None,
                feed_id: int | None = None, **extra: Any) -> int:
    return _insert(store, "articles", {"canonical_url": url, "url": url, "title": title, "text": text,
                                       "site": site, "feed_id": feed_id, "status": "ok", **extra})


def add_alert(store: Store, claim_id: str, article_id: int, verdict: str, confidence: float = 0.9,
              detected_at: str = "2025-02-15T10:00:00+00:00", evidence: str = "", **extra: Any) -> int:
    return _insert(store, "alerts", {
        "claim_id": claim_id, "article_id": article_id, "verdict": verdict, "confidence": confidence,
        "detected_at": detected_at, "evidence": evidence or f"{verdict} evidence for {claim_id}", **extra,
    })


def add_resolution(store: Store, claim_id: str, outcome: str, resolved_on: str, brier: float | None = None,
                   alert_id: int | None = None, method: str = "automatic",
                   recorded_at: str = "2025-03-01T00:00:00+00:00") -> int:
    return _insert(store, "resolutions", {
        "claim_id": claim_id, "outcome": outcome, "resolved_on": resolved_on, "brier": brier,
        "alert_id": alert_id, "method": method, "recorded_at": recorded_at})


def add_sample_rows(store: Store) -> dict[str, int]:
    """A small realistic database: four seed claims, one of each status but contradicted.

    Returns the ids of the alerts, by name.
    """
    reuters = add_feed(store, "Reuters World", "https://feeds.example/reuters.xml")
    add_feed(store, "AP Top News", "https://feeds.example/ap.xml")
    add_claim(store, "call-lasted-90-minutes", "The Trump–Putin call lasted close to 90 minutes", kind="quantity")
    add_claim(store, "ceasefire-30-day", "A 30-day ceasefire was proposed", kind="quantity")
    add_claim(store, "summit-agreement-odds-20-percent", "Odds of an agreement from the summit are around 20%",
              kind="forecast", probability=0.2)
    add_claim(store, "putin-invited-trump-to-moscow", "Putin invited Trump to visit Moscow")
    call = add_article(store, "https://www.reuters.example/world/call-90-minutes",
                       "Kremlin: Putin and Trump spoke for an hour and a half",
                       "The call lasted about 90 minutes, the Kremlin said. Putin invited Trump to Moscow.",
                       site="Reuters", feed_id=reuters, published_at="2025-02-14T07:00:00+00:00")
    longer = add_article(store, "https://apnews.example/article/call-two-hours",
                         "Trump says call with Putin lasted over two hours",
                         "Trump told reporters the conversation went on for more than two hours.",
                         site="AP News", published_at="2025-02-15T09:00:00+00:00")
    truce = add_article(store, "https://bbc.example/news/ceasefire", "Ukraine agrees to 30-day ceasefire proposal",
                        "Kyiv said it would accept a 30-day ceasefire; the summit ended without agreement.",
                        site="BBC", published_at="2025-03-11T16:00:00+00:00")
    ids = {
        "call-confirms": add_alert(
            store, "call-lasted-90-minutes", call, "confirms", 0.91, "2025-02-14T08:00:00+00:00",
            "The call lasted about 90 minutes, the Kremlin said.", claim_value="close to 90 minutes",
            article_value="about 90 minutes",
            values_compared='{"claimed": 5400, "reported": 5400, "unit": "second", "result": "agrees"}'),
        "call-contradicts": add_alert(
            store, "call-lasted-90-minutes", longer, "contradicts", 0.82, "2025-02-15T09:30:00+00:00",
            "Trump told reporters the conversation went on for more than two hours.",
            claim_value="close to 90 minutes", article_value="more than two hours"),
        "moscow-discusses": add_alert(
            store, "putin-invited-trump-to-moscow", call, "discusses", 0.7, "2025-02-14T08:00:00+00:00",
            "Putin invited Trump to Moscow."),
        "ceasefire-confirms": add_alert(
            store, "ceasefire-30-day", truce, "confirms", 0.88, "2025-03-11T17:00:00+00:00",
            "Kyiv said it would accept a 30-day ceasefire."),
        "summit-contradicts": add_alert(
            store, "summit-agreement-odds-20-percent", truce, "contradicts", 0.75, "2025-03-12T10:00:00+00:00",
            "The summit ended without agreement."),
    }
    add_resolution(store, "summit-agreement-odds-20-percent", "did-not-happen", "2025-03-12", brier=0.04,
                   alert_id=ids["summit-contradicts"])
    return ids
