import { mkdir } from 'node:fs/promises';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { FAKE_FX_CURRENCIES, fakeEurRate } from '../../dev/fakes/services/fx-rates';
import { DEMO_TENANTS } from '../../dev/seed/demo-data';
import { addDays } from '../../worker/lib/dates';
import { openBrowser, PHONE } from './browser';
import { signIn, spendTile } from './pages';

const appUrl = inject('appUrl');
const superDatabaseUrl = inject('superDatabaseUrl');
const logins = inject('demoLogins');
const ownerLogin = logins.find((l) => /agency/i.test(l.description));
const viewerLogin = logins.find((l) => l.email === 'viewer@partner-a.example');
const tenant = DEMO_TENANTS.find((t) => t.slug === 'partner-a')!;
const settingsUrl = `${appUrl}/t/${tenant.slug}/settings`;

/** Nothing on the page is wider than the phone. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

describe('the settings page on a phone', () => {
  let phone: Awaited<ReturnType<typeof openBrowser>>;
  let db: pg.Client;
  /** FX rates this suite stored for Partner A's days (the e2e stack loads none), removed again afterwards. */
  let addedRates: Array<{ date: string; quote: string }> = [];

  beforeAll(async () => {
    expect(ownerLogin, 'the demo seed has an agency owner').toBeDefined();
    expect(viewerLogin, 'the demo seed has a Partner A viewer').toBeDefined();
    await mkdir('test-results', { recursive: true });
    db = new pg.Client({ connectionString: superDatabaseUrl });
    await db.connect();
    const { rows } = await db.query<{ first: string; last: string; currencies: string[] }>(
      `select min(d.date)::text as first, max(d.date)::text as last, array_agg(distinct a.currency) as currencies
       from account_daily d join ad_accounts a on a.id = d.ad_account_id where d.tenant_id = $1`,
      [tenant.id],
    );
    const { first, last, currencies } = rows[0]!;
    expect(first, 'Partner A has backfilled days').toBeTruthy();
    const quotes = currencies.filter((c) => c !== 'EUR' && FAKE_FX_CURRENCIES.includes(c));
    for (let date = addDays(first, -4); date <= last; date = addDays(date, 1)) {
      for (const quote of quotes) {
        const inserted = await db.query(
          `insert into fx_rates (date, base, quote, rate) values ($1, 'EUR', $2, $3) on conflict do nothing returning date`,
          [date, quote, fakeEurRate(quote, date)],
        );
        if (inserted.rowCount) addedRates.push({ date, quote });
      }
    }
    phone = await openBrowser(PHONE, true);
  });

  beforeEach(async () => {
    await phone.clearCookies();
  });

  afterAll(async () => {
    await phone?.dispose();
    await db?.query(`update tenants set reporting_currency = $2 where id = $1`, [tenant.id, tenant.reportingCurrency]);
    for (const { date, quote } of addedRates) {
      await db?.query(`delete from fx_rates where base = 'EUR' and date = $1 and quote = $2`, [date, quote]);
    }
    addedRates = [];
    await db?.end();
  });

  it('an agency owner changes the reporting currency and the overview then reports in it', async () => {
    const page = await phone.newPage();
    await signIn(page, appUrl, ownerLogin!);
    await page.goto(settingsUrl, { waitUntil: 'networkidle' });
    expect(await page.getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByLabel('Reporting currency', { exact: true }).inputValue()).toBe('USD');
    // Partner A's accent (#f59e0b) is too pale for 3:1 on white: the preview says what the pages show instead.
    expect(await page.getByRole('note').first().textContent()).toMatch(/accent colour #f59e0b would not reach the 3:1 contrast/);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: 'test-results/phone-settings.png', fullPage: true });

    await page.getByLabel('Reporting currency', { exact: true }).selectOption('EUR');
    await page.getByRole('button', { name: 'Save currency and time zone' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('dashboards report money in EUR');

    await page.goto(`${appUrl}/t/${tenant.slug}`, { waitUntil: 'networkidle' });
    expect(await page.getByRole('link', { name: 'In EUR' }).count()).toBe(1);
    await expect.poll(() => spendTile(page).textContent()).toMatch(/^€[\d,]+\.\d\d$/);
    expect(await page.locator('.conversion').first().textContent()).toContain('In EUR at each day');
    await page.close();
  });

  it('previews a new primary colour live, darkened when it would fail the contrast guard', async () => {
    const page = await phone.newPage();
    await signIn(page, appUrl, ownerLogin!);
    await page.goto(settingsUrl, { waitUntil: 'networkidle' });
    await page.getByLabel('Primary colour', { exact: true }).fill('#ffd700');
    await expect
      .poll(() => page.getByRole('note').first().textContent())
      .toMatch(/primary colour #ffd700 would not reach the 4.5:1 contrast/);
    const header = page.locator('.preview .header');
    const border = await header.evaluate((el) => getComputedStyle(el).borderBottomColor);
    expect(border, 'the preview shows the darkened shade, not the pale yellow').not.toBe('rgb(255, 215, 0)');
    await page.close();
  });

  it('a viewer sees the settings read-only: no form, no members', async () => {
    const page = await phone.newPage();
    await signIn(page, appUrl, viewerLogin!);
    await page.goto(settingsUrl, { waitUntil: 'networkidle' });
    expect(await page.getByRole('heading', { name: 'Reporting currency and time zone' }).isVisible()).toBe(true);
    expect(await page.locator('main form').count()).toBe(0);
    expect(await page.getByLabel('Reporting currency', { exact: true }).count()).toBe(0);
    expect(await page.locator('.values').first().textContent()).toMatch(/Reporting currency\s*(USD|EUR)/);
    expect(await page.getByRole('heading', { name: 'Members' }).count()).toBe(0);
    await expectNoSidewaysScroll(page);
    await page.close();
  });
});
