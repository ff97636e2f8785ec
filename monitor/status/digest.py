"""The daily digest email: what goes in, how it reads, and how it is delivered exactly once.

Three layers, kept apart:

* ``compose_digest(alerts, claims, now)`` is pure: records in, ``EmailMessage`` out, with a
  plain-text and an HTML part rendered from the Jinja2 templates in ``monitor/templates``
  (the HTML one autoescaped, inline CSS only, no scripts, no remote images). The digest leads
  with what changed: the status changes since the last sent digest (``lifecycle.status_changes``),
  each with the alerts that caused it; then the new alerts grouped by claim (claims whose status
  changed first), where alerts that only repeat a settled verdict are collapsed into a count
  ("+7 more confirming reports", ``lifecycle.collapsed_repeats``: they are still in the digest's
  alert ids, so they are marked mailed like the rest); then forecasts and events that are
  overdue. Counts shown per claim are independent sources (syndicated copies count once).
* ``send_message(message, settings)`` talks SMTP (smtplib): STARTTLS, implicit TLS or plain,
  login with credentials read from the environment variables that the config names, and
  turns every failure into a ``DigestError`` that says what to check.
* ``deliver_digest(config, store)`` is the bookkeeping that makes an alert land in exactly one
  delivered digest, as far as SMTP allows. Under the digest lock it records the digest as
  ``pending`` with its alert ids (which claims those alerts), the exact message and its
  Message-ID; marks it ``sending`` just before the SMTP transaction (MAIL FROM) starts; and
  marks it ``sent`` as soon as the server answers 250 to the end of the data — before QUIT, so
  a process killed while saying goodbye does not send it again. Then:

  - a send refused before or during the transaction (connection, TLS, login, sender,
    recipients, a 4xx/5xx answer to the data) cannot have been delivered: the digest is
    marked ``failed`` and its alerts go into the next digest;
  - a digest left ``pending`` by a process that died before the transaction started is
    released the same way by the next sender (who holds the lock, so that process is gone);
  - a digest left ``sending`` — the process died, or the connection broke, after the message
    was handed over and before the 250 was recorded — may have been delivered. It is sent
    again by the next sender as the *same* message with the *same* Message-ID (never
    re-composed with other alerts), until a server accepts it.

  So an alert is never lost and never mailed in two different digests. The one window left is
  the moment between the server's 250 and the database commit of ``sent`` (or a connection
  that breaks right after the data): a kill there gives one identical copy, which mail
  systems that collapse duplicate Message-IDs show once. Each call is recorded in ``runs``
  (kind ``digest``).

Digest statuses: ``pending`` → ``sending`` → ``sent`` | ``failed``; ``empty`` when there was
nothing new and ``send_when_empty`` is off (nothing is sent, but the day counts as done).
"""
from __future__ import annotations

import dataclasses
import json
import logging
import os
import smtplib
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ..errors import DeliveryUnknown, DigestError
from ..locking import ProcessLock, digest_lock_path

if TYPE_CHECKING:
    from ..config import Config, EmailSettings
    from ..store import Store
    from .lifecycle import Repeats, Transition

log = logging.getLogger(__name__)

# Contradictions matter most to a reader, then confirmations; "discusses" is context.
VERDICT_ORDER = {"contradicts": 0, "confirms": 1, "discusses": 2}
VERDICT_LABELS = {"contradicts": "contradicts", "confirms": "confirms", "discusses": "discusses"}
# Status names are those of ``alerts.py`` (derived by the claim_status SQL view).
STATUS_ORDER = {"contradicted": 0, "disputed": 1, "overdue": 2, "resolved": 3, "confirmed": 4,
                "reported-once": 5, "open": 6}
SMTP_TIMEOUT = 30.0
# A backlog (a first poll over a busy archive) must not make a mail nobody reads: past this
# many alerts per claim the digest says how many more there are and how to list them.
MAX_ALERTS_PER_CLAIM = 10
# The same for status changes (a first digest over a busy history lists every change ever):
# the latest ones are shown, and the digest says how to list the earlier ones.
MAX_TRANSITIONS = 30
# A second sender (cron's `monitor digest` beside `monitor run`) waits this long for the first
# to finish (a send can take a connect timeout plus a data timeout), then finds nothing new.
LOCK_WAIT = 2 * SMTP_TIMEOUT + 15


# -- records -------------------------------------------------------------------------------

