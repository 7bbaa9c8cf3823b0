import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { accountDaily, adAccounts, campaignDaily, connections } from '../../db/schema';
import { fakeEurRate } from '../../dev/fakes/services/fx-rates';
import { runCron } from '../../worker/jobs/cron';
import { call, closeWhenIdle, createTenantWithData, signInCookie, superDb, type TestTenant, testEnv, unique } from './support';
import { workerNow } from './sync-support';

/*
 * The daily FX load against the Frankfurter fake, and the reporting-currency view of the overview,
 * spend by day and campaigns. The expected conversions are computed here from the stored rates
 * with plain BigInt arithmetic (numeric(20,10) text × micros, rounded half up), not with worker/fx.
 */

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));

/** The Worker's clock at minute 0 of its current hour: a housekeeping slot, where the FX load runs. */
function housekeepingSlot(): Date {
  const slot = new Date(workerNow());
  slot.setUTCMinutes(0, 0, 0);
  return slot;
}

async function cron() {
  const ctx = createExecutionContext();
  await runCron('*/15 * * * *', housekeepingSlot(), env, ctx);
  await waitOnExecutionContext(ctx);
}

const storedCount = async () =>
  rowsOf<{ n: number }>(await arranged.db.execute(sql`select count(*)::int as n from fx_rates where base = 'EUR'`))[0]!.n;

async function storedRate(date: string, quote: string): Promise<string | undefined> {
  const rows = rowsOf<{ rate: string }>(
    await arranged.db.execute(sql`select rate::text as rate from fx_rates where base = 'EUR' and quote = ${quote} and date = ${date}`),
  );
  return rows[0]?.rate;
}

