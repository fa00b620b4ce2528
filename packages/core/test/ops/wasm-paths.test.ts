import { describe, expect, it } from 'vitest';
import { Tape, exp, expm1, log, log1p, logDiffSigmoid, special, sum, sumLog1p, type Var } from '../../src/index.js';
import { WASM_MIN_LENGTH } from '../../src/kernels/wasm.js';
import { uniforms } from '../helpers/uniforms.js';

// Ops on arrays of at least WASM_MIN_LENGTH elements run as WebAssembly SIMD kernels.
// These tests give them such arrays and compare each element with the scalar functions
// that the JavaScript path uses for smaller arrays.

/**
 * |actual - expected| / |expected|, 0 when both are the same non-finite value or both
 * zero. The kernels may return -0 where the scalar rules return 0 and the reverse.
 */
function relativeError(actual: number, expected: number): number {
  if (Object.is(actual, expected) || (actual === 0 && expected === 0)) return 0;
  if (!Number.isFinite(expected) || expected === 0) return Infinity;
  return Math.abs(actual - expected) / Math.abs(expected);
}

/** Index and error of the element of `actual` farthest from `reference`, relative to it. */
function worstElement(actual: ArrayLike<number>, reference: (i: number) => number): { index: number; error: number } {
  let worst = { index: -1, error: 0 };
  for (let i = 0; i < actual.length; i++) {
    const error = relativeError(actual[i], reference(i));
    // The negated comparison also records NaN errors.
    if (!(error <= worst.error)) worst = { index: i, error };
  }
  return worst;
}

/**
 * Upper and lower bounds of ordinal categories: ordinary gaps, tiny and huge gaps,
 * both sigmoids near 0 or near 1, infinite end cutpoints, and pairs that the kernel
 * hands back to the scalar rules (two equal infinite bounds, NaN).
 */
function boundPairs(count: number): { upper: Float64Array; lower: Float64Array } {
  const u = uniforms(2 * count, 2016);
  const upper = new Float64Array(count);
  const lower = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const center = -12 + 24 * u[2 * i];
    const gap = 10 ** (-12 + 14 * u[2 * i + 1]);
    lower[i] = center - gap / 2;
    upper[i] = center + gap / 2;
    switch (i % 16) {
      case 0:
        lower[i] = -Infinity;
        break;
      case 1:
        upper[i] = Infinity;
        break;
      case 2:
        lower[i] = 40 + u[2 * i];
        upper[i] = lower[i] + 1;
        break;
      case 3:
        upper[i] = -800 - u[2 * i];
        lower[i] = upper[i] - 0.5;
        break;
      case 4:
        upper[i] = lower[i];
        break;
      default:
    }
  }
  const odd: Array<[number, number]> = [
    [Infinity, Infinity],
    [-Infinity, -Infinity],
    [Infinity, -Infinity],
    [NaN, 0.5],
    [0.5, NaN],
    [750, -750],
    [-1e-300, -2e-300],
  ];
  odd.forEach(([upperValue, lowerValue], j) => {
    upper[100 + j] = upperValue;
    lower[100 + j] = lowerValue;
  });
  return { upper, lower };
}

/**
 * log(sigmoid(u) - sigmoid(l)) as a sum of three logs that are each accurate and never
 * positive, so the reference keeps full relative precision also where the result is
 * tiny. special.logDiffSigmoid takes a single log of a product there, which keeps only
 * absolute precision.
 */
function referenceLogDiffSigmoid(upper: number, lower: number): number {
  if (!Number.isFinite(upper) || !Number.isFinite(lower) || upper <= lower) return special.logDiffSigmoid(upper, lower);
  return special.logSigmoid(upper) + special.logSigmoid(-lower) + special.log1mexp(lower - upper);
}

/**
 * Partial derivatives of logDiffSigmoid: sigmoid(-u) + 1 / expm1(gap) and
 * -sigmoid(l) - 1 / expm1(gap), with gap = u - l. special.logDiffSigmoidAndGrad takes
 * 1 / expm1(gap) as (1 - r) / r with r = 1 - e^-gap, which is 0 for gaps above 37;
 * Math.expm1 keeps it. Pairs with a NaN gap take the scalar rules.
 */
