import { Tape, add, scale, special, square, sub, sum, type NamedTensors, type Tensor, type Var } from '@ascent/core';
import type { AcceptabilityJudgments } from '../data/mega-acceptability.js';
import type { Model, ParameterVars } from '../model.js';
import { BatchCellPlanner, indexCells, type CellIndex } from './cells.js';
import { genericSelectionLogLikelihood, groupedItems, type GenericItems } from './generic.js';
import { NoisyOrKernel } from './noisy-or.js';
import { OrdinalKernel, groupJudgments } from './ordinal.js';

/** A Normal prior: mean and standard deviation. */
export interface NormalPrior {
  readonly mean: number;
  readonly scale: number;
}

export interface SelectionPrior {
  /** Normal prior on every verb-type and type-frame logit; flat when omitted. */
  readonly logits?: NormalPrior;
  /** Normal prior on each cutpoint log-gap, i.e. a log-normal prior on the gaps; flat when omitted. */
  readonly cutpointLogGaps?: NormalPrior;
}

export interface SelectionOptions {
  readonly data: AcceptabilityJudgments;
  /** Number of latent type signatures T. */
  readonly types: number;
  readonly prior?: SelectionPrior;
  /** Use the fused noisy-or and ordinal kernels (default) or the generic autodiff ops. */
  readonly fused?: boolean;
  /** Standard deviation of the Normal(0, s) initial logits. Default 1. */
  readonly initScale?: number;
}

/** Initial first cutpoint and gap: cutpoints -2, -1.2, ..., 2 on the 7-point scale. */
const INITIAL_FIRST_CUTPOINT = -2;
const INITIAL_GAP = 0.8;

/**
 * Builds the S-selection model of White & Rawlins (2016), "A computational model of
 * S-selection", Semantics and Linguistic Theory 26: 641-663.
 *
 * Verbs v select latent semantic type signatures t, which project to syntactic frames f:
 *
 *   Lambda[v,t] = sigmoid(x[v,t])    probability that verb v has type signature t
 *   Pi[t,f]     = sigmoid(y[t,f])    probability that type signature t projects to frame f
 *   alpha[v,f]  = 1 - prod_t (1 - Lambda[v,t] Pi[t,f])     (noisy-or)
 *
 * Participant j's ordinal response k in 1..K to verb v in frame f follows an ordered
 * logit at location eta = logit(alpha[v,f]) with cutpoints c[j,1] < ... < c[j,K-1]
 * (a first value plus positive gaps exp(d)):
 *
 *   P(k) = sigmoid(c[j,k] - eta) - sigmoid(c[j,k-1] - eta),  c[j,0] = -inf, c[j,K] = +inf.
 *
 * Log-prior: optionally x, y ~ Normal(mean, scale) elementwise, and d ~ Normal(mean,
 * scale) elementwise. Both are flat by default, which makes the fit maximum likelihood,
 * as in White & Rawlins (2016).
 */
