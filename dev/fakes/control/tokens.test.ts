import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../google-ads/test-support';
import { API_HEADERS, signIn as signInLinkedIn } from '../linkedin/test-server';
import { signIn as signInMeta } from '../meta/test-server';
import type { FakeServer } from '../server';
import { startFakes } from '../testing';

let fakes: FakeServer;
beforeAll(async () => {
  fakes = await startFakes({ seed: 7, now: new Date('2026-11-29T15:00:00Z'), speed: 0 });
});
afterAll(() => fakes.close());

const control = (platform: string, body: unknown) =>
  fetch(`${fakes.url}/_control/tokens/${platform}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const json = async (res: Response) => (await res.json()) as Record<string, any>;

const google = {
  base: () => `${fakes.url}/google-ads`,
  customers: (token: string) =>
    fetch(`${google.base()}/v23/customers:listAccessibleCustomers`, { headers: { Authorization: `Bearer ${token}` } }),
  refresh: (refreshToken: string) =>
    fetch(`${google.base()}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: 'tidemark-dev',
        client_secret: 'tidemark-dev-secret',
      }),
    }),
};

const linkedin = {
  base: () => `${fakes.url}/linkedin`,
  accounts: (token: string) =>
    fetch(`${linkedin.base()}/rest/adAccounts?q=search`, { headers: { ...API_HEADERS, Authorization: `Bearer ${token}` } }),
  refresh: (refreshToken: string) =>
    fetch(`${linkedin.base()}/oauth/v2/accessToken`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: 'tidemark-dev',
        client_secret: 'tidemark-dev-secret',
      }),
    }),
};

const meta = { me: (token: string) => fetch(`${fakes.url}/meta/v23.0/me?access_token=${encodeURIComponent(token)}`) };

describe('control API: one token at a time', () => {
  it('expires one Google access token before its hour is up; the same member’s other grant and the refresh token keep working', async () => {
    const mine = await connect(google.base());
    const theirs = await connect(google.base());
    const res = await control('google_ads', { token: mine.access_token, action: 'expire' });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ platform: 'google_ads', kind: 'access', action: 'expire' });

    const refused = await google.customers(mine.access_token);
    expect(refused.status).toBe(401);
    expect((await json(refused)).error.details[0].reason).toBe('ACCESS_TOKEN_EXPIRED');
    expect((await google.customers(theirs.access_token)).status).toBe(200);
    const refreshed = await google.refresh(mine.refresh_token);
    expect(refreshed.status).toBe(200);
    expect((await google.customers((await json(refreshed)).access_token)).status).toBe(200);
  });

  it('revokes one Google refresh token: refreshing it answers invalid_grant, another grant of the member still refreshes', async () => {
    const mine = await connect(google.base());
    const theirs = await connect(google.base());
    expect(await json(await control('google-ads', { token: mine.refresh_token, action: 'revoke' }))).toMatchObject({ kind: 'refresh' });
    const dead = await google.refresh(mine.refresh_token);
    expect(dead.status).toBe(400);
    expect(await json(dead)).toMatchObject({ error: 'invalid_grant' });
    expect((await google.refresh(theirs.refresh_token)).status).toBe(200);
    expect((await google.customers(mine.access_token)).status).toBe(200);
  });

  it('expires one LinkedIn access token and revokes one refresh token, with LinkedIn’s own errors', async () => {
    const mine = await signInLinkedIn(linkedin.base(), { loginHint: 'partner-a' });
    const theirs = await signInLinkedIn(linkedin.base(), { loginHint: 'partner-a' });
    expect(await json(await control('linkedin', { token: mine.access_token, action: 'expire' }))).toMatchObject({ kind: 'access' });
    const expired = await linkedin.accounts(mine.access_token);
    expect(expired.status).toBe(401);
    expect(await json(expired)).toMatchObject({ code: 'EXPIRED_ACCESS_TOKEN' });
    expect((await linkedin.accounts(theirs.access_token)).status).toBe(200);

    expect(await json(await control('linkedin', { token: mine.refresh_token, action: 'revoke' }))).toMatchObject({ kind: 'refresh' });
    expect((await linkedin.refresh(mine.refresh_token)).status).toBe(400);
    expect((await linkedin.refresh(theirs.refresh_token)).status).toBe(200);
  });

  it('expires and revokes single Meta tokens with error 190 and the matching subcode', async () => {
    const expiring = await signInMeta(`${fakes.url}/meta`, { loginHint: 'partner-a' });
    const revoked = await signInMeta(`${fakes.url}/meta`, { loginHint: 'partner-a' });
    const untouched = await signInMeta(`${fakes.url}/meta`, { loginHint: 'partner-a' });
    await control('meta', { token: expiring, action: 'expire' });
    await control('meta', { token: revoked, action: 'revoke' });
    expect((await json(await meta.me(expiring))).error).toMatchObject({ code: 190, error_subcode: 463 });
    expect((await json(await meta.me(revoked))).error).toMatchObject({ code: 190, error_subcode: 460 });
    expect((await meta.me(untouched)).status).toBe(200);
  });

  it('answers 404 for a token the fake never issued and 400 for a bad action or an unknown platform', async () => {
    const unknown = await control('google_ads', { token: 'ya29.never-issued', action: 'expire' });
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toMatchObject({ error: 'not_found' });
    const badAction = await control('linkedin', { token: 'x', action: 'forget' });
    expect(badAction.status).toBe(400);
    expect((await json(badAction)).message).toContain('action');
    expect((await control('tiktok', { token: 'x', action: 'expire' })).status).toBe(400);
  });
});
