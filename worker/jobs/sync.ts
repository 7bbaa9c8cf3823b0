import { type Database, withTenant } from '../../db/client';
import { loadBudgetInputs } from '../../db/queries/budget-inputs';
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
import type { DeferralReason, Platform } from '../../db/schema/enum-values';
import type { TokenKeyring } from '../auth/token-crypto';
import { getConnector } from '../connectors/registry';
import type { Connector, ConnectorError, SyncInput, SyncOptions, SyncResult, SyncSuccess } from '../connectors/types';
import { appQuotas, type Config, platformEndpoints } from '../env';
import { type SyncTrace, startSyncTrace } from '../observability/sync-trace';
import { NO_TELEMETRY, type Telemetry } from '../observability/telemetry';
import { accountDemands, appDemands, type Demand, type SyncPlan } from '../realtime/budget-scopes';
import type { Admission, ScopeReport } from '../realtime/budget-store';
import type { HubEventBody } from '../realtime/events';
import { reportsFor, unusedOptionalReservations } from '../realtime/usage-routing';
import { backfillCompleted, connectionNeedsReauth, type NewWebhookEvent, syncCompleted, syncFailed } from '../webhooks/events';
import { recordWebhookEvents } from '../webhooks/record';
import { callWithAccessToken, type TokenedCall, type TokenSource } from './access-token';
import { actionForError, delaySecondsFromMs, type SyncAction } from './actions';
import type { SyncMessage } from './messages';
import { syncOptions } from './sync-options';

/** Everything a sync needs from the outside, injected so tests use real parts with their own wiring. */
export interface SyncDeps {
  db: Database;
  config: Config;
  tokenKeys: TokenKeyring;
  fetch: typeof fetch;
  now: () => Date;
  /** The tenant's hub: per-account budgets and live fan-out. */
  hub: (tenantId: string) => Promise<BudgetHolder & { publish(...events: HubEventBody[]): Promise<unknown> }>;
  /** The app-wide budgets shared by all tenants (and LinkedIn's member days). */
  quota: (platform: SyncAccount['platform']) => Promise<BudgetHolder>;
  /** The invocation's DataDog telemetry (the consumer flushes it); none when absent. */
  telemetry?: Telemetry;
}

/** A Durable Object keeping budget scopes; every method takes the caller's clock (epoch ms from deps.now()). */
export interface BudgetHolder {
  admit(lane: SyncMessage['lane'], demands: Demand[], now: number): Promise<Admission> | Admission;
  /** Gives back an admission that was not used (a later gate refused the call). */
  release(demands: Demand[], now: number): Promise<void> | void;
  report(entries: ScopeReport[], now: number): Promise<void> | void;
}

export interface SyncSummary {
  action: SyncAction;
  rows: number;
  apiCalls: number;
  dataVersion?: number;
  /** Webhook events this sync recorded (in its transaction): the consumer hands them to the webhook queue. */
  webhookEventIds?: string[];
  /** A budget refusal: the scope (budget-keys.ts) and lane it refused, and when that lane may go there. */
  refusal?: Omit<Extract<Admission, { admitted: false }>, 'reason'> & { reason: DeferralReason };
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
  const { account, inputs } = await withTenant(deps.db, message.tenantId, async (tx) => {
    const found = await loadSyncAccount(tx, message.adAccountId);
    return { account: found, inputs: found?.enabled ? await loadBudgetInputs(tx, message.adAccountId) : null };
  });
  if (!account?.enabled || !inputs) return idle({ kind: 'drop', reason: 'ad account removed or disabled' });
  if (!isConnected(account)) return idle({ kind: 'drop', reason: 'connection needs re-authorization' });
  trace.account(account.platform);

