import { requireHyperparameter, stateFor, type GradientOptimizer, type ParameterArrays } from './optimizer.js';
import { gradientFor } from './sgd.js';

export interface AdagradOptions {
  /** Default 0.01. */
  readonly lr?: number;
  /** Inverse-time decay rate of the learning rate per step. Default 0. */
  readonly lrDecay?: number;
  /** L2 penalty coefficient, added to the gradient as weightDecay * p. Default 0. */
  readonly weightDecay?: number;
  /** Starting value of every sum of squared gradients. Default 0. */
  readonly initialAccumulatorValue?: number;
  /** Term added after the square root of the sum, never inside it. Default 1e-10. */
  readonly eps?: number;
}

export interface AdagradState {
  step: number;
  /** Running sums of squared gradients by parameter name. */
  readonly sumOfSquares: Record<string, Float64Array>;
}

/**
 * Adagrad (Duchi, Hazan and Singer, 2011), as `torch.optim.Adagrad`. At step k = 1, 2, ...:
 *
 *   d   = g + weightDecay * p
 *   s   = s + d * d                     (s starts at initialAccumulatorValue)
 *   clr = lr / (1 + (k - 1) * lrDecay)
 *   p   = p - clr * d / (sqrt(s) + eps)
 *
 * eps is added after the square root, as in PyTorch. optax's `adagrad` (`scale_by_rss`)
 * adds it inside, 1 / sqrt(s + eps), and defaults to eps = 1e-7 with an initial
 * accumulator of 0.1, so the same numbers give a different run there. With eps = 0, an
 * element whose sum is still 0 gets 0 / 0 = NaN, as in PyTorch.
 */
export function adagrad(options: AdagradOptions = {}): GradientOptimizer<AdagradState> {
  const { lr = 0.01, lrDecay = 0, weightDecay = 0, initialAccumulatorValue = 0, eps = 1e-10 } = options;
  requireHyperparameter('adagrad', 'lr', lr, { min: 0 });
  requireHyperparameter('adagrad', 'lrDecay', lrDecay, { min: 0 });
  requireHyperparameter('adagrad', 'weightDecay', weightDecay, { min: 0 });
  requireHyperparameter('adagrad', 'initialAccumulatorValue', initialAccumulatorValue, { min: 0 });
  requireHyperparameter('adagrad', 'eps', eps, { min: 0 });
  return {
    kind: 'gradient',
    name: 'adagrad',
    lr,
    init(params: ParameterArrays): AdagradState {
      const sums: Record<string, Float64Array> = {};
      for (const [name, p] of Object.entries(params)) sums[name] = new Float64Array(p.length).fill(initialAccumulatorValue);
      return { step: 0, sumOfSquares: sums };
    },
    update(grads, state, params, stepLr) {
      state.step += 1;
      const clr = stepLr / (1 + (state.step - 1) * lrDecay);
      for (const [name, p] of Object.entries(params)) {
        const g = gradientFor(grads, name, p.length);
        const s = stateFor(state.sumOfSquares, name);
        for (let i = 0; i < p.length; i++) {
          const d = weightDecay === 0 ? g[i] : g[i] + weightDecay * p[i];
          s[i] += d * d;
          p[i] -= (clr * d) / (Math.sqrt(s[i]) + eps);
        }
      }
    },
  };
}

