"""Fine-tune the top of the sentence encoder to read a claim's kind, on a machine with a GPU.

    python bench/kind_examples.py --out .gpu/kinds.jsonl.gz                       # here: the examples
    python bench/train_kind_encoder_gpu.py --examples .gpu/kinds.jsonl.gz --base DIR --out OUT   # there

Each example is one claim the extractor gives on an extraction-dev document: "kind (inactive):
statement" paired with its quote, labelled with the kind of the hand-listed claim it matches, or
*none* when it matches none. The model is all-MiniLM-L6-v2 with its embeddings and first four
layers frozen — exactly the shipped sentence encoder's, so the product computes them once with
the file it already has — and the last two layers plus a linear head trained: a 3.5 MB int8 file
instead of a third 23 MB encoder.

Settings are compared by story-grouped 5-fold cross-validation (a story's claims never in both
parts), and the fully fine-tuned encoder is run beside them as the reference. ``oof.json`` holds
every setting's out-of-fold probabilities, so the product's policy (when the model overrides the
rules) is chosen on claims of stories the model never saw. The best two-layer setting (by
out-of-fold log-loss) is then trained on every story and exported as ONNX: inputs the frozen
layer-4 hidden states and the attention mask, output the logits.

Needs only torch, tokenizers, safetensors and numpy: the BERT layers are written out here, so no
transformers version can change them.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.train_cross_encoder_gpu import warmup_then_linear  # noqa: E402

LABELS = ("none", "fact", "quantity", "forecast", "event")   # monitor.judge.kind_model.LABELS (this runs without the product)
FROZEN_LAYERS = 4          # embeddings + layers 0-3: the shipped sentence encoder's, unchanged
MAX_TOKENS = 128
SETTINGS = [  # name, first trained layer, learning rate, epochs
    ("top2-lr5e-5-ep4", 4, 5e-5, 4),
    ("top2-lr1e-4-ep4", 4, 1e-4, 4),
    ("top2-lr2e-4-ep3", 4, 2e-4, 3),
    ("full-lr4e-5-ep3", 0, 4e-5, 3),   # the reference: the whole encoder fine-tuned (stop 28)
]


def folds_of(stories: list[str], k: int = 5) -> dict[str, int]:
    """A stable story -> fold map (by a hash of the name, then dealt round)."""
    ordered = sorted(set(stories), key=lambda s: hashlib.sha1(s.encode()).hexdigest())
    return {story: i % k for i, story in enumerate(ordered)}


def build_model(torch, weights: dict, dropout: float = 0.1):
    nn = torch.nn

    class Layer(nn.Module):
        def __init__(self):
            super().__init__()
            self.q, self.k, self.v, self.o = (nn.Linear(384, 384) for _ in range(4))
            self.ln1, self.ln2 = nn.LayerNorm(384, eps=1e-12), nn.LayerNorm(384, eps=1e-12)
            self.up, self.down = nn.Linear(384, 1536), nn.Linear(1536, 384)
            self.drop = nn.Dropout(dropout)

        def forward(self, x, bias):
            b, t, _ = x.shape
            heads = lambda y: y.view(b, t, 12, 32).transpose(1, 2)
            q, k, v = heads(self.q(x)), heads(self.k(x)), heads(self.v(x))
            scores = q @ k.transpose(-1, -2) / math.sqrt(32) + bias
            attn = self.drop(scores.softmax(-1))
            ctx = (attn @ v).transpose(1, 2).reshape(b, t, 384)
            x = self.ln1(x + self.drop(self.o(ctx)))
            return self.ln2(x + self.drop(self.down(nn.functional.gelu(self.up(x)))))

    class KindEncoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.words, self.positions = nn.Embedding(30522, 384), nn.Embedding(512, 384)
            self.types, self.ln = nn.Embedding(2, 384), nn.LayerNorm(384, eps=1e-12)
            self.layers = nn.ModuleList(Layer() for _ in range(6))
            self.head = nn.Linear(384, len(LABELS))
            self.drop = nn.Dropout(dropout)

        def embed(self, ids, types):
            positions = torch.arange(ids.shape[1], device=ids.device)[None, :]
            return self.ln(self.words(ids) + self.positions(positions) + self.types(types))

        def run_layers(self, x, mask, start, stop):
            bias = (1.0 - mask[:, None, None, :].to(x.dtype)) * -10000.0
            for layer in self.layers[start:stop]:
                x = layer(x, bias)
            return x

        def classify(self, x, mask):
            m = mask[..., None].to(x.dtype)
            pooled = (x * m).sum(1) / m.sum(1).clamp(min=1.0)
            return self.head(self.drop(pooled))

        def forward(self, ids, types, mask, start=0, hidden=None):
            x = self.embed(ids, types) if hidden is None else hidden
            return self.classify(self.run_layers(x, mask, start, 6), mask)

    model = KindEncoder()
    state = {"words.weight": "embeddings.word_embeddings.weight",
             "positions.weight": "embeddings.position_embeddings.weight",
             "types.weight": "embeddings.token_type_embeddings.weight",
             "ln.weight": "embeddings.LayerNorm.weight", "ln.bias": "embeddings.LayerNorm.bias"}
    parts = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "o": "attention.output.dense", "ln1": "attention.output.LayerNorm", "up": "intermediate.dense",
             "down": "output.dense", "ln2": "output.LayerNorm"}
    for i in range(6):
        for ours, theirs in parts.items():
            for p in ("weight", "bias"):
                state[f"layers.{i}.{ours}.{p}"] = f"encoder.layer.{i}.{theirs}.{p}"
    own = model.state_dict()
    for ours, theirs in state.items():
        own[ours] = torch.tensor(np.asarray(weights[theirs], dtype=np.float32))
    model.load_state_dict(own)
    return model


def encode(tokenizer, examples: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()
    encoded = tokenizer.encode_batch([(e["a"], e["b"]) if e["b"] else e["a"] for e in examples])
    ids = np.zeros((len(encoded), MAX_TOKENS), dtype=np.int64)
    types, mask = np.zeros_like(ids), np.zeros_like(ids)
    for i, enc in enumerate(encoded):
        n = len(enc.ids)
        ids[i, :n], types[i, :n], mask[i, :n] = enc.ids, enc.type_ids, 1
    return ids, types, mask


def train(torch, weights, data, index, setting, seed, device):
    _, start, lr, epochs = setting
    torch.manual_seed(seed)
    random.seed(seed)
    model = build_model(torch, weights).to(device)
    for name, p in model.named_parameters():
        trained = start == 0 or name.startswith("head") or any(name.startswith(f"layers.{i}.") for i in range(start, 6))
        p.requires_grad_(trained)
    params = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    batch = 32
    steps = epochs * math.ceil(len(index) / batch)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, warmup_then_linear(steps, 10))
    ids, types, mask, labels, frozen = data
    for _ in range(epochs):
        model.train()
        order = list(index)
        random.shuffle(order)
        for i in range(0, len(order), batch):
            rows = torch.tensor(order[i:i + batch], device=device)
            width = int(mask[rows].sum(1).max())
            hidden = frozen[rows, :width].float() if start == FROZEN_LAYERS else None
            logits = model(ids[rows, :width], types[rows, :width], mask[rows, :width], start=start if hidden is not None else 0,
                           hidden=hidden)
            loss = torch.nn.functional.cross_entropy(logits, labels[rows])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
    return model


def predict(torch, model, data, index, start, device) -> np.ndarray:
    ids, types, mask, _, frozen = data
    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(index), 256):
            rows = torch.tensor(index[i:i + 256], device=device)
            width = int(mask[rows].sum(1).max())
            hidden = frozen[rows, :width].float() if start == FROZEN_LAYERS else None
            logits = model(ids[rows, :width], types[rows, :width], mask[rows, :width],
                           start=start if hidden is not None else 0, hidden=hidden)
            out.append(logits.softmax(-1).cpu().numpy())
    return np.concatenate(out)


def export(torch, model, path: Path) -> None:
    class Top(torch.nn.Module):
        def __init__(self, encoder):
            super().__init__()
            self.encoder = encoder

        def forward(self, hidden, attention_mask):
            x = self.encoder.run_layers(hidden, attention_mask, FROZEN_LAYERS, 6)
            return self.encoder.classify(x, attention_mask)

    top = Top(model.cpu().eval()).eval()
    sample = (torch.zeros(1, 7, 384), torch.ones(1, 7, dtype=torch.int64))
    torch.onnx.export(top, sample, str(path), input_names=["hidden", "attention_mask"], output_names=["logits"],
                      dynamic_axes={"hidden": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                                    "logits": {0: "batch"}}, opset_version=17, dynamo=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=Path, required=True)
    parser.add_argument("--base", type=Path, required=True, help="config.json, model.safetensors, tokenizer.json")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--settings", default="", help="comma-separated names (default: all)")
    parser.add_argument("--folds", type=int, default=5,
                        help="cross-validation folds; 0 trains the final model only (on two CPU cores, about an "
                             "hour less), for a recipe already chosen: then only documents read afterwards score it")
    args = parser.parse_args()

    import torch
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    device = "cuda" if torch.cuda.is_available() else "cpu"
    with gzip.open(args.examples, "rt", encoding="utf-8") as lines:
        examples = [json.loads(line) for line in lines]
    weights = load_file(str(args.base / "model.safetensors"))
    tokenizer = Tokenizer.from_file(str(args.base / "tokenizer.json"))
    ids, types, mask = encode(tokenizer, examples)
    labels = np.array([LABELS.index(e["label"]) for e in examples])
    t = lambda a: torch.tensor(a, device=device)
    base = build_model(torch, weights).to(device).eval()
    with torch.no_grad():   # the frozen part, computed once: what the shipped sentence encoder gives
        frozen = torch.cat([base.run_layers(base.embed(t(ids[i:i + 512]), t(types[i:i + 512])), t(mask[i:i + 512]),
                                            0, FROZEN_LAYERS).half() for i in range(0, len(ids), 512)])
    data = (t(ids), t(types), t(mask), t(labels), frozen)
    fold = folds_of([e["story"] for e in examples], args.folds or 5)
    folds = np.array([fold[e["story"]] for e in examples])
    chosen = [s for s in SETTINGS if not args.settings or s[0] in args.settings.split(",")]
    args.out.mkdir(parents=True, exist_ok=True)
    report: dict = {"examples": len(examples), "labels": {l: int((labels == i).sum()) for i, l in enumerate(LABELS)},
                    "settings": {}}
    oof: dict[str, list] = {}
    for setting in (chosen if args.folds else []):
        started = time.time()
        probs = np.zeros((len(examples), len(LABELS)), dtype=np.float32)
        for k in range(args.folds):
            train_rows = np.flatnonzero(folds != k).tolist()
            test_rows = np.flatnonzero(folds == k).tolist()
            model = train(torch, weights, data, train_rows, setting, args.seed + k, device)
            probs[test_rows] = predict(torch, model, data, test_rows, setting[1], device)
        logloss = float(-np.log(np.clip(probs[np.arange(len(labels)), labels], 1e-9, 1)).mean())
        accuracy = float((probs.argmax(1) == labels).mean())
        claims = labels > 0
        kind_accuracy = float((probs[claims, 1:].argmax(1) + 1 == labels[claims]).mean())
        report["settings"][setting[0]] = {"logloss": round(logloss, 4), "accuracy": round(accuracy, 4),
                                          "kind_accuracy_on_claims": round(kind_accuracy, 4),
                                          "seconds": round(time.time() - started, 1)}
        print(setting[0], report["settings"][setting[0]], flush=True)
        oof[setting[0]] = np.round(probs, 4).tolist()
    (args.out / "oof.json").write_text(json.dumps(oof))
    top = [s for s in chosen if s[1] == FROZEN_LAYERS]
    if top:
        best = min(top, key=lambda s: report["settings"][s[0]]["logloss"]) if args.folds else top[0]
        started = time.time()
        model = train(torch, weights, data, list(range(len(examples))), best, args.seed, device)
        report["final"] = best[0]
        full = predict(torch, model, data, list(range(len(examples))), best[1], device)
        (args.out / "final_probs.json").write_text(json.dumps(np.round(full, 4).tolist()))
        report["final_seconds"] = round(time.time() - started, 1)
        export(torch, model, args.out / "kind_head.fp32.onnx")   # (moves the model to the CPU)
    (args.out / "report.json").write_text(json.dumps(report, indent=1))
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
