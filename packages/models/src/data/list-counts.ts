import { listsPerParticipant } from './mega-acceptability.js';

export interface ListCountOptions {
  /**
   * Subtract 1 from every count, giving the number of lists beyond the first. Every
   * participant did at least one list, so the shifted counts start at 0 like the
   * support of the negative binomial. Default true.
   */
  readonly shift?: boolean;
}

/**
 * Returns the number of distinct lists each participant of a MegaAcceptability table
 * did, minus 1 unless `shift` is false, in the participant order of
 * `listsPerParticipant`. Every row counts, whatever its response or native language.
 */
export function listCountsPerParticipant(text: string, source: string, options: ListCountOptions = {}): Int32Array {
  const { lists } = listsPerParticipant(text, source);
  if (options.shift === false) return lists;
  return lists.map((count) => count - 1);
}
