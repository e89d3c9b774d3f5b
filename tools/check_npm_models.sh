#!/bin/sh
# Runs every model tools/fetch_npm_models.sh extracted through bitlens-cli (info, then one run on
# synthetic inputs) and through ONNX Runtime's CPU provider (npm onnxruntime-node 1.30, installed
# once into ~/.cache/bitlens-ort with its install script skipped, as bench/compare-ort.sh does),
# and prints one row a model (or a model's input set): nodes (counting subgraphs), weight layers,
# weights not analysed, whether BitLens ran, seconds, and the largest absolute difference from ONNX
# Runtime over all outputs beside the largest |output|. Then the plan that puts every weight layer
# at 8 bits (asymmetric, per-channel): "int8 eff" is how far it moves BitLens's outputs from its FP32 ones
# (0 when nothing was quantized, or the outputs saturate), "fq ORT" and "qdq ORT" how far ONNX
# Runtime on `bitlens-cli export` of that plan (fakequant, QDQ) lands from BitLens's run --plan
# (QUANT=0 skips these). Each row's errors follow the table.
# What to expect: differences at float rounding, except where ONNX Runtime itself rounds less
# well and BitLens matches a float64 reference: its linear Resize (float arithmetic) moves a few
# codes of DynamicQuantizeLinear in imgly/small.onnx, which the next layers carry (0.27 on
# features up to 10), and its Sigmoid approximation loses relative accuracy far in the tail
# (ppocr det). imgly/medium.onnx is float16 throughout: ONNX Runtime's CPU provider computes it in
# float32, BitLens rounds some ops' outputs to float16 and not others (0.005 on 10). imgly/small's
# "int8 eff" is 0: its ConvInteger weights are already 8-bit codes. QDQ export needs opset 13.
#   tools/check_npm_models.sh [FILTER]    (FILTER: only models whose path contains it)
# BITLENS_CLI (default build/bitlens-cli), BITLENS_NPM_MODELS (default ~/.cache/bitlens-npm-models),
# BITLENS_ORT_DIR (default ~/.cache/bitlens-ort), TIMEOUT seconds a run (default 900).
# Inputs are seeded random numbers of the shapes below; a symbolic or unknown dimension must be
# given here. Images are uniform in [0, 1), audio and states normal with the scale given.
set -eu
cd "$(dirname "$0")/.."
CLI=${BITLENS_CLI:-build/bitlens-cli}
CACHE=${BITLENS_NPM_MODELS:-$HOME/.cache/bitlens-npm-models}
ORT_DIR=${BITLENS_ORT_DIR:-$HOME/.cache/bitlens-ort}
FILTER=${1:-}
[ -x "$CLI" ] || { echo "check_npm_models.sh: $CLI not found; build bitlens-cli or set BITLENS_CLI" >&2; exit 2; }
[ -d "$CACHE/models" ] ||
    { echo "check_npm_models.sh: $CACHE/models missing; run tools/fetch_npm_models.sh" >&2; exit 2; }
if [ ! -d "$ORT_DIR/node_modules/onnxruntime-node" ]; then
    mkdir -p "$ORT_DIR"
    (cd "$ORT_DIR" &&
         ONNXRUNTIME_NODE_INSTALL=skip npm install --silent --ignore-scripts onnxruntime-node@1.30.0 >/dev/null)
fi

