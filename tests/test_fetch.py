"""monitor.ingest.fetch against a real HTTP server on loopback: conditional GET, redirects, the SSRF
guard, size cap, timeouts, content types and the per-host concurrency limit."""
from __future__ import annotations

import gzip
import http.server
import logging
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any
from concurrent.futures import ThreadPoolExecutor
from ipaddress import ip_network
from pathlib import Path

import pytest

from monitor.config import FetchSettings
from monitor.errors import BlockedAddressError, FetchError
from monitor.ingest.fetch import Fetcher, check_url_allowed, parse_retry_after

LOOPBACK = (ip_network("127.0.0.0/8"),)
# A self-signed certificate for localhost and 127.0.0.1, valid until 2126 (made with openssl req -x509).
TLS = Path(__file__).parent / "fixtures" / "tls"
HTML = b"<html><head><title>Story</title></head><body><p>Hello world.</p></body></html>"

Handler = Callable[[http.server.BaseHTTPRequestHandler], None]


class LocalServer:
    """A threaded HTTP server on 127.0.0.1 whose paths are answered by test-supplied functions."""

    def __init__(self, tls: bool = False) -> None:
        self.scheme = "https" if tls else "http"
        self.routes: dict[str, Handler] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        routes, requests = self.routes, self.requests

        class RequestHandler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                requests.append((self.path, dict(self.headers.items())))
                handler = routes.get(self.path.split("?", 1)[0])
                if handler is None:
                    self.send_error(404)
                    return
                try:
                    handler(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up on purpose (size cap, timeout)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RequestHandler)
        self.httpd.daemon_threads = True
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(TLS / "localhost.pem", TLS / "localhost-key.pem")
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def route(self, path: str, handler: Handler) -> str:
        self.routes[path] = handler
        return self.url(path)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def respond(status: int = 200, body: bytes = HTML, content_type: str | None = "text/html; charset=utf-8",
            headers: dict[str, str] | None = None) -> Handler:
    def handler(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(status)
        if content_type:
            request.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)
    return handler


def redirect(status: int, location: str) -> Handler:
    return respond(status, b"", headers={"Location": location})


@pytest.fixture
def server() -> Iterator[LocalServer]:
    srv = LocalServer()
    yield srv
    srv.close()


def make_fetcher(**overrides: object) -> Fetcher:
    settings = dict(timeout=5.0, allow_private_addresses=LOOPBACK, user_agent="TestMonitor/1.0")
    settings.update(overrides)
    return Fetcher(FetchSettings(**settings))  # type: ignore[arg-type]


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with make_fetcher() as f:
        yield f


# -- ordinary GET and conditional GET ---------------------------------------------------

def test_get_returns_body_type_charset_and_validators(server: LocalServer, fetcher: Fetcher) -> None:
    url = server.route("/a", respond(headers={"ETag": '"v1"', "Last-Modified": "Tue, 11 Feb 2025 10:00:00 GMT"}))
    result = fetcher.get(url)
    assert result.status == 200 and not result.not_modified
    assert result.content == HTML
    assert (result.url, result.final_url) == (url, url)
    assert result.content_type == "text/html"
    assert result.encoding == "utf-8"
    assert result.etag == '"v1"'
    assert result.last_modified == "Tue, 11 Feb 2025 10:00:00 GMT"
    assert result.permanent_redirect is None and result.retry_after is None


def test_user_agent_from_settings_is_sent(server: LocalServer, fetcher: Fetcher) -> None:
    fetcher.get(server.route("/ua", respond()))
    assert server.requests[-1][1]["User-Agent"] == "TestMonitor/1.0"


def test_conditional_get_sends_validators_and_304_gives_empty_not_modified_result(
        server: LocalServer, fetcher: Fetcher) -> None:
    def conditional(request: http.server.BaseHTTPRequestHandler) -> None:
        if request.headers.get("If-None-Match") == '"v1"':
            request.send_response(304)
            request.send_header("ETag", '"v1"')
            request.end_headers()
        else:
            respond(headers={"ETag": '"v1"'})(request)

    url = server.route("/feed", conditional)
    first = fetcher.get(url, kind="feed")
    started = time.monotonic()
    second = fetcher.get(url, etag=first.etag, last_modified="Tue, 11 Feb 2025 10:00:00 GMT", kind="feed")
    assert time.monotonic() - started < 1
    sent = server.requests[-1][1]
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Tue, 11 Feb 2025 10:00:00 GMT"
    assert second.status == 304 and second.not_modified
    assert second.content == b""
    assert second.etag == '"v1"'
    # The 304 sent no Last-Modified: the one we sent is still the right validator to store.
    assert second.last_modified == "Tue, 11 Feb 2025 10:00:00 GMT"
    assert "If-None-Match" not in server.requests[0][1]


