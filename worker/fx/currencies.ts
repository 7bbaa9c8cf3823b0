import { FX_BASE } from './rate-book';

/**
 * The currencies the stored rates can convert into: the euro and the ECB's reference-rate quotes
 * (BGN left the list when Bulgaria adopted the euro on 1 January 2026; RUB has been suspended since
 * March 2022). A reporting currency outside this list would leave every converted amount missing.
 */
export const FX_CURRENCIES: readonly string[] = [
  FX_BASE,
  ...[
    'AUD',
    'BRL',
    'CAD',
    'CHF',
    'CNY',
    'CZK',
    'DKK',
    'GBP',
    'HKD',
    'HUF',
    'IDR',
    'ILS',
    'INR',
    'ISK',
    'JPY',
    'KRW',
    'MXN',
    'MYR',
    'NOK',
    'NZD',
    'PHP',
    'PLN',
    'RON',
    'SEK',
    'SGD',
    'THB',
    'TRY',
    'USD',
    'ZAR',
  ],
].sort();

/** True for a currency the FX layer can report in (exact, upper-case ISO 4217 code). */
export function isFxCurrency(code: string): boolean {
  return FX_CURRENCIES.includes(code);
}
