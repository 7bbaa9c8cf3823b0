import { Hono } from 'hono';
import { z } from 'zod';
import { withAgency, withTenant } from '../../../db/database';
import { type InvitationSummary, listPendingInvitations } from '../../../db/queries/invitations';
import { findAgencyName, type PeopleTx } from '../../../db/queries/members';
import { canManagePeople } from '../../auth/roles';
import { invitationRequestSchema } from '../../people/invitation-request';
import { type InviteResult, inviteToAgency, inviteToTenant } from '../../people/invite';
import { revokeAuditedInvitation } from '../../people/revoke';
import type { AppContext, AppEnv } from '../context';
import { AppError } from '../errors';
import { requireTenant, requireUser } from '../middleware/auth';
import { resolveAgency } from '../v1/agency-api-keys';
import { idParamSchema, readJson, readQuery } from '../validate';
import { peopleDeps } from './people-deps';
import { emailFailed, peopleRefusal } from './people-errors';

const agencyIdSchema = z.uuid({ message: 'Must be an agency id (UUID).' });
const FORBIDDEN = 'Only owners and admins manage people; editors and viewers manage nobody.';

export function presentInvitation(invitation: InvitationSummary) {
  return { ...invitation, createdAt: invitation.createdAt.toISOString(), expiresAt: invitation.expiresAt.toISOString() };
}

function invited(result: InviteResult): InvitationSummary {
  if (result.ok) return result.invitation;
  if (result.reason === 'email_failed') throw emailFailed(result.failure);
  throw peopleRefusal(result.reason);
}

function requireTenantManager(c: AppContext) {
  if (!canManagePeople(c.get('tenant').role)) throw new AppError('forbidden', FORBIDDEN);
}

function readInvitationId(c: AppContext): string {
  const parsed = idParamSchema.safeParse(c.req.param('invitationId'));
  if (!parsed.success) throw new AppError('not_found', 'No such invitation.');
  return parsed.data;
}

function revoke(c: AppContext, tx: PeopleTx, id: string, tenantAgencyId: string | null): Promise<boolean> {
  return revokeAuditedInvitation(tx, id, c.get('user').id, tenantAgencyId);
}

/**
 * Session routes of invitations: a tenant's (its admins and its agency's owners and admins) and an
 * agency's own (owners and admins). The link goes out by email only; the answers never contain it.
 */
export const invitationRoutes = new Hono<AppEnv>()
  .use('/tenants/:tenant/invitations', requireUser, requireTenant)
  .use('/tenants/:tenant/invitations/*', requireUser, requireTenant)
  .use('/agency/invitations', requireUser)
  .use('/agency/invitations/*', requireUser)
  .post('/tenants/:tenant/invitations', async (c) => {
    const body = await readJson(c, invitationRequestSchema);
    const tenant = c.get('tenant');
    const user = c.get('user');
    const result = await inviteToTenant(peopleDeps(c), tenant, { kind: 'user', userId: user.id, name: user.name, role: tenant.role }, body);
    return c.json({ invitation: presentInvitation(invited(result)) }, 201);
  })
  .get('/tenants/:tenant/invitations', async (c) => {
    requireTenantManager(c);
    const invitations = await withTenant(c.get('db'), c.get('tenant').id, (tx) => listPendingInvitations(tx, new Date()));
    return c.json({ invitations: invitations.map(presentInvitation) });
  })
  .delete('/tenants/:tenant/invitations/:invitationId', async (c) => {
    requireTenantManager(c);
    const id = readInvitationId(c);
    const tenant = c.get('tenant');
    const revoked = await withTenant(c.get('db'), tenant.id, (tx) => revoke(c, tx, id, tenant.agencyId));
    if (!revoked) throw new AppError('not_found', 'No such invitation.');
    return c.body(null, 204);
  })
  .post('/agency/invitations', async (c) => {
    const body = await readJson(c, invitationRequestSchema.extend({ agencyId: agencyIdSchema.optional() }));
    const agency = await resolveAgency(c, body.agencyId, FORBIDDEN);
    const user = c.get('user');
    const name = (await findAgencyName(c.get('db'), agency.agencyId)) ?? 'your agency';
    const result = await inviteToAgency(
      peopleDeps(c),
      { id: agency.agencyId, name },
      { kind: 'user', userId: user.id, name: user.name, role: agency.role },
      { email: body.email, role: body.role },
    );
    return c.json({ agencyId: agency.agencyId, invitation: presentInvitation(invited(result)) }, 201);
  })
  .get('/agency/invitations', async (c) => {
    const { agencyId } = readQuery(c, z.object({ agencyId: agencyIdSchema.optional() }));
    const agency = await resolveAgency(c, agencyId, FORBIDDEN);
    const invitations = await withAgency(c.get('db'), agency.agencyId, (tx) => listPendingInvitations(tx, new Date()));
    return c.json({ agencyId: agency.agencyId, invitations: invitations.map(presentInvitation) });
  })
  .delete('/agency/invitations/:invitationId', async (c) => {
    const id = readInvitationId(c);
    const { agencyId } = readQuery(c, z.object({ agencyId: agencyIdSchema.optional() }));
    const agency = await resolveAgency(c, agencyId, FORBIDDEN);
    const revoked = await withAgency(c.get('db'), agency.agencyId, (tx) => revoke(c, tx, id, null));
    if (!revoked) throw new AppError('not_found', 'No such invitation.');
    return c.body(null, 204);
  });
