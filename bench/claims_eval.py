"""Precision and recall of claim extraction against a hand-labelled gold list.

    .venv/bin/python bench/claims_eval.py                          # the two seed documents
    .venv/bin/python bench/claims_eval.py --docs tests/fixtures/claims/docs \
        --gold tests/fixtures/claims/extra_claims.toml             # the documents we wrote
    .venv/bin/python bench/claims_eval.py --fnc1 200               # kinds of 200 FNC-1 headlines

Only *active* extracted claims count (opinions are kept inactive and are not tracked). An
extracted claim matches a gold claim when it comes from the gold claim's document and every
``match`` phrase occurs in its statement; a gold claim with ``also`` further needs the
extracted claim to list those documents among its sources. Key slots (kind, speaker,
quantities, probability, event date, resolves_by) are scored on the matched pairs.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.shared import shared_data_dir  # noqa: E402
from monitor.judge.claims import Claim, combine_claims, extract_claims, read_documents  # noqa: E402
from monitor.judge.kind_model import loaded_kind_model  # noqa: E402


def _doc_name(path: str | None) -> str:
    return Path(path or "").name


def _matches(claim: Claim, gold: dict[str, Any]) -> bool:
    if _doc_name(claim.document) != gold["document"]:
        return False
    text = claim.statement.lower()
    if not all(phrase.lower() in text for phrase in gold["match"]):
        return False
    for also in gold.get("also", []):
        if not any(_doc_name(s.get("document")) == also["document"]
                   and all(p.lower() in (s.get("quote") or "").lower() for p in also["match"])
                   for s in claim.sources):
            return False
    return True


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def evaluate(claims: list[Claim], gold: list[dict[str, Any]]) -> dict[str, Any]:
    active = [c for c in claims if c.active]
    matched_gold: dict[str, Claim] = {}
    true_positive = 0
    unmatched: list[Claim] = []
    duplicates = 0
    for claim in active:
        hit = next((g for g in gold if _matches(claim, g)), None)
        if hit is None:
            unmatched.append(claim)
            continue
        true_positive += 1
        if hit["id"] in matched_gold:
            duplicates += 1
        else:
            matched_gold[hit["id"]] = claim
    slots: dict[str, list[bool]] = {"kind": [], "speaker": [], "quantities": [], "probability": [],
                                    "event_date": [], "resolves_by": []}
    for item in gold:
        claim = matched_gold.get(item["id"])
        if claim is None:
            continue
        slots["kind"].append(claim.kind == item["kind"])
        slots["speaker"].append((claim.speaker or "") == item.get("speaker", ""))
        if "quantities" in item:
            values = [q.value for q in claim.quantities]
            slots["quantities"].append(len(values) == len(item["quantities"]) and
                                       all(_close(a, b) for a, b in zip(values, item["quantities"])))
        if "probability" in item:
            slots["probability"].append(claim.probability is not None and _close(claim.probability, item["probability"]))
        for key in ("event_date", "resolves_by"):
            if key in item:
                slots[key].append(getattr(claim, key) == item[key])
    precision = true_positive / len(active) if active else 0.0
    recall = len(matched_gold) / len(gold) if gold else 0.0
    return {
        "extracted_active": len(active), "extracted_inactive": len(claims) - len(active),
        "gold": len(gold), "true_positive": true_positive, "duplicates": duplicates,
        "precision": round(precision, 3), "recall": round(recall, 3),
        "f1": round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0,
        "slot_accuracy": {k: f"{sum(v)}/{len(v)}" for k, v in slots.items() if v},
        "missed": [g["id"] for g in gold if g["id"] not in matched_gold],
        "wrong_slots": {g["id"]: _slot_diff(matched_gold[g["id"]], g) for g in gold
                        if g["id"] in matched_gold and _slot_diff(matched_gold[g["id"]], g)},
        "unmatched": [f"[{c.kind}] {c.statement}" for c in unmatched],
    }


def _slot_diff(claim: Claim, item: dict[str, Any]) -> dict[str, Any]:
    diff: dict[str, Any] = {}
    if claim.kind != item["kind"]:
        diff["kind"] = [claim.kind, item["kind"]]
    if (claim.speaker or "") != item.get("speaker", ""):
        diff["speaker"] = [claim.speaker, item.get("speaker", "")]
    for key in ("event_date", "resolves_by", "probability"):
        if key in item and getattr(claim, key) != item[key]:
            diff[key] = [getattr(claim, key), item[key]]
    if "quantities" in item and [q.value for q in claim.quantities] != item["quantities"]:
        diff["quantities"] = [[q.value for q in claim.quantities], item["quantities"]]
    return diff


def run(docs: Path, gold_path: Path, *, rules_only: bool = False) -> dict[str, Any]:
    gold = tomllib.loads(gold_path.read_text(encoding="utf-8"))["claim"]
    documents, errors = read_documents(docs)
    extracted: list[Claim] = []
    timings = {}
    reader = None if rules_only else loaded_kind_model()
    for document in documents:
        started = time.perf_counter()
        extracted.extend(extract_claims(document, reader=reader))
        timings[document.name] = round(time.perf_counter() - started, 3)
    report = evaluate(combine_claims(extracted), gold)
    report["seconds_per_document"] = timings
    report["unreadable"] = [str(e) for e in errors]
    return report


def fnc1_kinds(path: Path, sample: int, seed: int = 7) -> dict[str, Any]:
    """Kinds of the claims extracted from a sample of FNC-1 headlines, each a one-sentence document."""
    import csv
    import random
    from collections import Counter

    from monitor.judge.claims import parse_document

    with path.open(encoding="utf-8") as handle:
        headlines = sorted({row["Headline"] for row in csv.DictReader(handle)})
    chosen = random.Random(seed).sample(headlines, sample)
    kinds: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    started = time.perf_counter()
    for number, headline in enumerate(chosen):
        claims = extract_claims(parse_document(headline.encode(), f"fnc1/{number}.txt"))
        labels = [c.kind for c in claims] or ["(none)"]
        kinds.update(labels)
        for label in set(labels):
            examples.setdefault(label, []).append(headline)
    return {"headlines": sample, "seconds": round(time.perf_counter() - started, 2),
            "kinds": dict(kinds.most_common()),
            "examples": {k: v[:3] for k, v in examples.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fnc1", type=int, metavar="N", help="instead: kinds of N sampled FNC-1 headlines")
    parser.add_argument("--docs", type=Path, default=ROOT / "baseline_docs")
    parser.add_argument("--gold", type=Path, default=ROOT / "tests/fixtures/claims/seed_claims.toml")
    parser.add_argument("--verbose", action="store_true", help="list misses and unmatched claims")
    parser.add_argument("--rules-only", action="store_true", help="without the kind reader")
    args = parser.parse_args()
    if args.fnc1:
        print(json.dumps(fnc1_kinds(shared_data_dir() / "fnc1" / "train_stances.csv", args.fnc1), indent=2,
                         ensure_ascii=False))
        return
    report = run(args.docs, args.gold, rules_only=args.rules_only)
    if not args.verbose:
        for key in ("unmatched", "wrong_slots"):
            report[key] = len(report[key])
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
