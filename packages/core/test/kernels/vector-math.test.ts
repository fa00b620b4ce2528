import { describe, expect, it } from 'vitest';
import { createScratch } from '../../src/kernels/wasm.js';
import { uniforms } from '../helpers/uniforms.js';

// The SIMD exp, expm1, log and log1p of assembly/vector-math.ts, run through their array
// exports in wasm/kernels.wasm and compared with Math.exp, Math.expm1, Math.log and
// Math.log1p of Node's V8.

type ArrayFunction = 'expArray' | 'expm1Array' | 'logArray' | 'log1pArray';

/** Smallest positive normal double, 2^-1022. */
const MIN_NORMAL = 2.2250738585072014e-308;

/** Runs one array export on `values` in a fresh instance and returns a copy of the output. */
function run(name: ArrayFunction, values: ArrayLike<number>): Float64Array {
  const scratch = createScratch();
  const n = values.length;
  const src = scratch.reserve(n);
  const dst = scratch.reserve(n);
  scratch.f64(src, n).set(values);
  scratch.exports[name](src, dst, n);
  return scratch.f64(dst, n).slice();
}

interface ErrorSummary {
  /** Max |actual - expected| / |expected| over expected values of magnitude >= 2^-1022. */
  maxRelative: number;
  /** Input at which maxRelative occurs. */
  worstInput: number;
  /** Max |actual - expected| in units of the smallest subnormal, over subnormal expected values. */
  maxSubnormalUnits: number;
  /** Inputs whose non-finite or zero expected value was not matched exactly. */
  mismatches: number[];
}

/** Compares `actual` with `reference` at every input. */
function compare(inputs: ArrayLike<number>, actual: Float64Array, reference: (x: number) => number): ErrorSummary {
  const summary: ErrorSummary = { maxRelative: 0, worstInput: NaN, maxSubnormalUnits: 0, mismatches: [] };
  for (let i = 0; i < inputs.length; i++) {
    const expected = reference(inputs[i]);
    const got = actual[i];
    if (!Number.isFinite(expected) || expected === 0) {
      if (!Object.is(got, expected)) summary.mismatches.push(inputs[i]);
      continue;
    }
    const difference = Math.abs(got - expected);
    if (Math.abs(expected) < MIN_NORMAL) {
      summary.maxSubnormalUnits = Math.max(summary.maxSubnormalUnits, difference / Number.MIN_VALUE);
      continue;
    }
    const relative = difference / Math.abs(expected);
    // The negated comparison also records a NaN output as the worst error.
    if (!(relative <= summary.maxRelative)) {
      summary.maxRelative = relative;
      summary.worstInput = inputs[i];
    }
  }
  return summary;
}

