import { formatMoney as formatMicros, formatMoneyCompact as formatMicrosCompact, roundMicrosToMinorUnit } from '$worker/lib/money';

/** Shown wherever a value cannot be computed (a ratio whose denominator is 0). */
export const NOT_AVAILABLE = '—';

/** The one locale the dashboards render in until users can choose. */
export const LOCALE = 'en-US';

/** Integer micros as money in its own currency ("$1,234.50", "¥1,235", "1.234,50 €" in de-DE). */
export function formatMoney(micros: number | null, currency: string, locale = LOCALE): string {
  if (micros === null || !Number.isFinite(micros)) return NOT_AVAILABLE;
  return formatMicros(Math.round(micros), currency, locale);
}

/**
 * Short money for chart axes ("$1.2K"). The amount is first rounded to the currency's smallest unit,
 * so a zero-decimal currency never shows a fraction below a thousand ("¥2", not "¥1.5").
 */
export function formatMoneyCompact(micros: number, currency: string, locale = LOCALE): string {
  return formatMicrosCompact(roundMicrosToMinorUnit(Math.round(micros), currency), currency, locale);
}

/** Whole counts with grouping ("12,345"). */
export function formatCount(value: number | null, locale = LOCALE): string {
  if (value === null || !Number.isFinite(value)) return NOT_AVAILABLE;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** Counts that may be fractional (Google reports conversions like 5.5): at most two decimals. */
export function formatDecimalCount(value: number | null, locale = LOCALE): string {
  if (value === null || !Number.isFinite(value)) return NOT_AVAILABLE;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** A ratio as a percentage with two decimals (0.0235 → "2.35%"). */
export function formatPercent(ratio: number | null, locale = LOCALE): string {
  if (ratio === null || !Number.isFinite(ratio)) return NOT_AVAILABLE;
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(ratio);
}

const MONTH_DAY = new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const MONTH_DAY_YEAR = new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/** A calendar date (YYYY-MM-DD, no time zone) as a short label ("Nov 3"). */
export function formatDay(isoDate: string): string {
  return MONTH_DAY.format(isoDateToUtc(isoDate));
}

/** An inclusive date range as a label ("Nov 2 – Nov 29, 2026"; the year on both ends when they differ). */
export function formatDateRange(from: string, to: string): string {
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const start = sameYear ? formatDay(from) : MONTH_DAY_YEAR.format(isoDateToUtc(from));
  return `${start} – ${MONTH_DAY_YEAR.format(isoDateToUtc(to))}`;
}

/** Calendar dates are plotted and formatted as UTC midnights so no viewer time zone shifts a day. */
export function isoDateToUtc(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

/** A wait as people say it ("40 seconds", "15 minutes"), rounded up so nobody retries too early. */
export function formatWait(seconds: number): string {
  if (seconds < 60) {
    const s = Math.max(1, Math.ceil(seconds));
    return `${s} second${s === 1 ? '' : 's'}`;
  }
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
