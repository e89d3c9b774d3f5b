#!/usr/bin/env bash
# Builds the libFuzzer targets with Debian's clang (ASan + UBSan) and fuzzes each for SECONDS
# (default 600), growing tests/fuzz/corpus/TARGET; then merges each corpus down to the inputs that
# keep its coverage. Crashes land in build-fuzz/fuzz/crash-*; fix them, then add the input to the
# corpus so test_fuzz_replay keeps checking it. Not part of CI: CI only replays the corpora.
#   scripts/fuzz.sh [SECONDS] [TARGET...]    targets: onnx_model engine_graph idx_dataset npy_dataset project_files
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# clang and its libFuzzer runtime (libclang-rt-14-dev), only for fuzzing.
missing=()
for p in clang libclang-rt-14-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(onnx_model engine_graph idx_dataset npy_dataset project_files)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=0
for t in "${targets[@]}"; do
    corpus=tests/fuzz/corpus/$t
    mkdir -p "$corpus" build-fuzz/fuzz/new-$t
    max_len=65536
    [ "$t" = project_files ] && max_len=8192
    [ "$t" = engine_graph ] && max_len=512 # a graph description: a few hundred bytes say everything
    echo "== fuzz_$t for ${seconds}s"
    # -rss_limit_mb: an input that makes BitLens allocate past 2 GiB is a finding, not a slow run.
    (cd build-fuzz/fuzz && ./fuzz_$t -max_total_time="$seconds" -max_len=$max_len -rss_limit_mb=2048 \
        -timeout=20 -print_final_stats=1 "new-$t" "../../$corpus")
    # Keep only what adds coverage: merge the old and new inputs into a fresh folder.
    rm -rf "build-fuzz/fuzz/merged-$t" && mkdir -p "build-fuzz/fuzz/merged-$t"
    (cd build-fuzz/fuzz && ./fuzz_$t -merge=1 -max_len=$max_len -rss_limit_mb=2048 "merged-$t" "../../$corpus" "new-$t")
    rm -rf "$corpus" && mv "build-fuzz/fuzz/merged-$t" "$corpus"
    echo "== $t: $(ls "$corpus" | wc -l) inputs kept"
done
