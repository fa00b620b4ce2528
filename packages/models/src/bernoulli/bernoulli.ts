import { add, logSigmoid, neg, scale, special, type Tape, type Var } from '@ascent/core';
import type { Model, ParameterVars } from '../model.js';

export interface BernoulliOptions {
  /** Observed outcomes, each 0 or 1. */
  readonly outcomes: Uint8Array;
  /** Beta(a, b) prior on the success probability; a = b = 1 (flat) when omitted. */
  readonly prior?: { readonly a: number; readonly b: number };
}

/**
 * Bernoulli trials with a Beta prior on the success probability p:
 *
 *   y_i ~ Bernoulli(p),  p ~ Beta(a, b),  parameter logit = log(p / (1 - p)).
 *
 * The log-prior is the Beta density of p, without the Jacobian of the logit transform,
 * so the optimum is the posterior mode of p (as Stan's optimizer computes it by
 * default): p = (k + a - 1) / (n + a + b - 2) for k successes in n trials, which is the
 * sample mean k / n under the flat prior a = b = 1.
 */
export function bernoulliModel(options: BernoulliOptions): Model {
  const { outcomes } = options;
  const a = options.prior?.a ?? 1;
  const b = options.prior?.b ?? 1;
  if (!(a > 0 && b > 0)) throw new RangeError(`bernoulli: Beta prior needs a > 0 and b > 0, got a = ${a}, b = ${b}`);
  for (let i = 0; i < outcomes.length; i++) {
    if (outcomes[i] !== 0 && outcomes[i] !== 1) {
      throw new RangeError(`bernoulli: outcome ${i} is ${outcomes[i]}; outcomes must be 0 or 1`);
    }
  }
  if (outcomes.length === 0) throw new RangeError('bernoulli: no outcomes to fit');
  const logBeta = special.lgamma(a) + special.lgamma(b) - special.lgamma(a + b);

  return {
    name: 'bernoulli',
    dataSize: outcomes.length,
    freeParameterCount: 1,
    parameters: [
      {
        name: 'logit',
        shape: [1],
        description: 'log-odds of success, logit(p)',
        init: (rng) => Float64Array.of(rng.normal(0, 1)),
      },
    ],
    logLikelihood(_tape: Tape, params: ParameterVars, batch: Int32Array | undefined): Var {
      let successes = 0;
      const m = batch === undefined ? outcomes.length : batch.length;
      if (batch === undefined) for (let i = 0; i < outcomes.length; i++) successes += outcomes[i];
      else for (let i = 0; i < batch.length; i++) successes += outcomes[batch[i]];
      const logit = params.logit;
      // k log p + (m - k) log(1 - p), with log p = logSigmoid(logit), log(1 - p) = logSigmoid(-logit).
      return add(scale(logSigmoid(logit), successes), scale(logSigmoid(neg(logit)), m - successes));
    },
    logPrior(tape: Tape, params: ParameterVars): Var {
      const logit = params.logit;
      if (a === 1 && b === 1) return tape.constant(0);
      // (a - 1) log p + (b - 1) log(1 - p) - log B(a, b).
      const density = add(scale(logSigmoid(logit), a - 1), scale(logSigmoid(neg(logit)), b - 1));
      return add(density, -logBeta);
    },
  };
}
