import { formatShape, special, type Var } from '@ascent/core';
import { selectionArena } from './wasm.js';

/**
 * Fused ordinal-logit log-likelihood with a hand-written backward pass.
 *
 * Participant j has K - 1 ordered cutpoints built from a first value and K - 2
 * positive gaps:
 *
 *   c[j,1] = first[j],   c[j,k] = c[j,k-1] + exp(logGap[j,k-2])  for k = 2 .. K-1,
 *   c[j,0] = -Infinity,  c[j,K] = +Infinity.
 *
 * A judgment with response k (1 .. K) at location eta has probability
 *
 *   P(k) = sigmoid(c[j,k] - eta) - sigmoid(c[j,k-1] - eta).
 *
 * The op takes the odds r = e^eta of each cell (see NoisyOrKernel.odds) and returns the
 * sum of log P over the judgments (a scalar).
 *
 * Numerics: with E_k = e^(c[j,k]), the sigmoids are ratios,
 * sigmoid(c[j,k] - eta) = E_k / (E_k + r), so P is a ratio of linear functions of r,
 *
 *   P(k) = (n0 + n1 r) / ((a0 + a1 r) (b0 + b1 r)),
 *
 * with coefficients per participant and level:
 *
 *   k = 1          n = (E_1, 0)   a = (E_1, 1)   b = (1, 0)
 *   1 < k < K      n = (0, D_k)   a = (E_k, 1)   b = (E_(k-1), 1)
 *   k = K          n = (0, 1)     a = (1, 0)     b = (E_(K-1), 1)
 *
 * where D_k = E_k - E_(k-1) = E_(k-1) expm1(c[j,k] - c[j,k-1]) is computed without
 * cancellation. Every factor is accurate, a judgment costs one division and no
 * exponential or branch, and the log of the sum is the log of running products of P,
 * flushed before they underflow. Judgments whose odds or cutpoints are extreme (outside
 * [1e-50, 1e50], where the products could overflow) take a log-space path instead.
 *
 * Gradient: with N = n0 + n1 r, A = a0 + a1 r and B = b0 + b1 r,
 * d log P / d r = n1 / N - a1 / A - b1 / B, and with u = c[j,k] - eta, l = c[j,k-1] - eta,
 * d log P / du = sigmoid(-u) + R_k = a1 r / A + R_k and
 * d log P / dl = -sigmoid(l) - R_k = -s_k b0 / B - R_k, where R_k = 1 / expm1(c[j,k] - c[j,k-1])
 * (0 for k = 1 and k = K) and s_k is 0 for k = 1, else 1. Because the output is a
 * scalar, the forward pass accumulates these per cell and per cutpoint, and backward
 * only scales them. The loop over judgments and the cutpoint coefficients run in
 * WebAssembly (assembly/s-selection.ts); the log-space path stays in TypeScript.
 */
export class OrdinalKernel {
  private generation = 0;
  private readonly arena = selectionArena();
  /**
   * Byte offsets of the arena's fixed arrays: the cutpoint parameters (first [J],
   * logGaps [J, K - 2]), the cutpoints, gradient sums and flags [J, K + 1], the
   * coefficient table [J, K + 1, 8], and the list of participants that the current
   * judgments touch.
   */
  private readonly table: {
    first: number;
    logGaps: number;
    cut: number;
    gCutSum: number;
    representable: number;
    coefficient: number;
    participantList: number;
    scratch: number;
    /** Participant of each slot participant * (K + 1) + k, or -1 for k = 0, which no judgment may have. */
    participantOfSlot: number;
    /** The call that last listed each participant. */
    stamp: number;
  };
  /** Byte offsets of the per-cell and per-judgment arrays, with room for the given counts. */
  private region = { cellCapacity: 0, itemCapacity: 0, cellStart: 0, odds: 0, gOddsSum: 0, slot: 0, fallback: 0 };
  private resident: GroupedJudgments | undefined;
  private calls = 0;

  constructor(
    readonly participants: number,
    readonly levels: number,
  ) {
    if (levels < 2) throw new RangeError(`ordinal: need at least 2 response levels, got ${levels}`);
    const slots = participants * (levels + 1);
    const arena = this.arena;
    this.table = {
      first: arena.reserve(participants, 8),
      logGaps: arena.reserve(participants * (levels - 2), 8),
      cut: arena.reserve(slots, 8),
      gCutSum: arena.reserve(slots, 8),
      representable: arena.reserve(slots, 1),
      coefficient: arena.reserve(slots * COEFFICIENTS, 8),
      participantList: arena.reserve(participants, 4),
      scratch: arena.reserve(2 * (levels - 1), 8),
      participantOfSlot: arena.reserve(slots, 4),
      stamp: arena.reserve(participants, 4),
    };
    const participantOfSlot = arena.i32(this.table.participantOfSlot, slots);
    for (let s = 0; s < slots; s++) participantOfSlot[s] = s % (levels + 1) === 0 ? -1 : Math.floor(s / (levels + 1));
  }

