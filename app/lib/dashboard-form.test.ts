import { describe, expect, it } from 'vitest';
import { activeFilterCount, hiddenFields } from './dashboard-form';
import { viewFromUrl } from './dashboard-view';

const ACCOUNT = '11111111-1111-4111-8111-111111111111';
const view = viewFromUrl(
  new URLSearchParams(`range=last-7&compare=last-year&platform=meta&account=${ACCOUNT}&currency=original`),
  'UTC',
  new Date('2026-12-02T12:00:00Z'),
);

describe('hiddenFields', () => {
  it('carries every other part of the view, so one form keeps the rest', () => {
    expect(hiddenFields(view, 'range')).toEqual([
      ['compare', 'last-year'],
      ['platform', 'meta'],
      ['account', ACCOUNT],
      ['currency', 'original'],
    ]);
    expect(hiddenFields(view, 'filters')).toEqual([
      ['range', 'last-7'],
      ['compare', 'last-year'],
      ['currency', 'original'],
    ]);
  });

  it('keeps fixed dates as dates', () => {
    const fixed = viewFromUrl(new URLSearchParams('from=2026-10-01&to=2026-10-31'), 'UTC', new Date());
    expect(hiddenFields(fixed, 'compare').slice(0, 2)).toEqual([
      ['from', '2026-10-01'],
      ['to', '2026-10-31'],
    ]);
  });

  it('counts the active filters', () => {
    expect(activeFilterCount(view)).toBe(2);
  });
});
