import type { Platform } from '$db/schema/enum-values';
import type { SyncProgressEvent } from './live-updates';

export const PLATFORM_LABELS: Record<Platform, string> = { google_ads: 'Google Ads', meta: 'Meta', linkedin: 'LinkedIn' };

export type BackfillProgress = {
  windowsDone: number;
  windowsTotal: number;
  rows: number;
  from: string | null;
  to: string | null;
  /** Why the import no longer progresses (the platform refuses the account for good), in plain words. */
  stopped?: string | null;
};

/** The part of an ad account that backfill progress is shown for. */
export type BackfillAccount = { id: string; platform: Platform; name: string; backfill: BackfillProgress };

export type BackfillView =
  | { state: 'none' }
  | { state: 'running'; windowsDone: number; windowsTotal: number; percent: number; rows: number; from: string | null; to: string | null }
  | { state: 'stopped'; windowsDone: number; windowsTotal: number; rows: number; from: string | null; to: string | null; reason: string }
  | { state: 'complete'; windowsTotal: number; rows: number; from: string | null; to: string | null };

/**
 * Where an account's history import stands; an account without a requested backfill has none. A
 * stopped import is never shown as running: its bar would not move again.
 */
export function viewBackfill(backfill: BackfillProgress): BackfillView {
  const { windowsDone, windowsTotal, rows, from, to } = backfill;
  if (windowsTotal <= 0) return { state: 'none' };
  if (windowsDone >= windowsTotal) return { state: 'complete', windowsTotal, rows, from, to };
  const done = Math.max(0, windowsDone);
  if (backfill.stopped) return { state: 'stopped', windowsDone: done, windowsTotal, rows, from, to, reason: backfill.stopped };
  return { state: 'running', windowsDone: done, windowsTotal, percent: Math.floor((done / windowsTotal) * 100), rows, from, to };
}

export function isBackfillRunning(backfill: BackfillProgress): boolean {
  return viewBackfill(backfill).state === 'running';
}

/**
 * Applies a live sync-progress event to the accounts a page shows. `refresh` is true when the event
 * cannot be applied on its own and the page should refetch: an account it has not loaded
 * (connected after it rendered), or progress going backwards, which is either a late event from
 * windows committing in parallel or a reconnect that started a new backfill; only the database knows which.
 */
export function applySyncProgress<T extends BackfillAccount>(
  accounts: readonly T[],
  event: SyncProgressEvent,
): { accounts: T[]; refresh: boolean } {
  let known = false;
  let backwards = false;
  const next = accounts.map((account) => {
    if (account.id !== event.adAccountId) return account;
    known = true;
    const { windowsDone, windowsTotal } = account.backfill;
    if (event.windowsTotal === windowsTotal && event.windowsDone < windowsDone) {
      backwards = true;
      return account;
    }
    return {
      ...account,
      backfill: { ...account.backfill, windowsDone: event.windowsDone, windowsTotal: event.windowsTotal, rows: event.rows },
    };
  });
  return { accounts: next, refresh: !known || backwards };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The overview's one-line summary while history is being imported, or null when nothing is running:
 * "Syncing history: 2 of 3 months for Meta · Northwind US". Backfill windows are 30-day chunks, so
 * "months" is what a person would call them.
 */
export function describeSyncing(accounts: readonly BackfillAccount[]): string | null {
  const running = accounts.flatMap((account) => {
    const view = viewBackfill(account.backfill);
    return view.state === 'running' ? [{ account, view }] : [];
  });
  if (!running.length) return null;
  const parts = running.map(
    ({ account, view }) =>
      `${view.windowsDone} of ${plural(view.windowsTotal, 'month', 'months')} for ${PLATFORM_LABELS[account.platform]} · ${account.name}`,
  );
  return `Syncing history: ${parts.join('; ')}`;
}
