import { special } from '@ascent/core';
import { CompensatedSum } from './compensated-sum.js';
import { CountIndex, type CountHistogram } from './histogram.js';
import { evaluateNegativeBinomial, poissonLimitLogLikelihood } from './log-likelihood.js';
import { describeRPrior, resolvePrior, type NegativeBinomialPrior, type ResolvedPrior } from './prior.js';

/**
 * Location of the optimum of the negative binomial log-posterior:
 * - 'finite': at finite r and p in (0, 1), so the fitted values estimate it;
 * - 'poisson-limit': at r = Infinity with p = r / (r + mean), a Poisson distribution;
 *   no finite r is an optimum;
 * - 'unbounded': nowhere, because the log-posterior grows without bound;
 * - 'degenerate': all counts are 0, so r and p are not identified;
 * - 'undetermined': a case this diagnosis cannot decide (see the notes).
 */
export type NegativeBinomialOptimum = 'finite' | 'poisson-limit' | 'unbounded' | 'degenerate' | 'undetermined';

/** Unconstrained parameters of the negative binomial model. */
export interface NegativeBinomialParameters {
  readonly logR: number;
  readonly logit: number;
}

export interface NegativeBinomialDiagnosis {
  readonly optimum: NegativeBinomialOptimum;
  /** Number of counts N. */
  readonly items: number;
  readonly mean: number;
  /** Variance with divisor N, the one whose comparison with the mean decides whether the MLE of r is finite. */
  readonly variance: number;
  /** r at the given parameters. */
  readonly r: number;
  /** p at the given parameters. */
  readonly p: number;
  /** 1 - p, computed without cancellation. */
  readonly failureProbability: number;
  /** Mean r (1 - p) / p at the given parameters. */
  readonly fittedMean: number;
  /** Log-likelihood at the given parameters. */
  readonly logLikelihood: number;
  /** Poisson log-likelihood at the sample mean: the limit of the log-likelihood as r -> Infinity along p = r / (r + mean). */
  readonly poissonLimit: number;
  /** Plain-English notes for a report, most important first. */
  readonly notes: string[];
}

/**
 * Diagnoses a negative binomial fit at `params` for the given counts and prior: it
 * decides where the optimum lies and describes the fit in plain English.
 *
 * Facts it relies on. The log-likelihood is at most 0, so only a prior density that is
 * infinite somewhere can make the log-posterior unbounded. Along p = r / (r + m), with m
 * the sample mean and v the variance (divisor N), the log-likelihood is
 *
 *   Poisson log-likelihood at m + N (v - m) / (2r) + O(1/r^2),
 *
 * and for v <= m it increases monotonically in r, so the maximum-likelihood r is
 * infinite exactly when v <= m. A Beta(a, 1) prior adds (a - 1) log p, about
 * -(a - 1) m / r there.
 *
 * The verdicts, for counts that are not all 0:
 * - a < 1: unbounded. On the path p = exp(-1 / r^2), r -> 0 the prior grows like
 *   (1 - a) / r^2 while the log-likelihood falls only like -N / r.
 * - a gamma or log-normal prior on r (and a >= 1): finite, because every boundary of
 *   (r, p) drives the log-posterior to -Infinity.
 * - flat prior on r, b < 1: unbounded as r -> Infinity and p -> 1 with the mean fixed.
 * - flat prior on r, b > 1: finite, because the prior vanishes at p = 1.
 * - flat prior on r, b = 1: v <= m gives the Poisson limit. Otherwise the 1/r term
 *   N (v - m) / 2 - (a - 1) m decides: positive gives a finite optimum, and the rare
 *   case where it is not is left undetermined.
 */
