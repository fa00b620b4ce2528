import { Rng, Tape, tensor, type Var } from '@ascent/core';
import { describe, expect, it } from 'vitest';
import { negativeBinomialModel, type Model, type NegativeBinomialPrior } from '../../src/index.js';

/** Evaluates the model's log-likelihood of `batch` and its log-prior at (log r, logit p). */
function evaluate(model: Model, logR: number, logit: number, batch?: Int32Array): { logLikelihood: number; logPrior: number } {
  const tape = new Tape();
  const params: Record<string, Var> = {
    logR: tape.constant(Float64Array.of(logR), [1]),
    logit: tape.constant(Float64Array.of(logit), [1]),
  };
  return { logLikelihood: model.logLikelihood(tape, params, batch).item(), logPrior: model.logPrior(tape, params).item() };
}

describe('negativeBinomialModel', () => {
  const counts = Int32Array.of(0, 1, 1, 3);

  it('declares log r and logit p as one-element parameters', () => {
    const model = negativeBinomialModel({ counts });
    expect(model.parameters.map((spec) => spec.name)).toEqual(['logR', 'logit']);
    expect(model.parameters.map((spec) => spec.shape)).toEqual([[1], [1]]);
    expect(model.dataSize).toBe(4);
    expect(model.freeParameterCount).toBe(2);
  });

  it('draws the same initial values from the same seed', () => {
    const model = negativeBinomialModel({ counts });
    const draw = (): number[] => {
      const rng = new Rng('init');
      return model.parameters.flatMap((spec) => [...spec.init(rng)]);
    };
    expect(draw()).toEqual(draw());
  });

  it('sums the log-pmf over all items (r = 2, p = 1/2)', () => {
    // P(0) = 1/4, P(1) = C(2, 1) / 8 = 1/4, P(3) = C(4, 3) / 32 = 1/8: total log = -9 log 2.
    const { logLikelihood } = evaluate(negativeBinomialModel({ counts }), Math.log(2), 0);
    expect(logLikelihood).toBeCloseTo(-9 * Math.LN2, 13);
  });

  it('sums over the items of a minibatch', () => {
    // Items 1 and 3 have counts 1 and 3: log(1/4) + log(1/8) = -5 log 2.
    const { logLikelihood } = evaluate(negativeBinomialModel({ counts }), Math.log(2), 0, Int32Array.of(1, 3));
    expect(logLikelihood).toBeCloseTo(-5 * Math.LN2, 13);
  });

  it('counts a repeated batch index once per occurrence', () => {
    const { logLikelihood } = evaluate(negativeBinomialModel({ counts }), Math.log(2), 0, Int32Array.of(3, 3));
    expect(logLikelihood).toBeCloseTo(-6 * Math.LN2, 13);
  });

  it('gives the full-data value as the sum over a partition into batches', () => {
    const many = Int32Array.from({ length: 200 }, (_, i) => (i * 7919) % 23);
    const model = negativeBinomialModel({ counts: many });
    const full = evaluate(model, 1.3, -0.4).logLikelihood;
    let sum = 0;
    for (let start = 0; start < many.length; start += 64) {
      const batch = Int32Array.from({ length: Math.min(64, many.length - start) }, (_, i) => start + i);
      sum += evaluate(model, 1.3, -0.4, batch).logLikelihood;
    }
    expect(Math.abs(sum - full)).toBeLessThanOrEqual(1e-12 * Math.abs(full));
  });

  it('rejects a negative count, naming it', () => {
    expect(() => negativeBinomialModel({ counts: Int32Array.of(2, -3) })).toThrow(/counts\[1\] is -3/);
  });

  it('rejects empty data', () => {
    expect(() => negativeBinomialModel({ counts: new Int32Array(0) })).toThrow(/no counts to fit/);
  });

  it('rejects a batch index out of range', () => {
    const model = negativeBinomialModel({ counts });
    expect(() => evaluate(model, 0, 0, Int32Array.of(0, 4))).toThrow(/batch\[1\] is 4, outside the item indices 0 \.\. 3/);
  });

  it('offers notes on a fit', () => {
    const model = negativeBinomialModel({ counts });
    const notes = model.describeFit?.({ logR: tensor([0]), logit: tensor([0]) });
    expect(notes?.length).toBeGreaterThan(0);
  });
});

