import { requireHyperparameter, stateFor, type GradientOptimizer, type ParameterArrays } from './optimizer.js';
import { gradientFor } from './sgd.js';

export interface RmspropOptions {
  /** Default 0.01. */
  readonly lr?: number;
  /** Decay rate of the running averages, in [0, 1]. Default 0.99. */
  readonly alpha?: number;
  /** Term added after the square root of the average, never inside it. Default 1e-8. */
  readonly eps?: number;
  /** L2 penalty coefficient, added to the gradient as weightDecay * p. Default 0. */
  readonly weightDecay?: number;
  /** Momentum factor. Default 0, which keeps no momentum buffer. */
  readonly momentum?: number;
  /** Whether to divide by an estimate of the gradient's standard deviation instead of its RMS. Default false. */
  readonly centered?: boolean;
}

export interface RmspropState {
  step: number;
  /** Running averages of squared gradients by parameter name. */
  readonly squareAverage: Record<string, Float64Array>;
  /** Running averages of gradients, present only when centered. */
  readonly gradientAverage: Record<string, Float64Array>;
  /** Momentum buffers, present only when momentum > 0. */
  readonly momentum: Record<string, Float64Array>;
}

/**
 * RMSprop (Tieleman and Hinton, 2012), as `torch.optim.RMSprop`:
 *
 *   d = g + weightDecay * p
 *   v = alpha * v + (1 - alpha) * d^2
 *   m = alpha * m + (1 - alpha) * d      (centered only)
 *   r = sqrt(v) + eps, or sqrt(v - m^2) + eps when centered
 *   b = momentum * b + d / r,  p = p - lr * b    (momentum > 0)
 *   p = p - lr * d / r                           (otherwise)
 *
 * All averages start at 0 and get no bias correction. eps is added outside the square
 * root, as in PyTorch. optax's `rmsprop` adds it inside by default (`eps_in_sqrt=True`),
 * so the same numbers give a different run there.
 */
export function rmsprop(options: RmspropOptions = {}): GradientOptimizer<RmspropState> {
  const { lr = 0.01, alpha = 0.99, eps = 1e-8, weightDecay = 0, momentum = 0, centered = false } = options;
  requireHyperparameter('rmsprop', 'lr', lr, { min: 0 });
  requireHyperparameter('rmsprop', 'alpha', alpha, { min: 0, max: 1 });
  requireHyperparameter('rmsprop', 'eps', eps, { min: 0 });
  requireHyperparameter('rmsprop', 'weightDecay', weightDecay, { min: 0 });
  requireHyperparameter('rmsprop', 'momentum', momentum, { min: 0 });
  const oneMinusAlpha = 1 - alpha;
  return {
    kind: 'gradient',
    name: 'rmsprop',
    lr,
    init(params: ParameterArrays): RmspropState {
      const squareAverage: Record<string, Float64Array> = {};
      const gradientAverage: Record<string, Float64Array> = {};
      const buffers: Record<string, Float64Array> = {};
      for (const [name, p] of Object.entries(params)) {
        squareAverage[name] = new Float64Array(p.length);
        if (centered) gradientAverage[name] = new Float64Array(p.length);
        if (momentum > 0) buffers[name] = new Float64Array(p.length);
      }
      return { step: 0, squareAverage, gradientAverage, momentum: buffers };
    },
    update(grads, state, params, stepLr) {
      for (const [name, p] of Object.entries(params)) {
        const g = gradientFor(grads, name, p.length);
        const v = stateFor(state.squareAverage, name);
        const m = centered ? stateFor(state.gradientAverage, name) : undefined;
        const b = momentum > 0 ? stateFor(state.momentum, name) : undefined;
        for (let i = 0; i < p.length; i++) {
          const d = weightDecay === 0 ? g[i] : g[i] + weightDecay * p[i];
          v[i] = alpha * v[i] + oneMinusAlpha * d * d;
          let root: number;
          if (m === undefined) {
            root = Math.sqrt(v[i]) + eps;
          } else {
            m[i] = alpha * m[i] + oneMinusAlpha * d;
            root = Math.sqrt(v[i] - m[i] * m[i]) + eps;
          }
          if (b === undefined) {
            p[i] -= (stepLr * d) / root;
          } else {
            b[i] = momentum * b[i] + d / root;
            p[i] -= stepLr * b[i];
          }
        }
      }
      state.step += 1;
    },
  };
}
