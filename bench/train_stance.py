"""Train the stance model from FNC-1 and write the shipped artefact.

    python bench/train_stance.py --out monitor/models/

1. Split FNC-1's training data by Body ID (seeded; 80 % train / 10 % dev / 10 % held-out; no body
   in two parts) and save the body ids in ``bench/fnc1_split.json``.
2. Fit the TF-IDF vocabulary and SVD topics on the train part's headlines and bodies only.
3. Compute ``monitor.verdicts.features.pair_features`` for every pair.
4. Train LightGBM (multiclass, class-weighted so the rare *disagree* class is learnt), early-stopped
   on dev.
5. Calibrate on dev: per-class scale and bias of the logits, minimising log-loss.
6. Write ``stance.json`` + ``stance_classifier.txt`` + ``stance_encoder.npz`` to ``--out``, then load
   them back through ``StanceModel`` and score the held-out part (reported, never tuned on).

Runs on 2 CPU cores in a few minutes; ``nice -n 10`` it on a shared machine.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import logging
import platform
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Sequence

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import fnc1  # noqa: E402
from monitor.verdicts.features import FEATURE_NAMES, TextEncoder, pair_features  # noqa: E402
from monitor.verdicts.stance import FNC_LABELS, FORMAT, STANCES, StanceModel, calibrate, file_sha256  # noqa: E402

log = logging.getLogger("train_stance")

PARTS = ("train", "dev", "heldout")


def make_split(body_ids: Sequence[str], seed: int, fractions: Sequence[float] = (0.8, 0.1, 0.1)) -> dict[str, list[str]]:
    """Deterministic split of body ids into train / dev / heldout."""
    ids = sorted(set(body_ids), key=int)
    random.Random(seed).shuffle(ids)
    n_train = round(len(ids) * fractions[0])
    n_dev = round(len(ids) * fractions[1])
    parts = {"train": ids[:n_train], "dev": ids[n_train:n_train + n_dev], "heldout": ids[n_train + n_dev:]}
    return {k: sorted(v, key=int) for k, v in parts.items()}


def features_for(encoder: TextEncoder, rows: Sequence[dict[str, str]], bodies: dict[str, str]) -> np.ndarray:
    """Features of every row, computed body by body (the way the product batches an article)."""
    by_body: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_body[r["Body ID"]].append(i)
    out = np.zeros((len(rows), len(FEATURE_NAMES)), dtype=np.float32)
    for body_id, idx in by_body.items():
        out[idx] = pair_features(encoder, [(rows[i]["Headline"], bodies[body_id]) for i in idx])
    return out


def class_weights(y: np.ndarray, disagree_boost: float) -> np.ndarray:
    """Sample weights: inverse class frequency, softened (square root), with an extra push for disagree."""
    counts = np.bincount(y, minlength=len(STANCES)).astype(float)
    per_class = np.sqrt(counts.max() / np.maximum(counts, 1))
    per_class[STANCES.index("contradicts")] *= disagree_boost
    return per_class[y]


def fit_calibration(raw: np.ndarray, y: np.ndarray) -> tuple[list[float], list[float]]:
    """Per-class scale and bias of the logits minimising the log-loss of ``y`` (vector scaling)."""
    from scipy.optimize import minimize

    k = raw.shape[1]

    def loss(theta: np.ndarray) -> float:
        p = calibrate(raw, theta[:k], theta[k:])
        # a weak pull towards identity keeps the fit sane where dev has few examples of a class
        return float(-np.log(p[np.arange(len(y)), y] + 1e-12).mean() + 1e-3 * np.sum((theta[:k] - 1) ** 2))

    res = minimize(loss, np.concatenate([np.ones(k), np.zeros(k)]), method="L-BFGS-B")
    return res.x[:k].tolist(), res.x[k:].tolist()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="directory to write the model into")
    parser.add_argument("--data", type=Path, default=fnc1.DEFAULT_DATA, help="directory with train_stances.csv, train_bodies.csv")
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--split-file", type=Path, default=fnc1.SPLIT_PATH)
    parser.add_argument("--disagree-boost", type=float, default=2.0)
    parser.add_argument("--rounds", type=int, default=2000, help="most boosting rounds (early stopping on dev)")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    import lightgbm

    started = time.perf_counter()
    rows = fnc1.read_stances(args.data / "train_stances.csv")
    bodies = fnc1.read_bodies(args.data / "train_bodies.csv")
    split = make_split(list(bodies), args.seed)
    args.split_file.write_text(json.dumps({
        "seed": args.seed, "fractions": [0.8, 0.1, 0.1], "by": "Body ID",
        "source": "FNC-1 train_bodies.csv / train_stances.csv",
        "body_ids": split}, indent=1) + "\n", encoding="utf-8")
    part_of = {b: part for part, ids in split.items() for b in ids}
    data = {p: [r for r in rows if part_of[r["Body ID"]] == p] for p in PARTS}
    log.info("split: %s", {p: (len(split[p]), len(data[p])) for p in PARTS})

    train_texts = list(dict.fromkeys([r["Headline"] for r in data["train"]] + [bodies[b] for b in split["train"]]))
    encoder = TextEncoder.fit(train_texts, seed=args.seed)
    log.info("encoder: %d terms, %d topics", len(encoder.terms()), encoder.topics.shape[0])

    X = {p: features_for(encoder, data[p], bodies) for p in PARTS}
    y = {p: np.array([FNC_LABELS.index(r["Stance"]) for r in data[p]]) for p in PARTS}
    feature_seconds = time.perf_counter() - started
    log.info("features done in %.0f s", feature_seconds)

    params = {
        "objective": "multiclass", "num_class": len(STANCES), "learning_rate": 0.05, "num_leaves": 31,
        "min_data_in_leaf": 20, "feature_fraction": 0.7, "bagging_fraction": 0.8, "bagging_freq": 1,
        "lambda_l2": 1.0, "num_threads": args.threads, "seed": args.seed, "deterministic": True,
        "force_row_wise": True, "verbosity": -1,
    }
    train_set = lightgbm.Dataset(X["train"], y["train"], weight=class_weights(y["train"], args.disagree_boost),
                                 feature_name=list(FEATURE_NAMES))
    dev_set = lightgbm.Dataset(X["dev"], y["dev"], reference=train_set)
    booster = lightgbm.train(params, train_set, num_boost_round=args.rounds, valid_sets=[dev_set],
                             callbacks=[lightgbm.early_stopping(100, verbose=False), lightgbm.log_evaluation(200)])
    log.info("boosting: best iteration %d", booster.best_iteration)

    raw_dev = booster.predict(X["dev"], raw_score=True, num_iteration=booster.best_iteration)
    scale, bias = fit_calibration(raw_dev, y["dev"])
    log.info("calibration scale %s bias %s", np.round(scale, 3).tolist(), np.round(bias, 3).tolist())
    train_seconds = time.perf_counter() - started

    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    classifier_path = out / "stance_classifier.txt"
    encoder_path = out / "stance_encoder.npz"
    booster.save_model(str(classifier_path), num_iteration=booster.best_iteration)
    np.savez_compressed(encoder_path, terms=np.array(encoder.terms()), idf=encoder.tfidf.idf_.astype(np.float32),
                        topics=encoder.topics.astype(np.float16))
    digest = hashlib.sha256(classifier_path.read_bytes() + encoder_path.read_bytes()).hexdigest()
    today = dt.date.today().isoformat()
    meta: dict[str, object] = {
        "format": FORMAT,
        "name": "stance-fnc1-lgbm",
        "version": f"stance-fnc1-lgbm-{today.replace('-', '')}-{digest[:8]}",
        "classes": list(STANCES),
        "fnc_labels": list(FNC_LABELS),
        "feature_names": list(FEATURE_NAMES),
        "files": {"classifier": {"path": classifier_path.name, "sha256": file_sha256(classifier_path)},
                  "encoder": {"path": encoder_path.name, "sha256": file_sha256(encoder_path)}},
        "calibration": {"method": "vector scaling of logits (per-class scale and bias) fitted on dev by log-loss",
                        "scale": scale, "bias": bias},
        "provenance": {
            "data": "FNC-1 train_stances.csv + train_bodies.csv (Fake News Challenge stage 1, 2017; from Emergent)",
            "split": f"by Body ID, seed {args.seed}, 80/10/10 train/dev/heldout; ids in bench/fnc1_split.json",
            "pairs": {p: len(data[p]) for p in PARTS},
            "command": "python bench/train_stance.py --out monitor/models/"
                       + (f" --seed {args.seed}" if args.seed != 2017 else "")
                       + (f" --disagree-boost {args.disagree_boost}" if args.disagree_boost != 2.0 else ""),
            "seed": args.seed,
            "date": today,
            "lightgbm_params": params,
            "best_iteration": booster.best_iteration,
            "disagree_boost": args.disagree_boost,
            "python": platform.python_version(),
            "lightgbm": lightgbm.__version__,
            "train_seconds": round(train_seconds, 1),
            "cpu_count": __import__("os").cpu_count(),
        },
    }
    meta_path = out / "stance.json"
    meta_path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")

    # Score through the shipped code path: load the files just written, predict raw text pairs.
    t0 = time.perf_counter()
    model = StanceModel.load(meta_path)
    load_seconds = time.perf_counter() - t0
    scores = {}
    for part in ("dev", "heldout"):
        pairs = [(r["Headline"], bodies[r["Body ID"]]) for r in data[part]]
        t0 = time.perf_counter()
        proba = np.zeros((len(pairs), len(STANCES)))
        by_body: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(data[part]):
            by_body[r["Body ID"]].append(i)
        for idx in by_body.values():
            proba[idx] = model.predict_proba([pairs[i] for i in idx])
        seconds = time.perf_counter() - t0
        gold = [r["Stance"] for r in data[part]]
        pred = [FNC_LABELS[j] for j in proba.argmax(axis=1)]
        rep = fnc1.report(gold, pred, proba)
        rep["pairs_per_second"] = round(len(pairs) / seconds, 1)
        rep["load_seconds"] = round(load_seconds, 3)
        scores[part] = rep
        log.info("%s:\n%s", part, fnc1.format_report(rep))
    meta["scores"] = scores
    meta["provenance"]["total_seconds"] = round(time.perf_counter() - started, 1)  # type: ignore[index]
    meta_path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    log.info("wrote %s (%s) in %.0f s", meta_path, meta["version"], time.perf_counter() - started)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
