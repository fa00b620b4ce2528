import { describe, expect, it } from 'vitest';
import { Tape, add, mul, sum } from '../../src/index.js';

describe('Tape', () => {
  it('accumulates gradients of a reused node', () => {
    // f(x) = sum(x * x + x): df/dx = 2x + 1.
    const tape = new Tape();
    const grad = new Float64Array(2);
    const x = tape.parameter({ data: Float64Array.of(1.5, -2), shape: [2] }, grad);
    tape.backward(sum(add(mul(x, x), x)));
    expect([...grad]).toEqual([4, -3]);
  });

  it('hands out a fresh gradient once', () => {
    const tape = new Tape();
    const x = tape.parameter({ data: Float64Array.of(1, 2), shape: [2] });
    const y = mul(x, 2);
    const fresh = tape.freshGrad(y);
    expect(fresh).toHaveLength(2);
    expect(y.grad).toBe(fresh);
    expect(tape.freshGrad(y)).toBeUndefined();
    expect(tape.gradOf(y)).toBe(fresh);
  });

  it('gives constants and parameters no fresh gradient', () => {
    const tape = new Tape();
    const grad = new Float64Array(2);
    const x = tape.parameter({ data: Float64Array.of(1, 2), shape: [2] }, grad);
    expect(tape.freshGrad(x)).toBeUndefined();
    expect(tape.freshGrad(tape.constant(Float64Array.of(1, 2)))).toBeUndefined();
  });

  it('overwrites stale pooled gradients', () => {
    // The second computation gets back the pooled buffers of the first, whose gradients
    // held nonzero values, so an op that overwrites a gradient must write every element.
    const tape = new Tape();
    const grad = new Float64Array(3);
    const compute = (): number[] => {
      const x = tape.parameter({ data: Float64Array.of(1, -2, 3), shape: [3] }, grad);
      tape.backward(sum(mul(add(x, 1), x)));
      tape.reset();
      return [...grad];
    };
    expect(compute()).toEqual([3, -3, 7]);
    expect(compute()).toEqual([3, -3, 7]);
  });

  it('reuses buffers after reset', () => {
    const tape = new Tape();
    const grad = new Float64Array(3);
    const compute = (): Float64Array => {
      const x = tape.parameter({ data: Float64Array.of(1, 2, 3), shape: [3] }, grad);
      const y = mul(x, 2);
      tape.backward(sum(y));
      return y.value;
    };
    const first = compute();
    tape.reset();
    const second = compute();
    expect(second).toBe(first);
    expect([...grad]).toEqual([2, 2, 2]);
  });

  it('records nothing for constants', () => {
    const tape = new Tape();
    const y = mul(tape.constant(Float64Array.of(1, 2)), 3);
    expect(y.requiresGrad).toBe(false);
    expect(y.backward).toBeUndefined();
  });

  it('rejects a non-scalar root', () => {
    const tape = new Tape();
    const x = tape.parameter({ data: Float64Array.of(1, 2), shape: [2] });
    expect(() => tape.backward(x)).toThrow('backward() needs a scalar root, got shape [2]');
  });

  it('names both shapes when broadcasting fails', () => {
    const tape = new Tape();
    expect(() => add(tape.constant(new Float64Array(6), [2, 3]), tape.constant(new Float64Array(4), [4]))).toThrow(
      'cannot broadcast shapes [2, 3] and [4]: axis 1 of the result has extents 3 and 4, and one of them must be 1',
    );
  });
});
