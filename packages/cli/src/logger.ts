import cliProgress from 'cli-progress';
import type { RunLogger, RunProgress, TrialOutcome } from '@ascent/runner';

/**
 * Console output of a sweep: a progress bar on a terminal, with log lines printed
 * above it, and plain lines otherwise (CI logs, pipes, files). Everything goes to
 * stderr, so stdout carries only results such as file paths.
 */
export class ConsoleReporter implements RunLogger, RunProgress {
  private multibar: cliProgress.MultiBar | undefined;
  private bar: cliProgress.SingleBar | undefined;
  private done = 0;
  private total = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  info(message: string): void {
    this.line(message);
  }

  warn(message: string): void {
    this.line(`warning: ${message}`);
  }

  start(totalTrials: number, alreadyDone: number): void {
    this.total = totalTrials;
    this.done = alreadyDone;
    if (!this.stream.isTTY) return;
    this.multibar = new cliProgress.MultiBar(
      {
        stream: this.stream,
        format: 'trials {bar} {value}/{total} | {status}',
        hideCursor: true,
        clearOnComplete: false,
        // ascent handles Ctrl-C itself; cli-progress would stop the bar on it, and log
        // lines written after that would be lost.
        gracefulExit: false,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar = this.multibar.create(totalTrials, alreadyDone, { status: 'running' });
  }

  trialFinished(_trialIndex: number, outcome: TrialOutcome): void {
    this.done += 1;
    if (this.bar !== undefined) this.bar.update(this.done, { status: outcome.status });
    else this.line(`progress: ${this.done}/${this.total} trials ended`);
  }

  stop(): void {
    // MultiBar writes logged lines only when it redraws, so redraw once before stopping.
    this.multibar?.update();
    this.multibar?.stop();
    this.multibar = undefined;
    this.bar = undefined;
  }

  private line(message: string): void {
    const text = `${new Date().toISOString()} ${message}`;
    if (this.multibar !== undefined) this.multibar.log(`${text}\n`);
    else this.stream.write(`${text}\n`);
  }
}
