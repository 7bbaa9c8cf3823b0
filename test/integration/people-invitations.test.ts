import { sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { tenantDomains } from '../../db/schema';
import { sha256Hex } from '../../worker/auth/password';
import { acceptAsNewUser, acceptAsUser } from '../../worker/people/accept';
import { createPeopleWorld, createPerson, linkIn, mailsTo, nthMailTo, sessionCookieOf, submitForm } from './people-support';
import { control } from './pipeline-support';
import { appDb, call, closeWhenIdle, postJson, superDb, unique } from './support';

const arranged = superDb();
const app = appDb();
afterAll(() => closeWhenIdle(arranged, app));
afterEach(() => control('/faults', { method: 'DELETE' }));

const newEmail = () => `${unique('invitee').toLowerCase()}@client.test`;

async function invite(cookie: string, tenantSlug: string, email: string, role: string) {
  return postJson(`/api/tenants/${tenantSlug}/invitations`, { email, role }, { cookie });
}

async function invitationRow(tokenHash: string) {
  const [row] = rowsOf<{ email: string; role: string; accepted_at: Date | null; revoked_at: Date | null }>(
    await arranged.db.execute(sql`select email, role, accepted_at, revoked_at from invitations where token_hash = ${tokenHash}`),
  );
  return row;
}

async function roleOf(userEmail: string, tenantId: string) {
  const rows = rowsOf<{ role: string }>(
    await arranged.db.execute(
      sql`select m.role from memberships m join users u on u.id = m.user_id where lower(u.email) = lower(${userEmail}) and m.tenant_id = ${tenantId}`,
    ),
  );
  return rows.map((r) => r.role);
}

const pageText = async (path: string) => {
  const res = await call(path);
  return { status: res.status, text: await res.text() };
};

describe('inviting someone to a tenant', () => {
  it("emails a single-use link in the tenant's branding; the invitee sets a password and lands on the tenant", async () => {
    const world = await createPeopleWorld(arranged.db, { displayName: 'Acme Insights' });
    const admin = await world.member('admin', 'agency');
    const email = newEmail();
    const res = await invite(await admin.cookie(), world.tenant.slug, email, 'editor');
    expect(res.status).toBe(201);
    const answer = await res.text();

    const mail = await nthMailTo(email);
    expect(mail.body.from.name).toBe('Acme Insights');
    expect(JSON.stringify(mail.body)).not.toContain('Tidemark');
    expect(mail.summary.subject).toContain(world.tenant.name);
    const { url, token } = linkIn(mail, '/invite');
    expect(url.startsWith('http://tidemark.test/invite/')).toBe(true);
    expect(token.length).toBeGreaterThanOrEqual(43);
    expect(answer).not.toContain(token);
    // Only the token's SHA-256 is stored.
    expect(await invitationRow(await sha256Hex(token))).toMatchObject({ email, role: 'editor', accepted_at: null });
    const plain = await arranged.db.execute(sql`select count(*)::int as n from invitations where token_hash = ${token}`);
    expect(rowsOf<{ n: number }>(plain)[0]!.n).toBe(0);

    const page = await pageText(`/invite/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Acme Insights');
    expect(page.text).toContain(email);
    expect(page.text).toContain(world.tenant.name);

    const weak = await submitForm(`/invite/${token}`, { name: 'Ana', password: 'short' });
    expect(weak).toMatchObject({ type: 'failure', status: 400, data: { message: 'Use at least 12 characters.' } });

    const accepted = await submitForm(`/invite/${token}`, { name: 'Ana Invitee', password: 'a long enough password' });
    expect(accepted).toMatchObject({ type: 'redirect', status: 303, location: `/t/${world.tenant.slug}` });
    const cookie = sessionCookieOf(accepted.res)!;
    const me = await call('/api/me', { headers: { cookie } });
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(email);
    expect(await roleOf(email, world.tenant.id)).toEqual(['editor']);

    const again = await submitForm(`/invite/${token}`, { name: 'Mallory', password: 'another long password' });
    expect(again).toMatchObject({ type: 'failure', status: 410 });
    expect((await pageText(`/invite/${token}`)).text).toContain('has already been used');
  });

  it('builds the link on the tenant’s verified custom hostname', async () => {
    const world = await createPeopleWorld(arranged.db, { displayName: 'Dash' });
    const hostname = `${unique('inv').toLowerCase()}.client.test`;
    await arranged.db.insert(tenantDomains).values({ tenantId: world.tenant.id, hostname, verificationStatus: 'verified' });
    const admin = await world.member('admin');
    const email = newEmail();
    expect((await invite(await admin.cookie(), world.tenant.slug, email, 'viewer')).status).toBe(201);
    const { url, token } = linkIn(await nthMailTo(email), '/invite');
    expect(url.startsWith(`http://${hostname}/invite/`)).toBe(true);
    const onHost = await call(`/invite/${token}`, { origin: `http://${hostname}` });
    expect(await onHost.text()).toContain(`Join ${world.tenant.name}`);

    // Another tenant's invitation does not exist on this tenant's domain.
    const other = await createPeopleWorld(arranged.db, { displayName: 'Other Brand' });
    const otherEmail = newEmail();
    expect((await invite(await (await other.member('admin')).cookie(), other.tenant.slug, otherEmail, 'viewer')).status).toBe(201);
    const otherToken = linkIn(await nthMailTo(otherEmail), '/invite').token;
    const foreign = await (await call(`/invite/${otherToken}`, { origin: `http://${hostname}` })).text();
    expect(foreign).toContain('not valid');
    expect(foreign).not.toContain(other.tenant.name);
    expect(foreign).not.toContain('Other Brand');
    const posted = await submitForm(
      `/invite/${otherToken}`,
      { name: 'X', password: 'a long enough password' },
      { origin: `http://${hostname}` },
    );
    expect(posted).toMatchObject({ status: 410 });
  });

  it('lets an existing user sign in on the page to accept, and keeps a stronger role they already hold', async () => {
    const world = await createPeopleWorld(arranged.db);
    const admin = await world.member('admin');
    const existing = await createPerson(arranged.db, 'existing');
    expect((await invite(await admin.cookie(), world.tenant.slug, existing.email, 'viewer')).status).toBe(201);
    const { token } = linkIn(await nthMailTo(existing.email), '/invite');
    expect((await pageText(`/invite/${token}`)).text).toContain('sign in to accept');

    expect(await submitForm(`/invite/${token}`, { password: 'wrong password!' })).toMatchObject({ type: 'failure', status: 401 });
    const accepted = await submitForm(`/invite/${token}`, { password: existing.password });
    expect(accepted).toMatchObject({ type: 'redirect', location: `/t/${world.tenant.slug}` });
    expect(await roleOf(existing.email, world.tenant.id)).toEqual(['viewer']);
  });

  it('accepts for a signed-in user of the invited email, and refuses one signed in as someone else', async () => {
    const world = await createPeopleWorld(arranged.db);
    const admin = await world.member('admin');
    const invitee = await createPerson(arranged.db, 'invitee');
    const stranger = await createPerson(arranged.db, 'stranger');
    expect((await invite(await admin.cookie(), world.tenant.slug, invitee.email, 'editor')).status).toBe(201);
    const { token } = linkIn(await nthMailTo(invitee.email), '/invite');
    expect(await submitForm(`/invite/${token}`, {}, { cookie: await stranger.cookie() })).toMatchObject({ type: 'failure', status: 403 });
    expect(await submitForm(`/invite/${token}`, {}, { cookie: await invitee.cookie() })).toMatchObject({ type: 'redirect' });
    expect(await roleOf(invitee.email, world.tenant.id)).toEqual(['editor']);
    expect(await roleOf(stranger.email, world.tenant.id)).toEqual([]);
  });

  it('replaces the old link when the same email is invited again, and lists only the pending one', async () => {
    const world = await createPeopleWorld(arranged.db);
    const admin = await world.member('admin');
    const cookie = await admin.cookie();
    const email = newEmail();
    expect((await invite(cookie, world.tenant.slug, email, 'viewer')).status).toBe(201);
    const first = linkIn(await nthMailTo(email), '/invite').token;
    expect((await invite(cookie, world.tenant.slug, email, 'editor')).status).toBe(201);
    const second = linkIn(await nthMailTo(email, 2), '/invite').token;
    expect(second).not.toBe(first);
    expect((await pageText(`/invite/${first}`)).text).toContain('was withdrawn');
    const list = (await (await call(`/api/tenants/${world.tenant.slug}/invitations`, { headers: { cookie } })).json()) as {
      invitations: Array<{ email: string; role: string }>;
    };
    expect(list.invitations).toMatchObject([{ email, role: 'editor' }]);
  });

  it('shows a clear page, never a 500, for revoked, expired and unknown links', async () => {
    const world = await createPeopleWorld(arranged.db);
    const admin = await world.member('admin');
    const cookie = await admin.cookie();
    const revokedEmail = newEmail();
    const created = (await (await invite(cookie, world.tenant.slug, revokedEmail, 'viewer')).json()) as { invitation: { id: string } };
    const revokedToken = linkIn(await nthMailTo(revokedEmail), '/invite').token;
    const del = await call(`/api/tenants/${world.tenant.slug}/invitations/${created.invitation.id}`, {
      method: 'DELETE',
      headers: { cookie },
    });
    expect(del.status).toBe(204);
    expect((await pageText(`/invite/${revokedToken}`)).text).toContain('was withdrawn');
    expect(await submitForm(`/invite/${revokedToken}`, { name: 'X', password: 'a long enough password' })).toMatchObject({
      status: 410,
    });

    const expiredEmail = newEmail();
    expect((await invite(cookie, world.tenant.slug, expiredEmail, 'viewer')).status).toBe(201);
    const expiredToken = linkIn(await nthMailTo(expiredEmail), '/invite').token;
    await arranged.db.execute(
      sql`update invitations set expires_at = now() - interval '1 minute' where token_hash = ${await sha256Hex(expiredToken)}`,
    );
    const expired = await pageText(`/invite/${expiredToken}`);
    expect(expired).toMatchObject({ status: 200 });
    expect(expired.text).toContain('has expired');

    for (const token of ['nope', 'A'.repeat(43), '%00', 'x'.repeat(5000)]) {
      const page = await pageText(`/invite/${token}`);
      expect(page.status, token.slice(0, 10)).toBeLessThan(500);
      if (page.status === 200) expect(page.text).toContain('not valid');
    }
  });

  it('lets exactly one of two parallel accepts of the same link win', async () => {
    const world = await createPeopleWorld(arranged.db);
    const admin = await world.member('admin');
    const email = newEmail();
    expect((await invite(await admin.cookie(), world.tenant.slug, email, 'editor')).status).toBe(201);
    const { token } = linkIn(await nthMailTo(email), '/invite');
    const now = new Date();
    const results = await Promise.all([
      acceptAsNewUser(app.db, token, { name: 'One', password: 'first long password' }, now),
      acceptAsNewUser(app.db, token, { name: 'Two', password: 'second long password' }, now),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false });
    expect(await roleOf(email, world.tenant.id)).toEqual(['editor']);

    const other = await createPerson(arranged.db, 'racer');
    expect((await invite(await admin.cookie(), world.tenant.slug, other.email, 'viewer')).status).toBe(201);
    const raced = linkIn(await nthMailTo(other.email), '/invite').token;
    const both = await Promise.all([acceptAsUser(app.db, raced, other, now), acceptAsUser(app.db, raced, other, now)]);
    expect(both.map((r) => r.ok).sort()).toEqual([false, true]);
  });

  it('stores nothing and answers 503 when SendGrid refuses the mail, so the inviter can retry', async () => {
    const world = await createPeopleWorld(arranged.db);
    const admin = await world.member('admin');
    const email = newEmail();
    await control('/faults', { method: 'POST', body: JSON.stringify({ service: 'sendgrid', kind: 'server_error', remaining: 1 }) });
    const res = await invite(await admin.cookie(), world.tenant.slug, email, 'viewer');
    expect(res.status).toBe(503);
    const rows = rowsOf<{ n: number }>(await arranged.db.execute(sql`select count(*)::int as n from invitations where email = ${email}`));
    expect(rows[0]!.n).toBe(0);
    expect(await mailsTo(email)).toEqual([]);
    await control('/faults', { method: 'POST', body: JSON.stringify({ service: 'sendgrid', kind: 'rate_limit', remaining: 1 }) });
    const limited = await invite(await admin.cookie(), world.tenant.slug, email, 'viewer');
    expect(limited.status).toBe(503);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await invite(await admin.cookie(), world.tenant.slug, email, 'viewer')).status).toBe(201);
  });
});

