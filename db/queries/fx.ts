import { and, between, eq, inArray, sql } from 'drizzle-orm';
import type { StoredRate } from '../../worker/fx/rate-book';
import { type Database, forEachTenant, type TenantTx } from '../database';
import { accountDaily, fxRates } from '../schema';
import { listActiveTenantsAcrossTenants } from './fleet';

/*
 * fx_rates is global (not tenant-owned): one row per published (date, base, quote). Rates are read
 * and written as text so the numeric(20,10) values stay exact decimals end to end.
 */

/** Idempotent: a rate already stored for its (date, base, quote) is overwritten with the value given. */
export async function upsertFxRates(db: Database, base: string, rows: readonly StoredRate[]): Promise<number> {
  const BATCH = 500;
  for (let i = 0; i < rows.length; i += BATCH) {
    const values = rows
      .slice(i, i + BATCH)
      .map((r) => ({ date: r.date, base, quote: r.quote, rate: sql`${r.rate}::numeric` as unknown as number }));
    await db
      .insert(fxRates)
      .values(values)
      .onConflictDoUpdate({ target: [fxRates.date, fxRates.base, fxRates.quote], set: { rate: sql`excluded.rate` } });
  }
  return rows.length;
}

/** The first and last date with a stored rate of `base`, or null when none is stored. */
export async function getStoredFxSpan(db: Database, base: string): Promise<{ first: string; last: string } | null> {
  const [row] = await db
    .select({ first: sql<string | null>`min(${fxRates.date})::text`, last: sql<string | null>`max(${fxRates.date})::text` })
    .from(fxRates)
    .where(eq(fxRates.base, base));
  return row?.first && row.last ? { first: row.first, last: row.last } : null;
}

/** A cheap fingerprint of the stored rates (count and latest date): part of converted answers' cache keys. */
export async function getFxRatesVersion(db: Database): Promise<string> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int`.mapWith(Number), last: sql<string | null>`max(${fxRates.date})::text` })
    .from(fxRates);
  return `${row?.count ?? 0}-${row?.last ?? 'none'}`;
}

/** Stored rates of `base` for these quote currencies between two dates (inclusive), rates as exact decimal text. */
export async function listFxRates(db: Database, base: string, quotes: readonly string[], from: string, to: string): Promise<StoredRate[]> {
  if (quotes.length === 0) return [];
  const rows = await db
    .select({ date: fxRates.date, quote: fxRates.quote, rate: sql<string>`${fxRates.rate}::text` })
    .from(fxRates)
    .where(and(eq(fxRates.base, base), inArray(fxRates.quote, [...quotes]), between(fxRates.date, from, to)));
  return rows.map((r) => ({ date: r.date, quote: r.quote.trim(), rate: trimRate(r.rate) }));
}

/** numeric(20,10) prints ten decimals ("1.0823000000"); the rate is the same without the trailing zeros. */
function trimRate(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

async function earliestFactDate(tx: TenantTx): Promise<string | null> {
  const [row] = await tx.db
    .select({ first: sql<string | null>`min(${accountDaily.date})::text` })
    .from(accountDaily)
    .where(eq(accountDaily.tenantId, tx.tenantId));
  return row?.first ?? null;
}

/** The earliest date of any active tenant's account totals (each tenant read in its own scope), or null. */
export async function earliestFactDateAcrossTenants(db: Database): Promise<string | null> {
  const tenantIds = (await listActiveTenantsAcrossTenants(db)).map((t) => t.id);
  const firsts = (await forEachTenant(db, tenantIds, earliestFactDate)).filter((d): d is string => d !== null);
  return firsts.length ? firsts.reduce((a, b) => (a < b ? a : b)) : null;
}
