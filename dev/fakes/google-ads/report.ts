import type { DailyFact, FakeAccount, Metrics, World } from '../world/types';
import {
  addMetrics,
  adGroupAdAttributes,
  adGroupAttributes,
  campaignAttributes,
  customerAttributes,
  customerClientAttributes,
  emptyMetrics,
  metricAttributes,
  rowOf,
} from './entities';
import { requestedMetricsForManager } from './errors';
import { addDays, type DateRange, type DuringFunction, resolveDuring } from './gaql/date-functions';
import { type FlatRow, matchesCondition, sortRows } from './gaql/evaluate';
import type { FieldSpec } from './gaql/fields';
import type { GaqlCondition } from './gaql/types';
import type { ResolvedQuery } from './gaql/validate';

type Condition = GaqlCondition & { spec: FieldSpec };

export interface ReportInput {
  world: World;
  account: FakeAccount;
  query: ResolvedQuery;
  /** One instant for the whole query, so every row is read as of the same moment. */
  asOf: Date;
}

/**
 * Runs a validated query against one customer. Metrics are sums of the world's ad-level rows at the FROM
 * resource's level, so account, campaign, ad group and ad totals always agree.
 */
export function runReport({ world, account, query, asOf }: ReportInput): FlatRow[] {
  const usesMetrics = query.selectsMetrics || query.where.some((c) => c.spec.category === 'metric');
  if (usesMetrics && account.isManager) throw requestedMetricsForManager();
  const today = world.today(account);
  const byCategory = (category: FieldSpec['category']) => query.where.filter((c) => c.spec.category === category);
  const passes = (row: FlatRow, conditions: Condition[]) => conditions.every((c) => matchesCondition(row, c, today));

  let rows: FlatRow[];
  if (query.from === 'customer_client') {
    const clients = [account, ...world.accounts('google_ads').filter((a) => a.managerId === account.id)];
    rows = clients.map((client) => rowOf(customerAttributes(account), customerClientAttributes(account, client)));
  } else {
    const entities = entityRows(world, account, query.from).filter((entity) => passes(entity.attributes, byCategory('attribute')));
    if (!usesMetrics && query.segments.length === 0) {
      rows = entities.map((entity) => entity.attributes);
    } else {
      const range = dateRange(byCategory('segment'), today, account.createdDate);
      rows = range ? aggregate(world, account, query, entities, range, asOf, byCategory('segment'), today) : [];
    }
  }
  // Segment conditions were applied to the ad-level facts before summing; the rest apply to finished rows.
  const filtered = rows.filter((row) =>
    passes(
      row,
      query.where.filter((c) => c.spec.category !== 'segment'),
    ),
  );
  const sorted = sortRows(filtered, query.orderBy);
  return query.limit === undefined ? sorted : sorted.slice(0, query.limit);
}

interface EntityRow {
  /** Key of the FROM-level entity an ad rolls up into. */
  key: string;
  attributes: FlatRow;
}

function entityRows(world: World, account: FakeAccount, from: ResolvedQuery['from']): EntityRow[] {
  const cid = account.id;
  const customer = customerAttributes(account);
  if (from === 'customer') return [{ key: cid, attributes: rowOf(customer) }];
  const campaigns = new Map(world.campaigns('google_ads', cid).map((c) => [c.id, c]));
  if (from === 'campaign')
    return [...campaigns.values()].map((c) => ({ key: c.id, attributes: rowOf(customer, campaignAttributes(cid, c)) }));
  const adGroups = new Map(world.adGroups('google_ads', cid).map((g) => [g.id, g]));
  const withParents = (adGroupId: string) => {
    const group = adGroups.get(adGroupId)!;
    return [customer, campaignAttributes(cid, campaigns.get(group.campaignId)!), adGroupAttributes(cid, group)];
  };
  if (from === 'ad_group') return [...adGroups.values()].map((g) => ({ key: g.id, attributes: rowOf(...withParents(g.id)) }));
  return world
    .ads('google_ads', cid)
    .map((ad) => ({ key: ad.id, attributes: rowOf(...withParents(ad.adGroupId), adGroupAdAttributes(cid, ad)) }));
}