describe('negativeBinomialModel log-prior', () => {
  const counts = Int32Array.of(0, 1, 1, 3);
  const logPriorAt = (prior: NegativeBinomialPrior, logR: number, logit: number): number =>
    evaluate(negativeBinomialModel({ counts, prior }), logR, logit).logPrior;

  it('is 0 for flat priors', () => {
    expect(logPriorAt({}, 1.7, -0.3)).toBe(0);
  });

  it('is the Gamma(2, 0.5) log density of r at r = 3', () => {
    // beta^alpha r^(alpha - 1) e^(-beta r) / Gamma(alpha) = 0.25 * 3 * e^-1.5.
    const value = logPriorAt({ r: { kind: 'gamma', shape: 2, rate: 0.5 } }, Math.log(3), 0);
    expect(value).toBeCloseTo(Math.log(0.75) - 1.5, 14);
  });

  it('is the log-normal(1, 0.5) log density of r at r = e^2', () => {
    // 1 / (r sigma sqrt(2 pi)) exp(-(log r - mu)^2 / (2 sigma^2)) with log r - mu = 1.
    const value = logPriorAt({ r: { kind: 'log-normal', mu: 1, sigma: 0.5 } }, 2, 0);
    expect(value).toBeCloseTo(-2 - Math.log(0.5 * Math.sqrt(2 * Math.PI)) - 2, 14);
  });

  it('is the Beta(3, 2) log density of p at p = 1/4', () => {
    // p^2 (1 - p) / B(3, 2) with B(3, 2) = 2! 1! / 4! = 1/12: 12 * (1/16) * (3/4) = 0.5625.
    const value = logPriorAt({ p: { a: 3, b: 2 } }, 0, Math.log(1 / 3));
    expect(value).toBeCloseTo(Math.log(0.5625), 14);
  });

  it('adds the priors on r and p', () => {
    const both = logPriorAt({ r: { kind: 'gamma', shape: 2, rate: 0.5 }, p: { a: 3, b: 2 } }, Math.log(3), Math.log(1 / 3));
    expect(both).toBeCloseTo(Math.log(0.75) - 1.5 + Math.log(0.5625), 14);
  });

  it('is the Gamma(0.5, 2) log density below shape 1', () => {
    // 2^0.5 r^-0.5 e^(-2 r) / Gamma(0.5) at r = 0.25: sqrt(2) * 2 * e^-0.5 / sqrt(pi).
    const value = logPriorAt({ r: { kind: 'gamma', shape: 0.5, rate: 2 } }, Math.log(0.25), 0);
    expect(value).toBeCloseTo(Math.log((Math.SQRT2 * 2) / Math.sqrt(Math.PI)) - 0.5, 14);
  });

  it.each([
    [{ r: { kind: 'gamma', shape: 0, rate: 1 } }, /prior\.r\.shape must be a positive finite number, got 0/],
    [{ r: { kind: 'gamma', shape: 1, rate: -1 } }, /prior\.r\.rate must be a positive finite number, got -1/],
    [{ r: { kind: 'log-normal', mu: Number.NaN, sigma: 1 } }, /prior\.r\.mu must be a finite number, got NaN/],
    [{ r: { kind: 'log-normal', mu: 0, sigma: 0 } }, /prior\.r\.sigma must be a positive finite number, got 0/],
    [{ p: { a: 0, b: 1 } }, /prior\.p\.a must be a positive finite number, got 0/],
    [{ p: { a: 1, b: Infinity } }, /prior\.p\.b must be a positive finite number, got Infinity/],
  ] satisfies [NegativeBinomialPrior, RegExp][])('rejects an invalid hyperparameter (%j)', (prior, message) => {
    expect(() => negativeBinomialModel({ counts, prior })).toThrow(message);
  });
});