  /**
   * Sum of log P(response) over the judgments, grouped by cell (see groupJudgments):
   * the judgments of cell c are at odds[c]. The kernel keeps its own copy of `judgments`
   * while it is passed the same object, so a grouping must not change after its first use.
   */
  logLikelihood(odds: Var, first: Var, logGaps: Var, judgments: GroupedJudgments): Var {
    const J = this.participants;
    const K = this.levels;
    const gaps = K - 2;
    if (first.size !== J) throw new RangeError(`ordinal: first cutpoints must have ${J} elements, got shape ${formatShape(first.shape)}`);
    if (logGaps.size !== J * gaps) {
      throw new RangeError(`ordinal: cutpoint log-gaps must have shape [${J}, ${gaps}], got ${formatShape(logGaps.shape)}`);
    }
    const cells = odds.size;
    if (judgments.cellStart.length !== cells + 1) {
      throw new RangeError(`ordinal: the judgments are grouped into ${judgments.cellStart.length - 1} cells, but there are ${cells} odds`);
    }
    const tape = odds.tape;
    const region = this.upload(judgments);
    const touchedCount = this.touchParticipants(judgments.slot.length);
    const { arena, table } = this;
    const slots = J * (K + 1);
    arena.f64(table.first, J).set(first.value);
    arena.f64(table.logGaps, J * gaps).set(logGaps.value);
    arena.exports.cutpointCoefficients(
      table.first,
      table.logGaps,
      table.participantList,
      touchedCount,
      K,
      table.coefficient,
      table.cut,
      table.representable,
      table.gCutSum,
      table.scratch,
    );
    const cut = arena.f64(table.cut, slots);
    const gCutSum = arena.f64(table.gCutSum, slots);
    const r = odds.value;
    arena.f64(region.odds, cells).set(r);

    // Unscaled gradients of the sum with respect to each cell's odds and each cutpoint,
    // filled in every pass (cheaper than testing per judgment whether they are needed).
    let total = arena.exports.ordinalForward(
      cells,
      region.cellStart,
      region.slot,
      table.coefficient,
      table.representable,
      region.odds,
      region.gOddsSum,
      table.gCutSum,
      region.fallback,
    );
    const gOddsSum = arena.f64(region.gOddsSum, cells);
    const skipped = arena.exports.fallbackCount.value as number;
    if (skipped > 0) total += logSpacePart(arena.i32(region.fallback, 2 * skipped), judgments.slot, r, cut, gOddsSum, gCutSum);
    const out = tape.buffer(1);
    out[0] = total;
    this.calls += 1;
    const call = this.calls;

    return tape.record(out, [], [odds, first, logGaps], (g) => {
      if (call !== this.calls) {
        throw new Error('ordinal: another logLikelihood() call on this kernel ran before this one\'s backward pass; give each call site its own OrdinalKernel');
      }
      const scale = g[0];
      const gOdds = tape.gradOf(odds);
      const gFirst = tape.gradOf(first);
      const gLogGaps = tape.gradOf(logGaps);
      if (gOdds !== undefined) for (let c = 0; c < cells; c++) gOdds[c] += scale * gOddsSum[c];
      if (gFirst === undefined && gLogGaps === undefined) return;
      // The cutpoint parameters' gradients go through their copies in the arena, which
      // the forward pass no longer needs.
      const arenaFirst = arena.f64(table.first, J);
      const arenaLogGaps = arena.f64(table.logGaps, J * gaps);
      arenaFirst.set(gFirst ?? new Float64Array(J));
      arenaLogGaps.set(gLogGaps ?? new Float64Array(J * gaps));
      arena.exports.cutpointBackward(table.gCutSum, table.cut, table.participantList, touchedCount, K, scale, table.first, table.logGaps);
      gFirst?.set(arenaFirst);
      gLogGaps?.set(arenaLogGaps);
    });
  }

  /** Copies a grouping into the arena unless it is there already; checks its indices. */
  private upload(judgments: GroupedJudgments): typeof this.region {
    if (judgments === this.resident) return this.region;
    const { cellStart, slot } = judgments;
    const cells = cellStart.length - 1;
    const items = slot.length;
    const arena = this.arena;
    if (cells > this.region.cellCapacity || items > this.region.itemCapacity) {
      const cellCapacity = Math.max(cells, 2 * this.region.cellCapacity);
      const itemCapacity = Math.max(items, 2 * this.region.itemCapacity);
      this.region = {
        cellCapacity,
        itemCapacity,
        cellStart: arena.reserve(cellCapacity + 1, 4),
        odds: arena.reserve(cellCapacity, 8),
        gOddsSum: arena.reserve(cellCapacity, 8),
        slot: arena.reserve(itemCapacity, 4),
        fallback: arena.reserve(2 * itemCapacity, 4),
      };
    }
    this.resident = undefined;
    arena.i32(this.region.cellStart, cells + 1).set(cellStart);
    arena.i32(this.region.slot, items).set(slot);
    const slotCount = this.participants * (this.levels + 1);
    if (arena.exports.checkGrouping(this.region.cellStart, cells, this.region.slot, items, this.table.participantOfSlot, slotCount) !== 1) {
      this.explainInvalid(judgments);
    }
    this.resident = judgments;
    return this.region;
  }

