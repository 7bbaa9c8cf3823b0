/** adAccounts, adCampaignGroups, adCampaigns and creatives: search/criteria finders and single GETs. */
import { Hono } from 'hono';
import type { FakeContext } from '../context';
import type { FakeAccount } from '../world/types';
import type { LinkedInEnv } from './app-env';
import { ACCOUNT_STATUSES, CAMPAIGN_STATUSES, mapAccount, mapCampaign, mapCampaignGroup, mapCreative } from './entities';
import { apiErrors } from './errors';
import {
  accessibleAccount,
  allowOnly,
  byNumericId,
  type Ctx,
  project,
  queryFingerprint,
  readEnumList,
  readSearch,
  requireFinder,
  requireGet,
  requireScope,
  type SearchCriteria,
} from './handler-kit';
import { paginate } from './paging';
import { readEnum, readStringList, readUrnList } from './restli-params';

const READ_SCOPES = ['r_ads', 'rw_ads'];
const SEARCH_PARAMS = ['q', 'search', 'pageSize', 'pageToken', 'sortOrder'];

interface Searchable {
  id: number | string;
  name?: string;
  status?: string;
  test?: boolean;
  [key: string]: unknown;
}

/** Applies LinkedIn's search record: every given key must match one of its values. */
function matches(entity: Searchable, criteria: SearchCriteria): boolean {
  if (criteria.test !== undefined && entity.test !== criteria.test) return false;
  for (const [key, values] of criteria.values) {
    const actual = key === 'id' ? String(entity.id) : entity[key];
    if (key === 'name') {
      if (!values.some((v) => String(actual).toLowerCase().includes(v.toLowerCase()))) return false;
    } else if (!values.includes(String(actual))) return false;
  }
  return true;
}

function searchPage<T extends Searchable>(c: Ctx, all: T[], allowedKeys: readonly string[]) {
  const params = c.get('params');
  const criteria = readSearch(params.get('search'), allowedKeys);
  const status = criteria.values.get('status');
  if (status) readEnumList('search', status, [...CAMPAIGN_STATUSES, ...ACCOUNT_STATUSES]);
  const order = params.has('sortOrder')
    ? readEnum('sortOrder', params.get('sortOrder')!, ['ASCENDING', 'DESCENDING'] as const)
    : 'ASCENDING';
  const found = all.filter((e) => matches(e, criteria));
  if (order === 'DESCENDING') found.reverse();
  const page = paginate(found, queryFingerprint(c), params.get('pageSize'), params.get('pageToken'));
  return { elements: page.elements.map((e) => project(c, e)), metadata: page.metadata };
}

