/** Pure transforms: Google Ads rows → normalized rows and entities (names come from the same rows). */
import { numberToMicros, roundToSixDecimals } from '../../lib/money';
import type { EntityStatus, NormalizedDailyRow, NormalizedEntities, NormalizedHourlyRow, NormalizedMetrics } from '../types';
import type { GoogleAdsRow } from './api-types';

export class GoogleAdsMappingError extends Error {}

function int64(value: string | undefined, field: string): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new GoogleAdsMappingError(`${field} is not a safe integer: ${value}`);
  return n;
}

/** cost_micros is already integer micros; conversions_value is a double in major units. */
export function mapGoogleAdsMetrics(row: GoogleAdsRow): NormalizedMetrics {
  const m = row.metrics ?? {};
  return {
    impressions: int64(m.impressions, 'impressions'),
    clicks: int64(m.clicks, 'clicks'),
    spendMicros: int64(m.costMicros, 'costMicros'),
    conversions: m.conversions === undefined ? 0 : roundToSixDecimals(m.conversions),
    conversionValueMicros: m.conversionsValue === undefined ? 0 : numberToMicros(m.conversionsValue),
  };
}

/** An ad_group_ad row segmented by date → one normalized daily row. */
export function mapGoogleAdsDailyRow(row: GoogleAdsRow): NormalizedDailyRow {
  const adId = row.adGroupAd?.ad?.id;
  const adGroupId = row.adGroup?.id;
  const campaignId = row.campaign?.id;
  const date = row.segments?.date;
  if (!adId || !adGroupId || !campaignId || !date) {
    throw new GoogleAdsMappingError('row without ad_group_ad.ad.id, ad_group.id, campaign.id or segments.date');
  }
  return { date, adId, adGroupId, campaignId, ...mapGoogleAdsMetrics(row), extras: {} };
}

/** An ad_group_ad row segmented by date and hour → one normalized hourly row. */
export function mapGoogleAdsHourlyRow(row: GoogleAdsRow): NormalizedHourlyRow {
  const hour = row.segments?.hour;
  if (hour === undefined || hour < 0 || hour > 23) throw new GoogleAdsMappingError(`row without a valid segments.hour: ${hour}`);
  return { ...mapGoogleAdsDailyRow(row), hour };
}

const STATUS_BY_GOOGLE: Record<string, EntityStatus> = { ENABLED: 'active', PAUSED: 'paused', REMOVED: 'deleted' };

/** ENABLED/PAUSED/REMOVED → active/paused/deleted. */
export function mapGoogleAdsStatus(raw: string | undefined): { status: EntityStatus; rawStatus: string } {
  const rawStatus = raw ?? 'UNSPECIFIED';
  return { status: STATUS_BY_GOOGLE[rawStatus] ?? 'paused', rawStatus };
}

/** Campaigns, ad groups and ads seen in the rows, once each (the last row wins). */
export function mapGoogleAdsEntities(rows: GoogleAdsRow[]): NormalizedEntities {
  const campaigns = new Map<string, NormalizedEntities['campaigns'][number]>();
  const adGroups = new Map<string, NormalizedEntities['adGroups'][number]>();
  const ads = new Map<string, NormalizedEntities['ads'][number]>();
  for (const row of rows) {
    const campaignId = row.campaign?.id;
    const adGroupId = row.adGroup?.id;
    const adId = row.adGroupAd?.ad?.id;
    if (campaignId) {
      campaigns.set(campaignId, { externalId: campaignId, name: row.campaign?.name ?? '', ...mapGoogleAdsStatus(row.campaign?.status) });
    }
    if (campaignId && adGroupId) {
      adGroups.set(adGroupId, {
        externalId: adGroupId,
        campaignId,
        name: row.adGroup?.name ?? '',
        ...mapGoogleAdsStatus(row.adGroup?.status),
      });
    }
    if (campaignId && adGroupId && adId) {
      ads.set(adId, {
        externalId: adId,
        adGroupId,
        campaignId,
        name: row.adGroupAd?.ad?.name ?? '',
        ...mapGoogleAdsStatus(row.adGroupAd?.status),
      });
    }
  }
  return { campaigns: [...campaigns.values()], adGroups: [...adGroups.values()], ads: [...ads.values()] };
}

/** "40591s" / "1.5s" (proto Duration JSON) → milliseconds. */
export function parseDurationMs(duration: string | undefined): number | null {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(duration ?? '');
  return match ? Math.round(Number(match[1]) * 1000) : null;
}
