"""The web view: the database in Datasette (0.65.x), read-only unless asked otherwise.

``monitor serve`` starts Datasette in-process on the project's database with:

* metadata written here (``build_metadata``): titles and descriptions of every table and
  column, facets (verdict, status, site, …), and canned queries — claims with status,
  alerts of a claim with evidence and link, contradictions of the last seven days, a
  full-text search of evidence — plus, only with ``allow_write``, a canned *write* query
  to review an alert;
* a claims page at ``/-/claims`` (template ``templates/web/monitor_claims.html``): every
  claim with its status, counts and resolution, and its alerts with evidence and links,
  read through ``monitor.status.alerts`` so the page and the CLI say the same thing;
* a small plugin (``MonitorPlugin``) that makes every connection Datasette opens to the
  database ``PRAGMA query_only`` unless writing is allowed — Datasette's own write
  connection included — so nothing in the web view can change the database by default;
  with writing allowed, it refuses cross-site writes and writes without Datasette's CSRF
  token (``guard_writes``), which Datasette itself lets through when no cookie is sent.

Datasette reads the database through ``?mode=ro`` connections (a "mutable" database, not
``immutable=1``): the poller keeps writing while the web view runs, and immutable mode
would ignore what sits in the WAL. The canned queries' SQL lives here because it is
Datasette metadata, shown to and edited by people in the browser.
"""
from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from datasette import hookimpl
from datasette.app import Datasette
from datasette.plugins import pm
from datasette.utils import tilde_encode
from datasette.utils.asgi import Response

from .errors import StoreError
from .status.alerts import STATUSES, AlertQuery, claim_statuses, list_alerts
from .store import Store
from .store.database import REVIEW_ALERT_SQL

log = logging.getLogger(__name__)

PLUGIN_NAME = "follow-up-monitor"
TEMPLATES = Path(__file__).parent / "templates" / "web"
CLAIMS_PATH = "/-/claims"
ALERTS_PER_CLAIM = 25  # the claims page shows this many per claim, newest first; the rest via a query

