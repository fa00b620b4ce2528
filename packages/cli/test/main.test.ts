import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, hasStackTrace, runCli, type CliResult } from './helpers/cli.js';

beforeAll(() => ensureBuilt());

describe('ascent --help', () => {
  let result: CliResult;

  beforeAll(async () => {
    result = await runCli(['--help']);
  });

  it('exits with 0', () => {
    expect(result.code).toBe(0);
  });

  it.each(['run <sweep>', 'report <db>', 'data', '--help', '--version'])('lists %s', (entry) => {
    expect(result.stdout).toContain(entry);
  });
});

describe('ascent run --help', () => {
  let result: CliResult;

  beforeAll(async () => {
    result = await runCli(['run', '--help']);
  });

  it('exits with 0', () => {
    expect(result.code).toBe(0);
  });

  it.each(['sweep', '--db', '--data-dir', '--fetch'])('lists %s', (entry) => {
    expect(result.stdout).toContain(entry);
  });

  it('explains how a rerun resumes', () => {
    expect(result.stdout).toMatch(/resumes/);
  });
});

describe('ascent report --help', () => {
  let result: CliResult;

  beforeAll(async () => {
    result = await runCli(['report', '--help']);
  });

  it('exits with 0', () => {
    expect(result.code).toBe(0);
  });

  it.each(['db', '--out'])('lists %s', (entry) => {
    expect(result.stdout).toContain(entry);
  });
});

describe('ascent unknown command', () => {
  it.each([
    ['rnu', 'run'],
    ['reprot', 'report'],
  ])('suggests the nearest command for %s', async (typed, nearest) => {
    const result = await runCli([typed, 'file']);
    expect(result.stderr).toContain(`Did you mean ${nearest}?`);
  });

  it('exits with the usage error status 2', async () => {
    expect((await runCli(['rnu', 'file'])).code).toBe(2);
  });

  it('prints no stack trace', async () => {
    expect(hasStackTrace((await runCli(['rnu', 'file'])).stderr)).toBe(false);
  });

  it('suggests the nearest data command', async () => {
    const result = await runCli(['data', 'fetc', 'x']);
    expect(result.stderr).toContain('Did you mean fetch?');
  });

  it('asks for a command when none is given', async () => {
    const result = await runCli([]);
    expect(result.stderr).toContain('Name a command');
  });

  it('rejects an unknown option', async () => {
    const result = await runCli(['run', 'sweep.yaml', '--wokers', '2']);
    expect(result.code).toBe(2);
  });
});

describe('ascent run --workers', () => {
  it.each(['0', '-1', '1.5', 'abc'])('rejects %s as a usage error', async (value) => {
    const result = await runCli(['run', 'sweep.yaml', '--workers', value]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--workers must be a positive whole number');
    expect(hasStackTrace(result.stderr)).toBe(false);
  });
});
