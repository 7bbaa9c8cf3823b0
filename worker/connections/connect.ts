import { type Database, withTenant } from '../../db/client';
import { recordTenantAudit } from '../../db/queries/audit';
import { findConnectionId, upsertAdAccounts, upsertConnection } from '../../db/queries/connections';
import { loggableErrorMessage } from '../../db/query-errors';
import type { Platform } from '../../db/schema/enum-values';
import { sha256Hex } from '../auth/password';
import { encryptToken, type TokenKeyring } from '../auth/token-crypto';
import { getConnector } from '../connectors/registry';
import type { ConnectorError } from '../connectors/types';
import { type Config, platformEndpoints } from '../env';
import { BACKFILL_CHUNK_DAYS, backfillWindow, planBackfill } from '../jobs/backfill';
import type { SyncMessage } from '../jobs/messages';
import { backfillChunks } from '../jobs/windows';

export interface ConnectDeps {
  db: Database;
  config: Config;
  tokenKeys: TokenKeyring;
  fetch: typeof fetch;
  now: () => Date;
  enqueue: (messages: SyncMessage[]) => Promise<void>;
}

export interface ConnectResult {
  connectionId: string;
  adAccounts: Array<{ id: string; externalId: string }>;
  backfillMessages: number;
}

/**
 * Finishes an OAuth connect: exchanges the code, discovers the ad accounts the grant can read,
 * stores the encrypted tokens and the accounts, and enqueues their backfill.
 */
export async function completeConnection(
  deps: ConnectDeps,
  input: { tenantId: string; tenantTimeZone: string; platform: Platform; code: string; redirectUri: string; backfillDays: number },
): Promise<{ ok: true; result: ConnectResult } | { ok: false; error: ConnectorError }> {
  const connector = getConnector(input.platform);
  const endpoints = platformEndpoints(deps.config, input.platform);
  const exchanged = await connector.oauth.exchangeCode({
    http: { fetch: deps.fetch, baseUrl: endpoints.tokenBase },
    app: endpoints.app,
    code: input.code,
    redirectUri: input.redirectUri,
  });
  if (!exchanged.ok) return exchanged;
  const { tokens } = exchanged;
  const listed = await connector.listAccounts({
    credentials: {
      accessToken: tokens.accessToken,
      ...(deps.config.GOOGLE_DEVELOPER_TOKEN ? { developerToken: deps.config.GOOGLE_DEVELOPER_TOKEN } : {}),
    },
    http: { fetch: deps.fetch, baseUrl: endpoints.apiBase },
  });
  if (!listed.ok) return listed;
  // Managers (Google MCC) have no metrics of their own; their clients are synced through them.
  // LinkedIn accounts carry no time zone: their dates are labelled in the tenant's zone.
  const accounts = listed.accounts
    .filter((a) => !a.isManager)
    .map((a) => (input.platform === 'linkedin' ? { ...a, timeZone: input.tenantTimeZone } : a));
  const now = deps.now();
  // Connectors do not expose the platform user; the set of granted accounts identifies the grant.
  const externalUserId = `accounts:${(
    await sha256Hex(
      listed.accounts
        .map((a) => a.externalId)
        .sort()
        .join(','),
    )
  ).slice(0, 32)}`;

  const result = await withTenant(deps.db, input.tenantId, async (tx) => {
    // Tokens are sealed to the tenant, the connection id and the field: a reconnect keeps the existing id.
    const connectionId = (await findConnectionId(tx, input.platform, externalUserId)) ?? crypto.randomUUID();
    const binding = { tenantId: input.tenantId, connectionId };
    await upsertConnection(tx, {
      id: connectionId,
      platform: input.platform,
      externalUserId,
      accessTokenEnc: await encryptToken(deps.tokenKeys, tokens.accessToken, { ...binding, field: 'access' }),
      refreshTokenEnc: tokens.refreshToken
        ? await encryptToken(deps.tokenKeys, tokens.refreshToken, { ...binding, field: 'refresh' })
        : null,
      accessExpiresAt: tokens.accessTokenExpiresInSeconds ? new Date(now.getTime() + tokens.accessTokenExpiresInSeconds * 1000) : null,
      refreshExpiresAt: tokens.refreshTokenExpiresInSeconds ? new Date(now.getTime() + tokens.refreshTokenExpiresInSeconds * 1000) : null,
      scopes: tokens.scopes ?? [],
    });
    const windows = new Map(accounts.map((a) => [a.externalId, backfillWindow(input.platform, a.timeZone, now, input.backfillDays)]));
    const stored = await upsertAdAccounts(
      tx,
      connectionId,
      input.platform,
      accounts.map((a) => ({
        externalId: a.externalId,
        name: a.name,
        currency: a.currency,
        timeZone: a.timeZone,
        managerExternalId: a.managerExternalId ?? null,
      })),
      (externalId) => {
        const window = windows.get(externalId)!;
        return { ...window, windowsTotal: backfillChunks(window, BACKFILL_CHUNK_DAYS).length, requestedAt: now.toISOString() };
      },
    );
    await recordTenantAudit(tx, {
      action: 'connection.added',
      target: connectionId,
      details: { platform: input.platform, adAccounts: stored.length },
    });
    return { connectionId, stored, windows };
  });

  const messages = result.stored.flatMap((account) =>
    planBackfill({ tenantId: input.tenantId, adAccountId: account.id }, result.windows.get(account.externalId)!, now),
  );
  let enqueued = messages.length;
  try {
    await deps.enqueue(messages);
  } catch (error) {
    // The connection and its accounts are stored; the nightly cron restarts a backfill that never ran.
    console.warn(
      JSON.stringify({ level: 'warn', event: 'backfill enqueue failed', tenantId: input.tenantId, error: loggableErrorMessage(error) }),
    );
    enqueued = 0;
  }
  return {
    ok: true,
    result: {
      connectionId: result.connectionId,
      adAccounts: result.stored.map(({ id, externalId }) => ({ id, externalId })),
      backfillMessages: enqueued,
    },
  };
}