TABLES: dict[str, dict[str, Any]] = {
    "claims": {
        "title": "Claims",
        "description": "The tracked claims, a mirror of config/claims.toml. Their status is in claim_status.",
        "facets": ["kind", "active"],
        "label_column": "statement",
        "columns": {
            "id": "stable id used everywhere (alerts, resolutions, claims.toml)",
            "statement": "the claim as one checkable sentence",
            "quote": "the words of the baseline document",
            "speaker": "who made the claim",
            "kind": "fact, quantity, forecast or event",
            "value": "the claimed number, in base units (seconds, USD, fraction for percent)",
            "unit": "unit of value",
            "probability": "a forecast's stated probability (for its Brier score)",
            "resolves_by": "date by which a forecast or event should have happened (a fact or figure told of a time ahead: its end)",
            "active": "1 if the claim is still watched",
        },
    },
    "claim_status": {
        "title": "Claim status",
        "description": "Each claim's status, derived from its alerts whenever it is read (a view, never "
                       "stored): open, reported-once (fewer independent sources than min_independent_sources), "
                       "confirmed, contradicted, disputed (counted evidence both ways) or "
                       "resolved. Counts are of alerts that count: confidence at least the threshold in "
                       "monitor_settings, and not reviewed wrong.",
        "facets": ["status", "kind"],
        "columns": {
            "status": "open | reported-once | confirmed | contradicted | disputed | resolved",
            "confirms": "counted alerts that confirm the claim",
            "confirming_sources": "independent sources among them: syndicated copies of one story and "
                                  "articles of one site count once",
            "contradicting_sources": "independent sources among the contradicting alerts",
            "contradicts": "counted alerts that contradict it",
            "discusses": "counted alerts that only discuss it",
            "alerts": "all alerts of the claim, counted or not",
            "last_alert_at": "when the latest alert was detected (UTC)",
            "status_since": "when the status last changed (the resolution date if resolved)",
            "outcome": "happened | did-not-happen, for resolved forecasts and events",
            "brier": "Brier score of the forecast's probability against the outcome (0 best, 1 worst)",
        },
    },
    "claim_timeline": {
        "title": "Claim timeline",
        "description": "Each claim's status right after each of its alerts, oldest first (a view).",
        "facets": ["claim_id", "status", "changed"],
        "columns": {
            "step": "1 for the claim's first alert, 2 for the next, …",
            "counted": "1 if this alert counts toward the status",
            "previous_status": "the status before this alert",
            "changed": "1 if this alert changed the status",
            "last_change_at": "when the claim's status last changed",
        },
    },
    "alerts": {
        "title": "Alerts",
        "description": "One verdict about one claim in one article: the evidence sentence, the values "
                       "compared, and a person's review.",
        "facets": ["verdict", "review", "claim_id"],
        "sort_desc": "detected_at",
        "columns": {
            "claim_id": "the claim",
            "article_id": "the article the evidence comes from",
            "verdict": "confirms | contradicts | discusses",
            "confidence": "the model's confidence in the verdict (0–1)",
            "evidence": "the sentences of the article that support the verdict",
            "claim_value": "the claim's quantity, as written",
            "article_value": "the article's quantity, as written",
            "values_compared": "JSON: how the two quantities were compared",
            "model_version": "the stance model that produced the verdict",
            "detected_at": "when the alert was made (UTC)",
            "digest_id": "the digest email that carried it",
            "review": "right | wrong, set by a person (`monitor alerts review`); wrong alerts stop counting",
            "review_note": "the reviewer's note",
            "reviewed_at": "when it was reviewed",
        },
    },
    "articles": {
        "title": "Articles",
        "description": "One row per canonical article URL, with the extracted text or the error.",
        "facets": ["site", "status"],
        "label_column": "title",
        "sort_desc": "fetched_at",
        "columns": {
            "canonical_url": "the article's address after canonicalisation (the key)",
            "url": "the address the feed linked to",
            "site": "the publisher",
            "published_at": "publication time given by the feed or page (UTC)",
            "fetched_at": "when it was fetched",
            "text": "the article text trafilatura extracted",
            "status": "ok | duplicate | failed",
            "duplicate_of": "the article this one repeats (same text)",
            "error": "why fetching or extraction failed",
        },
    },
    "feeds": {
        "title": "Feeds",
        "description": "The configured feeds and their polling state.",
        "label_column": "name",
        "columns": {
            "config_url": "the URL in config/monitor.toml (the key)",
            "etag": "validator for conditional GET",
            "last_modified": "validator for conditional GET",
            "consecutive_failures": "failed polls in a row (backoff grows with it)",
            "next_poll_at": "when the feed is due again",
        },
    },
    "feed_entries": {"title": "Feed entries", "description": "Every entry seen in a feed, linked to its article."},
    "documents": {"title": "Baseline documents", "description": "The documents the claims come from.",
                  "label_column": "title"},
    "resolutions": {
        "title": "Resolutions",
        "description": "Outcomes of forecasts and scheduled events, found in an alert or recorded by hand.",
        "facets": ["outcome", "method"],
        "columns": {"outcome": "happened | did-not-happen", "brier": "Brier score of the forecast",
                    "alert_id": "the alert the outcome was read from, if any"},
    },
    "runs": {"title": "Runs", "description": "One row per poll or digest run, with its counts.",
             "facets": ["kind", "status"], "sort_desc": "started_at"},
    "digests": {"title": "Digests", "description": "Digest emails and their delivery status.",
                "facets": ["status"]},
    "monitor_settings": {
        "title": "Monitor settings",
        "description": "credible_confidence: from which confidence an alert counts toward its claim's "
                       "status (mirrors [verdicts] alert_threshold; 0.6 if absent).",
    },
}

ALERT_LINK_COLUMNS = (
    "a.id as alert_id, a.claim_id, a.detected_at, a.verdict, a.confidence, a.review, a.evidence,"
    " ar.title as article_title, coalesce(ar.url, ar.canonical_url) as article_url, ar.site")

QUERIES: dict[str, dict[str, Any]] = {
    "claims_with_status": {
        "title": "Claims with status",
        "description": "Every claim with its derived status and counted alerts, disputed and "
                       "contradicted first.",
        "sql": "select claim_id, status, statement, confirms, contradicts, discusses, confirming_sources,\n"
               "  contradicting_sources, alerts, status_since, last_alert_at, outcome, brier\nfrom claim_status\n"
               "order by case status when 'disputed' then 0 when 'contradicted' then 1 when 'confirmed' then 2\n"
               "  when 'resolved' then 3 when 'reported-once' then 4 else 5 end, claim_id",
    },
    "alerts_for_claim": {
        "title": "Alerts for a claim, with evidence and link",
        "description": "Enter a claim id (see claims_with_status); newest alert first.",
        "sql": f"select {ALERT_LINK_COLUMNS}\nfrom alerts a join articles ar on ar.id = a.article_id\n"
               "where a.claim_id = :claim_id\norder by datetime(a.detected_at) desc, a.id desc",
    },
    "contradictions_this_week": {
        "title": "Contradictions this week",
        "description": "Alerts that contradict a claim, detected in the last seven days.",
        "sql": f"select {ALERT_LINK_COLUMNS}\nfrom alerts a join articles ar on ar.id = a.article_id\n"
               "where a.verdict = 'contradicts'\n"
               "  and datetime(a.detected_at) >= datetime('now', '-7 days')\n"
               "order by datetime(a.detected_at) desc",
    },
    "search_evidence": {
        "title": "Full-text search of evidence",
        "description": "Alerts whose evidence, or whose article's title or text, contains the words "
                       "(searched as one phrase).",
        # The parameter is quoted as one FTS phrase, so any input is a search, never FTS syntax.
        "sql": f"select {ALERT_LINK_COLUMNS}\nfrom alerts a join articles ar on ar.id = a.article_id\n"
               "where a.id in (select rowid from alerts_fts\n"
               "               where alerts_fts match '\"' || replace(:words, '\"', '\"\"') || '\"')\n"
               "   or a.article_id in (select rowid from articles_fts\n"
               "               where articles_fts match '\"' || replace(:words, '\"', '\"\"') || '\"')\n"
               "order by datetime(a.detected_at) desc",
    },
}

