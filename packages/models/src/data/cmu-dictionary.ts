import { DataFormatError } from './tsv.js';

/**
 * Phoneme counts from the CMU Pronouncing Dictionary, as the npm package
 * `cmu-pronouncing-dictionary` (3.0.0) ships it: an object from each spelling to one
 * pronunciation in ARPAbet, phonemes separated by spaces ("AH0 B AW1 T"). A word with
 * several pronunciations has one entry per pronunciation, keyed "word", "word(2)", ...
 */

/** Pronunciations by entry, in the shape of the package's `dictionary` export. */
export type PronouncingDictionary = Readonly<Record<string, string>>;

/**
 * Returns the number of phonemes of every entry, alternates included, in the
 * dictionary's key order. Throws a DataFormatError naming an entry with no phonemes.
 */
export function phonemesPerWord(dictionary: PronouncingDictionary): Int32Array {
  const entries = Object.entries(dictionary);
  const counts = new Int32Array(entries.length);
  entries.forEach(([word, pronunciation], i) => {
    const phonemes = pronunciation.split(' ').filter((phoneme) => phoneme !== '').length;
    if (phonemes === 0) {
      throw new DataFormatError(`cmu-pronouncing-dictionary: entry "${word}" has no phonemes, got "${pronunciation}"`);
    }
    counts[i] = phonemes;
  });
  return counts;
}

/**
 * Loads the `dictionary` export of `cmu-pronouncing-dictionary` (about 4.7 MB of JavaScript,
 * so it is imported only when called).
 */
export async function loadCmuDictionary(): Promise<PronouncingDictionary> {
  const module = await import('cmu-pronouncing-dictionary');
  return module.dictionary;
}
