import type { TrialOutcome } from '@ascent/runner';
import { ENVIRONMENT, type FixtureSweep, type FixtureTrial } from './fixture-store.js';

/** Judgments in the fixture data; N in BIC. */
export const DATA_SIZE = 100;

/** Free parameters of the fixture model with T types: k in AIC and BIC. */
export function freeParameters(types: number): number {
  return 10 * types;
}

const GD = { name: 'gd', lr: 0.1 };
const ADAM = { name: 'adam', lr: 0.01, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, amsgrad: false };

/** Outcome with final values taken from the given log-likelihood (flat prior, so log-posterior equals it). */
function outcome(
  status: TrialOutcome['status'],
  types: number,
  final: number,
  best: number,
  extra: Partial<TrialOutcome> = {},
): TrialOutcome {
  const k = freeParameters(types);
  const criteria = Number.isFinite(final) ? { aic: 2 * k - 2 * final, bic: k * Math.log(DATA_SIZE) - 2 * final } : {};
  return {
    status,
    finalLogPosterior: final,
    finalLogLikelihood: Number.isFinite(final) ? final : Number.NaN,
    finalLogPrior: 0,
    bestLogPosterior: best,
    freeParameters: k,
    dataSize: DATA_SIZE,
    ...criteria,
    ...extra,
  };
}

function selectionTrial(
  id: string,
  types: number,
  optimizer: typeof GD | typeof ADAM,
  restart: number,
  curve: readonly number[],
  result: TrialOutcome | undefined,
): FixtureTrial {
  return {
    id,
    model: { name: 's-selection', types, fused: true, init_scale: 1, prior: {} },
    optimizer,
    batchSize: optimizer.name === 'gd' ? 'full' : 2,
    restart,
    curve,
    outcome: result,
  };
}

export const DIVERGED_ERROR = 'the full-data log-posterior became NaN after epoch 2; try a smaller lr';
export const FAILED_ERROR = 'Error: worker ran out of memory\n    at runTrial (trial.ts:120:5)';
export const INITIAL_ERROR = 'the log-posterior at the initial parameters is -Infinity; check the model options and data';
export const INTERRUPTED_ERROR = 'interrupted after epoch 2';

/**
 * S-selection sweep over T in {4, 12}, full-batch gd and minibatch adam, restarts 0-2.
 * Values are chosen by hand:
 * - The best trial is t12-adam-r0 at -90. The other restarts of its setting end at -95 and -Infinity.
 * - t4-adam-r2 diverged after reaching -200, and its last epoch is NaN.
 * - t12-gd-r2 failed without final values.
 * - t12-adam-r2 diverged at the initial point (-Infinity).
 * - t4-gd-r2 was interrupted at -190.
 */
