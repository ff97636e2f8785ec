"""Every reader of a claim's status says the same thing, at every step of random histories.

One definition of status (``monitor/store/views.py``) is read by the view itself (sqlite3,
Datasette), ``monitor status`` and ``monitor claims show``, the web view's claims page, the
digest, the export, the statistics, a claim's timeline and the lifecycle's replay of the
history. Seeded random histories of alerts (of several sites and syndicated copies), reviews,
resolutions by hand and from alerts, deadlines and re-check withdrawals are written one step
at a time, and after each step every reader must give every claim the same status.
"""
from __future__ import annotations

import json
import random
import re
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from alert_rows import add_alert, add_article, add_resolution
from monitor.cli import cli
from monitor.config import load_config
from monitor.errors import StoreError
from monitor.judge.claims import Claim, write_claims_file
from monitor.status.alerts import claim_statuses, claim_timeline, stats
from monitor.status.digest import digest_claims
from monitor.status.export import claim_records
from monitor.status.lifecycle import replayed_statuses, status_changes
from monitor.store import Store, open_store
from monitor.web import _claims_overview

SEEDS = range(6)
STEPS = 30
TODAY = datetime.now(timezone.utc).date()
START = datetime.combine(TODAY - timedelta(days=40), datetime.min.time(), tzinfo=timezone.utc)


def claims() -> list[Claim]:
    """A fact, a quantity, two forecasts and an event: deadlines in the past and the future."""
    return [
        Claim(id="fact", statement="The call took place on 12 February", kind="fact"),
        Claim(id="quantity", statement="The call lasted close to 90 minutes", kind="quantity"),
        Claim(id="forecast-past", statement="An agreement emerges at the summit", kind="forecast",
              probability=0.2, resolves_by=(TODAY - timedelta(days=20)).isoformat()),
        Claim(id="forecast-future", statement="Aid dwindles to $100 billion", kind="forecast",
              probability=0.6, resolves_by=(TODAY + timedelta(days=20)).isoformat()),
        Claim(id="event", statement="Kellogg meets Zelensky", kind="event",
              resolves_by=(TODAY - timedelta(days=5)).isoformat()),
    ]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A project folder: config (two independent sources settle a claim), claims file, database."""
    config = tmp_path / "config" / "monitor.toml"
    config.parent.mkdir()
    config.write_text('[database]\npath = "monitor.db"\n[verdicts]\nalert_threshold = 0.6\n'
                      'min_independent_sources = 2\n', encoding="utf-8")
    write_claims_file(tmp_path / "config" / "claims.toml", claims())
    return config


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


class History:
    """Writes one random event at a time into the store, at an advancing clock."""

    def __init__(self, store: Store, rng: random.Random):
        self.store, self.rng, self.now = store, rng, START
        # five sites, the first (wire) story syndicated on two others: independent sources vary
        self.articles: list[int] = []
        sites = ["wire.example", "daily.example", "herald.example", "post.example", "times.example"]
        for n in range(10):
            site = sites[n % len(sites)]
            extra = {"source_group": self.articles[0]} if n in (3, 7) else {}
            article = add_article(store, f"https://{site}/story-{n}", site=site, source_site=site, **extra)
            if not extra:
                store.db.execute("update articles set source_group = ? where id = ?", [article, article])
            self.articles.append(article)
        self.alerts: list[int] = []

    def step(self) -> str:
        self.now += timedelta(hours=self.rng.randint(1, 60))
        at = stamp(self.now)
        kind = self.rng.choices(["alert", "review", "manual", "automatic", "withdraw"], [12, 3, 1, 1, 1])[0]
        claim = self.rng.choice(claims()).id
        if kind == "alert" or not self.alerts:
            used = {row["article_id"] for row in self.store.db.query(
                "select article_id from alerts where claim_id = ?", [claim])}
            free = [a for a in self.articles if a not in used]
            if not free:
                return "nothing"
            self.alerts.append(add_alert(
                self.store, claim, self.rng.choice(free), self.rng.choice(["confirms", "contradicts", "discusses"]),
                confidence=self.rng.choice([0.4, 0.7, 0.9]), detected_at=at))
            return "alert"
        alert = self.rng.choice(self.alerts)
        if kind == "review":
            self.store.db.execute("update alerts set review = ?, reviewed_at = ? where id = ?",
                                  [self.rng.choice(["right", "wrong"]), at, alert])
        elif kind == "automatic":
            row = self.store.db["alerts"].get(alert)
            add_resolution(self.store, row["claim_id"], self.rng.choice(["happened", "did-not-happen"]),
                           at[:10], alert_id=alert, recorded_at=at)
        elif kind == "manual":
            add_resolution(self.store, claim, self.rng.choice(["happened", "did-not-happen"]), at[:10],
                           method="manual", recorded_at=at)
        else:  # the evidence re-check found the article gone: its alerts are withdrawn
            article = self.store.db["alerts"].get(alert)["article_id"]
            self.store.mark_article_removed(article, reason="removed (404)", removed_at=at)
        return kind


def readers(config: Path, store: Store) -> dict[str, dict[str, str]]:
    """Each reader's status of every claim."""
    database = config.parent.parent / "monitor.db"
    seen: dict[str, dict[str, str]] = {}
    with sqlite3.connect(database) as conn:
        seen["view (sqlite3)"] = dict(conn.execute("select claim_id, status from claim_status"))
    seen["claim_statuses"] = {s.claim_id: s.status for s in claim_statuses(store)}
    result = CliRunner().invoke(cli, ["-c", str(config), "status", "--all", "--format", "json"])
    assert result.exit_code == 0, result.output
    seen["monitor status"] = {row["claim_id"]: row["status"] for row in json.loads(result.output)}
    overview, _ = _claims_overview(database, None)
    seen["web claims page"] = {c.claim_id: c.status for c in overview}
    seen["digest"] = {cid: c.status for cid, c in digest_claims(store, seen["view (sqlite3)"]).items()}
    seen["export"] = {r.claim_id: r.status for r in claim_records(store)}
    seen["timeline"] = {cid: ([step.status for step in claim_timeline(store, cid)] or ["open"])[-1]
                        for cid in seen["view (sqlite3)"]}
    replayed = replayed_statuses(store)
    seen["replayed history"] = {cid: replayed.get(cid, "open") for cid in seen["view (sqlite3)"]}
    transitions = status_changes(store)
    last = {t.claim_id: t.new_status for t in transitions}
    seen["last transition"] = {cid: last.get(cid, "open") for cid in seen["view (sqlite3)"]}
    return seen


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_every_reader_gives_every_claim_the_same_status_at_every_step(site, seed):
    rng = random.Random(seed)
    config = load_config(site)
    with open_store(config) as store:
        store.sync_claims(claims())
        history = History(store, rng)
        kinds, said = [], []
        for step in range(STEPS):
            kinds.append(history.step())
            seen = readers(site, store)
            expected = seen["view (sqlite3)"]
            for reader, statuses in seen.items():
                assert statuses == expected, f"seed {seed} step {step} ({kinds[-1]}): {reader} disagrees"
            counted = stats(store).claims_by_status
            assert {s: n for s, n in counted.items() if n} == {
                s: list(expected.values()).count(s) for s in set(expected.values())}
            said.append((history.now, expected))
        # Every event was recorded at the clock of its step, so the history replayed at the end
        # says, for every earlier step, what the readers said then (claims whose deadline
        # passed in between are left out: the readers judged those against the real today).
        transitions = status_changes(store)
        for step, (moment, expected) in enumerate(said):
            for claim_id in ("fact", "quantity", "forecast-future"):
                then = [t.new_status for t in transitions if t.claim_id == claim_id
                        and datetime.fromisoformat(t.at) <= moment]
                assert (then or ["open"])[-1] == expected[claim_id], f"seed {seed}: {claim_id} after step {step}"
    # the histories did reach the interesting states
    assert {"alert", "review"} <= set(kinds)


