import { withAgency } from '../../../db/database';
import { findAgencyName, withTenantInAgency } from '../../../db/queries/members';
import { getAgencyTenant } from '../../../db/queries/provisioning';
import { inviteToTenant } from '../../people/invite';
import { AppError } from '../errors';
import { peopleDeps } from '../routes/people-deps';
import { emailFailed, peopleRefusal } from '../routes/people-errors';
import { createV1Router } from './app';
import { runIdempotent } from './idempotency';
import { createInvitation } from './invitation-schemas';

/** POST /api/v1/tenants/{tenantId}/invitations: an agency's key invites someone to one of its tenants (as the agency's admin would). */
export const invitationV1Routes = createV1Router().openapi(createInvitation, async (c) => {
  const { tenantId } = c.req.valid('param');
  const body = c.req.valid('json');
  const apiKey = c.get('apiKey');
  const deps = peopleDeps(c);
  const result = await withAgency(c.get('db'), apiKey.agencyId, async (tx) => {
    const tenant = await getAgencyTenant(tx, tenantId);
    if (!tenant) throw new AppError('not_found', 'No such tenant in this agency.');
    const agencyName = (await findAgencyName(tx.db, apiKey.agencyId)) ?? tenant.name;
    const request = { method: 'POST', path: `/api/v1/tenants/${tenantId}/invitations`, body };
    return runIdempotent(tx, c.req.valid('header')['idempotency-key'], request, async () => {
      const invited = await inviteToTenant(
        { ...deps, db: tx.db },
        { id: tenant.id, name: tenant.name, agencyId: apiKey.agencyId, branding: tenant.branding },
        { kind: 'api_key', apiKeyId: apiKey.id, agencyName },
        body,
        (fn) => withTenantInAgency(tx, tenant.id, fn),
      );
      if (!invited.ok) throw invited.reason === 'email_failed' ? emailFailed(invited.failure) : peopleRefusal(invited.reason);
      const { invitation } = invited;
      return {
        status: 201,
        body: {
          id: invitation.id,
          tenantId: tenant.id,
          email: invitation.email,
          role: invitation.role,
          createdAt: invitation.createdAt.toISOString(),
          expiresAt: invitation.expiresAt.toISOString(),
        },
      };
    });
  });
  if (result.replayed) c.header('idempotent-replayed', 'true');
  return c.json(result.body as { id: string; tenantId: string; email: string; role: 'admin'; createdAt: string; expiresAt: string }, 201);
});
