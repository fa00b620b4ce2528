import { parseMegaAcceptability, readAcceptabilityTable, type ParsedAcceptability } from '../../src/index.js';

export { dataFile, V1_ZIP, REPLICATION_ZIP } from '../../../../testing/data-files.js';

const cache = new Map<string, Promise<ParsedAcceptability>>();

/** Reads and parses an archive once per test file and option set. */
export function loadJudgments(path: string, nativeOnly: boolean): Promise<ParsedAcceptability> {
  const key = `${path}|${nativeOnly}`;
  let parsed = cache.get(key);
  if (parsed === undefined) {
    parsed = readAcceptabilityTable(path).then(({ text, source }) => parseMegaAcceptability(text, source, { nativeOnly }));
    cache.set(key, parsed);
  }
  return parsed;
}
