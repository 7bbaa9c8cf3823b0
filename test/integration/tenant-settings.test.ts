import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertFxRates } from '../../db/queries/fx';
import { accountDaily, auditLog, tenants } from '../../db/schema';
import { createTestAdAccount } from '../../db/testing/factories';
import { createPeopleWorld, type PeopleWorld, type Person } from './people-support';
import { call, closeWhenIdle, superDb } from './support';

/*
 * PATCH /api/tenants/:tenant/settings: who may change the reporting currency, time zone and
 * branding colours, what is refused and how, and that the report API answers in the new currency
 * at once (the cache key carries the currency, so no stale entry can answer).
 */

const arranged = superDb();
let world: PeopleWorld;
let admin: Person;
let editor: Person;
let viewer: Person;
let agencyOwner: Person;
let stranger: PeopleWorld;
let strangerAdmin: Person;

// One Wednesday of USD spend, at a rate of its own: far outside any window the daily FX load fetches.
const DAY = '2021-03-03';
const SPEND_USD_MICROS = 10_000_000;
const EUR_IN_USD = '1.25';

beforeAll(async () => {
  const { db } = arranged;
  world = await createPeopleWorld(db, { primaryColor: '#aa3300' });
  [admin, editor, viewer, agencyOwner] = [
    await world.member('admin'),
    await world.member('editor'),
    await world.member('viewer'),
    await world.member('owner', 'agency'),
  ];
  stranger = await createPeopleWorld(db);
  strangerAdmin = await stranger.member('admin');
  const account = await createTestAdAccount(db, world.tenant.id, { currency: 'USD' });
  await db.insert(accountDaily).values({
    tenantId: world.tenant.id,
    adAccountId: account.id,
    currency: 'USD',
    date: DAY,
    impressions: 1000,
    clicks: 20,
    spendMicros: SPEND_USD_MICROS,
    conversions: 2,
    conversionValueMicros: 0,
  });
  await upsertFxRates(db, 'EUR', [{ date: DAY, quote: 'USD', rate: EUR_IN_USD }]);
}, 120_000);
afterAll(() => closeWhenIdle(arranged));

