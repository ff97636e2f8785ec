"""The decision layer: the rules' reading and the models' probabilities, combined by weights
learned on labelled follow-up coverage instead of factors set by hand.

The rules still read the article — which sentence decides, values compared, outcomes, denial,
hedging, attribution — but what each reading is worth is a multinomial logistic regression over
``FEATURES``, fitted by ``bench/fit_judge.py`` on the coverage benchmark's dev stories (chosen by
leave-one-story-out cross-validation) and shipped as numbers in ``monitor/models/judge.json``.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from ...errors import VerdictError

if TYPE_CHECKING:
    from .judge import Reading

STANCES = ("confirms", "contradicts", "discusses", "unrelated")
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "models" / "judge.json"
FORMAT = 1

PATHS = ("names-only", "partial", "no-value", "meaning", "states", "touches", "not-yet-resolved", "raised",
         "values-agree", "values-disagree", "values-disputed", "values-hedged", "values-reported-by-speaker",
         "outcome-as-forecast", "outcome-against-forecast", "denial", "contrasted", "repeats-speaker")
KINDS = ("fact", "quantity", "forecast", "event")
CUES = ("denial", "negated", "hedged", "attributed", "repeats_speaker", "contrasted", "question")
FEATURES: tuple[str, ...] = (
    *(f"model_log_{s}" for s in STANCES),
    *(f"rules_{s}" for s in STANCES),
    *(f"path_{p}" for p in PATHS),
    *(f"kind_{k}" for k in KINDS),
    *(f"cue_{c}" for c in CUES),
    "strength", "support", "overlap", "similarity", "keyword_candidate", "has_probability",
)


def decision_features(reading: "Reading", model_probs: Sequence[float], rules_probs: Sequence[float]) -> list[float]:
    """The feature vector of one (article, claim) reading, in ``FEATURES`` order."""
    claim, cues = reading.candidate.claim, reading.cues
    values: list[float] = [math.log(max(p, 1e-4)) for p in model_probs]
    values += [float(p) for p in rules_probs]
    values += [float(reading.path == p) for p in PATHS]
    values += [float(claim.kind == k) for k in KINDS]
    values += [float(bool(getattr(cues, c))) for c in CUES]
    values += [reading.strength, reading.support, reading.evidence[0].overlap, reading.similarity,
               float(reading.candidate.coverage > 0), float(claim.probability is not None)]
    return values


class Combiner:
    """A fitted decision layer: probabilities over ``STANCES`` from a feature vector."""

    def __init__(self, *, mean: Sequence[float], scale: Sequence[float], coef: Sequence[Sequence[float]],
                 intercept: Sequence[float], version: str, meta: dict[str, Any] | None = None):
        self.mean = np.asarray(mean, dtype=np.float64)
        self.scale = np.asarray(scale, dtype=np.float64)
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.version = version
        self.meta = meta or {}

    @classmethod
    def load(cls, path: Path | None = None) -> "Combiner":
        path = Path(path) if path is not None else DEFAULT_PATH
        refit = "fit it again with `python bench/fit_judge.py --out monitor/models/judge.json`"
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT or tuple(meta["features"]) != FEATURES:
                raise VerdictError(f"{path} was fitted on other features than this code computes: {refit}")
            return cls(mean=meta["mean"], scale=meta["scale"], coef=meta["coef"], intercept=meta["intercept"],
                       version=meta["version"], meta=meta)
        except FileNotFoundError as exc:
            raise VerdictError(f"decision layer not found at {path}: reinstall the package or {refit}") from exc
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise VerdictError(f"decision layer {path} is unreadable ({type(exc).__name__}: {exc}): {refit}") from exc

    def predict_proba(self, features: Sequence[Sequence[float]]) -> np.ndarray:
        x = (np.asarray(features, dtype=np.float64) - self.mean) / self.scale
        logits = x @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)