def test_gzip_body_is_decoded(server: LocalServer, fetcher: Fetcher) -> None:
    url = server.route("/gz", respond(body=gzip.compress(HTML), headers={"Content-Encoding": "gzip"}))
    assert fetcher.get(url).content == HTML


def test_debug_log_line_names_url_and_status(server: LocalServer, fetcher: Fetcher,
                                             caplog: pytest.LogCaptureFixture) -> None:
    url = server.route("/log", respond())
    with caplog.at_level(logging.DEBUG, logger="monitor.ingest.fetch"):
        fetcher.get(url)
    assert f"GET {url} -> 200" in caplog.messages


# -- HTTP errors, timeouts, unreachable servers ------------------------------------------

@pytest.mark.parametrize("status", [404, 500])
def test_http_error_raises_fetch_error_carrying_status(server: LocalServer, fetcher: Fetcher, status: int) -> None:
    url = server.route("/err", respond(status))
    with pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert caught.value.status == status
    assert f"HTTP {status} from {url}" in str(caught.value)


def test_503_error_carries_retry_after_seconds(server: LocalServer, fetcher: Fetcher) -> None:
    url = server.route("/busy", respond(503, headers={"Retry-After": "120"}))
    with pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert caught.value.status == 503
    assert caught.value.retry_after == 120.0