WRITE_QUERIES: dict[str, dict[str, Any]] = {
    "review_alert": {
        "title": "Review an alert",
        "description": "Mark an alert right or wrong (review: right | wrong). A wrong alert stops "
                       "counting toward its claim's status. Same as `monitor alerts review`.",
        # the store's own statement (Store.review_alert), limited to the two reviews
        "sql": REVIEW_ALERT_SQL + " and :review in ('right', 'wrong')",
        "write": True,
        "on_success_message": "Review saved",
    },
}


def is_loopback(host: str) -> bool:
    """Whether listening on ``host`` keeps the server to this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def database_name(db_path: Path) -> str:
    """The name Datasette gives the database (its file name without suffix)."""
    return Path(db_path).stem


def build_metadata(database: str, *, allow_write: bool = False) -> dict[str, Any]:
    """Datasette metadata for the project's database; write queries only with ``allow_write``."""
    queries = dict(QUERIES)
    if allow_write:
        queries.update(WRITE_QUERIES)
    mode = "writable: canned write queries are enabled" if allow_write else "read-only"
    return {
        "title": "Follow-up Monitor",
        "description_html": (
            f'Claims from baseline documents and the news coverage that confirms or contradicts them '
            f'({mode}). Start at the <a href="{CLAIMS_PATH}">claims page</a>, or query the tables below.'),
        "plugins": {PLUGIN_NAME: {"database": database, "allow_write": allow_write}},
        "databases": {database: {
            "title": "Follow-up Monitor database",
            "description_html": (
                f'The <a href="{CLAIMS_PATH}">claims page</a> shows each claim with its status and alerts. '
                "Tables: claims, alerts, articles, feeds, resolutions; views claim_status and "
                "claim_timeline (status derived from alerts on read). docs/database.md has example queries."),
            "tables": {**TABLES, "_sqlite_migrations": {"hidden": True}},
            "queries": queries,
        }},
    }


class MonitorPlugin:
    """Datasette hooks: read-only connections, the claims page and its menu link."""

    @staticmethod
    @hookimpl
    def prepare_connection(conn: Any, database: str, datasette: Datasette) -> None:
        config = _plugin_config(datasette)
        if config is None or database != config["database"]:
            return
        conn.execute("PRAGMA busy_timeout = 5000")  # wait for the poller's writes instead of failing
        if not config["allow_write"]:
            # Every connection, Datasette's write connection too: no statement can change the file.
            conn.execute("PRAGMA query_only = 1")

    @staticmethod
    @hookimpl
    def asgi_wrapper(datasette: Datasette) -> Any:
        config = _plugin_config(datasette)
        if config is None or not config["allow_write"]:
            return None   # read-only: every connection is query_only, nothing to guard
        return guard_writes

    @staticmethod
    @hookimpl
    def register_routes(datasette: Datasette) -> list[tuple[str, Any]]:
        return [(rf"^{CLAIMS_PATH}$", claims_page)]

    @staticmethod
    @hookimpl
    def menu_links(datasette: Datasette, actor: Any, request: Any) -> list[dict[str, str]]:
        if _plugin_config(datasette) is None:
            return []
        return [{"href": datasette.urls.path(CLAIMS_PATH), "label": "Claims and their alerts"}]


# -- cross-site request forgery ------------------------------------------------------------
# Datasette checks its CSRF token (asgi-csrf) only on requests that carry cookies. A page on
# another site that posts to http://127.0.0.1:8001/monitor/review_alert sends none (the token
# cookie is SameSite=Lax), so the check is skipped, and Datasette takes the write — as a form
# or as a JSON body. With --allow-write every state-changing request must therefore be
# same-origin (Origin / Sec-Fetch-Site, when the browser sends them) and carry the token
# cookie, so that asgi-csrf compares it with the form's csrftoken field or the x-csrftoken
# header.

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
CSRF_COOKIE = "ds_csrftoken"


