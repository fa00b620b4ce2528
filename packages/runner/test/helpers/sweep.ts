import Database from 'better-sqlite3';
import { readAcceptabilityTable } from '@ascent/models';
import { runSweep, type RunProgress, type RunSweepOptions, type SweepRunSummary } from '../../src/index.js';

/** A logger that keeps the lines a sweep logs, so tests stay quiet and can read them. */
export class MemoryLogger {
  readonly lines: string[] = [];

  info(message: string): void {
    this.lines.push(`info: ${message}`);
  }

  warn(message: string): void {
    this.lines.push(`warn: ${message}`);
  }
}

export interface RunOptions {
  /** Folder searched for data sets, as ASCENT_DATA_DIR. */
  readonly dataDir: string;
  /** Download cache; tests point it at their own folder so no user cache is read. */
  readonly cacheDir: string;
  readonly stopRequested?: () => boolean;
  readonly progress?: RunProgress;
  readonly workers?: number;
}

/** Runs a sweep file into `dbPath` with a quiet logger and only the given data folders. */
export function runQuietly(file: string, dbPath: string, options: RunOptions): Promise<SweepRunSummary> {
  const run: RunSweepOptions = {
    file,
    dbPath,
    data: { env: { ASCENT_DATA_DIR: options.dataDir, ASCENT_CACHE_DIR: options.cacheDir } },
    logger: new MemoryLogger(),
    ...(options.stopRequested !== undefined ? { stopRequested: options.stopRequested } : {}),
    ...(options.progress !== undefined ? { progress: options.progress } : {}),
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
  };
  return runSweep(run);
}

/** Every epoch column except elapsed_seconds, the one that may differ between identical runs. */
export const DETERMINISTIC_EPOCH_COLUMNS = [
  'trial_id',
  'epoch',
  'log_posterior',
  'log_likelihood',
  'log_prior',
  'minibatch_loss',
  'gradient_norm',
  'learning_rate',
  'evaluations',
  'held_out_log_likelihood',
] as const;

/**
 * Returns the epoch rows of a database as SQLite stores them, each value tagged with its
 * storage class, and each REAL written as the hexadecimal bits of the double, so equal
 * output means bit-identical rows.
 */
export function rawEpochRows(dbPath: string, trialId?: string): string[][] {
  const db = new Database(dbPath, { readonly: true });
  try {
    const columns = DETERMINISTIC_EPOCH_COLUMNS.map((column) => `typeof(${column}), ${column}`).join(', ');
    const where = trialId === undefined ? '' : 'WHERE trial_id = ?';
    const statement = db.prepare(`SELECT ${columns} FROM epochs ${where} ORDER BY trial_id, epoch`).raw(true);
    const rows = (trialId === undefined ? statement.all() : statement.all(trialId)) as unknown[][];
    return rows.map((row) => {
      const cells: string[] = [];
      for (let i = 0; i < row.length; i += 2) cells.push(`${String(row[i])}:${bitsOf(row[i + 1])}`);
      return cells;
    });
  } finally {
    db.close();
  }
}

function bitsOf(value: unknown): string {
  if (typeof value !== 'number') return String(value);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

/** Counts of a MegaAcceptability file, computed from its rows without the runner's parser. */
export interface TableCounts {
  /** Judgments with a response from 1 to 7 by a native English speaker. */
  readonly judgments: number;
  readonly verbs: number;
  readonly frames: number;
  readonly participants: number;
  /** Per verb: judgments with a response from 1 to 7, and those with a response >= 5. */
  readonly byVerb: ReadonlyMap<string, { readonly n: number; readonly acceptable: number }>;
}

/** Reads the table of a MegaAcceptability archive and counts it row by row. */
export async function countTable(path: string): Promise<TableCounts> {
  const { text } = await readAcceptabilityTable(path);
  const [header = '', ...lines] = text.split(/\r?\n/);
  const names = header.split('\t');
  const column = (name: string): number => {
    const index = names.indexOf(name);
    if (index < 0) throw new Error(`${path} has no column ${name}`);
    return index;
  };
  const [verbColumn, frameColumn, participantColumn, responseColumn, nativeColumn] = [
    column('verb'),
    column('frame'),
    column('participant'),
    column('response'),
    column('nativeenglish'),
  ];
  const verbs = new Set<string>();
  const frames = new Set<string>();
  const participants = new Set<string>();
  const byVerb = new Map<string, { n: number; acceptable: number }>();
  let judgments = 0;
  for (const line of lines) {
    if (line === '') continue;
    const cells = line.split('\t');
    const response = Number(cells[responseColumn]);
    if (!(Number.isInteger(response) && response >= 1 && response <= 7)) continue;
    if (cells[nativeColumn] !== 'True') continue;
    const verb = cells[verbColumn] ?? '';
    judgments += 1;
    verbs.add(verb);
    frames.add(cells[frameColumn] ?? '');
    participants.add(cells[participantColumn] ?? '');
    const counts = byVerb.get(verb) ?? { n: 0, acceptable: 0 };
    counts.n += 1;
    if (response >= 5) counts.acceptable += 1;
    byVerb.set(verb, counts);
  }
  return { judgments, verbs: verbs.size, frames: frames.size, participants: participants.size, byVerb };
}
