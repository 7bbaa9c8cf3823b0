/** Pure transforms: Meta insights rows and entity objects → normalized rows and entities. */
import { decimalToMicros, roundToSixDecimals } from '../../lib/money';
import type { EntityStatus, NormalizedDailyRow, NormalizedEntities, NormalizedHourlyRow, NormalizedMetrics } from '../types';
import type { MetaAction, MetaAd, MetaAdSet, MetaCampaign, MetaInsightsRow } from './api-types';

/**
 * Which `actions` / `action_values` entries count as our conversions and conversion value,
 * in priority order: the first type present on a row is used, never a sum, because
 * omni_purchase already includes the pixel purchases (summing would double count).
 * The local Meta fake reports the same numbers under both types (dev/fakes/meta/README.md).
 */
export const META_CONVERSION_ACTION_TYPES = ['omni_purchase', 'offsite_conversion.fb_pixel_purchase'] as const;

/**
 * Attribution windows requested explicitly so numbers don't drift with account defaults;
 * an entry's `value` is the total over these windows (7d_view/28d_view are gone since 2026-01-12).
 */
export const META_ATTRIBUTION_WINDOWS = ['7d_click', '1d_view'] as const;

export class MetaMappingError extends Error {}

function pickAction(actions: MetaAction[] | undefined): MetaAction | undefined {
  for (const type of META_CONVERSION_ACTION_TYPES) {
    const found = actions?.find((a) => a.action_type === type);
    if (found) return found;
  }
  return undefined;
}

// Meta leaves a metric out instead of sending "0".
const count = (value: string | undefined) => (value === undefined ? 0 : Number(value));

/** Metrics of any insights row, whatever its level. Spend is in account currency major units. */
export function mapMetaMetrics(row: MetaInsightsRow): NormalizedMetrics {
  const conversions = pickAction(row.actions);
  const conversionValue = pickAction(row.action_values);
  return {
    impressions: count(row.impressions),
    clicks: count(row.clicks),
    spendMicros: row.spend === undefined ? 0 : decimalToMicros(row.spend),
    conversions: conversions ? roundToSixDecimals(conversions.value) : 0,
    conversionValueMicros: conversionValue ? decimalToMicros(conversionValue.value) : 0,
  };
}

/** An ad-level, time_increment=1 row → one normalized daily row. */
export function mapMetaDailyRow(row: MetaInsightsRow): NormalizedDailyRow {
  const { ad_id: adId, adset_id: adGroupId, campaign_id: campaignId } = row;
  if (!adId || !adGroupId || !campaignId) {
    throw new MetaMappingError(`insights row without ad/adset/campaign id (${row.date_start})`);
  }
  if (row.date_start !== row.date_stop) {
    throw new MetaMappingError(`insights row spans ${row.date_start}..${row.date_stop}, expected one day`);
  }
  return { date: row.date_start, adId, adGroupId, campaignId, ...mapMetaMetrics(row), extras: {} };
}

const HOURLY_BUCKET = /^(\d{2}):00:00 - \d{2}:59:59$/;

/** A row broken down by hourly_stats_aggregated_by_advertiser_time_zone → one normalized hourly row. */
export function mapMetaHourlyRow(row: MetaInsightsRow): NormalizedHourlyRow {
  const bucket = row.hourly_stats_aggregated_by_advertiser_time_zone ?? '';
  const match = HOURLY_BUCKET.exec(bucket);
  if (!match) throw new MetaMappingError(`hourly row without a valid hour bucket: ${JSON.stringify(bucket)}`);
  return { ...mapMetaDailyRow(row), hour: Number(match[1]) };
}

const STATUS_BY_META: Record<string, EntityStatus> = {
  ACTIVE: 'active',
  IN_PROCESS: 'active',
  PENDING_REVIEW: 'active',
  PREAPPROVED: 'active',
  PAUSED: 'paused',
  CAMPAIGN_PAUSED: 'paused',
  ADSET_PAUSED: 'paused',
  DISAPPROVED: 'paused',
  WITH_ISSUES: 'paused',
  PENDING_BILLING_INFO: 'paused',
  ARCHIVED: 'archived',
  DELETED: 'deleted',
};

/** The object's own `status` decides (effective_status also reflects its parents); raw keeps effective_status. */
export function mapMetaStatus(entity: { status?: string; effective_status?: string }): { status: EntityStatus; rawStatus: string } {
  const own = entity.status ?? entity.effective_status ?? 'UNKNOWN';
  return { status: STATUS_BY_META[own] ?? 'paused', rawStatus: entity.effective_status ?? own };
}

/** Campaigns, ad sets and ads → normalized entities (ad set = our ad group). */
export function mapMetaEntities(input: { campaigns: MetaCampaign[]; adSets: MetaAdSet[]; ads: MetaAd[] }): NormalizedEntities {
  return {
    campaigns: input.campaigns.map((c) => ({ externalId: c.id, name: c.name ?? '', ...mapMetaStatus(c) })),
    adGroups: input.adSets.map((s) => ({ externalId: s.id, campaignId: s.campaign_id, name: s.name ?? '', ...mapMetaStatus(s) })),
    ads: input.ads.map((a) => ({
      externalId: a.id,
      adGroupId: a.adset_id,
      campaignId: a.campaign_id,
      name: a.name ?? '',
      ...mapMetaStatus(a),
    })),
  };
}