describe('who may invite', () => {
  it('refuses tenant editors and viewers, and anyone outside the tenant gets 404', async () => {
    const world = await createPeopleWorld(arranged.db);
    for (const role of ['editor', 'viewer'] as const) {
      const member = await world.member(role);
      expect((await invite(await member.cookie(), world.tenant.slug, newEmail(), 'viewer')).status).toBe(403);
      expect((await call(`/api/tenants/${world.tenant.slug}/invitations`, { headers: { cookie: await member.cookie() } })).status).toBe(
        403,
      );
    }
    const outsider = await (await createPeopleWorld(arranged.db)).member('admin');
    expect((await invite(await outsider.cookie(), world.tenant.slug, newEmail(), 'viewer')).status).toBe(404);
    expect((await postJson(`/api/tenants/${world.tenant.slug}/invitations`, { email: newEmail(), role: 'viewer' })).status).toBe(401);
  });

  it('lets a tenant admin invite up to admin but never an owner', async () => {
    const world = await createPeopleWorld(arranged.db);
    const admin = await world.member('admin');
    expect((await invite(await admin.cookie(), world.tenant.slug, newEmail(), 'admin')).status).toBe(201);
    const owner = await invite(await admin.cookie(), world.tenant.slug, newEmail(), 'owner');
    expect(owner.status).toBe(400);
    expect(((await owner.json()) as { issues: Array<{ field: string }> }).issues[0]!.field).toBe('role');
  });

  it("lets agency owners invite to the agency, refuses an agency admin who invites an owner, and an agency's editors", async () => {
    const world = await createPeopleWorld(arranged.db);
    const owner = await world.member('owner', 'agency');
    const admin = await world.member('admin', 'agency');
    const editor = await world.member('editor', 'agency');
    const email = newEmail();
    const res = await postJson('/api/agency/invitations', { email, role: 'owner' }, { cookie: await owner.cookie() });
    expect(res.status).toBe(201);
    expect((await nthMailTo(email)).body.from.name).toBe('Tidemark');
    expect((await postJson('/api/agency/invitations', { email: newEmail(), role: 'owner' }, { cookie: await admin.cookie() })).status).toBe(
      403,
    );
    expect(
      (await postJson('/api/agency/invitations', { email: newEmail(), role: 'admin' }, { cookie: await editor.cookie() })).status,
    ).toBe(403);

    const { token } = linkIn(await nthMailTo(email), '/invite');
    expect(await submitForm(`/invite/${token}`, { name: 'New Owner', password: 'a long enough password' })).toMatchObject({
      type: 'redirect',
      location: '/',
    });
    const members = (await (await call('/api/agency/members', { headers: { cookie: await owner.cookie() } })).json()) as {
      members: Array<{ email: string; role: string }>;
    };
    expect(members.members).toContainEqual(expect.objectContaining({ email, role: 'owner' }));
  });
});

