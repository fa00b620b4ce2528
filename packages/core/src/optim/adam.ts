import { requireHyperparameter, stateFor, type GradientOptimizer, type ParameterArrays } from './optimizer.js';
import { gradientFor } from './sgd.js';

export interface AdamOptions {
  /** Default 1e-3. */
  readonly lr?: number;
  /** Decay rates of the first and second moment averages, each in [0, 1). Default [0.9, 0.999]. */
  readonly betas?: readonly [number, number];
  /** Term added to the bias-corrected root of the second moment. Default 1e-8. */
  readonly eps?: number;
  /** Weight decay coefficient: an L2 term in `adam`, a shrink factor in `adamw`. */
  readonly weightDecay?: number;
  /** Whether to divide by the largest second moment so far (AMSGrad). Default false. */
  readonly amsgrad?: boolean;
}

export interface AdamState {
  step: number;
  /** Running averages of gradients by parameter name. */
  readonly firstMoment: Record<string, Float64Array>;
  /** Running averages of squared gradients by parameter name. */
  readonly secondMoment: Record<string, Float64Array>;
  /** Elementwise maximum of the second moments so far, present only with amsgrad. */
  readonly maxSecondMoment: Record<string, Float64Array>;
}

/**
 * Adam (Kingma and Ba, 2015), as `torch.optim.Adam`. At step k = 1, 2, ...:
 *
 *   d = g + weightDecay * p                  (L2 penalty, coupled to the moments)
 *   m = beta1 * m + (1 - beta1) * d
 *   v = beta2 * v + (1 - beta2) * d^2
 *   u = max(u, v)  and use u for v below     (amsgrad only)
 *   p = p - (lr / (1 - beta1^k)) * m / (sqrt(v) / sqrt(1 - beta2^k) + eps)
 *
 * The bias corrections are folded into the step size and the denominator, in this
 * order, as PyTorch does, so eps is added to the corrected root. The paper's last
 * line, lr * mhat / (sqrt(vhat) + eps), is the same formula up to rounding. AMSGrad
 * follows PyTorch: it keeps the maximum of the uncorrected v and corrects it with the
 * current step's factor. optax's `amsgrad` takes the maximum after correction instead.
 * Default weightDecay is 0; for decoupled decay use `adamw`.
 */
export function adam(options: AdamOptions = {}): GradientOptimizer<AdamState> {
  return adamVariant('adam', options, false, 0);
}

/**
 * AdamW (Loshchilov and Hutter, 2019), as `torch.optim.AdamW`: the Adam step of `adam`
 * with weightDecay 0, preceded by
 *
 *   p = p * (1 - lr * weightDecay)
 *
 * so the decay never enters the moments. The factor uses the step's learning rate, as
 * PyTorch does. Loshchilov and Hutter write the decay as eta_t * lambda * p, with eta_t
 * the schedule multiplier and no lr, so their lambda is lr * weightDecay here at a
 * constant lr. Default weightDecay is 0.01, PyTorch's AdamW default.
 */
export function adamw(options: AdamOptions = {}): GradientOptimizer<AdamState> {
  return adamVariant('adamw', options, true, 0.01);
}

function adamVariant(
  name: 'adam' | 'adamw',
  options: AdamOptions,
  decoupled: boolean,
  defaultWeightDecay: number,
): GradientOptimizer<AdamState> {
  const { lr = 1e-3, betas = [0.9, 0.999], eps = 1e-8, weightDecay = defaultWeightDecay, amsgrad = false } = options;
  const [beta1, beta2] = betas;
  requireHyperparameter(name, 'lr', lr, { min: 0 });
  requireHyperparameter(name, 'betas[0]', beta1, { min: 0, max: 1, maxExclusive: true });
  requireHyperparameter(name, 'betas[1]', beta2, { min: 0, max: 1, maxExclusive: true });
  requireHyperparameter(name, 'eps', eps, { min: 0 });
  requireHyperparameter(name, 'weightDecay', weightDecay, { min: 0 });
  const oneMinusBeta1 = 1 - beta1;
  const oneMinusBeta2 = 1 - beta2;
  return {
    kind: 'gradient',
    name,
    lr,
    init(params: ParameterArrays): AdamState {
      const firstMoment: Record<string, Float64Array> = {};
      const secondMoment: Record<string, Float64Array> = {};
      const maxSecondMoment: Record<string, Float64Array> = {};
      for (const [parameter, p] of Object.entries(params)) {
        firstMoment[parameter] = new Float64Array(p.length);
        secondMoment[parameter] = new Float64Array(p.length);
        if (amsgrad) maxSecondMoment[parameter] = new Float64Array(p.length);
      }
      return { step: 0, firstMoment, secondMoment, maxSecondMoment };
    },
    update(grads, state, params, stepLr) {
      state.step += 1;
      const stepSize = stepLr / (1 - beta1 ** state.step);
      const rootCorrection = Math.sqrt(1 - beta2 ** state.step);
      const shrink = 1 - stepLr * weightDecay;
      const shrinkParameters = decoupled && weightDecay !== 0;
      const penalty = decoupled ? 0 : weightDecay;
      for (const [parameter, p] of Object.entries(params)) {
        const g = gradientFor(grads, parameter, p.length);
        const m = stateFor(state.firstMoment, parameter);
        const v = stateFor(state.secondMoment, parameter);
        const vMax = amsgrad ? stateFor(state.maxSecondMoment, parameter) : undefined;
        for (let i = 0; i < p.length; i++) {
          if (shrinkParameters) p[i] *= shrink;
          const d = penalty === 0 ? g[i] : g[i] + penalty * p[i];
          m[i] = beta1 * m[i] + oneMinusBeta1 * d;
          v[i] = beta2 * v[i] + oneMinusBeta2 * d * d;
          let second = v[i];
          if (vMax !== undefined) {
            // Math.max returns NaN when either side is NaN, as torch.maximum does.
            vMax[i] = Math.max(vMax[i], second);
            second = vMax[i];
          }
          p[i] -= (stepSize * m[i]) / (Math.sqrt(second) / rootCorrection + eps);
        }
      }
    },
  };
}
