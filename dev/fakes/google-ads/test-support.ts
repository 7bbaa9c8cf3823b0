import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

/** Reads a recorded Google Ads payload from ../shared/fixtures (outside the repo). */
export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(path.resolve(process.cwd(), '../shared/fixtures/google_ads', name), 'utf8'));
}

export const CLIENT = { id: 'tidemark-dev', secret: 'tidemark-dev-secret', redirectUri: 'http://127.0.0.1:5999/api/oauth/google/callback' };
export const ADWORDS = 'https://www.googleapis.com/auth/adwords';

/** Runs the authorization-code flow against the fake like a product would, signed in as `loginHint` (or the chosen member). */
export async function connect(base: string, options: { loginHint?: string; scope?: string } = {}) {
  const dialog = new URL(`${base}/o/oauth2/v2/auth`);
  dialog.search = new URLSearchParams({
    client_id: CLIENT.id,
    redirect_uri: CLIENT.redirectUri,
    response_type: 'code',
    scope: options.scope ?? ADWORDS,
    access_type: 'offline',
    prompt: 'consent',
    state: 'xyz-123',
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
  }).toString();
  const redirect = await fetch(dialog, { redirect: 'manual' });
  expect(redirect.status).toBe(302);
  const back = new URL(redirect.headers.get('location')!);
  expect(back.searchParams.get('state')).toBe('xyz-123');
  const code = back.searchParams.get('code')!;
  const res = await fetch(`${base}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: CLIENT.redirectUri,
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
    }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { access_token: string; refresh_token: string; expires_in: number; scope: string; token_type: string };
}

export interface AdsCall {
  token?: string;
  loginCustomerId?: string;
  version?: string;
}

export async function searchStream(base: string, cid: string, query: string, call: AdsCall = {}) {
  return post(base, `/${call.version ?? 'v23'}/customers/${cid}/googleAds:searchStream`, { query }, call);
}

export async function search(base: string, cid: string, body: Record<string, unknown>, call: AdsCall = {}) {
  return post(base, `/${call.version ?? 'v23'}/customers/${cid}/googleAds:search`, body, call);
}

export async function post(base: string, path: string, body: unknown, call: AdsCall = {}) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(call.token ? { Authorization: `Bearer ${call.token}` } : {}),
      ...(call.loginCustomerId ? { 'login-customer-id': call.loginCustomerId } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as any };
}
