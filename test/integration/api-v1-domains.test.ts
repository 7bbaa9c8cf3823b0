import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { createKey, createTestAgency, tenantBody, v1Client } from './api-v1-support';
import { control } from './pipeline-support';
import { closeWhenIdle, superDb, unique } from './support';

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));

let writeKey: string;
beforeAll(async () => {
  writeKey = (await createKey(await createTestAgency(arranged.db), 'write')).key;
});

const atCloudflare = async (hostname: string) =>
  (
    await control<{ hostnames: Array<{ id: string; hostname: string; customMetadata?: Record<string, string> }> }>('/cloudflare/hostnames')
  ).hostnames.find((h) => h.hostname === hostname);

describe('custom domains through /api/v1', () => {
  it('registers the custom domain of a new tenant at Cloudflare at once, for that tenant', async () => {
    const hostname = `${unique('dash').toLowerCase()}.acme-shoes.com`;
    const created = await v1Client(writeKey).POST('/tenants', { body: tenantBody({ customDomain: hostname }) });
    expect(created.response.status).toBe(201);
    const tenant = created.data!;
    expect(tenant.customDomain).toEqual({ hostname, status: 'pending' });
    const registered = await atCloudflare(hostname);
    expect(registered?.customMetadata).toEqual({ tenant_id: tenant.id });
    const [row] = rowsOf<{ cloudflare_id: string | null; dns_records: unknown[] }>(
      await arranged.db.execute(sql`select cloudflare_id, dns_records from tenant_domains where hostname = ${hostname}`),
    );
    expect(row!.cloudflare_id).toBe(registered!.id);
    expect(row!.dns_records.length).toBeGreaterThan(0);
  });

  it('refuses a hostname of the product itself or a reserved one, naming customDomain, and creates nothing', async () => {
    for (const hostname of ['app.tidemark.test', 'shop.example']) {
      const body = tenantBody({ customDomain: hostname });
      const refused = await v1Client(writeKey).POST('/tenants', { body });
      expect(refused.response.status).toBe(400);
      expect((refused.error as { issues: Array<{ field: string }> }).issues.map((i) => i.field)).toEqual(['customDomain']);
      const [count] = rowsOf<{ n: number }>(
        await arranged.db.execute(sql`select count(*)::int as n from tenants where slug = ${body.slug}`),
      );
      expect(count!.n).toBe(0);
    }
  });

  it('removes the old hostname at Cloudflare when an update changes the domain, and the last one when the tenant is deleted', async () => {
    const first = `${unique('old').toLowerCase()}.acme-shoes.com`;
    const second = `${unique('new').toLowerCase()}.acme-shoes.com`;
    const client = v1Client(writeKey);
    const created = await client.POST('/tenants', { body: tenantBody({ customDomain: first }) });
    expect(created.response.status).toBe(201);
    const tenantId = created.data!.id;
    expect(await atCloudflare(first)).toBeDefined();

    const updated = await client.PATCH('/tenants/{tenantId}', { params: { path: { tenantId } }, body: { customDomain: second } });
    expect(updated.response.status).toBe(200);
    expect(await atCloudflare(first)).toBeUndefined();
    expect((await atCloudflare(second))?.customMetadata).toEqual({ tenant_id: tenantId });

    const deleted = await client.DELETE('/tenants/{tenantId}', { params: { path: { tenantId } } });
    expect(deleted.response.status).toBe(204);
    expect(await atCloudflare(second)).toBeUndefined();
  });
});
