import type { FullFakeContext } from '../fake-context';
import type { FakeServerOptions } from '../server';
import { startFakes } from '../testing';
import { createMetaFake } from './index';

export interface RunningMetaFake {
  /** Base URL of the Meta prefix, e.g. http://127.0.0.1:40123/meta. */
  url: string;
  ctx: FullFakeContext;
  close(): Promise<void>;
}

/** The fake server with only Meta mounted, on an ephemeral 127.0.0.1 port, with a frozen clock unless told otherwise. */
export async function startMetaFake(options: Pick<FakeServerOptions, 'seed' | 'now' | 'speed'> = {}): Promise<RunningMetaFake> {
  const server = await startFakes({ speed: 0, now: new Date('2026-03-10T15:00:00Z'), ...options, platforms: { meta: createMetaFake } });
  return { url: `${server.url}/meta`, ctx: server.ctx, close: () => server.close() };
}

export const TEST_REDIRECT_URI = 'http://127.0.0.1:9/callback';

/** The real OAuth flow as a client runs it: dialog → code → short-lived token → long-lived token. */
export async function signIn(url: string, options: { loginHint?: string; scope?: string } = {}): Promise<string> {
  const dialog = new URL(`${url}/v23.0/dialog/oauth`);
  dialog.search = new URLSearchParams({
    client_id: 'tidemark-dev',
    redirect_uri: TEST_REDIRECT_URI,
    scope: options.scope ?? 'ads_read',
    state: 'test-state',
    response_type: 'code',
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
  }).toString();
  const redirect = await fetch(dialog, { redirect: 'manual' });
  const code = new URL(redirect.headers.get('location') ?? 'http://invalid').searchParams.get('code');
  if (!code) throw new Error(`dialog did not redirect with a code (HTTP ${redirect.status})`);
  const exchange = await fetch(
    `${url}/v23.0/oauth/access_token?${new URLSearchParams({ client_id: 'tidemark-dev', client_secret: 'tidemark-dev-secret', redirect_uri: TEST_REDIRECT_URI, code })}`,
  );
  const { access_token } = (await exchange.json()) as { access_token: string };
  return access_token;
}
