"""All HTTP of Follow-up Monitor: feeds and article pages are fetched here, with httpx.

The project owns the fetch so that every request gets the same protections, whoever asks:

* **SSRF guard** — ``check_url_allowed`` resolves the host and refuses http(s) URLs that
  reach private, loopback, link-local, multicast, reserved or unspecified addresses (also
  when hidden in IPv4-mapped / NAT64 / 6to4 IPv6 forms) unless ``[fetch]
  allow_private_addresses`` lists the network; other schemes are refused outright.
  Redirects are followed by hand so that the guard runs on **every hop**, and the
  connection itself re-checks the addresses it opens (against DNS rebinding).
* **Size cap** — ``[fetch] max_page_bytes`` applies to the *decoded* body, read as a stream
  and abandoned as soon as the cap is passed, and to every content-encoding layer on the way:
  gzip and deflate are undone here (``_decoded``), each layer handing on at most
  ``DECODE_STEP`` bytes at a time, so ``Content-Encoding: gzip, gzip`` cannot inflate a few KB
  into gigabytes before the cap is checked. A ``Content-Length`` above the cap is refused
  before any body is read.
* **Timeouts** — ``[fetch] timeout`` bounds each network operation, and one request — connect,
  status line, headers and body — must be over within ``TOTAL_TIMEOUT_FACTOR`` times that:
  every socket operation of the request is given at most the time left (``_DeadlineStream``),
  so a server that drips its headers or its body a byte at a time cannot hold a worker, nor
  the scheduler waiting for it to stop, for longer.
* **Content types** — pages must be HTML, XHTML or plain text, feeds any XML type (or
  HTML/plain text, since many feeds are mis-served and feedparser decides); binary types,
  and "text" whose first KiB holds NUL bytes (other than UTF-16/32 text's), are refused.
* **Politeness** — a per-host ``BoundedSemaphore`` (``[fetch] per_host_concurrency``) and
  one for all requests (``[fetch] workers``), shared by every thread that uses one
  ``Fetcher``; conditional GET with ETag / Last-Modified.

Every failure is a ``FetchError`` (``BlockedAddressError`` for the guard) whose message names
the URL and what to change; HTTP errors carry ``.status`` and ``.retry_after``.
"""
from __future__ import annotations

import contextvars
import ipaddress
import logging
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from types import TracebackType

import httpcore
import httpx

from ..config import FetchSettings
from ..errors import BlockedAddressError, FetchError
from .extract import utf16_32_codec

logger = logging.getLogger(__name__)

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOWED_SCHEMES = ("http", "https")
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECT_STATUSES = frozenset({301, 308})

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "text/html", "text/plain",
})
KINDS = ("page", "feed")

# How many bytes of a "text" body are inspected for NUL bytes, the sign of a binary file
# served with a text type (a mislabelled image or archive).
SNIFF_BYTES = 1024
# One request — connect, status line, headers and body — must be over within this many times
# [fetch] timeout. httpx's timeout bounds each read, not the sum of them, and a server sending
# one byte per (timeout - 1) seconds would otherwise keep a worker for as long as it likes.
TOTAL_TIMEOUT_FACTOR = 4
# The most bytes one content-encoding layer hands on at a time (see _decoded).
DECODE_STEP = 64 * 1024
# Only what _decoded undoes is asked for (httpx would add br / zstd when their packages are
# installed, and decode those without a bound).
ACCEPT_ENCODING = "gzip, deflate"
# NAT64 (RFC 6052) maps IPv4 into this prefix; a gateway would forward to the embedded address.
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")


@dataclass
class FetchResult:
    """What one successful (2xx) or not-modified (304) GET returned."""

    url: str                       # as requested
    final_url: str                 # after redirects
    status: int                    # 200, 304, ...
    content: bytes                 # the decoded body; b"" on 304
    content_type: str              # media type without parameters, lower-case ("" if none sent)
    encoding: str | None           # charset from Content-Type, if any
    etag: str | None
    last_modified: str | None
    permanent_redirect: str | None  # the new URL when every hop was 301/308 (feeds store it)
    retry_after: float | None      # seconds, from Retry-After, if sent

    @property
    def not_modified(self) -> bool:
        return self.status == 304


# -- SSRF guard -------------------------------------------------------------------------

