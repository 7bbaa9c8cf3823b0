import { describe, expect, it } from 'vitest';
import { connectEvents, cronEvents, dueSlots, HOT_CRON, NIGHTLY_CRON } from './fleet-slots';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString().slice(11, 16);

describe('cronEvents', () => {
  it('fires the hot cron at every 15-minute slot after the start, up to and including the end', () => {
    const events = cronEvents(at('2026-11-01T00:05:00Z'), at('2026-11-01T01:00:00Z'));
    expect(events.map((e) => [iso(e.simMs), e.cron])).toEqual([
      ['00:15', HOT_CRON],
      ['00:30', HOT_CRON],
      ['00:45', HOT_CRON],
      ['01:00', HOT_CRON],
    ]);
  });

  it('adds the nightly cron at 02:30 UTC beside that slot’s hot cron', () => {
    const events = cronEvents(at('2026-11-01T02:00:00Z'), at('2026-11-01T03:00:00Z'));
    expect(events.filter((e) => e.cron === NIGHTLY_CRON).map((e) => iso(e.simMs))).toEqual(['02:30']);
    expect(events.filter((e) => iso(e.simMs) === '02:30').map((e) => e.cron)).toEqual([HOT_CRON, NIGHTLY_CRON]);
  });

  it('fires 96 hot and one nightly cron per simulated day', () => {
    const events = cronEvents(at('2026-11-01T00:00:00Z'), at('2026-11-15T00:00:00Z'));
    expect(events.filter((e) => e.cron === HOT_CRON)).toHaveLength(14 * 96);
    expect(events.filter((e) => e.cron === NIGHTLY_CRON)).toHaveLength(14);
  });
});

describe('connectEvents', () => {
  it('connects the early tenants at the start and spreads the late ones inside the run, off the slots', () => {
    const start = at('2026-11-01T00:00:00Z');
    const end = at('2026-11-15T00:00:00Z');
    const events = connectEvents(start, end, 5, 2);
    expect(events.slice(0, 3)).toEqual([0, 1, 2].map((tenantIndex) => ({ simMs: start, tenantIndex })));
    const late = events.slice(3);
    expect(late.map((e) => e.tenantIndex)).toEqual([3, 4]);
    for (const e of late) {
      expect(e.simMs).toBeGreaterThan(start);
      expect(e.simMs).toBeLessThan(end);
      expect(e.simMs % (15 * 60_000)).not.toBe(0);
    }
    expect(late[0]!.simMs).toBeLessThan(late[1]!.simMs);
  });
});

describe('dueSlots', () => {
  it('lists the hot slots after a connect', () => {
    expect(dueSlots(at('2026-11-01T00:07:00Z'), at('2026-11-01T00:45:00Z')).map(iso)).toEqual(['00:15', '00:30', '00:45']);
  });
});
