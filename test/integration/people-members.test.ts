import { afterAll, describe, expect, it } from 'vitest';
import { createPeopleWorld, type Person } from './people-support';
import { call, closeWhenIdle, superDb } from './support';

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));

type MemberView = { userId: string; email: string; role: string };

const patchRole = async (path: string, role: string, cookie: string) =>
  call(path, { method: 'PATCH', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ role }) });
const remove = async (path: string, cookie: string) => call(path, { method: 'DELETE', headers: { cookie } });
const membersOf = async (path: string, cookie: string) =>
  ((await (await call(path, { headers: { cookie } })).json()) as { members: MemberView[] }).members;
const auditOf = async (cookie: string) =>
  (
    (await (await call('/api/agency/audit-log', { headers: { cookie } })).json()) as {
      entries: Array<{ action: string; target: string; tenantId: string | null; actorUserId: string; details: Record<string, unknown> }>;
    }
  ).entries;

/** A live-update socket of `person` to the tenant's hub; resolves with the close code the server sends (null after 5 s). */
async function liveSocket(tenantId: string, person: Person) {
  const res = await call(`/parties/tenant-hub/${tenantId}`, { headers: { upgrade: 'websocket', cookie: await person.cookie() } });
  const socket = res.webSocket!;
  socket.accept();
  const hello = new Promise<void>((resolve) => socket.addEventListener('message', () => resolve(), { once: true }));
  const closed = new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), 5000);
    socket.addEventListener('close', (event) => {
      clearTimeout(timer);
      resolve(event.code);
    });
  });
  await hello;
  return { socket, closed };
}

describe('tenant members', () => {
  it("lists a tenant's members to its admins and its agency's admins, and to no editor or viewer", async () => {
    const world = await createPeopleWorld(arranged.db);
    const admin = await world.member('admin');
    const viewer = await world.member('viewer');
    const editor = await world.member('editor');
    const agencyAdmin = await world.member('admin', 'agency');
    const path = `/api/tenants/${world.tenant.slug}/members`;
    const listed = await membersOf(path, await admin.cookie());
    expect(listed.map((m) => [m.email, m.role])).toEqual([
      [admin.email, 'admin'],
      [editor.email, 'editor'],
      [viewer.email, 'viewer'],
    ]);
    expect((await membersOf(path, await agencyAdmin.cookie())).map((m) => m.userId).sort()).toEqual(
      [admin.id, editor.id, viewer.id].sort(),
    );
    for (const weak of [viewer, editor]) expect((await call(path, { headers: { cookie: await weak.cookie() } })).status).toBe(403);
    const outsider = await (await createPeopleWorld(arranged.db)).member('admin');
    expect((await call(path, { headers: { cookie: await outsider.cookie() } })).status).toBe(404);
  });

  it('lets a tenant admin change roles up to admin, never to owner, and audits each change', async () => {
    const world = await createPeopleWorld(arranged.db);
    const admin = await world.member('admin');
    const viewer = await world.member('viewer');
    const owner = await world.member('owner', 'agency');
    const path = `/api/tenants/${world.tenant.slug}/members/${viewer.id}`;
    const res = await patchRole(path, 'admin', await admin.cookie());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ userId: viewer.id, from: 'viewer', to: 'admin' });
    expect((await patchRole(path, 'owner', await admin.cookie())).status).toBe(400);
    const entry = (await auditOf(await owner.cookie())).find((e) => e.action === 'member.role_changed' && e.target === viewer.id);
    expect(entry).toMatchObject({ tenantId: world.tenant.id, actorUserId: admin.id, details: { from: 'viewer', to: 'admin' } });
  });

  it('refuses editors and viewers any change, and answers 404 for a user who is not a member', async () => {
    const world = await createPeopleWorld(arranged.db);
    const editor = await world.member('editor');
    const viewer = await world.member('viewer');
    const admin = await world.member('admin');
    expect((await patchRole(`/api/tenants/${world.tenant.slug}/members/${viewer.id}`, 'editor', await editor.cookie())).status).toBe(403);
    expect((await remove(`/api/tenants/${world.tenant.slug}/members/${editor.id}`, await viewer.cookie())).status).toBe(403);
    const stranger = await (await createPeopleWorld(arranged.db)).member('viewer');
    expect((await remove(`/api/tenants/${world.tenant.slug}/members/${stranger.id}`, await admin.cookie())).status).toBe(404);
    expect((await remove(`/api/tenants/${world.tenant.slug}/members/not-a-uuid`, await admin.cookie())).status).toBe(404);
  });

  it('removes a member, whose live sockets for the tenant close at once and who can no longer open it', async () => {
    const world = await createPeopleWorld(arranged.db);
    const admin = await world.member('admin');
    const leaver = await world.member('editor');
    const owner = await world.member('owner', 'agency');
    const live = await liveSocket(world.tenant.id, leaver);
    expect((await remove(`/api/tenants/${world.tenant.slug}/members/${leaver.id}`, await admin.cookie())).status).toBe(204);
    expect(await live.closed).toBe(4001);
    expect((await call(`/api/tenants/${world.tenant.slug}/overview`, { headers: { cookie: await leaver.cookie() } })).status).toBe(404);
    const entry = (await auditOf(await owner.cookie())).find((e) => e.action === 'member.removed' && e.target === leaver.id);
    expect(entry).toMatchObject({ tenantId: world.tenant.id, actorUserId: admin.id, details: { from: 'editor' } });
  });
});

