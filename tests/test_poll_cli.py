"""`monitor poll` and `monitor articles`: the summary line, exit codes, JSON output, and a poll
killed (SIGKILL) in the middle of a cycle, then rerun: every article stored exactly once."""
from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Iterator

import pytest
from click.testing import CliRunner, Result
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from monitor.cli import cli
from monitor.locking import ProcessLock
from monitor.run.pipeline import poll_lock_path
from monitor.store import Store

from feedkit import rss

PARAGRAPH = ("Officials said on {day} that the talks about the {topic} would continue next week in Riyadh, "
             "where delegations from both countries are expected to meet advisers to discuss the next steps.")


def page(n: int) -> bytes:
    """Article n: its own title and text, so no two pages share a content hash."""
    topics = ["ceasefire", "minerals deal", "prisoner exchange", "summit", "aid package", "border question"]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    body = "".join(f"<p>{PARAGRAPH.format(day=days[(n + i) % 6], topic=topics[n % 6])} (Story {n}, part {i}.)</p>"
                   for i in range(3))
    return (f"<html><head><title>Story {n} about the {topics[n % 6]}</title></head><body><nav><a href='/'>Home</a>"
            f"</nav><article><h1>Story {n} about the {topics[n % 6]}</h1>{body}</article></body></html>").encode()




def write_config(tmp_path: Path, feeds: list[str], extra: str = "", timeout: float = 2) -> Path:
    blocks = "".join(f'\n[[feeds]]\nname = "feed{i}"\nurl = "{url}"\n' for i, url in enumerate(feeds, 1))
    path = tmp_path / "config" / "monitor.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f'[database]\npath = "monitor.db"\n[fetch]\ntimeout = {timeout}\n'
                    f'allow_private_addresses = ["127.0.0.0/8"]\n{extra}{blocks}')
    # No claims: these tests are about ingesting; a poll then stores articles without judging.
    (path.parent / "claims.toml").write_text("")
    return path


def serve_site(server: HTTPServer, pages: range) -> str:
    for n in pages:
        server.expect_request(f"/news/{n}").respond_with_data(page(n), content_type="text/html")
    server.expect_request("/feed.xml").respond_with_data(rss([{"title": f"Item {n}", "link": f"/news/{n}"} for n in pages]),
                                                         content_type="application/rss+xml")
    return server.url_for("/feed.xml")


SUMMARY = re.compile(r"Polled (\d+) feeds? \((\d+) not modified, (\d+) failed\) · articles: (\d+) new, "
                     r"(\d+) duplicate, (\d+) failed · alerts: (\d+) new · \d+\.\d s\n")


