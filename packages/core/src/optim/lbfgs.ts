import {
  requireHyperparameter,
  type ClosureOptimizer,
  type ClosureStepResult,
  type ClosureStop,
  type LossAndGradient,
  type ParameterArrays,
} from './optimizer.js';
import { addScaled, allFinite, checkSize, copyParameters, gatherGradient, setParameters } from './flat-parameters.js';
import { setDirection } from './lbfgs-direction.js';
import { dot, maxAbs, strongWolfe, type DirectionalObjective } from './strong-wolfe.js';

export interface LbfgsOptions {
  /** Default 1. */
  readonly lr?: number;
  /** Maximum inner iterations per `step`. Default 20. */
  readonly maxIter?: number;
  /** Maximum objective evaluations per `step`, checked after each iteration. Default floor(maxIter * 5 / 4). */
  readonly maxEval?: number;
  /** Threshold on max |g| at or below which a step stops. Default 1e-7. */
  readonly toleranceGrad?: number;
  /** Threshold on the step, the loss change and the descent slope below which a step stops. Default 1e-9. */
  readonly toleranceChange?: number;
  /** Number of curvature pairs kept. Default 100. */
  readonly historySize?: number;
  /** Step-length rule: 'none' (default) moves lr along the direction, 'strong-wolfe' runs `strongWolfe`. */
  readonly lineSearch?: 'none' | 'strong-wolfe';
}

export interface LbfgsState {
  /** Number of elements of all parameters together, fixed by `init`. */
  readonly size: number;
  /** Inner iterations over all steps so far (PyTorch's `n_iter`). */
  iterations: number;
  /** Objective evaluations over all steps so far (PyTorch's `func_evals`). */
  evaluations: number;
  /** Search direction of the latest iteration. */
  readonly direction: Float64Array;
  /** Step length along `direction` of the latest iteration. */
  stepLength: number;
  /** Flat gradient at the start of the latest iteration. */
  readonly previousGradient: Float64Array;
  /** Loss at the start of the latest iteration, or undefined before the first one. */
  previousLoss: number | undefined;
  /** Parameter changes s of the kept curvature pairs, oldest first. */
  readonly parameterChanges: Float64Array[];
  /** Gradient changes y of the kept curvature pairs, oldest first. */
  readonly gradientChanges: Float64Array[];
  /** 1 / (y·s) of the kept curvature pairs, oldest first. */
  readonly rho: number[];
  /** Scale y·s / y·y of the initial inverse Hessian, from the newest accepted pair. */
  hessianScale: number;
  /** Scratch buffers, which carry no information from one step to the next. */
  readonly workspace: LbfgsWorkspace;
}

export interface LbfgsWorkspace {
  /** Flat gradient at the current point. */
  readonly gradient: Float64Array;
  /** Flat parameters at the start of the current iteration. */
  readonly start: Float64Array;
  /** Candidate curvature pair, kept only if y·s > 1e-10. */
  candidateChange: Float64Array;
  candidateGradientChange: Float64Array;
  /** Coefficients of the two-loop recursion, one per kept pair. */
  readonly alpha: Float64Array;
  /** Trial gradients of the line search. */
  readonly lineSearch: readonly [Float64Array, Float64Array, Float64Array];
}

