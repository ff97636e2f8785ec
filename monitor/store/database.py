"""The Store: opening the database and every query, grouped by concern (sqlite-utils).

Nothing else in the project writes SQL. The tables and their migrations are ``schema.py``'s,
the status views ``views.py``'s. All SQL is parameterised. Writes are upserts keyed on natural
keys (feed config URL, canonical article URL, claim id, (claim, article)), so rerunning a poll
cycle after a crash neither loses nor duplicates rows.
"""
from __future__ import annotations

import json
import random
import sqlite3
import time
from dataclasses import asdict, is_dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import sqlite_utils

from ..errors import StoreError
from ..locking import ProcessLock, migration_lock_path
from .schema import is_current, migrations, upgrade
from .views import (
    CLAIM_HISTORY_HOLES,
    CLAIM_QUERY_HOLES,
    QUERY_HOLES,
    StatusSettings,
    status_sql,
    timeline_sql,
)

# How long opening a database waits for another process to finish migrating it (a backfill
# over a large archive can take minutes).
MIGRATION_LOCK_WAIT = 600.0


def utcnow() -> str:
    """The current time as the ISO-8601 UTC text every timestamp column uses."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# A person's review of an alert; also the web view's canned write query (monitor/web.py).
REVIEW_ALERT_SQL = (
    "update alerts set review = :review, review_note = nullif(:note, ''),\n"
    "  reviewed_at = case when :review is null then null else strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') end\n"
    "where id = :alert_id")


def _encode(value: Any) -> Any:
    """Dataclasses, dicts and lists are stored as JSON text."""
    if is_dataclass(value) and not isinstance(value, type):
        value = asdict(value)
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _when_unlocked(action: Callable[[], None], patience: float = 30.0) -> None:
    """Run ``action``, again while SQLite answers "database is locked" without waiting.

    SQLite does not call the busy handler for a journal-mode change (it already holds a read lock
    when it asks for the exclusive one), nor always for a connection meeting another that is
    just turning a new file into a WAL database, so processes opening a new database at the same
    moment get "database is locked" at once, whatever the busy timeout; retry until ``patience``
    runs out instead."""
    deadline = time.monotonic() + patience
    while True:
        try:
            action()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.01, 0.05))


class Store:
    """The project's database. Open it with ``Store(path)``; it migrates itself on open.

    ``settings`` are the status settings (alert threshold, independent sources) every status
    read uses; a writable store also mirrors them into ``monitor_settings`` for the views.
    Without them, status reads use what the database holds (``open_store`` passes the config's).
    """

    def __init__(self, path: Path | str, *, read_only: bool = False, settings: StatusSettings | None = None):
        self.path = Path(path)
        self.read_only = read_only
        self.settings = settings or StatusSettings()
        try:
            if read_only:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no database here yet; run `monitor poll` first")
                conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
                self.db = sqlite_utils.Database(conn)
                # A read-only store cannot migrate: say how to bring an older database up to date.
                if not is_current(self.db):
                    raise StoreError(f"{self.path}: the database was made by an older version; run any "
                                     "writing command once (e.g. `monitor poll`) to update its schema")
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), timeout=30, check_same_thread=False,
                                   isolation_level=None)
            self.db = sqlite_utils.Database(conn)
            _when_unlocked(self._prepare)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc}); "
                             "check the path in [database] path, or move a damaged file away") from exc

    def _prepare(self) -> None:
        """WAL, the pragmas, the schema and the settings of a writable store (each step can be
        run again: ``_when_unlocked`` repeats them while another process is creating the file)."""
        self.db.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL cannot corrupt the database and survives a killed process; it
        # skips an fsync per commit (3 ms -> 0.3 ms per saved article).
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=30000")
        if not is_current(self.db):
            # Two processes opening a new (or older) database at once would both apply the
            # same migrations and one would fail half-way; the second waits, then finds
            # nothing left to do.
            with ProcessLock(migration_lock_path(self.path), "updating the database schema",
                             wait=MIGRATION_LOCK_WAIT):
                upgrade(self.db)
        self.use_settings(self.settings)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """How many migrations have been applied."""
        return len(migrations.applied(self.db))

    def query(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> Iterator[dict[str, Any]]:
        """Rows of a read query, as dicts (parameterised; for the CLI's canned queries)."""
        return self.db.query(sql, params)

    # -- runs ---------------------------------------------------------------------------

    def start_run(self, kind: str) -> int:
        return self.db["runs"].insert({"kind": kind, "started_at": utcnow(), "status": "running"}).last_pk

    def close_abandoned_runs(self, kind: str) -> int:
        """Mark the runs of ``kind`` still ``running`` as ``interrupted``; returns how many.

        Call only while holding the lock of that kind of run (the poll lock, the digest lock):
        then no live process owns them, and their process was killed or crashed. Their work
        is in the database as they left it, and the run that calls this redoes it.
        """
        return self.db.execute(
            "update runs set status = 'interrupted', finished_at = ?, errors = ? where kind = ? and status = 'running'",
            [utcnow(), _encode(["the process stopped without finishing this run (killed or crashed); "
                                "the next run redid its work"]), kind]).rowcount

    def finish_run(self, run_id: int, status: str, **counts: Any) -> None:
        counts = {key: _encode(value) for key, value in counts.items()}
        self.db["runs"].update(run_id, {"finished_at": utcnow(), "status": status, **counts})

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        return list(self.db.query("select * from runs order by id desc limit ?", [limit]))

    # -- digests ---------------------------------------------------------------------------
    # An alert is "mailed" when its digest_id points at a digest; begin_digest claims alerts for
    # a pending digest in one transaction, fail_digest hands them back. Statuses: pending,
    # sent, failed, empty (nothing new, nothing sent).

    def unmailed_alerts(self) -> list[dict[str, Any]]:
        """Alerts not in any digest yet, with their article's title, link, site and feed name."""
        return list(self.db.query(
            "select alerts.*, articles.title as article_title,"
            " coalesce(articles.url, articles.canonical_url) as article_url, articles.site as site,"
            " articles.published_at as published_at, feeds.name as feed_name"
            " from alerts join articles on articles.id = alerts.article_id"
            " left join feeds on feeds.id = articles.feed_id"
            # An alert a person already marked wrong is not news, nor one that re-scoring
            # withdrew (verdict unrelated); both wait unmailed, and go out if that changes.
            " where alerts.digest_id is null and coalesce(alerts.review, '') != 'wrong'"
            " and alerts.verdict != 'unrelated'"
            " order by alerts.detected_at, alerts.id"))

    def digest_claims(self, claim_ids: Iterable[str]) -> list[dict[str, Any]]:
        """Claims, each with ``mailed_alert_ids``: a JSON list of its alerts already in a sent digest."""
        ids = list(claim_ids)
        if not ids:
            return []
        return list(self.db.query(
            "select claims.*,"
            " (select json_group_array(a.id) from alerts a join digests d on d.id = a.digest_id"
            "   where a.claim_id = claims.id and d.status = 'sent') as mailed_alert_ids"
            f" from claims where id in ({', '.join('?' for _ in ids)}) order by id", ids))

    def last_digest(self, *, sent_only: bool = False) -> dict[str, Any] | None:
        """The latest digest that completed (``sent``, or ``empty``: nothing new), if any."""
        statuses = "('sent')" if sent_only else "('sent', 'empty')"
        return next(iter(self.db.query(
            f"select * from digests where status in {statuses} order by id desc limit 1")), None)

    def digests(self, limit: int = 20) -> list[dict[str, Any]]:
        return list(self.db.query("select * from digests order by id desc limit ?", [limit]))

    def record_empty_digest(self, subject: str) -> int:
        """A digest day with nothing new: nothing is sent, but the day counts as done."""
        now = utcnow()
        cursor = self.db.execute(
            "insert into digests (created_at, subject, status, sent_at, alert_count, alert_ids)"
            " values (?, ?, 'empty', ?, 0, '[]')", [now, subject, now])
        return int(cursor.lastrowid)

    def begin_digest(self, *, subject: str, recipients: Iterable[str], alert_ids: Iterable[int],
                     message_id: str | None = None, message: bytes | None = None) -> int:
        """Record a ``pending`` digest and claim its alerts for it, all or nothing; returns its id.

        ``message`` (the bytes to send) and its ``message_id`` are kept so that a send whose
        outcome is unknown can be repeated as the same message. Raises ``StoreError`` if another
        digest claimed one of the alerts meanwhile.
        """
        ids = list(alert_ids)
        with self.db.atomic():
            # The insert comes first so the transaction takes SQLite's write lock before it reads.
            cursor = self.db.execute(
                "insert into digests (created_at, recipients, subject, status, alert_count, alert_ids,"
                " message_id, message) values (?, ?, ?, 'pending', ?, ?, ?, ?)",
                [utcnow(), _encode(list(recipients)), subject, len(ids), _encode(ids), message_id, message])
            digest_id = int(cursor.lastrowid)
            claimed = 0
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                claimed += self.db.execute(
                    f"update alerts set digest_id = ? where digest_id is null and id in"
                    f" ({', '.join('?' for _ in chunk)})", [digest_id, *chunk]).rowcount
            if claimed != len(ids):
                raise StoreError(f"{len(ids) - claimed} of the digest's alerts were taken by another digest "
                                 "meanwhile; nothing was sent; run `monitor digest` again")
        return digest_id

    def digest_status(self, digest_id: int) -> str | None:
        row = self.db.execute("select status from digests where id = ?", [digest_id]).fetchone()
        return row[0] if row else None

    def mark_digest_sending(self, digest_id: int) -> None:
        """The SMTP transaction of this digest starts: from now on the server may accept it."""
        self.db.execute("update digests set status = 'sending' where id = ?", [digest_id])

    def mark_digest_sent(self, digest_id: int, refused: dict[str, str] | None = None) -> None:
        error = "; ".join(f"refused {address}: {reply}" for address, reply in (refused or {}).items()) or None
        self.db.execute("update digests set status = 'sent', sent_at = ?, error = ? where id = ?",
                        [utcnow(), error, digest_id])

    def fail_digest(self, digest_id: int, error: str) -> None:
        """Mark a digest ``failed`` with its error and hand its alerts back for the next digest."""
        with self.db.atomic():
            self.db.execute("update digests set status = 'failed', error = ? where id = ?", [error, digest_id])
            self.db.execute("update alerts set digest_id = null where digest_id = ?", [digest_id])

    def note_digest_error(self, digest_id: int, error: str) -> None:
        """Keep the error of a digest whose delivery is still unconfirmed (it stays ``sending``)."""
        self.db.execute("update digests set error = ? where id = ?", [error, digest_id])

    def release_interrupted_digests(self) -> list[dict[str, Any]]:
        """Fail every ``pending`` digest, one whose SMTP transaction never started, and hand its
        alerts back (call only while holding the digest lock: its sender is gone).

        A ``sending`` digest without a stored message (recorded by an older version) cannot be
        sent again as it was and is released the same way.
        """
        pending = list(self.db.query("select id, alert_count from digests where status = 'pending'"
                                     " or (status = 'sending' and message is null) order by id"))
        for digest in pending:
            self.fail_digest(digest["id"], "interrupted: the sending process stopped before the SMTP server "
                                           "confirmed delivery; its alerts went into the next digest")
        return pending

    def unconfirmed_digests(self) -> list[dict[str, Any]]:
        """Digests whose SMTP transaction started but whose acceptance was never recorded (the
        sender died or lost the connection after handing over the message), oldest first."""
        return list(self.db.query("select * from digests where status = 'sending' and message is not null"
                                  " order by id"))

    # -- feeds and articles ----------------------------------------------------------------

    def transaction(self) -> Any:
        """``with store.transaction():`` groups writes: all of them happen or none (nests)."""
        return self.db.atomic()

    def sync_feeds(self, feeds: Iterable[Any]) -> None:
        """Make the feeds table match the config (``FeedConfig`` records), keyed on the config URL.

        New feeds are due at once; changed names and intervals are updated; feeds no longer in
        the config keep their row (and history) with ``configured = 0`` and are not polled.
        """
        now = utcnow()
        with self.db.atomic():
            self.db.execute("update feeds set configured = 0")
            for feed in feeds:
                self.db.execute(
                    "insert into feeds (config_url, url, name, interval_minutes, configured, created_at,"
                    " consecutive_failures) values (?, ?, ?, ?, 1, ?, 0)"
                    " on conflict(config_url) do update set name = excluded.name,"
                    " interval_minutes = excluded.interval_minutes, configured = 1",
                    [feed.url, feed.url, feed.name, float(feed.interval_minutes), now])

    def feeds(self, configured_only: bool = False) -> list[dict[str, Any]]:
        where = "where configured = 1 " if configured_only else ""
        return list(self.db.query(f"select * from feeds {where}order by id"))

    def feed(self, feed_id: int) -> dict[str, Any]:
        return self.db["feeds"].get(feed_id)

    def due_feeds(self, now: str | None = None, force: bool = False) -> list[dict[str, Any]]:
        """Configured feeds whose ``next_poll_at`` has passed (never polled ones first); all if ``force``."""
        return list(self.db.query(
            "select * from feeds where configured = 1 and (? or next_poll_at is null or next_poll_at <= ?)"
            " order by next_poll_at is not null, next_poll_at, id",
            [1 if force else 0, now or utcnow()]))

    def record_feed_success(self, feed_id: int, *, polled_at: str, status: int | None, next_poll_at: str,
                            etag: str | None, last_modified: str | None, url: str | None = None,
                            title: str | None = None, problem: str | None = None) -> None:
        """A poll that worked (200 or 304): reset the failure count, keep the validators."""
        self.db.execute(
            "update feeds set last_polled_at = ?, last_success_at = ?, last_status = ?, last_error = null,"
            # feed health: a success after failures records the recovery (read by monitor/health.py)
            " recovered_at = case when consecutive_failures > 0 then ? else recovered_at end,"
            " recovered_after_failures = case when consecutive_failures > 0 then consecutive_failures"
            "   else recovered_after_failures end, failing_since = null,"
            " consecutive_failures = 0, next_poll_at = ?, etag = ?, last_modified = ?, last_problem = ?,"
            " url = coalesce(?, url), title = coalesce(?, title) where id = ?",
            [polled_at, polled_at, status, polled_at, next_poll_at, etag, last_modified, problem, url, title,
             feed_id])

    def record_feed_failure(self, feed_id: int, *, polled_at: str, status: int | None, error: str,
                            next_poll_at: str) -> None:
        """A poll that failed: count it and keep the error; the validators stay for the next try."""
        self.db.execute(
            "update feeds set last_polled_at = ?, last_status = ?, last_error = ?,"
            # feed health: the first failure of a run says since when the feed fails
            " failing_since = case when consecutive_failures = 0 then ? else coalesce(failing_since, ?) end,"
            " consecutive_failures = consecutive_failures + 1, next_poll_at = ? where id = ?",
            [polled_at, status, error, polled_at, polled_at, next_poll_at, feed_id])

    def record_entry(self, feed_id: int, entry: Any, canonical_url: str | None = None) -> bool:
        """Remember a feed entry (a ``FeedEntry``); True if this feed had not listed it before."""
        cursor = self.db.execute(
            "insert into feed_entries (feed_id, guid, url, canonical_url, title, published_at, first_seen_at)"
            " values (?, ?, ?, ?, ?, ?, ?) on conflict(feed_id, guid) do nothing",
            [feed_id, entry.guid, entry.url, canonical_url, entry.title, entry.published_at, utcnow()])
        return cursor.rowcount == 1

    def pending_entries(self, max_attempts: int = 3) -> list[dict[str, Any]]:
        """Entries with a URL whose article is not stored yet, or failed fewer than ``max_attempts`` times.

        This is the poll cycle's to-do list: because it is read from the database, work cut off
        by a crash is simply found again by the next cycle.
        """
        return list(self.db.query(
            "select e.*, f.name as feed_name, a.attempts as attempts from feed_entries e"
            " join feeds f on f.id = e.feed_id left join articles a on a.id = e.article_id"
            " where e.url is not null and (e.article_id is null or (a.status = 'failed' and a.attempts < ?))"
            " order by e.id", [max_attempts]))

    def entries(self, feed_id: int | None = None) -> list[dict[str, Any]]:
        where, params = ("where feed_id = ? ", [feed_id]) if feed_id is not None else ("", [])
        return list(self.db.query(f"select * from feed_entries {where}order by id", params))

    def link_entries(self, entry_ids: Iterable[int], article_id: int) -> None:
        """Point feed entries at the article they link to (also: at the story they duplicate)."""
        for entry_id in entry_ids:
            self.db.execute("update feed_entries set article_id = ? where id = ?", [article_id, entry_id])

    def set_entry_canonical_url(self, entry_id: int, canonical_url: str) -> None:
        self.db.execute("update feed_entries set canonical_url = ? where id = ?", [canonical_url, entry_id])

    def article(self, article_id: int) -> dict[str, Any]:
        return self.db["articles"].get(article_id)

    def article_by_canonical_url(self, canonical_url: str) -> dict[str, Any] | None:
        return next(iter(self.db.query("select * from articles where canonical_url = ?", [canonical_url])), None)

    def article_by_content_hash(self, content_hash: str) -> dict[str, Any] | None:
        """The first stored (status ``ok``) article with this extracted-text hash, if any."""
        return next(iter(self.db.query(
            "select * from articles where content_hash = ? and status = 'ok' order by id limit 1",
            [content_hash])), None)

    def articles_sharing_phrases(self, phrases: list[str], limit: int = 5) -> list[dict[str, Any]]:
        """``ok`` articles whose text contains any of these word sequences (full-text phrase
        search), best match first: the candidates for a near-duplicate check."""
        # Inside an FTS5 phrase only a double quote is special; the tokenizer does the rest.
        words = [" ".join(phrase.replace('"', " ").split()) for phrase in phrases]
        query = " OR ".join(f'"{w}"' for w in words if w)
        if not query:
            return []
        return list(self.db.query(
            "select a.id, a.canonical_url, a.text from articles_fts join articles a on a.id = articles_fts.rowid"
            " where articles_fts match ? and a.status = 'ok' order by articles_fts.rank limit ?",
            [f"text : ({query})", limit]))

    def save_article(self, *, canonical_url: str, url: str, feed_id: int | None, guid: str | None,
                     title: str | None, text: str | None, author: str | None = None, site: str | None = None,
                     published_at: str | None = None, language: str | None = None,
                     content_hash: str | None = None, http_status: int | None = None,
                     etag: str | None = None, last_modified: str | None = None, status: str = "ok",
                     duplicate_of: int | None = None, entry_ids: Iterable[int] = (),
                     origin: str | None = None, origin_source: str | None = None) -> int:
        """Store a fetched article (``status`` ok, or duplicate with ``duplicate_of``) and link its entries.

        Upsert on the canonical URL, in one transaction with the entry links: a row left
        ``failed`` by an earlier attempt becomes the article, and a crash leaves either the
        article with its entries or neither. ``origin`` (``"backfill"``) and ``origin_source``
        (the archive) mark an article read from an archive rather than a feed.
        """
        values = {
            "canonical_url": canonical_url, "url": url, "feed_id": feed_id, "guid": guid, "title": title,
            "author": author, "site": site, "published_at": published_at, "fetched_at": utcnow(),
            "text": text, "language": language, "content_hash": content_hash, "duplicate_of": duplicate_of,
            "http_status": http_status, "etag": etag, "last_modified": last_modified, "status": status,
            "error": None,
        }
        if origin is not None:  # only then: a poll storing the URL again keeps where it first came from
            values.update(origin=origin, origin_source=origin_source)
        with self.db.atomic():
            article_id = self._upsert_article(values)
            self.link_entries(entry_ids, article_id)
        return article_id

    def record_article_failure(self, *, canonical_url: str, url: str, feed_id: int | None, guid: str | None,
                               error: str, http_status: int | None = None, title: str | None = None,
                               published_at: str | None = None, entry_ids: Iterable[int] = ()) -> tuple[int, int]:
        """Store (or update) a ``failed`` article row with its error; returns (article id, attempts so far).

        Its entries stay pending until the article has failed ``pending_entries(max_attempts)`` times.
        """
        values = {
            "canonical_url": canonical_url, "url": url, "feed_id": feed_id, "guid": guid, "title": title,
            "published_at": published_at, "fetched_at": utcnow(), "http_status": http_status,
            "status": "failed", "error": error,
        }
        with self.db.atomic():
            article_id = self._upsert_article(values)
            self.link_entries(entry_ids, article_id)
        return article_id, int(self.article(article_id)["attempts"])

    def _upsert_article(self, values: dict[str, Any]) -> int:
        columns = list(values)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "canonical_url")
        self.db.execute(
            f"insert into articles ({', '.join(columns)}, attempts) values ({', '.join('?' for _ in columns)}, 1)"
            f" on conflict(canonical_url) do update set {updates}, attempts = attempts + 1",
            list(values.values()))
        return next(iter(self.db.query("select id from articles where canonical_url = ?",
                                       [values["canonical_url"]])))["id"]

    def articles(self, limit: int = 50, status: str | None = None) -> list[dict[str, Any]]:
        """Stored articles, newest first (by publication time, else fetch time)."""
        where, params = ("where status = ? ", [status]) if status else ("", [])
        return list(self.db.query(
            "select id, published_at, fetched_at, site, title, status, error, canonical_url, url, feed_id,"
            f" duplicate_of, attempts from articles {where}"
            "order by coalesce(published_at, fetched_at) desc, id desc limit ?", params + [limit]))

    def unjudged_articles(self) -> list[dict[str, Any]]:
        """``ok`` articles the judge has not seen yet, oldest first."""
        return list(self.db.query(
            "select id, url, canonical_url, title, text, published_at from articles"
            " where status = 'ok' and judged_at is null order by id"))

    def mark_judged(self, article_id: int) -> None:
        self.db.execute("update articles set judged_at = ? where id = ?", [utcnow(), article_id])

    # -- alerts and resolutions ---------------------------------------------------------
    # The writes of the verdict stage: one alert per (claim, article), upserted so a rerun
    # after a model or rules change re-scores in place (detected_at, digest and review kept);
    # forecast and event outcomes read from an alert go to ``resolutions`` (method
    # "automatic", one per alert, replaced on re-scoring).

    def save_verdicts(self, article_id: int, verdicts: Iterable[Any], *, replace: bool = False,
                      detected_at: str | None = None) -> int:
        """Store an article's verdicts (``monitor.judge.verdicts.Verdict`` records); return how many alerts are new.

        With ``replace``, alerts of this article whose claim is not among ``verdicts`` any more
        (re-scored below the threshold, or unrelated) are withdrawn: deleted when no digest carried
        them and nobody reviewed them, else kept but marked ``unrelated`` with confidence 0, so
        history and reviews survive and the claim's status stops counting them.

        ``detected_at`` dates new alerts (default: now); a back-fill gives the article's
        publication time, so status changes read in the order things were published.
        """
        now = utcnow()
        detected = detected_at or now
        new = 0
        verdicts = list(verdicts)
        with self.db.atomic():
            article = next(iter(self.db.query(
                "select coalesce(url, canonical_url) as url, published_at from articles where id = ?",
                [article_id])), None)
            if article is None:
                raise StoreError(f"there is no article {article_id} to attach verdicts to")
            for verdict in verdicts:
                if not next(iter(self.db.query("select 1 as ok from claims where id = ?", [verdict.claim_id])), None):
                    raise StoreError(f"verdict for unknown claim {verdict.claim_id!r}: load the claims file into "
                                     "the database first (Store.sync_claims) before saving verdicts")
                existing = next(iter(self.db.query(
                    "select id from alerts where claim_id = ? and article_id = ?", [verdict.claim_id, article_id])), None)
                self.db.execute(
                    "insert into alerts (claim_id, article_id, verdict, confidence, evidence, claim_value,"
                    " article_value, values_compared, model_version, detected_at, updated_at)"
                    " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " on conflict(claim_id, article_id) do update set verdict = excluded.verdict,"
                    " confidence = excluded.confidence, evidence = excluded.evidence,"
                    " claim_value = excluded.claim_value, article_value = excluded.article_value,"
                    " values_compared = excluded.values_compared, model_version = excluded.model_version,"
                    " updated_at = excluded.updated_at",
                    [verdict.claim_id, article_id, verdict.verdict, float(verdict.confidence), verdict.evidence,
                     verdict.claim_value, verdict.article_value, _encode(verdict.values_compared),
                     verdict.model_version, detected, now])
                alert_id = next(iter(self.db.query(
                    "select id from alerts where claim_id = ? and article_id = ?",
                    [verdict.claim_id, article_id])))["id"]
                if existing is None:
                    new += 1
                self.db.execute("delete from resolutions where alert_id = ? and method = 'automatic'", [alert_id])
                if verdict.resolution:
                    self.db.execute(
                        "insert into resolutions (claim_id, outcome, resolved_on, evidence_url, alert_id, method,"
                        " brier, recorded_at) values (?, ?, ?, ?, ?, 'automatic', ?, ?)",
                        [verdict.claim_id, verdict.resolution["outcome"],
                         verdict.resolution.get("date") or article["published_at"], article["url"], alert_id,
                         verdict.resolution.get("brier"), now])
            if replace:
                kept = [v.claim_id for v in verdicts]
                marks = ", ".join("?" for _ in kept)
                stale = list(self.db.query(
                    "select id, digest_id, review from alerts where article_id = ?"
                    + (f" and claim_id not in ({marks})" if kept else ""), [article_id, *kept]))
                for row in stale:
                    self.db.execute("delete from resolutions where alert_id = ? and method = 'automatic'",
                                    [row["id"]])
                    if row["digest_id"] is None and row["review"] is None:
                        # nobody has seen it yet: it goes, and no digest will carry it
                        self.db.execute("delete from alerts where id = ?", [row["id"]])
                    else:
                        self.db.execute(
                            "update alerts set verdict = 'unrelated', confidence = 0, updated_at = ? where id = ?",
                            [now, row["id"]])
        return new

    def judged_articles(self) -> list[dict[str, Any]]:
        """``ok`` articles that are originals (not duplicates), for re-scoring, oldest first."""
        return list(self.db.query(
            "select id, url, canonical_url, title, text, published_at from articles"
            " where status = 'ok' and duplicate_of is null and text is not null order by id"))

    def resolutions(self, claim_id: str | None = None) -> list[dict[str, Any]]:
        """Recorded outcomes of forecasts and events, newest first."""
        where, params = ("where claim_id = ? ", [claim_id]) if claim_id is not None else ("", [])
        return list(self.db.query(f"select * from resolutions {where}order by recorded_at desc, id desc", params))

    # -- alert queries and status --------------------------------------------------------
    # A claim's status is never stored: it is read from the claim_status and claim_timeline
    # views (migration m_claim_status_view). Here are the reads behind `monitor alerts`,
    # `monitor status`, `monitor stats` and the web view, and the one write: a review.

    _ALERT_SELECT = (
        "select a.id, a.claim_id, a.article_id, a.verdict, a.confidence, a.evidence, a.claim_value,"
        " a.article_value, a.values_compared, a.model_version, a.detected_at, a.review, a.review_note,"
        " a.reviewed_at, ar.title as article_title, coalesce(ar.url, ar.canonical_url) as article_url,"
        " ar.site as site, ar.published_at as published_at, f.name as feed"
        " from alerts a join articles ar on ar.id = a.article_id left join feeds f on f.id = ar.feed_id")

    def use_settings(self, settings: StatusSettings) -> None:
        """Read statuses with these settings from now on, and mirror them into the database (for
        the views) unless it is read-only; a setting left None keeps what the database says."""
        self.settings = settings
        if self.read_only:
            return
        if settings.alert_threshold is not None:
            self.set_credible_confidence(settings.alert_threshold)
        if settings.min_independent_sources is not None:
            self.set_min_independent_sources(settings.min_independent_sources)

    def set_credible_confidence(self, value: float) -> None:
        """From which confidence an alert counts toward its claim's status (the views read it)."""
        self.db.execute(
            "insert into monitor_settings (key, value, updated_at) values ('credible_confidence', ?, ?)"
            " on conflict(key) do update set value = excluded.value, updated_at = excluded.updated_at"
            " where value is not excluded.value", [repr(float(value)), utcnow()])

    def _status_params(self, claim_id: str | None, today: date | None, as_of: str | None) -> dict[str, Any]:
        return {"threshold": self.settings.alert_threshold, "min_sources": self.settings.min_independent_sources,
                "today": (today or datetime.now(timezone.utc).date()).isoformat(), "as_of": as_of,
                "claim_id": claim_id}

    def claim_status_rows(self, claim_id: str | None = None, *, today: date | None = None,
                          as_of: str | None = None) -> list[dict[str, Any]]:
        """Rows of the claim_status view (one per claim, by claim id), on ``today`` (default: today
        in UTC), as the database knew them at ``as_of`` (default: everything recorded), with this
        store's settings: the view's own SQL (``views.py``), so every reader agrees with it."""
        holes = CLAIM_QUERY_HOLES if claim_id is not None else QUERY_HOLES
        return list(self.db.query(status_sql(holes) + " order by c.id", self._status_params(claim_id, today, as_of)))

    def claim_history_rows(self, claim_id: str, moments: Iterable[str], *, today: date | None = None
                           ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """One claim's claim_status rows and claim_timeline rows at each of ``moments`` (timestamps,
        each row's ``as_of``): the status as the database knew it then, in one query each, for
        the lifecycle's replay of the history."""
        params = {**self._status_params(claim_id, today, None), "moments": json.dumps(list(moments))}
        return (list(self.db.query(status_sql(CLAIM_HISTORY_HOLES), params)),
                list(self.db.query(timeline_sql(CLAIM_HISTORY_HOLES), params)))

    def claim_timeline_rows(self, claim_id: str | None = None, *, as_of: str | None = None) -> list[dict[str, Any]]:
        """The claim_timeline view (status after each alert) for one claim or all, by claim and
        step, with each alert's evidence, review time and article; ``as_of`` as in ``claim_status_rows``."""
        holes = CLAIM_QUERY_HOLES if claim_id is not None else QUERY_HOLES
        return list(self.db.query(
            "select t.*, a.evidence, a.reviewed_at, ar.title as article_title,"
            " coalesce(ar.url, ar.canonical_url) as article_url, ar.published_at as article_published_at,"
            " ar.site as article_site"
            f" from ({timeline_sql(holes)}) t join alerts a on a.id = t.alert_id"
            " join articles ar on ar.id = t.article_id order by t.claim_id, t.step",
            self._status_params(claim_id, None, as_of)))

    def alert_row(self, alert_id: int) -> dict[str, Any] | None:
        """One alert with its article's title, link, site and feed; None if there is no such alert."""
        return next(iter(self.db.query(self._ALERT_SELECT + " where a.id = ?", [alert_id])), None)

    def alerts_matching(self, *, claim_ids: Iterable[str] = (), verdicts: Iterable[str] = (),
                        since: str | None = None, before: str | None = None, feed: str | None = None,
                        site: str | None = None, min_confidence: float | None = None,
                        search: str | None = None, limit: int | None = 50) -> list[dict[str, Any]]:
        """Alerts (as ``alert_row``) that pass every given filter, newest first.

        ``since`` (inclusive) and ``before`` (exclusive) are ISO timestamps compared with
        ``detected_at`` in UTC; ``feed`` is a feed name or URL; ``site`` an article's site
        name or host (subdomains included); ``search`` is full-text over alert evidence and
        article title and text, each word quoted so user input is never FTS syntax.
        """
        clauses: list[str] = []
        params: dict[str, Any] = {}
        claim_ids, verdicts = list(claim_ids), list(verdicts)
        if claim_ids:
            params.update({f"claim{i}": c for i, c in enumerate(claim_ids)})
            clauses.append(f"a.claim_id in ({', '.join(f':claim{i}' for i in range(len(claim_ids)))})")
        if verdicts:
            params.update({f"verdict{i}": v for i, v in enumerate(verdicts)})
            clauses.append(f"a.verdict in ({', '.join(f':verdict{i}' for i in range(len(verdicts)))})")
        if since is not None:
            clauses.append("datetime(a.detected_at) >= datetime(:since)")
            params["since"] = since
        if before is not None:
            clauses.append("datetime(a.detected_at) < datetime(:before)")
            params["before"] = before
        if feed is not None:
            clauses.append(
                "(ar.feed_id in (select id from feeds where name = :feed collate nocase"
                "   or config_url = :feed or url = :feed)"
                " or a.article_id in (select e.article_id from feed_entries e join feeds fe on fe.id = e.feed_id"
                "   where fe.name = :feed collate nocase or fe.config_url = :feed or fe.url = :feed))")
            params["feed"] = feed
        if site is not None:
            escaped = site.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            clauses.append(
                "(ar.site = :site collate nocase"
                " or lower(ar.canonical_url) like :site_host escape '\\'"
                " or lower(ar.canonical_url) like :site_subdomain escape '\\')")
            params.update(site=site, site_host=f"%://{escaped}/%", site_subdomain=f"%://%.{escaped}/%")
        if min_confidence is not None:
            clauses.append("a.confidence >= :min_confidence")
            params["min_confidence"] = min_confidence
        if search is not None and search.strip():
            clauses.append(
                "(a.id in (select rowid from alerts_fts where alerts_fts match :search)"
                " or a.article_id in (select rowid from articles_fts where articles_fts match :search))")
            # Each word becomes an FTS5 string ("..." with quotes doubled), so nothing the user
            # types is FTS syntax. (sqlite-utils' quote_fts turns a lone '"' into an empty query,
            # which FTS5 rejects.)
            params["search"] = " ".join('"' + word.replace('"', '""') + '"' for word in search.split())
        sql = self._ALERT_SELECT
        if clauses:
            sql += " where " + " and ".join(clauses)
        sql += " order by datetime(a.detected_at) desc, a.id desc"
        if limit is not None:
            sql += " limit :limit"
            params["limit"] = limit
        return list(self.db.query(sql, params))

    def review_alert(self, alert_id: int, review: str | None, note: str | None = None) -> dict[str, Any]:
        """Record a person's review of an alert (``right``, ``wrong``, or None to clear it)."""
        cursor = self.db.execute(REVIEW_ALERT_SQL, {"review": review, "note": note, "alert_id": alert_id})
        row = self.alert_row(alert_id)
        if cursor.rowcount == 0 or row is None:
            raise StoreError(f"there is no alert {alert_id}; `monitor alerts` lists alerts with their ids")
        return row

    def alert_counts(self) -> dict[str, Any]:
        """The counts behind `monitor stats`: reviews per verdict, and totals (claims per status
        come from ``alerts.claim_statuses``, which also knows which claims are overdue)."""
        return {
            "reviews": list(self.db.query(
                "select verdict, count(*) as reviewed, sum(review = 'right') as right from alerts"
                " where review in ('right', 'wrong') group by verdict order by verdict")),
            "alerts_by_verdict": list(self.db.query(
                "select verdict, count(*) as count from alerts group by verdict order by verdict")),
            "articles_by_status": list(self.db.query(
                "select status, count(*) as count from articles group by status order by status")),
            "feeds": next(iter(self.db.query("select count(*) as count from feeds")))["count"],
        }

    # -- documents and claims -------------------------------------------------------------
    # The database mirrors the reviewed claims file (claims engineer): documents upserted by
    # path, claims by id. A claim that leaves the file is set inactive, never deleted, since
    # alerts and resolutions refer to it. Rows change (and ``updated_at`` moves) only when a
    # value changed, so syncing at the start of every poll cycle is cheap and quiet.

    def sync_documents(self, documents: Iterable[Any]) -> dict[str, int]:
        """Upsert baseline documents (``claims.Document`` records, or dicts with ``path``,
        ``title``, ``source``, ``date``, ``sha256``) keyed on path; return ``{path: id}``."""
        ids: dict[str, int] = {}
        now = utcnow()
        with self.db.atomic():
            for document in documents:
                row = document if isinstance(document, dict) else {
                    "path": str(document.path), "title": document.title, "source": document.source,
                    "date": document.date, "sha256": document.sha256}
                self.db.execute(
                    "insert into documents (path, title, source, date, sha256, added_at) values (?, ?, ?, ?, ?, ?)"
                    " on conflict(path) do update set title = excluded.title, source = excluded.source,"
                    " date = excluded.date, sha256 = coalesce(excluded.sha256, documents.sha256)",
                    [str(row["path"]), row.get("title"), row.get("source"), row.get("date"), row.get("sha256"), now])
                ids[str(row["path"])] = next(iter(self.db.query(
                    "select id from documents where path = ?", [str(row["path"])])))["id"]
        return ids

    def sync_claims(self, claims: Iterable[Any]) -> dict[str, int]:
        """Make the claims table mirror ``claims`` (``claims.Claim`` records): upsert each by id,
        set claims no longer present inactive. Documents named by claims are added when missing.
        Returns ``{"claims", "changed", "deactivated"}`` counts."""
        claims = list(claims)
        now = utcnow()
        changed = 0
        with self.db.atomic():
            documents: dict[str, int] = {}
            for claim in claims:
                if claim.document and claim.document not in documents:
                    first = claim.sources[0] if claim.sources else {}
                    existing = next(iter(self.db.query("select id from documents where path = ?",
                                                       [claim.document])), None)
                    documents[claim.document] = existing["id"] if existing else self.sync_documents([{
                        "path": claim.document, "title": first.get("title"), "source": claim.source,
                        "date": first.get("date"), "sha256": None}])[claim.document]
            for claim in claims:
                quantity = claim.quantities[0] if claim.quantities else None
                slots = {"entities": claim.entities, "quantities": claim.quantities,
                         "event_date": claim.event_date, **claim.slots}
                values = [claim.id, documents.get(claim.document or ""), claim.quote, claim.statement, claim.speaker,
                          claim.source, claim.kind, claim.subject,
                          quantity.value if quantity else None, quantity.unit if quantity else None,
                          int(quantity.approximate) if quantity else None, claim.probability, claim.resolves_by,
                          int(bool(claim.active)), _encode(slots), _encode(claim.sources), now]
                before = self.db.conn.total_changes
                self.db.execute(
                    "insert into claims (id, document_id, quote, statement, speaker, source, kind, subject, value,"
                    " unit, approximate, probability, resolves_by, active, slots, sources, updated_at)"
                    " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " on conflict(id) do update set document_id = excluded.document_id, quote = excluded.quote,"
                    " statement = excluded.statement, speaker = excluded.speaker, source = excluded.source,"
                    " kind = excluded.kind, subject = excluded.subject, value = excluded.value,"
                    " unit = excluded.unit, approximate = excluded.approximate,"
                    " probability = excluded.probability, resolves_by = excluded.resolves_by,"
                    " active = excluded.active, slots = excluded.slots, sources = excluded.sources,"
                    " updated_at = excluded.updated_at"
                    " where (claims.document_id, claims.quote, claims.statement, claims.speaker, claims.source,"
                    " claims.kind, claims.subject, claims.value, claims.unit, claims.approximate,"
                    " claims.probability, claims.resolves_by, claims.active, claims.slots, claims.sources)"
                    " is not (excluded.document_id, excluded.quote, excluded.statement, excluded.speaker,"
                    " excluded.source, excluded.kind, excluded.subject, excluded.value, excluded.unit,"
                    " excluded.approximate, excluded.probability, excluded.resolves_by, excluded.active,"
                    " excluded.slots, excluded.sources)", values)
                changed += self.db.conn.total_changes - before
            ids = [claim.id for claim in claims]
            marks = ", ".join("?" for _ in ids)
            before = self.db.conn.total_changes
            self.db.execute(
                "update claims set active = 0, updated_at = ? where active != 0"
                + (f" and id not in ({marks})" if ids else ""), [now, *ids])
            deactivated = self.db.conn.total_changes - before
        return {"claims": len(claims), "changed": changed, "deactivated": deactivated}

    def claim_rows(self, *, active_only: bool = False) -> list[dict[str, Any]]:
        """The claims table, by id (``slots`` and ``sources`` as JSON text)."""
        where = "where active = 1 " if active_only else ""
        return list(self.db.query(f"select * from claims {where}order by id"))

    def latest_alerts(self, claim_id: str, limit: int = 5) -> list[dict[str, Any]]:
        """A claim's most recent alerts with their article's title and link, newest first."""
        return list(self.db.query(
            "select a.id, a.verdict, a.confidence, a.evidence, a.detected_at, a.review,"
            " ar.title as article_title, coalesce(ar.url, ar.canonical_url) as article_url"
            " from alerts a join articles ar on ar.id = a.article_id where a.claim_id = ?"
            " order by datetime(a.detected_at) desc, a.id desc limit ?", [claim_id, limit]))

    # -- claim lifecycle: transitions, overdue, manual resolutions, export -----------------
    # Reads behind `monitor status --changes`, `monitor stats --forecasters` and `monitor
    # export` (monitor/lifecycle.py, monitor/export.py), and the one write: a person's
    # resolution of a forecast or event. Status itself still comes from the views.

    def lifecycle_claim_rows(self, claim_id: str | None = None) -> list[dict[str, Any]]:
        """Claims with what the lifecycle needs (kind, probability, resolves_by, speaker) and
        their baseline document (``document_path``, ``document_title``, ``document_date``,
        ``document_source``), by id."""
        where, params = ("where c.id = ? ", [claim_id]) if claim_id is not None else ("", [])
        return list(self.db.query(
            "select c.id, c.statement, c.quote, c.kind, c.speaker, c.source, c.probability, c.resolves_by,"
            " c.active, c.sources, d.path as document_path, d.title as document_title, d.date as document_date,"
            " d.source as document_source"
            f" from claims c left join documents d on d.id = c.document_id {where}order by c.id", params))

    def alert_history_rows(self) -> list[dict[str, Any]]:
        """Every alert with when it was detected, reviewed and withdrawn by the re-check (``verdict``:
        what it said on arrival), by claim and detection: the events a replay of the history
        orders (the status at each moment comes from the views' SQL)."""
        return list(self.db.query(
            "select id as alert_id, claim_id, detected_at, coalesce(withdrawn_verdict, verdict) as verdict, review,"
            " reviewed_at, withdrawn_at from alerts order by claim_id, datetime(detected_at), id"))

    def lifecycle_resolution_rows(self) -> list[dict[str, Any]]:
        """Every resolution, oldest first, with the review of the alert it was read from and when
        the evidence re-check withdrew that alert (if it did)."""
        return list(self.db.query(
            "select r.*, a.review as alert_review, a.reviewed_at as alert_reviewed_at,"
            " a.withdrawn_at as alert_withdrawn_at"
            " from resolutions r left join alerts a on a.id = r.alert_id"
            " order by r.claim_id, coalesce(r.recorded_at, r.resolved_on), r.id"))

    def record_resolution(self, claim_id: str, *, outcome: str, resolved_on: str, method: str,
                          brier: float | None = None, evidence_url: str | None = None,
                          note: str | None = None, alert_id: int | None = None,
                          recorded_at: str | None = None) -> dict[str, Any]:
        """Add a resolution (the latest one counts, see the claim_status view); returns its row."""
        cursor = self.db.execute(
            "insert into resolutions (claim_id, outcome, resolved_on, evidence_url, alert_id, method, brier,"
            " recorded_at, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [claim_id, outcome, resolved_on, evidence_url, alert_id, method, brier, recorded_at or utcnow(), note])
        return next(iter(self.db.query("select * from resolutions where id = ?", [cursor.lastrowid])))

    # -- feed health ---
    # Reads behind monitor/health.py (`monitor feeds`, the digest's "Feed health" block) and the
    # evidence re-check (monitor/recheck.py): which articles behind alerts are due for their one
    # re-check, and its writes (the ``rechecks`` log, edited text, removed articles, withdrawn alerts).

    def feed_health_rows(self) -> list[dict[str, Any]]:
        """Configured feeds with their polling state and ``last_entry_at`` (when a new entry was
        last seen) and ``entry_count``, by id."""
        return list(self.db.query(
            "select f.id, f.name, f.url, f.created_at, f.last_polled_at, f.last_success_at, f.last_error,"
            " f.consecutive_failures, f.failing_since, f.recovered_at, f.recovered_after_failures,"
            " (select max(e.first_seen_at) from feed_entries e where e.feed_id = f.id) as last_entry_at,"
            " (select count(*) from feed_entries e where e.feed_id = f.id) as entry_count"
            " from feeds f where f.configured = 1 order by f.id"))

    def feed_entry_times(self, per_feed: int = 50) -> dict[int, list[str]]:
        """Per feed, the times of its latest ``per_feed`` entries (publication time, else first seen)."""
        times: dict[int, list[str]] = {}
        for row in self.db.query(
                "select feed_id, at from (select feed_id, coalesce(published_at, first_seen_at) as at,"
                " row_number() over (partition by feed_id order by id desc) as n from feed_entries)"
                " where n <= ? and at is not null", [per_feed]):
            times.setdefault(row["feed_id"], []).append(row["at"])
        return times

    def recheck_candidates(self, fetched_before: str, limit: int, max_failures: int = 3) -> list[dict[str, Any]]:
        """Original ``ok`` articles with an alert still standing, fetched at or before ``fetched_before``,
        not re-checked yet nor removed, and whose re-check failed fewer than ``max_failures`` times;
        oldest first."""
        return list(self.db.query(
            "select a.id, a.url, a.canonical_url, a.title, a.text, a.published_at, a.content_hash, a.etag,"
            " a.last_modified, a.fetched_at from articles a"
            " where a.status = 'ok' and a.duplicate_of is null and a.removed_at is null and a.rechecked_at is null"
            " and datetime(a.fetched_at) <= datetime(?)"
            " and exists (select 1 from alerts l where l.article_id = a.id and l.verdict != 'unrelated')"
            " and (select count(*) from rechecks r where r.article_id = a.id and r.outcome = 'failed') < ?"
            " order by a.fetched_at, a.id limit ?", [fetched_before, max_failures, limit]))

    def article_alerts_brief(self, article_id: int) -> list[dict[str, Any]]:
        """An article's alerts as (claim_id, verdict, confidence), by claim: a re-check's before/after."""
        return list(self.db.query(
            "select claim_id, verdict, round(confidence, 4) as confidence from alerts where article_id = ?"
            " order by claim_id", [article_id]))

    def record_recheck(self, article_id: int, *, outcome: str, http_status: int | None = None,
                       previous_hash: str | None = None, content_hash: str | None = None,
                       alerts_before: Any = None, alerts_after: Any = None, error: str | None = None,
                       checked_at: str | None = None) -> int:
        """Log one re-check (``not_modified``, ``unchanged``, ``edited``, ``removed`` or ``failed``);
        any outcome but ``failed`` marks the article re-checked (it is not checked again)."""
        checked_at = checked_at or utcnow()
        with self.db.atomic():
            cursor = self.db.execute(
                "insert into rechecks (article_id, checked_at, outcome, http_status, previous_hash, content_hash,"
                " alerts_before, alerts_after, error) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [article_id, checked_at, outcome, http_status, previous_hash, content_hash,
                 _encode(alerts_before), _encode(alerts_after), error])
            if outcome != "failed":
                self.db.execute("update articles set rechecked_at = ? where id = ?", [checked_at, article_id])
        return int(cursor.lastrowid)

    def update_article_text(self, article_id: int, *, title: str | None, text: str, content_hash: str | None,
                            http_status: int | None, etag: str | None, last_modified: str | None) -> None:
        """An edited article's new text (the old hash stays in ``rechecks``); FTS follows by trigger."""
        self.db.execute(
            "update articles set title = coalesce(?, title), text = ?, content_hash = ?, http_status = ?,"
            " etag = ?, last_modified = ?, fetched_at = ? where id = ?",
            [title, text, content_hash, http_status, etag, last_modified, utcnow(), article_id])

    def mark_article_removed(self, article_id: int, *, reason: str, removed_at: str | None = None) -> int:
        """Mark an article gone (404/410) and withdraw its standing alerts; returns how many.

        Nothing is deleted: each alert keeps its row and what it said (``withdrawn_verdict``,
        ``withdrawn_confidence``); it becomes ``unrelated`` with confidence 0, the form in which
        the claim_status view, the digest and the stats already leave withdrawn alerts out.
        """
        removed_at = removed_at or utcnow()
        with self.db.atomic():
            self.db.execute("update articles set removed_at = ? where id = ?", [removed_at, article_id])
            return self.withdraw_alerts(article_id, reason=reason, withdrawn_at=removed_at)

    def withdraw_alerts(self, article_id: int, *, reason: str, keep_claim_ids: Iterable[str] = (),
                        withdrawn_at: str | None = None) -> int:
        """Withdraw an article's standing alerts (except those of ``keep_claim_ids``); returns how many.

        Kept, never deleted: ``withdrawn_*`` say when, why and what the alert said; it becomes
        ``unrelated`` with confidence 0, which the views, the digest and the stats already skip.
        """
        withdrawn_at = withdrawn_at or utcnow()
        keep = list(keep_claim_ids)
        marks = ", ".join("?" for _ in keep)
        cursor = self.db.execute(
            "update alerts set withdrawn_at = ?, withdrawn_reason = ?, withdrawn_verdict = verdict,"
            " withdrawn_confidence = confidence, verdict = 'unrelated', confidence = 0, updated_at = ?"
            " where article_id = ? and verdict != 'unrelated'" + (f" and claim_id not in ({marks})" if keep else ""),
            [withdrawn_at, reason, withdrawn_at, article_id, *keep])
        return cursor.rowcount

    def recheck_events(self, since: str | None = None, outcomes: Iterable[str] = ("edited", "removed", "failed"),
                       limit: int = 50) -> list[dict[str, Any]]:
        """Re-checks with these outcomes (since ``since``, if given), newest first, with the article."""
        outcomes = list(outcomes)
        params: list[Any] = list(outcomes)
        where = f"r.outcome in ({', '.join('?' for _ in outcomes)})"
        if since is not None:
            where += " and datetime(r.checked_at) > datetime(?)"
            params.append(since)
        return list(self.db.query(
            "select r.*, ar.title as article_title, coalesce(ar.url, ar.canonical_url) as article_url"
            f" from rechecks r join articles ar on ar.id = r.article_id where {where}"
            " order by datetime(r.checked_at) desc, r.id desc limit ?", params + [limit]))

    # -- independent sources ---------------------------------------------------------------
    # Near-duplicate groups and sites of articles (monitor/sources.py); the claim_timeline view
    # counts a claim's evidence by them (migration m_independent_sources).

    def source_signature_rows(self, after_id: int = 0) -> Iterator[tuple[int, int | None, bytes]]:
        """``(article id, source group, MinHash blob)`` of articles with a signature and an id
        above ``after_id``, by id."""
        for row in self.db.execute(
                "select id, source_group, minhash from articles where minhash is not null and id > ?"
                " order by id", [after_id]):
            yield row[0], row[1], row[2]

    def ungrouped_articles(self) -> list[dict[str, Any]]:
        """Articles (not failed) with neither a signature nor a source group: stored before
        independent sources existed; by id."""
        return list(self.db.query(
            "select id, canonical_url, site, text, status, duplicate_of, source_site from articles"
            " where minhash is null and source_group is null and status != 'failed' order by id"))

    def newest_article_id(self) -> int:
        return int(next(iter(self.db.query("select coalesce(max(id), 0) as id from articles")))["id"])

    def set_article_source(self, article_id: int, *, source_group: int, source_site: str | None,
                           minhash: bytes | None) -> None:
        """Record an article's group of near-duplicates, its site and its signature."""
        self.db.execute(
            "update articles set source_group = ?, source_site = ?, minhash = coalesce(?, minhash) where id = ?",
            [source_group, source_site, minhash, article_id])

    def article_source(self, article_id: int) -> dict[str, Any] | None:
        """An article's ``source_group`` and ``source_site`` (None if there is no such article)."""
        return next(iter(self.db.query(
            "select id, source_group, source_site from articles where id = ?", [article_id])), None)

    def set_min_independent_sources(self, value: int) -> None:
        """How many independent sources confirm or contradict a claim (the views read it)."""
        self.db.execute(
            "insert into monitor_settings (key, value, updated_at) values ('min_independent_sources', ?, ?)"
            " on conflict(key) do update set value = excluded.value, updated_at = excluded.updated_at"
            " where value is not excluded.value", [str(int(value)), utcnow()])

    # -- back-fill checkpoint -------------------------------------------------------------
    # One row per archive record a back-fill finished, written in the transaction that stores
    # its article and alerts: a rerun skips exactly these (monitor/run/backfill.py).

    def backfill_finished(self, source: str, *, retry_failed: bool = False) -> set[str]:
        """The records of ``source`` a back-fill has finished (without the failed ones with ``retry_failed``)."""
        sql = "select record from backfill_records where source = ?"
        if retry_failed:
            sql += " and status != 'failed'"
        return {row["record"] for row in self.db.query(sql, [source])}

    def record_backfill(self, source: str, record: str, *, url: str | None, status: str,
                        reason: str | None = None, article_id: int | None = None) -> None:
        """Check a record off: ``status`` stored, duplicate, filtered or failed (with ``reason``)."""
        self.db.execute(
            "insert into backfill_records (source, record, url, status, reason, article_id, finished_at)"
            " values (?, ?, ?, ?, ?, ?, ?) on conflict(source, record) do update set url = excluded.url,"
            " status = excluded.status, reason = excluded.reason, article_id = excluded.article_id,"
            " finished_at = excluded.finished_at",
            [source, record, url, status, reason, article_id, utcnow()])

    def backfill_counts(self, source: str | None = None) -> dict[str, int]:
        """Finished records by status, of one source or of all."""
        where, params = ("where source = ? ", [source]) if source else ("", [])
        return {row["status"]: row["n"] for row in self.db.query(
            f"select status, count(*) as n from backfill_records {where}group by status", params)}