def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, NAT64, 6to4), if any."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in NAT64_PREFIX:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address.sixtofour


def _refusal_reason(address: IPAddress) -> str | None:
    """Why an address must not be fetched ("loopback", "private", ...), or None if it is public."""
    for name in ("unspecified", "loopback", "link_local", "multicast", "private", "reserved"):
        if getattr(address, f"is_{name}"):
            return name.replace("_", "-")
    if not address.is_global:
        # e.g. 100.64.0.0/10 (carrier-grade NAT), which is neither private nor global.
        return "non-global"
    return None


def _is_allowed_network(address: IPAddress, allowed: tuple[IPNetwork, ...]) -> bool:
    return any(address.version == net.version and address in net for net in allowed)


def _check_address(url: str, host: str, address: IPAddress, allowed: tuple[IPNetwork, ...]) -> None:
    embedded = _embedded_ipv4(address)
    if _is_allowed_network(address, allowed) or (
            embedded is not None and _is_allowed_network(embedded, allowed)):
        return
    for candidate in (address, embedded):
        reason = _refusal_reason(candidate) if candidate is not None else None
        if reason is None:
            continue
        # Suggest the IPv4 form when there is one: it is what people write in the config.
        example = embedded or address
        raise BlockedAddressError(
            f"refused {url}: host {host} resolves to {address}, a {reason} address, and fetching "
            f"it could reach internal services; if this is intended (e.g. a local server), add the "
            f"network to [fetch] allow_private_addresses, e.g. \"{example}/{example.max_prefixlen}\"")


def check_url_allowed(url: str, allowed: tuple[IPNetwork, ...] = ()) -> None:
    """Refuse a URL that is not http(s) or whose host resolves to a non-public address.

    Every address the host resolves to is checked, not only the first: an attacker's DNS
    name may return a public and a private address and the connection may pick either.
    Raises ``BlockedAddressError`` for a refused URL and ``FetchError`` when the host
    cannot be resolved.
    """
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchError(f"{url!r} is not a valid URL ({exc})") from exc
    if parsed.scheme not in ALLOWED_SCHEMES:
        found = f"not {parsed.scheme}:" if parsed.scheme else "and it has no scheme"
        raise BlockedAddressError(f"refused {url}: only http:// and https:// URLs are fetched, {found}")
    host = parsed.host
    if not host:
        raise FetchError(f"{url} has no host name")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        addresses = _resolve(parsed.raw_host.decode("ascii"), port)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host} of {url} ({exc}); check the URL for typos") from exc
    for address in addresses:
        _check_address(url, host, address, allowed)


def _resolve(host: str, port: int) -> list[IPAddress]:
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _canon, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        # IPv6 link-local addresses come with a zone ("fe80::1%eth0"); the zone is not part of the address.
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


# -- the total deadline --------------------------------------------------------------------
# The monotonic time by which the request in hand on this thread must be over; set by
# Fetcher._request for the duration of one request and read by every socket operation.
_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("fetch_deadline", default=None)


def _time_left(timeout: float | None, error: type[Exception]) -> float | None:
    """The socket timeout for the next operation: ``timeout``, or less when the request's
    deadline is nearer; raises ``error`` (an httpcore timeout) once the deadline has passed."""
    deadline = _deadline.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("the request's total time is up")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the request's deadline (``_deadline``).

    httpcore gives each socket operation the per-operation timeout; a server that answers
    each read just in time (one byte of the status line every few seconds) would never trip
    it. Here each operation gets at most the time left to the whole request.
    """

    def __init__(self, stream: httpcore.NetworkStream):
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _time_left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _time_left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname,
                                                      _time_left(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str) -> object:
        return self._stream.get_extra_info(info)


class _GuardedBackend(httpcore.SyncBackend):
    """Opens TCP connections only to addresses that pass the SSRF guard.

    ``check_url_allowed`` runs before each hop, but the connection resolves the name again;
    a DNS server that answers with a public address first and a private one a moment later
    (DNS rebinding) would slip through. Here the addresses checked are the ones connected to.
    TLS still verifies the certificate against the host name: httpcore passes the URL's
    host as SNI/server name, whatever address the socket was opened to.
    """

    def __init__(self, allowed: tuple[IPNetwork, ...]):
        self.allowed = allowed

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None) -> httpcore.NetworkStream:
        try:
            addresses = _resolve(host, port)
        except socket.gaierror as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        where = f"{host}:{port}"
        for address in addresses:
            _check_address(where, host, address, self.allowed)
        error: httpcore.ConnectError | None = None
        for address in addresses:
            try:
                stream = super().connect_tcp(str(address), port, _time_left(timeout, httpcore.ConnectTimeout),
                                             local_address, socket_options)
                return _DeadlineStream(stream)
            except httpcore.ConnectError as exc:  # try the next address, as create_connection does
                error = exc
        raise error or httpcore.ConnectError(f"{host} has no addresses")


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport with the connection pool built on ``_GuardedBackend``."""

    def __init__(self, allowed: tuple[IPNetwork, ...], limits: httpx.Limits):
        super().__init__(limits=limits)
        # httpx offers no argument for a network backend, so the pool it built is replaced by
        # an identical one that has ours; test_fetch's DNS-rebinding test fails if httpx
        # ever stops using this attribute.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_GuardedBackend(allowed),
        )


