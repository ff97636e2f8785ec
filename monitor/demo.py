"""The offline demo: the bundled news archive served on loopback, and one end-to-end run over it.

``serve_archive()`` starts a small HTTP server (``ThreadingHTTPServer`` on ``127.0.0.1``, a
free port, a background thread) over ``monitor/demo_archive/``: feeds under ``/feeds/`` and
article pages under ``/<outlet>/<slug>.html``. The files write their own address as the
placeholder ``{base}``, which the server replaces with its real base URL, so feed links and
canonical URLs point back at it. Every response carries an ETag and a Last-Modified date and
a conditional GET that matches gets ``304 Not Modified`` — what lets the demo show a second
poll that transfers nothing.

``run_demo(workdir)`` is ``monitor demo``: it writes a config into ``workdir`` (database
there, the archive's feeds, loopback allowed through the SSRF guard, the reviewed claims
copied in), runs one poll cycle through ``monitor.run.pipeline.run_cycle`` with the verdict
judge, prints what it stored and the alerts it raised, then polls again to show that a rerun
adds nothing.
"""
from __future__ import annotations

import email.utils
import hashlib
import logging
import re
import shutil
import textwrap
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import unquote, urlsplit

from .config import FeedConfig, load_config
from .errors import ConfigError

if TYPE_CHECKING:
    from .run.pipeline import CycleSummary
    from .status.alerts import Alert, ClaimStatus
    from .store import Store

log = logging.getLogger(__name__)

ARCHIVE = Path(__file__).resolve().parent / "demo_archive"
PLACEHOLDER = "{base}"
WIDTH = 100  # the demo's output fits a terminal this wide
HOST = "127.0.0.1"

# Display names of the archive's feeds; a feed file not named here is shown by its file name.
FEED_NAMES = {
    "balticwire.xml": "Baltic Wire",
    "capitalledger.atom": "Capital Ledger",
    "harbourpost.xml": "Harbour Post",
    "steppetimes.xml": "Steppe Times",
}
CONTENT_TYPES = {
    ".xml": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}
# What the server answers: a feed file, or an article page one folder deep. Nothing else, so
# no request can name a path outside the archive.
_ROUTE = re.compile(r"^/(?:feeds/[A-Za-z0-9_-]+\.(?:xml|atom)|[a-z0-9-]+/[A-Za-z0-9_-]+\.html)$")


@dataclass(frozen=True)
class ServedFile:
    body: bytes
    content_type: str
    etag: str
    last_modified: datetime


@dataclass(frozen=True)
class ServedRequest:
    """One request the demo server answered (for the demo's report and the tests)."""

    method: str
    path: str
    status: int


def _http_date(moment: datetime) -> str:
    return email.utils.format_datetime(moment.astimezone(timezone.utc), usegmt=True)


def _load_archive(root: Path, base_url: str) -> dict[str, ServedFile]:
    """Every servable file of the archive, keyed by URL path, with ``{base}`` filled in."""
    files: dict[str, ServedFile] = {}
    sources = [(f"/feeds/{p.name}", p) for p in sorted((root / "feeds").glob("*"))]
    sources += [(f"/{p.parent.name}/{p.name}", p) for p in sorted((root / "articles").glob("*/*.html"))]
    for url_path, path in sources:
        content_type = CONTENT_TYPES.get(path.suffix)
        if content_type is None or not _ROUTE.match(url_path):
            log.debug("demo archive: not serving %s (unexpected name or type)", path)
            continue
        body = path.read_text(encoding="utf-8").replace(PLACEHOLDER, base_url).encode("utf-8")
        # Whole seconds: HTTP dates have no finer resolution, and If-Modified-Since compares them.
        modified = datetime.fromtimestamp(int(path.stat().st_mtime), timezone.utc)
        etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        files[url_path] = ServedFile(body, content_type, etag, modified)
    return files


def _etag_matches(header: str, etag: str) -> bool:
    """If-None-Match uses weak comparison: ``W/`` prefixes are ignored, ``*`` matches anything."""
    tags = [tag.strip() for tag in header.split(",")]
    return "*" in tags or any(tag.removeprefix("W/") == etag for tag in tags)


def _not_modified(headers: Any, served: ServedFile) -> bool:
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:  # when both are sent, the ETag decides (RFC 9110 13.2.2)
        return _etag_matches(if_none_match, served.etag)
    if_modified_since = headers.get("If-Modified-Since")
    if if_modified_since:
        try:
            since = email.utils.parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=timezone.utc)
        return served.last_modified <= since
    return False