export const SELECTION_SWEEP: FixtureSweep = {
  name: 's-selection-fixture',
  description: 'T in {4, 12}; gd against adam; three restarts',
  seed: 20160901,
  createdAt: '2024-05-01T12:00:00.000Z',
  epochs: 3,
  environments: [
    { recordedAt: '2024-05-01T12:00:01.000Z', environment: ENVIRONMENT },
    { recordedAt: '2024-05-02T08:30:00.000Z', environment: { ...ENVIRONMENT, gitDirty: false, workers: 4 } },
  ],
  trials: [
    selectionTrial('t4-gd-r0', 4, GD, 0, [-300, -240, -180, -120], outcome('completed', 4, -120, -120)),
    selectionTrial('t4-gd-r1', 4, GD, 1, [-300, -239, -178, -118], outcome('completed', 4, -118, -118)),
    selectionTrial('t4-gd-r2', 4, GD, 2, [-300, -245, -190], outcome('interrupted', 4, -190, -190, { error: INTERRUPTED_ERROR })),
    selectionTrial('t4-adam-r0', 4, ADAM, 0, [-300, -200, -150, -110], outcome('completed', 4, -110, -110)),
    selectionTrial('t4-adam-r1', 4, ADAM, 1, [-300, -210, -160, -112], outcome('completed', 4, -112, -112)),
    selectionTrial('t4-adam-r2', 4, ADAM, 2, [-300, -200, Number.NaN], outcome('diverged', 4, -200, -200, { error: DIVERGED_ERROR })),
    selectionTrial('t12-gd-r0', 12, GD, 0, [-300, -220, -160, -100], outcome('completed', 12, -100, -100, { heldOutSpearman: Number.NaN })),
    selectionTrial('t12-gd-r1', 12, GD, 1, [-300, -221, -161, -101], outcome('completed', 12, -101, -101)),
    selectionTrial('t12-gd-r2', 12, GD, 2, [-300, -250], { status: 'failed', error: FAILED_ERROR }),
    selectionTrial('t12-adam-r0', 12, ADAM, 0, [-300, -150, -100, -90], outcome('completed', 12, -90, -90, { heldOutSpearman: 0.61 })),
    selectionTrial('t12-adam-r1', 12, ADAM, 1, [-300, -160, -110, -95], outcome('completed', 12, -95, -95, { heldOutSpearman: 0.58 })),
    selectionTrial('t12-adam-r2', 12, ADAM, 2, [-Infinity], outcome('diverged', 12, -Infinity, -Infinity, { error: INITIAL_ERROR })),
  ],
};

/** Trials of SELECTION_SWEEP without a finite final log-posterior. */
export const NON_FINITE_FINAL_TRIALS = ['t12-gd-r2', 't12-adam-r2'];

/** Distinct settings of SELECTION_SWEEP: 2 values of T times 2 optimizers. */
export const SELECTION_SETTINGS = 4;

const SGD = (lr: number) => ({ name: 'sgd', lr, momentum: 0, dampening: 0, nesterov: false, weight_decay: 0 });

function bernoulliTrial(id: string, lr: number, restart: number, curve: readonly number[]): FixtureTrial {
  const final = curve[curve.length - 1] ?? Number.NaN;
  return {
    id,
    model: { name: 'bernoulli', verb: 'think', acceptable_from: 5, prior: { a: 1, b: 1 } },
    optimizer: SGD(lr),
    batchSize: 10,
    restart,
    curve,
    outcome: { status: 'completed', finalLogPosterior: final, finalLogLikelihood: final, bestLogPosterior: final },
  };
}

/** Bernoulli sweep: sgd at two learning rates, two restarts, no T and no held-out score. */
export const BERNOULLI_SWEEP: FixtureSweep = {
  name: 'bernoulli-fixture',
  description: '',
  seed: 3,
  createdAt: '2024-06-01T09:00:00.000Z',
  epochs: 2,
  environments: [{ recordedAt: '2024-06-01T09:00:01.000Z', environment: { ...ENVIRONMENT, gitCommit: undefined, gitDirty: undefined } }],
  trials: [
    bernoulliTrial('sgd-lr0.1-r0', 0.1, 0, [-80, -70, -66]),
    bernoulliTrial('sgd-lr0.1-r1', 0.1, 1, [-82, -71, -67]),
    bernoulliTrial('sgd-lr0.5-r0', 0.5, 0, [-80, -65, -64]),
    bernoulliTrial('sgd-lr0.5-r1', 0.5, 1, [-82, -66, -63.5]),
  ],
};

/** Bernoulli sweep stopped before epoch 1: every trial has only its initial point. */
export const INITIAL_ONLY_SWEEP: FixtureSweep = {
  ...BERNOULLI_SWEEP,
  name: 'initial-only-fixture',
  trials: BERNOULLI_SWEEP.trials.map((trial) => ({ ...trial, curve: trial.curve.slice(0, 1), outcome: undefined })),
};

/** A sweep whose trials were never added. */
export const EMPTY_SWEEP: FixtureSweep = { ...BERNOULLI_SWEEP, name: 'empty-fixture', trials: [] };
