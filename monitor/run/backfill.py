"""Back-fill: judging an archive (WARC files, folders of pages, lists of URLs) against the claims.

``run_backfill`` is what ``monitor backfill`` calls. Every page goes through the stages of a
polled article — extraction, copies and independent sources (``storing.ArticleSaver``, the
poll cycle's own), verdicts and alerts (``judging.record_verdicts``) — and is stored with
``origin`` 'backfill' and its source, dated by its own publication date (trafilatura's
metadata, else the WARC-Date), and its alerts are dated by it too, so status changes read in
the order things were published.

Work is split in two:

* **Workers** (``process_batch``; a local process pool, or Dask workers with ``dask``) take
  batches of records and do what costs CPU: the site and claim-term pre-filters, extraction,
  the date and language filters, and the judge, which each worker builds once from a
  ``JudgeSpec``. They touch no database.
* **The driver** (this process) reads the sources, skips the records its checkpoint says are
  done, fetches the pages of URL lists (the project's guarded ``Fetcher``), and writes the
  workers' results in record order, one transaction per batch: article, source group,
  alerts and the record's checkpoint row (``backfill_records``) together or not at all. So a
  back-fill killed at any moment and run again on the same sources stores nothing twice and
  gives the rows an uninterrupted run gives. A bad record is checked off as ``failed`` with
  its reason, never fatal; ``retry_failed`` tries those again.

The pre-filter drops a page whose words cover no claim as much as the judge's retrieval needs
(``MIN_COVERAGE`` of its weighted terms, counted on the raw page, a superset of the article's
words) before extraction is paid for: the lexical judge would find no candidate claim in it.
"""
from __future__ import annotations

import hashlib
import html
import logging
import os
import re
import time
from collections import Counter, deque
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from ..errors import ArchiveError, ExtractionError
from ..ingest.archive import ArchiveRecord, fetch_records, read_source, source_id
from ..ingest.extract import ExtractedArticle, extract_article
from ..ingest.feeds import canonical_url
from ..ingest.fetch import Fetcher
from ..ingest.sources import site_of
from ..locking import ProcessLock
from .judging import record_verdicts
from .storing import ArticleSaver, Saved

if TYPE_CHECKING:
    from ..config import Config
    from ..judge.claims import Claim
    from ..judge.verdicts import Judge, Verdict
    from ..store import Store

log = logging.getLogger(__name__)

BATCH_SIZE = 16          # records per task: large enough that a Dask task's overhead is small
IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: keeps workers busy, bounds the driver's memory
MAX_ERRORS_KEPT = 50     # failures listed in the summary (all are in backfill_records)


@dataclass(frozen=True)
class BackfillFilters:
    """Which pages are worth storing. Dates are ISO days, both ends included."""

    since: str | None = None
    until: str | None = None
    sites: tuple[str, ...] = ()      # hosts; a subdomain matches ("bbc.co.uk" takes www.bbc.co.uk)
    languages: tuple[str, ...] = ()  # primary subtags ("en"); a page that declares none is kept
    prefilter: bool = True           # drop pages that share too few words with every claim


@dataclass(frozen=True)
class JudgeSpec:
    """What a worker needs to build the judge once: claims and settings (never the model itself)."""

    claims: tuple["Claim", ...]
    threshold: float
    max_candidates: int
    model_path: str | None = None
    threads: int | None = None  # CPU threads of each model in a worker (None: the judge's default)

    @property
    def fingerprint(self) -> str:
        text = repr((sorted((c.id, c.statement) for c in self.claims), self.threshold, self.max_candidates,
                     self.model_path, self.threads))
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class PageResult:
    """What a worker made of one record: a page to store (with its verdicts), or why not."""

    source: str
    key: str
    url: str | None
    status: str                       # "page", "filtered" or "failed"
    reason: str | None = None         # why filtered or failed
    filter: str | None = None         # which filter: prefilter, site, date, language, not-a-page
    article: ExtractedArticle | None = None
    page_url: str | None = None
    published_at: str | None = None
    http_status: int | None = None
    verdicts: list["Verdict"] = field(default_factory=list)


