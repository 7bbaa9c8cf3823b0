import type { Platform } from '../../db/schema/enum-values';
import { addDays, type DateWindow, lastDays, localToday, splitWindow } from '../lib/dates';

export type { DateWindow };

/** Days the settling lane re-reads nightly, per platform (each platform's restatement window). */
export type SettlingDays = Record<Platform, number>;

/** Hot lane: yesterday and today in the account's zone, every run. */
export function hotWindow(now: Date, timeZone: string): DateWindow {
  return lastDays(timeZone, now, 2);
}

/** Settling lane: the restatement window up to the day before yesterday (the hot lane has the rest). */
export function settlingWindow(now: Date, timeZone: string, days: number): DateWindow {
  const today = localToday(timeZone, now);
  return { from: addDays(today, -days), to: addDays(today, -2) };
}

/** Backfill chunks, newest first so recent data lands on the dashboard first. */
export function backfillChunks(window: DateWindow, size: number): DateWindow[] {
  return splitWindow(window, size).reverse();
}
