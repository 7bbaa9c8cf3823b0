import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { isHousekeepingSlot } from '../../worker/jobs/housekeeping';
import { NIGHTLY_CRON } from '../../worker/jobs/plan';
import { HOT_CRON, nextCronSlot, scheduledUrl } from './dev-cron';

describe('the dev cron', () => {
  it('fires the crons wrangler.toml schedules', async () => {
    const toml = await readFile('wrangler.toml', 'utf8');
    expect(toml).toContain(`crons = ["${HOT_CRON}", "${NIGHTLY_CRON}"]`);
  });

  it('fires the hot cron at the next quarter hour, strictly after now', () => {
    expect(nextCronSlot(new Date('2026-12-02T14:52:31.250Z'))).toEqual({ at: new Date('2026-12-02T15:00:00.000Z'), crons: [HOT_CRON] });
    expect(nextCronSlot(new Date('2026-12-02T15:00:00.000Z')).at).toEqual(new Date('2026-12-02T15:15:00.000Z'));
  });

  it('makes the first slot of each hour a housekeeping slot (FX rates, hourly pacing rows)', () => {
    const slots: Date[] = [];
    for (let at = new Date('2026-12-02T13:50:00Z'), i = 0; i < 8; i++) {
      const slot = nextCronSlot(at);
      slots.push(slot.at);
      at = slot.at;
    }
    expect(slots.filter((s) => isHousekeepingSlot(HOT_CRON, s)).map((s) => s.toISOString())).toEqual([
      '2026-12-02T14:00:00.000Z',
      '2026-12-02T15:00:00.000Z',
    ]);
  });

  it('adds the nightly settling cron at 02:30 UTC', () => {
    expect(nextCronSlot(new Date('2026-12-03T02:20:00Z'))).toEqual({
      at: new Date('2026-12-03T02:30:00.000Z'),
      crons: [HOT_CRON, NIGHTLY_CRON],
    });
  });

  it('triggers through wrangler dev --test-scheduled', () => {
    const url = scheduledUrl('http://127.0.0.1:8787', HOT_CRON);
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:8787/__scheduled');
    expect(url.searchParams.get('cron')).toBe(HOT_CRON);
  });
});
