import { createExecutionContext, createMessageBatch, env, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../../db/database';
import type { Platform } from '../../db/schema/enum-values';
import worker from '../../worker/index';
import type { SyncMessage } from '../../worker/jobs/messages';
import { call, createTenantWithData, signInCookie, testEnv } from './support';

export type { Platform };

/**
 * A tenant of its own with an editor (who may connect platforms), signed in, and none of the
 * factory's placeholder accounts or connections: the scenario connects what it needs.
 */
export async function createEditorTenant(db: Database, ip: string) {
  const tenant = await createTenantWithData(db, []);
  await db.execute(sql`update memberships set role = 'editor' where tenant_id = ${tenant.tenantId}`);
  await db.execute(sql`delete from ad_accounts where tenant_id = ${tenant.tenantId}`);
  await db.execute(sql`delete from connections where tenant_id = ${tenant.tenantId}`);
  return { ...tenant, cookie: await signInCookie(tenant.email, tenant.password, ip) };
}

/** Talks to the fakes' control API (never used by product code). */
export async function control<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${testEnv.FAKES_URL}/_control${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface WorldMember {
  id: string;
  key: string;
  accountIds: string[];
}

/** The member of a platform's fake whose grant the OAuth dialog will give next. */
export async function chooseMember(platform: Platform, key: string): Promise<WorldMember> {
  const world = await control<{ members: Record<Platform, WorldMember[]> | WorldMember[] }>('/world');
  const all = Array.isArray(world.members) ? world.members : Object.values(world.members).flat();
  const member = all.find((m) => (m as WorldMember & { platform?: string }).platform === platform && m.key === key);
  if (!member) throw new Error(`no ${platform} member ${key} in the fake world`);
  await control(`/oauth/${platform}`, { method: 'POST', body: JSON.stringify({ memberId: member.id, autoApprove: true }) });
  return member;
}

/**
 * Runs the real connect flow: our connect endpoint (a same-origin POST answering the consent URL) →
 * the platform's consent dialog (fake) → our callback. Then picks every account the grant found that
 * waits for a choice (as a user ticking them all would; `pick: 'none'` leaves them waiting). Returns
 * where the callback sent the browser.
 */
export async function connectThroughOAuth(
  cookie: string,
  tenantId: string,
  platform: Platform,
  backfillDays: number,
  options: { pick?: 'all' | 'none' } = {},
): Promise<URL> {
  // The platforms' registered redirect URIs are local addresses in development.
  const origin = 'http://127.0.0.1:8787';
  const start = await call(`/api/tenants/${tenantId}/connections/${platform}/connect`, {
    origin,
    method: 'POST',
    headers: { cookie, origin, 'content-type': 'application/json' },
    body: JSON.stringify({ backfillDays }),
  });
  if (start.status !== 200) throw new Error(`connect: ${start.status} ${await start.text()}`);
  const { authorizeUrl } = (await start.json()) as { authorizeUrl: string };
  const nonce = /tm_oauth_nonce=([^;]+)/.exec(start.headers.get('set-cookie') ?? '')?.[1];
  const dialog = await fetch(authorizeUrl, { redirect: 'manual' });
  if (dialog.status !== 302) throw new Error(`dialog: ${dialog.status} ${await dialog.text()}`);
  const callback = new URL(dialog.headers.get('location')!);
  const done = await call(`${callback.pathname}${callback.search}`, {
    origin,
    headers: { cookie: `${cookie}; tm_oauth_nonce=${nonce}` },
    redirect: 'manual',
  });
  if (done.status !== 302) throw new Error(`callback: ${done.status} ${await done.text()}`);
  const landing = new URL(done.headers.get('location')!);
  if ((options.pick ?? 'all') === 'all' && landing.searchParams.has('connected') && landing.searchParams.get('picked') !== 'auto')
    await pickWaitingAccounts(cookie, tenantId, platform, backfillDays);
  return landing;
}

/** Picks, through the API, every account of the platform that waits for a first choice. */
export async function pickWaitingAccounts(cookie: string, tenantId: string, platform: Platform, backfillDays: number): Promise<string[]> {
  const origin = 'http://127.0.0.1:8787';
  const listed = await call(`/api/tenants/${tenantId}/ad-accounts`, { origin, headers: { cookie } });
  const { adAccounts } = (await listed.json()) as { adAccounts: Array<{ id: string; platform: string; selectedAt: string | null }> };
  const waiting = adAccounts.filter((a) => a.platform === platform && a.selectedAt === null).map((a) => a.id);
  if (!waiting.length) return [];
  const picked = await call(`/api/tenants/${tenantId}/ad-accounts/picks`, {
    origin,
    method: 'POST',
    headers: { cookie, origin, 'content-type': 'application/json' },
    body: JSON.stringify({ adAccountIds: waiting, sync: true, backfillDays }),
  });
  if (picked.status !== 200) throw new Error(`picks: ${picked.status} ${await picked.text()}`);
  return waiting;
}

/**
 * A tenant of its own connected to one platform as one fake member through the real OAuth flow,
 * with its short backfill landed through the real queue.
 */
export async function connectedTenant(
  db: Database,
  platform: Platform,
  member: string,
  options: { ip?: string; backfillDays?: number } = {},
) {
  const tenant = await createEditorTenant(db, options.ip ?? '198.51.100.150');
  const fake = await chooseMember(platform, member);
  await connectThroughOAuth(tenant.cookie, tenant.tenantId, platform, options.backfillDays ?? 3);
  const accounts = await tenantAccounts(db, tenant.tenantId);
  await eventually(
    () => syncOutcomes(db, tenant.tenantId, 'backfill'),
    (runs) => runs.filter((r) => r.outcome === 'ok').length >= accounts.length,
  );
  return { ...tenant, accounts, memberId: fake.id };
}

/** Delivers messages to the Worker's queue handler synchronously, as the queue would. */
export async function deliver(queue: string, bodies: unknown[], options: { ids?: string[]; attempts?: number } = {}) {
  const batch = createMessageBatch(
    queue,
    bodies.map((body, i) => ({
      id: options.ids?.[i] ?? `m-${Date.now()}-${i}-${Math.random()}`,
      timestamp: new Date(),
      attempts: options.attempts ?? 1,
      body,
    })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<SyncMessage>, env, ctx);
  await waitOnExecutionContext(ctx);
  return getQueueResult(batch, ctx);
}

export function syncMessage(
  tenantId: string,
  adAccountId: string,
  from: string,
  to: string,
  lane: SyncMessage['lane'] = 'manual',
): SyncMessage {
  return { kind: 'sync', tenantId, adAccountId, lane, from, to, cursor: null, enqueuedAt: new Date().toISOString(), deferrals: 0 };
}

/** Adds a fault on the fakes that only this ad account's requests can consume. */
export async function injectFault(
  platform: Platform,
  externalId: string,
  kind: 'server_error' | 'timeout' | 'truncated_body' | 'rate_limit' | 'revoked_token',
  remaining: number,
): Promise<void> {
  await control('/faults', { method: 'POST', body: JSON.stringify({ service: platform, kind, accountId: externalId, remaining }) });
}

export interface FakeCall {
  method: string;
  path: string;
  status: number;
  at: number;
  principal?: string;
}

/** The calls the fake recorded for one ad account (or one principal), oldest first. */
export async function fakeCalls(platform: Platform, filter: { accountId?: string; principal?: string }): Promise<FakeCall[]> {
  const query = new URLSearchParams({ service: platform, ...filter });
  return (await control<{ calls: FakeCall[] }>(`/calls?${query}`)).calls;
}

/** Waits until `done()` holds, polling; the queue consumer runs in the background. */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 150_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 500));
    value = await probe();
  }
  return value;
}

