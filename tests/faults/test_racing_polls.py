"""Two processes starting on a new database at once (issue 15, item 7).

Both find the schema missing; only one may build it. The other waits and then meets the
single-instance rule, not a half-migrated database.
"""
from __future__ import annotations

import multiprocessing
import subprocess
import sys
from pathlib import Path

from monitor.store import Store
from monitor.store.schema import migrations

from faultkit import http_response, routes, rss, serve_bytes, stall, write_config

ROOT = Path(__file__).resolve().parents[2]
PROCESSES, ROUNDS = 4, 4


def open_store(path: str, start: "multiprocessing.synchronize.Barrier", results: "multiprocessing.Queue") -> None:
    start.wait()
    try:
        Store(path).close()
        results.put("ok")
    except Exception as exc:  # what the test reports
        results.put(f"{type(exc).__name__}: {exc}")


def test_processes_opening_a_new_database_at_the_same_moment_all_get_the_full_schema(tmp_path) -> None:
    context = multiprocessing.get_context("fork")
    for round_ in range(ROUNDS):
        path = str(tmp_path / f"round-{round_}.db")
        start, results = context.Barrier(PROCESSES), context.Queue()
        workers = [context.Process(target=open_store, args=(path, start, results)) for _ in range(PROCESSES)]
        for worker in workers:
            worker.start()
        outcomes = [results.get(timeout=30) for _ in workers]
        for worker in workers:
            worker.join(10)
        assert outcomes == ["ok"] * PROCESSES, f"round {round_}: {outcomes}"
        with Store(path) as store:
            assert migrations.pending(store.db) == []


def test_the_second_of_two_polls_on_a_new_database_gets_the_single_instance_message(raw_server, tmp_path) -> None:
    server = raw_server(lambda sock, srv, path: routes({
        "/feed.xml": serve_bytes(http_response(rss(srv.url("").rstrip("/"), 1),
                                               headers={"Content-Type": "application/rss+xml"})),
        "/story-1": stall,   # keeps the winner's poll cycle busy
    })(sock, srv, path))
    config = write_config(tmp_path, [server.url("/feed.xml")], timeout=1.5)
    command = [sys.executable, "-m", "monitor", "-c", str(config), "poll"]
    polls = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outputs = [poll.communicate(timeout=60) for poll in polls]
    errors = sorted(err for _, err in outputs)
    assert "cannot open the database" not in "".join(errors)
    assert "a poll cycle is already running for this database" in errors[-1]
