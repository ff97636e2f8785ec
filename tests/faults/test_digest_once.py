"""The digest reaches the reader once, also when `monitor digest` is killed mid-conversation
(issue 15, item 4).

A real `monitor digest` process talks to a real SMTP server (aiosmtpd) on loopback, and is
killed with SIGKILL at chosen points of the SMTP conversation; a second `monitor digest` then
runs as cron would run it the next day. What the server accepted is counted.
"""
from __future__ import annotations

import asyncio
import email
import email.policy
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from monitor.store import Store

from faultkit import wait_until, write_config

ROOT = Path(__file__).resolve().parents[2]
ALERTS = 30


class Server:
    """An SMTP handler that keeps the messages it accepted; ``hang_at`` ("DATA" or "QUIT")
    makes it stop answering at that command, as a slow or wedged server does."""

    def __init__(self, hang_at: str | None = None):
        self.hang_at = hang_at
        self.accepted: list[email.message.EmailMessage] = []
        self.hanging = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        if self.hang_at == "DATA":
            self.hanging.set()
            await asyncio.sleep(30)
        self.accepted.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"

    async def handle_QUIT(self, server, session, envelope):
        if self.hang_at == "QUIT":
            self.hanging.set()
            await asyncio.sleep(30)
        return "221 Bye"


@pytest.fixture
def smtp():
    started: list[Controller] = []

    def start(handler: Server) -> Controller:
        with socket.socket() as probe:  # aiosmtpd needs the port before it starts
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        started.append(controller)
        return controller

    yield start
    for controller in started:
        controller.stop()


def seed(database: Path, alerts: int = ALERTS) -> None:
    """A database with ``alerts`` confirming alerts on one claim, none mailed yet."""
    with Store(database) as store:
        store.db["claims"].insert({"id": "talks-resume", "statement": "The talks resume in March", "kind": "fact"})
        for n in range(1, alerts + 1):
            url = f"https://news.example/story-{n}"
            article = store.save_article(canonical_url=url, url=url, feed_id=None, guid=f"story-{n}",
                                         title=f"Story {n}", text="...", site=f"Site {n}",
                                         published_at="2025-02-19T10:00:00+00:00")
            store.db["alerts"].insert({"claim_id": "talks-resume", "article_id": article, "verdict": "confirms",
                                       "confidence": 0.9, "evidence": f"Talks resume in March, says story {n}.",
                                       "detected_at": "2025-02-19T12:00:00+00:00"})


def monitor_digest(config: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_SMTP_")}
    return subprocess.Popen([sys.executable, "-m", "monitor", "-c", str(config), "digest"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def kill_when(process: subprocess.Popen, event: threading.Event) -> None:
    wait_until(lambda: event.is_set() or process.poll() is not None, timeout=20, what="the SMTP command")
    assert process.poll() is None, f"monitor digest ended early: {process.communicate()}"
    process.send_signal(signal.SIGKILL)
    process.wait(5)


def alerts_in_sent_digests(database: Path) -> list[int]:
    """Every alert id of every digest the database records as sent (an alert twice: mailed twice)."""
    with Store(database) as store:
        return sorted(i for d in store.digests() if d["status"] == "sent" for i in json.loads(d["alert_ids"]))


def setup(tmp_path: Path, port: int) -> Path:
    config = write_config(tmp_path, smtp_port=port)
    seed(tmp_path / "monitor.db")
    return config


def digest_again(tmp_path: Path, smtp) -> tuple[Server, subprocess.CompletedProcess]:
    """The next day's `monitor digest`, left to finish, against a well-behaved server."""
    server = Server()
    config = write_config(tmp_path, smtp_port=smtp(server).port)
    done = subprocess.run([sys.executable, "-m", "monitor", "-c", str(config), "digest"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return server, done


def test_a_digest_killed_while_saying_quit_is_not_sent_again(tmp_path, smtp) -> None:
    first = Server(hang_at="QUIT")
    config = setup(tmp_path, smtp(first).port)
    kill_when(monitor_digest(config), first.hanging)   # the server has accepted the digest; QUIT hangs
    assert len(first.accepted) == 1

    second, done = digest_again(tmp_path, smtp)
    assert "Nothing new since the last digest" in done.stdout
    assert second.accepted == []
    assert alerts_in_sent_digests(tmp_path / "monitor.db") == list(range(1, ALERTS + 1))
    with Store(tmp_path / "monitor.db") as store:
        assert [d["status"] for d in store.digests()] == ["empty", "sent"]
        # The killed sender's run is closed by the next sender (item 6).
        assert [r["status"] for r in store.runs()] == ["ok", "interrupted"]


def test_a_digest_killed_before_the_server_answered_its_data_is_sent_again_as_the_same_message(
        tmp_path, smtp) -> None:
    # Killed while the server held the data without answering: the digest may or may not have
    # been delivered. It must not be re-composed (its alerts under a new Message-ID): it goes
    # again as the same message.
    first = Server(hang_at="DATA")
    config = setup(tmp_path, smtp(first).port)
    kill_when(monitor_digest(config), first.hanging)
    with Store(tmp_path / "monitor.db") as store:
        (digest,) = store.digests()
        assert digest["status"] == "sending"

    second, done = digest_again(tmp_path, smtp)
    assert "again, as the same message" in done.stdout
    (resent,) = second.accepted
    assert resent["Message-ID"] == digest["message_id"]
    assert alerts_in_sent_digests(tmp_path / "monitor.db") == list(range(1, ALERTS + 1))
    with Store(tmp_path / "monitor.db") as store:
        assert [d["status"] for d in store.digests()] == ["empty", "sent"]   # nothing new came meanwhile
        assert store.unmailed_alerts() == []
