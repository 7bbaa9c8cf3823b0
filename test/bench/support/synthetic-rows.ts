/**
 * Deterministic, realistic normalized daily rows (what a connector hands the sync consumer):
 * every ad delivers every day, with per-ad CTR/CPC/conversion rates, a weekly rhythm and daily noise.
 * Same inputs, same rows: a replay sends byte-identical data.
 */
import type { DailyStatRow } from '../../../db/queries/ingest';
import { addDays, type DateWindow, eachDate } from '../../../worker/lib/dates';

export type SyntheticAccountShape = { accountIndex: number; adsPerAccount: number; campaignsPerAccount: number };

/** Uniform [0, 1) from integer coordinates (a 32-bit avalanche hash; stable across runs). */
export function unitHash(...keys: number[]): number {
  let h = 0x9e3779b9;
  for (const key of keys) {
    h = Math.imul(h ^ (key | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return (h >>> 0) / 4_294_967_296;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Platform-looking numeric ids, unique per account. */
export function syntheticIds(accountIndex: number, adIndex: number, campaigns: number) {
  const campaign = adIndex % campaigns;
  const adGroup = campaign * 3 + (Math.floor(adIndex / campaigns) % 3);
  const account = pad(accountIndex, 4);
  return {
    campaignId: `2385${account}${pad(campaign, 5)}`,
    adGroupId: `2386${account}${pad(adGroup, 6)}`,
    adId: `2387${account}${pad(adIndex, 6)}`,
  };
}

/** Days since 1970-01-01 of an ISO date: a stable integer key for the hash. */
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/** The account's campaigns with names, so dashboards join names as they would in production. */
export function syntheticCampaigns(shape: SyntheticAccountShape): Array<{ externalId: string; name: string; status: 'active' }> {
  return Array.from({ length: shape.campaignsPerAccount }, (_, campaign) => ({
    externalId: syntheticIds(shape.accountIndex, campaign, shape.campaignsPerAccount).campaignId,
    name: `Campaign ${campaign + 1} of account ${shape.accountIndex}`,
    status: 'active' as const,
  }));
}

function adProfile(accountIndex: number, adIndex: number) {
  const u = (salt: number) => unitHash(accountIndex, adIndex, salt);
  return {
    baseImpressions: 300 * Math.exp(2 * u(1)),
    ctr: 0.006 + 0.024 * u(2),
    cpcMicros: 300_000 + Math.floor(2_200_000 * u(3)),
    conversionRate: 0.02 + 0.08 * u(4),
    orderValueMicros: 20_000_000 + Math.floor(100_000_000 * u(5)),
  };
}

/** One row per ad and date of the window for one account. */
export function syntheticRows(shape: SyntheticAccountShape, window: DateWindow): DailyStatRow[] {
  const { accountIndex, adsPerAccount, campaignsPerAccount } = shape;
  const profiles = Array.from({ length: adsPerAccount }, (_, ad) => adProfile(accountIndex, ad));
  const rows: DailyStatRow[] = [];
  for (const date of eachDate(window)) {
    const day = dayNumber(date);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const rhythm = weekday === 0 || weekday === 6 ? 0.8 : 1.05;
    for (let ad = 0; ad < adsPerAccount; ad++) {
      const p = profiles[ad]!;
      const noise = 0.7 + 0.6 * unitHash(accountIndex, ad, day);
      const impressions = Math.max(1, Math.round(p.baseImpressions * rhythm * noise));
      const clicks = Math.floor(impressions * p.ctr);
      // Spend in whole cents, as the platforms bill.
      const spendMicros = Math.round((clicks * p.cpcMicros) / 10_000) * 10_000;
      const conversions = Math.round(clicks * p.conversionRate * (0.5 + unitHash(accountIndex, ad, day, 7)) * 100) / 100;
      rows.push({
        ...syntheticIds(accountIndex, ad, campaignsPerAccount),
        date,
        impressions,
        clicks,
        spendMicros,
        conversions,
        conversionValueMicros: Math.round(conversions * p.orderValueMicros),
      });
    }
  }
  return rows;
}

/** Late-attributed conversions arrive for every row (the worst case for a restatement pass). */
export function restateConversions(rows: readonly DailyStatRow[]): DailyStatRow[] {
  return rows.map((row) => ({ ...row, conversions: row.conversions + 1, conversionValueMicros: row.conversionValueMicros + 25_000_000 }));
}

/** The trailing `days` dates of a window. */
export function trailingDays(window: DateWindow, days: number): DateWindow {
  const from = addDays(window.to, -(days - 1));
  return { from: from < window.from ? window.from : from, to: window.to };
}