@dataclass
class BackfillSummary:
    """The counts ``monitor backfill`` prints at the end (and the ``runs`` row keeps)."""

    records: int = 0        # records read from the sources
    skipped_done: int = 0   # finished by an earlier run (checkpoint)
    filtered: Counter[str] = field(default_factory=Counter)  # by filter
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    alerts_new: int = 0
    seconds: float = 0.0
    write_seconds: float = 0.0  # the driver's time in SQLite
    errors: list[str] = field(default_factory=list)

    @property
    def filtered_total(self) -> int:
        return sum(self.filtered.values())

    def line(self) -> str:
        """The one-line summary ``monitor backfill`` prints."""
        by = ", ".join(f"{n} {name}" for name, n in sorted(self.filtered.items()))
        return (f"Back-fill: {self.records} records read, {self.skipped_done} skipped as done, "
                f"{self.filtered_total} filtered{f' ({by})' if by else ''}, {self.stored} stored, "
                f"{self.duplicates} duplicates, {self.failed} failed · alerts: {self.alerts_new} new · "
                f"{self.seconds:.1f} s")

    def counts(self) -> dict[str, Any]:
        return {"articles_new": self.stored, "articles_duplicate": self.duplicates, "articles_failed": self.failed,
                "alerts_new": self.alerts_new, "errors": self.errors[:MAX_ERRORS_KEPT],
                "seconds": round(self.seconds, 3)}


@dataclass
class BackfillProgress:
    """Where a back-fill is: records handled, their rate, and the share of the sources read."""

    handled: int
    per_second: float
    fraction: float            # 0..1, by bytes (WARC, folders) or lines (URL lists) of the sources
    eta_seconds: float | None


Progress = Callable[[BackfillProgress], None]


# -- workers -----------------------------------------------------------------------------------

_JUDGES: dict[str, "Judge"] = {}  # per worker process: the judge of each spec, loaded once


def _judge_for(spec: JudgeSpec) -> "Judge":
    judge = _JUDGES.get(spec.fingerprint)
    if judge is None:
        from ..judge.verdicts import load_judge

        judge = _JUDGES[spec.fingerprint] = load_judge(list(spec.claims), threshold=spec.threshold,
                                                       max_candidates=spec.max_candidates,
                                                       model_path=spec.model_path, threads=spec.threads)
    return judge


def process_batch(records: list[ArchiveRecord], spec: JudgeSpec | None,
                  filters: BackfillFilters) -> list[PageResult]:
    """A worker's task: filter, extract and judge each record (no database, no network)."""
    judge = _judge_for(spec) if spec is not None else None
    return [process_record(record, judge, filters) for record in records]


def process_record(record: ArchiveRecord, judge: "Judge | None", filters: BackfillFilters) -> PageResult:
    """One record through the filters, extraction and the judge; never raises."""
    result = PageResult(record.source, record.key, record.url, "failed", http_status=record.http_status)
    try:
        return _process(record, judge, filters, result)
    except Exception as exc:  # one pathological page must not lose the batch
        log.exception("%s %s: unexpected error", record.source, record.key)
        result.reason = f"unexpected error: {type(exc).__name__}: {exc}"
        return result


def _filtered(result: PageResult, which: str, reason: str) -> PageResult:
    result.status, result.filter, result.reason = "filtered", which, reason
    return result


def _process(record: ArchiveRecord, judge: "Judge | None", filters: BackfillFilters,
             result: PageResult) -> PageResult:
    if record.error is not None:
        result.reason = record.error
        return result
    if record.filtered is not None:
        return _filtered(result, "not-a-page", record.filtered)
    assert record.content is not None and record.url is not None  # a readable page has both
    host = site_of(record.url) if record.url.startswith("http") else None
    if host is not None and not _site_wanted(host, filters.sites):
        return _filtered(result, "site", f"site {host}")
    if judge is not None and filters.prefilter and not shares_claim_terms(judge, record.content):
        return _filtered(result, "prefilter", "shares too few words with every claim")
    try:
        article = extract_article(record.content, record.url, record.encoding, content_type=record.content_type)
    except ExtractionError as exc:
        result.reason = str(exc)
        return result
    page_url = record.url
    if not record.url.startswith("http") and article.canonical_url:
        page_url = article.canonical_url  # a saved page: the address it declares is its own
    if host is None and not _site_wanted(site_of(page_url, article.site), filters.sites):
        return _filtered(result, "site", f"site {site_of(page_url, article.site)}")
    published = article.published_at or (record.archived_at or "")[:10] or None
    if published is not None and ((filters.since and published < filters.since)
                                  or (filters.until and published > filters.until)):
        return _filtered(result, "date", f"published {published}")
    if filters.languages and article.language and article.language.lower() not in filters.languages:
        return _filtered(result, "language", f"language {article.language}")
    result.status, result.article, result.page_url, result.published_at = "page", article, page_url, published
    if judge is not None:
        result.verdicts = judge.judge(article.title or "", article.text, published)
    return result


