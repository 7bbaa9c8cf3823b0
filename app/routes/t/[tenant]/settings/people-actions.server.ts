import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { withTenant } from '$db/database';
import { membershipRoleSchema } from '$db/schema/enums';
import { readForm } from '$lib/server/form';
import { requireTenant } from '$lib/server/guards';
import { emailFailed, peopleRefusal } from '$worker/api/routes/people-errors';
import { idParamSchema } from '$worker/api/validate';
import { canManagePeople } from '$worker/auth/roles';
import { configuredMailer } from '$worker/email/mailer';
import { readConfig } from '$worker/env';
import { invitationRequestSchema } from '$worker/people/invitation-request';
import { inviteToTenant } from '$worker/people/invite';
import { changeMember, type MemberChangeRequest } from '$worker/people/members';
import { revokeAuditedInvitation } from '$worker/people/revoke';
import { closeSessionSockets } from '$worker/realtime/close-sockets';
import type { RequestEvent } from './$types';
import { type FormAnswer, fieldErrors } from './form-answer';
import { ROLE_LABELS } from './people';

/*
 * The members and invitations forms: the same domain functions and refusals as the session API
 * (worker/api/routes/members.ts and invitations.ts), answered as form results.
 */

const FORBIDDEN = 'Only owners and admins manage people; editors and viewers manage nobody.';

/** The signed-in manager of the tenant's people and the form sent; anyone else gets the error page. */
async function manager(event: RequestEvent) {
  const { user, tenant } = await requireTenant(event.locals, event.url, event.params.tenant);
  if (!canManagePeople(tenant.role)) error(403, FORBIDDEN);
  return { user, tenant, data: await readForm(event.request) };
}

const text = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
};

function refused(status: number, message: string, extra: Partial<FormAnswer> = {}, form: FormAnswer['form'] = 'people') {
  return fail(status, { form, ok: false, message, ...extra } satisfies FormAnswer);
}

/** Invites an email address with a role; the link goes out by email only. */
export async function sendInvitation(event: RequestEvent) {
  const { user, tenant, data } = await manager(event);
  const values = { email: text(data, 'email'), role: text(data, 'role') };
  const parsed = invitationRequestSchema.safeParse(values);
  if (!parsed.success) {
    return refused(
      400,
      'No invitation was sent: check the fields marked below.',
      { errors: fieldErrors(parsed.error.issues), values },
      'invite',
    );
  }
  if (!event.platform) error(500, 'The app must run inside the Worker.');
  const config = readConfig(event.platform.env);
  const deps = {
    db: event.locals.db,
    mailer: configuredMailer(config),
    appOrigin: event.url.origin,
    production: config.APP_ENV === 'production',
    now: new Date(),
  };
  const result = await inviteToTenant(deps, tenant, { kind: 'user', userId: user.id, name: user.name, role: tenant.role }, parsed.data);
  if (!result.ok) {
    const problem = result.reason === 'email_failed' ? emailFailed(result.failure) : peopleRefusal(result.reason);
    const message = problem.issues?.[0]?.message ?? problem.message;
    return refused(problem.status, `No invitation was sent. ${message}`, { values }, 'invite');
  }
  return {
    form: 'invite',
    ok: true,
    message: `Invitation sent to ${result.invitation.email} as ${ROLE_LABELS[result.invitation.role].toLowerCase()}.`,
  } satisfies FormAnswer;
}

const memberForm = z.object({ userId: idParamSchema });

async function change(event: RequestEvent, request: (data: FormData) => MemberChangeRequest | null) {
  const { user, tenant, data } = await manager(event);
  const target = memberForm.safeParse({ userId: text(data, 'userId') });
  const wanted = request(data);
  if (!target.success || !wanted) return refused(400, 'Choose a member and a role from the list.');
  const place = { kind: 'tenant' as const, tenantId: tenant.id, agencyId: tenant.agencyId };
  const result = await changeMember(event.locals.db, place, { userId: user.id, role: tenant.role }, target.data.userId, wanted);
  if (!result.ok) {
    const problem = peopleRefusal(result.reason);
    return refused(problem.status, problem.issues?.[0]?.message ?? problem.message);
  }
  if (wanted.kind === 'remove') {
    // Its live sockets were opened with a membership it no longer has: close them now.
    if (event.platform)
      await closeSessionSockets(event.platform.env, event.locals.db, { userId: target.data.userId, tenantIds: [tenant.id] });
    return { form: 'people', ok: true, message: 'The member was removed: they no longer have access to this client.' } satisfies FormAnswer;
  }
  const role = ROLE_LABELS[result.to ?? result.from].toLowerCase();
  const message =
    result.to === result.from
      ? `Nothing changed: the member already is ${role === 'admin' ? 'an' : 'a'} ${role}.`
      : `Role changed to ${role}.`;
  return { form: 'people', ok: true, message } satisfies FormAnswer;
}

/** Gives a member another tenant role. */
export const changeRole = (event: RequestEvent) =>
  change(event, (data) => {
    const role = membershipRoleSchema.safeParse(text(data, 'role'));
    return role.success ? { kind: 'role', role: role.data } : null;
  });

/** Removes a member from the tenant. */
export const removeMember = (event: RequestEvent) => change(event, () => ({ kind: 'remove' }));

/** Revokes a pending invitation: its link stops working. */
export async function revokePending(event: RequestEvent) {
  const { user, tenant, data } = await manager(event);
  const id = idParamSchema.safeParse(text(data, 'invitationId'));
  const revoked =
    id.success && (await withTenant(event.locals.db, tenant.id, (tx) => revokeAuditedInvitation(tx, id.data, user.id, tenant.agencyId)));
  if (!revoked) return refused(404, 'That invitation is no longer pending (accepted, revoked or expired).');
  return { form: 'people', ok: true, message: 'The invitation was revoked: its link no longer works.' } satisfies FormAnswer;
}