@dataclass(frozen=True)
class DigestAlert:
    """One alert as the digest shows it: verdict, evidence, values, and the article it is from."""

    id: int
    claim_id: str
    verdict: str
    confidence: float
    evidence: str
    article_title: str
    article_url: str
    site: str | None = None
    published_at: str | None = None
    claim_value: str | None = None
    article_value: str | None = None
    comparison: str | None = None       # "agrees" | "disagrees" | "incomparable", when values were compared
    detected_at: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> "DigestAlert":
        """Build from a ``Store.unmailed_alerts()`` row (alert columns plus ``article_*``, ``site``)."""
        compared = row.get("values_compared")
        if isinstance(compared, str):
            try:
                compared = json.loads(compared)
            except ValueError:
                compared = None
        comparison = None
        if isinstance(compared, dict):
            comparison = compared.get("result") or compared.get("comparison") or compared.get("outcome")
        url = row.get("article_url") or ""
        return cls(
            id=int(row["id"]), claim_id=str(row["claim_id"]), verdict=str(row["verdict"]),
            confidence=float(row.get("confidence") or 0.0), evidence=row.get("evidence") or "",
            article_title=row.get("article_title") or url or "(untitled article)", article_url=url,
            site=row.get("site") or row.get("feed_name") or (urlsplit(url).hostname if url else None),
            published_at=row.get("published_at"), claim_value=row.get("claim_value"),
            article_value=row.get("article_value"),
            comparison=str(comparison) if comparison is not None else None,
            detected_at=row.get("detected_at"),
        )

    @property
    def safe_url(self) -> str | None:
        """The article link if it is http(s); anything else (``javascript:``…) is not linked."""
        return self.article_url if urlsplit(self.article_url).scheme in ("http", "https") else None


@dataclass(frozen=True)
class DigestClaim:
    """A claim as the digest shows it, with its status now and as of the last delivered digest."""

    id: str
    statement: str
    kind: str = "fact"
    speaker: str | None = None
    source: str | None = None
    status: str = "open"
    previous_status: str = "open"
    confirming_sources: int = 0      # independent sources among the counted confirms (alerts.py)
    contradicting_sources: int = 0
    resolves_by: str | None = None

    @property
    def status_changed(self) -> bool:
        return self.status != self.previous_status

    @property
    def sources(self) -> str:
        """``independent sources: 3 confirm, 1 contradicts`` (empty when none counts yet)."""
        parts = []
        if self.confirming_sources:
            parts.append(f"{self.confirming_sources} confirm{'s' if self.confirming_sources == 1 else ''}")
        if self.contradicting_sources:
            parts.append(f"{self.contradicting_sources} contradict{'s' if self.contradicting_sources == 1 else ''}")
        if not parts:
            return ""
        total = self.confirming_sources + self.contradicting_sources
        return f"independent source{'s' if total != 1 else ''}: " + ", ".join(parts)


@dataclass(frozen=True)
class ClaimGroup:
    claim: DigestClaim
    alerts: tuple[DigestAlert, ...]   # the ones shown, strongest first
    hidden: int = 0                   # further alerts of the claim in this digest, not shown
    repeats: tuple[str, ...] = ()     # collapsed repeats of a settled verdict: "+7 more confirming reports"


@dataclass(frozen=True)
class DigestTransition:
    """A claim's status change since the last sent digest, with the alerts that caused it."""

    claim: DigestClaim
    at: str                           # UTC timestamp text
    old_status: str
    new_status: str
    cause: str                        # lifecycle.Transition.cause: alert, review, deadline, ...
    alerts: tuple[DigestAlert, ...] = ()


@dataclass(frozen=True)
class DigestOverdue:
    """A forecast or scheduled event whose ``resolves_by`` date passed with no resolution."""

    claim: DigestClaim
    resolves_by: str


@dataclass(frozen=True)
class DigestRecheck:
    """A re-checked article that changed (edited, removed) or could not be re-checked (feed health)."""

    outcome: str  # edited | removed | failed
    article_title: str
    article_url: str
    summary: str  # one sentence: what happened to the article and its alerts

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> "DigestRecheck":
        """Build from a ``Store.recheck_events()`` row."""
        def alerts(raw: Any) -> list[dict[str, Any]]:
            try:
                return [a for a in json.loads(raw or "[]") if a.get("verdict") != "unrelated"]
            except (TypeError, ValueError):
                return []

        def said(items: list[dict[str, Any]]) -> str:
            return ", ".join(f"{a['claim_id']} {a['verdict']} {float(a['confidence'] or 0):.0%}"
                             for a in items) or "no alerts"

        before, after = alerts(row.get("alerts_before")), alerts(row.get("alerts_after"))
        outcome = str(row["outcome"])
        if outcome == "removed":
            summary = (f"removed (HTTP {row.get('http_status')}); {len(before)} alert"
                       f"{'s' if len(before) != 1 else ''} withdrawn ({said(before)})")
        elif outcome == "edited":
            summary = f"edited since it was fetched; re-scored: {said(before)} -> {said(after)}"
            if row.get("error"):
                summary = f"edited since it was fetched; {row['error']}"
        else:
            summary = f"could not be re-checked: {row.get('error') or 'unknown error'}"
        url = row.get("article_url") or ""
        return cls(outcome=outcome, article_title=row.get("article_title") or url or "(untitled article)",
                   article_url=url, summary=summary)

    @property
    def safe_url(self) -> str | None:
        return self.article_url if urlsplit(self.article_url).scheme in ("http", "https") else None


