"""One poll cycle: due feeds → entries → article pages → extracted articles → verdicts.

``run_cycle`` is what ``monitor poll`` and the scheduler both call. Its to-do lists are read
from the database, never kept in memory between steps, which is what makes a cycle safe to
interrupt and rerun:

1. ``store.sync_feeds`` mirrors the config; the due feeds (all with ``force``) are fetched in a
   thread pool of ``[fetch] workers`` (the ``Fetcher`` enforces the per-host limit); each
   feed's entries are recorded, with its new ETag, in one transaction (``poll.record_feed_poll``).
2. ``store.pending_entries()`` — entries with no article yet, or whose article failed fewer than
   ``MAX_ATTEMPTS`` times — are grouped by canonical URL. A URL already stored is only linked
   (a duplicate, no fetch). Every other URL is fetched once (threads) and extracted with
   trafilatura in a process pool (extraction is CPU-bound and would otherwise hold the GIL
   the fetch threads need). An extracted article whose declared canonical URL or content hash
   matches a stored one — a syndicated copy — is stored as ``duplicate`` of it; the rest as
   ``ok``. A page whose text adds almost nothing to a stored article (a copy with a credit
   line or dateline of its own; see ``NEAR_DUPLICATE_NEW``) is a duplicate too. Each article is
   saved, with its entry links, in its own transaction.
3. With a ``judge``, every ``ok`` article not judged yet gets its verdicts
   (``store.save_verdicts``), so verdicts lost to a crash are made on the next cycle.

A failing feed or article is recorded with its error and never stops the cycle; the run and
its counts go to the ``runs`` table.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import (
    FIRST_COMPLETED,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    as_completed,
    wait,
)
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..errors import ExtractionError, FetchError, MonitorError
from ..ingest.extract import ExtractedArticle, extract_article
from ..ingest.feeds import FeedFetch, canonical_url, fetch_feed
from ..ingest.fetch import Fetcher, FetchResult
from ..locking import ProcessLock
from .poll import backfill_sources, record_feed_poll
from .recheck import SupportsJudge, recheck_articles
from .judging import record_verdicts
from .storing import ArticleSaver

if TYPE_CHECKING:
    from ..config import Config
    from ..store import Store

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3  # an article that failed this often is left failed (see `monitor articles --status failed`)
# Pages fetched but not yet stored, per fetch worker / extraction process: enough to keep both
# pools busy, few enough that 2,000 pending pages are not all held in memory at once.
IN_FLIGHT_PER_WORKER = 4

Progress = Callable[[str, int, int], None]  # (stage "feeds" | "articles" | "verdicts", done, total)


@dataclass
class CycleSummary:
    feeds_polled: int = 0  # feeds attempted, whatever the outcome
    feeds_not_modified: int = 0
    feeds_failed: int = 0
    articles_new: int = 0
    articles_duplicate: int = 0
    articles_failed: int = 0
    alerts_new: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    extraction_seconds: float = 0.0  # CPU time spent in trafilatura, summed over processes

    @property
    def nothing_polled(self) -> bool:
        """True when there were feeds to poll and every one of them failed."""
        return self.feeds_polled > 0 and self.feeds_failed == self.feeds_polled

    def line(self) -> str:
        """The one-line summary ``monitor poll`` prints."""
        return (f"Polled {self.feeds_polled} feed{'' if self.feeds_polled == 1 else 's'} "
                f"({self.feeds_not_modified} not modified, {self.feeds_failed} failed) · "
                f"articles: {self.articles_new} new, {self.articles_duplicate} duplicate, "
                f"{self.articles_failed} failed · alerts: {self.alerts_new} new · {self.seconds:.1f} s")

    def counts(self) -> dict[str, Any]:
        return {"feeds_polled": self.feeds_polled, "feeds_not_modified": self.feeds_not_modified,
                "feeds_failed": self.feeds_failed, "articles_new": self.articles_new,
                "articles_duplicate": self.articles_duplicate, "articles_failed": self.articles_failed,
                "alerts_new": self.alerts_new, "errors": self.errors, "seconds": round(self.seconds, 3)}


@dataclass
class _ArticleJob:
    """One canonical URL to fetch, with every pending entry that links to it."""

    canonical_url: str
    entries: list[dict[str, Any]]

    @property
    def first(self) -> dict[str, Any]:
        return self.entries[0]

    @property
    def url(self) -> str:
        return str(self.first["url"])

    @property
    def entry_ids(self) -> list[int]:
        return [e["id"] for e in self.entries]

    def where(self) -> str:
        return f"article {self.url} (feed {self.first['feed_name']})"


Extracted = tuple[ExtractedArticle, float]  # an article and the CPU seconds its extraction took


def _timed_extract(content: bytes, url: str, encoding: str | None, content_type: str) -> Extracted:
    """Extraction as it runs in a worker process; also returns the CPU seconds it took."""
    started = time.process_time()
    article = extract_article(content, url, encoding, content_type=content_type or "text/html")
    return article, time.process_time() - started


def _exit_with(poll_pid: int) -> None:
    """Extraction worker initializer: exit when the poll process is gone.

    The workers are children of multiprocessing's fork server, not of the poll process, and
    they hold both ends of their task pipe, so a poll killed with SIGKILL (or by the OOM
    killer) would otherwise leave them waiting for work forever.
    """
    def watch() -> None:
        while True:
            time.sleep(1)
            try:
                os.kill(poll_pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # the pid now belongs to someone else's process: ours is gone
                os._exit(1)

    threading.Thread(target=watch, name="watch-poll-process", daemon=True).start()
    # Ctrl-C reaches the whole process group; the poll process decides when to stop (after
    # the article in hand, see schedule.py), so a worker must not die mid-extraction.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def process_pool(workers: int) -> ProcessPoolExecutor:
    """Extraction processes (also the back-fill's local workers), started warm and gone with this process."""
    # forkserver, not fork: the fetch threads are running when workers start, and forking a
    # process with threads can copy a lock some thread holds. The server imports the
    # extractor once, so each worker starts warm — and this module too (it holds the workers'
    # initializer): a worker importing it at start-up took seconds, and a Ctrl-C in that window
    # printed an import traceback.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["monitor.ingest.extract", "monitor.run.pipeline"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_exit_with,
                               initargs=(os.getpid(),))


