"""Fit the judge's decision layer on the coverage benchmark's dev stories.

    python bench/fit_judge.py [--models monitor/models/] [--out monitor/models/judge.json]

Runs the judge (cross-encoder, sentence encoder, rules) over every cached dev article, keeps the
decision features of each (article, claim) reading (``monitor.judge.verdicts.combine.FEATURES``)
with its settled label, and fits a multinomial logistic regression on them. The regularisation
and class weighting are chosen by **leave-one-story-out** cross-validation over the dev stories
(a story's claims are never seen by the fold that scores them), on the benchmark's own measure:
4-class macro-F1 over every labelled pair (a pair the judge did not read counts as *unrelated*).
The test stories are not read here.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import coverage  # noqa: E402
from monitor.judge.verdicts.combine import FEATURES, FORMAT, STANCES  # noqa: E402

THRESHOLD = 0.6


class RulesAsTheyAre:
    """A stand-in decision layer that returns the rules' own probabilities (``rules_*`` features):
    with it the judge asks the model about every reading, as it does with the fitted layer."""

    version = "rules-as-they-are"
    rules = slice(FEATURES.index("rules_confirms"), FEATURES.index("rules_unrelated") + 1)

    def predict_proba(self, features: Sequence[Sequence[float]]) -> np.ndarray:
        return np.asarray(features, dtype=np.float64)[:, self.rules]


@dataclass
class Pair:
    story: str
    gold: int
    features: list[float] | None    # None: the judge did not read this claim in this article


def collect(stories: Sequence[str], models: Path) -> list[Pair]:
    from monitor.judge.claims import load_claims
    from monitor.judge.verdicts import Judge, sentence_encoder, stance_model

    model, vectors = stance_model(models), sentence_encoder(models)
    out = []
    for story in stories:
        claims = [c for c in load_claims(coverage.BENCH / story / "claims.toml") if c.active]
        judge = Judge(claims, threshold=THRESHOLD, max_candidates=8, model=model, sentence_encoder=vectors,
                      combiner=RulesAsTheyAre())
        gold = coverage.labels(story)
        for row in coverage.articles(story):
            _, text = coverage.read_cached(coverage.CACHE / story / f"{row['cache']}.txt")
            title, body = coverage._title_and_body(text)
            read = {a.verdict.claim_id: a.features for a in judge.assess(title, body, row["published"] or None)}
            for claim in claims:
                label = gold[(row["url"], claim.id)]["label"]
                out.append(Pair(story, STANCES.index(label), read.get(claim.id)))
        print(f"{story}: {sum(p.story == story for p in out)} pairs", flush=True)
    return out


def macro_f1(gold: Sequence[int], predicted: Sequence[int]) -> float:
    scores = []
    for k in range(len(STANCES)):
        tp = sum(g == k and p == k for g, p in zip(gold, predicted))
        fp = sum(g != k and p == k for g, p in zip(gold, predicted))
        fn = sum(g == k and p != k for g, p in zip(gold, predicted))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(scores))


def fit(pairs: Sequence[Pair], c: float, weighting: str | None):
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    read = [p for p in pairs if p.features is not None]
    x = np.array([p.features for p in read])
    y = np.array([p.gold for p in read])
    scaler = StandardScaler().fit(x)
    scaler.scale_[scaler.scale_ < 1e-9] = 1.0
    classifier = LogisticRegression(C=c, class_weight=weighting, max_iter=2000)
    classifier.fit(scaler.transform(x), y)
    return scaler, classifier


def predict(scaler, classifier, pairs: Sequence[Pair]) -> tuple[list[int], list[float]]:
    labels, confidence = [], []
    for p in pairs:
        if p.features is None:
            labels.append(STANCES.index("unrelated"))
            confidence.append(1.0)
            continue
        probs = np.zeros(len(STANCES))
        probs[classifier.classes_] = classifier.predict_proba(scaler.transform([p.features]))[0]
        labels.append(int(probs.argmax()))
        confidence.append(float(probs.max()))
    return labels, confidence


def summary(pairs: Sequence[Pair], labels: Sequence[int], confidence: Sequence[float]) -> dict:
    gold = [p.gold for p in pairs]
    confirms, contradicts = STANCES.index("confirms"), STANCES.index("contradicts")
    return {"macro_f1": round(macro_f1(gold, labels), 3),
            "confirms_alerted": f"{sum(g == confirms and l == confirms and c >= THRESHOLD for g, l, c in zip(gold, labels, confidence))}"
                                f"/{gold.count(confirms)}",
            "confirming_called_contradicts": sum(g == confirms and l == contradicts for g, l in zip(gold, labels))}


def leave_one_story_out(pairs: Sequence[Pair], c: float, weighting: str | None) -> dict:
    labels, confidence, order = [], [], []
    for story in dict.fromkeys(p.story for p in pairs):
        held = [p for p in pairs if p.story == story]
        scaler, classifier = fit([p for p in pairs if p.story != story], c, weighting)
        got = predict(scaler, classifier, held)
        labels += got[0]
        confidence += got[1]
        order += held
    return summary(order, labels, confidence)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", type=Path, default=ROOT / "monitor" / "models")
    parser.add_argument("--out", type=Path, default=ROOT / "monitor" / "models" / "judge.json")
    args = parser.parse_args(argv)

    stories = coverage.stories("dev")
    pairs = collect(stories, args.models)
    rules = [p.features[FEATURES.index("rules_confirms"):FEATURES.index("rules_unrelated") + 1]
             if p.features is not None else [0, 0, 0, 1] for p in pairs]
    baseline = summary(pairs, [int(np.argmax(r)) for r in rules], [float(max(r)) for r in rules])
    print(f"rules as they are (hand-set factors), dev: {baseline}")
    results = {}
    for weighting in (None, "balanced"):
        for c in (0.01, 0.03, 0.1, 0.3, 1.0):
            results[(c, weighting)] = leave_one_story_out(pairs, c, weighting)
            print(f"C={c:<5} class_weight={weighting}: leave-one-story-out {results[(c, weighting)]}", flush=True)
    (c, weighting), chosen = max(results.items(), key=lambda kv: kv[1]["macro_f1"])
    scaler, classifier = fit(pairs, c, weighting)
    coef = np.zeros((len(STANCES), len(FEATURES)))
    intercept = np.full(len(STANCES), -30.0)   # a class never seen in training is never said
    for row, k in enumerate(classifier.classes_):
        coef[k], intercept[k] = classifier.coef_[row], classifier.intercept_[row]
    from monitor.judge.verdicts import stance_model

    body = {"format": FORMAT, "features": list(FEATURES), "stances": list(STANCES),
            "mean": scaler.mean_.tolist(), "scale": scaler.scale_.tolist(),
            "coef": coef.round(6).tolist(), "intercept": intercept.round(6).tolist(),
            "fitted_on": f"coverage benchmark dev stories {stories}: {sum(p.features is not None for p in pairs)} "
                         f"read pairs of {len(pairs)} labelled",
            "fitted_with": stance_model(args.models).version,
            "chosen": {"C": c, "class_weight": weighting, "by": "leave-one-story-out macro-F1 on dev"},
            "figures": {"dev_leave_one_story_out": chosen, "dev_rules_as_they_are": baseline}}
    digest = hashlib.sha256(json.dumps(body["coef"]).encode()).hexdigest()[:8]
    body = {"version": f"judge-{digest}", **body}
    args.out.write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
    print(f"chosen C={c}, class_weight={weighting}: {chosen}; wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
