// The deployment engineer's check, as a test: feed the tensors `fusebench-cli predict --dump-inputs DIR` wrote
// to the exported ONNX file in ONNX Runtime and compare its probabilities with the predictions CSV.
// usage: node onnx_matches_predictions.cjs ORT_PACKAGE MODEL.onnx DUMP_DIR PREDICTIONS.csv
'use strict';
const fs = require('fs');
const path = require('path');
const [ortPackage, model, dumpDir, csvFile] = process.argv.slice(2);
const ort = require(ortPackage);

const TYPES = { '<f4': ['float32', Float32Array, 4], '<i8': ['int64', BigInt64Array, 8], '|b1': ['bool', Uint8Array, 1] };
function readNpy(file) {
  const buf = fs.readFileSync(file);
  const len = buf.readUInt16LE(8);
  const header = buf.toString('latin1', 10, 10 + len);
  const descr = /'descr':\s*'([^']+)'/.exec(header)[1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)[1].split(',').filter(s => s.trim() !== '').map(Number);
  const [type, Ctor, size] = TYPES[descr];
  const n = shape.reduce((a, b) => a * b, 1);
  const bytes = Buffer.from(buf.subarray(10 + len, 10 + len + n * size));
  return new ort.Tensor(type, new Ctor(bytes.buffer, bytes.byteOffset, n), shape);
}

(async () => {
  const session = await ort.InferenceSession.create(model);
  const feeds = {};
  for (const name of session.inputNames) feeds[name] = readNpy(path.join(dumpDir, name + '.npy'));
  const p = (await session.run(feeds)).probabilities;
  const rows = fs.readFileSync(csvFile, 'utf8').trim().split('\n').slice(1).map(l => l.split(','));
  const k = p.dims[1];
  if (rows.length !== p.dims[0]) throw new Error(`${rows.length} CSV rows, ${p.dims[0]} ONNX rows`);
  let worst = 0;
  rows.forEach((r, i) => {
    for (let c = 0; c < k; ++c) worst = Math.max(worst, Math.abs(Number(r[r.length - k + c]) - p.data[i * k + c]));
  });
  // The CSV holds 6 significant digits: up to 5e-7 of the difference is rounding.
  console.log(`${rows.length} samples, max |p difference| ${worst.toExponential(2)}`);
  process.exit(worst < 1e-4 ? 0 : 1);
})().catch(e => { console.error(e.message || e); process.exit(1); });