export interface AccountRow {
  id: string;
  externalId: string;
  backfillState: { from?: string; to?: string; windowsTotal?: number };
}

export async function tenantAccounts(db: Database, tenantId: string): Promise<AccountRow[]> {
  return rowsOf<AccountRow>(
    await db.execute(
      sql`select id, external_id as "externalId", backfill_state as "backfillState" from ad_accounts where tenant_id = ${tenantId} order by external_id`,
    ),
  );
}

/** The lane's runs that reached the platform (or were still running), oldest first; deferrals are left out (deferralRuns). */
export async function syncOutcomes(
  db: Database,
  tenantId: string,
  lane: string,
): Promise<Array<{ adAccountId: string; outcome: string; windowFrom: string; windowTo: string; rows: number }>> {
  return rowsOf(
    await db.execute(sql`select ad_account_id as "adAccountId", outcome, window_from::text as "windowFrom", window_to::text as "windowTo", rows
      from sync_runs where tenant_id = ${tenantId} and lane = ${lane} and outcome is distinct from 'deferred' order by started_at`),
  );
}

export interface FactRow {
  date: string;
  adId: string;
  impressions: number;
  clicks: number;
  spendMicros: number;
  conversions: number;
  conversionValueMicros: number;
}

/** What we stored for one ad account and window, in the fake's ground-truth shape. */
export async function storedFacts(db: Database, adAccountId: string, from: string, to: string): Promise<FactRow[]> {
  return rowsOf<FactRow>(
    await db.execute(sql`select date::text as date, ad_id as "adId", impressions::float8 as impressions, clicks::float8 as clicks,
      spend_micros::float8 as "spendMicros", conversions::float8 as conversions, conversion_value_micros::float8 as "conversionValueMicros"
      from ad_stats_daily where ad_account_id = ${adAccountId} and date between ${from} and ${to} order by date, ad_id`),
  );
}

