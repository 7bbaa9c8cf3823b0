import type { Context } from 'hono';
import { isUniqueViolation, withAgency } from '../../../db/queries/agency-scope';
import {
  archiveAgencyTenant,
  createAgencyTenant,
  getAgencyTenant,
  listAgencyTenants,
  type ProvisionedTenant,
  type TenantWriteResult,
  updateAgencyTenant,
} from '../../../db/queries/provisioning';
import type { TenantBranding } from '../../../db/schema';
import { type KeptAssets, keepBrandingAssets } from '../../branding/keep-assets';
import { domainDeps, hostnameRules } from '../../domains/config';
import { parseCustomHostname } from '../../domains/hostname';
import { checkPendingDomains, releaseDomains } from '../../domains/register';
import { fromBase64Url, toBase64Url } from '../../lib/base64url';
import { AppError } from '../errors';
import { createV1Router } from './app';
import type { ApiKeyPrincipal, V1Env } from './context';
import { runIdempotent } from './idempotency';
import { createTenant, deleteTenant, getTenant, listTenants, updateTenant } from './routes';

type Branding = { productName?: string; logoUrl?: string; primaryColor?: string; accentColor?: string; faviconUrl?: string };

/** The API calls the tenant's display name `productName`; storage (and the pages) call it `displayName`. */
function toStoredBranding(branding: Branding): TenantBranding {
  const { productName, ...rest } = branding;
  return { ...rest, ...(productName !== undefined ? { displayName: productName } : {}) };
}

function toApiBranding(branding: TenantBranding): Branding {
  const { displayName, logoUrl, primaryColor, accentColor, faviconUrl } = branding;
  const out: Branding = { productName: displayName, logoUrl, primaryColor, accentColor, faviconUrl };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => typeof v === 'string')) as Branding;
}

function toApiTenant(tenant: ProvisionedTenant) {
  return { ...tenant, branding: toApiBranding(tenant.branding), createdAt: tenant.createdAt.toISOString() };
}

/** The cursor is the last slug of a page, opaque to clients. */
export function encodeCursor(slug: string): string {
  return toBase64Url(new TextEncoder().encode(slug));
}

export function decodeCursor(cursor: string): string {
  try {
    const slug = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(fromBase64Url(cursor));
    if (/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) return slug;
  } catch {}
  throw new AppError('validation_failed', 'Some fields are missing or invalid.', {
    issues: [{ field: 'cursor', message: 'Not a cursor from this API.' }],
  });
}

function conflict(reason: 'slug_taken' | 'hostname_taken'): AppError {
  return reason === 'slug_taken'
    ? new AppError('conflict', 'This slug is taken; choose another.', { issues: [{ field: 'slug', message: 'Already taken.' }] })
    : new AppError('conflict', 'This hostname is already registered.', {
        issues: [{ field: 'customDomain', message: 'Already registered.' }],
      });
}

function written(result: TenantWriteResult): ProvisionedTenant {
  if (result.ok) return result.tenant;
  throw conflict(result.reason);
}

/**
 * The free-slug and free-hostname checks run before the insert, so only a race with another
 * request reaches the unique constraints; it answers the same 409 as the check would have.
 */
async function conflictOnRace<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error, 'tenants_slug_unique')) throw conflict('slug_taken');
    if (isUniqueViolation(error, 'tenant_domains_hostname_unique')) throw conflict('hostname_taken');
    throw error;
  }
}

/**
 * The logo and favicon of a branding write, fetched and checked once to keep copies (worker/branding/);
 * a refused image answers 400 naming the field and the reason, before anything of the write is kept.
 */
async function keptAssets(c: Context<V1Env>, branding: Branding | undefined): Promise<Extract<KeptAssets, { ok: true }>> {
  const kept = await keepBrandingAssets(c.get('config'), branding);
  if (!kept.ok) throw new AppError('validation_failed', 'The logo or favicon could not be used.', { issues: kept.issues });
  return kept;
}

const notFound = () => new AppError('not_found', 'No such tenant.');

/** The same hostname rules as the session routes (worker/domains/hostname.ts): not the product's own, not reserved. */
function checkCustomDomain(c: Context<V1Env>, hostname: string | null | undefined): void {
  if (!hostname) return;
  const checked = parseCustomHostname(hostname, hostnameRules(c.get('config')));
  if (!checked.ok) {
    throw new AppError('validation_failed', 'Some fields are missing or invalid.', {
      issues: [{ field: 'customDomain', message: `The hostname ${checked.reason}.` }],
    });
  }
}