def test_retry_after_accepts_http_date() -> None:
    from datetime import datetime, timezone
    now = datetime(2025, 2, 14, 12, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after("Fri, 14 Feb 2025 12:05:00 GMT", now) == 300.0
    assert parse_retry_after("Fri, 14 Feb 2025 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon", now) is None


def test_slow_server_times_out_with_hint_to_raise_timeout(server: LocalServer) -> None:
    answered = threading.Event()

    def slow(request: http.server.BaseHTTPRequestHandler) -> None:
        answered.wait(10)  # answers only once the client has given up
        respond()(request)

    url = server.route("/slow", slow)
    started = time.monotonic()
    with make_fetcher(timeout=0.5) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(url)
    answered.set()
    assert time.monotonic() - started < 1.5
    assert f"{url} timed out after 0.5s" in str(caught.value)
    assert "raise [fetch] timeout" in str(caught.value)


def test_body_dripping_past_the_total_deadline_is_abandoned(server: LocalServer) -> None:
    def drip(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.end_headers()
        for _ in range(100):  # 10 s in all, each byte well within the 0.3 s read timeout
            request.wfile.write(b"x")
            request.wfile.flush()
            time.sleep(0.1)

    url = server.route("/drip", drip)
    started = time.monotonic()
    with make_fetcher(timeout=0.3) as fetcher, pytest.raises(FetchError, match="timed out after 1.2s"):
        fetcher.get(url)
    assert time.monotonic() - started < 3


def test_connection_refused_names_the_url() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/closed"
    with make_fetcher() as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert f"cannot connect to {url}" in str(caught.value)
    assert caught.value.status is None


def test_unresolvable_host_names_the_url() -> None:
    with make_fetcher() as fetcher, pytest.raises(FetchError, match="cannot resolve host no-such-host.invalid of "
                                                                   "http://no-such-host.invalid/x"):
        fetcher.get("http://no-such-host.invalid/x")


# -- redirects -------------------------------------------------------------------------

def test_permanent_redirect_chain_records_the_new_url(server: LocalServer, fetcher: Fetcher) -> None:
    final = server.route("/new", respond())
    server.route("/mid", redirect(308, "/new"))
    start = server.route("/old", redirect(301, server.url("/mid")))
    result = fetcher.get(start)
    assert result.final_url == final
    assert result.permanent_redirect == final
    assert result.content == HTML


def test_chain_with_a_temporary_hop_records_no_permanent_redirect(server: LocalServer, fetcher: Fetcher) -> None:
    final = server.route("/new", respond())
    server.route("/mid", redirect(302, "/new"))
    start = server.route("/old", redirect(301, "/mid"))
    result = fetcher.get(start)
    assert result.final_url == final
    assert result.permanent_redirect is None


def test_redirect_loop_is_named(server: LocalServer, fetcher: Fetcher) -> None:
    server.route("/b", redirect(302, "/a"))
    a = server.route("/a", redirect(302, "/b"))
    with pytest.raises(FetchError, match="redirect loop") as caught:
        fetcher.get(a)
    assert f"{a} -> {server.url('/b')} -> {a}" in str(caught.value)


def test_too_many_redirects_names_the_setting(server: LocalServer) -> None:
    for i in range(4):
        server.route(f"/r{i}", redirect(302, f"/r{i + 1}"))
    server.route("/r4", respond())
    with make_fetcher(max_redirects=3) as fetcher, pytest.raises(FetchError, match=r"raise \[fetch\] max_redirects"):
        fetcher.get(server.url("/r0"))
    with make_fetcher(max_redirects=4) as fetcher:
        assert fetcher.get(server.url("/r0")).final_url == server.url("/r4")


def test_redirect_to_another_scheme_is_refused(server: LocalServer, fetcher: Fetcher) -> None:
    to_file = server.route("/file", redirect(302, "file:///etc/passwd"))
    with pytest.raises(BlockedAddressError, match="only http:// and https:// URLs are fetched, not file:"):
        fetcher.get(to_file)


def test_redirect_to_a_blocked_address_is_refused_before_connecting(server: LocalServer, fetcher: Fetcher) -> None:
    url = server.route("/escape", redirect(302, "http://169.254.169.254/latest/meta-data/"))
    with pytest.raises(BlockedAddressError, match="169.254.169.254, a link-local address"):
        fetcher.get(url)


# -- SSRF guard ------------------------------------------------------------------------

def test_loopback_url_is_refused_unless_allowed(server: LocalServer) -> None:
    url = server.route("/local", respond())
    with make_fetcher(allow_private_addresses=()) as fetcher, pytest.raises(BlockedAddressError) as caught:
        fetcher.get(url)
    message = str(caught.value)
    assert "127.0.0.1, a loopback address" in message
    assert "[fetch] allow_private_addresses" in message
    assert server.requests == []
    with make_fetcher() as fetcher:
        assert fetcher.get(url).status == 200


def test_dns_rebinding_to_loopback_is_refused_at_connect_time(server: LocalServer,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # A hostile DNS server answers the guard's lookup with a public address and the
    # connection's lookup, a moment later, with loopback. Only a resolver can play it.
    real_getaddrinfo = socket.getaddrinfo
    answers = iter(["93.184.215.14"])

    def rebinding_getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list[Any]:
        if host == "rebind.test":
            host = next(answers, "127.0.0.1")
        return real_getaddrinfo(host, port, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_getaddrinfo)
    server.route("/secret", respond())
    with make_fetcher(allow_private_addresses=()) as fetcher, \
            pytest.raises(BlockedAddressError, match="127.0.0.1, a loopback address"):
        fetcher.get(f"http://rebind.test:{server.port}/secret")
    assert server.requests == []


@pytest.fixture
def tls_server() -> Iterator[LocalServer]:
    srv = LocalServer(tls=True)
    yield srv
    srv.close()


def test_https_verifies_the_certificate_by_host_name(tls_server: LocalServer,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # The guarded connection opens the socket to a checked IP address; the certificate must
    # still be checked against the URL's host name.
    tls_server.route("/secure", respond())
    monkeypatch.setenv("SSL_CERT_FILE", str(TLS / "localhost.pem"))
    with make_fetcher() as fetcher:
        assert fetcher.get(tls_server.url("/secure", "localhost")).content == HTML


def test_untrusted_certificate_is_an_error_not_a_downgrade(tls_server: LocalServer,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    url = tls_server.route("/secure", respond())
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    with make_fetcher() as fetcher, pytest.raises(FetchError, match="TLS certificate of .* cannot be verified") as caught:
        fetcher.get(url)
    assert url in str(caught.value)
    assert tls_server.requests == []


@pytest.mark.parametrize("address", [
    "10.1.2.3", "172.16.0.1", "192.168.1.1", "127.0.0.1", "169.254.169.254", "0.0.0.0", "224.0.0.1",
    "100.64.0.1", "240.0.0.1", "[::1]", "[::]", "[fe80::1]", "[fc00::1]", "[ff02::1]",
    "[::ffff:127.0.0.1]", "[::ffff:10.0.0.1]", "[64:ff9b::a00:1]", "[2002:c0a8:101::1]",
])
def test_non_public_addresses_are_refused(address: str) -> None:
    with pytest.raises(BlockedAddressError, match=r"\[fetch\] allow_private_addresses"):
        check_url_allowed(f"http://{address}/", ())


@pytest.mark.parametrize("address", ["93.184.215.14", "[2606:2800:21f:cb07:6820:80da:af6b:8b2c]"])
def test_public_addresses_are_allowed(address: str) -> None:
    check_url_allowed(f"https://{address}/page", ())


def test_ipv4_mapped_loopback_is_allowed_by_the_ipv4_network() -> None:
    check_url_allowed("http://[::ffff:127.0.0.1]/", LOOPBACK)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://93.184.215.14/x", "gopher://93.184.215.14/",
                                 "example.com/news"])
def test_non_http_schemes_are_refused(url: str) -> None:
    with pytest.raises(BlockedAddressError, match="only http:// and https://"):
        check_url_allowed(url, LOOPBACK)


# -- size cap --------------------------------------------------------------------------

CAP = 100_000
BIG = 5_000_000


def test_declared_length_over_the_cap_is_refused_before_reading(server: LocalServer) -> None:
    url = server.route("/huge", respond(body=b"a" * BIG))
    with make_fetcher(max_page_bytes=CAP) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert "5,000,000 bytes, over the 100,000-byte limit" in str(caught.value)
    assert "raise [fetch] max_page_bytes" in str(caught.value)


def test_undeclared_huge_body_is_abandoned_soon_after_the_cap(server: LocalServer) -> None:
    sent = [0]

    def endless(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.end_headers()  # no Content-Length: the body ends when the connection closes
        chunk = b"<p>" + b"a" * 65_533
        for _ in range(BIG * 20 // len(chunk)):  # 100 MB if nobody stops reading
            request.wfile.write(chunk)
            sent[0] += len(chunk)

    url = server.route("/endless", endless)
    started = time.monotonic()
    with make_fetcher(max_page_bytes=CAP) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert time.monotonic() - started < 2
    assert "over the 100,000-byte limit" in str(caught.value)
    time.sleep(0.2)  # let the handler notice the closed connection
    # Whatever the kernel's socket buffers absorbed, far less than the whole body was sent.
    assert sent[0] < BIG * 4


def test_cap_applies_to_the_decoded_size_of_a_gzip_bomb(server: LocalServer) -> None:
    bomb = gzip.compress(b"<p>" + b"a" * BIG)
    assert len(bomb) < CAP
    url = server.route("/bomb", respond(body=bomb, headers={"Content-Encoding": "gzip"}))
    with make_fetcher(max_page_bytes=CAP) as fetcher, pytest.raises(FetchError, match="decoded bytes"):
        fetcher.get(url)


# -- content types ---------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def test_image_is_refused_naming_its_type(server: LocalServer, fetcher: Fetcher) -> None:
    url = server.route("/pic", respond(body=PNG, content_type="image/png"))
    with pytest.raises(FetchError, match=f"{url} is image/png, not HTML"):
        fetcher.get(url)


def test_binary_bytes_served_as_html_are_refused(server: LocalServer, fetcher: Fetcher) -> None:
    url = server.route("/fake", respond(body=PNG + HTML))
    with pytest.raises(FetchError, match="binary"):
        fetcher.get(url)


def test_utf16_html_with_bom_is_not_mistaken_for_binary(server: LocalServer, fetcher: Fetcher) -> None:
    body = "\ufeff<html><body><p>Привет</p></body></html>".encode("utf-16-le")
    url = server.route("/utf16", respond(body=body, content_type="text/html"))
    assert fetcher.get(url).content == body


@pytest.mark.parametrize("content_type", ["application/rss+xml", "application/atom+xml", "text/xml",
                                          "application/xml; charset=utf-8", "text/html"])
def test_feeds_accept_xml_types_and_misserved_html(server: LocalServer, fetcher: Fetcher, content_type: str) -> None:
    url = server.route("/feed", respond(body=b"<rss version='2.0'></rss>", content_type=content_type))
    assert fetcher.get(url, kind="feed").content_type == content_type.split(";")[0]


def test_pages_refuse_feed_and_pdf_types(server: LocalServer, fetcher: Fetcher) -> None:
    rss = server.route("/rss", respond(content_type="application/rss+xml"))
    pdf = server.route("/pdf", respond(body=b"%PDF-1.7", content_type="application/pdf"))
    with pytest.raises(FetchError, match="application/rss\\+xml"):
        fetcher.get(rss)
    with pytest.raises(FetchError, match="application/pdf"):
        fetcher.get(pdf, kind="feed")


def test_plain_text_page_is_accepted(server: LocalServer, fetcher: Fetcher) -> None:
    url = server.route("/txt", respond(body=b"Just words.", content_type="text/plain"))
    assert fetcher.get(url).content_type == "text/plain"


# -- per-host concurrency ---------------------------------------------------------------

def _count_concurrency(server: LocalServer) -> tuple[dict[str, int], list[int]]:
    """Route /slow to a 0.3 s handler; return (peak per Host header, [peak over all hosts])."""
    lock = threading.Lock()
    active: dict[str, int] = {}
    peak: dict[str, int] = {}
    peak_all = [0]

    def slow(request: http.server.BaseHTTPRequestHandler) -> None:
        host = request.headers["Host"].split(":")[0]
        with lock:
            active[host] = active.get(host, 0) + 1
            peak[host] = max(peak.get(host, 0), active[host])
            peak_all[0] = max(peak_all[0], sum(active.values()))
        time.sleep(0.3)
        with lock:
            active[host] -= 1
        respond()(request)

    server.route("/slow", slow)
    return peak, peak_all


def test_requests_to_one_host_never_exceed_per_host_concurrency(server: LocalServer) -> None:
    peak, _ = _count_concurrency(server)
    urls = [server.url("/slow", host) for host in ("127.0.0.1", "localhost") for _ in range(5)]
    with make_fetcher(per_host_concurrency=2, workers=8) as fetcher, ThreadPoolExecutor(10) as pool:
        results = list(pool.map(fetcher.get, urls))
    assert all(r.status == 200 for r in results)
    # Each host is held to 2 at a time, and the two hosts are limited separately.
    assert peak == {"127.0.0.1": 2, "localhost": 2}


def test_requests_in_all_never_exceed_workers_and_queue_without_timing_out(server: LocalServer) -> None:
    peak, peak_all = _count_concurrency(server)
    urls = [server.url("/slow", host) for host in ("127.0.0.1", "localhost") for _ in range(8)]
    # 16 threads, 2 workers, 0.3 s per request: the last ones wait ~2.1 s, longer than the
    # 1 s timeout, which must not count against them (it would in httpx's pool queue). (A 0.5 s
    # timeout left a loaded machine 0.2 s to answer one request: a fresh-clone CI run timed out.)
    with make_fetcher(per_host_concurrency=8, workers=2, timeout=1.0) as fetcher, ThreadPoolExecutor(16) as pool:
        results = list(pool.map(fetcher.get, urls))
    assert all(r.status == 200 for r in results)
    assert peak_all == [2]


def test_waiting_for_a_host_slot_does_not_count_towards_the_timeout(server: LocalServer) -> None:
    def brief(request: http.server.BaseHTTPRequestHandler) -> None:
        time.sleep(0.1)
        respond()(request)

    server.route("/brief", brief)
    # One at a time, 25 requests of 0.1 s take 2.5 s: longer than the 2 s a single response
    # may take (4 x 0.5 s), yet each request on its own is fast.
    with make_fetcher(per_host_concurrency=1, timeout=0.5) as fetcher, ThreadPoolExecutor(25) as pool:
        results = list(pool.map(fetcher.get, [server.url("/brief")] * 25))
    assert [r.status for r in results] == [200] * 25
