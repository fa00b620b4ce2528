import {
  Minibatches,
  Rng,
  allFinite,
  checkedUpdate,
  globalNorm,
  learningRateAt,
  tensor,
  zerosLike,
  type NamedTensors,
  type Tensor,
} from '@ascent/core';
import { Objective, type Model, type PosteriorTerms } from '@ascent/models';
import { sampleRankCorrelation } from 'simple-statistics';
import type { Trial } from '../sweep/expand.js';
import { findOptimizer } from '../sweep/optimizers.js';
import { toLearningRateSchedule } from '../sweep/schedules.js';
import type { EpochRecord, TrialOutcome } from '../store/store.js';

export interface TrialRun {
  readonly trial: Trial;
  /** The sweep seed. */
  readonly seed: number;
  readonly model: Model;
  /** The same model on held-out data, evaluated after every epoch at the fitted parameters. */
  readonly heldOut?: Model | undefined;
  /** Seconds on a monotonic clock; the only source of nondeterminism, used for elapsed time. */
  readonly clock: () => number;
  /** Receives each epoch row as soon as it is computed. */
  readonly onEpoch: (epoch: EpochRecord) => void;
  /** Polled between steps; returning true ends the trial as interrupted. */
  readonly shouldStop?: () => boolean;
}

/**
 * Time, in seconds of the trial's clock, after which the trial yields to the event loop
 * at its next step boundary. Signal handlers (Ctrl-C in the CLI) and timers run only
 * while it yields, so a stop request is seen after this time or one step, whichever
 * is longer.
 */
const YIELD_INTERVAL_SECONDS = 0.05;

/** Draws the initial parameters of a trial from its "init" stream, in parameter order. */
export function initialParameters(model: Model, seed: number, initKey: string): Record<string, Tensor> {
  const rng = Rng.derive(seed, initKey, 'init');
  const params: Record<string, Tensor> = {};
  for (const spec of model.parameters) params[spec.name] = tensor(spec.init(rng), spec.shape);
  return params;
}

/**
 * Runs one trial: epoch 0 evaluates the initial point, and each later epoch takes
 * optimizer steps over the data, then evaluates the full-data log-posterior and its
 * gradient norm.
 *
 * A non-finite loss, gradient or parameter ends the trial as diverged, naming the
 * epoch and step; the rows already emitted stay valid. The result never depends on
 * the clock, only the elapsedSeconds column and the moments when the trial yields to
 * the event loop do.
 */
