import { describe, expect, it } from 'vitest';
import { importStateKey, type OAuthState, signState, verifyState } from './oauth-state';

const KEY = 'ZGV2LW9ubHktdG9rZW4ta2V5LTAxMjM0NTY3ODlhYmM=';
const state: OAuthState = { tenantId: 't1', platform: 'meta', userId: 'u1', nonce: 'n1', backfillDays: 90, expiresAt: 10_000 };

describe('OAuth state', () => {
  it('verifies a state it signed, with the matching nonce cookie, before expiry', async () => {
    const key = await importStateKey(KEY);
    expect(await verifyState(key, await signState(key, state), 'n1', 9_999)).toEqual({ ok: true, state });
  });

  it('refuses a tampered payload', async () => {
    const key = await importStateKey(KEY);
    const [, signature] = (await signState(key, state)).split('.');
    const forged = btoa(JSON.stringify({ ...state, tenantId: 't2' })).replace(/=+$/, '');
    expect(await verifyState(key, `${forged}.${signature}`, 'n1', 0)).toMatchObject({ ok: false, reason: /signature/ });
  });

  it('refuses an expired state and a state from another browser', async () => {
    const key = await importStateKey(KEY);
    const signed = await signState(key, state);
    expect(await verifyState(key, signed, 'n1', 10_001)).toMatchObject({ ok: false, reason: /expired/ });
    expect(await verifyState(key, signed, 'other', 0)).toMatchObject({ ok: false, reason: /another browser/ });
    expect(await verifyState(key, 'garbage', 'n1', 0)).toMatchObject({ ok: false });
  });
});
