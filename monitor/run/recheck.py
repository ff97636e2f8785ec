"""Evidence re-check: the articles behind alerts are fetched once more, to catch edits and removals.

News pages change after publication: a figure is corrected, a paragraph added, a story pulled.
An alert whose evidence has changed or vanished should not keep counting as it was. So each
original article with a standing alert is fetched once more, at the first poll cycle at least
``[verdicts] recheck_hours`` (default 48) after it was fetched, with a conditional GET (its
stored ETag / Last-Modified), at most ``RECHECK_PER_CYCLE`` articles per cycle:

    304 Not Modified      nothing changes (logged ``not_modified``)
    200, same text hash   nothing changes (``unchanged``; new validators are not stored)
    200, new text hash    ``edited``: the new text is stored, re-extracted and re-scored with the
                          judge (``save_verdicts``: changed alerts are updated in place, new
                          ones added, ones the new text no longer supports withdrawn, kept)
    404 / 410             ``removed``: ``articles.removed_at`` is set and its alerts are withdrawn
                          (``Store.mark_article_removed``: kept, but no longer counted)
    anything else         ``failed`` with the error; tried again next cycle, at most
                          ``MAX_RECHECK_FAILURES`` times in all

Every re-check is a row of the ``rechecks`` table, with the alerts before and after; edits,
removals and failures are listed in the digest. Nothing is deleted.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import ExtractionError, FetchError, MonitorError
from ..ingest.extract import extract_article

if TYPE_CHECKING:
    from ..ingest.fetch import Fetcher
    from ..store import Store

log = logging.getLogger(__name__)

RECHECK_PER_CYCLE = 20  # re-checks per poll cycle: a backlog is spread over cycles, not done at once
MAX_RECHECK_FAILURES = 3
GONE = (404, 410)


class SupportsJudge(Protocol):
    def judge(self, title: str, text: str, published_at: str | None = None) -> list[Any]: ...


@dataclass
class RecheckSummary:
    """What one round of re-checks did, by outcome, with one line per error."""

    checked: int = 0
    not_modified: int = 0
    unchanged: int = 0
    edited: int = 0
    removed: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def recheck_articles(store: "Store", fetcher: "Fetcher", judge: SupportsJudge | None, *, recheck_hours: float,
                     now: datetime | None = None, limit: int = RECHECK_PER_CYCLE) -> RecheckSummary:
    """Re-check the due articles (see the module docstring); never raises for one article."""
    now = now or datetime.now(timezone.utc)
    before = (now - timedelta(hours=recheck_hours)).isoformat(timespec="seconds")
    summary = RecheckSummary()
    for article in store.recheck_candidates(before, limit, MAX_RECHECK_FAILURES):
        summary.checked += 1
        try:
            outcome, problem = _recheck_one(store, fetcher, judge, article)
            if problem:
                summary.errors.append(f"re-check of article {article['id']} {article['url']}: {problem}")
        except Exception as exc:  # one article must not end the cycle; it is logged and retried
            error = f"{type(exc).__name__}: {exc}" if not isinstance(exc, MonitorError) else str(exc)
            if not isinstance(exc, MonitorError):
                log.exception("re-check of article %s %s failed", article["id"], article["url"])
            store.record_recheck(article["id"], outcome="failed", error=error,
                                 previous_hash=article["content_hash"])
            outcome = "failed"
            summary.errors.append(f"re-check of article {article['id']} {article['url']}: {error}")
        setattr(summary, outcome, getattr(summary, outcome) + 1)
    return summary


def _recheck_one(store: "Store", fetcher: "Fetcher", judge: SupportsJudge | None,
                 article: dict[str, Any]) -> tuple[str, str | None]:
    """Re-check one article; returns its outcome and what went wrong, if anything."""
    url = article["url"] or article["canonical_url"]
    alerts_before = store.article_alerts_brief(article["id"])
    try:
        fetched = fetcher.get(url, etag=article["etag"], last_modified=article["last_modified"], kind="page")
    except FetchError as exc:
        if exc.status in GONE:
            withdrawn = store.mark_article_removed(article["id"], reason=f"article removed (HTTP {exc.status})")
            store.record_recheck(article["id"], outcome="removed", http_status=exc.status,
                                 previous_hash=article["content_hash"], alerts_before=alerts_before,
                                 alerts_after=store.article_alerts_brief(article["id"]))
            log.warning("article %s %s: removed (HTTP %s); %s alerts withdrawn", article["id"], url, exc.status,
                        withdrawn)
            return "removed", None
        log.warning("article %s %s: re-check failed: %s", article["id"], url, exc)
        store.record_recheck(article["id"], outcome="failed", http_status=exc.status, error=str(exc),
                             previous_hash=article["content_hash"])
        return "failed", str(exc)
    if fetched.not_modified:
        store.record_recheck(article["id"], outcome="not_modified", http_status=fetched.status,
                             previous_hash=article["content_hash"], content_hash=article["content_hash"])
        log.info("article %s %s: not modified", article["id"], url)
        return "not_modified", None
    try:
        extracted = extract_article(fetched.content, fetched.final_url, fetched.encoding,
                                    content_type=fetched.content_type or "text/html")
    except ExtractionError as exc:
        log.warning("article %s %s: re-check could not extract the page: %s", article["id"], url, exc)
        store.record_recheck(article["id"], outcome="failed", http_status=fetched.status, error=str(exc),
                             previous_hash=article["content_hash"])
        return "failed", str(exc)
    if extracted.content_hash == article["content_hash"]:
        store.record_recheck(article["id"], outcome="unchanged", http_status=fetched.status,
                             previous_hash=article["content_hash"], content_hash=extracted.content_hash)
        log.info("article %s %s: unchanged", article["id"], url)
        return "unchanged", None
    title = extracted.title or article["title"]
    error = None
    # judged before the write lock is taken (the model is the slow part)
    verdicts = judge.judge(title or "", extracted.text, article["published_at"]) if judge is not None else None
    with store.transaction():  # new text, new verdicts and the log entry together, or none of them
        store.update_article_text(article["id"], title=title, text=extracted.text,
                                  content_hash=extracted.content_hash, http_status=fetched.status,
                                  etag=fetched.etag, last_modified=fetched.last_modified)
        if verdicts is not None:
            # Not save_verdicts(replace=True): that deletes withdrawn alerts nobody saw yet, and a
            # re-check deletes nothing; alerts the new text no longer supports are withdrawn instead.
            store.save_verdicts(article["id"], verdicts)
            store.withdraw_alerts(article["id"], reason="article edited: the new text no longer supports it",
                                  keep_claim_ids=[v.claim_id for v in verdicts])
            store.mark_judged(article["id"])
        else:
            # Honest about it: the text is new but no claims are active to score it against.
            error = "edited, but not re-scored: no active claims to judge with"
        store.record_recheck(article["id"], outcome="edited", http_status=fetched.status,
                             previous_hash=article["content_hash"], content_hash=extracted.content_hash,
                             alerts_before=alerts_before, alerts_after=store.article_alerts_brief(article["id"]),
                             error=error)
    log.warning("article %s %s: edited since it was fetched; %s", article["id"], url,
                error or "re-scored")
    return "edited", error


__all__ = ["MAX_RECHECK_FAILURES", "RECHECK_PER_CYCLE", "RecheckSummary", "recheck_articles"]
