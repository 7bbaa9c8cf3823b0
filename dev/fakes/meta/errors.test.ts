import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMetaFake, signIn, startMetaFake } from './test-server';

let fake: RunningMetaFake;
let token: string;
let account: string;
const call = (path: string, init: RequestInit = {}, bearer = token) =>
  fetch(`${fake.url}${path}`, { ...init, headers: { Authorization: `Bearer ${bearer}`, ...init.headers } });
const errorOf = async (res: Response) => ((await res.json()) as { error: Record<string, unknown> }).error;

beforeAll(async () => {
  fake = await startMetaFake();
  token = await signIn(fake.url, { loginHint: 'demo' });
  account = fake.ctx.world.accounts('meta')[0]!.id;
});
afterAll(() => fake.close());

describe('Meta fake errors for paths, versions and parameters', () => {
  it('rejects a version older than v23.0 with the deprecated-version error', async () => {
    const res = await call('/v22.0/me');
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 2635, type: 'OAuthException' });
  });

  it('rejects an unknown version or an unversioned path as unknown path components', async () => {
    expect(await errorOf(await call('/v99.0/me'))).toMatchObject({ code: 2500 });
    expect(await errorOf(await call('/me'))).toMatchObject({ code: 2500 });
  });

  it('serves every version from v23.0 to v26.0 and echoes it in Facebook-API-Version', async () => {
    for (const version of ['v23.0', 'v24.0', 'v25.0', 'v26.0']) {
      const res = await call(`/${version}/me`);
      expect(res.status).toBe(200);
      expect(res.headers.get('Facebook-API-Version')).toBe(version);
    }
  });

  it('answers an unknown edge with "Tried accessing nonexisting field" and a deeper path with unknown path components', async () => {
    expect(await errorOf(await call(`/v23.0/act_${account}/creatives`))).toMatchObject({
      code: 100,
      message: expect.stringContaining('nonexisting field (creatives)'),
    });
    expect(await errorOf(await call(`/v23.0/act_${account}/ads/insights`))).toMatchObject({ code: 2500 });
  });

  it('answers an unknown object id like Graph does for missing or unreadable objects', async () => {
    expect(await errorOf(await call('/v23.0/123456789'))).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
  });

  it('rejects parameters the endpoint does not know instead of ignoring them', async () => {
    const error = await errorOf(await call(`/v23.0/act_${account}/campaigns?sort=name`));
    expect(error).toMatchObject({ code: 100, message: expect.stringContaining('sort') });
  });

  it('rejects headers that belong to other ad platforms', async () => {
    const res = await call('/v23.0/me', { headers: { 'Linkedin-Version': '202601' } });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 100, message: expect.stringContaining('linkedin-version') });
  });

  it("names the invalid field with Meta's message for insights fields", async () => {
    const error = await errorOf(await call(`/v23.0/act_${account}/insights?fields=impressions,conversionz`));
    expect(error).toMatchObject({ code: 100, message: expect.stringMatching(/^\(#100\) conversionz is not valid for fields param/) });
  });

  it('refuses a time_range that starts more than 37 months ago with error 3018', async () => {
    const res = await call(`/v23.0/act_${account}/insights?time_range=${JSON.stringify({ since: '2022-12-01', until: '2022-12-31' })}`);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 3018 });
  });

  it('accepts a time_range just inside the 37-month retention', async () => {
    const res = await call(`/v23.0/act_${account}/insights?time_range=${JSON.stringify({ since: '2023-02-11', until: '2023-02-12' })}`);
    expect(res.status).toBe(200);
  });

  it('validates time_increment, level, date_preset and filtering', async () => {
    for (const query of [
      'time_increment=91',
      'level=creative',
      'date_preset=last_2d',
      'filtering=[{"field":"ad.effective_status","operator":"IN","value":["SLEEPING"]}]',
    ])
      expect(await errorOf(await call(`/v23.0/act_${account}/insights?${query}`))).toMatchObject({ code: 100 });
  });

  it('rejects the hourly breakdown combined with another breakdown (1504041)', async () => {
    const error = await errorOf(
      await call(
        `/v23.0/act_${account}/insights?date_preset=today&breakdowns=hourly_stats_aggregated_by_advertiser_time_zone,publisher_platform`,
      ),
    );
    expect(error).toMatchObject({ code: 100, error_subcode: 1504041 });
  });

  it("reads another member's account as a missing object", async () => {
    const partnerToken = await signIn(fake.url, { loginHint: 'partner-a' });
    const foreign = fake.ctx.world.members('meta').find((m) => m.key === 'partner-b')!.accountIds[0]!;
    expect(await errorOf(await call(`/v23.0/act_${foreign}/campaigns`, {}, partnerToken))).toMatchObject({ code: 100, error_subcode: 33 });
    expect((await call(`/v23.0/act_${foreign}/campaigns`)).status).toBe(200);
  });

  it('requires ads_read or ads_management for ad account reads (code 200)', async () => {
    const profileOnly = await signIn(fake.url, { scope: 'public_profile' });
    expect(await errorOf(await call(`/v23.0/act_${account}/campaigns`, {}, profileOnly))).toMatchObject({ code: 200 });
    expect((await call('/v23.0/me', {}, profileOnly)).status).toBe(200);
  });
});

