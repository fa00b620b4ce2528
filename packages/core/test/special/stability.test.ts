import { describe, expect, it } from 'vitest';
import {
  Tape,
  exp,
  expm1,
  lgamma,
  log1p,
  logDiffSigmoid,
  logSigmoid,
  logsumexp,
  mul,
  softplus,
  special,
  sum,
  sumLog1p,
  type Var,
} from '../../src/index.js';

/** Evaluates a one-input op at `x` and returns its value and derivative. */
function valueAndDerivative(op: (a: Var) => Var, x: number): { value: number; derivative: number } {
  const tape = new Tape();
  const grad = new Float64Array(1);
  const input = tape.parameter({ data: Float64Array.of(x), shape: [1] }, grad);
  const output = sum(op(input));
  tape.backward(output);
  return { value: output.item(), derivative: grad[0] };
}

describe('logSigmoid at the extremes', () => {
  it('is -800 with derivative 1 at -800', () => {
    // log(1 / (1 + e^800)) = -800 - log1p(e^-800) = -800 in float64.
    const { value, derivative } = valueAndDerivative(logSigmoid, -800);
    expect(value).toBe(-800);
    expect(derivative).toBe(1);
  });

  it('is -e^-800, which rounds to zero, with derivative 0 at 800', () => {
    const { value, derivative } = valueAndDerivative(logSigmoid, 800);
    expect(Math.abs(value)).toBe(0);
    expect(derivative).toBe(0);
  });

  it('is -log 2 at 0', () => {
    expect(special.logSigmoid(0)).toBe(-Math.LN2);
  });
});

describe('softplus at the extremes', () => {
  it('is 1000 with derivative 1 at 1000', () => {
    const { value, derivative } = valueAndDerivative(softplus, 1000);
    expect(value).toBe(1000);
    expect(derivative).toBe(1);
  });

  it('is e^-1000 (underflows to 0) with derivative 0 at -1000', () => {
    const { value, derivative } = valueAndDerivative(softplus, -1000);
    expect(value).toBe(0);
    expect(derivative).toBe(0);
  });

  it('keeps full precision for small inputs', () => {
    // softplus(-40) = log1p(e^-40) = e^-40 - e^-80/2 + ..., and e^-80 is far below e^-40 * 2^-52.
    expect(special.softplus(-40)).toBe(Math.exp(-40));
  });
});

describe('log1p and expm1 near zero', () => {
  it('log1p(1e-20) is 1e-20 with derivative 1', () => {
    const { value, derivative } = valueAndDerivative(log1p, 1e-20);
    expect(value).toBe(1e-20);
    expect(derivative).toBe(1);
  });

  it('expm1(1e-20) is 1e-20 with derivative 1', () => {
    const { value, derivative } = valueAndDerivative(expm1, 1e-20);
    expect(value).toBe(1e-20);
    expect(derivative).toBe(1);
  });
});

describe('sumLog1p', () => {
  it('equals log of product over an axis', () => {
    const tape = new Tape();
    const a = tape.constant(Float64Array.of(0.5, -0.25, 3, 1, 2, -0.5), [2, 3]);
    const rows = sumLog1p(a, { axis: 1 });
    expect(rows.shape).toEqual([2]);
    expect(rows.value[0]).toBeCloseTo(Math.log(1.5 * 0.75 * 4), 15);
    expect(rows.value[1]).toBeCloseTo(Math.log(2 * 3 * 0.5), 15);
    const columns = sumLog1p(a, { axis: 0, keepDims: true });
    expect(columns.shape).toEqual([1, 3]);
    expect(columns.value[2]).toBeCloseTo(Math.log(4 * 0.5), 15);
  });

  it('matches sum of log1p to the last bit', () => {
    const tape = new Tape();
    const values = Float64Array.from({ length: 24 }, (_, i) => Math.sin(1.3 * i) * 0.9);
    const a = tape.constant(values, [2, 3, 4]);
    for (const axis of [0, 1, 2]) {
      expect([...sumLog1p(a, { axis }).value]).toEqual([...sum(log1p(a), { axis }).value]);
    }
    expect(sumLog1p(a).item()).toBe(sum(log1p(a)).item());
  });

  it('gives the same gradient after a reset', () => {
    // The input's gradient is an intermediate buffer, so the second pass gets it back
    // from the pool with the first pass's values in it.
    const tape = new Tape();
    const grad = new Float64Array(4);
    const compute = (): number[] => {
      const x = tape.parameter({ data: Float64Array.of(0.2, -0.4, 1, 3), shape: [2, 2] }, grad);
      tape.backward(sum(sumLog1p(mul(x, 0.5), { axis: 1 })));
      tape.reset();
      return [...grad];
    };
    const expected = [0.5 / 1.1, 0.5 / 0.8, 0.5 / 1.5, 0.5 / 2.5];
    const first = compute();
    const second = compute();
    for (let i = 0; i < 4; i++) {
      expect(first[i]).toBeCloseTo(expected[i], 15);
      expect(second[i]).toBe(first[i]);
    }
  });

  it('keeps full precision for tiny inputs', () => {
    const tape = new Tape();
    // log1p(x) rounds to x here, so the result is the float64 sum of the inputs.
    expect(sumLog1p(tape.constant(Float64Array.of(1e-20, 2e-20))).item()).toBe(1e-20 + 2e-20);
  });
});

