import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_HEADERS, type LinkedInTestServer, signIn, startLinkedInFake } from './test-server';

const DAY_MS = 86_400_000;
const REDIRECT = 'http://127.0.0.1:9999/callback';
let server: LinkedInTestServer;

beforeEach(async () => {
  server = await startLinkedInFake();
});
afterEach(() => server.close());

function tokenRequest(fields: Record<string, string>) {
  return fetch(`${server.base}/oauth/v2/accessToken`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: 'tidemark-dev', client_secret: 'tidemark-dev-secret', ...fields }),
  });
}

function dialogUrl(extra: Record<string, string> = {}) {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: 'tidemark-dev',
    redirect_uri: REDIRECT,
    state: 's1',
    scope: 'r_ads r_ads_reporting',
    ...extra,
  });
  return `${server.base}/oauth/v2/authorization?${params}`;
}

const accounts = (token: string) =>
  fetch(`${server.base}/rest/adAccounts?q=search`, { headers: { ...API_HEADERS, Authorization: `Bearer ${token}` } });

describe('LinkedIn OAuth', () => {
  it('redirects straight back with code and state when auto-approve is on', async () => {
    const res = await fetch(dialogUrl(), { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('s1');
    expect(location.searchParams.get('code')).toMatch(/^AQT/);
  });

  it('grants 60-day access and 365-day refresh tokens with the granted scopes', async () => {
    const token = await signIn(server.base);
    expect(token.expires_in).toBe(5_184_000);
    expect(token.refresh_token_expires_in).toBe(31_536_000);
    expect(token.scope).toBe('r_ads,r_ads_reporting');
  });

  it('signs in as the member chosen through the control API when there is no login_hint', async () => {
    const partnerA = server.ctx.world.members('linkedin').find((m) => m.key === 'partner-a')!;
    server.ctx.oauth.choose('linkedin', { memberId: 'partner-a' });
    const token = await signIn(server.base);
    const body = (await (await accounts(token.access_token)).json()) as { elements: { id: number }[] };
    expect(body.elements.map((a) => String(a.id))).toEqual(partnerA.accountIds);
  });

  it("signs in as the member named by login_hint and reads only that member's accounts", async () => {
    const partnerB = server.ctx.world.members('linkedin').find((m) => m.key === 'partner-b')!;
    const token = await signIn(server.base, { loginHint: partnerB.email });
    const body = (await (await accounts(token.access_token)).json()) as { elements: { id: number }[] };
    expect(body.elements.map((a) => String(a.id))).toEqual(partnerB.accountIds);
  });

  it('shows an error page for an unknown login_hint', async () => {
    const res = await fetch(dialogUrl({ login_hint: 'nobody@example.com' }), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/Unknown LinkedIn member &#39;nobody@example\.com&#39;/);
  });

  it('shows an error page for an unregistered client_id or a non-local redirect_uri', async () => {
    expect((await fetch(dialogUrl({ client_id: 'other' }), { redirect: 'manual' })).status).toBe(400);
    expect((await fetch(dialogUrl({ redirect_uri: 'https://evil.example/cb' }), { redirect: 'manual' })).status).toBe(400);
  });

  it('redirects with unauthorized_scope_error for a scope the app does not have', async () => {
    const res = await fetch(dialogUrl({ scope: 'r_ads w_member_social' }), { redirect: 'manual' });
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('unauthorized_scope_error');
    expect(location.searchParams.get('error_description')).toBe('Scope "w_member_social" is not authorized for your application');
  });

  it('renders a consent page when auto-approve is off, whose Allow button redirects with a code', async () => {
    server.ctx.oauth.choose('linkedin', { autoApprove: false });
    const page = await fetch(dialogUrl(), { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<button name="action" value="allow">Allow</button>');
    const form = new URLSearchParams(new URL(dialogUrl()).searchParams);
    form.set('action', 'allow');
    const allow = await fetch(`${server.base}/oauth/v2/authorization`, { method: 'POST', body: form, redirect: 'manual' });
    expect(new URL(allow.headers.get('location')!).searchParams.get('code')).toMatch(/^AQT/);
    form.set('action', 'cancel');
    const cancel = await fetch(`${server.base}/oauth/v2/authorization`, { method: 'POST', body: form, redirect: 'manual' });
    expect(new URL(cancel.headers.get('location')!).searchParams.get('error')).toBe('user_cancelled_authorize');
  });

  it('answers 401 invalid_client for a wrong client secret', async () => {
    const res = await tokenRequest({ grant_type: 'refresh_token', refresh_token: 'x', client_secret: 'wrong' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('refuses an authorization code used twice', async () => {
    const location = new URL((await fetch(dialogUrl(), { redirect: 'manual' })).headers.get('location')!);
    const exchange = () =>
      tokenRequest({ grant_type: 'authorization_code', code: location.searchParams.get('code')!, redirect_uri: REDIRECT });
    expect((await exchange()).status).toBe(200);
    const again = await exchange();
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('refreshes into a new access token while the refresh token keeps its original expiry', async () => {
    const first = await signIn(server.base);
    server.ctx.world.clock.advance(59 * DAY_MS);
    const res = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    const refreshed = (await res.json()) as typeof first;
    expect(refreshed.access_token).not.toBe(first.access_token);
    expect(refreshed.refresh_token).toBe(first.refresh_token);
    expect(refreshed.expires_in).toBe(5_184_000);
    expect(refreshed.refresh_token_expires_in).toBe(306 * 86_400);
  });

  it('answers invalid_grant once the refresh token is 365 days old', async () => {
    const first = await signIn(server.base);
    server.ctx.world.clock.advance(365 * DAY_MS);
    const res = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
  });

  it('answers 401 EXPIRED_ACCESS_TOKEN after 60 days', async () => {
    const token = await signIn(server.base);
    server.ctx.world.clock.advance(60 * DAY_MS);
    const res = await accounts(token.access_token);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ status: 401, serviceErrorCode: 65602, code: 'EXPIRED_ACCESS_TOKEN' });
  });

  it('answers 401 INVALID_ACCESS_TOKEN for an unknown or missing token', async () => {
    const res = await accounts('not-a-token');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      status: 401,
      serviceErrorCode: 65600,
      code: 'INVALID_ACCESS_TOKEN',
      message: 'Invalid access token',
    });
    const none = await fetch(`${server.base}/rest/adAccounts?q=search`, { headers: API_HEADERS });
    expect(none.status).toBe(401);
  });

  it("keeps a revoked member's access and refresh tokens invalid after a revoked_token fault", async () => {
    const token = await signIn(server.base);
    server.ctx.faults.add({ service: 'linkedin', kind: 'revoked_token', remaining: 1 });
    const revoked = await accounts(token.access_token);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ serviceErrorCode: 65601, code: 'REVOKED_ACCESS_TOKEN' });
    expect((await accounts(token.access_token)).status).toBe(401);
    const refresh = await tokenRequest({ grant_type: 'refresh_token', refresh_token: token.refresh_token });
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers 403 ACCESS_DENIED on adAnalytics for a token without r_ads_reporting', async () => {
    const token = await signIn(server.base, { scope: 'r_ads' });
    const accountId = server.ctx.world.accounts('linkedin')[0]!.id;
    const res = await fetch(
      `${server.base}/rest/adAnalytics?q=analytics&pivot=CAMPAIGN&timeGranularity=DAILY&dateRange=(start:(year:2026,month:11,day:1))&accounts=List(urn%3Ali%3AsponsoredAccount%3A${accountId})`,
      { headers: { ...API_HEADERS, Authorization: `Bearer ${token.access_token}` } },
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ status: 403, code: 'ACCESS_DENIED' });
  });
});