function levelKey(from: ResolvedQuery['from'], fact: Pick<DailyFact, 'adId' | 'adGroupId' | 'campaignId' | 'accountId'>): string {
  if (from === 'customer') return fact.accountId;
  if (from === 'campaign') return fact.campaignId;
  if (from === 'ad_group') return fact.adGroupId;
  return fact.adId;
}

/** The inclusive local-date range the segments.date conditions allow, clamped to the account's life; null when empty. */
export function dateRange(conditions: Condition[], today: string, createdDate: string): DateRange | null {
  let since = createdDate;
  let until = today;
  const narrow = (from: string, to: string) => {
    if (from > since) since = from;
    if (to < until) until = to;
  };
  for (const { spec, operator, value } of conditions) {
    if (spec.name !== 'segments.date' || !value) continue;
    if (value.kind === 'range') narrow(String(value.from.value), String(value.to.value));
    else if (value.kind === 'list') {
      const dates = value.values.map((v) => String(v.value)).sort();
      if (operator === 'IN' && dates.length > 0) narrow(dates[0]!, dates.at(-1)!);
    } else if (operator === 'DURING') {
      const r = resolveDuring(value.value as DuringFunction, today);
      narrow(r.since, r.until);
    } else {
      const date = String(value.value);
      if (operator === '=') narrow(date, date);
      else if (operator === '>=') narrow(date, until);
      else if (operator === '>') narrow(addDays(date, 1), until);
      else if (operator === '<=') narrow(since, date);
      else if (operator === '<') narrow(since, addDays(date, -1));
    }
  }
  return since <= until ? { since, until } : null;
}

function aggregate(
  world: World,
  account: FakeAccount,
  query: ResolvedQuery,
  entities: EntityRow[],
  range: DateRange,
  asOf: Date,
  segmentConditions: Condition[],
  today: string,
): FlatRow[] {
  const allowed = new Map(entities.map((e) => [e.key, e]));
  const byDate = query.segments.some((s) => s.name === 'segments.date');
  const byHour = query.segments.some((s) => s.name === 'segments.hour');
  const groups = new Map<string, { entity: EntityRow; date?: string; hour?: number; metrics: Metrics }>();
  const add = (entity: EntityRow, date: string, hour: number | undefined, metrics: Metrics) => {
    const key = `${entity.key}|${byDate ? date : ''}|${byHour ? hour : ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { entity, ...(byDate ? { date } : {}), ...(byHour ? { hour } : {}), metrics: emptyMetrics() };
      groups.set(key, group);
    }
    addMetrics(group.metrics, metrics);
  };
  const dateConditions = segmentConditions.filter((c) => c.spec.name === 'segments.date');
  const hourConditions = segmentConditions.filter((c) => c.spec.name === 'segments.hour');
  const segment: FlatRow = new Map();
  const passes = (conditions: Condition[]) => conditions.every((c) => matchesCondition(segment, c, today));
  for (const fact of world.groundTruth('google_ads', account.id, range.since, range.until, asOf)) {
    const entity = allowed.get(levelKey(query.from, fact));
    if (!entity) continue;
    segment.set('segments.date', fact.date);
    if (!passes(dateConditions)) continue;
    if (!byHour && hourConditions.length === 0) {
      add(entity, fact.date, undefined, fact);
      continue;
    }
    for (let hour = 0; hour < 24; hour++) {
      segment.set('segments.hour', hour);
      if (!passes(hourConditions)) continue;
      const metrics = world.adHourly('google_ads', fact.adId, fact.date, hour, asOf);
      if (metrics) add(entity, fact.date, byHour ? hour : undefined, metrics);
    }
  }
  return [...groups.values()].map(({ entity, date, hour, metrics }) => {
    const row = new Map(entity.attributes);
    if (date !== undefined) row.set('segments.date', date);
    if (hour !== undefined) row.set('segments.hour', hour);
    for (const [field, value] of metricAttributes(metrics)) row.set(field, value);
    return row;
  });
}
