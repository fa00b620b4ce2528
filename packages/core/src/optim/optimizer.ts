/**
 * The optimizer contract, after optax: a pair of functions over named parameters,
 * `init` and `update`, with all running state in a separate value keyed by parameter
 * name.
 *
 * Unlike optax, `update` writes the new parameters and state in place. Parameters and
 * state are Float64Array buffers that a training loop reuses, so steps allocate nothing.
 *
 * Update rules follow `torch.optim` 1.13, so published hyperparameters mean the same
 * thing here. The loss is minimised: ascent on a log-posterior is descent on its negative.
 */

/** Named parameter (or gradient) arrays. Optimizers need no shapes, only elements. */
export type ParameterArrays = Readonly<Record<string, Float64Array>>;

/** An optimizer that needs only the gradient at the current parameters. */
export interface GradientOptimizer<State> {
  readonly kind: 'gradient';
  /** Registry name as written in sweep files, such as "adam". */
  readonly name: string;
  /** Learning rate used when a schedule does not override it. */
  readonly lr: number;
  init(params: ParameterArrays): State;
  /**
   * Takes one step: updates `params` and `state` in place from `grads`, the gradient
   * of the loss at `params`, with learning rate `lr` for this step.
   */
  update(grads: ParameterArrays, state: State, params: ParameterArrays, lr: number): void;
}

/** Loss and gradient at the current parameters, written into the given gradient buffers. */
export type LossAndGradient = () => number;

/**
 * An optimizer that evaluates the objective several times per step, such as L-BFGS with
 * a line search: `step` calls `evaluate`, which recomputes the loss at the current
 * `params` and writes its gradient into `grads`.
 */
export interface ClosureOptimizer<State> {
  readonly kind: 'closure';
  readonly name: string;
  readonly lr: number;
  init(params: ParameterArrays): State;
  step(evaluate: LossAndGradient, grads: ParameterArrays, state: State, params: ParameterArrays, lr: number): ClosureStepResult;
}

/** Summary of one closure-optimizer step. */
export interface ClosureStepResult {
  /** Loss at the parameters the step started from (PyTorch returns the same). */
  readonly initialLoss: number;
  /** Number of calls to `evaluate` during the step. */
  readonly evaluations: number;
  /** Reason the step stopped iterating. */
  readonly stop: ClosureStop;
}

export type ClosureStop =
  | 'max-iterations'
  | 'max-evaluations'
  | 'gradient-tolerance'
  | 'change-tolerance'
  | 'non-finite'
  | 'line-search-failed';

export type Optimizer = GradientOptimizer<unknown> | ClosureOptimizer<unknown>;

/** Throws a RangeError unless `value` is a finite number in the stated range. */
export function requireHyperparameter(
  optimizer: string,
  name: string,
  value: number,
  range: { readonly min?: number; readonly max?: number; readonly minExclusive?: boolean; readonly maxExclusive?: boolean },
): void {
  const belowMin =
    range.min !== undefined && (range.minExclusive === true ? value <= range.min : value < range.min);
  const aboveMax =
    range.max !== undefined && (range.maxExclusive === true ? value >= range.max : value > range.max);
  if (!Number.isFinite(value) || belowMin || aboveMax) {
    const low = range.min === undefined ? '' : `${range.min} ${range.minExclusive === true ? '<' : '<='} `;
    const high = range.max === undefined ? '' : ` ${range.maxExclusive === true ? '<' : '<='} ${range.max}`;
    throw new RangeError(`${optimizer}: ${name} must satisfy ${low}${name}${high}, got ${value}`);
  }
}

/** Returns the state array for `name`, or throws if `init` did not see that parameter. */
export function stateFor(buffers: Readonly<Record<string, Float64Array>>, name: string): Float64Array {
  const buffer = buffers[name];
  if (buffer === undefined) {
    throw new Error(`no optimizer state for parameter "${name}". Call init with the same parameters that update receives.`);
  }
  return buffer;
}
