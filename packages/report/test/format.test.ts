import { describe, expect, it } from 'vitest';
import { chartNumber, formatDuration, formatReal } from '../src/format.js';
import { messages } from '../src/messages.js';

describe('formatReal', () => {
  it.each([
    [Number.NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
    [undefined, messages.notRecorded()],
    [-1234.56789, '-1234.568'],
    [0, '0.000'],
    [2.5e-7, '2.5000e-7'],
    [-3.2e12, '-3.2000e+12'],
  ])('formats %s as %s', (value, expected) => {
    expect(formatReal(value)).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each([
    [4.5, '4.5 s'],
    [65, '1 min 05 s'],
    [7620, '2 h 07 min'],
    [undefined, messages.notRecorded()],
  ])('formats %s seconds as %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe('chartNumber', () => {
  it.each([
    [Number.NaN, null],
    [-Infinity, null],
    [undefined, null],
    [-3.5, -3.5],
  ])('turns %s into %s', (value, expected) => {
    expect(chartNumber(value)).toBe(expected);
  });
});
