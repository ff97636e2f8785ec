"""The stance model: (claim, article) -> calibrated probabilities of confirms / contradicts /
discusses / unrelated.

It owns loading the shipped artefact (``monitor/models/stance.json`` + the files it names) and
turning pairs into probabilities; the features are computed by ``monitor.judge.verdicts.features`` (the
same code the trainer, ``bench/train_stance.py``, used), then a LightGBM classifier scores them and
a per-class scaling of its logits, fitted on the development part of the data, calibrates them.

The artefact holds no pickles: the TF-IDF vocabulary, idf weights and topic projection are numpy
arrays, the classifier is LightGBM's text format, the calibration is numbers in JSON — so it loads
the same under any scikit-learn release and loading it cannot run code.
"""
from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ...errors import VerdictError
from .encoder import file_sha256
from .features import FEATURE_NAMES, TextEncoder, pair_features

log = logging.getLogger(__name__)

STANCES = ("confirms", "contradicts", "discusses", "unrelated")
# FNC-1's names for the same classes, in the same order.
FNC_LABELS = ("agree", "disagree", "discuss", "unrelated")
FNC_TO_STANCE = dict(zip(FNC_LABELS, STANCES))
STANCE_TO_FNC = dict(zip(STANCES, FNC_LABELS))

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "models" / "stance.json"
FORMAT = 1


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def calibrate(raw: np.ndarray, scale: Sequence[float], bias: Sequence[float]) -> np.ndarray:
    """Calibrated probabilities from raw classifier scores (per-class scale and bias, then softmax)."""
    return softmax(raw * np.asarray(scale, dtype=np.float64) + np.asarray(bias, dtype=np.float64))


class StanceModel:
    """A loaded stance model. ``predict`` is safe to call from one thread at a time."""

    def __init__(self, *, encoder: TextEncoder, booster: Any, scale: Sequence[float],
                 bias: Sequence[float], version: str, meta: dict[str, Any] | None = None):
        self.encoder = encoder
        self.booster = booster
        self.scale = list(scale)
        self.bias = list(bias)
        self.version = version
        self.meta = meta or {}

    @classmethod
    def load(cls, path: Path | None = None) -> "StanceModel":
        """Load the model described by ``path`` (a ``stance.json``; default: the shipped one)."""
        import lightgbm

        meta_path = Path(path) if path is not None else DEFAULT_PATH
        if meta_path.is_dir():
            meta_path = meta_path / "stance.json"
        retrain = "retrain it with `python bench/train_stance.py --out monitor/models/`"
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise VerdictError(f"stance model not found at {meta_path}: reinstall the package or {retrain}") from exc
        except (OSError, ValueError) as exc:
            raise VerdictError(f"stance model metadata {meta_path} is unreadable ({exc}): {retrain}") from exc
        try:
            if meta.get("format") != FORMAT:
                raise VerdictError(f"stance model {meta_path} has format {meta.get('format')!r}, this code reads "
                                   f"format {FORMAT}: {retrain}")
            if tuple(meta["feature_names"]) != FEATURE_NAMES:
                raise VerdictError(f"stance model {meta_path} was trained on other features than this code "
                                   f"computes: {retrain}")
            files = {name: meta_path.parent / entry["path"] for name, entry in meta["files"].items()}
            for name, file in files.items():
                if file_sha256(file) != meta["files"][name]["sha256"]:
                    raise VerdictError(f"stance model file {file} does not match the checksum in {meta_path} "
                                       f"(corrupt or from another model): {retrain}")
            with np.load(files["encoder"], allow_pickle=False) as arrays:
                encoder = TextEncoder.from_arrays(arrays["terms"].tolist(), arrays["idf"], arrays["topics"])
            booster = lightgbm.Booster(model_str=_text(files["classifier"]))
            calibration = meta["calibration"]
            model = cls(encoder=encoder, booster=booster, scale=calibration["scale"], bias=calibration["bias"],
                        version=meta["version"], meta=meta)
        except VerdictError:
            raise
        except (OSError, KeyError, ValueError, TypeError, lightgbm.basic.LightGBMError) as exc:
            raise VerdictError(f"stance model {meta_path} is incomplete or corrupt ({type(exc).__name__}: {exc}): "
                               f"{retrain}") from exc
        log.debug("loaded stance model %s from %s", model.version, meta_path)
        return model

    def raw_scores(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Uncalibrated classifier scores (logits), one row per pair, columns in ``STANCES`` order."""
        features = pair_features(self.encoder, pairs)
        if len(features) == 0:
            return np.zeros((0, len(STANCES)))
        return np.asarray(self.booster.predict(features, raw_score=True), dtype=np.float64)

    def predict_proba(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Calibrated probabilities as an array (rows sum to 1), columns in ``STANCES`` order."""
        return calibrate(self.raw_scores(pairs), self.scale, self.bias)

    def predict(self, pairs: list[tuple[str, str]]) -> list[dict[str, float]]:
        """Calibrated probabilities over ``STANCES`` for each (claim, article text) pair."""
        return [dict(zip(STANCES, map(float, row))) for row in self.predict_proba(pairs)]


def _text(path: Path) -> str:
    """A model file's text; ``.gz`` files are gzip-compressed (the booster's text is 4.7 MB raw)."""
    data = path.read_bytes()
    return (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")
