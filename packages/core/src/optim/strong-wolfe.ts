/**
 * Line search for the strong Wolfe conditions with cubic interpolation, following the
 * `_strong_wolfe` and `_cubic_interpolate` helpers of `torch.optim.LBFGS` (PyTorch 1.13),
 * which PyTorch ported from Lua torch's `lswolfe.lua` and `polyinterp.lua`. Floating-point
 * operations keep PyTorch's order, so `lbfgs` reproduces PyTorch's trajectories.
 */

/**
 * Loss at x + step * direction, with the gradient there written into `gradient`. The
 * parameters must be back at x when it returns.
 */
export type DirectionalObjective = (step: number, gradient: Float64Array) => number;

export interface StrongWolfeOptions {
  /** Sufficient-decrease (Armijo) constant. Default 1e-4. */
  readonly c1?: number;
  /** Curvature constant. Default 0.9. */
  readonly c2?: number;
  /** Bracket width, times max |direction|, below which the zoom stops. Default 1e-9. */
  readonly toleranceChange?: number;
  /** Maximum number of evaluations after the first. Default 25. */
  readonly maxIterations?: number;
}

export interface StrongWolfeResult {
  /** Accepted step length along the direction; 0 when `finite` is false. */
  readonly step: number;
  readonly loss: number;
  /** Gradient at the accepted step: the initial gradient itself or a workspace buffer. */
  readonly gradient: Float64Array;
  readonly evaluations: number;
  /**
   * Whether every evaluation returned a finite loss and g·d. When false, the search
   * stopped at the first non-finite one, and the other fields describe the starting point.
   */
  readonly finite: boolean;
}

/**
 * Searches along `direction` from x for a step t with
 *
 *   f(x + t d) <= f(x) + c1 t g·d   and   |g(x + t d)·d| <= -c2 g·d.
 *
 * First it tries `initialStep` and extrapolates by cubic interpolation, kept within
 * [t + 0.01 (t - tPrev), 10 t], until it brackets such a step. Then it shrinks the
 * bracket by safeguarded cubic interpolation. A trial within 10% of the bracket's width
 * from an end moves to that distance from the nearer end if the previous trial was
 * also that close or the trial lies outside the bracket. When the evaluations run out
 * or the bracket gets too narrow, it returns the bracket end with the lower loss, which
 * can be step 0. PyTorch does not report that case as a failure, and neither does this
 * function.
 *
 * `gtd` is g·d at x and must be negative. `workspace` provides three buffers of the
 * gradient's length for trial gradients. The function never writes to `gradient`.
 * A non-finite g·d also catches a non-finite gradient element, since that element
 * makes its product with d infinite or NaN.
 */
