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
    passages    the sentences a cross-encoder reads beside a claim
    encoder     the cross-encoder stance model (a fine-tuned transformer, ONNX)
    combine     the decision layer: rules and models weighed by weights learned on real coverage
    stance      the lexical stance model (FNC-1, LightGBM)
    judge       Judge: all of the above combined into a Verdict

``load_judge(claims, ...)`` makes a judge; ``monitor.run.judging`` builds the one a poll cycle
uses from the config (and mirrors the claims into the store) and re-scores stored articles.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .judge import Assessment, Judge, Verdict

if TYPE_CHECKING:
    from ..claims import Claim

__all__ = ["Assessment", "Judge", "Verdict", "decision_layer", "load_judge", "sentence_encoder", "stance_model"]


def load_judge(claims: list["Claim"], *, threshold: float, max_candidates: int,
               model_path: Any = None, threads: int | None = None) -> Judge:
    """A Judge over the active ``claims`` with the shipped stance model (or the one at ``model_path``),
    and retrieval by meaning when the model is a cross-encoder and a sentence encoder ships beside it.

    ``threads``: the CPU threads each transformer may use (default ``DEFAULT_THREADS``); one per
    process where several processes share the cores, or they slow each other down.
    """
    model = stance_model(model_path, threads=threads)
    vectors = combiner = None
    if getattr(model, "reads", "article") == "passage":
        folder = _model_file(Path(model_path) if model_path is not None else None).parent
        vectors, combiner = sentence_encoder(folder, threads=threads), decision_layer(folder)
    return Judge(claims, threshold=threshold, max_candidates=max_candidates, model=model, sentence_encoder=vectors,
                 combiner=combiner)


def decision_layer(folder: Path | None = None) -> Any:
    """The fitted decision layer (``judge.json``) in ``folder`` (default: the shipped models); None
    when there is none (the rules' hand-set factors decide)."""
    from .combine import DEFAULT_PATH, Combiner

    path = (folder / DEFAULT_PATH.name) if folder is not None else DEFAULT_PATH
    return Combiner.load(path) if path.exists() else None


def sentence_encoder(folder: Path | None = None, *, threads: int | None = None) -> Any:
    """The sentence encoder in ``folder`` (default: the shipped models), once per process; None
    when there is none (the judge then retrieves by words only)."""
    from .encoder import SENTENCE_DEFAULT_PATH

    path = (folder / SENTENCE_DEFAULT_PATH.name) if folder is not None else SENTENCE_DEFAULT_PATH
    if not path.exists():
        return None
    return _loaded_sentence_encoder(str(path.resolve()), path.stat().st_mtime_ns, threads)


@functools.lru_cache(maxsize=2)
def _loaded_sentence_encoder(path: str, stamp: int, threads: int | None) -> Any:
    from .encoder import SentenceEncoder

    return SentenceEncoder.load(Path(path), threads=threads)


def stance_model(model_path: Any = None, *, threads: int | None = None) -> Any:
    """The stance model at ``model_path`` (default: the shipped one), loaded once per process while
    its metadata file is unchanged: a claims-file edit rebuilds the judge, not the model.

    ``model_path`` is a model's metadata file — ``cross_encoder.json`` (the transformer) or
    ``stance.json`` (the lexical LightGBM model) — or a folder holding one (the cross-encoder first).
    """
    path = _model_file(Path(model_path) if model_path is not None else None)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return _load(path, threads)  # says what is missing and how to fix it
    return _loaded_model(str(path.resolve()), stamp, threads)


def _model_file(path: Path | None) -> Path:
    from . import encoder, stance

    if path is None:
        return encoder.DEFAULT_PATH if encoder.DEFAULT_PATH.exists() else stance.DEFAULT_PATH
    if path.is_dir():
        for name in ("cross_encoder.json", "stance.json"):
            if (path / name).exists():
                return path / name
        return path / "stance.json"
    return path


def _load(path: Path, threads: int | None = None) -> Any:
    from .encoder import CrossEncoderStance
    from .stance import StanceModel

    try:
        kind = json.loads(path.read_text(encoding="utf-8")).get("kind")
    except (OSError, ValueError, AttributeError):
        kind = None  # the loader says what is wrong with the file
    if kind == "cross-encoder" or (kind is None and path.name == "cross_encoder.json"):
        return CrossEncoderStance.load(path, threads=threads)
    return StanceModel.load(path)


@functools.lru_cache(maxsize=2)
def _loaded_model(path: str, stamp: int, threads: int | None) -> Any:
    return _load(Path(path), threads)
