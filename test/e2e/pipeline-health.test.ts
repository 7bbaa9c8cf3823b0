import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_OWNER_LOGIN, DEMO_TENANTS } from '../../dev/seed/demo-data';
import type { PipelineOverview } from '../../worker/read-models/pipeline-fleet';
import type { PipelineHealth } from '../../worker/read-models/pipeline-health';
import { DESKTOP, openBrowser, PHONE } from './browser';
import { signIn } from './pages';

const appUrl = inject('appUrl');
// Partner A only reads here: connections.test.ts changes Partner B.
const tenant = DEMO_TENANTS.find((t) => t.slug === 'partner-a')!;
const viewer = inject('demoLogins').find((l) => l.email === 'viewer@partner-a.example');
const owner = inject('demoLogins').find((l) => l.email === DEMO_OWNER_LOGIN.email);

/** The figures that do not move with the clock, so the page and the API can be compared exactly. */
function stableFigures(health: PipelineHealth) {
  return health.accounts.map((a) => ({
    id: a.id,
    status: a.status,
    lastOutcome: a.lastRun?.outcome ?? '',
    capacityPerHour: a.budget?.capacityPerHour ?? '',
    calls: a.callsLastDay,
    deferrals: a.deferrals.count,
    deadLetters: a.deadLetters,
    breaker: a.breaker?.state ?? '',
    lastSyncedAt: a.lastSyncedAt,
  }));
}

/** What the page shows per account row, read from its cells. */
function pageFigures(page: Page) {
  return page.locator('tr.account').evaluateAll((rows) =>
    rows.map((row) => {
      const value = (field: string) => row.querySelector(`[data-field="${field}"]`)?.getAttribute('data-value') ?? null;
      return {
        id: row.getAttribute('data-account-id'),
        status: value('status'),
        lastOutcome: value('last-sync'),
        capacityPerHour: value('budget') === '' ? '' : Number(value('budget')),
        calls: Number(value('calls')),
        deferrals: Number(value('deferrals')),
        deadLetters: Number(value('dead-letters')),
        breaker: value('breaker'),
        lastSyncedAt: row.querySelector('[data-field="lag"] time')?.getAttribute('datetime') ?? null,
      };
    }),
  );
}

async function apiJson<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(`${appUrl}${path}`);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

/**
 * Reads the API, loads the page, reads the API again, until both API reads agree (a sync may land
 * in between): then the page was rendered from the same figures.
 */
async function pageBetweenEqualReads<T>(page: Page, apiPath: string, pagePath: string, stable: (value: T) => unknown): Promise<T> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await apiJson<T>(page, apiPath);
    await page.goto(`${appUrl}${pagePath}`, { waitUntil: 'networkidle' });
    const after = await apiJson<T>(page, apiPath);
    if (JSON.stringify(stable(before)) === JSON.stringify(stable(after))) return after;
  }
  throw new Error(`${apiPath} kept changing while the page loaded`);
}