class _ArchiveServer(ThreadingHTTPServer):
    daemon_threads = True
    files: dict[str, ServedFile]
    served: list[ServedRequest]
    served_lock: threading.Lock


class _ArchiveHandler(BaseHTTPRequestHandler):
    server: _ArchiveServer
    protocol_version = "HTTP/1.1"  # keep-alive, as real news sites do
    server_version = "MonitorDemo/1.0"

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        path = unquote(urlsplit(self.path).path)  # tracking parameters (?utm_...) are ignored
        served = self.server.files.get(path) if _ROUTE.match(path) else None
        if served is None:
            status = HTTPStatus.NOT_FOUND
            body = b"Not found in the demo archive\n"
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                self.wfile.write(body)
        else:
            status = HTTPStatus.NOT_MODIFIED if _not_modified(self.headers, served) else HTTPStatus.OK
            self.send_response(status)
            self.send_header("ETag", served.etag)
            self.send_header("Last-Modified", _http_date(served.last_modified))
            self.send_header("Cache-Control", "no-cache")  # always revalidate: the demo wants to show 304s
            if status == HTTPStatus.OK:
                self.send_header("Content-Type", served.content_type)
                self.send_header("Content-Length", str(len(served.body)))
            self.end_headers()
            if send_body and status == HTTPStatus.OK:
                self.wfile.write(served.body)
        with self.server.served_lock:
            self.server.served.append(ServedRequest(self.command, path, int(status)))

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the stdlib's name)
        log.debug("demo server: " + format, *args)


class DemoServer:
    """The demo archive on a loopback HTTP server, running in a background thread.

    Use it as a context manager (or call ``close()``). ``base_url`` is its address,
    ``feeds`` the archive's feeds as ``FeedConfig`` rows, ``requests`` what it has answered.
    """

    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root is not None else ARCHIVE
        if not (self.root / "feeds").is_dir() or not (self.root / "articles").is_dir():
            raise ConfigError(f"{self.root}: not a demo archive (it needs feeds/ and articles/); "
                              "reinstall the package or pass the folder of monitor/demo_archive")
        self._server = _ArchiveServer((HOST, 0), _ArchiveHandler)  # port 0: the system picks a free one
        self.base_url = f"http://{HOST}:{self._server.server_port}"
        self._server.files = _load_archive(self.root, self.base_url)
        self._server.served = []
        self._server.served_lock = threading.Lock()
        self._thread = threading.Thread(target=self._server.serve_forever, name="demo-server", daemon=True)
        self._thread.start()
        log.info("demo archive %s served at %s (%s files)", self.root, self.base_url, len(self._server.files))

    @property
    def feeds(self) -> tuple[FeedConfig, ...]:
        paths = sorted(p for p in self._server.files if p.startswith("/feeds/"))
        return tuple(FeedConfig(FEED_NAMES.get(p.rsplit("/", 1)[1], p.rsplit("/", 1)[1]), self.url(p), 30.0)
                     for p in paths)

    @property
    def feed_urls(self) -> list[str]:
        return [feed.url for feed in self.feeds]

    @property
    def page_paths(self) -> list[str]:
        return sorted(p for p in self._server.files if p.endswith(".html"))

    @property
    def requests(self) -> list[ServedRequest]:
        with self._server.served_lock:
            return list(self._server.served)

    def url(self, path: str) -> str:
        return self.base_url + path

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> DemoServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def serve_archive(root: Path | None = None) -> DemoServer:
    """Serve the demo archive (default: the bundled one) on ``127.0.0.1`` at a free port."""
    return DemoServer(root)


# -- the demo run ------------------------------------------------------------------------------

def demo_claims_file(repository: Path | None = None) -> Path:
    """The reviewed claims the demo judges with: ``config/claims.toml`` of the repository (default:
    the checkout this package sits in), else the copy shipped inside the package, for a
    non-editable install, which has no config/."""
    root = repository if repository is not None else Path(__file__).resolve().parent.parent
    repository_copy = root / "config" / "claims.toml"
    for candidate in (repository_copy, ARCHIVE / "claims.toml"):
        if candidate.is_file():
            return candidate
    raise ConfigError(f"no claims file for the demo: neither {repository_copy} nor {ARCHIVE / 'claims.toml'} "
                      "exists; run `monitor claims extract` in a checkout, or reinstall the package")


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def demo_config_text(feeds: tuple[FeedConfig, ...]) -> str:
    """The config the demo runs with: database in the work folder, loopback allowed, no email."""
    lines = [
        "# Written by `monitor demo`: the bundled archive served on loopback.",
        "[database]", 'path = "monitor.db"', "",
        "[fetch]", "timeout = 10.0",
        "# the demo server runs on loopback, which the SSRF guard refuses unless allowed here",
        'allow_private_addresses = ["127.0.0.0/8"]',
        "per_host_concurrency = 4", "workers = 4", "",
        "[verdicts]", 'claims_file = "claims.toml"', "",
    ]
    for feed in feeds:
        lines += ["[[feeds]]", f"name = {_toml_string(feed.name)}", f"url = {_toml_string(feed.url)}",
                  f"interval_minutes = {int(feed.interval_minutes)}", ""]
    return "\n".join(lines)