# MODEL[#TAG] INPUT=SPEC...   SPEC: SHAPE (AxBxC, empty for a scalar) then :uniform ([0, 1)),
# :range*LO*HI (uniform in [LO, HI)), :normal*SCALE, or =VALUE (every element VALUE, in the input's
# own type). A model may have several rows, told apart by TAG (to take each branch of an If).
# Inputs not listed, and models not listed, take their declared shapes, uniform [0, 1).
SPECS='
vad-web/silero_vad_legacy.onnx#16k input=1x1536:normal*0.1 sr==16000 h=2x1x64:normal*0.5 c=2x1x64:normal*0.5
vad-web/silero_vad_legacy.onnx#8k input=1x512:normal*0.1 sr==8000 h=2x1x64:normal*0.5 c=2x1x64:normal*0.5
vad-web/silero_vad_v5.onnx#16k input=1x512:normal*0.1 state=2x1x128:normal*0.5 sr==16000
vad-web/silero_vad_v5.onnx#8k input=1x256:normal*0.1 state=2x1x128:normal*0.5 sr==8000
vad-web/silero_vad_v6.onnx#16k input=1x512:normal*0.1 state=2x1x128:normal*0.5 sr==16000
vad-web/silero_vad_v6.onnx#8k input=1x256:normal*0.1 state=2x1x128:normal*0.5 sr==8000
oww-wasm/silero_vad.onnx#16k input=1x1536:normal*0.1 sr==16000 h=2x1x64:normal*0.5 c=2x1x64:normal*0.5
oww-wasm/silero_vad.onnx#8k input=1x768:normal*0.1 sr==8000 h=2x1x64:normal*0.5 c=2x1x64:normal*0.5
oww-wasm/melspectrogram.onnx input=1x1760:normal*3000
oww-wasm/embedding_model.onnx input_1=2x76x32x1:normal*1
oww-wasm/alexa_v0.1.onnx onnx::Flatten_0=1x16x96:normal*1
oww-wasm/hey_jarvis_v0.1.onnx#else x.1=1x16x96:normal*1
oww-wasm/hey_jarvis_v0.1.onnx#then x.1=1x16x96:range*-2.25*-1.75
oww-wasm/hey_mycroft_v0.1.onnx onnx::Flatten_0=1x16x96:normal*1
oww-wasm/hey_rhasspy_v0.1.onnx onnx::Flatten_0=1x16x96:normal*1
oww-wasm/timer_v0.1.onnx onnx::Flatten_0=1x34x96:normal*1
oww-wasm/weather_v0.1.onnx onnx::Flatten_0=1x22x96:normal*1
oww-js/hello_deepa.onnx onnx::Flatten_0=1x25x96:normal*1
oww-js/hello_deepa_old.onnx onnx::Flatten_0=1x24x96:normal*1
oww-js/namaste_deepa.onnx onnx::Flatten_0=1x24x96:normal*1
ppocr/ch_PP-OCRv4_det_infer.onnx x=1x3x96x128:range*-2*2
ppocr/ch_PP-OCRv4_rec_infer.onnx x=1x3x48x160:uniform
ppocr/ch_ppocr_mobile_v2.0_cls_infer.onnx x=1x3x48x192:uniform
'

WORK="$CACHE/check"
mkdir -p "$WORK"
ROWS="$WORK/rows.txt"
ERRS="$WORK/errors.txt"
[ -n "$FILTER" ] || find "$WORK" -mindepth 1 -maxdepth 1 -type d -exec rm -rf {} +
: >"$ROWS"; : >"$ERRS"
PLAN="$WORK/int8.bitlens-plan.json"
echo '{"format":"bitlens-plan","version":1,"layers":{},
 "defaults":{"scheme":"asymmetric","granularity":"per-channel","bits":8}}' >"$PLAN"

# One row a model, or one a listed TAG: "MODEL TAG SPEC...".
(cd "$CACHE/models" && find . -name '*.onnx' | sed 's,^\./,,' | sort) | while read -r model; do
    case "$model" in *"$FILTER"*) ;; *) continue ;; esac
    echo "$SPECS" | awk -v m="$model" '{ split($1, k, "#") }
        k[1] == m { n++; $1 = m " " (k[2] == "" ? "-" : k[2]); print }
        END { if (!n) print m, "-" }'
done >"$WORK/runs.txt"

exec 3<"$WORK/runs.txt"
while read -r model tag spec <&3; do
    label=$model; [ "$tag" = - ] || label="$model#$tag"
    dir="$WORK/$(echo "$label" | sed 's,/,__,; s,\.onnx,,; s,#,__,')"
    rm -rf "$dir" && mkdir -p "$dir/test_data_set_0" "$dir/bitlens"
    ln -s "$CACHE/models/$model" "$dir/model.onnx"

    info_ok=1
    "$CLI" info --json "$dir/info.json" "$dir/model.onnx" </dev/null >/dev/null 2>"$dir/info.err" || info_ok=0

    # Inputs: input_N.npy for ONNX Runtime and input_N.pb for BitLens, in graph input order.
    gen_ok=1
    /usr/bin/python3 - "$dir" $spec >"$dir/gen.err" 2>&1 <<'EOF' || gen_ok=0
