import { describe, expect, it } from 'vitest';
import { describeErrorForLog } from './error-text';

describe('describeErrorForLog', () => {
  it('follows the cause chain and keeps the driver’s code', () => {
    const driver = Object.assign(new Error('password authentication failed for user "tidemark_app"'), { code: '28P01' });
    const wrapped = new Error('Failed query: select 1', { cause: driver });
    expect(describeErrorForLog(wrapped)).toBe(
      'Error: Failed query: select 1 <- Error 28P01: password authentication failed for user "tidemark_app"',
    );
  });

  it('never writes out a URL, whose credentials may be in it', () => {
    const error = new Error('could not connect to postgres://tidemark_app:s3cret@db.internal:5432/tidemark (timeout)');
    const text = describeErrorForLog(error);
    expect(text).not.toContain('s3cret');
    expect(text).toBe('Error: could not connect to [url] (timeout)');
  });

  it('describes a thrown non-error as its text', () => {
    expect(describeErrorForLog('socket closed')).toBe('socket closed');
  });
});
