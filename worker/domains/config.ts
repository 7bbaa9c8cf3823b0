import type { Database } from '../../db/database';
import type { Config } from '../env';
import { createCloudflareClient } from './cloudflare';
import type { HostnameRules } from './hostname';
import type { DomainDeps } from './register';

/** The product's own hostnames (APP_HOSTS), lowercase; empty when unset. */
export function ownHosts(config: Pick<Config, 'APP_HOSTS'>): string[] {
  return (config.APP_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

export function hostnameRules(config: Pick<Config, 'APP_HOSTS' | 'APP_ENV'>): HostnameRules {
  return { ownHosts: ownHosts(config), allowLocal: config.APP_ENV !== 'production' };
}

/** Custom domains are on when the Cloudflare token, the zone and the CNAME target are all configured. */
export function domainDeps(config: Config, db: Database, now: () => Date): DomainDeps {
  const on = config.CLOUDFLARE_API_TOKEN && config.CLOUDFLARE_ZONE_ID && config.CUSTOM_DOMAIN_TARGET;
  return {
    db,
    cloudflare: on
      ? createCloudflareClient({
          fetch: (input, init) => fetch(input, init),
          baseUrl: config.CLOUDFLARE_API_BASE,
          apiToken: config.CLOUDFLARE_API_TOKEN!,
          zoneId: config.CLOUDFLARE_ZONE_ID!,
        })
      : null,
    cnameTarget: config.CUSTOM_DOMAIN_TARGET ?? '',
    hostnameRules: hostnameRules(config),
    now,
  };
}
