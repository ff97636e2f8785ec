"""Judging stored articles: the judge a poll cycle uses (claims mirrored into the store) and re-scoring."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import VerdictError
from ..judge.claims import load_claims
from ..judge.verdicts import Judge, load_judge

if TYPE_CHECKING:
    from ..config import Config
    from ..store import Store

log = logging.getLogger(__name__)


def build_judge(config: "Config", store: "Store | None" = None, *, model_path: Any = None) -> Judge | None:
    """The judge for a poll cycle: the claims file's claims, mirrored into ``store`` when given.

    Returns None when the claims file has no active claim (a poll then only ingests). Raises
    ``ClaimsError`` for a broken claims file and ``VerdictError`` when the model cannot load.
    """
    claims = load_claims(config.verdicts.claims_file)
    if store is not None:
        store.sync_claims(claims)
    active = [claim for claim in claims if claim.active]
    if not active:
        log.info("no active claims in %s: articles are stored but not judged", config.verdicts.claims_file)
        return None
    return load_judge(active, threshold=config.verdicts.alert_threshold,
                      max_candidates=config.verdicts.max_candidates, model_path=model_path)


def record_verdicts(store: "Store", article_id: int, verdicts: list[Any], *, detected_at: str | None = None) -> int:
    """Store an article's verdicts and mark it judged, together or not at all; returns the new alerts.

    A poll cycle judges its new articles with this, a back-fill the verdicts its workers made
    (``detected_at``: the article's publication time)."""
    with store.transaction():
        new = store.save_verdicts(article_id, verdicts, detected_at=detected_at)
        store.mark_judged(article_id)
    return new


@dataclass
class RescoreResult:
    """What a re-scoring run did."""

    articles: int = 0
    alerts_new: int = 0
    alerts_updated: int = 0
    alerts_withdrawn: int = 0


def rejudge_articles(store: "Store", judge: Judge, article_ids: list[int] | None = None) -> RescoreResult:
    """Run ``judge`` again over stored articles and re-score their alerts in place.

    Alerts are upserted on (claim, article): a changed verdict or confidence updates the row
    (its detection time, digest and review are kept), a new one is added, and one that no
    longer passes the threshold is withdrawn (deleted if no digest carried it and nobody
    reviewed it, else marked *unrelated* with confidence 0). Nothing is duplicated, so this can
    run any number of times.
    """
    if judge is None:
        raise VerdictError("there are no active claims to judge with; add or activate claims in the claims file")
    result = RescoreResult()
    wanted = set(article_ids) if article_ids is not None else None
    for article in store.judged_articles():
        if wanted is not None and article["id"] not in wanted:
            continue
        before = {row["claim_id"]: row for row in store.article_alerts_brief(article["id"])}
        verdicts = judge.judge(article["title"] or "", article["text"] or "", article["published_at"])
        result.alerts_new += store.save_verdicts(article["id"], verdicts, replace=True)
        now = {v.claim_id: v for v in verdicts}
        for claim_id, row in before.items():
            if claim_id not in now:
                result.alerts_withdrawn += row["verdict"] != "unrelated"
            elif (row["verdict"], row["confidence"] or 0) != (now[claim_id].verdict,
                                                                         round(now[claim_id].confidence, 4)):
                result.alerts_updated += 1
        store.mark_judged(article["id"])
        result.articles += 1
    return result