@dataclass
class DemoResult:
    """What ``run_demo`` did: the two cycles, what was stored and what the server answered."""

    workdir: Path
    config_path: Path
    database_path: Path
    first: CycleSummary            # the first poll
    second: CycleSummary           # the second poll: expected to add nothing
    articles: list[dict[str, Any]]
    alerts: list[Alert]
    first_requests: list[ServedRequest] = field(default_factory=list)
    second_requests: list[ServedRequest] = field(default_factory=list)


def run_demo(workdir: Path, *, echo: Callable[[str], Any] = print,
             extract_workers: int | None = None) -> DemoResult:
    """Run the whole pipeline over the bundled archive, in ``workdir``, and print what happened.

    ``workdir`` gets ``config/monitor.toml``, ``config/claims.toml`` and ``monitor.db``; it
    must not hold a database already. ``extract_workers`` is passed to ``run_cycle``.
    """
    # Imported here: the verdict stage loads a model, which `monitor --help` should not pay for.
    from .run.judging import build_judge
    from .run.pipeline import run_cycle
    from .status.alerts import AlertQuery, claim_statuses, list_alerts
    from .store import open_store

    workdir = Path(workdir)
    if (workdir / "monitor.db").exists():
        raise ConfigError(f"{workdir} already holds a demo database (monitor.db); "
                          "give an empty folder with --workdir, or delete it")
    config_dir = workdir / "config"
    config_dir.mkdir(parents=True, exist_ok=True)
    claims_source = demo_claims_file()
    shutil.copyfile(claims_source, config_dir / "claims.toml")

    with serve_archive() as server:
        config_path = config_dir / "monitor.toml"
        config_path.write_text(demo_config_text(server.feeds), encoding="utf-8")
        config = load_config(config_path)
        echo(f"Demo archive served at {server.base_url}: {len(server.feeds)} feeds, "
             f"{len(server.page_paths)} article pages.")
        echo(f"Work folder: {workdir} (config/monitor.toml, {config.database_path.name})")
        with open_store(config) as store:
            judge = build_judge(config, store)
            echo(f"Claims: {len(store.claim_rows(active_only=True))} active, from {claims_source}")

            echo("")
            echo(_rule("First poll"))
            first = run_cycle(config, store, judge=judge, extract_workers=extract_workers)
            first_requests = server.requests
            _echo_cycle(first, first_requests, store, echo)

            articles = store.articles(limit=10_000)
            alerts = list_alerts(store, AlertQuery(limit=None))
            resolutions = {r["alert_id"]: r for r in store.resolutions() if r["alert_id"] is not None}
            echo("")
            echo(_rule(f"Articles stored ({len(articles)})"))
            echo(_articles_table(articles, alerts))
            echo("")
            echo(_rule(f"Alerts ({len(alerts)})"))
            for line in _alert_lines(alerts, resolutions):
                echo(line)
            statuses = [status for status in claim_statuses(store, active_only=True) if status.alerts]
            echo("")
            echo(_rule(f"Claims with alerts ({len(statuses)}): status derived from the alerts"))
            echo(_status_table(statuses))

            echo("")
            echo(_rule("Second poll (nothing has changed on the server)"))
            second = run_cycle(config, store, judge=judge, force=True, extract_workers=extract_workers)
            second_requests = server.requests[len(first_requests):]
            _echo_cycle(second, second_requests, store, echo)
    return DemoResult(workdir, config_path, config.database_path, first, second, articles, alerts,
                      first_requests, second_requests)


# -- printing ----------------------------------------------------------------------------------

def _rule(title: str) -> str:
    return f"── {title} " + "─" * max(0, WIDTH - len(title) - 4)


def _served_line(requests: list[ServedRequest]) -> str:
    kinds = Counter(("feed" if r.path.startswith("/feeds/") else "page", r.status) for r in requests)
    parts = [f"{n} {kind}{'s' if n != 1 else ''} {status} {HTTPStatus(status).phrase}"
             for (kind, status), n in sorted(kinds.items())]
    return f"Demo server answered {len(requests)} requests: " + (", ".join(parts) or "none")


