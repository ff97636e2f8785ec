"""The web view: `monitor serve` runs Datasette on loopback, read-only unless --allow-write.

The claims page is checked in a real headless browser (Debian's chromium). Without chromium
the browser test is skipped locally, and fails under CI (CI=true), where it must be installed.
"""
import asyncio
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from alert_rows import add_sample_rows
from monitor.store import Store
from monitor.web import build_metadata, is_loopback, make_datasette, short_time

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
INSTALL_HINT = "apt-get update && apt-get install -y chromium"


def make_site(folder: Path) -> tuple[Path, Path]:
    """A config file and a database with the sample rows in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "monitor.toml"
    # one alert settles a claim here (independent sources: see test_sources.py)
    config.write_text('[database]\npath = "monitor.db"\n[verdicts]\nmin_independent_sources = 1\n', encoding="utf-8")
    with Store(folder / "monitor.db") as store:
        store.set_min_independent_sources(1)
        add_sample_rows(store)
    return config, folder / "monitor.db"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`python -m monitor serve` in a subprocess on a free loopback port."""

    def __init__(self, config: Path, *args: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = config.parent / f"serve-{self.port}.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "monitor", "-c", str(config), "serve", "--port", str(self.port), *args],
                cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                raise AssertionError(f"monitor serve exited early:\n{self.log.read_text()}")
            try:
                if httpx.get(self.url + "/-/claims", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"monitor serve did not answer in 30 s:\n{self.log.read_text()}")
            time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def read_only_site(tmp_path_factory):
    config, db = make_site(tmp_path_factory.mktemp("site"))
    server = Server(config)
    yield server, db
    server.stop()


@pytest.fixture
def chromium():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
            pytest.fail(f"{CHROMIUM} is missing; CI must install it: {INSTALL_HINT}")
        pytest.skip(f"{CHROMIUM} is not installed (install it with: {INSTALL_HINT})")
    return CHROMIUM


def run_chromium(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=90, check=True)


def reviews(db: Path) -> list:
    with sqlite3.connect(db) as conn:
        return conn.execute("select id, review from alerts order by id").fetchall()


def test_claims_page_in_a_headless_browser_shows_status_evidence_and_links(read_only_site, chromium, tmp_path):
    server, _ = read_only_site
    url = server.url + "/-/claims"
    dom = run_chromium(chromium, tmp_path / "profile", "--dump-dom", url).stdout
    assert "Claims and their alerts" in dom
    for claim, status in [("call-lasted-90-minutes", "disputed"), ("ceasefire-30-day", "confirmed"),
                          ("putin-invited-trump-to-moscow", "open"),
                          ("summit-agreement-odds-20-percent", "resolved")]:
        section = dom[dom.index(f'id="claim-{claim}"'):]
        assert f'<span class="status status-{status}">{status}</span>' in section[:800]
    assert "Trump told reporters the conversation went on for more than two hours." in dom
    assert '<a href="https://apnews.example/article/call-two-hours">Trump says call with Putin lasted' in dom
    assert "did-not-happen" in dom and "Brier score 0.040" in dom
    assert "This view is read-only." in dom

    screenshot = tmp_path / "claims.png"
    run_chromium(chromium, tmp_path / "profile", f"--screenshot={screenshot}", "--window-size=1280,900", url)
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 20_000
    if os.environ.get("MONITOR_UPDATE_SCREENSHOTS"):  # refresh the README's picture on purpose only
        (ROOT / "docs" / "screenshots").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(screenshot, ROOT / "docs" / "screenshots" / "claims.png")


def test_claims_page_filters_by_status(read_only_site):
    server, _ = read_only_site
    page = httpx.get(server.url + "/-/claims", params={"status": "disputed"}).text
    assert 'id="claim-call-lasted-90-minutes"' in page and 'id="claim-ceasefire-30-day"' not in page


def test_canned_queries_answer_and_render_article_links(read_only_site):
    server, _ = read_only_site
    claims = httpx.get(server.url + "/monitor/claims_with_status.json", params={"_shape": "array"}).json()
    assert [(c["claim_id"], c["status"]) for c in claims][:1] == [("call-lasted-90-minutes", "disputed")]
    page = httpx.get(server.url + "/monitor/alerts_for_claim", params={"claim_id": "call-lasted-90-minutes"}).text
    assert '<a href="https://apnews.example/article/call-two-hours">' in page
    found = httpx.get(server.url + "/monitor/search_evidence.json",
                      params={"words": "two hours", "_shape": "array"}).json()
    assert [row["claim_id"] for row in found] == ["call-lasted-90-minutes"]
    # FTS syntax in the words is searched for, not run
    odd = httpx.get(server.url + "/monitor/search_evidence.json", params={"words": '" OR * NEAR(', "_shape": "array"})
    assert odd.status_code == 200 and odd.json() == []
    facets = httpx.get(server.url + "/monitor/alerts.json").json()["facet_results"]
    assert {"verdict", "review", "claim_id"} <= set(facets)


def test_nothing_in_the_default_web_view_can_write(read_only_site):
    server, db = read_only_site
    before = reviews(db)
    # no canned write query exists, so posting to one fails
    assert "review_alert" not in httpx.get(server.url + "/monitor.json").text
    post = httpx.post(server.url + "/monitor/review_alert", data={"alert_id": "1", "review": "wrong"},
                      headers={"Accept": "application/json"})
    assert post.status_code >= 400
    insert = httpx.post(server.url + "/monitor/alerts/-/insert", json={"row": {"claim_id": "x", "article_id": 1,
                                                                              "verdict": "confirms"}})
    assert insert.status_code >= 400
    sql = httpx.get(server.url + "/monitor.json", params={"sql": "update alerts set review = 'wrong'"})
    assert sql.status_code >= 400
    assert reviews(db) == before and all(review is None for _, review in before)


def test_every_connection_is_query_only_unless_writing_is_allowed(tmp_path):
    _, db = make_site(tmp_path)

    async def write(allow_write: bool) -> None:
        datasette = make_datasette(db, allow_write=allow_write)
        await datasette.get_database("monitor").execute_write("update alerts set review = 'wrong' where id = 1")

    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        asyncio.run(write(False))
    assert reviews(db)[0] == (1, None)
    asyncio.run(write(True))
    assert reviews(db)[0] == (1, "wrong")


def test_allow_write_enables_the_review_query(tmp_path):
    config, db = make_site(tmp_path)
    server = Server(config, "--allow-write")
    try:
        with httpx.Client(base_url=server.url) as client:
            client.get("/monitor/review_alert")   # sets the CSRF token cookie (tests/faults/test_web_writes.py)
            answer = client.post("/monitor/review_alert",
                                 data={"alert_id": "2", "review": "wrong", "note": "another call",
                                       "csrftoken": client.cookies["ds_csrftoken"]},
                                 headers={"Accept": "application/json"}).json()
        assert answer["ok"] is True
        page = httpx.get(server.url + "/-/claims").text
    finally:
        server.stop()
    with sqlite3.connect(db) as conn:
        assert conn.execute("select review, review_note from alerts where id = 2").fetchone() == (
            "wrong", "another call")
        assert conn.execute("select status from claim_status where claim_id = 'call-lasted-90-minutes'"
                            ).fetchone() == ("confirmed",)
    assert 'class="review-wrong"' in page and "another call" in page


def test_metadata_describes_tables_and_adds_write_queries_only_when_allowed():
    read_only = build_metadata("monitor")["databases"]["monitor"]
    assert set(read_only["queries"]) == {"claims_with_status", "alerts_for_claim", "contradictions_this_week",
                                         "search_evidence"}
    assert not any(q.get("write") for q in read_only["queries"].values())
    assert read_only["tables"]["alerts"]["columns"]["evidence"]
    assert "status" in read_only["tables"]["claim_status"]["facets"]
    assert "site" in read_only["tables"]["articles"]["facets"]
    writable = build_metadata("monitor", allow_write=True)["databases"]["monitor"]["queries"]
    assert writable["review_alert"]["write"] is True


def test_contradictions_this_week_sees_only_recent_contradictions(tmp_path):
    from alert_rows import add_alert, add_article, add_claim
    from monitor.store import utcnow

    _, db = make_site(tmp_path)
    with Store(db) as store:
        add_claim(store, "fresh")
        add_alert(store, "fresh", add_article(store, "https://e.example/new"), "contradicts", detected_at=utcnow())

    async def rows() -> list:
        datasette = make_datasette(db)
        response = await datasette.client.get("/monitor/contradictions_this_week.json?_shape=array")
        return response.json()

    assert [row["claim_id"] for row in asyncio.run(rows())] == ["fresh"]


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("::1", True), ("localhost", True),
                                            ("0.0.0.0", False), ("192.168.1.5", False), ("example.org", False)])
