#!/usr/bin/env bash
# Checks that ONNX Runtime loads BitLens's exported models and reaches the accuracy BitLens reports
# (issue 7): exports MODEL under PLAN as fake-quant and QDQ ONNX, runs both through ONNX Runtime's
# CPU provider (npm onnxruntime-node, installed into ~/.cache/bitlens-ort as bench/compare-ort.sh
# does) and through bitlens-cli eval, beside the in-app evaluation of the plan. By hand only; the
# build and the tests never need npm.
#   tools/ort_check_export.sh MODEL PLAN [DATA_DIR]   (DATA_DIR: IDX t10k-* files, default the sample's)
set -euo pipefail
cd "$(dirname "$0")/.."
model=$1 plan=$2 data=${3:-resources/sample}
cli=build/bitlens-cli
ort=${HOME}/.cache/bitlens-ort
if [ ! -d "$ort/node_modules/onnxruntime-node" ]; then
  mkdir -p "$ort" && (cd "$ort" && npm install --ignore-scripts --no-audit --no-fund onnxruntime-node >/dev/null)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
top1() { python3 -c 'import json,sys; print(json.load(sys.stdin)["top1"])'; }
printf '%-10s %12s %14s %12s %10s\n' format "ORT top-1" "BitLens top-1" "in-app" bytes
inapp=$($cli eval "$model" --data "$data" --plan "$plan" --json - | top1)
for format in fakequant qdq; do
  $cli export "$model" --plan "$plan" --format "$format" --out "$work/$format.onnx" >/dev/null
  NODE_PATH=$ort/node_modules node tools/ort_predictions.mjs "$work/$format.onnx" \
    "$data/t10k-images-idx3-ubyte.gz" "$data/t10k-labels-idx1-ubyte.gz" "$work/$format.json" >/dev/null
  o=$(top1 < "$work/$format.json")
  b=$($cli eval "$work/$format.onnx" --data "$data" --mean "${MEAN:-0.2860}" --std "${STD:-0.3530}" --json - | top1)
  printf '%-10s %12s %14s %12s %10s\n' "$format" "$o" "$b" "$inapp" "$(stat -c %s "$work/$format.onnx")"
done