def _echo_cycle(summary: CycleSummary, requests: list[ServedRequest], store: Store,
                echo: Callable[[str], Any]) -> None:
    """A poll's summary line, what the server answered, each feed's state, and any errors."""
    from tabulate import tabulate

    echo(textwrap.fill(summary.line(), WIDTH, subsequent_indent="  "))
    echo(_served_line(requests))
    feeds = store.feeds()
    headers = ["feed", "path", "entries", "HTTP", "ETag kept"]
    rows = [[feed["name"], urlsplit(feed["url"]).path, len(store.entries(feed["id"])), feed["last_status"],
             feed["etag"] or ""] for feed in feeds]
    if any(feed["last_error"] for feed in feeds):
        headers.append("error")
        for row, feed in zip(rows, feeds):
            row.append(_clip(_one_line(feed["last_error"]), 30))
    echo(tabulate(rows, headers=headers, disable_numparse=True))
    for error in summary.errors:
        echo(textwrap.shorten(f"  error: {error}", WIDTH))


def _clip(text: str | None, width: int) -> str:
    """``text`` cut to ``width`` characters, with an ellipsis where it was cut."""
    text = text or ""
    return text if len(text) <= width else text[: width - 1] + "…"


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _articles_table(articles: list[dict[str, Any]], alerts: list[Alert]) -> str:
    from tabulate import tabulate

    per_article = Counter(alert.article_id for alert in alerts)
    rows = []
    for article in sorted(articles, key=lambda a: (a["site"] or "", a["published_at"] or "", a["id"])):
        status = article["status"]
        if status == "duplicate" and article["duplicate_of"]:
            status = f"copy of #{article['duplicate_of']}"
        rows.append([article["id"], _clip(article["site"], 15), (article["published_at"] or "")[:10],
                     _clip(_one_line(article["title"]), 42), status, per_article.get(article["id"], 0) or ""])
    return tabulate(rows, headers=["#", "outlet", "date", "title", "status", "alerts"], disable_numparse=True)


def _status_table(statuses: list[ClaimStatus]) -> str:
    from tabulate import tabulate

    rows = []
    for status in sorted(statuses, key=lambda st: st.claim_id):
        label = f"{status.status} ({status.outcome})" if status.outcome else status.status
        brier = f"{status.brier:.2f}" if status.brier is not None else ""
        rows.append([status.claim_id, label, status.confirms, status.contradicts, status.discusses, brier])
    table = tabulate(rows, headers=["claim", "status", "✓", "✗", "~", "Brier"], disable_numparse=True)
    return table + "\n(✓ confirms, ✗ contradicts, ~ discusses: alerts at or above the alert threshold)"


def _alert_lines(alerts: list[Alert], resolutions: dict[int, dict[str, Any]]) -> list[str]:
    """Alerts grouped by claim: verdict, confidence and source, then the evidence and values."""
    if not alerts:
        return ["(no alerts)"]
    lines: list[str] = []
    by_claim: dict[str, list[Alert]] = {}
    for alert in sorted(alerts, key=lambda a: (a.claim_id, a.published_at or "", a.id)):
        by_claim.setdefault(alert.claim_id, []).append(alert)
    indent = " " * 6
    for claim_id, claim_alerts in by_claim.items():
        lines.append(claim_id)
        for alert in claim_alerts:
            confidence = f"{alert.confidence:.2f}" if alert.confidence is not None else "  – "
            source = f"#{alert.article_id} {alert.site or ''}, {(alert.published_at or '')[:10]}"
            lines.append(_clip(f"  {alert.verdict:<11} {confidence}  {source}: {_one_line(alert.article_title)}",
                               WIDTH))
            lines += textwrap.wrap(f"“{_clip(_one_line(alert.evidence), 400)}”", WIDTH, initial_indent=indent,
                                   subsequent_indent=indent + " ")
            compared = alert.values_compared if isinstance(alert.values_compared, dict) else None
            if compared:
                lines += textwrap.wrap(
                    f"values: claimed {compared.get('claimed')} vs reported {compared.get('reported')}"
                    f" → {compared.get('result')}", WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")
            elif alert.claim_value or alert.article_value:
                lines.append(_clip(f"{indent}values: claimed {alert.claim_value} vs reported {alert.article_value}",
                                   WIDTH))
            resolution = resolutions.get(alert.id)
            if resolution:
                brier = f" (Brier {resolution['brier']:.2f})" if resolution.get("brier") is not None else ""
                lines.append(f"{indent}resolution: {resolution['outcome']} on {resolution['resolved_on']}{brier}")
    return lines
