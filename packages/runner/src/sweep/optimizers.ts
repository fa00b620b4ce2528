import {
  adagrad,
  adam,
  adamw,
  gradientDescent,
  lbfgs,
  rmsprop,
  sgd,
  type Optimizer,
} from '@ascent/core';
import { z } from 'zod';

/**
 * The optimizers a sweep file can name, with their hyperparameters under PyTorch's
 * keyword names (`weight_decay`, `betas`, ...) and PyTorch's defaults.
 */

/** Validation, default and help text of one hyperparameter. */
export interface HyperparameterSpec {
  /** Schema of a single value. */
  readonly schema: z.ZodType;
  /** Value used when the sweep file omits the key; undefined means the key is required. */
  readonly default: unknown;
  /** True when one value is itself a list (betas), so a grid is a list of lists. */
  readonly listValued?: boolean;
  readonly help: string;
}

export interface OptimizerEntry {
  readonly name: string;
  readonly summary: string;
  /** Optimizers that only make sense on the full data (one step per epoch). */
  readonly fullBatchOnly: boolean;
  readonly hyperparameters: Readonly<Record<string, HyperparameterSpec>>;
  build(values: Readonly<Record<string, unknown>>): Optimizer;
}

const positive = z.number().positive();
const nonNegative = z.number().min(0);
const unitInterval = z.number().min(0).max(1);
const flag = z.boolean();
const positiveInteger = z.number().int().positive();

const lr = (defaultValue: number | undefined): HyperparameterSpec => ({
  schema: positive,
  default: defaultValue,
  help: 'learning rate',
});
const weightDecay = (defaultValue: number, help: string): HyperparameterSpec => ({
  schema: nonNegative,
  default: defaultValue,
  help,
});

function num(values: Readonly<Record<string, unknown>>, key: string): number {
  const value = values[key];
  if (typeof value !== 'number') throw new TypeError(`hyperparameter ${key} must be a number, got ${String(value)}`);
  return value;
}

function bool(values: Readonly<Record<string, unknown>>, key: string): boolean {
  return values[key] === true;
}

const adamHyperparameters = (weightDecayDefault: number, weightDecayHelp: string): Record<string, HyperparameterSpec> => ({
  lr: lr(1e-3),
  betas: {
    schema: z.tuple([z.number().min(0).lt(1), z.number().min(0).lt(1)]),
    default: [0.9, 0.999],
    listValued: true,
    help: 'decay rates [beta1, beta2] of the moment averages',
  },
  eps: { schema: positive, default: 1e-8, help: 'added to the root of the second moment' },
  weight_decay: weightDecay(weightDecayDefault, weightDecayHelp),
  amsgrad: { schema: flag, default: false, help: 'use the maximum second moment so far (AMSGrad)' },
});

function betas(values: Readonly<Record<string, unknown>>): readonly [number, number] {
  const pair = values.betas;
  if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError('betas must be a pair of numbers');
  return [Number(pair[0]), Number(pair[1])];
}

