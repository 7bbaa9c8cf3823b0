/**
 * Which site a request's Host asks for: the product itself (APP_HOSTS), one tenant on its verified
 * custom hostname, or nothing we serve (an unknown, pending or failed hostname, which gets a neutral
 * page and never a tenant's name). Answers are cached per isolate for a minute, so a page view does
 * not cost a database round trip; a hostname removed or verified shows within that minute.
 */
import type { Database } from '../../db/database';
import { findTenantByVerifiedHostnameAcrossTenants } from '../../db/queries/fleet';
import type { TenantBranding } from '../../db/schema';
import { isOwnHost, requestHostname } from './hostname';

export type HostRoute =
  | { kind: 'app' }
  | { kind: 'tenant'; hostname: string; tenant: { id: string; slug: string; name: string; branding: TenantBranding } }
  | { kind: 'unknown'; hostname: string };

const TTL_MS = 60_000;
const MAX_ENTRIES = 1_000;
const cache = new Map<string, { route: HostRoute; until: number }>();

/** `ownHosts` empty means custom domains are off: every host is the product's. */
export async function routeHost(
  db: Database,
  hostHeader: string | null,
  ownHosts: readonly string[],
  nowMs = Date.now(),
): Promise<HostRoute> {
  const hostname = requestHostname(hostHeader);
  if (!ownHosts.length || !hostname || isOwnHost(hostname, ownHosts)) return { kind: 'app' };
  const cached = cache.get(hostname);
  if (cached && cached.until > nowMs) return cached.route;
  const tenant = await findTenantByVerifiedHostnameAcrossTenants(db, hostname);
  const route: HostRoute = tenant ? { kind: 'tenant', hostname, tenant } : { kind: 'unknown', hostname };
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(hostname, { route, until: nowMs + TTL_MS });
  return route;
}

/** Drops a hostname's cached answer in this isolate (after it was verified, removed or changed here). */
export function forgetHostRoute(hostname: string): void {
  cache.delete(hostname);
}
