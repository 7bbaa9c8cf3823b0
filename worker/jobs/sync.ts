import { type Database, withTenant } from '../../db/client';
import { listAdAccountStatus } from '../../db/queries/connections';
import { bumpDataVersion, lockAdAccountWrites, rebuildRollups, upsertDailyStats, upsertHourlyStats } from '../../db/queries/ingest';
import { recordDeferral } from '../../db/queries/pipeline-health';
import {
  loadSyncAccount,
  markAccountSynced,
  markConnectionNeedsReauth,
  recordSyncRun,
  type SyncAccount,
  type SyncRunRecord,
  upsertEntities,
} from '../../db/queries/sync';
import type { DeferralReason } from '../../db/schema/enum-values';
import { getConnector } from '../connectors/registry';
import type { Connector, ConnectorError, SyncInput, SyncResult, SyncSuccess } from '../connectors/types';
import { type Config, platformEndpoints } from '../env';
import { type SyncTrace, startSyncTrace } from '../observability/sync-trace';
import { NO_TELEMETRY, type Telemetry } from '../observability/telemetry';
import type { Admission, CallReport } from '../realtime/budget-store';
import type { HubEventBody } from '../realtime/events';
import { reportsFor } from '../realtime/usage-routing';
import { callWithAccessToken, type TokenedCall, type TokenSource } from './access-token';
import { actionForError, delaySecondsFromMs, type SyncAction } from './actions';
import type { SyncMessage } from './messages';
import { syncOptions } from './sync-options';

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
    /** Gives back an admission that was not used (the app-wide quota refused the call). */
    release(adAccountId: string, platform: SyncAccount['platform']): Promise<void> | void;
    report(adAccountId: string, platform: SyncAccount['platform'], report: CallReport): Promise<void> | void;
    publish(...events: HubEventBody[]): Promise<unknown>;
  }>;
  /** The app-wide quota shared by all tenants. */
  quota: (platform: SyncAccount['platform']) => Promise<{
    admit(platform: SyncAccount['platform']): Promise<Admission> | Admission;
    report(platform: SyncAccount['platform'], report: CallReport): Promise<void> | void;
  }>;
  /** The invocation's DataDog telemetry (the consumer flushes it); none when absent. */
  telemetry?: Telemetry;
}

export interface SyncSummary {
  action: SyncAction;
  rows: number;
  apiCalls: number;
  dataVersion?: number;
}

/** A continuation usually waits on a platform report job (Meta async insights): give it time to finish. */
const CONTINUATION_DELAY_SECONDS = 30;

type SyncableAccount = SyncAccount & { connection: NonNullable<SyncAccount['connection']> };
type Hub = Awaited<ReturnType<SyncDeps['hub']>>;
type Quota = Awaited<ReturnType<SyncDeps['quota']>>;
/** The account's platform, resolved once per job. */
interface PlatformAccess {
  connector: Connector;
  endpoints: ReturnType<typeof platformEndpoints>;
}

/**
 * One queue message: budget → token → connector → one transaction (facts, entities, rollups,
 * sync run) → publish. Re-running the same message converges on the same rows.
 */
export async function runSyncJob(message: SyncMessage, attempt: number, deps: SyncDeps): Promise<SyncSummary> {
  const trace = startSyncTrace(deps.telemetry ?? NO_TELEMETRY, message);
  try {
    const summary = await syncJob(message, attempt, { ...deps, fetch: trace.wrapFetch(deps.fetch) }, trace);
    trace.finish(summary);
    return summary;
  } catch (error) {
    trace.crashed(error);
    throw error;
  }
}

