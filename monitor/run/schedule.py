"""``monitor run``: the long-running scheduler (APScheduler 3.x ``BlockingScheduler``).

Two jobs:

* **poll tick** every ``[polling] tick_seconds`` (with a little jitter): asks the store which
  feeds are due — per-feed timing, backoff and Retry-After live in the ``feeds`` table, see
  ``feeds.py`` — and, when any is, runs the same ``pipeline.run_cycle`` as ``monitor poll``.
  A tick with nothing due costs one query and records nothing.
* **digest** daily at ``[email] digest_time`` in ``[email] timezone`` (``CronTrigger``), calling
  the same ``digest.deliver_digest`` as ``monitor digest``. A failed send is retried after
  15 minutes, then 30, 60… (at most 6 hours apart); the alerts wait in the store meanwhile.

Guarantees:

* One scheduler per database: ``<db>.lock`` is held with ``flock`` for the life of the
  process, so a second ``monitor run`` refuses to start, and a crashed one leaves no stale lock.
* SIGINT / SIGTERM ask the running poll to stop at the next article boundary (the article in
  hand is stored first); the run is recorded as ``interrupted`` and the process exits 0. The
  work left over is still in the database (pending entries, due feeds) for the next start.
* A digest missed while the process was down is sent once on start: the store knows when the
  last digest completed, and if that is before the latest ``digest_time`` it is due now.
* Logs: one JSON object per line on stderr (``ts``, ``level``, ``logger``, ``msg``, plus the
  ``event`` fields the jobs attach).
"""
from __future__ import annotations

import json
import logging
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from ..errors import ClaimsError, MonitorError, VerdictError
from ..locking import LockHeld, ProcessLock, run_lock_path
from ..status.digest import deliver_digest
from ..store import Store, open_store

if TYPE_CHECKING:
    from ..config import Config, EmailSettings

log = logging.getLogger(__name__)

DIGEST_MISFIRE_GRACE = 6 * 3600   # a digest up to 6 h late (suspended laptop) is still sent
DIGEST_RETRY_FIRST = timedelta(minutes=15)
DIGEST_RETRY_MAX = timedelta(hours=6)
JITTER_SHARE = 0.1                # poll ticks start up to 10 % of a tick late, so hosts are not hit in lockstep

JudgeFactory = Callable[["Config", Store], Any]


class StopRequested(KeyboardInterrupt):
    """Raised at an article boundary once SIGINT/SIGTERM arrived.

    A ``KeyboardInterrupt`` so that ``run_cycle`` records its run as ``interrupted`` and lets
    its transactions roll back or finish exactly as for Ctrl-C.
    """


# -- when is the digest due ----------------------------------------------------------------

def digest_slot(settings: "EmailSettings", now: datetime) -> datetime:
    """The latest scheduled digest time at or before ``now`` (aware, in the digest's time zone)."""
    zone = ZoneInfo(settings.timezone)
    local = now.astimezone(zone)
    hour, minute = (int(part) for part in settings.digest_time.split(":"))

    def at(day: date) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=zone)

    slot = at(local.date())
    return slot if slot <= local else at(local.date() - timedelta(days=1))


def digest_missed(store: Store, settings: "EmailSettings", now: datetime) -> datetime | None:
    """The digest slot that has passed with no completed digest since, or None if none was missed."""
    slot = digest_slot(settings, now)
    last = store.last_digest()
    if last is not None and datetime.fromisoformat(last["created_at"]) >= slot:
        return None
    return slot


# -- logging ---------------------------------------------------------------------------------

