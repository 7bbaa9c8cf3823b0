import { addDays } from '../lib/dates';
import { type DecimalRate, parseRate } from './decimal-rate';

/** Every rate is quoted against EUR: the ECB publishes 1 EUR = `rate` `quote`. */
export const FX_BASE = 'EUR';

/** Where the stored rates come from, said in every converted answer. */
export const FX_SOURCE = 'ECB euro foreign exchange reference rates (via Frankfurter)';

/**
 * The ECB publishes on TARGET business days only. A day without a publication (a weekend, a TARGET
 * holiday, or today before the ECB's afternoon publication) uses the most recent earlier rate; the
 * longest gap on the TARGET calendar is Good Friday to Easter Monday, so a rate older than 4 days is
 * not used: the amount is reported as missing instead.
 */
export const MAX_RATE_AGE_DAYS = 4;

export interface StoredRate {
  date: string;
  quote: string;
  /** Decimal text, exact. */
  rate: string;
}

export interface RateOnDay {
  /** The publication date of the rate used (the fact's own date, or the business day before it). */
  rateDate: string;
  rate: DecimalRate;
}

/** Looks up EUR rates by quote currency and date, with the previous-business-day rule above. */
export interface RateBook {
  eurTo(currency: string, date: string): RateOnDay | null;
}

const EUR_RATE: DecimalRate = { units: 1n, scale: 0 };

export function createRateBook(rates: readonly StoredRate[]): RateBook {
  const byKey = new Map<string, DecimalRate>();
  for (const r of rates) byKey.set(`${r.quote.toUpperCase()}|${r.date}`, parseRate(r.rate));
  return {
    eurTo(currency, date) {
      const quote = currency.toUpperCase();
      if (quote === FX_BASE) return { rateDate: date, rate: EUR_RATE };
      for (let back = 0; back <= MAX_RATE_AGE_DAYS; back += 1) {
        const rateDate = addDays(date, -back);
        const rate = byKey.get(`${quote}|${rateDate}`);
        if (rate) return { rateDate, rate };
      }
      return null;
    },
  };
}

/** The quote currencies and date span whose stored rates a conversion of these rows needs. */
export function ratesNeeded(rows: ReadonlyArray<{ date: string; currency: string }>, target: string) {
  const quotes = new Set<string>([target.toUpperCase()]);
  let from: string | undefined;
  let to: string | undefined;
  for (const row of rows) {
    quotes.add(row.currency.toUpperCase());
    if (from === undefined || row.date < from) from = row.date;
    if (to === undefined || row.date > to) to = row.date;
  }
  quotes.delete(FX_BASE);
  if (from === undefined || to === undefined) return null;
  return { quotes: [...quotes].sort(), from: addDays(from, -MAX_RATE_AGE_DAYS), to };
}
