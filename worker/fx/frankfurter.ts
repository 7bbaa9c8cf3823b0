/**
 * Client of the Frankfurter API (v1), which serves the ECB's euro foreign exchange reference rates.
 * Chosen over the ECB's own XML files because it answers any date range (`eurofxref-hist-90d.xml`
 * stops at 90 days, `eurofxref-hist.xml` is every day since 1999 in one file), so a backfill asks
 * only for the days it needs; the rates are the ECB's, published on TARGET business days at about
 * 16:00 CET, with no entry for weekends and TARGET holidays.
 *
 * Wire format (GET `{base}/{from}..{to}?base=EUR`):
 *   200 {"amount":1.0,"base":"EUR","start_date":"2026-10-01","end_date":"2026-10-30",
 *        "rates":{"2026-10-01":{"USD":1.0823,"JPY":163.24,...},...}}
 *   one key per published business day in the range (a range that starts on a weekend or holiday
 *   starts at the business day before it); each rate is a JSON number written as the ECB publishes
 *   it (at most 6 significant digits, so its shortest decimal form is the published text);
 *   404 {"message":"not found"} when the range holds no publication (e.g. entirely in the future).
 */
import { parseRate } from './decimal-rate';
import { FX_BASE, type StoredRate } from './rate-book';

export class FxProviderError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FxProviderError';
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CURRENCY = /^[A-Z]{3}$/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON rate number back to the decimal text the ECB published ("1.0823"); refuses exponent forms and non-positive values. */
function rateText(value: unknown, where: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new FxProviderError(`${where}: not a positive rate`);
  const text = String(value);
  parseRate(text);
  return text;
}

/** The rows of a time-series answer, validated; throws FxProviderError on anything unexpected. */
export function parseTimeSeries(body: unknown): StoredRate[] {
  if (!isRecord(body) || !isRecord(body.rates)) throw new FxProviderError('answer has no rates object');
  if (body.base !== FX_BASE) throw new FxProviderError(`answer is based on ${String(body.base)}, not ${FX_BASE}`);
  const rows: StoredRate[] = [];
  for (const [date, quotes] of Object.entries(body.rates)) {
    if (!ISO_DATE.test(date) || !isRecord(quotes)) throw new FxProviderError(`rates entry '${date}' is not a date with quotes`);
    for (const [quote, value] of Object.entries(quotes)) {
      if (!CURRENCY.test(quote)) throw new FxProviderError(`rates entry '${date}' has a quote '${quote}' that is not a currency code`);
      rows.push({ date, quote, rate: rateText(value, `${date} ${quote}`) });
    }
  }
  return rows;
}

export interface FxRatesClient {
  /** Every published EUR rate from `from` to `to` (inclusive); empty when none was published. */
  timeSeries(from: string, to: string): Promise<StoredRate[]>;
}

export function createFrankfurterClient(options: { baseUrl: string; fetch: typeof fetch; timeoutMs?: number }): FxRatesClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    async timeSeries(from, to) {
      const url = `${base}/${from}..${to}?base=${FX_BASE}`;
      let res: Response;
      try {
        res = await options.fetch(url, {
          headers: { accept: 'application/json' },
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch (error) {
        throw new FxProviderError(`rates request failed: ${(error as Error).message}`);
      }
      if (res.status === 404) return [];
      const text = await res.text();
      if (!res.ok) throw new FxProviderError(`rates provider answered ${res.status}: ${text.slice(0, 200)}`, res.status);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new FxProviderError('rates provider answered with a body that is not JSON', res.status);
      }
      return parseTimeSeries(body);
    },
  };
}