# -- helpers ----------------------------------------------------------------------------

def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delay-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def _media_type(response: httpx.Response) -> str:
    return str(response.headers.get("content-type", "")).split(";", 1)[0].strip().lower()


def _accepts(kind: str, media_type: str) -> bool:
    if not media_type:
        # No Content-Type at all: let the NUL-byte sniff and the parser decide.
        return True
    if kind == "feed":
        return media_type in FEED_TYPES or media_type.endswith("+xml")
    return media_type in PAGE_TYPES


def _looks_binary(head: bytes, encoding: str | None) -> bool:
    # UTF-16/32 text is full of NUL bytes; it announces itself with a BOM or a charset, or
    # shows it by where its NULs fall (feeds often carry neither).
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (encoding or "").lower().startswith(("utf-16", "utf-32")):
        return False
    return b"\x00" in head[:SNIFF_BYTES] and utf16_32_codec(head) is None


def _http_error_message(status: int, url: str, retry_after: float | None) -> str:
    if status == 404 or status == 410:
        hint = "the page is gone; remove the URL if it is a feed"
    elif status in (401, 403):
        hint = "the server refuses access; the site may block automated readers"
    elif status == 429:
        hint = "rate limited; poll this host less often"
    elif status >= 500:
        hint = "server error; it will be retried on the next poll"
    else:
        hint = "the server refused the request"
    wait = f" (Retry-After: {retry_after:.0f}s)" if retry_after is not None else ""
    return f"HTTP {status} from {url}{wait}: {hint}"


def _over_deadline(url: str, total: float) -> str:
    return (f"{url} timed out after {total:g}s in all: connect, headers and body must arrive within "
            f"{TOTAL_TIMEOUT_FACTOR} x [fetch] timeout, and the server was too slow or dripped its answer; "
            f"raise [fetch] timeout if the site is just slow")


# -- the fetcher ------------------------------------------------------------------------

