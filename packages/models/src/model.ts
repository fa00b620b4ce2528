import type { NamedTensors, Rng, Shape, Tape, Var } from '@ascent/core';

/** A parameter as a model declares it. Values are stored unconstrained (logits, logs). */
export interface ParameterSpec {
  readonly name: string;
  readonly shape: Shape;
  /** Draws initial values; the runner passes a generator seeded for initialisation only. */
  readonly init: (rng: Rng) => Float64Array;
  /** Description of the parameter in the model's notation, for reports. */
  readonly description: string;
}

/** Parameter nodes by name, on one tape. */
export type ParameterVars = Readonly<Record<string, Var>>;

/**
 * The Model contract: named parameters, a log-likelihood over a batch of data items,
 * a log-prior and the data size.
 *
 * Models are pure: they read no files, clocks or global state, so the same parameters
 * and batch give the same bits.
 */
export interface Model {
  readonly name: string;
  readonly parameters: readonly ParameterSpec[];
  /** Number of data items N; batches hold indices in 0 .. N-1. */
  readonly dataSize: number;
  /** Number of free parameters, for AIC and BIC. */
  readonly freeParameterCount: number;
  /**
   * Sum of the log-likelihood terms of the items in `batch`, or of all items when
   * `batch` is undefined. The sum over a uniform batch of m items, times N / m, is an
   * unbiased estimate of the full-data log-likelihood.
   */
  logLikelihood(tape: Tape, params: ParameterVars, batch: Int32Array | undefined): Var;
  /** Log prior density of the parameters (0 for a flat prior). */
  logPrior(tape: Tape, params: ParameterVars): Var;
  /**
   * Describes the fit at `params` in plain English, one sentence or two per note, such
   * as a warning that the estimate does not exist because the optimum lies at infinity.
   * Optional: models with nothing to say leave it out.
   */
  describeFit?(params: NamedTensors): string[];
  /**
   * Returns the expected value of each data item at `params`, in data order, such as a
   * judgment's expected rating. The runner correlates it with `observedValues` by rank on
   * held-out data.
   */
  expectedValues?(params: NamedTensors): Float64Array;
  /** The observed value of each data item, in data order. */
  readonly observedValues?: Float64Array;
}
