/**
 * Pure metric maths. Every quantity is an integer count of its smallest unit (impressions, clicks,
 * minor currency units, whole or hundredth conversions) so that splitting a day into hours and
 * adding the hours back up is exact.
 */
import { MINOR_DIGITS, PRICE_LEVEL } from './accounts';
import { dayOfWeek } from './dates';
import { between, stream, unit } from './hash';
import type { Currency, Metrics, Platform } from './types';

export interface AdProfile {
  baseImpressions: number;
  ctr: number;
  /** Cost per click in minor units of the account currency. */
  cpcUnits: number;
  conversionRate: number;
  /** Value per conversion in minor units. */
  valuePerConversionUnits: number;
}

/** Integer totals of one ad-day in smallest units. */
export interface UnitTotals {
  impressions: number;
  clicks: number;
  spendUnits: number;
  conversionUnits: number;
  valueUnits: number;
}

const RANGES: Record<
  Platform,
  { impressions: [number, number]; ctr: [number, number]; cpcUsd: [number, number]; cvr: [number, number]; valueUsd: [number, number] }
> = {
  meta: { impressions: [800, 12000], ctr: [0.008, 0.02], cpcUsd: [0.4, 1.6], cvr: [0.02, 0.06], valueUsd: [40, 160] },
  google_ads: { impressions: [300, 6000], ctr: [0.012, 0.025], cpcUsd: [0.8, 3], cvr: [0.03, 0.08], valueUsd: [40, 160] },
  linkedin: { impressions: [200, 2500], ctr: [0.006, 0.01], cpcUsd: [4, 9], cvr: [0.01, 0.03], valueUsd: [80, 300] },
};

/** Conversions in hundredths on Google (fractional attribution), whole elsewhere. */
export const conversionScale = (platform: Platform) => (platform === 'google_ads' ? 100 : 1);
/** Micros per minor unit: 10^4 for cents, 10^6 for whole yen. */
export const microsPerUnit = (currency: Currency) => 10 ** (6 - MINOR_DIGITS[currency]);

export function adProfile(seed: number, platform: Platform, adId: string, currency: Currency): AdProfile {
  const r = RANGES[platform];
  const minorPerUsd = PRICE_LEVEL[currency] * 10 ** MINOR_DIGITS[currency];
  return {
    baseImpressions: between(seed, ...r.impressions, adId, 'impressions'),
    ctr: between(seed, ...r.ctr, adId, 'ctr'),
    cpcUnits: between(seed, ...r.cpcUsd, adId, 'cpc') * minorPerUsd,
    conversionRate: between(seed, ...r.cvr, adId, 'cvr'),
    valuePerConversionUnits: between(seed, ...r.valueUsd, adId, 'value') * minorPerUsd,
  };
}

/** Weekends are quieter for B2B (LinkedIn) and slightly busier for retail; late November peaks. */
function demandFactor(platform: Platform, date: string): number {
  const weekend = dayOfWeek(date) === 0 || dayOfWeek(date) === 6;
  const weekly = weekend ? (platform === 'linkedin' ? 0.35 : 1.15) : 1;
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const seasonal = month === 11 && day >= 20 ? 1.4 : month === 12 && day <= 24 ? 1.25 : month === 1 ? 0.85 : 1;
  return weekly * seasonal;
}

/** What the day finally amounts to once all conversions are attributed. */
export function finalTotals(seed: number, platform: Platform, adId: string, date: string, profile: AdProfile): UnitTotals {
  const next = stream(seed, adId, date, 'day');
  const noise = (spread: number) => 1 + spread * (2 * next() - 1);
  const impressions = Math.round(profile.baseImpressions * demandFactor(platform, date) * noise(0.25));
  const clicks = Math.min(impressions, Math.round(impressions * profile.ctr * noise(0.15)));
  const spendUnits = Math.round(clicks * profile.cpcUnits * noise(0.15));
  const conversions = clicks * profile.conversionRate * noise(0.4);
  const conversionUnits = Math.round(conversions * conversionScale(platform));
  const valueUnits = Math.round((conversionUnits / conversionScale(platform)) * profile.valuePerConversionUnits * noise(0.3));
  return { impressions, clicks, spendUnits, conversionUnits, valueUnits };
}

