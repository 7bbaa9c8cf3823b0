import { describe, expect, it } from 'vitest';
import { connectHref, readConnectNotice, withoutConnectNotice } from './connect-links';

describe('connectHref', () => {
  it('points at the API connect endpoint with the chosen history depth', () => {
    expect(connectHref('7e1d0a00-0000-4000-8000-0000000000b1', 'meta', 365)).toBe(
      '/api/tenants/7e1d0a00-0000-4000-8000-0000000000b1/connections/meta/connect?backfillDays=365',
    );
  });
});

describe('readConnectNotice', () => {
  const notice = (query: string) => readConnectNotice(new URLSearchParams(query));

  it('announces a successful connect with the number of accounts found', () => {
    expect(notice('connected=linkedin&accounts=1')).toEqual({ kind: 'success', message: 'LinkedIn connected: 1 ad account.' });
    expect(notice('connected=google_ads&accounts=3')?.message).toBe('Google Ads connected: 3 ad accounts.');
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
