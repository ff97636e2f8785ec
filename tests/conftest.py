"""Fixtures shared by the test files: a database, a project config, a loopback HTTP server and feeds on it.

* ``store`` — a fresh database in ``tmp_path``. Its status settings are the defaults (two
  independent sources settle a claim) unless the test or its module is marked
  ``@pytest.mark.min_sources(N)``.
* ``make_config`` — writes ``config/monitor.toml`` in ``tmp_path`` (database ``monitor.db``,
  loopback fetching allowed, the given feeds and any extra TOML) and returns the ``Config``.
* ``server`` — a loopback HTTP server (``pytest-httpserver``) with no handlers left over.
* ``rss`` — an RSS 2.0 document of the given items, to serve on ``server``.
* ``shared_data`` — the shared data folder (``bench/shared.py``: ``../shared/data`` or
  ``$MONITOR_SHARED_DATA``); a test that needs it is skipped where it is absent.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from bench.shared import shared_data_dir
from monitor.config import Config, parse_config
from monitor.store import StatusSettings, Store


@pytest.fixture
def shared_data() -> Path:
    """The shared data folder; the test is skipped where it is absent (e.g. a fresh clone)."""
    folder = shared_data_dir()
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here; set MONITOR_SHARED_DATA to the shared data folder")
    return folder


@pytest.fixture
def store(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    """A fresh database in ``tmp_path`` (``@pytest.mark.min_sources(N)``: N independent sources settle a claim)."""
    marker = request.node.get_closest_marker("min_sources")
    settings = StatusSettings(0.6, marker.args[0]) if marker else None
    with Store(tmp_path / "monitor.db", settings=settings) as opened:
        yield opened


@pytest.fixture
def make_config(tmp_path: Path) -> Callable[..., Config]:
    """A factory: ``make_config(feeds, extra="", timeout=2.0)`` writes ``config/monitor.toml``.

    ``feeds`` maps names to URLs, or lists URLs (named feed1, feed2, …); ``extra`` is TOML
    appended before the feeds (sections of its own, e.g. ``"[verdicts]\\nrecheck_hours = 0\\n"``).
    """
    def make(feeds: Mapping[str, str] | Sequence[str] = (), extra: str = "", timeout: float = 2.0) -> Config:
        named = dict(feeds) if isinstance(feeds, Mapping) else {f"feed{i}": url for i, url in enumerate(feeds, 1)}
        blocks = "".join(f'\n[[feeds]]\nname = "{name}"\nurl = "{url}"\n' for name, url in named.items())
        text = (f'[database]\npath = "monitor.db"\n[fetch]\ntimeout = {timeout}\n'
                f'allow_private_addresses = ["127.0.0.0/8"]\n{extra}{blocks}')
        path = tmp_path / "config" / "monitor.toml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return parse_config(text, path)
    return make


@pytest.fixture(scope="module")
def running_server() -> Iterator[HTTPServer]:
    # One server per test module (stopping one takes half a second); handlers are cleared per test.
    httpd = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    httpd.start()
    yield httpd
    httpd.stop()


@pytest.fixture
def server(running_server: HTTPServer) -> Iterator[HTTPServer]:
    """A loopback HTTP server with no handlers left over from the previous test."""
    yield running_server
    running_server.clear()
