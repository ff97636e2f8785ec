"""The daily digest: composed from stored alerts, delivered over real SMTP on loopback, each alert once."""
from __future__ import annotations

import email
import os
import socket
import ssl
import subprocess
import threading
from datetime import datetime, timezone
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from click.testing import CliRunner

from monitor.cli import cli
from monitor.config import FeedConfig, parse_config
from monitor.status.digest import (
    DigestAlert, DigestClaim, compose_digest, deliver_digest, send_message,
)
from monitor.errors import DeliveryUnknown, DigestError
from monitor.locking import LockHeld, ProcessLock, digest_lock_path
from monitor.store import Store

pytestmark = pytest.mark.min_sources(1)  # as digest_config's config says (open_store(config) would)

NOW = datetime(2025, 2, 20, 7, 30, tzinfo=timezone.utc)
SCRIPT_TITLE = "Call <script>alert(1)</script> & more"


# -- a real SMTP server on loopback ---------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """aiosmtpd handler keeping what it receives."""

    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted"

    def messages(self) -> list[EmailMessage]:
        return [email.message_from_bytes(e.content, policy=policy.default) for e in self.envelopes]


class DropInData(Inbox):
    """Closes the connection after receiving the message data, before answering it."""

    async def handle_DATA(self, server, session, envelope):
        server.transport.close()
        return "250 never seen"


class Logins:
    """An authenticator that accepts one user/password and records every attempt."""

    def __init__(self, user: str, password: str) -> None:
        self.user, self.password = user, password
        self.attempts: list[tuple[str, str]] = []

    def __call__(self, server, session, envelope, mechanism, auth_data):
        login, password = (v.decode() if isinstance(v, bytes) else v for v in (auth_data.login, auth_data.password))
        self.attempts.append((login, password))
        # handled=False: let aiosmtpd send the 235/535 reply itself.
        return AuthResult(success=(login, password) == (self.user, self.password), handled=False)


@pytest.fixture
def smtp():
    """Start ``Controller``s on free loopback ports; stop them all afterwards."""
    started = []

    def start(handler=None, **kwargs):
        handler = handler or Inbox()
        controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **kwargs)
        controller.start()
        started.append(controller)
        return controller

    yield start
    for controller in started:
        controller.stop()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                   check=True, capture_output=True)
    return cert, key


def server_context(certificate) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context


# -- a store with alerts ----------------------------------------------------------------

def digest_config(tmp_path: Path, port: int, security: str = "none", extra: str = "", recipients=None):
    recipients = ["ana@example.org", "ben@example.org"] if recipients is None else recipients
    text = f"""
[database]
path = "{tmp_path / 'monitor.db'}"
[email]
smtp_host = "127.0.0.1"
smtp_port = {port}
security = "{security}"
sender = "monitor@example.org"
recipients = {recipients!r}
{extra}
[verdicts]
min_independent_sources = 1  # one alert settles a claim here; see test_sources.py
""".replace("'", '"')
    return parse_config(text, tmp_path / "config" / "monitor.toml")


def add_claim(store: Store, claim_id: str, statement: str, kind: str = "fact", speaker: str | None = None) -> None:
    store.db.table("claims").insert({"id": claim_id, "statement": statement, "kind": kind, "speaker": speaker})


def add_article(store: Store, slug: str, title: str, site: str = "Wire") -> int:
    feed_id = store.feeds()[0]["id"] if store.feeds() else None
    if feed_id is None:
        store.sync_feeds([FeedConfig("Wire feed", "https://wire.example/feed.xml", 30)])
        feed_id = store.feeds()[0]["id"]
    url = f"https://wire.example/{slug}"
    return store.save_article(canonical_url=url, url=url, feed_id=feed_id, guid=slug, title=title,
                              text="...", site=site, published_at="2025-02-19T10:00:00+00:00")


def add_alert(store: Store, claim_id: str, article_id: int, verdict: str, confidence: float, evidence: str,
              **values) -> int:
    return int(store.db.table("alerts").insert({
        "claim_id": claim_id, "article_id": article_id, "verdict": verdict, "confidence": confidence,
        "evidence": evidence, "detected_at": "2025-02-19T12:00:00+00:00", **values,
    }).last_pk or 0)


