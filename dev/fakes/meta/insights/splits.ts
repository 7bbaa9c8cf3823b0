import type { Metrics } from '../../world/types';
import type { AttributionWindow, Breakdown } from './fields';

/** Integer quantities of one cell in the smallest units the platform reports (spend and value in currency units, not micros). */
export interface Cell {
  impressions: number;
  clicks: number;
  spendUnits: number;
  conversions: number;
  valueUnits: number;
}

export const PUBLISHER_PLATFORMS = ['facebook', 'instagram', 'audience_network', 'messenger'] as const;
export const DEVICE_PLATFORMS = ['mobile_app', 'mobile_web', 'desktop'] as const;
const BASE_WEIGHTS: Record<'publisher_platform' | 'device_platform', number[]> = {
  publisher_platform: [56, 34, 6, 4],
  device_platform: [71, 17, 12],
};

export function breakdownValues(breakdown: 'publisher_platform' | 'device_platform'): readonly string[] {
  return breakdown === 'publisher_platform' ? PUBLISHER_PLATFORMS : DEVICE_PLATFORMS;
}

export function hourLabel(hour: number): string {
  const hh = String(hour).padStart(2, '0');
  return `${hh}:00:00 - ${hh}:59:59`;
}

export function toCell(metrics: Metrics, unitMicros: number): Cell {
  return {
    impressions: metrics.impressions,
    clicks: metrics.clicks,
    spendUnits: Math.round(metrics.spendMicros / unitMicros),
    conversions: Math.round(metrics.conversions),
    valueUnits: Math.round(metrics.conversionValueMicros / unitMicros),
  };
}

export function hasDelivery(cell: Cell): boolean {
  return cell.impressions > 0 || cell.clicks > 0 || cell.spendUnits > 0 || cell.conversions > 0 || cell.valueUnits > 0;
}

export function addCells(a: Cell, b: Cell): Cell {
  return {
    impressions: a.impressions + b.impressions,
    clicks: a.clicks + b.clicks,
    spendUnits: a.spendUnits + b.spendUnits,
    conversions: a.conversions + b.conversions,
    valueUnits: a.valueUnits + b.valueUnits,
  };
}

export const EMPTY_CELL: Cell = { impressions: 0, clicks: 0, spendUnits: 0, conversions: 0, valueUnits: 0 };

/** Largest-remainder split of a non-negative integer by weights: the parts always sum to `total`. */
export function splitInteger(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/** Stable per-ad weights so each ad has its own platform mix, the same on every request. */
export function weightsFor(breakdown: 'publisher_platform' | 'device_platform', adId: string): number[] {
  let h = 2166136261;
  for (const ch of breakdown + adId) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return BASE_WEIGHTS[breakdown].map((w, i) => w * (0.6 + (((h >>> (i * 7)) & 0x7f) / 0x7f) * 0.8));
}

/** One cell split across a breakdown's values; every metric of the parts sums exactly to the cell's. */
export function splitCell(cell: Cell, weights: readonly number[]): Cell[] {
  const columns = (Object.keys(cell) as (keyof Cell)[]).map((key) => splitInteger(cell[key], weights));
  return weights.map((_, i) => ({
    impressions: columns[0]![i]!,
    clicks: columns[1]![i]!,
    spendUnits: columns[2]![i]!,
    conversions: columns[3]![i]!,
    valueUnits: columns[4]![i]!,
  }));
}

/** Breakdown combinations served: publisher and/or device platform, or hourly on its own. */
export function isSplitBreakdown(b: Breakdown): b is 'publisher_platform' | 'device_platform' {
  return b === 'publisher_platform' || b === 'device_platform';
}

export interface WindowCounts {
  count: number;
  valueUnits: number;
}

/**
 * Per-window conversions of one cell, computed before aggregation so they add up across rows.
 * The world's conversions are the default attribution (7-day click + 1-day view): `value` = 7d_click + 1d_view.
 */
export function attributionWindows(conversions: number, valueUnits: number): Record<AttributionWindow, WindowCounts> {
  const share = (count: number) => (conversions > 0 ? Math.floor((valueUnits * count) / conversions) : 0);
  const view1 = Math.floor((conversions * 2) / 10);
  const click7 = conversions - view1;
  const click1 = Math.floor((click7 * 7) / 10);
  const click28Extra = Math.floor(conversions / 8);
  const ev1 = Math.floor(view1 / 2);
  const view1Value = share(view1);
  const click7Value = valueUnits - view1Value;
  return {
    '1d_click': { count: click1, valueUnits: click7 > 0 ? Math.floor((click7Value * click1) / click7) : 0 },
    '7d_click': { count: click7, valueUnits: click7Value },
    '28d_click': { count: click7 + click28Extra, valueUnits: click7Value + share(click28Extra) },
    '1d_view': { count: view1, valueUnits: view1Value },
    '7d_view': { count: 0, valueUnits: 0 },
    '28d_view': { count: 0, valueUnits: 0 },
    '1d_ev': { count: ev1, valueUnits: share(ev1) },
  };
}
