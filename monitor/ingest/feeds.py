"""Feeds: parsing RSS/Atom (feedparser), fetching one feed with conditional GET, and backoff.

This module owns what a feed poll finds: fetch it through ``fetch.Fetcher`` with the stored
ETag / Last-Modified (a 304 costs no parse), parse it, and decide when it is due next. It
touches no database: ``monitor.run.poll`` records what ``fetch_feed`` found, so the poll cycle
can fetch many feeds in threads while one thread writes to SQLite.

Timing rules (per-feed state lives in the ``feeds`` table):
    success      next poll = now + max(interval, feed TTL, Retry-After), capped by
                 ``polling.max_backoff_minutes``; the failure count is reset
    failure      next poll = now + interval × 2^failures (+ up to 10 % jitter so feeds that
                 failed together do not retry together), capped the same way; Retry-After wins
                 when it asks for longer, within the cap
"""
from __future__ import annotations

import hashlib
import logging
import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from time import struct_time
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import urljoin, urlsplit

import feedparser
from w3lib.html import remove_tags, replace_entities

from ..config import PollingSettings
from ..errors import FeedError, FetchError
from .extract import canonicalize_url, decode_text

if TYPE_CHECKING:
    from .fetch import Fetcher

log = logging.getLogger(__name__)

# The encoding pseudo-attribute of an XML declaration, rewritten once the text is UTF-8.
_XML_DECLARATION_ENCODING = re.compile(r"""(\A\s*<\?xml[^>]*?encoding\s*=\s*["'])[^"']*(["'])""")
# feedparser's format names, as people know them.
FORMAT_NAMES = {"rss090": "RSS 0.90", "rss091n": "RSS 0.91", "rss091u": "RSS 0.91", "rss092": "RSS 0.92",
                "rss093": "RSS 0.93", "rss094": "RSS 0.94", "rss20": "RSS 2.0", "rss10": "RSS 1.0", "rss": "RSS",
                "atom01": "Atom 0.1", "atom02": "Atom 0.2", "atom03": "Atom 0.3", "atom10": "Atom 1.0",
                "atom": "Atom", "cdf": "CDF"}
