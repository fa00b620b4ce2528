// Breaks one S-selection evaluation into its parts, to show where the time of a
// full-data gradient and of a minibatch step goes. Run after a build:
//   node benchmarks/profile-step.mjs [--data-dir DIR]   (else ASCENT_DATA_DIR or the download cache)
// Prints median milliseconds per part.
import { Minibatches, Rng, Tape, adam, tensor } from '@ascent/core';
import { BatchCellPlanner, NoisyOrKernel, OrdinalKernel, groupJudgments, indexCells } from '@ascent/models';
import { loadBenchmarkData, otherLoad } from './common.mjs';

const { judgments: data } = await loadBenchmarkData('profile-step', process.argv.slice(2));
await otherLoad('profile-step');
const T = 12;
const V = data.verbs.length;
const F = data.frames.length;
const J = data.participants.length;
const K = data.levels;
const N = data.response.length;

const cells = indexCells(data.verb, data.frame, F);
const full = groupJudgments(cells.judgmentCell, data.participant, data.response, cells.cellVerb.length, K);
const rng = new Rng('profile');
const x = tensor(Float64Array.from({ length: V * T }, () => rng.normal()), [V, T]);
const y = tensor(Float64Array.from({ length: T * F }, () => rng.normal()), [T, F]);
const first = tensor(new Float64Array(J).fill(-2), [J]);
const logGaps = tensor(new Float64Array(J * (K - 2)).fill(Math.log(0.8)), [J, K - 2]);
const grads = [x, y, first, logGaps].map((t) => new Float64Array(t.data.length));
const noisyOr = new NoisyOrKernel(V, T, F);
const ordinal = new OrdinalKernel(J, K);
const tape = new Tape();

/** Times the parts of `steps` calls of one evaluation; returns the median of each part. */
function profile(steps, nextBatch) {
  const parts = { prepare: [], 'noisy-or forward': [], 'ordinal forward': [], backward: [] };
  for (let step = 0; step < steps; step++) {
    const t0 = performance.now();
    const batch = nextBatch();
    const vars = [x, y, first, logGaps].map((t, i) => tape.parameter(t, grads[i]));
    const t1 = performance.now();
    const odds = noisyOr.odds(vars[0], vars[1], batch);
    const t2 = performance.now();
    const root = ordinal.logLikelihood(odds, vars[2], vars[3], batch);
    const t3 = performance.now();
    tape.backward(root);
    tape.reset();
    const t4 = performance.now();
    if (step < steps / 5) continue;
    parts.prepare.push(t1 - t0);
    parts['noisy-or forward'].push(t2 - t1);
    parts['ordinal forward'].push(t3 - t2);
    parts.backward.push(t4 - t3);
  }
  const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
  return Object.fromEntries(Object.entries(parts).map(([name, values]) => [name, median(values)]));
}

const fullBatch = { cellVerb: cells.cellVerb, cellFrame: cells.cellFrame, ...full };
const fullParts = profile(60, () => fullBatch);

const planner = new BatchCellPlanner(cells, data.participant, data.response, K);
const minibatches = new Minibatches(N, 1000, new Rng('batches'));
let queue = [];
const miniParts = profile(3000, () => {
  if (queue.length === 0) queue = minibatches.epoch().map((b) => b.slice());
  return planner.plan(queue.pop());
});

// Counts of what a batch touches: its cells, and the verbs and participants whose
// sigmoids and cutpoints every step recomputes.
const touched = { cells: 0, verbs: 0, participants: 0 };
const sample = minibatches.epoch();
for (const batch of sample) {
  const plan = planner.plan(batch);
  touched.cells += plan.cellVerb.length;
  touched.verbs += new Set(plan.cellVerb).size;
  touched.participants += new Set(Array.from(plan.slot, (slot) => Math.floor(slot / (K + 1)))).size;
}

const arrays = { x: x.data, y: y.data, first: first.data, logGaps: logGaps.data };
const gradArrays = { x: grads[0], y: grads[1], first: grads[2], logGaps: grads[3] };
const optimizer = adam({ lr: 1e-9 });
const state = optimizer.init(arrays);
const adamSamples = [];
for (let i = 0; i < 2000; i++) {
  const t = performance.now();
  optimizer.update(gradArrays, state, arrays, 1e-9);
  if (i >= 400) adamSamples.push(performance.now() - t);
}
adamSamples.sort((a, b) => a - b);

console.log('Medians of 48 full-data evaluations and 2,400 minibatch steps, after 12 and 600 untimed ones.\n');
console.log('| part | full data (ms) | minibatch of 1,000 (ms) |');
console.log('| --- | --- | --- |');
for (const name of Object.keys(fullParts)) {
  console.log(`| ${name} | ${fullParts[name].toFixed(3)} | ${miniParts[name].toFixed(3)} |`);
}
console.log(`| Adam update (${Object.values(arrays).reduce((n, a) => n + a.length, 0)} parameters) | | ${adamSamples[adamSamples.length >> 1].toFixed(3)} |`);
const mean = (total) => Math.round(total / sample.length);
console.log(
  `\nA batch of 1,000 touches on average ${mean(touched.cells)} of ${cells.cellVerb.length} cells, ${mean(touched.verbs)} of ${V} verbs and ${mean(touched.participants)} of ${J} participants.`,
);
