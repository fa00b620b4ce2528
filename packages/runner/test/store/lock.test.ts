import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunStoreError } from '../../src/index.js';
import { acquireStoreLock } from '../../src/store/lock.js';
import { tempFolder, type TempFolder } from '../helpers/files.js';

describe('acquireStoreLock', () => {
  let folder: TempFolder;
  let path: string;
  const releases: (() => Promise<void>)[] = [];

  beforeEach(() => {
    folder = tempFolder();
    path = `${folder.path}/runs/locked.sqlite`;
  });

  afterEach(async () => {
    for (const release of releases.splice(0)) await release();
    folder.remove();
  });

  it('refuses a second writer while the first holds the lock', async () => {
    releases.push(await acquireStoreLock(path));
    await expect(acquireStoreLock(path)).rejects.toThrow(RunStoreError);
  });

  it('tells the second writer what to do', async () => {
    releases.push(await acquireStoreLock(path));
    await expect(acquireStoreLock(path)).rejects.toThrow(/another ascent run.*--db/);
  });

  it('lets a writer in after the first releases the lock', async () => {
    const release = await acquireStoreLock(path);
    await release();
    releases.push(await acquireStoreLock(path));
    expect(releases).toHaveLength(1);
  });

  it('locks each database separately', async () => {
    releases.push(await acquireStoreLock(path));
    releases.push(await acquireStoreLock(`${folder.path}/runs/other.sqlite`));
    expect(releases).toHaveLength(2);
  });
});
