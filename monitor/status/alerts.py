"""Alerts and claim status: what the database says about each tracked claim.

An alert is one verdict about one claim in one article (unique per claim and article). A
claim's *status* (open, reported-once, confirmed, contradicted, disputed, resolved, overdue)
is derived every time it is read, never stored. Its one definition is the SQL of the
``claim_status`` and ``claim_timeline`` views (``monitor/store/views.py``, which lists the
rule); this module reads it through ``Store.claim_status_rows``, the same SQL with the
store's settings and a ``today`` a test, or a question like "what was overdue on 1 March",
can fix. So the CLI, the web view, the digest, the export, the lifecycle's replay of the
history, sqlite3 and Datasette all say the same thing.

An alert *counts* when its confidence is at least the threshold (``[verdicts]
alert_threshold``; the store opened from the config carries it, see ``store.open_store``) and
no person has reviewed it as wrong. A wrong alert stays in the database and in every listing.

This module is the Python API behind ``monitor alerts``, ``monitor status``, ``monitor
stats`` and the web view's claims page; the SQL lives in ``monitor.store``.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from ..errors import StoreError
from ..store import Store

log = logging.getLogger(__name__)

VERDICTS = ("confirms", "contradicts", "discusses")
STATUSES = ("open", "reported-once", "confirmed", "contradicted", "disputed", "resolved", "overdue")
REVIEWS = ("right", "wrong")


@dataclass(frozen=True)
class ClaimStatus:
    """One claim's derived status; the counts are of alerts that count (see the module doc)."""

    claim_id: str
    status: str
    confirms: int
    contradicts: int
    discusses: int
    alerts: int  # every alert of the claim, counted or not
    last_alert_at: str | None
    status_since: str | None  # when the status last changed (the resolution date if resolved)
    outcome: str | None
    resolved_on: str | None
    brier: float | None
    kind: str | None
    active: bool
    statement: str | None
    resolves_by: str | None = None  # forecasts and events: when the outcome is due
    resolution_method: str | None = None  # of the resolution that counts: automatic | manual
    resolution_evidence_url: str | None = None
    resolution_note: str | None = None
    confirming_sources: int = 0  # independent sources among the counted confirms
    contradicting_sources: int = 0
    resolvable: bool = False  # a forecast or scheduled event (or has a probability): waits for an outcome
    deadline_at: str | None = None  # when it falls overdue without an outcome (the day after resolves_by)


@dataclass(frozen=True)
class TimelineStep:
    """A claim's status right after one of its alerts (or after its resolution, the last step)."""

    step: int
    at: str | None
    status: str
    previous_status: str
    changed: bool
    counted: bool
    alert_id: int | None = None
    verdict: str | None = None
    confidence: float | None = None
    review: str | None = None
    evidence: str | None = None
    article_title: str | None = None
    article_url: str | None = None
    outcome: str | None = None
    brier: float | None = None


@dataclass(frozen=True)
class Alert:
    """An alert with the article it was found in."""

    id: int
    claim_id: str
    article_id: int
    verdict: str
    confidence: float | None
    evidence: str | None
    detected_at: str | None
    article_title: str | None
    article_url: str | None
    site: str | None = None
    feed: str | None = None
    published_at: str | None = None
    claim_value: str | None = None
    article_value: str | None = None
    values_compared: Any = None  # the JSON the verdict stage stored, decoded
    model_version: str | None = None
    review: str | None = None
    review_note: str | None = None
    reviewed_at: str | None = None


@dataclass(frozen=True)
class AlertQuery:
    """Filters of ``list_alerts``; every one that is set must hold. ``until`` is exclusive."""

    claims: tuple[str, ...] = ()
    verdicts: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    feed: str | None = None
    site: str | None = None
    min_confidence: float | None = None
    search: str | None = None
    limit: int | None = 50


@dataclass(frozen=True)
class Accuracy:
    """How often reviewed alerts were right."""

    reviewed: int
    right: int

    @property
    def accuracy(self) -> float | None:
        return self.right / self.reviewed if self.reviewed else None


