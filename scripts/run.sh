#!/usr/bin/env bash
# A newcomer's first command: installs what is missing, builds, and opens BitLens on the
# bundled sample model (extra arguments go to bitlens, e.g. a model path).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/bitlens "$@"
