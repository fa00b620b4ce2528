import { Tape, type Var } from '../autodiff/tape.js';
import type { NamedTensors } from '../tensor/tensor.js';

/** Builds a scalar from parameter nodes on the given tape. */
export type ScalarFunction = (tape: Tape, params: Readonly<Record<string, Var>>) => Var;

export interface GradientCheckOptions {
  /**
   * Relative step: each coordinate moves by step * max(1, |x|). Default 1e-3 with
   * Richardson extrapolation, 1e-6 without.
   */
  readonly step?: number;
  /**
   * Combine central differences at steps h and h/2 as (4 D(h/2) - D(h)) / 3, which
   * cancels the O(h^2) error term and leaves O(h^4). This allows a larger step, so
   * rounding error in f matters less. Default true.
   */
  readonly richardson?: boolean;
  /**
   * Coordinates to check per parameter; when a parameter has more, that many are
   * picked evenly spaced. Default: all.
   */
  readonly maxCoordinates?: number;
}

export interface GradientMismatch {
  readonly parameter: string;
  readonly index: number;
  readonly analytic: number;
  readonly numeric: number;
  /** |analytic - numeric| / max(|analytic|, |numeric|, floor), with the floor below. */
  readonly relativeError: number;
}

export interface GradientCheckResult {
  readonly value: number;
  readonly maxRelativeError: number;
  /** The coordinate with the largest relative error, or undefined when none was checked. */
  readonly worst: GradientMismatch | undefined;
  readonly checked: number;
}

/**
 * Compares reverse-mode gradients of `fn` with central finite differences
 * D(h) = (f(x + h) - f(x - h)) / 2h, whose truncation error is O(h^2), refined by
 * Richardson extrapolation unless `richardson` is false.
 *
 * The relative error of each coordinate is measured against max(|analytic|, |numeric|,
 * 1e-8 * max(1, |f(x)|)), so that coordinates with a negligible gradient compare at the
 * scale of the function value rather than of zero.
 */
export function checkGradients(fn: ScalarFunction, params: NamedTensors, options: GradientCheckOptions = {}): GradientCheckResult {
  const richardson = options.richardson ?? true;
  const step = options.step ?? (richardson ? 1e-3 : 1e-6);
  const evaluate = (): number => {
    const tape = new Tape();
    const nodes: Record<string, Var> = {};
    for (const [name, t] of Object.entries(params)) nodes[name] = tape.constant(t.data, t.shape);
    return fn(tape, nodes).item();
  };

  const tape = new Tape();
  const nodes: Record<string, Var> = {};
  const grads: Record<string, Float64Array> = {};
  for (const [name, t] of Object.entries(params)) {
    grads[name] = new Float64Array(t.data.length);
    nodes[name] = tape.parameter(t, grads[name]);
  }
  const root = fn(tape, nodes);
  const value = root.item();
  tape.backward(root);

  const floor = 1e-8 * Math.max(1, Math.abs(value));
  let worst: GradientMismatch | undefined;
  let checked = 0;
  for (const [name, t] of Object.entries(params)) {
    const analytic = grads[name];
    for (const index of coordinates(t.data.length, options.maxCoordinates)) {
      const original = t.data[index];
      const h = step * Math.max(1, Math.abs(original));
      const centralDifference = (width: number): number => {
        t.data[index] = original + width;
        const up = evaluate();
        t.data[index] = original - width;
        const down = evaluate();
        t.data[index] = original;
        return (up - down) / (2 * width);
      };
      const coarse = centralDifference(h);
      const numeric = richardson ? (4 * centralDifference(h / 2) - coarse) / 3 : coarse;
      const a = analytic[index];
      const relativeError = Math.abs(a - numeric) / Math.max(Math.abs(a), Math.abs(numeric), floor);
      checked += 1;
      if (worst === undefined || !(relativeError <= worst.relativeError)) {
        worst = { parameter: name, index, analytic: a, numeric, relativeError };
      }
    }
  }
  return { value, maxRelativeError: worst?.relativeError ?? 0, worst, checked };
}

function coordinates(length: number, max: number | undefined): number[] {
  if (max === undefined || length <= max) return Array.from({ length }, (_, i) => i);
  const picked = new Set<number>();
  for (let k = 0; k < max; k++) picked.add(Math.floor((k * (length - 1)) / Math.max(1, max - 1)));
  return [...picked];
}