def _site_wanted(host: str | None, sites: tuple[str, ...]) -> bool:
    if not sites:
        return True
    if host is None:
        return False
    return any(host == site or host.endswith("." + site) for site in sites)


_SCRIPTS = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.S | re.I)
_TAGS = re.compile(r"<[^>]*>")


def shares_claim_terms(judge: "Judge", content: bytes) -> bool:
    """Whether the raw page covers some claim's weighted terms as much as retrieval needs.

    The page's words (tags dropped, entities decoded) are a superset of its article's, so a
    page this drops is one in which the judge's retrieval would find no candidate claim.
    """
    from ..judge.verdicts.retrieval import MIN_COVERAGE
    from ..judge.verdicts.text import terms_of, value_terms

    text = html.unescape(_TAGS.sub(" ", _SCRIPTS.sub(" ", content.decode("utf-8", errors="replace"))))
    index = judge.index
    covered: Counter[int] = Counter()
    for term in set(terms_of(text)) | set(value_terms(text)):
        for position, weight, proper in index.postings.get(term, ()):
            if proper:
                covered[position] += weight
    return any(weight / index.entries[position].total >= MIN_COVERAGE for position, weight in covered.items())


# -- the driver --------------------------------------------------------------------------------

class _InProcess:
    """Runs batches here, at submit time (``workers=0``; tests and tiny archives)."""

    model_threads = None  # the judge's default

    class _Done:
        def __init__(self, value: list[PageResult]):
            self.value = value

        def result(self) -> list[PageResult]:
            return self.value

    def submit(self, records: list[ArchiveRecord], spec: JudgeSpec | None, filters: BackfillFilters) -> Any:
        return self._Done(process_batch(records, spec, filters))

    def close(self) -> None:
        pass


