import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateParts,
  daysBetween,
  eachDate,
  fromDateParts,
  isIsoDate,
  isoDateSchema,
  isServedDate,
  lastDays,
  localHour,
  localToday,
  splitWindow,
  windowLength,
} from './dates';

describe('date arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts days between dates regardless of DST changes', () => {
    expect(daysBetween('2026-10-20', '2026-11-05')).toBe(16);
    expect(daysBetween('2026-11-05', '2026-10-20')).toBe(-16);
    expect(windowLength({ from: '2026-11-01', to: '2026-11-30' })).toBe(30);
  });

  it('rejects impossible calendar dates', () => {
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-2-3')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isServedDate('2028-02-29')).toBe(true);
    expect(isServedDate('0000-01-01')).toBe(false);
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
  });

  it('lists every date of a window in order', () => {
    expect(eachDate({ from: '2026-10-30', to: '2026-11-02' })).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
  });

  it('converts to and from numeric date parts', () => {
    expect(dateParts('2026-04-06')).toEqual({ year: 2026, month: 4, day: 6 });
    expect(fromDateParts({ year: 2023, month: 1, day: 2 })).toBe('2023-01-02');
    expect(() => fromDateParts({ year: 2023, month: 2, day: 29 })).toThrow(RangeError);
  });
});

describe('splitWindow', () => {
  it('splits a 90-day window into 31-day chunks with a short tail', () => {
    const chunks = splitWindow({ from: '2026-09-01', to: '2026-11-29' }, 31);
    expect(chunks).toEqual([
      { from: '2026-09-01', to: '2026-10-01' },
      { from: '2026-10-02', to: '2026-11-01' },
      { from: '2026-11-02', to: '2026-11-29' },
    ]);
  });

  it('covers every date exactly once for any window and chunk size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 60 }), (length, maxDays) => {
        const window = { from: '2025-01-15', to: addDays('2025-01-15', length) };
        const chunks = splitWindow(window, maxDays);
        expect(chunks.flatMap(eachDate)).toEqual(eachDate(window));
        for (const chunk of chunks) expect(windowLength(chunk)).toBeLessThanOrEqual(maxDays);
      }),
    );
  });

  it('refuses a window that ends before it starts', () => {
    expect(() => splitWindow({ from: '2026-11-02', to: '2026-11-01' }, 7)).toThrow(RangeError);
  });
});

describe('local dates in a time zone', () => {
  const instant = new Date('2026-11-29T03:30:00Z');

  it('gives each account its own today at the same instant', () => {
    expect(localToday('America/New_York', instant)).toBe('2026-11-28');
    expect(localToday('Europe/Berlin', instant)).toBe('2026-11-29');
    expect(localToday('Asia/Tokyo', instant)).toBe('2026-11-29');
    expect(localHour('Asia/Tokyo', instant)).toBe(12);
    expect(localHour('America/New_York', instant)).toBe(22);
  });

  it('reports midnight as hour 0, not 24', () => {
    expect(localHour('UTC', new Date('2026-11-29T00:10:00Z'))).toBe(0);
  });

  it('builds the hot lane as yesterday and today in account time', () => {
    expect(lastDays('America/New_York', instant, 2)).toEqual({ from: '2026-11-27', to: '2026-11-28' });
  });
});

describe('isoDateSchema', () => {
  it('accepts a real calendar date and refuses other shapes and impossible dates, saying which', () => {
    expect(isoDateSchema.safeParse('2024-02-29').success).toBe(true);
    expect(isoDateSchema.safeParse('2026-1-05').error?.issues[0]?.message).toBe('Use a date like 2026-11-01.');
    expect(isoDateSchema.safeParse('2026-02-29').error?.issues[0]?.message).toBe('Not a calendar date.');
    expect(isoDateSchema.safeParse('2026-13-01').error?.issues[0]?.message).toBe('Not a calendar date.');
  });

  it('refuses dates outside 2000-01-01..2100-12-31 (year 0 is a date to JavaScript, not to Postgres)', () => {
    expect(isoDateSchema.safeParse('2000-01-01').success).toBe(true);
    expect(isoDateSchema.safeParse('2100-12-31').success).toBe(true);
    for (const outside of ['0000-01-01', '1999-12-31', '2101-01-01', '9999-12-31']) {
      expect(isoDateSchema.safeParse(outside).error?.issues.map((i) => i.message)).toEqual(['Use a date from 2000-01-01 to 2100-12-31.']);
    }
  });
});
