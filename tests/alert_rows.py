"""Rows for the alert, status and web tests, written straight into a real database.

The tests of alerts, status and the web view make their claims, articles, alerts and
resolutions here, so they depend on the schema only, not on the other pipeline stages.
"""
from __future__ import annotations

from typing import Any

from monitor.store import Store


def add_feed(store: Store, name: str, url: str) -> int:
    return store.db["feeds"].insert({"config_url": url, "url": url, "name": name}).last_pk


def add_claim(store: Store, claim_id: str, statement: str = "", kind: str = "fact", **extra: Any) -> str:
    store.db["claims"].insert({"id": claim_id, "statement": statement or f"statement of {claim_id}",
                               "kind": kind, **extra})
    return claim_id


def add_article(store: Store, url: str, title: str = "A title", text: str = "", site: str | None = None,
                feed_id: int | None = None, **extra: Any) -> int:
    return store.db["articles"].insert({"canonical_url": url, "url": url, "title": title, "text": text,
                                        "site": site, "feed_id": feed_id, "status": "ok", **extra}).last_pk


def add_alert(store: Store, claim_id: str, article_id: int, verdict: str, confidence: float = 0.9,
              detected_at: str = "2025-02-15T10:00:00+00:00", evidence: str = "", **extra: Any) -> int:
    return store.db["alerts"].insert({
        "claim_id": claim_id, "article_id": article_id, "verdict": verdict, "confidence": confidence,
        "detected_at": detected_at, "evidence": evidence or f"{verdict} evidence for {claim_id}", **extra,
    }).last_pk


def add_resolution(store: Store, claim_id: str, outcome: str, resolved_on: str, brier: float | None = None,
                   alert_id: int | None = None, method: str = "automatic",
                   recorded_at: str = "2025-03-01T00:00:00+00:00") -> int:
    return store.db["resolutions"].insert({
        "claim_id": claim_id, "outcome": outcome, "resolved_on": resolved_on, "brier": brier,
        "alert_id": alert_id, "method": method, "recorded_at": recorded_at}).last_pk
