import {
  add,
  concat,
  cumsum,
  exp,
  expm1,
  gather,
  log,
  logDiffSigmoid,
  mul,
  neg,
  reshape,
  sigmoid,
  sub,
  sum,
  sumLog1p,
  transpose,
  type Tape,
  type Var,
} from '@ascent/core';
import type { GroupedJudgments } from './ordinal.js';

/** The judgments of a batch, with each one's cell and the flat indices of its two cutpoints. */
export interface GenericItems {
  readonly itemCell: Int32Array;
  /** participant * (K + 1) + response: the upper cutpoint in the padded [J, K + 1] table. */
  readonly upperCut: Int32Array;
  /** upperCut - 1. */
  readonly lowerCut: Int32Array;
}

/**
 * Returns the items of judgments grouped by cell (see groupJudgments) in that order:
 * each judgment's cell, and its upper and lower cutpoints, which are its slot and the
 * one below.
 */
export function groupedItems(grouped: GroupedJudgments): GenericItems {
  const { cellStart, slot } = grouped;
  const itemCell = new Int32Array(slot.length);
  for (let c = 0; c + 1 < cellStart.length; c++) itemCell.fill(c, cellStart[c], cellStart[c + 1]);
  return { itemCell, upperCut: slot, lowerCut: slot.map((upper) => upper - 1) };
}

/**
 * Computes the S-selection log-likelihood from generic autodiff ops, with no fused
 * primitive. The result equals that of the fused kernels in noisy-or.ts and ordinal.ts,
 * so it serves as their independent check, and its speed is what a model without fused
 * primitives gets.
 */
export function genericSelectionLogLikelihood(
  tape: Tape,
  params: { readonly verbType: Var; readonly typeFrame: Var; readonly cutpointFirst: Var; readonly cutpointLogGaps: Var },
  cells: { readonly cellVerb: Int32Array; readonly cellFrame: Int32Array },
  items: GenericItems,
): Var {
  const { verbType, typeFrame, cutpointFirst, cutpointLogGaps } = params;
  const participants = cutpointFirst.size;

  // q[c,t] = Lambda[v,t] * Pi[t,f];  log(1 - alpha) = sum_t log(1 - q);  eta = log(alpha) - log(1 - alpha).
  // Pi is negated before the gather, on [F, T] rather than on the [cells, T] product.
  const lambda = gather(sigmoid(verbType), cells.cellVerb);
  const negativePi = gather(neg(sigmoid(transpose(typeFrame))), cells.cellFrame);
  const logOneMinusAlpha = sumLog1p(mul(lambda, negativePi), { axis: 1 });
  const eta = sub(log(neg(expm1(logOneMinusAlpha))), logOneMinusAlpha);

  // Cutpoints [J, K + 1]: -Infinity, first, first + cumulative gaps, +Infinity.
  const levels = cutpointLogGaps.shape[1] === undefined ? 2 : cutpointLogGaps.shape[1] + 2;
  const first = reshape(cutpointFirst, [participants, 1]);
  const upperCuts = add(first, cumsum(exp(cutpointLogGaps), 1));
  const lowEnd = tape.constant(tape.buffer(participants).fill(-Infinity), [participants, 1]);
  const highEnd = tape.constant(tape.buffer(participants).fill(Infinity), [participants, 1]);
  const cuts = reshape(concat([lowEnd, first, upperCuts, highEnd], 1), [participants * (levels + 1)]);

  const location = gather(eta, items.itemCell);
  const upper = sub(gather(cuts, items.upperCut), location);
  const lower = sub(gather(cuts, items.lowerCut), location);
  return sum(logDiffSigmoid(upper, lower));
}