@pytest.fixture
def store(store: Store) -> Store:
    add_claim(store, "call-lasted-90-minutes", "The Trump–Putin call lasted close to 90 minutes", "quantity",
              "Dmitry Peskov")
    add_claim(store, "prisoner-exchange-discussed", "Trump and Putin discussed a prisoner exchange")
    a1 = add_article(store, "a1", SCRIPT_TITLE, site="Example Times")
    a2 = add_article(store, "a2", "Leaders talk swaps", site="Daily Wire")
    add_alert(store, "call-lasted-90-minutes", a1, "contradicts", 0.83,
              "The call lasted two and a half hours, officials said.", claim_value="90 minutes",
              article_value="2.5 hours", values_compared='{"result": "disagrees"}')
    add_alert(store, "prisoner-exchange-discussed", a2, "discusses", 0.71,
              "A swap of prisoners came up, aides said.")
    add_alert(store, "call-lasted-90-minutes", a2, "discusses", 0.65, "The long call was discussed <b>widely</b>.")
    return store


def unmailed(store: Store) -> int:
    return len(store.unmailed_alerts())


def parts(message: EmailMessage) -> tuple[str, str]:
    text, html = message.get_body(preferencelist=("plain",)), message.get_body(preferencelist=("html",))
    assert text is not None and html is not None, "the digest lacks a text or an HTML part"
    return text.get_content(), html.get_content()


# -- composing (pure) -----------------------------------------------------------------------

def test_compose_groups_by_claim_with_status_changes_first():
    alerts = [
        DigestAlert(1, "steady", "confirms", 0.95, "Still true.", "T1", "https://e.org/1", site="E"),
        DigestAlert(2, "changed", "discusses", 0.61, "Mentioned.", "T2", "https://e.org/2", site="E"),
        DigestAlert(3, "changed", "contradicts", 0.72, "Not so.", "T3", "https://e.org/3", site="E"),
    ]
    claims = [DigestClaim("steady", "A steady claim", status="confirmed", previous_status="confirmed"),
              DigestClaim("changed", "A changed claim", status="contradicted", previous_status="open")]
    message = compose_digest(alerts, claims, NOW)
    text, html = parts(message)
    assert message["Subject"] == "Follow-up Monitor digest 2025-02-20: 3 new alerts on 2 claims, 1 status change"
    assert text.index("A changed claim") < text.index("A steady claim")
    # Within a claim: contradictions before mere discussion.
    assert text.index("Not so.") < text.index("Mentioned.")
    assert "Status: open -> CONTRADICTED (changed)" in text
    assert "1 contradict · 1 confirm · 1 discuss" in text
    assert html.index("A changed claim") < html.index("A steady claim")
    assert "status changed" in html


def test_compose_shows_at_most_ten_alerts_per_claim_and_counts_the_rest():
    alerts = [DigestAlert(n, "busy", "discusses", 0.6 + n / 100, f"Mention {n}.", f"T{n}", f"https://e.org/{n}")
              for n in range(1, 13)]
    message = compose_digest(alerts, [DigestClaim("busy", "A busy claim")], NOW)
    text, html = parts(message)
    assert message["Subject"].endswith(": 12 new alerts on 1 claim")
    assert "Mention 12." in text and "Mention 3." in text and "Mention 2." not in text   # strongest first
    assert "... and 2 more alerts on this claim: monitor alerts --claim busy" in text
    assert "&hellip; and 2 more alerts on this claim" in html


def test_compose_links_only_http_urls_and_escapes_html():
    alerts = [DigestAlert(1, "c", "confirms", 0.9, "Said <img src=x onerror=alert(1)>.", SCRIPT_TITLE,
                          "javascript:alert(1)", site="Evil")]
    _, html = parts(compose_digest(alerts, [DigestClaim("c", "Claim")], NOW))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert 'href="javascript' not in html


# -- delivering over SMTP -----------------------------------------------------------------

