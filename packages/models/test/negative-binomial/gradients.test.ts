import { add, checkGradients, scale, sub, tensor, type ScalarFunction } from '@ascent/core';
import { describe, expect, it } from 'vitest';
import { negativeBinomialModel, type Model, type NegativeBinomialPrior } from '../../src/index.js';

const COUNTS = Int32Array.of(0, 1, 1, 3, 7, 12, 0, 2);
const MEAN = 26 / 8;

function logPosterior(model: Model): ScalarFunction {
  return (tape, params) => add(model.logLikelihood(tape, params, undefined), model.logPrior(tape, params));
}

const PRIORS: [string, NegativeBinomialPrior][] = [
  ['flat priors', {}],
  ['Gamma(2, 0.1) on r and Beta(2, 3) on p', { r: { kind: 'gamma', shape: 2, rate: 0.1 }, p: { a: 2, b: 3 } }],
  ['log-normal(1, 2) on r and Beta(0.5, 1.5) on p', { r: { kind: 'log-normal', mu: 1, sigma: 2 }, p: { a: 0.5, b: 1.5 } }],
];

const POINTS: [number, number][] = [
  [Math.log(0.5), -2],
  [Math.log(2.5), 0],
  [Math.log(3), 0.5],
  [Math.log(100), 3.4],
  [-6, 1],
];

describe('negative binomial gradients', () => {
  it.each(PRIORS)('match central differences with %s', (_name, prior) => {
    const model = negativeBinomialModel({ counts: COUNTS, prior });
    for (const [logR, logit] of POINTS) {
      const result = checkGradients(logPosterior(model), { logR: tensor([logR]), logit: tensor([logit]) });
      expect(result.maxRelativeError, `at log r = ${logR}, logit = ${logit}`).toBeLessThan(1e-7);
    }
  });

  it.each([1e10, 1e15, 1e100])('match central differences at r = %s with the mean off the data', (r) => {
    // A mean of 1.5 times the sample mean gives both partial derivatives a size of
    // order N, which central differences resolve. The step is relative to |log r|, up to
    // 230 here, so it is smaller than the default to keep the truncation error down.
    const model = negativeBinomialModel({ counts: COUNTS });
    const logR = Math.log(r);
    const params = { logR: tensor([logR]), logit: tensor([logR - Math.log(1.5 * MEAN)]) };
    const result = checkGradients(logPosterior(model), params, { step: 1e-5 });
    expect(result.maxRelativeError).toBeLessThan(1e-7);
  });

  it('resolve the 1/r deviation at r = 1e10', () => {
    // Underdispersed counts 1, 2, 2, 3 (mean 2, variance 0.5). With the mean held at 2,
    // log L = P + 4 (0.5 - 2) / (2r) + O(1/r^2), where P = 6 log 2 - 8 - log 6 is the
    // Poisson log-likelihood at the mean, so d log L / d log r = 3 / r = 3e-10. Scaling
    // (log L - P) by 1e10 lifts that derivative above the check's absolute floor of 1e-8.
    const model = negativeBinomialModel({ counts: Int32Array.of(1, 2, 2, 3) });
    const poisson = 6 * Math.LN2 - 8 - Math.log(6);
    const scaled: ScalarFunction = (tape, params) => {
      const logR = params.logR;
      if (logR === undefined) throw new Error('missing logR');
      const logit = sub(logR, tape.constant(Float64Array.of(Math.log(2)), [1]));
      return scale(add(model.logLikelihood(tape, { logR, logit }, undefined), -poisson), 1e10);
    };
    const result = checkGradients(scaled, { logR: tensor([Math.log(1e10)]) });
    expect(result.worst?.analytic).toBeCloseTo(3, 6);
    expect(result.maxRelativeError).toBeLessThan(1e-3);
  });
});
