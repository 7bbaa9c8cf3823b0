import { mkdir, readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { buildKpiTiles, type CurrencyTotals } from '../../app/lib/kpis';
import { DEMO_TENANTS } from '../../dev/seed/demo-data';
import { openBrowser } from './browser';
import { expectChartsDrawn, expectPhoneFriendly, overflowingText } from './layout';
import { signIn } from './pages';

/*
 * The dashboard product in a real browser: every page at a narrow phone, a large phone and a
 * desktop, and the marketer's path through it (dates, comparison, filters, drill-down, top ads,
 * currency, CSV), each figure on screen checked against the report API for the same view.
 */

const appUrl = inject('appUrl');
const tenant = DEMO_TENANTS.find((t) => t.slug === 'partner-a')!;
const owner = inject('demoLogins').find((l) => l.email === 'owner@northwind.example');
const VIEWPORTS = [
  { width: 360, height: 740, mobile: true },
  { width: 390, height: 844, mobile: true },
  { width: 1440, height: 900, mobile: false },
] as const;
const SHOTS = 'test-results/dashboards';

type Browser = Awaited<ReturnType<typeof openBrowser>>;
type TotalsAnswer = { current: CurrencyTotals[]; previous: CurrencyTotals[] | null };

/** The report API's query for what the page shows: its dates from the custom-range form, the rest from its URL. */
async function reportQueryOf(page: Page, extra: Record<string, string> = {}): Promise<URLSearchParams> {
  const url = new URL(page.url());
  const query = new URLSearchParams({
    from: await page.locator('form.custom input[name="from"]').inputValue(),
    to: await page.locator('form.custom input[name="to"]').inputValue(),
    compare: url.searchParams.get('compare') ?? 'previous',
    currency: url.searchParams.get('currency') ?? 'reporting',
  });
  for (const name of ['platform', 'account', 'campaign']) for (const value of url.searchParams.getAll(name)) query.append(name, value);
  for (const [name, value] of Object.entries(extra)) query.set(name, value);
  return query;
}

/** A report widget as the signed-in browser gets it (same cookies, same origin). */
async function widget<T>(page: Page, name: string, query: URLSearchParams): Promise<T> {
  const response = await page.request.get(`${appUrl}/api/tenants/${tenant.id}/report/${name}?${query}`);
  expect(response.status(), `report/${name}?${query}`).toBe(200);
  return (await response.json()) as T;
}

/** Every KPI tile's values and changes as shown. */
function shownTiles(page: Page) {
  return page.locator('.kpi-tiles [data-kpi]').evaluateAll((tiles) =>
    tiles.map((tile) => ({
      key: tile.getAttribute('data-kpi'),
      values: [...tile.querySelectorAll('.value')].map((v) => v.textContent?.trim() ?? ''),
      changes: [...tile.querySelectorAll('.change')].map((c) => c.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
    })),
  );
}

/** The tiles equal those built from the report API's totals for the page's own view. */
async function expectTilesMatchApi(page: Page, extra: Record<string, string> = {}): Promise<TotalsAnswer> {
  const totals = await widget<TotalsAnswer>(page, 'totals', await reportQueryOf(page, extra));
  const expected = buildKpiTiles(totals.current, tenant.reportingCurrency, totals.previous);
  const shown = await shownTiles(page);
  expect(shown.map((t) => t.key)).toEqual(expected.map((t) => t.key));
  for (const [i, tile] of expected.entries()) {
    expect(shown[i]?.values, `${tile.key} values`).toEqual(tile.values.map((v) => v.text));
    const changes = tile.values.flatMap((v) => (v.change ? [v.change] : []));
    expect(shown[i]?.changes.length, `${tile.key} changes`).toBe(changes.length);
    for (const [j, change] of changes.entries()) expect(shown[i]?.changes[j]).toContain(change.text);
  }
  return totals;
}

/** Opens one of the filter bar's popovers (Dates, Compare, Filters) and follows or ticks in it. */
async function openControl(page: Page, what: 'Dates' | 'Compare' | 'Filters') {
  const control = page.locator('details.control', { has: page.locator('summary .what', { hasText: what }) });
  await control.locator('summary').click();
  return control;
}

async function follow(page: Page, link: ReturnType<Page['locator']>, urlHas: (url: URL) => boolean): Promise<void> {
  await Promise.all([page.waitForURL(urlHas, { waitUntil: 'networkidle' }), link.click()]);
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  for (const [, raw = '', end] of text.matchAll(/("(?:[^"]|"")*"|[^,\r\n"]*)(,|\r\n|$)/g)) {
    record.push(raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw);
    if (end === ',') continue;
    records.push(record);
    record = [];
    if (end === '') break;
  }
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}

