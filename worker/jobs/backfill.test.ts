import { describe, expect, it } from 'vitest';
import { BACKFILL_CHUNK_DAYS, backfillWindow, planBackfill, planManualSync } from './backfill';

const now = new Date('2026-11-29T15:00:00Z');

describe('backfill planning', () => {
  it('defaults to 90 days ending today in the account zone', () => {
    expect(backfillWindow('meta', 'Asia/Tokyo', now)).toEqual({ from: '2026-09-02', to: '2026-11-30' });
  });

  it('clamps the depth to the platform’s history limit', () => {
    const window = backfillWindow('meta', 'UTC', now, 5000);
    expect(window).toEqual({ from: '2023-11-01', to: '2026-11-29' });
    expect(backfillWindow('linkedin', 'UTC', now, 5000).from).toBe('2016-12-02');
  });

  it('splits the window into 30-day messages, newest first, covering every day once', () => {
    const messages = planBackfill({ tenantId: 't', adAccountId: 'a' }, { from: '2026-09-01', to: '2026-11-29' }, now);
    expect(messages.map((m) => [m.from, m.to])).toEqual([
      ['2026-10-31', '2026-11-29'],
      ['2026-10-01', '2026-10-30'],
      ['2026-09-01', '2026-09-30'],
    ]);
    expect(messages.every((m) => m.lane === 'backfill' && m.cursor === null)).toBe(true);
  });

  it('splits an operator’s long range into the same chunks, each at most a chunk long, covering every day once', () => {
    const messages = planManualSync({ tenantId: 't', adAccountId: 'a' }, { from: '2023-08-20', to: '2026-12-01' }, now);
    const days = (m: { from: string; to: string }) => (Date.parse(m.to) - Date.parse(m.from)) / 86_400_000 + 1;
    expect(messages.every((m) => m.lane === 'manual' && days(m) <= BACKFILL_CHUNK_DAYS)).toBe(true);
    expect(messages.reduce((sum, m) => sum + days(m), 0)).toBe(1200);
    expect(messages.length).toBe(40);
    expect([messages.at(-1)!.from, messages[0]!.to]).toEqual(['2023-08-20', '2026-12-01']);
  });
});
