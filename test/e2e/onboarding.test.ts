import { mkdir } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTidemarkClient } from '../../dev/api-client/client';
import { signIn as signInApi } from '../../dev/demo/app-client';
import { DEMO_OWNER_LOGIN } from '../../dev/seed/demo-data';
import { simulatedMs } from '../../worker/lib/clock';
import { verifySignature } from '../../worker/webhooks/signature';
import { openBrowser, PHONE } from './browser';
import { signIn } from './pages';

const appUrl = inject('appUrl');
const fakesUrl = inject('fakesUrl');
const timeScale = inject('timeScale');
const superDatabaseUrl = inject('superDatabaseUrl');
const owner = inject('demoLogins').find((l) => l.email === DEMO_OWNER_LOGIN.email)!;

const run = `${Date.now().toString(36)}`;
const hostname = `reports-${run}.acme-shoes.com`;
const BRANDING = {
  productName: 'Acme Shoes Insights',
  logoUrl: 'https://cdn.acme-shoes.com/logo.svg',
  primaryColor: '#aa3300',
  accentColor: '#225588',
  faviconUrl: 'https://cdn.acme-shoes.com/favicon.ico',
};

async function control<T>(path: string, body?: unknown): Promise<T> {
  const init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(`${fakesUrl}/_control${path}`, init);
  if (!res.ok) throw new Error(`fakes ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

type Member = { id: string; key: string; accountIds: string[] };

/** The fake platform's consent dialog signs in as this member and approves at once. */
async function consentAs(platform: 'meta' | 'linkedin', key: string): Promise<Member> {
  const { members } = await control<{ members: Record<string, Member[]> }>('/world');
  const member = members[platform]!.find((m) => m.key === key)!;
  await control(`/oauth/${platform}`, { memberId: member.id, autoApprove: true });
  return member;
}

describe('an agency onboards a client end to end', () => {
  let db: pg.Client;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let membersBefore: Record<string, { memberId: string }> = {};

  beforeAll(async () => {
    await mkdir('test-results', { recursive: true });
    db = new pg.Client({ connectionString: superDatabaseUrl });
    await db.connect();
    membersBefore = await control<Record<string, { memberId: string }>>('/oauth');
    // The client's custom hostname resolves to the Worker, as its CNAME to our SaaS zone would.
    browser = await openBrowser(PHONE, true, [`--host-resolver-rules=MAP ${hostname} 127.0.0.1`]);
  });

  afterAll(async () => {
    await browser?.dispose();
    await db?.end();
    for (const platform of ['meta', 'linkedin']) {
      const memberId = membersBefore[platform]?.memberId;
      if (memberId) await control(`/oauth/${platform}`, { memberId });
    }
  });

  it('creates a branded tenant on a custom domain and an onboarding link; the client connects Meta and LinkedIn, picks one of two accounts, and only picked accounts sync', async () => {
    // The agency's owner makes an API key (shown once) through the session API, as in the agency settings.
    const session = await signInApi(appUrl, owner);
    const keyRes = await session.request('/api/agency/api-keys', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: new URL(appUrl).origin },
      body: JSON.stringify({ name: `e2e onboarding ${run}`, scope: 'write' }),
    });
    expect(keyRes.status).toBe(201);
    const api = createTidemarkClient({ baseUrl: appUrl, apiKey: ((await keyRes.json()) as { key: string }).key });

    const receiver = `onboarding-${run}`;
    const webhook = await api.POST('/webhooks', {
      body: { url: `${fakesUrl}/receivers/webhooks/${receiver}`, events: ['backfill.completed'] },
    });
    expect(webhook.response.status, JSON.stringify(webhook.error)).toBe(201);
    const secret = webhook.data!.secret;

    // One idempotent call: the tenant with its branding and its custom domain; a retry replays it.
    const tenantBody = {
      name: 'Acme Shoes',
      slug: `acme-shoes-${run}`,
      reportingCurrency: 'EUR' as const,
      timeZone: 'Europe/Berlin',
      branding: BRANDING,
      customDomain: hostname,
    };
    const idempotencyKey = `tenant-${run}`;
    const created = await api.POST('/tenants', { params: { header: { 'idempotency-key': idempotencyKey } }, body: tenantBody });
    expect(created.response.status, JSON.stringify(created.error)).toBe(201);
    const replayed = await api.POST('/tenants', { params: { header: { 'idempotency-key': idempotencyKey } }, body: tenantBody });
    expect(replayed.response.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.data!.id).toBe(created.data!.id);
    const tenant = created.data!;
    expect(tenant.customDomain).toEqual({ hostname, status: 'pending' });

    // Cloudflare (the fake) sees the client's DNS and validates the hostname; a check picks it up.
    await control(`/cloudflare/hostnames/${hostname}/activate`, {});
    const { domains } = await session.getJson<{ domains: Array<{ id: string; hostname: string }> }>(`/api/tenants/${tenant.slug}/domains`);
    const domain = domains.find((d) => d.hostname === hostname)!;
    const check = await session.request(`/api/tenants/${tenant.slug}/domains/${domain.id}/check`, {
      method: 'POST',
      headers: { origin: new URL(appUrl).origin },
    });
    expect(((await check.json()) as { domain: { status: string } }).domain.status).toBe('verified');

    const link = await api.POST('/tenants/{tenantId}/onboarding-links', {
      params: { path: { tenantId: tenant.id } },
      body: { platforms: ['meta', 'linkedin'] },
    });
    expect(link.response.status, JSON.stringify(link.error)).toBe(201);
    const linkUrl = new URL(link.data!.url);
    expect(linkUrl.hostname).toBe(hostname);
    expect(linkUrl.port).toBe(new URL(appUrl).port);

    // The client, with no login, opens the link on the custom hostname.
    await browser.clearCookies();
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    await page.goto(linkUrl.toString(), { waitUntil: 'networkidle' });
    expect(await page.title()).toBe('Connect your ad accounts · Acme Shoes Insights');
    expect(await page.content()).not.toMatch(/tidemark/i);
    expect(await page.locator('[data-connect]').evaluateAll((b) => b.map((x) => x.getAttribute('data-connect')))).toEqual([
      'meta',
      'linkedin',
    ]);

    // Meta: this login sees one ad account, so it is picked without asking.
    await consentAs('meta', 'partner-a');
    await Promise.all([
      page.waitForURL((url) => url.hostname === hostname && url.searchParams.get('connected') === 'meta', { waitUntil: 'load' }),
      page.getByRole('button', { name: 'Connect Meta' }).click(),
    ]);
    expect(await page.locator('[data-notice="success"]').textContent()).toContain('It is the only one, so it syncs now.');

    // LinkedIn: this login sees two; the client picks one.
    const linkedIn = await consentAs('linkedin', 'demo');
    expect(linkedIn.accountIds).toHaveLength(2);
    await Promise.all([
      page.waitForURL((url) => url.hostname === hostname && url.searchParams.get('connected') === 'linkedin', { waitUntil: 'load' }),
      page.getByRole('button', { name: 'Connect LinkedIn' }).click(),
    ]);
    const picker = page.locator('[data-picker]');
    await picker.waitFor();
    const choices = picker.locator('input[type="checkbox"]');
    expect(await choices.count()).toBe(2);
    expect(
      await choices.evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).checked)),
      'nothing is ticked for the client',
    ).toEqual([false, false]);
    const pickedExternalId = (await choices.first().getAttribute('data-pick'))!;
    await choices.first().check();
    await page.getByRole('button', { name: 'Sync 1 account' }).click();
    // The other account keeps waiting in the picker: it can be picked later, and nothing syncs it meanwhile.
    await expect.poll(() => choices.count(), { timeout: 15_000 }).toBe(1);
    expect(await choices.first().getAttribute('data-pick')).not.toBe(pickedExternalId);

    // The import's progress arrives on the open page, for both synced accounts.
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          for (const state of await page.locator('[data-backfill]').evaluateAll((els) => els.map((e) => e.getAttribute('data-backfill'))))
            seen.add(state ?? '');
          return page.locator('[data-backfill="complete"]').count();
        },
        { timeout: 150_000, interval: 250 },
      )
      .toBe(2);
    expect(seen.has('running'), 'the page showed the import running before it completed').toBe(true);
    await page.screenshot({ path: 'test-results/phone-onboarding.png', fullPage: true });
    expect(
      await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
      'the page keeps to its Content-Security-Policy',
    ).toEqual([]);

    // In the database: only the picked accounts are enabled, and only they were synced.
    const { rows } = await db.query<{ id: string; platform: string; external_id: string; enabled: boolean; runs: number }>(
      `select a.id, a.platform, a.external_id, a.enabled,
         (select count(*)::int from sync_runs r where r.ad_account_id = a.id) as runs
       from ad_accounts a where a.tenant_id = $1 order by a.platform, a.external_id`,
      [tenant.id],
    );
    expect(rows).toHaveLength(3);
    const byExternal = Object.fromEntries(rows.map((r) => [`${r.platform}:${r.external_id}`, r]));
    const unpicked = rows.find((r) => r.platform === 'linkedin' && r.external_id !== pickedExternalId)!;
    expect(byExternal[`linkedin:${pickedExternalId}`]).toMatchObject({ enabled: true });
    expect(unpicked).toMatchObject({ enabled: false, runs: 0 });
    expect(rows.filter((r) => r.platform === 'meta')).toMatchObject([{ enabled: true }]);
    expect(rows.filter((r) => r.enabled).every((r) => r.runs > 0)).toBe(true);

    // The agency's webhook receiver got a signed backfill.completed per synced account, none for the unpicked one.
    type Received = { path: string; body: { raw: string; headers: Record<string, string | null> } };
    const received = async () =>
      (await control<{ items: Received[] }>('/outbox/webhooks')).items.filter((r) => r.path === `/webhooks/${receiver}`);
    const got = await expect
      .poll(async () => (await received()).length, { timeout: 60_000 })
      .toBe(2)
      .then(received);
    const completedFor = new Set<string>();
    for (const item of got) {
      const event = JSON.parse(item.body.raw) as { type: string; tenant: { id: string }; data: { adAccountId: string } };
      expect(event).toMatchObject({ type: 'backfill.completed', tenant: { id: tenant.id } });
      completedFor.add(event.data.adAccountId);
      const nowSeconds = Math.floor(simulatedMs(timeScale, Date.now()) / 1000);
      expect((await verifySignature(secret, item.body.headers['tidemark-signature'] ?? null, item.body.raw, nowSeconds)).ok).toBe(true);
    }
    expect(completedFor).toEqual(new Set(rows.filter((r) => r.enabled).map((r) => r.id)));
    await page.close();

    // The dashboard on the custom hostname: its logo, colours and favicon, never the product's name.
    const dashboard = await browser.newPage();
    const site = `http://${hostname}:${new URL(appUrl).port}`;
    await signIn(dashboard, site, owner);
    await dashboard.goto(`${site}/t/${tenant.slug}`, { waitUntil: 'networkidle' });
    expect(new URL(dashboard.url()).hostname).toBe(hostname);
    expect(await dashboard.title()).toContain('Acme Shoes Insights');
    // The copies kept when the branding was written, from this host (img-src 'self'), never the agency's URLs.
    const logo = dashboard.locator(`img[src^="/api/brand/${tenant.id}/logo/"]`).first();
    expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    // Svelte writes the hydrated head's href resolved against the page: it must be this host's.
    const favicon = dashboard.locator(`link[rel="icon"][href*="/api/brand/${tenant.id}/favicon/"]`).first();
    expect(new URL(await favicon.evaluate((link: HTMLLinkElement) => link.href)).origin).toBe(new URL(site).origin);
    expect(await dashboard.content()).not.toContain(BRANDING.logoUrl);
    const primary = await dashboard
      .locator('.tenant-theme')
      .first()
      .evaluate((el) => getComputedStyle(el).getPropertyValue('--brand-primary').trim());
    expect(primary.toLowerCase()).toBe(BRANDING.primaryColor);
    expect(await dashboard.locator('body').textContent()).not.toMatch(/tidemark/i);
    await dashboard.screenshot({ path: 'test-results/phone-custom-domain-dashboard.png', fullPage: true });
    await dashboard.close();
  }, 300_000);
});
