/*
 * What a converted answer says about its conversion (worker/report/aggregate.ts converts and sums).
 */

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

/** "3 days of EUR without a rate" for each missing currency (what the UI prints under a converted total). */
export function describeMissing(missing: readonly MissingRates[]): string[] {
  return missing.map((m) => `${m.days} day${m.days === 1 ? '' : 's'} of ${m.currency} without a rate`);
}
