"""The store: one module owns the schema; it migrates itself, uses WAL, and is parameterised."""
import sqlite3

import pytest

from monitor.errors import StoreError
from monitor.store import Store
from monitor.store.schema import migrations


def test_new_database_gets_every_table_and_the_schema_version(tmp_path):
    store = Store(tmp_path / "monitor.db")
    tables = set(store.db.table_names())
    assert {"feeds", "feed_entries", "articles", "documents", "claims", "alerts", "resolutions",
            "runs", "digests", "articles_fts", "alerts_fts"} <= tables
    assert store.schema_version >= 1
    assert migrations.pending(store.db) == []
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_applies_nothing_twice(tmp_path):
    path = tmp_path / "monitor.db"
    first = Store(path).schema_version
    assert Store(path).schema_version == first


def test_alerts_are_unique_per_claim_and_article(tmp_path):
    store = Store(tmp_path / "monitor.db")
    store.db["claims"].insert({"id": "c1", "statement": "s", "kind": "fact"})
    store.db["articles"].insert({"id": 1, "canonical_url": "https://e.com/a", "status": "ok"})
    store.db["alerts"].insert({"claim_id": "c1", "article_id": 1, "verdict": "confirms"})
    with pytest.raises(sqlite3.IntegrityError):
        store.db["alerts"].insert({"claim_id": "c1", "article_id": 1, "verdict": "contradicts"})


def test_runs_are_recorded(tmp_path):
    store = Store(tmp_path / "monitor.db")
    run_id = store.start_run("poll")
    store.finish_run(run_id, "ok", feeds_polled=3, errors=["feed x: timeout"])
    (run,) = store.runs()
    assert run["status"] == "ok" and run["feeds_polled"] == 3 and run["errors"] == '["feed x: timeout"]'


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path):
    path = tmp_path / "monitor.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open the database"):
        Store(path)


def test_read_only_store_of_a_missing_database_says_to_poll_first(tmp_path):
    with pytest.raises(StoreError, match="run `monitor poll` first"):
        Store(tmp_path / "missing.db", read_only=True)


def test_read_only_store_of_an_older_database_says_how_to_update_it(tmp_path):
    path = tmp_path / "monitor.db"
    store = Store(path)
    store.db.execute("delete from _sqlite_migrations where rowid = (select max(rowid) from _sqlite_migrations)")
    store.close()
    with pytest.raises(StoreError, match="older version; run any writing command"):
        Store(path, read_only=True)


def test_a_resolution_from_a_withdrawn_alert_no_longer_resolves_the_claim(tmp_path):
    store = Store(tmp_path / "monitor.db")
    store.db["claims"].insert({"id": "odds", "statement": "20% odds of a deal", "kind": "forecast",
                               "probability": 0.2})
    store.db["articles"].insert({"id": 1, "canonical_url": "https://e.com/a", "status": "ok"})
    alert_id = store.db["alerts"].insert({"claim_id": "odds", "article_id": 1, "verdict": "confirms",
                                          "confidence": 0.9, "detected_at": "2025-08-16T00:00:00+00:00"}).last_pk
    store.db["resolutions"].insert({"claim_id": "odds", "outcome": "did-not-happen", "method": "automatic",
                                    "alert_id": alert_id, "resolved_on": "2025-08-16", "brier": 0.04})
    status = lambda: next(store.query("select status from claim_status where claim_id = 'odds'"))["status"]
    assert status() == "resolved"
    store.db["alerts"].update(alert_id, {"withdrawn_at": "2025-08-18T00:00:00+00:00", "verdict": "unrelated",
                                         "confidence": 0.0})
    assert status() == "open"
