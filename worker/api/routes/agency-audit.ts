import { Hono } from 'hono';
import { z } from 'zod';
import { listAgencyAudit } from '../../../db/queries/audit';
import { listAgencyTenantIds } from '../../../db/queries/tenant-agency';
import type { AppEnv } from '../context';
import { requireUser } from '../middleware/auth';
import { resolveAgency } from '../v1/agency-api-keys';
import { readQuery } from '../validate';

const auditQuery = z.object({
  agencyId: z.uuid({ message: 'Must be an agency id (UUID).' }).optional(),
  before: z.iso.datetime({ message: 'Must be an ISO date-time, e.g. the `at` of the last entry of a page.' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** GET /api/agency/audit-log: the agency's and its tenants' security-relevant actions, newest first (owners and admins). */
export const agencyAuditRoutes = new Hono<AppEnv>().get('/agency/audit-log', requireUser, async (c) => {
  const { agencyId, before, limit } = readQuery(c, auditQuery);
  const chosen = await resolveAgency(c, agencyId, 'Only agency owners and admins read the audit log.');
  const db = c.get('db');
  const entries = await listAgencyAudit(
    db,
    chosen.agencyId,
    await listAgencyTenantIds(db, chosen.agencyId),
    before ? new Date(before) : null,
    limit,
  );
  return c.json({
    entries: entries.map((e) => ({ ...e, at: e.at.toISOString() })),
    nextBefore: entries.length === limit ? entries.at(-1)!.at.toISOString() : null,
  });
});
