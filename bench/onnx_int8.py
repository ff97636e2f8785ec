"""int8 ONNX files small enough to ship and close to fp32: what both model exports share.

onnxruntime's dynamic quantisation of the MatMul weights (per output channel) keeps a MiniLM's
vectors at cosine ~0.99 to fp32, but leaves the 30,522 x 384 word-embedding table in fp32 (47 MB);
quantising that Gather with its one scale per tensor drifts to ~0.94. So the table is quantised
here per row (one scale per token, int8 values, dequantised after the lookup): 12 MB, no drift
to speak of.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np


def quantize(fp32: Path, out: Path) -> None:
    import onnx
    from onnx import helper, numpy_helper
    from onnxruntime.quantization import QuantType, quantize_dynamic

    matmuls = out.with_suffix(".matmul.onnx")
    quantize_dynamic(str(fp32), str(matmuls), weight_type=QuantType.QInt8, per_channel=True,
                     op_types_to_quantize=["MatMul"])
    model = onnx.load(str(matmuls))
    graph = model.graph
    initialisers = {init.name: init for init in graph.initializer}
    (table_name,) = [name for name in initialisers if "word_embeddings" in name]
    table = numpy_helper.to_array(initialisers[table_name]).astype(np.float32)
    scales = np.maximum(np.abs(table).max(axis=1, keepdims=True), 1e-8) / 127.0
    quantised = np.round(table / scales).astype(np.int8)
    graph.initializer.remove(initialisers[table_name])
    graph.initializer.extend([numpy_helper.from_array(quantised, table_name + "_int8"),
                              numpy_helper.from_array(scales.astype(np.float32), table_name + "_scale")])
    for node in list(graph.node):
        if node.op_type == "Gather" and node.input[0] == table_name:
            ids, output = node.input[1], node.output[0]
            position = list(graph.node).index(node)
            graph.node.remove(node)
            new_nodes = [
                helper.make_node("Gather", [table_name + "_int8", ids], [output + "_q"], axis=0),
                helper.make_node("Cast", [output + "_q"], [output + "_f"], to=onnx.TensorProto.FLOAT),
                helper.make_node("Gather", [table_name + "_scale", ids], [output + "_s"], axis=0),
                helper.make_node("Mul", [output + "_f", output + "_s"], [output]),
            ]
            for offset, new in enumerate(new_nodes):
                graph.node.insert(position + offset, new)
    onnx.save(model, str(out))
    matmuls.unlink()
