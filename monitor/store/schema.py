"""The schema: tables as registered migrations, and bringing a database of any version up to date.

The schema is a list of registered migrations (sqlite-utils ``Migrations``), each applied in
the same transaction that records it, so a database of any older version is brought up to date
on open (``upgrade``). Views are not migrations: they are derived objects, (re)created from
``views.py`` after the migrations, so their SQL is written once. The queries are ``Store``'s
(``database.py``).

Tables (see docs/database.md for columns and example queries):
    feeds          one row per configured feed, with its polling state
    feed_entries   every entry seen in a feed: (feed, guid) -> article; makes reruns idempotent
    articles       one row per canonical article URL, with extracted text or the error
    documents      baseline documents
    claims         the tracked claims (mirror of config/claims.toml)
    alerts         one verdict per (claim, article), with evidence and values compared
    resolutions    outcomes of forecasts and scheduled events (automatic or by hand)
    runs           one row per poll / digest run, with its counts
    digests        digest emails and their delivery status
    rechecks       one row per evidence re-check of an article behind an alert
    backfill_records  one row per archive record a back-fill finished: the exactly-once checkpoint
    monitor_settings  the settings the status views read
"""
from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

from .views import create_views, views_current

migrations = Migrations("follow-up-monitor")


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db["feeds"].create({
        "id": int, "config_url": str, "url": str, "name": str, "title": str,
        "etag": str, "last_modified": str, "last_polled_at": str, "last_success_at": str,
        "last_status": int, "last_error": str, "consecutive_failures": int,
        "next_poll_at": str, "interval_minutes": float, "created_at": str,
    }, pk="id", not_null={"config_url", "url", "name"}, defaults={"consecutive_failures": 0})
    db["feeds"].create_index(["config_url"], unique=True)

    db["articles"].create({
        "id": int, "canonical_url": str, "url": str, "feed_id": int, "guid": str,
        "title": str, "author": str, "site": str, "published_at": str, "fetched_at": str,
        "text": str, "language": str, "content_hash": str, "duplicate_of": int,
        "http_status": int, "etag": str, "last_modified": str,
        "status": str, "error": str, "attempts": int,
    }, pk="id", not_null={"canonical_url", "status"}, defaults={"attempts": 0},
        foreign_keys=[("feed_id", "feeds", "id"), ("duplicate_of", "articles", "id")])
    db["articles"].create_index(["canonical_url"], unique=True)
    db["articles"].create_index(["content_hash"])
    db["articles"].create_index(["status"])

    db["feed_entries"].create({
        "id": int, "feed_id": int, "guid": str, "url": str, "canonical_url": str,
        "title": str, "published_at": str, "article_id": int, "first_seen_at": str,
    }, pk="id", not_null={"feed_id", "guid"},
        foreign_keys=[("feed_id", "feeds", "id"), ("article_id", "articles", "id")])
    db["feed_entries"].create_index(["feed_id", "guid"], unique=True)

    db["documents"].create({
        "id": int, "path": str, "title": str, "source": str, "date": str, "sha256": str,
        "added_at": str,
    }, pk="id", not_null={"path"})
    db["documents"].create_index(["path"], unique=True)

    db["claims"].create({
        "id": str, "document_id": int, "quote": str, "statement": str, "speaker": str,
        "source": str, "kind": str, "subject": str, "value": float, "unit": str,
        "approximate": int, "probability": float, "resolves_by": str, "active": int,
        "slots": str, "sources": str, "updated_at": str,
    }, pk="id", not_null={"statement", "kind"}, defaults={"active": 1},
        foreign_keys=[("document_id", "documents", "id")])

    db["digests"].create({
        "id": int, "created_at": str, "recipients": str, "subject": str, "status": str,
        "sent_at": str, "error": str, "alert_count": int,
    }, pk="id", not_null={"status"})

    db["alerts"].create({
        "id": int, "claim_id": str, "article_id": int, "verdict": str, "confidence": float,
        "evidence": str, "claim_value": str, "article_value": str, "values_compared": str,
        "model_version": str, "detected_at": str, "updated_at": str, "digest_id": int,
        "review": str, "review_note": str, "reviewed_at": str,
    }, pk="id", not_null={"claim_id", "article_id", "verdict"},
        foreign_keys=[("claim_id", "claims", "id"), ("article_id", "articles", "id"),
                      ("digest_id", "digests", "id")])
    db["alerts"].create_index(["claim_id", "article_id"], unique=True)
    db["alerts"].create_index(["detected_at"])

    db["resolutions"].create({
        "id": int, "claim_id": str, "outcome": str, "resolved_on": str, "evidence_url": str,
        "alert_id": int, "method": str, "brier": float, "recorded_at": str,
    }, pk="id", not_null={"claim_id", "outcome", "method"},
        foreign_keys=[("claim_id", "claims", "id"), ("alert_id", "alerts", "id")])

    db["runs"].create({
        "id": int, "kind": str, "started_at": str, "finished_at": str, "status": str,
        "feeds_polled": int, "feeds_not_modified": int, "feeds_failed": int,
        "articles_new": int, "articles_duplicate": int, "articles_failed": int,
        "alerts_new": int, "errors": str, "seconds": float,
    }, pk="id", not_null={"kind", "started_at"})

    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")
    db["alerts"].enable_fts(["evidence"], create_triggers=True, tokenize="porter")


