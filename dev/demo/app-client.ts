import type { Platform } from '../../db/schema/enum-values';
import { CookieJar } from './cookie-jar';

export type { Platform };

export interface SignedInTenant {
  id: string;
  slug: string;
  name: string;
  role: string;
}

/** A signed-in Tidemark user driven from Node: carries cookies across our origin and the platforms'. */
export interface AppClient {
  appUrl: string;
  jar: CookieJar;
  tenants: SignedInTenant[];
  /** One request with the jar's cookies; redirects are returned, not followed. */
  request(url: string | URL, init?: RequestInit): Promise<Response>;
  getJson<T>(path: string): Promise<T>;
}

export async function signIn(appUrl: string, login: { email: string; password: string }): Promise<AppClient> {
  const jar = new CookieJar();
  const request = async (url: string | URL, init: RequestInit = {}) => {
    const target = new URL(url, appUrl);
    const headers = new Headers(init.headers);
    const cookie = jar.header(target);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(target, { ...init, headers, redirect: 'manual' });
    jar.store(target, res.headers.getSetCookie());
    return res;
  };
  const res = await request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: login.email, password: login.password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${login.email} failed: ${res.status} ${await res.text()}`);
  const { tenants } = (await res.json()) as { tenants: SignedInTenant[] };
  return {
    appUrl,
    jar,
    tenants,
    request,
    async getJson<T>(path: string): Promise<T> {
      const r = await request(path);
      if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
  };
}

export type ConnectOutcome = { ok: true; platform: string; accounts: number } | { ok: false; error: string };

/** Reads where our OAuth callback sent the browser: `/t/<tenant>/connections?connected=…&accounts=…` or `?connect_error=…`. */
export function connectOutcome(landing: URL): ConnectOutcome {
  const error = landing.searchParams.get('connect_error');
  if (error) return { ok: false, error };
  const platform = landing.searchParams.get('connected');
  const accounts = Number(landing.searchParams.get('accounts'));
  if (!platform || !Number.isInteger(accounts)) return { ok: false, error: `unexpected landing page ${landing.pathname}${landing.search}` };
  return { ok: true, platform, accounts };
}

const MAX_HOPS = 10;

/**
 * The real connect flow, as a browser does it: a same-origin POST to our connect endpoint answers the
 * consent URL → the platform's consent dialog → our callback (with the session and the OAuth nonce
 * cookie). The dashboard page itself is not fetched: its URL carries the outcome. The demo owner then
 * picks every account the grant found that waits for a choice (a grant of one account is picked already).
 */
export async function connectPlatform(
  client: AppClient,
  tenantId: string,
  platform: Platform,
  backfillDays: number,
): Promise<ConnectOutcome> {
  const app = new URL(client.appUrl);
  const start = await client.request(`/api/tenants/${tenantId}/connections/${platform}/connect`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.origin },
    body: JSON.stringify({ backfillDays }),
  });
  if (start.status !== 200) return { ok: false, error: `connect answered ${start.status}: ${(await start.text()).slice(0, 300)}` };
  let url = new URL(((await start.json()) as { authorizeUrl: string }).authorizeUrl);
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const res = await client.request(url);
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) {
      const body = (await res.text()).slice(0, 300);
      return { ok: false, error: `${url.origin}${url.pathname} answered ${res.status} instead of redirecting: ${body}` };
    }
    await res.text(); // drain the tiny redirect body so the connection is reused cleanly
    url = new URL(location, url);
    if (url.origin === app.origin && !url.pathname.startsWith('/api/')) {
      const outcome = connectOutcome(url);
      if (outcome.ok && url.searchParams.get('picked') !== 'auto') {
        const picked = await pickWaitingAccounts(client, tenantId, platform, backfillDays);
        if (!picked.ok) return picked;
      }
      return outcome;
    }
  }
  return { ok: false, error: `more than ${MAX_HOPS} redirects` };
}

/** Picks every account of the platform that waits for a first choice, as the owner ticking them all would. */
async function pickWaitingAccounts(client: AppClient, tenantId: string, platform: Platform, backfillDays: number) {
  const { adAccounts } = await client.getJson<{ adAccounts: Array<{ id: string; platform: string; selectedAt: string | null }> }>(
    `/api/tenants/${tenantId}/ad-accounts`,
  );
  const waiting = adAccounts.filter((a) => a.platform === platform && a.selectedAt === null).map((a) => a.id);
  if (!waiting.length) return { ok: true as const };
  const res = await client.request(`/api/tenants/${tenantId}/ad-accounts/picks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(client.appUrl).origin },
    body: JSON.stringify({ adAccountIds: waiting, sync: true, backfillDays }),
  });
  if (res.status !== 200)
    return { ok: false as const, error: `picking accounts answered ${res.status}: ${(await res.text()).slice(0, 300)}` };
  return { ok: true as const };
}