@dataclass
class DigestResult:
    """What ``deliver_digest`` did: ``sent``, ``resent`` (a digest whose delivery was not confirmed,
    sent again as the same message), ``empty`` (nothing new, nothing sent) or ``dry-run``."""

    status: str
    message: EmailMessage | None
    digest_id: int | None = None
    alert_ids: tuple[int, ...] = ()
    recipients: tuple[str, ...] = ()
    refused: dict[str, str] = field(default_factory=dict)
    resent: tuple[int, ...] = ()   # unconfirmed digests sent again before this one


# -- composing ---------------------------------------------------------------------------

_environment: Environment | None = None


def _templates() -> Environment:
    global _environment
    if _environment is None:
        # Autoescape the HTML template (article titles and evidence are untrusted text from the
        # web); the plain-text template must not be escaped.
        _environment = Environment(
            loader=PackageLoader("monitor", "templates"),
            autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
            undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        )
    return _environment


def group_alerts(alerts: Sequence[DigestAlert], claims: Mapping[str, DigestClaim],
                 max_per_claim: int = MAX_ALERTS_PER_CLAIM, repeats: Sequence["Repeats"] = ()) -> list[ClaimGroup]:
    """Alerts grouped by claim: status changes first, then the strongest news first.

    Alerts named in ``repeats`` (``lifecycle.Repeats``) are not listed: their claim shows
    ``Repeats.describe()`` of those among ``alerts`` instead.
    """
    present = {alert.id for alert in alerts}
    collapsed: dict[str, list[str]] = {}
    repeated: set[int] = set()
    for repeat in repeats:
        ids = tuple(i for i in repeat.alert_ids if i in present)
        if ids:  # only this digest's alerts: earlier ones were counted in an earlier digest
            collapsed.setdefault(repeat.claim_id, []).append(dataclasses.replace(repeat, alert_ids=ids).describe())
            repeated.update(ids)
    by_claim: dict[str, list[DigestAlert]] = {}
    for alert in alerts:
        by_claim.setdefault(alert.claim_id, [])
        if alert.id not in repeated:
            by_claim[alert.claim_id].append(alert)
    groups = []
    for claim_id, items in by_claim.items():
        claim = claims.get(claim_id) or DigestClaim(id=claim_id, statement=claim_id)
        items.sort(key=lambda a: (VERDICT_ORDER.get(a.verdict, 9), -a.confidence, a.id))
        groups.append(ClaimGroup(claim, tuple(items[:max_per_claim]), max(0, len(items) - max_per_claim),
                                 tuple(collapsed.get(claim_id, ()))))
    groups.sort(key=lambda g: (not g.claim.status_changed, STATUS_ORDER.get(g.claim.status, 9),
                               -max((a.confidence for a in g.alerts), default=0.0), g.claim.id))
    return groups


def digest_subject(groups: Sequence[ClaimGroup], now: datetime, alerts: int | None = None,
                   changes: int | None = None) -> str:
    alerts = sum(len(g.alerts) + g.hidden for g in groups) if alerts is None else alerts
    changes = sum(1 for g in groups if g.claim.status_changed) if changes is None else changes
    day = now.strftime("%Y-%m-%d")
    if not alerts and changes:
        return f"Follow-up Monitor digest {day}: {changes} status change{'s' if changes != 1 else ''}"
    if not alerts:
        return f"Follow-up Monitor digest {day}: nothing new"
    subject = (f"Follow-up Monitor digest {day}: {alerts} new alert{'s' if alerts != 1 else ''}"
               f" on {len(groups)} claim{'s' if len(groups) != 1 else ''}")
    if changes:
        subject += f", {changes} status change{'s' if changes != 1 else ''}"
    return subject


