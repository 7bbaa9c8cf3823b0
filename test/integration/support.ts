import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { createDb, type Database } from '../../db/client';
import { rowsOf } from '../../db/database';
import { accountDaily, adAccounts, connections, memberships, tenants, users } from '../../db/schema';
import { hashPassword } from '../../worker/auth/password';

/** Bindings the test config (vitest.workers.config.ts) adds beyond wrangler.toml, as far as tests read them. */
export const testEnv = env as typeof env & {
  SUPER_DATABASE_URL: string;
  FAKES_URL: string;
  DATABASE_URL: string;
  WS_PROXY: string;
  OPERATOR_TOKEN: string;
};

/** A superuser connection for arranging data (bypasses RLS, like a migration would). */
export function superDb(): { db: Database; close(): Promise<void> } {
  return createDb({ databaseUrl: testEnv.SUPER_DATABASE_URL, wsProxy: testEnv.WS_PROXY });
}

/** A connection as the application role, exactly as the Worker connects. */
export function appDb(): { db: Database; close(): Promise<void> } {
  return createDb({ databaseUrl: testEnv.DATABASE_URL, wsProxy: testEnv.WS_PROXY });
}

/**
 * Ends a suite's pools once the Worker's own work has ended: the queue consumer and request
 * handlers close their pools when a job or request is done, so waiting until no application-role
 * connection is left keeps a file from ending (and workerd from cutting sockets) in the middle of
 * a background sync. Gives up waiting after `timeoutMs` and closes anyway.
 */
export async function closeWhenIdle(arranged: { db: Database; close(): Promise<void> }, ...others: Array<{ close(): Promise<void> }>) {
  for (const other of others) await other.close();
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const [row] = rowsOf<{ n: number }>(
      await arranged.db.execute(sql`select count(*)::int as n from pg_stat_activity where usename = 'tidemark_app'`),
    );
    if (row!.n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await arranged.close();
}

let counter = 0;
/** Unique per call, so every suite owns its rows and never depends on another's. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 6)}`;
}

export interface TestTenant {
  tenantId: string;
  slug: string;
  email: string;
  password: string;
  adAccountId: string;
}

/** A tenant with one viewer, one Meta ad account (USD) and account_daily rows for the given days. */
export async function createTenantWithData(
  db: Database,
  days: Array<{ date: string; spendMicros: number; impressions: number; clicks: number; conversions: number }>,
): Promise<TestTenant> {
  const slug = unique('t').toLowerCase();
  const email = `${slug}@example.test`;
  const password = `pw-${slug}`;
  const [tenant] = await db
    .insert(tenants)
    .values({ slug, name: `Tenant ${slug}`, reportingCurrency: 'USD', timeZone: 'America/New_York' })
    .returning();
  const [user] = await db
    .insert(users)
    .values({ email, name: `User ${slug}`, passwordHash: await hashPassword(password) })
    .returning();
  await db.insert(memberships).values({ userId: user!.id, tenantId: tenant!.id, role: 'viewer' });
  const [connection] = await db
    .insert(connections)
    .values({
      tenantId: tenant!.id,
      platform: 'meta',
      externalUserId: unique('member'),
      accessTokenEnc: 'v1.test.test',
      status: 'needs_reauth',
    })
    .returning();
  const [account] = await db
    .insert(adAccounts)
    .values({
      tenantId: tenant!.id,
      connectionId: connection!.id,
      platform: 'meta',
      externalId: unique('act'),
      name: 'Test account',
      currency: 'USD',
      timeZone: 'America/New_York',
    })
    .returning();
  if (days.length) {
    await db.insert(accountDaily).values(
      days.map((d) => ({
        tenantId: tenant!.id,
        adAccountId: account!.id,
        currency: 'USD',
        date: d.date,
        impressions: d.impressions,
        clicks: d.clicks,
        spendMicros: d.spendMicros,
        conversions: d.conversions,
        conversionValueMicros: 0,
      })),
    );
  }
  return { tenantId: tenant!.id, slug, email, password, adAccountId: account!.id };
}

/** Calls the Worker's own fetch handler, as a browser or API client would. */
export function call(path: string, init: RequestInit & { origin?: string } = {}): Promise<Response> {
  const { origin = 'http://tidemark.test', ...rest } = init;
  return exports.default.fetch(new Request(`${origin}${path}`, rest));
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return call(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** Signs in through the API and returns the Cookie header for later calls. */
export async function signInCookie(email: string, password: string, ip = '198.51.100.1'): Promise<string> {
  const res = await postJson('/api/auth/login', { email, password }, { 'cf-connecting-ip': ip });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0]!;
}
