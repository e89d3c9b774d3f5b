#!/bin/sh
# Makes tests/data/transformers/{vit_tiny,bert_tiny,gpt_tiny}: models from Debian's python3-torch
# (random weights, tools/make_transformer_models.py), seeded inputs, and ONNX Runtime 1.30's outputs
# as the reference, all as ONNX test-data folders (model.onnx, test_data_set_0/{input,output}_N.pb).
# Needs python3-torch, python3-onnx and node; ONNX Runtime is installed into ~/.cache/bitlens-ort as
# bench/compare-ort.sh does. Run by hand when the models change; the tests only read the results.
set -eu
cd "$(dirname "$0")/.."
OUT=tests/data/transformers
ORT_DIR=${BITLENS_ORT_DIR:-$HOME/.cache/bitlens-ort}
if [ ! -d "$ORT_DIR/node_modules/onnxruntime-node" ]; then
    mkdir -p "$ORT_DIR"
    (cd "$ORT_DIR" && ONNXRUNTIME_NODE_INSTALL=skip npm install --silent --ignore-scripts onnxruntime-node@1.30.0 >/dev/null)
fi
rm -rf "$OUT"
/usr/bin/python3 tools/make_transformer_models.py "$OUT"
for model in "$OUT"/*/; do
    NODE_PATH="$ORT_DIR/node_modules" node tools/ort_reference_outputs.mjs "${model%/}"
done
/usr/bin/python3 tools/npy_to_tensor_proto.py "$OUT"
ls -l "$OUT"/*/model.onnx