describe('the pipeline-health pages in a browser, phone first', () => {
  let phone: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    expect(viewer, 'the demo seed has a Partner A viewer').toBeDefined();
    expect(owner, 'the demo seed has the agency owner login').toBeDefined();
    await mkdir('test-results', { recursive: true });
    phone = await openBrowser(PHONE, true);
  });

  afterAll(async () => {
    await phone?.dispose();
  });

  it("shows a tenant's figures exactly as the API returns them, worst first, without sideways scrolling", async () => {
    await phone.clearCookies();
    const page = await phone.newPage();
    await signIn(page, appUrl, viewer!);
    const health = await pageBetweenEqualReads<PipelineHealth>(
      page,
      `/api/tenants/${tenant.slug}/pipeline-health`,
      `/t/${tenant.slug}/pipeline`,
      stableFigures,
    );

    expect(health.accounts.length, 'the demo tenant has synced ad accounts').toBeGreaterThan(0);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Pipeline health');
    expect(await pageFigures(page)).toEqual(stableFigures(health));
    for (const account of health.accounts) {
      const row = page.locator(`tr[data-account-id="${account.id}"]`);
      expect(await row.isVisible()).toBe(true);
      expect(await row.locator('.name').textContent()).toBe(account.name);
      expect(await row.locator('[data-field="calls"] .total').textContent()).toMatch(new RegExp(`^${account.callsLastDay} calls?$`));
      expect(await row.locator('[data-field="dead-letters"]').textContent()).toContain(String(account.deadLetters));
      if (account.budget) expect(await row.locator('[data-field="budget"]').textContent()).toContain(`${account.budget.capacityPerHour}/h`);
      // The chart draws the hours the API returned: its label carries their total.
      const chart = row.locator('figure.calls-chart');
      expect(await chart.getAttribute('aria-label')).toContain(`${account.callsLastDay} in all`);
      await chart.locator('svg').first().waitFor({ state: 'attached', timeout: 15_000 });
    }
    const counts = await page
      .locator('.counts li')
      .evaluateAll((chips) => Object.fromEntries(chips.map((c) => [c.getAttribute('data-status'), Number(c.getAttribute('data-count'))])));
    expect(counts).toEqual(Object.fromEntries(Object.entries(health.statusCounts).filter(([, n]) => n > 0)));
    expect(await page.locator('#dead-letters-title').textContent()).toBe(`Dead letters (${health.deadLetters.length})`);
    // Each connector's pinned API version with its sunset, as the API states it.
    const versions = await page
      .locator('.api-versions li')
      .evaluateAll((items) => items.map((li) => [li.getAttribute('data-platform'), li.querySelector('strong')?.textContent ?? '']));
    expect(versions).toEqual(health.apiVersions.map((v) => [v.platform, expect.stringContaining(v.version)]));
    for (const v of health.apiVersions) {
      expect(await page.locator(`.api-versions li[data-platform="${v.platform}"]`).textContent()).toContain(`${v.daysToSunset} days`);
    }

    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'nothing overflows the 390 px viewport').toBeLessThanOrEqual(
      PHONE.width,
    );
    await page.screenshot({ path: 'test-results/phone-pipeline-health.png', fullPage: true });
  });

  it('lays the same rows out as a table with a header on a wide screen', async () => {
    const desktop = await openBrowser(DESKTOP);
    try {
      const page = await desktop.newPage();
      await signIn(page, appUrl, viewer!);
      const health = await pageBetweenEqualReads<PipelineHealth>(
        page,
        `/api/tenants/${tenant.slug}/pipeline-health`,
        `/t/${tenant.slug}/pipeline`,
        stableFigures,
      );
      expect(await page.locator('table.accounts thead').isVisible()).toBe(true);
      expect(await page.locator('tr.account').evaluateAll((rows) => rows.map((r) => getComputedStyle(r).display))).toEqual(
        health.accounts.map(() => 'table-row'),
      );
      expect(await pageFigures(page)).toEqual(stableFigures(health));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(DESKTOP.width);
      await page.screenshot({ path: 'test-results/desktop-pipeline-health.png', fullPage: true });
    } finally {
      await desktop.dispose();
    }
  });

  it("leads from an account's card on the Connections page to that account's row", async () => {
    await phone.clearCookies();
    const page = await phone.newPage();
    await signIn(page, appUrl, viewer!);
    await page.goto(`${appUrl}/t/${tenant.slug}/connections`, { waitUntil: 'networkidle' });
    const card = page.locator('article[data-account-id]').first();
    const accountId = await card.getAttribute('data-account-id');
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/t/${tenant.slug}/pipeline`),
      card.getByRole('link', { name: 'Pipeline health of this account' }).click(),
    ]);
    expect(new URL(page.url()).hash).toBe(`#account-${accountId}`);
    expect(await page.locator(`tr#account-${accountId}`).isVisible()).toBe(true);
    expect(
      await page
        .getByRole('navigation', { name: 'Dashboard sections' })
        .getByRole('link', { name: 'Pipeline' })
        .getAttribute('aria-current'),
    ).toBe('page');
  });

  it('shows the agency owner one line per client, worst first, as the agency API returns them', async () => {
    await phone.clearCookies();
    const page = await phone.newPage();
    await signIn(page, appUrl, owner!);
    const stable = (o: PipelineOverview) =>
      o.tenants.map((t) => ({ id: t.tenant.id, worst: t.worstStatus, dl: t.deadLetters, d: t.deferrals }));
    const overview = await pageBetweenEqualReads<PipelineOverview>(page, '/api/agency/pipeline-health', '/pipeline', stable);
    expect(overview.tenants.map((t) => t.tenant.id)).toEqual(expect.arrayContaining(DEMO_TENANTS.map((t) => t.id)));
    const lines = await page.locator('li.tenant').evaluateAll((items) =>
      items.map((li) => ({
        id: li.getAttribute('data-tenant-id'),
        worst: li.getAttribute('data-status'),
        dl: Number(li.querySelector('[data-field="dead-letters"]')?.textContent?.match(/\d+/)?.[0]),
        d: Number(li.querySelector('[data-field="deferrals"]')?.textContent?.match(/\d+/)?.[0]),
      })),
    );
    expect(lines).toEqual(stable(overview));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });
});