function referencePartials(upper: number, lower: number): [number, number] {
  if (Number.isNaN(upper - lower)) {
    const partials = new Float64Array(2);
    special.logDiffSigmoidAndGrad(upper, lower, partials);
    return [partials[0], partials[1]];
  }
  const inverseGap = 1 / Math.expm1(upper - lower);
  return [special.sigmoid(-upper) + inverseGap, -special.sigmoid(lower) - inverseGap];
}

describe('logDiffSigmoid on large arrays', () => {
  const count = 5 * WASM_MIN_LENGTH + 1;
  const { upper, lower } = boundPairs(count);

  function evaluate(tape: Tape): { value: Float64Array; gUpper: Float64Array; gLower: Float64Array } {
    const gUpper = new Float64Array(count);
    const gLower = new Float64Array(count);
    const upperVar = tape.parameter({ data: upper, shape: [count] }, gUpper);
    const lowerVar = tape.parameter({ data: lower, shape: [count] }, gLower);
    const output = logDiffSigmoid(upperVar, lowerVar);
    const value = output.value.slice();
    // The sum's gradient is 1 for every element, so the parameter gradients are the partials.
    tape.backward(sum(output));
    return { value, gUpper, gLower };
  }

  it('matches the scalar values to 1e-14 relative', () => {
    const { value } = evaluate(new Tape());
    const worst = worstElement(value, (i) => referenceLogDiffSigmoid(upper[i], lower[i]));
    expect(worst.error, `upper ${upper[worst.index]}, lower ${lower[worst.index]}`).toBeLessThan(1e-14);
  });

  it('matches the partial derivatives to 1e-13 relative', () => {
    const { gUpper, gLower } = evaluate(new Tape());
    const expected = (i: number, which: 0 | 1): number => referencePartials(upper[i], lower[i])[which];
    const worstUpper = worstElement(gUpper, (i) => expected(i, 0));
    const worstLower = worstElement(gLower, (i) => expected(i, 1));
    expect(worstUpper.error, `upper ${upper[worstUpper.index]}, lower ${lower[worstUpper.index]}`).toBeLessThan(1e-13);
    expect(worstLower.error, `upper ${upper[worstLower.index]}, lower ${lower[worstLower.index]}`).toBeLessThan(1e-13);
  });

  it('takes the scalar rules for equal infinite bounds and NaN', () => {
    const { value, gUpper, gLower } = evaluate(new Tape());
    // Pairs 100, 101, 103 and 104 (see boundPairs) have a NaN gap.
    for (const j of [100, 101, 103, 104]) {
      const partials = new Float64Array(2);
      const expected = special.logDiffSigmoidAndGrad(upper[j], lower[j], partials);
      expect(value[j], `value at upper ${upper[j]}, lower ${lower[j]}`).toBe(expected);
      expect(gUpper[j], `d/d upper at upper ${upper[j]}, lower ${lower[j]}`).toBe(partials[0]);
      expect(gLower[j], `d/d lower at upper ${upper[j]}, lower ${lower[j]}`).toBe(partials[1]);
    }
  });

  it('gives identical results after a reset', () => {
    const tape = new Tape();
    const first = evaluate(tape);
    tape.reset();
    const second = evaluate(tape);
    expect(second.value).toEqual(first.value);
    expect(second.gUpper).toEqual(first.gUpper);
    expect(second.gLower).toEqual(first.gLower);
  });

  it('broadcasts an operand and sums its gradient', () => {
    // upper [rows, columns] against lower [columns]: each lower bound is repeated per row.
    const rows = 4;
    const columns = WASM_MIN_LENGTH;
    const u = uniforms(rows * columns + columns, 7);
    const upperValues = Float64Array.from({ length: rows * columns }, (_, i) => 1 + 3 * u[i]);
    const lowerValues = Float64Array.from({ length: columns }, (_, j) => -2 * u[rows * columns + j]);
    const tape = new Tape();
    const gUpper = new Float64Array(rows * columns);
    const gLower = new Float64Array(columns);
    const upperVar = tape.parameter({ data: upperValues, shape: [rows, columns] }, gUpper);
    const lowerVar = tape.parameter({ data: lowerValues, shape: [columns] }, gLower);
    const output = logDiffSigmoid(upperVar, lowerVar);
    expect(output.shape).toEqual([rows, columns]);
    const worst = worstElement(output.value, (i) => referenceLogDiffSigmoid(upperValues[i], lowerValues[i % columns]));
    expect(worst.error).toBeLessThan(1e-14);

    tape.backward(sum(output));
    const expectedLower = new Float64Array(columns);
    for (let i = 0; i < rows * columns; i++) expectedLower[i % columns] += referencePartials(upperValues[i], lowerValues[i % columns])[1];
    expect(worstElement(gLower, (j) => expectedLower[j]).error).toBeLessThan(1e-13);
  });
});

