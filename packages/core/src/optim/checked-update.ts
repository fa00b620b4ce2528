import type { GradientOptimizer, ParameterArrays } from './optimizer.js';

/** Outcome of one optimizer step that checks for divergence. */
export type StepOutcome =
  | { readonly status: 'ok' }
  | {
      readonly status: 'diverged';
      /** 1-based number of the step that diverged. */
      readonly step: number;
      readonly reason: string;
    };

/**
 * Applies one `update` unless the loss or gradient is non-finite, and reports a
 * diverged step instead of letting NaN or Infinity spread into the parameters.
 *
 * - A non-finite loss or gradient element: the parameters and state are left exactly
 *   as they were, and the outcome names the step and the first offending parameter.
 * - Finite inputs whose update overflows (a huge learning rate): the update has
 *   already been written in place, so the outcome is diverged and names the first
 *   parameter that became non-finite. Callers must treat the parameters as invalid.
 */
export function checkedUpdate<State>(
  optimizer: GradientOptimizer<State>,
  loss: number,
  grads: ParameterArrays,
  state: State,
  params: ParameterArrays,
  lr: number,
  step: number,
): StepOutcome {
  if (!Number.isFinite(loss)) {
    return { status: 'diverged', step, reason: `the loss is ${loss} at step ${step}; the parameters were not updated` };
  }
  const badGradient = firstNonFinite(grads);
  if (badGradient !== undefined) {
    return {
      status: 'diverged',
      step,
      reason: `the gradient of "${badGradient.name}" has ${badGradient.value} at element ${badGradient.index} at step ${step}; the parameters were not updated`,
    };
  }
  optimizer.update(grads, state, params, lr);
  const badParameter = firstNonFinite(params);
  if (badParameter !== undefined) {
    return {
      status: 'diverged',
      step,
      reason: `parameter "${badParameter.name}" became ${badParameter.value} at element ${badParameter.index} after step ${step}`,
    };
  }
  return { status: 'ok' };
}

function firstNonFinite(arrays: ParameterArrays): { name: string; index: number; value: number } | undefined {
  for (const [name, values] of Object.entries(arrays)) {
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) return { name, index: i, value: values[i] };
    }
  }
  return undefined;
}
