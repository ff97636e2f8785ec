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

``load_judge(claims, ...)`` makes a judge; ``monitor.run.judging`` builds the one a poll cycle
uses from the config (and mirrors the claims into the store) and re-scores stored articles.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .judge import Assessment, Judge, Verdict

if TYPE_CHECKING:
    from ..claims import Claim

__all__ = ["Assessment", "Judge", "Verdict", "load_judge", "stance_model"]


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
