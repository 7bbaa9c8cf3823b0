import { describe, expect, it } from 'vitest';
import { isHousekeepingSlot } from '../../worker/jobs/housekeeping';
import { wantsEntities, wantsHourly } from '../../worker/jobs/sync-options';
import { firstSlotOfHourUrl, HOT_CRON } from './cron-tick';

describe('firstSlotOfHourUrl', () => {
  it('names the hot cron at the top of the current hour, a slot that loads FX rates and brings names and hourly rows', () => {
    const url = firstSlotOfHourUrl('http://127.0.0.1:8787', new Date('2026-12-02T14:52:31.250Z'));
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:8787/__scheduled');
    expect(url.searchParams.get('cron')).toBe(HOT_CRON);
    const slot = new Date(Number(url.searchParams.get('time')));
    expect(slot.toISOString()).toBe('2026-12-02T14:00:00.000Z');
    expect(isHousekeepingSlot(HOT_CRON, slot)).toBe(true);
    const message = { lane: 'hot' as const, enqueuedAt: slot.toISOString() };
    expect(wantsEntities(message)).toBe(true);
    expect(wantsHourly(message, 'meta')).toBe(true);
  });

  it('is the cron wrangler.toml schedules every 15 minutes', async () => {
    const { readFile } = await import('node:fs/promises');
    expect(await readFile('wrangler.toml', 'utf8')).toContain(`"${HOT_CRON}"`);
  });
});
