/** Date arithmetic on account-local calendar dates (YYYY-MM-DD), independent of the host zone. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The calendar date in `timeZone` at `at`: how every ad platform dates its rows. */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Days each platform keeps restating past conversions: the settling lane re-reads them nightly. */
export const SETTLING_DAYS = { meta: 28, google_ads: 14, linkedin: 7 } as const;

export interface DateWindow {
  from: string;
  to: string;
}

/** Hot lane: yesterday and today in the account's zone, every run. */
export function hotWindow(now: Date, timeZone: string): DateWindow {
  const today = localDate(now, timeZone);
  return { from: addDays(today, -1), to: today };
}

/** Settling lane: the restatement window up to the day before yesterday (the hot lane has the rest). */
export function settlingWindow(now: Date, timeZone: string, days: number): DateWindow {
  const today = localDate(now, timeZone);
  return { from: addDays(today, -days), to: addDays(today, -2) };
}

/** Splits [from, to] into consecutive chunks of at most `size` days, newest first (recent data lands first). */
export function chunkWindow(window: DateWindow, size: number): DateWindow[] {
  const chunks: DateWindow[] = [];
  let to = window.to;
  while (to >= window.from) {
    const from = addDays(to, -(size - 1)) < window.from ? window.from : addDays(to, -(size - 1));
    chunks.push({ from, to });
    to = addDays(from, -1);
  }
  return chunks;
}
