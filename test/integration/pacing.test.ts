import { unflatten } from 'devalue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adStatsHourly } from '../../db/schema';
import { call, closeWhenIdle, createTenantWithData, signInCookie, superDb, type TestTenant } from './support';

/*
 * The pacing comparison: one day's hourly spend and the same hours of the days before it, from the
 * API (?compare=N) and from the pacing page's load, which read the same model.
 */

const arranged = superDb();
let tenant: TestTenant;
let other: TestTenant;
let cookie: string;

const hourly = (t: TestTenant, date: string, hour: number, spendMicros: number, adId = 'ad-1') => ({
  tenantId: t.tenantId,
  adAccountId: t.adAccountId,
  campaignId: 'c-1',
  adGroupId: 'g-1',
  adId,
  date,
  hour,
  spendMicros,
});

beforeAll(async () => {
  tenant = await createTenantWithData(arranged.db, []);
  other = await createTenantWithData(arranged.db, []);
  await arranged.db.insert(adStatsHourly).values([
    hourly(tenant, '2026-10-10', 9, 4_000_000),
    hourly(tenant, '2026-10-10', 9, 1_000_000, 'ad-2'),
    hourly(tenant, '2026-10-09', 9, 3_000_000),
    hourly(tenant, '2026-10-03', 23, 2_000_000),
    // Before the 7-day window, and another tenant's spend on the same day: neither is compared.
    hourly(tenant, '2026-10-02', 9, 99_000_000),
    hourly(other, '2026-10-10', 9, 77_000_000),
  ]);
  cookie = await signInCookie(tenant.email, tenant.password);
}, 120_000);
afterAll(() => closeWhenIdle(arranged));

describe('pacing comparison', () => {
  it('answers the day and the same hours of the previous seven days, per date, hour and currency, and only the tenant’s own', async () => {
    const res = await call(`/api/tenants/${tenant.slug}/pacing?date=2026-10-10&compare=7`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { hours: unknown[]; comparison: { date: string; previousDates: string[]; hours: unknown[] } };
    expect(body.hours).toEqual([{ hour: 9, currency: 'USD', impressions: 0, clicks: 0, spendMicros: 5_000_000 }]);
    expect(body.comparison.previousDates).toEqual([
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
      '2026-10-08',
      '2026-10-09',
    ]);
    expect(body.comparison.hours).toEqual([
      { date: '2026-10-03', hour: 23, currency: 'USD', spendMicros: 2_000_000 },
      { date: '2026-10-09', hour: 9, currency: 'USD', spendMicros: 3_000_000 },
      { date: '2026-10-10', hour: 9, currency: 'USD', spendMicros: 5_000_000 },
    ]);
  });

  it('leaves the comparison out without ?compare, as before', async () => {
    const res = await call(`/api/tenants/${tenant.slug}/pacing?date=2026-10-10`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(await res.json()).not.toHaveProperty('comparison');
  });

  it('answers 400 naming `compare` for a comparison of no days or more than 28', async () => {
    for (const compare of ['0', '29', 'seven', '1.5']) {
      const res = await call(`/api/tenants/${tenant.slug}/pacing?date=2026-10-10&compare=${compare}`, { headers: { cookie } });
      expect(res.status, compare).toBe(400);
      const body = (await res.json()) as { issues: Array<{ field: string }> };
      expect(body.issues.map((i) => i.field)).toEqual(['compare']);
    }
  });

  it('gives the pacing page the same comparison the API answers', async () => {
    const api = (await (await call(`/api/tenants/${tenant.slug}/pacing?date=2026-10-10&compare=7`, { headers: { cookie } })).json()) as {
      comparison: unknown;
    };
    const res = await call(`/t/${tenant.slug}/pacing/__data.json?date=2026-10-10`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { nodes: Array<{ type: string; data?: unknown[] }> };
    const page = unflatten(body.nodes.at(-1)!.data!) as { date: string; hoursReached: number; comparison: unknown };
    expect(page.date).toBe('2026-10-10');
    expect(page.hoursReached).toBe(24);
    expect(page.comparison).toEqual(api.comparison);
  });

  it('shows today instead of a day in the future or a malformed one', async () => {
    for (const date of ['2999-01-01', 'not-a-date']) {
      const res = await call(`/t/${tenant.slug}/pacing/__data.json?date=${date}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { nodes: Array<{ type: string; data?: unknown[] }> };
      const page = unflatten(body.nodes.at(-1)!.data!) as { date: string; today: string };
      expect(page.date).toBe(page.today);
    }
  });
});
