import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Locates a MegaAcceptability archive through ASCENT_DATA_DIR. When the variable is
 * unset, data tests are skipped, unless ASCENT_REQUIRE_DATA=1 (set by CI), in which case
 * the missing data is an error. The models package's tests follow the same rule.
 */
export function dataFile(name: string): string | undefined {
  const dir = process.env.ASCENT_DATA_DIR;
  const required = process.env.ASCENT_REQUIRE_DATA === '1';
  const path = dir === undefined ? undefined : join(dir, name);
  if (path === undefined || !existsSync(path)) {
    if (required) throw new Error(`ASCENT_REQUIRE_DATA=1 but ${name} was not found; set ASCENT_DATA_DIR to the folder that contains it`);
    return undefined;
  }
  return path;
}

export const REPLICATION_ZIP = 'mega-acceptability-replication-v1.zip';
export const REPLICATION_DATASET = 'mega-acceptability-replication-v1';

/**
 * A small judgments table in the MegaAcceptability layout: 2 verbs x 2 frames, rated by
 * 3 participants. "think" is acceptable (response >= 5) in 4 of its 6 judgments.
 */
export const TINY_TABLE = [
  'participant\tlist\tpresentationorder\tverb\tframe\tresponse\tnativeenglish\tsentence',
  '1\t0\t1\tthink\tNP Ved S\t7\tTrue\tSomeone thought something happened.',
  '1\t0\t2\tthink\tNP Ved\t2\tTrue\tSomeone thought.',
  '1\t0\t3\twant\tNP Ved S\t1\tTrue\tSomeone wanted something happened.',
  '2\t0\t1\tthink\tNP Ved S\t6\tTrue\tSomeone thought something happened.',
  '2\t0\t2\twant\tNP Ved\t3\tTrue\tSomeone wanted.',
  '2\t0\t3\tthink\tNP Ved\t5\tTrue\tSomeone thought.',
  '3\t0\t1\tthink\tNP Ved S\t5\tTrue\tSomeone thought something happened.',
  '3\t0\t2\twant\tNP Ved S\t4\tTrue\tSomeone wanted something happened.',
  '3\t0\t3\tthink\tNP Ved\t1\tTrue\tSomeone thought.',
  '',
].join('\n');