def write_refusal(scope: dict[str, Any]) -> str | None:
    """Why this request may not write (None: it may go on to Datasette's own CSRF check)."""
    if scope.get("method", "GET") in SAFE_METHODS:
        return None
    headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope.get("headers", [])}
    host = headers.get("host", "")
    origin = headers.get("origin")
    if origin is not None and origin.split("://", 1)[-1] != host:
        return f"a write from another site ({origin}) is refused"
    if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return f"a write from another site (Sec-Fetch-Site: {headers['sec-fetch-site']}) is refused"
    if f"{CSRF_COOKIE}=" not in headers.get("cookie", ""):
        return ("a write needs the CSRF token: open the page first (it sets the ds_csrftoken cookie), then send "
                "the cookie with the token in the form's csrftoken field or an x-csrftoken header")
    return None


def guard_writes(app: Any) -> Any:
    """ASGI middleware: refuse cross-site and token-less writes with 403 (see above)."""
    async def guarded(scope: dict[str, Any], receive: Any, send: Any) -> None:
        refusal = write_refusal(scope) if scope.get("type") == "http" else None
        if refusal is None:
            await app(scope, receive, send)
            return
        log.warning("refused %s %s: %s", scope.get("method"), scope.get("path"), refusal)
        body = f"Forbidden: {refusal}.\n".encode()
        await send({"type": "http.response.start", "status": 403,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
    return guarded


def _plugin_config(datasette: Datasette) -> dict[str, Any] | None:
    config: dict[str, Any] | None = datasette.plugin_config(PLUGIN_NAME)
    return config


def make_datasette(db_path: Path, *, allow_write: bool = False) -> Datasette:
    """A Datasette instance on the database, with the project's metadata and claims page."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise StoreError(f"{db_path}: no database here yet; run `monitor poll` (or `monitor demo`) first")
    if not pm.is_registered(MonitorPlugin):
        pm.register(MonitorPlugin, name=PLUGIN_NAME)
    return Datasette(
        [str(db_path)],
        metadata=build_metadata(database_name(db_path), allow_write=allow_write),
        template_dir=str(TEMPLATES),
        settings={"default_page_size": 50, "sql_time_limit_ms": 3000, "truncate_cells_html": 400},
    )


def serve(db_path: Path, *, host: str = "127.0.0.1", port: int = 8001, allow_write: bool = False) -> None:
    """Serve the database until interrupted (Ctrl-C)."""
    import uvicorn

    datasette = make_datasette(db_path, allow_write=allow_write)
    log.info("serving %s on http://%s:%s/ (%s)", db_path, host, port,
             "writable" if allow_write else "read-only")
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)


async def claims_page(datasette: Datasette, request: Any) -> Response:
    """Every claim with its status and its alerts (evidence, verdict, link to the article)."""
    config = _plugin_config(datasette)
    if config is None:
        return Response.text("Not found", status=404)
    database = config["database"]
    wanted = request.args.get("status") or None
    claims, alerts_by_claim = await asyncio.to_thread(
        _claims_overview, Path(datasette.get_database(database).path), wanted)

    def row_url(table: str, pk: Any) -> str:
        return str(datasette.urls.row(database, table, tilde_encode(str(pk))))

    html = await datasette.render_template("monitor_claims.html", {
        "database": database, "claims": claims, "alerts_by_claim": alerts_by_claim, "statuses": STATUSES,
        "wanted": wanted, "allow_write": config["allow_write"], "when": short_time, "row_url": row_url,
        "alerts_shown": ALERTS_PER_CLAIM,
    }, request=request)
    return Response.html(html)


def short_time(value: str | None) -> str:
    """``2025-02-15T09:30:00+01:00`` as ``2025-02-15 08:30`` (UTC); dates and odd text as they are."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if len(value) <= 10:  # a plain date
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M")


def _claims_overview(db_path: Path, status: str | None) -> tuple[list[Any], dict[str, list[Any]]]:
    with Store(db_path, read_only=True) as store:
        claims = [c for c in claim_statuses(store, active_only=True) if status is None or c.status == status]
        alerts_by_claim: dict[str, list[Any]] = defaultdict(list)
        for alert in list_alerts(store, AlertQuery(claims=tuple(c.claim_id for c in claims), limit=None)):
            alerts_by_claim[alert.claim_id].append(alert)
    return claims, dict(alerts_by_claim)
