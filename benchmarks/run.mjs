// Benchmark suite: ascent against PyTorch on the S-selection model (T = 12) on
// MegaAcceptability v1, native speakers. Run with `npm run bench` (builds first) or
// `node benchmarks/run.mjs` after a build. Needs ASCENT_DATA_DIR (or --data-dir) and
// Debian's python3-torch at /usr/bin/python3.
//
// Prints a Markdown report on stdout and writes it, with the raw numbers as JSON, to
// benchmarks/results/. Every time is a median over repeated runs on this machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Minibatches, Rng, adam, tensor } from '@ascent/core';
import { Objective, sSelectionModel } from '@ascent/models';
import { RunStore, RunStoreReader, runSweep } from '@ascent/runner';
import { checkSpread, fail as failWith, loadBenchmarkData, optionValue, otherLoad, summarise, timeRuns } from './common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const TYPES = 12;
const argv = process.argv.slice(2);
const repeats = Number(option('--repeats') ?? 40);

function option(name) {
  return optionValue(argv, name);
}

function fail(message) {
  failWith('bench', message);
}

/** The fixed point at which ascent and PyTorch must agree before timing. */
function referencePoint(model, data) {
  const V = data.verbs.length;
  const F = data.frames.length;
  const J = data.participants.length;
  const x = new Float64Array(V * TYPES);
  for (let v = 0; v < V; v++) for (let t = 0; t < TYPES; t++) x[v * TYPES + t] = 0.5 * Math.sin(v + t);
  const y = new Float64Array(TYPES * F);
  for (let t = 0; t < TYPES; t++) for (let f = 0; f < F; f++) y[t * F + f] = Math.cos(t + 2 * f) - 1;
  const values = {
    verbType: x,
    typeFrame: y,
    cutpointFirst: new Float64Array(J).fill(-2),
    cutpointLogGaps: new Float64Array(J * 5).fill(Math.log(0.8)),
  };
  const params = {};
  for (const spec of model.parameters) params[spec.name] = tensor(values[spec.name], spec.shape);
  return params;
}

function gradientBuffers(params) {
  const grads = {};
  for (const [name, value] of Object.entries(params)) grads[name] = new Float64Array(value.data.length);
  return grads;
}

// --- Data and the PyTorch side -------------------------------------------------------

const { path: dataPath, dataDir, judgments } = await loadBenchmarkData('bench', argv);
const N = judgments.response.length;
const busyBefore = await otherLoad('bench');

const torchRun = spawnSync('/usr/bin/python3', [join(here, 'torch', 's_selection.py'), '--data', dataPath, '--repeats', String(repeats)], {
  encoding: 'utf8',
  maxBuffer: 1 << 20,
});
if (torchRun.status !== 0) fail(`the PyTorch script failed:\n${torchRun.stderr}`);
const torch = JSON.parse(torchRun.stdout);

// --- Full-data loss and gradient -----------------------------------------------------

const fused = sSelectionModel({ data: judgments, types: TYPES, fused: true });
const generic = sSelectionModel({ data: judgments, types: TYPES, fused: false });
const point = referencePoint(fused, judgments);
const fusedObjective = new Objective(fused, point);
const genericObjective = new Objective(generic, point);
const grads = gradientBuffers(point);

// The objective is the negative log-likelihood divided by N under the flat prior.
const ascentLoss = fusedObjective.lossAndGradient(undefined, grads) * N;
const genericLoss = genericObjective.lossAndGradient(undefined, grads) * N;
for (const [name, value] of [['direct', torch.loss_direct], ['stable', torch.loss_stable], ['generic', genericLoss]]) {
  const relative = Math.abs(ascentLoss - value) / Math.abs(value);
  if (!(relative <= 1e-9)) fail(`ascent's loss ${ascentLoss} differs from the ${name} loss ${value} by ${relative} relative`);
}

const fusedTimes = timeRuns(() => fusedObjective.lossAndGradient(undefined, grads), repeats);
const genericTimes = timeRuns(() => genericObjective.lossAndGradient(undefined, grads), Math.max(10, repeats >> 1));

// --- One minibatch of 1,000 judgments: loss and gradient, then with the Adam update --

