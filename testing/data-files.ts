import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Locates a data archive for tests through ASCENT_DATA_DIR. When the variable is unset
 * or the file is absent, data tests are skipped, unless ASCENT_REQUIRE_DATA=1 (set by
 * .ci/run), in which case the missing data is an error.
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
export const REPLICATION_DATASET = 'mega-acceptability-replication-v1';
