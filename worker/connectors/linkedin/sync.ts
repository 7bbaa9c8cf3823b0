/**
 * One LinkedIn sync: list the account's campaigns (their URNs are the analytics facet and they
 * carry the campaign-group link), then adAnalytics CREATIVE x CAMPAIGN, DAILY, over the whole
 * window with campaign URNs batched per request. LinkedIn has no hourly data.
 */
import { type DateWindow, splitWindow, windowLength } from '../../lib/dates';
import { createHttpSession, type HttpFailure, PASSING_FAILURE_RETRY } from '../http';
import type { ConnectorError, NormalizedDailyRow, NormalizedEntities, SyncInput, SyncResult } from '../types';
import type { LinkedInAnalyticsElement } from './api-types';
import { createLinkedInClient, type LinkedInClient } from './client';
import { mapLinkedInFailure } from './errors';
import { LinkedInMappingError, mapCampaignGroups, mapLinkedInDailyRow, mapLinkedInEntities } from './mapper';

/** Campaign URNs per adAnalytics request: keeps URLs short (414 above ~8 KB) and responses under the element cap. */
export const LINKEDIN_CAMPAIGNS_PER_REQUEST = 20;

type Result<T> = { ok: true; value: T } | { ok: false; error: ConnectorError };

/** Consecutive slices of at most `size` items. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function syncLinkedInWindow(input: SyncInput): Promise<SyncResult> {
  const session = createHttpSession(input.http, { retry: PASSING_FAILURE_RETRY });
  const client = createLinkedInClient({ session, accessToken: input.credentials.accessToken });
  const accountId = input.account.externalId;
  const fail = (error: ConnectorError): SyncResult => ({ ok: false, error, usage: [], apiCalls: session.apiCalls });

  const campaigns = await client.campaigns(accountId);
  if (!campaigns.ok) return fail(mapLinkedInFailure(campaigns.failure, 'adCampaigns'));
  const groupOf = guard(() => mapCampaignGroups(campaigns.items), 'adCampaigns');
  if (!groupOf.ok) return fail(groupOf.error);

  const elements: LinkedInAnalyticsElement[] = [];
  for (const batch of batches([...groupOf.value.keys()], LINKEDIN_CAMPAIGNS_PER_REQUEST)) {
    const fetched = await fetchAnalytics(client, input.window, batch);
    if (!fetched.ok) return fail(fetched.error);
    elements.push(...fetched.value);
  }
  const rows = guard(() => elements.map((e): NormalizedDailyRow => mapLinkedInDailyRow(e, groupOf.value)), 'adAnalytics');
  if (!rows.ok) return fail(rows.error);

  let entities: NormalizedEntities = { campaigns: [], adGroups: [], ads: [] };
  if (input.options?.includeEntities ?? true) {
    const fetched = await fetchEntities(client, accountId, campaigns.items);
    if (!fetched.ok) return fail(fetched.error);
    entities = fetched.value;
  }
  return { ok: true, rows: rows.value, entities, nextCursor: null, usage: [], apiCalls: session.apiCalls };
}

/** "Request would return N elements, more than the maximum": adAnalytics has no paging, so ask for less. */
export function isElementCapError(failure: HttpFailure): boolean {
  if (failure.type !== 'http' || failure.status !== 400) return false;
  const message = (failure.json as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && /more than the maximum/i.test(message);
}

/** One analytics request; over the element cap it halves the window, then the campaign batch, and retries. */
async function fetchAnalytics(
  client: LinkedInClient,
  window: DateWindow,
  campaignIds: readonly string[],
): Promise<Result<LinkedInAnalyticsElement[]>> {
  const outcome = await client.analytics(window, campaignIds);
  if (outcome.ok) return { ok: true, value: outcome.items };
  if (!isElementCapError(outcome.failure) || (windowLength(window) === 1 && campaignIds.length === 1)) {
    return { ok: false, error: mapLinkedInFailure(outcome.failure, 'adAnalytics') };
  }
  const halves: Array<[DateWindow, readonly string[]]> =
    windowLength(window) > 1
      ? splitWindow(window, Math.ceil(windowLength(window) / 2)).map((half) => [half, campaignIds] as [DateWindow, readonly string[]])
      : batches(campaignIds, Math.ceil(campaignIds.length / 2)).map((half) => [window, half] as [DateWindow, readonly string[]]);
  const elements: LinkedInAnalyticsElement[] = [];
  for (const [part, ids] of halves) {
    const fetched = await fetchAnalytics(client, part, ids);
    if (!fetched.ok) return fetched;
    elements.push(...fetched.value);
  }
  return { ok: true, value: elements };
}

async function fetchEntities(
  client: LinkedInClient,
  accountId: string,
  campaigns: Parameters<typeof mapLinkedInEntities>[0]['campaigns'],
): Promise<Result<NormalizedEntities>> {
  const groups = await client.campaignGroups(accountId);
  if (!groups.ok) return { ok: false, error: mapLinkedInFailure(groups.failure, 'adCampaignGroups') };
  const creatives = await client.creatives(accountId);
  if (!creatives.ok) return { ok: false, error: mapLinkedInFailure(creatives.failure, 'creatives') };
  return guard(() => mapLinkedInEntities({ groups: groups.items, campaigns, creatives: creatives.items }), 'entities');
}

function guard<T>(map: () => T, label: string): Result<T> {
  try {
    return { ok: true, value: map() };
  } catch (error) {
    if (error instanceof LinkedInMappingError || error instanceof RangeError) {
      return { ok: false, error: { kind: 'permanent', message: `${label}: ${error.message}`, code: 'unmappable_row' } };
    }
    throw error;
  }
}
