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
export { logsumexp, mean, sum, sumLog1p } from './ops/reduce.js';
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

export { adagrad } from './optim/adagrad.js';
export type { AdagradOptions, AdagradState } from './optim/adagrad.js';
export { adam, adamw } from './optim/adam.js';
export type { AdamOptions, AdamState } from './optim/adam.js';
export { gradientDescent } from './optim/gradient-descent.js';
export type { GradientDescentState } from './optim/gradient-descent.js';
export { fusedMultiplyAdd } from './optim/fused-multiply-add.js';
export { lbfgs } from './optim/lbfgs.js';
export type { LbfgsOptions, LbfgsState, LbfgsWorkspace } from './optim/lbfgs.js';
export { requireHyperparameter, stateFor } from './optim/optimizer.js';
export type {
  ClosureOptimizer,
  ClosureStepResult,
  ClosureStop,
  GradientOptimizer,
  LossAndGradient,
  Optimizer,
  ParameterArrays,
} from './optim/optimizer.js';
export { rmsprop } from './optim/rmsprop.js';
export type { RmspropOptions, RmspropState } from './optim/rmsprop.js';
export { checkedUpdate } from './optim/checked-update.js';
export type { StepOutcome } from './optim/checked-update.js';
export { gradientFor, sgd } from './optim/sgd.js';
export type { SgdOptions, SgdState } from './optim/sgd.js';
export { cubicInterpolate, strongWolfe } from './optim/strong-wolfe.js';
export type { DirectionalObjective, StrongWolfeOptions, StrongWolfeResult } from './optim/strong-wolfe.js';

export { learningRateAt, validateSchedule } from './schedule/learning-rate-schedule.js';
export type {
  ConstantSchedule,
  CosineSchedule,
  ExponentialSchedule,
  InverseTimeSchedule,
  LearningRateSchedule,
  StepSchedule,
} from './schedule/learning-rate-schedule.js';

export { WasmArena, compileWasm } from './kernels/wasm.js';
export type { WasmMemory, WasmModule } from './kernels/wasm.js';
