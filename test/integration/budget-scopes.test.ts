import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { connectedTenant, control, deliver, fakeCalls, injectFault, syncMessage, syncOutcomes } from './pipeline-support';
import { closeWhenIdle, superDb } from './support';

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));
afterEach(async () => {
  await control('/faults', { method: 'DELETE' });
});

describe('usage signals go to the budget of their scope', () => {
  it('an ad account throttled by Meta does not delay a second ad account of the same tenant', async () => {
    const tenant = await connectedTenant(arranged.db, 'meta', 'demo', { ip: '198.51.100.151', backfillDays: 1 });
    const [hot, neighbour] = tenant.accounts;
    const day = (hot!.backfillState as { to: string }).to;
    // Meta's #613 "too many calls from this ad-account": an account-scoped throttle.
    await injectFault('meta', hot!.externalId, 'rate_limit', 5);
    await deliver('tidemark-sync', [syncMessage(tenant.tenantId, hot!.id, day, day)]);
    expect((await syncOutcomes(arranged.db, tenant.tenantId, 'manual')).map((r) => r.outcome)).toEqual(['rate_limited']);

    const before = (await fakeCalls('meta', { accountId: neighbour!.externalId })).length;
    const blockedAt = Date.now();
    await deliver('tidemark-sync', [syncMessage(tenant.tenantId, neighbour!.id, day, day)]);
    const calls = (await fakeCalls('meta', { accountId: neighbour!.externalId })).slice(before);
    // The neighbour was called right away (not deferred behind the other account's block) and synced.
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.status === 200)).toBe(true);
    expect(Date.now() - blockedAt).toBeLessThan(60_000);
    expect((await syncOutcomes(arranged.db, tenant.tenantId, 'manual')).map((r) => `${r.adAccountId}:${r.outcome}`)).toEqual([
      `${hot!.id}:rate_limited`,
      `${neighbour!.id}:ok`,
    ]);
  });
});