def test_digest_arrives_with_both_parts_grouped_and_escaped(tmp_path, store, smtp):
    server = smtp()
    config = digest_config(tmp_path, server.port)
    result = deliver_digest(config, store, now=NOW, environ={})
    assert result.status == "sent" and len(result.alert_ids) == 3

    (envelope,) = server.handler.envelopes
    assert envelope.mail_from == "monitor@example.org"
    assert envelope.rcpt_tos == ["ana@example.org", "ben@example.org"]
    (message,) = server.handler.messages()
    # The 90-minute claim went from open to contradicted; "discusses" alone changes no status.
    assert message["Subject"] == ("Follow-up Monitor digest 2025-02-20: 3 new alerts on 2 claims, "
                                  "1 status change")
    assert message["To"] == "ana@example.org, ben@example.org"
    assert message["Message-ID"].endswith("@example.org>")
    text, html = parts(message)

    # Grouped by claim: both alerts of the 90-minute claim under its one heading, contradiction first.
    assert text.count("== The Trump–Putin call lasted close to 90 minutes") == 1
    group = text.split("== ")[1]
    assert group.index("CONTRADICTS (confidence 83%)") < group.index("DISCUSSES (confidence 65%)")
    assert "Values: claimed 90 minutes / reported 2.5 hours -> disagrees" in group
    assert f"Example Times: {SCRIPT_TITLE} (2025-02-19)" in group
    assert "https://wire.example/a1" in group
    assert "said by Dmitry Peskov" in group

    # The HTML part: the hostile title arrives inert, links kept, no scripts or remote images.
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert "&lt;b&gt;widely&lt;/b&gt;" in html
    assert '<a href="https://wire.example/a1"' in html
    assert "<img" not in html and "<link" not in html
    assert html.index("close to 90 minutes") < html.index("prisoner exchange")

    (digest,) = store.digests()
    assert digest["status"] == "sent" and digest["alert_count"] == 3 and digest["sent_at"]
    assert unmailed(store) == 0
    (run,) = store.runs()
    assert run["kind"] == "digest" and run["status"] == "ok" and run["digest_id"] == digest["id"]


def test_nothing_new_sends_nothing_but_records_the_day(tmp_path, store, smtp):
    server = smtp()
    config = digest_config(tmp_path, server.port)
    deliver_digest(config, store, now=NOW, environ={})
    result = deliver_digest(config, store, now=NOW, environ={})
    assert result.status == "empty" and result.message is None
    assert len(server.handler.envelopes) == 1
    assert [d["status"] for d in store.digests()] == ["empty", "sent"]
    assert store.last_digest()["status"] == "empty"


def test_send_when_empty_sends_a_short_digest(tmp_path, smtp):
    server = smtp()
    config = digest_config(tmp_path, server.port, extra="send_when_empty = true")
    with Store(config.database_path) as empty_store:
        result = deliver_digest(config, empty_store, now=NOW, environ={})
    assert result.status == "sent"
    (message,) = server.handler.messages()
    assert message["Subject"] == "Follow-up Monitor digest 2025-02-20: nothing new"
    assert "No new follow-up coverage." in parts(message)[0]


def test_only_new_alerts_go_into_the_next_digest(tmp_path, store, smtp):
    server = smtp()
    config = digest_config(tmp_path, server.port)
    deliver_digest(config, store, now=NOW, environ={})
    article = add_article(store, "a3", "Kremlin confirms", site="Agency")
    add_alert(store, "call-lasted-90-minutes", article, "confirms", 0.9, "Peskov: about 90 minutes.")
    deliver_digest(config, store, now=NOW, environ={})
    first, second = server.handler.messages()
    text = parts(second)[0]
    assert "Peskov: about 90 minutes." in text and "two and a half hours" not in text
    assert "Since the previous digest of 20" in text and "Since the previous" not in parts(first)[0]
    # The reader was told "contradicted" last time; now the coverage goes both ways.
    assert "Status: contradicted -> DISPUTED (changed)" in text


