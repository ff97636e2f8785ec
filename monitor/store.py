"""The SQLite store: schema, migrations and every query (sqlite-utils).

Nothing else in the project writes SQL. The schema is a list of registered migrations
(sqlite-utils ``Migrations``), each applied in the same transaction that records it, so a
database of any older version is brought up to date on open. All SQL is parameterised.
Writes are upserts keyed on natural keys (feed config URL, canonical article URL, claim id,
(claim, article)), so rerunning a poll cycle after a crash neither loses nor duplicates rows.

Tables (see README "The database" for example queries):
    feeds          one row per configured feed, with its polling state
    feed_entries   every entry seen in a feed: (feed, guid) -> article; makes reruns idempotent
    articles       one row per canonical article URL, with extracted text or the error
    documents      baseline documents
    claims         the tracked claims (mirror of config/claims.toml)
    alerts         one verdict per (claim, article), with evidence and values compared
    resolutions    outcomes of forecasts and scheduled events (automatic or by hand)
    runs           one row per poll / digest run, with its counts
    digests        digest emails and their delivery status
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, is_dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

import sqlite_utils
from sqlite_utils.migrations import Migrations

from .errors import StoreError

migrations = Migrations("follow-up-monitor")


def utcnow() -> str:
    """The current time as the ISO-8601 UTC text every timestamp column uses."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


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


def _encode(value: Any) -> Any:
    """Dataclasses, dicts and lists are stored as JSON text."""
    if is_dataclass(value) and not isinstance(value, type):
        value = asdict(value)
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


class Store:
    """The project's database. Open it with ``Store(path)``; it migrates itself on open."""

    def __init__(self, path: Path | str, *, read_only: bool = False):
        self.path = Path(path)
        try:
            if read_only:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no database here yet; run `monitor poll` first")
                conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
                self.db = sqlite_utils.Database(conn)
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), timeout=30, check_same_thread=False,
                                   isolation_level=None)
            self.db = sqlite_utils.Database(conn)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA busy_timeout=30000")
            migrations.apply(self.db)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc}); "
                             "check the path in [database] path, or move a damaged file away") from exc

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

    def finish_run(self, run_id: int, status: str, **counts: Any) -> None:
        counts = {key: _encode(value) for key, value in counts.items()}
        self.db["runs"].update(run_id, {"finished_at": utcnow(), "status": status, **counts})

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        return list(self.db.query("select * from runs order by id desc limit ?", [limit]))