/**
 * L-BFGS (Nocedal, 1980; Liu and Nocedal, 1989), as `torch.optim.LBFGS` in PyTorch 1.13.
 * All parameters form one flat vector, in the key order of the params object. That is
 * insertion order, except that JavaScript puts integer-like keys first, ascending.
 *
 * One `step` runs up to maxIter iterations. Each iteration sets the direction
 * d = -H g, where H g comes from the two-loop recursion over the kept pairs (s, y) and
 * the initial scale y·s / y·y of the newest pair. A pair enters the history only if
 * y·s > 1e-10. The very first iteration uses d = -g with step length
 * min(1, 1 / sum |g|) * lr. Later ones start from lr. Without a line search the step
 * is p = p + lr * d, and the last iteration of a step does not evaluate at the new
 * point. With 'strong-wolfe', `strongWolfe` picks the length, always with c1 = 1e-4,
 * c2 = 0.9, at most 25 extra evaluations and a tolerance of 1e-9. PyTorch does not pass
 * toleranceChange to its line search either.
 *
 * A step stops, in this order of checks, when g·d > -toleranceChange, after maxIter
 * iterations, when the step's evaluations reach maxEval (a line search may overshoot
 * it), when max |g| <= toleranceGrad, when max |t d| <= toleranceChange, or when the
 * loss changed by less than toleranceChange. It also returns at once if max |g| is
 * already within toleranceGrad at the start. History, direction and step length carry
 * over to the next `step`, so the first iteration of a step adds the pair from the
 * last move of the previous one.
 *
 * Parameter updates and the two-loop recursion use `fusedMultiplyAdd`, because
 * PyTorch's CPU kernels round p + t * d once (with FMA on AVX2 machines). Rounding
 * twice instead moved the Rosenbrock trajectory of the reference test 1e-10 away from
 * PyTorch's within 40 iterations.
 *
 * Unlike PyTorch, a step stops with 'non-finite' when an evaluation returns a
 * non-finite loss or gradient, and leaves the parameters at the start of that
 * iteration. PyTorch would report the gradient of a constant +Infinity loss as
 * converged, and it moves to NaN when a trial point's loss is NaN.
 *
 * PyTorch's docstring gives toleranceGrad a default of 1e-5, but its code uses 1e-7,
 * and so does this function. PyTorch keeps 100 pairs by default, where SciPy's L-BFGS-B
 * keeps 10 (`maxcor`). Each `step` is a budgeted run of iterations, not a full
 * minimization.
 */
export function lbfgs(options: LbfgsOptions = {}): ClosureOptimizer<LbfgsState> {
  const {
    lr = 1,
    maxIter = 20,
    maxEval = Math.floor((maxIter * 5) / 4),
    toleranceGrad = 1e-7,
    toleranceChange = 1e-9,
    historySize = 100,
    lineSearch = 'none',
  } = options;
  requireHyperparameter('lbfgs', 'lr', lr, { min: 0 });
  requireCount('maxIter', maxIter);
  requireCount('maxEval', maxEval);
  requireHyperparameter('lbfgs', 'toleranceGrad', toleranceGrad, { min: 0 });
  requireHyperparameter('lbfgs', 'toleranceChange', toleranceChange, { min: 0 });
  requireCount('historySize', historySize);
  if (lineSearch !== 'none' && lineSearch !== 'strong-wolfe') {
    throw new RangeError(`lbfgs: lineSearch must be 'none' or 'strong-wolfe', got ${JSON.stringify(lineSearch)}`);
  }

  return {
    kind: 'closure',
    name: 'lbfgs',
    lr,
    init(params: ParameterArrays): LbfgsState {
      let size = 0;
      for (const p of Object.values(params)) size += p.length;
      return {
        size,
        iterations: 0,
        evaluations: 0,
        direction: new Float64Array(size),
        stepLength: lr,
        previousGradient: new Float64Array(size),
        previousLoss: undefined,
        parameterChanges: [],
        gradientChanges: [],
        rho: [],
        hessianScale: 1,
        workspace: {
          gradient: new Float64Array(size),
          start: new Float64Array(size),
          candidateChange: new Float64Array(size),
          candidateGradientChange: new Float64Array(size),
          alpha: new Float64Array(historySize),
          lineSearch: [new Float64Array(size), new Float64Array(size), new Float64Array(size)],
        },
      };
    },

    step(evaluate: LossAndGradient, grads, state, params, stepLr): ClosureStepResult {
      checkSize('lbfgs', params, state.size);
      const { direction: d, workspace } = state;
      const { gradient: g, start } = workspace;

      let loss = evaluate();
      gatherGradient(grads, params, g);
      let evaluations = 1;
      state.evaluations += 1;
      const initialLoss = loss;
      if (!Number.isFinite(loss) || !allFinite(g)) return { initialLoss, evaluations, stop: 'non-finite' };
      if (maxAbs(g) <= toleranceGrad) return { initialLoss, evaluations, stop: 'gradient-tolerance' };

      // A line search evaluates at start + t d and puts the parameters back at start.
      const evaluateAlong: DirectionalObjective = (t, gradientOut) => {
        addScaled(params, t, d);
        const value = evaluate();
        gatherGradient(grads, params, gradientOut);
        setParameters(params, start);
        return value;
      };

      let stop: ClosureStop = 'max-iterations';
      let iteration = 0;
      while (iteration < maxIter) {
        iteration += 1;
        state.iterations += 1;
        setDirection(state, historySize);
        state.previousGradient.set(g);
        const previousLoss = loss;
        state.previousLoss = loss;

        state.stepLength = state.iterations === 1 ? Math.min(1, 1 / sumAbs(g)) * stepLr : stepLr;
        const gtd = dot(g, d);
        if (gtd > -toleranceChange) {
          stop = 'change-tolerance';
          break;
        }

        copyParameters(params, start);
        const moved =
          lineSearch === 'strong-wolfe'
            ? moveWithLineSearch(state, params, evaluateAlong, loss, gtd)
            : moveFixedStep(state, params, grads, evaluate, loss, iteration !== maxIter);
        loss = moved.loss;
        evaluations += moved.evaluations;
        state.evaluations += moved.evaluations;

        if (!moved.finite) {
          stop = 'non-finite';
          break;
        }
        if (iteration === maxIter) {
          stop = 'max-iterations';
          break;
        }
        if (evaluations >= maxEval) {
          stop = 'max-evaluations';
          break;
        }
        if (maxAbs(g) <= toleranceGrad) {
          stop = 'gradient-tolerance';
          break;
        }
        if (maxAbs(d) * Math.abs(state.stepLength) <= toleranceChange) {
          stop = 'change-tolerance';
          break;
        }
        if (Math.abs(loss - previousLoss) < toleranceChange) {
          stop = 'change-tolerance';
          break;
        }
      }
      return { initialLoss, evaluations, stop };
    },
  };
}

