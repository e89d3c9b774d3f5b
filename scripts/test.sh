#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (GUI tests run headless).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
QT_QPA_PLATFORM=offscreen ctest --preset default -j "$(nproc)"
