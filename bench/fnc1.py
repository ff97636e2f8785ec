"""FNC-1 benchmark of the stance stage: predict, write and score stances for FNC-1-format files.

    python bench/fnc1.py --stances S.csv --bodies B.csv [--out PRED.csv] [--split heldout]
                         [--model monitor/models/cross_encoder.json]

Runs the shipped stance model on every (Headline, Body ID) row of S.csv — the cross-encoder reads
the passage of the body the judge would pick for that headline, the lexical model
(``--model monitor/models/stance.json``) the whole body — writes the predictions in the same
format (Headline, Body ID, Stance with the FNC labels agree/disagree/discuss/unrelated) and, when
S.csv has a Stance column, scores them: the official FNC-1 relative score (0.25 for telling
related from unrelated, 0.75 more for the exact label of a related pair, over the best possible),
per-class and macro F1, the confusion matrix, calibration (expected calibration error and a
confidence-bin table) and pairs per second. ``--split NAME`` keeps only the body ids of that part
of ``bench/fnc1_split.json`` (the split ``bench/train_stance.py`` trained on).

The scoring functions here are also what the trainer reports with.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path
from typing import Sequence

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.shared import shared_data_dir  # noqa: E402

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED = frozenset(LABELS[:3])
SPLIT_PATH = Path(__file__).resolve().parent / "fnc1_split.json"
DEFAULT_DATA = shared_data_dir() / "fnc1"


def read_stances(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return [dict(row) for row in csv.DictReader(f)]


def read_bodies(path: Path) -> dict[str, str]:
    with open(path, newline="", encoding="utf-8") as f:
        return {row["Body ID"]: row["articleBody"] for row in csv.DictReader(f)}


def write_stances(path: Path, rows: Sequence[dict[str, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["Headline", "Body ID", "Stance"])
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row[k] for k in ("Headline", "Body ID", "Stance")})


def load_split(path: Path = SPLIT_PATH) -> dict[str, list[str]]:
    return json.loads(path.read_text(encoding="utf-8"))["body_ids"]


def relative_score(gold: Sequence[str], pred: Sequence[str]) -> float:
    """FNC-1's score of ``pred`` divided by the score of a perfect answer."""
    def points(g: str, p: str) -> float:
        s = 0.0
        if (g in RELATED) == (p in RELATED):
            s += 0.25
        if g in RELATED and g == p:
            s += 0.75
        return s
    best = sum(points(g, g) for g in gold)
    return sum(points(g, p) for g, p in zip(gold, pred)) / best if best else 0.0


def confusion(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = LABELS) -> list[list[int]]:
    """Rows: gold label, columns: predicted label, both in ``labels`` order."""
    index = {lab: i for i, lab in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred):
        matrix[index[g]][index[p]] += 1
    return matrix


def f1_scores(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = LABELS) -> dict[str, float]:
    m = confusion(gold, pred, labels)
    out = {}
    for i, lab in enumerate(labels):
        tp = m[i][i]
        fp = sum(m[j][i] for j in range(len(labels))) - tp
        fn = sum(m[i]) - tp
        out[lab] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return out


