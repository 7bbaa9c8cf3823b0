import { type Database, withTenant } from '../../db/client';
import { listAdAccountStatus } from '../../db/queries/connections';
import { bumpDataVersion, rebuildRollups, upsertDailyStats, upsertHourlyStats } from '../../db/queries/ingest';
import {
  loadSyncAccount,
  markAccountSynced,
  markConnectionNeedsReauth,
  recordSyncRun,
  type SyncAccount,
  storeAccessToken,
  upsertEntities,
} from '../../db/queries/sync';
import { decryptToken, encryptToken } from '../auth/token-crypto';
import { getConnector } from '../connectors/registry';
import type { ConnectorError, SyncResult, UsageSignal } from '../connectors/types';
import { type Config, platformEndpoints } from '../env';
import type { Admission, CallReport } from '../realtime/budget-store';
import type { HubEventBody } from '../realtime/events';
import { actionForError, type SyncAction } from './actions';
import type { SyncMessage } from './messages';

/** Everything a sync needs from the outside, injected so tests use real parts with their own wiring. */
export interface SyncDeps {
  db: Database;
  config: Config;
  tokenKey: CryptoKey;
  fetch: typeof fetch;
  now: () => Date;
  /** The tenant's hub: per-account budget and live fan-out. */
  hub: (tenantId: string) => Promise<{
    admit(adAccountId: string, platform: SyncAccount['platform']): Promise<Admission> | Admission;
    report(adAccountId: string, platform: SyncAccount['platform'], report: CallReport): Promise<void> | void;
    publish(...events: HubEventBody[]): Promise<unknown>;
  }>;
  /** The app-wide quota shared by all tenants. */
  quota: (platform: SyncAccount['platform']) => Promise<{
    admit(platform: SyncAccount['platform']): Promise<Admission> | Admission;
    report(platform: SyncAccount['platform'], report: CallReport): Promise<void> | void;
  }>;
}

export interface SyncSummary {
  action: SyncAction;
  rows: number;
  apiCalls: number;
  dataVersion?: number;
}

/** Refresh access tokens this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** A continuation usually waits on a platform report job (Meta async insights): give it time to finish. */
const CONTINUATION_DELAY_SECONDS = 30;

/**
 * Names and statuses change rarely: the hot lane (every 15 minutes) refreshes them once an hour,
 * every other lane always does. Entity calls are most of a hot sync's calls otherwise.
 */
export function wantsEntities(message: Pick<SyncMessage, 'lane' | 'enqueuedAt'>): boolean {
  return message.lane !== 'hot' || firstRunOfHour(message);
}

/**
 * Today's hourly pacing rows ride on the hot lane once an hour, where the platform has them
 * (LinkedIn is daily only); on Meta they cost an extra report, so not every 15 minutes.
 */
export function wantsHourly(message: Pick<SyncMessage, 'lane' | 'enqueuedAt'>, platform: SyncAccount['platform']): boolean {
  return message.lane === 'hot' && platform !== 'linkedin' && firstRunOfHour(message);
}

function firstRunOfHour(message: Pick<SyncMessage, 'enqueuedAt'>): boolean {
  return new Date(message.enqueuedAt).getUTCMinutes() < 15;
}

/**
 * One queue message: budget → token → connector → one transaction (facts, entities, rollups,
 * sync run) → publish. Re-running the same message converges on the same rows.
 */
