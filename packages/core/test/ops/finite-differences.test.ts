import { describe, expect, it } from 'vitest';
import {
  add,
  checkGradients,
  concat,
  cumsum,
  digammaOp,
  div,
  exp,
  expm1,
  gather,
  lgamma,
  log,
  log1p,
  logDiffSigmoid,
  logSigmoid,
  logsumexp,
  matmul,
  mean,
  mul,
  neg,
  reshape,
  scale,
  sigmoid,
  softplus,
  sqrt,
  square,
  sub,
  sum,
  sumLog1p,
  tensor,
  transpose,
  type ScalarFunction,
  type Tensor,
  type Var,
} from '../../src/index.js';

// Every op is checked against central finite differences. Each case reduces the op's
// output to a scalar through a weighted sum with fixed, uneven weights, so every output
// element contributes with a different factor and a wrong broadcast or index shows up.

function weightedSum(node: Var): Var {
  const weights = new Float64Array(node.size);
  for (let i = 0; i < weights.length; i++) weights[i] = 0.3 + 0.7 * Math.sin(1.7 * i + 0.4);
  return sum(mul(node, node.tape.constant(weights, node.shape)));
}

function t(values: number[], shape: number[]): Tensor {
  return tensor(values, shape);
}

const positive = (n: number, offset = 0.5): number[] => Array.from({ length: n }, (_, i) => offset + 0.37 * ((i * 7) % 5));
const mixed = (n: number): number[] => Array.from({ length: n }, (_, i) => Math.sin(2.3 * i + 1) * 1.8);

interface Case {
  readonly name: string;
  readonly params: Record<string, Tensor>;
  readonly fn: ScalarFunction;
}

