import type { NamedTensors, Tape, Var } from '@ascent/core';
import type { Model, ParameterVars } from '../model.js';
import { diagnoseNegativeBinomial } from './diagnose.js';
import { CountIndex } from './histogram.js';
import { negativeBinomialLogLikelihood } from './log-likelihood.js';
import { recordLogPrior, resolvePrior, type NegativeBinomialPrior } from './prior.js';

export interface NegativeBinomialOptions {
  /** Observed counts, each a non-negative integer. */
  readonly counts: Int32Array;
  /** Priors on r and p; both flat when omitted, which makes the fit maximum likelihood. */
  readonly prior?: NegativeBinomialPrior;
}

/**
 * Negative binomial counts with optional priors on r and p:
 *
 *   y_i ~ NB(r, p),  P(y) = Gamma(y + r) / (Gamma(r) y!) p^r (1 - p)^y,  mean r (1 - p) / p,
 *
 *   r ~ flat, Gamma(shape alpha, rate beta) or log-normal(mu, sigma),  p ~ Beta(a, b),
 *
 * fit in the unconstrained parameters logR = log r and logit = log(p / (1 - p)). y counts
 * the failures before the r-th success, as SciPy's nbinom(n=r, p=p) does.
 *
 * The log-prior is the density of r and p, without the Jacobian of the transform to
 * (log r, logit p), as in the Bernoulli model. The optimum is then the mode of the
 * posterior density of (r, p), which does not depend on the coordinates the optimizer
 * moves in, and with flat priors it is the maximum-likelihood estimate.
 *
 * For a fixed r the maximum-likelihood p is r / (r + mean(y)). The maximum-likelihood r is
 * finite only when the variance of the counts (divisor N) exceeds their mean. Otherwise
 * the likelihood keeps rising towards the Poisson limit as r -> Infinity, which
 * `describeFit` reports. The log-likelihood stays accurate for r far beyond 1e15 (see
 * log-likelihood.ts).
 *
 * Full-data evaluations group equal counts and cost O(distinct counts). A minibatch
 * indexes individual items and costs O(batch size + distinct counts).
 */
export function negativeBinomialModel(options: NegativeBinomialOptions): Model {
  const index = new CountIndex(options.counts);
  const prior = resolvePrior(options.prior);

  return {
    name: 'negative-binomial',
    dataSize: index.itemCount,
    freeParameterCount: 2,
    parameters: [
      {
        name: 'logR',
        shape: [1],
        description: 'log r, the log of the number of successes',
        init: (rng) => Float64Array.of(rng.normal(0, 1)),
      },
      {
        name: 'logit',
        shape: [1],
        description: 'log-odds of success, logit(p)',
        init: (rng) => Float64Array.of(rng.normal(0, 1)),
      },
    ],
    logLikelihood(_tape: Tape, params: ParameterVars, batch: Int32Array | undefined): Var {
      const histogram = batch === undefined ? index.histogram : index.batchHistogram(batch);
      return negativeBinomialLogLikelihood(requireParameter(params, 'logR'), requireParameter(params, 'logit'), histogram);
    },
    logPrior(tape: Tape, params: ParameterVars): Var {
      return recordLogPrior(tape, prior, requireParameter(params, 'logR'), requireParameter(params, 'logit'));
    },
    describeFit(params: NamedTensors): string[] {
      const logR = params.logR?.data[0];
      const logit = params.logit?.data[0];
      if (logR === undefined || logit === undefined) {
        throw new RangeError('negative binomial: describeFit needs the parameters "logR" and "logit"');
      }
      return diagnoseNegativeBinomial(index.histogram, prior, { logR, logit }).notes;
    },
  };
}

function requireParameter(params: ParameterVars, name: string): Var {
  const value = params[name];
  if (value === undefined) throw new RangeError(`negative binomial: missing parameter "${name}"`);
  return value;
}
