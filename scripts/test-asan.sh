#!/usr/bin/env bash
# Installs what is missing, builds with AddressSanitizer and UndefinedBehaviorSanitizer (preset
# asan: Debug, no benchmarks) and runs the whole test suite under them, headless. Any report from
# either sanitizer fails the test that triggered it (UBSan does not recover).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset asan
cmake --build --preset asan
ctest --preset asan -j "$(nproc)"
