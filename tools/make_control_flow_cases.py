#!/usr/bin/python3
"""Writes the small control-flow models of tests/model/test_control_flow.cpp (If, Loop, Scan,
nested subgraphs, a graph out of order, a cycle). The expected values are derived by hand in the
test; this script only builds the graphs. Run: python3 tools/make_control_flow_cases.py"""
import os
import numpy as np
import onnx
from onnx import TensorProto as TP, helper as h, numpy_helper as nh

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "data", "control_flow")


def save(graph, name, opset=13):
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", opset)], producer_name="bitlens-tools")
    model.ir_version = 7
    if name != "cycle.onnx":  # the checker refuses the cycle, which is the point of that file
        onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, name))


def f32(name, dims):
    return h.make_tensor_value_info(name, TP.FLOAT, dims)


def if_conv():
    # y = Conv(x, W_then) if cond else Conv(x, W_else) * k, with k a main-graph initializer.
    w_then = nh.from_array(np.array([1, -2], np.float32).reshape(2, 1, 1, 1), "W_then")
    w_else = nh.from_array(np.array([0.5, 3], np.float32).reshape(2, 1, 1, 1), "W_else")
    then_g = h.make_graph([h.make_node("Conv", ["x", "W_then"], ["y_then"], name="Conv_then")], "then",
                          [], [f32("y_then", [1, 2, 2, 2])], [w_then])
    else_g = h.make_graph([h.make_node("Conv", ["x", "W_else"], ["c_else"], name="Conv_else"),
                           h.make_node("Mul", ["c_else", "k"], ["y_else"], name="Mul_else")], "else",
                          [], [f32("y_else", [1, 2, 2, 2])], [w_else])
    node = h.make_node("If", ["cond"], ["y"], name="If_0", then_branch=then_g, else_branch=else_g)
    g = h.make_graph([node], "if_conv", [h.make_tensor_value_info("cond", TP.BOOL, []), f32("x", [1, 1, 2, 2])],
                     [f32("y", [1, 2, 2, 2])], [nh.from_array(np.array(10, np.float32), "k")])
    save(g, "if_conv.onnx")


def loop_sum():
    # Loop M times (or while iter < limit): s = s + x * iter; scan output s after each iteration.
    body = h.make_graph([
        h.make_node("Cast", ["iter"], ["iter_f"], to=TP.FLOAT),
        h.make_node("Mul", ["x", "iter_f"], ["step"]),
        h.make_node("Add", ["s_in", "step"], ["s_out"]),
        h.make_node("Identity", ["s_out"], ["s_scan"]),
        h.make_node("Less", ["iter", "limit"], ["cond_out"]),
    ], "body", [h.make_tensor_value_info("iter", TP.INT64, []), h.make_tensor_value_info("cond_in", TP.BOOL, []),
                f32("s_in", [2])],
        [h.make_tensor_value_info("cond_out", TP.BOOL, []), f32("s_out", [2]), f32("s_scan", [2])])
    node = h.make_node("Loop", ["M", "", "x"], ["s_final", "s_all"], name="Loop_0", body=body)
    g = h.make_graph([node], "loop_sum",
                     [h.make_tensor_value_info("M", TP.INT64, []), f32("x", [2])],
                     [f32("s_final", [2]), f32("s_all", [None, 2])],
                     [nh.from_array(np.array(100, np.int64), "limit")])
    save(g, "loop_sum.onnx")
    # The same body without a trip count: stops when iter < limit turns false.
    node = h.make_node("Loop", ["", "start", "x"], ["s_final", "s_all"], name="Loop_0", body=body)
    g = h.make_graph([node], "loop_cond", [f32("x", [2])], [f32("s_final", [2]), f32("s_all", [None, 2])],
                     [nh.from_array(np.array(2, np.int64), "limit"), nh.from_array(np.array(True), "start")])
    save(g, "loop_cond.onnx")