describe('agency members', () => {
  it('keeps the last owner: neither demoted nor removed, not even by themselves', async () => {
    const world = await createPeopleWorld(arranged.db);
    const owner = await world.member('owner', 'agency');
    const path = `/api/agency/members/${owner.id}`;
    const demoted = await patchRole(path, 'admin', await owner.cookie());
    expect(demoted.status).toBe(409);
    expect(((await demoted.json()) as { detail: string }).detail).toMatch(/last owner/);
    expect((await remove(path, await owner.cookie())).status).toBe(409);
    expect((await membersOf('/api/agency/members', await owner.cookie())).map((m) => m.role)).toEqual(['owner']);
  });

  it('lets one of two owners demote the other, and never an admin touch an owner or make one', async () => {
    const world = await createPeopleWorld(arranged.db);
    const first = await world.member('owner', 'agency');
    const second = await world.member('owner', 'agency');
    const admin = await world.member('admin', 'agency');
    expect((await patchRole(`/api/agency/members/${second.id}`, 'admin', await admin.cookie())).status).toBe(403);
    expect((await patchRole(`/api/agency/members/${admin.id}`, 'owner', await admin.cookie())).status).toBe(403);
    expect((await remove(`/api/agency/members/${first.id}`, await admin.cookie())).status).toBe(403);
    expect((await patchRole(`/api/agency/members/${second.id}`, 'admin', await first.cookie())).status).toBe(200);
    expect((await patchRole(`/api/agency/members/${first.id}`, 'admin', await first.cookie())).status).toBe(409);
  });

  it('makes exactly one of two owners demoting each other at the same time succeed', async () => {
    const world = await createPeopleWorld(arranged.db);
    const a = await world.member('owner', 'agency');
    const b = await world.member('owner', 'agency');
    const [ca, cb] = [await a.cookie(), await b.cookie()];
    const answers = await Promise.all([
      patchRole(`/api/agency/members/${b.id}`, 'admin', ca),
      patchRole(`/api/agency/members/${a.id}`, 'admin', cb),
    ]);
    // The loser is refused either as no longer an owner (403: it read its role after the winner
    // committed) or as about to remove the last owner (409: it read its role before).
    const [won, lost] = answers.map((r) => r.status).sort();
    expect(won).toBe(200);
    expect([403, 409]).toContain(lost);
    expect((await membersOf('/api/agency/members', ca)).filter((m) => m.role === 'owner')).toHaveLength(1);
  });

  it('refuses editors and viewers of the agency the member list', async () => {
    const world = await createPeopleWorld(arranged.db);
    await world.member('owner', 'agency');
    for (const role of ['editor', 'viewer'] as const) {
      const weak = await world.member(role, 'agency');
      expect((await call('/api/agency/members', { headers: { cookie: await weak.cookie() } })).status).toBe(403);
    }
  });
});
