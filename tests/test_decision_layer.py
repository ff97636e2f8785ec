"""The decision layer: the rules' reading and the models' probabilities weighed by weights fitted
on labelled coverage (``bench/fit_judge.py`` writes ``judge.json``). None ships today — on the
coverage dev stories it did not beat the hand-set factors without calling confirmations
contradictions (README, Verdicts) — but a fitted one is loaded from the models folder and used."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from monitor.errors import VerdictError
from monitor.judge.claims import Claim
from monitor.judge.verdicts import decision_layer, load_judge
from monitor.judge.verdicts.combine import FEATURES, FORMAT, STANCES, Combiner
from monitor.judge.verdicts.encoder import DEFAULT_PATH as CROSS_ENCODER

CLAIM = Claim(id="cut", statement="The ECB will cut its deposit rate by 25 basis points.", kind="fact")


def layer_saying(stance: str) -> dict:
    """A layer that always leans to ``stance`` (a large intercept, no weights)."""
    return {"format": FORMAT, "version": f"judge-always-{stance}", "features": list(FEATURES),
            "stances": list(STANCES), "mean": [0.0] * len(FEATURES), "scale": [1.0] * len(FEATURES),
            "coef": [[0.0] * len(FEATURES) for _ in STANCES],
            "intercept": [5.0 if s == stance else 0.0 for s in STANCES]}


@pytest.fixture
def models_with_a_layer(tmp_path: Path) -> Path:
    for name in ("cross_encoder", "sentence_encoder"):
        meta = CROSS_ENCODER.with_name(f"{name}.json")
        shutil.copy(meta, tmp_path)
        for entry in json.loads(meta.read_text(encoding="utf-8"))["files"].values():
            shutil.copy(meta.parent / entry["path"], tmp_path)
    (tmp_path / "judge.json").write_text(json.dumps(layer_saying("discusses")), encoding="utf-8")
    return tmp_path


def test_probabilities_over_the_four_stances_for_each_reading() -> None:
    layer = Combiner(**{k: v for k, v in layer_saying("confirms").items()
                        if k in ("mean", "scale", "coef", "intercept", "version")})
    probs = layer.predict_proba(np.zeros((3, len(FEATURES))))
    assert probs.shape == (3, len(STANCES)) and np.allclose(probs.sum(axis=1), 1.0)
    assert (probs.argmax(axis=1) == STANCES.index("confirms")).all()


def test_a_layer_fitted_on_other_features_is_refused_with_how_to_refit(tmp_path: Path) -> None:
    meta = layer_saying("confirms")
    meta["features"] = meta["features"][:-1]
    stale = tmp_path / "judge.json"
    stale.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(VerdictError, match="fit_judge.py"):
        Combiner.load(stale)


def test_without_a_fitted_layer_the_rules_decide() -> None:
    assert decision_layer() is None
    judge = load_judge([CLAIM], threshold=0.6, max_candidates=8)
    (assessment,) = judge.assess("ECB cuts rates", "The ECB cut its deposit rate by 25 basis points on Thursday.")
    assert "weighed" not in assessment.verdict.reasons and len(assessment.features) == len(FEATURES)


def test_a_fitted_layer_beside_the_models_weighs_every_reading(models_with_a_layer: Path) -> None:
    judge = load_judge([CLAIM], threshold=0.6, max_candidates=8, model_path=models_with_a_layer)
    assert judge.combiner is not None and "judge-always-discusses" in judge.version
    (assessment,) = judge.assess("ECB cuts rates", "The ECB cut its deposit rate by 25 basis points on Thursday.")
    assert "weighed" in assessment.verdict.reasons and assessment.verdict.verdict == "discusses"
