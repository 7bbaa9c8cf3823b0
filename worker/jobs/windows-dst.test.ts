import { describe, expect, it } from 'vitest';
import { addDays, windowLength } from '../lib/dates';
import { backfillWindow } from './backfill';
import { planSyncMessage } from './plan';
import { hotWindow, settlingWindow } from './windows';

/**
 * The 2026 clock changes: the US on 2026-03-08 (02:00 EST → 03:00 EDT) and 2026-11-01 (02:00 EDT →
 * 01:00 EST); the EU on 2026-03-29 (02:00 CET → 03:00 CEST) and 2026-10-25 (03:00 CEST → 02:00 CET).
 * Local midnight moves by an hour in UTC across each, and the windows must follow local midnight.
 */
const NEW_YORK = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const at = (iso: string) => new Date(iso);

describe('hot lane across a DST change', () => {
  it.each([
    // US spring forward: midnight is 05:00Z before the change and 04:00Z after it.
    [NEW_YORK, '2026-03-08T04:59:59Z', '2026-03-06', '2026-03-07'],
    [NEW_YORK, '2026-03-08T05:00:00Z', '2026-03-07', '2026-03-08'],
    [NEW_YORK, '2026-03-08T06:59:59Z', '2026-03-07', '2026-03-08'], // 01:59:59 EST
    [NEW_YORK, '2026-03-08T07:00:00Z', '2026-03-07', '2026-03-08'], // 03:00:00 EDT
    [NEW_YORK, '2026-03-09T03:59:59Z', '2026-03-07', '2026-03-08'],
    [NEW_YORK, '2026-03-09T04:00:00Z', '2026-03-08', '2026-03-09'],
    // US fall back: midnight is 04:00Z before, 05:00Z after; 01:30 happens twice on the 1st.
    [NEW_YORK, '2026-11-01T03:59:59Z', '2026-10-30', '2026-10-31'],
    [NEW_YORK, '2026-11-01T04:00:00Z', '2026-10-31', '2026-11-01'],
    [NEW_YORK, '2026-11-01T05:30:00Z', '2026-10-31', '2026-11-01'], // 01:30 EDT
    [NEW_YORK, '2026-11-01T06:30:00Z', '2026-10-31', '2026-11-01'], // 01:30 EST
    [NEW_YORK, '2026-11-02T04:59:59Z', '2026-10-31', '2026-11-01'],
    [NEW_YORK, '2026-11-02T05:00:00Z', '2026-11-01', '2026-11-02'],
    // EU spring forward: midnight is 23:00Z the day before, then 22:00Z.
    [BERLIN, '2026-03-28T22:59:59Z', '2026-03-27', '2026-03-28'],
    [BERLIN, '2026-03-28T23:00:00Z', '2026-03-28', '2026-03-29'],
    [BERLIN, '2026-03-29T21:59:59Z', '2026-03-28', '2026-03-29'],
    [BERLIN, '2026-03-29T22:00:00Z', '2026-03-29', '2026-03-30'],
    // EU fall back: midnight is 22:00Z the day before, then 23:00Z.
    [BERLIN, '2026-10-24T21:59:59Z', '2026-10-23', '2026-10-24'],
    [BERLIN, '2026-10-24T22:00:00Z', '2026-10-24', '2026-10-25'],
    [BERLIN, '2026-10-25T22:59:59Z', '2026-10-24', '2026-10-25'],
    [BERLIN, '2026-10-25T23:00:00Z', '2026-10-25', '2026-10-26'],
  ])('%s at %s covers %s..%s', (zone, instant, from, to) => {
    expect(hotWindow(at(instant), zone)).toEqual({ from, to });
  });
});

describe('settling lane across a DST change', () => {
  /** The nightly trigger (02:30 UTC) on each of `nights` consecutive dates starting at `first`. */
  const nightly = (first: string, nights: number) => Array.from({ length: nights }, (_, i) => at(`${addDays(first, i)}T02:30:00Z`));

  it.each([
    [NEW_YORK, '2026-03-05', 28],
    [NEW_YORK, '2026-10-29', 14],
    [BERLIN, '2026-03-26', 28],
    [BERLIN, '2026-10-22', 7],
  ])('in %s, nights from %s move the %i-day window one local day at a time, with no gap and no repeat', (zone, first, days) => {
    const windows = nightly(first, 7).map((now) => settlingWindow(now, zone, days));
    for (const [i, window] of windows.entries()) {
      expect(windowLength(window)).toBe(days - 1);
      if (i > 0) {
        expect(window.from).toBe(addDays(windows[i - 1]!.from, 1));
        expect(window.to).toBe(addDays(windows[i - 1]!.to, 1));
      }
    }
  });

  it.each([
    // Half an hour after a summer-time midnight, on each side of each change.
    [NEW_YORK, '2026-03-09T04:30:00Z', 28, '2026-02-09', '2026-03-07'],
    [NEW_YORK, '2026-11-01T04:30:00Z', 14, '2026-10-18', '2026-10-30'],
    [BERLIN, '2026-03-29T22:30:00Z', 28, '2026-03-02', '2026-03-28'],
    [BERLIN, '2026-10-24T22:30:00Z', 7, '2026-10-18', '2026-10-23'],
  ])('in %s at %s re-reads %i days up to the day before yesterday: %s..%s', (zone, instant, days, from, to) => {
    expect(settlingWindow(at(instant), zone, days)).toEqual({ from, to });
  });

  it('reads New York’s night before and after the spring change as the previous local day', () => {
    // 02:30Z is 21:30 EST on the 7th, and 22:30 EDT on the 8th.
    expect(settlingWindow(at('2026-03-08T02:30:00Z'), NEW_YORK, 28)).toEqual({ from: '2026-02-07', to: '2026-03-05' });
    expect(settlingWindow(at('2026-03-09T02:30:00Z'), NEW_YORK, 28)).toEqual({ from: '2026-02-08', to: '2026-03-06' });
  });

  it('plans the nightly LinkedIn settling message in Berlin on the night the clocks go back', () => {
    const target = { tenantId: 't', adAccountId: 'a', platform: 'linkedin' as const, timeZone: BERLIN };
    // 02:30Z on the 25th is 03:30 CET, after the change at 01:00Z.
    const message = planSyncMessage('settling', target, at('2026-10-25T02:30:00Z'), { meta: 28, google_ads: 14, linkedin: 7 });
    expect(message).toMatchObject({ lane: 'settling', from: '2026-10-18', to: '2026-10-23' });
  });

  it('plans the hot message just after the first CEST midnight as that new day', () => {
    const target = { tenantId: 't', adAccountId: 'a', platform: 'google_ads' as const, timeZone: BERLIN };
    const message = planSyncMessage('hot', target, at('2026-03-29T22:30:00Z'), { meta: 28, google_ads: 14, linkedin: 7 });
    expect(message).toMatchObject({ lane: 'hot', from: '2026-03-29', to: '2026-03-30' });
  });
});

describe('backfill across a DST change', () => {
  it('ends the history on the local today, late in the evening after the US spring change', () => {
    // 03:30Z on the 9th is 23:30 EDT on the 8th.
    expect(backfillWindow('meta', NEW_YORK, at('2026-03-09T03:30:00Z'), 10)).toEqual({ from: '2026-02-27', to: '2026-03-08' });
    expect(backfillWindow('meta', BERLIN, at('2026-03-09T03:30:00Z'), 10)).toEqual({ from: '2026-02-28', to: '2026-03-09' });
  });
});
