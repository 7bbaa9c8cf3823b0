/**
 * Account discovery: listAccessibleCustomers, then one customer_client stream per accessible
 * customer. A manager lists every account below it, which is then reached with login-customer-id.
 */
import { createHttpSession, PASSING_FAILURE_RETRY } from '../http';
import type { DiscoveredAccount, ListAccountsInput, ListAccountsResult } from '../types';
import type { GoogleAdsRow } from './api-types';
import { createGoogleAdsClient } from './client';
import { mapGoogleAdsFailure } from './errors';
import { CUSTOMER_CLIENT_QUERY } from './gaql';
import { streamError } from './sync';

function toAccount(row: GoogleAdsRow, managerExternalId: string | undefined): DiscoveredAccount | null {
  const c = row.customerClient;
  if (!c?.id) return null;
  return {
    externalId: c.id,
    name: c.descriptiveName ?? c.id,
    currency: c.currencyCode ?? '',
    timeZone: c.timeZone ?? '',
    rawStatus: c.status ?? '',
    isManager: c.manager ?? false,
    ...(managerExternalId ? { managerExternalId } : {}),
  };
}

/** Every customer the token reaches, managers flagged, clients under a manager tagged with it. */
export async function listGoogleAdsAccounts(input: ListAccountsInput): Promise<ListAccountsResult> {
  const session = createHttpSession(input.http, { retry: PASSING_FAILURE_RETRY });
  const client = createGoogleAdsClient({ session, credentials: input.credentials });
  const accessible = await client.listAccessibleCustomers();
  if (!accessible.ok) {
    return { ok: false, error: mapGoogleAdsFailure(accessible.failure, 'listAccessibleCustomers'), usage: [], apiCalls: session.apiCalls };
  }

  const direct = new Map<string, DiscoveredAccount>();
  const viaManager = new Map<string, DiscoveredAccount>();
  for (const customerId of accessible.customerIds) {
    const stream = await client.searchStream(customerId, CUSTOMER_CLIENT_QUERY, customerId);
    if (!stream.ok) {
      const error = streamError(stream, `customer_client of ${customerId}`);
      // A cancelled or unreachable customer must not hide the others (Airbyte #12486).
      if (error.kind === 'permanent') continue;
      return { ok: false, error, usage: [], apiCalls: session.apiCalls };
    }
    for (const row of stream.rows) {
      const level = Number(row.customerClient?.level ?? '0');
      if (level === 0) {
        const self = toAccount(row, undefined);
        if (self) direct.set(self.externalId, self);
      } else {
        // Any depth below the manager is reached with the manager as login-customer-id.
        const child = toAccount(row, customerId);
        if (child) viaManager.set(child.externalId, child);
      }
    }
  }
  // Reaching an account directly beats going through a manager.
  for (const [id, account] of viaManager) if (!direct.has(id)) direct.set(id, account);
  return { ok: true, accounts: [...direct.values()], usage: [], apiCalls: session.apiCalls };
}