def compose_digest(alerts: Sequence[DigestAlert], claims: Mapping[str, DigestClaim] | Sequence[DigestClaim],
                   now: datetime, *, sender: str = "", recipients: Sequence[str] = (),
                   since: str | None = None, max_per_claim: int = MAX_ALERTS_PER_CLAIM,
                   feed_health: Sequence[Any] = (), rechecks: Sequence["DigestRecheck"] = (),
                   transitions: Sequence[DigestTransition] = (), repeats: Sequence["Repeats"] = (),
                   overdue: Sequence[DigestOverdue] = ()) -> EmailMessage:
    """The digest email for ``alerts`` (pure: no clock, no network, no database).

    ``claims`` maps claim id → ``DigestClaim`` (a sequence of them is accepted too); ``now`` is
    the digest's date (its time zone is the one shown); ``since`` is when the previous digest
    went out, for the header. The message has a text/plain and a text/html alternative.
    Each claim shows at most ``max_per_claim`` alerts and says how many more it has.
    ``feed_health`` (``health.FeedHealth`` records) and ``rechecks`` fill the "Feed health" and
    "Re-checked articles" blocks (feed-health engineer); feeds that are ``ok`` are not listed.
    ``transitions`` lead the digest ("What changed"); alerts in ``repeats`` are collapsed into a
    count per claim; ``overdue`` fills the "Overdue" block.
    """
    if not isinstance(claims, Mapping):
        claims = {claim.id: claim for claim in claims}
    groups = group_alerts(alerts, claims, max_per_claim, repeats)
    # Claims whose status changed: those with a transition, and those whose new alerts moved
    # them from what the last digest said.
    changed = len({t.claim.id for t in transitions} | {g.claim.id for g in groups if g.claim.status_changed})
    counts = {verdict: sum(1 for a in alerts if a.verdict == verdict) for verdict in VERDICT_ORDER}
    context = {
        "groups": groups,
        "alert_count": len(alerts),
        "claim_count": len(groups),
        "change_count": changed,
        "counts": counts,
        "now": now.strftime("%Y-%m-%d %H:%M %Z").strip(),
        "since": since,
        "feed_health": [h for h in feed_health if h.health != "ok"],
        "rechecks": list(rechecks),
        "transitions": list(transitions)[-MAX_TRANSITIONS:],
        "earlier_transitions": max(0, len(transitions) - MAX_TRANSITIONS),
        "overdue": list(overdue),
    }
    message = EmailMessage()
    message["Subject"] = digest_subject(groups, now, len(alerts), changed)
    unhealthy = sum(1 for h in feed_health if h.health in ("failing", "silent"))
    if unhealthy:  # feed health (feed-health engineer): say so where the reader looks first
        del message["Subject"]
        message["Subject"] = (digest_subject(groups, now, len(alerts), changed)
                              + f"; {unhealthy} feed{'s' if unhealthy != 1 else ''} failing or silent")
    if overdue:
        subject = message["Subject"]
        del message["Subject"]
        message["Subject"] = subject + f"; {len(overdue)} overdue"
    if sender:
        message["From"] = sender
    if recipients:
        message["To"] = ", ".join(recipients)
    message["Date"] = format_datetime(now if now.tzinfo else now.replace(tzinfo=timezone.utc))
    message["Auto-Submitted"] = "auto-generated"
    env = _templates()
    message.set_content(env.get_template("digest.txt").render(context))
    message.add_alternative(env.get_template("digest.html").render(context), subtype="html")
    return message


def describe_message(message: EmailMessage) -> str:
    """Headers and the plain-text part, for ``monitor digest --dry-run``."""
    lines = [f"{name}: {value}" for name, value in message.items()]
    body = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    text = body.get_content() if body is not None else ""
    note = ""
    if html is not None:
        note = (f"\n[an HTML alternative of {len(html.get_content())} characters is not shown; "
                "use --eml FILE to save the whole message]\n")
    return "\n".join(lines) + "\n\n" + text + note


# -- sending -----------------------------------------------------------------------------

