import type { AccountCatalog } from '../catalog';
import type { InsightsGroup } from './compute';
import { type AttributionWindow, type InsightsField, PURCHASE_ACTION_TYPES } from './fields';
import type { InsightsQuery } from './params';

export type InsightsRow = Record<string, unknown>;

const OPTIMIZATION_GOALS: Record<string, string> = {
  OUTCOME_SALES: 'OFFSITE_CONVERSIONS',
  OUTCOME_TRAFFIC: 'LINK_CLICKS',
  OUTCOME_LEADS: 'LEAD_GENERATION',
  OUTCOME_AWARENESS: 'REACH',
};

/** Money in account-currency major units as Meta prints it: "14.35", "5339.5", "1200" (no trailing zeros; JPY has no decimals). */
export function formatMoney(units: number, minorDigits: number): string {
  return trimNumber((units / 10 ** minorDigits).toFixed(minorDigits));
}

/** Ratios carry at most six decimals: "4.864865", "1.435". */
export function formatRatio(value: number): string {
  return trimNumber(value.toFixed(6));
}

function trimNumber(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** Reach is de-duplicated, so it is not additive: people seen on several days or ads count once. */
export function estimateReach(impressions: number, daysWithDelivery: number): number {
  if (impressions === 0) return 0;
  const frequency = 1.08 + 0.11 * Math.log2(1 + daysWithDelivery);
  return Math.max(1, Math.round(impressions / frequency));
}

/**
 * Renders one group as a Meta insights row: metrics as strings, ids as strings, absent keys instead of zeros
 * for arrays and undefined ratios (no conversions → no `actions` key; no clicks → no `cpc`).
 */
export function formatInsightsRow(group: InsightsGroup, query: InsightsQuery, catalog: AccountCatalog): InsightsRow {
  const minor = catalog.account.currency === 'JPY' ? 0 : 2;
  const money = (units: number) => formatMoney(units, minor);
  const { cell } = group;
  const spend = cell.spendUnits / 10 ** minor;
  const hourly = query.breakdowns.includes('hourly_stats_aggregated_by_advertiser_time_zone');
  const reach = hourly ? undefined : estimateReach(cell.impressions, group.daysWithDelivery);
  const campaign = group.campaignId ? catalog.campaign(group.campaignId) : undefined;
  const adset = group.adsetId ? catalog.adset(group.adsetId) : undefined;
  const ad = group.adId ? catalog.ad(group.adId) : undefined;
  const levelObject = ad ?? campaign;

  const actionItems = (value: (w: { count: number; valueUnits: number }) => string | undefined) => {
    if (cell.conversions === 0) return undefined;
    return PURCHASE_ACTION_TYPES.map((action_type) => {
      const item: Record<string, string> = { action_type, value: value({ count: cell.conversions, valueUnits: cell.valueUnits })! };
      for (const w of query.windows) {
        const windowValue = value(group.windows[w as AttributionWindow]);
        if (windowValue !== undefined && group.windows[w as AttributionWindow].count > 0) item[w] = windowValue;
      }
      return item;
    });
  };

  const ctr = cell.impressions > 0 ? formatRatio((cell.clicks / cell.impressions) * 100) : undefined;
  const cpc = cell.clicks > 0 ? formatRatio(spend / cell.clicks) : undefined;
  const values: Record<InsightsField, unknown> = {
    account_id: catalog.account.id,
    account_name: catalog.account.name,
    account_currency: catalog.account.currency,
    campaign_id: campaign?.id,
    campaign_name: campaign?.name,
    adset_id: adset?.id,
    adset_name: adset?.name,
    ad_id: ad?.id,
    ad_name: ad?.name,
    objective: campaign?.objective,
    optimization_goal: campaign ? (OPTIMIZATION_GOALS[campaign.objective] ?? 'IMPRESSIONS') : undefined,
    buying_type: campaign ? 'AUCTION' : undefined,
    created_time: levelObject?.startDate,
    updated_time: ad ? (ad.statusChangedDate ?? ad.startDate) : levelObject?.startDate,
    impressions: String(cell.impressions),
    clicks: String(cell.clicks),
    spend: money(cell.spendUnits),
    reach: reach === undefined ? undefined : String(reach),
    frequency: reach ? formatRatio(cell.impressions / reach) : undefined,
    ctr,
    cpc,
    cpm: cell.impressions > 0 ? formatRatio((spend / cell.impressions) * 1000) : undefined,
    cpp: reach ? formatRatio((spend / reach) * 1000) : undefined,
    actions: actionItems((w) => String(w.count)),
    action_values: actionItems((w) => money(w.valueUnits)),
    cost_per_action_type: actionItems((w) => (w.count > 0 ? formatRatio(spend / w.count) : undefined)),
    purchase_roas:
      cell.spendUnits > 0 && cell.valueUnits > 0
        ? [{ action_type: 'omni_purchase', value: formatRatio(cell.valueUnits / cell.spendUnits) }]
        : undefined,
    // The world's clicks are link clicks that leave Meta, so the link/outbound/post-engagement counts all equal them.
    inline_link_clicks: String(cell.clicks),
    inline_link_click_ctr: ctr,
    cost_per_inline_link_click: cpc,
    inline_post_engagement: String(cell.clicks),
    cost_per_inline_post_engagement: cpc,
    outbound_clicks: cell.clicks > 0 ? [{ action_type: 'outbound_click', value: String(cell.clicks) }] : undefined,
    outbound_clicks_ctr: cell.clicks > 0 && ctr ? [{ action_type: 'outbound_click', value: ctr }] : undefined,
    cost_per_outbound_click: cpc ? [{ action_type: 'outbound_click', value: cpc }] : undefined,
    website_ctr: cell.clicks > 0 && ctr ? [{ action_type: 'link_click', value: ctr }] : undefined,
    date_start: group.dateStart,
    date_stop: group.dateStop,
  };

  const row: InsightsRow = {};
  for (const field of query.fields)
    if (values[field] !== undefined && field !== 'date_start' && field !== 'date_stop') row[field] = values[field];
  row.date_start = group.dateStart;
  row.date_stop = group.dateStop;
  for (const [breakdown, value] of Object.entries(group.breakdowns)) row[breakdown] = value;
  return row;
}
