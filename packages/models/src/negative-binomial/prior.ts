import { add, exp, logSigmoid, neg, scale, special, square, sub, type Tape, type Var } from '@ascent/core';

/**
 * Priors of the negative binomial model, as densities of r and p themselves (see
 * `negativeBinomialModel` for why the Jacobian of log r and logit p is left out).
 */

/** Prior on the number of successes r. */
export type NegativeBinomialRPrior =
  /** Flat (improper): the fit is maximum likelihood in r. */
  | { readonly kind: 'flat' }
  /** Gamma with shape alpha and rate beta (mean alpha / beta): log density (alpha - 1) log r - beta r + const. */
  | { readonly kind: 'gamma'; readonly shape: number; readonly rate: number }
  /** Log-normal: log r ~ Normal(mu, sigma); log density -log r - (log r - mu)^2 / (2 sigma^2) + const. */
  | { readonly kind: 'log-normal'; readonly mu: number; readonly sigma: number };

/** Beta(a, b) prior on the success probability p; a = b = 1 is flat. */
export interface BetaPrior {
  readonly a: number;
  readonly b: number;
}

export interface NegativeBinomialPrior {
  /** Prior on r; flat when omitted. */
  readonly r?: NegativeBinomialRPrior;
  /** Prior on p; flat (Beta(1, 1)) when omitted. */
  readonly p?: BetaPrior;
}

/** A prior with every default filled in and every hyperparameter checked. */
export interface ResolvedPrior {
  readonly r: NegativeBinomialRPrior;
  readonly p: BetaPrior;
}

const FLAT_R: NegativeBinomialRPrior = { kind: 'flat' };
const FLAT_P: BetaPrior = { a: 1, b: 1 };

/** Fills in the defaults and throws a RangeError naming any hyperparameter out of range. */
export function resolvePrior(prior: NegativeBinomialPrior | undefined): ResolvedPrior {
  const r = prior?.r ?? FLAT_R;
  const p = prior?.p ?? FLAT_P;
  switch (r.kind) {
    case 'flat':
      break;
    case 'gamma':
      requirePositive('prior.r.shape', r.shape);
      requirePositive('prior.r.rate', r.rate);
      break;
    case 'log-normal':
      if (!Number.isFinite(r.mu)) throw new RangeError(`negative binomial: prior.r.mu must be a finite number, got ${r.mu}`);
      requirePositive('prior.r.sigma', r.sigma);
      break;
    default:
      return unknownKind(r);
  }
  requirePositive('prior.p.a', p.a);
  requirePositive('prior.p.b', p.b);
  return { r, p };
}

/** Describes a prior on r in words and numbers, for fit notes. */
export function describeRPrior(prior: NegativeBinomialRPrior): string {
  switch (prior.kind) {
    case 'flat':
      return 'flat prior on r';
    case 'gamma':
      return `Gamma(shape ${prior.shape}, rate ${prior.rate}) prior on r`;
    case 'log-normal':
      return `log-normal prior on r (log r ~ Normal(${prior.mu}, ${prior.sigma}))`;
    default:
      return unknownKind(prior);
  }
}

/** Records log p(r) + log p(p) on the tape, at log r = `logR` and logit p = `logit`. */
export function recordLogPrior(tape: Tape, prior: ResolvedPrior, logR: Var, logit: Var): Var {
  return add(logPriorOfR(tape, prior.r, logR), logPriorOfP(tape, prior.p, logit));
}

function logPriorOfR(tape: Tape, prior: NegativeBinomialRPrior, logR: Var): Var {
  switch (prior.kind) {
    case 'flat':
      return tape.constant(0);
    case 'gamma': {
      // alpha log beta - lgamma(alpha) + (alpha - 1) log r - beta r.
      const { shape, rate } = prior;
      const normaliser = shape * Math.log(rate) - special.lgamma(shape);
      return add(sub(scale(logR, shape - 1), scale(exp(logR), rate)), normaliser);
    }
    case 'log-normal': {
      // -log r - log(sigma sqrt(2 pi)) - (log r - mu)^2 / (2 sigma^2).
      const { mu, sigma } = prior;
      const normaliser = -Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
      return add(sub(neg(logR), scale(square(add(logR, -mu)), 1 / (2 * sigma * sigma))), normaliser);
    }
    default:
      return unknownKind(prior);
  }
}

function logPriorOfP(tape: Tape, prior: BetaPrior, logit: Var): Var {
  const { a, b } = prior;
  if (a === 1 && b === 1) return tape.constant(0);
  // (a - 1) log p + (b - 1) log(1 - p) - log B(a, b), as in the Bernoulli model.
  const logBeta = special.lgamma(a) + special.lgamma(b) - special.lgamma(a + b);
  return add(add(scale(logSigmoid(logit), a - 1), scale(logSigmoid(neg(logit)), b - 1)), -logBeta);
}

function requirePositive(name: string, value: number): void {
  if (!(value > 0 && Number.isFinite(value))) {
    throw new RangeError(`negative binomial: ${name} must be a positive finite number, got ${value}`);
  }
}

function unknownKind(prior: never): never {
  throw new RangeError(`negative binomial: unknown prior kind in ${JSON.stringify(prior)}; use 'flat', 'gamma' or 'log-normal'`);
}