export async function runSyncJob(message: SyncMessage, attempt: number, deps: SyncDeps): Promise<SyncSummary> {
  const { tenantId, adAccountId } = message;
  const startedAt = deps.now();
  const account = await withTenant(deps.db, tenantId, (tx) => loadSyncAccount(tx, adAccountId));
  if (!account?.enabled) return { action: { kind: 'drop', reason: 'ad account removed or disabled' }, rows: 0, apiCalls: 0 };
  const connection = account.connection;
  if (connection?.status !== 'active') {
    return { action: { kind: 'drop', reason: 'connection needs re-authorization' }, rows: 0, apiCalls: 0 };
  }

  const hub = await deps.hub(tenantId);
  const quota = await deps.quota(account.platform);
  const gate = await admit(hub, quota, account);
  if (!gate.admitted)
    return { action: { kind: 'defer', delaySeconds: Math.ceil(gate.retryAfterMs / 1000), cursor: message.cursor }, rows: 0, apiCalls: 0 };

  const endpoints = platformEndpoints(deps.config, account.platform);
  const connector = getConnector(account.platform);
  const token = await currentAccessToken(tenantId, account, deps);
  if (!token.ok) {
    await finishFailure(deps, message, account, startedAt, token.error, token.apiCalls);
    return { action: actionForError(token.error, attempt), rows: 0, apiCalls: token.apiCalls };
  }

  const fetchWindow = (accessToken: string) =>
    connector.syncWindow({
      account: {
        externalId: account.externalId,
        currency: account.currency,
        timeZone: account.timeZone,
        ...(account.managerExternalId ? { managerExternalId: account.managerExternalId } : {}),
      },
      window: { from: message.from, to: message.to },
      cursor: message.cursor,
      credentials: { accessToken, ...(deps.config.GOOGLE_DEVELOPER_TOKEN ? { developerToken: deps.config.GOOGLE_DEVELOPER_TOKEN } : {}) },
      http: { fetch: deps.fetch, baseUrl: endpoints.apiBase },
      options: { includeEntities: wantsEntities(message), includeHourly: wantsHourly(message, account.platform) },
    });
  let result: SyncResult = await fetchWindow(token.accessToken);
  // A token can be refused before its recorded expiry (clock skew, early rotation): refresh once
  // and retry before asking the user to reconnect.
  if (!result.ok && result.error.kind === 'auth_failed' && !token.refreshed && canRefresh(account)) {
    const retried = await currentAccessToken(tenantId, account, deps, { force: true });
    token.apiCalls += retried.apiCalls;
    if (retried.ok) {
      const second = await fetchWindow(retried.accessToken);
      result = { ...second, apiCalls: second.apiCalls + result.apiCalls };
    }
  }
  const apiCalls = result.apiCalls + token.apiCalls;
  const report = callReport(result);
  await hub.report(adAccountId, account.platform, report);
  await quota.report(account.platform, report);

  if (!result.ok) {
    await finishFailure(deps, message, account, startedAt, result.error, apiCalls);
    return { action: actionForError(result.error, attempt), rows: 0, apiCalls };
  }

  const committed = await withTenant(deps.db, tenantId, async (tx) => {
    await upsertEntities(tx, adAccountId, result.entities);
    await upsertDailyStats(tx, adAccountId, result.rows);
    if (result.hourly?.length) await upsertHourlyStats(tx, adAccountId, result.hourly);
    await rebuildRollups(tx, adAccountId, message.from, message.to);
    await recordSyncRun(tx, {
      adAccountId,
      lane: message.lane,
      windowFrom: message.from,
      windowTo: message.to,
      startedAt,
      finishedAt: deps.now(),
      outcome: 'ok',
      apiCalls,
      rows: result.rows.length,
      error: null,
    });
    await markAccountSynced(tx, adAccountId, deps.now());
    const progress = message.lane === 'backfill' ? (await listAdAccountStatus(tx, adAccountId))[0]?.backfill : undefined;
    return { dataVersion: await bumpDataVersion(tx), progress };
  });
  const events: HubEventBody[] = [
    { type: 'metrics-updated', adAccountIds: [adAccountId], from: message.from, to: message.to, dataVersion: committed.dataVersion },
  ];
  if (committed.progress) {
    const { windowsDone, windowsTotal, rows } = committed.progress;
    events.push({ type: 'sync-progress', adAccountId, windowsDone, windowsTotal, rows });
  }
  await hub.publish(...events);

  const action: SyncAction = result.nextCursor
    ? { kind: 'defer', delaySeconds: CONTINUATION_DELAY_SECONDS, cursor: result.nextCursor }
    : { kind: 'done' };
  return { action, rows: result.rows.length, apiCalls, dataVersion: committed.dataVersion };
}

