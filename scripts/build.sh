#!/usr/bin/env bash
# Configures and builds BitLens with the default CMake preset (build/).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset default
cmake --build --preset default -j "$(nproc)"