@dataclass(frozen=True)
class Stats:
    """What ``monitor stats`` reports."""

    accuracy: Accuracy
    accuracy_by_verdict: dict[str, Accuracy]
    claims_by_status: dict[str, int]
    alerts_by_verdict: dict[str, int]
    articles_by_status: dict[str, int]
    feeds: int

    @property
    def alerts(self) -> int:
        return sum(self.alerts_by_verdict.values())

    @property
    def articles(self) -> int:
        return sum(self.articles_by_status.values())

    @property
    def claims(self) -> int:
        return sum(self.claims_by_status.values())

    def rows(self) -> list[dict[str, Any]]:
        """The report as flat rows (measure, group, count, accuracy) for tables, CSV and JSON."""
        rows: list[dict[str, Any]] = [
            {"measure": "accuracy", "group": "all reviewed", "count": self.accuracy.reviewed,
             "accuracy": _round(self.accuracy.accuracy)}]
        rows += [{"measure": "accuracy", "group": verdict, "count": acc.reviewed, "accuracy": _round(acc.accuracy)}
                 for verdict, acc in sorted(self.accuracy_by_verdict.items())]
        rows += [{"measure": "claims", "group": status, "count": n, "accuracy": None}
                 for status, n in self.claims_by_status.items()]
        rows += [{"measure": "alerts", "group": verdict, "count": n, "accuracy": None}
                 for verdict, n in self.alerts_by_verdict.items()]
        rows += [{"measure": "articles", "group": status, "count": n, "accuracy": None}
                 for status, n in sorted(self.articles_by_status.items())]
        rows.append({"measure": "feeds", "group": "all", "count": self.feeds, "accuracy": None})
        return rows


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def today_utc() -> date:
    """Today's date in UTC: the default ``today`` of every status (timestamps are UTC too)."""
    return datetime.now(timezone.utc).date()


def claim_statuses(store: Store, *, active_only: bool = False, today: date | None = None) -> list[ClaimStatus]:
    """Every claim's status on ``today``, by claim id (only active claims, and claims with
    alerts, if asked)."""
    statuses = [_claim_status(row) for row in store.claim_status_rows(today=today)]
    if active_only:
        statuses = [s for s in statuses if s.active or s.alerts]
    return statuses


def claim_status(store: Store, claim_id: str, *, today: date | None = None) -> ClaimStatus:
    """One claim's status on ``today``; ``StoreError`` if the database has no such claim."""
    rows = store.claim_status_rows(claim_id, today=today)
    if not rows:
        raise StoreError(f"there is no claim {claim_id!r}; `monitor status` lists the claim ids")
    return _claim_status(rows[0])


def claim_timeline(store: Store, claim_id: str, *, today: date | None = None) -> list[TimelineStep]:
    """How a claim's status evolved: the status after each alert, oldest first.

    Alerts that do not count (low confidence, reviewed wrong) are steps too, with
    ``counted`` False and the status unchanged. A resolution, if any, is the last step; so
    is the claim's falling overdue (on ``today``, a forecast or event past its date).
    """
    status = claim_status(store, claim_id, today=today)
    steps = [TimelineStep(
        step=row["step"], at=row["detected_at"], status=row["status"],
        previous_status=row["previous_status"], changed=bool(row["changed"]), counted=bool(row["counted"]),
        alert_id=row["alert_id"], verdict=row["verdict"], confidence=row["confidence"], review=row["review"],
        evidence=row["evidence"], article_title=row["article_title"], article_url=row["article_url"],
    ) for row in store.claim_timeline_rows(claim_id)]
    if status.outcome is not None:
        before = steps[-1].status if steps else "open"
        steps.append(TimelineStep(
            step=len(steps) + 1, at=status.resolved_on, status="resolved", previous_status=before,
            changed=True, counted=True, outcome=status.outcome, brier=status.brier))
    elif status.status == "overdue":
        before = steps[-1].status if steps else "open"
        steps.append(TimelineStep(
            step=len(steps) + 1, at=status.status_since, status="overdue", previous_status=before,
            changed=True, counted=True))
    return steps


def list_alerts(store: Store, query: AlertQuery = AlertQuery()) -> list[Alert]:
    """Alerts that pass the query's filters, newest first, at most ``query.limit``."""
    rows = store.alerts_matching(
        claim_ids=query.claims, verdicts=query.verdicts,
        since=_utc_text(query.since), before=_utc_text(query.until), feed=query.feed, site=query.site,
        min_confidence=query.min_confidence, search=query.search, limit=query.limit)
    return [_alert(row) for row in rows]


def get_alert(store: Store, alert_id: int) -> Alert:
    row = store.alert_row(alert_id)
    if row is None:
        raise StoreError(f"there is no alert {alert_id}; `monitor alerts` lists alerts with their ids")
    return _alert(row)


