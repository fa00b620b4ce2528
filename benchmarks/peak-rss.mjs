// Runs a sweep with 2 worker threads and prints the process's peak resident set size
// in KiB. Worker threads share the process, so this covers them too.
// Usage: node benchmarks/peak-rss.mjs SWEEP DB DATA_DIR
import { runSweep } from '@ascent/runner';

const [file, dbPath, dataDir] = process.argv.slice(2);
// An empty DATA_DIR leaves the search to ASCENT_DATA_DIR and the download cache.
await runSweep({ file, dbPath, workers: 2, data: { dataDir: dataDir === '' ? undefined : dataDir, env: process.env }, logger: { info() {}, warn() {} } });
console.log(process.resourceUsage().maxRSS);
