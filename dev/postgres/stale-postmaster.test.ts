import { describe, expect, it } from 'vitest';
import { parsePostmasterPid } from './stale-postmaster';

describe('parsePostmasterPid', () => {
  it('reads the PID from the first line of postmaster.pid', () => {
    expect(parsePostmasterPid('4242\n/tmp/data\n1700000000\n5432\n')).toBe(4242);
  });

  it('returns null for empty or garbage files', () => {
    expect(parsePostmasterPid('')).toBeNull();
    expect(parsePostmasterPid('abc\n')).toBeNull();
    expect(parsePostmasterPid('-3\n')).toBeNull();
  });
});
