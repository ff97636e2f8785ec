"""Recording a feed poll: entries, validators, URL moves and the next poll time, in the store.

``monitor.ingest.feeds.fetch_feed`` finds what a feed says without touching the database;
``record_feed_poll`` writes it, and ``poll_feed`` is the two together for one feed. Also here:
``backfill_sources``, which gives articles stored before independent sources existed their
signature, group of near-duplicates and site.
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ..config import PollingSettings
from ..ingest.feeds import (
    FeedFetch,
    FeedPollResult,
    canonical_url,
    fetch_feed,
    later,
    next_poll_delay,
)
from ..ingest.sources import SourceIndex, signature, signature_bytes, site_of

if TYPE_CHECKING:
    from ..ingest.fetch import Fetcher
    from ..store import Store

log = logging.getLogger(__name__)


def record_feed_poll(store: "Store", fetched: FeedFetch, polling: PollingSettings,
                     now: datetime | None = None) -> FeedPollResult:
    """Write what ``fetch_feed`` found: entries, validators, URL moves, next poll time.

    Entries and the feed's new ETag are written in one transaction, so a crash can never leave
    a stored ETag whose 304 would hide entries that were not recorded.
    """
    now = now or datetime.now(timezone.utc)
    feed = fetched.feed
    feed_id, name, interval = feed["id"], feed["name"], float(feed["interval_minutes"])
    polled_at = now.isoformat(timespec="seconds")
    result = FeedPollResult(feed_id=feed_id, name=name, url=feed["url"], status=fetched.status,
                            http_status=fetched.http_status)
    if fetched.status == "failed":
        failures = int(feed.get("consecutive_failures") or 0) + 1
        result.error = fetched.error
        result.next_poll_at = later(now, next_poll_delay(interval, polling, failures=failures,
                                                          retry_after=fetched.retry_after))
        store.record_feed_failure(feed_id, polled_at=polled_at, status=fetched.http_status,
                                  error=fetched.error or "unknown error", next_poll_at=result.next_poll_at)
        log.warning("feed %s %s: failed (%s failures in a row, next poll %s): %s", name, feed["url"],
                    failures, result.next_poll_at, fetched.error)
        return result

    new_url = None
    if fetched.permanent_redirect and fetched.permanent_redirect != feed["url"]:
        new_url = result.url = fetched.permanent_redirect
        result.moved_from = feed["url"]
    parsed = fetched.parsed
    ttl = parsed.ttl_minutes if parsed else None
    result.next_poll_at = later(now, next_poll_delay(interval, polling, retry_after=fetched.retry_after,
                                                      ttl_minutes=ttl))
    with store.transaction():
        if parsed is not None:
            result.problem = parsed.problem
            result.entries_seen = len(parsed.entries)
            for entry in parsed.entries:
                canonical = canonical_url(entry.url) if entry.url else None
                if store.record_entry(feed_id, entry, canonical):
                    result.new_entries.append(entry)
            result.entries_new = len(result.new_entries)
        store.record_feed_success(
            feed_id, polled_at=polled_at, status=fetched.http_status, next_poll_at=result.next_poll_at,
            # A 304 carries no new validators worth trusting over the ones that produced it.
            etag=fetched.etag if fetched.status == "ok" else feed.get("etag"),
            last_modified=fetched.last_modified if fetched.status == "ok" else feed.get("last_modified"),
            url=new_url, title=parsed.title if parsed else None,
            problem=result.problem if parsed is not None else feed.get("last_problem"))
    if new_url:
        log.info("feed %s %s: moved permanently to %s; the stored URL is updated", name, feed["url"], new_url)
    if fetched.status == "not_modified":
        log.info("feed %s %s: not modified", name, result.url)
    else:
        if result.problem:
            log.warning("feed %s %s: kept %s entries of a malformed feed: %s", name, result.url,
                        result.entries_seen, result.problem)
        log.info("feed %s %s: %s entries, %s new", name, result.url, result.entries_seen, result.entries_new)
    return result


def poll_feed(store: "Store", fetcher: "Fetcher", feed: dict[str, Any],
              polling: PollingSettings | None = None, now: datetime | None = None) -> FeedPollResult:
    """Poll one feed row (from ``Store.due_feeds``): fetch, parse, record. Never raises for a bad feed."""
    return record_feed_poll(store, fetch_feed(fetcher, feed), polling or PollingSettings(), now)


def backfill_sources(store: "Store") -> int:
    """Give articles stored before independent sources (migration ``m_independent_sources``) what
    the poll cycle records for each new one: a signature, a group (MinHash + LSH, in id order, as
    if they had arrived one by one; a duplicate joins its original's group) and, if missing, a
    site. Without signatures a later syndicated copy of an old article could not be found. About
    1 ms per article, once; returns how many were grouped."""
    index = SourceIndex()
    groups: dict[int, int] = {}
    rows = store.ungrouped_articles()
    for row in rows:
        minhash = signature(row["text"] or "")
        if row["status"] == "duplicate" and row["duplicate_of"] is not None:
            group = groups.get(row["duplicate_of"], row["duplicate_of"])
        else:
            group = index.group_for(row["id"], minhash).group
        index.add(row["id"], group, minhash)
        groups[row["id"]] = group
        store.set_article_source(row["id"], source_group=group,
                                 source_site=row["source_site"] or site_of(row["canonical_url"], row["site"]),
                                 minhash=signature_bytes(minhash) if minhash is not None else None)
    if rows:
        log.info("grouped %s articles stored before independent sources", len(rows))
    return len(rows)
