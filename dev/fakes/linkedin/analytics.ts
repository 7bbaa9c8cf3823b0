/**
 * adAnalytics rows from the world's ad-day facts: bucket by time granularity, group by pivot
 * values, sum (so every level adds up to the creative rows), render only the requested fields.
 */
import { addDays } from '../world/dates';
import type { Currency, DailyFact } from '../world/types';
import { type AnalyticsQuery, type FACETS, type Granularity, type Pivot, ZERO_COUNT_METRICS, ZERO_DOUBLE_METRICS } from './analytics-query';
import { urn } from './entities';
import { formatMicros, formatMicrosWithFloatTail, toUsdMicros } from './money';
import { toRestliDate } from './restli-params';

export interface PricedFact extends DailyFact {
  currency: Currency;
}

interface Bucket {
  start: string;
  end: string;
  pivotValues: string[];
  currency: Currency;
  impressions: number;
  clicks: number;
  spendMicros: number;
  conversions: number;
  conversionValueMicros: number;
}

export type AnalyticsElement = Record<string, unknown>;

const PIVOT_VALUE: Record<Pivot, (fact: DailyFact) => string> = {
  ACCOUNT: (f) => urn.account(f.accountId),
  CAMPAIGN_GROUP: (f) => urn.campaignGroup(f.campaignId),
  CAMPAIGN: (f) => urn.campaign(f.adGroupId),
  CREATIVE: (f) => urn.creative(f.adId),
  SHARE: (f) => urn.share(f.adId),
};

/** The world id a facet filters on, for each facet. */
const FACET_KEY: Record<keyof typeof FACETS, (fact: DailyFact) => string> = {
  accounts: (f) => f.accountId,
  campaignGroups: (f) => f.campaignId,
  campaigns: (f) => f.adGroupId,
  creatives: (f) => f.adId,
};

export function matchesFacets(fact: DailyFact, facets: AnalyticsQuery['facets']): boolean {
  for (const [name, ids] of Object.entries(facets) as [keyof typeof FACETS, string[]][]) {
    if (!ids.includes(FACET_KEY[name](fact))) return false;
  }
  return true;
}

const lastDayOfMonth = (date: string) => addDays(`${addDays(`${date.slice(0, 7)}-28`, 4).slice(0, 7)}-01`, -1);

/** The reporting period a date falls in, clipped to the requested range. */
export function periodOf(date: string, granularity: Granularity, range: { start: string; end: string }): [string, string] {
  const clip = (from: string, to: string): [string, string] => [from < range.start ? range.start : from, to > range.end ? range.end : to];
  switch (granularity) {
    case 'DAILY':
      return [date, date];
    case 'MONTHLY':
      return clip(`${date.slice(0, 7)}-01`, lastDayOfMonth(date));
    case 'YEARLY':
      return clip(`${date.slice(0, 4)}-01-01`, `${date.slice(0, 4)}-12-31`);
    default:
      return [range.start, range.end];
  }
}

export function aggregate(facts: readonly PricedFact[], query: AnalyticsQuery, range: { start: string; end: string }): Bucket[] {
  const buckets = new Map<string, Bucket>();
  for (const fact of facts) {
    if (fact.date < range.start || fact.date > range.end || !matchesFacets(fact, query.facets)) continue;
    const [start, end] = periodOf(fact.date, query.granularity, range);
    const pivotValues = query.pivots.map((pivot) => PIVOT_VALUE[pivot](fact));
    const key = `${start}|${pivotValues.join('|')}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = {
        start,
        end,
        pivotValues,
        currency: fact.currency,
        impressions: 0,
        clicks: 0,
        spendMicros: 0,
        conversions: 0,
        conversionValueMicros: 0,
      };
      buckets.set(key, bucket);
    }
    bucket.impressions += fact.impressions;
    bucket.clicks += fact.clicks;
    bucket.spendMicros += fact.spendMicros;
    bucket.conversions += fact.conversions;
    bucket.conversionValueMicros += fact.conversionValueMicros;
  }
  return [...buckets.values()].sort((a, b) =>
    a.start !== b.start ? (a.start < b.start ? -1 : 1) : a.pivotValues.join() < b.pivotValues.join() ? -1 : 1,
  );
}

function noiseOf(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** Some money values carry LinkedIn's float tail; which ones is fixed by the row. */
function money(micros: number, key: string): string {
  const noise = noiseOf(key);
  return micros > 0 && noise % 3 === 0 ? formatMicrosWithFloatTail(micros, noise >>> 2) : formatMicros(micros);
}

export function renderElement(bucket: Bucket, fields: readonly string[]): AnalyticsElement {
  const key = `${bucket.start}|${bucket.pivotValues.join('|')}`;
  const out: AnalyticsElement = {};
  for (const field of fields) {
    switch (field) {
      case 'dateRange':
        out.dateRange = { start: toRestliDate(bucket.start), end: toRestliDate(bucket.end) };
        break;
      case 'pivotValues':
        out.pivotValues = bucket.pivotValues;
        break;
      case 'impressions':
      case 'clicks':
        out[field] = bucket[field];
        break;
      case 'externalWebsiteConversions':
        out[field] = Math.round(bucket.conversions);
        break;
      case 'costInLocalCurrency':
        out[field] = money(bucket.spendMicros, `cost|${key}`);
        break;
      case 'conversionValueInLocalCurrency':
        out[field] = money(bucket.conversionValueMicros, `value|${key}`);
        break;
      case 'costInUsd':
        out[field] = formatMicros(toUsdMicros(bucket.spendMicros, bucket.currency));
        break;
      default:
        if ((ZERO_COUNT_METRICS as readonly string[]).includes(field) || (ZERO_DOUBLE_METRICS as readonly string[]).includes(field))
          out[field] = 0;
    }
  }
  return out;
}