const stepParams = referencePoint(fused, judgments);
const stepObjective = new Objective(fused, stepParams);
const stepGrads = gradientBuffers(stepParams);
const arrays = Object.fromEntries(Object.entries(stepParams).map(([name, value]) => [name, value.data]));
const optimizer = adam({ lr: 0.01 });
const state = optimizer.init(arrays);
const batches = new Minibatches(N, 1000, new Rng('bench'));
let queue = [];
function nextBatch() {
  if (queue.length === 0) queue = batches.epoch().map((batch) => batch.slice());
  return queue.pop();
}
const minibatchGradientTimes = timeRuns(() => stepObjective.lossAndGradient(nextBatch(), stepGrads), repeats * 25, 50);
const minibatchTimes = timeRuns(() => {
  stepObjective.lossAndGradient(nextBatch(), stepGrads);
  optimizer.update(stepGrads, state, arrays, 0.01);
}, repeats * 25, 50);
const fusedMs = fusedTimes.median;
const genericMs = genericTimes.median;
const minibatchGradientMs = minibatchGradientTimes.median;
const minibatchMs = minibatchTimes.median;

// --- Epochs and sweeps through the runner, with SQLite writes timed ------------------

let storeSeconds = 0;
for (const method of ['createSweep', 'recordEnvironment', 'addTrials', 'startTrial', 'appendEpochs', 'finishTrial']) {
  const original = RunStore.prototype[method];
  RunStore.prototype[method] = function timed(...args) {
    const start = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      storeSeconds += (performance.now() - start) / 1000;
    }
  };
}

const workDir = mkdtempSync(join(tmpdir(), 'ascent-bench-'));
const quiet = { info() {}, warn() {} };

function sweepFile(name, optimizers, epochs, restarts = 1) {
  const file = join(workDir, `${name}.yaml`);
  writeFileSync(
    file,
    [
      `name: ${name}`,
      'seed: 1',
      'data: { dataset: mega-acceptability-v1, native_only: true }',
      `model: { name: s-selection, types: ${TYPES} }`,
      `epochs: ${epochs}`,
      `restarts: ${restarts}`,
      'optimizers:',
      ...optimizers.map((line) => `  - ${line}`),
      '',
    ].join('\n'),
  );
  return file;
}

/** Runs a sweep and returns the seconds spent running trials and in the store. */
async function timedSweep(file, workers) {
  const dbPath = join(workDir, `${Math.random().toString(36).slice(2)}.sqlite`);
  let trialsStarted = 0;
  let trialsEnded = 0;
  storeSeconds = 0;
  const wallStart = performance.now();
  await runSweep({
    file,
    dbPath,
    workers,
    data: { dataDir, env: process.env },
    logger: quiet,
    progress: {
      start: () => (trialsStarted = performance.now()),
      trialFinished() {},
      stop: () => (trialsEnded = performance.now()),
    },
  });
  const wallSeconds = (performance.now() - wallStart) / 1000;
  return { dbPath, wallSeconds, trialSeconds: (trialsEnded - trialsStarted) / 1000, storeSeconds };
}

function epochSeconds(dbPath) {
  const reader = new RunStoreReader(dbPath);
  try {
    const [trial] = reader.listTrials();
    const epochs = reader.listEpochs(trial.id);
    const gaps = epochs.slice(1).map((epoch, i) => epoch.elapsedSeconds - epochs[i].elapsedSeconds);
    return summarise(gaps).median;
  } finally {
    reader.close();
  }
}

const sgdRun = await timedSweep(sweepFile('sgd-epochs', ['{ name: sgd, lr: 1, momentum: 0.9, batch_size: 1000 }'], 5), 1);
const gdRun = await timedSweep(sweepFile('gd-epochs', ['{ name: gd, lr: 100 }'], 100), 1);
const sgdEpochMs = epochSeconds(sgdRun.dbPath) * 1000;
const gdEpochMs = epochSeconds(gdRun.dbPath) * 1000;
// Eight trials of 12 epochs (about 1.6 s each here), the short sweep of the target, and
// the same trials at 36 epochs. On short trials each worker's start (JIT warm-up of its
// own copy of the code) and the uneven last round weigh more, so both are reported.
const eightTrials = (epochs) =>
  sweepFile(`eight-trials-${epochs}`, ['{ name: adam, lr: [0.01, 0.03], batch_size: 1000 }', '{ name: sgd, lr: [0.3, 1], momentum: 0.9, batch_size: 1000 }'], epochs, 2);
