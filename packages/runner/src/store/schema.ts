/**
 * The SQLite schema of a run store, one database per sweep.
 *
 * Reading it from Python or R: every table is plain SQLite. Timestamps are ISO 8601
 * text in UTC. Real-valued metrics are REAL, except non-finite values, which are stored
 * as the text 'NaN', 'Infinity' or '-Infinity' because SQLite turns NaN into NULL. Both
 * Python's float() and R's as.numeric() parse those three strings. NULL means "not
 * recorded". JSON columns hold the resolved configuration with the sweep file's keys.
 *
 * Migrations: SCHEMA_VERSION increases with every change; `openRunStore` rejects a file
 * whose version it does not know, naming both versions.
 */
export const SCHEMA_VERSION = 1;

/** Trial states. A trial is `pending` until a runner claims it. */
export const TRIAL_STATUSES = ['pending', 'running', 'completed', 'diverged', 'failed', 'interrupted'] as const;
export type TrialStatus = (typeof TRIAL_STATUSES)[number];

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS schema_version (
  version INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS sweeps (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  file          TEXT NOT NULL,      -- sweep file path as given to ascent run
  file_sha256   TEXT NOT NULL,      -- hash of the file's bytes
  spec_sha256   TEXT NOT NULL,      -- hash of the validated sweep, insensitive to comments and key order
  spec_json     TEXT NOT NULL,
  seed          INTEGER NOT NULL,
  created_at    TEXT NOT NULL
);

-- One row per ascent run invocation on this sweep: what code, runtime and data it used.
CREATE TABLE IF NOT EXISTS environment (
  id             INTEGER PRIMARY KEY,
  sweep_id       INTEGER NOT NULL REFERENCES sweeps(id),
  recorded_at    TEXT NOT NULL,
  ascent_version TEXT NOT NULL,
  git_commit     TEXT,              -- NULL outside a git checkout
  git_dirty      INTEGER,           -- 1 when tracked files had uncommitted changes
  node_version   TEXT NOT NULL,
  platform       TEXT NOT NULL,     -- os and architecture, such as linux-x64
  cpu            TEXT NOT NULL,
  packages_json  TEXT NOT NULL,     -- versions of the npm packages that affect results
  data_file      TEXT NOT NULL,
  data_sha256    TEXT NOT NULL,
  workers        INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS trials (
  id                  TEXT PRIMARY KEY,   -- hash of the sweep seed and the resolved configuration
  sweep_id            INTEGER NOT NULL REFERENCES sweeps(id),
  position            INTEGER NOT NULL,   -- order in the expanded sweep
  optimizer           TEXT NOT NULL,
  restart             INTEGER NOT NULL,
  config_json         TEXT NOT NULL,
  init_key            TEXT NOT NULL,      -- trials with equal init_key start from the same parameters
  status              TEXT NOT NULL CHECK (status IN ('pending','running','completed','diverged','failed','interrupted')),
  started_at          TEXT,
  finished_at         TEXT,
  heartbeat_at        TEXT,               -- updated while running; a stale one means the runner died
  epochs_completed    INTEGER NOT NULL DEFAULT 0,
  final_log_posterior REAL,
  final_log_likelihood REAL,
  final_log_prior     REAL,
  best_log_posterior  REAL,
  free_parameters     INTEGER,
  data_size           INTEGER,
  aic                 REAL,               -- 2k - 2 log-likelihood at the final parameters
  bic                 REAL,               -- k log N - 2 log-likelihood at the final parameters
  held_out_spearman   REAL,               -- rank correlation of held-out observations with expected values
  notes               TEXT,               -- JSON list of the model's notes on the fit, such as an estimate at infinity
  error               TEXT                -- why a trial diverged, failed or was interrupted
);
CREATE INDEX IF NOT EXISTS trials_by_sweep ON trials (sweep_id, position);

-- One row per epoch; epoch 0 is the initial point, before any update.
CREATE TABLE IF NOT EXISTS epochs (
  trial_id        TEXT NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
  epoch           INTEGER NOT NULL,
  log_posterior   REAL,     -- full data, at the end of the epoch
  log_likelihood  REAL,
  log_prior       REAL,
  minibatch_loss  REAL,     -- mean of the epoch's minibatch losses (negative log-posterior per datum)
  gradient_norm   REAL,     -- Euclidean norm of the full-data loss gradient at the end of the epoch
  learning_rate   REAL,
  evaluations     INTEGER,  -- objective evaluations during the epoch (minibatches, or L-BFGS closure calls)
  held_out_log_likelihood REAL,
  elapsed_seconds REAL NOT NULL,  -- since the trial started; the only column that differs between identical runs
  PRIMARY KEY (trial_id, epoch)
) WITHOUT ROWID;
`;