@migrations()
def m_feeds_configured(db: sqlite_utils.Database) -> None:
    # Feeds removed from the config keep their rows (their entries and articles refer to
    # them) but are no longer polled; last_problem keeps what was wrong with a feed that
    # still parsed (feedparser "bozo"), which is not a failure.
    db["feeds"].add_column("configured", int, not_null_default=1)
    db["feeds"].add_column("last_problem", str)
    db["feed_entries"].create_index(["article_id"])


@migrations()
def m_digest_bookkeeping(db: sqlite_utils.Database) -> None:
    # A digest row keeps the ids of the alerts it carried (alerts.digest_id is cleared again when
    # a send fails, so the row must remember them itself); a digest run points at its digest.
    db["digests"].add_column("alert_ids", str)
    db["runs"].add_column("digest_id", int)
    db["alerts"].create_index(["digest_id"])
    db["digests"].create_index(["status"])


@migrations()
def m_claim_status_view(db: sqlite_utils.Database) -> None:
    # Claim status is derived on read, never stored: the claim_status and claim_timeline views
    # (monitor/store/views.py, created after the migrations) read the threshold from which an
    # alert counts from this one-row-per-setting table (the store mirrors the config there).
    db["monitor_settings"].create({"key": str, "value": str, "updated_at": str}, pk="key")


@migrations()
def m_articles_judged_at(db: sqlite_utils.Database) -> None:
    # When the poll cycle last ran the judge over an article: articles saved but not judged
    # (no claims yet, or a crash between saving and judging) are judged on the next cycle.
    db["articles"].add_column("judged_at", str)


@migrations()
def m_resolution_notes(db: sqlite_utils.Database) -> None:
    # A person who resolves a forecast or event by hand (`monitor claims resolve --note`) says
    # why; the note stays with that resolution. Resolutions are read per claim.
    db["resolutions"].add_column("note", str)
    db["resolutions"].create_index(["claim_id"])


@migrations()
def m_claim_status_manual_resolution_first(db: sqlite_utils.Database) -> None:
    # This migration rewrote the claim_status view (a person's resolution outranks automatic
    # ones). Views are now (re)created from monitor/store/views.py after the migrations, so
    # there is nothing left to do here; the name stays, as databases record it.
    pass


@migrations()
def m_feed_health_and_rechecks(db: sqlite_utils.Database) -> None:
    # Feed health (monitor/health.py): when the current run of failures began, and when a feed
    # that had been failing last succeeded again (with how many failures that ended).
    # Evidence re-check (monitor/recheck.py): an article behind an alert is fetched once more;
    # ``removed_at`` marks one that is gone (404/410), ``rechecked_at`` one that was re-checked.
    # A withdrawn alert keeps its row; it is set to verdict ``unrelated`` / confidence 0 (as
    # ``save_verdicts(replace=True)`` withdraws) so every reader already ignores it, and keeps
    # what it said in ``withdrawn_verdict`` / ``withdrawn_confidence``. ``rechecks`` is the log
    # of every re-check, one row each, for the digest and by hand. Nothing is deleted.
    db["feeds"].add_column("failing_since", str)
    db["feeds"].add_column("recovered_at", str)
    db["feeds"].add_column("recovered_after_failures", int)
    db["articles"].add_column("removed_at", str)
    db["articles"].add_column("rechecked_at", str)
    db["alerts"].add_column("withdrawn_at", str)
    db["alerts"].add_column("withdrawn_reason", str)
    db["alerts"].add_column("withdrawn_verdict", str)
    db["alerts"].add_column("withdrawn_confidence", float)
    db["rechecks"].create({
        "id": int, "article_id": int, "checked_at": str, "outcome": str, "http_status": int,
        "previous_hash": str, "content_hash": str, "alerts_before": str, "alerts_after": str, "error": str,
    }, pk="id", not_null={"article_id", "checked_at", "outcome"}, foreign_keys=[("article_id", "articles", "id")])
    db["rechecks"].create_index(["article_id"])
    db["rechecks"].create_index(["checked_at"])


