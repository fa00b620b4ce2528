import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { EnvironmentRecord } from './store/store.js';

/** Packages whose versions can change a trial's numbers. */
const RECORDED_PACKAGES = [
  '@ascent/core',
  '@ascent/models',
  '@ascent/runner',
  'seedrandom',
  'better-sqlite3',
  'fflate',
  'yaml',
  '@stdlib/math-base-special-gammaln',
  '@stdlib/math-base-special-digamma',
];

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  try {
    const manifest = require.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function git(args: string[], cwd: string): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** Folder of this module, inside the checkout (or installation) of the code that runs. */
const CODE_FOLDER = fileURLToPath(new URL('.', import.meta.url));

/**
 * Describes the code and machine that run a sweep: the git commit of the ascent
 * checkout that runs it and whether its tracked files differ from that commit (none
 * outside a git checkout), Node and package versions, platform and CPU.
 */
export function captureEnvironment(data: { path: string; sha256: string }, workers: number): EnvironmentRecord {
  const cwd = CODE_FOLDER;
  const commit = git(['rev-parse', 'HEAD'], cwd);
  const status = commit === undefined ? undefined : git(['status', '--porcelain', '--untracked-files=no'], cwd);
  const packages: Record<string, string> = {};
  for (const name of RECORDED_PACKAGES) packages[name] = packageVersion(name);
  return {
    ascentVersion: packages['@ascent/runner'] ?? 'unknown',
    gitCommit: commit,
    gitDirty: status === undefined ? undefined : status.length > 0,
    nodeVersion: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: `${cpus()[0]?.model ?? 'unknown'} x ${cpus().length}`,
    packages,
    dataFile: data.path,
    dataSha256: data.sha256,
    workers,
  };
}
