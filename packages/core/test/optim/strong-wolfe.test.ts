import { describe, expect, it } from 'vitest';
import { cubicInterpolate, strongWolfe, type DirectionalObjective } from '../../src/index.js';

describe('cubicInterpolate', () => {
  it('recovers the minimizer of a cubic', () => {
    // f(x) = x^3 - 3x has f' = 3x^2 - 3 and its local minimum at x = 1. Through
    // (0, f = 0, f' = -3) and (2, f = 2, f' = 9): d1 = -3 + 9 - 3 (0 - 2) / (0 - 2) = 3,
    // d2 = sqrt(9 + 27) = 6, and 2 - 2 (9 + 6 - 3) / (9 + 3 + 12) = 1.
    expect(cubicInterpolate(0, 0, -3, 2, 2, 9)).toBe(1);
    expect(cubicInterpolate(2, 2, 9, 0, 0, -3)).toBe(1);
  });

  it('clamps the minimizer to the bounds', () => {
    expect(cubicInterpolate(0, 0, -3, 2, 2, 9, 1.5, 4)).toBe(1.5);
    expect(cubicInterpolate(0, 0, -3, 2, 2, 9, -1, 0.25)).toBe(0.25);
  });

  it('returns the midpoint without a real minimizer', () => {
    // (0, 0, 2) and (1, 1, 2): d1 = 2 + 2 - 3 (0 - 1) / (0 - 1) = 1 and d1^2 - g1 g2 = -3.
    expect(cubicInterpolate(0, 0, 2, 1, 1, 2)).toBe(0.5);
    expect(cubicInterpolate(0, 0, 2, 1, 1, 2, 0, 3)).toBe(1.5);
  });
});

describe('strongWolfe', () => {
  // f(t) = (t - 3)^2 along d = 1 from t = 0: f(0) = 9 and g·d = -6 there.
  function parabola(calls: number[]): DirectionalObjective {
    return (t, gradient) => {
      calls.push(t);
      gradient[0] = 2 * (t - 3);
      return (t - 3) ** 2;
    };
  }
  const direction = Float64Array.from([1]);
  const start = Float64Array.from([-6]);
  const workspace = [new Float64Array(1), new Float64Array(1), new Float64Array(1)] as const;

  it('accepts an initial step that meets both conditions', () => {
    // t = 1: f = 4 <= 9 - 1e-4 * 6 and |g·d| = 4 <= 0.9 * 6.
    const calls: number[] = [];
    const result = strongWolfe(parabola(calls), direction, 1, 9, start, -6, workspace);

    expect(result.step).toBe(1);
    expect(result.loss).toBe(4);
    expect(result.gradient[0]).toBe(-4);
    expect(result.evaluations).toBe(1);
    expect(calls).toEqual([1]);
  });

  it('zooms into an overshooting bracket', () => {
    // t = 10 overshoots (f = 49 > 9), so [0, 10] brackets a step. The cubic through
    // (0, 9, -6) and (10, 49, 14) is the parabola itself: d1 = -6 + 14 - 3 (9 - 49) / (0 - 10)
    // = -4, d2 = sqrt(16 + 84) = 10, and 10 - 10 (14 + 10 + 4) / (14 + 6 + 20) = 3,
    // where f = 0 and g = 0 meet both conditions.
    const calls: number[] = [];
    const result = strongWolfe(parabola(calls), direction, 10, 9, start, -6, workspace);

    expect(result.step).toBeCloseTo(3, 14);
    expect(result.loss).toBeCloseTo(0, 14);
    expect(result.evaluations).toBe(2);
    expect(result.finite).toBe(true);
  });

  it('extrapolates a short step', () => {
    // t = 0.1: f = 8.41 and |g·d| = 5.8 > 0.9 * 6, with g·d < 0, so the search grows t
    // by cubic extrapolation within [0.1 + 0.01 * 0.1, 1]. The cubic through (0, 9, -6)
    // and (0.1, 8.41, -5.8) is again the parabola, whose minimizer 3 is clamped to 1.
    const calls: number[] = [];
    const result = strongWolfe(parabola(calls), direction, 0.1, 9, start, -6, workspace);

    expect(calls).toEqual([0.1, 1]);
    expect(result.step).toBe(1);
    expect(result.evaluations).toBe(2);
  });

  it('stops at a non-finite trial', () => {
    const calls: number[] = [];
    const result = strongWolfe(
      (t, gradient) => {
        calls.push(t);
        gradient[0] = 0;
        return Number.POSITIVE_INFINITY;
      },
      direction,
      1,
      9,
      start,
      -6,
      workspace,
    );

    expect(result.finite).toBe(false);
    expect(result.step).toBe(0);
    expect(result.loss).toBe(9);
    expect(result.gradient).toBe(start);
    expect(result.evaluations).toBe(1);
  });

  it('never writes to the initial gradient', () => {
    const calls: number[] = [];
    strongWolfe(parabola(calls), direction, 10, 9, start, -6, workspace);

    expect(Array.from(start)).toEqual([-6]);
  });
});
