export { dataFile, REPLICATION_ZIP, REPLICATION_DATASET } from '../../../../testing/data-files.js';

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