async function injectFault(body: Record<string, unknown>) {
  const res = await fetch(`${testEnv.FAKES_URL}/_control/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
}

// Facts: USD (the tenant's reporting currency) and EUR on a Friday, a Saturday and a Monday, and XAF (no rate anywhere).
const FRIDAY = '2026-10-02';
const SATURDAY = '2026-10-03';
const MONDAY = '2026-10-05';

let tenant: TestTenant;
let cookie: string;
let eurAccountId: string;

beforeAll(async () => {
  await arranged.db.execute(sql`delete from fx_rates`);
  tenant = await createTenantWithData(arranged.db, [
    { date: FRIDAY, spendMicros: 10_000_000, impressions: 1000, clicks: 10, conversions: 1 },
    { date: MONDAY, spendMicros: 20_000_000, impressions: 2000, clicks: 20, conversions: 2 },
  ]);
  const { db } = arranged;
  const [grant] = await db
    .insert(connections)
    .values({ tenantId: tenant.tenantId, platform: 'linkedin', externalUserId: unique('member'), accessTokenEnc: 'v1.test.test' })
    .returning();
  const account = async (currency: string) =>
    (
      await db
        .insert(adAccounts)
        .values({
          tenantId: tenant.tenantId,
          connectionId: grant!.id,
          platform: 'linkedin',
          externalId: unique('li'),
          name: `${currency} account`,
          currency,
          timeZone: 'Europe/Berlin',
        })
        .returning()
    )[0]!.id;
  eurAccountId = await account('EUR');
  const xafAccountId = await account('XAF');
  const row = (adAccountId: string, currency: string, date: string, spendMicros: number) => ({
    tenantId: tenant.tenantId,
    adAccountId,
    currency,
    date,
    impressions: 500,
    clicks: 5,
    spendMicros,
    conversions: 0.5,
    conversionValueMicros: 3 * spendMicros + 1,
  });
  await db
    .insert(accountDaily)
    .values([
      row(eurAccountId, 'EUR', FRIDAY, 12_345_679),
      row(eurAccountId, 'EUR', SATURDAY, 7_777_777),
      row(eurAccountId, 'EUR', MONDAY, 1_000_001),
      row(xafAccountId, 'XAF', MONDAY, 900_000_000),
    ]);
  await db.insert(campaignDaily).values([
    { ...row(eurAccountId, 'EUR', FRIDAY, 12_345_679), campaignId: 'eu-autumn' },
    { ...row(eurAccountId, 'EUR', SATURDAY, 7_777_777), campaignId: 'eu-autumn' },
    { ...row(eurAccountId, 'EUR', MONDAY, 1_000_001), campaignId: 'eu-autumn' },
    { ...row(tenant.adAccountId, 'USD', FRIDAY, 10_000_000), campaignId: 'us-autumn' },
  ]);
  cookie = await signInCookie(tenant.email, tenant.password, '198.51.100.91');
});

describe('the daily FX load', () => {
  it('survives a failing rates provider, then loads the ECB rates the next run, idempotently', async () => {
    await injectFault({ service: 'fx_rates', kind: 'server_error', remaining: 1 });
    await cron();
    expect(await storedCount()).toBe(0);

    await cron();
    const loaded = await storedCount();
    expect(loaded).toBeGreaterThan(0);
    // The published rates of a business day, exactly; none for the weekend.
    expect(Number(await storedRate(FRIDAY, 'USD'))).toBe(fakeEurRate('USD', FRIDAY));
    expect(Number(await storedRate(FRIDAY, 'JPY'))).toBe(fakeEurRate('JPY', FRIDAY));
    expect(await storedRate(SATURDAY, 'USD')).toBeUndefined();

    await cron();
    expect(await storedCount()).toBe(loaded);
  });
});

/** micros × (1 EUR in USD) / (1 EUR in EUR = 1), from the stored numeric(20,10) text, rounded half up. */
async function eurToUsd(micros: number, rateDate: string): Promise<number> {
  const text = await storedRate(rateDate, 'USD');
  if (!text) throw new Error(`no stored USD rate on ${rateDate}`);
  const [whole, fraction = ''] = text.split('.');
  const scaled = BigInt(whole! + fraction.padEnd(10, '0').slice(0, 10));
  const scale = 10_000_000_000n;
  return Number((2n * BigInt(micros) * scaled + scale) / (2n * scale));
}

async function api(path: string) {
  const res = await call(path, { headers: { cookie } });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe('the reporting-currency view', () => {
  const query = `from=${FRIDAY}&to=${MONDAY}`;

  it('converts each account-day at its own date’s rate (a Saturday at Friday’s), then sums, and names what had no rate', async () => {
    const expected = {
      friday: 10_000_000 + (await eurToUsd(12_345_679, FRIDAY)),
      saturday: await eurToUsd(7_777_777, FRIDAY),
      monday: 20_000_000 + (await eurToUsd(1_000_001, MONDAY)),
    };
    const overview = await api(`/api/tenants/${tenant.slug}/overview?${query}&currency=reporting`);
    expect(overview.currency).toBe('reporting');
    expect(overview.kpis).toEqual([
      {
        currency: 'USD',
        spendMicros: expected.friday + expected.saturday + expected.monday,
        impressions: 1000 + 2000 + 3 * 500,
        clicks: 10 + 20 + 3 * 5,
        conversions: 1 + 2 + 3 * 0.5,
        conversionValueMicros:
          (await eurToUsd(3 * 12_345_679 + 1, FRIDAY)) +
          (await eurToUsd(3 * 7_777_777 + 1, FRIDAY)) +
          (await eurToUsd(3 * 1_000_001 + 1, MONDAY)),
      },
    ]);
    const conversion = overview.conversion as Record<string, unknown>;
    expect(conversion).toMatchObject({
      reportingCurrency: 'USD',
      source: expect.stringContaining('ECB'),
      rateDates: { from: FRIDAY, to: MONDAY },
      missing: [{ currency: 'XAF', days: 1, dates: [MONDAY] }],
    });
    expect(conversion.rates).toContainEqual(expect.objectContaining({ date: SATURDAY, currency: 'EUR', rateDate: FRIDAY }));

    const byDay = await api(`/api/tenants/${tenant.slug}/spend-by-day?${query}&currency=reporting`);
    const days = byDay.days as Array<{ date: string; currency: string; spendMicros: number }>;
    expect(days.map((d) => [d.date, d.currency, d.spendMicros])).toEqual([
      [FRIDAY, 'USD', expected.friday],
      [SATURDAY, 'USD', expected.saturday],
      [MONDAY, 'USD', expected.monday],
    ]);
    // Converted totals equal the sum of the per-day conversions.
    expect(days.reduce((sum, d) => sum + d.spendMicros, 0)).toBe((overview.kpis as Array<{ spendMicros: number }>)[0]!.spendMicros);
  });

  it('converts campaigns per day too, and keeps the per-currency view as the default', async () => {
    const campaigns = (await api(`/api/tenants/${tenant.slug}/campaigns?${query}&currency=reporting`)).campaigns as Array<{
      campaignId: string;
      currency: string;
      spendMicros: number;
    }>;
    const eu = campaigns.find((c) => c.campaignId === 'eu-autumn')!;
    expect(eu.currency).toBe('USD');
    expect(eu.spendMicros).toBe(
      (await eurToUsd(12_345_679, FRIDAY)) + (await eurToUsd(7_777_777, FRIDAY)) + (await eurToUsd(1_000_001, MONDAY)),
    );
    expect(campaigns.find((c) => c.campaignId === 'us-autumn')).toMatchObject({ currency: 'USD', spendMicros: 10_000_000 });

    const original = await api(`/api/tenants/${tenant.slug}/overview?${query}`);
    expect((original.kpis as Array<{ currency: string }>).map((k) => k.currency)).toEqual(['EUR', 'USD', 'XAF']);
    expect(original.conversion).toBeUndefined();
    expect((await call(`/api/tenants/${tenant.slug}/overview?${query}&currency=euro`, { headers: { cookie } })).status).toBe(400);
  });
});