/**
 * Share of the final conversions visible `daysAfter` days after the end of the date: starts at
 * 55-85 %, rises monotonically and is exactly 1 from the end of the restatement window.
 */
export function restatementFactor(seed: number, adId: string, date: string, daysAfter: number, windowDays: number): number {
  if (daysAfter >= windowDays) return 1;
  const missingAtEndOfDay = 0.15 + 0.3 * unit(seed, adId, date, 'restate');
  const remaining = 1 - Math.max(0, daysAfter) / windowDays;
  return 1 - missingAtEndOfDay * remaining * remaining;
}

/** Conversion value moves with the conversions it belongs to: no value without a conversion. */
export function restate(totals: UnitTotals, factor: number): UnitTotals {
  if (factor >= 1) return totals;
  const conversionUnits = Math.floor(totals.conversionUnits * factor);
  return { ...totals, conversionUnits, valueUnits: follow(totals.valueUnits, totals.conversionUnits, conversionUnits) };
}

/** The part of `total` that goes with `leaderPart` of `leaderTotal` (0 when the leader has nothing). */
function follow(total: number, leaderTotal: number, leaderPart: number): number {
  if (leaderPart >= leaderTotal) return total;
  return leaderTotal === 0 ? 0 : Math.floor((total * leaderPart) / leaderTotal);
}

/** Relative traffic by local clock hour: quiet at night, peaking in the evening. */
const DIURNAL = [30, 20, 14, 10, 10, 14, 25, 45, 65, 75, 80, 85, 90, 88, 85, 85, 88, 95, 105, 115, 120, 110, 85, 55];

/** Integer weight of each real hour of the day (labels from realHourLabels; a repeated label weighs twice). */
export function hourWeights(seed: number, adId: string, date: string, labels: number[]): number[] {
  const next = stream(seed, adId, date, 'hours');
  return labels.map((label) => Math.round(DIURNAL[label]! * (0.7 + 0.6 * next())) + 1);
}

/** The part of `total` delivered in the first `hours` real hours; monotone in `hours` and exactly `total` at the end. */
export function cumulativeShare(total: number, weights: number[], hours: number): number {
  if (hours >= weights.length) return total;
  if (hours <= 0) return 0;
  let before = 0;
  let all = 0;
  for (let i = 0; i < weights.length; i++) {
    all += weights[i]!;
    if (i < hours) before += weights[i]!;
  }
  return Math.floor((total * before) / all);
}

/**
 * What was delivered in the first `hours` real hours. Impressions follow the hour weights; clicks follow
 * impressions, spend and conversions follow clicks, value follows conversions, so no hour has clicks
 * without impressions or value without conversions.
 */
export function deliveredBy(totals: UnitTotals, weights: number[], hours: number): UnitTotals {
  const impressions = cumulativeShare(totals.impressions, weights, hours);
  const clicks = follow(totals.clicks, totals.impressions, impressions);
  const conversionUnits = follow(totals.conversionUnits, totals.clicks, clicks);
  return {
    impressions,
    clicks,
    spendUnits: follow(totals.spendUnits, totals.clicks, clicks),
    conversionUnits,
    valueUnits: follow(totals.valueUnits, totals.conversionUnits, conversionUnits),
  };
}

export function partOfDay(totals: UnitTotals, weights: number[], fromHour: number, toHour: number): UnitTotals {
  const from = deliveredBy(totals, weights, fromHour);
  const to = deliveredBy(totals, weights, toHour);
  return {
    impressions: to.impressions - from.impressions,
    clicks: to.clicks - from.clicks,
    spendUnits: to.spendUnits - from.spendUnits,
    conversionUnits: to.conversionUnits - from.conversionUnits,
    valueUnits: to.valueUnits - from.valueUnits,
  };
}

export function toMetrics(totals: UnitTotals, platform: Platform, currency: Currency): Metrics {
  const micros = microsPerUnit(currency);
  const scale = conversionScale(platform);
  return {
    impressions: totals.impressions,
    clicks: totals.clicks,
    spendMicros: totals.spendUnits * micros,
    conversions: scale === 1 ? totals.conversionUnits : Math.round(totals.conversionUnits) / scale,
    conversionValueMicros: totals.valueUnits * micros,
  };
}
