import { and, asc, between, eq, sql } from 'drizzle-orm';
import type { TenantTx } from '../database';
import { adAccounts, adStatsHourly } from '../schema';

export interface HourlyPacing {
  hour: number;
  currency: string;
  impressions: number;
  clicks: number;
  spendMicros: number;
}

/**
 * Spend, impressions and clicks per local hour of one account-local date, per currency
 * (Meta and Google report hours; LinkedIn is daily only, so its accounts do not appear).
 */
export async function listHourlyPacing(tx: TenantTx, date: string): Promise<HourlyPacing[]> {
  const { tenantId } = tx;
  return tx.db
    .select({
      hour: adStatsHourly.hour,
      currency: adAccounts.currency,
      impressions: sql<number>`sum(${adStatsHourly.impressions})::float8`,
      clicks: sql<number>`sum(${adStatsHourly.clicks})::float8`,
      spendMicros: sql<number>`sum(${adStatsHourly.spendMicros})::float8`,
    })
    .from(adStatsHourly)
    .innerJoin(adAccounts, and(eq(adAccounts.id, adStatsHourly.adAccountId), eq(adAccounts.tenantId, tenantId)))
    .where(and(eq(adStatsHourly.tenantId, tenantId), eq(adStatsHourly.date, date)))
    .groupBy(adStatsHourly.hour, adAccounts.currency)
    .orderBy(asc(adAccounts.currency), asc(adStatsHourly.hour));
}

export interface DatedHourlyPacing {
  date: string;
  hour: number;
  currency: string;
  spendMicros: number;
}

/** Spend per account-local date, local hour and currency over a window of dates (the days a pacing chart compares). */
export async function listHourlySpendBetween(tx: TenantTx, window: { from: string; to: string }): Promise<DatedHourlyPacing[]> {
  const { tenantId } = tx;
  return tx.db
    .select({
      date: adStatsHourly.date,
      hour: adStatsHourly.hour,
      currency: adAccounts.currency,
      spendMicros: sql<number>`sum(${adStatsHourly.spendMicros})::float8`,
    })
    .from(adStatsHourly)
    .innerJoin(adAccounts, and(eq(adAccounts.id, adStatsHourly.adAccountId), eq(adAccounts.tenantId, tenantId)))
    .where(and(eq(adStatsHourly.tenantId, tenantId), between(adStatsHourly.date, window.from, window.to)))
    .groupBy(adStatsHourly.date, adStatsHourly.hour, adAccounts.currency)
    .orderBy(asc(adAccounts.currency), asc(adStatsHourly.date), asc(adStatsHourly.hour));
}
