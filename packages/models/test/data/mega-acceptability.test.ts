import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFormatError, listsPerParticipant, parseMegaAcceptability, readAcceptabilityTable } from '../../src/index.js';
import { REPLICATION_ZIP, V1_ZIP, dataFile, loadJudgments } from '../helpers/data.js';

const HEADER = 'participant\tlist\tpresentationorder\tverb\tframe\tresponse\tnativeenglish\tsentence';

function table(rows: string[], header = HEADER): string {
  return [header, ...rows].join('\n') + '\n';
}

describe('parseMegaAcceptability', () => {
  it('indexes verbs and frames in code-point order', () => {
    const text = table([
      '3\t0\t1\tthink\tNP Ved S\t2.0\tTrue\tx',
      '1\t0\t2\tbelieve\tNP Ved\t7\tTrue\tx',
      '10\t1\t1\tthink\tNP Ved\t1\tTrue\tx',
    ]);
    const { judgments } = parseMegaAcceptability(text, 'inline.tsv');
    expect(judgments.verbs).toEqual(['believe', 'think']);
    expect(judgments.frames).toEqual(['NP Ved', 'NP Ved S']);
    expect(judgments.participants).toEqual(['1', '3', '10']);
    expect([...judgments.verb]).toEqual([1, 0, 1]);
    expect([...judgments.frame]).toEqual([1, 0, 0]);
    expect([...judgments.participant]).toEqual([1, 0, 2]);
    expect([...judgments.response]).toEqual([2, 7, 1]);
  });

  it('drops missing responses and, when asked, non-native speakers', () => {
    const text = table([
      '1\t0\t1\tthink\tNP Ved S\t\tTrue\tx',
      '2\t0\t1\tthink\tNP Ved S\t3\tFalse\tx',
      '3\t0\t1\tthink\tNP Ved S\t4\tTrue\tx',
    ]);
    expect(parseMegaAcceptability(text, 'a.tsv').summary).toEqual({ rows: 3, missingResponses: 1, nonNative: 0, kept: 2 });
    expect(parseMegaAcceptability(text, 'a.tsv', { nativeOnly: true }).summary).toEqual({
      rows: 3,
      missingResponses: 1,
      nonNative: 1,
      kept: 1,
    });
  });

  it('maps columns by name and ignores extra ones', () => {
    const header = 'extra\tresponse\tverb\tframe\tnativeenglish\tparticipant\tlater_column';
    const { judgments } = parseMegaAcceptability(table(['a\t5\tknow\tNP Ved S\tTrue\t7\tb'], header), 'b.tsv');
    expect(judgments.verbs).toEqual(['know']);
    expect([...judgments.response]).toEqual([5]);
    expect(judgments.participants).toEqual(['7']);
  });

  it('names every missing required column', () => {
    const header = 'participant\tverb\tsentence';
    expect(() => parseMegaAcceptability(table([], header), 'c.tsv')).toThrow(
      /c\.tsv: missing required columns "frame", "response", "nativeenglish"/,
    );
  });

  it('reports a malformed response with file and line', () => {
    const text = table(['1\t0\t1\tthink\tNP Ved S\t2\tTrue\tx', '1\t0\t2\tthink\tNP Ved S\t8\tTrue\tx']);
    expect(() => parseMegaAcceptability(text, 'd.tsv')).toThrow(DataFormatError);
    expect(() => parseMegaAcceptability(text, 'd.tsv')).toThrow(/^d\.tsv:3: response must be a whole number from 1 to 7.*got "8"/);
  });

  it('reports a short row with file and line', () => {
    expect(() => parseMegaAcceptability(table(['1\t0\t1\tthink']), 'e.tsv')).toThrow(/^e\.tsv:2: row has 4 tab-separated fields/);
  });

  it('counts distinct lists per participant', () => {
    const text = table([
      '1\t0\t1\tthink\tF\t1\tTrue\tx',
      '1\t0\t2\tknow\tF\t1\tTrue\tx',
      '1\t5\t1\tknow\tF\t\tFalse\tx',
      '2\t3\t1\tknow\tF\t1\tTrue\tx',
    ]);
    const { participants, lists } = listsPerParticipant(text, 'f.tsv');
    expect(participants).toEqual(['1', '2']);
    expect([...lists]).toEqual([2, 1]);
  });
});

describe('readAcceptabilityTable', () => {
  it('reads an extracted .tsv file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ascent-read-'));
    const path = join(dir, 'judgments.tsv');
    writeFileSync(path, table(['1\t0\t1\tthink\tF\t1\tTrue\tx']));
    const { text, source } = await readAcceptabilityTable(path);
    expect(source).toBe(path);
    expect(parseMegaAcceptability(text, source).summary.kept).toBe(1);
  });

  it('names a missing file', async () => {
    await expect(readAcceptabilityTable('/tmp/ascent-no-such-dir/data.zip')).rejects.toThrow(
      'data file not found: /tmp/ascent-no-such-dir/data.zip',
    );
  });

  it('rejects a corrupt zip with the path and a fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ascent-read-'));
    const path = join(dir, 'broken.zip');
    writeFileSync(path, 'PK\u0003\u0004 definitely not a zip');
    await expect(readAcceptabilityTable(path)).rejects.toThrow(/broken\.zip is not a readable zip archive.*check its sha256/);
  });
});

const replication = dataFile(REPLICATION_ZIP);
const v1 = dataFile(V1_ZIP);

describe.skipIf(replication === undefined)('replication archive', () => {
  it('has 30 verbs, 38 frames and 115 participants', async () => {
    const { judgments, summary } = await loadJudgments(replication ?? '', false);
    expect(judgments.verbs.length).toBe(30);
    expect(judgments.frames.length).toBe(38);
    expect(judgments.participants.length).toBe(115);
    expect(summary.rows).toBe(6900);
    expect(summary.kept).toBe(6900);
  });
});

describe.skipIf(v1 === undefined)('v1 archive', () => {
  it('drops the 10 missing responses and 600 non-native rows', async () => {
    const { summary } = await loadJudgments(v1 ?? '', true);
    expect(summary).toEqual({ rows: 250_000, missingResponses: 10, nonNative: 600, kept: 249_390 });
  });
});