def smtp_credentials(settings: "EmailSettings", environ: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """(user, password) from the environment variables the config names, or None for no login."""
    environ = os.environ if environ is None else environ
    user = environ.get(settings.username_env, "")
    password = environ.get(settings.password_env, "")
    if not user and not password:
        return None
    if not user or not password:
        missing = settings.username_env if not user else settings.password_env
        raise DigestError(f"SMTP login needs both a user and a password, but ${missing} is not set; "
                          f"set both {settings.username_env} and {settings.password_env}, or neither "
                          "for a server without login")
    return user, password


def send_message(message: EmailMessage, settings: "EmailSettings", *, recipients: Sequence[str] | None = None,
                 environ: Mapping[str, str] | None = None, ssl_context: ssl.SSLContext | None = None,
                 timeout: float = SMTP_TIMEOUT, on_transfer: Callable[[], None] | None = None,
                 on_accepted: Callable[[dict[str, str]], None] | None = None) -> dict[str, str]:
    """Send ``message`` over SMTP as the config says; returns the recipients the server refused.

    ``on_transfer()`` is called just before the mail transaction (MAIL FROM) starts, and
    ``on_accepted(refused)`` as soon as the server accepted the data — before QUIT, whose
    answer (or its absence) changes nothing about the delivery.

    Raises ``DigestError`` (naming the server and what to check) when nothing was accepted, and
    its subclass ``DeliveryUnknown`` when the connection broke after the transaction started
    without the server saying yes or no. ``ssl_context`` defaults to the system's trusted
    certificates with hostname checking.
    """
    to = list(recipients if recipients is not None else settings.recipients)
    if not to:
        raise DigestError("the digest has no recipients; set [email] recipients = [\"you@example.com\"] "
                          "in the config (or use --to ADDRESS for a test)")
    credentials = smtp_credentials(settings, environ)
    server = f"{settings.smtp_host}:{settings.smtp_port}"
    context = ssl_context or ssl.create_default_context()
    if credentials and settings.security == "none":
        log.warning("logging in to %s without TLS; set [email] security to starttls or tls", server,
                    extra={"event": "smtp_plaintext_login", "server": server})
    client: smtplib.SMTP | None = None
    try:
        if settings.security == "tls":
            client = smtplib.SMTP_SSL(settings.smtp_host, settings.smtp_port, timeout=timeout, context=context)
        else:
            client = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout)
        client.ehlo()
        if settings.security == "starttls":
            if not client.has_extn("starttls"):
                raise DigestError(f"SMTP server {server} does not offer STARTTLS; use the server's TLS port "
                                  "with [email] security = \"tls\", or security = \"none\" only on a trusted network")
            client.starttls(context=context)
            client.ehlo()
        if credentials:
            client.login(*credentials)
        if on_transfer is not None:
            on_transfer()
        try:
            refused = client.send_message(message, from_addr=settings.sender, to_addrs=to)
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            # No answer to the data (or to MAIL/RCPT): the server may have the message. A refusal
            # (SMTPResponseException) is an answer, and is handled below as a failed send.
            raise DeliveryUnknown(
                f"the connection to SMTP server {server} broke during the mail transaction, before the "
                f"server confirmed the digest ({exc or type(exc).__name__}); it may have been delivered, "
                "so it is sent again as the same message (same Message-ID) next time; check the "
                "server's logs and limits") from exc
        if on_accepted is not None:
            on_accepted({address: _smtp_reply_tuple(reply) for address, reply in refused.items()})
    except DigestError:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise DigestError(f"SMTP server {server} rejected the login ({_smtp_reply(exc)}); check the user and "
                          f"password in ${settings.username_env} and ${settings.password_env}") from exc
    except smtplib.SMTPRecipientsRefused as exc:
        raise DigestError(f"SMTP server {server} refused every recipient ({_refusals(exc.recipients)}); "
                          "check [email] recipients") from exc
    except smtplib.SMTPSenderRefused as exc:
        raise DigestError(f"SMTP server {server} refused the sender {settings.sender} ({_smtp_reply(exc)}); "
                          "check [email] sender (many servers only accept the account's own address)") from exc
    except smtplib.SMTPServerDisconnected as exc:
        raise DigestError(f"SMTP server {server} closed the connection before the digest was accepted ({exc}); "
                          "the alerts stay for the next digest; check the server's logs and limits") from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise DigestError(f"SMTP server {server} does not support what was asked ({exc}); check [email] "
                          "security (starttls on 587, tls on 465)") from exc
    except smtplib.SMTPException as exc:
        raise DigestError(f"SMTP server {server} did not accept the digest ({exc}); check the server's logs") from exc
    except ssl.SSLError as exc:
        raise DigestError(f"TLS with {server} failed ({exc}); check [email] security (\"tls\" for port 465, "
                          "\"starttls\" for 587) and the server's certificate") from exc
    except (socket.timeout, TimeoutError) as exc:
        raise DigestError(f"SMTP server {server} did not answer within {timeout:g} s; check [email] smtp_host "
                          "and smtp_port and that the server is reachable") from exc
    except OSError as exc:
        raise DigestError(f"cannot connect to the SMTP server {server} ({exc.strerror or exc}); check [email] "
                          "smtp_host and smtp_port and that the server is running") from exc
    finally:
        if client is not None:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()
    refusals = {address: _smtp_reply_tuple(reply) for address, reply in refused.items()}
    if refusals:
        log.warning("%s refused some recipients: %s", server, refusals,
                    extra={"event": "digest_recipients_refused", "server": server, "refused": refusals})
    return refusals


def _smtp_reply_tuple(reply: tuple[int, bytes | str]) -> str:
    code, text = reply
    return f"{code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}"


def _smtp_reply(exc: smtplib.SMTPResponseException) -> str:
    return _smtp_reply_tuple((exc.smtp_code, exc.smtp_error))


def _refusals(recipients: Mapping[str, tuple[int, bytes | str]]) -> str:
    return "; ".join(f"{address}: {_smtp_reply_tuple(reply)}" for address, reply in recipients.items())


# -- delivering --------------------------------------------------------------------------

def local_now(settings: "EmailSettings", now: datetime | None = None) -> datetime:
    """``now`` (default: the clock) in the digest's configured time zone."""
    now = now or datetime.now(timezone.utc)
    return now.astimezone(ZoneInfo(settings.timezone))