export const OPTIMIZERS: Readonly<Record<string, OptimizerEntry>> = {
  gd: {
    name: 'gd',
    summary: 'full-batch gradient descent: one step of size lr along the full-data gradient per epoch',
    fullBatchOnly: true,
    hyperparameters: { lr: lr(undefined) },
    build: (v) => gradientDescent({ lr: num(v, 'lr') }),
  },
  sgd: {
    name: 'sgd',
    summary: 'minibatch SGD with momentum, as torch.optim.SGD',
    fullBatchOnly: false,
    hyperparameters: {
      lr: lr(undefined),
      momentum: { schema: nonNegative, default: 0, help: 'momentum factor' },
      dampening: { schema: unitInterval, default: 0, help: 'dampening of the momentum update' },
      nesterov: { schema: flag, default: false, help: "PyTorch's Nesterov momentum" },
      weight_decay: weightDecay(0, 'L2 penalty added to the gradient'),
    },
    build: (v) =>
      sgd({
        lr: num(v, 'lr'),
        momentum: num(v, 'momentum'),
        dampening: num(v, 'dampening'),
        nesterov: bool(v, 'nesterov'),
        weightDecay: num(v, 'weight_decay'),
      }),
  },
  adagrad: {
    name: 'adagrad',
    summary: 'Adagrad, as torch.optim.Adagrad',
    fullBatchOnly: false,
    hyperparameters: {
      lr: lr(0.01),
      lr_decay: { schema: nonNegative, default: 0, help: 'learning-rate decay per step' },
      weight_decay: weightDecay(0, 'L2 penalty added to the gradient'),
      initial_accumulator_value: { schema: nonNegative, default: 0, help: 'starting sum of squared gradients' },
      eps: { schema: positive, default: 1e-10, help: 'added to the root of the sum of squares' },
    },
    build: (v) =>
      adagrad({
        lr: num(v, 'lr'),
        lrDecay: num(v, 'lr_decay'),
        weightDecay: num(v, 'weight_decay'),
        initialAccumulatorValue: num(v, 'initial_accumulator_value'),
        eps: num(v, 'eps'),
      }),
  },
  rmsprop: {
    name: 'rmsprop',
    summary: 'RMSprop, as torch.optim.RMSprop',
    fullBatchOnly: false,
    hyperparameters: {
      lr: lr(0.01),
      alpha: { schema: unitInterval, default: 0.99, help: 'decay rate of the squared-gradient average' },
      eps: { schema: positive, default: 1e-8, help: 'added to the root of the average' },
      weight_decay: weightDecay(0, 'L2 penalty added to the gradient'),
      momentum: { schema: nonNegative, default: 0, help: 'momentum factor' },
      centered: { schema: flag, default: false, help: 'divide by the estimated variance instead of the raw second moment' },
    },
    build: (v) =>
      rmsprop({
        lr: num(v, 'lr'),
        alpha: num(v, 'alpha'),
        eps: num(v, 'eps'),
        weightDecay: num(v, 'weight_decay'),
        momentum: num(v, 'momentum'),
        centered: bool(v, 'centered'),
      }),
  },
  adam: {
    name: 'adam',
    summary: 'Adam with L2 (coupled) weight decay, as torch.optim.Adam',
    fullBatchOnly: false,
    hyperparameters: adamHyperparameters(0, 'L2 penalty added to the gradient'),
    build: (v) =>
      adam({ lr: num(v, 'lr'), betas: betas(v), eps: num(v, 'eps'), weightDecay: num(v, 'weight_decay'), amsgrad: bool(v, 'amsgrad') }),
  },
  adamw: {
    name: 'adamw',
    summary: 'AdamW with decoupled weight decay, as torch.optim.AdamW',
    fullBatchOnly: false,
    hyperparameters: adamHyperparameters(0.01, 'decoupled decay: p *= 1 - lr * weight_decay each step'),
    build: (v) =>
      adamw({ lr: num(v, 'lr'), betas: betas(v), eps: num(v, 'eps'), weightDecay: num(v, 'weight_decay'), amsgrad: bool(v, 'amsgrad') }),
  },
  lbfgs: {
    name: 'lbfgs',
    summary: 'L-BFGS on the full data, as torch.optim.LBFGS; one step(closure) per epoch',
    fullBatchOnly: true,
    hyperparameters: {
      lr: lr(1),
      max_iter: { schema: positiveInteger, default: 20, help: 'iterations per step' },
      max_eval: { schema: positiveInteger.nullable(), default: null, help: 'function evaluations per step (default max_iter * 1.25)' },
      tolerance_grad: { schema: nonNegative, default: 1e-7, help: 'stop when the largest gradient element is below this' },
      tolerance_change: { schema: nonNegative, default: 1e-9, help: 'stop when the loss or the step changes less than this' },
      history_size: { schema: positiveInteger, default: 100, help: 'number of curvature pairs kept' },
      line_search_fn: { schema: z.enum(['strong_wolfe', 'none']), default: 'none', help: 'line search: strong_wolfe or none' },
    },
    build: (v) => {
      const maxEval = v.max_eval;
      return lbfgs({
        lr: num(v, 'lr'),
        maxIter: num(v, 'max_iter'),
        ...(typeof maxEval === 'number' ? { maxEval } : {}),
        toleranceGrad: num(v, 'tolerance_grad'),
        toleranceChange: num(v, 'tolerance_change'),
        historySize: num(v, 'history_size'),
        lineSearch: v.line_search_fn === 'strong_wolfe' ? 'strong-wolfe' : 'none',
      });
    },
  },
};

export function findOptimizer(name: string): OptimizerEntry | undefined {
  return Object.hasOwn(OPTIMIZERS, name) ? OPTIMIZERS[name] : undefined;
}