class Fetcher:
    """Fetches pages and feeds with the project's protections; safe to share between threads.

    One ``httpx.Client`` (connection pool sized by ``[fetch] workers``), one semaphore for
    all requests (``[fetch] workers``) and one per host (``[fetch] per_host_concurrency``)
    serve every thread that uses this object.
    The default transport checks the addresses it connects to as well (see
    ``_GuardedBackend``). A ``transport`` passed in replaces it; ``check_url_allowed`` still
    runs before every hop.
    """

    def __init__(self, settings: FetchSettings, *, transport: httpx.BaseTransport | None = None):
        self.settings = settings
        limits = httpx.Limits(max_connections=settings.workers, max_keepalive_connections=settings.workers)
        self._client = httpx.Client(
            follow_redirects=False,  # followed by hand, so the SSRF guard sees every hop
            timeout=httpx.Timeout(settings.timeout),
            limits=limits,
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            transport=transport or _GuardedTransport(settings.allow_private_addresses, limits),
        )
        # At most [fetch] workers requests in flight, however many threads share this Fetcher:
        # that is the setting's meaning, and it keeps requests from queueing (and timing out)
        # inside httpx's pool of as many connections.
        self._all_slots = threading.BoundedSemaphore(settings.workers)
        self._host_slots: dict[str, threading.BoundedSemaphore] = {}
        self._host_slots_lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _slot(self, host: str) -> threading.BoundedSemaphore:
        with self._host_slots_lock:
            slot = self._host_slots.get(host)
            if slot is None:
                slot = self._host_slots[host] = threading.BoundedSemaphore(self.settings.per_host_concurrency)
            return slot

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            kind: str = "page") -> FetchResult:
        """GET ``url`` (a ``kind`` of "page" or "feed"), following redirects by hand.

        Sends ``If-None-Match`` / ``If-Modified-Since`` when given; a 304 comes back as a
        result with ``not_modified`` true and empty content. Raises ``FetchError`` (or
        ``BlockedAddressError``) on anything else than a usable 2xx or 304.
        """
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified

        current = url
        chain = [url]
        all_permanent = True
        while True:
            check_url_allowed(current, self.settings.allow_private_addresses)
            response, content = self._request(current, headers, kind)
            status = response.status_code
            if status not in REDIRECT_STATUSES:
                break
            location = response.headers.get("location")
            if not location:
                raise FetchError(f"HTTP {status} redirect without a Location header from {current}")
            try:
                target = str(response.url.join(location).copy_with(fragment=None))
            except httpx.InvalidURL as exc:
                raise FetchError(f"HTTP {status} redirect from {current} to an invalid URL {location!r}") from exc
            all_permanent = all_permanent and status in PERMANENT_REDIRECT_STATUSES
            if target in chain:
                raise FetchError(f"redirect loop fetching {url}: {' -> '.join(chain + [target])}")
            if len(chain) > self.settings.max_redirects:
                raise FetchError(f"too many redirects fetching {url} (more than {self.settings.max_redirects}: "
                                 f"{' -> '.join(chain + [target])}); raise [fetch] max_redirects if this is expected")
            logger.debug("redirect %s %s -> %s", status, current, target)
            chain.append(target)
            current = target

        retry_after = parse_retry_after(response.headers.get("retry-after"))
        if not (200 <= status < 300 or status == 304):
            raise FetchError(_http_error_message(status, current, retry_after), status=status,
                             retry_after=retry_after)
        return FetchResult(
            url=url,
            final_url=current,
            status=status,
            content=content,
            content_type=_media_type(response),
            encoding=response.charset_encoding,
            etag=response.headers.get("etag") or (etag if status == 304 else None),
            last_modified=response.headers.get("last-modified") or (last_modified if status == 304 else None),
            permanent_redirect=current if len(chain) > 1 and all_permanent else None,
            retry_after=retry_after,
        )

    def _request(self, url: str, headers: dict[str, str], kind: str) -> tuple[httpx.Response, bytes]:
        """One hop: send the request and, for a 2xx, read the capped body. Returns (response, body)."""
        host = httpx.URL(url).host
        timeout = self.settings.timeout
        total = timeout * TOTAL_TIMEOUT_FACTOR
        # The host's slot first: a thread waiting for a busy host must not hold one of the
        # slots that requests to other hosts could use.
        with self._slot(host), self._all_slots:
            # The clock starts once the slot is ours: waiting behind other requests to the same
            # host is not the server being slow.
            deadline = time.monotonic() + total
            token = _deadline.set(deadline)
            try:
                request = self._client.build_request("GET", url, headers=headers)
                response = self._client.send(request, stream=True)
                try:
                    logger.debug("GET %s -> %s", url, response.status_code)
                    if not 200 <= response.status_code < 300:
                        return response, b""
                    return response, self._read_body(response, url, kind, deadline)
                finally:
                    response.close()
            except httpx.TimeoutException as exc:
                if time.monotonic() >= deadline:
                    raise FetchError(_over_deadline(url, total)) from exc
                raise FetchError(f"{url} timed out after {timeout:g}s ({type(exc).__name__}); "
                                 f"raise [fetch] timeout if the site is just slow") from exc
            except httpx.ConnectError as exc:
                if "CERTIFICATE_VERIFY_FAILED" in str(exc):
                    raise FetchError(f"the TLS certificate of {url} cannot be verified ({exc}); it is not "
                                     f"fetched without verification: ask the site to fix its certificate, "
                                     f"or set SSL_CERT_FILE to a CA bundle that trusts it") from exc
                raise FetchError(f"cannot connect to {url} ({exc or 'connection failed'}); "
                                 f"check the URL and that the server is up") from exc
            except httpx.DecodingError as exc:
                raise FetchError(f"{url} sent a body that does not match its Content-Encoding "
                                 f"({exc}); the server is misconfigured") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"fetching {url} failed: {type(exc).__name__}: {exc}") from exc
            finally:
                _deadline.reset(token)

    def _read_body(self, response: httpx.Response, url: str, kind: str, deadline: float) -> bytes:
        media_type = _media_type(response)
        if not _accepts(kind, media_type):
            accepted = "an XML, HTML or plain-text type" if kind == "feed" else "HTML, XHTML or plain text"
            raise FetchError(f"{url} is {media_type}, not {accepted}; only text {kind}s are fetched")
        cap = self.settings.max_page_bytes
        declared = response.headers.get("content-length", "")
        # Content-Length counts the encoded body; a gzip body above the cap decodes larger still.
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(f"{url} is {int(declared):,} bytes, over the {cap:,}-byte limit; "
                             f"raise [fetch] max_page_bytes to fetch it")
        chunks: list[bytes] = []
        size = 0
        for chunk in _decoded(response, url, cap):
            size += len(chunk)
            if size > cap:
                raise FetchError(f"{url} is over the {cap:,}-byte limit (stopped after {size:,} decoded "
                                 f"bytes); raise [fetch] max_page_bytes to fetch it")
            if time.monotonic() > deadline:
                raise FetchError(_over_deadline(url, self.settings.timeout * TOTAL_TIMEOUT_FACTOR))
            chunks.append(chunk)
        content = b"".join(chunks)
        if _looks_binary(content[:SNIFF_BYTES], response.charset_encoding):
            raise FetchError(f"{url} is served as {media_type or 'no type'} but its first bytes are "
                             f"binary (NUL bytes); it is not a text {kind}")
        return content