import os, sys, zlib
import numpy as np
import onnx
from onnx import numpy_helper
d, specs = sys.argv[1], dict(s.split('=', 1) for s in sys.argv[2:])
g = onnx.load(os.path.join(d, 'model.onnx'), load_external_data=False).graph
inits = {i.name for i in g.initializer}
for n, inp in enumerate(i for i in g.input if i.name not in inits):
    t = inp.type.tensor_type
    dtype = onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[t.elem_type]
    spec = specs.get(inp.name)
    value = dist = None
    if spec is None:
        dims = [x.dim_value if x.HasField('dim_value') and x.dim_value > 0 else None for x in t.shape.dim]
        if None in dims:
            sys.exit(f'input {inp.name}: dimension {dims} not fixed; give its shape in SPECS')
        dist = 'uniform'
    else:
        if spec.startswith('='):
            shape_s, value = '', spec[1:]
        else:
            shape_s, dist = spec.split(':') if ':' in spec else (spec, 'uniform')
        dims = [int(x) for x in shape_s.split('x')] if shape_s else []
    rng = np.random.default_rng(zlib.crc32(inp.name.encode()))
    if value is not None:
        a = np.full(dims, float(value) if np.issubdtype(dtype, np.floating) else int(value), dtype=dtype)
    elif dist == 'uniform':
        a = rng.random(dims).astype(dtype)
    elif dist.startswith('range*'):
        lo, hi = (float(v) for v in dist.split('*')[1:])
        a = (lo + (hi - lo) * rng.random(dims)).astype(dtype)
    else:
        a = (rng.standard_normal(dims) * float(dist.split('*')[1])).astype(dtype)
    np.save(os.path.join(d, 'test_data_set_0', f'input_{n}.npy'), a)
    with open(os.path.join(d, f'input_{n}.pb'), 'wb') as f:
        f.write(numpy_helper.from_array(a, inp.name).SerializeToString())
EOF
    ort_ok=0
    if [ $gen_ok = 1 ]; then
        ort_ok=1
        NODE_PATH="$ORT_DIR/node_modules" node tools/ort_reference_outputs.mjs "$dir" </dev/null \
            >"$dir/ort.log" 2>&1 || ort_ok=0
    fi
    run_ok=0
    if [ $gen_ok = 1 ]; then
        inputs=$(ls "$dir"/input_*.pb 2>/dev/null | sort -V | tr '\n' ',' | sed 's/,$//')
        start=$(date +%s.%N)
        if timeout "${TIMEOUT:-900}" "$CLI" run --out "$dir/bitlens" ${inputs:+--inputs "$inputs"} "$dir/model.onnx" \
               </dev/null >"$dir/run.log" 2>"$dir/run.err"; then
            run_ok=1
        else
            echo "(exit $?)" >>"$dir/run.err"
        fi
        awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }' >"$dir/run.seconds"
    fi

    # The plan that puts every weight layer at 8-bit asymmetric per-channel: BitLens's run --plan,
    # then ONNX Runtime on the model exported with that plan as fakequant and as QDQ.
    q_run=skip q_fakequant=skip q_qdq=skip
    if [ $run_ok = 1 ] && [ "${QUANT:-1}" = 1 ]; then
        mkdir -p "$dir/q/run"
        q_run=error
        timeout "${TIMEOUT:-900}" "$CLI" run --plan "$PLAN" --out "$dir/q/run" ${inputs:+--inputs "$inputs"} \
            "$dir/model.onnx" </dev/null >/dev/null 2>"$dir/q/run.err" && q_run=ok
        for format in fakequant qdq; do
            out="$dir/q/$format"
            mkdir -p "$out/test_data_set_0"
            status=export-error
            if "$CLI" export --plan "$PLAN" --format $format --out "$out/model.onnx" "$dir/model.onnx" \
                   </dev/null >/dev/null 2>"$out/export.err"; then
                status=ort-error
                cp "$dir"/test_data_set_0/input_*.npy "$out/test_data_set_0/"
                NODE_PATH="$ORT_DIR/node_modules" node tools/ort_reference_outputs.mjs "$out" </dev/null \
                    >"$out/ort.log" 2>&1 && status=ok
            fi
            eval "q_$format=\$status"
        done
    fi

    INFO_OK=$info_ok GEN_OK=$gen_ok ORT_OK=$ort_ok RUN_OK=$run_ok Q_RUN=$q_run Q_FAKEQUANT=$q_fakequant Q_QDQ=$q_qdq \
        /usr/bin/python3 - "$dir" "$label" >>"$ROWS" 2>>"$ERRS" <<'EOF'
import glob, json, os, sys
import numpy as np
import onnx
from onnx import numpy_helper
d, model = sys.argv[1:]
env = lambda k: os.environ[k] == '1'
def first_lines(f, n=6):
    try:
        return ''.join(open(os.path.join(d, f)).readlines()[:n]).strip()
    except OSError:
        return ''
errors = []
nodes = layers = na = '-'
if env('INFO_OK'):
    info = json.load(open(os.path.join(d, 'info.json')))
    nodes, layers, na = info['nodes'], len(info['layers']), len(info['not_analysed'])
    for p in info['not_analysed']:
        errors.append(f'not analysed: {p}')
else:
    errors.append('info: ' + first_lines('info.err'))
