// Hot loops of the S-selection model, compiled to WebAssembly by AssemblyScript into
// wasm/s-selection.wasm. The TypeScript kernels (src/s-selection/noisy-or.ts and
// ordinal.ts) lay out every array in this module's memory and pass byte offsets;
// nothing here allocates.

import { expF64x2, expm1F64x2 } from '../../core/assembly/vector-math';

// The noisy-or tables have one row per verb (Lambda, 1 - Lambda) or per frame (Pi,
// 1 - Pi). A row has `stride` entries, the number of types rounded up to even, so each
// 128-bit SIMD load reads types t and t + 1. Padding entries are Lambda = 0 and
// 1 - Lambda = 1, which make q = 0 and leave both products unchanged.

/**
 * Forward noisy-or over cells: odds = alpha / (1 - alpha) and complement = 1 - alpha.
 * Lane 0 runs the product over even types and lane 1 over odd ones, each keeping
 * a = 1 - b without subtracting; the lanes combine as
 * 1 - b0 b1 = a0 + b0 a1, which again has no subtraction.
 */
export function noisyOrForward(
  cells: i32,
  stride: i32,
  cellVerb: usize,
  cellFrame: usize,
  lambda: usize,
  lambdaC: usize,
  pi: usize,
  piC: usize,
  odds: usize,
  complement: usize,
): void {
  const rowBytes = <usize>stride << 3;
  let c = 0;
  // Two cells per pass: each cell's product is a chain of dependent multiplies, and two
  // independent chains keep the multipliers busy.
  for (; c + 1 < cells; c += 2) {
    const at = <usize>c << 2;
    const l1 = <usize>load<i32>(cellVerb + at) * rowBytes;
    const p1 = <usize>load<i32>(cellFrame + at) * rowBytes;
    const l2 = <usize>load<i32>(cellVerb + at, 4) * rowBytes;
    const p2 = <usize>load<i32>(cellFrame + at, 4) * rowBytes;
    let a1 = f64x2.splat(0);
    let b1 = f64x2.splat(1);
    let a2 = f64x2.splat(0);
    let b2 = f64x2.splat(1);
    for (let t: usize = 0; t < rowBytes; t += 16) {
      const x1 = v128.load(lambda + l1 + t);
      a1 = f64x2.add(a1, f64x2.mul(f64x2.mul(x1, v128.load(pi + p1 + t)), b1));
      b1 = f64x2.mul(b1, f64x2.add(v128.load(lambdaC + l1 + t), f64x2.mul(x1, v128.load(piC + p1 + t))));
      const x2 = v128.load(lambda + l2 + t);
      a2 = f64x2.add(a2, f64x2.mul(f64x2.mul(x2, v128.load(pi + p2 + t)), b2));
      b2 = f64x2.mul(b2, f64x2.add(v128.load(lambdaC + l2 + t), f64x2.mul(x2, v128.load(piC + p2 + t))));
    }
    storeCell(odds, complement, c, a1, b1);
    storeCell(odds, complement, c + 1, a2, b2);
  }
  if (c < cells) {
    const l = <usize>load<i32>(cellVerb + (<usize>c << 2)) * rowBytes;
    const p = <usize>load<i32>(cellFrame + (<usize>c << 2)) * rowBytes;
    let a = f64x2.splat(0);
    let b = f64x2.splat(1);
    for (let t: usize = 0; t < rowBytes; t += 16) {
      const x = v128.load(lambda + l + t);
      a = f64x2.add(a, f64x2.mul(f64x2.mul(x, v128.load(pi + p + t)), b));
      b = f64x2.mul(b, f64x2.add(v128.load(lambdaC + l + t), f64x2.mul(x, v128.load(piC + p + t))));
    }
    storeCell(odds, complement, c, a, b);
  }
}

/** Combines the two lanes of a cell's products and stores its odds and complement. */
// @ts-ignore: decorator
@inline
function storeCell(odds: usize, complement: usize, c: i32, a: v128, b: v128): void {
  const b0 = f64x2.extract_lane(b, 0);
  const alpha = f64x2.extract_lane(a, 0) + b0 * f64x2.extract_lane(a, 1);
  const beta = b0 * f64x2.extract_lane(b, 1);
  store<f64>(complement + (<usize>c << 3), beta);
  store<f64>(odds + (<usize>c << 3), alpha / beta);
}

