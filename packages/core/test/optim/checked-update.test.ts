import { describe, expect, it } from 'vitest';
import { adam, checkedUpdate, sgd, type ParameterArrays } from '../../src/index.js';

// f(x) = sum((x - c)^2) with c = [1, -2]; gradient 2 (x - c).
const target = [1, -2];
function gradientAt(x: Float64Array): Float64Array {
  return Float64Array.from(x, (value, i) => 2 * (value - (target[i] ?? 0)));
}

describe('checkedUpdate', () => {
  it('reports a NaN gradient injected mid-run with its step', () => {
    const optimizer = adam({ lr: 0.1 });
    const x = Float64Array.of(0, 0);
    const params: ParameterArrays = { x };
    const state = optimizer.init(params);
    const injectedAt = 4;
    let outcome = checkedUpdate(optimizer, 1, { x: gradientAt(x) }, state, params, 0.1, 1);
    let step = 1;
    const before = x.slice();
    while (outcome.status === 'ok' && step < 10) {
      step += 1;
      const grad = gradientAt(x);
      if (step === injectedAt) grad[1] = Number.NaN;
      before.set(x);
      outcome = checkedUpdate(optimizer, 1, { x: grad }, state, params, 0.1, step);
    }
    expect(outcome.status).toBe('diverged');
    expect(outcome.status === 'diverged' ? outcome.step : undefined).toBe(injectedAt);
    expect(outcome.status === 'diverged' ? outcome.reason : '').toContain('"x" has NaN at element 1 at step 4');
    // The parameters keep their values from before the diverging step.
    expect([...x]).toEqual([...before]);
    expect(x.every(Number.isFinite)).toBe(true);
  });

  it('reports a non-finite loss without updating', () => {
    const optimizer = sgd({ lr: 0.1 });
    const x = Float64Array.of(0.5, 0.5);
    const state = optimizer.init({ x });
    const outcome = checkedUpdate(optimizer, Number.POSITIVE_INFINITY, { x: gradientAt(x) }, state, { x }, 0.1, 7);
    expect(outcome).toEqual({ status: 'diverged', step: 7, reason: 'the loss is Infinity at step 7; the parameters were not updated' });
    expect([...x]).toEqual([0.5, 0.5]);
    expect(state.step).toBe(0);
  });

  it('reports parameters that overflow after a finite update', () => {
    const optimizer = sgd({ lr: 1e308 });
    const x = Float64Array.of(0, 0);
    const state = optimizer.init({ x });
    // Gradient at 0 is [-2, 4]; 0 - 1e308 * -2 overflows to Infinity in element 0 first.
    const outcome = checkedUpdate(optimizer, 5, { x: gradientAt(x) }, state, { x }, 1e308, 1);
    expect(outcome.status).toBe('diverged');
    expect(outcome.status === 'diverged' ? outcome.reason : '').toBe('parameter "x" became Infinity at element 0 after step 1');
  });

  it('applies a finite step', () => {
    const optimizer = sgd({ lr: 0.25 });
    const x = Float64Array.of(0, 0);
    const state = optimizer.init({ x });
    const outcome = checkedUpdate(optimizer, 5, { x: gradientAt(x) }, state, { x }, 0.25, 1);
    expect(outcome).toEqual({ status: 'ok' });
    // x - 0.25 * [-2, 4] = [0.5, -1].
    expect([...x]).toEqual([0.5, -1]);
  });
});
