// Shows where the generic-autodiff S-selection gradient spends its time: runs full-data
// evaluations with `fused: false` under V8's sampling profiler and prints the functions
// with the most self time. Run after a build:
//   node benchmarks/profile-generic.mjs [evaluations] [--data-dir DIR]   (else ASCENT_DATA_DIR or the download cache)
// WebAssembly functions appear as wasm-function[n], numbered in the order that the
// AssemblyScript text output (asc --textFile) lists them.
import { Session } from 'node:inspector/promises';
import { Rng, tensor } from '@ascent/core';
import { Objective, sSelectionModel } from '@ascent/models';
import { loadBenchmarkData, otherLoad } from './common.mjs';

const argv = process.argv.slice(2);
const { judgments: data } = await loadBenchmarkData('profile-generic', argv);
const evaluations = Number(argv.find((value) => /^\d+$/.test(value)) ?? 40);
await otherLoad('profile-generic');

const model = sSelectionModel({ data, types: 12, fused: false });
const rng = new Rng('profile-generic');
const params = {};
const grads = {};
for (const spec of model.parameters) {
  params[spec.name] = tensor(spec.init(rng), spec.shape);
  grads[spec.name] = new Float64Array(params[spec.name].data.length);
}
const objective = new Objective(model, params);
for (let i = 0; i < 5; i++) objective.lossAndGradient(undefined, grads);

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 500 });
await session.post('Profiler.start');
const start = performance.now();
for (let i = 0; i < evaluations; i++) objective.lossAndGradient(undefined, grads);
const perEvaluation = (performance.now() - start) / evaluations;
const { profile } = await session.post('Profiler.stop');
session.disconnect();

// Self time per function: each sample's time goes to the node it landed in.
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const selfTime = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  const frame = nodes.get(id).callFrame;
  const file = frame.url.split('/').slice(-2).join('/');
  const name = `${frame.functionName || '(anonymous)'} ${file}${file === '' ? '' : `:${frame.lineNumber + 1}`}`;
  selfTime.set(name, (selfTime.get(name) ?? 0) + delta);
  total += delta;
});

console.log(`${evaluations} evaluations, ${perEvaluation.toFixed(2)} ms each\n`);
console.log('| share | ms per evaluation | function |');
console.log('| --- | --- | --- |');
for (const [name, time] of [...selfTime].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
  const share = time / total;
  console.log(`| ${(100 * share).toFixed(1)}% | ${(share * perEvaluation).toFixed(2)} | ${name} |`);
}
