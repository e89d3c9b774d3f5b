#!/usr/bin/python3
"""Writes the small models of tests/model/test_weights.cpp's integer and recurrent cases: int8
codes a DequantizeLinear reads before a Conv, a QLinearConv with uint8 weights, ConvInteger as
ONNX Runtime's dynamic quantizer writes it, and an LSTM. The expected values are derived by hand in
the test; this script only builds the graphs. Run: tools/make_weight_cases.py"""
import os
import numpy as np
import onnx
from onnx import TensorProto as TP, helper as h, numpy_helper as nh

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "weights")


def save(graph, name, opset=13):
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", opset)], producer_name="bitlens-tools")
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, name))


def f32(name, dims):
    return h.make_tensor_value_info(name, TP.FLOAT, dims)


def dq_conv():
    # W = (q - zp) * scale per output channel: channel 0 [2, -4] * 0.5, channel 1 ([3, 1] - 1) * 0.25.
    q = nh.from_array(np.array([2, -4, 3, 1], np.int8).reshape(2, 2, 1, 1), "W_q")
    scale = nh.from_array(np.array([0.5, 0.25], np.float32), "W_scale")
    zp = nh.from_array(np.array([0, 1], np.int8), "W_zp")
    nodes = [h.make_node("DequantizeLinear", ["W_q", "W_scale", "W_zp"], ["W"], name="dq", axis=0),
             h.make_node("Conv", ["x", "W"], ["y"], name="conv")]
    save(h.make_graph(nodes, "dq_conv", [f32("x", [1, 2, 1, 2])], [f32("y", [1, 2, 1, 2])], [q, scale, zp]), "dq_conv.onnx")


def qlinear_conv():
    # uint8 weights [10, 14, 12, 8] with zero point 12 and scale 0.5: W = [-1, 1, 0, -2].
    inits = [nh.from_array(np.array(1.0, np.float32), "x_scale"), nh.from_array(np.array(0, np.uint8), "x_zp"),
             nh.from_array(np.array([10, 14, 12, 8], np.uint8).reshape(2, 2, 1, 1), "W_u8"),
             nh.from_array(np.array(0.5, np.float32), "w_scale"), nh.from_array(np.array(12, np.uint8), "w_zp"),
             nh.from_array(np.array(0.25, np.float32), "y_scale"), nh.from_array(np.array(128, np.uint8), "y_zp")]
    nodes = [h.make_node("QLinearConv", ["x", "x_scale", "x_zp", "W_u8", "w_scale", "w_zp", "y_scale", "y_zp"], ["y"],
                         name="qconv")]
    g = h.make_graph(nodes, "qlinear_conv", [h.make_tensor_value_info("x", TP.UINT8, [1, 2, 1, 1])],
                     [h.make_tensor_value_info("y", TP.UINT8, [1, 2, 1, 1])], inits)
    save(g, "qlinear_conv.onnx")


def conv_integer():
    # ONNX Runtime's dynamic quantization: int8 weight codes with a zero point, no scale on the node.
    inits = [nh.from_array(np.array([3, -1, 0, 5], np.int8).reshape(2, 2, 1, 1), "W_i8"),
             nh.from_array(np.array(1, np.int8), "W_i8_zp")]
    nodes = [h.make_node("ConvInteger", ["x", "W_i8", "", "W_i8_zp"], ["y"], name="convint")]
    g = h.make_graph(nodes, "conv_integer", [h.make_tensor_value_info("x", TP.INT8, [1, 2, 1, 1])],
                     [h.make_tensor_value_info("y", TP.INT32, [1, 2, 1, 1])], inits)
    save(g, "conv_integer.onnx")


def lstm():
    hidden, inputs = 2, 3
    rng = np.random.default_rng(7)
    w = nh.from_array(rng.standard_normal((1, 4 * hidden, inputs)).astype(np.float32), "lstm_W")
    r = nh.from_array(rng.standard_normal((1, 4 * hidden, hidden)).astype(np.float32), "lstm_R")
    nodes = [h.make_node("LSTM", ["x", "lstm_W", "lstm_R"], ["", "y_h"], name="lstm", hidden_size=hidden)]
    g = h.make_graph(nodes, "lstm", [f32("x", [4, 1, inputs])], [f32("y_h", [1, 1, hidden])], [w, r])
    save(g, "lstm.onnx")


def lstm_gate_reorder():
    # PyTorch's LSTM export: W = Unsqueeze(Concat(Slice(w, 0:2), Slice(w, 6:8), Slice(w, 2:6)), [0]) puts
    # the gates in ONNX's order; R from overlapping slices (rows 0:4 and 2:6), not a permutation.
    hidden, inputs = 2, 3
    rng = np.random.default_rng(11)
    w = nh.from_array(rng.standard_normal((4 * hidden, inputs)).astype(np.float32), "w_ih")
    r = nh.from_array(rng.standard_normal((4 * hidden, hidden)).astype(np.float32), "w_hh")
    ints = lambda name, v: nh.from_array(np.array(v, np.int64), name)
    inits = [w, r, ints("s0", [0]), ints("e0", [2]), ints("s1", [6]), ints("e1", [8]), ints("s2", [2]), ints("e2", [6]),
             ints("e4", [4]), ints("zero", [0])]
    nodes = [h.make_node("Slice", ["w_ih", "s0", "e0", "zero"], ["w_a"]),
             h.make_node("Slice", ["w_ih", "s1", "e1", "zero"], ["w_b"]),
             h.make_node("Slice", ["w_ih", "s2", "e2", "zero"], ["w_c"]),
             h.make_node("Concat", ["w_a", "w_b", "w_c"], ["w_cat"], name="w_concat", axis=0),
             h.make_node("Unsqueeze", ["w_cat", "zero"], ["W"], name="w_unsqueeze"),
             h.make_node("Slice", ["w_hh", "s0", "e4", "zero"], ["r_a"]),
             h.make_node("Slice", ["w_hh", "s2", "e2", "zero"], ["r_b"]),
             h.make_node("Concat", ["r_a", "r_b"], ["r_cat"], name="r_concat", axis=0),
             h.make_node("Unsqueeze", ["r_cat", "zero"], ["R"]),
             h.make_node("LSTM", ["x", "W", "R"], ["", "y_h"], name="lstm", hidden_size=hidden)]
    g = h.make_graph(nodes, "lstm_gate_reorder", [f32("x", [4, 1, inputs])], [f32("y_h", [1, 1, hidden])], inits)
    save(g, "lstm_gate_reorder.onnx")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    dq_conv()
    qlinear_conv()
    conv_integer()
    lstm()
    lstm_gate_reorder()
