import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataNotFoundError, resolveDataFile, type DataLocations } from '../../src/index.js';
import { REPLICATION_DATASET, REPLICATION_ZIP } from '../helpers/data.js';
import { tempFolder, type TempFolder } from '../helpers/files.js';

describe('resolveDataFile', () => {
  let root: TempFolder;
  let flagFolder: string;
  let envFolder: string;
  let cacheFolder: string;
  let emptyFolder: string;

  beforeAll(() => {
    root = tempFolder();
    flagFolder = join(root.path, 'flag');
    envFolder = join(root.path, 'env');
    cacheFolder = join(root.path, 'cache');
    emptyFolder = join(root.path, 'empty');
    for (const folder of [flagFolder, envFolder, cacheFolder, emptyFolder]) mkdirSync(folder);
    // The archives only need to exist; resolving a data set does not read them.
    for (const folder of [flagFolder, envFolder, cacheFolder]) writeFileSync(join(folder, REPLICATION_ZIP), 'zip');
  });

  afterAll(() => root.remove());

  const spec = { dataset: REPLICATION_DATASET, nativeOnly: false };

  function locations(dataDir: string | undefined, dataEnv: string | undefined, cache: string): DataLocations {
    return { dataDir, env: { ASCENT_DATA_DIR: dataEnv, ASCENT_CACHE_DIR: cache }, baseDir: root.path };
  }

  it('looks in the --data-dir folder first', () => {
    expect(resolveDataFile(spec, locations(flagFolder, envFolder, cacheFolder)).path).toBe(join(flagFolder, REPLICATION_ZIP));
  });

  it('looks in ASCENT_DATA_DIR next', () => {
    expect(resolveDataFile(spec, locations(emptyFolder, envFolder, cacheFolder)).path).toBe(join(envFolder, REPLICATION_ZIP));
  });

  it('looks in the download cache last', () => {
    expect(resolveDataFile(spec, locations(emptyFolder, emptyFolder, cacheFolder)).path).toBe(join(cacheFolder, REPLICATION_ZIP));
  });

  it('rejects a data set found nowhere', () => {
    expect(() => resolveDataFile(spec, locations(emptyFolder, emptyFolder, emptyFolder))).toThrow(DataNotFoundError);
  });

  it('names the folders it searched', () => {
    expect(() => resolveDataFile(spec, locations(undefined, emptyFolder, join(root.path, 'nowhere')))).toThrow(
      `${emptyFolder}, ${join(root.path, 'nowhere')}`,
    );
  });

  it('says how to point at the data', () => {
    expect(() => resolveDataFile(spec, locations(emptyFolder, emptyFolder, emptyFolder))).toThrow(/set ASCENT_DATA_DIR/);
  });

  it('rejects an unknown data set name', () => {
    const unknown = { dataset: 'mega-acceptability-v2', nativeOnly: false };
    expect(() => resolveDataFile(unknown, locations(flagFolder, envFolder, cacheFolder))).toThrow(/unknown data set "mega-acceptability-v2"/);
  });

  it('takes a data path relative to the sweep file folder', () => {
    const local = { path: `flag/${REPLICATION_ZIP}`, nativeOnly: false };
    expect(resolveDataFile(local, locations(undefined, undefined, emptyFolder)).path).toBe(join(flagFolder, REPLICATION_ZIP));
  });
});