/**
 * The names of a list's rows as shown: the table's first column where the table is on screen, the
 * cards' headings where a narrow screen shows cards instead.
 */
async function shownNames(page: Page, table: string, cardHeading: string): Promise<string[]> {
  const shownTable = page.getByRole('table', { name: table });
  if (await shownTable.isVisible()) return (await tableCells(shownTable)).slice(1).map((row) => row[0] ?? '');
  const cards = page.locator(cardHeading).filter({ visible: true });
  expect(await cards.count(), `${table}: a table or cards are shown`).toBeGreaterThan(0);
  return (await cards.allTextContents()).map((text) => text.trim());
}

/** The text of every cell of a table, header row first. */
function tableCells(table: ReturnType<Page['locator']>): Promise<string[][]> {
  return table.evaluate((t: HTMLTableElement) => [...t.rows].map((r) => [...r.cells].map((c) => c.textContent?.trim() ?? '')));
}

describe('the dashboards in a browser', () => {
  let campaignPath = '';

  beforeAll(async () => {
    expect(owner, 'the demo seed has the agency owner').toBeDefined();
    await mkdir(SHOTS, { recursive: true });
  });

  describe.each(VIEWPORTS)('at $width × $height', ({ width, height, mobile }) => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await openBrowser({ width, height }, mobile);
    });
    afterAll(async () => {
      await browser?.dispose();
    });
    // Each test signs in afresh: a session left by the previous one would send /login away.
    beforeEach(async () => {
      await browser.clearCookies();
    });

    it('every dashboard page fits the width, keeps its tap targets and is kept as a screenshot', async () => {
      const page = await browser.newPage();
      await signIn(page, appUrl, owner!);
      const base = `${appUrl}/t/${tenant.slug}`;
      if (!campaignPath) {
        await page.goto(`${base}/campaigns`, { waitUntil: 'networkidle' });
        campaignPath = (await page.locator('table a[href*="/campaigns/"]').first().getAttribute('href')) ?? '';
        expect(campaignPath, 'the campaigns table links to a campaign').toMatch(/\/campaigns\/[0-9a-f-]{36}/);
      }
      const pages = [
        ['overview', ''],
        ['campaigns', '/campaigns'],
        ['campaign', campaignPath.replace(`/t/${tenant.slug}`, '')],
        ['top-ads', '/ads'],
        ['pacing', '/pacing'],
        ['connections', '/connections'],
        ['settings', '/settings'],
      ] as const;
      for (const [name, path] of pages) {
        const response = await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
        expect(response?.status(), name).toBe(200);
        expect(await page.getByRole('heading', { level: 1 }).count(), `${name} has one heading`).toBe(1);
        if (mobile) await expectPhoneFriendly(page, width);
        else expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(width);
        await expectChartsDrawn(page);
        expect(await overflowingText(page), `${name}: no text runs out of its box`).toEqual([]);
        await page.screenshot({ path: `${SHOTS}/${width}x${height}-${name}.png`, fullPage: true });
      }
      await page.close();
    });

    it('dates, comparison and filters go into the URL, and every KPI tile equals the report API for that view', async () => {
      const page = await browser.newPage();
      await signIn(page, appUrl, owner!);
      await page.goto(`${appUrl}/t/${tenant.slug}`, { waitUntil: 'networkidle' });
      await expectTilesMatchApi(page);

      const dates = await openControl(page, 'Dates');
      await follow(page, dates.getByRole('link', { name: 'Last 14 days' }), (url) => url.searchParams.get('range') === 'last-14');
      const compare = await openControl(page, 'Compare');
      await follow(
        page,
        compare.getByRole('link', { name: 'Same period last year' }),
        (url) => url.searchParams.get('compare') === 'last-year',
      );
      expect(await page.locator('.filter-bar .current').textContent()).toContain('compared with');
      await expectTilesMatchApi(page);

      await follow(
        page,
        (await openControl(page, 'Compare')).getByRole('link', { name: 'Previous period' }),
        (url) => !url.searchParams.has('compare'),
      );
      const totals = await expectTilesMatchApi(page);
      expect(totals.previous, 'the previous period has figures to compare with').not.toBeNull();
      expect(await page.locator('.kpi-tiles .change').count(), 'tiles show their change').toBeGreaterThan(0);
      // The trend draws the comparison period under the range, and its text alternative gives both totals.
      await expect.poll(() => page.locator('.metric-chart path.comparison-line').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await page.locator('.metric-chart [role="img"]').first().getAttribute('aria-label')).toMatch(
        /^Spend by day, .*: total \$[\d,.]+ against \$[\d,.]+ in /,
      );

      const filters = await openControl(page, 'Filters');
      await filters.getByRole('checkbox', { name: 'Meta', exact: true }).check();
      await follow(
        page,
        filters.getByRole('button', { name: 'Apply filters' }),
        (url) => url.searchParams.getAll('platform').join() === 'meta',
      );
      expect(await page.locator('.filter-bar summary', { hasText: 'Filters' }).textContent()).toContain('1 active');
      const metaOnly = await expectTilesMatchApi(page);
      const byPlatform = await widget<{ current: Array<{ platform: string }> }>(page, 'by-platform', await reportQueryOf(page));
      expect(new Set(byPlatform.current.map((r) => r.platform))).toEqual(new Set(['meta']));
      expect(metaOnly.current[0]?.spendMicros, 'Meta delivered in the range').toBeGreaterThan(0);

      // One ad account instead of the platform: the filter form replaces the selection.
      const accountFilters = await openControl(page, 'Filters');
      await accountFilters.getByRole('checkbox', { name: 'Meta', exact: true }).uncheck();
      const account = accountFilters.locator('input[name="account"]').first();
      const accountId = await account.getAttribute('value');
      await account.check();
      await follow(
        page,
        accountFilters.getByRole('button', { name: 'Apply filters' }),
        (url) => url.searchParams.getAll('account').join() === accountId,
      );
      expect(new URL(page.url()).searchParams.has('platform')).toBe(false);
      await expectTilesMatchApi(page);
      if (mobile) await expectPhoneFriendly(page, width);
      await page.screenshot({ path: `${SHOTS}/${width}x${height}-overview-filtered.png`, fullPage: true });

      await follow(
        page,
        (await openControl(page, 'Filters')).getByRole('link', { name: 'Clear filters' }),
        (url) => !url.searchParams.has('account'),
      );
      await page.close();
    });

    it('overview → campaigns → a campaign → its ads, top ads by clicks, original currencies, and a CSV equal to what is shown', async () => {
      const page = await browser.newPage();
      await signIn(page, appUrl, owner!);
      await page.goto(`${appUrl}/t/${tenant.slug}?range=last-30`, { waitUntil: 'networkidle' });

      await follow(page, page.getByRole('link', { name: /^All \d+ campaigns$/ }), (url) => url.pathname.endsWith('/campaigns'));
      expect(new URL(page.url()).searchParams.get('range'), 'the drill-down keeps the view').toBe('last-30');
      const campaigns = await widget<{ current: Array<{ id: string | null; name: string }> }>(page, 'campaigns', await reportQueryOf(page));
      const names = await shownNames(page, 'Campaigns', 'article.campaign-card h3');
      expect(names.length, 'one row (or card) per campaign with delivery').toBe(campaigns.current.length);
      expect(new Set(names)).toEqual(new Set(campaigns.current.map((c) => c.name)));

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(
        new RegExp(`^${tenant.slug}-campaigns-\\d{4}-\\d\\d-\\d\\d-\\d{4}-\\d\\d-\\d\\d\\.csv$`),
      );
      const records = parseCsv(await readFile((await download.path())!, 'utf8'));
      expect(records.length - 1, 'the file has a row per campaign shown').toBe(names.length);
      expect(
        records.slice(1).map((r) => r[0]),
        'in the order shown',
      ).toEqual(names);
      const numberColumns = records[0]!.flatMap((header, i) => (/^(Spend|Impressions|Clicks|Conversions)( \(|$)/.test(header) ? [i] : []));
      expect(numberColumns.length, 'the file has its number columns').toBeGreaterThanOrEqual(4);
      for (const record of records.slice(1)) {
        for (const i of numberColumns)
          expect(record[i], `${records[0]![i]}: a plain number, no thousands separator`).toMatch(/^(-?\d+(\.\d+)?)?$/);
      }

      const first = campaigns.current.find((c) => c.id)!;
      await follow(
        page,
        page.locator('main').getByRole('link', { name: first.name, exact: true }).filter({ visible: true }).first(),
        (url) => url.pathname.endsWith(`/campaigns/${first.id}`),
      );
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(first.name);
      await expectTilesMatchApi(page, { campaign: first.id! });
      const query = await reportQueryOf(page, { campaign: first.id! });
      const [groups, ads] = await Promise.all([
        widget<{ current: unknown[] }>(page, 'ad-groups', query),
        widget<{ current: unknown[] }>(page, 'ads', new URLSearchParams([...query, ['limit', '100']])),
      ]);
      const groupTable = page.getByRole('table', { name: /^(Ad groups|Ad sets|Campaigns)$/, includeHidden: true });
      expect((await tableCells(groupTable)).length - 1).toBe(groups.current.length);
      expect(groups.current.length).toBeGreaterThan(0);
      expect(ads.current.length).toBeGreaterThan(0);

      await follow(page, page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('link', { name: 'Top ads' }), (url) =>
        url.pathname.endsWith('/ads'),
      );
      await page.getByLabel('Rank by').selectOption('clicks');
      await follow(page, page.getByRole('button', { name: 'Rank' }), (url) => url.searchParams.get('metric') === 'clicks');
      expect(await page.getByRole('heading', { name: /^Top 10 ads by Clicks, highest first$/ }).count()).toBe(1);
      const top = await widget<{ current: Array<{ name: string; clicks: number }> }>(
        page,
        'ads',
        await reportQueryOf(page, { metric: 'clicks', order: 'desc', limit: '10' }),
      );
      expect(await shownNames(page, 'Top ads', 'article.ad-card h3')).toEqual(top.current.map((a) => a.name));
      const clicks = top.current.map((a) => a.clicks);
      expect(clicks).toEqual([...clicks].sort((a, b) => b - a));

      await page.goto(`${appUrl}/t/${tenant.slug}?range=last-30`, { waitUntil: 'networkidle' });
      await follow(
        page,
        page.getByRole('navigation', { name: 'Currency' }).getByRole('link', { name: 'Original currencies' }),
        (url) => url.searchParams.get('currency') === 'original',
      );
      const original = await expectTilesMatchApi(page);
      expect(original.current.every((t) => /^[A-Z]{3}$/.test(t.currency))).toBe(true);
      await follow(
        page,
        page.getByRole('navigation', { name: 'Currency' }).getByRole('link', { name: `In ${tenant.reportingCurrency}` }),
        (url) => !url.searchParams.has('currency'),
      );
      const reporting = await expectTilesMatchApi(page);
      expect(reporting.current.map((t) => t.currency)).toEqual([tenant.reportingCurrency]);
      await page.close();
    });
  });
});
