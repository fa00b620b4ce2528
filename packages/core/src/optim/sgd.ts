import { requireHyperparameter, type GradientOptimizer, type ParameterArrays } from './optimizer.js';

export interface SgdOptions {
  readonly lr: number;
  readonly momentum?: number;
  readonly dampening?: number;
  readonly nesterov?: boolean;
  /** L2 penalty coefficient, added to the gradient as weightDecay * p. */
  readonly weightDecay?: number;
}

export interface SgdState {
  step: number;
  /** Momentum buffers by parameter name; absent without momentum. */
  readonly momentum: Record<string, Float64Array>;
}

/**
 * Stochastic gradient descent with momentum, as `torch.optim.SGD`:
 *
 *   d = g + weightDecay * p
 *   b = d                                   on the first step
 *   b = momentum * b + (1 - dampening) * d  afterwards
 *   d = d + momentum * b   (Nesterov)   or   d = b   (classical momentum)
 *   p = p - lr * d
 *
 * This is PyTorch's form, with the learning rate outside the buffer. Sutskever et al.
 * (2013) put lr inside the velocity instead; the two agree while lr is constant.
 * PyTorch's Nesterov variant evaluates no gradient at a look-ahead point; it applies
 * the momentum buffer twice.
 */
export function sgd(options: SgdOptions): GradientOptimizer<SgdState> {
  const { lr, momentum = 0, dampening = 0, nesterov = false, weightDecay = 0 } = options;
  requireHyperparameter('sgd', 'lr', lr, { min: 0 });
  requireHyperparameter('sgd', 'momentum', momentum, { min: 0 });
  requireHyperparameter('sgd', 'dampening', dampening, { min: 0, max: 1 });
  requireHyperparameter('sgd', 'weight_decay', weightDecay, { min: 0 });
  if (nesterov && (momentum <= 0 || dampening !== 0)) {
    throw new RangeError(`sgd: nesterov needs momentum > 0 and dampening = 0, got momentum ${momentum} and dampening ${dampening}`);
  }
  return {
    kind: 'gradient',
    name: 'sgd',
    lr,
    init(params: ParameterArrays): SgdState {
      const buffers: Record<string, Float64Array> = {};
      if (momentum !== 0) for (const [name, p] of Object.entries(params)) buffers[name] = new Float64Array(p.length);
      return { step: 0, momentum: buffers };
    },
    update(grads, state, params, stepLr) {
      const first = state.step === 0;
      for (const [name, p] of Object.entries(params)) {
        const g = gradientFor(grads, name, p.length);
        const buffer = state.momentum[name];
        for (let i = 0; i < p.length; i++) {
          let d = weightDecay === 0 ? g[i] : g[i] + weightDecay * p[i];
          if (buffer !== undefined) {
            buffer[i] = first ? d : momentum * buffer[i] + (1 - dampening) * d;
            d = nesterov ? d + momentum * buffer[i] : buffer[i];
          }
          p[i] -= stepLr * d;
        }
      }
      state.step += 1;
    },
  };
}

/** Returns the gradient array for `name`, checking that it exists and matches the parameter. */
export function gradientFor(grads: ParameterArrays, name: string, length: number): Float64Array {
  const g = grads[name];
  if (g === undefined) throw new Error(`no gradient for parameter "${name}"`);
  if (g.length !== length) {
    throw new RangeError(`gradient for "${name}" has ${g.length} elements, the parameter has ${length}`);
  }
  return g;
}
