import {
  add,
  concat,
  cumsum,
  exp,
  expm1,
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
  transpose,
  type Tape,
  type Var,
} from '@ascent/core';

/**
 * The S-selection log-likelihood composed from generic autodiff ops, with no fused
 * primitive. It computes the same quantity as the fused kernels in noisy-or.ts and
 * ordinal.ts, serves as their independent check, and is what a model without fused
 * primitives costs.
 */
export function genericSelectionLogLikelihood(
  tape: Tape,
  params: { readonly verbType: Var; readonly typeFrame: Var; readonly cutpointFirst: Var; readonly cutpointLogGaps: Var },
  cells: { readonly cellVerb: Int32Array; readonly cellFrame: Int32Array },
  items: { readonly itemCell: Int32Array; readonly participant: Int32Array; readonly response: Int8Array },
  levels: number,
): Var {
  const { verbType, typeFrame, cutpointFirst, cutpointLogGaps } = params;
  const participants = cutpointFirst.size;

  // q[c,t] = Lambda[v,t] * Pi[t,f];  log(1 - alpha) = sum_t log(1 - q);  eta = log(alpha) - log(1 - alpha).
  const lambda = gather(sigmoid(verbType), cells.cellVerb);
  const pi = gather(sigmoid(transpose(typeFrame)), cells.cellFrame);
  const logOneMinusAlpha = sum(log1p(neg(mul(lambda, pi))), { axis: 1 });
  const eta = sub(log(neg(expm1(logOneMinusAlpha))), logOneMinusAlpha);

  // Cutpoints [J, K + 1]: -Infinity, first, first + cumulative gaps, +Infinity.
  const first = reshape(cutpointFirst, [participants, 1]);
  const upperCuts = add(first, cumsum(exp(cutpointLogGaps), 1));
  const lowEnd = tape.constant(tape.buffer(participants).fill(-Infinity), [participants, 1]);
  const highEnd = tape.constant(tape.buffer(participants).fill(Infinity), [participants, 1]);
  const cuts = reshape(concat([lowEnd, first, upperCuts, highEnd], 1), [participants * (levels + 1)]);

  const n = items.itemCell.length;
  const upperIndex = new Int32Array(n);
  const lowerIndex = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    upperIndex[i] = items.participant[i] * (levels + 1) + items.response[i];
    lowerIndex[i] = upperIndex[i] - 1;
  }
  const location = gather(eta, items.itemCell);
  const upper = sub(gather(cuts, upperIndex), location);
  const lower = sub(gather(cuts, lowerIndex), location);
  return sum(logDiffSigmoid(upper, lower));
}