export async function runTrial(run: TrialRun): Promise<TrialOutcome> {
  const { trial, seed, model, clock, onEpoch } = run;
  const config = trial.config;
  const entry = findOptimizer(config.optimizer.name);
  if (entry === undefined) throw new Error(`unknown optimizer "${config.optimizer.name}"`);
  const optimizer = entry.build(config.optimizer);
  const schedule = toLearningRateSchedule(config.schedule);

  const params = initialParameters(model, seed, trial.initKey);
  const arrays = mapValues(params, (t) => t.data);
  // Gradients of a minibatch step and of the full-data evaluation, as tensors for the
  // finiteness and norm checks and as plain arrays for the model and optimizer.
  const stepGradTensors = zerosLike(params);
  const fullGradTensors = zerosLike(params);
  const stepGrads = mapValues(stepGradTensors, (t) => t.data);
  const fullGrads = mapValues(fullGradTensors, (t) => t.data);
  const objective = new Objective(model, params);
  const heldOutObjective = run.heldOut === undefined ? undefined : new Objective(run.heldOut, params);
  const started = clock();
  let lastYield = started;
  const yieldIfDue = async (): Promise<void> => {
    if (clock() - lastYield < YIELD_INTERVAL_SECONDS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    lastYield = clock();
  };
  const dataSize = model.dataSize;
  const batchSize = config.batch_size === 'full' ? dataSize : Math.min(config.batch_size, dataSize);
  const minibatches = batchSize < dataSize ? new Minibatches(dataSize, batchSize, Rng.derive(seed, trial.id, 'shuffle')) : undefined;

  let terms = objective.evaluate(fullGrads);
  let best = terms.logPosterior;
  let last: PosteriorTerms = terms;
  const emit = (epoch: number, minibatchLoss: number | undefined, learningRate: number | undefined, evaluations: number): void => {
    onEpoch({
      epoch,
      logPosterior: terms.logPosterior,
      logLikelihood: terms.logLikelihood,
      logPrior: terms.logPrior,
      minibatchLoss,
      gradientNorm: globalNorm(fullGradTensors),
      learningRate,
      evaluations,
      heldOutLogLikelihood: heldOutObjective?.evaluate().logLikelihood,
      elapsedSeconds: clock() - started,
    });
  };
  emit(0, undefined, undefined, 1);

  /**
   * Ends the trial. A diverged trial has no final parameters, so its final terms are the
   * non-finite values where it stopped, or NaN when the full-data value is unknown. The
   * last finite epoch stays in the epoch rows. A diverged trial gets no AIC, BIC or notes.
   */
  const finish = (status: TrialOutcome['status'], error?: string, divergedAt = Number.NaN): TrialOutcome => {
    const k = model.freeParameterCount;
    const final: PosteriorTerms =
      status === 'diverged' ? { logPosterior: divergedAt, logLikelihood: Number.NaN, logPrior: Number.NaN } : last;
    const finite = Number.isFinite(final.logLikelihood);
    return {
      status,
      finalLogPosterior: final.logPosterior,
      finalLogLikelihood: final.logLikelihood,
      finalLogPrior: final.logPrior,
      bestLogPosterior: best,
      freeParameters: k,
      dataSize,
      ...(finite ? { aic: 2 * k - 2 * final.logLikelihood, bic: k * Math.log(dataSize) - 2 * final.logLikelihood } : {}),
      ...(error !== undefined ? { error } : {}),
      ...(status === 'diverged' ? {} : fitSummary(model, run.heldOut, params)),
    };
  };
  if (!Number.isFinite(terms.logPosterior)) {
    return finish(
      'diverged',
      `the log-posterior at the initial parameters is ${terms.logPosterior}; check the model options and data`,
      terms.logPosterior,
    );
  }

  const state = optimizer.init(arrays);
  let step = 0;
  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const learningRate = learningRateAt(schedule, optimizer.lr, epoch - 1);
    let lossSum = 0;
    let evaluations = 0;

    if (optimizer.kind === 'closure') {
      const result = optimizer.step(() => objective.lossAndGradient(undefined, stepGrads), stepGrads, state, arrays, learningRate);
      step += 1;
      evaluations = result.evaluations;
      lossSum = result.initialLoss;
      if (result.stop === 'non-finite') {
        return finish('diverged', `L-BFGS met a non-finite loss or gradient in epoch ${epoch} (step ${step}); try a smaller lr or line_search_fn: strong_wolfe`);
      }
    } else {
      if (minibatches === undefined) {
        // Full batch: the evaluation that ended the previous epoch computed this gradient.
        step += 1;
        evaluations = 1;
        lossSum = -terms.logPosterior / dataSize;
        const outcome = checkedUpdate(optimizer, lossSum, fullGrads, state, arrays, learningRate, step);
        if (outcome.status === 'diverged') return finish('diverged', `epoch ${epoch}, step ${outcome.step}: ${outcome.reason}. Try a smaller lr`);
      } else {
        for (const batch of minibatches.epoch()) {
          await yieldIfDue();
          if (run.shouldStop?.() === true) return finish('interrupted', `interrupted during epoch ${epoch}`);
          step += 1;
          evaluations += 1;
          const loss = objective.lossAndGradient(batch, stepGrads);
          const outcome = checkedUpdate(optimizer, loss, stepGrads, state, arrays, learningRate, step);
          if (outcome.status === 'diverged') return finish('diverged', `epoch ${epoch}, step ${outcome.step}: ${outcome.reason}. Try a smaller lr or a prior`);
          lossSum += loss;
        }
      }
    }
    if (!allFinite(params)) {
      return finish('diverged', `parameters became non-finite at epoch ${epoch}, step ${step}; try a smaller lr`);
    }

    terms = objective.evaluate(fullGrads);
    emit(epoch, optimizer.kind === 'closure' ? lossSum : lossSum / Math.max(1, evaluations), learningRate, evaluations);
    if (!Number.isFinite(terms.logPosterior)) {
      return finish(
        'diverged',
        `the full-data log-posterior became ${terms.logPosterior} at epoch ${epoch}, step ${step}; try a smaller lr`,
        terms.logPosterior,
      );
    }
    last = terms;
    best = Math.max(best, terms.logPosterior);
    await yieldIfDue();
    if (run.shouldStop?.() === true && epoch < config.epochs) return finish('interrupted', `interrupted after epoch ${epoch}`);
  }
  return finish('completed');
}

/**
 * Notes on the fit from the model, and the Spearman correlation between each held-out
 * item's observation and the model's expected value, at the final parameters.
 */
function fitSummary(model: Model, heldOut: Model | undefined, params: NamedTensors): { notes?: string[]; heldOutSpearman?: number } {
  if (!allFinite(params)) return {};
  const notes = model.describeFit?.(params) ?? [];
  let heldOutSpearman: number | undefined;
  const observed = heldOut?.observedValues;
  const expected = heldOut?.expectedValues?.(params);
  if (observed !== undefined && expected !== undefined && observed.length > 1) {
    heldOutSpearman = sampleRankCorrelation([...expected], [...observed]);
  }
  return { ...(notes.length > 0 ? { notes } : {}), ...(heldOutSpearman !== undefined ? { heldOutSpearman } : {}) };
}

function mapValues<T, U>(record: Readonly<Record<string, T>>, f: (value: T) => U): Record<string, U> {
  const out: Record<string, U> = {};
  for (const [key, value] of Object.entries(record)) out[key] = f(value);
  return out;
}