  const hub = await deps.hub(message.tenantId);
  const quota = await deps.quota(account.platform);
  const options = syncOptions(message, account.platform);
  const plan: SyncPlan = {
    platform: account.platform,
    adAccountId: account.adAccountId,
    lane: message.lane,
    includeEntities: options.includeEntities ?? true,
    includeHourly: options.includeHourly ?? false,
    ...inputs,
    quotas: appQuotas(deps.config),
  };
  const gate = await trace.step('admission', () => admit(hub, quota, plan, startedAt.getTime()));
  if (!gate.admitted) {
    const { adAccountId, lane, from: windowFrom, to: windowTo } = message;
    const deferral = { adAccountId, lane, windowFrom, windowTo, at: deps.now(), reason: gate.reason };
    await withTenant(deps.db, message.tenantId, (tx) => recordDeferral(tx, deferral));
    const delaySeconds = delaySecondsFromMs(gate.retryAfterMs);
    return { ...idle({ kind: 'defer', reason: 'throttled', delaySeconds, cursor: message.cursor }), refusal: gate };
  }
  // An optional scope that refused (Meta's ads_management) is left out of this sync: its calls are not made.
  if (gate.skipped.length) options.includeEntities = false;
  const reportAt = () => deps.now().getTime();

  const platform: PlatformAccess = {
    connector: getConnector(account.platform),
    endpoints: platformEndpoints(deps.config, account.platform),
  };
  let synced: TokenedCall<SyncResult>;
  const token = trace.begin('token');
  try {
    synced = await callWithAccessToken(tokenSource(deps, message.tenantId, account, platform), (accessToken) => {
      token.end();
      return platform.connector.syncWindow(syncInput(message, account, platform, deps.config, deps.fetch, accessToken, options));
    });
  } catch (error) {
    // A throw is an unknown outcome: count it as a failure, so a half-open probe does not stay out forever.
    await hub.report([ownReport(gate.account, { outcome: 'failure', usage: [], calls: 0 })], reportAt());
    throw error;
  } finally {
    token.end();
  }
  if (!synced.ok) {
    // No usable token: the platform was not called. Nothing to charge, but a probe's slot is given back.
    await hub.report([ownReport(gate.account, { outcome: 'inconclusive', usage: [], calls: 0 })], reportAt());
    trace.failed(synced.error);
    return fail(deps, message, attempt, account, startedAt, synced.error, synced.apiCalls);
  }

  const { result, tokenCalls } = synced;
  const apiCalls = result.apiCalls + tokenCalls;
  const reports = reportsFor(result, plan, [...gate.account, ...gate.app]);
  trace.usage(result.usage);
  const now = reportAt();
  await hub.report(reports.account, now);
  const unused = unusedOptionalReservations(result, plan, gate.account);
  if (unused.length) await hub.release(unused, now);
  await quota.report(reports.app, now);
  if (!result.ok) {
    trace.failed(result.error);
    return fail(deps, message, attempt, account, startedAt, result.error, apiCalls);
  }