/**
 * Backward noisy-or: adds d/d Lambda and d/d Pi of sum_c gOdds[c] odds[c] into gLambda
 * and gPi (rows of `stride`, as the tables), using d odds / d q_t = 1 / (b (1 - q_t)).
 */
export function noisyOrBackward(
  cells: i32,
  stride: i32,
  cellVerb: usize,
  cellFrame: usize,
  lambda: usize,
  lambdaC: usize,
  pi: usize,
  piC: usize,
  gOdds: usize,
  complement: usize,
  gLambda: usize,
  gPi: usize,
): void {
  const rowBytes = <usize>stride << 3;
  for (let c = 0; c < cells; c++) {
    const w = load<f64>(gOdds + (<usize>c << 3)) / load<f64>(complement + (<usize>c << 3));
    if (w == 0) continue;
    const weight = f64x2.splat(w);
    const rowL = <usize>load<i32>(cellVerb + (<usize>c << 2)) * rowBytes;
    const rowP = <usize>load<i32>(cellFrame + (<usize>c << 2)) * rowBytes;
    for (let t: usize = 0; t < rowBytes; t += 16) {
      const l = v128.load(lambda + rowL + t);
      const dq = f64x2.div(weight, f64x2.add(v128.load(lambdaC + rowL + t), f64x2.mul(l, v128.load(piC + rowP + t))));
      v128.store(gLambda + rowL + t, f64x2.add(v128.load(gLambda + rowL + t), f64x2.mul(dq, v128.load(pi + rowP + t))));
      v128.store(gPi + rowP + t, f64x2.add(v128.load(gPi + rowP + t), f64x2.mul(dq, l)));
    }
  }
}

/** Number of judgments that ordinalForward left to the log-space path. */
export let fallbackCount: i32 = 0;

/** Coefficients per participant and level: n0, n1, a0, a1, b0, b1, R_k, s_k b0 (see ordinal.ts). */
const COEFFICIENTS: usize = 8;
/**
 * Probabilities above this join a running product, which is logged and reset once it
 * falls below FLUSH_BELOW, so the product never drops under 1e-300.
 */
const SMALLEST_FACTOR: f64 = 1e-20;
const FLUSH_BELOW: f64 = 1e-280;
/**
 * Odds and cutpoint exponentials outside [1 / this, this] take the log-space path:
 * inside it, N * A * B stays between about 1e-200 and 1e200.
 */
const LARGEST_RATIO: f64 = 1e50;

/**
 * Sum of log P over judgments grouped by cell: cell c owns judgments cellStart[c] ..
 * cellStart[c + 1] - 1, and judgment i reads the coefficients at slot[i]. Adds the
 * unscaled gradients into gOddsSum (per cell) and gCutSum (per slot). Judgments whose
 * odds or cutpoints are not representable (see ordinal.ts) are listed in `fallback`
 * as (judgment, cell) pairs for the caller, and their count is left in fallbackCount.
 */