const cases: Case[] = [
  { name: 'neg', params: { a: t(mixed(6), [2, 3]) }, fn: (_, p) => weightedSum(neg(p.a)) },
  { name: 'scale', params: { a: t(mixed(6), [2, 3]) }, fn: (_, p) => weightedSum(scale(p.a, -2.5)) },
  { name: 'exp', params: { a: t(mixed(6), [6]) }, fn: (_, p) => weightedSum(exp(p.a)) },
  { name: 'log', params: { a: t(positive(6), [6]) }, fn: (_, p) => weightedSum(log(p.a)) },
  { name: 'log1p', params: { a: t(positive(6, -0.4), [6]) }, fn: (_, p) => weightedSum(log1p(p.a)) },
  { name: 'expm1', params: { a: t(mixed(6), [6]) }, fn: (_, p) => weightedSum(expm1(p.a)) },
  { name: 'sigmoid', params: { a: t(mixed(6), [6]) }, fn: (_, p) => weightedSum(sigmoid(p.a)) },
  { name: 'logSigmoid', params: { a: t(mixed(6), [6]) }, fn: (_, p) => weightedSum(logSigmoid(p.a)) },
  { name: 'softplus', params: { a: t(mixed(6), [6]) }, fn: (_, p) => weightedSum(softplus(p.a)) },
  { name: 'square', params: { a: t(mixed(6), [6]) }, fn: (_, p) => weightedSum(square(p.a)) },
  { name: 'sqrt', params: { a: t(positive(6), [6]) }, fn: (_, p) => weightedSum(sqrt(p.a)) },
  { name: 'lgamma', params: { a: t(positive(6, 0.3), [6]) }, fn: (_, p) => weightedSum(lgamma(p.a)) },
  { name: 'digamma', params: { a: t(positive(6, 0.3), [6]) }, fn: (_, p) => weightedSum(digammaOp(p.a)) },
  { name: 'add same shape', params: { a: t(mixed(6), [2, 3]), b: t(positive(6), [2, 3]) }, fn: (_, p) => weightedSum(add(p.a, p.b)) },
  {
    name: 'add broadcast [2,1,3] + [4,1]',
    params: { a: t(mixed(6), [2, 1, 3]), b: t(positive(4), [4, 1]) },
    fn: (_, p) => weightedSum(add(p.a, p.b)),
  },
  { name: 'sub broadcast [3] - [2,3]', params: { a: t(mixed(3), [3]), b: t(positive(6), [2, 3]) }, fn: (_, p) => weightedSum(sub(p.a, p.b)) },
  { name: 'mul same shape', params: { a: t(mixed(6), [6]), b: t(positive(6), [6]) }, fn: (_, p) => weightedSum(mul(p.a, p.b)) },
  { name: 'mul broadcast [3,1] * [1,4]', params: { a: t(mixed(3), [3, 1]), b: t(positive(4), [1, 4]) }, fn: (_, p) => weightedSum(mul(p.a, p.b)) },
  { name: 'mul by scalar tensor', params: { a: t(mixed(6), [2, 3]), b: t([1.3], []) }, fn: (_, p) => weightedSum(mul(p.a, p.b)) },
  { name: 'div broadcast [2,3] / [3]', params: { a: t(mixed(6), [2, 3]), b: t(positive(3), [3]) }, fn: (_, p) => weightedSum(div(p.a, p.b)) },
  { name: 'div number by tensor', params: { b: t(positive(4), [4]) }, fn: (_, p) => weightedSum(div(2, p.b)) },
  {
    name: 'logDiffSigmoid',
    params: { upper: t([0.5, 2, -1, 3.5], [4]), lower: t([-0.5, 1.2, -4, 3.4], [4]) },
    fn: (_, p) => weightedSum(logDiffSigmoid(p.upper, p.lower)),
  },
  {
    name: 'logDiffSigmoid broadcast [2,3] and [3]',
    params: { upper: t([0.5, 2, -1, 3.5, 1, 0], [2, 3]), lower: t([-4, -2.5, -1.5], [3]) },
    fn: (_, p) => weightedSum(logDiffSigmoid(p.upper, p.lower)),
  },
  // Parameters come with their own gradient buffers, so the cases that reuse a node
  // reuse an intermediate (scale(a, 1.5)), whose first gradient is overwritten rather
  // than added to zeros.
  {
    name: 'mul of one intermediate twice',
    params: { a: t(mixed(6), [6]) },
    fn: (_, p) => {
      const c = scale(p.a, 1.5);
      return weightedSum(mul(c, c));
    },
  },
  {
    // add's backward runs first and overwrites c's gradient, so mul must add to it.
    name: 'mul with an operand reused later',
    params: { a: t(mixed(6), [6]), b: t(positive(6), [6]) },
    fn: (_, p) => {
      const c = scale(p.a, 1.5);
      return weightedSum(add(mul(c, p.b), c));
    },
  },
  {
    name: 'sub with both operands reused',
    params: { a: t(mixed(6), [6]), b: t(positive(6), [6]) },
    fn: (_, p) => {
      const c = scale(p.a, 1.5);
      const d = scale(p.b, -0.5);
      return weightedSum(mul(sub(c, d), add(c, d)));
    },
  },
  { name: 'sum all', params: { a: t(mixed(6), [2, 3]) }, fn: (_, p) => mul(sum(p.a), sum(p.a)) },
  { name: 'sum axis 0', params: { a: t(mixed(24), [2, 3, 4]) }, fn: (_, p) => weightedSum(sum(p.a, { axis: 0 })) },
  { name: 'sum axis 1 keepDims', params: { a: t(mixed(24), [2, 3, 4]) }, fn: (_, p) => weightedSum(sum(p.a, { axis: 1, keepDims: true })) },
  { name: 'mean axis -1', params: { a: t(mixed(24), [2, 3, 4]) }, fn: (_, p) => weightedSum(mean(p.a, { axis: -1 })) },
  {
    name: 'sum axis 1 of a reused input',
    params: { a: t(mixed(24), [2, 3, 4]) },
    fn: (_, p) => {
      const c = scale(p.a, 1.5);
      return add(weightedSum(sum(c, { axis: 1 })), weightedSum(square(c)));
    },
  },
  { name: 'sumLog1p all', params: { a: t(positive(6, -0.4), [2, 3]) }, fn: (_, p) => sumLog1p(p.a) },
  { name: 'sumLog1p axis 1', params: { a: t(positive(24, -0.4), [2, 3, 4]) }, fn: (_, p) => weightedSum(sumLog1p(p.a, { axis: 1 })) },
  { name: 'sumLog1p last axis', params: { a: t(positive(24, -0.4), [4, 6]) }, fn: (_, p) => weightedSum(sumLog1p(p.a, { axis: -1 })) },
  {
    name: 'sumLog1p of a reused input',
    params: { a: t(positive(12, -0.4), [3, 4]) },
    fn: (_, p) => {
      const c = scale(p.a, 0.5);
      return add(weightedSum(sumLog1p(c, { axis: 1, keepDims: true })), weightedSum(square(c)));
    },
  },
  { name: 'logsumexp all', params: { a: t(mixed(6), [2, 3]) }, fn: (_, p) => logsumexp(p.a) },
  { name: 'logsumexp axis 1', params: { a: t(mixed(24), [2, 3, 4]) }, fn: (_, p) => weightedSum(logsumexp(p.a, { axis: 1 })) },
  {
    name: 'gather rows with repeats',
    params: { a: t(mixed(8), [4, 2]) },
    fn: (_, p) => weightedSum(gather(p.a, Int32Array.from([3, 0, 3, 1, 3]))),
  },
  { name: 'matmul', params: { a: t(mixed(6), [2, 3]), b: t(positive(12), [3, 4]) }, fn: (_, p) => weightedSum(matmul(p.a, p.b)) },
  { name: 'cumsum axis 1', params: { a: t(mixed(24), [2, 3, 4]) }, fn: (_, p) => weightedSum(cumsum(p.a, 1)) },
  { name: 'transpose', params: { a: t(mixed(6), [2, 3]) }, fn: (_, p) => weightedSum(transpose(p.a)) },
  { name: 'reshape', params: { a: t(mixed(6), [2, 3]) }, fn: (_, p) => weightedSum(square(reshape(p.a, [3, 2]))) },
  {
    name: 'concat axis 1',
    params: { a: t(mixed(2), [2, 1]), b: t(positive(6), [2, 3]) },
    fn: (_, p) => weightedSum(square(concat([p.a, p.b], 1))),
  },
];

describe('ops against central finite differences', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const result = checkGradients(testCase.fn, testCase.params);
      expect(result.checked).toBeGreaterThan(0);
      expect(result.maxRelativeError).toBeLessThan(1e-7);
    });
  }
});
