import { describe, expect, it } from 'vitest';
import { connectEndpoint, onboardingConnectEndpoint, readConnectNotice, requestConnect, withoutConnectNotice } from './connect-links';

describe('connect endpoints', () => {
  it('points at the API connect endpoint of the tenant, or of the onboarding link', () => {
    expect(connectEndpoint('7e1d0a00-0000-4000-8000-0000000000b1', 'meta')).toBe(
      '/api/tenants/7e1d0a00-0000-4000-8000-0000000000b1/connections/meta/connect',
    );
    expect(onboardingConnectEndpoint('tok_en', 'linkedin')).toBe('/api/onboard/tok_en/connections/linkedin/connect');
  });
});

describe('requestConnect', () => {
  it('POSTs the chosen history depth as JSON and returns the consent URL', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const fetcher = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return new Response(JSON.stringify({ authorizeUrl: 'https://www.facebook.com/v23.0/dialog/oauth?x=1' }), { status: 200 });
    }) as typeof fetch;
    expect(await requestConnect('/api/x/connect', 365, fetcher)).toEqual({
      ok: true,
      authorizeUrl: 'https://www.facebook.com/v23.0/dialog/oauth?x=1',
    });
    expect(seen[0]?.init.method).toBe('POST');
    expect(seen[0]?.init.body).toBe('{"backfillDays":365}');
  });

  it('returns the problem’s detail when the API refuses', async () => {
    const fetcher = (async () =>
      new Response(JSON.stringify({ code: 'forbidden', detail: 'Only owners, admins and editors can connect ad accounts.' }), {
        status: 403,
      })) as unknown as typeof fetch;
    expect(await requestConnect('/api/x/connect', 90, fetcher)).toEqual({
      ok: false,
      message: 'Only owners, admins and editors can connect ad accounts.',
    });
  });
});

describe('readConnectNotice', () => {
  const notice = (query: string) => readConnectNotice(new URLSearchParams(query));

  it('announces a successful connect with the number of accounts found', () => {
    expect(notice('connected=linkedin&accounts=1')).toEqual({ kind: 'success', message: 'LinkedIn connected: 1 ad account.' });
    expect(notice('connected=google_ads&accounts=3')?.message).toBe('Google Ads connected: 3 ad accounts.');
    expect(notice('connected=meta&accounts=1&picked=auto')?.message).toBe(
      'Meta connected: 1 ad account. It is the only one, so it syncs now.',
    );
    expect(notice('connected=google_ads&accounts=3&waiting=2')?.message).toBe(
      'Google Ads connected: 3 ad accounts found. Choose which to sync: nothing syncs until it is picked.',
    );
  });

  it('warns when the login could see no ad accounts', () => {
    expect(notice('connected=meta&accounts=0')).toEqual({
      kind: 'error',
      message: 'Meta connected, but this login can see no ad accounts.',
    });
  });

  it('shows the reason a connect failed', () => {
    expect(notice('connect_error=The+user+denied+access')).toEqual({ kind: 'error', message: 'Connecting failed: The user denied access' });
  });

  it('ignores an unknown platform and a URL without an outcome', () => {
    expect(notice('connected=myspace&accounts=1')).toBeNull();
    expect(notice('from=2026-11-01')).toBeNull();
  });

  it('drops only the outcome parameters when dismissed', () => {
    const url = withoutConnectNotice(new URL('https://app.example/t/x/connections?connected=meta&accounts=1&from=2026-11-01'));
    expect(url.search).toBe('?from=2026-11-01');
  });

  it("drops the '#_=_' fragment Facebook leaves on its login redirects", () => {
    expect(withoutConnectNotice(new URL('https://app.example/t/x/connections?connected=meta&accounts=1#_=_')).href).toBe(
      'https://app.example/t/x/connections',
    );
  });
});
