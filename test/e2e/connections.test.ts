import { mkdir } from 'node:fs/promises';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_OWNER_LOGIN, DEMO_TENANTS } from '../../dev/seed/demo-data';
import { simulatedMs } from '../../worker/lib/clock';
import { openBrowser, PHONE } from './browser';
import { signIn } from './pages';

const appUrl = inject('appUrl');
const fakesUrl = inject('fakesUrl');
// The pages' "now" is the Worker's clock: the fakes' instant plus the time since the run started.
const timeScale = inject('timeScale');
const superDatabaseUrl = inject('superDatabaseUrl');
// Partner B (Google + LinkedIn) gains Meta here: dashboard.test.ts and live-update.test.ts read Partner A only.
const tenant = DEMO_TENANTS.find((t) => t.slug === 'partner-b')!;
const owner = inject('demoLogins').find((l) => l.email === DEMO_OWNER_LOGIN.email);
const viewer = inject('demoLogins').find((l) => l.email === 'viewer@partner-b.example');

type Member = { id: string; key: string };

async function control<T>(path: string, body?: unknown): Promise<T> {
  const init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(`${fakesUrl}/_control${path}`, init);
  if (!res.ok) throw new Error(`fakes ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Makes the fake platform's consent dialog sign in as Partner B's member and approve at once. */
async function chooseConsentMember(platform: 'meta' | 'linkedin'): Promise<void> {
  const { members } = await control<{ members: Record<string, Member[]> }>('/world');
  const member = members[platform]?.find((m) => m.key === tenant.slug);
  expect(member, `the fake ${platform} has a Partner B member`).toBeDefined();
  await control(`/oauth/${platform}`, { memberId: member!.id, autoApprove: true });
}

const cards = (page: Page) => page.getByRole('list', { name: 'Ad accounts' }).locator('article');
const backfillStates = (page: Page) =>
  cards(page).evaluateAll((articles) => articles.map((a) => a.querySelector('[data-backfill]')?.getAttribute('data-backfill') ?? 'none'));

describe('the Connections page in a browser', () => {
  let phone: Awaited<ReturnType<typeof openBrowser>>;
  let membersBefore: Record<string, { memberId: string }> = {};

  beforeAll(async () => {
    expect(owner, 'the demo seed has the agency owner login').toBeDefined();
    expect(viewer, 'the demo seed has a Partner B viewer').toBeDefined();
    await mkdir('test-results', { recursive: true });
    membersBefore = await control<Record<string, { memberId: string }>>('/oauth');
    phone = await openBrowser(PHONE, true);
  });

  afterAll(async () => {
    await phone?.dispose();
    // The consent dialog's member is global per platform: give the next suite the ones it had.
    for (const platform of ['meta', 'linkedin']) {
      const memberId = membersBefore[platform]?.memberId;
      if (memberId) await control(`/oauth/${platform}`, { memberId });
    }
  });

  it('on a phone, the owner connects Meta through the consent flow and watches its history import finish without a reload', async () => {
    await phone.clearCookies();
    const page = await phone.newPage();
    await signIn(page, appUrl, owner!);
    await page.goto(`${appUrl}/t/${tenant.slug}/connections`, { waitUntil: 'networkidle' });

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Connections');
    expect(await cards(page).evaluateAll((articles) => articles.map((a) => a.getAttribute('data-platform')).sort())).toEqual([
      'google_ads',
      'linkedin',
    ]);
    expect(await backfillStates(page), 'the demo backfill finished in global setup').toEqual(['complete', 'complete']);
    expect(await page.locator('[data-health="ok"]').count()).toBe(2);
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toContain('Live');

    await chooseConsentMember('meta');

    // 90 days of history is three monthly windows, all started at once (a year would be released in waves a minute apart).
    await page.getByLabel('30 days').check({ force: true });
    await page.getByLabel('90 days').check({ force: true });
    // The button asks the API (a same-origin POST) for the consent URL, then navigates there.
    const connect = page.getByRole('button', { name: 'Connect Meta' });
    const started = page.waitForRequest((r) => r.url().endsWith(`/api/tenants/${tenant.id}/connections/meta/connect`));
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/t/${tenant.slug}/connections` && url.searchParams.get('connected') === 'meta', {
        waitUntil: 'load',
      }),
      connect.click(),
    ]);
    const request = await started;
    expect([request.method(), request.postData()]).toEqual(['POST', '{"backfillDays":90}']);
    let loads = 0;
    page.on('load', () => (loads += 1));
    await page.evaluate(() => Object.assign(window, { __landed: 'still here' }));

    await page.screenshot({ path: 'test-results/phone-connections-importing.png' });
    expect(await page.locator('[data-notice="success"]').textContent()).toContain('Meta connected: 1 ad account.');
    const metaCard = page.locator('article[data-platform="meta"]');
    expect(await metaCard.count()).toBe(1);
    expect(await metaCard.locator('h2').textContent()).toBe('Berliner Möbelhaus');
    expect(await metaCard.textContent()).toContain('EUR · Europe/Berlin');

    // Every reading of the card's import, until it says complete.
    const seen: string[] = [];
    await expect
      .poll(
        async () => {
          const bar = metaCard.getByRole('progressbar');
          const state = (await bar.count())
            ? `${await bar.getAttribute('aria-valuenow')}/${await bar.getAttribute('aria-valuemax')}`
            : await metaCard.locator('[data-backfill]').getAttribute('data-backfill');
          if (seen.at(-1) !== state) seen.push(state ?? 'none');
          return state;
        },
        { timeout: 90_000, interval: 100 },
      )
      .toBe('complete');
    console.log(`Meta backfill as the open page showed it: ${seen.join(' → ')}`);
    expect(seen[0], 'the import was still running when the page landed, so completion arrived live').toMatch(/^\d+\/3$/);
    expect(await metaCard.locator('[data-backfill="complete"]').textContent()).toMatch(/History imported: .+ · [\d,]+ rows/);
    expect(await page.evaluate(() => (window as unknown as { __landed?: string }).__landed), 'the page was not reloaded').toBe(
      'still here',
    );
    expect(loads, 'no navigation happened after landing').toBe(0);
    expect(new URL(page.url()).pathname).toBe(`/t/${tenant.slug}/connections`);

    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, 'nothing overflows the 390 px viewport sideways').toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: 'test-results/phone-connections.png', fullPage: true });

    await page.getByRole('button', { name: 'Dismiss this message' }).click();
    expect(await page.locator('[data-notice]').count()).toBe(0);
    expect(new URL(page.url()).search, 'dismissing drops the outcome from the URL').toBe('');
    expect(loads, 'dismissing does not navigate').toBe(0);
    await page.close();
  }, 150_000);

  it('the open overview shows a live "Syncing history" line while a reconnect re-imports LinkedIn history, and drops it when done', async () => {
    await phone.clearCookies();
    const overview = await phone.newPage();
    await signIn(overview, appUrl, owner!);
    await overview.goto(`${appUrl}/t/${tenant.slug}`, { waitUntil: 'networkidle' });
    await expect.poll(() => overview.getByRole('status').textContent(), { timeout: 15_000 }).toContain('Live');
    expect(await overview.locator('[data-syncing-history]').count(), 'nothing is importing before the reconnect').toBe(0);
    let loads = 0;
    overview.on('load', () => (loads += 1));
    // Every text the line shows, recorded in the page: three windows can land within a second.
    await overview.evaluate(() => {
      const shown: string[] = [];
      const record = () => {
        const text = document.querySelector('[data-syncing-history] .text')?.textContent ?? '';
        if (shown.at(-1) !== text) shown.push(text);
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
      Object.assign(window, { __syncingShown: shown });
    });

    await chooseConsentMember('linkedin');
    // Another tab of the same browser starts the reconnect as the page's button does: a same-origin POST, then the consent URL.
    const connect = await phone.newPage();
    await connect.goto(`${appUrl}/t/${tenant.slug}/connections`, { waitUntil: 'networkidle' });
    await Promise.all([
      connect.waitForURL((url) => url.searchParams.get('connected') === 'linkedin', { waitUntil: 'load' }),
      connect.evaluate(async (tenantId) => {
        const res = await fetch(`/api/tenants/${tenantId}/connections/linkedin/connect`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ backfillDays: 90 }),
        });
        window.location.assign(((await res.json()) as { authorizeUrl: string }).authorizeUrl);
      }, tenant.id),
    ]);
    await connect.close();

    const shown = () => overview.evaluate(() => (window as unknown as { __syncingShown: string[] }).__syncingShown);
    await expect
      .poll(async () => (await shown()).some((text) => text.includes('for LinkedIn · ')), { timeout: 30_000, interval: 100 })
      .toBe(true);
    await expect.poll(() => overview.locator('[data-syncing-history]').count(), { timeout: 60_000, interval: 100 }).toBe(0);
    const texts = (await shown()).filter(Boolean);
    console.log(`overview line: ${texts.join(' → ')}`);
    expect(
      texts.every((text) => /^Syncing history: \d of 3 months for LinkedIn · Berliner Möbelhaus Business$/.test(text)),
      texts.join(' | '),
    ).toBe(true);
    expect(loads, 'the overview never reloaded').toBe(0);
    await overview.close();
  }, 120_000);

  it('an ending grant shows a dated warning and a refused one an error, with Reconnect for the owner and none for a viewer', async () => {
    const db = new pg.Client({ connectionString: superDatabaseUrl });
    await db.connect();
    type Saved = { id: string; platform: string; status: string; refresh_expires_at: Date | null };
    const { rows: saved } = await db.query<Saved>(
      `select id, platform, status, refresh_expires_at from connections where tenant_id = $1 and platform in ('linkedin', 'meta')`,
      [tenant.id],
    );
    expect(saved.map((c) => c.platform).sort()).toEqual(['linkedin', 'meta']);
    const context = await openBrowser(PHONE, true);
    try {
      // LinkedIn refresh tokens end a year after consent; Meta refused the token.
      await db.query(`update connections set refresh_expires_at = $2 where tenant_id = $1 and platform = 'linkedin'`, [
        tenant.id,
        new Date(simulatedMs(timeScale, Date.now()) + 10 * 86_400_000),
      ]);
      await db.query(`update connections set status = 'needs_reauth' where tenant_id = $1 and platform = 'meta'`, [tenant.id]);

      const page = await context.newPage();
      await signIn(page, appUrl, viewer!);
      await page.goto(`${appUrl}/t/${tenant.slug}/connections`, { waitUntil: 'networkidle' });
      expect(await cards(page).count()).toBe(3);
      const expiring = page.locator('article[data-platform="linkedin"] [data-health="expiring"]');
      expect(await expiring.textContent()).toMatch(/Access ends on [A-Z][a-z]{2} \d{1,2}, \d{4}/);
      expect(await expiring.textContent()).toContain('Access ends in 10 days');
      const refused = page.locator('article[data-platform="meta"] [data-health="needs_reauth"]');
      expect(await refused.getAttribute('role')).toBe('alert');
      expect(await refused.textContent()).toContain('Reconnect needed');
      expect(await page.locator('[data-connect]').count(), 'a viewer gets no Connect buttons').toBe(0);
      expect(await page.getByRole('button', { name: /^(Connect |Reconnect$)/ }).count(), 'nor Reconnect buttons').toBe(0);
      expect(await page.getByText('An owner, admin or editor can reconnect it.').count()).toBe(2);
      expect(await page.getByRole('link', { name: 'Connections' }).getAttribute('aria-current')).toBe('page');
      await page.screenshot({ path: 'test-results/phone-connections-viewer.png', fullPage: true });

      await context.clearCookies();
      await signIn(page, appUrl, owner!);
      await page.goto(`${appUrl}/t/${tenant.slug}/connections`, { waitUntil: 'networkidle' });
      expect(await page.getByRole('button', { name: 'Reconnect', exact: true }).count()).toBe(2);
      // Reconnect asks the API for Meta's consent URL with a POST; the navigation to the platform is stopped here.
      await page.route(`${fakesUrl}/**`, (route) => route.abort());
      const [request] = await Promise.all([
        page.waitForRequest((r) => r.url().endsWith('/connect')),
        page.locator('article[data-platform="meta"]').getByRole('button', { name: 'Reconnect', exact: true }).click(),
      ]);
      expect([request.method(), new URL(request.url()).pathname]).toEqual(['POST', `/api/tenants/${tenant.id}/connections/meta/connect`]);
    } finally {
      await context.dispose();
      for (const c of saved)
        await db.query('update connections set status = $2, refresh_expires_at = $3 where id = $1', [c.id, c.status, c.refresh_expires_at]);
      await db.end();
    }
  });

  it('on a phone, an account the platform refuses for good shows why and a stopped import instead of a progress bar', async () => {
    const db = new pg.Client({ connectionString: superDatabaseUrl });
    await db.connect();
    const { rows: accounts } = await db.query<{ id: string; backfill_state: unknown }>(
      `select id, backfill_state from ad_accounts where tenant_id = $1 and platform = 'google_ads'`,
      [tenant.id],
    );
    expect(accounts).toHaveLength(1);
    const google = accounts[0]!;
    const runIds: string[] = [];
    const context = await openBrowser(PHONE, true);
    try {
      // A three-month import requested just now (after the seed's own import) whose window Google refused: the customer was closed.
      const requestedAt = new Date().toISOString();
      await db.query(`update ad_accounts set backfill_state = $2::jsonb where id = $1`, [
        google.id,
        JSON.stringify({ from: '2026-09-03', to: '2026-12-01', windowsTotal: 3, requestedAt }),
      ]);
      const inserted = await db.query<{ id: string }>(
        `insert into sync_runs (tenant_id, ad_account_id, lane, window_from, window_to, finished_at, outcome, error)
         values ($1, $2, 'backfill', '2026-11-02', '2026-12-01', now(), 'permanent', $3) returning id`,
        [
          tenant.id,
          google.id,
          "google report: PERMISSION_DENIED CUSTOMER_NOT_ENABLED The customer account can't be accessed because it is not yet enabled or has been deactivated.",
        ],
      );
      runIds.push(...inserted.rows.map((r) => r.id));

      const page = await context.newPage();
      await signIn(page, appUrl, owner!);
      await page.goto(`${appUrl}/t/${tenant.slug}/connections`, { waitUntil: 'networkidle' });
      const card = page.locator('article[data-platform="google_ads"]');
      const failing = card.locator('[data-sync-state="failing"]');
      expect(await failing.getAttribute('role')).toBe('alert');
      expect(await failing.locator('[data-sync-reason]').textContent()).toBe(
        'Google Ads says this account is not enabled (closed or cancelled).',
      );
      expect(await failing.textContent()).toContain('Reactivate it in Google Ads');
      expect(await card.locator('[data-health="ok"]').count(), 'a refused account does not say "Connected"').toBe(0);
      expect(await card.getByRole('progressbar').count(), 'no bar that would never move').toBe(0);
      const stopped = card.locator('[data-backfill="stopped"]');
      expect(await stopped.textContent()).toContain('History import stopped');
      expect(await stopped.textContent()).toContain('0 of 3 months');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await page.screenshot({ path: 'test-results/phone-connections-failing.png', fullPage: true });

      await page.goto(`${appUrl}/t/${tenant.slug}`, { waitUntil: 'networkidle' });
      expect(await page.locator('[data-syncing-history]').count(), 'the overview does not call a stuck account importing').toBe(0);
    } finally {
      await context.dispose();
      await db.query('delete from sync_runs where id = any($1::uuid[])', [runIds]);
      await db.query(`update ad_accounts set backfill_state = $2::jsonb where id = $1`, [google.id, JSON.stringify(google.backfill_state)]);
      await db.end();
    }
  });
});
