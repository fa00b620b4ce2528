import { requireHyperparameter, type GradientOptimizer } from './optimizer.js';
import { gradientFor } from './sgd.js';

export interface GradientDescentState {
  step: number;
}

/**
 * Plain gradient descent, p = p - lr * g. The runner gives it the full-data gradient,
 * so one step is one epoch; it equals `sgd` without momentum on the full batch.
 */
export function gradientDescent(options: { readonly lr: number }): GradientOptimizer<GradientDescentState> {
  const { lr } = options;
  requireHyperparameter('gd', 'lr', lr, { min: 0 });
  return {
    kind: 'gradient',
    name: 'gd',
    lr,
    init: () => ({ step: 0 }),
    update(grads, state, params, stepLr) {
      for (const [name, p] of Object.entries(params)) {
        const g = gradientFor(grads, name, p.length);
        for (let i = 0; i < p.length; i++) p[i] -= stepLr * g[i];
      }
      state.step += 1;
    },
  };
}