interface Move {
  /** Loss at the new point, or the previous loss when the step did not evaluate there. */
  readonly loss: number;
  readonly evaluations: number;
  /** Whether every evaluation was finite. When false, the parameters are back at the start. */
  readonly finite: boolean;
}

/**
 * Moves the parameters from `workspace.start` to the step length that `strongWolfe`
 * finds, and leaves the gradient there in `workspace.gradient`.
 */
function moveWithLineSearch(
  state: LbfgsState,
  params: ParameterArrays,
  evaluateAlong: DirectionalObjective,
  loss: number,
  gtd: number,
): Move {
  const { direction: d, workspace } = state;
  const found = strongWolfe(evaluateAlong, d, state.stepLength, loss, workspace.gradient, gtd, workspace.lineSearch);
  if (!found.finite) return { loss, evaluations: found.evaluations, finite: false };

  state.stepLength = found.step;
  workspace.gradient.set(found.gradient);
  addScaled(params, state.stepLength, d);
  return { loss: found.loss, evaluations: found.evaluations, finite: true };
}

/**
 * Moves the parameters by stepLength along the direction. Unless `evaluateAtEnd` is
 * false, as on the last iteration of a step, it also evaluates the loss and gradient
 * there, and it moves back to `workspace.start` if either is non-finite.
 */
function moveFixedStep(
  state: LbfgsState,
  params: ParameterArrays,
  grads: ParameterArrays,
  evaluate: LossAndGradient,
  loss: number,
  evaluateAtEnd: boolean,
): Move {
  const { workspace } = state;
  addScaled(params, state.stepLength, state.direction);
  if (!evaluateAtEnd) return { loss, evaluations: 0, finite: true };

  const newLoss = evaluate();
  gatherGradient(grads, params, workspace.gradient);
  if (!Number.isFinite(newLoss) || !allFinite(workspace.gradient)) {
    setParameters(params, workspace.start);
    return { loss: newLoss, evaluations: 1, finite: false };
  }
  return { loss: newLoss, evaluations: 1, finite: true };
}

function requireCount(name: string, value: number): void {
  requireHyperparameter('lbfgs', name, value, { min: 1 });
  if (!Number.isInteger(value)) throw new RangeError(`lbfgs: ${name} must be an integer, got ${value}`);
}

// NOTE: PyTorch (1.13, AVX2 kernels) sums five or more elements in a blocked, vectorized
// order, so for larger parameter vectors the first step length can differ from PyTorch's
// in the last bit. Ill-conditioned runs then drift apart slowly. Below five elements,
// and everywhere else in a step, the rounding matches PyTorch's.
function sumAbs(x: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs(x[i]);
  return sum;
}
