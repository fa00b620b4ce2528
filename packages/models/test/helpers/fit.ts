import { lbfgs, tensor, type GradientOptimizer, type LbfgsOptions, type Tensor } from '@ascent/core';
import { Objective, type Model, type PosteriorTerms } from '../../src/index.js';

/** Parameters, full-data terms and full-data loss gradient after a fit. */
export interface FitResult {
  readonly params: Record<string, Tensor>;
  readonly terms: PosteriorTerms;
  /** Gradient of the full-data loss, -log-posterior / N, at the final parameters. */
  readonly lossGradient: Record<string, Float64Array>;
  readonly steps: number;
}

interface Setup {
  readonly params: Record<string, Tensor>;
  readonly arrays: Record<string, Float64Array>;
  readonly grads: Record<string, Float64Array>;
  readonly objective: Objective;
}

/** Places every one-element parameter of `model` at its value in `start`. */
function setUp(model: Model, start: Readonly<Record<string, number>>): Setup {
  const params: Record<string, Tensor> = {};
  const arrays: Record<string, Float64Array> = {};
  const grads: Record<string, Float64Array> = {};
  for (const spec of model.parameters) {
    const value = start[spec.name];
    if (value === undefined) throw new Error(`no start value for parameter "${spec.name}"`);
    params[spec.name] = tensor(Float64Array.of(value), spec.shape);
    arrays[spec.name] = params[spec.name].data;
    grads[spec.name] = new Float64Array(1);
  }
  return { params, arrays, grads, objective: new Objective(model, params) };
}

function finish(setup: Setup, steps: number): FitResult {
  const lossGradient: Record<string, Float64Array> = {};
  for (const name of Object.keys(setup.grads)) lossGradient[name] = new Float64Array(1);
  const terms = setup.objective.evaluate(lossGradient);
  return { params: setup.params, terms, lossGradient, steps };
}

/**
 * Minimises the full-data loss with L-BFGS and a strong-Wolfe line search, one `step`
 * per round, until a step stops on a tolerance or `maxSteps` rounds have run.
 */
export function fitWithLbfgs(
  model: Model,
  start: Readonly<Record<string, number>>,
  options: LbfgsOptions & { readonly maxSteps: number },
): FitResult {
  const setup = setUp(model, start);
  const optimizer = lbfgs({ lineSearch: 'strong-wolfe', ...options });
  const state = optimizer.init(setup.arrays);
  let steps = 0;
  while (steps < options.maxSteps) {
    steps += 1;
    const result = optimizer.step(() => setup.objective.lossAndGradient(undefined, setup.grads), setup.grads, state, setup.arrays, optimizer.lr);
    if (result.stop === 'non-finite' || result.stop === 'line-search-failed') throw new Error(`L-BFGS stopped with ${result.stop} at step ${steps}`);
    if (result.stop === 'gradient-tolerance' || result.stop === 'change-tolerance') break;
  }
  return finish(setup, steps);
}

/**
 * Runs `steps` full-batch updates of a gradient optimizer on the full-data loss, with
 * the learning rate `learningRate(step)` for step 0, 1, ....
 */
export function fitWithGradientOptimizer<State>(
  model: Model,
  start: Readonly<Record<string, number>>,
  optimizer: GradientOptimizer<State>,
  steps: number,
  learningRate: (step: number) => number = () => optimizer.lr,
): FitResult {
  const setup = setUp(model, start);
  const state = optimizer.init(setup.arrays);
  for (let step = 0; step < steps; step++) {
    const loss = setup.objective.lossAndGradient(undefined, setup.grads);
    if (!Number.isFinite(loss)) throw new Error(`${optimizer.name}: the loss is ${loss} at step ${step}`);
    optimizer.update(setup.grads, state, setup.arrays, learningRate(step));
  }
  return finish(setup, steps);
}

/** Returns the value of a one-element parameter. */
export function scalar(result: FitResult, name: string): number {
  const value = result.params[name]?.data[0];
  if (value === undefined) throw new Error(`no parameter "${name}" in the fit`);
  return value;
}
