import { and, asc, between, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { TenantTx } from '../database';
import { accountDaily, adAccounts, adGroups, adStatsDaily, ads, campaignDaily, campaigns, type Platform } from '../schema';

/*
 * Rows for the dashboard's report widgets, one per entity and date in the account's own currency
 * (see worker/report/aggregate.ts, which converts and sums them). Rollups answer everything down to
 * campaigns; ad groups and ads read the fact table.
 */

/** A campaign as the rollups and facts name it: the platform's id inside one of our ad accounts. */
export interface CampaignRef {
  adAccountId: string;
  externalId: string;
}

/** What a report reads: inclusive account-local dates, optionally narrowed to accounts and campaigns (null: all). */
export interface ReportFilter {
  from: string;
  to: string;
  adAccountIds: string[] | null;
  campaigns: CampaignRef[] | null;
}

/** A selection as the dashboard's URL states it: platforms, our ad account ids and our campaign ids (null: all). */
export interface ReportScope {
  platforms: Platform[] | null;
  adAccountIds: string[] | null;
  campaignIds: string[] | null;
}

export interface EntityDayRow {
  adAccountId: string;
  /** The campaign, ad group or ad id at the platform; '' for account rows. */
  key: string;
  date: string;
  currency: string;
  spendMicros: number;
  impressions: number;
  clicks: number;
  conversions: number;
  conversionValueMicros: number;
}

/** Turns the URL's platforms, accounts and campaigns into the accounts and campaign refs queries filter on. */
export async function resolveReportScope(tx: TenantTx, scope: ReportScope): Promise<Pick<ReportFilter, 'adAccountIds' | 'campaigns'>> {
  const { tenantId } = tx;
  let adAccountIds: string[] | null = null;
  if (scope.platforms || scope.adAccountIds) {
    const rows = await tx.db
      .select({ id: adAccounts.id })
      .from(adAccounts)
      .where(
        and(
          eq(adAccounts.tenantId, tenantId),
          scope.platforms ? inArray(adAccounts.platform, scope.platforms) : undefined,
          scope.adAccountIds ? inArray(adAccounts.id, scope.adAccountIds) : undefined,
        ),
      );
    adAccountIds = rows.map((r) => r.id);
  }
  let refs: CampaignRef[] | null = null;
  if (scope.campaignIds) {
    refs = await tx.db
      .select({ adAccountId: campaigns.adAccountId, externalId: campaigns.externalId })
      .from(campaigns)
      .where(
        and(
          eq(campaigns.tenantId, tenantId),
          inArray(campaigns.id, scope.campaignIds),
          adAccountIds ? inArray(campaigns.adAccountId, adAccountIds) : undefined,
        ),
      );
  }
  return { adAccountIds, campaigns: refs };
}

/** True when the filter names accounts or campaigns and none of them exist: every query answers nothing. */
export function selectsNothing(filter: ReportFilter): boolean {
  return filter.adAccountIds?.length === 0 || filter.campaigns?.length === 0;
}

function campaignIn(accountColumn: PgColumn, campaignColumn: PgColumn, refs: CampaignRef[]): SQL {
  const pairs = refs.map((r) => sql`(${r.adAccountId}::uuid, ${r.externalId})`);
  return sql`(${accountColumn}, ${campaignColumn}) in (${sql.join(pairs, sql`, `)})`;
}

const bigintSum = (column: PgColumn) => sql<number>`coalesce(sum(${column}), 0)::bigint`.mapWith(Number);

/**
 * Account rows per date (account_daily), or campaign rows per date (campaign_daily) when the report
 * is split by campaign or narrowed to campaigns.
 */
export async function listRollupRows(tx: TenantTx, filter: ReportFilter, grain: 'account' | 'campaign'): Promise<EntityDayRow[]> {
  if (selectsNothing(filter)) return [];
  const { tenantId } = tx;
  if (grain === 'account' && !filter.campaigns) {
    return tx.db
      .select({
        adAccountId: accountDaily.adAccountId,
        key: sql<string>`''`,
        date: accountDaily.date,
        currency: accountDaily.currency,
        spendMicros: accountDaily.spendMicros,
        impressions: accountDaily.impressions,
        clicks: accountDaily.clicks,
        conversions: accountDaily.conversions,
        conversionValueMicros: accountDaily.conversionValueMicros,
      })
      .from(accountDaily)
      .where(
        and(
          eq(accountDaily.tenantId, tenantId),
          between(accountDaily.date, filter.from, filter.to),
          filter.adAccountIds ? inArray(accountDaily.adAccountId, filter.adAccountIds) : undefined,
        ),
      )
      .orderBy(asc(accountDaily.date), asc(accountDaily.adAccountId));
  }
  return tx.db
    .select({
      adAccountId: campaignDaily.adAccountId,
      key: campaignDaily.campaignId,
      date: campaignDaily.date,
      currency: campaignDaily.currency,
      spendMicros: campaignDaily.spendMicros,
      impressions: campaignDaily.impressions,
      clicks: campaignDaily.clicks,
      conversions: campaignDaily.conversions,
      conversionValueMicros: campaignDaily.conversionValueMicros,
    })
    .from(campaignDaily)
    .where(
      and(
        eq(campaignDaily.tenantId, tenantId),
        between(campaignDaily.date, filter.from, filter.to),
        filter.adAccountIds ? inArray(campaignDaily.adAccountId, filter.adAccountIds) : undefined,
        filter.campaigns ? campaignIn(campaignDaily.adAccountId, campaignDaily.campaignId, filter.campaigns) : undefined,
      ),
    )
    .orderBy(asc(campaignDaily.date), asc(campaignDaily.adAccountId), asc(campaignDaily.campaignId));
}

/** Ad group or ad rows per date, from the fact table (with each account's currency). */
export async function listFactRows(tx: TenantTx, filter: ReportFilter, level: 'ad_group' | 'ad'): Promise<EntityDayRow[]> {
  if (selectsNothing(filter)) return [];
  const { tenantId } = tx;
  const key = level === 'ad' ? adStatsDaily.adId : adStatsDaily.adGroupId;
  return tx.db
    .select({
      adAccountId: adStatsDaily.adAccountId,
      key,
      date: adStatsDaily.date,
      currency: adAccounts.currency,
      spendMicros: bigintSum(adStatsDaily.spendMicros),
      impressions: bigintSum(adStatsDaily.impressions),
      clicks: bigintSum(adStatsDaily.clicks),
      conversions: sql<number>`coalesce(sum(${adStatsDaily.conversions}), 0)`.mapWith(Number),
      conversionValueMicros: bigintSum(adStatsDaily.conversionValueMicros),
    })
    .from(adStatsDaily)
    .innerJoin(adAccounts, and(eq(adAccounts.id, adStatsDaily.adAccountId), eq(adAccounts.tenantId, tenantId)))
    .where(
      and(
        eq(adStatsDaily.tenantId, tenantId),
        between(adStatsDaily.date, filter.from, filter.to),
        filter.adAccountIds ? inArray(adStatsDaily.adAccountId, filter.adAccountIds) : undefined,
        filter.campaigns ? campaignIn(adStatsDaily.adAccountId, adStatsDaily.campaignId, filter.campaigns) : undefined,
      ),
    )
    .groupBy(adStatsDaily.adAccountId, key, adStatsDaily.date, adAccounts.currency)
    .orderBy(asc(adStatsDaily.date), asc(adStatsDaily.adAccountId), asc(key));
}

export interface AccountLabel {
  id: string;
  platform: Platform;
  name: string;
  currency: string;
  timeZone: string;
}

/** Every ad account of the tenant, for names, platforms and the filter's choices. */
export async function listAccountLabels(tx: TenantTx): Promise<AccountLabel[]> {
  return tx.db
    .select({
      id: adAccounts.id,
      platform: adAccounts.platform,
      name: adAccounts.name,
      currency: adAccounts.currency,
      timeZone: adAccounts.timeZone,
    })
    .from(adAccounts)
    .where(eq(adAccounts.tenantId, tx.tenantId))
    .orderBy(asc(adAccounts.platform), asc(adAccounts.name));
}

export interface EntityLabel {
  /** Our id (campaigns.id, ad_groups.id, ads.id). */
  id: string;
  adAccountId: string;
  externalId: string;
  name: string;
  status: string;
  campaignExternalId: string;
  adGroupExternalId: string;
}

/** Names and statuses of the campaigns of some accounts (all when null). */
export async function listCampaignLabels(tx: TenantTx, adAccountIds: string[] | null): Promise<EntityLabel[]> {
  if (adAccountIds?.length === 0) return [];
  return tx.db
    .select({
      id: campaigns.id,
      adAccountId: campaigns.adAccountId,
      externalId: campaigns.externalId,
      name: campaigns.name,
      status: campaigns.status,
      campaignExternalId: campaigns.externalId,
      adGroupExternalId: sql<string>`''`,
    })
    .from(campaigns)
    .where(and(eq(campaigns.tenantId, tx.tenantId), adAccountIds ? inArray(campaigns.adAccountId, adAccountIds) : undefined))
    .orderBy(asc(campaigns.name));
}

/** Names and statuses of ad groups or ads inside a filter's accounts and campaigns. */
export async function listChildLabels(tx: TenantTx, filter: ReportFilter, level: 'ad_group' | 'ad'): Promise<EntityLabel[]> {
  if (selectsNothing(filter)) return [];
  const table = level === 'ad' ? ads : adGroups;
  const adGroupExternalId = level === 'ad' ? ads.adGroupExternalId : adGroups.externalId;
  return tx.db
    .select({
      id: table.id,
      adAccountId: table.adAccountId,
      externalId: table.externalId,
      name: table.name,
      status: table.status,
      campaignExternalId: table.campaignExternalId,
      adGroupExternalId,
    })
    .from(table)
    .where(
      and(
        eq(table.tenantId, tx.tenantId),
        filter.adAccountIds ? inArray(table.adAccountId, filter.adAccountIds) : undefined,
        filter.campaigns ? campaignIn(table.adAccountId, table.campaignExternalId, filter.campaigns) : undefined,
      ),
    );
}

/** One campaign of the tenant by our id, with its account's platform, name and currency; null when it is not the tenant's. */
export async function getCampaignLabel(tx: TenantTx, campaignId: string) {
  const [row] = await tx.db
    .select({
      id: campaigns.id,
      adAccountId: campaigns.adAccountId,
      externalId: campaigns.externalId,
      name: campaigns.name,
      status: campaigns.status,
      platform: adAccounts.platform,
      accountName: adAccounts.name,
      currency: adAccounts.currency,
    })
    .from(campaigns)
    .innerJoin(adAccounts, and(eq(adAccounts.id, campaigns.adAccountId), eq(adAccounts.tenantId, tx.tenantId)))
    .where(and(eq(campaigns.tenantId, tx.tenantId), eq(campaigns.id, campaignId)));
  return row ?? null;
}
