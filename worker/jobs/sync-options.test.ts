import { describe, expect, it } from 'vitest';
import { syncOptions } from './sync-options';

const at = (lane: 'hot' | 'settling' | 'backfill' | 'manual', enqueuedAt: string) => ({ lane, enqueuedAt });

describe('syncOptions', () => {
  it.each([
    ['hot, first run of the hour', at('hot', '2026-11-29T15:00:00.000Z'), 'meta', { includeEntities: true, includeHourly: true }],
    ['hot, 14 minutes past', at('hot', '2026-11-29T15:14:59.999Z'), 'google_ads', { includeEntities: true, includeHourly: true }],
    ['hot, later in the hour', at('hot', '2026-11-29T15:15:00.000Z'), 'meta', { includeEntities: false, includeHourly: false }],
    [
      'hot on LinkedIn, which is daily only',
      at('hot', '2026-11-29T15:05:00.000Z'),
      'linkedin',
      { includeEntities: true, includeHourly: false },
    ],
    ['settling', at('settling', '2026-11-29T02:30:00.000Z'), 'meta', { includeEntities: true, includeHourly: false }],
    [
      'backfill late in the hour',
      at('backfill', '2026-11-29T15:45:00.000Z'),
      'google_ads',
      { includeEntities: true, includeHourly: false },
    ],
    ['manual', at('manual', '2026-11-29T15:45:00.000Z'), 'linkedin', { includeEntities: true, includeHourly: false }],
  ] as const)('%s', (_name, message, platform, expected) => {
    expect(syncOptions(message, platform)).toEqual(expected);
  });

  it('reads the hour in UTC, so a zone with a half-hour offset does not shift the hourly run', () => {
    expect(syncOptions(at('hot', '2026-11-29T20:10:00.000+05:30'), 'meta')).toEqual({ includeEntities: false, includeHourly: false });
    expect(syncOptions(at('hot', '2026-11-29T20:40:00.000+05:30'), 'meta')).toEqual({ includeEntities: true, includeHourly: true });
  });
});