export function ordinalForward(
  cells: i32,
  cellStart: usize,
  slot: usize,
  coefficient: usize,
  representable: usize,
  odds: usize,
  gOddsSum: usize,
  gCutSum: usize,
  fallback: usize,
): f64 {
  let total = 0.0;
  let product = 1.0;
  let skipped = 0;
  let begin = load<i32>(cellStart);
  for (let c = 0; c < cells; c++) {
    const end = load<i32>(cellStart + (<usize>(c + 1) << 2));
    const odd = load<f64>(odds + (<usize>c << 3));
    const usable = odd < LARGEST_RATIO && odd > 1 / LARGEST_RATIO;
    let dOddsCell = 0.0;
    for (let i = begin; i < end; i++) {
      const s = <usize>load<i32>(slot + (<usize>i << 2));
      if (!usable || load<u8>(representable + s) == 0) {
        store<i32>(fallback + (<usize>skipped << 3), i);
        store<i32>(fallback + (<usize>skipped << 3), c, 4);
        skipped++;
        continue;
      }
      const base = coefficient + s * (COEFFICIENTS << 3);
      const numerator = load<f64>(base) + load<f64>(base, 8) * odd;
      const a1 = load<f64>(base, 24);
      const upperSum = load<f64>(base, 16) + a1 * odd;
      const b0 = load<f64>(base, 32);
      const b1 = load<f64>(base, 40);
      const lowerSum = b0 + b1 * odd;
      const both = upperSum * lowerSum;
      const inverse = 1 / (numerator * both);
      const probability = numerator * numerator * inverse;
      const inverseUpper = numerator * lowerSum * inverse;
      const inverseLower = numerator * upperSum * inverse;
      const gapTerm = load<f64>(base, 48);
      dOddsCell += load<f64>(base, 8) * both * inverse - a1 * inverseUpper - b1 * inverseLower;
      const g = gCutSum + (s << 3);
      store<f64>(g, load<f64>(g) + a1 * odd * inverseUpper + gapTerm);
      store<f64>(g - 8, load<f64>(g - 8) - load<f64>(base, 56) * inverseLower - gapTerm);
      if (probability > SMALLEST_FACTOR) {
        product *= probability;
        if (product < FLUSH_BELOW) {
          total += Math.log(product);
          product = 1;
        }
      } else {
        total += Math.log(probability);
      }
    }
    store<f64>(gOddsSum + (<usize>c << 3), dOddsCell);
    begin = end;
  }
  fallbackCount = skipped;
  return total + Math.log(product);
}

/**
 * Writes sigmoid(x) and sigmoid(-x) = 1 - sigmoid(x) for both lanes of x, each from one
 * exponential of -|x| so that neither is computed as a difference.
 */
// @ts-ignore: decorator
@inline
function sigmoidPairs(x: v128, positive: usize, negative: usize): void {
  storeSigmoids(x, expF64x2(f64x2.neg(f64x2.abs(x))), positive, negative);
}

/** Writes the sigmoids of both lanes of x as sigmoidPairs does, given e = exp(-|x|). */
// @ts-ignore: decorator
@inline
function storeSigmoids(x: v128, e: v128, positive: usize, negative: usize): void {
  const large = f64x2.div(f64x2.splat(1), f64x2.add(f64x2.splat(1), e));
  const small = f64x2.mul(e, large);
  const nonNegative = f64x2.ge(x, f64x2.splat(0));
  v128.store(positive, v128.bitselect(large, small, nonNegative));
  v128.store(negative, v128.bitselect(small, large, nonNegative));
}

/**
 * Fills the noisy-or tables of the listed verbs: Lambda[v, t] = sigmoid(x[v, t]) for
 * x [V, types], into rows of `stride` in lambda and lambdaC. Rows of an odd number of
 * types end with a lane for the padding type, which gets sigmoid(-Infinity) = 0 and
 * 1 - 0 = 1, the values the padding must keep.
 */
export function verbSigmoids(x: usize, verbs: usize, count: i32, types: i32, stride: i32, lambda: usize, lambdaC: usize): void {
  const even = <usize>(types & ~1);
  for (let i = 0; i < count; i++) {
    const v = <usize>load<i32>(verbs + (<usize>i << 2));
    const from = x + ((v * <usize>types) << 3);
    const to = (v * <usize>stride) << 3;
    let t: usize = 0;
    // Three vectors per step: their exponentials are independent chains that overlap.
    for (; t + 6 <= even; t += 6) {
      const x0 = v128.load(from + (t << 3));
      const x1 = v128.load(from + (t << 3), 16);
      const x2 = v128.load(from + (t << 3), 32);
      const e0 = expF64x2(f64x2.neg(f64x2.abs(x0)));
      const e1 = expF64x2(f64x2.neg(f64x2.abs(x1)));
      const e2 = expF64x2(f64x2.neg(f64x2.abs(x2)));
      storeSigmoids(x0, e0, lambda + to + (t << 3), lambdaC + to + (t << 3));
      storeSigmoids(x1, e1, lambda + to + (t << 3) + 16, lambdaC + to + (t << 3) + 16);
      storeSigmoids(x2, e2, lambda + to + (t << 3) + 32, lambdaC + to + (t << 3) + 32);
    }
    for (; t < even; t += 2) sigmoidPairs(v128.load(from + (t << 3)), lambda + to + (t << 3), lambdaC + to + (t << 3));
    if (even < <usize>types) {
      const last = f64x2.replace_lane(f64x2.splat(-Infinity), 0, load<f64>(from + (even << 3)));
      sigmoidPairs(last, lambda + to + (even << 3), lambdaC + to + (even << 3));
    }
  }
}

