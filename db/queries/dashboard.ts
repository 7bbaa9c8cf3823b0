import { and, asc, between, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { TenantTx } from '../database';
import { accountDaily, adAccounts, campaignDaily, campaigns, type Platform } from '../schema';

/** Inclusive account-local dates (YYYY-MM-DD), optionally narrowed to some ad accounts. */
export type DashboardRange = { from: string; to: string; adAccountIds?: string[] };

export type MetricTotals = {
  spendMicros: number;
  impressions: number;
  clicks: number;
  conversions: number;
  conversionValueMicros: number;
};

/** Totals in one currency: accounts may bill in different currencies, which are never summed together. */
export type CurrencyKpis = MetricTotals & { currency: string };
export type DaySpend = MetricTotals & { date: string; currency: string };
export type CampaignPerformance = MetricTotals & {
  adAccountId: string;
  platform: Platform;
  campaignId: string;
  campaignName: string;
  currency: string;
};

function totals(table: typeof accountDaily | typeof campaignDaily) {
  const sumInt = (column: PgColumn) => sql<number>`coalesce(sum(${column}), 0)::bigint`.mapWith(Number);
  return {
    spendMicros: sumInt(table.spendMicros),
    impressions: sumInt(table.impressions),
    clicks: sumInt(table.clicks),
    conversions: sql<number>`coalesce(sum(${table.conversions}), 0)`.mapWith(Number),
    conversionValueMicros: sumInt(table.conversionValueMicros),
  };
}

function inRange(table: typeof accountDaily | typeof campaignDaily, tenantId: string, range: DashboardRange): SQL | undefined {
  return and(
    eq(table.tenantId, tenantId),
    between(table.date, range.from, range.to),
    range.adAccountIds ? inArray(table.adAccountId, range.adAccountIds) : undefined,
  );
}

/** Headline numbers per currency over the range (reads account_daily only). */
export async function getOverviewKpis(tx: TenantTx, range: DashboardRange): Promise<CurrencyKpis[]> {
  if (range.adAccountIds?.length === 0) return [];
  return tx.db
    .select({ currency: accountDaily.currency, ...totals(accountDaily) })
    .from(accountDaily)
    .where(inRange(accountDaily, tx.tenantId, range))
    .groupBy(accountDaily.currency)
    .orderBy(asc(accountDaily.currency));
}

/** One row per date and currency (reads account_daily only). */
export async function listSpendByDay(tx: TenantTx, range: DashboardRange): Promise<DaySpend[]> {
  if (range.adAccountIds?.length === 0) return [];
  return tx.db
    .select({ date: accountDaily.date, currency: accountDaily.currency, ...totals(accountDaily) })
    .from(accountDaily)
    .where(inRange(accountDaily, tx.tenantId, range))
    .groupBy(accountDaily.date, accountDaily.currency)
    .orderBy(asc(accountDaily.date), asc(accountDaily.currency));
}

/** Campaign totals over the range, biggest spend first (metrics from campaign_daily; names from campaigns). */
export async function listCampaignPerformance(tx: TenantTx, range: DashboardRange): Promise<CampaignPerformance[]> {
  if (range.adAccountIds?.length === 0) return [];
  const { tenantId } = tx;
  const spend = totals(campaignDaily);
  return tx.db
    .select({
      adAccountId: campaignDaily.adAccountId,
      platform: adAccounts.platform,
      campaignId: campaignDaily.campaignId,
      campaignName: sql<string>`coalesce(${campaigns.name}, ${campaignDaily.campaignId})`,
      currency: campaignDaily.currency,
      ...spend,
    })
    .from(campaignDaily)
    .innerJoin(adAccounts, and(eq(adAccounts.id, campaignDaily.adAccountId), eq(adAccounts.tenantId, tenantId)))
    .leftJoin(
      campaigns,
      and(
        eq(campaigns.tenantId, tenantId),
        eq(campaigns.adAccountId, campaignDaily.adAccountId),
        eq(campaigns.externalId, campaignDaily.campaignId),
      ),
    )
    .where(inRange(campaignDaily, tenantId, range))
    .groupBy(campaignDaily.adAccountId, adAccounts.platform, campaignDaily.campaignId, campaigns.name, campaignDaily.currency)
    .orderBy(desc(spend.spendMicros), asc(campaignDaily.campaignId));
}