export function createEntityRoutes(ctx: FakeContext): Hono<LinkedInEnv> {
  const app = new Hono<LinkedInEnv>();
  const world = ctx.world;
  const methods = ['GET', 'POST'];
  const today = (account: FakeAccount) => world.today(account);
  const groupsOf = (account: FakeAccount) =>
    world
      .campaigns('linkedin', account.id)
      .sort(byNumericId)
      .map((c) => mapCampaignGroup(c, account, today(account)));
  const campaignsOf = (account: FakeAccount) => {
    const parents = new Map(world.campaigns('linkedin', account.id).map((c) => [c.id, c]));
    return world
      .adGroups('linkedin', account.id)
      .sort(byNumericId)
      .map((g) => mapCampaign(g, parents.get(g.campaignId)!, account, today(account)));
  };
  const authorOf = (account: FakeAccount) =>
    `urn:li:person:${world.members('linkedin').find((m) => m.accountIds.includes(account.id))?.id ?? 'unknown'}`;

  app.on(methods, '/rest/adAccounts', (c) => {
    requireScope(c, READ_SCOPES, 'adAccounts.FINDER-search');
    allowOnly(c, [...SEARCH_PARAMS, 'sort']);
    requireFinder(c, 'search', ['search']);
    const mine = world
      .accounts('linkedin')
      .filter((a) => c.get('member').accountIds.includes(a.id))
      .sort(byNumericId);
    return c.json(searchPage(c, mine.map(mapAccount), ['status', 'id', 'name', 'type', 'reference', 'test']));
  });

  app.on(methods, '/rest/adAccounts/:id', (c) => {
    requireScope(c, READ_SCOPES, 'adAccounts.GET');
    allowOnly(c, []);
    requireGet(c);
    return c.json(project(c, mapAccount(accessibleAccount(ctx, c, c.req.param('id')))));
  });

  app.on(methods, '/rest/adAccounts/:id/adCampaignGroups', (c) => {
    requireScope(c, READ_SCOPES, 'adCampaignGroups.FINDER-search');
    const account = accessibleAccount(ctx, c, c.req.param('id'));
    allowOnly(c, SEARCH_PARAMS);
    requireFinder(c, 'search', ['search']);
    return c.json(searchPage(c, groupsOf(account), ['status', 'id', 'name', 'test']));
  });

  app.on(methods, '/rest/adAccounts/:id/adCampaignGroups/:groupId', (c) => {
    requireScope(c, READ_SCOPES, 'adCampaignGroups.GET');
    const account = accessibleAccount(ctx, c, c.req.param('id'));
    allowOnly(c, []);
    requireGet(c);
    const group = groupsOf(account).find((g) => String(g.id) === c.req.param('groupId'));
    if (!group) throw apiErrors.notFound(`Campaign group ${c.req.param('groupId')} does not exist in this account`);
    return c.json(project(c, group));
  });

  app.on(methods, '/rest/adAccounts/:id/adCampaigns', (c) => {
    requireScope(c, READ_SCOPES, 'adCampaigns.FINDER-search');
    const account = accessibleAccount(ctx, c, c.req.param('id'));
    allowOnly(c, SEARCH_PARAMS);
    requireFinder(c, 'search', ['search']);
    return c.json(searchPage(c, campaignsOf(account), ['status', 'id', 'name', 'test', 'campaignGroup', 'type']));
  });

  app.on(methods, '/rest/adAccounts/:id/adCampaigns/:campaignId', (c) => {
    requireScope(c, READ_SCOPES, 'adCampaigns.GET');
    const account = accessibleAccount(ctx, c, c.req.param('id'));
    allowOnly(c, []);
    requireGet(c);
    const campaign = campaignsOf(account).find((g) => String(g.id) === c.req.param('campaignId'));
    if (!campaign) throw apiErrors.notFound(`Campaign ${c.req.param('campaignId')} does not exist in this account`);
    return c.json(project(c, campaign));
  });

  app.on(methods, '/rest/adAccounts/:id/creatives', (c) => {
    requireScope(c, READ_SCOPES, 'creatives.FINDER-criteria');
    const account = accessibleAccount(ctx, c, c.req.param('id'));
    const params = allowOnly(c, ['q', 'campaigns', 'creatives', 'intendedStatuses', 'isTestAccount', 'sortOrder', 'pageSize', 'pageToken']);
    if (c.req.header('x-restli-method') === undefined) {
      throw apiErrors.headerNotAllowed('X-RestLi-Method', 'is required for the creatives criteria finder: send X-RestLi-Method: FINDER');
    }
    requireFinder(c, 'criteria', ['criteria']);
    const campaigns = params.has('campaigns') ? readUrnList('campaigns', params.get('campaigns')!, 'sponsoredCampaign') : undefined;
    const creatives = params.has('creatives') ? readUrnList('creatives', params.get('creatives')!, 'sponsoredCreative') : undefined;
    const statuses = params.has('intendedStatuses')
      ? readEnumList('intendedStatuses', readStringList('intendedStatuses', params.get('intendedStatuses')!), CAMPAIGN_STATUSES)
      : undefined;
    if (params.has('isTestAccount')) readEnum('isTestAccount', params.get('isTestAccount')!, ['true', 'false'] as const);
    const order = params.has('sortOrder')
      ? readEnum('sortOrder', params.get('sortOrder')!, ['ASCENDING', 'DESCENDING'] as const)
      : 'ASCENDING';
    const author = authorOf(account);
    const all = world
      .ads('linkedin', account.id)
      .filter((ad) => (!campaigns || campaigns.includes(ad.adGroupId)) && (!creatives || creatives.includes(ad.id)))
      .sort(byNumericId)
      .map((ad) => mapCreative(ad, account, author))
      .filter((creative) => !statuses || statuses.includes(creative.intendedStatus));
    if (order === 'DESCENDING') all.reverse();
    const page = paginate(all, queryFingerprint(c), params.get('pageSize'), params.get('pageToken'));
    return c.json({ elements: page.elements.map((e) => project(c, e)), metadata: page.metadata });
  });

  app.on(methods, '/rest/adAccounts/:id/creatives/:creativeUrn', (c) => {
    requireScope(c, READ_SCOPES, 'creatives.GET');
    const account = accessibleAccount(ctx, c, c.req.param('id'));
    allowOnly(c, []);
    requireGet(c);
    const id = /^urn:li:sponsoredCreative:(\d+)$/.exec(decodeURIComponent(c.req.param('creativeUrn')))?.[1];
    if (!id) throw apiErrors.invalidParam('id', `'${c.req.param('creativeUrn')}' is not an encoded urn:li:sponsoredCreative URN`);
    const ad = world.ads('linkedin', account.id).find((a) => a.id === id);
    if (!ad) throw apiErrors.notFound(`Creative urn:li:sponsoredCreative:${id} does not exist in this account`);
    return c.json(project(c, mapCreative(ad, account, authorOf(account))));
  });

  return app;
}