/** The fake platform's ground truth for an account and window, as of the fake clock (or of `asOf`). */
export async function truthFacts(platform: Platform, externalId: string, from: string, to: string, asOf?: Date): Promise<FactRow[]> {
  const query = new URLSearchParams({ since: from, until: to, ...(asOf ? { asOf: asOf.toISOString() } : {}) });
  const truth = await control<{ facts: Array<FactRow & Record<string, unknown>> }>(`/truth/${platform}/${externalId}?${query}`);
  return truth.facts
    .map((f) => ({
      date: f.date,
      adId: f.adId,
      impressions: f.impressions,
      clicks: f.clicks,
      spendMicros: f.spendMicros,
      conversions: f.conversions,
      conversionValueMicros: f.conversionValueMicros,
    }))
    .sort((a, b) => (a.date === b.date ? (a.adId < b.adId ? -1 : 1) : a.date < b.date ? -1 : 1));
}

/** A content checksum of a tenant's facts and rollups (sync timestamps excluded). */
export async function tenantChecksum(db: Database, tenantId: string): Promise<string> {
  const [row] = rowsOf<{ facts: string; campaigns: string; accounts: string }>(
    await db.execute(sql`select
      (select md5(coalesce(string_agg(concat_ws(',', ad_account_id, ad_id, date, campaign_id, ad_group_id, impressions, clicks, spend_micros, conversions, conversion_value_micros, extras::text), '|' order by ad_account_id, ad_id, date), '')) from ad_stats_daily where tenant_id = ${tenantId}) as facts,
      (select md5(coalesce(string_agg(concat_ws(',', ad_account_id, campaign_id, date, impressions, clicks, spend_micros, conversions, conversion_value_micros), '|' order by ad_account_id, campaign_id, date), '')) from campaign_daily where tenant_id = ${tenantId}) as campaigns,
      (select md5(coalesce(string_agg(concat_ws(',', ad_account_id, date, impressions, clicks, spend_micros, conversions, conversion_value_micros), '|' order by ad_account_id, date), '')) from account_daily where tenant_id = ${tenantId}) as accounts`),
  );
  return `${row!.facts}:${row!.campaigns}:${row!.accounts}`;
}
