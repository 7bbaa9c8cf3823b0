/** GAQL's predefined date ranges for `segments.date DURING ...`, resolved against the account's local "today". */

export const DURING_FUNCTIONS = [
  'TODAY',
  'YESTERDAY',
  'LAST_7_DAYS',
  'LAST_14_DAYS',
  'LAST_30_DAYS',
  'LAST_BUSINESS_WEEK',
  'THIS_MONTH',
  'LAST_MONTH',
  'THIS_WEEK_SUN_TODAY',
  'THIS_WEEK_MON_TODAY',
  'LAST_WEEK_SUN_SAT',
  'LAST_WEEK_MON_SUN',
] as const;
export type DuringFunction = (typeof DURING_FUNCTIONS)[number];

export interface DateRange {
  since: string;
  until: string;
}

export function isDuringFunction(name: string): name is DuringFunction {
  return (DURING_FUNCTIONS as readonly string[]).includes(name);
}

/** Adds days to a YYYY-MM-DD date (calendar arithmetic, no time zones involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday. */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The inclusive local-date range a DURING function names; the LAST_N_DAYS ranges end yesterday, as in Google Ads. */
export function resolveDuring(fn: DuringFunction, today: string): DateRange {
  const yesterday = addDays(today, -1);
  switch (fn) {
    case 'TODAY':
      return { since: today, until: today };
    case 'YESTERDAY':
      return { since: yesterday, until: yesterday };
    case 'LAST_7_DAYS':
      return { since: addDays(today, -7), until: yesterday };
    case 'LAST_14_DAYS':
      return { since: addDays(today, -14), until: yesterday };
    case 'LAST_30_DAYS':
      return { since: addDays(today, -30), until: yesterday };
    case 'THIS_MONTH':
      return { since: `${today.slice(0, 8)}01`, until: today };
    case 'LAST_MONTH': {
      const lastOfPrevious = addDays(`${today.slice(0, 8)}01`, -1);
      return { since: `${lastOfPrevious.slice(0, 8)}01`, until: lastOfPrevious };
    }
    case 'THIS_WEEK_SUN_TODAY':
      return { since: addDays(today, -weekday(today)), until: today };
    case 'THIS_WEEK_MON_TODAY':
      return { since: addDays(today, -((weekday(today) + 6) % 7)), until: today };
    case 'LAST_WEEK_SUN_SAT': {
      const sunday = addDays(today, -weekday(today) - 7);
      return { since: sunday, until: addDays(sunday, 6) };
    }
    case 'LAST_WEEK_MON_SUN':
    case 'LAST_BUSINESS_WEEK': {
      const monday = addDays(today, -((weekday(today) + 6) % 7) - 7);
      return { since: monday, until: addDays(monday, fn === 'LAST_BUSINESS_WEEK' ? 4 : 6) };
    }
  }
}

/** Every date of an inclusive range, in order. */
export function eachDate(range: DateRange): string[] {
  const dates: string[] = [];
  for (let d = range.since; d <= range.until; d = addDays(d, 1)) dates.push(d);
  return dates;
}
