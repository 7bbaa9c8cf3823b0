import type { Platform } from './app-client';
import { PLATFORM_LABELS } from './plan';

/** The part of GET /api/tenants/:tenant/ad-accounts the demo reads. */
export interface AccountProgress {
  platform: Platform;
  name: string;
  externalId: string;
  currency: string;
  connectionStatus: string | null;
  backfill: { windowsDone: number; windowsTotal: number; rows: number; from: string | null; to: string | null };
}

export interface TenantProgress {
  tenant: string;
  accounts: AccountProgress[];
}

export function isBackfilled(account: AccountProgress): boolean {
  return account.backfill.windowsDone >= account.backfill.windowsTotal;
}

export function allBackfilled(tenants: readonly TenantProgress[]): boolean {
  return tenants.every((t) => t.accounts.length > 0 && t.accounts.every(isBackfilled));
}

/** One line per account: `Partner A  Meta  Northwind Outfitters US (USD)  2/3 windows, 1,234 rows, 2026-09-01 → 2026-11-29`. */
export function describeAccount(tenant: string, account: AccountProgress): string {
  const { windowsDone, windowsTotal, rows, from, to } = account.backfill;
  const range = from && to ? `, ${from} → ${to}` : '';
  const state = isBackfilled(account) ? 'backfilled' : `${windowsDone}/${windowsTotal} windows`;
  return `${tenant.padEnd(10)} ${PLATFORM_LABELS[account.platform].padEnd(10)} ${`${account.name} (${account.currency})`.padEnd(40)} ${state}, ${rows.toLocaleString('en-US')} rows${range}`;
}

/** A one-line total, e.g. `backfill 7/12 windows, 3,456 rows`. */
export function describeTotals(tenants: readonly TenantProgress[]): string {
  const accounts = tenants.flatMap((t) => t.accounts);
  const done = accounts.reduce((s, a) => s + Math.min(a.backfill.windowsDone, a.backfill.windowsTotal), 0);
  const total = accounts.reduce((s, a) => s + a.backfill.windowsTotal, 0);
  const rows = accounts.reduce((s, a) => s + a.backfill.rows, 0);
  return `backfill ${done}/${total} windows, ${rows.toLocaleString('en-US')} rows`;
}