export function sSelectionModel(options: SelectionOptions): Model {
  const { data, types } = options;
  if (!Number.isInteger(types) || types < 1) throw new RangeError(`s-selection: types must be a positive integer, got ${types}`);
  const V = data.verbs.length;
  const F = data.frames.length;
  const J = data.participants.length;
  const K = data.levels;
  const N = data.response.length;
  if (N === 0) throw new RangeError('s-selection: the data has no judgments');
  const fused = options.fused ?? true;
  const initScale = options.initScale ?? 1;
  const prior = options.prior ?? {};

  const cells: CellIndex = indexCells(data.verb, data.frame, F);
  const fullCells = { cellVerb: cells.cellVerb, cellFrame: cells.cellFrame };
  const fullJudgments = groupJudgments(cells.judgmentCell, data.participant, data.response, cells.cellVerb.length, K);
  const planner = new BatchCellPlanner(cells, data.participant, data.response, K);
  const noisyOr = new NoisyOrKernel(V, types, F);
  const ordinal = new OrdinalKernel(J, K);
  // The generic path reads the full data in the same cell order as the fused kernels.
  let fullItems: GenericItems | undefined;

  function logLikelihood(tape: Tape, params: ParameterVars, batch: Int32Array | undefined): Var {
    const { verbType, typeFrame, cutpointFirst, cutpointLogGaps } = params;
    if (!fused) {
      if (batch === undefined) {
        fullItems ??= groupedItems(fullJudgments);
        return genericSelectionLogLikelihood(tape, { verbType, typeFrame, cutpointFirst, cutpointLogGaps }, fullCells, fullItems);
      }
      const planned = planner.plan(batch);
      return genericSelectionLogLikelihood(tape, { verbType, typeFrame, cutpointFirst, cutpointLogGaps }, planned, {
        itemCell: planned.itemCell,
        upperCut: planned.itemSlot,
        lowerCut: planned.itemSlot.map((upper) => upper - 1),
      });
    }
    const planned = batch === undefined ? undefined : planner.plan(batch);
    const odds = noisyOr.odds(verbType, typeFrame, planned ?? fullCells);
    return ordinal.logLikelihood(odds, cutpointFirst, cutpointLogGaps, planned ?? fullJudgments);
  }

  function logPrior(tape: Tape, params: ParameterVars): Var {
    let total = tape.constant(0);
    if (prior.logits !== undefined) {
      total = add(total, normalLogDensity(params.verbType, prior.logits));
      total = add(total, normalLogDensity(params.typeFrame, prior.logits));
    }
    if (prior.cutpointLogGaps !== undefined) total = add(total, normalLogDensity(params.cutpointLogGaps, prior.cutpointLogGaps));
    return total;
  }

  /**
   * Expected response of each judgment (in data order) at `params`:
   * E[k] = sum_k k P(k) = K - sum_{k=1}^{K-1} sigmoid(c[j,k] - eta).
   */
  function expectedValues(params: NamedTensors): Float64Array {
    const tape = new Tape();
    const value = (name: string): Tensor => {
      const t = params[name];
      if (t === undefined) throw new Error(`s-selection: missing parameter "${name}"`);
      return t;
    };
    const x = value('verbType');
    const y = value('typeFrame');
    const odds = noisyOr.odds(tape.constant(x.data, x.shape), tape.constant(y.data, y.shape), fullCells).value;
    const first = value('cutpointFirst').data;
    const logGaps = value('cutpointLogGaps').data;
    const expected = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      const j = data.participant[i];
      const eta = Math.log(odds[cells.judgmentCell[i]]);
      let cut = first[j];
      let below = special.sigmoid(cut - eta);
      for (let m = 0; m < K - 2; m++) {
        cut += Math.exp(logGaps[j * (K - 2) + m]);
        below += special.sigmoid(cut - eta);
      }
      expected[i] = K - below;
    }
    return expected;
  }

  return {
    name: 's-selection',
    expectedValues,
    observedValues: Float64Array.from(data.response),
    dataSize: N,
    freeParameterCount: V * types + types * F + J * (K - 1),
    parameters: [
      {
        name: 'verbType',
        shape: [V, types],
        description: 'x[v,t], logit of the probability that verb v has type signature t',
        init: (rng) => Float64Array.from({ length: V * types }, () => rng.normal(0, initScale)),
      },
      {
        name: 'typeFrame',
        shape: [types, F],
        description: 'y[t,f], logit of the probability that type signature t projects to frame f',
        init: (rng) => Float64Array.from({ length: types * F }, () => rng.normal(0, initScale)),
      },
      {
        name: 'cutpointFirst',
        shape: [J],
        description: "c[j,1], participant j's lowest cutpoint",
        init: () => new Float64Array(J).fill(INITIAL_FIRST_CUTPOINT),
      },
      {
        name: 'cutpointLogGaps',
        shape: [J, K - 2],
        description: "d[j,k], log of the gap between participant j's cutpoints k and k+1",
        init: () => new Float64Array(J * (K - 2)).fill(Math.log(INITIAL_GAP)),
      },
    ],
    logLikelihood,
    logPrior,
  };
}

/** Sum of Normal(mean, scale) log densities over the elements of `x`. */
function normalLogDensity(x: Var, prior: NormalPrior): Var {
  if (!(prior.scale > 0)) throw new RangeError(`Normal prior scale must be positive, got ${prior.scale}`);
  const centred = prior.mean === 0 ? x : sub(x, prior.mean);
  const constant = -x.size * (Math.log(prior.scale) + 0.5 * Math.log(2 * Math.PI));
  return add(scale(sum(square(centred)), -0.5 / (prior.scale * prior.scale)), constant);
}