def test_statuses_come_from_the_claim_status_rule_and_wrong_alerts_are_left_out(tmp_path, store, smtp):
    from monitor.status.alerts import review_alert

    review_alert(store, 3, "wrong")   # the "discussed widely" alert
    article = add_article(store, "a9", "Withdrawn", site="Wire")
    add_alert(store, "prisoner-exchange-discussed", article, "unrelated", 0.0, "Re-scoring withdrew this.")
    server = smtp()
    result = deliver_digest(digest_config(tmp_path, server.port), store, now=NOW, environ={})
    assert result.alert_ids == (1, 2)
    text = parts(server.handler.messages()[0])[0]
    assert "Status: open -> CONTRADICTED (changed)" in text
    assert "Status: open\r\n" in text        # only discussed: no status yet, nothing changed
    assert "widely" not in text and "Re-scoring withdrew" not in text
    assert [a["id"] for a in store.unmailed_alerts()] == []


def test_refused_connection_keeps_alerts_for_the_next_digest(tmp_path, store, smtp):
    closed = digest_config(tmp_path, free_port())
    with pytest.raises(DigestError, match=r"cannot connect to the SMTP server 127\.0\.0\.1:\d+ .*check \[email\] "
                                          r"smtp_host and smtp_port"):
        deliver_digest(closed, store, now=NOW, environ={})
    (digest,) = store.digests()
    assert digest["status"] == "failed" and "cannot connect" in digest["error"]
    assert digest["alert_ids"] == "[1, 2, 3]"
    assert unmailed(store) == 3
    assert store.runs()[0]["status"] == "failed"

    server = smtp()
    deliver_digest(digest_config(tmp_path, server.port), store, now=NOW, environ={})
    deliver_digest(digest_config(tmp_path, server.port), store, now=NOW, environ={})
    assert len(server.handler.envelopes) == 1
    assert "two and a half hours" in parts(server.handler.messages()[0])[0]


