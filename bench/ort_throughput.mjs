// ONNX Runtime's CPU provider on a Fashion-MNIST IDX test set, for bench/compare-ort.sh: the same
// work `bitlens-cli eval` times (preprocessing x = (u8/255 - mean)/std, inference at batch 100,
// argmax), 2 intra-op threads. Prints one JSON line {images, top1, seconds, images_per_second}.
//   NODE_PATH=.../node_modules node bench/ort_throughput.mjs MODEL IMAGES.gz LABELS.gz [THREADS]
import { createRequire } from 'module';
import fs from 'fs';
import zlib from 'zlib';

const require = createRequire(import.meta.url);
const ort = require('onnxruntime-node');
const [model, imagesPath, labelsPath, threadsArg] = process.argv.slice(2);
const mean = Math.fround(parseFloat(process.env.MEAN ?? '0.2860'));
const std = Math.fround(parseFloat(process.env.STD ?? '0.3530'));

function readIdx(path) {
  let data = fs.readFileSync(path);
  if (path.endsWith('.gz')) data = zlib.gunzipSync(data);
  const dims = [];
  for (let i = 0; i < data[3]; ++i) dims.push(data.readUInt32BE(4 + 4 * i));
  return { dims, bytes: data.subarray(4 + 4 * data[3]) };
}

const images = readIdx(imagesPath);
const labels = readIdx(labelsPath);
const [n, h, w] = images.dims;
const threads = parseInt(threadsArg ?? '2');
const session = await ort.InferenceSession.create(model, {
  intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
const batch = 100;
async function pass() {
  let correct = 0;
  for (let start = 0; start < n; start += batch) {
    const m = Math.min(batch, n - start);
    const x = new Float32Array(m * h * w);
    for (let i = 0; i < m * h * w; ++i) x[i] = (images.bytes[start * h * w + i] / 255 - mean) / std;
    const out = (await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', x, [m, 1, h, w]) }))[session.outputNames[0]];
    const k = out.dims[1];
    for (let i = 0; i < m; ++i) {
      let best = 0;
      for (let j = 1; j < k; ++j) if (out.data[i * k + j] > out.data[i * k + best]) best = j;
      if (best === labels.bytes[start + i]) ++correct;
    }
  }
  return correct;
}
await pass(); // warm-up: first-run allocations
const t0 = process.hrtime.bigint();
const correct = await pass();
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({ runtime: `onnxruntime-node ${ort.env.versions.common}`, images: n, top1: correct / n,
                             seconds, images_per_second: n / seconds }));