async function patch(person: Person, body: unknown, tenant = world.tenant.slug) {
  const res = await call(`/api/tenants/${tenant}/settings`, {
    method: 'PATCH',
    headers: { cookie: await person.cookie(), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function stored() {
  const [row] = await arranged.db
    .select({ reportingCurrency: tenants.reportingCurrency, timeZone: tenants.timeZone, branding: tenants.branding })
    .from(tenants)
    .where(eq(tenants.id, world.tenant.id));
  return row!;
}

async function totals(person: Person) {
  const res = await call(`/api/tenants/${world.tenant.slug}/report/totals?from=${DAY}&to=${DAY}&currency=reporting`, {
    headers: { cookie: await person.cookie() },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as any;
  return { cache: res.headers.get('x-tidemark-cache'), currency: body.current[0].currency, spend: body.current[0].spendMicros, body };
}

describe('changing a tenant’s settings', () => {
  it('lets an admin change the reporting currency and time zone, and audits the change once', async () => {
    const res = await patch(admin, { reportingCurrency: 'GBP', timeZone: 'Europe/London' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      settings: {
        reportingCurrency: 'GBP',
        timeZone: 'Europe/London',
        branding: { displayName: null, primaryColor: '#aa3300', accentColor: null },
      },
      changed: ['reportingCurrency', 'timeZone'],
    });
    expect(await stored()).toMatchObject({ reportingCurrency: 'GBP', timeZone: 'Europe/London' });
    const entries = await arranged.db
      .select({ actor: auditLog.actorUserId, details: auditLog.details, agencyId: auditLog.agencyId })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, world.tenant.id), eq(auditLog.action, 'tenant.settings_changed')));
    expect(entries).toEqual([
      {
        actor: admin.id,
        agencyId: world.agencyId,
        details: {
          changes: [
            { field: 'reportingCurrency', from: 'USD', to: 'GBP' },
            { field: 'timeZone', from: 'UTC', to: 'Europe/London' },
          ],
        },
      },
    ]);
    // Saving the same values again changes nothing and writes no second entry.
    expect((await patch(admin, { reportingCurrency: 'GBP' })).body.changed).toEqual([]);
    const [count] = await arranged.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, world.tenant.id), eq(auditLog.action, 'tenant.settings_changed')));
    expect(count!.n).toBe(1);
  });

  it('lets the agency’s owner change them too, and the tenant list shows the new values', async () => {
    expect((await patch(agencyOwner, { timeZone: 'America/Chicago' })).status).toBe(200);
    const res = await call('/api/tenants', { headers: { cookie: await agencyOwner.cookie() } });
    const listed = ((await res.json()) as any).tenants.find((t: { id: string }) => t.id === world.tenant.id);
    expect(listed).toMatchObject({ reportingCurrency: 'GBP', timeZone: 'America/Chicago' });
  });

  it('changes and clears branding colours and the display name, keeping the rest of the branding', async () => {
    const res = await patch(admin, { branding: { primaryColor: null, accentColor: '#225588', displayName: 'Client Reports' } });
    expect(res.status).toBe(200);
    expect(res.body.settings.branding).toEqual({ displayName: 'Client Reports', primaryColor: null, accentColor: '#225588' });
    expect((await stored()).branding).toEqual({ accentColor: '#225588', displayName: 'Client Reports' });
  });

  it.each([
    ['viewer', () => viewer],
    ['editor', () => editor],
  ])('refuses a %s with 403 problem details and changes nothing', async (_role, who) => {
    const before = await stored();
    const res = await patch(who(), { reportingCurrency: 'JPY' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ status: 403, code: 'forbidden', detail: expect.stringMatching(/admins/) });
    expect(await stored()).toEqual(before);
  });

  it('answers 404 to another tenant’s admin, exactly as for a tenant that does not exist', async () => {
    const before = await stored();
    const res = await patch(strangerAdmin, { reportingCurrency: 'JPY' });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not_found', detail: 'No such tenant.' });
    expect(await stored()).toEqual(before);
  });

  it('refuses a currency without rates, a malformed one and an unknown time zone with 400 naming each field', async () => {
    const noRates = await patch(admin, { reportingCurrency: 'XAF' });
    expect(noRates.status).toBe(400);
    expect(noRates.body.issues).toEqual([
      { field: 'reportingCurrency', message: expect.stringMatching(/^No exchange rates are kept for XAF; choose one of .*EUR.*USD/) },
    ]);
    const malformed = await patch(admin, { reportingCurrency: 'usd', timeZone: 'Europe/Atlantis' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.issues).toEqual([
      { field: 'reportingCurrency', message: 'An ISO 4217 code in capitals, like EUR.' },
      { field: 'timeZone', message: 'Must be an IANA time zone like Europe/Berlin.' },
    ]);
    const unknownField = await patch(admin, { slug: 'taken-over' });
    expect(unknownField.status).toBe(400);
    expect((await stored()).reportingCurrency).toBe('GBP');
  });

  it('is followed at once by report answers in the new reporting currency, from a new cache entry', async () => {
    expect((await patch(admin, { reportingCurrency: 'USD' })).status).toBe(200);
    const usd = await totals(viewer);
    expect([usd.currency, usd.spend]).toEqual(['USD', SPEND_USD_MICROS]);
    expect((await totals(viewer)).cache).toBe('hit');

    expect((await patch(admin, { reportingCurrency: 'EUR' })).status).toBe(200);
    const eur = await totals(viewer);
    expect(eur.cache).toBe('miss');
    // 10 USD at 1 EUR = 1.25 USD.
    expect([eur.currency, eur.spend]).toEqual(['EUR', 8_000_000]);
    expect(eur.body.conversion).toMatchObject({ reportingCurrency: 'EUR', missing: [] });
  });
});
