import { describe, expect, it } from 'vitest';
import { SweepFileError, RunStoreError, DataNotFoundError } from '@ascent/runner';
import { ReportError } from '@ascent/report';
import { formatError } from '../src/errors.js';

describe('formatError', () => {
  it.each([
    ['SweepFileError', new SweepFileError('sweep.yaml', [{ path: ['seed'], message: 'must be a whole number, got 1.5', line: 2, column: 7 }])],
    ['RunStoreError', new RunStoreError('runs/x.sqlite is being written by another ascent run')],
    ['DataNotFoundError', new DataNotFoundError('data set x not found')],
    ['ReportError', new ReportError('trial 1 has an invalid configuration')],
  ])('prints a %s without its stack', (_name, error) => {
    expect(formatError(error)).toBe(error.message);
  });

  it('prints the stack of an unexpected error', () => {
    const error = new TypeError('cannot read properties of undefined');
    expect(formatError(error)).toBe(error.stack);
  });
});
