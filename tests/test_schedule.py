"""`monitor run`: the scheduler as a real process against a feed server and an SMTP server on loopback."""
from __future__ import annotations

import email
import email.policy
import json
import logging
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from monitor.config import parse_config
from monitor.run.schedule import JsonLinesFormatter, Scheduler, digest_missed, digest_slot
from monitor.store import Store

ROOT = Path(__file__).resolve().parent.parent


# -- a feed server on loopback ----------------------------------------------------------------

def article_html(n: int) -> bytes:
    paragraphs = "".join(
        f"<p>Report {n}, paragraph {i}: negotiators from both delegations met again on day {n} of the talks "
        f"and discussed the schedule for item {i}, according to people familiar with round {n}.</p>"
        for i in range(1, 7))
    return (f"<html><head><title>Story {n}</title></head><body><article><h1>Story number {n}</h1>"
            f"{paragraphs}</article></body></html>").encode()


class FeedSite:
    """Serves /feed.xml listing ``items`` articles at /story-N.html; counts requests per path."""

    def __init__(self, items: int, page_delay: float = 0.0, pages: dict[int, bytes] | None = None):
        self.items = items
        self.page_delay = page_delay
        self.pages = pages or {}
        self.requests: dict[str, int] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests[self.path] = site.requests.get(self.path, 0) + 1
                if self.path == "/feed.xml":
                    body, kind = site.feed(), "application/rss+xml"
                elif self.path.startswith("/story-"):
                    time.sleep(site.page_delay)
                    n = int(self.path[7:-5])
                    body, kind = site.pages.get(n) or article_html(n), "text/html; charset=utf-8"
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def feed(self) -> bytes:
        items = "".join(
            f"<item><title>Story {n}</title><link>{self.url}/story-{n}.html</link><guid>story-{n}</guid>"
            f"<pubDate>Wed, 19 Feb 2025 0{n % 10}:00:00 GMT</pubDate></item>" for n in range(1, self.items + 1))
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback news</title>'
                f"<link>{self.url}/</link><description>test</description>{items}</channel></rss>").encode()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    sites = []

    def start(items: int = 2, page_delay: float = 0.0, pages: dict[int, bytes] | None = None) -> FeedSite:
        sites.append(FeedSite(items, page_delay, pages))
        return sites[-1]

    yield start
    for s in sites:
        s.close()


class Inbox:
    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted"


@pytest.fixture
def inbox():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(Inbox(), hostname="127.0.0.1", port=port)
    controller.start()
    yield controller
    controller.stop()


# -- the process -----------------------------------------------------------------------------

def write_config(tmp_path: Path, *, feed_url: str | None = None, smtp_port: int = 1, digest_time: str = "07:30",
                 workers: int = 2) -> Path:
    config = tmp_path / "config" / "monitor.toml"
    config.parent.mkdir(exist_ok=True)
    (config.parent / "claims.toml").write_text("# no claims: articles are stored, not judged\n")
    feeds = f'[[feeds]]\nname = "Loopback"\nurl = "{feed_url}/feed.xml"\ninterval_minutes = 1\n' if feed_url else ""
    config.write_text(f"""
[database]
path = "{tmp_path / 'monitor.db'}"
[fetch]
allow_private_addresses = ["127.0.0.0/8"]
timeout = 5
workers = {workers}
per_host_concurrency = {workers}
[polling]
tick_seconds = 1
[email]
smtp_host = "127.0.0.1"
smtp_port = {smtp_port}
security = "none"
sender = "monitor@example.org"
recipients = ["ana@example.org"]
digest_time = "{digest_time}"
timezone = "UTC"
{feeds}""")
    return config


