import { describe, expect, it } from 'vitest';
import { adagrad, adam, adamw, lbfgs, rmsprop, sgd, type LbfgsOptions } from '../../src/index.js';

// Each invalid setting must throw a RangeError whose message names the option and the
// value it received.

const cases: ReadonlyArray<readonly [string, () => unknown, RegExp]> = [
  ['sgd lr', () => sgd({ lr: -1 }), /sgd: lr .*got -1$/],
  ['adagrad lr', () => adagrad({ lr: Number.NaN }), /adagrad: lr .*got NaN$/],
  ['adagrad lrDecay', () => adagrad({ lrDecay: -0.5 }), /adagrad: lrDecay .*got -0.5$/],
  ['adagrad weightDecay', () => adagrad({ weightDecay: -1 }), /adagrad: weightDecay .*got -1$/],
  ['adagrad initialAccumulatorValue', () => adagrad({ initialAccumulatorValue: -0.1 }), /adagrad: initialAccumulatorValue .*got -0.1$/],
  ['adagrad eps', () => adagrad({ eps: Number.POSITIVE_INFINITY }), /adagrad: eps .*got Infinity$/],
  ['rmsprop alpha', () => rmsprop({ alpha: 1.5 }), /rmsprop: alpha must satisfy 0 <= alpha <= 1, got 1.5$/],
  ['rmsprop eps', () => rmsprop({ eps: -1e-8 }), /rmsprop: eps .*got -1e-8$/],
  ['rmsprop momentum', () => rmsprop({ momentum: -0.9 }), /rmsprop: momentum .*got -0.9$/],
  ['rmsprop weightDecay', () => rmsprop({ weightDecay: -0.01 }), /rmsprop: weightDecay .*got -0.01$/],
  ['adam betas[0]', () => adam({ betas: [1, 0.999] }), /adam: betas\[0\] must satisfy 0 <= betas\[0\] < 1, got 1$/],
  ['adam betas[1]', () => adam({ betas: [0.9, -0.1] }), /adam: betas\[1\] .*got -0.1$/],
  ['adam eps', () => adam({ eps: -1 }), /adam: eps .*got -1$/],
  ['adam weightDecay', () => adam({ weightDecay: -0.01 }), /adam: weightDecay .*got -0.01$/],
  ['adamw weightDecay', () => adamw({ weightDecay: -0.01 }), /adamw: weightDecay .*got -0.01$/],
  ['adamw lr', () => adamw({ lr: -0.001 }), /adamw: lr .*got -0.001$/],
  ['lbfgs maxIter zero', () => lbfgs({ maxIter: 0 }), /lbfgs: maxIter .*got 0$/],
  ['lbfgs maxIter fraction', () => lbfgs({ maxIter: 2.5 }), /lbfgs: maxIter must be an integer, got 2.5$/],
  ['lbfgs maxEval', () => lbfgs({ maxEval: 0 }), /lbfgs: maxEval .*got 0$/],
  ['lbfgs historySize', () => lbfgs({ historySize: 0 }), /lbfgs: historySize .*got 0$/],
  ['lbfgs toleranceGrad', () => lbfgs({ toleranceGrad: -1 }), /lbfgs: toleranceGrad .*got -1$/],
  ['lbfgs toleranceChange', () => lbfgs({ toleranceChange: Number.NaN }), /lbfgs: toleranceChange .*got NaN$/],
  ['lbfgs lr', () => lbfgs({ lr: -1 }), /lbfgs: lr .*got -1$/],
  [
    'lbfgs lineSearch',
    () => lbfgs({ lineSearch: 'armijo' } as unknown as LbfgsOptions),
    /lbfgs: lineSearch must be 'none' or 'strong-wolfe', got "armijo"$/,
  ],
];

describe('optimizer hyperparameter validation', () => {
  it.each(cases)('%s', (_name, make, message) => {
    expect(make).toThrow(RangeError);
    expect(make).toThrow(message);
  });

  it('accepts the defaults', () => {
    expect(() => [adagrad(), rmsprop(), adam(), adamw(), lbfgs()]).not.toThrow();
  });

  it('rounds the derived lbfgs maxEval down', () => {
    // PyTorch derives max_eval = max_iter * 5 // 4. Without the floor, maxIter = 1 would
    // give maxEval = 1.25 and fail the integer check.
    expect(() => lbfgs({ maxIter: 1 })).not.toThrow();
    expect(() => lbfgs({ maxIter: 3 })).not.toThrow();
  });
});