# -- content encodings ----------------------------------------------------------------------

# zlib window bits per coding: gzip framing, or zlib framing for "deflate" (raw deflate, which
# many servers send as "deflate", is tried when the zlib header is missing).
_WBITS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}


def _inflate(chunks: Iterator[bytes], wbits: int) -> Iterator[bytes]:
    """Undo one gzip or deflate layer, handing on at most ``DECODE_STEP`` bytes at a time."""
    decompressor = zlib.decompressobj(wbits)
    first = True
    for chunk in chunks:
        data = chunk
        while data:
            try:
                out = decompressor.decompress(data, DECODE_STEP)
            except zlib.error:
                if not (first and wbits == zlib.MAX_WBITS):
                    raise
                decompressor, first = zlib.decompressobj(-zlib.MAX_WBITS), False
                continue
            first = False
            data = decompressor.unconsumed_tail
            if out:
                yield out
            # Output can remain inside zlib when the step was full and all input consumed.
            while not data and len(out) == DECODE_STEP:
                out = decompressor.decompress(b"", DECODE_STEP)
                if out:
                    yield out
    tail = decompressor.flush()
    if tail:
        yield tail


def _decoded(response: httpx.Response, url: str, cap: int) -> Iterator[bytes]:
    """The body with its Content-Encoding layers undone, in bounded steps (see the module docstring).

    The raw bytes count towards ``cap`` too. Codings other than gzip and deflate are passed
    through as httpx does (the NUL-byte sniff then refuses a compressed body).
    """
    codings = [c.strip().lower() for c in response.headers.get_list("content-encoding", split_commas=True)]

    def raw() -> Iterator[bytes]:
        received = 0
        for chunk in response.iter_raw():
            received += len(chunk)
            if received > cap:
                raise FetchError(f"{url} is over the {cap:,}-byte limit (stopped after {received:,} bytes "
                                 f"on the wire); raise [fetch] max_page_bytes to fetch it")
            yield chunk

    stream: Iterator[bytes] = raw()
    # The last coding listed was applied last, so it is undone first.
    for coding in reversed(codings):
        if coding in _WBITS:
            stream = _inflate(stream, _WBITS[coding])
    try:
        yield from stream
    except zlib.error as exc:
        raise FetchError(f"{url} sent a body that does not match its Content-Encoding "
                         f"{', '.join(codings)} ({exc}); the server is misconfigured") from exc
