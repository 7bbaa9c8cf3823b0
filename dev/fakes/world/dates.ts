/** Local-date arithmetic on 'YYYY-MM-DD' strings and time-zone conversion via Intl. */

const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export function parseDate(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

export function formatDate(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return formatDate(parseDate(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseDate(to) - parseDate(from)) / DAY_MS);
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return new Date(parseDate(date)).getUTCDay();
}

const validDates = new Map<string, boolean>();
export function isValidDate(date: string): boolean {
  let valid = validDates.get(date);
  if (valid === undefined) {
    valid = /^\d{4}-\d{2}-\d{2}$/.test(date) && formatDate(parseDate(date)) === date;
    if (validDates.size < 100_000) validDates.set(date, valid);
  }
  return valid;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface LocalParts {
  date: string;
  hour: number;
  /** The wall-clock reading as if it were UTC, in ms: local minus UTC is the zone offset. */
  wallMs: number;
}

export function localParts(instantMs: number, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(instantMs))) parts[p.type] = p.value;
  const y = Number(parts.year);
  const mo = Number(parts.month);
  const d = Number(parts.day);
  const h = Number(parts.hour);
  const wallMs = Date.UTC(y, mo - 1, d, h, Number(parts.minute), Number(parts.second));
  return { date: formatDate(Date.UTC(y, mo - 1, d)), hour: h, wallMs };
}

let lastLocalDate = { instantMs: NaN, timeZone: '', date: '' };
/** Local date of an instant; remembers the last answer because callers ask about the same `asOf` in loops. */
export function localDate(instantMs: number, timeZone: string): string {
  if (instantMs === lastLocalDate.instantMs && timeZone === lastLocalDate.timeZone) return lastLocalDate.date;
  const date = localParts(instantMs, timeZone).date;
  lastLocalDate = { instantMs, timeZone, date };
  return date;
}

const midnights = new Map<string, number>();
/** The instant a local date begins in a zone (midnight exists in every zone the world uses). */
export function zonedMidnight(date: string, timeZone: string): number {
  const key = `${timeZone}|${date}`;
  const cached = midnights.get(key);
  if (cached !== undefined) return cached;
  const wall = parseDate(date);
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    const offset = localParts(guess, timeZone).wallMs - Math.floor(guess / 1000) * 1000;
    guess = wall - offset;
  }
  midnights.set(key, guess);
  return guess;
}

const hourLabels = new Map<string, number[]>();
/**
 * The local clock hour (0-23) of each real hour of a local date: 24 entries normally, 23 on the
 * spring-forward day (one label missing), 25 on the fall-back day (one label repeated).
 */
export function realHourLabels(date: string, timeZone: string): number[] {
  const key = `${timeZone}|${date}`;
  const cached = hourLabels.get(key);
  if (cached) return cached;
  const start = zonedMidnight(date, timeZone);
  const end = zonedMidnight(addDays(date, 1), timeZone);
  const labels: number[] = [];
  for (let t = start; t < end; t += HOUR_MS) labels.push(localParts(t, timeZone).hour);
  hourLabels.set(key, labels);
  return labels;
}