/**
 * Fills the noisy-or tables of the listed frames: Pi[f, t] = sigmoid(y[t, f]) for
 * y [types, F], transposed into rows of `stride` in pi and piC, with the padding type of
 * an odd number of types at sigmoid(-Infinity) as in verbSigmoids.
 */
export function frameSigmoids(y: usize, frames: usize, count: i32, types: i32, frameCount: i32, stride: i32, pi: usize, piC: usize): void {
  const column = <usize>frameCount << 3;
  for (let i = 0; i < count; i++) {
    const f = <usize>load<i32>(frames + (<usize>i << 2));
    const to = (f * <usize>stride) << 3;
    const from = y + (f << 3);
    for (let t: usize = 0; t < <usize>types; t += 2) {
      const second = t + 1 < <usize>types ? load<f64>(from + (t + 1) * column) : -Infinity;
      const pair = f64x2.replace_lane(f64x2.splat(load<f64>(from + t * column)), 1, second);
      sigmoidPairs(pair, pi + to + (t << 3), piC + to + (t << 3));
    }
  }
}

/**
 * Chain rule through the sigmoids of the listed verbs: adds gLambda[v, t] * Lambda
 * (1 - Lambda) into gx[v, t] for those rows. Zeroes the rows of gLambda it reads, so
 * the table is ready for the next backward pass.
 */
export function verbSigmoidsBackward(gLambda: usize, lambda: usize, lambdaC: usize, verbs: usize, count: i32, types: i32, stride: i32, gx: usize): void {
  for (let i = 0; i < count; i++) {
    const v = <usize>load<i32>(verbs + (<usize>i << 2));
    const from = (v * <usize>stride) << 3;
    const to = gx + ((v * <usize>types) << 3);
    for (let t: usize = 0; t < <usize>types; t++) {
      const at = from + (t << 3);
      const g = to + (t << 3);
      store<f64>(g, load<f64>(g) + load<f64>(gLambda + at) * load<f64>(lambda + at) * load<f64>(lambdaC + at));
      store<f64>(gLambda + at, 0);
    }
  }
}

/**
 * Chain rule through the sigmoids of the listed frames: adds gPi[f, t] * Pi (1 - Pi)
 * into gy[t, f] for those columns of gy [types, frameCount]. Zeroes the rows of gPi it
 * reads.
 */
export function frameSigmoidsBackward(gPi: usize, pi: usize, piC: usize, frames: usize, count: i32, types: i32, frameCount: i32, stride: i32, gy: usize): void {
  for (let i = 0; i < count; i++) {
    const f = <usize>load<i32>(frames + (<usize>i << 2));
    const from = (f * <usize>stride) << 3;
    for (let t: usize = 0; t < <usize>types; t++) {
      const at = from + (t << 3);
      const g = gy + ((t * <usize>frameCount + f) << 3);
      store<f64>(g, load<f64>(g) + load<f64>(gPi + at) * load<f64>(pi + at) * load<f64>(piC + at));
      store<f64>(gPi + at, 0);
    }
  }
}

/**
 * Fills, for each listed participant j and level k = 0 .. K, the cutpoint c[j,k] and the
 * eight coefficients of ordinal.ts, and flags the participant's levels as representable
 * when every E_k = e^(c[j,k]) lies in [1 / LARGEST_RATIO, LARGEST_RATIO]. `first` has
 * one value per participant and `logGaps` K - 2. Also zeroes the participants' rows of
 * gCutSum, which ordinalForward adds into. `scratch` has room for 2 (K - 1) values.
 */
