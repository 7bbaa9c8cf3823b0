import { afterAll, describe, expect, it } from 'vitest';
import { tenants } from '../../db/schema';
import { createTestAgency } from './api-v1-support';
import { call, closeWhenIdle, postJson, superDb, unique } from './support';

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));

interface Entry {
  action: string;
  tenantId: string | null;
  actorUserId: string | null;
  details: Record<string, unknown>;
  at: string;
}

async function agencyWithClient() {
  const agency = await createTestAgency(arranged.db);
  const [client] = await arranged.db
    .insert(tenants)
    .values({
      slug: unique('c').toLowerCase(),
      name: unique('Client'),
      reportingCurrency: 'USD',
      timeZone: 'UTC',
      agencyId: agency.agencyId,
    })
    .returning();
  return { agency, client: client! };
}

const auditOf = async (cookie: string) => call('/api/agency/audit-log', { headers: { cookie } });

describe('GET /api/agency/audit-log', () => {
  it("lists the agency's and its tenants' security-relevant actions newest first, with who did them", async () => {
    const { agency, client } = await agencyWithClient();
    const admin = await agency.cookieOf('admin');
    const key = await postJson('/api/agency/api-keys', { name: 'ci', scope: 'read' }, { cookie: admin });
    expect(key.status).toBe(201);
    const hostname = `${unique('audit').toLowerCase()}.client.com`;
    const added = await postJson(`/api/tenants/${client.slug}/domains`, { hostname }, { cookie: admin });
    expect(added.status).toBe(201);
    const { domain } = (await added.json()) as { domain: { id: string } };
    expect((await call(`/api/tenants/${client.slug}/domains/${domain.id}`, { method: 'DELETE', headers: { cookie: admin } })).status).toBe(
      204,
    );

    const res = await auditOf(admin);
    expect(res.status).toBe(200);
    const { entries } = (await res.json()) as { entries: Entry[] };
    expect(entries.map((e) => e.action).slice(0, 3)).toEqual(['tenant.domain_removed', 'tenant.domain_added', 'agency.api_key.created']);
    expect(entries[0]).toMatchObject({ tenantId: client.id, actorUserId: expect.any(String), details: { hostname } });
    expect(entries[2]!.tenantId).toBeNull();
    expect([...entries].sort((a, b) => b.at.localeCompare(a.at))).toEqual(entries);
  });

  it("shows another agency's admin none of it, refuses editors and viewers, and needs a session", async () => {
    const { agency } = await agencyWithClient();
    await postJson('/api/agency/api-keys', { name: 'mine', scope: 'read' }, { cookie: await agency.cookieOf('admin') });
    const other = await createTestAgency(arranged.db);
    const theirs = (await (await auditOf(await other.cookieOf('owner'))).json()) as { entries: Entry[] };
    // Only their own owner's sign-in (sign-ins are audited in the user's agency).
    expect(theirs.entries.map((e) => e.action)).toEqual(['auth.signed_in']);
    expect((await auditOf(await agency.cookieOf('viewer'))).status).toBe(403);
    expect((await auditOf(await agency.cookieOf('editor'))).status).toBe(403);
    expect((await call('/api/agency/audit-log')).status).toBe(401);
  });
});
