import { type DateWindow, eachDate } from '$worker/lib/dates';
import { MICROS_PER_UNIT } from '$worker/lib/money';
import { isoDateToUtc } from './format';

export interface DailySpend {
  date: string;
  currency: string;
  spendMicros: number;
}

export interface SpendPoint {
  date: Date;
  /** Spend in major units of the series' currency (what the axis shows). */
  spend: number;
}

export interface SpendSeries {
  currency: string;
  points: SpendPoint[];
}

/**
 * One series per currency with every date of the range present (days without delivery are 0,
 * so the line does not skip them), largest-spending currency first.
 */
export function mapSpendSeries(rows: DailySpend[], range: DateWindow): SpendSeries[] {
  const byCurrency = new Map<string, Map<string, number>>();
  for (const row of rows) {
    if (row.date < range.from || row.date > range.to) continue;
    const days = byCurrency.get(row.currency) ?? new Map<string, number>();
    days.set(row.date, (days.get(row.date) ?? 0) + row.spendMicros);
    byCurrency.set(row.currency, days);
  }
  const dates = eachDate(range);
  const series = [...byCurrency].map(([currency, days]) => ({
    currency,
    total: [...days.values()].reduce((a, b) => a + b, 0),
    points: dates.map((date) => ({ date: isoDateToUtc(date), spend: (days.get(date) ?? 0) / MICROS_PER_UNIT })),
  }));
  series.sort((a, b) => b.total - a.total || a.currency.localeCompare(b.currency));
  return series.map(({ currency, points }) => ({ currency, points }));
}
