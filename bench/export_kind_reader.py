"""Ship the kind reader trained by bench/train_kind_encoder_gpu.py: int8 ONNX and metadata.

    python bench/export_kind_reader.py --onnx OUT/kind_head.fp32.onnx --report OUT/report.json

Quantises the two trained layers and the head (MatMul weights per output channel, as the other
models), names the sentence encoder's layer-4 hidden states as its ``frozen_hidden`` output when
the file does not yet give it (its ``token_embeddings`` stay bit-identical: nothing else in the
graph changes), and writes ``monitor/models/kind_reader.json`` with the checksums. Needs the
``onnx`` package (the ``train`` extra).
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.judge.kind_model import KindPolicy, write_meta  # noqa: E402
from monitor.judge.verdicts.encoder import file_sha256  # noqa: E402

MODELS = ROOT / "monitor" / "models"
FROZEN = "/bert/encoder/layer.3/output/LayerNorm/LayerNormalization_output_0"   # after 4 of 6 layers


def expose_frozen_hidden(path: Path) -> bool:
    """Give the sentence encoder a ``frozen_hidden`` output; False when it already has one."""
    import onnx

    model = onnx.load(str(path))
    if any(o.name == "frozen_hidden" for o in model.graph.output):
        return False
    model.graph.node.append(onnx.helper.make_node("Identity", [FROZEN], ["frozen_hidden"]))
    model.graph.output.append(onnx.helper.make_tensor_value_info("frozen_hidden", onnx.TensorProto.FLOAT,
                                                                 ["batch", "tokens", 384]))
    onnx.save(model, str(path))
    return True


def refresh_sentence_meta(folder: Path) -> None:
    meta_path = folder / "sentence_encoder.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    entry = meta["files"]["model"]
    path = folder / entry["path"]
    entry["sha256"], entry["bytes"] = file_sha256(path), path.stat().st_size
    meta["outputs"] = ["token_embeddings", "frozen_hidden"]
    meta_path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--onnx", type=Path, required=True, help="kind_head.fp32.onnx from the GPU run")
    parser.add_argument("--report", type=Path, help="report.json of the GPU run (recorded in the metadata)")
    parser.add_argument("--out", type=Path, default=MODELS)
    parser.add_argument("--meta", type=Path, help="JSON of further metadata (scores, provenance) to record")
    args = parser.parse_args()

    from onnxruntime.quantization import QuantType, quantize_dynamic

    model = args.out / "kind_reader.onnx"
    quantize_dynamic(str(args.onnx), str(model), weight_type=QuantType.QInt8, per_channel=True,
                     op_types_to_quantize=["MatMul"])
    if expose_frozen_hidden(args.out / "sentence_encoder.onnx"):
        refresh_sentence_meta(args.out)
    policy = KindPolicy()
    meta = {"max_length": 128, "encoder": "sentence_encoder.json", "encoder_output": "frozen_hidden",
            "policy": dataclasses.asdict(policy)}
    if args.report:
        meta["training"] = json.loads(args.report.read_text(encoding="utf-8"))
    if args.meta:
        meta.update(json.loads(args.meta.read_text(encoding="utf-8")))
    path = write_meta(args.out, model, meta)
    print(f"wrote {model} ({model.stat().st_size / 1e6:.1f} MB) and {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
