// Reference outputs from ONNX Runtime's CPU provider for an ONNX test-data folder: reads
// DIR/model.onnx and DIR/test_data_set_*/input_N.npy (float32, float16, int64, int32, int8, uint8 or
// bool, little-endian, C
// order), writes output_N.npy beside them in the graph's output order. Run by
// tools/make_transformer_models.sh; the tests never need npm.
//   NODE_PATH=~/.cache/bitlens-ort/node_modules node tools/ort_reference_outputs.mjs DIR
import { createRequire } from 'module';
import fs from 'fs';
import path from 'path';

const require = createRequire(import.meta.url);
const ort = require('onnxruntime-node');
const kinds = { '<f4': ['float32', Float32Array], '<i8': ['int64', BigInt64Array], '|b1': ['bool', Uint8Array],
                '|i1': ['int8', Int8Array], '|u1': ['uint8', Uint8Array], '<i4': ['int32', Int32Array],
                '<f2': ['float16', Uint16Array] };

function readNpy(file) {
  const buf = fs.readFileSync(file);
  const headerLen = buf.readUInt16LE(8);
  const header = buf.subarray(10, 10 + headerLen).toString('latin1');
  const descr = /'descr':\s*'([^']+)'/.exec(header)[1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)[1].split(',').map((s) => s.trim()).filter((s) => s).map(Number);
  if (!kinds[descr] || /'fortran_order':\s*True/.test(header)) throw new Error(`${file}: unsupported ${header}`);
  const [type, Array_] = kinds[descr];
  const bytes = buf.subarray(10 + headerLen);
  const data = new Array_(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  return new ort.Tensor(type, type === 'bool' ? Array.from(data, (v) => v !== 0) : data, shape);
}

function writeNpy(file, tensor) {
  const descr = { float32: '<f4', int64: '<i8', bool: '|b1', int8: '|i1', uint8: '|u1', int32: '<i4', float16: '<f2' }[tensor.type];
  if (!descr) throw new Error(`output type ${tensor.type} not written`);
  const shape = tensor.dims.length === 1 ? `(${tensor.dims[0]},)` : `(${tensor.dims.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const prefix = Buffer.alloc(10);
  prefix.write('\x93NUMPY', 0, 'latin1');
  prefix[6] = 1;
  prefix.writeUInt16LE(header.length, 8);
  const data = tensor.type === 'bool' ? Buffer.from(Uint8Array.from(tensor.data, Number)) : Buffer.from(tensor.data.buffer);
  fs.writeFileSync(file, Buffer.concat([prefix, Buffer.from(header, 'latin1'), data]));
}

const dir = process.argv[2];
const session = await ort.InferenceSession.create(path.join(dir, 'model.onnx'), { intraOpNumThreads: 1 });
for (const set of fs.readdirSync(dir).filter((d) => d.startsWith('test_data_set_'))) {
  const feeds = {};
  session.inputNames.forEach((name, i) => { feeds[name] = readNpy(path.join(dir, set, `input_${i}.npy`)); });
  const results = await session.run(feeds);
  session.outputNames.forEach((name, i) => writeNpy(path.join(dir, set, `output_${i}.npy`), results[name]));
  console.log(`${dir}/${set}: ${session.outputNames.length} outputs from onnxruntime-node ${ort.env.versions?.common ?? ''}`);
}