def test_claims_show_reads_the_same_status_with_the_configs_threshold(site):
    """`monitor claims show` once forgot the alert threshold; now it reads the one definition."""
    config = load_config(site)
    with open_store(config) as store:
        store.sync_claims(claims())
        a, b = (add_article(store, f"https://{s}.example/x", source_site=f"{s}.example") for s in ("one", "two"))
        # 0.65 counts with the config's threshold (0.6) ...
        add_alert(store, "fact", a, "confirms", confidence=0.65, detected_at=stamp(START))
        add_alert(store, "fact", b, "confirms", confidence=0.65, detected_at=stamp(START + timedelta(hours=1)))
        expected = {s.claim_id: s.status for s in claim_statuses(store)}
    # ... even if the database was last told another threshold
    with Store(site.parent.parent / "monitor.db") as other:
        other.set_credible_confidence(0.8)
    for claim_id, status in expected.items():
        result = CliRunner().invoke(cli, ["-c", str(site), "claims", "show", claim_id])
        assert result.exit_code == 0, result.output
        assert re.search(r"^Status:\s+(\S+)", result.output, re.M).group(1) == status  # type: ignore[union-attr]
    assert expected["fact"] == "confirmed"
    assert expected["forecast-past"] == "overdue" and expected["event"] == "overdue"


RELEASE_DB = Path(__file__).parent / "fixtures" / "db" / "release-0.1.0.sqlite"


def test_a_database_made_by_the_previous_release_opens_and_reads_the_fixed_status(tmp_path):
    """``release-0.1.0.sqlite`` was made by the release before this layout (its claim_status view
    says ``open`` for a scheduled event past its date); the new code migrates nothing, replaces
    the views, and every reader then says ``overdue``."""
    database = tmp_path / "monitor.db"
    database.write_bytes(RELEASE_DB.read_bytes())
    with sqlite3.connect(database) as conn:
        assert dict(conn.execute("select claim_id, status from claim_status"))["kellogg-meets-zelensky"] == "open"
    # a read-only reader cannot replace the views: it says what to run, as for a migration
    with pytest.raises(StoreError, match="older version; run any writing command"):
        Store(database, read_only=True)
    config = tmp_path / "monitor.toml"
    config.write_text('[database]\npath = "monitor.db"\n[verdicts]\nmin_independent_sources = 1\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["-c", str(config), "status", "--format", "json"])
    assert result.exit_code == 0, result.output
    statuses = {row["claim_id"]: row["status"] for row in json.loads(result.output)}
    assert statuses == {"call-lasted-90-minutes": "disputed", "ceasefire-30-day": "confirmed",
                        "kellogg-meets-zelensky": "overdue", "putin-invited-trump-to-moscow": "open",
                        "summit-agreement-odds-20-percent": "resolved"}
    with sqlite3.connect(database) as conn:
        assert dict(conn.execute("select claim_id, status from claim_status")) == statuses
    with Store(database, read_only=True) as store:
        assert {s.claim_id: s.status for s in claim_statuses(store)} == statuses
