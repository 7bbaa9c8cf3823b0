import type { Platform } from '$db/schema/enum-values';
import { PLATFORM_LABELS } from './backfill';

/** The order the Connect buttons appear in. */
export const CONNECT_PLATFORMS: readonly Platform[] = ['google_ads', 'meta', 'linkedin'];

/** History depths offered on connect, in days; the API's own default is 90. */
export const BACKFILL_DEPTHS = [30, 90, 365] as const;
export const DEFAULT_BACKFILL_DEPTH = 90;

/** The API endpoint that starts a platform's consent flow (a plain link: it answers with a redirect). */
export function connectHref(tenantId: string, platform: Platform, backfillDays: number): string {
  return `/api/tenants/${encodeURIComponent(tenantId)}/connections/${platform}/connect?backfillDays=${backfillDays}`;
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
  return { kind: 'success', message: `${label} connected: ${accounts} ad account${accounts === 1 ? '' : 's'}.` };
}

/** The URL without the callback's outcome parameters, for when the notice is dismissed. */
export function withoutConnectNotice(url: URL): URL {
  const next = new URL(url);
  for (const key of ['connected', 'accounts', 'connect_error']) next.searchParams.delete(key);
  // Facebook appends "#_=_" to the URLs its login dialog redirects to, and the callback's redirect keeps it.
  if (next.hash === '#_=_') next.hash = '';
  return next;
}
