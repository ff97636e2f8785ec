"""Fixtures shared by several test files: a real HTTP server on loopback."""
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer


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
