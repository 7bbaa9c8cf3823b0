import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../lib/base64url';
import { importStateKey, type OAuthState, openState, sealState } from './oauth-state';

const KEY = 'ZGV2LW9ubHktdG9rZW4ta2V5LTAxMjM0NTY3ODlhYmM=';
const state: OAuthState = {
  tenantId: 't1',
  platform: 'meta',
  userId: 'u1',
  nonce: 'n1',
  backfillDays: 90,
  codeVerifier: 'verifier-that-must-stay-secret-0123456789abc',
  expiresAt: 10_000,
};

describe('OAuth state', () => {
  it('opens a state it sealed, with the matching nonce cookie, before expiry', async () => {
    const key = await importStateKey(KEY);
    expect(await openState(key, await sealState(key, state), 'n1', 9_999)).toEqual({ ok: true, state });
  });

  it('never shows the PKCE verifier or the tenant to whoever reads the state in a URL', async () => {
    const key = await importStateKey(KEY);
    const sealed = await sealState(key, state);
    const readable = sealed
      .split('.')
      .map((part) => {
        try {
          return new TextDecoder().decode(fromBase64Url(part));
        } catch {
          return part;
        }
      })
      .join('');
    expect(readable).not.toContain(state.codeVerifier);
    expect(readable).not.toContain('"tenantId"');
  });

  it('refuses a tampered state', async () => {
    const key = await importStateKey(KEY);
    const [version, iv, sealed] = (await sealState(key, state)).split('.');
    const bytes = fromBase64Url(sealed!);
    bytes[0] = bytes[0]! ^ 1;
    expect(await openState(key, `${version}.${iv}.${toBase64Url(bytes)}`, 'n1', 0)).toMatchObject({ ok: false, reason: /signature/ });
  });

  it('refuses an expired state and a user’s state from another browser', async () => {
    const key = await importStateKey(KEY);
    const sealed = await sealState(key, state);
    expect(await openState(key, sealed, 'n1', 10_001)).toMatchObject({ ok: false, reason: /expired/ });
    expect(await openState(key, sealed, 'other', 0)).toMatchObject({ ok: false, reason: /another browser/ });
    expect(await openState(key, 'garbage', 'n1', 0)).toMatchObject({ ok: false });
  });

  it('opens an onboarding link’s state without a nonce cookie: the callback checks the link instead', async () => {
    const key = await importStateKey(KEY);
    const onboarding: OAuthState = {
      tenantId: 't1',
      platform: 'linkedin',
      onboarding: { linkId: 'l1', returnTo: 'https://dash.client.example/onboard/x' },
      backfillDays: 90,
      expiresAt: 10_000,
    };
    expect(await openState(key, await sealState(key, onboarding), undefined, 0)).toEqual({ ok: true, state: onboarding });
  });
});
