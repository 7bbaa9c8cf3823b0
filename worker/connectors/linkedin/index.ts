/** The LinkedIn Marketing API connector (Linkedin-Version pinned in api-types.ts). */
import { createHttpSession, PASSING_FAILURE_RETRY } from '../http';
import type { Connector, ListAccountsInput, ListAccountsResult } from '../types';
import { createLinkedInClient } from './client';
import { mapLinkedInFailure } from './errors';
import { linkedInOAuth } from './oauth';
import { syncLinkedInWindow } from './sync';

/**
 * LinkedIn reports whole days and the account object has no time zone field; we treat the
 * reporting day as UTC (AD-APIS.md §3.6 marks the boundary as unconfirmed).
 */
export const LINKEDIN_REPORTING_TIME_ZONE = 'UTC';

/** The ad accounts the member's token can read. */
export async function listLinkedInAccounts(input: ListAccountsInput): Promise<ListAccountsResult> {
  const session = createHttpSession(input.http, { retry: PASSING_FAILURE_RETRY });
  const client = createLinkedInClient({ session, accessToken: input.credentials.accessToken });
  const outcome = await client.adAccounts();
  if (!outcome.ok) return { ok: false, error: mapLinkedInFailure(outcome.failure, 'adAccounts'), usage: [], apiCalls: session.apiCalls };
  return {
    ok: true,
    usage: [],
    apiCalls: session.apiCalls,
    accounts: outcome.items.map((a) => ({
      externalId: String(a.id),
      name: a.name ?? String(a.id),
      currency: a.currency,
      timeZone: LINKEDIN_REPORTING_TIME_ZONE,
      rawStatus: a.status ?? '',
      isManager: false,
    })),
  };
}

export const linkedInConnector: Connector = {
  platform: 'linkedin',
  syncWindow: syncLinkedInWindow,
  listAccounts: listLinkedInAccounts,
  oauth: linkedInOAuth,
};