export function cutpointCoefficients(
  first: usize,
  logGaps: usize,
  participants: usize,
  count: i32,
  levels: i32,
  coefficient: usize,
  cut: usize,
  representable: usize,
  gCutSum: usize,
  scratch: usize,
): void {
  const K = <usize>levels;
  const gaps = K - 2;
  for (let i = 0; i < count; i++) {
    const j = <usize>load<i32>(participants + (<usize>i << 2));
    const row = j * (K + 1);
    const cutRow = cut + (row << 3);
    const gapRow = logGaps + ((j * gaps) << 3);
    const table = coefficient + ((row * COEFFICIENTS) << 3);
    // The gaps and their expm1, two levels per vector, into `scratch`; then E_k =
    // E_(k-1) (1 + expm1(gap)) from one exponential of the first cutpoint.
    let m: usize = 0;
    // Three vectors per step, loaded before any store, so their exponentials overlap.
    for (; m + 4 < gaps; m += 6) {
      const g0 = expF64x2(v128.load(gapRow + (m << 3)));
      const g1 = expF64x2(v128.load(gapRow + (m << 3), 16));
      const g2 = expF64x2(v128.load(gapRow + (m << 3), 32));
      const h0 = expm1F64x2(g0);
      const h1 = expm1F64x2(g1);
      const h2 = expm1F64x2(g2);
      v128.store(scratch + (m << 3), g0);
      v128.store(scratch + (m << 3), g1, 16);
      v128.store(scratch + (m << 3), g2, 32);
      v128.store(scratch + ((gaps + 1 + m) << 3), h0);
      v128.store(scratch + ((gaps + 1 + m) << 3), h1, 16);
      v128.store(scratch + ((gaps + 1 + m) << 3), h2, 32);
    }
    for (; m < gaps; m += 2) {
      const gap = expF64x2(v128.load(gapRow + (m << 3)));
      v128.store(scratch + (m << 3), gap);
      v128.store(scratch + ((gaps + 1 + m) << 3), expm1F64x2(gap));
    }
    let c = load<f64>(first + (j << 3));
    let previousE = Math.exp(c);
    const firstE = previousE;
    store<f64>(cutRow, -Infinity);
    store<f64>(cutRow, c, 8);
    setCoefficients(table + ((1 * COEFFICIENTS) << 3), firstE, 0, firstE, 1, 1, 0, 0, 0);
    for (let m: usize = 0; m < gaps; m++) {
      const k = m + 2;
      c += load<f64>(scratch + (m << 3));
      store<f64>(cutRow + (k << 3), c);
      const growth = load<f64>(scratch + ((gaps + 1 + m) << 3));
      const e = previousE + previousE * growth;
      setCoefficients(table + ((k * COEFFICIENTS) << 3), 0, previousE * growth, e, 1, previousE, 1, 1 / growth, previousE);
      previousE = e;
    }
    store<f64>(cutRow + (K << 3), Infinity);
    // previousE is now E_(K-1).
    setCoefficients(table + ((K * COEFFICIENTS) << 3), 0, 1, 1, 0, previousE, 1, 0, previousE);
    const flag: u8 = firstE > 1 / LARGEST_RATIO && previousE < LARGEST_RATIO ? 1 : 0;
    memory.fill(representable + row, flag, K + 1);
    memory.fill(gCutSum + (row << 3), 0, (K + 1) << 3);
  }
}

// @ts-ignore: decorator
@inline
function setCoefficients(at: usize, n0: f64, n1: f64, a0: f64, a1: f64, b0: f64, b1: f64, gapTerm: f64, lowerWeight: f64): void {
  store<f64>(at, n0);
  store<f64>(at, n1, 8);
  store<f64>(at, a0, 16);
  store<f64>(at, a1, 24);
  store<f64>(at, b0, 32);
  store<f64>(at, b1, 40);
  store<f64>(at, gapTerm, 48);
  store<f64>(at, lowerWeight, 56);
}