export function diagnoseNegativeBinomial(
  counts: Int32Array | CountHistogram,
  prior: NegativeBinomialPrior | undefined,
  params: NegativeBinomialParameters,
): NegativeBinomialDiagnosis {
  const histogram = counts instanceof Int32Array ? new CountIndex(counts).histogram : counts;
  const resolved = resolvePrior(prior);
  const moments = momentsOf(histogram);
  const { logR, logit } = params;
  const fit = {
    r: Math.exp(logR),
    p: special.sigmoid(logit),
    failureProbability: special.sigmoid(-logit),
    fittedMean: Math.exp(logR - logit),
    logLikelihood: evaluateNegativeBinomial(histogram, logR, logit).logLikelihood,
    poissonLimit: poissonLimitLogLikelihood(histogram),
  };
  const optimum = classifyOptimum(moments, resolved);
  return { optimum, ...moments.summary, ...fit, notes: writeNotes(optimum, moments, resolved, fit) };
}

interface Moments {
  readonly summary: { readonly items: number; readonly mean: number; readonly variance: number };
  /** Sum of the counts. */
  readonly total: number;
  /** Sign of N^2 (v - m) = N sum y^2 - S^2 - N S, computed exactly. */
  readonly excessVarianceSign: -1 | 0 | 1;
  /** N^2 (v - m), rounded to float64. */
  readonly excessVarianceScaled: number;
}

function momentsOf(histogram: CountHistogram): Moments {
  const { values, weights } = histogram;
  let items = 0;
  let total = 0;
  let sumOfSquares = 0n;
  for (let j = 0; j < values.length; j++) {
    items += weights[j];
    total += weights[j] * values[j];
    sumOfSquares += BigInt(weights[j]) * BigInt(values[j]) ** 2n;
  }
  const mean = total / items;
  const squaredDeviations = new CompensatedSum();
  for (let j = 0; j < values.length; j++) squaredDeviations.add(weights[j] * (values[j] - mean) ** 2);
  const n = BigInt(items);
  const s = BigInt(total);
  const excess = n * sumOfSquares - s * s - n * s;
  let excessVarianceSign: -1 | 0 | 1 = 0;
  if (excess > 0n) excessVarianceSign = 1;
  if (excess < 0n) excessVarianceSign = -1;
  return {
    summary: { items, mean, variance: squaredDeviations.value / items },
    total,
    excessVarianceSign,
    excessVarianceScaled: Number(excess),
  };
}

function classifyOptimum(moments: Moments, prior: ResolvedPrior): NegativeBinomialOptimum {
  if (moments.total === 0) return 'degenerate';
  const { a, b } = prior.p;
  if (a < 1) return 'unbounded';
  switch (prior.r.kind) {
    case 'gamma':
    case 'log-normal':
      return 'finite';
    case 'flat':
      if (b < 1) return 'unbounded';
      if (b > 1) return 'finite';
      if (moments.excessVarianceSign <= 0) return 'poisson-limit';
      // 2N times the 1/r coefficient N (v - m) / 2 - (a - 1) m.
      return moments.excessVarianceScaled - 2 * (a - 1) * moments.total > 0 ? 'finite' : 'undetermined';
    default:
      return unknownKind(prior.r);
  }
}

interface FitValues {
  readonly r: number;
  readonly p: number;
  /** 1 - p, computed without cancellation. */
  readonly failureProbability: number;
  readonly fittedMean: number;
  readonly logLikelihood: number;
  readonly poissonLimit: number;
}

