import { type Database, withTenant } from '../../db/client';
import { recordTenantAudit } from '../../db/queries/audit';
import { findConnectionId, recordBackfillRequest, upsertAdAccounts, upsertConnection } from '../../db/queries/connections';
import type { Platform } from '../../db/schema/enum-values';
import { sha256Hex } from '../auth/password';
import { encryptToken, type TokenKeyring } from '../auth/token-crypto';
import { getConnector } from '../connectors/registry';
import type { ConnectorError } from '../connectors/types';
import { type Config, platformEndpoints } from '../env';
import { BACKFILL_CHUNK_DAYS, backfillWindow, planBackfill } from '../jobs/backfill';
import type { SyncMessage } from '../jobs/messages';
import { backfillChunks } from '../jobs/windows';
import { enqueueBackfill } from './enqueue-backfill';

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
  adAccounts: Array<{ id: string; externalId: string; picked: boolean }>;
  /** The grant had exactly one account, so it was picked without asking. */
  autoPicked: boolean;
  backfillMessages: number;
}

export interface ConnectInput {
  tenantId: string;
  tenantTimeZone: string;
  platform: Platform;
  code: string;
  redirectUri: string;
  backfillDays: number;
  codeVerifier?: string;
  /** Who connected: a user, or an onboarding link (which the audit entry names). */
  actor: { userId: string } | { onboardingLinkId: string };
}

/**
 * Finishes an OAuth connect: exchanges the code, discovers the ad accounts the grant can read and
 * stores the encrypted tokens and the accounts. Nothing syncs until it is picked (pick.ts): a new
 * account waits for a choice, unless it is the grant's only one; an account picked before (a
 * reconnect) gets its backfill again.
 */
export async function completeConnection(
  deps: ConnectDeps,
  input: ConnectInput,
): Promise<{ ok: true; result: ConnectResult } | { ok: false; error: ConnectorError }> {
  const connector = getConnector(input.platform);
  const endpoints = platformEndpoints(deps.config, input.platform);
  const exchanged = await connector.oauth.exchangeCode({
    http: { fetch: deps.fetch, baseUrl: endpoints.tokenBase },
    app: endpoints.app,
    code: input.code,
    redirectUri: input.redirectUri,
    ...(input.codeVerifier ? { codeVerifier: input.codeVerifier } : {}),
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

  const autoPicked = accounts.length === 1;
  const onboardingLinkId = 'onboardingLinkId' in input.actor ? input.actor.onboardingLinkId : null;

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
      onboardingLinkId,
    });
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
      autoPicked ? now : null,
    );
    const picked = stored.filter((a) => a.enabled);
    const windows = new Map(picked.map((a) => [a.id, backfillWindow(input.platform, a.timeZone, now, input.backfillDays)]));
    for (const account of picked) {
      const window = windows.get(account.id)!;
      await recordBackfillRequest(tx, account.id, {
        ...window,
        windowsTotal: backfillChunks(window, BACKFILL_CHUNK_DAYS).length,
        requestedAt: now.toISOString(),
      });
    }
    await recordTenantAudit(tx, {
      action: 'connection.added',
      target: connectionId,
      actorUserId: 'userId' in input.actor ? input.actor.userId : null,
      details: {
        platform: input.platform,
        adAccounts: stored.length,
        ...(onboardingLinkId ? { by: `onboarding_link:${onboardingLinkId}` } : {}),
      },
    });
    return { connectionId, stored, picked, windows };
  });

  const messages = result.picked.flatMap((account) =>
    planBackfill({ tenantId: input.tenantId, adAccountId: account.id }, result.windows.get(account.id)!, now),
  );
  return {
    ok: true,
    result: {
      connectionId: result.connectionId,
      adAccounts: result.stored.map(({ id, externalId, enabled }) => ({ id, externalId, picked: enabled })),
      autoPicked,
      backfillMessages: await enqueueBackfill(deps, input.tenantId, messages),
    },
  };
}
