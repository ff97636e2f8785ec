"""How far a second person agrees with the hand-listed claims, scored as the extractor is scored.

    .venv/bin/python bench/claims_agreement.py            # every story with a second list
    .venv/bin/python bench/claims_agreement.py --verbose  # and each story's misses and extras

Some stories of the coverage benchmark have a second list of claims,
``bench/coverage/<story>/second_claims.toml``, written by another annotator who read the
article and other stories' gold lists (for the conventions) but never that story's
``gold_claims.toml`` nor anything the extractor wrote. Each of its claims is a statement made
by cutting the article's own words, with the slots the gold lists carry. The second list is
scored against the gold with the very function that scores the extractor
(``claims_eval.evaluate``: a statement matches a gold claim when it holds every ``match``
phrase), and the extractor is scored on the same stories beside it. What a careful person gets
is the ceiling the benchmark can measure: a figure above it says more about one annotator's
conventions than about the claims.
"""
from __future__ import annotations

import argparse
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from claims_eval import evaluate, run  # noqa: E402
from coverage import BENCH, CACHE, prepare, stories  # noqa: E402

from monitor.judge.claims import Claim  # noqa: E402
from monitor.judge.quantities import Quantity  # noqa: E402

SECOND = "second_claims.toml"
SLOTS = ("kind", "speaker", "quantities", "probability", "event_date", "resolves_by")


def second_claims(story: str) -> list[Claim]:
    """The second annotator's list as claims of the story's document, all active."""
    items = tomllib.loads((BENCH / story / SECOND).read_text(encoding="utf-8")).get("claim", [])
    document = f"{story}/{story}.txt"
    return [Claim(id=f"second-{number}", statement=item["statement"], kind=item["kind"],
                  quote=item["statement"], speaker=item.get("speaker") or None, document=document,
                  quantities=[Quantity(value=float(v), unit="", text=str(v)) for v in item.get("quantities", [])],
                  probability=item.get("probability"), event_date=item.get("event_date"),
                  resolves_by=item.get("resolves_by"))
            for number, item in enumerate(items)]


def _add(totals: Counter[str], result: dict[str, Any]) -> None:
    totals.update(gold=result["gold"], active=result["extracted_active"], tp=result["true_positive"],
                  matched=result["gold"] - len(result["missed"]))
    for slot, fraction in result["slot_accuracy"].items():
        right, out_of = map(int, fraction.split("/"))
        totals.update({slot: right, slot + "/": out_of})


def _row(name: str, totals: Counter[str]) -> str:
    precision = totals["tp"] / totals["active"] if totals["active"] else 0.0
    recall = totals["matched"] / totals["gold"] if totals["gold"] else 0.0
    dates = f"{totals['event_date'] + totals['resolves_by']}/{totals['event_date/'] + totals['resolves_by/']}"
    slots = " ".join(f"{totals[s]}/{totals[s + '/']}" if totals[s + "/"] else "-" for s in SLOTS[:4])
    return (f"{name:34} {totals['gold']:5} {totals['active']:6} {precision:6.2f} ({totals['tp']}/{totals['active']})"
            f" {recall:5.2f} ({totals['matched']}/{totals['gold']})  kind speaker quantities odds: {slots}"
            f"  dates: {dates}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list each story's misses and unmatched claims")
    args = parser.parse_args()
    names = [s for s in stories("extraction-dev")
             if (BENCH / s / SECOND).exists() and (CACHE / s / "baseline.txt").exists()]
    if not names:
        sys.exit("no story has a readable second list (bench/coverage/<story>/second_claims.toml)")
    person: Counter[str] = Counter()
    extractor: Counter[str] = Counter()
    for story in names:
        gold = tomllib.loads((BENCH / story / "gold_claims.toml").read_text(encoding="utf-8"))["claim"]
        second = evaluate(second_claims(story), gold)
        _add(person, second)
        _add(extractor, run(prepare(story).parent, BENCH / story / "gold_claims.toml"))
        if args.verbose:
            print(f"{story}: second list misses {second['missed']}")
            for extra in second["unmatched"]:
                print(f"    not in the gold list: {extra}")
    print(f"{'on ' + str(len(names)) + ' stories':34} {'gold':>5} {'listed':>6} precision     recall")
    print(_row("second annotator vs the gold list", person))
    print(_row("the extractor vs the gold list", extractor))


if __name__ == "__main__":
    main()