function writeNotes(optimum: NegativeBinomialOptimum, moments: Moments, prior: ResolvedPrior, fit: FitValues): string[] {
  const { items, mean, variance } = moments.summary;
  const underdispersed = moments.excessVarianceSign <= 0;
  const flatPriors = prior.r.kind === 'flat' && prior.p.a === 1 && prior.p.b === 1;
  const estimate = flatPriors ? 'maximum-likelihood' : 'MAP';
  const data =
    `The ${items} counts have mean ${format(mean)} and variance ${format(variance)} (divisor N), ` +
    (underdispersed ? 'so they are underdispersed (variance <= mean).' : 'so they are overdispersed (variance > mean).');
  const at = `r = ${format(fit.r)}, p = ${formatProbability(fit.p, fit.failureProbability)}, mean r(1-p)/p = ${format(fit.fittedMean)}`;
  const betaP = `Beta(${prior.p.a}, ${prior.p.b}) prior on p`;

  switch (optimum) {
    case 'degenerate':
      return [
        `All ${items} counts are 0: the likelihood approaches its supremum 0 as p -> 1 or r -> 0, so r and p are not identified.`,
        `The reported ${at} is where the optimizer stopped, not an estimate.`,
      ];
    case 'unbounded':
      return [
        data,
        prior.p.a < 1
          ? `The ${betaP} has infinite density at p = 0 (a < 1), and the log-posterior grows without bound as r and p approach 0 together, so no ${estimate} estimate exists. Use a >= 1.`
          : `The ${betaP} has infinite density at p = 1 (b < 1), and with a flat prior on r the log-posterior grows without bound as r grows with the mean fixed, so no ${estimate} estimate exists. Use b >= 1 or a proper prior on r.`,
        `The reported ${at} is where the optimizer stopped, not an estimate.`,
      ];
    case 'poisson-limit':
      return [
        data,
        `With a flat prior on r the ${estimate} r is infinite: the ${flatPriors ? 'likelihood' : 'log-posterior'} keeps rising as r grows, ` +
          `and the fit approaches a Poisson distribution with rate ${format(mean)}, whose log-likelihood ${formatLogLikelihood(fit.poissonLimit)} is the supremum.`,
        `The reported ${at} is where the optimizer stopped, not an optimum: its log-likelihood is ${format(fit.poissonLimit - fit.logLikelihood)} below the Poisson limit. ` +
          'Report the Poisson fit, or put a gamma or log-normal prior on r for a finite MAP estimate.',
      ];
    case 'finite':
      return [data, finiteReason(prior, underdispersed, betaP, estimate), `The fitted values are ${at}, log-likelihood ${formatLogLikelihood(fit.logLikelihood)}.`];
    case 'undetermined':
      return [
        data,
        `With a flat prior on r and the ${betaP}, the log-posterior approaches its limit from below as r grows, so this diagnosis cannot tell whether a finite optimum exists.`,
        `The reported ${at} may be where the optimizer stopped rather than an optimum.`,
      ];
    default:
      return unknownKind(optimum);
  }
}

function finiteReason(prior: ResolvedPrior, underdispersed: boolean, betaP: string, estimate: string): string {
  const otherwise = underdispersed ? ', although the data alone are underdispersed and put the maximum-likelihood r at infinity' : '';
  if (prior.r.kind !== 'flat') return `The ${describeRPrior(prior.r)} keeps the ${estimate} estimate of r finite${otherwise}.`;
  if (prior.p.b > 1) return `The ${betaP} vanishes at p = 1, which keeps the ${estimate} estimate of r finite${otherwise}.`;
  return `The counts are overdispersed, so the ${estimate} estimate of r is finite.`;
}

/** Formats a number with 6 significant digits, in exponent form when very large or small. */
function format(value: number): string {
  const magnitude = Math.abs(value);
  if (value !== 0 && Number.isFinite(value) && (magnitude >= 1e7 || magnitude < 1e-4)) return value.toExponential(4);
  return String(Number(value.toPrecision(6)));
}

/** Formats p, as 1 - (1 - p) when p is so close to 1 that 6 digits would round it to 1. */
function formatProbability(p: number, failureProbability: number): string {
  return failureProbability < 1e-5 ? `1 - ${failureProbability.toExponential(4)}` : format(p);
}

/** Formats a log-likelihood with 6 decimals, enough to show a gap to the Poisson limit of 1e-6. */
function formatLogLikelihood(value: number): string {
  return value.toFixed(6);
}

function unknownKind(value: never): never {
  throw new RangeError(`negative binomial: unexpected value ${JSON.stringify(value)}`);
}
