import { addDays, type DateWindow, dateParts, fromDateParts, localToday, windowLength } from '../lib/dates';

/*
 * Date ranges a dashboard offers, relative to today in the tenant's time zone, and the period a
 * range is compared with. Pure: the clock comes in as `now`.
 */

export const RANGE_PRESET_KEYS = [
  'today',
  'yesterday',
  'last-7',
  'last-14',
  'last-28',
  'last-30',
  'last-90',
  'this-month',
  'last-month',
  'this-quarter',
] as const;
export type RangePresetKey = (typeof RANGE_PRESET_KEYS)[number];

export const RANGE_PRESET_LABELS: Record<RangePresetKey, string> = {
  today: 'Today',
  yesterday: 'Yesterday',
  'last-7': 'Last 7 days',
  'last-14': 'Last 14 days',
  'last-28': 'Last 28 days',
  'last-30': 'Last 30 days',
  'last-90': 'Last 90 days',
  'this-month': 'This month',
  'last-month': 'Last month',
  'this-quarter': 'This quarter',
};

function firstOfMonth(date: string): string {
  const { year, month } = dateParts(date);
  return fromDateParts({ year, month, day: 1 });
}

/**
 * The dates of a preset. "Last N days" ends today: the dashboard updates live while today's
 * numbers land (today's figures are partial and marked so).
 */
export function presetWindow(key: RangePresetKey, timeZone: string, now: Date): DateWindow {
  const today = localToday(timeZone, now);
  const lastDays = (days: number) => ({ from: addDays(today, -(days - 1)), to: today });
  switch (key) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday': {
      const yesterday = addDays(today, -1);
      return { from: yesterday, to: yesterday };
    }
    case 'last-7':
      return lastDays(7);
    case 'last-14':
      return lastDays(14);
    case 'last-28':
      return lastDays(28);
    case 'last-30':
      return lastDays(30);
    case 'last-90':
      return lastDays(90);
    case 'this-month':
      return { from: firstOfMonth(today), to: today };
    case 'last-month': {
      const to = addDays(firstOfMonth(today), -1);
      return { from: firstOfMonth(to), to };
    }
    case 'this-quarter': {
      const { year, month } = dateParts(today);
      return { from: fromDateParts({ year, month: month - ((month - 1) % 3), day: 1 }), to: today };
    }
  }
}

export const COMPARISONS = ['none', 'previous', 'last-year'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export const COMPARISON_LABELS: Record<Comparison, string> = {
  none: 'No comparison',
  previous: 'Previous period',
  'last-year': 'Same period last year',
};

/** The same calendar date a year earlier; 29 February becomes 28 February. */
export function sameDateLastYear(date: string): string {
  const { year, month, day } = dateParts(date);
  return fromDateParts({ year: year - 1, month, day: month === 2 && day === 29 ? 28 : day });
}

/**
 * The period a range is compared with: the same number of days just before it, or the same dates
 * a year earlier; null without a comparison.
 */
export function comparisonWindow(range: DateWindow, comparison: Comparison): DateWindow | null {
  if (comparison === 'none') return null;
  if (comparison === 'previous') {
    const days = windowLength(range);
    return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
  }
  return { from: sameDateLastYear(range.from), to: sameDateLastYear(range.to) };
}

/**
 * Where a date of the range falls in its comparison period: the date `offset` days after the
 * comparison start, so day 3 of this period lines up with day 3 of the previous one in a chart.
 */
export function alignedDate(range: DateWindow, comparison: DateWindow, date: string): string {
  const offset = windowLength({ from: range.from, to: date }) - 1;
  return addDays(comparison.from, offset);
}
