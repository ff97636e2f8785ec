"""The shipped stance model: loads, gives calibrated probabilities, behaves on obvious cases;
the FNC-1 scorer and the train/dev/held-out split it is measured on."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
from pathlib import Path

import pytest

from monitor.errors import VerdictError
from monitor.judge.verdicts.stance import DEFAULT_PATH, STANCES, StanceModel

ROOT = Path(__file__).resolve().parent.parent


def _load_bench(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fnc1 = _load_bench("fnc1")

CLAIM = "Apple to launch a smartwatch called iWatch next month"
CONFIRMING = (
    "Apple will launch its long-awaited smartwatch, the iWatch, next month, the company confirmed "
    "on Tuesday. Chief executive Tim Cook announced the iWatch launch at an event in Cupertino, "
    "saying the smartwatch would go on sale in stores next month. The iWatch will track fitness "
    "and show notifications from the iPhone.")
DENYING = (
    "Apple has denied reports that it will launch a smartwatch called the iWatch next month. "
    "A spokesman said the rumour was false and that there is no iWatch launch planned. "
    "\"These reports are completely untrue,\" the spokesman said, dismissing the claims about the "
    "smartwatch as fake.")
UNRELATED = (
    "Heavy rain flooded parts of the city on Sunday as the river burst its banks. Emergency "
    "services evacuated dozens of families and closed several roads, while forecasters warned "
    "that more storms were expected across the region later in the week.")


@pytest.fixture(scope="module")
def model() -> StanceModel:
    return StanceModel.load()


def test_shipped_model_loads_with_a_version(model: StanceModel) -> None:
    assert model.version.startswith("stance-fnc1-")
    assert model.version == json.loads(DEFAULT_PATH.read_text())["version"]


def test_predict_returns_normalised_probabilities(model: StanceModel) -> None:
    out = model.predict([(CLAIM, CONFIRMING), (CLAIM, UNRELATED), (CLAIM, ""), ("", UNRELATED)])
    assert len(out) == 4
    for probs in out:
        assert set(probs) == set(STANCES)
        assert all(0.0 <= p <= 1.0 for p in probs.values())
        assert sum(probs.values()) == pytest.approx(1.0, abs=1e-6)
    assert model.predict([]) == []


def test_obvious_cases(model: StanceModel) -> None:
    confirming, unrelated, denying = model.predict([(CLAIM, CONFIRMING), (CLAIM, UNRELATED), (CLAIM, DENYING)])
    assert max(unrelated, key=unrelated.get) == "unrelated"
    assert unrelated["unrelated"] > 0.9
    assert confirming["unrelated"] < 0.1
    assert denying["unrelated"] < 0.1
    assert denying["contradicts"] > confirming["contradicts"]


def test_batching_does_not_change_answers(model: StanceModel) -> None:
    together = model.predict([(CLAIM, CONFIRMING), (CLAIM, DENYING)])
    alone = model.predict([(CLAIM, DENYING)])
    assert together[1] == pytest.approx(alone[0])


def test_missing_model_says_how_to_fix(tmp_path: Path) -> None:
    with pytest.raises(VerdictError, match="train_stance.py"):
        StanceModel.load(tmp_path / "stance.json")


def test_corrupt_model_file_is_detected(tmp_path: Path) -> None:
    for f in DEFAULT_PATH.parent.glob("stance*"):
        shutil.copy(f, tmp_path / f.name)
    classifier = tmp_path / "stance_classifier.txt.gz"
    classifier.write_bytes(classifier.read_bytes()[:-100])
    with pytest.raises(VerdictError, match="checksum"):
        StanceModel.load(tmp_path / "stance.json")


def test_fnc1_scorer_matches_hand_computed_example() -> None:
    gold = ["agree", "disagree", "discuss", "unrelated", "unrelated", "agree"]
    pred = ["agree", "discuss", "unrelated", "unrelated", "agree", "agree"]
    # best: 4 related * 1.0 + 2 unrelated * 0.25 = 4.5
    # got: agree 1.0 + disagree->discuss 0.25 + discuss->unrelated 0 + unrelated 0.25 + unrelated->agree 0 + 1.0 = 2.5
    assert fnc1.relative_score(gold, pred) == pytest.approx(2.5 / 4.5)
    f1 = fnc1.f1_scores(gold, pred)
    assert f1["agree"] == pytest.approx(2 * 2 / (2 * 2 + 1 + 0))  # tp 2, fp 1, fn 0
    assert f1["disagree"] == 0.0
    assert f1["unrelated"] == pytest.approx(2 * 1 / (2 * 1 + 1 + 1))
    assert fnc1.confusion(gold, pred)[1] == [0, 0, 1, 0]


def test_split_has_no_body_in_two_parts_and_covers_all() -> None:
    split = fnc1.load_split()
    parts = [set(split[p]) for p in ("train", "dev", "heldout")]
    assert not parts[0] & parts[1] and not parts[0] & parts[2] and not parts[1] & parts[2]
    assert sum(map(len, parts)) == 1683
    assert len(parts[2]) >= 150 and len(parts[1]) >= 150


def test_split_is_reproducible_from_its_seed() -> None:
    train = _load_bench("train_stance")
    saved = json.loads(fnc1.SPLIT_PATH.read_text())
    all_ids = [b for part in saved["body_ids"].values() for b in part]
    assert train.make_split(all_ids, saved["seed"]) == saved["body_ids"]


# Floors of the shipped model's held-out scores (written into stance.json by the trainer, which
# scores the artefact through StanceModel). Lowering one is a visible change. The brief's bar for
# disagree F1 is 0.5; the shipped model does not reach it (see monitor/models/README.md).
HELDOUT_FLOORS = {"relative_score": 0.85, "disagree_f1": 0.38, "macro_f1": 0.72, "ece_max": 0.03}


def test_shipped_model_keeps_its_held_out_floors() -> None:
    heldout = json.loads(DEFAULT_PATH.read_text())["scores"]["heldout"]
    assert heldout["relative_score"] >= HELDOUT_FLOORS["relative_score"]
    assert heldout["f1"]["disagree"] >= HELDOUT_FLOORS["disagree_f1"]
    assert heldout["macro_f1"] >= HELDOUT_FLOORS["macro_f1"]
    assert heldout["calibration"]["ece"] <= HELDOUT_FLOORS["ece_max"]


def test_model_card_names_the_shipped_version() -> None:
    meta = json.loads(DEFAULT_PATH.read_text())
    card = (DEFAULT_PATH.parent / "README.md").read_text()
    assert meta["version"] in card
    assert f"{meta['scores']['heldout']['relative_score'] * 100:.2f} %" in card


def test_fnc1_bench_writes_predictions_in_fnc1_format_and_scores_them(tmp_path: Path, capsys) -> None:
    import csv

    bodies = tmp_path / "bodies.csv"
    stances = tmp_path / "stances.csv"
    with open(bodies, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["Body ID", "articleBody"], ["1", CONFIRMING], ["2", UNRELATED]])
    with open(stances, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["Headline", "Body ID", "Stance"], [CLAIM, "1", "agree"], [CLAIM, "2", "unrelated"]])
    out = tmp_path / "pred.csv"
    assert fnc1.main(["--stances", str(stances), "--bodies", str(bodies), "--out", str(out)]) == 0
    rows = fnc1.read_stances(out)
    assert [r["Body ID"] for r in rows] == ["1", "2"]
    assert rows[1]["Stance"] == "unrelated" and rows[0]["Stance"] in fnc1.RELATED
    printed = capsys.readouterr().out
    expected = fnc1.relative_score(["agree", "unrelated"], [r["Stance"] for r in rows])
    assert f"FNC-1 relative score: {expected * 100:.2f} %" in printed


def test_feature_names_are_unique() -> None:
    from monitor.judge.verdicts.features import FEATURE_NAMES

    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)


def test_judges_share_one_loaded_model_until_it_changes(tmp_path: Path) -> None:
    from monitor.judge.verdicts import stance_model

    assert stance_model() is stance_model(DEFAULT_PATH.parent)
    for f in DEFAULT_PATH.parent.glob("stance*"):
        shutil.copy(f, tmp_path / f.name)
    copy = stance_model(tmp_path)
    assert copy is not stance_model() and copy is stance_model(tmp_path / "stance.json")
    meta = tmp_path / "stance.json"
    meta.write_text(meta.read_text() + "\n")  # a retrained model rewrites its stance.json
    os.utime(meta, ns=(meta.stat().st_atime_ns, meta.stat().st_mtime_ns + 10**9))
    assert stance_model(tmp_path) is not copy