def review_alert(store: Store, alert_id: int, review: str | None, note: str | None = None) -> Alert:
    """Mark an alert ``right`` or ``wrong`` (None clears the review). A wrong alert stops counting."""
    if review is not None and review not in REVIEWS:
        raise StoreError(f"a review is one of {', '.join(REVIEWS)}, not {review!r}")
    alert = _alert(store.review_alert(alert_id, review, note))
    log.info("alert %s (claim %s, %s) reviewed %s", alert_id, alert.claim_id, alert.verdict, review)
    return alert


def stats(store: Store, *, today: date | None = None) -> Stats:
    """Verdict accuracy on reviewed alerts, overall and per verdict, and the database's counts
    (claims by their status on ``today``)."""
    counts = store.alert_counts()
    by_verdict = {row["verdict"]: Accuracy(row["reviewed"], row["right"] or 0) for row in counts["reviews"]}
    overall = Accuracy(sum(a.reviewed for a in by_verdict.values()), sum(a.right for a in by_verdict.values()))
    claims_by_status = {status: 0 for status in STATUSES}
    for status in claim_statuses(store, today=today):
        claims_by_status[status.status] += 1
    alerts_by_verdict = {verdict: 0 for verdict in VERDICTS}
    alerts_by_verdict.update({row["verdict"]: row["count"] for row in counts["alerts_by_verdict"]})
    return Stats(
        accuracy=overall, accuracy_by_verdict=by_verdict, claims_by_status=claims_by_status,
        alerts_by_verdict=alerts_by_verdict,
        articles_by_status={row["status"]: row["count"] for row in counts["articles_by_status"]},
        feeds=counts["feeds"])


def parse_when(text: str, *, end_of_day: bool = False) -> datetime:
    """A point in time from ``2025-02-14``, ``2025-02-14T10:00``, ``7 days ago``, ``yesterday``…

    Times without a zone are UTC. With ``end_of_day``, a plain date means the end of that day
    (the start of the next), so ``--until 2025-02-14`` includes the 14th. ``ValueError`` if
    the text is not a date.
    """
    text = text.strip()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        pass
    else:
        moment = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        return moment + timedelta(days=1) if end_of_day else moment
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        import dateparser  # imported here: it takes a while, and most commands never need it

        parsed = dateparser.parse(text, languages=["en"], settings={
            "TIMEZONE": "UTC", "TO_TIMEZONE": "UTC", "RETURN_AS_TIMEZONE_AWARE": True,
            "PREFER_DATES_FROM": "past"})
        if parsed is None:
            raise ValueError(f"{text!r} is not a date; write e.g. 2025-02-14, 2025-02-14T10:00 "
                             "or \"7 days ago\"") from None
        moment = parsed
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _utc_text(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _claim_status(row: dict[str, Any]) -> ClaimStatus:
    return ClaimStatus(
        claim_id=row["claim_id"], status=row["status"], confirms=row["confirms"],
        contradicts=row["contradicts"], discusses=row["discusses"], alerts=row["alerts"],
        last_alert_at=row["last_alert_at"], status_since=row["status_since"], outcome=row["outcome"],
        resolved_on=row["resolved_on"], brier=row["brier"], kind=row["kind"],
        active=bool(row["active"]) if row["active"] is not None else True, statement=row["statement"],
        resolves_by=row["resolves_by"], resolution_method=row["resolution_method"],
        resolution_evidence_url=row["resolution_evidence_url"], resolution_note=row["resolution_note"],
        confirming_sources=row["confirming_sources"], contradicting_sources=row["contradicting_sources"],
        resolvable=bool(row["resolvable"]), deadline_at=row["deadline_at"])


def _alert(row: dict[str, Any]) -> Alert:
    compared = row["values_compared"]
    if isinstance(compared, str):
        try:
            compared = json.loads(compared)
        except json.JSONDecodeError:
            pass  # keep text that is not JSON as it was stored
    return Alert(
        id=row["id"], claim_id=row["claim_id"], article_id=row["article_id"], verdict=row["verdict"],
        confidence=row["confidence"], evidence=row["evidence"], detected_at=row["detected_at"],
        article_title=row["article_title"], article_url=row["article_url"], site=row["site"],
        feed=row["feed"], published_at=row["published_at"], claim_value=row["claim_value"],
        article_value=row["article_value"], values_compared=compared, model_version=row["model_version"],
        review=row["review"], review_note=row["review_note"], reviewed_at=row["reviewed_at"])