class RefuseBen(Inbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("ben@"):
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_a_refused_recipient_is_recorded_and_the_others_get_the_digest(tmp_path, store, smtp):
    server = smtp(RefuseBen())
    result = deliver_digest(digest_config(tmp_path, server.port), store, now=NOW, environ={})
    assert result.status == "sent" and result.refused == {"ben@example.org": "550 5.1.1 No such user"}
    assert server.handler.envelopes[0].rcpt_tos == ["ana@example.org"]
    (digest,) = store.digests()
    assert digest["status"] == "sent" and digest["error"] == "refused ben@example.org: 550 5.1.1 No such user"
    assert unmailed(store) == 0


def test_rejected_login_keeps_alerts_and_says_which_variables(tmp_path, store, smtp):
    logins = Logins("monitor", "right")
    server = smtp(authenticator=logins, auth_require_tls=False)
    config = digest_config(tmp_path, server.port)
    wrong = {"MONITOR_SMTP_USERNAME": "monitor", "MONITOR_SMTP_PASSWORD": "wrong"}
    with pytest.raises(DigestError, match=r"rejected the login \(535 .*\$MONITOR_SMTP_USERNAME and "
                                          r"\$MONITOR_SMTP_PASSWORD"):
        deliver_digest(config, store, now=NOW, environ=wrong)
    assert unmailed(store) == 3 and server.handler.envelopes == []

    right = {"MONITOR_SMTP_USERNAME": "monitor", "MONITOR_SMTP_PASSWORD": "right"}
    deliver_digest(config, store, now=NOW, environ=right)
    # smtplib tries each offered mechanism (PLAIN, LOGIN) before giving up on the wrong password.
    assert set(logins.attempts[:-1]) == {("monitor", "wrong")} and logins.attempts[-1] == ("monitor", "right")
    assert len(server.handler.envelopes) == 1 and unmailed(store) == 0


def test_connection_dropped_after_the_data_resends_the_same_message_once(tmp_path, store, smtp):
    # The server had the whole message when it hung up: it may have delivered it. The digest is
    # neither failed (its alerts would go out again in a new digest) nor sent: it is sent again
    # as the very same message, so a mail system that keeps one copy per Message-ID shows one.
    dropping = smtp(DropInData())
    with pytest.raises(DeliveryUnknown, match="it may have been delivered, so it is sent again as the same"):
        deliver_digest(digest_config(tmp_path, dropping.port), store, now=NOW, environ={})
    assert store.digests()[0]["status"] == "sending" and unmailed(store) == 0

    server = smtp()
    config = digest_config(tmp_path, server.port)
    resent = deliver_digest(config, store, now=NOW, environ={})
    assert resent.status == "resent" and resent.alert_ids == (1, 2, 3)
    assert deliver_digest(config, store, now=NOW, environ={}).status == "empty"
    assert len(server.handler.envelopes) == 1
    # The resend's run found nothing new besides (an empty day), and so did the next one.
    assert [d["status"] for d in store.digests()] == ["empty", "empty", "sent"]
    assert server.handler.messages()[0]["Message-ID"] == store.digests()[2]["message_id"]


def test_alerts_that_came_after_an_unconfirmed_digest_go_out_with_its_resend(tmp_path, store, smtp):
    dropping = smtp(DropInData())
    with pytest.raises(DeliveryUnknown):
        deliver_digest(digest_config(tmp_path, dropping.port), store, now=NOW, environ={})
    article = add_article(store, "a3", "Later news")
    later = add_alert(store, "prisoner-exchange-discussed", article, "confirms", 0.9, "A swap was agreed.")
    server = smtp()
    result = deliver_digest(digest_config(tmp_path, server.port), store, now=NOW, environ={})
    assert result.status == "sent" and result.alert_ids == (later,) and result.resent == (1,)
    assert len(server.handler.envelopes) == 2 and unmailed(store) == 0


def test_starttls_with_login(tmp_path, store, smtp, certificate):
    logins = Logins("user@example.org", "s3cret")
    server = smtp(tls_context=server_context(certificate), require_starttls=True, authenticator=logins)
    config = digest_config(tmp_path, server.port, security="starttls")
    environ = {"MONITOR_SMTP_USERNAME": "user@example.org", "MONITOR_SMTP_PASSWORD": "s3cret"}
    client_context = ssl.create_default_context(cafile=str(certificate[0]))
    deliver_digest(config, store, now=NOW, environ=environ, ssl_context=client_context)
    assert logins.attempts == [("user@example.org", "s3cret")]
    assert len(server.handler.envelopes) == 1


def test_implicit_tls_checks_the_certificate(tmp_path, store, smtp, certificate):
    server = smtp(ssl_context=server_context(certificate))
    config = digest_config(tmp_path, server.port, security="tls")
    # The system trust store does not know this self-signed certificate: refused, alerts kept.
    with pytest.raises(DigestError, match=r"TLS with 127\.0\.0\.1:\d+ failed .*CERTIFICATE_VERIFY_FAILED"):
        deliver_digest(config, store, now=NOW, environ={})
    assert unmailed(store) == 3
    trusted = ssl.create_default_context(cafile=str(certificate[0]))
    deliver_digest(config, store, now=NOW, environ={}, ssl_context=trusted)
    assert len(server.handler.envelopes) == 1 and unmailed(store) == 0


def test_a_password_without_a_user_is_refused_before_connecting(tmp_path, store):
    config = digest_config(tmp_path, free_port())
    with pytest.raises(DigestError, match=r"\$MONITOR_SMTP_USERNAME is not set"):
        send_message(EmailMessage(), config.email, environ={"MONITOR_SMTP_PASSWORD": "x"})


def test_no_recipients_is_a_config_error_not_a_failed_delivery(tmp_path, store):
    config = digest_config(tmp_path, free_port(), recipients=[])
    with pytest.raises(DigestError, match=r"set \[email\] recipients"):
        deliver_digest(config, store, now=NOW, environ={})
    assert store.digests() == [] and unmailed(store) == 3


def test_a_digest_interrupted_mid_send_is_released_and_sent_by_the_next_sender(tmp_path, store, smtp):
    # A sender that died after recording its digest as pending (kill -9, power cut).
    store.begin_digest(subject="lost", recipients=["ana@example.org"], alert_ids=[1, 2, 3])
    assert unmailed(store) == 0
    server = smtp()
    result = deliver_digest(digest_config(tmp_path, server.port), store, now=NOW, environ={})
    assert result.status == "sent" and result.alert_ids == (1, 2, 3)
    lost = store.digests()[-1]
    assert lost["status"] == "failed" and lost["error"].startswith("interrupted")


def test_claiming_alerts_is_all_or_nothing(store):
    from monitor.errors import StoreError

    first = store.begin_digest(subject="one", recipients=["a@example.org"], alert_ids=[1])
    with pytest.raises(StoreError, match="1 of the digest's alerts were taken by another digest"):
        store.begin_digest(subject="two", recipients=["a@example.org"], alert_ids=[1, 2])
    assert [d["id"] for d in store.digests()] == [first]                # the second left no row
    assert [a["id"] for a in store.unmailed_alerts()] == [2, 3]         # and claimed nothing


def test_a_second_sender_waits_its_turn(tmp_path, store, smtp):
    server = smtp()
    config = digest_config(tmp_path, server.port)
    lock = ProcessLock(digest_lock_path(config.database_path), "sending a digest")
    with lock:
        with pytest.raises(LockHeld, match=rf"sending a digest is already running .*process {os.getpid()}"):
            deliver_digest(config, store, now=NOW, environ={}, lock_wait=0.3)
    assert server.handler.envelopes == [] and unmailed(store) == 3
    # Released while the second one waits: it goes ahead.
    lock.acquire()
    threading.Timer(0.3, lock.release).start()
    assert deliver_digest(config, store, now=NOW, environ={}, lock_wait=10).status == "sent"


def test_dry_run_and_test_address_mark_nothing(tmp_path, store, smtp):
    server = smtp()
    config = digest_config(tmp_path, server.port)
    dry = deliver_digest(config, store, now=NOW, dry_run=True)
    assert dry.status == "dry-run" and len(dry.alert_ids) == 3
    test = deliver_digest(config, store, now=NOW, environ={}, test_recipient="me@example.org")
    assert test.status == "test-sent"
    (envelope,) = server.handler.envelopes
    assert envelope.rcpt_tos == ["me@example.org"]
    assert server.handler.messages()[0]["Subject"].startswith("[test] Follow-up Monitor digest")
    assert store.digests() == [] and unmailed(store) == 3


# -- the command -----------------------------------------------------------------------

def write_config(tmp_path: Path, port: int) -> Path:
    path = tmp_path / "config" / "monitor.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"""
[database]
path = "{tmp_path / 'monitor.db'}"
[email]
smtp_host = "127.0.0.1"
smtp_port = {port}
security = "none"
sender = "monitor@example.org"
recipients = ["ana@example.org"]
""")
    return path


def test_cli_dry_run_prints_the_text_part_and_marks_nothing(tmp_path, store, smtp):
    config_path = write_config(tmp_path, free_port())
    result = CliRunner().invoke(cli, ["-c", str(config_path), "digest", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Subject: Follow-up Monitor digest ")
    assert "To: ana@example.org\n" in result.output
    assert f"Example Times: {SCRIPT_TITLE}" in result.output
    assert "[an HTML alternative of " in result.output
    assert unmailed(store) == 3


def test_cli_eml_writes_a_parseable_message(tmp_path, store):
    config_path = write_config(tmp_path, free_port())
    eml = tmp_path / "digest.eml"
    result = CliRunner().invoke(cli, ["-c", str(config_path), "digest", "--eml", str(eml)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Wrote {eml}: Follow-up Monitor digest ")
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert "&lt;script&gt;" in parts(message)[1]
    assert unmailed(store) == 3


def test_cli_sends_then_says_nothing_new(tmp_path, store, smtp, monkeypatch):
    monkeypatch.delenv("MONITOR_SMTP_USERNAME", raising=False)
    monkeypatch.delenv("MONITOR_SMTP_PASSWORD", raising=False)
    server = smtp()
    config_path = write_config(tmp_path, server.port)
    first = CliRunner().invoke(cli, ["-c", str(config_path), "digest"])
    assert first.exit_code == 0, first.output
    assert first.output == "Sent digest #1 with 3 alerts to ana@example.org\n"
    second = CliRunner().invoke(cli, ["-c", str(config_path), "digest"])
    assert second.output == "Nothing new since the last digest; nothing sent.\n"
    assert len(server.handler.envelopes) == 1


def test_cli_failed_send_exits_1_with_the_reason(tmp_path, store):
    config_path = write_config(tmp_path, free_port())
    result = CliRunner().invoke(cli, ["-c", str(config_path), "digest"])
    assert result.exit_code == 1
    assert "Error: cannot connect to the SMTP server 127.0.0.1:" in result.output
    assert unmailed(store) == 3
