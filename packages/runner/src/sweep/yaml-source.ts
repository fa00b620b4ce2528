import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { SweepProblem } from './errors.js';

/**
 * A parsed YAML file that can tell where a value came from, so validation errors
 * point at a line and column.
 */
export class YamlSource {
  private readonly lineCounter = new LineCounter();
  private readonly document: Document;
  /** Problems that YAML itself reported (syntax errors, duplicate keys). */
  readonly syntaxProblems: readonly SweepProblem[];

  constructor(readonly text: string) {
    this.document = parseDocument(text, { lineCounter: this.lineCounter, uniqueKeys: true, prettyErrors: false });
    this.syntaxProblems = this.document.errors.map((error) => {
      const position = this.lineCounter.linePos(error.pos[0]);
      const message = error.code === 'DUPLICATE_KEY' ? duplicateKeyMessage(text, error.pos[0]) : `invalid YAML: ${firstLine(error.message)}`;
      return { path: [], message, line: position.line, column: position.col };
    });
  }

  /** Returns the file's contents as plain JavaScript values. */
  toValue(): unknown {
    return this.document.toJS();
  }

  /**
   * Returns the problem with the line and column of the value at `path`. When the
   * value is absent (a missing key), it points at the nearest enclosing value that exists.
   */
  locate(problem: SweepProblem): SweepProblem {
    for (let length = problem.path.length; length >= 0; length--) {
      const node = this.nodeAt(problem.path.slice(0, length));
      if (node?.range !== undefined && node.range !== null) {
        const position = this.lineCounter.linePos(node.range[0]);
        return { ...problem, line: position.line, column: position.col };
      }
    }
    return problem;
  }

  /** Returns the line and column of the key `key` in the mapping at `path`. */
  locateKey(path: readonly (string | number)[], key: string): { line: number; column: number } | undefined {
    const parent = this.nodeAt(path);
    if (!isMap(parent)) return undefined;
    for (const pair of parent.items) {
      if (isScalar(pair.key) && pair.key.value === key && pair.key.range) {
        const position = this.lineCounter.linePos(pair.key.range[0]);
        return { line: position.line, column: position.col };
      }
    }
    return undefined;
  }

  private nodeAt(path: readonly (string | number)[]): Node | undefined {
    let node: unknown = this.document.contents;
    for (const part of path) {
      if (isMap(node)) node = node.get(part, true);
      else if (isSeq(node) && typeof part === 'number') node = node.get(part, true);
      else return undefined;
    }
    return node === null ? undefined : (node as Node | undefined);
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** Names the repeated key that starts at `offset`, which is where yaml reports it. */
function duplicateKeyMessage(text: string, offset: number): string {
  const key = /^("[^"\n]*"|'[^'\n]*'|[^:\n,{}[\]]+?)\s*:/.exec(text.slice(offset))?.[1];
  const subject = key === undefined ? 'a key' : `key ${key.startsWith('"') || key.startsWith("'") ? key : `"${key}"`}`;
  return `duplicate ${subject}: a key may appear only once in a mapping, so remove or rename one of them`;
}
