import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakes } from '../testing';
import { connect, post, search, searchStream } from './test-support';

type Fakes = Awaited<ReturnType<typeof startFakes>>;
let fakes: Fakes;
let base: string;
let demo: string;
let partnerA: string;
let manager: string;
let client: string;
let standalone: string;

beforeAll(async () => {
  fakes = await startFakes({ seed: 11, now: new Date('2026-05-20T10:00:00Z'), speed: 0 });
  fakes.ctx.regimes.google_ads.qpsPerCustomer = 10_000;
  base = `${fakes.url}/google-ads`;
  const members = fakes.ctx.world.members('google_ads');
  demo = (await connect(base)).access_token;
  partnerA = (await connect(base, { loginHint: members.find((m) => m.key === 'partner-a')!.email })).access_token;
  const accounts = fakes.ctx.world.accounts('google_ads');
  manager = accounts.find((a) => a.isManager)!.id;
  client = accounts.find((a) => a.managerId === manager)!.id;
  standalone = accounts.find((a) => !a.isManager && !a.managerId)!.id;
});
afterAll(() => fakes.close());

const errorOf = (json: any) => json.error.details?.[0]?.errors?.[0];

describe('authentication', () => {
  it('answers 401 UNAUTHENTICATED with a request-id when no token is sent', async () => {
    const res = await search(base, standalone, { query: 'SELECT customer.id FROM customer' });
    expect(res.status).toBe(401);
    expect(res.json.error.status).toBe('UNAUTHENTICATED');
    expect(res.json.error.message).toMatch(/^Request is missing required authentication credential\./);
    expect(res.headers.get('request-id')).toMatch(/^[\w-]{22}$/);
  });

  it('rejects an access token after its hour is over, and a refreshed token works again', async () => {
    const tokens = await connect(base);
    const start = fakes.ctx.world.clock.now();
    fakes.ctx.world.clock.advance(3_600_000);
    try {
      const expired = await search(base, standalone, { query: 'SELECT customer.id FROM customer' }, { token: tokens.access_token });
      expect(expired.status).toBe(401);
      expect(expired.json.error.message).toMatch(/^Request had invalid authentication credentials\./);
      expect(expired.json.error.details[0].reason).toBe('ACCESS_TOKEN_EXPIRED');
      const refreshed = await fetch(`${base}/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: tokens.refresh_token,
          client_id: 'tidemark-dev',
          client_secret: 'tidemark-dev-secret',
        }),
      });
      const { access_token } = (await refreshed.json()) as { access_token: string };
      expect((await search(base, standalone, { query: 'SELECT customer.id FROM customer' }, { token: access_token })).status).toBe(200);
    } finally {
      fakes.ctx.world.clock.set(start);
    }
  });

  it('rejects an unknown bearer token', async () => {
    const res = await search(base, standalone, { query: 'SELECT customer.id FROM customer' }, { token: 'ya29.made-up' });
    expect(res.status).toBe(401);
    expect(res.json.error.details[0].reason).toBe('ACCESS_TOKEN_INVALID');
  });

  it('refuses a token granted without the adwords scope', async () => {
    const { access_token } = await connect(base, { scope: 'https://www.googleapis.com/auth/userinfo.email' });
    const res = await search(base, standalone, { query: 'SELECT customer.id FROM customer' }, { token: access_token });
    expect(res.status).toBe(403);
    expect(res.json.error.message).toBe('Request had insufficient authentication scopes.');
  });

  it('wraps errors of searchStream in an array, authentication errors included', async () => {
    const res = await searchStream(base, standalone, 'SELECT customer.id FROM customer');
    expect(res.status).toBe(401);
    expect(Array.isArray(res.json)).toBe(true);
    expect(res.json[0].error.status).toBe('UNAUTHENTICATED');
  });
});

describe('customer access', () => {
  it('denies a client reached without login-customer-id when access comes through its manager', async () => {
    const res = await search(base, client, { query: 'SELECT customer.id FROM customer' }, { token: demo });
    expect(res.status).toBe(403);
    expect(res.json.error.status).toBe('PERMISSION_DENIED');
    expect(errorOf(res.json).errorCode).toEqual({ authorizationError: 'USER_PERMISSION_DENIED' });
    expect(errorOf(res.json).message).toContain("the manager's customer id must be set in the 'login-customer-id' header");
  });

  it('serves the same client with the manager as login-customer-id, with or without a developer-token', async () => {
    const ok = await search(base, client, { query: 'SELECT customer.id FROM customer' }, { token: demo, loginCustomerId: manager });
    expect(ok.status).toBe(200);
    expect(ok.json.results[0].customer.id).toBe(client);
    const withDevToken = await fetch(`${base}/v26/customers/${client}/googleAds:search`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${demo}`,
        'login-customer-id': manager,
        'developer-token': 'abcdefghijklmnopqrstuv',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ query: 'SELECT customer.id FROM customer' }),
    });
    expect(withDevToken.status).toBe(200);
  });

  it('denies a login-customer-id the member has no access to', async () => {
    const res = await search(base, client, { query: 'SELECT customer.id FROM customer' }, { token: partnerA, loginCustomerId: manager });
    expect(res.status).toBe(403);
    expect(errorOf(res.json).errorCode).toEqual({ authorizationError: 'USER_PERMISSION_DENIED' });
  });

  it('rejects a login-customer-id written with dashes', async () => {
    const dashed = `${manager.slice(0, 3)}-${manager.slice(3, 6)}-${manager.slice(6)}`;
    const res = await search(base, client, { query: 'SELECT customer.id FROM customer' }, { token: demo, loginCustomerId: dashed });
    expect(res.status).toBe(400);
    expect(errorOf(res.json).errorCode).toEqual({ headerError: 'INVALID_LOGIN_CUSTOMER_ID' });
  });

  it('answers CUSTOMER_NOT_ENABLED for a customer cancelled through the control API', async () => {
    const setStatus = (status: string) =>
      fetch(`${fakes.url}/_control/accounts/google_ads/${standalone}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status }),
      });
    expect((await setStatus('DISABLED')).status).toBe(200);
    try {
      const res = await search(base, standalone, { query: 'SELECT customer.id FROM customer' }, { token: demo });
      expect(res.status).toBe(403);
      expect(errorOf(res.json).errorCode).toEqual({ authorizationError: 'CUSTOMER_NOT_ENABLED' });
      expect((await setStatus('PAUSED')).status).toBe(400);
    } finally {
      await setStatus('ACTIVE');
    }
  });

  it('refuses metrics on a manager account as a unary QueryError', async () => {
    const res = await search(base, manager, { query: 'SELECT metrics.impressions FROM customer' }, { token: demo });
    expect(res.status).toBe(400);
    expect(errorOf(res.json).errorCode).toEqual({ queryError: 'REQUESTED_METRICS_FOR_MANAGER' });
    expect(res.json.error.details[0]['@type']).toBe('type.googleapis.com/google.ads.googleads.v23.errors.GoogleAdsFailure');
  });

  it('lists only the customers granted directly to the member', async () => {
    const res = await fetch(`${base}/v26/customers:listAccessibleCustomers`, { headers: { Authorization: `Bearer ${partnerA}` } });
    const member = fakes.ctx.world.members('google_ads').find((m) => m.key === 'partner-a')!;
    expect(await res.json()).toEqual({ resourceNames: member.accountIds.map((id) => `customers/${id}`) });
  });
});

describe('requests the API refuses', () => {
  const call = () => ({ token: demo });

  it('refuses pageSize with PAGE_SIZE_NOT_SUPPORTED', async () => {
    const res = await search(base, standalone, { query: 'SELECT campaign.id FROM campaign', pageSize: 100 }, call());
    expect(res.status).toBe(400);
    expect(errorOf(res.json).errorCode).toEqual({ requestError: 'PAGE_SIZE_NOT_SUPPORTED' });
  });

  it('names an unknown field with UNRECOGNIZED_FIELD', async () => {
    const res = await search(base, standalone, { query: 'SELECT campaign.id, metrics.video_views FROM campaign' }, call());
    expect(res.status).toBe(400);
    expect(errorOf(res.json)).toMatchObject({
      errorCode: { queryError: 'UNRECOGNIZED_FIELD' },
      message: "Unrecognized field in the query: 'metrics.video_views'.",
      trigger: { stringValue: 'metrics.video_views' },
      location: { fieldPathElements: [{ fieldName: 'query' }] },
    });
  });

  it('points at the offending token of a syntax error', async () => {
    const res = await search(base, standalone, { query: 'SELECT campaign.id FORM campaign' }, call());
    expect(res.status).toBe(400);
    expect(errorOf(res.json)).toMatchObject({
      errorCode: { queryError: 'EXPECTED_FROM' },
      details: { queryErrorDetails: { characterPosition: 19 } },
    });
    expect(errorOf(res.json).message).toContain("'FORM'");
  });

  it('turns away sunset versions and unknown ones, and serves v23 to v26', async () => {
    const sunset = await search(base, standalone, { query: 'SELECT customer.id FROM customer' }, { ...call(), version: 'v21' });
    expect(sunset.status).toBe(404);
    expect(sunset.json.error.message).toContain('v21 was sunset on 2026-08-05');
    expect((await search(base, standalone, { query: 'SELECT customer.id FROM customer' }, { ...call(), version: 'v27' })).status).toBe(404);
    for (const version of ['v23', 'v24', 'v25', 'v26']) {
      expect((await search(base, standalone, { query: 'SELECT customer.id FROM customer' }, { ...call(), version })).status).toBe(200);
    }
  });

  it('answers unknown paths and wrong methods with a Google 404', async () => {
    const unknown = await post(base, `/v23/customers/${standalone}/googleAds:mutate`, {}, call());
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.status).toBe('NOT_FOUND');
    const wrongMethod = await fetch(`${base}/v23/customers/${standalone}/googleAds:search`, {
      headers: { Authorization: `Bearer ${demo}` },
    });
    expect(wrongMethod.status).toBe(404);
  });

  it('refuses unknown query parameters and body fields like the REST transcoder', async () => {
    const param = await post(
      base,
      `/v23/customers/${standalone}/googleAds:search?pageSize=5`,
      { query: 'SELECT customer.id FROM customer' },
      call(),
    );
    expect(param.status).toBe(400);
    expect(param.json.error.message).toContain('Unknown name "pageSize": Cannot bind query parameter');
    const field = await search(base, standalone, { query: 'SELECT customer.id FROM customer', customerId: standalone }, call());
    expect(field.status).toBe(400);
    expect(field.json.error.details[0].fieldViolations[0].description).toContain('Unknown name "customerId"');
    const streamPaging = await post(
      base,
      `/v23/customers/${standalone}/googleAds:searchStream`,
      { query: 'SELECT customer.id FROM customer', pageToken: 'x' },
      call(),
    );
    expect(streamPaging.status).toBe(400);
  });

  it('refuses a malformed customer id', async () => {
    const res = await search(base, '123-456-7890', { query: 'SELECT customer.id FROM customer' }, call());
    expect(res.status).toBe(400);
    expect(errorOf(res.json).errorCode).toEqual({ requestError: 'INVALID_CUSTOMER_ID' });
  });

  it('requires a query', async () => {
    const res = await search(base, standalone, {}, call());
    expect(res.status).toBe(400);
    expect(errorOf(res.json).errorCode).toEqual({ fieldError: 'REQUIRED' });
  });

  it('refuses a page token from another query', async () => {
    const res = await search(
      base,
      standalone,
      { query: 'SELECT customer.id FROM customer', pageToken: 'cjE6MTAwMDA6dGlkZW1hcmstZmFrZQ' },
      call(),
    );
    expect(res.status).toBe(400);
    expect(errorOf(res.json).errorCode).toEqual({ requestError: 'INVALID_PAGE_TOKEN' });
  });
});
