/** One problem found in a sweep file, with its location when known. */
export interface SweepProblem {
  /** Path of the offending value, such as ["optimizers", 1, "lr"]. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** 1-based line and column in the file, when the value was found there. */
  readonly line?: number;
  readonly column?: number;
}

/**
 * A sweep file that cannot be run. The message lists every problem, one per line, as
 * `file:line:column: path message`.
 */
export class SweepFileError extends Error {
  override readonly name = 'SweepFileError';

  constructor(
    readonly file: string,
    readonly problems: readonly SweepProblem[],
    options?: ErrorOptions,
  ) {
    super(problems.map((problem) => formatProblem(file, problem)).join('\n'), options);
  }
}

/** Formats a path the way a reader writes it in YAML terms: optimizers[1].lr. */
export function formatPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? part : `.${part}`;
  }
  return text;
}

function formatProblem(file: string, problem: SweepProblem): string {
  const location = problem.line === undefined ? file : `${file}:${problem.line}:${problem.column ?? 1}`;
  const subject = problem.path.length > 0 ? `${formatPath(problem.path)} ` : '';
  return `${location}: ${subject}${problem.message}`;
}
