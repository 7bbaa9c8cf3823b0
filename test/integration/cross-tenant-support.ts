/// <reference types="vite/client" />
import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { rowsOf } from '../../db/database';
import { agencies, memberships, sessions, tenantDomains, tenants, users } from '../../db/schema';
import type { MembershipRole } from '../../db/schema/enum-values';
import { api } from '../../worker/api/app';
import { openApiDocument } from '../../worker/api/v1/document';
import { SESSION_COOKIE } from '../../worker/auth/cookies';
import { hashPassword, sha256Hex } from '../../worker/auth/password';
import * as workerModule from '../../worker/index';
import { type CreatedKey, createKey, type TestAgency, v1Raw } from './api-v1-support';
import { call, signInCookie, testEnv, unique } from './support';

/*
 * The routes are read from the code, never listed by hand: Hono's route table, SvelteKit's route
 * folders (pages and their form actions), the partyserver Durable Object bindings and the OpenAPI
 * document. A route someone adds shows up here by itself, and the matrix fails until it has a case.
 */

/** `GET /api/tenants/:tenant/overview`: every API endpoint Hono serves (middleware registrations left out). */
export function apiEndpoints(): string[] {
  const endpoints = api.routes
    // A `.use()` registers an ALL route whose handler takes (c, next); an `.all()` endpoint takes (c).
    .filter((route) => !(route.method === 'ALL' && route.handler.length >= 2))
    .map((route) => `${route.method} ${route.path}`);
  return [...new Set(endpoints)].sort();
}

const pageFiles = import.meta.glob('../../app/routes/**/+page.svelte');
const pageServerSources = import.meta.glob<string>('../../app/routes/**/+page.server.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** `/t/[tenant]/connections` from `../../app/routes/t/[tenant]/connections/+page.svelte`. */
function routeOf(file: string): string {
  const folder = file.replace('../../app/routes', '').replace(/\/\+page\.(svelte|server\.ts)$/, '');
  // Route groups `(name)` do not appear in the URL.
  return folder.replace(/\/\([^)]+\)/g, '') || '/';
}

