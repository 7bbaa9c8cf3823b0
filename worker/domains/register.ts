/**
 * Custom hostnames of a tenant: register (our row first, then Cloudflare), check (the cron asks
 * Cloudflare about hostnames not verified yet) and remove. A Cloudflare outage never loses a
 * registration: the row stays pending without a Cloudflare id and the next check creates it there.
 */
import { type Database, withTenant } from '../../db/database';
import { recordTenantAudit } from '../../db/queries/audit';
import {
  deleteTenantDomain,
  findTenantDomain,
  insertTenantDomain,
  listDomainsToCheck,
  saveDomainState,
  type TenantDomain,
} from '../../db/queries/domains';
import { type CloudflareClient, type CloudflareOutcome, DUPLICATE_HOSTNAME_CODE } from './cloudflare';
import { forgetHostRoute } from './host-route';
import { type HostnameRules, parseCustomHostname } from './hostname';
import { type CloudflareHostname, domainState } from './status';

export interface DomainDeps {
  db: Database;
  /** Null when custom hostnames are not configured (no Cloudflare token or zone). */
  cloudflare: CloudflareClient | null;
  /** The hostname a client's CNAME points at (the SaaS zone's fallback origin). */
  cnameTarget: string;
  /** The product's own hostnames (which no tenant may register) and whether local names are allowed. */
  hostnameRules: HostnameRules;
  now: () => Date;
}

export type RegisterResult =
  | { ok: true; domain: TenantDomain }
  | { ok: false; reason: 'invalid'; message: string }
  | { ok: false; reason: 'taken' | 'not_configured' };

export async function registerDomain(
  deps: DomainDeps,
  tenantId: string,
  input: unknown,
  actorUserId: string | null = null,
): Promise<RegisterResult> {
  const parsed = parseCustomHostname(input, deps.hostnameRules);
  if (!parsed.ok) return { ok: false, reason: 'invalid', message: `hostname ${parsed.reason}` };
  if (!deps.cloudflare) return { ok: false, reason: 'not_configured' };
  const inserted = await withTenant(deps.db, tenantId, async (tx) => {
    const row = await insertTenantDomain(tx, parsed.hostname);
    if (row !== 'taken')
      await recordTenantAudit(tx, { action: 'tenant.domain_added', target: row.id, actorUserId, details: { hostname: row.hostname } });
    return row;
  });
  if (inserted === 'taken') return { ok: false, reason: 'taken' };
  return { ok: true, domain: await syncWithCloudflare(deps, tenantId, inserted) };
}

/** Creates the hostname at Cloudflare when it is not there yet, else reads its state; saves what it learnt. */
async function syncWithCloudflare(deps: DomainDeps, tenantId: string, domain: TenantDomain, restart = false): Promise<TenantDomain> {
  const cloudflare = deps.cloudflare!;
  const answer: CloudflareOutcome<CloudflareHostname | null> = !domain.cloudflareId
    ? await createOrAdopt(cloudflare, domain.hostname, tenantId)
    : restart
      ? await cloudflare.revalidate(domain.cloudflareId)
      : await cloudflare.get(domain.cloudflareId);
  const checkedAt = deps.now();
  const update = answer.ok
    ? answer.value
      ? { cloudflareId: answer.value.id, ...domainState(answer.value, deps.cnameTarget), checkedAt }
      : // Registered with us, gone at Cloudflare (removed there by hand): create it again next time.
        {
          cloudflareId: null,
          status: 'pending' as const,
          records: domain.dnsRecords,
          problems: ['Not registered at Cloudflare yet; retrying.'],
          checkedAt,
        }
    : {
        status: domain.status,
        records: domain.dnsRecords,
        problems: [`Cloudflare could not be asked (${answer.message}); retrying.`],
        checkedAt,
      };
  forgetHostRoute(domain.hostname);
  const saved = await withTenant(deps.db, tenantId, (tx) => saveDomainState(tx, domain.id, { ...update, dnsRecords: update.records }));
  return saved ?? domain;
}

/** A create that answers "duplicate" is our own earlier attempt whose answer was lost: adopt it. */
async function createOrAdopt(cloudflare: CloudflareClient, hostname: string, tenantId: string) {
  const created = await cloudflare.create(hostname, { tenant_id: tenantId });
  if (created.ok || created.code !== DUPLICATE_HOSTNAME_CODE) return created;
  return cloudflare.find(hostname);
}

/** One cron pass: hostnames not verified and not checked in the last `minAgeMs`, at most `limit` per tenant. */
export async function checkPendingDomains(
  deps: DomainDeps,
  tenantIds: readonly string[],
  options: { minAgeMs: number; limit: number },
): Promise<{ checked: number; verified: number }> {
  let checked = 0;
  let verified = 0;
  if (!deps.cloudflare) return { checked, verified };
  const before = new Date(deps.now().getTime() - options.minAgeMs);
  for (const tenantId of tenantIds) {
    const due = await withTenant(deps.db, tenantId, (tx) => listDomainsToCheck(tx, before, options.limit));
    for (const domain of due) {
      const after = await syncWithCloudflare(deps, tenantId, domain);
      checked += 1;
      if (after.status === 'verified') verified += 1;
    }
  }
  return { checked, verified };
}

/** Asks Cloudflare now (the "check again" button); a failed validation is restarted first. */
export async function recheckDomain(deps: DomainDeps, tenantId: string, id: string): Promise<TenantDomain | null> {
  const domain = await withTenant(deps.db, tenantId, (tx) => findTenantDomain(tx, id));
  if (!domain || !deps.cloudflare) return domain;
  return syncWithCloudflare(deps, tenantId, domain, domain.status === 'failed');
}

/**
 * Hostnames a tenant update or archive took away (already deleted in our database): removed at
 * Cloudflare and from this isolate's host cache. Cloudflare failing leaves a hostname there that
 * routes nowhere (our row is gone, so it gets the neutral page); it is logged for an operator.
 */
export async function releaseDomains(
  deps: Pick<DomainDeps, 'cloudflare'>,
  tenantId: string,
  released: ReadonlyArray<{ hostname: string; cloudflareId: string | null }>,
): Promise<void> {
  for (const domain of released) {
    forgetHostRoute(domain.hostname);
    if (!domain.cloudflareId || !deps.cloudflare) continue;
    const removed = await deps.cloudflare.remove(domain.cloudflareId);
    if (!removed.ok)
      console.error(
        JSON.stringify({
          level: 'error',
          event: 'custom-domain-release-failed',
          tenantId,
          hostname: domain.hostname,
          cloudflareId: domain.cloudflareId,
          message: removed.message,
        }),
      );
  }
}

/** Removes the hostname at Cloudflare, then our row; a Cloudflare failure keeps the row (nothing half-removed). */
export async function removeDomain(
  deps: DomainDeps,
  tenantId: string,
  id: string,
  actorUserId: string | null = null,
): Promise<'removed' | 'not_found' | { failed: string }> {
  const domain = await withTenant(deps.db, tenantId, (tx) => findTenantDomain(tx, id));
  if (!domain) return 'not_found';
  if (domain.cloudflareId && deps.cloudflare) {
    const removed = await deps.cloudflare.remove(domain.cloudflareId);
    if (!removed.ok) return { failed: removed.message };
  }
  await withTenant(deps.db, tenantId, async (tx) => {
    await deleteTenantDomain(tx, id);
    await recordTenantAudit(tx, { action: 'tenant.domain_removed', target: id, actorUserId, details: { hostname: domain.hostname } });
  });
  forgetHostRoute(domain.hostname);
  return 'removed';
}
