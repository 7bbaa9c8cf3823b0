import { Hono } from 'hono';
import { z } from 'zod';
import { withAgency } from '../../../db/queries/agency-scope';
import { type AgencyRole, createApiKey, listAgencyRolesForUser, listApiKeys, revokeApiKey } from '../../../db/queries/api-keys';
import { API_KEY_SCOPES } from '../../../db/schema/enum-values';
import { apiKeyEnvironment, generateApiKey } from '../../auth/api-keys';
import { canManageAgencyKeys } from '../../auth/roles';
import type { AppContext, AppEnv } from '../context';
import { AppError } from '../errors';
import { requireUser } from '../middleware/auth';
import { readJson, readQuery } from '../validate';

const agencyIdSchema = z.uuid({ message: 'Must be an agency id (UUID).' });

/**
 * The agency the request acts for: the one named by `agencyId`, or the user's only agency. A user
 * who is not a member of it gets 404 (as if it did not exist); a member below admin gets 403.
 */
export async function resolveAgency(
  c: AppContext,
  agencyId: string | undefined,
  forbidden = 'Only agency owners and admins manage API keys.',
): Promise<AgencyRole> {
  const roles = await listAgencyRolesForUser(c.get('db'), c.get('user').id);
  const chosen = agencyId ? roles.find((r) => r.agencyId === agencyId) : roles.length === 1 ? roles[0] : undefined;
  if (!chosen) {
    if (agencyId || roles.length === 0) throw new AppError('not_found', 'No such agency.');
    throw new AppError('validation_failed', 'You belong to several agencies: say which one.', {
      issues: [{ field: 'agencyId', message: 'Required when you belong to several agencies.' }],
    });
  }
  if (!canManageAgencyKeys(chosen.role)) throw new AppError('forbidden', forbidden);
  return chosen;
}

const summary = (key: Awaited<ReturnType<typeof listApiKeys>>[number]) => ({
  ...key,
  createdAt: key.createdAt.toISOString(),
  lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  revokedAt: key.revokedAt?.toISOString() ?? null,
});

/**
 * Session routes for agency owners and admins: create (the key is in this one response only), list
 * and revoke the API keys of /api/v1. Each create and revoke is written to the agency's audit log.
 */
export const agencyApiKeyRoutes = new Hono<AppEnv>()
  .use('/agency/api-keys', requireUser)
  .use('/agency/api-keys/*', requireUser)
  .post('/agency/api-keys', async (c) => {
    const body = await readJson(
      c,
      z.object({
        name: z.string().trim().min(1).max(100),
        scope: z.enum(API_KEY_SCOPES, { message: `One of ${API_KEY_SCOPES.join(', ')}.` }),
        agencyId: agencyIdSchema.optional(),
      }),
    );
    const agency = await resolveAgency(c, body.agencyId);
    const created = await generateApiKey(apiKeyEnvironment(c.get('config').APP_ENV));
    const stored = await withAgency(c.get('db'), agency.agencyId, (tx) =>
      createApiKey(tx, {
        name: body.name,
        scope: body.scope,
        prefix: created.prefix,
        keyHash: created.keyHash,
        createdByUserId: c.get('user').id,
      }),
    );
    c.header('cache-control', 'no-store');
    return c.json({ ...summary(stored), agencyId: agency.agencyId, key: created.key }, 201);
  })
  .get('/agency/api-keys', async (c) => {
    const { agencyId } = readQuery(c, z.object({ agencyId: agencyIdSchema.optional() }));
    const agency = await resolveAgency(c, agencyId);
    const keys = await withAgency(c.get('db'), agency.agencyId, (tx) => listApiKeys(tx));
    return c.json({ agencyId: agency.agencyId, data: keys.map(summary) });
  })
  .delete('/agency/api-keys/:keyId', async (c) => {
    const keyId = agencyIdSchema.safeParse(c.req.param('keyId'));
    if (!keyId.success) throw new AppError('not_found', 'No such API key.');
    const { agencyId } = readQuery(c, z.object({ agencyId: agencyIdSchema.optional() }));
    const agency = await resolveAgency(c, agencyId);
    const revoked = await withAgency(c.get('db'), agency.agencyId, (tx) => revokeApiKey(tx, keyId.data, c.get('user').id, new Date()));
    if (!revoked) throw new AppError('not_found', 'No such API key.');
    return c.body(null, 204);
  });
