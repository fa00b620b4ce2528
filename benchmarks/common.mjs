// Helpers shared by the benchmark scripts: finding the data as `ascent run` does, and
// timing with a spread.
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataFormatError } from '@ascent/models';
import { DataNotFoundError, loadData } from '@ascent/runner';

/** Prints `message` as the script's error and exits with status 1. */
export function fail(script, message) {
  console.error(`${script}: ${message}`);
  process.exit(1);
}

/**
 * Loads MegaAcceptability v1 as `ascent run` does: looks in --data-dir, then
 * ASCENT_DATA_DIR, then the download cache, checks the archive's SHA-256, and keeps the
 * native speakers. Prints the file it read on stderr.
 */
export async function loadBenchmarkData(script, argv) {
  const dataDir = optionValue(argv, '--data-dir');
  let data;
  try {
    data = await loadData({ dataset: 'mega-acceptability-v1', nativeOnly: true }, { dataDir, env: process.env, baseDir: process.cwd() });
  } catch (error) {
    if (error instanceof DataNotFoundError || error instanceof DataFormatError) fail(script, error.message);
    throw error;
  }
  console.error(`${script}: data ${data.path} (sha256 ${data.sha256.slice(0, 12)})`);
  return { path: data.path, dataDir: dataDir ?? process.env.ASCENT_DATA_DIR, judgments: data.judgments };
}

/** Returns the value of `--name VALUE` or `--name=VALUE` in argv. */
export function optionValue(argv, name) {
  const at = argv.indexOf(name);
  if (at >= 0) return argv[at + 1];
  return argv.find((argument) => argument.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** Median and quartiles of `samples`, by linear interpolation between order statistics. */
export function summarise(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => {
    const position = q * (sorted.length - 1);
    const low = Math.floor(position);
    const high = Math.ceil(position);
    return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
  };
  return { median: at(0.5), q1: at(0.25), q3: at(0.75), count: sorted.length };
}

/**
 * Warns on stderr when a measurement's interquartile range is wider than 10% of its
 * median: something disturbed the runs, and the median may be off too.
 */
export function checkSpread(script, label, { median, q1, q3 }) {
  if (q3 - q1 > 0.1 * median) {
    console.error(`${script}: ${label} varied widely (median ${median.toFixed(3)} ms, quartiles ${q1.toFixed(3)} to ${q3.toFixed(3)}); rerun on an idle machine`);
  }
}

/** Times `run` `count` times after `warmup` untimed runs; returns summarise() of the milliseconds. */
export function timeRuns(run, count, warmup = 5) {
  for (let i = 0; i < warmup; i++) run();
  const samples = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return summarise(samples);
}

/**
 * Measures how busy the CPUs are with other work over `seconds` while this process
 * sleeps, as the fraction of CPU time not idle, and warns on stderr above 20%: other
 * work makes the timings slower and noisier.
 */
export async function otherLoad(script, seconds = 1) {
  const idleAndTotal = () =>
    cpus().reduce(
      ([idle, total], { times }) => [idle + times.idle, total + times.user + times.nice + times.sys + times.idle + times.irq],
      [0, 0],
    );
  const [idleBefore, totalBefore] = idleAndTotal();
  await sleep(1000 * seconds);
  const [idleAfter, totalAfter] = idleAndTotal();
  const busy = totalAfter === totalBefore ? 0 : 1 - (idleAfter - idleBefore) / (totalAfter - totalBefore);
  if (busy > 0.2) {
    console.error(`${script}: other work kept the CPUs ${(100 * busy).toFixed(0)}% busy; timings will be slower and noisier than on an idle machine`);
  }
  return busy;
}