if not env('GEN_OK'):
    errors.append('inputs: ' + first_lines('gen.err'))
if env('GEN_OK') and not env('ORT_OK'):
    errors.append('onnxruntime: ' + first_lines('ort.log', 12))
run = 'ok' if env('RUN_OK') else 'error'
if env('GEN_OK') and not env('RUN_OK'):
    errors.append('run: ' + first_lines('run.err', 12))
def tensor(path):
    if path.endswith('.npy'):
        return np.load(path)
    t = onnx.TensorProto()
    t.ParseFromString(open(path, 'rb').read())
    return numpy_helper.to_array(t)
def compare(what, ref_dir, got_dir, got_ext):
    """Largest |got - ref| over all outputs and the largest |ref|; inf on a missing or misshapen output."""
    worst = scale = 0.0
    ref_ext = '.npy' if glob.glob(os.path.join(ref_dir, 'output_*.npy')) else '.pb'
    refs = sorted(glob.glob(os.path.join(ref_dir, 'output_*' + ref_ext)),
                  key=lambda p: int(p.split('_')[-1].split('.')[0]))
    for n, r in enumerate(refs):
        want = tensor(r)
        path = os.path.join(got_dir, f'output_{n}{got_ext}')
        if not os.path.exists(path):
            errors.append(f'{what}: output {n}: no {os.path.basename(path)}')
            worst = float('inf')
            continue
        got = tensor(path)
        if got.shape != want.shape:
            errors.append(f'{what}: output {n}: shape {got.shape}, reference {want.shape}')
            worst = float('inf')
            continue
        if want.size:
            a, b = got.astype(np.float64), want.astype(np.float64)
            e = np.where(np.isnan(a) & np.isnan(b), 0.0, np.abs(a - b))
            worst = max(worst, float(np.max(np.where(np.isnan(e), np.inf, e))))
            scale = max(scale, float(np.nanmax(np.abs(b))))
    return worst, scale
diff = '-'
if env('RUN_OK') and env('ORT_OK'):
    worst, scale = compare('BitLens vs ONNX Runtime', os.path.join(d, 'test_data_set_0'),
                           os.path.join(d, 'bitlens'), '.pb')
    diff = f'{worst:.3g} (|ref| {scale:.3g})'
# The int8 plan: its effect on BitLens's outputs, and ONNX Runtime on each export beside BitLens.
qcols = ['-', '-', '-']
q = os.path.join(d, 'q')
if os.environ['Q_RUN'] == 'error':
    errors.append('run --plan: ' + first_lines('q/run.err'))
elif os.environ['Q_RUN'] == 'ok':
    qcols[0] = f"{compare('int8 plan vs FP32', os.path.join(d, 'bitlens'), os.path.join(q, 'run'), '.pb')[0]:.3g}"
    for k, fmt in ((1, 'fakequant'), (2, 'qdq')):
        status = os.environ['Q_' + fmt.upper()]
        if status == 'export-error':
            why = first_lines(f'q/{fmt}/export.err')
            # QDQ needs opset 13 (per-axis DequantizeLinear): documented, not a failure
            qcols[k] = 'opset<13' if 'needs opset 13' in why else 'export!'
            errors.append(('note: ' if qcols[k] == 'opset<13' else '') + f'export {fmt}: ' + why)
        elif status == 'ort-error':
            qcols[k] = 'ORT!'
            errors.append(f'ONNX Runtime on the {fmt} export: ' + first_lines(f'q/{fmt}/ort.log', 12))
        else:
            worst = compare(f'{fmt} export', os.path.join(q, fmt, 'test_data_set_0'), os.path.join(q, 'run'), '.pb')[0]
            qcols[k] = f'{worst:.3g}'
secs = open(os.path.join(d, 'run.seconds')).read().strip() if os.path.exists(os.path.join(d, 'run.seconds')) else ''
print(f'{model:<46} {nodes!s:>6} {layers!s:>7} {na!s:>8} {run:>6} {float(secs or 0):>7.1f}  {diff:<26}',
      ' '.join(f'{c:>9}' for c in qcols))
if errors:
    print(f'== {model}', file=sys.stderr)
    for e in errors:
        print('  ' + e.replace('\n', '\n  '), file=sys.stderr)
EOF
done

printf '%-46s %6s %7s %8s %6s %7s  %-26s %9s %9s %9s\n' model nodes layers "not-anl" run "run s" "max |BitLens - ORT|" \
       "int8 eff" "fq ORT" "qdq ORT"
cat "$ROWS"
if [ -s "$ERRS" ]; then echo; cat "$ERRS"; fi
