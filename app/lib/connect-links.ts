import type { Platform } from '$db/schema/enum-values';
import { PLATFORM_LABELS } from './backfill';

/** The order the Connect buttons appear in. */
export const CONNECT_PLATFORMS: readonly Platform[] = ['google_ads', 'meta', 'linkedin'];

/** History depths offered on connect, in days; the API's own default is 90. */
export const BACKFILL_DEPTHS = [30, 90, 365] as const;
export const DEFAULT_BACKFILL_DEPTH = 90;

/** The API endpoint that starts a signed-in user's consent flow: a same-origin POST answering the consent URL. */
export function connectEndpoint(tenantId: string, platform: Platform): string {
  return `/api/tenants/${encodeURIComponent(tenantId)}/connections/${platform}/connect`;
}

/** The same for a client holding an onboarding link (no login). */
export function onboardingConnectEndpoint(token: string, platform: Platform): string {
  return `/api/onboard/${encodeURIComponent(token)}/connections/${platform}/connect`;
}

export type ConnectStart = { ok: true; authorizeUrl: string } | { ok: false; message: string };

/**
 * Asks the API for the platform's consent URL. A POST (never a link: a cross-site page could follow a
 * link) that the browser sends with this page's Origin; the caller then navigates to the answer.
 */
export async function requestConnect(endpoint: string, backfillDays: number, fetcher: typeof fetch = fetch): Promise<ConnectStart> {
  let res: Response;
  try {
    res = await fetcher(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ backfillDays }),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, message: 'Could not reach the server: check the connection and try again.' };
  }
  const body = (await res.json().catch(() => null)) as { authorizeUrl?: unknown; detail?: unknown } | null;
  if (res.ok && typeof body?.authorizeUrl === 'string') return { ok: true, authorizeUrl: body.authorizeUrl };
  return { ok: false, message: typeof body?.detail === 'string' ? body.detail : `The server answered ${res.status}.` };
}

export type ConnectNotice = { kind: 'success'; message: string } | { kind: 'error'; message: string };

const isPlatform = (value: string): value is Platform => Object.hasOwn(PLATFORM_LABELS, value);

/** The outcome the OAuth callback put in the URL (?connected=meta&accounts=2 or ?connect_error=…), as a notice. */
export function readConnectNotice(params: URLSearchParams): ConnectNotice | null {
  const error = params.get('connect_error');
  if (error !== null) return { kind: 'error', message: `Connecting failed: ${error.trim() || 'the platform gave no reason.'}` };
  const platform = params.get('connected');
  if (platform === null || !isPlatform(platform)) return null;
  const accounts = Number(params.get('accounts'));
  const label = PLATFORM_LABELS[platform];
  if (!Number.isInteger(accounts) || accounts < 0) return { kind: 'success', message: `${label} connected.` };
  if (accounts === 0) return { kind: 'error', message: `${label} connected, but this login can see no ad accounts.` };
  if (params.get('picked') === 'auto')
    return { kind: 'success', message: `${label} connected: 1 ad account. It is the only one, so it syncs now.` };
  const plural = (n: number) => `${n} ad account${n === 1 ? '' : 's'}`;
  const waiting = Number(params.get('waiting'));
  if (Number.isInteger(waiting) && waiting > 0)
    return {
      kind: 'success',
      message: `${label} connected: ${plural(accounts)} found. Choose which to sync: nothing syncs until it is picked.`,
    };
  return { kind: 'success', message: `${label} connected: ${plural(accounts)}.` };
}

/** The URL without the callback's outcome parameters, for when the notice is dismissed. */
export function withoutConnectNotice(url: URL): URL {
  const next = new URL(url);
  for (const key of ['connected', 'accounts', 'picked', 'waiting', 'connect_error']) next.searchParams.delete(key);
  // Facebook appends "#_=_" to the URLs its login dialog redirects to, and the callback's redirect keeps it.
  if (next.hash === '#_=_') next.hash = '';
  return next;
}

/** Sends one JSON request of the picker or the disconnect button; returns the problem's detail when refused. */
export async function sendJson(
  endpoint: string,
  method: 'POST' | 'DELETE',
  body: unknown,
  fetcher: typeof fetch = fetch,
): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    const res = await fetcher(endpoint, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      credentials: 'same-origin',
    });
    if (res.ok) return { ok: true };
    const problem = (await res.json().catch(() => null)) as { detail?: unknown } | null;
    return { ok: false, message: typeof problem?.detail === 'string' ? problem.detail : `The server answered ${res.status}.` };
  } catch {
    return { ok: false, message: 'Could not reach the server: check the connection and try again.' };
  }
}
