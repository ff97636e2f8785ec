"""Fine-tune the cross-encoder on a machine with a GPU, settings chosen on claims it never saw.

    python bench/train_cross_encoder.py --write-pairs pairs.jsonl.gz          # here: passages built
    python bench/train_cross_encoder_gpu.py --pairs pairs.jsonl.gz --base DIR --out OUT   # there
    python bench/train_cross_encoder.py --base DIR --from-weights OUT --out monitor/models/  # here

The first command builds every (claim, passage, label) pair with the product's own passage
selection; this script needs only torch, transformers and numpy, so it runs on a bare GPU machine.

Stage 1 (FNC-1's train claim groups) tries a few settings and keeps the one with the best
macro-F1 on FNC-1's validation groups — rumours no setting was trained on. Stage 2 (the coverage
benchmark's dev stories, with a share of FNC-1 so that the model keeps FNC-1's distinctions) is
chosen by two folds of the dev stories, trained on three and scored on the other three (the model
alone, no rules), against stage 1 alone; the winner is then trained on all six. The test stories
are not in the pairs file. Writes the final weights (``config.json``, ``model.safetensors``, fp16,
in pieces of at most 15 MiB when ``--split-mib`` is given), ``training.json`` (the recipe, for
the model's metadata) and ``sweep.json`` (every setting's figures).
"""
from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import sys
import time
from pathlib import Path
from typing import Sequence

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.fnc1 import LABELS as FNC_LABELS  # noqa: E402  (FNC-1's names, in the order of STANCES)
from bench.fnc1 import f1_scores, relative_score  # noqa: E402

# (bench/train_cross_encoder.py takes these from here: this module must not need the product)
STANCES = ("confirms", "contradicts", "discusses", "unrelated")
DEV_FOLDS = (("ecb-sept-2024", "uk-election-2024", "boeing-strike-2024"),
             ("mbappe-real-madrid", "apple-iphone16-launch", "opec-plus-output"))

STAGE1 = [  # name, learning rate, epochs, share of unrelated pairs, loss weights' exponent
    ("s1-lr5e-5-ep2-u0.12-sqrt", 5e-5, 2, 0.12, 0.5),  # today's CPU recipe, run to the end
    ("s1-lr3e-5-ep3-u0.3-sqrt", 3e-5, 3, 0.3, 0.5),
    ("s1-lr3e-5-ep3-u0.3-inv", 3e-5, 3, 0.3, 1.0),
    ("s1-lr2e-5-ep3-u0.6-sqrt", 2e-5, 3, 0.6, 0.5),
]
STAGE2 = [  # name, learning rate, epochs, share of FNC-1 training pairs mixed in, coverage repeats
    ("s2-lr3e-5-ep1-f0.1", 3e-5, 1, 0.1, 2),  # today's CPU recipe
    ("s2-lr2e-5-ep2-f0.2", 2e-5, 2, 0.2, 2),
]

Pair = tuple[str, str, int]


def read_pairs(path: Path) -> dict[str, list[dict]]:
    parts: dict[str, list[dict]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            parts.setdefault(record["part"], []).append(record)
    return parts


def as_pairs(records: Sequence[dict]) -> list[Pair]:
    return [(r["claim"], r["passage"], r["label"]) for r in records]


def loss_weights(pairs: Sequence[Pair], exponent: float) -> list[float]:
    """Inverse frequency to ``exponent``: disagreement is rare in FNC-1 and the costliest miss."""
    counts = np.bincount([p[2] for p in pairs], minlength=len(STANCES))
    return [float((counts.max() / max(1, c)) ** exponent) for c in counts]


def warmup_then_linear(steps: int, warmup_parts: int = 16):
    """The learning-rate factor per step: up over the first 1/``warmup_parts``, then down to 0 at ``steps``."""
    warmup = max(1, steps // warmup_parts)
    return lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup)))


