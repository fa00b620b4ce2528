import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_TABLE } from '../helpers/data.js';
import { ensureBuilt, hasStackTrace, runCli, tempFolder, type CliResult, type TempFolder } from '../helpers/cli.js';

beforeAll(() => ensureBuilt());

const SWEEP = `name: report-input
seed: 1
data:
  path: judgments.tsv
model:
  name: bernoulli
  verb: think
epochs: 3
optimizers:
  - name: gd
    lr: 1
  - name: sgd
    lr: 0.1
    batch_size: 3
`;

describe('ascent report', () => {
  let folder: TempFolder;
  let run: CliResult;
  let withOut: CliResult;
  let withDefault: CliResult;

  beforeAll(async () => {
    folder = tempFolder();
    folder.write('judgments.tsv', TINY_TABLE);
    folder.write('sweep.yaml', SWEEP);
    run = await runCli(['run', 'sweep.yaml', '--db', 'runs/input.sqlite'], { cwd: folder.path });
    withOut = await runCli(['report', 'runs/input.sqlite', '--out', 'out/chosen.html'], { cwd: folder.path });
    withDefault = await runCli(['report', 'runs/input.sqlite'], { cwd: folder.path });
  });

  afterAll(() => folder.remove());

  it('has a database to read', () => {
    expect(run.code).toBe(0);
  });

  it('exits with 0', () => {
    expect(withOut.code).toBe(0);
  });

  it('prints the HTML path given with --out', () => {
    expect(withOut.stdout).toBe(`${join(folder.path, 'out', 'chosen.html')}\n`);
  });

  it('writes an HTML page', () => {
    expect(readFileSync(join(folder.path, 'out', 'chosen.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it('writes reports/<database name>.html by default', () => {
    expect(withDefault.stdout).toBe(`${join(folder.path, 'reports', 'input.html')}\n`);
  });

  it('writes the default file', () => {
    expect(existsSync(join(folder.path, 'reports', 'input.html'))).toBe(true);
  });
});

describe('ascent report without a database', () => {
  let folder: TempFolder;
  let result: CliResult;

  beforeAll(async () => {
    folder = tempFolder();
    result = await runCli(['report', 'runs/absent.sqlite'], { cwd: folder.path });
  });

  afterAll(() => folder.remove());

  it('exits with 1', () => {
    expect(result.code).toBe(1);
  });

  it('says that the database is not found', () => {
    expect(result.stderr).toContain('run store not found: runs/absent.sqlite');
  });

  it('prints no stack trace', () => {
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('writes no report', () => {
    expect(existsSync(join(folder.path, 'reports'))).toBe(false);
  });
});
