import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitations, memberships, tenants } from '../../db/schema';
import { createPeopleWorld, mailsTo, nthMailTo, type PeopleWorld, type Person, submitForm } from './people-support';
import { call, closeWhenIdle, superDb, unique } from './support';

/*
 * The /t/:tenant/settings page and its form actions: what each member sees, and that the forms change
 * the settings and the people through the same rules as the API, with and without JavaScript.
 */

const arranged = superDb();
let world: PeopleWorld;
let admin: Person;
let viewer: Person;

beforeAll(async () => {
  world = await createPeopleWorld(arranged.db, { displayName: 'Client Reports', accentColor: '#f59e0b' });
  admin = await world.member('admin');
  viewer = await world.member('viewer');
}, 120_000);
afterAll(() => closeWhenIdle(arranged));

const page = () => `/t/${world.tenant.slug}/settings`;

async function html(person: Person): Promise<string> {
  const res = await call(page(), { headers: { cookie: await person.cookie(), accept: 'text/html' } });
  expect(res.status).toBe(200);
  return res.text();
}

async function post(person: Person, action: string, fields: Record<string, string>) {
  return submitForm(`${page()}?/${action}`, fields, { cookie: await person.cookie() });
}

const tenantRow = async () => (await arranged.db.select().from(tenants).where(eq(tenants.id, world.tenant.id)))[0]!;

describe('the settings page', () => {
  it('gives an admin the forms, the choices and the members, and notes a brand colour the guard darkened', async () => {
    const page = await html(admin);
    expect(page).toContain('action="?/reporting"');
    expect(page).toContain('<option value="JPY">JPY · Japanese Yen</option>');
    expect(page).toContain('label="Europe"');
    expect(page).toContain('action="?/invite"');
    expect(page).toContain(viewer.email);
    expect(page).toMatch(
      /Your accent colour #f59e0b would not reach the 3:1 contrast WCAG AA asks for on the\s+page, so the highlights show #[0-9a-f]{6} instead/,
    );
  });

  it('shows a viewer the values without any form or the members', async () => {
    const page = await html(viewer);
    expect(page).not.toContain('<form method="POST" action="?/');
    expect(page).toMatch(/<dt>Reporting currency<\/dt>\s*<dd>USD<\/dd>/);
    expect(page).not.toContain(admin.email);
  });

  it('saves the reporting currency from the form, and names a currency without rates', async () => {
    const refused = await post(admin, 'reporting', { reportingCurrency: 'XAF', timeZone: 'Europe/Paris' });
    expect([refused.type, refused.status]).toEqual(['failure', 400]);
    expect(refused.data).toMatchObject({
      form: 'reporting',
      errors: { reportingCurrency: expect.stringMatching(/No exchange rates are kept for XAF/) },
    });
    expect((await tenantRow()).reportingCurrency).toBe('USD');

    const saved = await post(admin, 'reporting', { reportingCurrency: 'CHF', timeZone: 'Europe/Zurich' });
    expect(saved.type).toBe('success');
    expect(saved.data).toMatchObject({ ok: true, message: expect.stringContaining('dashboards report money in CHF') });
    expect(await tenantRow()).toMatchObject({ reportingCurrency: 'CHF', timeZone: 'Europe/Zurich' });
  });

  it('works without JavaScript: a plain form post renders the page with the result', async () => {
    const res = await call(`${page()}?/branding`, {
      method: 'POST',
      headers: { cookie: await admin.cookie(), origin: 'http://tidemark.test', accept: 'text/html' },
      body: new URLSearchParams({ displayName: '', primaryColor: '#225588', accentColor: '' }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('role="status">Branding saved.</p>');
    // An empty field returns to the default: the display name and the accent are gone, the rest stays.
    expect((await tenantRow()).branding).toEqual({ primaryColor: '#225588' });
  });

  it('refuses a viewer’s form with the error page and changes nothing', async () => {
    for (const [action, fields] of [
      ['reporting', { reportingCurrency: 'JPY' }],
      ['invite', { email: `${unique('x')}@people.test`, role: 'viewer' }],
      ['role', { userId: admin.id, role: 'viewer' }],
    ] as const) {
      const refused = await post(viewer, action, fields);
      expect([action, refused.type, refused.res.status]).toEqual([action, 'error', 403]);
    }
    expect((await tenantRow()).reportingCurrency).toBe('CHF');
  });

  it('invites by email, lists the invitation and revokes it', async () => {
    const email = `${unique('invitee').toLowerCase()}@people.test`;
    const bad = await post(admin, 'invite', { email: 'not-an-address', role: 'viewer' });
    expect(bad.data).toMatchObject({ form: 'invite', errors: { email: 'Enter a valid email address.' } });

    const sent = await post(admin, 'invite', { email, role: 'editor' });
    expect(sent.data).toMatchObject({ ok: true, message: `Invitation sent to ${email} as editor.` });
    expect((await nthMailTo(email)).summary.subject).toBeTruthy();
    const [invitation] = await arranged.db.select().from(invitations).where(eq(invitations.email, email));
    expect(await html(admin)).toContain(`Revoke the invitation to ${email}`);

    const revoked = await post(admin, 'revoke', { invitationId: invitation!.id });
    expect(revoked.data).toMatchObject({ ok: true });
    expect(await html(admin)).not.toContain(`Revoke the invitation to ${email}`);
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it('changes a member’s role and removes them', async () => {
    const member = await world.member('viewer');
    const role = async () =>
      (
        await arranged.db
          .select({ role: memberships.role })
          .from(memberships)
          .where(and(eq(memberships.userId, member.id), eq(memberships.tenantId, world.tenant.id)))
      )[0]?.role;
    expect((await post(admin, 'role', { userId: member.id, role: 'editor' })).data).toMatchObject({
      ok: true,
      message: 'Role changed to editor.',
    });
    expect(await role()).toBe('editor');
    // An admin cannot make anyone an owner (tenants have admins, editors and viewers).
    const owner = await post(admin, 'role', { userId: member.id, role: 'owner' });
    expect(owner.status).toBe(400);
    expect(await role()).toBe('editor');

    expect((await post(admin, 'remove', { userId: member.id })).data).toMatchObject({ ok: true });
    expect(await role()).toBeUndefined();
    expect((await post(admin, 'remove', { userId: member.id })).status).toBe(404);
  });
});
