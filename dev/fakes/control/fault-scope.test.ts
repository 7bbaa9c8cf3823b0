import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, search } from '../google-ads/test-support';
import { API_HEADERS, signIn as signInLinkedIn } from '../linkedin/test-server';
import { signIn as signInMeta } from '../meta/test-server';
import type { FakeServer } from '../server';
import { startFakes } from '../testing';

/**
 * Tests that share one fake server scope their faults to their own ad account; a fault scoped so
 * must be left alone by every other account's requests, on every platform router.
 */
let fakes: FakeServer;
beforeAll(async () => {
  fakes = await startFakes({ seed: 7, now: new Date('2026-11-29T15:00:00Z'), speed: 0 });
  fakes.ctx.regimes.google_ads.qpsPerCustomer = 1_000;
});
afterAll(() => fakes.close());

async function addFault(rule: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${fakes.url}/_control/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
const pendingFaults = async () =>
  ((await (await fetch(`${fakes.url}/_control/faults`)).json()) as { faults: Array<{ id: string }> }).faults;

describe('faults scoped to one ad account', () => {
  it('Meta: another account’s requests pass untouched, the named account gets the fault once', async () => {
    const token = await signInMeta(`${fakes.url}/meta`);
    const [mine, other] = fakes.ctx.world.accounts('meta');
    const id = await addFault({ service: 'meta', kind: 'server_error', accountId: mine!.id, remaining: 1 });
    const ads = (account: string) => fetch(`${fakes.url}/meta/v23.0/act_${account}/ads?access_token=${token}`);
    expect((await ads(other!.id)).status).toBe(200);
    expect((await pendingFaults()).map((f) => f.id)).toEqual([id]);
    expect((await ads(mine!.id)).status).toBe(500);
    expect(await pendingFaults()).toEqual([]);
    expect((await ads(mine!.id)).status).toBe(200);
  });

  it('Google Ads: another customer’s queries pass untouched, the named customer gets the fault once', async () => {
    const { access_token: token } = await connect(`${fakes.url}/google-ads`);
    const manager = fakes.ctx.world.accounts('google_ads').find((a) => a.isManager)!;
    const [mine, other] = fakes.ctx.world.accounts('google_ads').filter((a) => a.managerId === manager.id);
    const id = await addFault({ service: 'google_ads', kind: 'server_error', accountId: mine!.id, remaining: 1 });
    const query = (customer: string) =>
      search(`${fakes.url}/google-ads`, customer, { query: 'SELECT customer.id FROM customer' }, { token, loginCustomerId: manager.id });
    expect((await query(other!.id)).status).toBe(200);
    expect((await pendingFaults()).map((f) => f.id)).toEqual([id]);
    expect((await query(mine!.id)).status).toBe(500);
    expect(await pendingFaults()).toEqual([]);
  });

  it('LinkedIn: another account’s requests pass untouched, the named account gets the fault once', async () => {
    const { access_token: token } = await signInLinkedIn(`${fakes.url}/linkedin`);
    const [mine, other] = fakes.ctx.world.accounts('linkedin');
    const id = await addFault({ service: 'linkedin', kind: 'rate_limit', accountId: mine!.id, remaining: 1 });
    const account = (accountId: string) =>
      fetch(`${fakes.url}/linkedin/rest/adAccounts/${accountId}`, { headers: { ...API_HEADERS, Authorization: `Bearer ${token}` } });
    expect((await account(other!.id)).status).toBe(200);
    expect((await pendingFaults()).map((f) => f.id)).toEqual([id]);
    expect((await account(mine!.id)).status).toBe(429);
    expect(await pendingFaults()).toEqual([]);
  });
});
