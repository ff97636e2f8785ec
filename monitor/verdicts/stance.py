"""The stance model: (claim, article) -> calibrated probabilities of confirms / contradicts /
discusses / unrelated.

It owns loading the shipped artefact (``monitor/models/stance.json`` + the files it names) and
turning pairs into probabilities. The inputs are computed by ``monitor.verdicts.features`` (the
same code the trainer, ``bench/train_stance.py``, used); two classifiers score them:

* LightGBM over the hand-built pair features (similarities, overlaps, cue words, polarity, topics);
* a one-hidden-layer network over the claim's and article's bags of words (UCL-FNC style), which
  errs differently;

their log-probabilities are mixed (weight ``blend`` on the network) and a per-class scale and bias
of the result, fitted on the development part of the data, calibrates them.

The artefact holds no pickles: the TF-IDF vocabulary, idf weights, topic projection and network
weights are numpy arrays, the boosted trees are LightGBM's text format, the calibration is numbers
in JSON — so it loads the same under any scikit-learn release and loading it cannot run code.
"""
from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..errors import VerdictError
from .features import FEATURE_NAMES, TextEncoder, pair_features, pair_words

log = logging.getLogger(__name__)

STANCES = ("confirms", "contradicts", "discusses", "unrelated")
# FNC-1's names for the same classes, in the same order.
FNC_LABELS = ("agree", "disagree", "discuss", "unrelated")
FNC_TO_STANCE = dict(zip(FNC_LABELS, STANCES))
STANCE_TO_FNC = dict(zip(STANCES, FNC_LABELS))

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "models" / "stance.json"
FORMAT = 2


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


class WordNetwork:
    """The bag-of-words classifier: ReLU hidden layer, softmax output (weights from scikit-learn's MLP)."""

    def __init__(self, columns: np.ndarray, weights: Sequence[np.ndarray], biases: Sequence[np.ndarray]):
        self.columns = np.asarray(columns)
        self.weights = [np.asarray(w, dtype=np.float32) for w in weights]
        self.biases = [np.asarray(b, dtype=np.float32) for b in biases]

    def logits(self, encoder: TextEncoder, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        hidden = pair_words(encoder, pairs, self.columns)
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            hidden = hidden @ w + b
            if i < len(self.weights) - 1:
                hidden = np.maximum(hidden, 0.0)
        return np.asarray(hidden, dtype=np.float64)


def calibrate(raw: np.ndarray, scale: Sequence[float], bias: Sequence[float]) -> np.ndarray:
    """Calibrated probabilities from raw classifier scores (per-class scale and bias, then softmax)."""
    return softmax(raw * np.asarray(scale, dtype=np.float64) + np.asarray(bias, dtype=np.float64))


def mix(tree_logits: np.ndarray, network_logits: np.ndarray, blend: float) -> np.ndarray:
    """Log-probabilities of the two classifiers, mixed with weight ``blend`` on the network."""
    return (1.0 - blend) * log_softmax(tree_logits) + blend * log_softmax(network_logits)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class StanceModel:
    """A loaded stance model. ``predict`` is safe to call from one thread at a time."""

    def __init__(self, *, encoder: TextEncoder, booster: Any, network: WordNetwork, blend: float,
                 scale: Sequence[float], bias: Sequence[float], version: str, meta: dict[str, Any] | None = None):
        self.encoder = encoder
        self.booster = booster
        self.network = network
        self.blend = blend
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
            with np.load(files["network"], allow_pickle=False) as arrays:
                layers = int(arrays["layers"])
                network = WordNetwork(arrays["columns"], [arrays[f"w{i}"] for i in range(layers)],
                                      [arrays[f"b{i}"] for i in range(layers)])
            booster = lightgbm.Booster(model_str=files["classifier"].read_text(encoding="utf-8"))
            calibration = meta["calibration"]
            model = cls(encoder=encoder, booster=booster, network=network, blend=float(meta["blend"]),
                        scale=calibration["scale"], bias=calibration["bias"], version=meta["version"], meta=meta)
        except VerdictError:
            raise
        except (OSError, KeyError, ValueError, TypeError, lightgbm.basic.LightGBMError) as exc:
            raise VerdictError(f"stance model {meta_path} is incomplete or corrupt ({type(exc).__name__}: {exc}): "
                               f"{retrain}") from exc
        log.debug("loaded stance model %s from %s", model.version, meta_path)
        return model

    def raw_scores(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Uncalibrated scores (mixed log-probabilities), one row per pair, columns in ``STANCES`` order."""
        if not pairs:
            return np.zeros((0, len(STANCES)))
        trees = np.asarray(self.booster.predict(pair_features(self.encoder, pairs), raw_score=True), dtype=np.float64)
        return mix(trees, self.network.logits(self.encoder, pairs), self.blend)

    def predict_proba(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Calibrated probabilities as an array (rows sum to 1), columns in ``STANCES`` order."""
        return calibrate(self.raw_scores(pairs), self.scale, self.bias)

    def predict(self, pairs: list[tuple[str, str]]) -> list[dict[str, float]]:
        """Calibrated probabilities over ``STANCES`` for each (claim, article text) pair."""
        return [dict(zip(STANCES, map(float, row))) for row in self.predict_proba(pairs)]
