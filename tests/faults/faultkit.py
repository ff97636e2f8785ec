"""Helpers of the fault suite (a module of its own: `from conftest import` would pick whichever
conftest was imported first, the suite's or the tests folder's): the hostile servers of ``hostile.py`` started per test, and a
monitor config with short timeouts.

Every fault test must end in a few seconds, also when the behaviour it checks is broken: the
servers stop dripping when the test ends, and the fetch settings are a fraction of a second.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hostile import (Behaviour, RawServer, article_html, http_response, read_request, routes, rss,  # noqa: F401
                     serve_bytes, stall)
from monitor.config import FetchSettings

LOOPBACK = "127.0.0.0/8"
# Short enough for a fault test; a request may then last TOTAL_TIMEOUT_FACTOR (4) x this.
TIMEOUT = 0.5


@pytest.fixture
def raw_server() -> Iterator[Callable[[Behaviour], RawServer]]:
    """``raw_server(behaviour)`` starts a RawServer; all are closed when the test ends."""
    servers: list[RawServer] = []

    def start(behaviour: Behaviour) -> RawServer:
        servers.append(RawServer(behaviour))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def fetch_settings(**changes: object) -> FetchSettings:
    """Fetch settings for loopback servers, with the fault suite's short timeout."""
    from ipaddress import ip_network

    values: dict[str, object] = {"timeout": TIMEOUT, "allow_private_addresses": (ip_network(LOOPBACK),),
                                 "max_page_bytes": 1_000_000}
    values.update(changes)
    return FetchSettings(**values)  # type: ignore[arg-type]


def write_config(tmp_path: Path, feed_urls: list[str] = (), *, smtp_port: int = 1, claims: str = "",
                 timeout: float = TIMEOUT) -> Path:
    """A monitor.toml (and claims.toml) in tmp_path/config for these feeds, with short timeouts."""
    config = tmp_path / "config" / "monitor.toml"
    config.parent.mkdir(exist_ok=True)
    (config.parent / "claims.toml").write_text(claims or "# no claims: articles are stored, not judged\n")
    feeds = "".join(f'[[feeds]]\nname = "Feed {n}"\nurl = "{url}"\ninterval_minutes = 1\n'
                    for n, url in enumerate(feed_urls, start=1))
    config.write_text(f"""
[database]
path = "{tmp_path / 'monitor.db'}"
[fetch]
allow_private_addresses = ["{LOOPBACK}"]
timeout = {timeout}
workers = 2
per_host_concurrency = 2
[polling]
tick_seconds = 1
[email]
smtp_host = "127.0.0.1"
smtp_port = {smtp_port}
security = "none"
sender = "monitor@example.org"
recipients = ["ana@example.org"]
timezone = "UTC"
{feeds}""")
    return config


def wait_until(condition: Callable[[], object], timeout: float = 5.0, what: str = "the condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout} s")
        time.sleep(0.02)
