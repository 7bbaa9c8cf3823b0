import type { Platform } from '../../db/schema/enums';
import type { SyncProgressEvent } from './live-updates';

export const PLATFORM_LABELS: Record<Platform, string> = { google_ads: 'Google Ads', meta: 'Meta', linkedin: 'LinkedIn' };

export type BackfillProgress = { windowsDone: number; windowsTotal: number; rows: number; from: string | null; to: string | null };

/** The part of an ad account that backfill progress is shown for. */
export type BackfillAccount = { id: string; platform: Platform; name: string; backfill: BackfillProgress };

export type BackfillView =
  | { state: 'none' }
  | { state: 'running'; windowsDone: number; windowsTotal: number; percent: number; rows: number; from: string | null; to: string | null }
  | { state: 'complete'; windowsTotal: number; rows: number; from: string | null; to: string | null };

/** Where an account's history import stands; an account without a requested backfill has none. */
export function viewBackfill(backfill: BackfillProgress): BackfillView {
  const { windowsDone, windowsTotal, rows, from, to } = backfill;
  if (windowsTotal <= 0) return { state: 'none' };
  if (windowsDone >= windowsTotal) return { state: 'complete', windowsTotal, rows, from, to };
  const done = Math.max(0, windowsDone);
  return { state: 'running', windowsDone: done, windowsTotal, percent: Math.floor((done / windowsTotal) * 100), rows, from, to };
}

export function isBackfillRunning(backfill: BackfillProgress): boolean {
  return viewBackfill(backfill).state === 'running';
}

/**
 * Applies a live sync-progress event to the accounts a page shows. `known` is false when the event
 * is about an account the page has not loaded (connected after it rendered): the page refetches.
 */
export function applySyncProgress<T extends BackfillAccount>(accounts: readonly T[], event: SyncProgressEvent): { accounts: T[]; known: boolean } {
  let known = false;
  const next = accounts.map((account) => {
    if (account.id !== event.adAccountId) return account;
    known = true;
    // A window can be redelivered out of order: progress within one backfill never goes back.
    const sameBackfill = event.windowsTotal === account.backfill.windowsTotal;
    const windowsDone = sameBackfill ? Math.max(account.backfill.windowsDone, event.windowsDone) : event.windowsDone;
    const rows = sameBackfill ? Math.max(account.backfill.rows, event.rows) : event.rows;
    return { ...account, backfill: { ...account.backfill, windowsDone, windowsTotal: event.windowsTotal, rows } };
  });
  return { accounts: next, known };
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
    ({ account, view }) => `${view.windowsDone} of ${plural(view.windowsTotal, 'month', 'months')} for ${PLATFORM_LABELS[account.platform]} · ${account.name}`,
  );
  return `Syncing history: ${parts.join('; ')}`;
}
