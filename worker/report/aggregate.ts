import type { MetricTotals } from '../../db/queries/dashboard';
import type { EntityDayRow } from '../../db/queries/report';
import type { AppliedRate, ConversionNote, MissingRates } from '../fx/convert';
import { formatRate } from '../fx/decimal-rate';
import { exactMoneySum } from '../fx/exact-sum';
import { FX_SOURCE, type RateBook } from '../fx/rate-book';
import { roundToSixDecimals } from '../lib/money';

/** Sums of one ad account (or campaign, ad group, ad) on one date, in that account's currency. */
export type ReportRow = EntityDayRow;

/** Sums of one group over the selection, in one currency. */
export type ReportCell = MetricTotals & { group: string; currency: string };

/**
 * How money is shown: as each account bills (`original`: a group gets one cell per currency, never
 * summed across currencies) or in one reporting currency (each row converted at its own date's rate).
 */
export type CurrencyMode = { kind: 'original' } | { kind: 'reporting'; currency: string; book: RateBook };

export interface Aggregated {
  cells: ReportCell[];
  /** How money was converted; null in the original-currency view. */
  conversion: ConversionNote | null;
}

interface Accumulator {
  group: string;
  currency: string;
  spend: ReturnType<typeof exactMoneySum>;
  conversionValue: ReturnType<typeof exactMoneySum>;
  impressions: number;
  clicks: number;
  conversions: number;
}

/**
 * Groups rows by `groupOf(row)` and sums them. Counts are summed as they are; derived ratios are
 * computed later from these sums (ratio of sums, never an average of ratios). In the reporting view a
 * row without a usable rate is left out and named in the note, never converted at a guessed rate.
 */
export function aggregateRows(rows: readonly ReportRow[], groupOf: (row: ReportRow) => string, mode: CurrencyMode): Aggregated {
  const groups = new Map<string, Accumulator>();
  const applied = new Map<string, AppliedRate>();
  const missing = new Map<string, Set<string>>();
  const target = mode.kind === 'reporting' ? mode.currency.toUpperCase() : null;

  for (const row of rows) {
    const currency = row.currency.toUpperCase();
    const group = groupOf(row);
    let addMoney: (sum: ReturnType<typeof exactMoneySum>, micros: number) => void = (sum, micros) => sum.addSame(micros);
    if (mode.kind === 'reporting' && target !== currency) {
      const from = mode.book.eurTo(currency, row.date);
      const to = mode.book.eurTo(target as string, row.date);
      if (!from || !to) {
        missing.set(currency, (missing.get(currency) ?? new Set<string>()).add(row.date));
        continue;
      }
      addMoney = (sum, micros) => sum.addConverted(micros, from.rate, to.rate);
      applied.set(`${row.date}|${currency}`, {
        date: row.date,
        currency,
        rateDate: from.rateDate < to.rateDate ? from.rateDate : to.rateDate,
        eurRate: formatRate(from.rate),
        reportingEurRate: formatRate(to.rate),
      });
    }
    const cellCurrency = target ?? currency;
    const id = `${group}\u0000${cellCurrency}`;
    let acc = groups.get(id);
    if (!acc) {
      acc = {
        group,
        currency: cellCurrency,
        spend: exactMoneySum(),
        conversionValue: exactMoneySum(),
        impressions: 0,
        clicks: 0,
        conversions: 0,
      };
      groups.set(id, acc);
    }
    addMoney(acc.spend, row.spendMicros);
    addMoney(acc.conversionValue, row.conversionValueMicros);
    acc.impressions += row.impressions;
    acc.clicks += row.clicks;
    acc.conversions = roundToSixDecimals(acc.conversions + row.conversions);
  }

  const cells = [...groups.values()].map((acc) => ({
    group: acc.group,
    currency: acc.currency,
    spendMicros: acc.spend.micros(),
    impressions: acc.impressions,
    clicks: acc.clicks,
    conversions: acc.conversions,
    conversionValueMicros: acc.conversionValue.micros(),
  }));
  return { cells, conversion: target ? conversionNote(target, applied, missing) : null };
}

function conversionNote(target: string, applied: Map<string, AppliedRate>, missing: Map<string, Set<string>>): ConversionNote {
  const rates = [...applied.values()].sort((a, b) => a.date.localeCompare(b.date) || a.currency.localeCompare(b.currency));
  const rateDates = rates.length
    ? {
        from: rates.reduce((m, r) => (r.rateDate < m ? r.rateDate : m), rates[0]!.rateDate),
        to: rates.reduce((m, r) => (r.rateDate > m ? r.rateDate : m), rates[0]!.rateDate),
      }
    : null;
  const missingRates: MissingRates[] = [...missing.entries()]
    .map(([currency, dates]) => ({ currency, days: dates.size, dates: [...dates].sort() }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
  return { reportingCurrency: target, source: FX_SOURCE, rateDates, rates, missing: missingRates };
}

/** Merges two conversion notes (a figure and its comparison period) into one. */
export function mergeNotes(a: ConversionNote | null, b: ConversionNote | null): ConversionNote | null {
  if (!a || !b) return a ?? b;
  const rates = new Map<string, AppliedRate>();
  for (const r of [...a.rates, ...b.rates]) rates.set(`${r.date}|${r.currency}`, r);
  const missing = new Map<string, Set<string>>();
  for (const m of [...a.missing, ...b.missing]) {
    const dates = missing.get(m.currency) ?? new Set<string>();
    for (const d of m.dates) dates.add(d);
    missing.set(m.currency, dates);
  }
  return conversionNote(a.reportingCurrency, rates, missing);
}
