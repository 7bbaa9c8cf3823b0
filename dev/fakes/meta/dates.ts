/** Calendar arithmetic on account-local `YYYY-MM-DD` dates (UTC maths on date-only strings, so no DST drift). */

import { addDays, dayOfWeek, isValidDate, localParts } from '../world/dates';

export { addDays, daysBetween } from '../world/dates';
export const isIsoDate = isValidDate;
/** 0 = Sunday. */
export const weekday = dayOfWeek;

/** Same day-of-month `months` later, clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

export function startOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function endOfMonth(date: string): string {
  return addDays(addMonths(startOfMonth(date), 1), -1);
}

export function eachDate(since: string, until: string): string[] {
  const dates: string[] = [];
  for (let d = since; d <= until; d = addDays(d, 1)) dates.push(d);
  return dates;
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (e.g. -420 for PDT). */
export function utcOffsetMinutes(timeZone: string, instant: Date): number {
  const { wallMs } = localParts(instant.getTime(), timeZone);
  return Math.round((wallMs - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** Meta's timestamp format: local wall time with a colon-less offset, e.g. "2026-01-05T09:00:00-0800". */
export function formatMetaTimestamp(localDate: string, localTime: string, timeZone: string): string {
  const guess = new Date(`${localDate}T${localTime}Z`);
  const offset = utcOffsetMinutes(timeZone, new Date(guess.getTime() - utcOffsetMinutes(timeZone, guess) * 60_000));
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${localDate}T${localTime}${sign}${hh}${mm}`;
}
