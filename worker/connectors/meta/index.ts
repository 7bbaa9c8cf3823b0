/** The Meta Marketing API connector (Graph version pinned in api-types.ts). */
import { createHttpSession } from '../http';
import type { Connector, ListAccountsInput, ListAccountsResult, UsageSignal } from '../types';
import { createMetaClient } from './client';
import { META_READ_RETRY, mapMetaFailure } from './errors';
import { metaOAuth } from './oauth';
import { syncMetaWindow } from './sync';
import { latestUsage, parseMetaUsageHeaders } from './usage';

/** Ad accounts the token's user can read, with currency and time zone. */
export async function listMetaAccounts(input: ListAccountsInput): Promise<ListAccountsResult> {
  const usage: UsageSignal[] = [];
  const session = createHttpSession(input.http, {
    onHeaders: (headers) => usage.push(...parseMetaUsageHeaders(headers)),
    retry: META_READ_RETRY,
  });
  const client = createMetaClient({ session, accessToken: input.credentials.accessToken });
  const outcome = await client.adAccounts();
  if (!outcome.ok) {
    return {
      ok: false,
      error: mapMetaFailure(outcome.failure, 'ad accounts', null),
      usage: latestUsage(usage),
      apiCalls: session.apiCalls,
    };
  }
  return {
    ok: true,
    usage: latestUsage(usage),
    apiCalls: session.apiCalls,
    accounts: outcome.items.map((a) => ({
      externalId: a.account_id,
      name: a.name ?? a.account_id,
      currency: a.currency,
      timeZone: a.timezone_name,
      rawStatus: String(a.account_status ?? ''),
      isManager: false,
    })),
  };
}

export const metaConnector: Connector = {
  platform: 'meta',
  syncWindow: syncMetaWindow,
  listAccounts: listMetaAccounts,
  oauth: metaOAuth,
};
