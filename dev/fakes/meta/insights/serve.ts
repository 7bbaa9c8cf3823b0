import type { FakeAd, World } from '../../world/types';
import { type AccountCatalog, loadCatalog } from '../catalog';
import { metaErrors } from '../errors';
import { cursorLink, pageOf, parsePageRequest } from '../paging';
import type { NodeKind } from '../router';
import { adsInScope, computeInsights, scannedCells } from './compute';
import { formatInsightsRow, type InsightsRow } from './format';
import { type InsightsQuery, type Level, parseInsightsQuery } from './params';

/**
 * Largest synchronous request, in ad-day cells (ad-days in each ad's delivery window x breakdown cells).
 * 600 keeps a 28-day ad-level window of the biggest world account synchronous while a 90-day one needs
 * the async API or smaller time ranges (Meta's answer is the code 1 "reduce the amount of data" error).
 */
export const SYNC_MAX_CELLS = 600;

export interface InsightsNode {
  kind: 'account' | NodeKind;
  id: string;
}

export function nodeLevel(node: InsightsNode): Level {
  return node.kind === 'account' ? 'account' : node.kind;
}

export function nodeAds(catalog: AccountCatalog, node: InsightsNode): FakeAd[] {
  switch (node.kind) {
    case 'account':
      return catalog.ads;
    case 'campaign':
      return catalog.ads.filter((ad) => ad.campaignId === node.id);
    case 'adset':
      return catalog.ads.filter((ad) => ad.adGroupId === node.id);
    case 'ad':
      return catalog.ads.filter((ad) => ad.id === node.id);
  }
}

/** Validates an insights request for a node (the same rules for sync reads and async job creation). */
export function prepareInsights(world: World, accountId: string, node: InsightsNode, params: Map<string, string>) {
  const account = world.account('meta', accountId)!;
  const catalog = loadCatalog(world, account);
  const query = parseInsightsQuery(params, world.today(account), nodeLevel(node));
  return { catalog, query };
}

/** Rows of a query as of `asOf`, one page of them, in Graph's `{data, paging}` shape. */
export function insightsPage(
  world: World,
  catalog: AccountCatalog,
  node: InsightsNode,
  query: InsightsQuery,
  asOf: Date,
  params: Map<string, string>,
  selfUrl: string,
  options: { sync: boolean },
) {
  const page = parsePageRequest(params);
  const ads = adsInScope(catalog, nodeAds(catalog, node), query, nodeLevel(node));
  if (options.sync && scannedCells(catalog, ads, query) > SYNC_MAX_CELLS) throw metaErrors.reduceData();
  const key = JSON.stringify([catalog.account.id, node, query, asOf.getTime()]);
  const rows = cachedRows(world, key, () =>
    computeInsights(world, catalog, ads, query, asOf).map((group) => formatInsightsRow(group, query, catalog)),
  );
  return pageOf(rows, page, (cursor) => cursorLink(selfUrl, params, cursor));
}

const CACHE_SIZE = 16;
const rowCache = new WeakMap<World, Map<string, InsightsRow[]>>();

/** Paging through a report recomputes nothing: rows are a pure function of (world, query, asOf), so they are kept per world. */
function cachedRows(world: World, key: string, compute: () => InsightsRow[]): InsightsRow[] {
  let cache = rowCache.get(world);
  if (!cache) {
    cache = new Map();
    rowCache.set(world, cache);
  }
  const hit = cache.get(key);
  if (hit) return hit;
  const rows = compute();
  cache.set(key, rows);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return rows;
}