def run(config: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-c", str(config), *args], catch_exceptions=False)


@pytest.mark.slow
def test_poll_prints_one_summary_line_and_exits_0_with_some_failures(server, tmp_path):
    good = serve_site(server, range(1, 4))
    server.expect_request("/missing.xml").respond_with_data("gone", status=404)
    config = write_config(tmp_path, [good, server.url_for("/missing.xml")])
    result = run(config, "poll")
    assert result.exit_code == 0, result.output
    match = SUMMARY.fullmatch(result.stdout)  # no progress bar: stdout is not a terminal
    assert match is not None and match.groups() == ("2", "0", "1", "3", "0", "0", "0")

    result = run(config, "poll", "--force")
    match = SUMMARY.fullmatch(result.stdout)
    assert result.exit_code == 0 and match is not None and match.groups() == ("2", "0", "1", "0", "0", "0", "0")


def test_poll_exits_2_when_every_due_feed_failed(server, tmp_path):
    server.expect_request("/missing.xml").respond_with_data("gone", status=404)
    config = write_config(tmp_path, [server.url_for("/missing.xml")])
    result = run(config, "poll")
    assert result.exit_code == 2
    match = SUMMARY.fullmatch(result.stdout)
    assert match is not None and match.groups()[:3] == ("1", "0", "1")
    # Not due again yet: nothing to poll is not a failure.
    result = run(config, "poll")
    assert result.exit_code == 0 and result.stdout.startswith("Polled 0 feeds (0 not modified, 0 failed)")


def test_poll_exits_1_on_config_and_store_errors(tmp_path):
    result = CliRunner().invoke(cli, ["-c", str(tmp_path / "nowhere.toml"), "poll"])
    assert result.exit_code == 1 and "no such config file; run `monitor init`" in result.output
    config = write_config(tmp_path, ["http://127.0.0.1:9/feed.xml"])
    (tmp_path / "monitor.db").mkdir()  # a folder where the database file should be
    result = CliRunner().invoke(cli, ["-c", str(config), "poll"])
    assert result.exit_code == 1 and "cannot open the database" in result.output


@pytest.mark.slow
def test_a_broken_claims_file_still_stores_articles_and_exits_1(server, tmp_path):
    config = write_config(tmp_path, [serve_site(server, range(1, 3))])
    (config.parent / "claims.toml").write_text("[[claims]\nid = ")
    result = run(config, "poll")
    assert result.exit_code == 1
    assert "claims.toml" in result.stderr and "will be judged by the first poll after this is fixed" in result.stderr
    match = SUMMARY.fullmatch(result.stdout)
    assert match is not None and match.groups()[3] == "2"
    with Store(tmp_path / "monitor.db") as store:
        assert len(store.unjudged_articles()) == 2


@pytest.mark.slow
def test_articles_json_parses_back_and_filters_by_status(server, tmp_path):
    good = serve_site(server, range(1, 3))
    server.expect_request("/news/broken").respond_with_data("boom", status=500)
    server.expect_request("/feed2.xml").respond_with_data(rss([{"title": "Item 0", "link": "/news/broken"}]), content_type="text/xml")
    config = write_config(tmp_path, [good, server.url_for("/feed2.xml")])
    assert run(config, "poll").exit_code == 0

    rows = json.loads(run(config, "articles", "--format", "json").stdout)
    assert len(rows) == 3 and {r["status"] for r in rows} == {"ok", "failed"}
    assert {"id", "published_at", "fetched_at", "site", "title", "status", "error", "url"} <= set(rows[0])
    (failed,) = json.loads(run(config, "articles", "--status", "failed", "--format", "json").stdout)
    assert failed["url"] == server.url_for("/news/broken") and "HTTP 500" in failed["error"]
    ok = json.loads(run(config, "articles", "--status", "ok", "--format", "json", "--limit", "1").stdout)
    assert len(ok) == 1 and ok[0]["title"].startswith("Story ")
    table = run(config, "articles").stdout.splitlines()
    assert table[0].split() == ["id", "published_at", "fetched_at", "site", "title", "status", "error", "url"]
    assert len(table) == 2 + 3


def test_poll_exits_1_while_another_cycle_holds_the_database(server, tmp_path):
    config = write_config(tmp_path, [serve_site(server, range(1, 2))])
    with ProcessLock(poll_lock_path(tmp_path / "monitor.db"), "a poll cycle"):
        result = CliRunner().invoke(cli, ["-c", str(config), "poll"])
    assert result.exit_code == 1 and "a poll cycle is already running for this database" in result.output
    assert run(config, "poll").exit_code == 0


def test_articles_before_any_poll_says_what_to_do(tmp_path):
    config = write_config(tmp_path, ["http://127.0.0.1:9/feed.xml"])
    result = CliRunner().invoke(cli, ["-c", str(config), "articles"])
    assert result.exit_code == 1 and "run `monitor poll` first" in result.output


@pytest.mark.slow
def test_a_poll_killed_mid_cycle_loses_and_duplicates_nothing_on_rerun(server, tmp_path):
    pages = range(1, 9)
    blocked_path = "/news/5"
    reached, release = threading.Event(), threading.Event()
    calls = {"blocked": 0}

    def blocking(request: Request) -> Response:
        calls["blocked"] += 1
        if calls["blocked"] == 1:  # the first fetch hangs until the poll has been killed
            reached.set()
            release.wait(30)
        return Response(page(5), content_type="text/html")

    for n in pages:
        if f"/news/{n}" != blocked_path:
            server.expect_request(f"/news/{n}").respond_with_data(page(n), content_type="text/html")
    server.expect_request(blocked_path).respond_with_handler(blocking)
    server.expect_request("/feed.xml").respond_with_data(rss([{"title": f"Item {n}", "link": f"/news/{n}"} for n in pages]),
                                                         content_type="application/rss+xml")
    # A generous timeout: on a busy machine the blocked fetch must still be hanging when the kill lands.
    config = write_config(tmp_path, [server.url_for("/feed.xml")], timeout=60)
    database = tmp_path / "monitor.db"
    command = [sys.executable, "-m", "monitor", "-c", str(config), "poll"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}

    poll = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        assert reached.wait(60), "the poll never fetched the blocking article"
        # Wait until some articles are saved, so the kill really lands between two of them.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and stored_count(database) < 3:
            time.sleep(0.05)
        os.kill(poll.pid, signal.SIGKILL)
        assert poll.wait(10) == -signal.SIGKILL
        # Its extraction processes notice and exit by themselves (no orphans left waiting).
        assert wait_until_gone(poll.pid, 10), "processes of the killed poll are still running"
    finally:
        release.set()
        try:
            os.killpg(poll.pid, signal.SIGKILL)  # the extraction processes of the killed poll, if any remain
        except ProcessLookupError:
            pass

    before = stored_count(database)
    assert 3 <= before < len(pages)
    # The crashed run never finished: its record says so.
    with Store(database) as store:
        assert [r["status"] for r in store.runs()] == ["running"]

    rerun = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    # The feed is not due again: the rerun finds the unfinished work in the database.
    assert rerun.stdout.startswith(f"Polled 0 feeds (0 not modified, 0 failed) · articles: {len(pages) - before} new")

    with Store(database) as store:
        articles = store.articles(limit=100)
        assert sorted(a["url"] for a in articles) == sorted(server.url_for(f"/news/{n}") for n in pages)
        assert all(a["status"] == "ok" for a in articles)
        assert all(e["article_id"] for e in store.entries())
        texts = {store.article(a["id"])["text"].split("\n")[0] for a in articles}
        assert len(texts) == len(pages)
    assert calls["blocked"] == 2
    # Pages stored before the kill were not fetched again.
    fetched = [request.path for request, _ in server.log]
    assert sum(fetched.count(f"/news/{n}") for n in pages) <= len(pages) + (len(pages) - before)


def wait_until_gone(session: int, seconds: float) -> bool:
    """True once no process of the session (process group) started for the poll is left."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(session, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def stored_count(database: Path) -> int:
    if not database.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("select count(*) from articles where status = 'ok'").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is still being created
        return 0