def calibration(confidence: np.ndarray, correct: np.ndarray, bins: int = 10) -> dict[str, object]:
    """Expected calibration error of top-label confidences, and a bin -> (n, confidence, accuracy) table."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    table = []
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        mask = (confidence > lo) & (confidence <= hi) if lo > 0 else (confidence >= lo) & (confidence <= hi)
        n = int(mask.sum())
        if not n:
            continue
        conf, acc = float(confidence[mask].mean()), float(correct[mask].mean())
        ece += n / len(confidence) * abs(conf - acc)
        table.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": n, "confidence": round(conf, 4), "accuracy": round(acc, 4)})
    return {"ece": round(ece, 4), "bins": table}


def report(gold: Sequence[str], pred: Sequence[str], proba: np.ndarray | None = None) -> dict[str, object]:
    f1 = f1_scores(gold, pred)
    out: dict[str, object] = {
        "pairs": len(gold),
        "relative_score": round(relative_score(gold, pred), 4),
        "f1": {k: round(v, 4) for k, v in f1.items()},
        "macro_f1": round(sum(f1.values()) / len(f1), 4),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / max(len(gold), 1), 4),
        "confusion": {"labels": list(LABELS), "rows_gold_cols_pred": confusion(gold, pred)},
    }
    if proba is not None:
        gold_idx = np.array([LABELS.index(g) for g in gold])
        out["calibration"] = calibration(proba.max(axis=1), proba.argmax(axis=1) == gold_idx)
    return out


def format_report(rep: dict) -> str:
    lines = [f"pairs: {rep['pairs']}",
             f"FNC-1 relative score: {rep['relative_score'] * 100:.2f} %",
             "F1: " + ", ".join(f"{k} {v:.3f}" for k, v in rep["f1"].items()) + f"; macro {rep['macro_f1']:.3f}",
             f"accuracy: {rep['accuracy']:.4f}",
             "confusion (rows gold, columns predicted):",
             "            " + "".join(f"{lab:>11}" for lab in LABELS)]
    for lab, row in zip(LABELS, rep["confusion"]["rows_gold_cols_pred"]):
        lines.append(f"{lab:>12}" + "".join(f"{n:>11}" for n in row))
    if "calibration" in rep:
        cal = rep["calibration"]
        lines.append(f"expected calibration error: {cal['ece']:.4f}")
        lines.append("confidence bin      n  mean conf  accuracy")
        for b in cal["bins"]:
            lines.append(f"{b['bin']:>14} {b['n']:>6}  {b['confidence']:>9.3f}  {b['accuracy']:>8.3f}")
    if "pairs_per_second" in rep:
        lines.append(f"speed: {rep['pairs_per_second']:.0f} pairs/s ({1000 / rep['pairs_per_second']:.2f} ms/pair), "
                     f"model load {rep['load_seconds']:.2f} s")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stances", type=Path, default=DEFAULT_DATA / "train_stances.csv")
    parser.add_argument("--bodies", type=Path, default=DEFAULT_DATA / "train_bodies.csv")
    parser.add_argument("--out", type=Path, help="write predictions here (FNC-1 format)")
    parser.add_argument("--split", help="keep only this part of bench/fnc1_split.json (train, dev, heldout)")
    parser.add_argument("--model", type=Path, help="the model's cross_encoder.json or stance.json, or a folder "
                        "(default: the shipped one, the cross-encoder)")
    parser.add_argument("--batch", type=int, default=256, help="pairs per predict call")
    parser.add_argument("--json", type=Path, help="also write the scores as JSON here")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from monitor.judge.verdicts import stance_model
    from monitor.judge.verdicts.passages import select_passage, sentences_of
    from monitor.judge.verdicts.stance import STANCE_TO_FNC, STANCES

    rows = read_stances(args.stances)
    bodies = read_bodies(args.bodies)
    if args.split:
        keep = set(load_split()[args.split])
        rows = [r for r in rows if r["Body ID"] in keep]
    missing = {r["Body ID"] for r in rows} - bodies.keys()
    if missing:
        parser.error(f"{len(missing)} body ids of {args.stances} are not in {args.bodies}, e.g. {sorted(missing)[:3]}")

    t0 = time.perf_counter()
    model = stance_model(args.model)
    load_seconds = time.perf_counter() - t0
    sentences: dict[str, list[str]] = {}

    def article(headline: str, body_id: str) -> str:
        """What the model reads of the body: all of it, or for a cross-encoder the passage the
        judge would pick for this headline."""
        if getattr(model, "reads", "article") != "passage":
            return bodies[body_id]
        if body_id not in sentences:
            sentences[body_id] = sentences_of(bodies[body_id])
        return select_passage(headline, sentences[body_id])

    # Group by body so a batch shares articles, as the product's batches do.
    order = sorted(range(len(rows)), key=lambda i: rows[i]["Body ID"])
    proba = np.zeros((len(rows), len(STANCES)))
    t0 = time.perf_counter()
    for start in range(0, len(order), args.batch):
        idx = order[start:start + args.batch]
        proba[idx] = model.predict_proba([(rows[i]["Headline"], article(rows[i]["Headline"], rows[i]["Body ID"]))
                                          for i in idx])
    seconds = time.perf_counter() - t0
    pred = [STANCE_TO_FNC[STANCES[j]] for j in proba.argmax(axis=1)]

    if args.out:
        write_stances(args.out, [{**r, "Stance": p} for r, p in zip(rows, pred)])
    print(f"model {model.version}: {len(rows)} pairs in {seconds:.1f} s")
    if rows and "Stance" in rows[0] and rows[0]["Stance"]:
        rep = report([r["Stance"] for r in rows], pred, proba)
        rep["pairs_per_second"] = len(rows) / seconds
        rep["load_seconds"] = load_seconds
        print(format_report(rep))
        if args.json:
            args.json.write_text(json.dumps(rep, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
