/**
 * Test harness: the LinkedIn fake mounted at /linkedin on a real HTTP port, with its own world,
 * ledger, faults and regimes. (Switch to the core's startFakes once it exists.)
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import type { FakeContext } from '../context';
import { createFaultPlan } from '../faults';
import { createCallLedger } from '../ledger';
import { defaultRegimes } from '../regimes';
import { createWorld } from '../world';
import { createLinkedInFake, type LinkedInFakeOptions } from './index';

export const TEST_NOW = new Date('2026-11-29T15:00:00Z');

export interface LinkedInTestServer {
  /** http://127.0.0.1:<port>/linkedin — what LINKEDIN_API_BASE and LINKEDIN_OAUTH_BASE point at. */
  base: string;
  ctx: FakeContext;
  close(): Promise<void>;
}

export async function startLinkedInFake(options: LinkedInFakeOptions & { now?: Date; seed?: number } = {}): Promise<LinkedInTestServer> {
  const world = createWorld({ seed: options.seed ?? 7, now: options.now ?? TEST_NOW, speed: 0 });
  const ctx: FakeContext = { world, calls: createCallLedger(), faults: createFaultPlan(), regimes: defaultRegimes(), publicBaseUrl: '' };
  const root = new Hono().route('/linkedin', createLinkedInFake(ctx, options));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: root.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  ctx.publicBaseUrl = `http://127.0.0.1:${port}`;
  return {
    base: `${ctx.publicBaseUrl}/linkedin`,
    ctx,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
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
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'tidemark-dev', client_secret: 'tidemark-dev-secret' }),
  });
  return (await res.json()) as { access_token: string; refresh_token: string; expires_in: number; refresh_token_expires_in: number; scope: string };
}