JITTER = 0.10  # at most this share of the delay is added at random after a failure
SUMMARY_CHARS = 2000  # summaries are a preview for people and the judge; the article is fetched anyway


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed. ``guid`` is stable across polls; ``url`` is absolute (or None)."""

    guid: str
    url: str | None
    title: str | None
    published_at: str | None  # ISO-8601 UTC
    summary: str | None


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: tuple[FeedEntry, ...]
    problem: str | None = None  # what was wrong with a feed feedparser still read (bozo)
    ttl_minutes: float | None = None  # RSS <ttl>: the publisher's "don't poll more often than this"
    version: str = ""  # feedparser's name of the format: rss20, atom10, rss10, ...


@dataclass
class FeedFetch:
    """What fetching (and parsing) one feed gave, before anything is written."""

    feed: dict[str, Any]
    status: str  # "ok" | "not_modified" | "failed"
    http_status: int | None = None
    parsed: ParsedFeed | None = None
    final_url: str | None = None
    permanent_redirect: str | None = None  # the feed's new URL after 301/308 redirects
    etag: str | None = None
    last_modified: str | None = None
    retry_after: float | None = None  # seconds
    error: str | None = None


@dataclass
class FeedPollResult:
    """The outcome of polling one feed, as recorded in the store."""

    feed_id: int
    name: str
    url: str  # the feed's URL after this poll (changed by a permanent redirect)
    status: str  # "ok" | "not_modified" | "failed"
    http_status: int | None = None
    entries_seen: int = 0
    entries_new: int = 0
    problem: str | None = None
    error: str | None = None
    next_poll_at: str | None = None
    moved_from: str | None = None  # set when a permanent redirect changed the URL
    new_entries: list[FeedEntry] = field(default_factory=list)


# -- parsing -------------------------------------------------------------------------------

def _iso(value: struct_time | None) -> str | None:
    # feedparser normalises every date it understands to a UTC struct_time.
    if not value:
        return None
    try:
        return datetime(*value[:6], tzinfo=timezone.utc).isoformat(timespec="seconds")
    except (TypeError, ValueError):
        return None


def _text(html: str | None, limit: int | None = None) -> str | None:
    if not html:
        return None
    text = re.sub(r"\s+", " ", replace_entities(remove_tags(html))).strip()
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text or None


def _ttl(raw: Any) -> float | None:
    try:
        ttl = float(raw)
    except (TypeError, ValueError):
        return None
    return ttl if ttl > 0 else None


def canonical_url(url: str) -> str:
    """``extract.canonicalize_url``, or the URL as it is when it cannot be parsed."""
    try:
        return canonicalize_url(url)
    except ValueError as exc:
        log.debug("cannot canonicalize %s (%s); using it as it is", url, exc)
        return url


def _entry(raw: Any, base_url: str) -> FeedEntry:
    link = (raw.get("link") or "").strip()
    if not link:
        # Atom entries may carry only <link rel="alternate"> elements feedparser did not promote.
        link = next((l.get("href", "") for l in raw.get("links", ()) if l.get("rel") == "alternate"), "")
    absolute = urljoin(base_url, link) if link else None
    # javascript:, mailto:, magnet: ... still identify the item, but are nothing to fetch.
    url = absolute if absolute and urlsplit(absolute).scheme in ("http", "https") else None
    title = _text(raw.get("title"))
    guid = (raw.get("id") or "").strip() or absolute
    if not guid:
        # No id and no link: the title is all that tells this item apart from the others.
        guid = "sha256:" + hashlib.sha256(f"{title or ''}\n{link}".encode()).hexdigest()
    published = _iso(raw.get("published_parsed")) or _iso(raw.get("updated_parsed"))
    summary = _text(raw.get("summary"), SUMMARY_CHARS)
    return FeedEntry(guid=guid, url=url, title=title, published_at=published, summary=summary)


def parse_feed(content: bytes, url: str, encoding: str | None = None) -> ParsedFeed:
    """Parse RSS 0.9x/1.0/2.0 or Atom bytes fetched from ``url`` (``encoding``: the charset the
    server declared, if any).

    Entry links are made absolute against ``url``. A feed with mistakes that feedparser still
    reads ("bozo": broken XML in a feed it recognises as RSS or Atom) keeps every entry and the
    title it could parse, even none, and says what was wrong in ``problem``. Bytes that are not
    a feed at all (an HTML page, an empty body, garbage) raise ``FeedError``.
    """
    # The characters are decoded here, as for pages (extract.decode_text): a wrong declaration
    # ("UTF-8" on windows-1251 bytes) or a UTF-16 feed without a byte-order mark would
    # otherwise reach feedparser's fallback to windows-1252. feedparser gets UTF-8 and is told
    # so; telling it "XML" also keeps it from flagging every feed served as text/html or
    # without a type as broken.
    text, _ = decode_text(content, encoding)
    if text.encode("utf-8") != content:   # not already UTF-8 as it stands
        content = _XML_DECLARATION_ENCODING.sub(r"\1utf-8\2", text, count=1).encode("utf-8")
    parsed = feedparser.parse(content, response_headers={"content-type": "application/xml; charset=utf-8"})
    version = parsed.get("version") or ""
    problem = None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        problem = f"{type(exc).__name__}: {exc}" if exc else "the feed is not well-formed"
        if version and exc is not None and "SAX" in type(exc).__name__:
            # feedparser knows the format but the XML is broken (an undefined entity, a stray
            # "&"): what it read is kept, and the problem is the publisher's to fix.
            name = FORMAT_NAMES.get(version, version)
            problem = (f"a malformed {name} feed: the XML is not well-formed ({exc}); what could be read is "
                       f"kept{'' if parsed.entries else ', but that is no entry'}; ask the publisher to fix it")
    if not parsed.entries and not version:
        what = f" ({problem})" if problem else ""
        raise FeedError(f"{url}: not an RSS or Atom feed{what}; check the feed address in the config "
                        "(a site's home page is not its feed — look for a link ending in .rss, .xml or /feed)")
    entries = tuple(_entry(raw, url) for raw in parsed.entries)
    feed_info = parsed.get("feed", {})
    return ParsedFeed(title=_text(feed_info.get("title")), entries=entries, problem=problem,
                      ttl_minutes=_ttl(feed_info.get("ttl")), version=version)


# -- timing --------------------------------------------------------------------------------

def next_poll_delay(interval_minutes: float, polling: PollingSettings, *, failures: int = 0,
                    retry_after: float | None = None, ttl_minutes: float | None = None,
                    rng: Callable[[], float] = random.random) -> timedelta:
    """How long to wait before polling a feed again (see the module docstring for the rules)."""
    cap = polling.max_backoff_minutes
    if failures > 0:
        # Cap the exponent too: 2 ** 1000 minutes is not a useful number to multiply.
        minutes = interval_minutes * 2 ** min(failures, 32)
        minutes *= 1 + JITTER * rng()
    else:
        minutes = max(interval_minutes, ttl_minutes or 0)
    if retry_after:
        minutes = max(minutes, retry_after / 60)
    return timedelta(minutes=min(minutes, max(cap, interval_minutes)))


def later(now: datetime, delay: timedelta) -> str:
    return (now + delay).isoformat(timespec="seconds")


# -- polling -------------------------------------------------------------------------------

def fetch_feed(fetcher: "Fetcher", feed: dict[str, Any]) -> FeedFetch:
    """Fetch and parse one feed row (from ``Store.due_feeds``); touches no database.

    Uses the stored validators for a conditional GET. Never raises ``MonitorError``: a feed
    that cannot be fetched or parsed comes back with ``status="failed"`` and the error.
    """
    url = feed["url"]
    try:
        result = fetcher.get(url, etag=feed.get("etag"), last_modified=feed.get("last_modified"), kind="feed")
    except FetchError as exc:
        return FeedFetch(feed, "failed", http_status=exc.status, error=str(exc), retry_after=exc.retry_after)
    fetched = FeedFetch(feed, "ok", http_status=result.status, final_url=result.final_url,
                        permanent_redirect=result.permanent_redirect, retry_after=result.retry_after,
                        etag=result.etag, last_modified=result.last_modified)
    if result.not_modified:
        fetched.status = "not_modified"
        return fetched
    try:
        fetched.parsed = parse_feed(result.content, result.final_url or url, result.encoding)
    except FeedError as exc:
        fetched.status, fetched.error = "failed", str(exc)
    return fetched


__all__ = ["FeedEntry", "FeedFetch", "FeedPollResult", "ParsedFeed", "canonical_url", "fetch_feed",
           "later", "next_poll_delay", "parse_feed"]