class Trainer:
    def __init__(self, base: Path, device: str, max_length: int, batch: int, seed: int):
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        self.torch, self.device, self.max_length, self.batch, self.seed = torch, device, max_length, batch, seed
        self.tokenizer = AutoTokenizer.from_pretrained(base)
        torch.manual_seed(seed)
        # fp16 weights may come in: train in fp32 (bf16 autocast on the GPU)
        self.model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=len(STANCES)).float()
        self.model.to(device)

    def encode(self, claims: Sequence[str], passages: Sequence[str]):
        encoded = self.tokenizer(list(claims), list(passages), truncation="longest_first",
                                 max_length=self.max_length, padding=True, return_tensors="pt")
        return {k: v.to(self.device) for k, v in encoded.items()}

    def fit(self, pairs: Sequence[Pair], *, lr: float, epochs: float, weights: Sequence[float]) -> dict:
        torch = self.torch
        model = self.model
        model.train()
        steps = math.ceil(len(pairs) / self.batch * epochs)
        optimiser = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
        schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, warmup_then_linear(steps))
        loss_fn = torch.nn.CrossEntropyLoss(weight=torch.tensor(weights, dtype=torch.float32, device=self.device))
        rng = random.Random(self.seed)
        order: list[int] = []
        started = time.monotonic()
        for step in range(steps):
            if len(order) < self.batch:
                order += rng.sample(range(len(pairs)), len(pairs))
            chunk, order = order[:self.batch], order[self.batch:]
            claims, passages, labels = zip(*(pairs[i] for i in chunk))
            with torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled=self.device == "cuda"):
                logits = model(**self.encode(claims, passages)).logits
            loss = loss_fn(logits.float(), torch.tensor(labels, device=self.device))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            if (step + 1) % 500 == 0:
                print(f"  step {step + 1}/{steps} loss {loss.item():.3f} {time.monotonic() - started:.0f} s", flush=True)
        model.eval()
        return {"pairs": len(pairs), "steps": steps, "seconds": round(time.monotonic() - started, 1)}

    def predict(self, pairs: Sequence[Pair]) -> np.ndarray:
        torch = self.torch
        out = []
        with torch.no_grad():
            for start in range(0, len(pairs), 256):
                claims, passages, _ = zip(*pairs[start:start + 256])
                with torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled=self.device == "cuda"):
                    logits = self.model(**self.encode(claims, passages)).logits
                out.append(logits.float().cpu().numpy())
        return np.concatenate(out)

    def state(self) -> dict:
        return {k: v.detach().clone() for k, v in self.model.state_dict().items()}

    def restore(self, state: dict) -> None:
        self.model.load_state_dict(state)


def fnc1_figures(logits: np.ndarray, pairs: Sequence[Pair]) -> dict:
    gold = [FNC_LABELS[p[2]] for p in pairs]
    predicted = [FNC_LABELS[i] for i in logits.argmax(axis=1)]
    f1 = f1_scores(gold, predicted)
    return {"relative_score": round(relative_score(gold, predicted), 4),
            "macro_f1": round(float(np.mean(list(f1.values()))), 4), "f1": {k: round(v, 3) for k, v in f1.items()}}


def coverage_figures(logits: np.ndarray, pairs: Sequence[Pair]) -> dict:
    gold = [STANCES[p[2]] for p in pairs]
    predicted = [STANCES[i] for i in logits.argmax(axis=1)]
    f1 = f1_scores(gold, predicted, labels=STANCES)
    confirms = [p == "confirms" for g, p in zip(gold, predicted) if g == "confirms"]
    called_contradicts = sum(p == "contradicts" for g, p in zip(gold, predicted) if g == "confirms")
    return {"macro_f1": round(float(np.mean(list(f1.values()))), 4), "f1": {k: round(v, 3) for k, v in f1.items()},
            "confirms_found": f"{sum(confirms)}/{len(confirms)}", "confirming_called_contradicts": called_contradicts}


