import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { DESKTOP, openBrowser, PHONE } from './browser';
import { openLogin as openLoginAt, signIn as signInAt, spendPathData, spendTile } from './pages';

const appUrl = inject('appUrl');
const fakesUrl = inject('fakesUrl');
const logins = inject('demoLogins');
const agencyLogin = logins.find((l) => /agency/i.test(l.description));
const clientLogin = logins.find((l) => l !== agencyLogin);

type Browser = Awaited<ReturnType<typeof openBrowser>>;

const openLogin = (page: Page) => openLoginAt(page, appUrl);
const signIn = (page: Page, login: { email: string; password: string }) => signInAt(page, appUrl, login);

async function expectOverview(page: Page): Promise<void> {
  expect(new URL(page.url()).pathname).toMatch(/^\/t\/[a-z0-9-]+$/);
  await expect.poll(() => spendTile(page).textContent()).toMatch(/[1-9]/);
  for (const label of ['Spend', 'Impressions', 'Clicks', 'CTR', 'CPC', 'Conversions', 'CPA']) {
    expect(await page.locator('.kpi-tiles .label', { hasText: new RegExp(`^${label}$`) }).count()).toBe(1);
  }
  const d = await spendPathData(page);
  expect(d).not.toContain('NaN');
  expect(await page.getByText("Dates are in each ad account's time zone.").isVisible()).toBe(true);
  expect(await page.getByRole('region', { name: 'Top campaigns by spend' }).locator('tbody tr').count()).toBeGreaterThan(0);
}

