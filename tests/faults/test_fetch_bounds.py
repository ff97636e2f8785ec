"""Every fetch ends in bounded time and memory, whatever the server does (issue 15, items 1 and 2).

The deadline covers the whole request — connect, status line, headers, body — and the size cap
covers every content-encoding layer, not only the last one. A fetch that hangs must not hang the
poll cycle, the scheduler, or the scheduler's shutdown either.
"""
from __future__ import annotations

import gzip
import threading
import time
import tracemalloc
import zlib

import pytest

from monitor.config import parse_config
from monitor.errors import FetchError
from monitor.ingest.fetch import TOTAL_TIMEOUT_FACTOR, Fetcher
from monitor.run.schedule import Scheduler
from monitor.store import Store

from faultkit import (TIMEOUT, RawServer, fetch_settings, http_response, serve_bytes, stall, wait_until,
                      write_config)

TOTAL = TIMEOUT * TOTAL_TIMEOUT_FACTOR  # 2 s: the longest one request may take
PAGE = b"<html><body><p>" + b"A paragraph of a perfectly ordinary article. " * 20 + b"</p></body></html>"


def drip_head(sock, server: RawServer, path: str) -> None:
    """One byte of the status line every 0.2 s: each read is quick, the whole is endless."""
    server.drip(sock, http_response(PAGE, headers={"Content-Type": "text/html"}) * 100, every=0.2)


def test_a_server_dripping_its_status_line_is_abandoned_at_the_total_deadline(raw_server) -> None:
    server = raw_server(drip_head)
    started = time.monotonic()
    with Fetcher(fetch_settings()) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/story"))
    elapsed = time.monotonic() - started
    assert elapsed < TOTAL + 1, f"the fetch took {elapsed:.1f} s, the limit is {TOTAL:g} s"
    # The message gives the real total, not the per-read timeout.
    assert f"timed out after {TOTAL:g}s in all" in str(caught.value)
    assert "raise [fetch] timeout" in str(caught.value)


def test_a_server_dripping_headers_after_a_prompt_status_line_is_abandoned_too(raw_server) -> None:
    def behaviour(sock, server: RawServer, path: str) -> None:
        sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
        server.drip(sock, b"X-Padding: " + b"a" * 1000, every=0.1)

    server = raw_server(behaviour)
    started = time.monotonic()
    with Fetcher(fetch_settings()) as fetcher, pytest.raises(FetchError, match="in all"):
        fetcher.get(server.url("/story"))
    assert time.monotonic() - started < TOTAL + 1


def test_a_server_that_accepts_and_never_answers_times_out_per_read(raw_server) -> None:
    server = raw_server(stall)
    started = time.monotonic()
    with Fetcher(fetch_settings()) as fetcher, pytest.raises(FetchError, match=f"timed out after {TIMEOUT:g}s"):
        fetcher.get(server.url("/story"))
    assert time.monotonic() - started < TIMEOUT + 1


def test_a_stuck_fetch_does_not_stop_the_scheduler_from_shutting_down(raw_server, tmp_path) -> None:
    # The feed's server drips for ever; `monitor run` must still stop, within one request's deadline.
    server = raw_server(drip_head)
    config = parse_config(write_config(tmp_path, [server.url("/feed.xml")]).read_text())
    scheduler = Scheduler(config, judge_factory=None)
    runner = threading.Thread(target=scheduler.run, kwargs={"handle_signals": False}, daemon=True)
    runner.start()
    wait_until(lambda: server.connections > 0, what="the scheduler's first poll")
    asked = time.monotonic()
    scheduler.stop()
    runner.join(TOTAL + 3)
    assert not runner.is_alive(), "the scheduler is still waiting for a fetch that never ends"
    assert time.monotonic() - asked < TOTAL + 3
    with Store(config.database_path) as store:
        feed = store.feeds()[0]
        assert feed["consecutive_failures"] == 1
        assert "in all" in feed["last_error"]


# -- decoded size across content-encoding layers ----------------------------------------------

def gzip_layers(size: int, layers: int) -> bytes:
    """``size`` zero bytes, gzipped ``layers`` times (streamed: the plain bytes never exist at once)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = b"\0" * (1 << 20)
    body = b"".join(compressor.compress(block) for _ in range(size >> 20)) + compressor.flush()
    for _ in range(layers - 1):
        body = gzip.compress(body, 9)
    return body


@pytest.fixture(scope="module")
def stacked_bomb() -> bytes:
    return gzip_layers(128 << 20, 3)  # 128 MB of zeros in about a KB


def test_stacked_gzip_is_capped_layer_by_layer_not_after_each_layer_is_decoded_whole(raw_server,
                                                                                     stacked_bomb) -> None:
    assert len(stacked_bomb) < 10_000
    server = raw_server(serve_bytes(http_response(stacked_bomb, headers={
        "Content-Type": "text/html", "Content-Encoding": "gzip, gzip, gzip"})))
    cap = 1_000_000
    tracemalloc.start()
    try:
        with Fetcher(fetch_settings(max_page_bytes=cap)) as fetcher, \
                pytest.raises(FetchError, match="over the 1,000,000-byte limit"):
            fetcher.get(server.url("/bomb"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Decoding a layer whole would hold 128 MB; the bound is a few times the cap.
    assert peak < 8 * cap, f"peak memory {peak:,} bytes while fetching a capped page"


def test_stacked_gzip_within_the_cap_is_decoded_to_the_page(raw_server) -> None:
    body = gzip.compress(gzip.compress(PAGE))
    server = raw_server(serve_bytes(http_response(body, headers={
        "Content-Type": "text/html", "Content-Encoding": "gzip, gzip"})))
    with Fetcher(fetch_settings()) as fetcher:
        assert fetcher.get(server.url("/page")).content == PAGE


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS], ids=["zlib-deflate", "raw-deflate"])
def test_deflate_with_and_without_its_zlib_header_is_decoded(raw_server, wbits: int) -> None:
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    body = compressor.compress(PAGE) + compressor.flush()
    server = raw_server(serve_bytes(http_response(body, headers={
        "Content-Type": "text/html", "Content-Encoding": "deflate"})))
    with Fetcher(fetch_settings()) as fetcher:
        assert fetcher.get(server.url("/page")).content == PAGE


def test_a_body_that_is_not_what_its_content_encoding_says_names_the_encoding(raw_server) -> None:
    server = raw_server(serve_bytes(http_response(b"not gzip at all", headers={
        "Content-Type": "text/html", "Content-Encoding": "gzip"})))
    with Fetcher(fetch_settings()) as fetcher, \
            pytest.raises(FetchError, match="does not match its Content-Encoding gzip"):
        fetcher.get(server.url("/page"))