describe('logsumexp at the extremes', () => {
  it('does not overflow for large inputs', () => {
    // log(e^1000 + e^1000) = 1000 + log 2.
    const tape = new Tape();
    const result = logsumexp(tape.constant(Float64Array.of(1000, 1000)));
    expect(result.item()).toBe(1000 + Math.LN2);
  });

  it('does not underflow for very negative inputs', () => {
    const tape = new Tape();
    const result = logsumexp(tape.constant(Float64Array.of(-1000, -1000)));
    expect(result.item()).toBe(-1000 + Math.LN2);
  });

  it('gives -Infinity and zero gradient when every input is -Infinity', () => {
    const tape = new Tape();
    const grad = new Float64Array(2);
    const input = tape.parameter({ data: Float64Array.of(-Infinity, -Infinity), shape: [2] }, grad);
    const result = logsumexp(input);
    tape.backward(result);
    expect(result.item()).toBe(-Infinity);
    expect([...grad]).toEqual([0, 0]);
  });

  it('has softmax gradient for large inputs', () => {
    const tape = new Tape();
    const grad = new Float64Array(2);
    const input = tape.parameter({ data: Float64Array.of(1000, 1001), shape: [2] }, grad);
    tape.backward(logsumexp(input));
    // softmax([1000, 1001]) = [1, e] / (1 + e).
    expect(grad[0]).toBeCloseTo(1 / (1 + Math.E), 15);
    expect(grad[1]).toBeCloseTo(Math.E / (1 + Math.E), 15);
  });
});

describe('gamma functions', () => {
  it('lgamma(0.5) is log(sqrt(pi))', () => {
    expect(special.lgamma(0.5)).toBe(0.5723649429247001);
  });

  it('lgamma derivative is digamma', () => {
    // digamma(1) = -Euler-Mascheroni constant.
    const { value, derivative } = valueAndDerivative(lgamma, 1);
    expect(value).toBe(0);
    expect(derivative).toBeCloseTo(-0.5772156649015329, 15);
  });

  it('logRisingFactorial keeps its digits for huge x', () => {
    // log((x)(x+1)(x+2)) for x = 1e10: the sum of logs, each exact to rounding.
    const x = 1e10;
    const expected = Math.log(x) + Math.log(x + 1) + Math.log(x + 2);
    expect(special.logRisingFactorial(x, 3)).toBe(expected);
    // The lgamma difference loses digits here; the helper must not.
    expect(Math.abs(special.lgamma(x + 3) - special.lgamma(x) - expected)).toBeGreaterThan(1e-7);
  });

  it('digammaDifference matches the sum of reciprocals', () => {
    expect(special.digammaDifference(2.5, 3)).toBeCloseTo(1 / 2.5 + 1 / 3.5 + 1 / 4.5, 15);
  });
});

describe('logDiffSigmoid for ordinal categories', () => {
  it('stays finite when both sigmoids are near 1', () => {
    // Cutpoints 40 and 41, location 0: log(sigmoid(41) - sigmoid(40)) = -40 + log(1 - e^-1)
    // to float64 precision, since sigmoid(-40) = e^-40 / (1 + e^-40).
    const value = special.logDiffSigmoid(41, 40);
    expect(value).toBeCloseTo(-40.45867514538708, 12);
  });

  it('stays finite when both sigmoids are near 0', () => {
    // sigmoid(-40) - sigmoid(-41) = e^-40 (1 - e^-1) to relative 1e-17.
    expect(special.logDiffSigmoid(-40, -41)).toBeCloseTo(-40 + Math.log(1 - Math.exp(-1)), 12);
  });

  it('has finite gradients at cutpoints 40 and 41', () => {
    const tape = new Tape();
    const gu = new Float64Array(1);
    const gl = new Float64Array(1);
    const upper = tape.parameter({ data: Float64Array.of(41), shape: [1] }, gu);
    const lower = tape.parameter({ data: Float64Array.of(40), shape: [1] }, gl);
    tape.backward(sum(logDiffSigmoid(upper, lower)));
    // d/du = sigmoid(-41) + 1/expm1(1); d/dl = -sigmoid(40) - 1/expm1(1).
    expect(gu[0]).toBeCloseTo(special.sigmoid(-41) + 1 / Math.expm1(1), 14);
    expect(gl[0]).toBeCloseTo(-special.sigmoid(40) - 1 / Math.expm1(1), 14);
  });

  it('keeps relative accuracy near log 1', () => {
    // sigmoid(18) - sigmoid(-18.4) = 1 - s(-18) - s(-18.4) with s(x) = e^x / (1 + e^x),
    // so its log is log1p of a sum of two small, exactly computed terms.
    const small = (x: number): number => Math.exp(x) / (1 + Math.exp(x));
    const expected = Math.log1p(-(small(-18) + small(-18.4)));
    expect(Math.abs(special.logDiffSigmoid(18, -18.4) / expected - 1)).toBeLessThan(1e-14);
  });

  it('keeps 1 / expm1(gap) in the partials of wide gaps', () => {
    // At upper 50, lower 10: d/du = sigmoid(-50) + 1 / expm1(40) = 1.9e-22 + 4.2e-18,
    // where the second term is e^-40 / (1 - e^-40).
    const partials = new Float64Array(2);
    special.logDiffSigmoidAndGrad(50, 10, partials);
    const expected = Math.exp(-50) / (1 + Math.exp(-50)) + 1 / Math.expm1(40);
    expect(Math.abs((partials[0] ?? 0) / expected - 1)).toBeLessThan(1e-14);
  });

  it('handles infinite end cutpoints', () => {
    expect(special.logDiffSigmoid(0.3, -Infinity)).toBe(special.logSigmoid(0.3));
    expect(special.logDiffSigmoid(Infinity, 0.3)).toBe(special.logSigmoid(-0.3));
  });

  it('is -Infinity for equal bounds', () => {
    expect(special.logDiffSigmoid(2, 2)).toBe(-Infinity);
  });
});

describe('exp', () => {
  it('has derivative equal to its value', () => {
    const { value, derivative } = valueAndDerivative(exp, 2);
    expect(derivative).toBe(value);
  });
});
