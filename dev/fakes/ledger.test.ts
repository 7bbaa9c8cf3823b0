import { describe, expect, it } from 'vitest';
import type { CallRecord } from './context';
import { createCallLedger } from './ledger';

const call = (over: Partial<CallRecord>): CallRecord => ({
  service: 'meta',
  method: 'GET',
  path: '/v23.0/me',
  at: 1_000,
  status: 200,
  cost: 1,
  ...over,
});

describe('call ledger', () => {
  it('lists calls filtered by service, account and principal', () => {
    const ledger = createCallLedger();
    ledger.record(call({ accountId: '1', principal: 'u1' }));
    ledger.record(call({ accountId: '2', principal: 'u1' }));
    ledger.record(call({ service: 'linkedin', accountId: '1' }));
    expect(ledger.list().length).toBe(3);
    expect(ledger.list({ service: 'meta' }).length).toBe(2);
    expect(ledger.list({ service: 'meta', accountId: '1' }).map((c) => c.principal)).toEqual(['u1']);
    expect(ledger.list({ principal: 'u1' }).length).toBe(2);
  });

  it('sums the cost of matching calls since a fake-clock instant', () => {
    const ledger = createCallLedger();
    ledger.record(call({ service: 'google_ads', at: 100, cost: 1 }));
    ledger.record(call({ service: 'google_ads', at: 200, cost: 3 }));
    ledger.record(call({ service: 'meta', at: 300, cost: 5 }));
    expect(ledger.cost({ service: 'google_ads' }, 150)).toBe(3);
    expect(ledger.cost({}, 0)).toBe(9);
  });

  it('forgets everything on reset and drops the oldest calls beyond its limit', () => {
    const ledger = createCallLedger({ limit: 10 });
    for (let i = 0; i < 25; i++) ledger.record(call({ at: i }));
    const kept = ledger.list();
    expect(kept.length).toBeLessThanOrEqual(10);
    expect(kept.at(-1)!.at).toBe(24);
    ledger.reset();
    expect(ledger.list()).toEqual([]);
  });

  it('shows every recorded call to an observer until it unsubscribes, beyond the limit it keeps', () => {
    const ledger = createCallLedger({ limit: 10 });
    const seen: number[] = [];
    const stop = ledger.observe((c) => seen.push(c.at));
    for (let i = 0; i < 25; i++) ledger.record(call({ at: i }));
    stop();
    ledger.record(call({ at: 99 }));
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });
});
