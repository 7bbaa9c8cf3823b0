import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakes } from '../testing';
import { ADWORDS, CLIENT, connect } from './test-support';

type Fakes = Awaited<ReturnType<typeof startFakes>>;
let fakes: Fakes;
let base: string;

beforeAll(async () => {
  fakes = await startFakes({ seed: 3, now: new Date('2026-05-20T10:00:00Z'), speed: 0 });
  base = `${fakes.url}/google-ads`;
});
afterAll(() => fakes.close());

function dialogUrl(extra: Record<string, string> = {}, omit: string[] = []): string {
  const params: Record<string, string> = {
    client_id: CLIENT.id,
    redirect_uri: CLIENT.redirectUri,
    response_type: 'code',
    scope: ADWORDS,
    access_type: 'offline',
    prompt: 'consent',
    state: 's1',
    ...extra,
  };
  for (const name of omit) delete params[name];
  return `${base}/o/oauth2/v2/auth?${new URLSearchParams(params)}`;
}

const tokenRequest = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${base}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields),
  });

describe('OAuth dialog', () => {
  it('redirects straight back with code, state and scope when auto-approve is on', async () => {
    const res = await fetch(dialogUrl(), { redirect: 'manual' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(CLIENT.redirectUri);
    expect(back.searchParams.get('state')).toBe('s1');
    expect(back.searchParams.get('code')).toMatch(/^4\/0A/);
    expect(back.searchParams.get('scope')).toBe(ADWORDS);
  });

  it('shows a consent page whose Allow button redirects with a code, and whose Cancel returns access_denied', async () => {
    fakes.ctx.oauth.choose('google_ads', { autoApprove: false });
    try {
      const page = await fetch(dialogUrl(), { redirect: 'manual' });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Allow');
      const action = /action="([^"]+)"/.exec(html)![1]!;
      expect(action).toBe(`${fakes.url}/google-ads/o/oauth2/v2/auth`);
      const fields = new URLSearchParams(new URL(dialogUrl()).search);
      const allow = await fetch(action, {
        method: 'POST',
        body: new URLSearchParams([...fields, ['decision', 'allow']]),
        redirect: 'manual',
      });
      expect(new URL(allow.headers.get('location')!).searchParams.get('code')).toBeTruthy();
      const deny = await fetch(action, {
        method: 'POST',
        body: new URLSearchParams([...fields, ['decision', 'deny']]),
        redirect: 'manual',
      });
      expect(new URL(deny.headers.get('location')!).searchParams.get('error')).toBe('access_denied');
    } finally {
      fakes.ctx.oauth.choose('google_ads', { autoApprove: true });
    }
  });

  it.each([
    [{ client_id: 'someone-else' }, [], 401, 'invalid_client'],
    [{ redirect_uri: 'https://evil.example/cb' }, [], 400, 'redirect_uri_mismatch'],
    [{ response_type: 'token' }, [], 400, 'unsupported_response_type'],
    [{}, ['scope'], 400, 'invalid_request'],
    [{ login_hint: 'nobody@example.com' }, [], 400, 'invalid_request'],
    [{ approval_prompt: 'force' }, [], 400, 'invalid_request'],
  ] as const)('shows an error page for %j (without %j)', async (extra, omit, status, error) => {
    const res = await fetch(dialogUrl(extra, [...omit]), { redirect: 'manual' });
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(`Error ${status}: ${error}`);
  });

  it('signs in as the login_hint member, so the token reads that member’s customers', async () => {
    const partnerB = fakes.ctx.world.members('google_ads').find((m) => m.key === 'partner-b')!;
    const { access_token } = await connect(base, { loginHint: partnerB.email });
    const res = await fetch(`${base}/v23/customers:listAccessibleCustomers`, { headers: { Authorization: `Bearer ${access_token}` } });
    expect(await res.json()).toEqual({ resourceNames: partnerB.accountIds.map((id) => `customers/${id}`) });
  });
});

describe('token endpoint', () => {
  const codeFor = async () =>
    new URL((await fetch(dialogUrl(), { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;

  it('exchanges a code once for a one-hour token and a refresh token; a second exchange is invalid_grant', async () => {
    const code = await codeFor();
    const fields = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: CLIENT.redirectUri,
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
    };
    const first = await tokenRequest(fields);
    expect(await first.json()).toMatchObject({
      access_token: expect.stringMatching(/^ya29\./),
      expires_in: 3599,
      refresh_token: expect.any(String),
      scope: ADWORDS,
      token_type: 'Bearer',
    });
    const again = await tokenRequest(fields);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('accepts client credentials in a Basic header', async () => {
    const code = await codeFor();
    const basic = Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64');
    const res = await tokenRequest(
      { grant_type: 'authorization_code', code, redirect_uri: CLIENT.redirectUri },
      { Authorization: `Basic ${basic}` },
    );
    expect(res.status).toBe(200);
  });

  it('gives no refresh token to an online grant', async () => {
    const location = (await fetch(dialogUrl({ access_type: 'online' }), { redirect: 'manual' })).headers.get('location')!;
    const code = new URL(location).searchParams.get('code')!;
    const res = await tokenRequest({
      grant_type: 'authorization_code',
      code,
      redirect_uri: CLIENT.redirectUri,
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
    });
    expect(await res.json()).not.toHaveProperty('refresh_token');
  });

  it('refuses a redirect_uri that differs from the dialog’s', async () => {
    const res = await tokenRequest({
      grant_type: 'authorization_code',
      code: await codeFor(),
      redirect_uri: 'http://127.0.0.1:1/other',
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'redirect_uri_mismatch' });
  });

  it('answers invalid_client for a wrong secret, unsupported_grant_type for other grants and invalid_grant for unknown refresh tokens', async () => {
    const wrongSecret = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: 'x',
      client_id: CLIENT.id,
      client_secret: 'nope',
    });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toEqual({ error: 'invalid_client', error_description: 'Unauthorized' });
    const grant = await tokenRequest({ grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: CLIENT.secret });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toEqual({ error: 'unsupported_grant_type', error_description: 'Invalid grant_type: client_credentials' });
    const unknown = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: '1//0unknown',
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
  });

  it('records token calls in the ledger without quota cost', async () => {
    const before = fakes.ctx.calls.list({ service: 'google_ads' }).length;
    await tokenRequest({ grant_type: 'refresh_token', refresh_token: 'x', client_id: CLIENT.id, client_secret: CLIENT.secret });
    const calls = fakes.ctx.calls.list({ service: 'google_ads' });
    expect(calls).toHaveLength(before + 1);
    expect(calls.at(-1)).toMatchObject({ method: 'POST', path: '/token', status: 400, cost: 0 });
  });
});