def scan_reverse():
    # Scan-9: a running sum over a reversed sequence; the scan output stacked along axis 1.
    body = h.make_graph([h.make_node("Add", ["s_in", "x_t"], ["s_out"]), h.make_node("Identity", ["s_out"], ["y_t"])],
                        "body", [f32("s_in", [2]), f32("x_t", [2])], [f32("s_out", [2]), f32("y_t", [2])])
    node = h.make_node("Scan", ["s0", "xs"], ["s_final", "ys"], name="Scan_0", body=body, num_scan_inputs=1,
                       scan_input_directions=[1], scan_output_axes=[1])
    g = h.make_graph([node], "scan_reverse", [f32("s0", [2]), f32("xs", [3, 2])], [f32("s_final", [2]), f32("ys", [2, 3])])
    save(g, "scan_reverse.onnx", opset=11)


def scan8():
    # Scan-8: batch axis 0, sequence axis 1; the same running sum, forward.
    body = h.make_graph([h.make_node("Add", ["s_in", "x_t"], ["s_out"]), h.make_node("Identity", ["s_out"], ["y_t"])],
                        "body", [f32("s_in", [2]), f32("x_t", [2])], [f32("s_out", [2]), f32("y_t", [2])])
    node = h.make_node("Scan", ["", "s0", "xs"], ["s_final", "ys"], name="Scan_0", body=body, num_scan_inputs=1)
    g = h.make_graph([node], "scan8", [f32("s0", [2, 2]), f32("xs", [2, 3, 2])], [f32("s_final", [2, 2]), f32("ys", [2, 3, 2])])
    save(g, "scan8.onnx", opset=8)


def nested():
    # A Loop whose body holds an If: odd iterations add the outer `a`, even ones subtract the If
    # branch's own constant `c` (2); both read values from two scopes up.
    then_g = h.make_graph([h.make_node("Add", ["s_in", "a"], ["t_out"])], "odd", [], [f32("t_out", [1])])
    else_g = h.make_graph([h.make_node("Sub", ["s_in", "c"], ["e_out"])], "even", [], [f32("e_out", [1])],
                          [nh.from_array(np.array([2], np.float32), "c")])
    body = h.make_graph([
        h.make_node("Mod", ["iter", "two"], ["parity"]),
        h.make_node("Cast", ["parity"], ["odd"], to=TP.BOOL),
        h.make_node("If", ["odd"], ["s_out"], name="If_inner", then_branch=then_g, else_branch=else_g),
        h.make_node("Identity", ["cond_in"], ["cond_out"]),
    ], "body", [h.make_tensor_value_info("iter", TP.INT64, []), h.make_tensor_value_info("cond_in", TP.BOOL, []),
                f32("s_in", [1])], [h.make_tensor_value_info("cond_out", TP.BOOL, []), f32("s_out", [1])])
    node = h.make_node("Loop", ["M", "", "s0"], ["s_final"], name="Loop_outer", body=body)
    g = h.make_graph([node], "nested", [f32("s0", [1]), f32("a", [1])], [f32("s_final", [1])],
                     [nh.from_array(np.array(5, np.int64), "M"), nh.from_array(np.array(2, np.int64), "two")])
    save(g, "nested.onnx")


def unsorted_and_cycle():
    # y = Relu(x * 2) - 1 written last node first.
    nodes = [h.make_node("Sub", ["r", "one"], ["y"], name="Sub_2"),
             h.make_node("Relu", ["m"], ["r"], name="Relu_1"),
             h.make_node("Mul", ["x", "two"], ["m"], name="Mul_0")]
    inits = [nh.from_array(np.array(1, np.float32), "one"), nh.from_array(np.array(2, np.float32), "two")]
    g = h.make_graph(nodes, "unsorted", [f32("x", [3])], [f32("y", [3])], inits)
    model = h.make_model(g, opset_imports=[h.make_opsetid("", 13)], producer_name="bitlens-tools")
    model.ir_version = 7
    onnx.save(model, os.path.join(OUT, "unsorted.onnx"))  # the 1.12 checker refuses the order
    nodes = [h.make_node("Add", ["x", "b"], ["a"], name="Add_a"), h.make_node("Relu", ["a"], ["b"], name="Relu_b"),
             h.make_node("Identity", ["a"], ["y"], name="Out")]
    save(h.make_graph(nodes, "cycle", [f32("x", [3])], [f32("y", [3])]), "cycle.onnx")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    if_conv()
    loop_sum()
    scan_reverse()
    scan8()
    nested()
    unsorted_and_cycle()
