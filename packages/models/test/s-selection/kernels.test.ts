import { describe, expect, it } from 'vitest';
import {
  Rng,
  Tape,
  add,
  checkGradients,
  concat,
  cumsum,
  exp,
  gather,
  log,
  log1p,
  logDiffSigmoid,
  mul,
  neg,
  reshape,
  sigmoid,
  sub,
  sum,
  tensor,
  transpose,
  type Tensor,
  type Var,
} from '@ascent/core';
import { NoisyOrKernel, OrdinalKernel, groupJudgments } from '../../src/index.js';

// Each fused kernel is compared with the same quantity composed from generic ops, in
// value and gradient, and its gradient with central finite differences.

const V = 4;
const T = 3;
const F = 5;
const cellVerb = Int32Array.from([0, 0, 1, 2, 3, 3, 1]);
const cellFrame = Int32Array.from([0, 4, 2, 2, 1, 3, 0]);
const cells = { cellVerb, cellFrame };

function randomTensor(rng: Rng, shape: number[], scale = 1.5): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tensor(Float64Array.from({ length: size }, () => rng.normal(0, scale)), shape);
}

/** odds = alpha / (1 - alpha) with log(1 - alpha) = sum_t log(1 - Lambda Pi), from generic ops. */
function genericOdds(x: Var, y: Var): Var {
  const q = mul(gather(sigmoid(x), cellVerb), gather(sigmoid(transpose(y)), cellFrame));
  const logNot = sum(log1p(neg(q)), { axis: 1 });
  // odds = (1 - b) / b = 1 / b - 1 with b = exp(logNot).
  return sub(exp(neg(logNot)), 1);
}

/** Weighted sum with uneven fixed weights, so each output element counts differently. */
function weighted(node: Var): Var {
  const weights = Float64Array.from({ length: node.size }, (_, i) => 0.4 + Math.cos(1.3 * i) * 0.5);
  return sum(mul(node, node.tape.constant(weights, node.shape)));
}

describe('NoisyOrKernel', () => {
  const rng = new Rng('noisy-or');
  const params = { x: randomTensor(rng, [V, T]), y: randomTensor(rng, [T, F]) };
  const kernel = new NoisyOrKernel(V, T, F);

  it('matches the generic composition in value', () => {
    const tape = new Tape();
    const x = tape.constant(params.x.data, params.x.shape);
    const y = tape.constant(params.y.data, params.y.shape);
    const fused = kernel.odds(x, y, cells).value;
    const generic = genericOdds(x, y).value;
    for (let c = 0; c < fused.length; c++) expect(fused[c] / generic[c]).toBeCloseTo(1, 12);
  });

  it('matches the generic composition in gradient', () => {
    const gradients = (build: (x: Var, y: Var) => Var): Float64Array[] => {
      const tape = new Tape();
      const gx = new Float64Array(V * T);
      const gy = new Float64Array(T * F);
      tape.backward(weighted(build(tape.parameter(params.x, gx), tape.parameter(params.y, gy))));
      return [gx, gy];
    };
    const fused = gradients((x, y) => kernel.odds(x, y, cells));
    const generic = gradients(genericOdds);
    for (let p = 0; p < 2; p++) {
      const a = fused[p] ?? new Float64Array(0);
      const b = generic[p] ?? new Float64Array(0);
      for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i] ?? Number.NaN, 11);
    }
  });

  it('matches finite differences', () => {
    const result = checkGradients((_, vars) => weighted(kernel.odds(vars.x, vars.y, cells)), params);
    expect(result.maxRelativeError).toBeLessThan(1e-8);
  });

  it('matches generic ops with nine types', () => {
    // Nine types: the sigmoid loop takes a group of three vectors, one pair and a padded lane.
    const nineX = randomTensor(rng, [V, 9]);
    const nineY = randomTensor(rng, [9, F]);
    const kernelNine = new NoisyOrKernel(V, 9, F);
    const evaluate = (build: (x: Var, y: Var) => Var): { value: number; gx: Float64Array; gy: Float64Array } => {
      const tape = new Tape();
      const gx = new Float64Array(V * 9);
      const gy = new Float64Array(9 * F);
      const root = weighted(build(tape.parameter(nineX, gx), tape.parameter(nineY, gy)));
      tape.backward(root);
      return { value: root.item(), gx, gy };
    };
    const fused = evaluate((x, y) => kernelNine.odds(x, y, cells));
    const generic = evaluate(genericOdds);
    expect(fused.value / generic.value).toBeCloseTo(1, 12);
    for (let i = 0; i < V * 9; i++) expect(fused.gx[i]).toBeCloseTo(generic.gx[i] ?? Number.NaN, 11);
    for (let i = 0; i < 9 * F; i++) expect(fused.gy[i]).toBeCloseTo(generic.gy[i] ?? Number.NaN, 11);
  });

  it('stays accurate when both sigmoids are near 1', () => {
    // Lambda = Pi = sigmoid(20): 1 - q = sigmoid(-20) + sigmoid(20) sigmoid(-20), about 2e-9,
    // which 1 - Lambda Pi computed directly would round to a multiple of 1.1e-16.
    const tape = new Tape();
    const kernelOne = new NoisyOrKernel(1, 1, 1);
    const odds = kernelOne.odds(tape.constant(Float64Array.of(20), [1, 1]), tape.constant(Float64Array.of(20), [1, 1]), {
      cellVerb: Int32Array.of(0),
      cellFrame: Int32Array.of(0),
    });
    const small = Math.exp(-20) / (1 + Math.exp(-20));
    const large = 1 / (1 + Math.exp(-20));
    const complement = small + large * small;
    expect(odds.item() / ((1 - complement) / complement)).toBeCloseTo(1, 10);
  });

  it('rejects cells outside the tables', () => {
    const tape = new Tape();
    const x = tape.constant(params.x.data, params.x.shape);
    const y = tape.constant(params.y.data, params.y.shape);
    expect(() => kernel.odds(x, y, { cellVerb: Int32Array.of(0, V), cellFrame: Int32Array.of(0, 0) })).toThrow(/cell 1 is \(verb 4, frame 0\)/);
  });

  it('rejects a stale backward pass', () => {
    const tape = new Tape();
    const gx = new Float64Array(V * T);
    const gy = new Float64Array(T * F);
    const x = tape.parameter(params.x, gx);
    const y = tape.parameter(params.y, gy);
    const first = kernel.odds(x, y, cells);
    kernel.odds(x, y, { cellVerb: Int32Array.of(1), cellFrame: Int32Array.of(1) });
    expect(() => tape.backward(sum(first))).toThrow(/another odds\(\) call/);
  });
});

