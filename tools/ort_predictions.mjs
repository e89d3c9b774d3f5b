// Reference predictions from ONNX Runtime's CPU provider, for tests/data (run once by hand; the
// tests never need npm). Setup outside the repository:
//   mkdir /tmp/ort && cd /tmp/ort && npm install --ignore-scripts onnxruntime-node
// Run:
//   NODE_PATH=/tmp/ort/node_modules node tools/ort_predictions.mjs MODEL IMAGES.gz LABELS.gz OUT.json [N]
// Preprocessing x = (u8/255 - mean)/std with the model's bitlens.mean/bitlens.std metadata values
// passed in MEAN/STD environment variables (default 0.2860/0.3530), float32 like BitLens.
import { createRequire } from 'module';
import fs from 'fs';
import zlib from 'zlib';

const require = createRequire(import.meta.url);
const ort = require('onnxruntime-node');

const [model, imagesPath, labelsPath, outPath, limitArg] = process.argv.slice(2);
const mean = Math.fround(parseFloat(process.env.MEAN ?? '0.2860'));
const std = Math.fround(parseFloat(process.env.STD ?? '0.3530'));

function readIdx(path) {
  let data = fs.readFileSync(path);
  if (path.endsWith('.gz')) data = zlib.gunzipSync(data);
  const ndim = data[3];
  const dims = [];
  for (let i = 0; i < ndim; ++i) dims.push(data.readUInt32BE(4 + 4 * i));
  return { dims, bytes: data.subarray(4 + 4 * ndim) };
}

const images = readIdx(imagesPath);
const labels = readIdx(labelsPath);
const [count, h, w] = images.dims;
const n = Math.min(count, limitArg ? parseInt(limitArg) : count);
const session = await ort.InferenceSession.create(model, { intraOpNumThreads: 2, interOpNumThreads: 1 });
const predictions = [];
let correct = 0;
const batch = 100;
for (let start = 0; start < n; start += batch) {
  const m = Math.min(batch, n - start);
  const x = new Float32Array(m * h * w);
  for (let i = 0; i < m * h * w; ++i)
    x[i] = Math.fround(Math.fround(Math.fround(images.bytes[start * h * w + i] / 255) - mean) / std);
  const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', x, [m, 1, h, w]) };
  const out = (await session.run(feeds))[session.outputNames[0]];
  const k = out.dims[1];
  for (let i = 0; i < m; ++i) {
    let best = 0;
    for (let j = 1; j < k; ++j) if (out.data[i * k + j] > out.data[i * k + best]) best = j;
    predictions.push(best);
    if (best === labels.bytes[start + i]) ++correct;
  }
}
const result = { runtime: `onnxruntime-node ${ort.env.versions?.common ?? ''}`.trim(), images: n,
                 top1: correct / n, predictions };
fs.writeFileSync(outPath, JSON.stringify(result) + '\n');
console.log(`${model}: ${n} images, top-1 ${(correct / n).toFixed(4)}`);
