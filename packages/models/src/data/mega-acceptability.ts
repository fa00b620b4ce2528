import { DataFormatError, TsvTable } from './tsv.js';

/**
 * Parses MegaAcceptability (White & Rawlins, 2016; 2020), a table of ordinal
 * acceptability judgments of verbs in syntactic frames with one row per judgment.
 * The columns read are participant, list, verb, frame, response and nativeenglish.
 * A response is 1 to 7, sometimes written "2.0", or empty when missing;
 * nativeenglish is "True" or "False". Other columns are ignored.
 *
 * Parsing takes the file's text and touches no file system; see read.ts for that.
 */

/** Number of ordered response levels on the MegaAcceptability scale. */
export const RESPONSE_LEVELS = 7;

/** Judgments with verbs, frames and participants indexed from 0. */
export interface AcceptabilityJudgments {
  /** Verbs in code-point order of their strings; `verb[i]` indexes this list. */
  readonly verbs: readonly string[];
  /** Frames in code-point order of their strings. */
  readonly frames: readonly string[];
  /** Participant ids as written in the file, in numeric order when all are integers. */
  readonly participants: readonly string[];
  readonly verb: Int32Array;
  readonly frame: Int32Array;
  readonly participant: Int32Array;
  /** Response level, 1 .. RESPONSE_LEVELS. */
  readonly response: Int8Array;
  readonly levels: number;
}

export interface ParseOptions {
  /** Keep only participants whose nativeenglish field is "True". Default false. */
  readonly nativeOnly?: boolean;
}

/** Counts of the rows read and dropped, to print next to a fit. */
export interface ParseSummary {
  readonly rows: number;
  readonly missingResponses: number;
  readonly nonNative: number;
  readonly kept: number;
}

export interface ParsedAcceptability {
  readonly judgments: AcceptabilityJudgments;
  readonly summary: ParseSummary;
}

const REQUIRED = ['participant', 'verb', 'frame', 'response', 'nativeenglish'] as const;
const MISSING_MARKERS = new Set(['', 'NA', 'nan', 'NaN']);

export function parseMegaAcceptability(text: string, source: string, options: ParseOptions = {}): ParsedAcceptability {
  const table = new TsvTable(text, source);
  const column = table.requireColumns(REQUIRED);
  const minFields = Math.max(...Object.values<number>(column)) + 1;

  const rows = { participant: [] as string[], verb: [] as string[], frame: [] as string[], response: [] as number[] };
  let missingResponses = 0;
  let nonNative = 0;
  table.forEachRow(minFields, (fields, line) => {
    const native = parseNative(fields[column.nativeenglish] ?? '', source, line);
    const rawResponse = (fields[column.response] ?? '').trim();
    if (MISSING_MARKERS.has(rawResponse)) {
      missingResponses += 1;
      return;
    }
    const response = parseResponse(rawResponse, source, line);
    if (options.nativeOnly === true && !native) {
      nonNative += 1;
      return;
    }
    rows.participant.push(fields[column.participant] ?? '');
    rows.verb.push(fields[column.verb] ?? '');
    rows.frame.push(fields[column.frame] ?? '');
    rows.response.push(response);
  });

  const verbs = indexStrings(rows.verb, compareCodePoints);
  const frames = indexStrings(rows.frame, compareCodePoints);
  const participants = indexStrings(rows.participant, compareIds);
  const judgments: AcceptabilityJudgments = {
    verbs: verbs.values,
    frames: frames.values,
    participants: participants.values,
    verb: verbs.codes,
    frame: frames.codes,
    participant: participants.codes,
    response: Int8Array.from(rows.response),
    levels: RESPONSE_LEVELS,
  };
  return {
    judgments,
    summary: { rows: table.rowCount, missingResponses, nonNative, kept: rows.response.length },
  };
}

function parseNative(raw: string, source: string, line: number): boolean {
  const value = raw.trim();
  if (value === 'True') return true;
  if (value === 'False') return false;
  throw new DataFormatError(`${source}:${line}: nativeenglish must be "True" or "False", got "${raw}"`);
}

function parseResponse(raw: string, source: string, line: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > RESPONSE_LEVELS) {
    throw new DataFormatError(
      `${source}:${line}: response must be a whole number from 1 to ${RESPONSE_LEVELS} (or empty when missing), got "${raw}"`,
    );
  }
  return value;
}

/** Orders strings by code point (for the ASCII verbs and frames, the same as by UTF-16 code unit). */
function compareCodePoints(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/** Orders ids numerically when both are integers, otherwise by code point. */
function compareIds(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isInteger(x) && Number.isInteger(y)) return x - y;
  return compareCodePoints(a, b);
}

function indexStrings(column: readonly string[], compare: (a: string, b: string) => number): {
  values: string[];
  codes: Int32Array;
} {
  const values = [...new Set(column)].sort(compare);
  const codeOf = new Map(values.map((value, index) => [value, index]));
  const codes = new Int32Array(column.length);
  for (let i = 0; i < column.length; i++) codes[i] = codeOf.get(column[i] ?? '') ?? -1;
  return { values, codes };
}

/**
 * Returns, for every participant in the file, the number of distinct lists they
 * responded to, whatever their responses or native language. Participants are in
 * the order of `compareIds`.
 */
export function listsPerParticipant(text: string, source: string): { participants: string[]; lists: Int32Array } {
  const table = new TsvTable(text, source);
  const column = table.requireColumns(['participant', 'list'] as const);
  const minFields = Math.max(column.participant, column.list) + 1;
  const listsByParticipant = new Map<string, Set<string>>();
  table.forEachRow(minFields, (fields) => {
    const participant = fields[column.participant] ?? '';
    let lists = listsByParticipant.get(participant);
    if (lists === undefined) {
      lists = new Set();
      listsByParticipant.set(participant, lists);
    }
    lists.add(fields[column.list] ?? '');
  });
  const participants = [...listsByParticipant.keys()].sort(compareIds);
  const lists = Int32Array.from(participants, (p) => listsByParticipant.get(p)?.size ?? 0);
  return { participants, lists };
}
