#!/usr/bin/env bash
# Checks the README's run command end to end, headless: scripts/run.sh opens the window on the
# bundled sample, waits until every job has finished, renders it to a PNG and quits with status 0.
# Fails if it does not quit within TIMEOUT seconds (default 600), exits non-zero, or the image is
# missing or blank-sized. CI runs it on the fresh Debian 12 root after the test suite.
#   scripts/check-window.sh [PNG]     (default /tmp/bitlens-window.png)
set -euo pipefail
cd "$(dirname "$0")/.."
png=${1:-/tmp/bitlens-window.png}
rm -f "$png"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
start=$(date +%s)
timeout "${TIMEOUT:-600}" scripts/run.sh --screenshot "$png"
bytes=$(stat -c %s "$png" 2>/dev/null || echo 0)
# A 1400x900 window with plots compresses to well over 20 kB; an empty one to a few.
if [ "$bytes" -lt 20000 ]; then
    echo "check-window: $png is $bytes bytes; the window did not render" >&2
    exit 1
fi
echo "check-window: the window came up and rendered $png ($bytes bytes) in $(( $(date +%s) - start )) s"