_RECORD_FIELDS = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per record: ts, level, logger, msg, the ``extra`` fields, and exc if any."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _RECORD_FIELDS and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def use_json_logs(level: int = logging.INFO) -> None:
    """Send every log record to stderr as a JSON line (what ``monitor run`` does)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLinesFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # APScheduler logs every job start and finish at INFO, httpx every request: at INFO that is
    # noise around the events; -vv shows it all.
    quiet = logging.DEBUG if level <= logging.DEBUG else logging.WARNING
    for name in ("apscheduler", "httpx", "httpcore"):
        logging.getLogger(name).setLevel(quiet)
    if level > logging.DEBUG:
        logging.getLogger("apscheduler.scheduler").addFilter(_expected_skips)


def _expected_skips(record: logging.LogRecord) -> bool:
    # With max_instances=1 a tick that comes while a long cycle runs is skipped on purpose;
    # APScheduler warns about it each time.
    return "maximum number of running instances reached" not in record.getMessage()


# -- the scheduler -------------------------------------------------------------------------

def _default_judge(config: "Config", store: Store) -> Any:
    from .judging import build_judge

    return build_judge(config, store)


class Scheduler:
    """The jobs of ``monitor run`` around one ``BlockingScheduler``; ``run()`` blocks until stopped."""

    def __init__(self, config: "Config", *, judge_factory: JudgeFactory | None = _default_judge):
        self.config = config
        self.judge_factory = judge_factory
        self.stop_requested = threading.Event()
        self.scheduler = BlockingScheduler(
            executors={"default": ThreadPoolExecutor(2)},   # a poll and a digest may overlap
            job_defaults={"coalesce": True, "max_instances": 1},
            timezone=timezone.utc,
        )
        self._busy = threading.Condition()
        self._started_or_skipped = threading.Event()   # set once start() returned or was skipped
        self._active = 0
        self._digest_failures = 0
        self.digest_retry_at: datetime | None = None   # when a failed digest is tried again
        self._poll_store: Store | None = None
        self._first_tick = True
        self._judge: Any = None
        self._judge_loaded = False
        self._claims_stamp: int | None = None

    # -- lifecycle -----------------------------------------------------------------------

    def run(self, *, handle_signals: bool = True) -> None:
        """Set up the jobs, run until SIGINT/SIGTERM (or ``stop()``), wait for the job in hand."""
        config = self.config
        if handle_signals:
            signal.signal(signal.SIGTERM, self._on_signal)
            signal.signal(signal.SIGINT, self._on_signal)
        self._poll_store = open_store(config)
        try:
            self._poll_store.sync_feeds(config.feeds)
            self._load_judge()
            now = datetime.now(timezone.utc)
            self._add_jobs(now)
            log.info("scheduler started: %d feeds, tick every %g s, digest daily at %s %s",
                     len(config.feeds), config.polling.tick_seconds, config.email.digest_time,
                     config.email.timezone,
                     extra={"event": "scheduler_started", "feeds": len(config.feeds),
                            "tick_seconds": config.polling.tick_seconds, "database": str(config.database_path),
                            "next_digest": _next_run(self.scheduler.get_job("digest"), now)})
            self._catch_up_digest(now)
            if not self.stop_requested.is_set():
                self.scheduler.start()
            self._started_or_skipped.set()
            self._wait_idle()
            log.info("scheduler stopped", extra={"event": "scheduler_stopped"})
        finally:
            self._poll_store.close()

    def stop(self) -> None:
        """Ask for a clean stop: no new jobs; the running poll ends at the next article boundary."""
        if self.stop_requested.is_set():
            return
        self.stop_requested.set()
        # shutdown() takes the scheduler's locks, so it is never called from a signal handler;
        # a thread does it, waiting first if the signal came just before start().
        threading.Thread(target=self._shutdown_when_running, daemon=True).start()

    def _shutdown_when_running(self) -> None:
        while not self.scheduler.running:
            if self._started_or_skipped.wait(0.05):
                if not self.scheduler.running:
                    return
        self.scheduler.shutdown(wait=False)

    def _load_judge(self) -> None:
        """Build the judge: at the start, again when the claims file changed, and at every poll
        while it cannot be built (a broken claims file or stance model).

        Like ``monitor poll``, a broken claims file or model does not stop the monitoring: feeds
        roll items off, so articles are stored now and judged by the first poll after the fix.
        """
        if self.judge_factory is None or self._poll_store is None:
            return
        stamp = _mtime(self.config.verdicts.claims_file)
        if self._judge_loaded and stamp == self._claims_stamp:
            return
        try:
            judge = self.judge_factory(self.config, self._poll_store)
        except (ClaimsError, VerdictError) as exc:
            if self._judge_loaded:
                # A half-done edit: keep judging with the claims loaded before, until the next edit.
                self._claims_stamp = stamp
                log.error("cannot reload the claims (%s); still judging with the claims loaded before", exc,
                          extra={"event": "claims_reload_failed"})
            else:
                log.error("no verdicts: %s; new articles are stored and judged by the first poll after "
                          "this is fixed", exc, extra={"event": "judge_unavailable"})
            return
        if self._judge_loaded:
            log.info("%s changed: claims reloaded", self.config.verdicts.claims_file,
                     extra={"event": "claims_reloaded"})
        self._judge, self._judge_loaded, self._claims_stamp = judge, True, stamp

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        # Only flags and a thread here: logging and the scheduler take locks that the
        # interrupted main thread might hold.
        name = signal.Signals(signum).name
        repeated = self.stop_requested.is_set()
        self.stop_requested.set()
        threading.Thread(target=self._stop_after_signal, args=(name, repeated), daemon=True).start()

    def _stop_after_signal(self, name: str, repeated: bool) -> None:
        if repeated:
            log.warning("%s again: the job in hand is still finishing; send SIGKILL to abandon it "
                        "(nothing is lost: unfinished work is redone on the next start)", name,
                        extra={"event": "signal_repeated", "signal": name})
            return
        log.info("%s received: finishing the article in hand, then stopping", name,
                 extra={"event": "stop_requested", "signal": name})
        self._shutdown_when_running()

    def _add_jobs(self, now: datetime) -> None:
        tick = float(self.config.polling.tick_seconds)
        self.scheduler.add_job(
            self.poll_tick, IntervalTrigger(seconds=tick, jitter=tick * JITTER_SHARE, timezone=timezone.utc),
            id="poll", name="poll tick", next_run_time=now, misfire_grace_time=max(1, int(tick)))
        email = self.config.email
        hour, minute = (int(part) for part in email.digest_time.split(":"))
        self.scheduler.add_job(
            self.digest_job, CronTrigger(hour=hour, minute=minute, timezone=ZoneInfo(email.timezone)),
            id="digest", name="daily digest", misfire_grace_time=DIGEST_MISFIRE_GRACE)

    def _catch_up_digest(self, now: datetime) -> None:
        missed = digest_missed(self._poll_store, self.config.email, now) if self._poll_store else None
        if missed is not None:
            log.info("no digest has gone out since the one due at %s; sending it now",
                     missed.isoformat(), extra={"event": "digest_missed", "slot": missed.isoformat()})
            self.scheduler.add_job(self.digest_job, DateTrigger(now), id="digest-catch-up",
                                   name="missed digest", misfire_grace_time=None)

    @contextmanager
    def _job(self) -> Iterator[None]:
        with self._busy:
            self._active += 1
        try:
            yield
        finally:
            with self._busy:
                self._active -= 1
                self._busy.notify_all()

    def _wait_idle(self) -> None:
        with self._busy:
            self._busy.wait_for(lambda: self._active == 0)

    def _checkpoint(self, stage: str, done: int, total: int) -> None:
        """``run_cycle``'s progress callback: called after each feed and each stored article."""
        if self.stop_requested.is_set():
            raise StopRequested(f"stop requested after {done} of {total} {stage}")

    # -- jobs ----------------------------------------------------------------------------

    def poll_tick(self) -> None:
        """Run a poll cycle if any feed is due; nothing (and no run row) otherwise."""
        from .pipeline import run_cycle

        with self._job():
            # Checked inside _job(): once stop() is waiting for jobs, no job starts using the store.
            if self.stop_requested.is_set() or self._poll_store is None:
                return
            store = self._poll_store
            due = store.due_feeds()
            # The first tick after a start always runs a cycle, due feeds or not: it finishes
            # what a stopped or crashed process left (pending entries, unjudged articles).
            first, self._first_tick = self._first_tick, False
            if not due and not first:
                log.debug("no feed is due", extra={"event": "poll_idle"})
                return
            log.info("polling %d due feeds%s", len(due), " and finishing earlier work" if first else "",
                     extra={"event": "poll_started", "feeds": [feed["name"] for feed in due]})
            try:
                # claims.toml is edited by people while this runs (review, new claims).
                self._load_judge()
                summary = run_cycle(self.config, store, judge=self._judge, progress=self._checkpoint)
            except KeyboardInterrupt as stop:   # StopRequested, from _checkpoint
                log.info("poll interrupted (%s); the rest is done on the next start", stop,
                         extra={"event": "poll_interrupted", "run": _last_run_id(store, "poll")})
                return
            except MonitorError as exc:
                log.error("poll cycle failed: %s", exc, extra={"event": "poll_failed"})
                return
            except Exception:
                # A bug in one cycle must not end the scheduler; the next tick tries again.
                log.exception("poll cycle crashed", extra={"event": "poll_crashed"})
                return
            counts = {k: v for k, v in summary.counts().items() if k != "errors"}
            log.info("poll done: %s", summary.line(),
                     extra={"event": "poll_done", "run": _last_run_id(store, "poll"), **counts,
                            "errors": len(summary.errors)})

    def digest_job(self) -> None:
        """Deliver the digest; on failure, try again later with a growing delay."""
        with self._job():
            if self.stop_requested.is_set():
                return
            self._deliver()

    def _deliver(self) -> None:
        with open_store(self.config) as store:
            try:
                result = deliver_digest(self.config, store)
            except LockHeld as exc:
                log.warning("digest skipped: %s", exc, extra={"event": "digest_skipped"})
                return
            except MonitorError as exc:
                self._digest_failures += 1
                delay = min(DIGEST_RETRY_FIRST * 2 ** (self._digest_failures - 1), DIGEST_RETRY_MAX)
                retry_at = self.digest_retry_at = datetime.now(timezone.utc) + delay
                log.error("digest failed: %s; retrying at %s", exc, retry_at.isoformat(timespec="seconds"),
                          extra={"event": "digest_retry_scheduled", "retry_at": retry_at.isoformat(),
                                 "failures": self._digest_failures})
                if not self.stop_requested.is_set():
                    self.scheduler.add_job(self.digest_job, DateTrigger(retry_at), id="digest-retry",
                                           name="digest retry", replace_existing=True,
                                           misfire_grace_time=None)
                return
            except Exception:
                log.exception("digest crashed", extra={"event": "digest_crashed"})
                return
            self._digest_failures = 0
            self.digest_retry_at = None
            log.info("digest done: %s", result.status,
                     extra={"event": "digest_done", "status": result.status, "digest_id": result.digest_id,
                            "alerts": len(result.alert_ids)})


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def _next_run(job: Any, now: datetime) -> str | None:
    if job is None:
        return None
    upcoming = job.trigger.get_next_fire_time(None, now)
    return upcoming.isoformat() if upcoming else None


def _last_run_id(store: Store, kind: str) -> int | None:
    return next((run["id"] for run in store.runs(limit=10) if run["kind"] == kind), None)


def run_scheduler(config: "Config", *, judge_factory: JudgeFactory | None = _default_judge) -> None:
    """``monitor run``: hold the database's run lock and schedule until SIGINT/SIGTERM.

    Raises ``LockHeld`` (a ``MonitorError``) when another ``monitor run`` uses the database.
    """
    with ProcessLock(run_lock_path(config.database_path), "`monitor run`"):
        Scheduler(config, judge_factory=judge_factory).run()