def sample(pairs: Sequence[Pair], keep_unrelated: float, keep_all: float, seed: int) -> list[Pair]:
    rng = random.Random(seed)
    return [p for p in pairs if (p[2] != 3 or rng.random() < keep_unrelated) and rng.random() < keep_all]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=Path, required=True)
    parser.add_argument("--base", type=Path, required=True, help="the all-MiniLM-L6-v2 folder (fp16 weights do)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--split-mib", type=int, default=0, help="write model.safetensors in pieces of this size")
    parser.add_argument("--stage1-minutes", type=float, default=4.5,
                        help="try no further stage-1 setting after this long (the machine's time is lent)")
    parser.add_argument("--smoke", type=int, default=0, help="use only this many pairs of each part (a dry run)")
    args = parser.parse_args(argv)
    import torch

    device = "cuda" if torch.cuda.is_available() else "cpu"
    parts = read_pairs(args.pairs)
    if args.smoke:
        parts = {k: random.Random(0).sample(v, min(args.smoke, len(v))) for k, v in parts.items()}
    train_pairs, validation = as_pairs(parts["train"]), as_pairs(parts["validation"])
    coverage = {story: as_pairs([r for r in parts["coverage"] if r["group"] == story]) for fold in DEV_FOLDS
                for story in fold}
    print(f"device {device}; FNC-1 train {len(train_pairs)}, validation {len(validation)}; coverage dev "
          f"{ {s: len(p) for s, p in coverage.items()} }", flush=True)
    sweep: dict[str, dict] = {}
    args.out.mkdir(parents=True, exist_ok=True)

    def save_sweep() -> None:
        (args.out / "sweep.json").write_text(json.dumps(sweep, indent=1) + "\n", encoding="utf-8")

    trainer = Trainer(args.base, device, args.max_length, args.batch, args.seed)
    base_state = trainer.state()
    best1 = None
    started = time.monotonic()
    for name, lr, epochs, unrelated, exponent in STAGE1:
        if time.monotonic() - started > args.stage1_minutes * 60:
            print(f"no time left for {name}", flush=True)
            break
        trainer.restore(base_state)
        pairs = sample(train_pairs, unrelated, 1.0, args.seed)
        weights = loss_weights(pairs, exponent)
        info = trainer.fit(pairs, lr=lr, epochs=epochs, weights=weights)
        figures = fnc1_figures(trainer.predict(validation), validation)
        sweep[name] = {"lr": lr, "epochs": epochs, "unrelated_share": unrelated, "loss_weights": weights,
                       **info, "fnc1_claim_grouped_validation": figures}
        print(name, json.dumps(sweep[name]), flush=True)
        save_sweep()
        if best1 is None or figures["macro_f1"] > sweep[best1[0]]["fnc1_claim_grouped_validation"]["macro_f1"]:
            best1 = (name, trainer.state(), pairs)
    name1, state1, pairs1 = best1
    print(f"stage 1: {name1}", flush=True)

    def stage2(config, stories: Sequence[str]) -> dict:
        name, lr, epochs, fnc1_share, repeat = config
        trainer.restore(state1)
        pairs = sample(pairs1, 1.0, fnc1_share, args.seed) + [p for s in stories for p in coverage[s]] * repeat
        return trainer.fit(pairs, lr=lr, epochs=epochs, weights=loss_weights(pairs, 0.5))

    folds: dict[str, list[dict]] = {"stage 1 alone": []}
    for held_out in DEV_FOLDS:
        scored = [p for s in held_out for p in coverage[s]]
        trainer.restore(state1)
        folds["stage 1 alone"].append(coverage_figures(trainer.predict(scored), scored))
        for config in STAGE2:
            trained_on = [s for fold in DEV_FOLDS if fold is not held_out for s in fold]
            stage2(config, trained_on)
            folds.setdefault(config[0], []).append(coverage_figures(trainer.predict(scored), scored))
    for name, figures in folds.items():
        sweep[f"{name1} + {name}" if name != "stage 1 alone" else f"{name1} alone"] = {
            "coverage_dev_two_fold_by_story": figures,
            "mean_macro_f1": round(float(np.mean([f["macro_f1"] for f in figures])), 4)}
    save_sweep()
    name2 = max(folds, key=lambda n: np.mean([f["macro_f1"] for f in folds[n]]))
    print(f"stage 2: {name2}", flush=True)
    training = {"device": torch.cuda.get_device_name() if device == "cuda" else "cpu", "stage 1": name1,
                "stage 1 settings": {k: v for k, v in sweep[name1].items() if k != "fnc1_claim_grouped_validation"},
                "max_length": args.max_length, "batch": args.batch, "seed": args.seed,
                "chosen_by": "stage 1: macro-F1 on FNC-1's validation claim groups; stage 2: mean macro-F1 of two "
                             "folds of the coverage dev stories (model alone)"}
    if name2 == "stage 1 alone":
        trainer.restore(state1)
        training["stage 2"] = "none (stage 1 alone scored best on the dev folds)"
    else:
        config = next(c for c in STAGE2 if c[0] == name2)
        info = stage2(config, [s for fold in DEV_FOLDS for s in fold])
        training["stage 2"] = {"name": name2, "lr": config[1], "epochs": config[2], "fnc1_share": config[3],
                               "coverage_repeat": config[4], "stories": [s for f in DEV_FOLDS for s in f], **info}
    training["fnc1_claim_grouped_validation (fp32 on the GPU)"] = fnc1_figures(trainer.predict(validation), validation)
    sweep["final"] = training
    save_sweep()
    (args.out / "training.json").write_text(json.dumps(training, indent=1) + "\n", encoding="utf-8")
    trainer.model.half().save_pretrained(args.out)
    if args.split_mib:
        split_file(args.out / "model.safetensors", args.split_mib * 2**20)
    print(json.dumps(training, indent=1), flush=True)
    return 0


def split_file(path: Path, size: int) -> None:
    """``path`` as ``path.part0``, ``path.part1``, ... (join with ``cat``), to fit a transfer limit."""
    data = path.read_bytes()
    for number, start in enumerate(range(0, len(data), size)):
        path.with_name(f"{path.name}.part{number}").write_bytes(data[start:start + size])
    path.unlink()


if __name__ == "__main__":
    raise SystemExit(main())
