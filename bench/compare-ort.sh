#!/bin/sh
# Images per second at batch 100 over the full Fashion-MNIST test set (10,000 images from Debian's
# dataset-fashion-mnist), BitLens's engine beside ONNX Runtime's CPU provider, on the same model
# files in the same run, 2 threads each; each side runs REPEAT times (default 3) and the best run
# counts, because other work on the machine only ever slows a run down.
#   bench/compare-ort.sh [BUILD_DIR]      (default: build)
# ONNX Runtime comes from npm (onnxruntime-node, installed once into ~/.cache/bitlens-ort with its
# install script skipped: the package already carries the CPU binaries). Only this benchmark uses
# it; nothing in the build or the tests does.
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
DATA=/usr/share/datasets/fashion-mnist
ORT_DIR=${BITLENS_ORT_DIR:-$HOME/.cache/bitlens-ort}
CLI="$BUILD/bitlens-cli"
[ -x "$CLI" ] || { echo "compare-ort.sh: $CLI not found; build first (scripts/build.sh)" >&2; exit 2; }
[ -f "$DATA/t10k-images-idx3-ubyte.gz" ] || { echo "compare-ort.sh: $DATA missing (scripts/install-deps.sh installs dataset-fashion-mnist)" >&2; exit 2; }
if [ ! -d "$ORT_DIR/node_modules/onnxruntime-node" ]; then
    mkdir -p "$ORT_DIR"
    (cd "$ORT_DIR" && ONNXRUNTIME_NODE_INSTALL=skip npm install --silent --ignore-scripts onnxruntime-node >/dev/null)
fi

printf '%-28s %12s %12s %7s %9s %9s\n' model "BitLens/s" "ORT/s" ratio "top-1 BL" "top-1 ORT"
for model in resources/sample/fashion_cnn.onnx tests/data/resnet20.onnx tests/data/mobilenet_tiny.onnx; do
    [ -f "$model" ] || continue
    bl=""; ort=""
    for _ in $(seq "${REPEAT:-3}"); do
        bl="$bl$("$CLI" eval "$model" --data "$DATA" --threads 2 --json - 2>/dev/null | tr -d '\n')
"
        ort="$ort$(NODE_PATH="$ORT_DIR/node_modules" node bench/ort_throughput.mjs "$model" \
              "$DATA/t10k-images-idx3-ubyte.gz" "$DATA/t10k-labels-idx1-ubyte.gz" 2)
"
    done
    BL="$bl" ORT="$ort" MODEL="$(basename "$model")" node -e '
        const best = (runs) => runs.trim().split("\n").map((l) => JSON.parse(l))
                                   .reduce((a, r) => (r.images_per_second > a.images_per_second ? r : a));
        const b = best(process.env.BL), o = best(process.env.ORT);
        console.log(process.env.MODEL.padEnd(28), b.images_per_second.toFixed(0).padStart(12),
                    o.images_per_second.toFixed(0).padStart(12), (b.images_per_second / o.images_per_second).toFixed(2).padStart(7),
                    b.top1.toFixed(4).padStart(9), o.top1.toFixed(4).padStart(9));'
done
