import { mean, variance } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { listCountsPerParticipant, readAcceptabilityTable } from '../../src/index.js';
import { V1_ZIP, dataFile } from '../helpers/data.js';
import { LISTS_PER_PARTICIPANT } from '../helpers/negative-binomial-reference.js';

const TABLE = [
  'participant\tlist\tverb\tframe\tresponse\tnativeenglish',
  '2\t0\tthink\tF\t1\tTrue',
  '2\t4\tknow\tF\t\tTrue',
  '10\t3\tknow\tF\t7\tFalse',
  '2\t4\tthink\tF\t3\tTrue',
].join('\n');

describe('listCountsPerParticipant', () => {
  it('counts the lists beyond the first by default', () => {
    expect([...listCountsPerParticipant(TABLE, 'a.tsv')]).toEqual([1, 0]);
  });

  it('counts all lists when unshifted', () => {
    expect([...listCountsPerParticipant(TABLE, 'a.tsv', { shift: false })]).toEqual([2, 1]);
  });
});

const v1 = dataFile(V1_ZIP);

describe.skipIf(v1 === undefined)('lists per participant in MegaAcceptability v1', () => {
  let loaded: Promise<{ shifted: number[]; unshifted: number[] }> | undefined;
  const load = (): Promise<{ shifted: number[]; unshifted: number[] }> =>
    (loaded ??= readAcceptabilityTable(v1 ?? '').then(({ text, source }) => ({
      shifted: Array.from(listCountsPerParticipant(text, source)),
      unshifted: Array.from(listCountsPerParticipant(text, source, { shift: false })),
    })));

  it('has one count per participant', async () => {
    const { shifted } = await load();
    expect(shifted.length).toBe(LISTS_PER_PARTICIPANT.participants);
  });

  it('runs from 0 to 55 lists beyond the first', async () => {
    const { shifted } = await load();
    expect(Math.min(...shifted)).toBe(0);
    expect(Math.max(...shifted)).toBe(55);
  });

  it('matches the reference mean', async () => {
    const { shifted } = await load();
    expect(Math.abs(mean(shifted) - LISTS_PER_PARTICIPANT.mean)).toBeLessThanOrEqual(1e-13 * LISTS_PER_PARTICIPANT.mean);
  });

  it('matches the reference variance (divisor N)', async () => {
    const { shifted } = await load();
    expect(Math.abs(variance(shifted) - LISTS_PER_PARTICIPANT.variance)).toBeLessThanOrEqual(1e-12 * LISTS_PER_PARTICIPANT.variance);
  });

  it('is 1 higher without the shift, with the same variance', async () => {
    const { unshifted } = await load();
    expect(Math.abs(mean(unshifted) - (LISTS_PER_PARTICIPANT.mean + 1))).toBeLessThanOrEqual(1e-13 * LISTS_PER_PARTICIPANT.mean);
    expect(Math.abs(variance(unshifted) - LISTS_PER_PARTICIPANT.variance)).toBeLessThanOrEqual(1e-12 * LISTS_PER_PARTICIPANT.variance);
  });
});
