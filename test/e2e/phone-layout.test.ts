import { mkdir, readFile } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { DEMO_TENANTS } from '../../dev/seed/demo-data';
import { simulatedMs } from '../../worker/lib/clock';
import { addDays, localHour, localToday } from '../../worker/lib/dates';
import { openBrowser } from './browser';
import { expectPhoneFriendly, NARROW_PHONE, overflowingElements, TAP_TARGET_PX } from './layout';
import { signIn, spendPathData } from './pages';

const appUrl = inject('appUrl');
const superDatabaseUrl = inject('superDatabaseUrl');
const timeScale = inject('timeScale');
const tenant = DEMO_TENANTS.find((t) => t.slug === 'partner-a')!;
const clientLogin = inject('demoLogins').find((l) => l.email === 'viewer@partner-a.example');
/** Hourly rows this suite adds (the demo backfill stores daily rows only) and removes again. */
const PACING_AD_ID = 'e2e-pacing-ad';

describe('the dashboards on a 360 px phone', () => {
  let phone: Awaited<ReturnType<typeof openBrowser>>;

  let db: pg.Client;
  let today: string;

  beforeAll(async () => {
    expect(clientLogin, 'the demo seed has a Partner A viewer').toBeDefined();
    await mkdir('test-results', { recursive: true });
    db = new pg.Client({ connectionString: superDatabaseUrl });
    await db.connect();
    // The pages' "today" and hour are the Worker's clock in the tenant's time zone.
    const now = new Date(simulatedMs(timeScale, Date.now()));
    today = localToday(tenant.timeZone, now);
    const hoursToday = localHour(tenant.timeZone, now) + 1;
    const { rows } = await db.query<{ id: string }>(
      `select id from ad_accounts where tenant_id = $1 and platform <> 'linkedin' and currency = 'USD' order by id limit 1`,
      [tenant.id],
    );
    expect(rows, 'Partner A has a USD account that reports hours').toHaveLength(1);
    // Today's hours so far and the whole of the two days before, $10 and $8 an hour.
    const hours = [
      ...Array.from({ length: hoursToday }, (_, hour) => [today, hour, 10_000_000]),
      ...[1, 2].flatMap((back) => Array.from({ length: 24 }, (_, hour) => [addDays(today, -back), hour, 8_000_000])),
    ];
    for (const [date, hour, spend] of hours) {
      await db.query(
        `insert into ad_stats_hourly (tenant_id, ad_account_id, campaign_id, ad_group_id, ad_id, date, hour, spend_micros)
         values ($1, $2, 'e2e-pacing', 'e2e-pacing', $3, $4, $5, $6)`,
        [tenant.id, rows[0]!.id, PACING_AD_ID, date, hour, spend],
      );
    }
    // Written behind the pipeline's back: move the data version on as a sync commit does, or a page
    // an earlier suite opened would answer from the read models' cache without these hours.
    await db.query('update tenants set data_version = data_version + 1 where id = $1', [tenant.id]);
    phone = await openBrowser(NARROW_PHONE, true);
  });

  // Each test signs in afresh: a session left by the previous one would send /login away.
  beforeEach(async () => {
    await phone.clearCookies();
  });

  afterAll(async () => {
    await phone?.dispose();
    await db?.query('delete from ad_stats_hourly where tenant_id = $1 and ad_id = $2', [tenant.id, PACING_AD_ID]);
    await db?.query('update tenants set data_version = data_version + 1 where id = $1', [tenant.id]);
    await db?.end();
  });

  it('the overview and the pacing page fit 360 px without sideways scrolling and every control is a 44 px tap target', async () => {
    const page = await phone.newPage();
    await signIn(page, appUrl, clientLogin!);
    await spendPathData(page);
    await expectPhoneFriendly(page);
    await page.screenshot({ path: 'test-results/phone-360-overview.png', fullPage: true });

    await Promise.all([
      page.waitForURL((url) => url.pathname.endsWith('/pacing'), { waitUntil: 'networkidle' }),
      page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('link', { name: 'Pacing' }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Pacing');
    expect(await page.getByText('LinkedIn reports spend by day only').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Pacing' }).getAttribute('aria-current')).toBe('page');
    // Today bold, the average dashed and each previous day faint, drawn client-side.
    const chart = page.locator('.pacing-chart svg');
    await expect.poll(() => chart.locator('path.today-line').count(), { timeout: 15_000 }).toBe(1);
    expect(await chart.locator('path.average-line').count()).toBe(1);
    expect(await chart.locator('path.previous-day-line').count()).toBe(2);
    expect(await chart.locator('path.today-line').getAttribute('d')).not.toContain('NaN');
    await expectPhoneFriendly(page);
    await page.screenshot({ path: 'test-results/phone-360-pacing.png', fullPage: true });
    await page.close();
  });

  it('from a large phone to a desktop (390 to 1440 px) neither page scrolls sideways', async () => {
    for (const width of [390, 768, 1024, 1440]) {
      const context = await openBrowser({ width, height: 900 }, width < 768);
      try {
        const page = await context.newPage();
        await signIn(page, appUrl, clientLogin!);
        await spendPathData(page);
        for (const path of ['', '/pacing']) {
          await page.goto(`${appUrl}/t/${tenant.slug}${path}`, { waitUntil: 'load' });
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(
            scrollWidth,
            `${path || 'overview'} at ${width} px: ${(await overflowingElements(page, width)).join(', ')}`,
          ).toBeLessThanOrEqual(width);
        }
      } finally {
        await context.dispose();
      }
    }
  });

  it('the first Tab shows a skip link with a visible focus ring, and following it moves focus to the page content', async () => {
    const page = await phone.newPage();
    await signIn(page, appUrl, clientLogin!);
    await page.waitForLoadState('networkidle');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.height >= TAP_TARGET_PX, 'the focused skip link is on screen and a tap target').toBe(true);
    const outline = await skip.evaluate((el) => ({ style: getComputedStyle(el).outlineStyle, width: getComputedStyle(el).outlineWidth }));
    expect(outline.style).toBe('solid');
    expect(Number.parseFloat(outline.width)).toBeGreaterThanOrEqual(2);

    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
    await page.close();
  });

  it('the pacing card shows its data as a table, and its CSV download equals that table', async () => {
    const page = await phone.newPage();
    await signIn(page, appUrl, clientLogin!);
    await page.goto(`${appUrl}/t/${tenant.slug}/pacing`);
    await page.locator('.pacing-chart svg path.today-line').waitFor({ state: 'attached', timeout: 15_000 });
    const card = page.locator('section.chart-card', { has: page.getByRole('heading', { name: 'Spend by hour' }) });
    expect(await card.locator('.pacing-chart [role="img"]').getAttribute('aria-label')).toMatch(
      /^Cumulative spend by hour in USD: Today \$[\d,.]+ by \d\d:00, against \$[\d,.]+ on average/,
    );

    await card.getByRole('button', { name: 'Table' }).click();
    expect(await card.getByRole('button', { name: 'Table' }).getAttribute('aria-pressed')).toBe('true');
    const table = card.getByRole('table', { name: 'Spend by hour' });
    const shown = await table.evaluate((t: HTMLTableElement) =>
      [...t.rows].map((r) => [...r.cells].map((c) => c.textContent?.trim() ?? '')),
    );
    expect(shown[0]).toEqual(['By', 'Today', 'Average of previous days']);
    expect(shown).toHaveLength(25);
    expect(shown[24]).toEqual(['24:00', expect.any(String), '$192.00']);
    await expectPhoneFriendly(page);
    await page.screenshot({ path: 'test-results/phone-360-pacing-table.png', fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`${tenant.slug}-pacing-${today}-usd.csv`);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.endsWith('\r\n')).toBe(true);
    const records = csv
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(records[0]).toEqual(['By', 'Today (USD)', 'Average of previous days (USD)']);
    // Every cell of the file is the table's, as a plain number where the table shows money ("$1,234.50" → 1234.50).
    const plain = (text: string) => (text.startsWith('$') ? text.replace(/[$,]/g, '') : text === '—' ? '' : text);
    expect(records.slice(1)).toEqual(shown.slice(1).map((row) => row.map(plain)));
    await page.close();
  });
});