const shortTrials = eightTrials(12);
const oneWorker = await timedSweep(shortTrials, 1);
const twoWorkers = await timedSweep(shortTrials, 2);
const longTrials = eightTrials(36);
const oneWorkerLong = await timedSweep(longTrials, 1);
const twoWorkersLong = await timedSweep(longTrials, 2);

// Peak memory of a 2-worker sweep, measured in a fresh process (workers are threads of it).
const peak = spawnSync(process.execPath, [join(here, 'peak-rss.mjs'), shortTrials, join(workDir, 'peak.sqlite'), dataDir ?? ''], { encoding: 'utf8' });
if (peak.status !== 0) fail(`the peak-memory run failed:\n${peak.stderr}`);
const peakRssMiB = Number(peak.stdout.trim()) / 1024;
rmSync(workDir, { recursive: true, force: true });

const busyAfter = await otherLoad('bench');
for (const [label, times] of [
  ['ascent full gradient (fused)', fusedTimes],
  ['ascent full gradient (generic)', genericTimes],
  ['ascent minibatch gradient', minibatchGradientTimes],
  ['ascent minibatch step', minibatchTimes],
]) {
  checkSpread('bench', label, times);
}
for (const [label, median, [q1, q3]] of [
  ['PyTorch full gradient (direct)', torch.full_direct_ms, torch.full_direct_iqr_ms],
  ['PyTorch full gradient (stable)', torch.full_stable_ms, torch.full_stable_iqr_ms],
  ['PyTorch minibatch gradient', torch.minibatch_ms, torch.minibatch_iqr_ms],
]) {
  checkSpread('bench', label, { median, q1, q3 });
}

// --- Report --------------------------------------------------------------------------

const torchBest = Math.min(torch.full_direct_ms, torch.full_stable_ms);
const results = {
  date: new Date().toISOString(),
  machine: {
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    torch: torch.torch_version,
    torchThreads: torch.threads,
  },
  data: { judgments: N, verbs: judgments.verbs.length, frames: judgments.frames.length, participants: judgments.participants.length, types: TYPES },
  loss: { ascent: ascentLoss, torchDirect: torch.loss_direct, torchStable: torch.loss_stable },
  otherCpuLoad: { before: busyBefore, after: busyAfter },
  quartilesMs: {
    fusedFull: [fusedTimes.q1, fusedTimes.q3],
    genericFull: [genericTimes.q1, genericTimes.q3],
    minibatchGradient: [minibatchGradientTimes.q1, minibatchGradientTimes.q3],
    minibatchStep: [minibatchTimes.q1, minibatchTimes.q3],
    torchFullDirect: torch.full_direct_iqr_ms,
    torchFullStable: torch.full_stable_iqr_ms,
    torchMinibatch: torch.minibatch_iqr_ms,
  },
  ms: {
    fusedFull: fusedMs,
    genericFull: genericMs,
    torchFullDirect: torch.full_direct_ms,
    torchFullStable: torch.full_stable_ms,
    minibatchGradient: minibatchGradientMs,
    minibatchStep: minibatchMs,
    torchMinibatch: torch.minibatch_ms,
    sgdEpoch: sgdEpochMs,
    gdEpoch: gdEpochMs,
  },
  sweeps: {
    storeShareSgd: sgdRun.storeSeconds / sgdRun.trialSeconds,
    storeShareGd: gdRun.storeSeconds / gdRun.trialSeconds,
    oneWorkerTrialsPerSecond: 8 / oneWorker.trialSeconds,
    twoWorkerTrialsPerSecond: 8 / twoWorkers.trialSeconds,
    oneWorkerLongTrialsPerSecond: 8 / oneWorkerLong.trialSeconds,
    twoWorkerLongTrialsPerSecond: 8 / twoWorkersLong.trialSeconds,
    peakRssMiB,
  },
};
const ratios = {
  fusedVsTorch: fusedMs / torchBest,
  genericVsTorch: genericMs / torchBest,
  minibatchVsFull: minibatchGradientMs / fusedMs,
  minibatchStepVsFull: minibatchMs / fusedMs,
  workers: results.sweeps.twoWorkerTrialsPerSecond / results.sweeps.oneWorkerTrialsPerSecond,
  workersLong: results.sweeps.twoWorkerLongTrialsPerSecond / results.sweeps.oneWorkerLongTrialsPerSecond,
};
results.ratios = ratios;

