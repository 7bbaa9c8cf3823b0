/** One hourly row of the pacing read model: spend of one account-local date and hour in one currency. */
export interface HourlySpend {
  date: string;
  hour: number;
  currency: string;
  spendMicros: number;
}

/** Cumulative spend at the end of an hour: `hour` 0 is midnight (nothing spent yet), 24 the end of the day. */
export interface PacingPoint {
  hour: number;
  spendMicros: number;
}

export interface PacingSeries {
  currency: string;
  /** The day shown, from midnight to the end of the last hour reached (the current hour today). */
  today: PacingPoint[];
  /** The average of the previous days that have hourly rows in this currency, hour by hour over the whole day. */
  average: PacingPoint[] | null;
  /** Each previous day with hourly rows, oldest first. */
  previous: Array<{ date: string; points: PacingPoint[] }>;
  /** Spend today so far against the average by the same hour: 1.1 is 10% ahead; null without previous days or spend. */
  pace: number | null;
}

const HOURS = 24;

/**
 * Today's cumulative hourly spend against the same hours of the previous days, one series per
 * currency (amounts in different currencies are never added), largest spend today first.
 * `hoursReached` is how many hours of the day have begun (localHour + 1 today, 24 for a past day).
 */
export function mapPacingSeries(rows: HourlySpend[], date: string, previousDates: string[], hoursReached: number): PacingSeries[] {
  const reached = Math.max(0, Math.min(HOURS, hoursReached));
  const byCurrency = new Map<string, Map<string, number[]>>();
  for (const row of rows) {
    if (row.hour < 0 || row.hour >= HOURS) continue;
    const days = byCurrency.get(row.currency) ?? new Map<string, number[]>();
    const hours = days.get(row.date) ?? new Array<number>(HOURS).fill(0);
    hours[row.hour] = (hours[row.hour] ?? 0) + row.spendMicros;
    days.set(row.date, hours);
    byCurrency.set(row.currency, days);
  }
  const series = [...byCurrency].map(([currency, days]): PacingSeries => {
    const today = cumulative(days.get(date) ?? new Array<number>(HOURS).fill(0)).slice(0, reached + 1);
    const previous = previousDates.filter((d) => days.has(d)).map((d) => ({ date: d, points: cumulative(days.get(d)!) }));
    const average =
      previous.length === 0
        ? null
        : Array.from({ length: HOURS + 1 }, (_, hour) => ({
            hour,
            spendMicros: previous.reduce((sum, day) => sum + day.points[hour]!.spendMicros, 0) / previous.length,
          }));
    const soFar = today[today.length - 1]?.spendMicros ?? 0;
    const expected = average?.[reached]?.spendMicros ?? 0;
    return { currency, today, average, previous, pace: average && expected > 0 ? soFar / expected : null };
  });
  const spentToday = (s: PacingSeries) => s.today[s.today.length - 1]?.spendMicros ?? 0;
  return series.sort((a, b) => spentToday(b) - spentToday(a) || a.currency.localeCompare(b.currency));
}

/** Spend per hour → spend by the end of each hour, starting from 0 at midnight (25 points). */
function cumulative(hours: number[]): PacingPoint[] {
  const points: PacingPoint[] = [{ hour: 0, spendMicros: 0 }];
  let total = 0;
  for (let hour = 0; hour < HOURS; hour++) {
    total += hours[hour] ?? 0;
    points.push({ hour: hour + 1, spendMicros: total });
  }
  return points;
}

/** "14:00" for the end of hour 13; 24 is "24:00" (the end of the day). */
export function formatHour(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** How today compares with the usual pace, in words ("12% ahead of", "3% behind", "on par with"). */
export function describePace(pace: number | null): string | null {
  if (pace === null) return null;
  const percent = Math.round((pace - 1) * 100);
  if (percent === 0) return 'on par with';
  return percent > 0 ? `${percent}% ahead of` : `${-percent}% behind`;
}
