import type { AcceptabilityJudgments } from '../data/mega-acceptability.js';

export interface AcceptabilityOutcomeOptions {
  /** Lowest response counted as acceptable, from 2 to the top of the scale. Default 5. */
  readonly acceptableFrom?: number;
}

/** Default threshold: 5 and above on the 7-point MegaAcceptability scale count as acceptable. */
export const DEFAULT_ACCEPTABLE_FROM = 5;

/**
 * Returns one Bernoulli outcome per judgment of `verb`, in the order of the judgments:
 * 1 when the response is at least `acceptableFrom`, otherwise 0.
 *
 * Throws a RangeError when the verb does not occur in the judgments, or when the
 * threshold is not a whole number from 2 to `judgments.levels` (at 1 every response
 * would count as acceptable).
 */
export function acceptabilityOutcomes(
  judgments: AcceptabilityJudgments,
  verb: string,
  options: AcceptabilityOutcomeOptions = {},
): Uint8Array {
  const threshold = options.acceptableFrom ?? DEFAULT_ACCEPTABLE_FROM;
  if (!Number.isInteger(threshold) || threshold < 2 || threshold > judgments.levels) {
    throw new RangeError(`acceptableFrom must be a whole number from 2 to ${judgments.levels}, got ${threshold}`);
  }
  const verbIndex = judgments.verbs.indexOf(verb);
  if (verbIndex < 0) {
    throw new RangeError(
      `verb "${verb}" does not occur in the judgments (${judgments.verbs.length} verbs); check its spelling and the data file`,
    );
  }
  const outcomes: number[] = [];
  for (let i = 0; i < judgments.verb.length; i++) {
    if (judgments.verb[i] === verbIndex) outcomes.push(judgments.response[i] >= threshold ? 1 : 0);
  }
  return Uint8Array.from(outcomes);
}
