import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { domainDeps, ownHosts } from '../../worker/domains/config';
import { routeHost } from '../../worker/domains/host-route';
import { checkPendingDomains } from '../../worker/domains/register';
import { control } from './pipeline-support';
import { call, closeWhenIdle, createTenantWithData, postJson, signInCookie, superDb, unique } from './support';
import { workerConfig, workerNow } from './sync-support';

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));

interface DomainBody {
  id: string;
  hostname: string;
  status: 'pending' | 'verified' | 'failed';
  dnsRecords: Array<{ type: string; name: string; value: string }>;
  problems: string[];
}

async function tenantAdmin(ip: string) {
  const tenant = await createTenantWithData(arranged.db, []);
  await arranged.db.execute(sql`update memberships set role = 'admin' where tenant_id = ${tenant.tenantId}`);
  return { ...tenant, cookie: await signInCookie(tenant.email, tenant.password, ip) };
}

const hostnameFor = (label: string) => `${unique(label).toLowerCase()}.client.com`;
const register = (slug: string, cookie: string, hostname: unknown) => postJson(`/api/tenants/${slug}/domains`, { hostname }, { cookie });
const cloudflareHostnames = async () =>
  (await control<{ hostnames: Array<{ id: string; hostname: string; customMetadata?: Record<string, string> }> }>('/cloudflare/hostnames'))
    .hostnames;
const storedDomains = async (tenantId: string) =>
  rowsOf<{ hostname: string; verification_status: string; cloudflare_id: string | null }>(
    await arranged.db.execute(
      sql`select hostname, verification_status, cloudflare_id from tenant_domains where tenant_id = ${tenantId} order by created_at`,
    ),
  );

