import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { agencies, memberships, tenants, users } from '../../db/schema';
import { hashPassword } from '../../worker/auth/password';
import { appQuotas } from '../../worker/env';
import type { FleetPipelineHealth, PipelineOverview } from '../../worker/read-models/pipeline-fleet';
import type { PipelineHealth } from '../../worker/read-models/pipeline-health';
import { appKey } from '../../worker/realtime/budget-keys';
import { policyForKey } from '../../worker/realtime/budget-scopes';
import { call, closeWhenIdle, createTenantWithData, signInCookie, superDb, testEnv, unique } from './support';
import { workerConfig, workerNow } from './sync-support';

/** The pipeline-health API: who may see which tenant's pipeline, and the problem details of everyone else. */
const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(await res.json()).toMatchObject({ status, code, type: `https://docs.tidemark.dev/errors/${code}` });
}

/** An agency with two client tenants, a tenant of another agency, and a user who is a member of the first agency only. */
async function agencyWithClients() {
  const [agency] = await arranged.db
    .insert(agencies)
    .values({ name: unique('Agency') })
    .returning();
  const [otherAgency] = await arranged.db
    .insert(agencies)
    .values({ name: unique('Other agency') })
    .returning();
  const client = (agencyId: string) =>
    arranged.db
      .insert(tenants)
      .values({ slug: unique('c').toLowerCase(), name: unique('Client'), reportingCurrency: 'USD', timeZone: 'UTC', agencyId })
      .returning()
      .then((rows) => rows[0]!);
  const clients = [await client(agency!.id), await client(agency!.id)];
  const foreign = await client(otherAgency!.id);
  const email = `${unique('agent')}@example.test`;
  const password = `pw-${unique('p')}`;
  const [user] = await arranged.db
    .insert(users)
    .values({ email, name: 'Agency member', passwordHash: await hashPassword(password) })
    .returning();
  await arranged.db.insert(memberships).values({ userId: user!.id, agencyId: agency!.id, role: 'viewer' });
  return { clients, foreign, cookie: await signInCookie(email, password, '198.51.100.181') };
}

