import { Hono } from 'hono';
import { z } from 'zod';
import { withAgency, withTenant } from '../../../db/database';
import { listMembers, type Member } from '../../../db/queries/members';
import { listAgencyTenantIds } from '../../../db/queries/tenant-agency';
import { membershipRoleSchema } from '../../../db/schema/enums';
import { canManagePeople } from '../../auth/roles';
import { changeMember, type MemberChangeRequest, type MemberChangeResult, type PeoplePlace } from '../../people/members';
import { closeSessionSockets } from '../../realtime/close-sockets';
import type { AppContext, AppEnv } from '../context';
import { AppError } from '../errors';
import { requireTenant, requireUser } from '../middleware/auth';
import { resolveAgency } from '../v1/agency-api-keys';
import { idParamSchema, readJson, readQuery } from '../validate';
import { peopleRefusal } from './people-errors';

const roleBody = z.object({ role: membershipRoleSchema });
const agencyIdSchema = z.uuid({ message: 'Must be an agency id (UUID).' });
const FORBIDDEN = 'Only owners and admins manage people; editors and viewers manage nobody.';

const present = (m: Member) => ({ ...m, since: m.since.toISOString() });

function readUserId(c: AppContext): string {
  const parsed = idParamSchema.safeParse(c.req.param('userId'));
  if (!parsed.success) throw new AppError('not_found', 'No such member.');
  return parsed.data;
}

function changed(result: MemberChangeResult): { from: string; to: string | null } {
  if (!result.ok) throw peopleRefusal(result.reason);
  return { from: result.from, to: result.to };
}

function tenantPlace(c: AppContext): PeoplePlace {
  const tenant = c.get('tenant');
  return { kind: 'tenant', tenantId: tenant.id, agencyId: tenant.agencyId };
}

async function applyChange(c: AppContext, place: PeoplePlace, role: z.infer<typeof membershipRoleSchema>, request: MemberChangeRequest) {
  const userId = readUserId(c);
  const result = changed(await changeMember(c.get('db'), place, { userId: c.get('user').id, role }, userId, request));
  if (request.kind === 'remove') {
    // Its live sockets were opened with a membership it no longer has: close them now.
    const tenantIds = place.kind === 'tenant' ? [place.tenantId] : await listAgencyTenantIds(c.get('db'), place.agencyId);
    await closeSessionSockets(c.env, c.get('db'), { userId, tenantIds });
    return c.body(null, 204);
  }
  return c.json({ userId, ...result });
}

/**
 * Session routes of members: a tenant's direct members (its admins and its agency's owners and
 * admins manage them) and an agency's own (its owners and admins). The rules are in worker/auth/roles.ts.
 */
export const memberRoutes = new Hono<AppEnv>()
  .use('/tenants/:tenant/members', requireUser, requireTenant)
  .use('/tenants/:tenant/members/*', requireUser, requireTenant)
  .use('/agency/members', requireUser)
  .use('/agency/members/*', requireUser)
  .get('/tenants/:tenant/members', async (c) => {
    if (!canManagePeople(c.get('tenant').role)) throw new AppError('forbidden', FORBIDDEN);
    const members = await withTenant(c.get('db'), c.get('tenant').id, (tx) => listMembers(tx));
    return c.json({ members: members.map(present) });
  })
  .patch('/tenants/:tenant/members/:userId', async (c) => {
    const { role } = await readJson(c, roleBody);
    return applyChange(c, tenantPlace(c), c.get('tenant').role, { kind: 'role', role });
  })
  .delete('/tenants/:tenant/members/:userId', async (c) => applyChange(c, tenantPlace(c), c.get('tenant').role, { kind: 'remove' }))
  .get('/agency/members', async (c) => {
    const { agencyId } = readQuery(c, z.object({ agencyId: agencyIdSchema.optional() }));
    const agency = await resolveAgency(c, agencyId, FORBIDDEN);
    const members = await withAgency(c.get('db'), agency.agencyId, (tx) => listMembers(tx));
    return c.json({ agencyId: agency.agencyId, members: members.map(present) });
  })
  .patch('/agency/members/:userId', async (c) => {
    const { agencyId } = readQuery(c, z.object({ agencyId: agencyIdSchema.optional() }));
    const { role } = await readJson(c, roleBody);
    const agency = await resolveAgency(c, agencyId, FORBIDDEN);
    return applyChange(c, { kind: 'agency', agencyId: agency.agencyId }, agency.role, { kind: 'role', role });
  })
  .delete('/agency/members/:userId', async (c) => {
    const { agencyId } = readQuery(c, z.object({ agencyId: agencyIdSchema.optional() }));
    const agency = await resolveAgency(c, agencyId, FORBIDDEN);
    return applyChange(c, { kind: 'agency', agencyId: agency.agencyId }, agency.role, { kind: 'remove' });
  });
