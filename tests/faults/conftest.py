"""Hostile servers on loopback for the fault suite: raw sockets that drip, stall, reset or
send whatever bytes a test gives them, and a monitor config with short timeouts.

Every fault test must end in a few seconds, also when the behaviour it checks is broken: the
servers stop dripping when the test ends, and the fetch settings are a fraction of a second.
"""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from monitor.config import FetchSettings

LOOPBACK = "127.0.0.0/8"
# Short enough for a fault test; a request may then last TOTAL_TIMEOUT_FACTOR (4) x this.
TIMEOUT = 0.5

Behaviour = Callable[[socket.socket, "RawServer", str], None]  # (connection, server, request path)


class RawServer:
    """A TCP server on 127.0.0.1 that hands each connection to ``behaviour(sock, server, path)``.

    ``server.stopped`` is set when the test ends; behaviours that drip or stall wait on it,
    so nothing outlives the test. ``connections`` counts the connections accepted.
    """

    def __init__(self, behaviour: Behaviour):
        self.behaviour = behaviour
        self.stopped = threading.Event()
        self.connections = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self._clients: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                client, _ = self.listener.accept()
            except (socket.timeout, OSError):
                continue
            self.connections += 1
            self._clients.append(client)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            head = read_request(client).split(b"\r\n", 1)[0].split()
            self.behaviour(client, self, head[1].decode("latin-1") if len(head) > 1 else "")
        except OSError:
            pass  # the client gave up, as it should
        finally:
            client.close()

    def drip(self, sock: socket.socket, data: bytes, every: float) -> None:
        """Send ``data`` a byte at a time, one every ``every`` seconds, until the test ends."""
        for byte in data:
            if self.stopped.wait(every):
                return
            sock.sendall(bytes([byte]))

    def close(self) -> None:
        self.stopped.set()
        self.listener.close()
        for client in self._clients:
            try:
                client.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def read_request(sock: socket.socket) -> bytes:
    """Read one request's head (up to the blank line); the body of a GET is empty."""
    sock.settimeout(5)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def http_response(body: bytes, *, status: str = "200 OK", headers: dict[str, str] | None = None) -> bytes:
    """The bytes of a whole HTTP/1.1 response, with Content-Length and Connection: close."""
    lines = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def serve_bytes(response: bytes) -> Behaviour:
    """A behaviour that answers every request with these exact bytes."""
    def behaviour(sock: socket.socket, server: RawServer, path: str) -> None:
        sock.sendall(response)
    return behaviour


def routes(table: dict[str, Behaviour]) -> Behaviour:
    """A behaviour per request path (a 404 for the others)."""
    def behaviour(sock: socket.socket, server: RawServer, path: str) -> None:
        handler = table.get(path.split("?", 1)[0])
        if handler is None:
            sock.sendall(http_response(b"not here", status="404 Not Found"))
        else:
            handler(sock, server, path)
    return behaviour


def stall(sock: socket.socket, server: RawServer, path: str) -> None:
    """Accept the request and never answer (until the test ends)."""
    server.stopped.wait(60)


def article_html(n: int, charset: str = "utf-8") -> bytes:
    """An article page trafilatura keeps: several distinct paragraphs about story ``n``."""
    paragraphs = "".join(
        f"<p>Report {n}, paragraph {i}: negotiators from both delegations met again on day {n} of the talks "
        f"and discussed the schedule for item {i}, according to people familiar with round {n}.</p>"
        for i in range(1, 7))
    return (f'<html><head><meta charset="{charset}"><title>Story {n}</title></head><body><article>'
            f"<h1>Story number {n}</h1>{paragraphs}</article></body></html>").encode(charset)


def rss(base_url: str, items: int, title: str = "Loopback news") -> bytes:
    """An RSS 2.0 feed of ``items`` entries linking to ``base_url``/story-N."""
    entries = "".join(f"<item><title>Story {n}</title><link>{base_url}/story-{n}</link><guid>story-{n}</guid>"
                      f"</item>" for n in range(1, items + 1))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>{base_url}/</link><description>test</description>{entries}</channel></rss>").encode()


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