  /** Throws an error that names the first problem of a grouping that checkGrouping rejected. */
  private explainInvalid(judgments: GroupedJudgments): never {
    const { cellStart, slot } = judgments;
    const cells = cellStart.length - 1;
    const width = this.levels + 1;
    if (cellStart[0] !== 0 || cellStart[cells] !== slot.length) {
      throw new RangeError(`ordinal: cellStart must run from 0 to the ${slot.length} judgments, got ${cellStart[0]} to ${cellStart[cells]}`);
    }
    for (let c = 0; c < cells; c++) {
      if (cellStart[c + 1] < cellStart[c]) throw new RangeError(`ordinal: cellStart decreases at cell ${c}`);
    }
    const i = slot.findIndex((s) => !(s >= 0 && s < this.participants * width && s % width !== 0));
    const s = slot[i] ?? 0;
    throw new RangeError(
      `ordinal: judgment ${i} has participant ${Math.floor(s / width)} and response ${s % width}, outside ${this.participants} participants and levels 1..${this.levels}`,
    );
  }

  /**
   * Lists the distinct participants of the uploaded judgments in the arena and returns
   * their count. A batch several times larger than the number of participants is taken
   * to touch them all, which saves the scan of a full-data pass.
   */
  private touchParticipants(items: number): number {
    const { arena, table } = this;
    if (items >= 4 * this.participants) {
      const list = arena.i32(table.participantList, this.participants);
      for (let j = 0; j < this.participants; j++) list[j] = j;
      return this.participants;
    }
    this.generation += 1;
    return arena.exports.touchParticipants(this.region.slot, items, table.participantOfSlot, table.stamp, this.generation, table.participantList);
  }
}

/** Judgments grouped by cell, in the form OrdinalKernel takes. */
export interface GroupedJudgments {
  /** The judgments of cell c are cellStart[c] .. cellStart[c + 1] - 1; length cells + 1. */
  readonly cellStart: Int32Array;
  /** participant * (levels + 1) + response of each judgment. */
  readonly slot: Int32Array;
}

/**
 * Groups judgments by cell with a stable counting sort: judgment i has cell itemCell[i],
 * participant participant[i] and response response[i] in 1 .. levels.
 */
export function groupJudgments(itemCell: Int32Array, participant: Int32Array, response: Int8Array, cells: number, levels: number): GroupedJudgments {
  const cellStart = new Int32Array(cells + 1);
  for (let i = 0; i < itemCell.length; i++) cellStart[itemCell[i] + 1] += 1;
  for (let c = 0; c < cells; c++) cellStart[c + 1] += cellStart[c];
  const next = cellStart.slice(0, cells);
  const slot = new Int32Array(itemCell.length);
  for (let i = 0; i < itemCell.length; i++) slot[next[itemCell[i]]++] = participant[i] * (levels + 1) + response[i];
  return { cellStart, slot };
}

/**
 * Computes the judgments that the WebAssembly loop left out, listed as (judgment, cell)
 * pairs, in log space: their odds or cutpoints are too extreme for the ratio form. Adds
 * their gradients into gOddsSum and gCutSum and returns their log-likelihood.
 */
function logSpacePart(
  list: Int32Array,
  slot: Int32Array,
  odds: Float64Array,
  cut: Float64Array,
  gOddsSum: Float64Array,
  gCutSum: Float64Array,
): number {
  const partials = new Float64Array(2);
  let total = 0;
  for (let n = 0; n < list.length; n += 2) {
    const s = slot[list[n]];
    const cell = list[n + 1];
    const odd = odds[cell];
    const location = Math.log(odd);
    total += special.logDiffSigmoidAndGrad(cut[s] - location, cut[s - 1] - location, partials);
    // d log P / d eta = -(dUpper + dLower), and d eta / d r = 1 / r.
    gOddsSum[cell] -= (partials[0] + partials[1]) / odd;
    gCutSum[s] += partials[0];
    gCutSum[s - 1] += partials[1];
  }
  return total;
}

/** Coefficients per participant and level: n0, n1, a0, a1, b0, b1, R_k, s_k b0. */
const COEFFICIENTS = 8;