def digest_claims(store: "Store", claim_ids: Iterable[str], *, today: date | None = None) -> dict[str, DigestClaim]:
    """The claims of a digest with their status on ``today`` and as the last sent digest left them.

    The status rule is ``alerts.py``'s (one SQL view); "as the last digest left it" is the
    status after the last of the claim's alerts that went out in a sent digest. The
    independent-source counts are ``claim_status``'s.
    """
    from .alerts import claim_status, claim_timeline

    claims = {}
    for row in store.digest_claims(sorted(set(claim_ids))):
        mailed = set(json.loads(row.get("mailed_alert_ids") or "[]"))
        previous = "open"
        for step in claim_timeline(store, row["id"], today=today):
            if step.alert_id in mailed:
                previous = step.status
        status = claim_status(store, row["id"], today=today)
        claims[row["id"]] = DigestClaim(
            id=row["id"], statement=row.get("statement") or row["id"], kind=row.get("kind") or "fact",
            speaker=row.get("speaker"), source=row.get("source"),
            status=status.status, previous_status=previous, confirming_sources=status.confirming_sources,
            contradicting_sources=status.contradicting_sources, resolves_by=status.resolves_by)
    return claims


def digest_lifecycle(store: "Store", alerts: Sequence[DigestAlert], since: datetime | None, today: date
                     ) -> tuple[list[DigestTransition], list["Repeats"], list[DigestOverdue], dict[str, DigestClaim]]:
    """What changed since ``since`` (the last sent digest; None: ever), the repeats among
    ``alerts``, the overdue claims on ``today``, and the claims of the digest (alerts' and
    transitions'), from ``lifecycle.py`` and ``alerts.py``."""
    from .alerts import claim_statuses
    from .lifecycle import changes as status_history

    present = {alert.id for alert in alerts}
    statuses = {s.claim_id: s for s in claim_statuses(store, today=today)}
    all_transitions, all_repeats = status_history(store, today=today)  # one replay of the history
    changes = _changes_to_tell(store, since, today, present, statuses, all_transitions)
    # Repeats are picked among this digest's alerts (not by time): each alert is collapsed in
    # the one digest that carries it.
    repeats = [r for r in all_repeats if present.intersection(r.alert_ids)]
    overdue_ids = [s.claim_id for s in statuses.values() if s.status == "overdue" and s.active]
    claims = digest_claims(store, [a.claim_id for a in alerts] + [t.claim_id for t in changes] + overdue_ids,
                           today=today)
    shown = {alert.id: alert for alert in alerts}
    transitions = []
    for change in changes:
        causes = []
        for alert_id in change.alert_ids:
            alert = shown.get(alert_id)
            if alert is None:  # mailed before (a review or resolution changed its standing)
                row = store.alert_row(alert_id)
                alert = DigestAlert.from_row(row) if row is not None else None
            if alert is not None:
                causes.append(alert)
        claim = claims.get(change.claim_id) or DigestClaim(id=change.claim_id, statement=change.claim_id)
        transitions.append(DigestTransition(claim=claim, at=change.at, old_status=change.old_status,
                                            new_status=change.new_status, cause=change.cause,
                                            alerts=tuple(causes)))
    overdue = [DigestOverdue(claims[i], claims[i].resolves_by or "") for i in sorted(overdue_ids) if i in claims]
    return transitions, repeats, overdue, claims


def build_digest(config: "Config", store: "Store", now: datetime | None = None,
                 recipients: Sequence[str] | None = None) -> tuple[EmailMessage, tuple[int, ...]]:
    """The digest of every alert not yet in a delivered digest, and those alerts' ids."""
    settings = config.email
    alerts = [DigestAlert.from_row(row) for row in store.unmailed_alerts()]
    last = store.last_digest(sent_only=True)   # what the reader last received
    since = when = None
    if last is not None:
        when = datetime.fromisoformat(last["sent_at"] or last["created_at"])
        since = when.astimezone(ZoneInfo(settings.timezone)).strftime("%Y-%m-%d %H:%M %Z")
    today = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).date()
    transitions, repeats, overdue, claims = digest_lifecycle(store, alerts, when, today)
    # Feed health and re-checks since the last sent digest (feed-health engineer, monitor/health.py).
    from .health import load_feed_health

    rechecks = [DigestRecheck.from_row(row) for row in store.recheck_events(
        since=(last["sent_at"] or last["created_at"]) if last is not None else None)]
    message = compose_digest(alerts, claims, local_now(settings, now), sender=settings.sender,
                             recipients=list(settings.recipients if recipients is None else recipients),
                             since=since, feed_health=load_feed_health(config, store, now), rechecks=rechecks,
                             transitions=transitions, repeats=repeats, overdue=overdue)
    return message, tuple(a.id for a in alerts)


