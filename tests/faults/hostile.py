"""Hostile HTTP servers on loopback: raw sockets that drip, stall, reset or send whatever bytes
they are given. Used by the fault suite (tests/faults/) and the soak (bench/faults.py).

Every behaviour ends when its server closes: drips and stalls wait on ``server.stopped``.
"""
from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Callable

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


def reset(sock: socket.socket, server: RawServer, path: str) -> None:
    """Reset the connection (RST, not a clean close) without answering."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


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
