import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLICATION_DATASET, REPLICATION_ZIP, TINY_TABLE, dataFile } from '../helpers/data.js';
import { MAIN, ensureBuilt, hasStackTrace, runCli, tempFolder, type CliResult, type TempFolder } from '../helpers/cli.js';

const replication = dataFile(REPLICATION_ZIP);

beforeAll(() => ensureBuilt());

const UNKNOWN_OPTIMIZER = `name: bad-sweep
seed: 1
data:
  path: judgments.tsv
model:
  name: bernoulli
  verb: think
epochs: 2
optimizers:
  - name: adamm
    lr: 0.1
`;

const TINY_SWEEP = `name: tiny
seed: 1
data:
  path: judgments.tsv
model:
  name: bernoulli
  verb: think
epochs: 5
restarts: 2
optimizers:
  - name: gd
    lr: 1
  - name: adam
    lr: 0.1
    batch_size: 2
`;

describe('ascent run with a bad sweep file', () => {
  let folder: TempFolder;
  let result: CliResult;

  beforeAll(async () => {
    folder = tempFolder();
    folder.write('judgments.tsv', TINY_TABLE);
    folder.write('bad.yaml', UNKNOWN_OPTIMIZER);
    result = await runCli(['run', 'bad.yaml', '--db', 'bad.sqlite'], { cwd: folder.path });
  });

  afterAll(() => folder.remove());

  it('exits with 1', () => {
    expect(result.code).toBe(1);
  });

  it('prints the problem with its file, line and column', () => {
    // "adamm" is on line 10, from column 11.
    expect(result.stderr).toContain('bad.yaml:10:11: optimizers[0].name unknown optimizer "adamm"');
  });

  it('prints no stack trace', () => {
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('prints nothing on stdout', () => {
    expect(result.stdout).toBe('');
  });

  it('writes no database', () => {
    expect(existsSync(join(folder.path, 'bad.sqlite'))).toBe(false);
  });
});

describe('ascent run without its inputs', () => {
  let folder: TempFolder;

  beforeAll(() => {
    folder = tempFolder();
  });

  afterAll(() => folder.remove());

  it('says that a missing sweep file is not found', async () => {
    const result = await runCli(['run', 'absent.yaml'], { cwd: folder.path });
    expect(result.stderr).toContain('absent.yaml: sweep file not found');
  });

  it('exits with 1 for a missing sweep file', async () => {
    expect((await runCli(['run', 'absent.yaml'], { cwd: folder.path })).code).toBe(1);
  });

  it('says how to point at a data set that is not found', async () => {
    const sweep = folder.write('needs-data.yaml', TINY_SWEEP.replace('path: judgments.tsv', `dataset: ${REPLICATION_DATASET}`));
    const result = await runCli(['run', sweep, '--db', join(folder.path, 'needs-data.sqlite')], {
      cwd: folder.path,
      env: { ASCENT_CACHE_DIR: folder.path },
    });
    expect(result.stderr).toMatch(/not found.*set ASCENT_DATA_DIR/);
  });

  it('prints no stack trace for a data set that is not found', async () => {
    const sweep = folder.write('needs-data-2.yaml', TINY_SWEEP.replace('path: judgments.tsv', `dataset: ${REPLICATION_DATASET}`));
    const result = await runCli(['run', sweep], { cwd: folder.path, env: { ASCENT_CACHE_DIR: folder.path } });
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('says that --fetch cannot download the replication set', async () => {
    const sweep = folder.write('fetch.yaml', TINY_SWEEP.replace('path: judgments.tsv', `dataset: ${REPLICATION_DATASET}`));
    const result = await runCli(['run', sweep, '--fetch', '--db', join(folder.path, 'fetch.sqlite')], {
      cwd: folder.path,
      env: { ASCENT_CACHE_DIR: join(folder.path, 'fetch-cache') },
    });
    expect(result.stderr).toContain('no registered download address');
  });

  it('prints no stack trace for a verb that is not in the data', async () => {
    folder.write('judgments.tsv', TINY_TABLE);
    const sweep = folder.write('bad-verb.yaml', TINY_SWEEP.replace('verb: think', 'verb: thinkk'));
    const result = await runCli(['run', sweep, '--db', join(folder.path, 'bad-verb.sqlite')], { cwd: folder.path });
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('names a verb that is not in the data', async () => {
    folder.write('judgments.tsv', TINY_TABLE);
    const sweep = folder.write('bad-verb-2.yaml', TINY_SWEEP.replace('verb: think', 'verb: thinkk'));
    const result = await runCli(['run', sweep, '--db', join(folder.path, 'bad-verb-2.sqlite')], { cwd: folder.path });
    expect(result.stderr).toContain('verb "thinkk" does not occur in the judgments');
  });
});

describe('ascent run on a small local table', () => {
  let folder: TempFolder;
  let first: CliResult;
  let second: CliResult;

  beforeAll(async () => {
    folder = tempFolder();
    folder.write('judgments.tsv', TINY_TABLE);
    folder.write('tiny.yaml', TINY_SWEEP);
    first = await runCli(['run', 'tiny.yaml', '--db', 'runs/tiny.sqlite'], { cwd: folder.path });
    second = await runCli(['run', 'tiny.yaml', '--db', 'runs/tiny.sqlite'], { cwd: folder.path });
  });

  afterAll(() => folder.remove());

  it('exits with 0', () => {
    expect(first.code).toBe(0);
  });

  it('prints the absolute database path on stdout', () => {
    expect(first.stdout).toBe(`${join(folder.path, 'runs', 'tiny.sqlite')}\n`);
  });

  it('writes the database', () => {
    expect(existsSync(join(folder.path, 'runs', 'tiny.sqlite'))).toBe(true);
  });

  it('logs each trial with its id on stderr', () => {
    // 2 optimizer entries x 2 restarts.
    expect(first.stderr.match(/trial [0-9a-f]{16} /g)).toHaveLength(4);
  });

  it('prints no progress bar when stderr is not a terminal', () => {
    expect(first.stderr).toContain('progress: 4/4 trials ended');
  });

  it('resumes without rerunning on a second run', () => {
    expect(second.stderr).toContain('0 completed, 0 diverged, 0 failed, 0 interrupted, 4 finished earlier');
  });

  it('prints the database path again on a second run', () => {
    expect(second.stdout).toBe(first.stdout);
  });

  it('writes runs/<name>.sqlite when --db is not given', async () => {
    const result = await runCli(['run', 'tiny.yaml'], { cwd: folder.path });
    expect(result.stdout).toBe(`${resolve(folder.path, 'runs', 'tiny.sqlite')}\n`);
  });
});

describe.skipIf(replication === undefined)('ascent run on the replication data', () => {
  const dataDir = dirname(replication ?? '.');
  let folder: TempFolder;
  let result: CliResult;

  const quick = `name: quick
seed: 2016
data:
  dataset: ${REPLICATION_DATASET}
  native_only: true
model:
  name: s-selection
  types: 2
epochs: 2
optimizers:
  - name: gd
    lr: 1
  - name: adam
    lr: 0.05
    batch_size: 100
`;

  beforeAll(async () => {
    folder = tempFolder();
    folder.write('quick.yaml', quick);
    // The data folder comes from --data-dir alone: ASCENT_DATA_DIR is removed.
    result = await runCli(['run', 'quick.yaml', '--db', 'quick.sqlite', '--data-dir', dataDir], {
      cwd: folder.path,
      env: { ASCENT_CACHE_DIR: folder.path },
    });
  });

  afterAll(() => folder.remove());

  it('exits with 0', () => {
    expect(result.code).toBe(0);
  });

  it('prints the database path on stdout', () => {
    expect(result.stdout).toBe(`${join(folder.path, 'quick.sqlite')}\n`);
  });

  it('logs the data file it read', () => {
    expect(result.stderr).toContain(`data: ${join(dataDir, REPLICATION_ZIP)}`);
  });

  it('reports every trial completed', () => {
    expect(result.stderr).toContain('2 completed, 0 diverged, 0 failed, 0 interrupted');
  });
});

describe.skipIf(replication === undefined)('ascent run interrupted by SIGINT', () => {
  const dataDir = dirname(replication ?? '.');
  let folder: TempFolder;
  let interrupted: CliResult;
  let resumed: CliResult;

  // Three minibatch trials of a few seconds each, so the signal arrives mid-trial.
  const sweep = `name: interrupt
seed: 5
data:
  dataset: ${REPLICATION_DATASET}
model:
  name: s-selection
  types: 2
epochs: 1000
restarts: 3
optimizers:
  - name: sgd
    lr: 0.1
    batch_size: 100
`;

  /**
   * Runs the sweep and sends SIGINT half a second after the first trial has finished,
   * when the second (about 3 s long) is running. A signal right at the end of a trial
   * would stop the sweep between trials, which leaves nothing interrupted.
   */
  function runAndInterrupt(cwd: string): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [MAIN, 'run', 'sweep.yaml', '--db', 'interrupt.sqlite', '--data-dir', dataDir], {
        cwd,
        env: { ...process.env, ASCENT_CACHE_DIR: cwd },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      let sent = false;
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (!sent && stderr.includes('progress: 1/3')) {
          sent = true;
          setTimeout(() => child.kill('SIGINT'), 500);
        }
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  beforeAll(async () => {
    folder = tempFolder();
    folder.write('sweep.yaml', sweep);
    interrupted = await runAndInterrupt(folder.path);
    resumed = await runCli(['run', 'sweep.yaml', '--db', 'interrupt.sqlite', '--data-dir', dataDir], {
      cwd: folder.path,
      env: { ASCENT_CACHE_DIR: folder.path },
    });
  }, 120_000);

  afterAll(() => folder.remove());

  it('exits with 130', () => {
    expect(interrupted.code).toBe(130);
  });

  it('acknowledges the signal', () => {
    expect(interrupted.stderr).toContain('SIGINT received');
  });

  it('stops the running trial as interrupted', () => {
    expect(interrupted.stderr).toContain('1 completed, 0 diverged, 0 failed, 1 interrupted');
  });

  it('prints the database path', () => {
    expect(interrupted.stdout).toBe(`${join(folder.path, 'interrupt.sqlite')}\n`);
  });

  it('keeps the finished trial on the next run', () => {
    expect(resumed.stderr).toContain('2 completed, 0 diverged, 0 failed, 0 interrupted, 1 finished earlier');
  });
});