def deliver_digest(config: "Config", store: "Store", *, now: datetime | None = None,
                   environ: Mapping[str, str] | None = None, ssl_context: ssl.SSLContext | None = None,
                   dry_run: bool = False, test_recipient: str | None = None,
                   lock_wait: float = LOCK_WAIT) -> DigestResult:
    """Compose and send the digest of every alert not yet mailed, recording it so each is mailed once.

    ``dry_run`` composes without sending or recording anything; ``test_recipient`` sends the
    same message (subject marked ``[test]``) to that address only and marks nothing. Raises
    ``DigestError`` when the send failed; the alerts then stay for the next digest, and
    ``LockHeld`` when another process kept sending a digest for longer than ``lock_wait`` s.
    """
    settings = config.email
    if dry_run or test_recipient:
        message, alert_ids = build_digest(config, store, now,
                                          recipients=[test_recipient] if test_recipient else None)
        if dry_run:
            return DigestResult("dry-run", message, alert_ids=alert_ids, recipients=settings.recipients)
        subject = message["Subject"]
        del message["Subject"]
        message["Subject"] = f"[test] {subject}"
        _add_message_id(message, settings.sender, "test")
        refused = send_message(message, settings, recipients=[test_recipient or ""], environ=environ,
                               ssl_context=ssl_context)
        log.info("test digest sent to %s (%d alerts, none marked)", test_recipient, len(alert_ids),
                 extra={"event": "digest_test_sent", "to": test_recipient, "alerts": len(alert_ids)})
        return DigestResult("test-sent", message, alert_ids=alert_ids, recipients=(test_recipient or "",),
                            refused=refused)

    started = time.monotonic()
    with ProcessLock(digest_lock_path(store.path), "sending a digest", wait=lock_wait):
        # Under the lock: a digest run still "running" belongs to a process that is gone.
        store.close_abandoned_runs("digest")
        run_id = store.start_run("digest")
        try:
            released = store.release_interrupted_digests()
            for digest in released:
                log.warning("digest %s was interrupted before the server confirmed it; its %s alerts go "
                            "into this digest", digest["id"], digest["alert_count"],
                            extra={"event": "digest_interrupted", "digest_id": digest["id"],
                                   "alerts": digest["alert_count"]})
            # An unconfirmed digest goes again as it was; the alerts that came since go in
            # today's digest as usual, not a day later.
            resent = _resend_unconfirmed(store, config.email, environ, ssl_context)
            result = _deliver_locked(config, store, now, environ, ssl_context)
            if resent is not None:
                result = resent if result.status == "empty" else dataclasses.replace(
                    result, resent=(resent.digest_id or 0,))
        except BaseException as exc:
            status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
            store.finish_run(run_id, status, errors=[str(exc) or type(exc).__name__],
                             seconds=round(time.monotonic() - started, 3))
            raise
        # The run points at its digest row, which has the alert count and ids.
        store.finish_run(run_id, "ok", seconds=round(time.monotonic() - started, 3), digest_id=result.digest_id,
                         errors=[f"refused {a}: {r}" for a, r in result.refused.items()] or None)
    return result


def _deliver_locked(config: "Config", store: "Store", now: datetime | None,
                    environ: Mapping[str, str] | None, ssl_context: ssl.SSLContext | None) -> DigestResult:
    settings = config.email
    message, alert_ids = build_digest(config, store, now)
    recipients = tuple(settings.recipients)
    # A feed that fails or fell silent, or a re-checked article that changed, is news even on a
    # day without alerts (feed-health engineer): the digest goes out for it.
    if not alert_ids and not settings.send_when_empty and not _feed_notices(config, store, now):
        digest_id = store.record_empty_digest(message["Subject"])
        log.info("digest %s: nothing new, nothing sent", digest_id,
                 extra={"event": "digest_empty", "digest_id": digest_id})
        return DigestResult("empty", None, digest_id=digest_id)
    if not recipients:
        # Checked before anything is recorded: a config mistake is not a failed delivery.
        raise DigestError("the digest has no recipients; set [email] recipients = [\"you@example.com\"] "
                          "in the config (or use --to ADDRESS for a test)")
    _add_message_id(message, settings.sender, "digest")
    digest_id = store.begin_digest(subject=message["Subject"], recipients=recipients, alert_ids=alert_ids,
                                   message_id=message["Message-ID"], message=message.as_bytes())
    refused = _send_recorded(store, digest_id, message, settings, recipients, len(alert_ids), environ, ssl_context)
    return DigestResult("sent", message, digest_id=digest_id, alert_ids=alert_ids, recipients=recipients,
                        refused=refused)


def _resend_unconfirmed(store: "Store", settings: "EmailSettings", environ: Mapping[str, str] | None,
                        ssl_context: ssl.SSLContext | None) -> DigestResult | None:
    """Send again, as they were, the digests whose delivery was never confirmed (``sending``)."""
    result = None
    for digest in store.unconfirmed_digests():
        message = cast(EmailMessage, message_from_bytes(digest["message"], policy=policy.default))
        alert_ids = tuple(json.loads(digest["alert_ids"] or "[]"))
        recipients = tuple(json.loads(digest["recipients"] or "[]"))
        log.warning("digest %s was handed to the SMTP server but its acceptance was never confirmed; sending "
                    "it again as the same message %s", digest["id"], digest["message_id"],
                    extra={"event": "digest_resending", "digest_id": digest["id"], "alerts": len(alert_ids)})
        refused = _send_recorded(store, digest["id"], message, settings, recipients, len(alert_ids), environ,
                                 ssl_context, resend=True)
        result = DigestResult("resent", message, digest_id=digest["id"], alert_ids=alert_ids,
                              recipients=recipients, refused=refused)
    return result


