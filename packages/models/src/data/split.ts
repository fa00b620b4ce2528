import type { Rng } from '@ascent/core';
import type { AcceptabilityJudgments } from './mega-acceptability.js';

/** Training and held-out judgments over the same verbs, frames and participants. */
export interface CellSplit {
  readonly train: AcceptabilityJudgments;
  readonly heldOut: AcceptabilityJudgments;
  /** Number of verb-frame pairs held out, and in all. */
  readonly heldOutCells: number;
  readonly cells: number;
}

/**
 * Holds out a random fraction of verb-frame pairs with all their judgments, so the
 * held-out pairs are ones the model never saw. Both parts keep the full lists of verbs,
 * frames and participants, so a model fit to `train` can be evaluated on `heldOut`
 * with the same parameters.
 *
 * The number held out is round(fraction * pairs), at least 1 and at most pairs - 1; the
 * pairs are the first ones of a permutation drawn from `rng`.
 */
export function splitByCell(data: AcceptabilityJudgments, fraction: number, rng: Rng): CellSplit {
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`held-out fraction must be between 0 and 1, got ${fraction}`);
  const F = data.frames.length;
  const keys = [...new Set(Array.from(data.verb, (v, i) => v * F + data.frame[i]))].sort((a, b) => a - b);
  if (keys.length < 2) throw new RangeError(`cannot hold out verb-frame pairs: the data has ${keys.length}`);
  const heldOutCount = Math.min(keys.length - 1, Math.max(1, Math.round(fraction * keys.length)));
  const order = rng.permutation(keys.length);
  const heldOutKeys = new Set<number>();
  for (let i = 0; i < heldOutCount; i++) heldOutKeys.add(keys[order[i]]);

  const trainIndex: number[] = [];
  const heldOutIndex: number[] = [];
  for (let i = 0; i < data.verb.length; i++) {
    (heldOutKeys.has(data.verb[i] * F + data.frame[i]) ? heldOutIndex : trainIndex).push(i);
  }
  return {
    train: subset(data, trainIndex),
    heldOut: subset(data, heldOutIndex),
    heldOutCells: heldOutCount,
    cells: keys.length,
  };
}

/** Returns the judgments at `indices`, keeping every verb, frame and participant. */
export function subset(data: AcceptabilityJudgments, indices: readonly number[]): AcceptabilityJudgments {
  return {
    verbs: data.verbs,
    frames: data.frames,
    participants: data.participants,
    verb: Int32Array.from(indices, (i) => data.verb[i]),
    frame: Int32Array.from(indices, (i) => data.frame[i]),
    participant: Int32Array.from(indices, (i) => data.participant[i]),
    response: Int8Array.from(indices, (i) => data.response[i]),
    levels: data.levels,
  };
}