class Monitor:
    """``python -m monitor run`` as a child process, its stderr collected line by line."""

    def __init__(self, config: Path, *options: str):
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("MONITOR_SMTP_USERNAME", None)
        env.pop("MONITOR_SMTP_PASSWORD", None)
        # Its own process group, so a test can send Ctrl-C to the whole group as a terminal does.
        self.proc = subprocess.Popen([sys.executable, "-m", "monitor", *options, "-c", str(config), "run"],
                                     cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     start_new_session=True)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))

    def events(self) -> list[dict]:
        return [json.loads(line) for line in list(self.lines) if line.startswith("{")]

    def names(self) -> list[str]:
        return [str(e["event"]) for e in self.events() if e.get("event")]

    def wait_for_event(self, name: str, timeout: float = 20, count: int = 1) -> dict:
        """The ``count``-th ``name`` event, once the process has logged it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [event for event in self.events() if event.get("event") == name]
            if len(found) >= count:
                return found[count - 1]
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"no {name} event #{count}; stderr:\n" + "\n".join(self.lines))

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15, group: bool = False) -> int:
        if group:
            os.killpg(self.proc.pid, sig)
        else:
            self.proc.send_signal(sig)
        code = self.proc.wait(timeout)
        self._reader.join(5)
        return code

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


@pytest.fixture
def monitors():
    started: list[Monitor] = []

    def start(config: Path, *options: str) -> Monitor:
        started.append(Monitor(config, *options))
        return started[-1]

    yield start
    for monitor in started:
        monitor.kill()


def rows(db: Path, sql: str, params=()) -> list[dict]:
    conn = sqlite3.connect(db, timeout=10)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def wait_until(condition, timeout: float = 20, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


# -- the scheduler as a process ------------------------------------------------------------

@pytest.mark.slow
def test_run_polls_when_due_refuses_a_second_instance_and_stops_cleanly(tmp_path, site, monitors):
    feed = site(items=2)
    config = write_config(tmp_path, feed_url=feed.url)
    db = tmp_path / "monitor.db"
    monitor = monitors(config, "-vv")  # -vv: it also logs the ticks that find nothing due (poll_idle)

    started = monitor.wait_for_event("scheduler_started")
    assert started["next_digest"].endswith("T07:30:00+00:00") and started["tick_seconds"] == 1
    first = monitor.wait_for_event("poll_done")
    assert first["articles_new"] == 2 and first["feeds_polled"] == 1
    assert len(rows(db, "select * from articles where status = 'ok'")) == 2

    second = subprocess.run([sys.executable, "-m", "monitor", "-c", str(config), "run"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert second.returncode == 1
    assert f"`monitor run` is already running for this database (process {monitor.proc.pid} holds " in second.stderr
    assert "stop that one first" in second.stderr

    # Per-feed timing lives in the database: the feed is not due for a minute, so ticks pass
    # without polling; once its next_poll_at has passed, the next tick polls it.
    idle = monitor.names().count("poll_idle")
    monitor.wait_for_event("poll_idle", count=idle + 2)  # two more ticks found nothing due
    assert feed.requests["/feed.xml"] == 1
    feed.items = 3
    with sqlite3.connect(db, timeout=10) as conn:
        conn.execute("update feeds set next_poll_at = '2000-01-01T00:00:00+00:00'")
    wait_until(lambda: len(rows(db, "select * from runs where kind = 'poll' and finished_at is not null")) == 2,
               what="the second poll")
    assert feed.requests["/feed.xml"] == 2
    assert sorted(r["title"] for r in rows(db, "select title from articles")) == [
        "Story number 1", "Story number 2", "Story number 3"]
    assert all(feed.requests[f"/story-{n}.html"] == 1 for n in (1, 2, 3))

    assert monitor.stop(signal.SIGTERM) == 0
    names = monitor.names()
    assert "scheduler_started" in names and names[-1] == "scheduler_stopped"
    assert "stop_requested" in names and names.count("poll_done") == 2
    # A fresh database has never had a digest: one is due at once; with nothing new, nothing is sent.
    assert monitor.wait_for_event("digest_done")["status"] == "empty"
    polls = rows(db, "select * from runs where kind = 'poll' order by id")
    assert [p["status"] for p in polls] == ["ok", "ok"] and [p["articles_new"] for p in polls] == [2, 1]
    # Every stderr line is one JSON object.
    assert all(line.startswith("{") for line in monitor.lines), monitor.lines


@pytest.mark.slow
def test_ctrl_c_mid_poll_stores_the_article_in_hand_and_the_restart_finishes_the_rest(tmp_path, site, monitors):
    feed = site(items=6, page_delay=1.0)  # slow enough that a busy machine still stops mid-poll
    config = write_config(tmp_path, feed_url=feed.url, workers=1)
    db = tmp_path / "monitor.db"
    monitor = monitors(config)
    monitor.wait_for_event("scheduler_started")
    wait_until(lambda: len(rows(db, "select id from articles where status = 'ok'")) >= 1, what="a first article")
    # Ctrl-C as a terminal sends it: to the whole process group, extraction workers included.
    assert monitor.stop(signal.SIGINT, group=True) == 0
    assert all(line.startswith("{") for line in monitor.lines), "\n".join(monitor.lines)

    (run,) = rows(db, "select * from runs where kind = 'poll'")
    assert run["status"] == "interrupted" and run["finished_at"]
    stored = len(rows(db, "select id from articles where status = 'ok'"))
    assert 1 <= stored < 6 and run["articles_new"] == stored
    assert "poll_interrupted" in monitor.names() and monitor.names()[-1] == "scheduler_stopped"

    # The rest is still in the database (pending entries), so the next start picks it up.
    restarted = monitors(config)
    wait_until(lambda: len(rows(db, "select id from articles where status = 'ok'")) == 6, what="all six articles")
    assert restarted.stop(signal.SIGTERM) == 0
    assert len(rows(db, "select distinct canonical_url from articles")) == 6
    # A page in flight when the stop came may be fetched again; none more than that.
    assert all(1 <= feed.requests[f"/story-{n}.html"] <= 2 for n in range(1, 7))


CALL_CLAIM = """
[claims.call-lasted-90-minutes]
statement = "The Trump–Putin phone call lasted close to 90 minutes."
kind = "quantity"
active = true
reviewed = true
speaker = "Dmitry Peskov"
subject = "the Trump–Putin phone call"
entities = ["Donald Trump", "Vladimir Putin", "Dmitry Peskov"]
quantities = [{text = "close to 90 minutes", value = 5400.0, unit = "second", approximate = true}]
"""

CALL_ARTICLE = b"""<html><head><title>Kremlin details Trump-Putin call</title></head><body><article>
<h1>Kremlin details Trump-Putin call</h1>
<p>Kremlin spokesman Dmitry Peskov told reporters on Thursday that the phone call between Donald Trump
and Vladimir Putin lasted close to 90 minutes and covered Ukraine, the Middle East and energy.</p>
<p>Peskov said the two presidents agreed to keep in contact and that their teams would prepare a
meeting, without giving a date. He declined to comment on the details of the conversation.</p>
<p>Officials in Kyiv said they had not been consulted before the call and asked for a seat at any
talks that concern the future of Ukraine, according to statements published on Friday.</p>
</article></body></html>"""


@pytest.mark.slow
def test_end_to_end_a_judged_article_reaches_the_digest_sent_beside_the_scheduler(tmp_path, site, inbox,
                                                                                  monitors):
    feed = site(items=1, pages={1: CALL_ARTICLE})
    config = write_config(tmp_path, feed_url=feed.url, smtp_port=inbox.port)
    (config.parent / "claims.toml").write_text(CALL_CLAIM)
    monitor = monitors(config)
    done = monitor.wait_for_event("poll_done", timeout=60)    # the stance model loads first
    assert done["articles_new"] == 1 and done["alerts_new"] >= 1

    # `monitor digest` from cron while `monitor run` is up: they share the digest lock.
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_SMTP_")}
    sent = subprocess.run([sys.executable, "-m", "monitor", "-c", str(config), "digest"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.startswith("Sent digest #2 with ")
    assert monitor.stop() == 0

    (envelope,) = inbox.handler.envelopes
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "== The Trump–Putin phone call lasted close to 90 minutes." in text
    # Which verdict the judge gives is the verdict tests' business; here: the alert, its
    # evidence sentence, the values compared and the article arrive in the mail.
    group = text.split("== ")[1]
    assert re.search(r"\* (CONFIRMS|CONTRADICTS|DISCUSSES) \(confidence \d+%\)", group), group
    assert '"Kremlin spokesman Dmitry Peskov told reporters on Thursday that the phone call' in group
    assert "Values: claimed close to 90 minutes" in group
    assert ": Kremlin details Trump-Putin call (2025-02-19)" in group and f"{feed.url}/story-1.html" in group
    assert "Since the previous digest" not in text       # the one before was empty: nothing was mailed


def seed_alerts(db: Path, count: int) -> None:
    with Store(db) as store:
        store.db.table("claims").insert({"id": "c1", "statement": "The call lasted 90 minutes", "kind": "quantity"})
        for n in range(count):
            url = f"https://news.example/{n}"
            article_id = store.save_article(canonical_url=url, url=url, feed_id=None, guid=None,
                                            title=f"Report {n}", text="...", site="News")
            store.db.table("alerts").insert({"claim_id": "c1", "article_id": article_id, "verdict": "confirms",
                                       "confidence": 0.9, "evidence": f"Evidence {n}.",
                                       "detected_at": "2025-02-19T12:00:00+00:00"})


@pytest.mark.slow
def test_a_digest_missed_while_down_is_sent_once_on_start(tmp_path, inbox, monitors):
    now = datetime.now(timezone.utc)
    digest_time = (now - timedelta(hours=2)).strftime("%H:%M")
    config = write_config(tmp_path, smtp_port=inbox.port, digest_time=digest_time)
    db = tmp_path / "monitor.db"
    seed_alerts(db, 2)
    with sqlite3.connect(db) as conn:   # the last digest went out two days ago
        conn.execute("insert into digests (created_at, sent_at, status, alert_count) values (?, ?, 'sent', 0)",
                     [(now - timedelta(days=2)).isoformat(), (now - timedelta(days=2)).isoformat()])

    monitor = monitors(config)
    missed = monitor.wait_for_event("digest_missed")
    assert missed["slot"].endswith(f"{digest_time}:00+00:00")
    done = monitor.wait_for_event("digest_done")
    assert done["status"] == "sent" and done["alerts"] == 2
    assert monitor.stop() == 0
    assert len(inbox.handler.envelopes) == 1

    again = monitors(config)
    again.wait_for_event("scheduler_started")
    # A missed digest is looked for before the scheduler starts, and the first tick always runs
    # a cycle: once it is done, a catch-up would have shown.
    again.wait_for_event("poll_done")
    assert again.stop() == 0
    assert "digest_missed" not in again.names() and len(inbox.handler.envelopes) == 1
    digest_runs = rows(db, "select status, digest_id from runs where kind = 'digest'")
    assert [r["status"] for r in digest_runs] == ["ok"]


# -- the pieces, in process ------------------------------------------------------------------

def email_settings(digest_time: str = "07:30", zone: str = "UTC"):
    return parse_config(f'[email]\ndigest_time = "{digest_time}"\ntimezone = "{zone}"\n', "/x/config/m.toml").email


@pytest.mark.parametrize("now, expected", [
    ("2025-02-20T07:29:00+00:00", "2025-02-19T07:30:00+00:00"),
    ("2025-02-20T07:30:00+00:00", "2025-02-20T07:30:00+00:00"),
    ("2025-02-20T23:00:00+00:00", "2025-02-20T07:30:00+00:00"),
])
def test_digest_slot_is_the_latest_digest_time_passed(now, expected):
    assert digest_slot(email_settings(), datetime.fromisoformat(now)).isoformat() == expected


def test_digest_slot_follows_the_local_clock_across_daylight_saving():
    settings = email_settings("07:30", "Europe/Berlin")
    winter = digest_slot(settings, datetime(2025, 3, 29, 12, 0, tzinfo=timezone.utc))
    summer = digest_slot(settings, datetime(2025, 3, 30, 12, 0, tzinfo=timezone.utc))
    assert winter.astimezone(timezone.utc).hour == 6 and summer.astimezone(timezone.utc).hour == 5


def test_digest_missed_compares_the_last_completed_digest_with_the_slot(tmp_path):
    settings = email_settings()
    now = datetime(2025, 2, 20, 9, 0, tzinfo=timezone.utc)
    with Store(tmp_path / "monitor.db") as store:
        assert digest_missed(store, settings, now) is not None          # never sent: due
        store.db.table("digests").insert({"created_at": "2025-02-20T07:30:01+00:00", "status": "failed"})
        assert digest_missed(store, settings, now) is not None          # a failed one does not count
        store.db.table("digests").insert({"created_at": "2025-02-20T07:30:02+00:00", "status": "empty"})
        assert digest_missed(store, settings, now) is None              # nothing new counts as done
        assert digest_missed(store, settings, now + timedelta(days=1)) is not None


def test_a_failed_digest_is_retried_later_with_growing_delays(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    seed_alerts(tmp_path / "monitor.db", 1)
    config = parse_config(write_config(tmp_path, smtp_port=closed_port).read_text(), tmp_path / "config" / "m.toml")
    scheduler = Scheduler(config, judge_factory=None)
    before = datetime.now(timezone.utc)
    scheduler.digest_job()
    first = scheduler.digest_retry_at
    scheduler.digest_job()
    second = scheduler.digest_retry_at
    assert first is not None and second is not None
    assert timedelta(minutes=15) <= first - before < timedelta(minutes=16)
    assert timedelta(minutes=30) <= second - before < timedelta(minutes=31)
    with Store(config.database_path) as store:
        assert len(store.unmailed_alerts()) == 1
        assert [r["status"] for r in store.runs()] == ["failed", "failed"]


def test_json_lines_carry_the_event_fields():
    record = logging.LogRecord("monitor.run.schedule", logging.INFO, __file__, 1, "polled %d feeds", (3,), None)
    record.event, record.feeds = "poll_done", 3
    entry = json.loads(JsonLinesFormatter().format(record))
    assert entry["msg"] == "polled 3 feeds" and entry["event"] == "poll_done" and entry["feeds"] == 3
    assert entry["level"] == "info" and entry["logger"] == "monitor.run.schedule" and entry["ts"].endswith("+00:00")


def test_claims_load_late_reload_on_change_and_a_broken_edit_keeps_the_old_ones(tmp_path, caplog):
    from monitor.judge.claims import load_claims
    from monitor.errors import ClaimsError

    config_path = write_config(tmp_path)
    config = parse_config(config_path.read_text(), config_path)
    claims_file = config.verdicts.claims_file
    loads: list[int] = []

    def judge_factory(config, store):
        if "broken" in claims_file.read_text():
            raise ClaimsError(f"{claims_file}: broken")
        loads.append(len(load_claims(claims_file)))
        return f"judge #{len(loads)}"

    scheduler = Scheduler(config, judge_factory=judge_factory)
    with Store(config.database_path) as store:
        scheduler._poll_store = store
        claims_file.write_text("broken = [")
        with caplog.at_level(logging.ERROR, logger="monitor.run.schedule"):
            scheduler._load_judge()                  # broken at the start: poll without verdicts
        assert scheduler._judge is None and "no verdicts: " in caplog.text
        assert "judged by the first poll after this is fixed" in caplog.text
        caplog.clear()
        claims_file.write_text("# no claims yet\n")
        scheduler._load_judge()
        scheduler._load_judge()                      # unchanged file: the judge is kept
        assert loads == [0] and scheduler._judge == "judge #1"
        claims_file.write_text("broken = [")
        os.utime(claims_file, ns=(1, 1))
        with caplog.at_level(logging.ERROR, logger="monitor.run.schedule"):
            scheduler._load_judge()
        assert scheduler._judge == "judge #1"
        assert "cannot reload the claims" in caplog.text and "still judging with the claims loaded before" in caplog.text
        claims_file.write_text("# fixed\n")
        os.utime(claims_file, ns=(2, 2))
        scheduler._load_judge()
        assert scheduler._judge == "judge #2"
