import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  listsPerParticipant,
  loadCmuDictionary,
  parseMegaAcceptability,
  readAcceptabilityTable,
  type AcceptabilityJudgments,
  type ParseSummary,
  type PronouncingDictionary,
} from '@ascent/models';
import type { DataSpec } from '../sweep/spec.js';
import { DataNotFoundError, PRONOUNCING_DICTIONARY, resolveDataFile, type DataLocations } from './resolve.js';

/** MegaAcceptability judgments, parsed and filtered as the sweep asked. */
export interface AcceptabilityData {
  readonly kind: 'acceptability';
  readonly path: string;
  readonly sha256: string;
  readonly judgments: AcceptabilityJudgments;
  readonly summary: ParseSummary;
  /** Distinct lists per participant over every row of the file, when a model asked for them. */
  readonly listsPerParticipant: Int32Array | undefined;
}

/** The CMU pronouncing dictionary from its npm package. */
export interface PronunciationData {
  readonly kind: 'pronunciations';
  /** The package and version the entries come from. */
  readonly path: string;
  /** SHA-256 of the entries as JSON, in the package's key order. */
  readonly sha256: string;
  readonly dictionary: PronouncingDictionary;
}

export type LoadedData = AcceptabilityData | PronunciationData;

/** Data that the sweep's models need beyond the default parse. */
export interface DataNeeds {
  readonly listsPerParticipant?: boolean;
}

/** Returns the SHA-256 of a file's bytes as lowercase hex. */
export async function sha256File(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/** Returns one line describing loaded data, for the run log. */
export function describeData(data: LoadedData): string {
  switch (data.kind) {
    case 'acceptability': {
      const { summary } = data;
      return (
        `data: ${data.path} (sha256 ${data.sha256.slice(0, 12)}), ${summary.kept} judgments kept of ${summary.rows} rows ` +
        `(${summary.missingResponses} missing, ${summary.nonNative} non-native dropped)`
      );
    }
    case 'pronunciations':
      return `data: ${data.path} (sha256 ${data.sha256.slice(0, 12)}), ${Object.keys(data.dictionary).length} pronunciations`;
    default: {
      const unexpected: never = data;
      throw new Error(`unknown data kind ${JSON.stringify(unexpected)}`);
    }
  }
}

/**
 * Finds, verifies and parses a sweep's data. A registered archive must match its
 * published SHA-256, so every run of a sweep reads the same bytes.
 */
export async function loadData(spec: DataSpec, locations: DataLocations, needs: DataNeeds = {}): Promise<LoadedData> {
  if (spec.dataset === PRONOUNCING_DICTIONARY.name) return loadPronunciations();
  const { path, dataset } = resolveDataFile(spec, locations);
  const sha256 = await sha256File(path);
  if (dataset !== undefined && path.endsWith('.zip') && sha256 !== dataset.sha256) {
    throw new DataNotFoundError(
      `${path} has SHA-256 ${sha256}, but ${dataset.name} should have ${dataset.sha256}; ` +
        'the file is corrupt or a different release. Delete it and download it again',
    );
  }
  const { text, source } = await readAcceptabilityTable(path);
  const parsed = parseMegaAcceptability(text, source, { nativeOnly: spec.nativeOnly });
  const lists = needs.listsPerParticipant === true ? listsPerParticipant(text, source).lists : undefined;
  return { kind: 'acceptability', ...parsed, path, sha256, listsPerParticipant: lists };
}

async function loadPronunciations(): Promise<PronunciationData> {
  const dictionary = await loadCmuDictionary();
  const sha256 = createHash('sha256').update(JSON.stringify(dictionary)).digest('hex');
  return { kind: 'pronunciations', path: PRONOUNCING_DICTIONARY.source, sha256, dictionary };
}
