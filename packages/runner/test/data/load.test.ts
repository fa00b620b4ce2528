import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataNotFoundError, loadData } from '../../src/index.js';
import { REPLICATION_DATASET, REPLICATION_ZIP } from '../helpers/data.js';
import { tempFolder, type TempFolder } from '../helpers/files.js';

describe('loadData checksum', () => {
  let folder: TempFolder;

  beforeAll(() => {
    folder = tempFolder();
    // An archive under the registered name whose bytes are not the published file.
    folder.write(REPLICATION_ZIP, 'not the published archive');
  });

  afterAll(() => folder.remove());

  const load = (): Promise<unknown> =>
    loadData(
      { dataset: REPLICATION_DATASET, nativeOnly: false },
      { env: { ASCENT_DATA_DIR: folder.path, ASCENT_CACHE_DIR: folder.path }, baseDir: folder.path },
    );

  it('rejects an archive whose SHA-256 differs from the published one', async () => {
    await expect(load()).rejects.toThrow(DataNotFoundError);
  });

  it('names the expected SHA-256', async () => {
    // Published SHA-256 of mega-acceptability-replication-v1.zip.
    await expect(load()).rejects.toThrow('292e966feae8bba0c8ccccc1aff912ae3747d11ce3eb9ebcdcb14ddeb8ad8666');
  });

  it('says to download the file again', async () => {
    await expect(load()).rejects.toThrow(/download it again/);
  });
});