export function strongWolfe(
  objective: DirectionalObjective,
  direction: Float64Array,
  initialStep: number,
  loss: number,
  gradient: Float64Array,
  gtd: number,
  workspace: readonly [Float64Array, Float64Array, Float64Array],
  options: StrongWolfeOptions = {},
): StrongWolfeResult {
  const { c1 = 1e-4, c2 = 0.9, toleranceChange = 1e-9, maxIterations = 25 } = options;
  const directionMax = maxAbs(direction);
  const atStart: StrongWolfeResult = { step: 0, loss, gradient, evaluations: 0, finite: false };

  let t = initialStep;
  let gNew = unusedBuffer(workspace, gradient, gradient);
  let fNew = objective(t, gNew);
  let gtdNew = dot(gNew, direction);
  let evaluations = 1;
  if (!Number.isFinite(fNew) || !Number.isFinite(gtdNew)) return { ...atStart, evaluations };

  // Bracketing phase: extrapolate until [tPrev, t] contains an acceptable step.
  let tPrev = 0;
  let fPrev = loss;
  let gPrev = gradient;
  let gtdPrev = gtd;
  let bracket: Bracket | undefined;
  let iteration = 0;
  while (iteration < maxIterations) {
    if (fNew > loss + c1 * t * gtd || (iteration > 1 && fNew >= fPrev)) {
      bracket = { steps: [tPrev, t], losses: [fPrev, fNew], gradients: [gPrev, gNew], slopes: [gtdPrev, gtdNew] };
      break;
    }
    if (Math.abs(gtdNew) <= -c2 * gtd) {
      return { step: t, loss: fNew, gradient: gNew, evaluations, finite: true };
    }
    if (gtdNew >= 0) {
      bracket = { steps: [tPrev, t], losses: [fPrev, fNew], gradients: [gPrev, gNew], slopes: [gtdPrev, gtdNew] };
      break;
    }

    const minStep = t + 0.01 * (t - tPrev);
    const maxStep = t * 10;
    const previousStep = t;
    t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
    tPrev = previousStep;
    fPrev = fNew;
    gPrev = gNew;
    gtdPrev = gtdNew;

    gNew = unusedBuffer(workspace, gPrev, gPrev);
    fNew = objective(t, gNew);
    gtdNew = dot(gNew, direction);
    evaluations += 1;
    iteration += 1;
    if (!Number.isFinite(fNew) || !Number.isFinite(gtdNew)) return { ...atStart, evaluations };
  }
  if (bracket === undefined) {
    // Out of evaluations while extrapolating: the zoom below does not run.
    bracket = { steps: [0, t], losses: [loss, fNew], gradients: [gradient, gNew], slopes: [gtd, gtdNew] };
  }

  // Zoom phase: shrink the bracket around a step that meets both conditions.
  const { steps, losses, gradients, slopes } = bracket;
  let low = losses[0] <= losses[1] ? 0 : 1;
  let high = 1 - low;
  let insufficientProgress = false;
  let done = false;
  while (!done && iteration < maxIterations) {
    if (Math.abs(steps[1] - steps[0]) * directionMax < toleranceChange) break;

    t = cubicInterpolate(steps[0], losses[0], slopes[0], steps[1], losses[1], slopes[1]);
    const upper = larger(steps[0], steps[1]);
    const lower = smaller(steps[0], steps[1]);
    const margin = 0.1 * (upper - lower);
    if (smaller(upper - t, t - lower) < margin) {
      if (insufficientProgress || t >= upper || t <= lower) {
        t = Math.abs(t - upper) < Math.abs(t - lower) ? upper - margin : lower + margin;
        insufficientProgress = false;
      } else {
        insufficientProgress = true;
      }
    } else {
      insufficientProgress = false;
    }

    gNew = unusedBuffer(workspace, gradients[0], gradients[1]);
    fNew = objective(t, gNew);
    gtdNew = dot(gNew, direction);
    evaluations += 1;
    iteration += 1;
    if (!Number.isFinite(fNew) || !Number.isFinite(gtdNew)) return { ...atStart, evaluations };

    if (fNew > loss + c1 * t * gtd || fNew >= losses[low]) {
      // Not low enough: the trial replaces the high end.
      steps[high] = t;
      losses[high] = fNew;
      gradients[high] = gNew;
      slopes[high] = gtdNew;
      low = losses[0] <= losses[1] ? 0 : 1;
      high = 1 - low;
    } else {
      if (Math.abs(gtdNew) <= -c2 * gtd) {
        done = true;
      } else if (gtdNew * (steps[high] - steps[low]) >= 0) {
        // The slope points back past the low end, so the old low end becomes the high end.
        steps[high] = steps[low];
        losses[high] = losses[low];
        gradients[high] = gradients[low];
        slopes[high] = slopes[low];
      }
      steps[low] = t;
      losses[low] = fNew;
      gradients[low] = gNew;
      slopes[low] = gtdNew;
    }
  }

  return { step: steps[low], loss: losses[low], gradient: gradients[low], evaluations, finite: true };
}

/**
 * Returns the minimizer of the cubic through (x1, f1) and (x2, f2) with slopes g1 and g2,
 * clamped to [lowerBound, upperBound], which default to the interval between x1 and x2.
 * Returns the interval's midpoint when the cubic has no real minimizer or its
 * discriminant is NaN.
 */
export function cubicInterpolate(
  x1: number,
  f1: number,
  g1: number,
  x2: number,
  f2: number,
  g2: number,
  lowerBound: number = x1 <= x2 ? x1 : x2,
  upperBound: number = x1 <= x2 ? x2 : x1,
): number {
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2Square = d1 * d1 - g1 * g2;
  if (!(d2Square >= 0)) return (lowerBound + upperBound) / 2;

  const d2 = Math.sqrt(d2Square);
  const minimizer =
    x1 <= x2
      ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
      : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
  return smaller(larger(minimizer, lowerBound), upperBound);
}

interface Bracket {
  readonly steps: [number, number];
  readonly losses: [number, number];
  readonly gradients: [Float64Array, Float64Array];
  readonly slopes: [number, number];
}

// Python's max and min keep the first argument unless the second compares strictly
// larger or smaller. Math.max and Math.min differ for NaN and signed zeros.
function larger(a: number, b: number): number {
  return b > a ? b : a;
}

function smaller(a: number, b: number): number {
  return b < a ? b : a;
}

/** Returns a workspace buffer that is neither `a` nor `b`, so no live gradient is overwritten. */
function unusedBuffer(
  workspace: readonly [Float64Array, Float64Array, Float64Array],
  a: Float64Array,
  b: Float64Array,
): Float64Array {
  for (const buffer of workspace) if (buffer !== a && buffer !== b) return buffer;
  throw new Error('strongWolfe: the workspace must contain three distinct buffers');
}

/** Sums x[i] * y[i] in index order. */
export function dot(x: Float64Array, y: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i] * y[i];
  return sum;
}

/** Returns max |x[i]|, or 0 for an empty array. NaN elements are skipped. */
export function maxAbs(x: Float64Array): number {
  let max = 0;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]);
    if (a > max) max = a;
  }
  return max;
}
