import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { sha256Hex } from '../../worker/auth/password';
import { createKey, createTestAgency, tenantBody, v1Client } from './api-v1-support';
import { chooseMember, eventually, syncOutcomes } from './pipeline-support';
import { call, closeWhenIdle, superDb, unique } from './support';

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));

// The platforms' registered redirect URIs are local addresses in development: the API is called on one.
const APP = 'http://127.0.0.1:8787';

/** An agency with a write key, and one of its tenants (branded) on a verified custom hostname unless `domain` is false. */
async function brandedTenant(options: { domain?: boolean } = {}) {
  const agency = await createTestAgency(arranged.db);
  const { key } = await createKey(agency, 'write');
  const hostname = `${unique('go').toLowerCase()}.acme-client.com`;
  const created = await v1Client(key).POST('/tenants', { body: tenantBody(options.domain === false ? {} : { customDomain: hostname }) });
  if (!created.data) throw new Error(`tenant: ${JSON.stringify(created.error)}`);
  if (options.domain !== false)
    await arranged.db.execute(sql`update tenant_domains set verification_status = 'verified' where hostname = ${hostname}`);
  return { agency, key, tenant: created.data, hostname };
}

async function createLink(key: string, tenantId: string, body: unknown = {}, headers: Record<string, string> = {}) {
  return call(`/api/v1/tenants/${tenantId}/onboarding-links`, {
    origin: APP,
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

type Link = { id: string; url: string; platforms: string[]; expiresAt: string };

async function linkOf(key: string, tenantId: string, body: unknown = {}): Promise<Link & { token: string }> {
  const res = await createLink(key, tenantId, body);
  if (res.status !== 201) throw new Error(`link: ${res.status} ${await res.text()}`);
  const link = (await res.json()) as Link;
  return { ...link, token: new URL(link.url).pathname.split('/').at(-1)! };
}

const linkRows = async (tenantId: string) =>
  rowsOf<{ id: string; token_hash: string; expires_at: Date; revoked_at: Date | null; platforms: string }>(
    await arranged.db.execute(
      sql`select id, token_hash, expires_at, revoked_at, platforms::text from onboarding_links where tenant_id = ${tenantId}`,
    ),
  );

describe('POST /api/v1/tenants/{tenantId}/onboarding-links', () => {
  it('returns a link on the tenant’s verified custom hostname with a random token of which only the SHA-256 is stored', async () => {
    const { key, tenant, hostname } = await brandedTenant();
    const before = Date.now();
    const link = await linkOf(key, tenant.id);
    const url = new URL(link.url);
    expect(url.hostname).toBe(hostname);
    expect(url.pathname).toMatch(/^\/onboard\/[A-Za-z0-9_-]{43}$/);
    expect(link.platforms).toEqual(['meta', 'google_ads', 'linkedin']);
    const expires = new Date(link.expiresAt).getTime();
    expect(expires - before).toBeGreaterThan(6.9 * 86_400_000);
    expect(expires - before).toBeLessThan(7.1 * 86_400_000);
    const [row] = await linkRows(tenant.id);
    expect(row!.token_hash).toBe(await sha256Hex(link.token));
    const dump = rowsOf<{ text: string }>(
      await arranged.db.execute(sql`select coalesce(string_agg(t::text, ' '), '') as text from (
        select row_to_json(l)::text as t from onboarding_links l union all select row_to_json(i)::text from idempotency_keys i
        union all select row_to_json(a)::text from audit_log a where tenant_id = ${tenant.id}) rows`),
    )[0]!.text;
    expect(dump, 'the token is stored nowhere in plain text').not.toContain(link.token);
  });

  it('opens on the app’s origin without a verified domain, takes platforms and a lifetime up to 30 days, and names a bad field', async () => {
    const { key, tenant } = await brandedTenant({ domain: false });
    const link = await linkOf(key, tenant.id, { platforms: ['linkedin', 'meta'], expiresInDays: 30 });
    expect(new URL(link.url).origin).toBe(APP);
    expect(link.platforms).toEqual(['meta', 'linkedin']);
    expect(new Date(link.expiresAt).getTime() - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    const tooLong = await createLink(key, tenant.id, { expiresInDays: 31 });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ code: 'validation_failed', issues: [{ field: 'expiresInDays' }] });
    const badPlatform = await createLink(key, tenant.id, { platforms: ['tiktok'] });
    expect(((await badPlatform.json()) as { issues: Array<{ field: string }> }).issues[0]!.field).toBe('platforms.0');
  });

  it('replays the same link for the same Idempotency-Key and body, and answers 409 for another body', async () => {
    const { key, tenant } = await brandedTenant();
    const idem = { 'idempotency-key': unique('k') };
    const first = await createLink(key, tenant.id, { expiresInDays: 3 }, idem);
    const again = await createLink(key, tenant.id, { expiresInDays: 3 }, idem);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(await linkRows(tenant.id)).toHaveLength(1);
    expect((await createLink(key, tenant.id, { expiresInDays: 4 }, idem)).status).toBe(409);
  });

  it('answers 404 for another agency’s tenant and 403 for a read key, creating nothing', async () => {
    const { tenant } = await brandedTenant();
    const other = await brandedTenant();
    expect((await createLink(other.key, tenant.id)).status).toBe(404);
    const { key: readKey } = await createKey(other.agency, 'read');
    expect((await createLink(readKey, other.tenant.id)).status).toBe(403);
    expect(await linkRows(tenant.id)).toHaveLength(0);
    expect(await linkRows(other.tenant.id)).toHaveLength(0);
  });
});

describe('the onboarding page', () => {
  it('shows the tenant’s name, logo, colours and favicon on its custom hostname, never the product’s name', async () => {
    const { key, tenant, hostname } = await brandedTenant();
    const link = await linkOf(key, tenant.id);
    const res = await call(`/onboard/${link.token}`, { origin: `http://${hostname}` });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>Connect your ad accounts · Acme Insights</title>');
    // The copies kept when the branding was written, served from this host; never the agency's URLs.
    const [kept] = rowsOf<{ logo: string; favicon: string }>(
      await arranged.db.execute(
        sql`select branding->>'logoSha256' as logo, branding->>'faviconSha256' as favicon from tenants where id = ${tenant.id}`,
      ),
    );
    expect(html).toContain(`<img src="/api/brand/${tenant.id}/logo/${kept!.logo}"`);
    expect(html).toContain(`<link rel="icon" href="/api/brand/${tenant.id}/favicon/${kept!.favicon}"`);
    expect(html).not.toContain('cdn.acme.test');
    const logo = await call(`/api/brand/${tenant.id}/logo/${kept!.logo}`, { origin: `http://${hostname}` });
    expect([logo.status, logo.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
    expect(html).toContain('#0f766e');
    expect(html, 'the token stays out of Referer headers').toContain('<meta name="referrer" content="no-referrer"');
    expect(html).not.toMatch(/tidemark/i);
  });

  it('answers 404 on another tenant’s custom hostname, for an unknown token, and once the link is revoked', async () => {
    const { key, tenant, hostname } = await brandedTenant();
    const other = await brandedTenant();
    const link = await linkOf(key, tenant.id);
    expect((await call(`/onboard/${link.token}`, { origin: `http://${other.hostname}` })).status).toBe(404);
    expect((await call(`/onboard/${'A'.repeat(43)}`, { origin: `http://${hostname}` })).status).toBe(404);
    expect((await call(`/api/onboard/${link.token}/accounts`, { origin: `http://${other.hostname}` })).status).toBe(404);
    const revoke = await call(`/api/v1/tenants/${tenant.id}/onboarding-links/${link.id}`, {
      origin: APP,
      method: 'DELETE',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(revoke.status).toBe(204);
    const page = await call(`/onboard/${link.token}`, { origin: `http://${hostname}` });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('was revoked');
    expect((await call(`/api/onboard/${link.token}/accounts`, { origin: `http://${hostname}` })).status).toBe(404);
  });
});

describe('connecting through an onboarding link', () => {
  it('needs no session: the client connects LinkedIn, picks one of two accounts, and only that one syncs', async () => {
    const { key, tenant, hostname } = await brandedTenant();
    const link = await linkOf(key, tenant.id, { platforms: ['linkedin'] });
    const site = `http://${hostname}`;
    const start = (platform: string, origin: string | null = site) =>
      call(`/api/onboard/${link.token}/connections/${platform}/connect`, {
        origin: site,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
        body: '{}',
      });
    expect((await start('linkedin', null)).status, 'no Origin').toBe(403);
    expect((await start('linkedin', 'https://evil.example')).status, 'a foreign Origin').toBe(403);
    expect((await start('meta')).status, 'a platform the link does not allow').toBe(403);

    await chooseMember('linkedin', 'demo');
    const started = await start('linkedin');
    expect(started.status).toBe(200);
    const consent = new URL(((await started.json()) as { authorizeUrl: string }).authorizeUrl);
    expect(consent.searchParams.get('redirect_uri'), 'the callback is on the product’s origin').toBe(`${APP}/api/oauth/linkedin/callback`);
    const dialog = await fetch(consent, { redirect: 'manual' });
    const callback = new URL(dialog.headers.get('location')!);
    const done = await call(`${callback.pathname}${callback.search}`, { origin: APP, redirect: 'manual' });
    expect(done.status).toBe(302);
    const back = new URL(done.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(`${site}/onboard/${link.token}`);
    expect(Object.fromEntries(back.searchParams)).toMatchObject({ connected: 'linkedin', accounts: '2', waiting: '2' });

    const accountsUrl = `/api/onboard/${link.token}/accounts`;
    const listed = (await (await call(accountsUrl, { origin: site })).json()) as {
      adAccounts: Array<{ id: string; awaitingChoice: boolean; picked: boolean }>;
    };
    expect(listed.adAccounts).toHaveLength(2);
    expect(listed.adAccounts.every((a) => a.awaitingChoice && !a.picked)).toBe(true);
    const [chosen, left] = listed.adAccounts;

    const pick = await call(`/api/onboard/${link.token}/ad-accounts/picks`, {
      origin: site,
      method: 'POST',
      headers: { origin: site, 'content-type': 'application/json' },
      body: JSON.stringify({ adAccountIds: [chosen!.id], sync: true, backfillDays: 3 }),
    });
    expect(pick.status).toBe(200);
    await eventually(
      () => syncOutcomes(arranged.db, tenant.id, 'backfill'),
      (runs) => runs.some((r) => r.outcome === 'ok'),
    );
    const runs = await syncOutcomes(arranged.db, tenant.id, 'backfill');
    expect(new Set(runs.map((r) => r.adAccountId))).toEqual(new Set([chosen!.id]));
    const rows = rowsOf<{ id: string; enabled: boolean }>(
      await arranged.db.execute(sql`select id, enabled from ad_accounts where tenant_id = ${tenant.id}`),
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.enabled]))).toEqual({ [chosen!.id]: true, [left!.id]: false });

    const progress = (await (await call(accountsUrl, { origin: site })).json()) as {
      adAccounts: Array<{ id: string; backfill: { windowsDone: number; windowsTotal: number } }>;
    };
    expect(progress.adAccounts.find((a) => a.id === chosen!.id)?.backfill).toMatchObject({ windowsDone: 1, windowsTotal: 1 });
    expect(JSON.stringify(progress), 'no token or figure of the tenant beyond progress').not.toMatch(/token|spend/i);

    const audit = rowsOf<{ actor_user_id: string | null; details: { by?: string } }>(
      await arranged.db.execute(
        sql`select actor_user_id, details from audit_log where tenant_id = ${tenant.id} and action = 'connection.added'`,
      ),
    );
    expect(audit).toEqual([{ actor_user_id: null, details: expect.objectContaining({ by: `onboarding_link:${link.id}` }) }]);
  });

  it('refuses to pick an account the link did not connect', async () => {
    const { key, tenant, hostname } = await brandedTenant();
    const link = await linkOf(key, tenant.id);
    const [account] = rowsOf<{ id: string }>(
      await arranged.db.execute(sql`insert into ad_accounts (tenant_id, platform, external_id, name, currency, time_zone, enabled)
        values (${tenant.id}, 'meta', ${unique('act')}, 'Agency-made account', 'EUR', 'Europe/Berlin', false) returning id`),
    );
    const site = `http://${hostname}`;
    const pick = await call(`/api/onboard/${link.token}/ad-accounts/picks`, {
      origin: site,
      method: 'POST',
      headers: { origin: site, 'content-type': 'application/json' },
      body: JSON.stringify({ adAccountIds: [account!.id], sync: true }),
    });
    expect(pick.status).toBe(404);
    const listed = (await (await call(`/api/onboard/${link.token}/accounts`, { origin: site })).json()) as { adAccounts: unknown[] };
    expect(listed.adAccounts, 'the link sees only the accounts it connected').toEqual([]);
  });

  it('refuses the callback once the link was revoked while the client was at the platform', async () => {
    const { key, tenant, hostname } = await brandedTenant();
    const link = await linkOf(key, tenant.id);
    const site = `http://${hostname}`;
    await chooseMember('meta', 'partner-a');
    const started = await call(`/api/onboard/${link.token}/connections/meta/connect`, {
      origin: site,
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: site },
      body: '{}',
    });
    const consent = new URL(((await started.json()) as { authorizeUrl: string }).authorizeUrl);
    const dialog = await fetch(consent, { redirect: 'manual' });
    await arranged.db.execute(sql`update onboarding_links set revoked_at = now() where id = ${link.id}`);
    const callback = new URL(dialog.headers.get('location')!);
    const done = await call(`${callback.pathname}${callback.search}`, { origin: APP, redirect: 'manual' });
    expect(done.status).toBe(403);
    expect(await done.json()).toMatchObject({ code: 'forbidden', detail: expect.stringContaining('no longer works') });
    expect(rowsOf(await arranged.db.execute(sql`select 1 from connections where tenant_id = ${tenant.id}`))).toHaveLength(0);
  });
});