describe('OrdinalKernel', () => {
  const J = 3;
  const K = 7;
  const rng = new Rng('ordinal');
  const itemCell = Int32Array.from([0, 1, 1, 2, 0, 2, 1, 0, 2]);
  const participant = Int32Array.from([0, 1, 2, 0, 1, 2, 2, 1, 0]);
  const response = Int8Array.from([1, 7, 4, 2, 6, 3, 5, 7, 1]);
  const params = {
    odds: tensor(Float64Array.from([0.3, 2.5, 11]), [3]),
    first: randomTensor(rng, [J], 0.8),
    logGaps: randomTensor(rng, [J, K - 2], 0.4),
  };
  const kernel = new OrdinalKernel(J, K);
  const judgments = groupJudgments(itemCell, participant, response, 3, K);

  /** Sum of log(sigmoid(c_k - eta) - sigmoid(c_(k-1) - eta)) from generic ops. */
  function generic(odds: Var, first: Var, logGaps: Var): Var {
    const tape = odds.tape;
    const K = (logGaps.shape[1] ?? 0) + 2;
    const location = gather(log(odds), itemCell);
    const firstColumn = reshape(first, [J, 1]);
    const cuts = concat(
      [
        tape.constant(new Float64Array(J).fill(-Infinity), [J, 1]),
        firstColumn,
        add(firstColumn, cumsum(exp(logGaps), 1)),
        tape.constant(new Float64Array(J).fill(Infinity), [J, 1]),
      ],
      1,
    );
    const flat = reshape(cuts, [J * (K + 1)]);
    const upper = Int32Array.from(participant, (j, i) => j * (K + 1) + (response[i] ?? 0));
    const lower = Int32Array.from(upper, (u) => u - 1);
    return sum(logDiffSigmoid(sub(gather(flat, upper), location), sub(gather(flat, lower), location)));
  }

  /** Evaluates `build` at `values` and returns its value and gradients. */
  function run(values: typeof params, build: (o: Var, f: Var, g: Var) => Var): { value: number; grads: Float64Array[] } {
    const tape = new Tape();
    const grads = [new Float64Array(3), new Float64Array(J), new Float64Array(values.logGaps.data.length)];
    const root = build(
      tape.parameter(values.odds, grads[0]),
      tape.parameter(values.first, grads[1]),
      tape.parameter(values.logGaps, grads[2]),
    );
    tape.backward(root);
    return { value: root.item(), grads };
  }

  it('matches the generic composition in value and gradient', () => {
    const fused = run(params, (o, f, g) => kernel.logLikelihood(o, f, g, judgments));
    const reference = run(params, generic);
    expect(fused.value).toBeCloseTo(reference.value, 12);
    for (let p = 0; p < 3; p++) {
      const a = fused.grads[p] ?? new Float64Array(0);
      const b = reference.grads[p] ?? new Float64Array(0);
      for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i] ?? Number.NaN, 11);
    }
  });

  it('matches generic ops with nine levels', () => {
    // Seven gaps: the cutpoint loop takes a group of three vectors and then one pair.
    const nine = { ...params, logGaps: randomTensor(rng, [J, 7], 0.4) };
    const kernelNine = new OrdinalKernel(J, 9);
    const grouped = groupJudgments(itemCell, participant, response, 3, 9);
    const fused = run(nine, (o, f, g) => kernelNine.logLikelihood(o, f, g, grouped));
    const reference = run(nine, generic);
    expect(fused.value).toBeCloseTo(reference.value, 12);
    for (let p = 0; p < 3; p++) {
      const a = fused.grads[p] ?? new Float64Array(0);
      const b = reference.grads[p] ?? new Float64Array(0);
      for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i] ?? Number.NaN, 11);
    }
  });

  it('matches finite differences', () => {
    const result = checkGradients(
      (_, vars) => kernel.logLikelihood(vars.odds, vars.first, vars.logGaps, judgments),
      params,
    );
    expect(result.maxRelativeError).toBeLessThan(1e-8);
  });

  it('matches generic ops on mixed paths', () => {
    // Cell 1 has odds 1e60 and participant 2's first cutpoint is 150 (e^150 > 1e50):
    // their judgments leave the ratio form, the others stay in it.
    const extreme = {
      odds: tensor(Float64Array.from([0.3, 1e60, 11]), [3]),
      first: tensor(Float64Array.from([params.first.data[0] ?? 0, params.first.data[1] ?? 0, 150]), [J]),
      logGaps: params.logGaps,
    };
    const fused = run(extreme, (o, f, g) => kernel.logLikelihood(o, f, g, judgments));
    const reference = run(extreme, generic);
    expect(Number.isFinite(fused.value)).toBe(true);
    expect(fused.value / reference.value).toBeCloseTo(1, 12);
    for (let p = 0; p < 3; p++) {
      const a = fused.grads[p] ?? new Float64Array(0);
      const b = reference.grads[p] ?? new Float64Array(0);
      for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i] ?? Number.NaN, 9);
    }
  });

  it('ignores judgment order within cells', () => {
    const order = [8, 3, 5, 0, 7, 2, 6, 1, 4];
    const shuffled = groupJudgments(
      Int32Array.from(order, (i) => itemCell[i] ?? 0),
      Int32Array.from(order, (i) => participant[i] ?? 0),
      Int8Array.from(order, (i) => response[i] ?? 0),
      3,
      K,
    );
    const value = (grouping: typeof judgments): number => {
      const tape = new Tape();
      const vars = [params.odds, params.first, params.logGaps].map((t) => tape.constant(t.data, t.shape));
      return kernel.logLikelihood(vars[0] as Var, vars[1] as Var, vars[2] as Var, grouping).item();
    };
    expect(value(shuffled)).toBeCloseTo(value(judgments), 12);
  });

  it('rejects out-of-range judgments', () => {
    const tape = new Tape();
    const vars = [params.odds, params.first, params.logGaps].map((t) => tape.constant(t.data, t.shape));
    const outside = groupJudgments(Int32Array.of(0), Int32Array.of(J), Int8Array.of(2), 3, K);
    expect(() => kernel.logLikelihood(vars[0] as Var, vars[1] as Var, vars[2] as Var, outside)).toThrow(/participant 3 and response 2, outside 3 participants/);
    const noLevel = groupJudgments(Int32Array.of(0), Int32Array.of(0), Int8Array.of(0), 3, K);
    expect(() => kernel.logLikelihood(vars[0] as Var, vars[1] as Var, vars[2] as Var, noLevel)).toThrow(/response 0, outside 3 participants and levels 1..7/);
  });

  it('takes the log-space path for extreme odds and stays finite', () => {
    // Odds of 1e60 put the location at eta = 138, far above every cutpoint: category 7
    // has probability near 1 and category 1 about e^(c_1 - 138).
    const tape = new Tape();
    const extreme = kernel.logLikelihood(
      tape.constant(Float64Array.of(1e60), [1]),
      tape.constant(Float64Array.of(0, 0, 0), [J]),
      tape.constant(new Float64Array(J * (K - 2)), [J, K - 2]),
      groupJudgments(Int32Array.of(0, 0), Int32Array.of(0, 1), Int8Array.of(7, 1), 1, K),
    );
    const eta = 60 * Math.log(10);
    // log sigmoid(eta - (0 + 5)) for k = 7 (cutpoint 6 = 0 + 5 gaps of 1) and log sigmoid(0 - eta) for k = 1.
    const expected = -Math.log1p(Math.exp(-(eta - 5))) + (0 - eta - Math.log1p(Math.exp(-eta)));
    expect(extreme.item()).toBeCloseTo(expected, 9);
  });
});
