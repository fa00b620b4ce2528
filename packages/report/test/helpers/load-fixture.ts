import { join } from 'node:path';
import { RunStoreReader } from '@ascent/runner';
import { loadReportData, type ReportData } from '../../src/query/load.js';
import { writeFixtureStore, type FixtureSweep } from './fixture-store.js';

/** Writes the fixture to a run store in `folder` and reads it back as report data. */
export function loadFixture(folder: string, fixture: FixtureSweep): ReportData {
  const path = join(folder, `${fixture.name}.sqlite`);
  writeFixtureStore(path, fixture);
  const reader = new RunStoreReader(path);
  try {
    return loadReportData(reader);
  } finally {
    reader.close();
  }
}
