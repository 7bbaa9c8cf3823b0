import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMetaTimestamp } from './dates';
import { formatMoney, formatRatio } from './insights/format';
import { resolveDatePreset } from './insights/params';
import { attributionWindows, splitCell, splitInteger } from './insights/splits';
import { decodeCursor, encodeCursor } from './paging';
import { bucBudget, usageOf } from './rate-limits';

describe('Meta fake pure logic', () => {
  it('splits an integer by weights into parts that always sum to the total', () => {
    fc.assert(
      fc.property(
        fc.nat(1_000_000),
        fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (total, weights) => {
          const parts = splitInteger(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          expect(parts.every((p) => Number.isInteger(p) && p >= 0)).toBe(true);
        },
      ),
    );
  });

  it('splits every metric of a cell exactly', () => {
    const cell = { impressions: 1001, clicks: 37, spendUnits: 12345, conversions: 3, valueUnits: 9999 };
    const parts = splitCell(cell, [56, 34, 6, 4]);
    for (const key of Object.keys(cell) as (keyof typeof cell)[]) expect(parts.reduce((s, p) => s + p[key], 0)).toBe(cell[key]);
  });

  it('derives attribution windows whose default value is 7-day click plus 1-day view', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(10_000_000), (conversions, value) => {
        const w = attributionWindows(conversions, value);
        expect(w['7d_click'].count + w['1d_view'].count).toBe(conversions);
        expect(w['7d_click'].valueUnits + w['1d_view'].valueUnits).toBe(value);
        expect(w['1d_click'].count).toBeLessThanOrEqual(w['7d_click'].count);
        expect(w['28d_click'].count).toBeGreaterThanOrEqual(w['7d_click'].count);
      }),
    );
  });

  it('prints money in major units without trailing zeros, and JPY without decimals', () => {
    expect(formatMoney(1435, 2)).toBe('14.35');
    expect(formatMoney(533950, 2)).toBe('5339.5');
    expect(formatMoney(1200, 2)).toBe('12');
    expect(formatMoney(7401, 0)).toBe('7401');
    expect(formatRatio(4.8648648648)).toBe('4.864865');
  });

  it('resolves date presets relative to the account-local today', () => {
    expect(resolveDatePreset('yesterday', '2026-03-10')).toEqual({ since: '2026-03-09', until: '2026-03-09' });
    expect(resolveDatePreset('last_7d', '2026-03-10')).toEqual({ since: '2026-03-03', until: '2026-03-09' });
    expect(resolveDatePreset('last_month', '2026-03-10')).toEqual({ since: '2026-02-01', until: '2026-02-28' });
    expect(resolveDatePreset('last_week_mon_sun', '2026-03-10')).toEqual({ since: '2026-03-02', until: '2026-03-08' });
    expect(resolveDatePreset('last_quarter', '2026-03-10')).toEqual({ since: '2025-10-01', until: '2025-12-31' });
  });

  it("formats entity timestamps with the zone's offset on that date (DST aware)", () => {
    expect(formatMetaTimestamp('2026-01-05', '09:00:00', 'America/New_York')).toBe('2026-01-05T09:00:00-0500');
    expect(formatMetaTimestamp('2026-07-05', '09:00:00', 'America/New_York')).toBe('2026-07-05T09:00:00-0400');
    expect(formatMetaTimestamp('2026-07-05', '09:00:00', 'Asia/Tokyo')).toBe('2026-07-05T09:00:00+0900');
  });

  it('round-trips paging cursors and rejects foreign ones', () => {
    expect(decodeCursor(encodeCursor(41))).toBe(41);
    expect(() => decodeCursor('MAZDZD')).toThrow();
  });

  it('computes BUC budgets by tier and active ads unless overridden', () => {
    expect(bucBudget({ tier: 'limited', appCallsPerHour: 1 }, 'ads_insights', 10)).toBe(4_600);
    expect(bucBudget({ tier: 'full', appCallsPerHour: 1 }, 'ads_management', 10)).toBe(100_400);
    expect(bucBudget({ tier: 'development', appCallsPerHour: 1, accountCallsPerHourOverride: 7 }, 'ads_insights', 10)).toBe(7);
  });

  it('computes usage over the rolling hour and the minutes until a call fits again', () => {
    const now = 10_000_000;
    const calls = [now - 3_700_000, now - 50 * 60_000, now - 30 * 60_000, now - 1_000].map((at) => ({ at, cost: 1 }));
    const usage = usageOf(calls, 3, now);
    expect(usage).toMatchObject({ used: 3, pct: 100, regainMinutes: 10 });
    expect(usageOf(calls, 4, now)).toMatchObject({ used: 3, pct: 75, regainMinutes: 0 });
    expect(usageOf([{ at: now, cost: 0 }], 4, now).used).toBe(0);
  });
});
