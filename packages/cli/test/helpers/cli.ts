import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { tempFolder as sharedTempFolder, type TempFolder } from '../../../../testing/temp-folder.js';

export type { TempFolder };

/** The built command, as `npm run ascent` and the package's bin run it. */
export const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const LIB_TSCONFIG = fileURLToPath(new URL('../../tsconfig.lib.json', import.meta.url));

/**
 * Builds the CLI and the packages it depends on when dist/main.js is missing. Nx's test
 * target builds first, so this matters only for a bare `npx vitest run`.
 */
export function ensureBuilt(): void {
  if (existsSync(MAIN)) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b', LIB_TSCONFIG], { stdio: 'inherit' });
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd?: string;
  /** Variables added to the environment; undefined removes one. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Runs `node dist/main.js ...args` and collects its exit code and output. ASCENT_DATA_DIR
 * is removed from the inherited environment unless `env` sets it, so only the data a test
 * names is found.
 */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = { ...process.env, ASCENT_DATA_DIR: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** True when `text` contains a JavaScript stack frame line such as "    at main (file.js:1:2)". */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[:(]/m.test(text);
}

/** Creates a fresh folder for a CLI test under the system temporary folder. */
export function tempFolder(prefix = 'ascent-cli-'): TempFolder {
  return sharedTempFolder(prefix);
}