def test_loopback_hosts(host, loopback):
    assert is_loopback(host) is loopback


def test_short_time_shows_utc_minutes():
    assert short_time("2025-02-15T09:30:00+01:00") == "2025-02-15 08:30"
    assert short_time("2025-03-12") == "2025-03-12"
    assert short_time(None) == "" and short_time("soon") == "soon"


def test_claims_page_shows_the_newest_alerts_of_a_busy_claim_and_links_the_rest(tmp_path):
    from alert_rows import add_alert, add_article, add_claim
    from monitor.web import ALERTS_PER_CLAIM

    _, db = make_site(tmp_path)
    with Store(db) as store:
        add_claim(store, "busy")
        for day in range(1, ALERTS_PER_CLAIM + 6):
            add_alert(store, "busy", add_article(store, f"https://e.example/{day}"), "discusses",
                      detected_at=f"2025-01-{day:02d}T12:00:00+00:00", evidence=f"evidence of day {day}")

    async def page() -> str:
        response = await make_datasette(db).client.get("/-/claims")
        assert response.status_code == 200
        return response.text

    html = asyncio.run(page())
    busy = html[html.index('id="claim-busy"'):]
    assert f"evidence of day {ALERTS_PER_CLAIM + 5}<" in busy and "evidence of day 6<" in busy
    assert "evidence of day 5<" not in busy
    assert "… and 5 older alerts" in busy and "/monitor/alerts_for_claim?claim_id=busy" in busy
