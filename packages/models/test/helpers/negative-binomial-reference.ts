/**
 * Reference values computed with SciPy 1.10 in float64 (scipy.stats.nbinom(n=r, p=p),
 * the parameterisation of the negative binomial model).
 */

/** Phonemes per pronunciation in cmu-pronouncing-dictionary 3.0.0, alternates included. */
export const CMU_PHONEMES = {
  entries: 135_155,
  mean: 6.385194776367874,
  /** Divisor N. */
  variance: 4.565849393270779,
  /** Poisson log-likelihood at the mean: the supremum of the log-likelihood over r. */
  poissonSupremum: -294752.25472240924,
  /** Log-likelihood at p = r / (r + mean), by r. */
  logLikelihoodAlongMean: [
    [1e2, -296041.7637301567],
    [1e4, -294764.5561446322],
    [1e6, -294752.37757117127],
    [1e8, -294752.2580401368],
  ] as const,
};

/** Distinct lists per participant in mega-acceptability-v1.tsv, all 729 participants. */
export const LISTS_PER_PARTICIPANT = {
  participants: 729,
  /** Of the counts minus 1; the unshifted mean is 1 more and the variance the same. */
  mean: 5.858710562414266,
  variance: 62.612410408681306,
  shifted: { r: 0.5452168042550538, p: 0.08513788071563043, logLikelihood: -2026.9315372013077 },
  unshifted: { r: 1.1572752125672807, p: 0.14437091644788316, logLikelihood: -2180.2426520929534 },
};
