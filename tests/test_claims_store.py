"""The database mirrors the claims file: upsert by id, inactive when gone, never deleted."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from monitor.judge.claims import Claim
from monitor.judge.quantities import Quantity
from monitor.store import Store


def claim(claim_id: str, **fields) -> Claim:
    base = Claim(id=claim_id, statement=f"Statement {claim_id}.", kind="fact", document="baseline_docs/a.txt",
                 source="News.Az", sources=[{"document": "baseline_docs/a.txt", "title": "A", "date": "2025-02-14",
                                             "quote": "q", "key": "k"}])
    return replace(base, **fields)


def test_sync_claims_upserts_deactivates_and_is_quiet_when_unchanged(tmp_path: Path) -> None:
    with Store(tmp_path / "m.db") as store:
        call = claim("call", kind="quantity", quantities=[Quantity(5400.0, "second", "close to 90 minutes", True)])
        assert store.sync_claims([call, claim("b"), claim("c")]) == {"claims": 3, "changed": 3, "deactivated": 0}
        assert store.sync_claims([call, claim("b"), claim("c")])["changed"] == 0
        result = store.sync_claims([replace(call, statement="The call lasted 90 minutes."), claim("b")])
        assert result == {"claims": 2, "changed": 1, "deactivated": 1}
        rows = {r["id"]: r for r in store.claim_rows()}
        assert set(rows) == {"call", "b", "c"}                 # never deleted
        assert rows["c"]["active"] == 0
        assert (rows["call"]["value"], rows["call"]["unit"], rows["call"]["approximate"]) == (5400.0, "second", 1)
        assert rows["call"]["statement"] == "The call lasted 90 minutes."
        document = next(store.query("select * from documents where id = ?", [rows["call"]["document_id"]]))
        assert (document["path"], document["title"], document["date"]) == ("baseline_docs/a.txt", "A", "2025-02-14")
        assert [r["id"] for r in store.claim_rows(active_only=True)] == ["b", "call"]
        # a claim that comes back is active again
        store.sync_claims([call, claim("b"), claim("c")])
        assert {r["id"] for r in store.claim_rows(active_only=True)} == {"call", "b", "c"}


def test_sync_documents_keyed_on_path(tmp_path: Path) -> None:
    with Store(tmp_path / "m.db") as store:
        first = store.sync_documents([{"path": "d/x.txt", "title": "X", "source": "S", "date": "2025-01-01",
                                       "sha256": "aa"}])
        again = store.sync_documents([{"path": "d/x.txt", "title": "X2", "source": "S", "date": "2025-01-01",
                                       "sha256": "bb"}])
        assert first == again
        row = next(store.query("select title, sha256 from documents"))
        assert row == {"title": "X2", "sha256": "bb"}
