"""Feed health: which feeds fail, which have gone silent, which recovered (pure rules + one loader).

``feed_health(rows, entry_times, now=..., failing_after=..., last_digest_at=...)`` is pure: feed
rows (``Store.feed_health_rows``) and entry times (``Store.feed_entry_times``) in, one
``FeedHealth`` per feed out. ``load_feed_health(config, store)`` reads those from the store;
``monitor feeds`` and the digest's "Feed health" block both call it.

Rules, first match wins:
    failing    ``polling.failing_after`` (default 3) or more failed polls in a row; *since* is
               the first failure of the run, the error is the last one
    silent     the feed polls fine but has listed no new entry for longer than its usual
               rhythm: ``max(SILENCE_FACTOR × median gap between its latest entries,
               MIN_SILENCE)`` — 3 × the median gap, at least 2 days. Entry times are the
               publication time, else the first-seen time; at most ``RHYTHM_ENTRIES`` of the
               latest entries count, so a feed's rhythm follows its recent habits. A feed with
               fewer than two entries has no rhythm and gets the 2-day floor, counted from its
               last new entry, else from when it was added. *since* is the last new entry.
    recovered  the feed had been failing (``failing_after`` or more in a row) and its latest poll
               worked; shown for ``RECOVERED_FOR`` (a day) after the recovery, and longer until
               a digest has been sent since (at most ``RECOVERED_AT_MOST``), so the reader of
               the digest learns of it once. *since* is the recovery.
    ok         anything else.
A feed that failed fewer than ``failing_after`` times in a row is still ``ok`` (with its last error
shown): one timeout is not news.
"""
from __future__ import annotations

import logging
import statistics
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Iterable, Mapping

if TYPE_CHECKING:
    from ..config import Config
    from ..store import Store

log = logging.getLogger(__name__)

SILENCE_FACTOR = 3
MIN_SILENCE = timedelta(days=2)
RHYTHM_ENTRIES = 50
RECOVERED_FOR = timedelta(days=1)
RECOVERED_AT_MOST = timedelta(days=7)
HEALTH_ORDER = {"failing": 0, "silent": 1, "recovered": 2, "ok": 3}


@dataclass(frozen=True)
class FeedHealth:
    """One feed's health as `monitor feeds` and the digest show it."""

    name: str
    url: str
    health: str  # ok | failing | silent | recovered
    last_error: str | None = None
    since: str | None = None  # when this health began (see the module docstring)
    last_success: str | None = None
    detail: str = ""  # one readable sentence: why this health

    def row(self) -> dict[str, Any]:
        return asdict(self)


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        log.debug("feed health: unreadable timestamp %r ignored", value)
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def silence_limit(entry_times: Iterable[str]) -> timedelta:
    """How long a feed may list nothing new before it is ``silent``: 3 × its median gap, at least 2 days."""
    times = sorted(t for t in (_parse(v) for v in entry_times) if t is not None)
    gaps = [(later - earlier).total_seconds() for earlier, later in zip(times, times[1:])]
    if not gaps:
        return MIN_SILENCE
    return max(timedelta(seconds=SILENCE_FACTOR * statistics.median(gaps)), MIN_SILENCE)


def _human(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours / 24:.1f} days" if hours >= 48 else f"{hours:.0f} hours"


def feed_health(rows: Iterable[Mapping[str, Any]], entry_times: Mapping[int, list[str]], *, now: datetime,
                failing_after: int = 3, last_digest_at: str | None = None) -> list[FeedHealth]:
    """Each feed's health by the rules of the module docstring (pure); worst first, then by name."""
    digest_at = _parse(last_digest_at)
    found = []
    for row in rows:
        failures = int(row.get("consecutive_failures") or 0)
        common = dict(name=row["name"], url=row["url"], last_error=row.get("last_error"),
                      last_success=row.get("last_success_at"))
        if failures >= failing_after:
            found.append(FeedHealth(health="failing", since=row.get("failing_since") or row.get("last_polled_at"),
                                    detail=f"{failures} failed polls in a row", **common))
            continue
        last_entry = _parse(row.get("last_entry_at"))
        quiet_from = last_entry or _parse(row.get("created_at"))
        limit = silence_limit(entry_times.get(row["id"], []))
        if row.get("last_success_at") and quiet_from is not None and now - quiet_from > limit:
            what = "no new entry" if last_entry else "no entry at all"
            found.append(FeedHealth(health="silent", since=quiet_from.isoformat(timespec="seconds"),
                                    detail=f"{what} for {_human(now - quiet_from)}; its usual rhythm allows "
                                           f"{_human(limit)}", **common))
            continue
        recovered = _parse(row.get("recovered_at"))
        streak = int(row.get("recovered_after_failures") or 0)
        if recovered is not None and streak >= failing_after and failures == 0:
            age = now - recovered
            not_mailed_yet = digest_at is None or digest_at < recovered
            if age < RECOVERED_FOR or (not_mailed_yet and age < RECOVERED_AT_MOST):
                found.append(FeedHealth(health="recovered", since=row["recovered_at"],
                                        detail=f"works again after {streak} failed polls", **common))
                continue
        detail = f"{failures} failed poll{'s' if failures != 1 else ''} in a row" if failures else ""
        found.append(FeedHealth(health="ok", detail=detail, **common))
    found.sort(key=lambda h: (HEALTH_ORDER[h.health], h.name.casefold()))
    return found


def load_feed_health(config: "Config", store: "Store", now: datetime | None = None) -> list[FeedHealth]:
    """``feed_health`` over the store's configured feeds, with the config's ``failing_after``."""
    last = store.last_digest(sent_only=True)
    return feed_health(store.feed_health_rows(), store.feed_entry_times(RHYTHM_ENTRIES),
                       now=now or datetime.now(timezone.utc), failing_after=int(config.polling.failing_after),
                       last_digest_at=(last["sent_at"] or last["created_at"]) if last else None)


__all__ = ["FeedHealth", "feed_health", "load_feed_health", "silence_limit"]