/** `count` evenly spaced values from `from` to `to`, both included. */
function grid(from: number, to: number, count: number): Float64Array {
  return Float64Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

/** ±10^e with e uniform in [minExponent, maxExponent], alternating signs. */
function logUniform(count: number, minExponent: number, maxExponent: number, seed: number): Float64Array {
  const u = uniforms(count, seed);
  return u.map((v, i) => (i % 2 === 0 ? 1 : -1) * 10 ** (minExponent + (maxExponent - minExponent) * v));
}

/** Inputs next to the reduction's boundaries: (j + 1/2) ln 2 and j ln 2, a few ulp either side. */
function reductionBoundaries(): number[] {
  const values: number[] = [];
  for (let j = -1075; j <= 1024; j++) {
    for (const center of [(j + 0.5) * Math.LN2, j * Math.LN2]) {
      const bits = new Float64Array([center]);
      const integer = new BigInt64Array(bits.buffer);
      for (let step = -3n; step <= 3n; step++) {
        const neighbour = new BigInt64Array([integer[0] + step]);
        values.push(new Float64Array(neighbour.buffer)[0]);
      }
    }
  }
  return values;
}

// Measured on 2,000,000-point versions of the grid and random sets below against Node
// 20's Math.exp and Math.expm1, the max relative error was 2.22e-16 (1 ulp) for exp and
// 2.68e-16 (2 ulp) for expm1. The bound leaves room above that.
const MAX_RELATIVE_ERROR = 1e-15;

describe('expArray', () => {
  const cases: Array<[string, ArrayLike<number>]> = [
    // An odd count also runs the one-lane tail.
    ['dense grid over [-745, 710]', grid(-745, 710, 400_001)],
    ['random values over [-745, 710]', uniforms(100_001, 12345).map((u) => -745 + 1455 * u)],
    ['random values over [-2, 2]', uniforms(100_001, 777).map((u) => -2 + 4 * u)],
    ['magnitudes 1e-300 to 1e2', logUniform(100_001, -300, 2, 99)],
    ['reduction boundaries', reductionBoundaries()],
  ];

  for (const [name, inputs] of cases) {
    it(`matches Math.exp on ${name}`, () => {
      const summary = compare(inputs, run('expArray', inputs), Math.exp);
      expect(summary.mismatches).toEqual([]);
      expect(summary.maxRelative, `worst input ${summary.worstInput}`).toBeLessThan(MAX_RELATIVE_ERROR);
      expect(summary.maxSubnormalUnits).toBeLessThanOrEqual(1);
    });
  }

  it('rounds subnormal results to within one unit', () => {
    // e^x < 2^-1022 for x < -708.3964; below -745.1332 it rounds to 0.
    const inputs = grid(-745.2, -708.3, 200_001);
    const summary = compare(inputs, run('expArray', inputs), Math.exp);
    expect(summary.mismatches).toEqual([]);
    expect(summary.maxSubnormalUnits).toBeLessThanOrEqual(1);
  });

  it('returns exact values at the edges', () => {
    const edges: Array<[number, number]> = [
      [NaN, NaN],
      [Infinity, Infinity],
      [-Infinity, 0],
      [0, 1],
      [-0, 1],
      [Number.MIN_VALUE, 1],
      [-Number.MIN_VALUE, 1],
      [709.79, Infinity],
      [710, Infinity],
      [1e300, Infinity],
      [Number.MAX_VALUE, Infinity],
      [-746, 0],
      [-1e300, 0],
      [-Number.MAX_VALUE, 0],
    ];
    const output = run(
      'expArray',
      edges.map(([x]) => x),
    );
    edges.forEach(([x, expected], i) => {
      expect(output[i], `exp(${x})`).toBe(expected);
    });
  });

  it('matches Math.exp next to the overflow threshold', () => {
    // 709.782712893384 is the largest double whose exp is finite.
    const inputs = [709.782712893384, 709.7827128933839, 709.78, 709.7];
    const output = run('expArray', inputs);
    expect(Number.isFinite(output[0])).toBe(true);
    const summary = compare(inputs, output, Math.exp);
    expect(summary.mismatches).toEqual([]);
    expect(summary.maxRelative).toBeLessThan(MAX_RELATIVE_ERROR);
  });
});

describe('expm1Array', () => {
  const cases: Array<[string, ArrayLike<number>]> = [
    ['dense grid over [-745, 710]', grid(-745, 710, 400_001)],
    ['dense grid over [-1, 1]', grid(-1, 1, 200_001)],
    ['random values over [-745, 710]', uniforms(100_001, 4242).map((u) => -745 + 1455 * u)],
    ['random values over [-2, 2]', uniforms(100_001, 31337).map((u) => -2 + 4 * u)],
    ['tiny magnitudes 1e-300 to 1e-5', logUniform(100_001, -300, -5, 2024)],
    ['magnitudes 1e-5 to 1e2', logUniform(100_001, -5, 2, 7)],
    ['reduction boundaries', reductionBoundaries()],
  ];

  for (const [name, inputs] of cases) {
    it(`matches Math.expm1 on ${name}`, () => {
      const summary = compare(inputs, run('expm1Array', inputs), Math.expm1);
      expect(summary.mismatches).toEqual([]);
      expect(summary.maxRelative, `worst input ${summary.worstInput}`).toBeLessThan(MAX_RELATIVE_ERROR);
    });
  }

  it('returns tiny inputs unchanged', () => {
    const inputs = [Number.MIN_VALUE, -Number.MIN_VALUE, 1e-310, -1e-310, MIN_NORMAL, -MIN_NORMAL, 1e-20, -1e-20, 2 ** -55];
    const output = run('expm1Array', inputs);
    inputs.forEach((x, i) => {
      expect(output[i], `expm1(${x})`).toBe(x);
    });
  });

  it('returns exact values at the edges', () => {
    const edges: Array<[number, number]> = [
      [NaN, NaN],
      [Infinity, Infinity],
      [-Infinity, -1],
      [0, 0],
      [-0, -0],
      [709.79, Infinity],
      [710, Infinity],
      [Number.MAX_VALUE, Infinity],
      [-40, -1],
      [-50, -1],
      [-746, -1],
      [-Number.MAX_VALUE, -1],
    ];
    const output = run(
      'expm1Array',
      edges.map(([x]) => x),
    );
    edges.forEach(([x, expected], i) => {
      expect(output[i], `expm1(${x})`).toBe(expected);
    });
  });
});

/** Inputs next to m = sqrt(1/2), where the log reduction switches exponents: 2^j sqrt(1/2), a few ulp either side. */
function logReductionBoundaries(): number[] {
  const values: number[] = [];
  for (let j = -1073; j <= 1024; j++) {
    const bits = new Float64Array([Math.SQRT1_2 * 2 ** j]);
    const integer = new BigInt64Array(bits.buffer);
    for (let step = -3n; step <= 3n; step++) {
      const neighbour = new BigInt64Array([integer[0] + step]);
      values.push(new Float64Array(neighbour.buffer)[0]);
    }
  }
  return values;
}

// Measured on 2,000,000-point versions of the grids and random sets below against Node
// 20's Math.log and Math.log1p, the max error was 1 ulp for both, and subnormal inputs
// to log gave Math.log's result exactly.

describe('logArray', () => {
  const cases: Array<[string, ArrayLike<number>]> = [
    ['dense grid over (0, 10]', grid(1e-6, 10, 400_001)],
    ['dense grid over [1/2, 2]', grid(0.5, 2, 200_001)],
    ['magnitudes 1e-307 to 1e308', logUniform(100_001, -307, 308, 5).map(Math.abs)],
    ['subnormal magnitudes', logUniform(100_001, -323.3, -307.7, 11).map(Math.abs)],
    ['reduction boundaries', logReductionBoundaries()],
  ];

  for (const [name, inputs] of cases) {
    it(`matches Math.log on ${name}`, () => {
      const summary = compare(inputs, run('logArray', inputs), Math.log);
      expect(summary.mismatches).toEqual([]);
      expect(summary.maxRelative, `worst input ${summary.worstInput}`).toBeLessThan(MAX_RELATIVE_ERROR);
    });
  }

  it('returns exact values at the edges', () => {
    const edges: Array<[number, number]> = [
      [NaN, NaN],
      [Infinity, Infinity],
      [-Infinity, NaN],
      [0, -Infinity],
      [-0, -Infinity],
      [-Number.MIN_VALUE, NaN],
      [-1, NaN],
      [1, 0],
      [2, Math.LN2],
    ];
    const output = run(
      'logArray',
      edges.map(([x]) => x),
    );
    edges.forEach(([x, expected], i) => {
      expect(output[i], `log(${x})`).toBe(expected);
    });
  });

  it('matches Math.log at the ends of the double range', () => {
    const inputs = [Number.MIN_VALUE, 2 * Number.MIN_VALUE, MIN_NORMAL, MIN_NORMAL * (1 - 2 ** -52), Number.MAX_VALUE];
    const summary = compare(inputs, run('logArray', inputs), Math.log);
    expect(summary.mismatches).toEqual([]);
    expect(summary.maxRelative, `worst input ${summary.worstInput}`).toBeLessThan(MAX_RELATIVE_ERROR);
  });
});

describe('log1pArray', () => {
  const cases: Array<[string, ArrayLike<number>]> = [
    ['dense grid over (-1, 10]', grid(-0.999999, 10, 400_001)],
    ['dense grid over [-1/2, 1/2]', grid(-0.5, 0.5, 200_001)],
    ['magnitudes 1e-20 to 1e308', logUniform(100_001, -20, 308, 17).map(Math.abs)],
    ['negative magnitudes 1e-20 to 1', logUniform(100_001, -20, 0, 23).map((x) => -Math.abs(x) * (1 - 2 ** -52))],
    ['inputs near -1', logUniform(100_001, -16, -1, 29).map((x) => -1 + Math.abs(x))],
    ['reduction boundaries', logReductionBoundaries().map((x) => x - 1)],
  ];

  for (const [name, inputs] of cases) {
    it(`matches Math.log1p on ${name}`, () => {
      const summary = compare(inputs, run('log1pArray', inputs), Math.log1p);
      expect(summary.mismatches).toEqual([]);
      expect(summary.maxRelative, `worst input ${summary.worstInput}`).toBeLessThan(MAX_RELATIVE_ERROR);
    });
  }

  it('returns tiny inputs unchanged', () => {
    const inputs = [0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, 1e-310, -1e-310, MIN_NORMAL, -MIN_NORMAL, 1e-20, -1e-20, 2 ** -55];
    const output = run('log1pArray', inputs);
    inputs.forEach((x, i) => {
      expect(output[i], `log1p(${x})`).toBe(x);
    });
  });

  it('returns exact values at the edges', () => {
    const edges: Array<[number, number]> = [
      [NaN, NaN],
      [Infinity, Infinity],
      [-Infinity, NaN],
      [-1, -Infinity],
      [-1 - 2 ** -52, NaN],
      [-2, NaN],
      [1, Math.LN2],
    ];
    const output = run(
      'log1pArray',
      edges.map(([x]) => x),
    );
    edges.forEach(([x, expected], i) => {
      expect(output[i], `log1p(${x})`).toBe(expected);
    });
  });

  it('matches Math.log1p where 1 + x rounds', () => {
    // Around 1 and 2^53, where the rounding error of 1 + x changes how it is recovered.
    const inputs = [1 - 2 ** -53, 1 + 2 ** -52, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 1e300, Number.MAX_VALUE, -1 + 2 ** -53];
    const summary = compare(inputs, run('log1pArray', inputs), Math.log1p);
    expect(summary.mismatches).toEqual([]);
    expect(summary.maxRelative, `worst input ${summary.worstInput}`).toBeLessThan(MAX_RELATIVE_ERROR);
  });
});

describe('array exports', () => {
  it('write exactly n elements for n = 0 to 9', () => {
    // Covers the four-element steps, the two-element step and the one-element tail.
    const inputs = [0.5, -0.25, 2, 3, -1.5, 7, 0.125, -9, 1.75, 4];
    const references = { expArray: Math.exp, expm1Array: Math.expm1, logArray: Math.log, log1pArray: Math.log1p };
    for (const name of ['expArray', 'expm1Array', 'logArray', 'log1pArray'] as const) {
      const reference = references[name];
      for (let n = 0; n <= 9; n++) {
        const scratch = createScratch();
        const src = scratch.reserve(10);
        const dst = scratch.reserve(10);
        scratch.f64(src, 10).set(inputs);
        scratch.f64(dst, 10).fill(-7);
        scratch.exports[name](src, dst, n);
        const output = scratch.f64(dst, 10);
        for (let i = 0; i < n; i++) {
          if (Number.isNaN(reference(inputs[i]))) {
            expect(output[i], `${name} n = ${n} element ${i}`).toBeNaN();
            continue;
          }
          const relative = Math.abs(output[i] - reference(inputs[i])) / Math.abs(reference(inputs[i]));
          expect(relative, `${name} n = ${n} element ${i}`).toBeLessThan(MAX_RELATIVE_ERROR);
        }
        expect(output[n], `${name} n = ${n} element ${n}`).toBe(-7);
      }
    }
  });

  it('work in place', () => {
    const inputs = [1, -1, 0.1, 20, -30];
    const scratch = createScratch();
    const at = scratch.reserve(inputs.length);
    scratch.f64(at, inputs.length).set(inputs);
    scratch.exports.expm1Array(at, at, inputs.length);
    const output = scratch.f64(at, inputs.length);
    inputs.forEach((x, i) => {
      expect(Math.abs(output[i] - Math.expm1(x)) / Math.abs(Math.expm1(x))).toBeLessThan(MAX_RELATIVE_ERROR);
    });
  });

  it('leave the output untouched for n = 0', () => {
    const scratch = createScratch();
    const src = scratch.reserve(2);
    const dst = scratch.reserve(2);
    scratch.f64(src, 2).set([1, 2]);
    scratch.f64(dst, 2).fill(-7);
    for (const name of ['expArray', 'expm1Array', 'logArray', 'log1pArray'] as const) scratch.exports[name](src, dst, 0);
    expect(Array.from(scratch.f64(dst, 2))).toEqual([-7, -7]);
  });
});
