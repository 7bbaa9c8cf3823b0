import type { Database } from '../../db/database';
import { earliestFactDateAcrossTenants, getStoredFxSpan, upsertFxRates } from '../../db/queries/fx';
import { addDays, type DateWindow, daysBetween, splitWindow } from '../lib/dates';
import { createFrankfurterClient, type FxRatesClient } from './frankfurter';
import { FX_BASE, MAX_RATE_AGE_DAYS } from './rate-book';

/** The backfill goes no further back than the longest range a dashboard may ask for. */
export const MAX_FX_BACKFILL_DAYS = 1200;
/** Days per provider request. */
export const FX_CHUNK_DAYS = 90;

/**
 * What one load asks the provider for, in order. Stored rates always stay one contiguous span:
 * the days after it are fetched oldest first (starting again at its last day, since a day's rates
 * may still change on the day they are published), the days before it newest first, and a load
 * stops at its first failure, so whatever it stored touches the span and the next run resumes there.
 * The earliest day needed is the earliest fact (bounded to MAX_FX_BACKFILL_DAYS), minus the
 * longest gap a rate may cover, so the first fact day has a rate to fall back on.
 */
export function planFxLoad(input: { stored: { first: string; last: string } | null; earliestFact: string | null; today: string }): {
  forward: DateWindow[];
  backward: DateWindow[];
} {
  const { stored, today } = input;
  const bound = addDays(today, -MAX_FX_BACKFILL_DAYS);
  const earliest = input.earliestFact && input.earliestFact > bound ? input.earliestFact : input.earliestFact ? bound : today;
  const floor = addDays(earliest > today ? today : earliest, -MAX_RATE_AGE_DAYS);
  if (!stored) return { forward: splitWindow({ from: floor, to: today }, FX_CHUNK_DAYS), backward: [] };
  const forward = daysBetween(stored.last, today) >= 0 ? splitWindow({ from: stored.last, to: today }, FX_CHUNK_DAYS) : [];
  const backward = floor < stored.first ? splitWindow({ from: floor, to: addDays(stored.first, -1) }, FX_CHUNK_DAYS).reverse() : [];
  return { forward, backward };
}

export interface FxLoadResult {
  requests: number;
  rates: number;
  /** The provider's or the database's error that stopped the load; the next run starts again from what is stored. */
  error?: string;
}

/** One load: plan from what is stored, fetch, upsert chunk by chunk; stops at (and reports) the first failure. */
export async function loadFxRates(db: Database, client: FxRatesClient, today: string): Promise<FxLoadResult> {
  const stored = await getStoredFxSpan(db, FX_BASE);
  const earliestFact = await earliestFactDateAcrossTenants(db);
  const { forward, backward } = planFxLoad({ stored, earliestFact, today });
  const result: FxLoadResult = { requests: 0, rates: 0 };
  for (const window of [...forward, ...backward]) {
    try {
      result.requests += 1;
      const rows = await client.timeSeries(window.from, window.to);
      result.rates += await upsertFxRates(db, FX_BASE, rows);
    } catch (error) {
      result.error = (error as Error).message;
      return result;
    }
  }
  return result;
}

/**
 * The cron's daily load (run on every housekeeping slot, so a failed or not-yet-published day is
 * asked for again the next hour). Logs what it did; never throws, so the cron's other work goes on.
 */
export async function runFxLoad(db: Database, options: { baseUrl: string; fetch: typeof fetch; now: Date }): Promise<FxLoadResult | null> {
  const today = options.now.toISOString().slice(0, 10);
  try {
    const result = await loadFxRates(db, createFrankfurterClient({ baseUrl: options.baseUrl, fetch: options.fetch }), today);
    const level = result.error ? 'warn' : 'info';
    const log = JSON.stringify({ level, event: result.error ? 'fx-rates-load-failed' : 'fx-rates-loaded', today, ...result });
    if (result.error) console.warn(log);
    else console.log(log);
    return result;
  } catch (error) {
    console.warn(JSON.stringify({ level: 'warn', event: 'fx-rates-load-failed', today, error: (error as Error).message }));
    return null;
  }
}
