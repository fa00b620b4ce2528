import { describe, expect, it } from 'vitest';
import { lbfgs, type ClosureStepResult, type LbfgsOptions } from '../../src/index.js';

/** Bit patterns of the values, so that any change, including to -0 or NaN, shows. */
function bitPatterns(values: ArrayLike<number>): bigint[] {
  const view = new DataView(new ArrayBuffer(8));
  return Array.from(values, (value) => {
    view.setFloat64(0, value);
    return view.getBigUint64(0);
  });
}

describe('lbfgs non-finite objective', () => {
  const lineSearches = ['none', 'strong-wolfe'] as const;

  it.each(lineSearches)('constant +Infinity stops with non-finite (%s)', (lineSearch) => {
    // A constant objective has gradient 0, which PyTorch would report as converged.
    const x = Float64Array.from([0.5, -2]);
    const gradient = new Float64Array(2);
    const optimizer = lbfgs({ lineSearch });
    const state = optimizer.init({ x });
    const evaluate = (): number => {
      gradient.fill(0);
      return Number.POSITIVE_INFINITY;
    };

    const first = optimizer.step(evaluate, { x: gradient }, state, { x }, optimizer.lr);
    const second = optimizer.step(evaluate, { x: gradient }, state, { x }, optimizer.lr);

    expect(first.stop).toBe('non-finite');
    expect(first.initialLoss).toBe(Number.POSITIVE_INFINITY);
    expect(first.evaluations).toBe(1);
    expect(second.stop).toBe('non-finite');
    expect(Array.from(x).every(Number.isFinite)).toBe(true);
    expect(bitPatterns(x)).toEqual(bitPatterns([0.5, -2]));
  });

  it.each(lineSearches)('NaN loss stops with non-finite (%s)', (lineSearch) => {
    const x = Float64Array.from([1, 2]);
    const gradient = new Float64Array(2);
    const optimizer = lbfgs({ lineSearch });
    const state = optimizer.init({ x });
    const evaluate = (): number => {
      gradient.set([1, 1]);
      return Number.NaN;
    };

    const result = optimizer.step(evaluate, { x: gradient }, state, { x }, optimizer.lr);

    expect(result.stop).toBe('non-finite');
    expect(bitPatterns(x)).toEqual(bitPatterns([1, 2]));
  });

  it('NaN gradient with a finite loss stops with non-finite', () => {
    const x = Float64Array.from([1, 2]);
    const gradient = new Float64Array(2);
    const optimizer = lbfgs();
    const state = optimizer.init({ x });
    const evaluate = (): number => {
      gradient.set([Number.NaN, 1]);
      return 3;
    };

    const result = optimizer.step(evaluate, { x: gradient }, state, { x }, optimizer.lr);

    expect(result.stop).toBe('non-finite');
    expect(bitPatterns(x)).toEqual(bitPatterns([1, 2]));
  });

  it.each(lineSearches)('infinite loss mid-step returns to the last finite point (%s)', (lineSearch) => {
    // f(x) = (x - 3)^2 for x <= 2.5 and +Infinity beyond. From x = 0 (g = -6) the first
    // iteration steps t = min(1, 1/6) along d = 6 to x = 1, where f = 4 and g = -4; the
    // strong Wolfe search accepts that trial because |g d| = 24 <= 0.9 * 36. The second
    // iteration has the pair s = 1, y = 2, so H = 1/2 and d = 2, and the step t = 1
    // lands on x = 3, where f is infinite. The step stops there and puts x back at 1.
    const x = Float64Array.from([0]);
    const gradient = new Float64Array(1);
    const optimizer = lbfgs({ lineSearch });
    const state = optimizer.init({ x });
    const evaluated: number[] = [];
    const evaluate = (): number => {
      const point = x[0];
      evaluated.push(point);
      gradient[0] = 2 * (point - 3);
      return point > 2.5 ? Number.POSITIVE_INFINITY : (point - 3) ** 2;
    };

    const result = optimizer.step(evaluate, { x: gradient }, state, { x }, optimizer.lr);

    expect(result.stop).toBe('non-finite');
    expect(result.evaluations).toBe(3);
    expect(evaluated[2]).toBeCloseTo(3, 12);
    expect(x[0]).toBeCloseTo(1, 12);
  });
});

