"""Fault soak: randomised rounds of kill -9 and hostile servers, then an audit (issue 15).

    python bench/faults.py [--rounds 200] [--seed 15] [--databases 3] [--checkpoint 50]

Each round picks one of ``--databases`` databases and runs a real ``monitor poll --force`` or
``monitor digest`` process against it, which is either left to finish or killed with SIGKILL
at a random moment (a poll) or at a chosen point of the SMTP conversation (a digest: while the
server holds the data unanswered, while it answers QUIT slowly, after it hung up without
answering the data, or at a random moment). Re-check runs inside every poll
(``recheck_hours = 0``).

What the polls meet, all on loopback:

* the demo archive's 37 articles (``monitor.demo``), released a few per round through a feed
  of their own, so alerts keep arriving and digests keep carrying new ones; the same articles
  are also linked from a UTF-16 feed without byte-order mark and from a feed with broken XML
  (feedparser's "undefined entity"), so every article is reached twice;
* a hostile feed that gains an entry per round, each a page that drips its headers, stalls,
  resets the connection, is a stacked gzip bomb, is binary, is windows-1251 declared UTF-8,
  or is a plain good article.

At every checkpoint (``--checkpoint`` rounds, and after the last round) each database is
drained — one ``monitor poll --force`` and one ``monitor digest`` left to finish, against a
well-behaved SMTP server — and audited:

* nothing lost: every released archive article is stored (``ok`` or ``duplicate``), every
  entry of every feed has its article row, every stored article was judged, and every
  (claim, verdict) that a clean reference database gets from one uninterrupted poll over the
  same articles is among the alerts (which of two syndicated copies carries an alert depends
  on which arrived first, so alerts are compared by what they say; differing counts are
  reported);
* nothing stored twice: one row per canonical URL (the schema's unique index), and no text
  stored twice as an ``ok`` article;
* nothing mailed twice: every alert is in exactly one sent digest, no alert is in two accepted
  messages with different Message-IDs, every sent digest reached the server, and nothing the
  server accepted is unknown to the database; identical copies (the same Message-ID accepted
  twice: the window SMTP leaves, see docs/operations.md) are counted, not hidden;
* ``PRAGMA integrity_check`` is ``ok`` and no run is left ``running``;
* no process that was left to finish took longer than ``HANG_SECONDS`` (a stuck fetch).

It prints one line per round and one per audit, and at the end the rounds survived: the rounds
before the first audit that failed (all of them when none did).

Measured 2026-12-02 on the shared 2-core machine (seed 15, 3 databases, 21 minutes): 200 of 200
rounds survived, every audit clean, 0 identical copies, no process hung. An earlier run (before
the digest sent the day's new alerts after a resend) failed its second audit: the alerts that
came after an unconfirmed digest waited for the next day's digest.
"""
from __future__ import annotations

import argparse
import asyncio
import email
import email.policy
import gzip
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "faults"))

from hostile import RawServer, http_response, reset, routes, serve_bytes, stall  # noqa: E402

from monitor.demo import demo_claims_file, serve_archive  # noqa: E402

HANG_SECONDS = 90        # a poll or digest left to finish must end within this
TIMEOUT = 1.0            # [fetch] timeout of the soak's databases: a request lasts at most 4 s
HOSTILE_KINDS = ("drip", "stall", "reset", "bomb", "binary", "cp1251", "good")
SMTP_MODES = ("normal", "normal", "hang-data", "hang-quit", "drop-data", "kill-anytime")


# -- the SMTP server --------------------------------------------------------------------------

class Mailbox:
    """aiosmtpd handler: keeps every message it accepted (answered 250); ``mode`` picks how the
    next conversation goes wrong, ``stuck`` is set when it stops answering."""

    def __init__(self) -> None:
        self.mode = "normal"
        self.accepted: list[email.message.EmailMessage] = []
        self.stuck = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's naming)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        if self.mode == "hang-data":
            self.stuck.set()
            await asyncio.sleep(3600)
        if self.mode == "drop-data":
            # The whole message arrived; a real server may deliver it and then lose the line.
            self.accepted.append(message)
            server.transport.close()
            return "250 never heard"
        self.accepted.append(message)
        return "250 Accepted"

    async def handle_QUIT(self, server, session, envelope):  # noqa: N802
        if self.mode == "hang-quit":
            self.stuck.set()
            await asyncio.sleep(3600)
        return "221 Bye"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- the sites --------------------------------------------------------------------------------

def stacked_bomb() -> bytes:
    body = gzip.compress(b"\0" * (64 << 20), 9)  # 64 MB of zeros, gzipped twice more
    return gzip.compress(gzip.compress(body, 9), 9)


