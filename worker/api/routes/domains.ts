import { Hono } from 'hono';
import { z } from 'zod';
import { withTenant } from '../../../db/database';
import type { TenantDomain } from '../../../db/queries/domains';
import { listTenantDomains } from '../../../db/queries/domains';
import { can } from '../../auth/roles';
import { domainDeps } from '../../domains/config';
import { recheckDomain, registerDomain, removeDomain } from '../../domains/register';
import type { AppContext, AppEnv } from '../context';
import { AppError } from '../errors';
import { readJson } from '../validate';

const domainBody = z.object({ hostname: z.string().max(300) });
const domainId = z.string().uuid();

function requireDomainAdmin(c: AppContext) {
  if (!can(c.get('tenant').role, 'manage_domains')) {
    throw new AppError('forbidden', 'Only the tenant’s admins (or its agency’s) can change its custom domains.');
  }
}

const deps = (c: AppContext) => domainDeps(c.get('config'), c.get('db'), () => c.get('scope').clock.now());

/** The API's view of a hostname: its state, the DNS records to create and what is still wrong. */
function present(domain: TenantDomain) {
  return {
    id: domain.id,
    hostname: domain.hostname,
    status: domain.status,
    dnsRecords: domain.dnsRecords,
    problems: domain.problems,
    checkedAt: domain.checkedAt?.toISOString() ?? null,
    createdAt: domain.createdAt.toISOString(),
  };
}

function readDomainId(c: AppContext): string {
  const parsed = domainId.safeParse(c.req.param('id'));
  if (!parsed.success) throw new AppError('not_found', 'No such custom domain for this tenant.');
  return parsed.data;
}

/** A tenant's custom hostnames (mounted under tenantRoutes, which resolves the tenant and the member's role). */
export const tenantDomainRoutes = new Hono<AppEnv>()
  .get('/tenants/:tenant/domains', async (c) => {
    requireDomainAdmin(c);
    const domains = await withTenant(c.get('db'), c.get('tenant').id, (tx) => listTenantDomains(tx));
    return c.json({ domains: domains.map(present) });
  })
  .post('/tenants/:tenant/domains', async (c) => {
    requireDomainAdmin(c);
    const { hostname } = await readJson(c, domainBody);
    const result = await registerDomain(deps(c), c.get('tenant').id, hostname, c.get('user').id);
    if (result.ok) return c.json({ domain: present(result.domain) }, 201);
    if (result.reason === 'invalid') {
      throw new AppError('validation_failed', `The ${result.message}.`, { issues: [{ field: 'hostname', message: result.message }] });
    }
    if (result.reason === 'taken') throw new AppError('conflict', 'That hostname is already registered to a workspace.');
    throw new AppError('upstream_unavailable', 'Custom domains are not configured on this installation.');
  })
  .post('/tenants/:tenant/domains/:id/check', async (c) => {
    requireDomainAdmin(c);
    const domain = await recheckDomain(deps(c), c.get('tenant').id, readDomainId(c));
    if (!domain) throw new AppError('not_found', 'No such custom domain for this tenant.');
    return c.json({ domain: present(domain) });
  })
  .delete('/tenants/:tenant/domains/:id', async (c) => {
    requireDomainAdmin(c);
    const removed = await removeDomain(deps(c), c.get('tenant').id, readDomainId(c), c.get('user').id);
    if (removed === 'not_found') throw new AppError('not_found', 'No such custom domain for this tenant.');
    if (removed !== 'removed') {
      throw new AppError('upstream_unavailable', `Cloudflare did not remove the hostname (${removed.failed}); it is kept, try again.`);
    }
    return c.body(null, 204);
  });
