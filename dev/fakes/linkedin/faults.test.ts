/** Injected faults in LinkedIn's own shapes, daily limits on the fake clock, and the call ledger. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_HEADERS, type LinkedInTestServer, signIn, startLinkedInFake } from './test-server';

let server: LinkedInTestServer;
let headers: Record<string, string>;
let memberId: string;

beforeEach(async () => {
  server = await startLinkedInFake();
  const token = await signIn(server.base, { loginHint: 'demo' });
  headers = { ...API_HEADERS, Authorization: `Bearer ${token.access_token}` };
  memberId = server.ctx.world.members('linkedin').find((m) => m.key === 'demo')!.id;
});
afterEach(() => server.close());

const accounts = () => fetch(`${server.base}/rest/adAccounts?q=search`, { headers });

describe('LinkedIn faults', () => {
  it("server_error answers LinkedIn's 500 body", async () => {
    server.ctx.faults.add({ service: 'linkedin', kind: 'server_error', remaining: 1 });
    const res = await accounts();
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ status: 500, message: 'Internal Server Error' });
    expect((await accounts()).status).toBe(200);
  });

  it('rate_limit answers the 429 throttle body even under the daily limits', async () => {
    server.ctx.faults.add({ service: 'linkedin', kind: 'rate_limit', remaining: 1, pathContains: '/adAccounts' });
    const res = await accounts();
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({
      serviceErrorCode: 101,
      message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
      status: 429,
    });
  });

  it('truncated_body answers 200 with the first half of the real body', async () => {
    const full = await (await accounts()).text();
    server.ctx.faults.add({ service: 'linkedin', kind: 'truncated_body', remaining: 1 });
    const res = await accounts();
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(full.slice(0, Math.floor(full.length / 2)));
  });

  it('timeout holds the request for delayMs and then drops the connection', async () => {
    server.ctx.faults.add({ service: 'linkedin', kind: 'timeout', remaining: 1, delayMs: 150 });
    const started = Date.now();
    await expect(accounts()).rejects.toThrow('fetch failed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('applies a fault only to the account it names', async () => {
    const [first, second] = server.ctx.world.accounts('linkedin');
    server.ctx.faults.add({ service: 'linkedin', kind: 'server_error', remaining: Infinity, accountId: first!.id });
    expect((await fetch(`${server.base}/rest/adAccounts/${first!.id}`, { headers })).status).toBe(500);
    expect((await fetch(`${server.base}/rest/adAccounts/${second!.id}`, { headers })).status).toBe(200);
  });
});

describe('LinkedIn daily limits', () => {
  it('throttles a member at its daily limit with the APPLICATION_AND_MEMBER message, and not another member', async () => {
    server.ctx.regimes.linkedin = { dailyAppLimit: 1000, dailyMemberLimit: 2 };
    expect((await accounts()).status).toBe(200);
    expect((await accounts()).status).toBe(200);
    const throttled = await accounts();
    expect(throttled.status).toBe(429);
    expect(await throttled.json()).toMatchObject({
      serviceErrorCode: 101,
      message: expect.stringContaining('APPLICATION_AND_MEMBER DAY limit'),
    });
    const other = await signIn(server.base, { loginHint: 'partner-b' });
    expect(
      (
        await fetch(`${server.base}/rest/adAccounts?q=search`, {
          headers: { ...API_HEADERS, Authorization: `Bearer ${other.access_token}` },
        })
      ).status,
    ).toBe(200);
  });

  it('counts each resource separately and resets at midnight UTC on the fake clock', async () => {
    server.ctx.regimes.linkedin = { dailyAppLimit: 1, dailyMemberLimit: 1000 };
    expect((await accounts()).status).toBe(200);
    expect((await accounts()).status).toBe(429);
    const id = server.ctx.world.accounts('linkedin')[0]!.id;
    expect((await fetch(`${server.base}/rest/adAccounts/${id}/adCampaigns?q=search`, { headers })).status).toBe(200);
    const now = server.ctx.world.clock.now().getTime();
    server.ctx.world.clock.set(new Date(Math.ceil(now / 86_400_000) * 86_400_000 + 1));
    expect((await accounts()).status).toBe(200);
  });
});

describe('LinkedIn call ledger', () => {
  it('records path below the prefix, account, member, fake-clock time, status and cost', async () => {
    const id = server.ctx.world.accounts('linkedin')[0]!.id;
    await fetch(`${server.base}/rest/adAccounts/${id}/adCampaignGroups?q=search`, { headers });
    await fetch(`${server.base}/rest/adAccounts/${id}/adCampaignGroups?q=search`, {
      headers: { ...headers, 'Linkedin-Version': '202401' },
    });
    const calls = server.ctx.calls.list({ service: 'linkedin', accountId: id });
    expect(calls).toEqual([
      {
        service: 'linkedin',
        method: 'GET',
        path: `/rest/adAccounts/${id}/adCampaignGroups`,
        accountId: id,
        principal: memberId,
        at: server.ctx.world.clock.now().getTime(),
        status: 200,
        cost: 1,
      },
      {
        service: 'linkedin',
        method: 'GET',
        path: `/rest/adAccounts/${id}/adCampaignGroups`,
        accountId: id,
        principal: memberId,
        at: server.ctx.world.clock.now().getTime(),
        status: 426,
        cost: 0,
      },
    ]);
  });
});