class _Cycle:
    """The state of one run of ``run_cycle``; all database writes happen on the calling thread."""

    def __init__(self, config: "Config", store: "Store", fetcher: Fetcher, summary: CycleSummary,
                 progress: Progress | None, extract_workers: int):
        self.config, self.store, self.fetcher, self.summary = config, store, fetcher, summary
        self.progress = progress or (lambda stage, done, total: None)
        self.extract_workers = extract_workers
        self.saver = ArticleSaver(store)  # copies and independent sources (storing.py)

    def error(self, message: str) -> None:
        self.summary.errors.append(message)

    # -- feeds ---------------------------------------------------------------------------

    def poll_feeds(self, force: bool) -> None:
        self.store.sync_feeds(self.config.feeds)
        due = self.store.due_feeds(force=force)
        self.progress("feeds", 0, len(due))
        if not due:
            log.info("no feed is due")
            return
        pool = ThreadPoolExecutor(self.config.fetch.workers, thread_name_prefix="feed")
        try:
            futures = {pool.submit(fetch_feed, self.fetcher, feed): feed for feed in due}
            for done, future in enumerate(as_completed(futures), start=1):
                feed = futures[future]
                try:
                    fetched = future.result()
                except Exception as exc:  # a bug, not a bad feed: record it and go on with the others
                    log.exception("feed %s %s: unexpected error", feed["name"], feed["url"])
                    fetched = FeedFetch(feed, "failed", error=f"unexpected error: {type(exc).__name__}: {exc}")
                result = record_feed_poll(self.store, fetched, self.config.polling)
                self.summary.feeds_polled += 1
                if result.status == "not_modified":
                    self.summary.feeds_not_modified += 1
                elif result.status == "failed":
                    self.summary.feeds_failed += 1
                    self.error(f"feed {feed['name']} {feed['url']}: {result.error}")
                self.progress("feeds", done, len(due))
        finally:
            # On an interruption (the progress callback may raise to stop), feeds not started
            # yet are dropped; they are still due next time.
            pool.shutdown(wait=True, cancel_futures=True)

    # -- articles ------------------------------------------------------------------------

    def plan_articles(self) -> list[_ArticleJob]:
        """Group pending entries by canonical URL; link those whose article is already stored."""
        groups: dict[str, list[dict[str, Any]]] = {}
        for entry in self.store.pending_entries(MAX_ATTEMPTS):
            canonical = entry["canonical_url"] or canonical_url(entry["url"])
            if entry["canonical_url"] is None:
                self.store.set_entry_canonical_url(entry["id"], canonical)
            groups.setdefault(canonical, []).append(entry)
        jobs = []
        for canonical, entries in groups.items():
            stored = self.store.article_by_canonical_url(canonical)
            if stored is not None and stored["status"] != "failed":
                self.store.link_entries([e["id"] for e in entries], stored["id"])
                self.summary.articles_duplicate += len(entries)
                for entry in entries:
                    log.info("article %s (feed %s): already stored as article %s", entry["url"],
                             entry["feed_name"], stored["id"])
                continue
            jobs.append(_ArticleJob(canonical, entries))
        return jobs

    def fetch_and_extract(self, jobs: list[_ArticleJob]) -> None:
        """Fetch each job's page in threads, extract in processes, store each as it completes."""
        total, done = len(jobs), 0
        self.progress("articles", 0, total)
        if not jobs:
            return
        # A pool costs a process start; for a page or two, extracting here is cheaper.
        processes = process_pool(self.extract_workers) if self.extract_workers > 0 and total > 1 else None
        threads = ThreadPoolExecutor(self.config.fetch.workers, thread_name_prefix="page")
        limit = IN_FLIGHT_PER_WORKER * max(self.config.fetch.workers, self.extract_workers, 1)
        waiting = deque(jobs)
        fetching: dict[Future[FetchResult], _ArticleJob] = {}
        extracting: dict[Future[Extracted], tuple[_ArticleJob, FetchResult]] = {}
        try:
            while waiting or fetching or extracting:
                while waiting and len(fetching) + len(extracting) < limit:
                    job = waiting.popleft()
                    fetching[threads.submit(self.fetcher.get, job.url, kind="page")] = job
                pending: list[Future[Any]] = [*fetching, *extracting]
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    if future in fetching:
                        job = fetching.pop(future)
                        fetched = self._fetched(future, job)
                        if fetched is None:
                            done += 1
                        elif processes is not None:
                            try:
                                extracting[processes.submit(_timed_extract, fetched.content, fetched.final_url,
                                                            fetched.encoding, fetched.content_type)] = (job, fetched)
                            except BrokenProcessPool:
                                _give_up(processes)
                                processes = None
                                self._extracted(_run_here(fetched), job, fetched)
                                done += 1
                        else:
                            self._extracted(_run_here(fetched), job, fetched)
                            done += 1
                    else:
                        job, fetched = extracting.pop(future)
                        if isinstance(future.exception(), BrokenProcessPool):
                            if processes is not None:
                                _give_up(processes)
                                processes = None
                            future = _run_here(fetched)
                        self._extracted(future, job, fetched)
                        done += 1
                    self.progress("articles", done, total)
        finally:
            threads.shutdown(wait=True, cancel_futures=True)
            if processes is not None:
                processes.shutdown(wait=True, cancel_futures=True)

    def _fetched(self, future: Future[FetchResult], job: _ArticleJob) -> FetchResult | None:
        try:
            return future.result()
        except FetchError as exc:
            self._failed(job, str(exc), exc.status)
        except Exception as exc:  # a bug in fetching one page must not end the cycle
            log.exception("%s: unexpected error while fetching", job.where())
            self._failed(job, f"unexpected error: {type(exc).__name__}: {exc}", None)
        return None

    def _extracted(self, future: Future[Extracted], job: _ArticleJob, fetched: FetchResult) -> None:
        try:
            article, cpu_seconds = future.result()
        except ExtractionError as exc:
            self._failed(job, str(exc), fetched.status)
            return
        except Exception as exc:
            log.exception("%s: unexpected error while extracting", job.where())
            self._failed(job, f"unexpected error: {type(exc).__name__}: {exc}", fetched.status)
            return
        self.summary.extraction_seconds += cpu_seconds
        self._store(job, fetched, article)

    def _failed(self, job: _ArticleJob, error: str, http_status: int | None) -> None:
        entry = job.first
        _, attempts = self.store.record_article_failure(
            canonical_url=job.canonical_url, url=job.url, feed_id=entry["feed_id"], guid=entry["guid"],
            error=error, http_status=http_status, title=entry["title"], published_at=entry["published_at"],
            entry_ids=job.entry_ids)
        self.summary.articles_failed += 1
        self.error(f"{job.where()}: {error}")
        retry = "will be retried" if attempts < MAX_ATTEMPTS else "giving up"
        log.warning("%s: failed (attempt %s of %s, %s): %s", job.where(), attempts, MAX_ATTEMPTS, retry, error)

    def _store(self, job: _ArticleJob, fetched: FetchResult, article: ExtractedArticle) -> None:
        entry = job.first
        saved = self.saver.save(
            article, canonical=job.canonical_url, page_url=fetched.final_url, feed_id=entry["feed_id"],
            guid=entry["guid"], title=article.title or entry["title"], author=article.author, site=article.site,
            published_at=article.published_at or entry["published_at"], language=article.language,
            content_hash=article.content_hash, http_status=fetched.status, etag=fetched.etag,
            last_modified=fetched.last_modified, entry_ids=job.entry_ids)
        if saved.copy_of is not None:
            self.summary.articles_duplicate += len(job.entries)
            log.info("%s: copy of article %s %s (%s); stored as duplicate %s", job.where(), saved.copy_of["id"],
                     saved.copy_of["canonical_url"], saved.why, saved.article_id)
            return
        self.summary.articles_new += 1
        self.summary.articles_duplicate += len(job.entries) - 1
        log.info("%s: stored as article %s (%s characters)", job.where(), saved.article_id, len(article.text))

    # -- verdicts ------------------------------------------------------------------------

    def judge_articles(self, judge: SupportsJudge) -> None:
        articles = self.store.unjudged_articles()
        for done, article in enumerate(articles):
            # A progress point between articles is also where `monitor run` can stop cleanly.
            self.progress("verdicts", done, len(articles))
            try:
                verdicts = judge.judge(article["title"] or "", article["text"] or "", article["published_at"])
                saved = record_verdicts(self.store, article["id"], verdicts)
            except Exception as exc:  # one article the judge cannot handle must not end the cycle
                self.error(f"verdicts for article {article['id']} {article['url']}: {exc}")
                if isinstance(exc, MonitorError):
                    log.error("verdicts for article %s %s failed: %s", article["id"], article["url"], exc)
                else:
                    log.exception("verdicts for article %s %s failed", article["id"], article["url"])
                continue  # left unjudged: the next cycle tries again
            new = saved if isinstance(saved, int) else len(verdicts)
            self.summary.alerts_new += new
            if new:
                log.info("article %s %s: %s new alerts", article["id"], article["url"], new)
        if articles:
            self.progress("verdicts", len(articles), len(articles))


