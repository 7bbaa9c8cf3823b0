import type { CampaignDay, CampaignPerformance, CurrencyKpis, DaySpend, MetricTotals } from '../../db/queries/dashboard';
import { roundToSixDecimals } from '../lib/money';

/*
 * Sums of rows already converted to one currency (worker/fx/convert.ts): money is summed as integer
 * micros after conversion, counts as they are. Ratios (CPC, ROAS...) are computed by the caller from
 * these sums, never averaged.
 */

const ZERO: MetricTotals = { spendMicros: 0, impressions: 0, clicks: 0, conversions: 0, conversionValueMicros: 0 };

function add(a: MetricTotals, b: MetricTotals): MetricTotals {
  return {
    spendMicros: a.spendMicros + b.spendMicros,
    impressions: a.impressions + b.impressions,
    clicks: a.clicks + b.clicks,
    // Conversions may be fractional (Google): keep the sum free of float noise.
    conversions: roundToSixDecimals(a.conversions + b.conversions),
    conversionValueMicros: a.conversionValueMicros + b.conversionValueMicros,
  };
}

const metrics = (row: MetricTotals): MetricTotals => ({
  spendMicros: row.spendMicros,
  impressions: row.impressions,
  clicks: row.clicks,
  conversions: row.conversions,
  conversionValueMicros: row.conversionValueMicros,
});

/** One KPI row in `currency` (none when there are no rows). */
export function sumKpis(rows: readonly MetricTotals[], currency: string): CurrencyKpis[] {
  if (rows.length === 0) return [];
  return [{ currency, ...rows.reduce<MetricTotals>((sum, row) => add(sum, metrics(row)), ZERO) }];
}

/** One row per date, in date order. */
export function sumByDay(rows: ReadonlyArray<MetricTotals & { date: string }>, currency: string): DaySpend[] {
  const byDate = new Map<string, MetricTotals>();
  for (const row of rows) byDate.set(row.date, add(byDate.get(row.date) ?? ZERO, metrics(row)));
  return [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, sums]) => ({ date, currency, ...sums }));
}

/** One row per campaign, biggest spend first (then by campaign id, as the per-currency list). */
export function sumByCampaign(rows: readonly CampaignDay[], currency: string): CampaignPerformance[] {
  const byCampaign = new Map<string, CampaignPerformance>();
  for (const row of rows) {
    const key = `${row.adAccountId}|${row.campaignId}`;
    const current = byCampaign.get(key);
    const { adAccountId, platform, campaignId, campaignName } = row;
    byCampaign.set(key, { adAccountId, platform, campaignId, campaignName, currency, ...add(current ?? ZERO, metrics(row)) });
  }
  return [...byCampaign.values()].sort(
    (a, b) => b.spendMicros - a.spendMicros || (a.campaignId < b.campaignId ? -1 : a.campaignId > b.campaignId ? 1 : 0),
  );
}
