/**
 * Calendar dates as 'YYYY-MM-DD' strings (local dates of an ad account; no time zone attached).
 * Arithmetic runs on UTC midnights so DST never shifts a day.
 */
import { z } from 'zod';

export type IsoDate = string;

export interface DateWindow {
  /** Inclusive first local date. */
  from: IsoDate;
  /** Inclusive last local date. */
  to: IsoDate;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date in YYYY-MM-DD form (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 onto 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return formatUtcDate(date) === value;
}

/**
 * The dates a request or a message may name. No ad platform has data before 2000, and JavaScript
 * accepts years Postgres refuses (year 0): anything outside is a 400, never a database error.
 */
export const SERVED_DATES = { first: '2000-01-01', last: '2100-12-31' } as const;

/** True for a calendar date within SERVED_DATES. */
export function isServedDate(value: string): boolean {
  return isIsoDate(value) && value >= SERVED_DATES.first && value <= SERVED_DATES.last;
}

/** A real calendar date in YYYY-MM-DD form within SERVED_DATES, for request parameters and queue messages. */
export const isoDateSchema = z
  .string()
  .regex(ISO_DATE, 'Use a date like 2026-11-01.')
  .refine(isIsoDate, { message: 'Not a calendar date.', abort: true })
  .refine(isServedDate, `Use a date from ${SERVED_DATES.first} to ${SERVED_DATES.last}.`);

function toUtcMs(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}

function formatUtcDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

/** The date `days` later (negative for earlier). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return formatUtcDate(new Date(toUtcMs(date) + days * DAY_MS));
}

/** Whole days from `from` to `to` (0 for the same date, negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** Number of dates in an inclusive window. */
export function windowLength(window: DateWindow): number {
  return daysBetween(window.from, window.to) + 1;
}

/** Every date of an inclusive window, in order. */
export function eachDate(window: DateWindow): IsoDate[] {
  const count = windowLength(window);
  return Array.from({ length: Math.max(count, 0) }, (_, i) => addDays(window.from, i));
}

/** Split an inclusive window into consecutive chunks of at most `maxDays` dates (oldest first). */
export function splitWindow(window: DateWindow, maxDays: number): DateWindow[] {
  if (!Number.isInteger(maxDays) || maxDays < 1) throw new RangeError(`maxDays must be a positive integer: ${maxDays}`);
  assertWindow(window);
  const chunks: DateWindow[] = [];
  for (let from = window.from; daysBetween(from, window.to) >= 0; from = addDays(from, maxDays)) {
    const to = addDays(from, maxDays - 1);
    chunks.push({ from, to: daysBetween(to, window.to) < 0 ? window.to : to });
  }
  return chunks;
}

/** Throws unless both ends are valid dates and `from` is not after `to`. */
export function assertWindow(window: DateWindow): void {
  if (daysBetween(window.from, window.to) < 0) {
    throw new RangeError(`window ends before it starts: ${window.from}..${window.to}`);
  }
}

/** Parts of an instant as seen on a wall clock in an IANA time zone. */
function wallClock(timeZone: string, at: Date): { date: IsoDate; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) };
}

/** The local calendar date in `timeZone` at instant `at` (an ad account's "today"). */
export function localToday(timeZone: string, at: Date): IsoDate {
  return wallClock(timeZone, at).date;
}

/** The local hour (0-23) in `timeZone` at instant `at`. */
export function localHour(timeZone: string, at: Date): number {
  return wallClock(timeZone, at).hour;
}

/** The `days` most recent local dates ending today (e.g. the hot lane: lastDays(2) = yesterday and today). */
export function lastDays(timeZone: string, at: Date, days: number): DateWindow {
  const to = localToday(timeZone, at);
  return { from: addDays(to, -(days - 1)), to };
}

/** Date parts for APIs that want numbers (LinkedIn's Rest.li dateRange). */
export function dateParts(date: IsoDate): { year: number; month: number; day: number } {
  const ms = toUtcMs(date);
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Inverse of dateParts. */
export function fromDateParts(parts: { year: number; month: number; day: number }): IsoDate {
  const text = `${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
  if (!isIsoDate(text)) throw new RangeError(`not a calendar date: ${JSON.stringify(parts)}`);
  return text;
}