describe('Meta fake token errors', () => {
  it('asks for a token when none is sent (code 104)', async () => {
    const res = await fetch(`${fake.url}/v23.0/me`);
    expect(await errorOf(res)).toMatchObject({ code: 104 });
  });

  it('answers an unknown token with code 190 and a WWW-Authenticate header', async () => {
    const res = await call('/v23.0/me', {}, 'EAAnot-a-token');
    expect(res.headers.get('WWW-Authenticate')).toContain('invalid_token');
    const error = await errorOf(res);
    expect(error.code).toBe(190);
    expect(error.error_subcode).toBeUndefined();
  });

  it('accepts the token as an access_token parameter as well as a Bearer header', async () => {
    expect((await fetch(`${fake.url}/v23.0/me?access_token=${token}`)).status).toBe(200);
    expect((await fetch(`${fake.url}/v23.0/me`, { method: 'GET', headers: { Authorization: `OAuth ${token}` } })).status).toBe(200);
  });

  it('expires a short-lived token after its lifetime on the fake clock (190/463) while a long-lived one keeps working', async () => {
    const shortLived = await signIn(fake.url);
    const exchange = await fetch(
      `${fake.url}/v23.0/oauth/access_token?${new URLSearchParams({ grant_type: 'fb_exchange_token', client_id: 'tidemark-dev', client_secret: 'tidemark-dev-secret', fb_exchange_token: shortLived })}`,
    );
    const longLived = ((await exchange.json()) as { access_token: string }).access_token;
    fake.ctx.world.clock.advance(2 * 3_600_000);
    try {
      expect(await errorOf(await call('/v23.0/me', {}, shortLived))).toMatchObject({ code: 190, error_subcode: 463 });
      expect((await call('/v23.0/me', {}, longLived)).status).toBe(200);
    } finally {
      fake.ctx.world.clock.advance(-2 * 3_600_000);
    }
  });

  it('invalidates every token of the member on a revoked_token fault (190/460) until they sign in again', async () => {
    const victim = await signIn(fake.url, { loginHint: 'partner-b' });
    const second = await signIn(fake.url, { loginHint: 'partner-b' });
    fake.ctx.faults.add({ service: 'meta', kind: 'revoked_token', pathContains: '/me', remaining: 1 });
    expect(await errorOf(await call('/v23.0/me', {}, victim))).toMatchObject({ code: 190, error_subcode: 460 });
    expect(await errorOf(await call('/v23.0/me', {}, victim))).toMatchObject({ code: 190, error_subcode: 460 });
    expect(await errorOf(await call('/v23.0/me', {}, second))).toMatchObject({ code: 190, error_subcode: 460 });
    expect((await call('/v23.0/me', {}, await signIn(fake.url, { loginHint: 'partner-b' }))).status).toBe(200);
  });
});
