import type { FakeAd, World } from '../../world/types';
import { type AccountCatalog, deliveryWindow } from '../catalog';
import { addDays, daysBetween, endOfMonth } from '../dates';
import { ATTRIBUTION_WINDOWS, type AttributionWindow, type Breakdown } from './fields';
import type { InsightsFilter, InsightsQuery, Level, TimeIncrement } from './params';
import {
  addCells,
  attributionWindows,
  breakdownValues,
  type Cell,
  EMPTY_CELL,
  hasDelivery,
  hourLabel,
  isSplitBreakdown,
  splitCell,
  toCell,
  type WindowCounts,
  weightsFor,
} from './splits';

/** One output row before formatting: integer totals of every ad-day(-hour) cell that falls into it. */
export interface InsightsGroup {
  level: Level;
  campaignId?: string;
  adsetId?: string;
  adId?: string;
  dateStart: string;
  dateStop: string;
  breakdowns: Partial<Record<Breakdown, string>>;
  cell: Cell;
  windows: Record<AttributionWindow, WindowCounts>;
  daysWithDelivery: number;
}

export interface TimeBucket {
  start: string;
  stop: string;
}

export function timeBuckets(since: string, until: string, increment: TimeIncrement): TimeBucket[] {
  const buckets: TimeBucket[] = [];
  if (increment.kind === 'all_days') return [{ start: since, stop: until }];
  for (let start = since; start <= until; ) {
    const end = increment.kind === 'monthly' ? endOfMonth(start) : addDays(start, increment.days - 1);
    const stop = end < until ? end : until;
    buckets.push({ start, stop });
    start = addDays(stop, 1);
  }
  return buckets;
}

function bucketIndex(date: string, since: string, increment: TimeIncrement): number {
  if (increment.kind === 'all_days') return 0;
  if (increment.kind === 'days') return Math.floor(daysBetween(since, date) / increment.days);
  const monthsApart = (Number(date.slice(0, 4)) - Number(since.slice(0, 4))) * 12 + Number(date.slice(5, 7)) - Number(since.slice(5, 7));
  return monthsApart;
}

/** Ads the query covers: the node's ads, its filters, and Meta's rule that edges at level=ad skip DELETED ads unless filtered in. */
export function adsInScope(catalog: AccountCatalog, nodeAds: FakeAd[], query: InsightsQuery, nodeLevel: Level): FakeAd[] {
  const filtersAdStatus = query.filters.some((f) => f.field === 'ad.effective_status');
  const hideDeleted = query.level === 'ad' && nodeLevel !== 'ad' && !filtersAdStatus;
  return nodeAds.filter((ad) => {
    if (hideDeleted && catalog.effectiveStatus('ad', ad.id) === 'DELETED') return false;
    return query.filters.every((filter) => matches(filter, filterValueOf(catalog, ad, filter)));
  });
}

function filterValueOf(catalog: AccountCatalog, ad: FakeAd, filter: InsightsFilter): string {
  switch (filter.field) {
    case 'ad.effective_status':
      return catalog.effectiveStatus('ad', ad.id);
    case 'adset.effective_status':
      return catalog.effectiveStatus('adset', ad.adGroupId);
    case 'campaign.effective_status':
      return catalog.effectiveStatus('campaign', ad.campaignId);
    case 'ad.id':
      return ad.id;
    case 'adset.id':
      return ad.adGroupId;
    case 'campaign.id':
      return ad.campaignId;
  }
}

function matches(filter: InsightsFilter, value: string): boolean {
  const included = filter.values.includes(value);
  return filter.operator === 'IN' || filter.operator === 'EQUAL' ? included : !included;
}

/** Breakdown cells an ad-day contributes: hours for the hourly breakdown, platform shares otherwise. */
function breakdownFactor(breakdowns: Breakdown[]): number {
  let factor = 1;
  for (const b of breakdowns) factor *= isSplitBreakdown(b) ? breakdownValues(b).length : 24;
  return factor;
}

/** How much data a request asks Meta to scan: ad-days in range within each ad's delivery window, times breakdown cells. */
export function scannedCells(catalog: AccountCatalog, ads: FakeAd[], query: InsightsQuery): number {
  let adDays = 0;
  for (const ad of ads) {
    const window = deliveryWindow(catalog, ad);
    const from = window.first > query.since ? window.first : query.since;
    const to = window.last && window.last < query.until ? window.last : query.until;
    if (from <= to) adDays += daysBetween(from, to) + 1;
  }
  return adDays * breakdownFactor(query.breakdowns);
}