def _send_recorded(store: "Store", digest_id: int, message: EmailMessage, settings: "EmailSettings",
                   recipients: Sequence[str], alerts: int, environ: Mapping[str, str] | None,
                   ssl_context: ssl.SSLContext | None, resend: bool = False) -> dict[str, str]:
    """Send a recorded digest, keeping its status in step with the SMTP conversation (see the
    module docstring); returns the refused recipients. A ``resend`` of an unconfirmed digest
    stays unconfirmed whatever goes wrong: an earlier attempt may have delivered it."""
    server = f"{settings.smtp_host}:{settings.smtp_port}"
    log.info("sending digest %s (%d alerts) to %d recipients via %s", digest_id, alerts,
             len(recipients), server, extra={"event": "digest_sending", "digest_id": digest_id,
                                             "alerts": alerts, "server": server})

    def accepted(refused: dict[str, str]) -> None:
        store.mark_digest_sent(digest_id, refused=refused)

    try:
        refused = send_message(message, settings, recipients=recipients, environ=environ, ssl_context=ssl_context,
                               on_transfer=lambda: store.mark_digest_sending(digest_id), on_accepted=accepted)
    except BaseException as exc:
        # Not only DigestError: a Ctrl-C mid-transaction leaves the outcome as unknown as a broken
        # connection does (a kill -9 leaves the status as it was, for the next sender).
        error = str(exc) or type(exc).__name__
        unknown = resend or isinstance(exc, DeliveryUnknown) or (
            not isinstance(exc, DigestError) and store.digest_status(digest_id) == "sending")
        if unknown:
            store.note_digest_error(digest_id, error)
            log.error("digest %s: delivery unknown, it is sent again as the same message next time: %s",
                      digest_id, error, extra={"event": "digest_unconfirmed", "digest_id": digest_id,
                                               "alerts": alerts})
        else:
            store.fail_digest(digest_id, error)
            log.error("digest %s failed, its %d alerts wait for the next one: %s", digest_id, alerts, error,
                      extra={"event": "digest_failed", "digest_id": digest_id, "alerts": alerts})
        raise
    log.info("digest %s sent: %d alerts to %d recipients (%d refused)", digest_id, alerts,
             len(recipients), len(refused), extra={"event": "digest_sent", "digest_id": digest_id,
                                                   "alerts": alerts, "refused": len(refused)})
    return refused


def _feed_notices(config: "Config", store: "Store", now: datetime | None) -> int:
    """How many feed-health problems, re-check events and status changes (a review, a
    resolution, a deadline passing: news without a new alert) the digest lists (see
    ``build_digest``). Overdue claims alone do not count: they would send a mail every day."""
    from .health import load_feed_health

    last = store.last_digest(sent_only=True)
    events = store.recheck_events(since=(last["sent_at"] or last["created_at"]) if last is not None else None)
    today = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).date()
    # With no new alerts (the caller's case), only changes since the last sent digest count.
    changes = _changes_to_tell(store, datetime.fromisoformat(last["sent_at"] or last["created_at"])
                               if last is not None else None, today, set())
    return len(events) + len(changes) + sum(1 for h in load_feed_health(config, store, now) if h.health != "ok")


def _changes_to_tell(store: "Store", since: datetime | None, today: date, present: set[int],
                     statuses: Mapping[str, Any] | None = None,
                     transitions: Sequence["Transition"] | None = None) -> list["Transition"]:
    """The status changes a digest tells: since the last sent digest, and any caused by this
    digest's alerts (``present``; one detected while the last digest was being sent is older
    than its sent_at but was not in it). Claims dropped from claims.toml (inactive) are no
    longer tracked: only their new alerts speak for them."""
    from .alerts import claim_statuses
    from .lifecycle import status_changes

    if statuses is None:
        statuses = {s.claim_id: s for s in claim_statuses(store, today=today)}
    if transitions is None:
        transitions = status_changes(store, today=today)
    return [t for t in transitions
            if present.intersection(t.alert_ids) or (
                (since is None or datetime.fromisoformat(t.at) >= _utc(since))
                and t.claim_id in statuses and statuses[t.claim_id].active)]


def _utc(moment: datetime) -> datetime:
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


def _add_message_id(message: EmailMessage, sender: str, idstring: str) -> None:
    # make_msgid() without a domain asks DNS for this host's name, which can hang; use the
    # sender's domain instead.
    domain = sender.rpartition("@")[2] or "localhost"
    message["Message-ID"] = make_msgid(idstring=idstring, domain=domain)
