import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type AccountRow, connectedTenant, control, deliver, fakeCalls, injectFault, syncMessage, syncOutcomes } from './pipeline-support';
import { closeWhenIdle, superDb } from './support';

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));
/** Ad accounts this file gave a budget of their own on the Meta fake, removed after each test. */
let ownBudgets: string[] = [];
afterEach(async () => {
  await control('/faults', { method: 'DELETE' });
  if (ownBudgets.length) await setOwnBudgets(Object.fromEntries(ownBudgets.map((id) => [id, null])));
  ownBudgets = [];
});

async function setOwnBudgets(byAccount: Record<string, number | null>) {
  await control('/regimes/meta', { method: 'PUT', body: JSON.stringify({ accountCallsPerHourByAccount: byAccount }) });
}

/** Syncs `neighbour` right after `hot` was throttled, and returns the calls the fake saw for the neighbour. */
async function syncNeighbourAfter(tenantId: string, hot: AccountRow, neighbour: AccountRow, day: string) {
  await deliver('tidemark-sync', [syncMessage(tenantId, hot.id, day, day)]);
  expect((await syncOutcomes(arranged.db, tenantId, 'manual')).map((r) => r.outcome)).toEqual(['rate_limited']);
  const before = (await fakeCalls('meta', { accountId: neighbour.externalId })).length;
  await deliver('tidemark-sync', [syncMessage(tenantId, neighbour.id, day, day)]);
  return (await fakeCalls('meta', { accountId: neighbour.externalId })).slice(before);
}

describe('usage signals go to the budget of their scope', () => {
  it('an ad account reported at 100% of its Meta budget does not delay a second ad account of the same tenant', async () => {
    const tenant = await connectedTenant(arranged.db, 'meta', 'demo', { ip: '198.51.100.152', backfillDays: 1 });
    const [hot, neighbour] = tenant.accounts;
    const day = (hot!.backfillState as { to: string }).to;
    // Its hourly budget is already spent: Meta answers with X-Ad-Account-Usage and BUC at 100% and minutes to regain access.
    ownBudgets.push(hot!.externalId);
    await setOwnBudgets({ [hot!.externalId]: 1 });
    const calls = await syncNeighbourAfter(tenant.tenantId, hot!, neighbour!, day);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.status === 200)).toBe(true);
    expect((await syncOutcomes(arranged.db, tenant.tenantId, 'manual')).map((r) => `${r.adAccountId}:${r.outcome}`)).toEqual([
      `${hot!.id}:rate_limited`,
      `${neighbour!.id}:ok`,
    ]);
  });

  it('an ad account throttled by Meta does not delay a second ad account of the same tenant', async () => {
    const tenant = await connectedTenant(arranged.db, 'meta', 'demo', { ip: '198.51.100.151', backfillDays: 1 });
    const [hot, neighbour] = tenant.accounts;
    const day = (hot!.backfillState as { to: string }).to;
    // Meta's #613 "too many calls from this ad-account": an account-scoped throttle.
    await injectFault('meta', hot!.externalId, 'rate_limit', 5);
    const calls = await syncNeighbourAfter(tenant.tenantId, hot!, neighbour!, day);
    // The neighbour was called right away (not deferred behind the other account's block) and synced.
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.status === 200)).toBe(true);
    expect((await syncOutcomes(arranged.db, tenant.tenantId, 'manual')).map((r) => `${r.adAccountId}:${r.outcome}`)).toEqual([
      `${hot!.id}:rate_limited`,
      `${neighbour!.id}:ok`,
    ]);
  });
});
