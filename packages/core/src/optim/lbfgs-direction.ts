import { fusedMultiplyAdd } from './fused-multiply-add.js';
import type { LbfgsState } from './lbfgs.js';
import { dot } from './strong-wolfe.js';

/**
 * Sets the search direction: d = -g on the first iteration since `init`, otherwise the
 * L-BFGS direction after adding the pair from the last move.
 */
export function setDirection(state: LbfgsState, historySize: number): void {
  if (state.iterations === 1) {
    const { direction: d, workspace } = state;
    for (let i = 0; i < d.length; i++) d[i] = -workspace.gradient[i];
    state.parameterChanges.length = 0;
    state.gradientChanges.length = 0;
    state.rho.length = 0;
    state.hessianScale = 1;
    return;
  }
  updateHistory(state, historySize);
  setQuasiNewtonDirection(state);
}

/**
 * Forms the pair s = t d and y = g - previous g from the last move and keeps it if
 * y·s > 1e-10, dropping the oldest pair when the history is full.
 */
function updateHistory(state: LbfgsState, historySize: number): void {
  const { workspace } = state;
  const g = workspace.gradient;
  const s = workspace.candidateChange;
  const y = workspace.candidateGradientChange;
  for (let i = 0; i < g.length; i++) {
    y[i] = g[i] - state.previousGradient[i];
    s[i] = state.direction[i] * state.stepLength;
  }
  const ys = dot(y, s);
  if (!(ys > 1e-10)) return;

  const droppedChange = state.parameterChanges.length === historySize ? state.parameterChanges.shift() : undefined;
  const droppedGradientChange = state.gradientChanges.length === historySize ? state.gradientChanges.shift() : undefined;
  if (state.rho.length === historySize) state.rho.shift();
  state.parameterChanges.push(s);
  state.gradientChanges.push(y);
  state.rho.push(1 / ys);
  state.hessianScale = ys / dot(y, y);
  // Reuse the dropped pair's buffers for the next candidate.
  workspace.candidateChange = droppedChange ?? new Float64Array(g.length);
  workspace.candidateGradientChange = droppedGradientChange ?? new Float64Array(g.length);
}

/** Writes d = -H g into `state.direction` by the two-loop recursion over the kept pairs. */
function setQuasiNewtonDirection(state: LbfgsState): void {
  const { direction: d, parameterChanges, gradientChanges, rho, workspace } = state;
  const { gradient: g, alpha } = workspace;
  const pairs = parameterChanges.length;
  for (let i = 0; i < d.length; i++) d[i] = -g[i];

  for (let k = pairs - 1; k >= 0; k--) {
    const s = parameterChanges[k];
    const y = gradientChanges[k];
    alpha[k] = dot(s, d) * rho[k];
    const scale = -alpha[k];
    for (let i = 0; i < d.length; i++) d[i] = fusedMultiplyAdd(scale, y[i], d[i]);
  }

  const hessianScale = state.hessianScale;
  for (let i = 0; i < d.length; i++) d[i] *= hessianScale;

  for (let k = 0; k < pairs; k++) {
    const s = parameterChanges[k];
    const y = gradientChanges[k];
    const beta = dot(y, d) * rho[k];
    const scale = alpha[k] - beta;
    for (let i = 0; i < d.length; i++) d[i] = fusedMultiplyAdd(scale, s[i], d[i]);
  }
}
