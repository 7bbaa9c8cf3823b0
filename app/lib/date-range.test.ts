import { describe, expect, it } from 'vitest';
import { matchingPreset, presetRange, RANGE_PRESETS, rangeFromSearchParams, rangesOverlap } from './date-range';

// 03:00 UTC on Nov 29 is still Nov 28 in New York and already Nov 29 in Berlin.
const now = new Date('2026-11-29T03:00:00Z');
const last7 = RANGE_PRESETS[0]!;

describe('presetRange', () => {
  it('ends on today in the tenant time zone, not in UTC', () => {
    expect(presetRange(last7, 'America/New_York', now)).toEqual({ from: '2026-11-22', to: '2026-11-28' });
    expect(presetRange(last7, 'Europe/Berlin', now)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });

  it('covers exactly the preset number of days', () => {
    const range = presetRange(RANGE_PRESETS[2]!, 'UTC', now);
    expect(range).toEqual({ from: '2026-09-01', to: '2026-11-29' });
  });
});

describe('rangeFromSearchParams', () => {
  it('uses a valid from/to from the URL and recognises it as a preset', () => {
    const range = rangeFromSearchParams(new URLSearchParams('from=2026-11-23&to=2026-11-29'), 'Europe/Berlin', now);
    expect(range).toMatchObject({ from: '2026-11-23', to: '2026-11-29' });
    expect(range.preset?.key).toBe('last-7');
  });

  it('keeps a custom range without a preset', () => {
    const range = rangeFromSearchParams(new URLSearchParams('from=2026-10-01&to=2026-10-15'), 'UTC', now);
    expect(range).toEqual({ from: '2026-10-01', to: '2026-10-15', preset: null });
  });

  it.each([
    ['missing dates', ''],
    ['a date that does not exist', 'from=2026-02-30&to=2026-03-02'],
    ['an end before the start', 'from=2026-11-20&to=2026-11-10'],
    ['a range of several years', 'from=2020-01-01&to=2026-11-01'],
    ['dates in year 0, which Postgres refuses', 'from=0000-01-01&to=0000-01-02'],
  ])('falls back to the last 28 days for %s', (_, query) => {
    const range = rangeFromSearchParams(new URLSearchParams(query), 'UTC', now);
    expect(range).toMatchObject({ from: '2026-11-02', to: '2026-11-29' });
    expect(range.preset?.key).toBe('last-28');
  });
});

describe('matchingPreset and rangesOverlap', () => {
  it('finds no preset for a range that ended yesterday', () => {
    expect(matchingPreset({ from: '2026-11-22', to: '2026-11-28' }, 'UTC', now)).toBeNull();
  });

  it('treats ranges sharing one day as overlapping and adjacent ones as not', () => {
    expect(rangesOverlap({ from: '2026-11-01', to: '2026-11-10' }, { from: '2026-11-10', to: '2026-11-12' })).toBe(true);
    expect(rangesOverlap({ from: '2026-11-01', to: '2026-11-10' }, { from: '2026-11-11', to: '2026-11-12' })).toBe(false);
  });
});
