import { describe, expect, it } from 'vitest';
import { alignedDate, comparisonWindow, presetWindow, RANGE_PRESET_KEYS, sameDateLastYear } from './periods';

// 2026-12-02 03:30 UTC is still 1 December in New York.
const now = new Date('2026-12-02T03:30:00Z');

describe('presetWindow', () => {
  it.each([
    ['today', '2026-12-01', '2026-12-01'],
    ['yesterday', '2026-11-30', '2026-11-30'],
    ['last-7', '2026-11-25', '2026-12-01'],
    ['last-14', '2026-11-18', '2026-12-01'],
    ['last-28', '2026-11-04', '2026-12-01'],
    ['last-30', '2026-11-02', '2026-12-01'],
    ['last-90', '2026-09-03', '2026-12-01'],
    ['this-month', '2026-12-01', '2026-12-01'],
    ['last-month', '2026-11-01', '2026-11-30'],
    ['this-quarter', '2026-10-01', '2026-12-01'],
  ] as const)('%s in the tenant time zone is %s..%s', (key, from, to) => {
    expect(presetWindow(key, 'America/New_York', now)).toEqual({ from, to });
  });

  it('follows the tenant time zone across midnight', () => {
    expect(presetWindow('today', 'Europe/Berlin', now)).toEqual({ from: '2026-12-02', to: '2026-12-02' });
    expect(presetWindow('this-month', 'Europe/Berlin', now)).toEqual({ from: '2026-12-01', to: '2026-12-02' });
  });

  it('has a window for every preset key', () => {
    for (const key of RANGE_PRESET_KEYS) expect(presetWindow(key, 'UTC', now).from <= presetWindow(key, 'UTC', now).to).toBe(true);
  });

  it('handles last month across a year boundary and quarters in February', () => {
    const january = new Date('2027-01-15T12:00:00Z');
    expect(presetWindow('last-month', 'UTC', january)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetWindow('this-quarter', 'UTC', new Date('2027-02-10T12:00:00Z'))).toEqual({ from: '2027-01-01', to: '2027-02-10' });
  });
});

describe('comparisonWindow', () => {
  it('compares with the same number of days just before', () => {
    expect(comparisonWindow({ from: '2026-11-25', to: '2026-12-01' }, 'previous')).toEqual({ from: '2026-11-18', to: '2026-11-24' });
    expect(comparisonWindow({ from: '2026-03-01', to: '2026-03-31' }, 'previous')).toEqual({ from: '2026-01-29', to: '2026-02-28' });
  });

  it('compares with the same dates a year earlier, 29 February becoming the 28th', () => {
    expect(comparisonWindow({ from: '2026-11-01', to: '2026-11-30' }, 'last-year')).toEqual({ from: '2025-11-01', to: '2025-11-30' });
    expect(sameDateLastYear('2028-02-29')).toBe('2027-02-28');
  });

  it('has no comparison period for none', () => {
    expect(comparisonWindow({ from: '2026-11-01', to: '2026-11-30' }, 'none')).toBeNull();
  });

  it('lines up each date with the same day of the comparison period', () => {
    const range = { from: '2026-11-25', to: '2026-12-01' };
    const previous = comparisonWindow(range, 'previous')!;
    expect(alignedDate(range, previous, '2026-11-25')).toBe('2026-11-18');
    expect(alignedDate(range, previous, '2026-12-01')).toBe('2026-11-24');
  });
});
