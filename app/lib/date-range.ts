import { addDays, type DateWindow, daysBetween, isServedDate, localToday } from '$worker/lib/dates';

export interface RangePreset {
  key: string;
  label: string;
  days: number;
}

export const RANGE_PRESETS: readonly RangePreset[] = [
  { key: 'last-7', label: 'Last 7 days', days: 7 },
  { key: 'last-28', label: 'Last 28 days', days: 28 },
  { key: 'last-90', label: 'Last 90 days', days: 90 },
];

export const DEFAULT_PRESET = RANGE_PRESETS[1]!;

/** The longest range the dashboard asks for (the API allows more; pages stay fast). */
export const MAX_DASHBOARD_DAYS = 400;

/**
 * The `days` most recent dates ending today in the tenant's time zone. Today is included on
 * purpose: the dashboard updates live while today's numbers land.
 */
export function presetRange(preset: RangePreset, timeZone: string, now: Date): DateWindow {
  const to = localToday(timeZone, now);
  return { from: addDays(to, -(preset.days - 1)), to };
}

export interface SelectedRange extends DateWindow {
  /** The preset this range equals today, or null for a custom range. */
  preset: RangePreset | null;
}

/** The range a URL asks for (`?from&to`), falling back to the default preset when absent or invalid. */
export function rangeFromSearchParams(params: URLSearchParams, timeZone: string, now: Date): SelectedRange {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const valid = isServedDate(from) && isServedDate(to) && daysBetween(from, to) >= 0 && daysBetween(from, to) < MAX_DASHBOARD_DAYS;
  const range = valid ? { from, to } : presetRange(DEFAULT_PRESET, timeZone, now);
  return { ...range, preset: matchingPreset(range, timeZone, now) };
}

/** The preset whose range today is exactly `range`, if any. */
export function matchingPreset(range: DateWindow, timeZone: string, now: Date): RangePreset | null {
  return (
    RANGE_PRESETS.find((p) => {
      const candidate = presetRange(p, timeZone, now);
      return candidate.from === range.from && candidate.to === range.to;
    }) ?? null
  );
}

/** True when two inclusive date ranges share at least one date. */
export function rangesOverlap(a: DateWindow, b: DateWindow): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/** The query string for a range (`from=…&to=…`). */
export function rangeQuery(range: DateWindow): string {
  return new URLSearchParams({ from: range.from, to: range.to }).toString();
}