  const committed = await trace.step('transaction', () => commitWindow(deps, message, account.platform, result, startedAt, apiCalls));
  await trace.step('publish', () => hub.publish(...hubEvents(message, account.platform, committed)));
  const action: SyncAction = result.nextCursor
    ? { kind: 'defer', reason: 'continuation', delaySeconds: continuationDelaySeconds(result), cursor: result.nextCursor }
    : { kind: 'done' };
  return { action, rows: result.rows.length, apiCalls, dataVersion: committed.dataVersion, webhookEventIds: committed.eventIds };
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

type Refusal = Extract<Admission, { admitted: false }>;
type Gate =
  | { admitted: true; skipped: string[]; account: Demand[]; app: Demand[] }
  | (Omit<Refusal, 'reason'> & { admitted: false; reason: DeferralReason });

/** The account's scopes first, then the app-wide ones; a refusal of the second gives the first back. */
async function admit(hub: Hub, quota: Quota, plan: SyncPlan, now: number): Promise<Gate> {
  const accountSide = accountDemands(plan);
  const own = await hub.admit(plan.lane, accountSide, now);
  if (!own.admitted) return own;
  const skipped = own.skipped ?? [];
  const account = accountSide.filter((d) => !skipped.includes(d.key));
  const appSide = appDemands(plan);
  const app = await quota.admit(plan.lane, appSide, now);
  if (!app.admitted) {
    await hub.release(account, now);
    return { ...app, reason: 'quota' };
  }
  const appSkipped = app.skipped ?? [];
  return { admitted: true, skipped: [...skipped, ...appSkipped], account, app: appSide.filter((d) => !appSkipped.includes(d.key)) };
}

/** A report for the ad account's own scope only (the one holding its breaker). */
function ownReport(admitted: Demand[], report: ScopeReport['report']): ScopeReport {
  const own = admitted.find((d) => d.breaker)!;
  return { key: own.key, policy: own.policy, report: { ...report, reserved: 0 } };
}

function tokenSource(deps: SyncDeps, tenantId: string, account: SyncableAccount, platform: PlatformAccess): TokenSource {
  const { db, tokenKeys, fetch, now } = deps;
  const { tokenBase, app } = platform.endpoints;
  return {
    db,
    tokenKeys,
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
  options: SyncOptions,
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
    options,
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
async function commitWindow(
  deps: SyncDeps,
  message: SyncMessage,
  platform: Platform,
  result: SyncSuccess,
  startedAt: Date,
  apiCalls: number,
) {
  const { tenantId, adAccountId } = message;
  return withTenant(deps.db, tenantId, async (tx) => {
    // First, so two windows of one account never interleave their upserts and rollup rebuilds.
    await lockAdAccountWrites(tx, adAccountId);
    await upsertEntities(tx, adAccountId, result.entities);
    await upsertDailyStats(tx, adAccountId, result.rows);
    if (result.hourly?.length) await upsertHourlyStats(tx, adAccountId, result.hourly);
    await rebuildRollups(tx, adAccountId, message.from, message.to);
    await recordSyncRun(tx, { ...runRecord(deps, message, startedAt, 'ok', apiCalls, result.rows.length), continues: !!result.nextCursor });
    await markAccountSynced(tx, adAccountId, deps.now());
    const progress = message.lane === 'backfill' ? (await listAdAccountStatus(tx, adAccountId))[0]?.backfill : undefined;
    const dataVersion = await bumpDataVersion(tx);
    const facts = { adAccountId, platform, lane: message.lane, from: message.from, to: message.to };
    const events = [syncCompleted({ ...facts, rows: result.rows.length, apiCalls, dataVersion }, deps.now())];
    if (progress?.from && progress.to && progress.windowsTotal > 0 && progress.windowsDone >= progress.windowsTotal) {
      const { from, to, windowsTotal: windows, rows } = progress;
      events.push(backfillCompleted({ adAccountId, platform, from, to, windows, rows }, deps.now()));
    }
    const eventIds = await recordWebhookEvents(tx, events);
    return { dataVersion, progress, eventIds };
  });
}

function hubEvents(message: SyncMessage, platform: Platform, committed: Awaited<ReturnType<typeof commitWindow>>): HubEventBody[] {
  const { adAccountId, from, to } = message;
  const { dataVersion } = committed;
  const events: HubEventBody[] = [{ type: 'metrics-updated', adAccountIds: [adAccountId], platforms: [platform], from, to, dataVersion }];
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
  const action = actionForError(error, attempt);
  const webhookEventIds = await withTenant(deps.db, message.tenantId, async (tx) => {
    const events: NewWebhookEvent[] = [];
    const at = deps.now();
    if (error.kind === 'auth_failed' && (await markConnectionNeedsReauth(tx, account.connection.id, error.message))) {
      events.push(connectionNeedsReauth({ connectionId: account.connection.id, platform: account.platform, reason: error.message }, at));
    }
    await recordSyncRun(tx, runRecord(deps, message, startedAt, error.kind, apiCalls, 0, error.message.slice(0, 500)));
    // Only a failure that will not be retried is news; a transient one usually heals on its retry.
    if (action.kind === 'drop' || action.kind === 'reauth') {
      const { adAccountId, lane, from, to } = message;
      events.push(
        syncFailed({ adAccountId, platform: account.platform, lane, from, to, error: { kind: error.kind, message: error.message } }, at),
      );
    }
    return recordWebhookEvents(tx, events);
  });
  return { action, rows: 0, apiCalls, webhookEventIds };
}
