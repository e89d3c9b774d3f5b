#!/usr/bin/env bash
# Installs the Debian 12 packages BitLens needs to build, test and run, and only those that are
# missing. Uses sudo when not run as root. Every dependency comes from Debian's archive.
set -euo pipefail

# Installed with --no-install-recommends, so every package the build, the tests or the window
# use is named here, even when another package only recommends it. ../shared/tools/fresh-debian-check
# (HACKING.md) proves the list on a brand-new Debian 12 root; CI runs it every time.
PACKAGES=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
    qt6-translations-l10n          # Qt's own strings (standard buttons) in the German UI
    fonts-dejavu-core              # the plots' and figures' text, offscreen and on a bare desktop
    libqcustomplot-dev libonnx-dev libprotobuf-dev protobuf-compiler
    libeigen3-dev libdnnl-dev
    ocl-icd-opencl-dev             # dnnl-config.cmake requires OpenCL; libdnnl-dev only recommends it
    libzstd-dev zlib1g-dev libonnx-testdata
    dataset-fashion-mnist
)

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#PACKAGES[@]} Debian packages are installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
