// Hot loops of the S-selection model, compiled to WebAssembly by AssemblyScript.
// The TypeScript side (src/s-selection/wasm.ts) lays out every array in this module's
// memory and passes byte offsets; nothing here allocates.

// The noisy-or tables hold one row per verb (Lambda, 1 - Lambda) or per frame (Pi,
// 1 - Pi) with `stride` entries, the number of types rounded up to even, so that each
// 128-bit SIMD load reads types t and t + 1. Padding entries hold Lambda = 0 and
// 1 - Lambda = 1, which makes q = 0 and leaves both products unchanged.

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
/** Odds outside [1 / this, this] take the log-space path; ordinal.ts uses the same bound for cutpoints. */
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
