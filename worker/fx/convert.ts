import type { DecimalRate } from './decimal-rate';
import { convertMicrosThroughEur, formatRate } from './decimal-rate';
import { FX_SOURCE, type RateBook } from './rate-book';

/** The money of a row of sums; everything else in the row is a count and is never converted. */
export interface MoneyFields {
  spendMicros: number;
  conversionValueMicros: number;
}

/** A row of one currency on one date (a day's sums of one ad account or campaign, or of every account in that currency). */
export type DatedRow = MoneyFields & { date: string; currency: string };

/** Which rate converted the rows of one currency on one date. */
export interface AppliedRate {
  date: string;
  currency: string;
  rateDate: string;
  /** 1 EUR in the row's currency and in the reporting currency, as published. */
  eurRate: string;
  reportingEurRate: string;
}

/** Rows of one currency that had no usable rate: left out of the converted totals and named here. */
export interface MissingRates {
  currency: string;
  days: number;
  dates: string[];
}

/** What a converted answer says about its conversion. */
export interface ConversionNote {
  reportingCurrency: string;
  source: string;
  /** Earliest and latest publication date of the rates used; null when nothing needed converting. */
  rateDates: { from: string; to: string } | null;
  rates: AppliedRate[];
  /** Empty when every row was converted; otherwise "n days of X without a rate", per currency. */
  missing: MissingRates[];
}

export interface ConvertedRows<R> {
  /** The rows that could be converted, each with its money in the reporting currency and `currency` set to it. */
  rows: R[];
  note: ConversionNote;
}

/**
 * Converts each row at the rate of its own date (cross rate through EUR, one rounding per row, see
 * convertMicrosThroughEur). Rows already in the reporting currency pass through unchanged; rows
 * without a usable rate are dropped from `rows` and listed in `note.missing`, never guessed.
 */
export function convertRows<R extends DatedRow>(rows: readonly R[], reportingCurrency: string, book: RateBook): ConvertedRows<R> {
  const target = reportingCurrency.toUpperCase();
  const converted: R[] = [];
  const applied = new Map<string, AppliedRate>();
  const missing = new Map<string, Set<string>>();
  for (const row of rows) {
    const currency = row.currency.toUpperCase();
    if (currency === target) {
      converted.push({ ...row, currency: target });
      continue;
    }
    const from = book.eurTo(currency, row.date);
    const to = book.eurTo(target, row.date);
    if (!from || !to) {
      const dates = missing.get(currency) ?? new Set<string>();
      dates.add(row.date);
      missing.set(currency, dates);
      continue;
    }
    const convert = (micros: number) => convertMicrosThroughEur(micros, from.rate, to.rate);
    converted.push({
      ...row,
      currency: target,
      spendMicros: convert(row.spendMicros),
      conversionValueMicros: convert(row.conversionValueMicros),
    });
    const rateDate = from.rateDate < to.rateDate ? from.rateDate : to.rateDate;
    applied.set(`${row.date}|${currency}`, {
      date: row.date,
      currency,
      rateDate,
      eurRate: rateText(from.rate),
      reportingEurRate: rateText(to.rate),
    });
  }
  const rates = [...applied.values()].sort((a, b) => a.date.localeCompare(b.date) || a.currency.localeCompare(b.currency));
  const rateDates = rates.length
    ? {
        from: rates.reduce((m, r) => (r.rateDate < m ? r.rateDate : m), rates[0]!.rateDate),
        to: rates.reduce((m, r) => (r.rateDate > m ? r.rateDate : m), rates[0]!.rateDate),
      }
    : null;
  return {
    rows: converted,
    note: {
      reportingCurrency: target,
      source: FX_SOURCE,
      rateDates,
      rates,
      missing: [...missing.entries()]
        .map(([currency, dates]) => ({ currency, days: dates.size, dates: [...dates].sort() }))
        .sort((a, b) => a.currency.localeCompare(b.currency)),
    },
  };
}

const rateText = (rate: DecimalRate) => formatRate(rate);

/** "3 days of EUR without a rate" for each missing currency (what the UI prints under a converted total). */
export function describeMissing(missing: readonly MissingRates[]): string[] {
  return missing.map((m) => `${m.days} day${m.days === 1 ? '' : 's'} of ${m.currency} without a rate`);
}