async function syncJob(message: SyncMessage, attempt: number, deps: SyncDeps, trace: SyncTrace): Promise<SyncSummary> {
  const startedAt = deps.now();
  const account = await withTenant(deps.db, message.tenantId, (tx) => loadSyncAccount(tx, message.adAccountId));
  if (!account?.enabled) return idle({ kind: 'drop', reason: 'ad account removed or disabled' });
  if (!isConnected(account)) return idle({ kind: 'drop', reason: 'connection needs re-authorization' });
  trace.account(account.platform);

  const hub = await deps.hub(message.tenantId);
  const quota = await deps.quota(account.platform);
  const gate = await trace.step('admission', () => admit(hub, quota, account));
  if (!gate.admitted) {
    const { adAccountId, lane, from: windowFrom, to: windowTo } = message;
    const deferral = { adAccountId, lane, windowFrom, windowTo, at: deps.now(), reason: gate.reason };
    await withTenant(deps.db, message.tenantId, (tx) => recordDeferral(tx, deferral));
    return idle({ kind: 'defer', reason: 'throttled', delaySeconds: delaySecondsFromMs(gate.retryAfterMs), cursor: message.cursor });
  }

  const platform: PlatformAccess = {
    connector: getConnector(account.platform),
    endpoints: platformEndpoints(deps.config, account.platform),
  };
  let synced: TokenedCall<SyncResult>;
  const token = trace.begin('token');
  try {
    synced = await callWithAccessToken(tokenSource(deps, message.tenantId, account, platform), (accessToken) => {
      token.end();
      return platform.connector.syncWindow(syncInput(message, account, platform, deps.config, deps.fetch, accessToken));
    });
  } catch (error) {
    // A throw is an unknown outcome: count it as a failure, so a half-open probe does not stay out forever.
    await hub.report(account.adAccountId, account.platform, { outcome: 'failure', usage: [], calls: 0 });
    throw error;
  } finally {
    token.end();
  }
  if (!synced.ok) {
    // No usable token: the platform was not called. Nothing to charge, but a probe's slot is given back.
    await hub.report(account.adAccountId, account.platform, { outcome: 'inconclusive', usage: [], calls: 0 });
    trace.failed(synced.error);
    return fail(deps, message, attempt, account, startedAt, synced.error, synced.apiCalls);
  }

  const { result, tokenCalls } = synced;
  const apiCalls = result.apiCalls + tokenCalls;
  const reports = reportsFor(result);
  trace.usage(result.usage);
  await hub.report(account.adAccountId, account.platform, reports.account);
  await quota.report(account.platform, reports.app);
  if (!result.ok) {
    trace.failed(result.error);
    return fail(deps, message, attempt, account, startedAt, result.error, apiCalls);
  }

  const committed = await trace.step('transaction', () => commitWindow(deps, message, result, startedAt, apiCalls));
  await trace.step('publish', () => hub.publish(...hubEvents(message, committed)));
  const action: SyncAction = result.nextCursor
    ? { kind: 'defer', reason: 'continuation', delaySeconds: continuationDelaySeconds(result), cursor: result.nextCursor }
    : { kind: 'done' };
  return { action, rows: result.rows.length, apiCalls, dataVersion: committed.dataVersion };
}

/** The connector's hint (a running Meta report) when it gave one, else the default. */
function continuationDelaySeconds(result: SyncSuccess): number {
  return result.retryAfterMs === undefined ? CONTINUATION_DELAY_SECONDS : delaySecondsFromMs(result.retryAfterMs);
}

function idle(action: SyncAction): SyncSummary {
  return { action, rows: 0, apiCalls: 0 };
}

function isConnected(account: SyncAccount): account is SyncableAccount {
  return account.connection?.status === 'active';
}

type Gate = { admitted: true } | { admitted: false; retryAfterMs: number; reason: DeferralReason };

async function admit(hub: Hub, quota: Quota, account: SyncAccount): Promise<Gate> {
  const own = await hub.admit(account.adAccountId, account.platform);
  if (!own.admitted) return own;
  const app: Admission = await quota.admit(account.platform);
  if (app.admitted) return app;
  await hub.release(account.adAccountId, account.platform);
  return { ...app, reason: 'quota' };
}

