import { describe, expect, it } from 'vitest';
import { adagrad, adam, adamw, rmsprop, sgd, type GradientOptimizer } from '../../src/index.js';

// A parameter whose gradient is exactly 0 at every step must keep its bits: every
// running average of it stays 0, so each update adds +0 or -0 to it. The frozen values
// include -0, whose sign the update must not flip either.

const frozenStart = [0.25, -3.5, 1e-300, -0];

/** Returns the IEEE 754 bit patterns of the values, so -0 and 0 compare unequal. */
function bitPatterns(values: ArrayLike<number>): bigint[] {
  const view = new DataView(new ArrayBuffer(8));
  return Array.from(values, (value) => {
    view.setFloat64(0, value);
    return view.getBigUint64(0);
  });
}

const cases: ReadonlyArray<readonly [string, GradientOptimizer<unknown>]> = [
  ['adagrad', adagrad({ lr: 0.1 })],
  ['adagrad with lrDecay and initial accumulator', adagrad({ lr: 0.1, lrDecay: 0.01, initialAccumulatorValue: 0.1 })],
  ['rmsprop', rmsprop({ lr: 0.01 })],
  ['rmsprop centered with momentum', rmsprop({ lr: 0.01, momentum: 0.9, centered: true })],
  ['adam', adam({ lr: 0.1 })],
  ['adam with amsgrad', adam({ lr: 0.1, amsgrad: true })],
  ['adamw with weightDecay 0', adamw({ lr: 0.1, weightDecay: 0 })],
  ['sgd with momentum', sgd({ lr: 0.01, momentum: 0.9 })],
  ['sgd with Nesterov momentum', sgd({ lr: 0.01, momentum: 0.9, nesterov: true })],
];

describe('zero gradient', () => {
  it.each(cases)('%s leaves the parameter bit-identical', (_name, optimizer) => {
    const moving = Float64Array.from([0.7, -1.3]);
    const frozen = Float64Array.from(frozenStart);
    const params = { moving, frozen };
    const grads = { moving: new Float64Array(2), frozen: new Float64Array(frozen.length) };
    const target = [1, 2];
    const state = optimizer.init(params);

    for (let step = 0; step < 25; step++) {
      // f = sum((moving - target)^2); frozen does not enter f, so its gradient is +0.
      for (let i = 0; i < moving.length; i++) grads.moving[i] = 2 * (moving[i] - target[i]);
      grads.frozen.fill(0);
      optimizer.update(grads, state, params, optimizer.lr);
    }

    expect(bitPatterns(frozen)).toEqual(bitPatterns(frozenStart));
    // The other parameter moved, so the steps ran.
    expect(moving[0]).not.toBe(0.7);
    expect(moving[1]).not.toBe(-1.3);
  });
});