/** A newly pending hostname is registered at Cloudflare at once (the cron would within 15 minutes); a failure there waits for the cron. */
async function registerPendingDomain(c: Context<V1Env>, tenant: ProvisionedTenant): Promise<void> {
  if (tenant.customDomain?.status !== 'pending') return;
  try {
    await checkPendingDomains(
      domainDeps(c.get('config'), c.get('db'), () => c.get('scope').clock.now()),
      [tenant.id],
      { minAgeMs: 0, limit: 1 },
    );
  } catch (error) {
    console.error(
      JSON.stringify({
        level: 'error',
        event: 'custom-domain-registration-deferred',
        tenantId: tenant.id,
        message: (error as Error).message,
      }),
    );
  }
}
const actor = (key: ApiKeyPrincipal) => `api_key:${key.id}`;
/** /api/v1/tenants: an agency's client workspaces, every query in the key's agency scope. */
export const tenantV1Routes = createV1Router()
  .openapi(listTenants, async (c) => {
    const { limit, cursor, q, status } = c.req.valid('query');
    const afterSlug = cursor === undefined ? undefined : decodeCursor(cursor);
    const page = await withAgency(c.get('db'), c.get('apiKey').agencyId, (tx) =>
      listAgencyTenants(tx, { limit, afterSlug, query: q, status }),
    );
    const last = page.tenants.at(-1);
    return c.json({ data: page.tenants.map(toApiTenant), nextCursor: page.hasMore && last ? encodeCursor(last.slug) : null }, 200);
  })
  .openapi(createTenant, async (c) => {
    const body = c.req.valid('json');
    checkCustomDomain(c, body.customDomain);
    const key = c.get('apiKey');
    let created: ProvisionedTenant | undefined;
    const result = await conflictOnRace(
      withAgency(c.get('db'), key.agencyId, (tx) =>
        runIdempotent(
          tx,
          c.req.valid('header')['idempotency-key'],
          { method: 'POST', path: '/api/v1/tenants', body: c.req.valid('json') },
          async () => {
            const { branding, customDomain, ...fields } = body;
            // Inside the idempotent step: a replay answers the stored response without fetching again.
            const { assets, hashes } = await keptAssets(c, branding);
            const tenant = written(
              await createAgencyTenant(
                tx,
                { ...fields, branding: { ...toStoredBranding(branding), ...hashes }, customDomain, assets },
                actor(key),
              ),
            );
            created = tenant;
            return { status: 201, body: toApiTenant(tenant) };
          },
        ),
      ),
    );
    if (result.replayed) c.header('idempotent-replayed', 'true');
    else if (created) await registerPendingDomain(c, created);
    // A replay answers with the stored status; POST /tenants only ever stores its 201.
    return c.json(result.body as ReturnType<typeof toApiTenant>, result.status as 201);
  })
  .openapi(getTenant, async (c) => {
    const { tenantId } = c.req.valid('param');
    const tenant = await withAgency(c.get('db'), c.get('apiKey').agencyId, (tx) => getAgencyTenant(tx, tenantId));
    if (!tenant) throw notFound();
    return c.json(toApiTenant(tenant), 200);
  })
  .openapi(updateTenant, async (c) => {
    const { tenantId } = c.req.valid('param');
    const { branding, ...changes } = c.req.valid('json');
    checkCustomDomain(c, changes.customDomain);
    const key = c.get('apiKey');
    // Another agency's (or no) tenant is refused before any image is fetched on its behalf.
    if (!(await withAgency(c.get('db'), key.agencyId, (tx) => getAgencyTenant(tx, tenantId)))) throw notFound();
    // Fetched before the write's transaction opens, so no database connection waits on someone else's server.
    const { assets, hashes } = await keptAssets(c, branding);
    const result = await conflictOnRace(
      withAgency(c.get('db'), key.agencyId, (tx) =>
        updateAgencyTenant(
          tx,
          tenantId,
          { ...changes, ...(branding ? { branding: { ...toStoredBranding(branding), ...hashes } } : {}), assets },
          actor(key),
        ),
      ),
    );
    if (!result) throw notFound();
    const updated = written(result);
    if (result.ok)
      await releaseDomains(
        domainDeps(c.get('config'), c.get('db'), () => c.get('scope').clock.now()),
        tenantId,
        result.released,
      );
    if (changes.customDomain) await registerPendingDomain(c, updated);
    return c.json(toApiTenant(updated), 200);
  })
  .openapi(deleteTenant, async (c) => {
    const { tenantId } = c.req.valid('param');
    const key = c.get('apiKey');
    const released = await withAgency(c.get('db'), key.agencyId, (tx) => archiveAgencyTenant(tx, tenantId, actor(key)));
    if (!released) throw notFound();
    await releaseDomains(
      domainDeps(c.get('config'), c.get('db'), () => c.get('scope').clock.now()),
      tenantId,
      released,
    );
    return c.body(null, 204);
  });
