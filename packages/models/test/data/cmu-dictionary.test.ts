import { mean, variance } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { DataFormatError, loadCmuDictionary, phonemesPerWord } from '../../src/index.js';
import { CMU_PHONEMES } from '../helpers/negative-binomial-reference.js';

describe('phonemesPerWord', () => {
  it('counts the phonemes of every entry, alternates included, in key order', () => {
    const counts = phonemesPerWord({ a: 'AH0', 'a(2)': 'EY1', abbot: 'AE1 B AH0 T' });
    expect([...counts]).toEqual([1, 1, 4]);
  });

  it('ignores repeated spaces', () => {
    expect([...phonemesPerWord({ cat: ' K  AE1 T ' })]).toEqual([3]);
  });

  it('rejects an entry without phonemes, naming it', () => {
    expect(() => phonemesPerWord({ cat: 'K AE1 T', blank: ' ' })).toThrow(DataFormatError);
    expect(() => phonemesPerWord({ cat: 'K AE1 T', blank: ' ' })).toThrow(/entry "blank" has no phonemes/);
  });
});

describe('cmu-pronouncing-dictionary phoneme counts', async () => {
  const dictionary = await loadCmuDictionary();
  const counts = Array.from(phonemesPerWord(dictionary));

  it('has one count per entry, alternates included', () => {
    expect(counts.length).toBe(CMU_PHONEMES.entries);
    expect(Object.hasOwn(dictionary, 'a(2)')).toBe(true);
  });

  it('matches the reference mean', () => {
    expect(Math.abs(mean(counts) - CMU_PHONEMES.mean)).toBeLessThanOrEqual(1e-13 * CMU_PHONEMES.mean);
  });

  it('matches the reference variance (divisor N)', () => {
    expect(Math.abs(variance(counts) - CMU_PHONEMES.variance)).toBeLessThanOrEqual(1e-11 * CMU_PHONEMES.variance);
  });
});
