import { formatCount, formatDecimalCount, formatMoney, formatPercent } from './format';
import { ratio } from './kpis';

export interface CampaignTotals {
  adAccountId: string;
  platform: string;
  campaignId: string;
  campaignName: string;
  currency: string;
  spendMicros: number;
  impressions: number;
  clicks: number;
  conversions: number;
}

export interface CampaignRow {
  key: string;
  name: string;
  platform: string;
  spend: string;
  impressions: string;
  clicks: string;
  ctr: string;
  cpc: string;
  conversions: string;
  cpa: string;
}

const PLATFORM_LABELS: Record<string, string> = { meta: 'Meta', google_ads: 'Google Ads', linkedin: 'LinkedIn' };

export function platformLabel(platform: string): string {
  return PLATFORM_LABELS[platform] ?? platform;
}

/** Display rows for the campaign table: every ratio from the campaign's own sums, money in its account's currency. */
export function mapCampaignRows(campaigns: CampaignTotals[]): CampaignRow[] {
  return campaigns.map((c) => ({
    key: `${c.adAccountId}:${c.campaignId}`,
    name: c.campaignName,
    platform: platformLabel(c.platform),
    spend: formatMoney(c.spendMicros, c.currency),
    impressions: formatCount(c.impressions),
    clicks: formatCount(c.clicks),
    ctr: formatPercent(ratio(c.clicks, c.impressions)),
    cpc: formatMoney(ratio(c.spendMicros, c.clicks), c.currency),
    conversions: formatDecimalCount(c.conversions),
    cpa: formatMoney(ratio(c.spendMicros, c.conversions), c.currency),
  }));
}
