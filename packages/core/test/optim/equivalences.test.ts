import { describe, expect, it } from 'vitest';
import {
  adagrad,
  adam,
  adamw,
  learningRateAt,
  type AdamState,
  type GradientOptimizer,
  type ParameterArrays,
} from '../../src/index.js';

// Pairs of settings that must produce the same trajectory bit for bit, because the
// update rules coincide exactly on these inputs.

type Gradient = (x: Float64Array, gradient: Float64Array) => void;

/** Runs `steps` updates from x0 and returns x after each one; `lrAt(k)` gives step k's learning rate (k = 0, 1, ...). */
function trajectory<State>(
  optimizer: GradientOptimizer<State>,
  gradientOf: Gradient,
  x0: readonly number[],
  steps: number,
  lrAt: (k: number) => number = () => optimizer.lr,
  afterStep: (state: State) => void = () => undefined,
): number[][] {
  const x = Float64Array.from(x0);
  const gradient = new Float64Array(x.length);
  const params: ParameterArrays = { x };
  const state = optimizer.init(params);
  const rows: number[][] = [];
  for (let k = 0; k < steps; k++) {
    gradientOf(x, gradient);
    optimizer.update({ x: gradient }, state, params, lrAt(k));
    afterStep(state);
    rows.push(Array.from(x));
  }
  return rows;
}

// Gradient of f = sum((x - c)^2) with c = [1, -2, 3].
const quadraticGradient: Gradient = (x, gradient) => {
  const c = [1, -2, 3];
  for (let i = 0; i < x.length; i++) gradient[i] = 2 * (x[i] - c[i]);
};

describe('optimizer equivalences', () => {
  it('amsgrad equals adam while v never decreases', () => {
    // f = a·x has the constant gradient a, so v_k = (1 - beta2^k) a^2 grows at every
    // step, max(vmax, v) = v, and AMSGrad takes Adam's steps.
    const slope = [0.5, -2, 3];
    const linearGradient: Gradient = (_x, gradient) => gradient.set(slope);
    let decreases = 0;
    let previous: number[] | undefined;
    const watchSecondMoment = (state: AdamState): void => {
      const v = Array.from(state.secondMoment['x'] ?? []);
      const before = previous;
      if (before !== undefined && v.some((value, i) => value < before[i])) decreases += 1;
      previous = v;
    };

    const plain = trajectory(adam({ lr: 0.05 }), linearGradient, [0, 0, 0], 200);
    const amsgrad = trajectory(adam({ lr: 0.05, amsgrad: true }), linearGradient, [0, 0, 0], 200, undefined, watchSecondMoment);

    expect(decreases).toBe(0);
    expect(amsgrad).toEqual(plain);
  });

  it('amsgrad differs from adam once v decreases', () => {
    // The gradient shrinks from 10 to 0.1 after five steps, so v falls and AMSGrad keeps
    // the larger denominator. This guards the test above against a no-op amsgrad flag.
    let step = 0;
    const shrinkingGradient: Gradient = (_x, gradient) => {
      gradient.fill(step < 5 ? 10 : 0.1);
      step += 1;
    };
    const plain = trajectory(adam({ lr: 0.05 }), shrinkingGradient, [0], 20);
    step = 0;
    const amsgrad = trajectory(adam({ lr: 0.05, amsgrad: true }), shrinkingGradient, [0], 20);

    expect(amsgrad[19]).not.toEqual(plain[19]);
  });

  it('adam weightDecay equals an L2 term in the gradient', () => {
    // Coupled decay adds weightDecay * p to the gradient, which is the gradient of
    // f + (weightDecay / 2) |p|^2.
    const weightDecay = 0.3;
    const penalizedGradient: Gradient = (x, gradient) => {
      quadraticGradient(x, gradient);
      for (let i = 0; i < x.length; i++) gradient[i] = gradient[i] + weightDecay * x[i];
    };

    const coupled = trajectory(adam({ lr: 0.1, weightDecay }), quadraticGradient, [0.5, 0.5, 0.5], 50);
    const penalized = trajectory(adam({ lr: 0.1 }), penalizedGradient, [0.5, 0.5, 0.5], 50);

    expect(coupled).toEqual(penalized);
  });

  it('adamw with weightDecay 0 equals adam', () => {
    const decoupled = trajectory(adamw({ lr: 0.1, weightDecay: 0 }), quadraticGradient, [0.5, 0.5, 0.5], 50);
    const plain = trajectory(adam({ lr: 0.1 }), quadraticGradient, [0.5, 0.5, 0.5], 50);

    expect(decoupled).toEqual(plain);
  });

  it('adamw shrinks parameters by 1 - lr * weightDecay', () => {
    // With a zero gradient Adam's step is 0, so only the decay acts:
    // p_k = p_0 (1 - lr * weightDecay)^k, here 2 * 0.99^3 after three steps.
    const zeroGradient: Gradient = (_x, gradient) => gradient.fill(0);
    const rows = trajectory(adamw({ lr: 0.1, weightDecay: 0.1 }), zeroGradient, [2], 3);

    expect(rows[2]?.[0]).toBeCloseTo(2 * 0.99 ** 3, 14);
  });

  it('adagrad lrDecay equals an inverse-time schedule', () => {
    // Adagrad's step k (k = 1, 2, ...) uses lr / (1 + (k - 1) lrDecay). An inverse-time
    // schedule with decayRate = lrDecay and decaySteps = 1 gives lr / (1 + lrDecay * e)
    // at epoch e = k - 1, the same product of the same two numbers.
    const lrDecay = 0.05;
    const schedule = { kind: 'inverse-time', decayRate: lrDecay, decaySteps: 1 } as const;

    const decayed = trajectory(adagrad({ lr: 0.2, lrDecay }), quadraticGradient, [0, 0, 0], 40);
    const scheduled = trajectory(adagrad({ lr: 0.2 }), quadraticGradient, [0, 0, 0], 40, (k) => learningRateAt(schedule, 0.2, k));

    expect(scheduled).toEqual(decayed);
  });
});
