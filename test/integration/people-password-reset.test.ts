import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { sha256Hex } from '../../worker/auth/password';
import { createPeopleWorld, createPerson, linkIn, mailsTo, nextIp, nthMailTo, submitForm } from './people-support';
import { call, closeWhenIdle, postJson, signInCookie, superDb } from './support';

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));

const works = async (cookie: string) => (await call('/api/me', { headers: { cookie } })).status === 200;
const auditOf = async (cookie: string) =>
  (
    (await (await call('/api/agency/audit-log', { headers: { cookie } })).json()) as {
      entries: Array<{ action: string; target: string; actorUserId: string | null; details: Record<string, unknown> }>;
    }
  ).entries;

describe('forgot password', () => {
  it('gives the same answer for an email with an account and one without, and mails only the first', async () => {
    const person = await createPerson(arranged.db, 'forgetful');
    const unknown = `nobody-${Date.now()}@people.test`;
    const known = await submitForm('/forgot-password', { email: person.email });
    const stranger = await submitForm('/forgot-password', { email: unknown });
    expect(known).toMatchObject({ type: 'success', status: 200, data: { sent: true, email: person.email } });
    expect(stranger).toMatchObject({ type: 'success', status: 200, data: { sent: true, email: unknown } });
    const mail = await nthMailTo(person.email);
    expect(mail.body.from.name).toBe('Tidemark');
    const { token } = linkIn(mail, '/reset-password');
    expect(token).toHaveLength(43);
    const rows = rowsOf<{ token_hash: string }>(
      await arranged.db.execute(sql`select token_hash from password_resets where user_id = ${person.id}`),
    );
    expect(rows.map((r) => r.token_hash)).toEqual([await sha256Hex(token)]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await mailsTo(unknown)).toEqual([]);
  });

  it('throttles requests per email: the sixth within 15 minutes is refused, whatever the address', async () => {
    const person = await createPerson(arranged.db, 'hammered');
    for (let i = 0; i < 5; i++) expect((await submitForm('/forgot-password', { email: person.email })).status).toBe(200);
    const refused = await submitForm('/forgot-password', { email: person.email }, { 'cf-connecting-ip': nextIp() });
    expect(refused).toMatchObject({ type: 'failure', status: 429 });
  });
});

describe('resetting a password', () => {
  it('sets the new password once, ends every other session, and audits request and completion', async () => {
    const world = await createPeopleWorld(arranged.db);
    const person = await world.member('admin', 'agency');
    const owner = await world.member('owner', 'agency');
    const other = await signInCookie(person.email, person.password, nextIp());
    const current = await signInCookie(person.email, person.password, nextIp());
    await submitForm('/forgot-password', { email: person.email });
    const { token } = linkIn(await nthMailTo(person.email), '/reset-password');

    const page = await call(`/reset-password/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(person.email);
    expect(await submitForm(`/reset-password/${token}`, { password: 'brand new password', confirm: 'different one!!' })).toMatchObject({
      status: 400,
    });
    expect(await submitForm(`/reset-password/${token}`, { password: 'short', confirm: 'short' })).toMatchObject({ status: 400 });
    const done = await submitForm(
      `/reset-password/${token}`,
      { password: 'brand new password', confirm: 'brand new password' },
      { cookie: current },
    );
    expect(done).toMatchObject({ type: 'redirect', location: '/login?reset=done' });

    expect(await works(other)).toBe(false);
    expect(await works(current)).toBe(true);
    expect(
      (await postJson('/api/auth/login', { email: person.email, password: person.password }, { 'cf-connecting-ip': nextIp() })).status,
    ).toBe(401);
    expect(
      (await postJson('/api/auth/login', { email: person.email, password: 'brand new password' }, { 'cf-connecting-ip': nextIp() })).status,
    ).toBe(200);

    const again = await submitForm(`/reset-password/${token}`, { password: 'another new password', confirm: 'another new password' });
    expect(again).toMatchObject({ type: 'failure', status: 410 });
    expect(await (await call(`/reset-password/${token}`)).text()).toContain('can no longer be used');

    const actions = (await auditOf(await owner.cookie())).filter((e) => e.target === person.id).map((e) => e.action);
    expect(actions).toContain('password_reset.requested');
    expect(actions).toContain('password_reset.completed');
    const stored = JSON.stringify(rowsOf(await arranged.db.execute(sql`select details from audit_log where target = ${person.id}`)));
    expect(stored).not.toContain(token);
    expect(stored).not.toContain('brand new password');
  });

  it('refuses an expired link and an unknown one with a clear page', async () => {
    const person = await createPerson(arranged.db, 'late');
    await submitForm('/forgot-password', { email: person.email });
    const { token } = linkIn(await nthMailTo(person.email), '/reset-password');
    await arranged.db.execute(sql`update password_resets set expires_at = now() - interval '1 second' where user_id = ${person.id}`);
    for (const link of [token, 'B'.repeat(43), 'garbage']) {
      const res = await call(`/reset-password/${link}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('can no longer be used');
    }
    expect(await submitForm(`/reset-password/${token}`, { password: 'brand new password', confirm: 'brand new password' })).toMatchObject({
      status: 410,
    });
  });
});

describe('sign-in audit', () => {
  it("writes sign-ins and failed sign-ins of an agency's people to its audit log, with the email's domain and never the password", async () => {
    const world = await createPeopleWorld(arranged.db);
    const owner = await world.member('owner', 'agency');
    const person = await world.member('editor');
    const wrong = 'definitely-not-the-password';
    expect((await postJson('/api/auth/login', { email: person.email, password: wrong }, { 'cf-connecting-ip': nextIp() })).status).toBe(
      401,
    );
    await person.cookie();
    const entries = (await auditOf(await owner.cookie())).filter((e) => e.target === person.id);
    expect(entries.map((e) => e.action).sort()).toEqual(['auth.sign_in_failed', 'auth.signed_in']);
    expect(entries.find((e) => e.action === 'auth.sign_in_failed')).toMatchObject({
      actorUserId: null,
      details: { emailDomain: 'people.test' },
    });
    expect(JSON.stringify(entries)).not.toContain(wrong);
  });
});
