/**
 * Frankfurter (v1) serving ECB euro reference rates, faked: the wire format worker/fx/frankfurter.ts
 * documents. Rates are deterministic per (currency, date), published on TARGET business days only
 * (no weekends; no 1 January, Good Friday, Easter Monday, 1 May, 25 and 26 December), and the fake
 * clock's today only from 15:00 UTC (the ECB publishes at about 16:00 CET). A series whose first day
 * has no publication starts at the business day before it, as Frankfurter's does.
 */
import { Hono } from 'hono';
import type { FakeContext } from '../context';
import { addDays, isValidDate } from '../world/dates';
import { observeService } from './observe';

/** The first day of the ECB series. */
export const FIRST_ECB_DATE = '1999-01-04';
const PUBLISH_HOUR_UTC = 15;

/** Roughly where each rate sits; the fake moves each by at most ±2% around it. */
const CENTRES: Record<string, number> = {
  USD: 1.08,
  JPY: 160,
  GBP: 0.85,
  CHF: 0.95,
  SEK: 11.3,
  NOK: 11.6,
  DKK: 7.46,
  PLN: 4.3,
  CZK: 25.2,
  HUF: 390,
  RON: 4.97,
  ISK: 150,
  TRY: 35,
  AUD: 1.65,
  CAD: 1.48,
  NZD: 1.8,
  BRL: 5.9,
  MXN: 20,
  INR: 90,
  KRW: 1450,
  SGD: 1.45,
  HKD: 8.45,
  CNY: 7.8,
  ZAR: 20,
  ILS: 4,
  IDR: 17000,
  MYR: 4.9,
  PHP: 62,
  THB: 38,
};

/** Easter Sunday (Gregorian, anonymous algorithm) of a year, as YYYY-MM-DD. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True on a TARGET business day: the days the ECB publishes reference rates. */
export function isTargetBusinessDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const monthDay = date.slice(5);
  if (['01-01', '05-01', '12-25', '12-26'].includes(monthDay)) return false;
  const easter = easterSunday(Number(date.slice(0, 4)));
  return date !== addDays(easter, -2) && date !== addDays(easter, 1);
}

/** The published rate of 1 EUR in `currency` on a business day, as the ECB writes it (4 decimals under 100, else 2). */
export function fakeEurRate(currency: string, date: string): number {
  const centre = CENTRES[currency]!;
  const day = Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  const phase = [...currency].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
  const value = centre * (1 + 0.02 * Math.sin(day / 9 + phase));
  return Number(value.toFixed(value < 100 ? 4 : 2));
}

export const FAKE_FX_CURRENCIES = Object.keys(CENTRES).sort();

export function createFxRatesFake(ctx: FakeContext): Hono {
  const app = new Hono();
  app.use(
    observeService(ctx, 'fx_rates', {
      server_error: (c) => c.json({ message: 'internal server error' }, 500),
      rate_limit: (c) => c.json({ message: 'too many requests' }, 429, { 'Retry-After': '60' }),
      revoked_token: (c) => c.json({ message: 'forbidden' }, 403),
    }),
  );

  const now = () => ctx.world.clock.now();
  /** Whether the ECB has published for `date` by the fake clock's now. */
  const published = (date: string) => {
    if (date < FIRST_ECB_DATE || !isTargetBusinessDay(date)) return false;
    const at = now();
    const today = at.toISOString().slice(0, 10);
    return date < today || (date === today && at.getUTCHours() >= PUBLISH_HOUR_UTC);
  };
  const quotesOf = (symbols: string | undefined) =>
    symbols
      ? symbols
          .split(',')
          .map((s) => s.trim().toUpperCase())
          .filter((s) => s in CENTRES)
      : FAKE_FX_CURRENCIES;
  const dayRates = (date: string, quotes: string[]) => Object.fromEntries(quotes.map((q) => [q, fakeEurRate(q, date)]));
  /** The last published day on or before `date` (a week back at most is enough on the TARGET calendar). */
  const publishedOnOrBefore = (date: string) => {
    for (let back = 0, d = date; back < 8; back += 1, d = addDays(d, -1)) if (published(d)) return d;
    return undefined;
  };

  app.get('/v1/latest', (c) => {
    const date = publishedOnOrBefore(now().toISOString().slice(0, 10));
    if (!date) return c.json({ message: 'not found' }, 404);
    return c.json({ amount: 1.0, base: 'EUR', date, rates: dayRates(date, quotesOf(c.req.query('symbols'))) });
  });

  app.get('/v1/:range', (c) => {
    const base = (c.req.query('base') ?? 'EUR').toUpperCase();
    if (base !== 'EUR') return c.json({ message: 'the fake serves base=EUR only' }, 422);
    const quotes = quotesOf(c.req.query('symbols'));
    const [from, to, extra] = c.req.param('range').split('..');
    const today = now().toISOString().slice(0, 10);
    const isRange = to !== undefined;
    const end = isRange ? to || today : from!;
    if (extra !== undefined || !isValidDate(from!) || !isValidDate(end)) return c.json({ message: 'not found' }, 404);
    if (!isRange) {
      const date = publishedOnOrBefore(from!);
      if (!date) return c.json({ message: 'not found' }, 404);
      return c.json({ amount: 1.0, base: 'EUR', date, rates: dayRates(date, quotes) });
    }
    // A range that starts after today holds no publication yet.
    if (end < from! || from! > today) return c.json({ message: 'not found' }, 404);
    const start = publishedOnOrBefore(from! < FIRST_ECB_DATE ? FIRST_ECB_DATE : from!) ?? from!;
    const rates: Record<string, Record<string, number>> = {};
    const last = end > today ? today : end;
    for (let d = start; d <= last; d = addDays(d, 1)) if (published(d)) rates[d] = dayRates(d, quotes);
    const dates = Object.keys(rates);
    if (dates.length === 0) return c.json({ message: 'not found' }, 404);
    return c.json({ amount: 1.0, base: 'EUR', start_date: dates[0], end_date: dates.at(-1), rates });
  });

  app.all('*', (c) => c.json({ message: 'not found' }, 404));
  return app;
}
