import { dirname } from 'node:path';
import { bernoulliModel } from '@ascent/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RunStoreReader,
  expandSweep,
  initialParameters,
  parseSweep,
  runTrial,
  type EpochRecord,
  type Trial,
  type TrialOutcome,
  type TrialRecord,
} from '../../src/index.js';
import { REPLICATION_DATASET, REPLICATION_ZIP, dataFile } from '../helpers/data.js';
import { tempFolder, type TempFolder } from '../helpers/files.js';
import { countTable, runQuietly } from '../helpers/sweep.js';

const replication = dataFile(REPLICATION_ZIP);

/** Bernoulli log-likelihood of k successes in n trials at success probability p. */
function bernoulliLogLikelihood(p: number, k: number, n: number): number {
  return k * Math.log(p) + (n - k) * Math.log(1 - p);
}

/**
 * Recovers p from a Bernoulli log-likelihood. The log-likelihood rises up to p = k/n and
 * falls after it, so each side contains one solution; `below` picks the side p < k/n.
 */
function successProbabilityFrom(logLikelihood: number, k: number, n: number, below: boolean): number {
  let low = below ? 0 : k / n;
  let high = below ? k / n : 1;
  for (let i = 0; i < 200; i++) {
    const middle = (low + high) / 2;
    const rising = bernoulliLogLikelihood(middle, k, n) < logLikelihood;
    // Below k/n the log-likelihood rises with p, above it it falls.
    if (rising === below) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/** Expands a sweep text and returns its trials. */
function trialsOf(text: string): Trial[] {
  return expandSweep(parseSweep(text, 'sweep.yaml'));
}

function syntheticSweep(optimizerBlock: string, epochs: number, restarts = 1): string {
  return `name: trial-test
seed: 9
data:
  path: unused.tsv
model:
  name: bernoulli
  verb: unused
epochs: ${epochs}
restarts: ${restarts}
optimizers:
${optimizerBlock}`;
}

async function runCollecting(
  trial: Trial,
  model: ReturnType<typeof bernoulliModel>,
  shouldStop?: () => boolean,
): Promise<{ outcome: TrialOutcome; epochs: EpochRecord[] }> {
  const epochs: EpochRecord[] = [];
  const outcome = await runTrial({
    trial,
    seed: 9,
    model,
    clock: () => 0,
    onEpoch: (epoch) => epochs.push(epoch),
    ...(shouldStop !== undefined ? { shouldStop } : {}),
  });
  return { outcome, epochs };
}

describe('initialParameters', () => {
  const model = bernoulliModel({ outcomes: Uint8Array.of(1, 0, 0, 1, 0) });
  const trials = trialsOf(syntheticSweep('  - name: gd\n    lr: 1\n  - name: sgd\n    lr: 0.1\n    batch_size: 2\n', 2, 2));
  const draw = (trial: Trial | undefined): number[] => [...(initialParameters(model, 9, trial?.initKey ?? '').logit?.data ?? [])];

  it('gives every optimizer the same start for a restart', () => {
    const restart0 = trials.filter((trial) => trial.config.restart === 0);
    expect(draw(restart0[1])).toEqual(draw(restart0[0]));
  });

  it('gives restarts different starts', () => {
    const gd = trials.filter((trial) => trial.config.optimizer.name === 'gd');
    expect(draw(gd[1])).not.toEqual(draw(gd[0]));
  });

  it('changes with the sweep seed', () => {
    const [trial] = trials;
    const other = [...(initialParameters(model, 10, trial?.initKey ?? '').logit?.data ?? [])];
    expect(other).not.toEqual(draw(trial));
  });
});

describe('runTrial on synthetic Bernoulli data', () => {
  // 3 successes in 10 trials.
  const outcomes = Uint8Array.of(1, 0, 0, 1, 0, 0, 0, 1, 0, 0);
  const [k, n] = [3, 10];

  it('starts with epoch 0 at the initial point', async () => {
    const [trial] = trialsOf(syntheticSweep('  - name: gd\n    lr: 1\n', 3));
    if (trial === undefined) throw new Error('the test sweep gave no trial');
    const { epochs } = await runCollecting(trial, bernoulliModel({ outcomes }));
    expect(epochs.map((epoch) => epoch.epoch)).toEqual([0, 1, 2, 3]);
  });

  it('reaches the MLE k/n with gd', async () => {
    const [trial] = trialsOf(syntheticSweep('  - name: gd\n    lr: 4\n', 200));
    if (trial === undefined) throw new Error('the test sweep gave no trial');
    const { epochs } = await runCollecting(trial, bernoulliModel({ outcomes }));
    // With a flat prior the loss gradient in the logit is p - k/n, so its norm is |p - k/n|.
    expect(epochs.at(-1)?.gradientNorm).toBeLessThan(1e-9);
  });

  // MAP under a Beta(a, b) prior: (k + a - 1) / (n + a + b - 2).
  it('reaches the Beta(3, 2) MAP with gd', async () => {
    const [trial] = trialsOf(syntheticSweep('  - name: gd\n    lr: 4\n', 300));
    if (trial === undefined) throw new Error('the test sweep gave no trial');
    const { outcome } = await runCollecting(trial, bernoulliModel({ outcomes, prior: { a: 3, b: 2 } }));
    const map = (k + 3 - 1) / (n + 3 + 2 - 2);
    const p = successProbabilityFrom(outcome.finalLogLikelihood ?? Number.NaN, k, n, map < k / n);
    expect(p).toBeCloseTo(map, 9);
  });

  it('diverges on a huge lr and names the epoch and step', async () => {
    const [trial] = trialsOf(syntheticSweep('  - name: gd\n    lr: 1e308\n', 5));
    if (trial === undefined) throw new Error('the test sweep gave no trial');
    // 300 successes in 1000 trials. The first step moves the logit by 1e308 (p0 - 0.3),
    // so 300 log p or 700 log(1 - p) exceeds the largest double and the log-likelihood
    // becomes -Infinity, unless the initial p0 is within 0.006 of 0.3.
    const many = Uint8Array.from({ length: 1000 }, (_, i) => (i % 10 < 3 ? 1 : 0));
    const { outcome } = await runCollecting(trial, bernoulliModel({ outcomes: many }));
    expect(outcome.error).toMatch(/epoch 1, step 1\b/);
  });

  it('stops as interrupted when asked to', async () => {
    const [trial] = trialsOf(syntheticSweep('  - name: sgd\n    lr: 0.1\n    batch_size: 2\n', 5));
    if (trial === undefined) throw new Error('the test sweep gave no trial');
    const { outcome } = await runCollecting(trial, bernoulliModel({ outcomes }), () => true);
    expect(outcome.status).toBe('interrupted');
  });

  it('emits only epoch 0 when interrupted before the first step', async () => {
    const [trial] = trialsOf(syntheticSweep('  - name: sgd\n    lr: 0.1\n    batch_size: 2\n', 5));
    if (trial === undefined) throw new Error('the test sweep gave no trial');
    const { epochs } = await runCollecting(trial, bernoulliModel({ outcomes }), () => true);
    expect(epochs.map((epoch) => epoch.epoch)).toEqual([0]);
  });

  it('lets the event loop run during a long trial', async () => {
    const [trial] = trialsOf(syntheticSweep('  - name: sgd\n    lr: 0.1\n    batch_size: 2\n', 50));
    if (trial === undefined) throw new Error('the test sweep gave no trial');
    // A stop request set by a callback, as a signal handler sets it, on a clock that
    // advances 0.1 s per reading: the callback can only run if the trial yields.
    let stop = false;
    setImmediate(() => {
      stop = true;
    });
    let now = 0;
    const outcome = await runTrial({
      trial,
      seed: 9,
      model: bernoulliModel({ outcomes }),
      clock: () => (now += 0.1),
      onEpoch: () => undefined,
      shouldStop: () => stop,
    });
    expect(outcome.status).toBe('interrupted');
  });

  it('takes one minibatch step per batch', async () => {
    const [trial] = trialsOf(syntheticSweep('  - name: sgd\n    lr: 0.1\n    batch_size: 3\n', 2));
    if (trial === undefined) throw new Error('the test sweep gave no trial');
    const { epochs } = await runCollecting(trial, bernoulliModel({ outcomes }));
    // 10 items in batches of 3: 4 batches per epoch.
    expect(epochs.at(-1)?.evaluations).toBe(4);
  });
});

describe.skipIf(replication === undefined)('Bernoulli on one verb of the replication data', () => {
  const dataDir = dirname(replication ?? '.');
  const verb = 'think';
  let folder: TempFolder;
  let flat: TrialRecord[];
  let beta: TrialRecord[];
  let flatEpochs: Map<string, EpochRecord[]>;
  let k = 0;
  let n = 0;

  // gd converges at a rate of about 1 - lr p(1 - p) per step; Adam's steps shrink with
  // its bias-corrected moments. Both are run long enough to reach 1e-9.
  const sweep = (name: string, prior: string): string => `name: ${name}
seed: 4
data:
  dataset: ${REPLICATION_DATASET}
  native_only: true
model:
  name: bernoulli
  verb: ${verb}
  acceptable_from: 5
  prior: ${prior}
epochs: 300
restarts: 2
optimizers:
  - name: gd
    lr: 2
  - name: adam
    lr: 0.05
    epochs: 2000
`;

  function read(dbPath: string): { trials: TrialRecord[]; epochs: Map<string, EpochRecord[]> } {
    const reader = new RunStoreReader(dbPath);
    try {
      return { trials: reader.listTrials(), epochs: reader.listAllEpochs() };
    } finally {
      reader.close();
    }
  }

  beforeAll(async () => {
    folder = tempFolder();
    const counts = (await countTable(replication ?? '')).byVerb.get(verb);
    k = counts?.acceptable ?? Number.NaN;
    n = counts?.n ?? Number.NaN;
    const flatFile = folder.write('flat.yaml', sweep('bernoulli-flat', '{a: 1, b: 1}'));
    const betaFile = folder.write('beta.yaml', sweep('bernoulli-beta', '{a: 3, b: 2}'));
    await runQuietly(flatFile, `${folder.path}/flat.sqlite`, { dataDir, cacheDir: folder.path });
    await runQuietly(betaFile, `${folder.path}/beta.sqlite`, { dataDir, cacheDir: folder.path });
    const flatRead = read(`${folder.path}/flat.sqlite`);
    flat = flatRead.trials;
    flatEpochs = flatRead.epochs;
    beta = read(`${folder.path}/beta.sqlite`).trials;
  });

  afterAll(() => folder.remove());

  it('finds judgments of the verb', () => {
    expect(n).toBeGreaterThan(0);
  });

  it.each(['gd', 'adam'])('%s completes every restart', (optimizer) => {
    const statuses = [...flat, ...beta].filter((trial) => trial.optimizer === optimizer).map((trial) => trial.status);
    expect(statuses).toEqual(['completed', 'completed', 'completed', 'completed']);
  });

  it.each(['gd', 'adam'])('%s reaches the flat-prior MLE k/n', (optimizer) => {
    const maximum = bernoulliLogLikelihood(k / n, k, n);
    for (const trial of flat.filter((t) => t.optimizer === optimizer)) {
      // Near its maximum the log-likelihood falls by n d^2 / (2 p (1 - p)) at distance d
      // from k/n, so the shortfall bounds how far the estimate is from the MLE.
      const shortfall = Math.max(0, maximum - (trial.finalLogLikelihood ?? Number.NaN));
      const distance = Math.sqrt((2 * (k / n) * (1 - k / n) * shortfall) / n);
      expect(distance).toBeLessThan(1e-6);
    }
  });

  it.each(['gd', 'adam'])('%s ends at a zero flat-prior gradient', (optimizer) => {
    for (const trial of flat.filter((t) => t.optimizer === optimizer)) {
      // The loss gradient in the logit is p - k/n, so its norm is the distance to the MLE.
      expect(flatEpochs.get(trial.id)?.at(-1)?.gradientNorm).toBeLessThan(1e-9);
    }
  });

  it.each(['gd', 'adam'])('%s stores a flat log-prior of 0', (optimizer) => {
    expect(flat.filter((t) => t.optimizer === optimizer).map((trial) => trial.finalLogPrior)).toEqual([0, 0]);
  });

  // MAP under a Beta(a, b) prior: (k + a - 1) / (n + a + b - 2).
  it.each(['gd', 'adam'])('%s reaches the Beta(3, 2) MAP', (optimizer) => {
    const map = (k + 3 - 1) / (n + 3 + 2 - 2);
    for (const trial of beta.filter((t) => t.optimizer === optimizer)) {
      const p = successProbabilityFrom(trial.finalLogLikelihood ?? Number.NaN, k, n, map < k / n);
      expect(p).toBeCloseTo(map, 9);
    }
  });

  it.each(['gd', 'adam'])('%s stores the Beta log-prior at the MAP', (optimizer) => {
    const map = (k + 3 - 1) / (n + 3 + 2 - 2);
    // Beta(3, 2) density: p^2 (1 - p) / B(3, 2), with B(3, 2) = 2! 1! / 4! = 1/12.
    const logDensity = 2 * Math.log(map) + Math.log(1 - map) + Math.log(12);
    for (const trial of beta.filter((t) => t.optimizer === optimizer)) {
      expect(trial.finalLogPrior).toBeCloseTo(logDensity, 9);
    }
  });
});

describe.skipIf(replication === undefined)('divergence on the replication data', () => {
  const dataDir = dirname(replication ?? '.');
  let folder: TempFolder;
  let trials: TrialRecord[];
  let epochs: Map<string, EpochRecord[]>;
  let stepsPerEpoch = 0;

  beforeAll(async () => {
    folder = tempFolder();
    const file = folder.write(
      'diverge.yaml',
      `name: diverge
seed: 7
data:
  dataset: ${REPLICATION_DATASET}
  native_only: true
model:
  name: bernoulli
  verb: think
epochs: 5
optimizers:
  - name: gd
    lr: 1e308
  - name: sgd
    lr: 1e308
    batch_size: 10
`,
    );
    const counts = (await countTable(replication ?? '')).byVerb.get('think');
    stepsPerEpoch = Math.ceil((counts?.n ?? Number.NaN) / 10);
    await runQuietly(file, `${folder.path}/diverge.sqlite`, { dataDir, cacheDir: folder.path });
    const reader = new RunStoreReader(`${folder.path}/diverge.sqlite`);
    trials = reader.listTrials();
    epochs = reader.listAllEpochs();
    reader.close();
  });

  afterAll(() => folder.remove());

  function errorPosition(trial: TrialRecord | undefined): { epoch: number; step: number } | undefined {
    const match = /epoch (\d+), step (\d+)/.exec(trial?.error ?? '');
    return match === null ? undefined : { epoch: Number(match[1]), step: Number(match[2]) };
  }

  it.each([0, 1])('marks trial %i diverged', (position) => {
    expect(trials[position]?.status).toBe('diverged');
  });

  it.each([0, 1])('names epoch and step for trial %i', (position) => {
    expect(errorPosition(trials[position])).toBeDefined();
  });

  it('counts one gd step per epoch', () => {
    const position = errorPosition(trials[0]);
    expect(position?.step).toBe(position?.epoch);
  });

  it('places the sgd step inside the named epoch', () => {
    const position = errorPosition(trials[1]);
    const epoch = position?.epoch ?? Number.NaN;
    expect(position?.step).toBeGreaterThan((epoch - 1) * stepsPerEpoch);
    expect(position?.step).toBeLessThanOrEqual(epoch * stepsPerEpoch);
  });

  it.each([0, 1])('keeps earlier rows of trial %i', (position) => {
    const trial = trials[position];
    const before = (epochs.get(trial?.id ?? '') ?? []).filter((row) => row.epoch < (errorPosition(trial)?.epoch ?? 0));
    expect(before.map((row) => row.epoch)).toEqual(Array.from({ length: errorPosition(trial)?.epoch ?? 0 }, (_, i) => i));
  });

  it.each([0, 1])('keeps earlier rows of trial %i finite', (position) => {
    const trial = trials[position];
    const before = (epochs.get(trial?.id ?? '') ?? []).filter((row) => row.epoch < (errorPosition(trial)?.epoch ?? 0));
    expect(before.every((row) => Number.isFinite(row.logPosterior))).toBe(true);
  });

  it.each([0, 1])('gives trial %i a non-finite final log-posterior', (position) => {
    // A diverged trial has no final parameters, so no finite final value either.
    expect(Number.isFinite(trials[position]?.finalLogPosterior)).toBe(false);
  });

  it.each([0, 1])('keeps the best finite log-posterior of trial %i', (position) => {
    const trial = trials[position];
    const finite = (epochs.get(trial?.id ?? '') ?? []).filter((row) => Number.isFinite(row.logPosterior));
    expect(trial?.bestLogPosterior).toBe(Math.max(...finite.map((row) => row.logPosterior)));
  });

  it.each([0, 1])('stores no AIC for diverged trial %i', (position) => {
    expect(trials[position]?.aic).toBeUndefined();
  });
});