describe('GET /api/tenants/:tenant/pipeline-health', () => {
  it('answers 401 problem details without a session', async () => {
    const tenant = await createTenantWithData(arranged.db, []);
    await expectProblem(await call(`/api/tenants/${tenant.tenantId}/pipeline-health`), 401, 'unauthenticated');
  });

  it("answers 404 for another tenant's id, exactly like a tenant that does not exist", async () => {
    const mine = await createTenantWithData(arranged.db, []);
    const other = await createTenantWithData(arranged.db, []);
    const cookie = await signInCookie(mine.email, mine.password, '198.51.100.182');
    await expectProblem(await call(`/api/tenants/${other.tenantId}/pipeline-health`, { headers: { cookie } }), 404, 'not_found');
    await expectProblem(await call(`/api/tenants/${crypto.randomUUID()}/pipeline-health`, { headers: { cookie } }), 404, 'not_found');
  });

  it('shows a viewer its own tenant’s accounts by id or slug', async () => {
    const mine = await createTenantWithData(arranged.db, []);
    const cookie = await signInCookie(mine.email, mine.password, '198.51.100.183');
    for (const ref of [mine.tenantId, mine.slug]) {
      const res = await call(`/api/tenants/${ref}/pipeline-health`, { headers: { cookie } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as PipelineHealth;
      expect(body.tenant.id).toBe(mine.tenantId);
      expect(body.accounts.map((a) => a.id)).toEqual([mine.adAccountId]);
      expect(body.accounts[0]!.callsPerHour).toHaveLength(body.hoursShown);
      expect(body.lagTargetMinutes).toBe(15);
    }
  });
});

describe('GET /api/agency/pipeline-health', () => {
  it('answers 401 without a session and 403 to a signed-in user who is in no agency', async () => {
    await expectProblem(await call('/api/agency/pipeline-health'), 401, 'unauthenticated');
    const loner = await createTenantWithData(arranged.db, []);
    const cookie = await signInCookie(loner.email, loner.password, '198.51.100.184');
    await expectProblem(await call('/api/agency/pipeline-health', { headers: { cookie } }), 403, 'forbidden');
  });

  it("shows an agency member one line per client of its agency and none of another agency's", async () => {
    const { clients, foreign, cookie } = await agencyWithClients();
    const res = await call('/api/agency/pipeline-health', { headers: { cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as PipelineOverview;
    expect(body.tenants.map((t) => t.tenant.id).sort()).toEqual(clients.map((c) => c.id).sort());
    expect(body.tenants.map((t) => t.tenant.id)).not.toContain(foreign.id);
    // Tenants without accounts have nothing wrong with them.
    expect(body.tenants.every((t) => t.worstStatus === 'healthy' && t.accounts === 0)).toBe(true);
  });

  it("lets an agency member open a client's own pipeline, and not another agency's client", async () => {
    const { clients, foreign, cookie } = await agencyWithClients();
    expect((await call(`/api/tenants/${clients[0]!.slug}/pipeline-health`, { headers: { cookie } })).status).toBe(200);
    await expectProblem(await call(`/api/tenants/${foreign.id}/pipeline-health`, { headers: { cookie } }), 404, 'not_found');
  });
});

describe('GET /api/ops/pipeline-health', () => {
  it('answers 401 problem details without the operator token or with a wrong one', async () => {
    await expectProblem(await call('/api/ops/pipeline-health'), 401, 'unauthenticated');
    const wrong = { authorization: 'Bearer wrong-token-wrong-token' };
    await expectProblem(await call('/api/ops/pipeline-health', { headers: wrong }), 401, 'unauthenticated');
  });

  it('lists every active tenant and the app-wide quota of each platform', async () => {
    const tenant = await createTenantWithData(arranged.db, []);
    const archived = await createTenantWithData(arranged.db, []);
    await arranged.db.execute(sql`update tenants set status = 'archived' where id = ${archived.tenantId}`);
    const res = await call('/api/ops/pipeline-health', { headers: { authorization: `Bearer ${testEnv.OPERATOR_TOKEN}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as FleetPipelineHealth;
    const ids = body.tenants.map((t) => t.tenant.id);
    expect(ids).toContain(tenant.tenantId);
    expect(ids).not.toContain(archived.tenantId);
    expect(body.tenants.find((t) => t.tenant.id === tenant.tenantId)).toMatchObject({ accounts: 1, worstStatus: 'needs_reauth' });
    expect(body.appQuotas.map((q) => [q.platform, q.window])).toEqual([
      ['meta', 'hour'],
      ['google_ads', 'day'],
      ['linkedin', 'day'],
    ]);
    expect(body.appQuotas.every((q) => q.quota > 0 && q.callsInWindow >= 0)).toBe(true);
  });

  it('shows the app-wide budgets as the PlatformQuota objects hold them, measured against the configured quota', async () => {
    const now = workerNow().getTime();
    const quota = env.PlatformQuota.get(env.PlatformQuota.idFromName('meta'));
    await quota.setName('meta');
    const quotas = appQuotas(workerConfig());
    const demand = { key: appKey('meta'), policy: policyForKey(appKey('meta'), { platform: 'meta', quotas })!, cost: 12 };
    expect(await quota.admit('hot', [demand], now)).toMatchObject({ admitted: true });
    const res = await call('/api/ops/pipeline-health', { headers: { authorization: `Bearer ${testEnv.OPERATOR_TOKEN}` } });
    const meta = ((await res.json()) as FleetPipelineHealth).appBudgets.find((b) => b.key === 'app:meta');
    const hourly = quotas.metaCallsPerHour;
    expect(meta).toMatchObject({ owner: 'meta', scope: 'app', capacity: expect.any(Number) });
    expect(meta!.capacity).toBeLessThanOrEqual(hourly);
    expect(meta!.tokensLeft).toBeLessThanOrEqual(meta!.capacity! - 12);
  });
});
