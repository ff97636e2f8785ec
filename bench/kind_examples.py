"""The kind model's examples: every claim the extractor gives on the extraction-dev documents,
labelled with the kind of the hand-listed claim it matches (bench/claims_eval.py's matching,
active or not), or *none*.

    .venv/bin/python bench/kind_examples.py --out .gpu/kinds.jsonl.gz

The file holds third-party text (statements and quotes): write it to an ignored folder only.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import coverage  # noqa: E402
from claims_eval import _matches  # noqa: E402

from monitor.judge.claims import combine_claims, extract_claims, read_documents  # noqa: E402
from monitor.judge.kind_model import model_input  # noqa: E402


def story_examples(story: str) -> list[dict]:
    folder = coverage.prepare(story).parent
    gold = tomllib.loads((coverage.BENCH / story / "gold_claims.toml").read_text(encoding="utf-8"))["claim"]
    documents, _ = read_documents(folder)
    examples = []
    for claim in combine_claims([c for d in documents for c in extract_claims(d)]):
        hit = next((g for g in gold if _matches(claim, g)), None)
        first, second = model_input(claim.kind, claim.active, claim.statement, claim.quote)
        examples.append({"story": story, "a": first, "b": second, "label": hit["kind"] if hit else "none"})
    return examples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--split", default="extraction-dev")
    args = parser.parse_args()
    readable = [s for s in coverage.stories(args.split) if (coverage.CACHE / s / "baseline.txt").exists()]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with gzip.open(args.out, "wt", encoding="utf-8") as out:
        for story in readable:
            for example in story_examples(story):
                out.write(json.dumps(example, ensure_ascii=False) + "\n")
                count += 1
    print(f"{count} examples from {len(readable)} documents -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