/**
 * Plans a minibatch (see BatchCellPlanner in cells.ts) and returns its number of
 * distinct cells. Reads each item's record [cell, slot] from `records` and sorts the
 * items by cell with a stable LSD radix sort of `passes` 8-bit passes.
 *
 * Writes the distinct cells' verbs and frames (from `cellPlace`, [verb, frame] per
 * cell), the items' slots grouped by cell with `cellStart`, and, in batch order, each
 * item's local cell (`itemCell`) and slot (`itemSlot`). `key`, `order` and `spare` are
 * scratch of n entries, `bucketStart` of 257.
 */
export function planBatch(
  batch: usize,
  n: i32,
  records: usize,
  cellPlace: usize,
  passes: i32,
  key: usize,
  order: usize,
  spare: usize,
  bucketStart: usize,
  cellVerb: usize,
  cellFrame: usize,
  cellStart: usize,
  slot: usize,
  itemCell: usize,
  itemSlot: usize,
): i32 {
  const items = <usize>n;
  // The one read of each record at random; the rest of the plan finds it in cache.
  for (let i: usize = 0; i < items; i++) {
    const at = records + (<usize>load<i32>(batch + (i << 2)) << 3);
    store<i32>(key + (i << 2), load<i32>(at));
    store<i32>(itemSlot + (i << 2), load<i32>(at, 4));
    store<i32>(order + (i << 2), <i32>i);
  }

  let from = order;
  let to = spare;
  for (let pass = 0; pass < passes; pass++) {
    const shift = <u32>(8 * pass);
    memory.fill(bucketStart, 0, 257 << 2);
    for (let i: usize = 0; i < items; i++) {
      const bucket = bucketStart + (((<usize>((load<u32>(key + (i << 2)) >> shift) & 255)) + 1) << 2);
      store<i32>(bucket, load<i32>(bucket) + 1);
    }
    for (let b: usize = 0; b < 256; b++) store<i32>(bucketStart + ((b + 1) << 2), load<i32>(bucketStart + ((b + 1) << 2)) + load<i32>(bucketStart + (b << 2)));
    for (let k: usize = 0; k < items; k++) {
      const item = load<i32>(from + (k << 2));
      const bucket = bucketStart + (<usize>((load<u32>(key + (<usize>item << 2)) >> shift) & 255) << 2);
      const place = load<i32>(bucket);
      store<i32>(bucket, place + 1);
      store<i32>(to + (<usize>place << 2), item);
    }
    const swap = from;
    from = to;
    to = swap;
  }

  // Walk the items in cell order: a new cell starts wherever the cell number changes.
  let count = 0;
  let previous = -1;
  for (let k: usize = 0; k < items; k++) {
    const item = <usize>load<i32>(from + (k << 2));
    const cell = load<i32>(key + (item << 2));
    if (cell != previous) {
      previous = cell;
      store<i32>(cellStart + (<usize>count << 2), <i32>k);
      store<i32>(cellVerb + (<usize>count << 2), load<i32>(cellPlace + (<usize>cell << 3)));
      store<i32>(cellFrame + (<usize>count << 2), load<i32>(cellPlace + (<usize>cell << 3), 4));
      count++;
    }
    store<i32>(slot + (k << 2), load<i32>(itemSlot + (item << 2)));
    store<i32>(itemCell + (item << 2), count - 1);
  }
  store<i32>(cellStart + (<usize>count << 2), n);
  return count;
}

/**
 * Backward of the cutpoints of the listed participants: c[j,k] = first[j] plus the gaps
 * below k, so d/d first sums `scale` times gCutSum over every finite cutpoint, and
 * d/d logGap m sums it over the cutpoints above the gap, times the gap. Adds into gFirst
 * [participants] and gLogGaps [participants, K - 2].
 */