class _LocalPool:
    """A local process pool (the poll cycle's: warm workers that exit with this process)."""

    def __init__(self, workers: int):
        from .pipeline import process_pool

        self.pool = process_pool(workers)
        # The workers share this machine's cores: N processes each running a model on every
        # core made two workers slower than one (1.6 against 1.8 records/s on 2 cores).
        self.model_threads = max(1, (os.cpu_count() or 1) // workers)

    def submit(self, records: list[ArchiveRecord], spec: JudgeSpec | None, filters: BackfillFilters) -> Any:
        return self.pool.submit(process_batch, records, spec, filters)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _Dask:
    """Dask workers: ``local:N`` starts a LocalCluster of N single-threaded processes, anything
    else is a scheduler address (``tcp://host:8786``)."""

    # A Dask worker runs one task per thread it has (``--nthreads``), side by side: one model
    # thread per task, so a worker's threads are what spreads the work over its cores.
    model_threads = 1

    def __init__(self, address: str):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:
            raise ArchiveError("--dask needs Dask, which is not installed: "
                               "pip install 'follow-up-monitor[dask]' (or drop --dask for local processes)") from exc
        self.cluster = None
        if address.startswith("local:"):
            count = address.removeprefix("local:")
            if not count.isdigit() or int(count) < 1:
                raise ArchiveError(f"--dask {address}: say how many local workers, e.g. --dask local:4")
            self.cluster = LocalCluster(n_workers=int(count), threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        else:
            try:
                self.client = Client(address, timeout="30s")
            except (OSError, TimeoutError) as exc:
                raise ArchiveError(f"--dask {address}: no Dask scheduler answers there ({exc}); start one with "
                                   "`dask scheduler` and its workers, or use --dask local:N") from exc
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def submit(self, records: list[ArchiveRecord], spec: JudgeSpec | None, filters: BackfillFilters) -> Any:
        return self.client.submit(process_batch, records, spec, filters, pure=False)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def backfill_lock_path(database_path: Path) -> Path:
    """The lock a back-fill holds: one back-fill at a time per database (the single writer)."""
    return database_path.with_name(database_path.name + ".backfill.lock")


def judge_spec(config: "Config", store: "Store") -> JudgeSpec | None:
    """The claims file's active claims (mirrored into ``store``) as a spec; None without any."""
    from ..judge.claims import load_claims

    claims = load_claims(config.verdicts.claims_file)
    store.sync_claims(claims)
    active = tuple(c for c in claims if c.active)
    if not active:
        log.info("no active claims in %s: pages are stored but not judged", config.verdicts.claims_file)
        return None
    return JudgeSpec(active, config.verdicts.alert_threshold, config.verdicts.max_candidates)


def run_backfill(config: "Config", store: "Store", sources: Iterable[Path], *,
                 filters: BackfillFilters = BackfillFilters(), spec: JudgeSpec | None | str = "config",
                 workers: int | None = None, dask: str | None = None, batch_size: int = BATCH_SIZE,
                 retry_failed: bool = False, progress: Progress | None = None,
                 fetcher: Fetcher | None = None) -> BackfillSummary:
    """Back-fill ``sources`` into ``store`` (see the module docstring) and return the counts.

    ``spec`` is the judge the workers build (default: from the config's claims file, mirrored
    into the store; None stores without judging). ``workers`` local processes (default one
    per CPU; 0 works in this process), or Dask workers with ``dask`` (``local:N`` or a
    scheduler address). Raises ``ArchiveError`` for a source that cannot be read at all (before
    anything is stored) or a Dask that cannot start, ``LockHeld`` when another back-fill writes
    to this database.
    """
    paths = [Path(p) for p in sources]
    for path in paths:
        if not path.exists():
            raise ArchiveError(f"{path}: no such file or folder; give WARC files, folders of .html pages "
                               "or files of URLs")
    with ProcessLock(backfill_lock_path(store.path), "a back-fill"):
        if spec == "config":
            spec = judge_spec(config, store)
        return _Driver(config, store, spec, filters, batch_size, retry_failed, progress, fetcher).run(
            paths, workers, dask)


class _Driver:
    """One back-fill run; every database write happens here, on the calling thread."""

    def __init__(self, config: "Config", store: "Store", spec: JudgeSpec | None, filters: BackfillFilters,
                 batch_size: int, retry_failed: bool, progress: Progress | None, fetcher: Fetcher | None):
        self.config, self.store, self.spec, self.filters = config, store, spec, filters
        self.batch_size, self.retry_failed = max(1, batch_size), retry_failed
        self.progress = progress or (lambda p: None)
        self.fetcher, self.own_fetcher = fetcher, fetcher is None
        self.saver = ArticleSaver(store)
        self.summary = BackfillSummary()
        self.started = time.monotonic()
        self.handled = 0
        self.fraction = 0.0

    def run(self, paths: list[Path], workers: int | None, dask: str | None) -> BackfillSummary:
        self.store.close_abandoned_runs("backfill")  # we hold the lock: their process is gone
        run_id = self.store.start_run("backfill")
        status = "failed"
        executor = self._executor(workers, dask)
        if self.spec is not None and self.spec.threads is None:
            self.spec = replace(self.spec, threads=executor.model_threads)
        try:
            self._pump(executor, paths, getattr(executor, "workers", workers or 1))
            status = "partial" if self.summary.failed else "ok"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            executor.close()
            if self.own_fetcher and self.fetcher is not None:
                self.fetcher.close()
            self.summary.seconds = time.monotonic() - self.started
            self.store.finish_run(run_id, status, **self.summary.counts())
            log.info("back-fill %s: %s", status, self.summary.line())
        return self.summary

    def _executor(self, workers: int | None, dask: str | None) -> Any:
        if dask:
            return _Dask(dask)
        count = (os.cpu_count() or 1) if workers is None else workers
        return _LocalPool(count) if count > 0 else _InProcess()

    def _pump(self, executor: Any, paths: list[Path], workers: int) -> None:
        """Submit batches, keep a few in flight per worker, write each in submission order."""
        in_flight: deque[tuple[Any, list[ArchiveRecord]]] = deque()
        limit = IN_FLIGHT_PER_WORKER * max(1, workers)
        for batch in self._batches(paths):
            in_flight.append((executor.submit(batch, self.spec, self.filters), batch))
            while len(in_flight) >= limit:
                self._write(*in_flight.popleft())
        while in_flight:
            self._write(*in_flight.popleft())

    def _batches(self, paths: list[Path]) -> Iterator[list[ArchiveRecord]]:
        for number, path in enumerate(paths):
            done = self.store.backfill_finished(source_id(path), retry_failed=self.retry_failed)
            batch: list[ArchiveRecord] = []
            for record in read_source(path):
                self.summary.records += 1
                if record.size:
                    self.fraction = (number + record.position / record.size) / len(paths)
                if record.key in done:
                    self.summary.skipped_done += 1
                    continue
                batch.append(record)
                if len(batch) >= self.batch_size:
                    yield self._fetched(batch)
                    batch = []
            if batch:
                yield self._fetched(batch)
            self.fraction = (number + 1) / len(paths)

    def _fetched(self, batch: list[ArchiveRecord]) -> list[ArchiveRecord]:
        """URLs of a list are fetched here, so workers need no network and the SSRF guard stays ours."""
        if not any(record.needs_fetch for record in batch):
            return batch
        if self.fetcher is None:
            self.fetcher = Fetcher(self.config.fetch)
        return fetch_records(batch, self.fetcher, self.config.fetch.workers)

    def _write(self, future: Any, batch: list[ArchiveRecord]) -> None:
        try:
            results = future.result()
        except Exception as exc:  # a worker died: its records stay unchecked and are redone next run
            log.error("a batch of %s records from %s failed in its worker: %s", len(batch), batch[0].source, exc)
            self.summary.failed += len(batch)
            self.summary.errors.append(f"{batch[0].source}: a worker failed on {len(batch)} records "
                                       f"({type(exc).__name__}: {exc}); run the back-fill again to redo them")
            return
        started = time.monotonic()
        with self.store.transaction():  # the batch's articles, alerts and checkpoints: all or none
            for result in results:
                self._write_one(result)
        self.summary.write_seconds += time.monotonic() - started
        self.handled += len(results)
        self._report()

    def _write_one(self, result: PageResult) -> None:
        if result.status == "failed":
            self.summary.failed += 1
            self.summary.errors.append(f"{result.source} {result.key}: {result.reason}")
            self.store.record_backfill(result.source, result.key, url=result.url, status="failed",
                                       reason=result.reason)
            return
        if result.status == "filtered":
            self.summary.filtered[result.filter or "other"] += 1
            self.store.record_backfill(result.source, result.key, url=result.url, status="filtered",
                                       reason=f"{result.filter}: {result.reason}")
            return
        assert result.article is not None and result.page_url is not None
        canonical = canonical_url(result.page_url)
        stored = self.store.article_by_canonical_url(canonical)
        if stored is not None and stored["status"] != "failed":  # the same URL again (a re-crawl)
            self.summary.duplicates += 1
            self.store.record_backfill(result.source, result.key, url=result.page_url, status="duplicate",
                                       reason="URL already stored", article_id=stored["id"])
            return
        article = result.article

        def then(saved: Saved) -> None:
            if saved.duplicate:
                self.summary.duplicates += 1
                self.store.record_backfill(result.source, result.key, url=result.page_url, status="duplicate",
                                           reason=saved.why, article_id=saved.article_id)
                return
            if self.spec is not None:
                dated = f"{result.published_at}T00:00:00+00:00" if result.published_at else None
                self.summary.alerts_new += record_verdicts(self.store, saved.article_id, result.verdicts,
                                                           detected_at=dated)
            self.summary.stored += 1
            self.store.record_backfill(result.source, result.key, url=result.page_url, status="stored",
                                       article_id=saved.article_id)

        self.saver.save(article, canonical=canonical, page_url=result.page_url, then=then, feed_id=None,
                        guid=None, title=article.title, author=article.author, site=article.site,
                        published_at=result.published_at, language=article.language,
                        content_hash=article.content_hash, http_status=result.http_status,
                        origin="backfill", origin_source=result.source)

    def _report(self) -> None:
        elapsed = time.monotonic() - self.started
        rate = self.handled / elapsed if elapsed > 0 else 0.0
        eta = elapsed * (1 - self.fraction) / self.fraction if self.fraction > 0 else None
        self.progress(BackfillProgress(self.handled, rate, self.fraction, eta))