/** The names of a page's form actions, read from its `export const actions = { … }`. */
export function actionNames(source: string): string[] {
  const block = /export const actions[^=]*=\s*\{([\s\S]*?)\n\};/.exec(source)?.[1];
  if (!block) return [];
  return [...block.matchAll(/^ {2}(?:async )?['"]?([A-Za-z_$][\w$]*)['"]?\s*[:(]/gm)].map((m) => m[1]!);
}

/** `GET /t/[tenant]` for every page, `POST /login?/default` for every form action. */
export function pageEndpoints(): string[] {
  const pages = Object.keys(pageFiles).map((file) => `GET ${routeOf(file)}`);
  const actions = Object.entries(pageServerSources).flatMap(([file, source]) =>
    actionNames(source).map((name) => `POST ${routeOf(file)}?/${name}`),
  );
  return [...new Set([...pages, ...actions])].sort();
}

const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** `WS /parties/tenant-hub/:room` for every Durable Object the Worker exports and binds: partyserver routes to each. */
export function socketEndpoints(): string[] {
  return Object.entries(workerModule)
    .filter(([name, value]) => name !== 'default' && typeof value === 'function' && name in env)
    .map(([name]) => `WS /parties/${kebab(name)}/:room`)
    .sort();
}

/** `GET /api/v1/tenants/:tenantId` for every operation of the OpenAPI document, in Hono's path syntax. */
export function openApiOperations(): string[] {
  const paths = (openApiDocument() as { paths?: Record<string, Record<string, unknown>> }).paths ?? {};
  return Object.entries(paths)
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'].includes(method))
        .map((method) => `${method.toUpperCase()} /api/v1${path.replace(/\{([^}]+)\}/g, ':$1')}`),
    )
    .sort();
}

/** What the matrix needs to know about the victim: its ids, its names and everything they own. */
export interface Victim {
  agencyId: string;
  tenantId: string;
  slug: string;
  name: string;
  /** A verified custom hostname of the victim tenant. */
  hostname: string;
  userIds: string[];
  /** A campaign of the victim's ad account, for the campaign page. */
  campaignId: string;
  cookies: {
    agencyOwner: string;
    agencyViewer: string;
    tenantEditor: string;
    tenantViewer: string;
    /** A session of the agency owner whose expires_at has passed (inserted as such). */
    expired: string;
  };
  keys: { write: CreatedKey; read: CreatedKey; revoked: CreatedKey };
}

/** A session row of `userId` until `expiresAt` (inserted as sign-in stores one: the token's hash) and its Cookie header. */
export async function sessionCookie(db: Database, userId: string, expiresAt = new Date(Date.now() + 3_600_000)): Promise<string> {
  const token = unique('session-token');
  await db.insert(sessions).values({ id: await sha256Hex(token), userId, expiresAt });
  return `${SESSION_COOKIE}=${token}`;
}

/** The attacking side: another agency with its own tenant on its own verified custom hostname. */
export interface Attacker {
  agencyId: string;
  tenantId: string;
  hostname: string;
  /** The other agency's owner: a strong user, of another tenant. */
  cookie: string;
  key: CreatedKey;
}

let ipCounter = 0;
const nextIp = () => `203.0.113.${(ipCounter++ % 200) + 20}`;

export async function userWith(db: Database, scope: { tenantId: string } | { agencyId: string }, role: MembershipRole) {
  const email = `${unique(role)}@matrix.test`;
  const password = `pw-${unique('m')}`;
  const [user] = await db
    .insert(users)
    .values({ email, name: `Matrix ${role}`, passwordHash: await hashPassword(password) })
    .returning();
  await db.insert(memberships).values({ userId: user!.id, role, ...scope });
  return { id: user!.id, cookie: await signInCookie(email, password, nextIp()) };
}

async function agencyWithTenant(db: Database, label: string) {
  const [agency] = await db
    .insert(agencies)
    .values({ name: unique(`${label} Agency`) })
    .returning();
  const slug = unique(label).toLowerCase();
  const [tenant] = await db
    .insert(tenants)
    .values({
      slug,
      name: `${label} Client ${unique('n')}`,
      reportingCurrency: 'USD',
      timeZone: 'UTC',
      agencyId: agency!.id,
      branding: { displayName: `${label} Reports` },
    })
    .returning();
  const hostname = `${unique(label).toLowerCase()}.matrix-agency.com`;
  await db.insert(tenantDomains).values({ tenantId: tenant!.id, hostname, verificationStatus: 'verified' });
  return { agency: agency!, tenant: tenant!, hostname };
}

/** An agency as the API-key helpers expect it, whose owner is `owner`. */
function asTestAgency(agencyId: string, owner: string): TestAgency {
  return {
    agencyId,
    async cookieOf(role) {
      if (role !== 'owner') throw new Error('only the owner creates keys here');
      return owner;
    },
  };
}

/** Keys are used once so their last_used_at is fresh: a later use does not write (the snapshot stays still). */
async function warmed(key: CreatedKey): Promise<CreatedKey> {
  await (await v1Raw('/tenants', key.key)).arrayBuffer();
  return key;
}

/** The victim agency and tenant, filled through the product's own routes where it has them. */
export async function createVictim(db: Database): Promise<Victim> {
  const { agency, tenant, hostname } = await agencyWithTenant(db, 'Victim');
  const owner = await userWith(db, { agencyId: agency.id }, 'owner');
  const agencyViewer = await userWith(db, { agencyId: agency.id }, 'viewer');
  const tenantEditor = await userWith(db, { tenantId: tenant.id }, 'editor');
  const tenantViewer = await userWith(db, { tenantId: tenant.id }, 'viewer');
  const testAgency = asTestAgency(agency.id, owner.cookie);
  const keys = {
    write: await warmed(await createKey(testAgency, 'write')),
    read: await warmed(await createKey(testAgency, 'read')),
    revoked: await createKey(testAgency, 'write'),
  };
  const revoke = await call(`/api/agency/api-keys/${keys.revoked.id}`, { method: 'DELETE', headers: { cookie: owner.cookie } });
  if (revoke.status !== 204) throw new Error(`revoking failed: ${revoke.status}`);
  const expired = await sessionCookie(db, owner.id, new Date(Date.now() - 60_000));
  // Rows in the tenant-owned tables the routes read: a connection with an ad account and a day of data.
  const [connection] = rowsOf<{ id: string }>(
    await db.execute(
      sql`insert into connections (tenant_id, platform, external_user_id, access_token_enc) values (${tenant.id}, 'meta', ${unique('u')}, 'v1.test.test') returning id`,
    ),
  );
  const [account] = rowsOf<{ id: string }>(
    await db.execute(sql`insert into ad_accounts (tenant_id, connection_id, platform, external_id, name, currency, time_zone)
      values (${tenant.id}, ${connection!.id}, 'meta', ${unique('act')}, 'Victim account', 'USD', 'UTC') returning id`),
  );
  await db.execute(sql`insert into account_daily (tenant_id, ad_account_id, currency, date, impressions, clicks, spend_micros, conversions, conversion_value_micros)
    values (${tenant.id}, ${account!.id}, 'USD', '2026-11-01', 1000, 10, 5000000, 1, 0)`);
  const [campaign] = rowsOf<{ id: string }>(
    await db.execute(sql`insert into campaigns (tenant_id, ad_account_id, external_id, name, status)
      values (${tenant.id}, ${account!.id}, ${unique('cmp')}, 'Victim campaign', 'ACTIVE') returning id`),
  );
  const webhook = await v1Raw('/webhooks', keys.write.key, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${testEnv.FAKES_URL}/receivers/webhooks/matrix`, events: ['sync.failed'] }),
  });
  if (webhook.status !== 201) throw new Error(`webhook failed: ${webhook.status} ${await webhook.text()}`);
  return {
    agencyId: agency.id,
    tenantId: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    hostname,
    userIds: [owner.id, agencyViewer.id, tenantEditor.id, tenantViewer.id],
    campaignId: campaign!.id,
    cookies: {
      agencyOwner: owner.cookie,
      agencyViewer: agencyViewer.cookie,
      tenantEditor: tenantEditor.cookie,
      tenantViewer: tenantViewer.cookie,
      expired,
    },
    keys,
  };
}

export async function createAttacker(db: Database): Promise<Attacker> {
  const { agency, tenant, hostname } = await agencyWithTenant(db, 'Attacker');
  const owner = await userWith(db, { agencyId: agency.id }, 'owner');
  const key = await warmed(await createKey(asTestAgency(agency.id, owner.cookie), 'write'));
  return { agencyId: agency.id, tenantId: tenant.id, hostname, cookie: owner.cookie, key };
}

/**
 * Everything the victim agency owns (its tenants' rows included), read as the superuser: per table,
 * the row count and a hash of the rows. Tables are found from the catalog (any `tenant_id` or `agency_id` column), so a new table
 * is watched without a change here.
 */
export async function snapshotVictim(db: Database, victim: Victim): Promise<Record<string, string>> {
  const columns = rowsOf<{ table: string; column: string }>(
    await db.execute(sql`
      select c.relname as table, a.attname as column from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and not a.attisdropped
      where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relispartition = false
        and a.attname in ('tenant_id', 'agency_id')
      order by 1, 2`),
  );
  const users = sql.join(
    victim.userIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const scopes: Array<[string, ReturnType<typeof sql>]> = [
    ['tenants', sql`agency_id = ${victim.agencyId}::uuid`],
    ['agencies', sql`id = ${victim.agencyId}::uuid`],
    ['users', sql`id in (${users})`],
    // An expired session grants nothing (signing out with one deletes it; housekeeping purges the rest).
    ['sessions', sql`user_id in (${users}) and expires_at > now()`],
    ...columns.map(
      ({ table, column }) =>
        [
          `${table}.${column}`,
          column === 'tenant_id'
            ? sql`tenant_id in (select id from tenants where agency_id = ${victim.agencyId}::uuid)`
            : sql`agency_id = ${victim.agencyId}::uuid`,
        ] as [string, ReturnType<typeof sql>],
    ),
  ];
  const snapshot: Record<string, string> = {};
  for (const [label, where] of scopes) {
    const table = label.split('.')[0]!;
    const [row] = rowsOf<{ n: number; h: string | null }>(
      await db.execute(
        sql`select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as h from ${sql.identifier(table)} t where ${where}`,
      ),
    );
    snapshot[label] = `${row!.n}:${row!.h ?? ''}`;
  }
  return snapshot;
}

/**
 * The victim's identifiers found in an answer. An identifier the request itself carried (the
 * victim's slug in the attacked URL, echoed in a login redirect's `next`) tells the attacker nothing.
 */
export function victimIdentifiersIn(text: string, victim: Victim, requestUrl: string): string[] {
  const sent = decodeURIComponent(requestUrl);
  const identifiers = { 'tenant id': victim.tenantId, slug: victim.slug, name: victim.name, 'agency id': victim.agencyId };
  return Object.entries(identifiers)
    .filter(([, value]) => !sent.includes(value) && text.includes(value))
    .map(([label]) => label);
}
