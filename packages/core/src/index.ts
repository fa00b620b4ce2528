export { Tape, Var } from './autodiff/tape.js';
export type { Backward } from './autodiff/tape.js';

export {
  broadcastShapes,
  broadcastStrides,
  formatShape,
  normaliseAxis,
  shapeSize,
  shapesEqual,
  stridesOf,
} from './tensor/shape.js';
export type { Shape } from './tensor/shape.js';
export { allFinite, cloneTensors, globalNorm, tensor, zeros, zerosLike } from './tensor/tensor.js';
export type { NamedTensors, Tensor } from './tensor/tensor.js';

export { add, div, logDiffSigmoid, mul, sub } from './ops/binary.js';
export { gather } from './ops/gather.js';
export { matmul } from './ops/matmul.js';
export { logsumexp, mean, sum } from './ops/reduce.js';
export type { AxisOptions } from './ops/reduce.js';
export { concat, cumsum, reshape, transpose } from './ops/shape-ops.js';
export {
  digammaOp,
  exp,
  expm1,
  lgamma,
  log,
  log1p,
  logSigmoid,
  neg,
  scale,
  sigmoid,
  softplus,
  sqrt,
  square,
} from './ops/unary.js';

import * as special from './special/index.js';
export { special };

export { Minibatches } from './random/minibatches.js';
export { Rng } from './random/rng.js';

export { checkGradients } from './check/gradcheck.js';
export type { GradientCheckOptions, GradientCheckResult, GradientMismatch, ScalarFunction } from './check/gradcheck.js';

export { gradientDescent } from './optim/gradient-descent.js';
export type { GradientDescentState } from './optim/gradient-descent.js';
export { requireHyperparameter } from './optim/optimizer.js';
export type {
  ClosureOptimizer,
  ClosureStepResult,
  ClosureStop,
  GradientOptimizer,
  LossAndGradient,
  Optimizer,
  ParameterArrays,
} from './optim/optimizer.js';
export { gradientFor, sgd } from './optim/sgd.js';
export type { SgdOptions, SgdState } from './optim/sgd.js';
