/** Test harness: the core fake server with only the LinkedIn fake mounted, on an ephemeral 127.0.0.1 port. */
import type { FullFakeContext } from '../fake-context';
import { startFakes } from '../testing';
import { createLinkedInFake, type LinkedInFakeOptions } from './index';

export const TEST_NOW = new Date('2026-11-29T15:00:00Z');

export interface LinkedInTestServer {
  /** http://127.0.0.1:<port>/linkedin — what LINKEDIN_API_BASE and LINKEDIN_OAUTH_BASE point at. */
  base: string;
  ctx: FullFakeContext;
  close(): Promise<void>;
}

/** A frozen fake clock (speed 0) so tests decide when time moves. */
export async function startLinkedInFake(options: LinkedInFakeOptions & { now?: Date; seed?: number } = {}): Promise<LinkedInTestServer> {
  const server = await startFakes({
    seed: options.seed ?? 7,
    now: options.now ?? TEST_NOW,
    speed: 0,
    platforms: { linkedin: (ctx) => createLinkedInFake(ctx, options) },
  });
  return { base: `${server.url}/linkedin`, ctx: server.ctx, close: () => server.close() };
}

export const API_HEADERS = { 'Linkedin-Version': '202610', 'X-Restli-Protocol-Version': '2.0.0' };

/** Runs the OAuth dialog and code exchange like a browser + backend would; returns the token response. */
export async function signIn(base: string, options: { loginHint?: string; scope?: string } = {}) {
  const redirectUri = 'http://127.0.0.1:9999/callback';
  const dialog = new URL(`${base}/oauth/v2/authorization`);
  dialog.search = new URLSearchParams({
    response_type: 'code',
    client_id: 'tidemark-dev',
    redirect_uri: redirectUri,
    state: 'xyz',
    scope: options.scope ?? 'r_ads r_ads_reporting',
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
  }).toString();
  const consent = await fetch(dialog, { redirect: 'manual' });
  const location = new URL(consent.headers.get('location')!);
  const code = location.searchParams.get('code')!;
  const res = await fetch(`${base}/oauth/v2/accessToken`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: 'tidemark-dev',
      client_secret: 'tidemark-dev-secret',
    }),
  });
  return (await res.json()) as {
    access_token: string;
    refresh_token: string;
    expires_in: number;
    refresh_token_expires_in: number;
    scope: string;
  };
}