@migrations()
def m_independent_sources(db: sqlite_utils.Database) -> None:
    # Independent sources (monitor/sources.py): each article's MinHash signature (a BLOB, so the
    # LSH index is rebuilt without re-reading text), its group of near-duplicates (the id of the
    # group's first article) and its site (host without www.). A claim is confirmed or
    # contradicted only by ``min_independent_sources`` of them (mirrored into monitor_settings,
    # default 2); below that, with some counted evidence, its status is 'reported-once'.
    # An alert adds an independent source when no earlier counted alert of the same claim and
    # verdict came from an article of the same group or the same site (arrival order, so the
    # count never goes down as alerts arrive). Articles stored before this migration count as
    # a group of their own (or of the article they duplicate). The views that count them are
    # in monitor/store/views.py.
    from urllib.parse import urlsplit

    db["articles"].add_column("minhash", bytes)
    db["articles"].add_column("source_group", int)
    db["articles"].add_column("source_site", str)
    db["articles"].create_index(["source_group"])
    for row in list(db.query("select id, canonical_url from articles")):
        host = urlsplit(row["canonical_url"] or "").hostname
        if host:
            db.execute("update articles set source_site = ? where id = ?", [host.removeprefix("www."), row["id"]])


@migrations()
def m_independent_sources_backfill(db: sqlite_utils.Database) -> None:
    # This migration grouped the articles stored before m_independent_sources. The store imports
    # no stage, so the poll cycle does it now (monitor.run.poll.backfill_sources, reading
    # Store.ungrouped_articles); the name stays, as databases record it.
    pass


@migrations()
def m_claim_status_ignores_withdrawn_resolutions(db: sqlite_utils.Database) -> None:
    # This migration rewrote the claim_status view (a resolution read from an alert the
    # re-check withdrew no longer counts). Views are now (re)created from
    # monitor/store/views.py after the migrations; the name stays, as databases record it.
    pass


@migrations()
def m_digest_message(db: sqlite_utils.Database) -> None:
    # A digest keeps the exact message it sends and its Message-ID: a digest whose delivery the
    # server never confirmed (status ``sending``) is sent again as that same message, never
    # re-composed with its alerts under another Message-ID (see digest.py).
    db["digests"].add_column("message_id", str)
    db["digests"].add_column("message", bytes)


@migrations()
def m_backfill(db: sqlite_utils.Database) -> None:
    # Back-fill (monitor/run/backfill.py): an article read from an archive says so (``origin``
    # 'backfill', NULL for a polled one) and from which file, folder or URL list
    # (``origin_source``). ``backfill_records`` is the checkpoint: one row per record finished
    # (stored, duplicate, filtered or failed), written in the same transaction as the article
    # and its alerts, so a killed back-fill rerun on the same sources skips exactly what was
    # done and stores nothing twice. ``record`` is the record's place in its source: a WARC
    # record's byte offset, a page's path in its folder, a URL of a list.
    db["articles"].add_column("origin", str)
    db["articles"].add_column("origin_source", str)
    db["backfill_records"].create({
        "source": str, "record": str, "url": str, "status": str, "reason": str, "article_id": int,
        "finished_at": str,
    }, pk=("source", "record"), not_null={"source", "record", "status"},
        foreign_keys=[("article_id", "articles", "id")])


def upgrade(db: sqlite_utils.Database) -> None:
    """Apply pending migrations, then (re)create the views if their SQL changed."""
    if migrations.pending(db):
        # views are derived: dropped while tables change, made again from views.py below
        with db.atomic():
            for (name,) in db.execute("select name from sqlite_master where type = 'view'").fetchall():
                db.execute(f"drop view [{name}]")
        migrations.apply(db)
    create_views(db)


def is_current(db: sqlite_utils.Database) -> bool:
    """Whether nothing is left to migrate and the views are this version's."""
    return not migrations.pending(db) and views_current(db)
