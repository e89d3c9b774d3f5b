#!/usr/bin/python3
"""Small single-operator test cases judged by ONNX Runtime, for what Debian's ONNX 1.12 conformance
data do not cover: operator versions of opsets 18-21 (ONNX 1.12 stops at 17) and operators whose
1.12 cases are opset 1 or 6. Writes OUT_DIR/<case>/model.onnx and test_data_set_0/input_N.npy
(seeded); tools/make_ort_cases.sh adds ONNX Runtime 1.30's outputs and converts to TensorProto.
Usage: tools/make_ort_cases.py OUT_DIR"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(21)
F = TensorProto.FLOAT
NP = {np.float32: F, np.int64: TensorProto.INT64, np.int8: TensorProto.INT8, np.uint8: TensorProto.UINT8,
      np.int32: TensorProto.INT32, np.float16: TensorProto.FLOAT16}


def case(out, name, opset, op, inputs, outputs, attrs=None, initializers=(), ir=None):
    """inputs: list of (name, array) fed at run time; outputs: list of (name, elem_type)."""
    node = helper.make_node(op, [n for n, _ in inputs] + [i.name for i in initializers], [n for n, _ in outputs],
                            **(attrs or {}))
    graph = helper.make_graph(
        [node], name,
        [helper.make_tensor_value_info(n, NP[a.dtype.type], a.shape) for n, a in inputs],
        [helper.make_tensor_value_info(n, t, None) for n, t in outputs], list(initializers))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = ir or (10 if opset >= 21 else 9 if opset >= 19 else 8)
    d = os.path.join(out, name)
    os.makedirs(os.path.join(d, "test_data_set_0"), exist_ok=True)
    onnx.save(model, os.path.join(d, "model.onnx"))
    for i, (_, a) in enumerate(inputs):
        np.save(os.path.join(d, "test_data_set_0", f"input_{i}.npy"), a)


def const(name, a):
    return numpy_helper.from_array(np.asarray(a), name)


def f32(*shape):
    return rng.standard_normal(shape).astype(np.float32)


def main(out):
    x4 = f32(2, 6, 5, 4)
    # Operators whose ONNX 1.12 cases are opset 1 or 6.
    case(out, "instancenorm_opset13", 13, "InstanceNormalization", [("x", x4)], [("y", F)], {"epsilon": 1e-3},
         [const("s", f32(6)), const("b", f32(6))])
    case(out, "globalmaxpool_opset13", 13, "GlobalMaxPool", [("x", x4)], [("y", F)])
    case(out, "globallppool_p3_opset13", 13, "GlobalLpPool", [("x", x4)], [("y", F)], {"p": 3})
    xz = f32(3, 4)
    xz[1] = 0  # a zero line: its norm is 0
    case(out, "lpnormalization_p1_axis0", 13, "LpNormalization", [("x", xz)], [("y", F)], {"p": 1, "axis": 0})
    case(out, "lpnormalization_p2", 13, "LpNormalization", [("x", xz)], [("y", F)])
    case(out, "elu_opset13", 13, "Elu", [("x", f32(3, 5))], [("y", F)], {"alpha": 0.7})
    case(out, "hardsigmoid_opset13", 13, "HardSigmoid", [("x", f32(3, 5))], [("y", F)], {"alpha": 0.3, "beta": 0.4})
    # Opsets 18-21.
    case(out, "groupnorm_opset18", 18, "GroupNormalization", [("x", x4)], [("y", F)], {"num_groups": 3, "epsilon": 1e-4},
         [const("s", f32(3)), const("b", f32(3))])
    case(out, "groupnorm_opset21", 21, "GroupNormalization", [("x", x4)], [("y", F)], {"num_groups": 2},
         [const("s", f32(6)), const("b", f32(6))])
    case(out, "gelu_opset20", 20, "Gelu", [("x", f32(4, 7))], [("y", F)])
    case(out, "gelu_tanh_opset20", 20, "Gelu", [("x", f32(4, 7))], [("y", F)], {"approximate": "tanh"})
    case(out, "reducemax_axes_input_opset18", 18, "ReduceMax", [("x", x4)], [("y", F)], {"keepdims": 0},
         [const("axes", np.array([1, -1], np.int64))])
    case(out, "reducesum_empty_axes_noop_opset18", 18, "ReduceSum", [("x", x4)], [("y", F)], {"noop_with_empty_axes": 1},
         [const("axes", np.array([], np.int64))])
    case(out, "split_num_outputs_opset18", 18, "Split", [("x", f32(7, 3))], [("a", F), ("b", F), ("c", F)],
         {"num_outputs": 3, "axis": 0})
    case(out, "pad_axes_reflect_opset18", 18, "Pad", [("x", f32(2, 3, 5))], [("y", F)], {"mode": "reflect"},
         [const("pads", np.array([1, 2, 2, 1], np.int64)), const("cv", np.array(0, np.float32)),
          const("axes", np.array([1, -1], np.int64))])
    case(out, "pad_wrap_opset19", 19, "Pad", [("x", f32(3, 4))], [("y", F)], {"mode": "wrap"},
         [const("pads", np.array([1, 2, 2, 1], np.int64))])
    case(out, "resize_linear_antialias_opset18", 18, "Resize", [("x", f32(1, 2, 8, 8))], [("y", F)],
         {"mode": "linear", "antialias": 1},
         [const("roi", np.array([], np.float32)), const("scales", np.array([1, 1, 0.5, 0.375], np.float32))])
    case(out, "resize_half_pixel_symmetric_opset19", 19, "Resize", [("x", f32(1, 1, 4, 4))], [("y", F)],
         {"mode": "linear", "coordinate_transformation_mode": "half_pixel_symmetric"},
         [const("roi", np.array([], np.float32)), const("scales", np.array([1, 1, 1.5, 2.5], np.float32))])
    case(out, "quantizelinear_blocked_opset21", 21, "QuantizeLinear", [("x", f32(4, 6) * 3)], [("y", TensorProto.INT8)],
         {"axis": 1, "block_size": 3},
         [const("scale", np.abs(f32(4, 2)) + 0.05), const("zero", rng.integers(-5, 5, (4, 2)).astype(np.int8))])
    case(out, "dequantizelinear_blocked_opset21", 21, "DequantizeLinear",
         [("x", rng.integers(0, 255, (6, 4)).astype(np.uint8))], [("y", F)], {"axis": 0, "block_size": 2},
         [const("scale", np.abs(f32(3, 4)) + 0.01), const("zero", rng.integers(0, 255, (3, 4)).astype(np.uint8))])
    case(out, "dft_axis_input_opset20", 20, "DFT", [("x", f32(2, 8, 1))], [("y", F)], {"onesided": 1},
         [const("len", np.array(8, np.int64)), const("axis", np.array(1, np.int64))])
    case(out, "gridsample_linear_opset20", 20, "GridSample", [("x", f32(1, 2, 4, 5)), ("g", f32(1, 3, 3, 2) * 0.8)],
         [("y", F)], {"mode": "linear", "padding_mode": "border"})
    case(out, "cast_float_to_float16_opset19", 19, "Cast", [("x", f32(3, 5) * 1000)], [("y", TensorProto.FLOAT16)],
         {"to": TensorProto.FLOAT16})
    case(out, "layernorm_axis1_opset17", 17, "LayerNormalization", [("x", f32(2, 3, 4))], [("y", F)], {"axis": 1},
         [const("s", f32(3, 4)), const("b", f32(3, 4))])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