export function cutpointBackward(
  gCutSum: usize,
  cut: usize,
  participants: usize,
  count: i32,
  levels: i32,
  scale: f64,
  gFirst: usize,
  gLogGaps: usize,
): void {
  const K = <usize>levels;
  const gaps = K - 2;
  for (let i = 0; i < count; i++) {
    const j = <usize>load<i32>(participants + (<usize>i << 2));
    const row = j * (K + 1);
    let above = 0.0;
    for (let m = <isize>gaps - 1; m >= 0; m--) {
      const k = row + <usize>m + 2;
      above += scale * load<f64>(gCutSum + (k << 3));
      const g = gLogGaps + ((j * gaps + <usize>m) << 3);
      store<f64>(g, load<f64>(g) + above * (load<f64>(cut + (k << 3)) - load<f64>(cut + ((k - 1) << 3))));
    }
    const g = gFirst + (j << 3);
    store<f64>(g, load<f64>(g) + above + scale * load<f64>(gCutSum + ((row + 1) << 3)));
  }
}

/**
 * Returns 1 when a grouping is well formed, else 0. Well formed means that cellStart
 * runs from 0 to `items` without decreasing and that every slot is below `slotCount`
 * with a participant in `participantOfSlot`, where -1 marks the level-0 slots that no
 * judgment may have.
 */
export function checkGrouping(cellStart: usize, cells: i32, slot: usize, items: i32, participantOfSlot: usize, slotCount: i32): i32 {
  if (load<i32>(cellStart) != 0 || load<i32>(cellStart + (<usize>cells << 2)) != items) return 0;
  for (let c = 0; c < cells; c++) {
    if (load<i32>(cellStart + (<usize>(c + 1) << 2)) < load<i32>(cellStart + (<usize>c << 2))) return 0;
  }
  for (let i = 0; i < items; i++) {
    const s = load<i32>(slot + (<usize>i << 2));
    if (<u32>s >= <u32>slotCount || load<i32>(participantOfSlot + (<usize>s << 2)) < 0) return 0;
  }
  return 1;
}

/**
 * Lists the distinct participants of the judgments' slots in `list` and returns their
 * count, marking each in `stamp` with `generation`.
 */
export function touchParticipants(slot: usize, items: i32, participantOfSlot: usize, stamp: usize, generation: i32, list: usize): i32 {
  let count = 0;
  for (let i = 0; i < items; i++) {
    const j = <usize>load<i32>(participantOfSlot + (<usize>load<i32>(slot + (<usize>i << 2)) << 2));
    if (load<i32>(stamp + (j << 2)) != generation) {
      store<i32>(stamp + (j << 2), generation);
      store<i32>(list + (<usize>count << 2), <i32>j);
      count++;
    }
  }
  return count;
}

/**
 * Checks that every cell's verb is below `verbs` and its frame below `frames`, and lists
 * the distinct verbs and frames in `verbList` and `frameList`, marking each in its
 * stamp table with `generation`. Writes the two counts to `counts` and returns 1, or
 * returns 0 at the first cell out of range.
 */
export function touchCells(
  cellVerb: usize,
  cellFrame: usize,
  cells: i32,
  verbs: i32,
  frames: i32,
  verbStamp: usize,
  frameStamp: usize,
  generation: i32,
  verbList: usize,
  frameList: usize,
  counts: usize,
): i32 {
  let verbCount = 0;
  let frameCount = 0;
  for (let c = 0; c < cells; c++) {
    const v = load<i32>(cellVerb + (<usize>c << 2));
    const f = load<i32>(cellFrame + (<usize>c << 2));
    if (<u32>v >= <u32>verbs || <u32>f >= <u32>frames) return 0;
    if (load<i32>(verbStamp + (<usize>v << 2)) != generation) {
      store<i32>(verbStamp + (<usize>v << 2), generation);
      store<i32>(verbList + (<usize>verbCount << 2), v);
      verbCount++;
    }
    if (load<i32>(frameStamp + (<usize>f << 2)) != generation) {
      store<i32>(frameStamp + (<usize>f << 2), generation);
      store<i32>(frameList + (<usize>frameCount << 2), f);
      frameCount++;
    }
  }
  store<i32>(counts, verbCount);
  store<i32>(counts, frameCount, 4);
  return 1;
}
