import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { findDataset, type DatasetInfo } from '@ascent/models';
import type { DataSpec } from '../sweep/spec.js';

/** The folders and environment that ascent searches for data files. */
export interface DataLocations {
  /** Folder given with --data-dir; searched first. */
  readonly dataDir?: string | undefined;
  /** Environment variables (ASCENT_DATA_DIR, ASCENT_CACHE_DIR, XDG_CACHE_HOME). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Folder of the sweep file; relative data paths are resolved against it. */
  readonly baseDir: string;
}

export interface ResolvedData {
  readonly path: string;
  /** The registered data set, when the sweep names one. */
  readonly dataset: DatasetInfo | undefined;
}

/**
 * The CMU pronouncing dictionary, which comes with the npm package
 * cmu-pronouncing-dictionary rather than from a file.
 */
export const PRONOUNCING_DICTIONARY = {
  name: 'cmu-pronouncing-dictionary',
  source: 'npm:cmu-pronouncing-dictionary@3.0.0',
} as const;

/** A data set or file that cannot be found or trusted, with what to do about it. */
export class DataNotFoundError extends Error {
  override readonly name = 'DataNotFoundError';
}

/**
 * Returns the folder where `ascent data fetch` stores downloads: ASCENT_CACHE_DIR,
 * else $XDG_CACHE_HOME/ascent, else ~/.cache/ascent.
 */
export function cacheDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env.ASCENT_CACHE_DIR) return resolve(env.ASCENT_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), 'ascent');
  return join(homedir(), '.cache', 'ascent');
}

/** Folders searched for a registered data set, in order. */
export function searchFolders(locations: DataLocations): string[] {
  const folders: string[] = [];
  if (locations.dataDir) folders.push(resolve(locations.dataDir));
  if (locations.env.ASCENT_DATA_DIR) folders.push(resolve(locations.env.ASCENT_DATA_DIR));
  folders.push(cacheDir(locations.env));
  return folders;
}

/**
 * Finds the file behind a sweep's data section. A registered data set is looked up as
 * its archive (or an extracted `<name>.tsv`) in the --data-dir folder, ASCENT_DATA_DIR
 * and the download cache, in that order. A `path` is taken relative to the sweep file.
 */
export function resolveDataFile(spec: DataSpec, locations: DataLocations): ResolvedData {
  if (spec.path !== undefined) {
    const path = isAbsolute(spec.path) ? spec.path : resolve(locations.baseDir, spec.path);
    if (!existsSync(path)) throw new DataNotFoundError(`data file not found: ${path} (data.path in the sweep file, relative to its folder)`);
    return { path, dataset: undefined };
  }
  const name = spec.dataset ?? '';
  const dataset = findDataset(name);
  if (dataset === undefined) {
    throw new DataNotFoundError(
      `unknown data set "${name}"; use a registered name (mega-acceptability-v1, mega-acceptability-replication-v1, ` +
        `${PRONOUNCING_DICTIONARY.name}) or data.path`,
    );
  }
  const folders = searchFolders(locations);
  for (const folder of folders) {
    for (const file of [dataset.fileName, `${dataset.name}.tsv`]) {
      const path = join(folder, file);
      if (existsSync(path)) return { path, dataset };
    }
  }
  const fetchHint =
    dataset.url === undefined ? '' : `run \`ascent data fetch ${dataset.name}\` (or \`ascent run\` with --fetch), or `;
  const missingFolders = folders.filter((folder) => !existsSync(folder));
  const missingNote = missingFolders.length === 0 ? '' : ` (${missingFolders.join(', ')} ${missingFolders.length === 1 ? 'does' : 'do'} not exist)`;
  throw new DataNotFoundError(
    `data set ${dataset.name} not found; looked for ${dataset.fileName} in ${folders.join(', ')}${missingNote}. ` +
      `To fix, ${fetchHint}pass --data-dir or set ASCENT_DATA_DIR to the folder that contains ${dataset.fileName}`,
  );
}
