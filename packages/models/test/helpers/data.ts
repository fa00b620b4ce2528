import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseMegaAcceptability, readAcceptabilityTable, type ParsedAcceptability } from '../../src/index.js';

/**
 * Locates the MegaAcceptability archives through ASCENT_DATA_DIR. When the variable
 * is unset, data tests are skipped, unless ASCENT_REQUIRE_DATA=1 (set by CI), in which
 * case the missing data is an error.
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

export const V1_ZIP = 'mega-acceptability-v1.zip';
export const REPLICATION_ZIP = 'mega-acceptability-replication-v1.zip';

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