describe('audit of invitations', () => {
  it('shows created, accepted and revoked invitations in the agency audit log, with who', async () => {
    const world = await createPeopleWorld(arranged.db);
    const owner = await world.member('owner', 'agency');
    const cookie = await owner.cookie();
    const email = newEmail();
    const created = (await (await invite(cookie, world.tenant.slug, email, 'viewer')).json()) as { invitation: { id: string } };
    const { token } = linkIn(await nthMailTo(email), '/invite');
    await submitForm(`/invite/${token}`, { name: 'Audited', password: 'a long enough password' });
    const revokedEmail = newEmail();
    const revoked = (await (await invite(cookie, world.tenant.slug, revokedEmail, 'viewer')).json()) as { invitation: { id: string } };
    await call(`/api/tenants/${world.tenant.slug}/invitations/${revoked.invitation.id}`, { method: 'DELETE', headers: { cookie } });

    const { entries } = (await (await call('/api/agency/audit-log', { headers: { cookie } })).json()) as {
      entries: Array<{
        action: string;
        target: string;
        tenantId: string | null;
        actorUserId: string | null;
        details: Record<string, unknown>;
      }>;
    };
    const about = (id: string) => entries.filter((e) => e.target === id).map((e) => e.action);
    expect(about(created.invitation.id).sort()).toEqual(['invitation.accepted', 'invitation.created']);
    expect(about(revoked.invitation.id).sort()).toEqual(['invitation.created', 'invitation.revoked']);
    const createdEntry = entries.find((e) => e.target === created.invitation.id && e.action === 'invitation.created')!;
    expect(createdEntry).toMatchObject({ tenantId: world.tenant.id, actorUserId: owner.id, details: { email, role: 'viewer' } });
    expect(JSON.stringify(entries)).not.toContain(token);
  });
});
