/** Custom hostnames per zone, as Cloudflare for SaaS keeps them: pending until validated, then active. */
import { randomUUID } from 'node:crypto';

export type SslMethod = 'http' | 'txt' | 'email';

export interface CustomHostname {
  id: string;
  zoneId: string;
  hostname: string;
  sslMethod: SslMethod;
  customMetadata?: Record<string, unknown>;
  customOriginServer?: string;
  createdAtMs: number;
  /** Set when activated through the control API; otherwise activation happens `activationDelayMs` after creation. */
  activatedAtMs?: number;
  /** Set through the control API: validation timed out (the DNS records never appeared). A PATCH of `ssl` restarts it. */
  failedAtMs?: number;
  verificationToken: string;
}

export interface HostnameStore {
  create(input: {
    zoneId: string;
    hostname: string;
    sslMethod: SslMethod;
    customMetadata?: Record<string, unknown>;
    customOriginServer?: string;
  }): CustomHostname | 'duplicate';
  list(zoneId: string, hostname?: string): CustomHostname[];
  get(zoneId: string, id: string): CustomHostname | undefined;
  update(
    zoneId: string,
    id: string,
    patch: Partial<Pick<CustomHostname, 'sslMethod' | 'customMetadata' | 'customOriginServer'>>,
  ): CustomHostname | undefined;
  remove(zoneId: string, id: string): boolean;
  /** Validates a hostname immediately (by id or hostname, in any zone). */
  activate(idOrHostname: string): CustomHostname | undefined;
  /** Makes a pending hostname's validation time out (by id or hostname, in any zone). */
  fail(idOrHostname: string): CustomHostname | undefined;
  isActive(h: CustomHostname): boolean;
  all(): CustomHostname[];
}

export function createHostnameStore(options: { nowMs: () => number; activationDelayMs?: number }): HostnameStore {
  const delay = options.activationDelayMs ?? 60_000;
  const hostnames: CustomHostname[] = [];
  const store: HostnameStore = {
    create(input) {
      if (hostnames.some((h) => h.zoneId === input.zoneId && h.hostname === input.hostname)) return 'duplicate';
      const created: CustomHostname = { id: randomUUID(), createdAtMs: options.nowMs(), verificationToken: randomUUID(), ...input };
      hostnames.push(created);
      return created;
    },
    list: (zoneId, hostname) => hostnames.filter((h) => h.zoneId === zoneId && (hostname === undefined || h.hostname === hostname)),
    get: (zoneId, id) => hostnames.find((h) => h.zoneId === zoneId && h.id === id),
    update(zoneId, id, patch) {
      const h = store.get(zoneId, id);
      if (h) Object.assign(h, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
      // Sending ssl again is how Cloudflare restarts a validation that timed out.
      if (h && patch.sslMethod !== undefined && h.failedAtMs !== undefined) {
        h.failedAtMs = undefined;
        h.createdAtMs = options.nowMs();
      }
      return h;
    },
    remove(zoneId, id) {
      const index = hostnames.findIndex((h) => h.zoneId === zoneId && h.id === id);
      if (index >= 0) hostnames.splice(index, 1);
      return index >= 0;
    },
    activate(idOrHostname) {
      const h = hostnames.find((x) => x.id === idOrHostname || x.hostname === idOrHostname);
      if (h && !store.isActive(h)) h.activatedAtMs = options.nowMs();
      return h;
    },
    fail(idOrHostname) {
      const h = hostnames.find((x) => x.id === idOrHostname || x.hostname === idOrHostname);
      if (h && !store.isActive(h)) h.failedAtMs = options.nowMs();
      return h;
    },
    isActive: (h) => h.activatedAtMs !== undefined || (h.failedAtMs === undefined && options.nowMs() - h.createdAtMs >= delay),
    all: () => [...hostnames],
  };
  return store;
}

/** The API's view of a hostname (the `result` of the envelope). */
export function renderHostname(h: CustomHostname, active: boolean) {
  return {
    id: h.id,
    hostname: h.hostname,
    ssl: {
      id: h.verificationToken.replace(/-/g, '').slice(0, 32),
      type: 'dv',
      method: h.sslMethod,
      status: active ? 'active' : h.failedAtMs !== undefined ? 'validation_timed_out' : 'pending_validation',
      ...(active
        ? {}
        : h.sslMethod === 'txt'
          ? { txt_name: `_acme-challenge.${h.hostname}`, txt_value: h.verificationToken }
          : { http_url: `http://${h.hostname}/.well-known/acme-challenge/${h.verificationToken}`, http_body: h.verificationToken }),
      settings: { min_tls_version: '1.2' },
      certificate_authority: 'google',
    },
    status: active ? 'active' : 'pending',
    verification_errors: active
      ? []
      : h.failedAtMs !== undefined
        ? ['custom hostname does not CNAME to this zone.', 'Validation timed out: the TXT records were not found.']
        : ['custom hostname does not CNAME to this zone.'],
    ownership_verification: { type: 'txt', name: `_cf-custom-hostname.${h.hostname}`, value: h.verificationToken },
    ownership_verification_http: {
      http_url: `http://${h.hostname}/.well-known/cf-custom-hostname-challenge/${h.id}`,
      http_body: h.verificationToken,
    },
    ...(h.customMetadata ? { custom_metadata: h.customMetadata } : {}),
    ...(h.customOriginServer ? { custom_origin_server: h.customOriginServer } : {}),
    created_at: new Date(h.createdAtMs).toISOString(),
  };
}
