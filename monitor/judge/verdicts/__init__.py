"""Verdicts: what each new article says about each tracked claim — confirms, contradicts or
discusses — with the evidence sentence, the values compared and, for forecasts and scheduled
events, the outcome.

The stages, each a module of pure functions (article text in, records out):

    text        sentences, terms, background term weights
    retrieval   ClaimIndex: the few claims worth a closer look for an article
    evidence    the sentences that bear on a claim
    compare     the claim's value against the reported one
    cues        denial, negation, contrast, hedging, the claim's own speaker
    forecasts   outcomes of forecasts and events, Brier scores
    stance      the trained stance model (FNC-1)
    judge       Judge: all of the above combined into a Verdict

``build_judge(config, store)`` makes the judge the poll cycle uses; ``rejudge_articles``
re-scores stored articles after a model or claims change.
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...errors import VerdictError
from .judge import Assessment, Judge, Verdict

if TYPE_CHECKING:
    from ..claims import Claim
    from ...config import Config
    from ...store import Store

log = logging.getLogger(__name__)

__all__ = ["Assessment", "Judge", "RescoreResult", "Verdict", "build_judge", "load_judge", "rejudge_articles", "stance_model"]


def load_judge(claims: list["Claim"], *, threshold: float, max_candidates: int,
               model_path: Any = None) -> Judge:
    """A Judge over the active ``claims`` with the shipped stance model (or the one at ``model_path``)."""
    return Judge(claims, threshold=threshold, max_candidates=max_candidates, model=stance_model(model_path))


def stance_model(model_path: Any = None) -> Any:
    """The stance model at ``model_path`` (default: the shipped one), loaded once per process while
    its ``stance.json`` is unchanged: a claims-file edit rebuilds the judge, not the model."""
    from .stance import DEFAULT_PATH, StanceModel

    path = Path(model_path) if model_path is not None else DEFAULT_PATH
    if path.is_dir():
        path = path / "stance.json"
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return StanceModel.load(path)  # says what is missing and how to fix it
    return _loaded_model(str(path.resolve()), stamp)


@functools.lru_cache(maxsize=2)
def _loaded_model(path: str, stamp: int) -> Any:
    from .stance import StanceModel

    return StanceModel.load(Path(path))


def build_judge(config: "Config", store: "Store | None" = None, *, model_path: Any = None) -> Judge | None:
    """The judge for a poll cycle: the claims file's claims, mirrored into ``store`` when given.

    Returns None when the claims file has no active claim (a poll then only ingests). Raises
    ``ClaimsError`` for a broken claims file and ``VerdictError`` when the model cannot load.
    """
    from ..claims import load_claims

    claims = load_claims(config.verdicts.claims_file)
    if store is not None:
        store.sync_claims(claims)
    active = [claim for claim in claims if claim.active]
    if not active:
        log.info("no active claims in %s: articles are stored but not judged", config.verdicts.claims_file)
        return None
    return load_judge(active, threshold=config.verdicts.alert_threshold,
                      max_candidates=config.verdicts.max_candidates, model_path=model_path)


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
        before = {row["claim_id"]: row for row in store.query(
            "select claim_id, verdict, confidence from alerts where article_id = ?", [article["id"]])}
        verdicts = judge.judge(article["title"] or "", article["text"] or "", article["published_at"])
        result.alerts_new += store.save_verdicts(article["id"], verdicts, replace=True)
        now = {v.claim_id: v for v in verdicts}
        for claim_id, row in before.items():
            if claim_id not in now:
                result.alerts_withdrawn += row["verdict"] != "unrelated"
            elif (row["verdict"], round(row["confidence"] or 0, 4)) != (now[claim_id].verdict,
                                                                         round(now[claim_id].confidence, 4)):
                result.alerts_updated += 1
        store.mark_judged(article["id"])
        result.articles += 1
    return result