describe('the dashboard in a browser', () => {
  let phone: Browser;
  let desktop: Browser;

  beforeAll(async () => {
    expect(agencyLogin, 'the demo seed has an agency login').toBeDefined();
    expect(clientLogin, 'the demo seed has a client login').toBeDefined();
    await mkdir('test-results', { recursive: true });
    phone = await openBrowser(PHONE, true);
    desktop = await openBrowser(DESKTOP);
  });

  // Each test starts signed out: a session cookie left by the previous test would redirect /login away.
  beforeEach(async () => {
    await phone.clearCookies();
    await desktop.clearCookies();
  });

  afterAll(async () => {
    await phone?.dispose();
    await desktop?.dispose();
  });

  it('on a phone, a client user signs in and sees KPI tiles with spend, the chart and a live connection', async () => {
    const page = await phone.newPage();
    await signIn(page, clientLogin!);
    await expectOverview(page);
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toContain('Live');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, 'nothing overflows the 390 px viewport sideways').toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: 'test-results/phone-overview.png', fullPage: true });
    await page.close();
  });

  it('pages keep to their Content-Security-Policy: signing in, the overview and its live socket run with no violation', async () => {
    const page = await phone.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    const login = await page.goto(`${appUrl}/login`);
    expect(login?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(login?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await signIn(page, clientLogin!);
    await expectOverview(page);
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toContain('Live');
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    await page.close();
  });

  it('static files served before the Worker carry the same headers', async () => {
    const res = await fetch(`${appUrl}/favicon.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it("a dashboard page load sends its read models' query timings to DataDog, tagged with the query and the tenant", async () => {
    const page = await desktop.newPage();
    await signIn(page, clientLogin!);
    await fetch(`${fakesUrl}/_control/outbox/datadog`, { method: 'DELETE' });
    await page.reload();
    await expectOverview(page);
    await page.close();
    const tagged = async () => {
      const res = await fetch(`${fakesUrl}/_control/outbox/datadog`);
      const { items } = (await res.json()) as { items: Array<{ body: { series?: Array<{ metric: string; tags?: string[] }> } }> };
      return items
        .flatMap((i) => i.body.series ?? [])
        .filter((s) => s.metric === 'tidemark.dashboard.query_duration')
        .flatMap((s) => s.tags ?? []);
    };
    // The overview's figures may come from the query cache (no database time); the backfill read never does.
    await expect.poll(tagged, { timeout: 10_000 }).toContain('query:ad-accounts');
    const tags = await tagged();
    expect(tags.some((t) => /^tenant:[0-9a-f-]{36}$/.test(t))).toBe(true);
  });

  it('switching to the last 7 days keeps the preset in the URL and redraws the chart', async () => {
    const page = await phone.newPage();
    await signIn(page, clientLogin!);
    await spendPathData(page);
    await page.getByText('Dates', { exact: true }).click();
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('range') === 'last-7', { waitUntil: 'commit' }),
      page.getByRole('link', { name: 'Last 7 days' }).click(),
    ]);
    await expect.poll(() => page.locator('.filter-bar .current .dates').first().textContent()).toMatch(/–/);
    await page.getByText('Dates', { exact: true }).click();
    expect(await page.getByRole('link', { name: 'Last 7 days' }).getAttribute('aria-current')).toBe('true');
    expect(await spendPathData(page)).not.toContain('NaN');
    await page.close();
  });

  it('a wrong password shows the error, keeps the email and stays on /login', async () => {
    const page = await phone.newPage();
    await openLogin(page);
    await page.getByLabel('Email address').fill(clientLogin!.email);
    await page.getByLabel('Password').fill(`${clientLogin!.password}-wrong`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('The email or password is incorrect.');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByLabel('Email address').inputValue()).toBe(clientLogin!.email);
    await page.close();
  });

  it('the agency login sees the tenant picker with both client tenants', async () => {
    const page = await desktop.newPage();
    await signIn(page, agencyLogin!);
    expect(new URL(page.url()).pathname).toBe('/tenants');
    const links = page.getByRole('list', { name: 'Clients' }).getByRole('link');
    // The seeded clients; the onboarding test may add its own tenant to the same agency.
    const names = await links.allTextContents();
    expect(names.some((n) => n.includes('Partner A'))).toBe(true);
    expect(names.some((n) => n.includes('Partner B'))).toBe(true);
    await Promise.all([page.waitForURL(/\/t\//, { waitUntil: 'commit' }), links.filter({ hasText: 'Partner A' }).click()]);
    await expectOverview(page);
    expect(await page.getByRole('link', { name: 'All clients' }).isVisible()).toBe(true);
    await page.close();
  });

  it('on a desktop, the same overview renders with the campaign table, and signing out ends the session', async () => {
    const page = await desktop.newPage();
    await signIn(page, clientLogin!);
    await expectOverview(page);
    expect(await page.getByRole('region', { name: 'Top campaigns by spend' }).locator('thead').isVisible()).toBe(true);
    await page.screenshot({ path: 'test-results/desktop-overview.png', fullPage: true });
    await Promise.all([page.waitForURL(/\/login$/, { waitUntil: 'commit' }), page.getByRole('button', { name: 'Sign out' }).click()]);
    await page.goto(`${appUrl}/`);
    expect(new URL(page.url()).pathname, 'the session is gone after signing out').toBe('/login');
    await page.close();
  });

  it("asking for another tenant's dashboard gives the 404 page", async () => {
    const agency = await desktop.newPage();
    await signIn(agency, agencyLogin!);
    const hrefs = await agency
      .getByRole('list', { name: 'Clients' })
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    await agency.close();

    const context = await openBrowser(PHONE, true);
    try {
      const page = await context.newPage();
      await signIn(page, clientLogin!);
      const own = new URL(page.url()).pathname;
      const other = hrefs.find((href) => href !== own);
      expect(other, 'the agency sees a tenant the client user does not').toBeDefined();
      const response = await page.goto(`${appUrl}${other}`);
      expect(response?.status()).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
      expect(await page.getByRole('link', { name: 'Go to your dashboards' }).isVisible()).toBe(true);
      const unknown = await page.goto(`${appUrl}/t/00000000-0000-4000-8000-000000000000`);
      expect(unknown?.status()).toBe(404);
    } finally {
      await context.dispose();
    }
  });

  it('a signed-out visitor is sent to sign in', async () => {
    const context = await openBrowser(DESKTOP);
    try {
      const page = await context.newPage();
      await page.goto(`${appUrl}/`);
      expect(new URL(page.url()).pathname).toBe('/login');
    } finally {
      await context.dispose();
    }
  });
});