describe('lbfgs flat parameter vector', () => {
  // f = sum_i (1 - x_i)^2 + 100 (x_{i+1} - x_i^2)^2 over five coordinates.
  function rosenbrock(x: readonly number[], gradient: number[]): number {
    gradient.fill(0);
    let f = 0;
    for (let i = 0; i + 1 < x.length; i++) {
      const a = 1 - x[i];
      const b = x[i + 1] - x[i] * x[i];
      f += a * a + 100 * b * b;
      gradient[i] += -2 * a - 400 * x[i] * b;
      gradient[i + 1] += 200 * b;
    }
    return f;
  }

  /** Runs four steps on `params` and returns the flat parameters and results after each. */
  function run(options: LbfgsOptions, params: Record<string, Float64Array>): { points: number[][]; results: ClosureStepResult[] } {
    const grads: Record<string, Float64Array> = {};
    for (const [name, p] of Object.entries(params)) grads[name] = new Float64Array(p.length);
    const flat = (): number[] => Object.values(params).flatMap((p) => Array.from(p));
    const evaluate = (): number => {
      const gradient: number[] = new Array<number>(5).fill(0);
      const f = rosenbrock(flat(), gradient);
      let offset = 0;
      for (const [name, p] of Object.entries(params)) {
        grads[name].set(gradient.slice(offset, offset + p.length));
        offset += p.length;
      }
      return f;
    };
    const optimizer = lbfgs(options);
    const state = optimizer.init(params);
    const points: number[][] = [];
    const results: ClosureStepResult[] = [];
    for (let k = 0; k < 4; k++) {
      results.push(optimizer.step(evaluate, grads, state, params, optimizer.lr));
      points.push(flat());
    }
    return { points, results };
  }

  const x0 = [-1.2, 1, -1.2, 1, 0.5];

  it.each([{}, { lineSearch: 'strong-wolfe' } as const, { historySize: 2, maxIter: 7 }])(
    'split parameters follow the single-vector run with %o',
    (options) => {
      const single = run(options, { x: Float64Array.from(x0) });
      const split = run(options, { b: Float64Array.from(x0.slice(0, 2)), a: Float64Array.from(x0.slice(2)) });

      expect(split.points).toEqual(single.points);
      expect(split.results).toEqual(single.results);
      // The runs made progress, so the comparison is not between two stalled runs.
      expect(single.results[3]?.initialLoss).toBeLessThan(single.results[0]?.initialLoss ?? 0);
    },
  );

  it('counts evaluations across steps', () => {
    const params = { x: Float64Array.from(x0) };
    const grads = { x: new Float64Array(5) };
    let calls = 0;
    const evaluate = (): number => {
      calls += 1;
      const gradient = new Array<number>(5).fill(0);
      const f = rosenbrock(Array.from(params.x), gradient);
      grads.x.set(gradient);
      return f;
    };
    const optimizer = lbfgs({ lineSearch: 'strong-wolfe' });
    const state = optimizer.init(params);
    let reported = 0;
    for (let k = 0; k < 3; k++) reported += optimizer.step(evaluate, grads, state, params, optimizer.lr).evaluations;

    expect(reported).toBe(calls);
    expect(state.evaluations).toBe(calls);
  });

  it('rejects parameters of a different size than init saw', () => {
    const optimizer = lbfgs();
    const state = optimizer.init({ x: new Float64Array(2) });
    const step = (): ClosureStepResult =>
      optimizer.step(() => 0, { x: new Float64Array(3) }, state, { x: new Float64Array(3) }, optimizer.lr);

    expect(step).toThrow(RangeError);
    expect(step).toThrow(/3 elements, but init saw 2/);
  });
});
