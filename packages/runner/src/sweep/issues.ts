import type { z } from 'zod';
import { suggestion } from './suggest.js';

/** Phrases a zod issue as "must be ..., got ..." with a fix where one is obvious. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const input: unknown = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED_PHRASES[issue.expected] ?? issue.expected;
      if (input === undefined) return `is required (${expected})`;
      return `must be ${expected}, got ${describe(input)}${quotesHint(input, [issue.expected])}`;
    }
    case 'too_small':
      if (issue.origin === 'array') return `needs ${String(issue.minimum)} values, got ${describe(input)}`;
      return `must be ${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}, got ${describe(input)}`;
    case 'too_big':
      return `must be ${issue.inclusive === false ? '<' : '<='} ${String(issue.maximum)}, got ${describe(input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(input)}`;
    case 'unrecognized_keys':
      return `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union':
      return describeUnionIssue(issue, input);
    default:
      return issue.message;
  }
}

/**
 * Phrases a failed union. A discriminated union (a schedule's `kind`) names the
 * discriminator values it accepts. A plain union (a batch size, a whole number or
 * "full") lists what each alternative expected.
 */
function describeUnionIssue(issue: z.core.$ZodIssueInvalidUnion, input: unknown): string {
  if (typeof issue.discriminator === 'string') {
    // zod reports the whole mapping as the input and the discriminator key in the path.
    const value = isMapping(input) ? input[issue.discriminator] : input;
    const options = 'options' in issue && Array.isArray(issue.options) ? issue.options.map(String) : [];
    const known = options.length > 0 ? `one of ${options.join(', ')}` : 'a known kind';
    const hint = typeof value === 'string' ? suggestion(value, options) : '';
    return value === undefined ? `is required (${known})` : `must be ${known}, got ${describe(value)}${hint}`;
  }
  const expected: string[] = [];
  const expectedTypes: string[] = [];
  for (const branch of issue.errors) {
    const first = branch[0];
    if (first === undefined) continue;
    if (first.code === 'invalid_type') {
      expected.push(EXPECTED_PHRASES[first.expected] ?? first.expected);
      expectedTypes.push(first.expected);
    } else if (first.code === 'invalid_value') {
      expected.push(first.values.map((v) => JSON.stringify(v)).join(' or '));
    }
  }
  if (expected.length === 0) return `is not valid: ${issue.message}`;
  return `must be ${expected.join(' or ')}, got ${describe(input)}${quotesHint(input, expectedTypes)}`;
}

/** "; remove the quotes" when a quoted string would be valid without them (a number or a boolean). */
function quotesHint(input: unknown, expectedTypes: readonly string[]): string {
  if (typeof input !== 'string') return '';
  const numeric = input.trim() !== '' && Number.isFinite(Number(input));
  const wantsNumber = expectedTypes.includes('number') || expectedTypes.includes('int');
  if (numeric && wantsNumber) return '; remove the quotes';
  if ((input === 'true' || input === 'false') && expectedTypes.includes('boolean')) return '; remove the quotes';
  return '';
}

const EXPECTED_PHRASES: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  tuple: 'a list',
};

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Describes a value from a sweep file for an error message. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return `"${value}" (a string)`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}