def cp1251_article(n: int) -> bytes:
    paragraphs = "".join(f"<p>Сообщение {n}, абзац {i}: переговоры продолжились в среду, и стороны обсудили "
                         f"график на следующую неделю, сообщили источники.</p>" for i in range(6))
    return f"<html><head><title>Новость {n}</title></head><body><article>{paragraphs}</article></body></html>".encode(
        "cp1251")


def good_article(n: int) -> bytes:
    paragraphs = "".join(f"<p>Dispatch {n}, paragraph {i}: the harbour authority said the new pier would open "
                         f"after inspection number {n}, according to notes seen on day {i}.</p>" for i in range(6))
    return f"<html><head><title>Dispatch {n}</title></head><body><article>{paragraphs}</article></body></html>".encode()


class Sites:
    """The archive (pages) and a raw server with the soak's feeds and hostile pages."""

    def __init__(self, rng: random.Random):
        self.archive = serve_archive()
        self.pages = [self.archive.url(path) for path in self.archive.page_paths]
        rng.shuffle(self.pages)
        self.released = 0
        self.hostile: list[tuple[int, str]] = []   # (round, kind) of each entry of the hostile feed
        bomb = stacked_bomb()
        self.server = RawServer(lambda sock, server, path: self.route(path)(sock, server, path))
        self.bomb = http_response(bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip, gzip, gzip"})

    def route(self, path: str):
        table = {
            "/news.xml": serve_bytes(self.feed("Released news", self.pages[:self.released])),
            "/utf16.xml": serve_bytes(self.feed("Wide news", self.pages[:self.released], codec="utf-16-le",
                                                content_type="application/xml")),
            "/broken.xml": serve_bytes(self.feed("Broken news &nbsp;", self.pages[:self.released])),
            "/hostile.xml": serve_bytes(self.feed("Hostile news", [self.server.url(f"/h/{kind}/{n}")
                                                                   for n, kind in self.hostile])),
        }
        if path in table:
            return table[path]
        parts = path.split("/")
        if len(parts) != 4 or parts[1] != "h" or not parts[3].isdigit():
            return serve_bytes(http_response(b"not here", status="404 Not Found"))
        kind, n = parts[2], int(parts[3])
        if kind == "drip":
            return lambda sock, server, p: server.drip(sock, http_response(good_article(n)), every=0.5)
        if kind in ("stall", "reset"):
            return stall if kind == "stall" else reset
        if kind == "bomb":
            return serve_bytes(self.bomb)
        if kind == "binary":
            return serve_bytes(http_response(bytes(range(256)) * 64, headers={"Content-Type": "text/html"}))
        if kind == "cp1251":
            return serve_bytes(http_response(cp1251_article(n), headers={"Content-Type": "text/html; charset=utf-8"}))
        return serve_bytes(http_response(good_article(n), headers={"Content-Type": "text/html"}))

    @staticmethod
    def feed(title: str, links: list[str], codec: str = "utf-8", content_type: str = "application/rss+xml") -> bytes:
        items = "".join(f"<item><title>Item {n}</title><link>{link}</link><guid>{link}</guid></item>"
                        for n, link in enumerate(links))
        text = (f'<?xml version="1.0" encoding="{codec[:6]}"?><rss version="2.0"><channel><title>{title}</title>'
                f"<link>http://example.org/</link><description>soak</description>{items}</channel></rss>")
        return http_response(text.encode(codec), headers={"Content-Type": content_type})

    def feed_urls(self) -> list[str]:
        return [self.server.url(p) for p in ("/news.xml", "/utf16.xml", "/broken.xml", "/hostile.xml")]

    def close(self) -> None:
        self.server.close()
        self.archive.close()


# -- the databases ----------------------------------------------------------------------------

def write_config(folder: Path, feeds: list[str], smtp_port: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "claims.toml").write_bytes(demo_claims_file().read_bytes())
    entries = "".join(f'[[feeds]]\nname = "Feed {n}"\nurl = "{url}"\ninterval_minutes = 1\n'
                      for n, url in enumerate(feeds, start=1))
    config = folder / "monitor.toml"
    config.write_text(f"""
[database]
path = "monitor.db"
[fetch]
allow_private_addresses = ["127.0.0.0/8"]
timeout = {TIMEOUT}
max_page_bytes = 2000000
workers = 4
per_host_concurrency = 4
[verdicts]
claims_file = "claims.toml"
recheck_hours = 0
[email]
smtp_host = "127.0.0.1"
smtp_port = {smtp_port}
security = "none"
sender = "monitor@example.org"
recipients = ["desk@example.org"]
timezone = "UTC"
{entries}""")
    return config


@dataclass
class Outcome:
    command: str
    how: str
    seconds: float
    code: int | None
    hung: bool = False


def run_monitor(config: Path, command: str, kill_after: float | None = None,
                kill_when: threading.Event | None = None) -> Outcome:
    """``monitor <command>`` as its own process group; killed with SIGKILL as asked."""
    args = [sys.executable, "-m", "monitor", "-c", str(config), *command.split()]
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_SMTP_")}
    started = time.monotonic()
    process = subprocess.Popen(args, cwd=config.parent, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = started + (kill_after if kill_after is not None else HANG_SECONDS)
    how = "finished"
    while process.poll() is None:
        if kill_when is not None and kill_when.is_set():
            how = "killed at the SMTP stall"
            break
        if time.monotonic() > deadline:
            how = "killed at random" if kill_after is not None else "HUNG, killed"
            break
        time.sleep(0.02)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    return Outcome(command, how, time.monotonic() - started, process.returncode, hung=how.startswith("HUNG"))


# -- the audit --------------------------------------------------------------------------------

def claim_verdicts(db: Path) -> Counter:
    """How many alerts of each (claim, verdict) the database holds."""
    with sqlite3.connect(db) as conn:
        return Counter(conn.execute("select claim_id, verdict from alerts where verdict != 'unrelated'"))


def audit(db: Path, reference: Path, released: list[str], accepted: list[email.message.EmailMessage],
          all_message_ids: set[str]) -> tuple[list[str], Counter]:
    """The violations found in one drained database, and counts worth reporting."""
    from monitor.ingest.extract import canonicalize_url

    problems: list[str] = []
    counts: Counter = Counter()
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        if (check := conn.execute("pragma integrity_check").fetchone()[0]) != "ok":
            problems.append(f"integrity_check: {check}")
        running = conn.execute("select count(*) from runs where status = 'running'").fetchone()[0]
        if running:
            problems.append(f"{running} runs left running")
        stored = {row["canonical_url"]: row["status"] for row in conn.execute("select * from articles")}
        for url in released:
            if stored.get(canonicalize_url(url)) not in ("ok", "duplicate"):
                problems.append(f"lost article {url}: {stored.get(canonicalize_url(url))}")
        orphans = conn.execute("select count(*) from feed_entries where article_id is null").fetchone()[0]
        if orphans:
            problems.append(f"{orphans} feed entries without an article after the drain")
        unjudged = conn.execute("select count(*) from articles where status = 'ok' and judged_at is null").fetchone()[0]
        if unjudged:
            problems.append(f"{unjudged} stored articles never judged after the drain")
        twice = conn.execute("select count(*) from (select content_hash from articles where status = 'ok'"
                             " group by content_hash having count(*) > 1)").fetchone()[0]
        if twice:
            problems.append(f"{twice} texts stored twice as ok articles")
        # Which of two syndicated copies is the original depends on which arrived first, so the
        # alerts are compared by what they say (claim and verdict), not by article.
        mine, theirs = claim_verdicts(db), claim_verdicts(reference)
        if set(theirs) - set(mine):
            problems.append(f"lost alerts: the reference has {sorted(set(theirs) - set(mine))[:5]}")
        counts["alerts unlike the reference"] += sum(((mine - theirs) + (theirs - mine)).values())
        mailable = [row["id"] for row in conn.execute(
            "select id from alerts where verdict != 'unrelated' and coalesce(review, '') != 'wrong'")]
        digests = {row["id"]: dict(row) for row in conn.execute("select * from digests")}
        in_sent = Counter(i for d in digests.values() if d["status"] == "sent" for i in json.loads(d["alert_ids"]))
        for alert in mailable:
            if in_sent[alert] != 1:
                problems.append(f"alert {alert} is in {in_sent[alert]} sent digests")
        by_message_id = {d["message_id"]: d for d in digests.values() if d["message_id"]}
        copies = Counter(m["Message-ID"] for m in accepted if m["Message-ID"] in by_message_id)
        mailed_alerts: Counter = Counter()
        for message_id, times in copies.items():
            counts["identical copies"] += times - 1
            for alert in json.loads(by_message_id[message_id]["alert_ids"]):
                mailed_alerts[alert] += 1
        doubled = [a for a, n in mailed_alerts.items() if n > 1]
        if doubled:
            problems.append(f"alerts mailed in two different messages: {doubled[:5]}")
        for digest in digests.values():
            if digest["status"] == "sent" and digest["message_id"] and digest["message_id"] not in copies:
                problems.append(f"digest {digest['id']} is marked sent but the server never accepted it")
        counts["digests sent"] += sum(1 for d in digests.values() if d["status"] == "sent")
        counts["alerts"] += len(mailable)
        counts["articles"] += len(stored)
        all_message_ids.update(by_message_id)
    return problems, counts


def make_reference(folder: Path, sites: Sites, smtp_port: int) -> Path:
    """A clean database: one uninterrupted poll over the released archive articles only."""
    config = write_config(folder, [sites.server.url("/news.xml")], smtp_port)
    outcome = run_monitor(config, "poll --force")
    if outcome.hung or outcome.code != 0:
        raise SystemExit(f"the reference poll failed ({outcome})")
    return folder / "monitor.db"


# -- the soak ---------------------------------------------------------------------------------

@dataclass
class Soak:
    rounds: int
    seed: int
    databases: int
    checkpoint: int
    work: Path
    failures: list[str] = field(default_factory=list)

    def run(self) -> int:
        rng = random.Random(self.seed)
        sites = Sites(rng)
        mailbox = Mailbox()
        smtp_port = free_port()
        controller = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
        controller.start()
        configs = [write_config(self.work / f"db{n}", sites.feed_urls(), smtp_port) for n in range(self.databases)]
        survived, hung, kinds = 0, 0, Counter()
        try:
            for round_ in range(1, self.rounds + 1):
                if sites.released < len(sites.pages) and rng.random() < 0.3:
                    sites.released += 1
                sites.hostile.append((round_, rng.choice(HOSTILE_KINDS)))
                config = rng.choice(configs)
                outcome = self.round(rng, config, mailbox)
                hung += outcome.hung
                kinds[f"{outcome.command.split()[0]} {outcome.how}"] += 1
                print(f"round {round_:3d} {config.parent.name}: {outcome.command:<12} {outcome.how:<26} "
                      f"{outcome.seconds:5.1f} s", flush=True)
                if round_ % self.checkpoint == 0 or round_ == self.rounds:
                    mailbox.mode = "normal"
                    if self.check(round_, configs, sites, mailbox, smtp_port):
                        survived = round_
                    else:
                        break
        finally:
            controller.stop()
            sites.close()
        print(f"\n{survived} of {self.rounds} rounds survived (seed {self.seed}, {self.databases} databases); "
              f"processes that hung: {hung}")
        print("rounds: " + ", ".join(f"{kind}: {n}" for kind, n in sorted(kinds.items())))
        for failure in self.failures:
            print("FAILED: " + failure)
        return 0 if survived == self.rounds and not hung else 1

    def round(self, rng: random.Random, config: Path, mailbox: Mailbox) -> Outcome:
        if rng.random() < 0.6:
            kill = rng.uniform(0.3, 6.0) if rng.random() < 0.6 else None
            return run_monitor(config, "poll --force", kill_after=kill)
        mailbox.mode = rng.choice(SMTP_MODES)
        mailbox.stuck.clear()
        if mailbox.mode == "kill-anytime":
            mailbox.mode = "normal"
            outcome = run_monitor(config, "digest", kill_after=rng.uniform(0.2, 3.0))
            outcome.how += " (kill-anytime)"
            return outcome
        stuck = mailbox.stuck if mailbox.mode in ("hang-data", "hang-quit") else None
        outcome = run_monitor(config, "digest", kill_when=stuck)
        outcome.how += f" ({mailbox.mode})"
        mailbox.mode = "normal"
        return outcome

    def check(self, round_: int, configs: list[Path], sites: Sites, mailbox: Mailbox, smtp_port: int) -> bool:
        started = time.monotonic()
        reference = make_reference(self.work / f"reference-{round_}", sites, smtp_port)
        released = sites.pages[:sites.released]
        ok, totals, message_ids = True, Counter(), set()
        for config in configs:
            for command in ("poll --force", "digest"):
                outcome = run_monitor(config, command)
                if outcome.hung:
                    self.failures.append(f"round {round_}: drain `{command}` of {config.parent.name} hung")
                    ok = False
            problems, counts = audit(config.parent / "monitor.db", reference, released, mailbox.accepted,
                                     message_ids)
            totals.update(counts)
            for problem in problems:
                self.failures.append(f"round {round_}, {config.parent.name}: {problem}")
                ok = False
        stray = [m["Message-ID"] for m in mailbox.accepted if m["Message-ID"] not in message_ids
                 and "[test]" not in str(m["Subject"])]
        # The reference never sends mail; a message no database knows is one sent twice under a new id.
        if stray:
            self.failures.append(f"round {round_}: {len(stray)} accepted messages no digest row knows")
            ok = False
        print(f"audit after round {round_}: {'clean' if ok else 'FAILED'} — {sites.released} archive articles "
              f"released, {len(sites.hostile)} hostile entries, {dict(totals)}, "
              f"{len(mailbox.accepted)} messages accepted ({time.monotonic() - started:.0f} s)", flush=True)
        return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--databases", type=int, default=3)
    parser.add_argument("--checkpoint", type=int, default=50)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        raise SystemExit(Soak(args.rounds, args.seed, args.databases, args.checkpoint, args.keep).run())
    with tempfile.TemporaryDirectory(prefix="monitor-faults-") as work:
        raise SystemExit(Soak(args.rounds, args.seed, args.databases, args.checkpoint, Path(work)).run())


if __name__ == "__main__":
    main()