describe('custom domains of a tenant', () => {
  it('registers a hostname at Cloudflare and answers the DNS records the client must create', async () => {
    const admin = await tenantAdmin('198.51.100.201');
    const hostname = hostnameFor('reports');
    const res = await register(admin.slug, admin.cookie, `  ${hostname.toUpperCase()}. `);
    expect(res.status).toBe(201);
    const { domain } = (await res.json()) as { domain: DomainBody };
    expect(domain).toMatchObject({ hostname, status: 'pending' });
    expect(domain.dnsRecords.map((r) => [r.type, r.name])).toEqual([
      ['CNAME', hostname],
      ['TXT', `_cf-custom-hostname.${hostname}`],
      ['TXT', `_acme-challenge.${hostname}`],
    ]);
    expect(domain.dnsRecords[0]!.value).toBe(workerConfig().CUSTOM_DOMAIN_TARGET);
    const atCloudflare = (await cloudflareHostnames()).find((h) => h.hostname === hostname);
    expect(atCloudflare?.customMetadata).toEqual({ tenant_id: admin.tenantId });
    expect(await storedDomains(admin.tenantId)).toEqual([{ hostname, verification_status: 'pending', cloudflare_id: atCloudflare!.id }]);
  });

  it('refuses a hostname that is not one, naming the field, and stores nothing', async () => {
    const admin = await tenantAdmin('198.51.100.202');
    for (const bad of ['https://x.client.com/path', 'localhost', '10.0.0.1', 'tidemark.test']) {
      const res = await register(admin.slug, admin.cookie, bad);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { code: string; issues: Array<{ field: string; message: string }> };
      expect(body.code).toBe('validation_failed');
      expect(body.issues.map((i) => i.field)).toEqual(['hostname']);
    }
    expect(await storedDomains(admin.tenantId)).toEqual([]);
  });

  it('gives a hostname to one tenant only, without saying which one has it', async () => {
    const first = await tenantAdmin('198.51.100.203');
    const second = await tenantAdmin('198.51.100.204');
    const hostname = hostnameFor('shared');
    expect((await register(first.slug, first.cookie, hostname)).status).toBe(201);
    const res = await register(second.slug, second.cookie, hostname);
    expect(res.status).toBe(409);
    expect(await res.text()).not.toContain(first.slug);
    expect(await storedDomains(second.tenantId)).toEqual([]);
  });

  it('lets only admins list or change domains', async () => {
    const viewer = await createTenantWithData(arranged.db, []);
    const cookie = await signInCookie(viewer.email, viewer.password, '198.51.100.205');
    expect((await register(viewer.slug, cookie, hostnameFor('viewer'))).status).toBe(403);
    expect((await call(`/api/tenants/${viewer.slug}/domains`, { headers: { cookie } })).status).toBe(403);
    expect(await storedDomains(viewer.tenantId)).toEqual([]);
  });

  it('follows Cloudflare to verified, or to failed with what to do, and a check restarts a failed validation', async () => {
    const admin = await tenantAdmin('198.51.100.206');
    const verifiedHost = hostnameFor('ok');
    const failedHost = hostnameFor('late');
    const verified = ((await (await register(admin.slug, admin.cookie, verifiedHost)).json()) as { domain: DomainBody }).domain;
    const failed = ((await (await register(admin.slug, admin.cookie, failedHost)).json()) as { domain: DomainBody }).domain;
    await control(`/cloudflare/hostnames/${verifiedHost}/activate`, { method: 'POST' });
    await control(`/cloudflare/hostnames/${failedHost}/fail`, { method: 'POST' });

    const check = async (id: string) =>
      (
        (await (
          await call(`/api/tenants/${admin.slug}/domains/${id}/check`, { method: 'POST', headers: { cookie: admin.cookie } })
        ).json()) as { domain: DomainBody }
      ).domain;
    expect(await check(verified.id)).toMatchObject({
      status: 'verified',
      problems: [],
      dnsRecords: [expect.objectContaining({ type: 'CNAME' })],
    });
    const timedOut = await check(failed.id);
    expect(timedOut.status).toBe('failed');
    expect(timedOut.problems.at(-1)).toContain('not found in time');
    expect((await check(failed.id)).status).toBe('pending');
  });

  it('keeps a registration Cloudflare could not take, and the cron creates it there later', async () => {
    const admin = await tenantAdmin('198.51.100.207');
    const hostname = hostnameFor('outage');
    await control('/faults', { method: 'POST', body: JSON.stringify({ service: 'cloudflare', kind: 'server_error', remaining: 1 }) });
    const res = await register(admin.slug, admin.cookie, hostname);
    expect(res.status).toBe(201);
    const { domain } = (await res.json()) as { domain: DomainBody };
    expect(domain.status).toBe('pending');
    expect(domain.problems.join(' ')).toContain('could not be asked');
    expect(await storedDomains(admin.tenantId)).toEqual([{ hostname, verification_status: 'pending', cloudflare_id: null }]);

    const later = new Date(workerNow().getTime() + 10 * 60_000);
    const deps = domainDeps(workerConfig(), arranged.db, () => later);
    expect(await checkPendingDomains(deps, [admin.tenantId], { minAgeMs: 5 * 60_000, limit: 5 })).toEqual({ checked: 1, verified: 0 });
    const [stored] = await storedDomains(admin.tenantId);
    expect(stored!.cloudflare_id).toBe((await cloudflareHostnames()).find((h) => h.hostname === hostname)!.id);
  });

  it('removes a hostname at Cloudflare and then here', async () => {
    const admin = await tenantAdmin('198.51.100.208');
    const hostname = hostnameFor('gone');
    const { domain } = (await (await register(admin.slug, admin.cookie, hostname)).json()) as { domain: DomainBody };
    const res = await call(`/api/tenants/${admin.slug}/domains/${domain.id}`, { method: 'DELETE', headers: { cookie: admin.cookie } });
    expect(res.status).toBe(204);
    expect((await cloudflareHostnames()).map((h) => h.hostname)).not.toContain(hostname);
    expect(await storedDomains(admin.tenantId)).toEqual([]);
    expect(
      (await call(`/api/tenants/${admin.slug}/domains/not-a-uuid`, { method: 'DELETE', headers: { cookie: admin.cookie } })).status,
    ).toBe(404);
  });
});

describe('routeHost', () => {
  it('serves the product on its own hosts, a tenant on its verified hostname, and nothing on any other', async () => {
    const admin = await tenantAdmin('198.51.100.209');
    const verifiedHost = hostnameFor('live');
    const pendingHost = hostnameFor('pending');
    const verified = ((await (await register(admin.slug, admin.cookie, verifiedHost)).json()) as { domain: DomainBody }).domain;
    await register(admin.slug, admin.cookie, pendingHost);
    await control(`/cloudflare/hostnames/${verifiedHost}/activate`, { method: 'POST' });
    await call(`/api/tenants/${admin.slug}/domains/${verified.id}/check`, { method: 'POST', headers: { cookie: admin.cookie } });

    const own = ownHosts(workerConfig());
    expect(await routeHost(arranged.db, 'tidemark.test', own)).toEqual({ kind: 'app' });
    expect(await routeHost(arranged.db, '127.0.0.1:8787', own)).toEqual({ kind: 'app' });
    expect(await routeHost(arranged.db, `${verifiedHost.toUpperCase()}:443`, own)).toMatchObject({
      kind: 'tenant',
      tenant: { id: admin.tenantId, slug: admin.slug },
    });
    expect(await routeHost(arranged.db, pendingHost, own)).toEqual({ kind: 'unknown', hostname: pendingHost });
    expect(await routeHost(arranged.db, 'never-registered.client.com', own)).toEqual({
      kind: 'unknown',
      hostname: 'never-registered.client.com',
    });
  });
});
