#!/bin/sh
# Inference throughput of BitLens's engine beside ONNX Runtime's CPU provider (npm onnxruntime-node
# 1.30, installed once into ~/.cache/bitlens-ort with its install script skipped), same models,
# same synthetic input shapes, same run, 2 threads each; the best of PASSES passes after a warm-up.
# Models: ResNet-18, ResNet-50, MobileNetV2 at 224x224 (tools/make_torchvision_models.py, made once
# into ~/.cache/bitlens-bench with Debian's python3-torchvision), and the ViT / BERT / GPT-style
# models of tests/data/transformers.
#   bench/compare-ort-models.sh [BUILD_DIR]     (default: build; needs the bench_throughput target)
# Fashion-MNIST models with the real test set: bench/compare-ort.sh.
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
BENCH="$BUILD/bench/bench_throughput"
ORT_DIR=${BITLENS_ORT_DIR:-$HOME/.cache/bitlens-ort}
MODELS=${BITLENS_BENCH_MODELS:-$HOME/.cache/bitlens-bench}
PASSES=${PASSES:-5}
[ -x "$BENCH" ] || { echo "compare-ort-models.sh: $BENCH not found; build the bench_throughput target" >&2; exit 2; }
if [ ! -d "$ORT_DIR/node_modules/onnxruntime-node" ]; then
    mkdir -p "$ORT_DIR"
    (cd "$ORT_DIR" && ONNXRUNTIME_NODE_INSTALL=skip npm install --silent --ignore-scripts onnxruntime-node@1.30.0 >/dev/null)
fi
/usr/bin/python3 tools/make_torchvision_models.py "$MODELS" >/dev/null

printf '%-16s %6s %6s %12s %12s %7s\n' model batch chunk "BitLens/s" "ORT/s" ratio
row() { # name model batch chunk seq
    bl=$("$BENCH" "$2" --batch "$3" --chunk "$4" --seq "$5" --threads 2 --passes "$PASSES")
    ort=$(NODE_PATH="$ORT_DIR/node_modules" node bench/ort_throughput_synthetic.mjs "$2" "$3" "$4" "$5" 2 "$PASSES")
    BL="$bl" ORT="$ort" NAME="$1" B="$3" C="$4" node -e '
        const b = JSON.parse(process.env.BL).items_per_second, o = JSON.parse(process.env.ORT).items_per_second;
        console.log(process.env.NAME.padEnd(16), process.env.B.padStart(6), process.env.C.padStart(6),
                    b.toFixed(1).padStart(12), o.toFixed(1).padStart(12), (b / o).toFixed(2).padStart(7));'
}
row resnet18 "$MODELS/resnet18.onnx" 32 8 0
row resnet50 "$MODELS/resnet50.onnx" 16 4 0
row mobilenet_v2 "$MODELS/mobilenet_v2.onnx" 32 8 0
row vit_tiny tests/data/transformers/vit_tiny/model.onnx 256 32 0
row bert_tiny tests/data/transformers/bert_tiny/model.onnx 256 32 32 # 32 positions
row gpt_tiny tests/data/transformers/gpt_tiny/model.onnx 256 32 32