def _give_up(processes: ProcessPoolExecutor) -> None:
    # A worker died (out of memory, killed): the pool is unusable; finish this cycle in-process.
    log.error("an extraction process died; extracting the remaining pages in the main process")
    processes.shutdown(wait=False, cancel_futures=True)


def _run_here(fetched: FetchResult) -> Future[Extracted]:
    """Extract in this process, wrapped in a finished future so both paths are handled alike."""
    future: Future[Extracted] = Future()
    try:
        future.set_result(_timed_extract(fetched.content, fetched.final_url, fetched.encoding,
                                         fetched.content_type))
    except Exception as exc:
        future.set_exception(exc)
    return future


def poll_lock_path(database_path: Path) -> Path:
    """The lock a poll cycle holds: one cycle at a time per database (`monitor poll`, `monitor run`)."""
    return database_path.with_name(database_path.name + ".poll.lock")


def run_cycle(config: "Config", store: "Store", *, judge: SupportsJudge | None = None, force: bool = False,
              progress: Progress | None = None, fetcher: Fetcher | None = None,
              extract_workers: int | None = None) -> CycleSummary:
    """Run one poll cycle (see the module docstring) and return its counts.

    ``force`` polls every configured feed, due or not. ``extract_workers`` is the number of
    extraction processes (default: one per CPU; 0 extracts in this process). Raises only for
    errors that concern the whole cycle: ``StoreError``, and ``LockHeld`` when another cycle
    is running on the same database (two would fetch the same pages and race to store them).
    Feeds and articles that fail are counted in the summary and recorded.
    """
    with ProcessLock(poll_lock_path(store.path), "a poll cycle"):
        return _run_cycle(config, store, judge, force, progress, fetcher, extract_workers)