describe('sumLog1p on large arrays', () => {
  const rows = WASM_MIN_LENGTH;
  const extent = 12;
  const u = uniforms(rows * extent, 99);
  // Factors (1 + a) from near 0 to 4, with tiny and signed-zero elements mixed in.
  const values = u.map((v) => -0.999 + 4 * v);
  for (let i = 0; i < values.length; i += 89) values[i] = -0;
  for (let i = 0; i < values.length; i += 97) values[i] = 1e-20;

  it('matches sum(log1p(a)) to the last bit on every axis', () => {
    const tape = new Tape();
    const a = tape.constant(values, [rows, extent]);
    for (const axis of [0, 1]) {
      expect([...sumLog1p(a, { axis }).value]).toEqual([...sum(log1p(a), { axis }).value]);
    }
    expect(sumLog1p(a).item()).toBe(sum(log1p(a)).item());
  });

  it('matches sums of Math.log1p to 1e-14 relative', () => {
    const tape = new Tape();
    const result = sumLog1p(tape.constant(values, [rows, extent]), { axis: 1 });
    const worst = worstElement(result.value, (row) => {
      let total = 0;
      for (let k = 0; k < extent; k++) total += Math.log1p(values[row * extent + k]);
      return total;
    });
    expect(worst.error, `row ${worst.index}`).toBeLessThan(1e-14);
  });

  it('has gradient 1 / (1 + a)', () => {
    const tape = new Tape();
    const grad = new Float64Array(values.length);
    const a = tape.parameter({ data: values, shape: [rows, extent] }, grad);
    tape.backward(sum(sumLog1p(a, { axis: 1 })));
    expect(worstElement(grad, (i) => 1 / (1 + values[i])).error).toBeLessThan(1e-15);
  });
});

describe('unary ops on large arrays', () => {
  const count = 3 * WASM_MIN_LENGTH + 3;
  const u = uniforms(count, 4242);
  const cases: Array<[string, (a: Var) => Var, (x: number) => number, Float64Array]> = [
    ['exp', exp, Math.exp, u.map((v) => -740 + 1450 * v)],
    ['expm1', expm1, Math.expm1, u.map((v, i) => (i % 2 === 0 ? -50 + 100 * v : 1e-3 * (v - 0.5)))],
    ['log', log, Math.log, u.map((v, i) => 10 ** (-300 + 600 * v) * (i % 50 === 0 ? 0 : 1))],
    ['log1p', log1p, Math.log1p, u.map((v, i) => (i % 2 === 0 ? -1 + 2 ** -40 + 5 * v : 1e-12 * (v - 0.5)))],
  ];

  for (const [name, op, reference, inputs] of cases) {
    it(`${name} matches Math.${name} to 1e-15 relative`, () => {
      const tape = new Tape();
      const output = op(tape.constant(inputs));
      const worst = worstElement(output.value, (i) => reference(inputs[i]));
      expect(worst.error, `input ${inputs[worst.index]}`).toBeLessThan(1e-15);
    });
  }
});

describe('expm1 backward on large arrays', () => {
  it('has gradient e^x also where e^x - 1 rounds to -1', () => {
    const count = 2 * WASM_MIN_LENGTH + 1;
    const inputs = uniforms(count, 8).map((v) => -700 + 710 * v);
    const tape = new Tape();
    const grad = new Float64Array(count);
    tape.backward(sum(expm1(tape.parameter({ data: inputs, shape: [count] }, grad))));
    const worst = worstElement(grad, (i) => Math.exp(inputs[i]));
    expect(worst.error, `input ${inputs[worst.index]}`).toBeLessThan(1e-15);
  });
});

describe('ops below WASM_MIN_LENGTH', () => {
  it('log uses Math.log', () => {
    const tape = new Tape();
    const inputs = uniforms(WASM_MIN_LENGTH - 1, 3).map((v) => 0.1 + v);
    const output = log(tape.constant(inputs));
    inputs.forEach((x, i) => {
      expect(output.value[i]).toBe(Math.log(x));
    });
  });
});