function tokenSource(deps: SyncDeps, tenantId: string, account: SyncableAccount, platform: PlatformAccess): TokenSource {
  const { db, tokenKey, fetch, now } = deps;
  const { tokenBase, app } = platform.endpoints;
  return {
    db,
    tokenKey,
    fetch,
    now,
    tenantId,
    connection: account.connection,
    oauth: platform.connector.oauth,
    endpoints: { tokenBase, app },
  };
}

function syncInput(
  message: SyncMessage,
  account: SyncAccount,
  platform: PlatformAccess,
  config: Config,
  fetch: typeof globalThis.fetch,
  accessToken: string,
): SyncInput {
  return {
    account: {
      externalId: account.externalId,
      currency: account.currency,
      timeZone: account.timeZone,
      ...(account.managerExternalId ? { managerExternalId: account.managerExternalId } : {}),
    },
    window: { from: message.from, to: message.to },
    cursor: message.cursor,
    credentials: { accessToken, ...(config.GOOGLE_DEVELOPER_TOKEN ? { developerToken: config.GOOGLE_DEVELOPER_TOKEN } : {}) },
    http: { fetch, baseUrl: platform.endpoints.apiBase },
    options: syncOptions(message, account.platform),
  };
}

function runRecord(
  deps: SyncDeps,
  message: SyncMessage,
  startedAt: Date,
  outcome: SyncRunRecord['outcome'],
  apiCalls: number,
  rows: number,
  error: string | null = null,
): SyncRunRecord {
  const { adAccountId, lane, from: windowFrom, to: windowTo } = message;
  return { adAccountId, lane, windowFrom, windowTo, startedAt, finishedAt: deps.now(), outcome, apiCalls, rows, error };
}

/** Facts, entities, rollups, the sync run and the new data version: one transaction, so dashboards never see half a window. */
async function commitWindow(deps: SyncDeps, message: SyncMessage, result: SyncSuccess, startedAt: Date, apiCalls: number) {
  const { tenantId, adAccountId } = message;
  return withTenant(deps.db, tenantId, async (tx) => {
    // First, so two windows of one account never interleave their upserts and rollup rebuilds.
    await lockAdAccountWrites(tx, adAccountId);
    await upsertEntities(tx, adAccountId, result.entities);
    await upsertDailyStats(tx, adAccountId, result.rows);
    if (result.hourly?.length) await upsertHourlyStats(tx, adAccountId, result.hourly);
    await rebuildRollups(tx, adAccountId, message.from, message.to);
    await recordSyncRun(tx, runRecord(deps, message, startedAt, 'ok', apiCalls, result.rows.length));
    await markAccountSynced(tx, adAccountId, deps.now());
    const progress = message.lane === 'backfill' ? (await listAdAccountStatus(tx, adAccountId))[0]?.backfill : undefined;
    return { dataVersion: await bumpDataVersion(tx), progress };
  });
}

function hubEvents(message: SyncMessage, committed: Awaited<ReturnType<typeof commitWindow>>): HubEventBody[] {
  const { adAccountId, from, to } = message;
  const events: HubEventBody[] = [{ type: 'metrics-updated', adAccountIds: [adAccountId], from, to, dataVersion: committed.dataVersion }];
  if (committed.progress) {
    const { windowsDone, windowsTotal, rows } = committed.progress;
    events.push({ type: 'sync-progress', adAccountId, windowsDone, windowsTotal, rows });
  }
  return events;
}

/** Records the failed run (and a dead grant) and maps the error to the consumer's action. */
async function fail(
  deps: SyncDeps,
  message: SyncMessage,
  attempt: number,
  account: SyncableAccount,
  startedAt: Date,
  error: ConnectorError,
  apiCalls: number,
): Promise<SyncSummary> {
  await withTenant(deps.db, message.tenantId, async (tx) => {
    if (error.kind === 'auth_failed') await markConnectionNeedsReauth(tx, account.connection.id, error.message);
    await recordSyncRun(tx, runRecord(deps, message, startedAt, error.kind, apiCalls, 0, error.message.slice(0, 500)));
  });
  return { action: actionForError(error, attempt), rows: 0, apiCalls };
}