def _run_cycle(config: "Config", store: "Store", judge: SupportsJudge | None, force: bool,
               progress: Progress | None, fetcher: Fetcher | None, extract_workers: int | None) -> CycleSummary:
    started = time.monotonic()
    summary = CycleSummary()
    workers = (os.cpu_count() or 1) if extract_workers is None else extract_workers
    # run_cycle holds the poll lock: a poll run still "running" belongs to a process that is gone.
    store.close_abandoned_runs("poll")
    run_id = store.start_run("poll")
    status = "failed"
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(config.fetch)
    try:
        backfill_sources(store)  # once, on a database from before independent sources
        cycle = _Cycle(config, store, fetcher, summary, progress, workers)
        cycle.poll_feeds(force)
        cycle.fetch_and_extract(cycle.plan_articles())
        if judge is not None:
            cycle.judge_articles(judge)
        # Evidence re-check (monitor/recheck.py, feed-health engineer): articles behind alerts
        # are fetched once more after [verdicts] recheck_hours; edits re-scored, removals marked.
        rechecked = recheck_articles(store, fetcher, judge, recheck_hours=config.verdicts.recheck_hours)
        summary.errors.extend(rechecked.errors)
        if rechecked.checked:
            log.info("re-checked %s articles: %s not modified, %s unchanged, %s edited, %s removed, %s failed",
                     rechecked.checked, rechecked.not_modified, rechecked.unchanged, rechecked.edited,
                     rechecked.removed, rechecked.failed)
        status = "partial" if summary.errors else "ok"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        if own_fetcher:
            fetcher.close()
        summary.seconds = time.monotonic() - started
        store.finish_run(run_id, status, **summary.counts())
        log.info("poll cycle %s: %s", status, summary.line())
    return summary
