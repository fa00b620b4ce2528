import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseMegaAcceptability, readAcceptabilityTable, type ParsedAcceptability } from '@ascent/models';
import type { DataSpec } from '../sweep/spec.js';
import { DataNotFoundError, resolveDataFile, type DataLocations } from './resolve.js';

export interface LoadedData extends ParsedAcceptability {
  readonly path: string;
  readonly sha256: string;
}

/** Returns the SHA-256 of a file's bytes as lowercase hex. */
export async function sha256File(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/**
 * Finds, verifies and parses a sweep's data. A registered archive must match its
 * published SHA-256, so every run of a sweep reads the same bytes.
 */
export async function loadData(spec: DataSpec, locations: DataLocations): Promise<LoadedData> {
  const { path, dataset } = resolveDataFile(spec, locations);
  const sha256 = await sha256File(path);
  if (dataset !== undefined && path.endsWith('.zip') && sha256 !== dataset.sha256) {
    throw new DataNotFoundError(
      `${path} has SHA-256 ${sha256}, but ${dataset.name} should have ${dataset.sha256}; ` +
        'the file is corrupt or a different release. Delete it and download it again',
    );
  }
  return parseDataFile(path, sha256, spec.nativeOnly);
}

async function parseDataFile(path: string, sha256: string, nativeOnly: boolean): Promise<LoadedData> {
  const { text, source } = await readAcceptabilityTable(path);
  return { ...parseMegaAcceptability(text, source, { nativeOnly }), path, sha256 };
}