/** Aggregates the world's ad-level numbers into Meta rows; every total is a sum of per-ad cells, so levels agree exactly. */
export function computeInsights(world: World, catalog: AccountCatalog, ads: FakeAd[], query: InsightsQuery, asOf: Date): InsightsGroup[] {
  const unitMicros = 10 ** (6 - (catalog.account.currency === 'JPY' ? 0 : 2));
  const buckets = timeBuckets(query.since, query.until, query.timeIncrement);
  const hourly = query.breakdowns.includes('hourly_stats_aggregated_by_advertiser_time_zone');
  const splits = query.breakdowns.filter(isSplitBreakdown);
  const groups = new Map<string, InsightsGroup & { days: Set<string> }>();

  const add = (ad: FakeAd, date: string, cell: Cell, breakdowns: Partial<Record<Breakdown, string>>) => {
    if (!hasDelivery(cell)) return;
    const bucket = bucketIndex(date, query.since, query.timeIncrement);
    const ids = levelIds(query.level, ad);
    const key = [bucket, ids.campaignId, ids.adsetId, ids.adId, ...Object.values(breakdowns)].join('|');
    let group = groups.get(key);
    if (!group) {
      const { start, stop } = buckets[bucket]!;
      group = {
        level: query.level,
        ...ids,
        dateStart: start,
        dateStop: stop,
        breakdowns,
        cell: EMPTY_CELL,
        windows: emptyWindows(),
        daysWithDelivery: 0,
        days: new Set(),
      };
      groups.set(key, group);
    }
    group.cell = addCells(group.cell, cell);
    const windows = attributionWindows(cell.conversions, cell.valueUnits);
    for (const w of ATTRIBUTION_WINDOWS) {
      group.windows[w] = {
        count: group.windows[w].count + windows[w].count,
        valueUnits: group.windows[w].valueUnits + windows[w].valueUnits,
      };
    }
    group.days.add(date);
  };

  for (const ad of ads) {
    const window = deliveryWindow(catalog, ad);
    const from = window.first > query.since ? window.first : query.since;
    const to = window.last && window.last < query.until ? window.last : query.until;
    for (let date = from; date <= to; date = addDays(date, 1)) {
      if (hourly) {
        for (let hour = 0; hour < 24; hour++) {
          const metrics = world.adHourly('meta', ad.id, date, hour, asOf);
          if (metrics) add(ad, date, toCell(metrics, unitMicros), { hourly_stats_aggregated_by_advertiser_time_zone: hourLabel(hour) });
        }
        continue;
      }
      const metrics = world.adDaily('meta', ad.id, date, asOf);
      if (!metrics) continue;
      for (const [cell, breakdowns] of splitByPlatforms(toCell(metrics, unitMicros), ad.id, splits)) add(ad, date, cell, breakdowns);
    }
  }

  return [...groups.values()]
    .map(({ days, ...group }) => ({ ...group, daysWithDelivery: days.size }))
    .sort(compareGroups(query.breakdowns));
}

function splitByPlatforms(
  cell: Cell,
  adId: string,
  splits: ('publisher_platform' | 'device_platform')[],
): [Cell, Partial<Record<Breakdown, string>>][] {
  let parts: [Cell, Partial<Record<Breakdown, string>>][] = [[cell, {}]];
  for (const breakdown of splits) {
    const values = breakdownValues(breakdown);
    parts = parts.flatMap(([part, labels]) =>
      splitCell(part, weightsFor(breakdown, adId)).map(
        (piece, i) => [piece, { ...labels, [breakdown]: values[i]! }] as [Cell, Partial<Record<Breakdown, string>>],
      ),
    );
  }
  return parts;
}

function levelIds(level: Level, ad: FakeAd): { campaignId?: string; adsetId?: string; adId?: string } {
  if (level === 'account') return {};
  if (level === 'campaign') return { campaignId: ad.campaignId };
  if (level === 'adset') return { campaignId: ad.campaignId, adsetId: ad.adGroupId };
  return { campaignId: ad.campaignId, adsetId: ad.adGroupId, adId: ad.id };
}

function emptyWindows(): Record<AttributionWindow, WindowCounts> {
  return Object.fromEntries(ATTRIBUTION_WINDOWS.map((w) => [w, { count: 0, valueUnits: 0 }])) as Record<AttributionWindow, WindowCounts>;
}

const compareIds = (a = '', b = '') => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

function compareGroups(breakdowns: Breakdown[]) {
  const order = (b: Breakdown, value = '') => (isSplitBreakdown(b) ? breakdownValues(b).indexOf(value) : value);
  return (a: InsightsGroup, b: InsightsGroup): number => {
    if (a.dateStart !== b.dateStart) return a.dateStart < b.dateStart ? -1 : 1;
    const byId = compareIds(a.campaignId, b.campaignId) || compareIds(a.adsetId, b.adsetId) || compareIds(a.adId, b.adId);
    if (byId) return byId;
    for (const breakdown of breakdowns) {
      const x = order(breakdown, a.breakdowns[breakdown]);
      const y = order(breakdown, b.breakdowns[breakdown]);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}