const check = (ok) => (ok ? 'met' : 'missed');
const f = (value, digits = 2) => value.toFixed(digits);
/** A median in ms with its interquartile range. */
const ms = (median, [q1, q3], digits = 2) => `${f(median, digits)} ms [${f(q1, digits)}, ${f(q3, digits)}]`;
const quartiles = results.quartilesMs;
const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();
const report = `## Results of ${results.date.slice(0, 10)} (commit ${commit})

Machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memoryGiB} GiB; Node ${results.machine.node}; PyTorch ${results.machine.torch} with ${results.machine.torchThreads} threads.
Data: ${N} judgments, ${results.data.verbs} verbs, ${results.data.frames} frames, ${results.data.participants} participants, T = ${TYPES}.
Loss at the reference point: ascent ${ascentLoss}, PyTorch ${torch.loss_direct} (agree to 1e-9 relative before timing).
Other work kept the CPUs ${f(100 * busyBefore, 0)}% busy just before the timings and ${f(100 * busyAfter, 0)}% just after. Times are medians with the interquartile range in brackets.

| measurement | ascent | PyTorch | ratio | target |
| --- | --- | --- | --- | --- |
| full-data loss and gradient, fused kernels | ${ms(fusedMs, quartiles.fusedFull)} | ${ms(torch.full_direct_ms, quartiles.torchFullDirect)} direct, ${ms(torch.full_stable_ms, quartiles.torchFullStable)} stable | ${f(ratios.fusedVsTorch)} of the faster | <= 0.5: ${check(ratios.fusedVsTorch <= 0.5)} |
| full-data loss and gradient, generic autodiff | ${ms(genericMs, quartiles.genericFull)} | same | ${f(ratios.genericVsTorch)} of the faster | <= 1.5: ${check(ratios.genericVsTorch <= 1.5)} |
| minibatch of 1,000 judgments, loss and gradient | ${ms(minibatchGradientMs, quartiles.minibatchGradient, 3)} | ${ms(torch.minibatch_ms, quartiles.torchMinibatch, 3)} | ${f(100 * ratios.minibatchVsFull)}% of ascent's full gradient | <= 3%: ${check(ratios.minibatchVsFull <= 0.03)} |
| the same with the Adam update of all ${Object.values(arrays).reduce((n, a) => n + a.length, 0)} parameters | ${ms(minibatchMs, quartiles.minibatchStep, 3)} | | ${f(100 * ratios.minibatchStepVsFull)}% of ascent's full gradient | |
| epoch of minibatch SGD (batch 1,000), with evaluation and SQLite | ${f(results.ms.sgdEpoch, 1)} ms | | | |
| epoch of full-batch gradient descent, with evaluation and SQLite | ${f(results.ms.gdEpoch, 2)} ms | | | |
| SQLite share of a sweep's run time | ${f(100 * results.sweeps.storeShareSgd, 3)}% (SGD), ${f(100 * results.sweeps.storeShareGd, 3)}% (GD) | | | <= 2%: ${check(Math.max(results.sweeps.storeShareSgd, results.sweeps.storeShareGd) <= 0.02)} |
| sweep of 8 short trials (12 epochs), trials per second | ${f(results.sweeps.oneWorkerTrialsPerSecond)} (1 worker), ${f(results.sweeps.twoWorkerTrialsPerSecond)} (2 workers) | | ${f(ratios.workers)}x | >= 1.8x: ${check(ratios.workers >= 1.8)} |
| the same trials at 36 epochs, trials per second | ${f(results.sweeps.oneWorkerLongTrialsPerSecond)} (1 worker), ${f(results.sweeps.twoWorkerLongTrialsPerSecond)} (2 workers) | | ${f(ratios.workersLong)}x | >= 1.8x: ${check(ratios.workersLong >= 1.8)} |
| peak RSS of a 2-worker S-selection sweep | ${f(peakRssMiB, 0)} MiB | ${f(torch.peak_rss_mib, 0)} MiB (timing script) | | < 1024 MiB: ${check(peakRssMiB < 1024)} |
`;
console.log(report);
const out = join(here, 'results');
mkdirSync(out, { recursive: true });
const stamp = results.date.replace(/[:.]/g, '-');
writeFileSync(join(out, `${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(out, `${stamp}.md`), report);
