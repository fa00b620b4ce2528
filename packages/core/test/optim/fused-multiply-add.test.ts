import { describe, expect, it } from 'vitest';
import { fusedMultiplyAdd, Rng } from '../../src/index.js';

// The reference is exact integer arithmetic: a, b and c become integer * 2^exponent,
// a * b + c is formed exactly with BigInt, and the result is rounded once to the nearest
// double, ties to even. Inputs stay in a range where neither side meets subnormals.

interface Dyadic {
  readonly mantissa: bigint;
  readonly exponent: number;
}

const bits = new DataView(new ArrayBuffer(8));

/** Splits a finite double into an integer mantissa and a power-of-two exponent. */
function toDyadic(x: number): Dyadic {
  bits.setFloat64(0, x);
  const word = bits.getBigUint64(0);
  const negative = word >> 63n === 1n;
  const biased = Number((word >> 52n) & 0x7ffn);
  const fraction = word & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  return { mantissa: negative ? -mantissa : mantissa, exponent };
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** Rounds integer * 2^exponent to the nearest double, ties to even (normal range only). */
function roundToDouble(value: bigint, exponent: number): number {
  if (value === 0n) return 0;
  const negative = value < 0n;
  let magnitude = negative ? -value : value;
  let scale = exponent;
  const shift = bitLength(magnitude) - 53;
  if (shift > 0) {
    const kept = magnitude >> BigInt(shift);
    const remainder = magnitude - (kept << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    const roundUp = remainder > half || (remainder === half && (kept & 1n) === 1n);
    magnitude = roundUp ? kept + 1n : kept;
    scale += shift;
  }
  const result = Number(magnitude) * 2 ** scale;
  return negative ? -result : result;
}

function exactFusedMultiplyAdd(a: number, b: number, c: number): number {
  const x = toDyadic(a);
  const y = toDyadic(b);
  const z = toDyadic(c);
  const productExponent = x.exponent + y.exponent;
  const base = Math.min(productExponent, z.exponent);
  const sum =
    ((x.mantissa * y.mantissa) << BigInt(productExponent - base)) + (z.mantissa << BigInt(z.exponent - base));
  return roundToDouble(sum, base);
}

/** Draws a double with a random 53-bit mantissa, a random sign and a binary exponent in [-range, range]. */
function randomDouble(rng: Rng, range: number): number {
  const mantissa = 1 + rng.uniform();
  const sign = rng.uniform() < 0.5 ? -1 : 1;
  return sign * mantissa * 2 ** (rng.integer(2 * range + 1) - range);
}

describe('fusedMultiplyAdd', () => {
  it('keeps the low part of a cancelling product', () => {
    // (1 + 2^-52)(1 - 2^-52) - 1 = -2^-104 exactly. Rounding the product first gives 1 - 1 = 0.
    const a = 1 + 2 ** -52;
    const b = 1 - 2 ** -52;
    expect(fusedMultiplyAdd(a, b, -1)).toBe(-(2 ** -104));
    expect(a * b - 1).toBe(0);
  });

  it('avoids double rounding at a tie', () => {
    // a = b = 1 + 2^-30, so a b = 1 + 2^-29 + 2^-60 exactly. Adding c = 2^-53 puts the
    // exact sum just above the midpoint between 1 + 2^-29 and the next double up, so
    // one rounding goes up. Rounding a b first drops 2^-60 and leaves an exact tie,
    // which rounds to the even neighbour 1 + 2^-29.
    const a = 1 + 2 ** -30;
    const c = 2 ** -53;
    expect(fusedMultiplyAdd(a, a, c)).toBe(1 + 2 ** -29 + 2 ** -52);
    expect(a * a + c).toBe(1 + 2 ** -29);
  });

  it('matches exact rounding on random inputs', () => {
    const rng = new Rng('fused-multiply-add random');
    const mismatches: string[] = [];
    for (let k = 0; k < 20000; k++) {
      const a = randomDouble(rng, 60);
      const b = randomDouble(rng, 60);
      const c = randomDouble(rng, 120);
      const expected = exactFusedMultiplyAdd(a, b, c);
      const actual = fusedMultiplyAdd(a, b, c);
      if (actual !== expected) mismatches.push(`fma(${a}, ${b}, ${c}) = ${actual}, expected ${expected}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('matches exact rounding under heavy cancellation', () => {
    // c close to -a b leaves a result made mostly of the product's rounding error,
    // where double rounding differs most often.
    const rng = new Rng('fused-multiply-add cancellation');
    const mismatches: string[] = [];
    for (let k = 0; k < 20000; k++) {
      const a = randomDouble(rng, 20);
      const b = randomDouble(rng, 20);
      const nudge = (rng.integer(9) - 4) * 2 ** -52;
      const c = -(a * b) * (1 + nudge);
      const expected = exactFusedMultiplyAdd(a, b, c);
      const actual = fusedMultiplyAdd(a, b, c);
      if (actual !== expected) mismatches.push(`fma(${a}, ${b}, ${c}) = ${actual}, expected ${expected}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('matches exact rounding near ties', () => {
    // Products of short mantissas are exact in about 60 bits, and c is chosen so that
    // a b + c lands on or next to a midpoint between two doubles.
    const rng = new Rng('fused-multiply-add ties');
    const mismatches: string[] = [];
    for (let k = 0; k < 20000; k++) {
      const a = 1 + rng.integer(2 ** 30) * 2 ** -30;
      const b = 1 + rng.integer(2 ** 30) * 2 ** -30;
      const product = a * b;
      const halfUlp = 2 ** (Math.floor(Math.log2(Math.abs(product))) - 53);
      const c = (rng.integer(5) - 2) * halfUlp + (rng.uniform() < 0.5 ? 0 : (rng.integer(3) - 1) * 2 ** -61);
      const expected = exactFusedMultiplyAdd(a, b, c);
      const actual = fusedMultiplyAdd(a, b, c);
      if (actual !== expected) mismatches.push(`fma(${a}, ${b}, ${c}) = ${actual}, expected ${expected}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('handles zero and non-finite inputs like a * b + c', () => {
    expect(fusedMultiplyAdd(0, 5, 3)).toBe(3);
    expect(fusedMultiplyAdd(2, 3, 0)).toBe(6);
    expect(fusedMultiplyAdd(Number.POSITIVE_INFINITY, 2, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(fusedMultiplyAdd(2, 3, Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
    expect(fusedMultiplyAdd(Number.NaN, 1, 1)).toBeNaN();
    expect(fusedMultiplyAdd(1, 1, Number.NaN)).toBeNaN();
  });
});
