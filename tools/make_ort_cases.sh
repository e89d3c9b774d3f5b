#!/bin/sh
# Makes tests/data/ort_cases: single-operator cases for opsets 18-21 and for operators whose ONNX
# 1.12 conformance cases are opset 1 or 6 (tools/make_ort_cases.py, Debian's python3-onnx), with
# ONNX Runtime 1.30's outputs as the reference, as ONNX test-data folders. test_conformance runs
# them as a fifth suite. Run by hand when the cases change; the tests only read the results.
set -eu
cd "$(dirname "$0")/.."
OUT=tests/data/ort_cases
ORT_DIR=${BITLENS_ORT_DIR:-$HOME/.cache/bitlens-ort}
if [ ! -d "$ORT_DIR/node_modules/onnxruntime-node" ]; then
    mkdir -p "$ORT_DIR"
    (cd "$ORT_DIR" && ONNXRUNTIME_NODE_INSTALL=skip npm install --silent --ignore-scripts onnxruntime-node@1.30.0 >/dev/null)
fi
rm -rf "$OUT"
/usr/bin/python3 tools/make_ort_cases.py "$OUT"
for c in "$OUT"/*/; do
    NODE_PATH="$ORT_DIR/node_modules" node tools/ort_reference_outputs.mjs "${c%/}" >/dev/null
done
/usr/bin/python3 tools/npy_to_tensor_proto.py "$OUT"
ls "$OUT" | wc -l