async function admit(
  hub: Awaited<ReturnType<SyncDeps['hub']>>,
  quota: Awaited<ReturnType<SyncDeps['quota']>>,
  account: SyncAccount,
): Promise<Admission> {
  const own = await hub.admit(account.adAccountId, account.platform);
  if (!own.admitted) return own;
  return quota.admit(account.platform);
}

function callReport(result: SyncResult): CallReport {
  const usage = result.usage.map((u: UsageSignal) => ({ utilPct: u.utilPct, regainAccessMinutes: u.regainAccessMinutes }));
  const calls = result.apiCalls;
  if (result.ok) return { outcome: 'success', usage, calls };
  if (result.error.kind === 'rate_limited') return { outcome: 'rate_limited', usage, calls, retryAfterMs: result.error.retryAfterMs };
  return { outcome: result.error.kind === 'transient' ? 'failure' : 'success', usage, calls };
}

type TokenResult =
  | { ok: true; accessToken: string; apiCalls: number; refreshed: boolean }
  | { ok: false; error: ConnectorError; apiCalls: number };

function canRefresh(account: SyncAccount): boolean {
  return Boolean(account.connection?.refreshTokenEnc && getConnector(account.platform).oauth.refresh);
}

/** The access token to use, refreshed first when it is about to expire (Google: one hour). */
async function currentAccessToken(
  tenantId: string,
  account: SyncAccount,
  deps: SyncDeps,
  options: { force?: boolean } = {},
): Promise<TokenResult> {
  const connection = account.connection!;
  const accessToken = await decryptToken(deps.tokenKey, connection.accessTokenEnc, connection.id);
  const expiresSoon =
    connection.accessExpiresAt !== null && connection.accessExpiresAt.getTime() - deps.now().getTime() < REFRESH_MARGIN_MS;
  const connector = getConnector(account.platform);
  if (!expiresSoon && !options.force) return { ok: true, accessToken, apiCalls: 0, refreshed: false };
  if (!connector.oauth.refresh || !connection.refreshTokenEnc) {
    return {
      ok: false,
      error: { kind: 'auth_failed', message: 'Access token expired and the platform offers no refresh: reconnect.' },
      apiCalls: 0,
    };
  }
  const endpoints = platformEndpoints(deps.config, account.platform);
  const refreshed = await connector.oauth.refresh({
    http: { fetch: deps.fetch, baseUrl: endpoints.tokenBase },
    app: endpoints.app,
    refreshToken: await decryptToken(deps.tokenKey, connection.refreshTokenEnc, connection.id),
  });
  if (!refreshed.ok) return refreshed;
  const { tokens } = refreshed;
  const accessExpiresAt = tokens.accessTokenExpiresInSeconds
    ? new Date(deps.now().getTime() + tokens.accessTokenExpiresInSeconds * 1000)
    : null;
  const accessTokenEnc = await encryptToken(deps.tokenKey, tokens.accessToken, connection.id);
  await withTenant(deps.db, tenantId, (tx) => storeAccessToken(tx, connection.id, { accessTokenEnc, accessExpiresAt }));
  return { ok: true, accessToken: tokens.accessToken, apiCalls: refreshed.apiCalls, refreshed: true };
}

async function finishFailure(
  deps: SyncDeps,
  message: SyncMessage,
  account: SyncAccount,
  startedAt: Date,
  error: ConnectorError,
  apiCalls: number,
): Promise<void> {
  await withTenant(deps.db, message.tenantId, async (tx) => {
    if (error.kind === 'auth_failed' && account.connection) {
      await markConnectionNeedsReauth(tx, account.connection.id, error.message);
    }
    await recordSyncRun(tx, {
      adAccountId: message.adAccountId,
      lane: message.lane,
      windowFrom: message.from,
      windowTo: message.to,
      startedAt,
      finishedAt: deps.now(),
      outcome: error.kind,
      apiCalls,
      rows: 0,
      error: error.message.slice(0, 500),
    });
  });
}
