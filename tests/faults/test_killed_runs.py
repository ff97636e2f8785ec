"""A run killed mid-way does not stay "running" for ever (issue 15, item 6).

`monitor poll` is killed with SIGKILL while an article page stalls; the next poll, holding the
poll lock, knows no live process owns the old run and records it as interrupted.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from monitor.store import Store

from faultkit import article_html, http_response, routes, rss, serve_bytes, stall, wait_until, write_config

ROOT = Path(__file__).resolve().parents[2]


def monitor(config: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "monitor", "-c", str(config), *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def test_a_poll_killed_mid_way_is_recorded_as_interrupted_by_the_next_poll(raw_server, tmp_path) -> None:
    stalled = {"story-1": True}

    def story(sock, server, path: str) -> None:
        if stalled["story-1"]:
            stall(sock, server, path)
        else:
            sock.sendall(http_response(article_html(1), headers={"Content-Type": "text/html; charset=utf-8"}))

    server = raw_server(lambda sock, srv, path: routes({
        "/feed.xml": serve_bytes(http_response(rss(srv.url("").rstrip("/"), 1),
                                               headers={"Content-Type": "application/rss+xml"})),
        "/story-1": story,
    })(sock, srv, path))
    # A long timeout: the first poll must still be waiting for the page when it is killed.
    config = write_config(tmp_path, [server.url("/feed.xml")], timeout=30)
    first = monitor(config, "poll")
    wait_until(lambda: server.connections >= 2, timeout=20, what="the first poll asking for the article")
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(5)
    with Store(tmp_path / "monitor.db") as store:
        assert [r["status"] for r in store.runs()] == ["running"]   # what the kill leaves

    stalled["story-1"] = False
    second = monitor(config, "poll")
    out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    with Store(tmp_path / "monitor.db") as store:
        runs = store.runs()
        assert [r["status"] for r in runs] == ["ok", "interrupted"], runs[0]["errors"]
        assert "killed or crashed" in runs[1]["errors"]
        assert [a["status"] for a in store.articles()] == ["ok"]    # and the work was redone
