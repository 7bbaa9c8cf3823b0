import { describe, expect, it } from 'vitest';
import { formatTimeAgo } from './relative-time';

describe('formatTimeAgo', () => {
  const now = new Date('2026-11-29T12:00:00Z');

  it('says how long ago in the largest whole unit', () => {
    expect(formatTimeAgo(new Date('2026-11-29T11:59:30Z'), now)).toBe('just now');
    expect(formatTimeAgo(new Date('2026-11-29T11:57:00Z'), now)).toBe('3 min ago');
    expect(formatTimeAgo('2026-11-29T09:10:00Z', now)).toBe('2 h ago');
    expect(formatTimeAgo('2026-11-28T11:00:00Z', now)).toBe('1 day ago');
    expect(formatTimeAgo('2026-11-24T12:00:00Z', now)).toBe('5 days ago');
  });

  it('says never for an account that has not synced', () => {
    expect(formatTimeAgo(null, now)).toBe('never');
  });

  it('treats a timestamp slightly ahead of this clock as just now', () => {
    expect(formatTimeAgo('2026-11-29T12:00:20Z', now)).toBe('just now');
  });
});
