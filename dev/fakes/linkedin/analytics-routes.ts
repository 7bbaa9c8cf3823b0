/** GET /rest/adAnalytics (q=analytics | q=statistics): no pagination, capped element count. */
import { Hono } from 'hono';
import type { FakeContext } from '../context';
import type { FakeAccount } from '../world/types';
import { aggregate, type PricedFact, renderElement } from './analytics';
import { type AnalyticsQuery, readAnalyticsQuery } from './analytics-query';
import type { LinkedInEnv } from './app-env';
import { apiErrors } from './errors';
import { requireFinder, requireScope } from './handler-kit';

/** LinkedIn answers at most ~15,000 elements per adAnalytics response (third-party figure). */
export const DEFAULT_ELEMENT_CAP = 15_000;

/** Accounts the member can read that could hold rows for these facets. */
function candidateAccounts(ctx: FakeContext, memberAccountIds: string[], facets: AnalyticsQuery['facets']): FakeAccount[] {
  const world = ctx.world;
  return memberAccountIds
    .map((id) => world.account('linkedin', id))
    .filter((account): account is FakeAccount => account !== undefined)
    .filter((account) => {
      if (facets.accounts && !facets.accounts.includes(account.id)) return false;
      if (facets.campaignGroups && !world.campaigns('linkedin', account.id).some((c) => facets.campaignGroups!.includes(c.id)))
        return false;
      if (facets.campaigns && !world.adGroups('linkedin', account.id).some((g) => facets.campaigns!.includes(g.id))) return false;
      if (facets.creatives && !world.ads('linkedin', account.id).some((a) => facets.creatives!.includes(a.id))) return false;
      return true;
    });
}

export function createAnalyticsRoutes(ctx: FakeContext, elementCap = DEFAULT_ELEMENT_CAP): Hono<LinkedInEnv> {
  const app = new Hono<LinkedInEnv>();

  app.on(['GET', 'POST'], '/rest/adAnalytics', (c) => {
    const params = c.get('params');
    requireScope(c, ['r_ads_reporting'], `adAnalytics.FINDER-${params.get('q') ?? ''}`);
    requireFinder(c, params.get('q') ?? '', ['analytics', 'statistics']);
    const query = readAnalyticsQuery(params);
    // Facets naming accounts the member cannot read simply match nothing: LinkedIn answers empty elements.
    const accounts = candidateAccounts(ctx, c.get('member').accountIds, query.facets);
    if (accounts.length === 1) c.set('accountId', accounts[0]!.id);
    const start = query.dateRange.start;
    const end =
      query.dateRange.end ??
      accounts
        .map((a) => ctx.world.today(a))
        .sort()
        .at(-1) ??
      start;
    const facts: PricedFact[] = accounts.flatMap((account) =>
      ctx.world.groundTruth('linkedin', account.id, start, end).map((fact) => ({ ...fact, currency: account.currency })),
    );
    const buckets = aggregate(facts, query, { start, end });
    if (buckets.length > elementCap) throw apiErrors.tooManyElements(buckets.length, elementCap);
    return c.json({ paging: { start: 0, count: 10, links: [] }, elements: buckets.map((b) => renderElement(b, query.fields)) });
  });

  return app;
}
