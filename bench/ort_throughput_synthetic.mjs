// ONNX Runtime's CPU provider on the same synthetic inputs and split as bench_throughput (BATCH
// items per pass in runs of CHUNK, THREADS intra-op threads, runs one after another as ONNX Runtime
// parallelises inside each). Prints one JSON line {model, items, items_per_second, passes}.
//   NODE_PATH=.../node_modules node bench/ort_throughput_synthetic.mjs MODEL BATCH CHUNK SEQ THREADS PASSES
import { createRequire } from 'module';

const require = createRequire(import.meta.url);
const ort = require('onnxruntime-node');
const [model, batchArg, chunkArg, seqArg, threadsArg, passesArg] = process.argv.slice(2);
const [batch, chunk, seq, threads, passes] = [batchArg, chunkArg, seqArg, threadsArg, passesArg].map((v) => parseInt(v));
const session = await ort.InferenceSession.create(model, {
  intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' });

function input(meta, items) {
  const dims = meta.shape.map((d, i) => (i === 0 ? items : typeof d === 'number' && d >= 0 ? d : seq));
  const n = dims.reduce((a, b) => a * b, 1);
  if (meta.type === 'float32')
    return new ort.Tensor('float32', Float32Array.from({ length: n }, () => Math.random() * 2 - 1), dims);
  const mask = meta.name.includes('mask');
  return new ort.Tensor('int64', BigInt64Array.from({ length: n }, () => BigInt(mask ? 1 : Math.floor(Math.random() * 100))), dims);
}

const runs = [];
for (let r = 0; r * chunk < batch; ++r) {
  const feeds = {};
  for (const meta of session.inputMetadata) feeds[meta.name] = input(meta, Math.min(chunk, batch - r * chunk));
  runs.push(feeds);
}
async function pass() { for (const feeds of runs) await session.run(feeds); }
await pass(); // warm-up
let best = 0;
for (let p = 0; p < passes; ++p) {
  const start = process.hrtime.bigint();
  await pass();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  best = Math.max(best, batch / seconds);
}
console.log(JSON.stringify({ model, items: batch, items_per_second: Number(best.toFixed(2)), passes }));
