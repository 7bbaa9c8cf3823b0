import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { createTestTenant } from '../../db/testing/factories';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';
import { decryptToken, encryptToken, importTokenKeyring, type TokenBinding, type TokenKeyring } from '../../worker/auth/token-crypto';
import { getConnector } from '../../worker/connectors/registry';
import { currentAccessToken, type StoredTokens } from '../../worker/jobs/access-token';
import { reencryptStaleTokens } from '../../worker/jobs/reencrypt-tokens';
import { fromBase64Url, toBase64Url } from '../../worker/lib/base64url';

const keyOf = (seed: number) => btoa(String.fromCharCode(...new Uint8Array(32).map((_, i) => (i * 13 + seed) % 256)));
const OLD_KEY = keyOf(1);
const NEW_KEY = keyOf(77);

let testDb: TestDatabase;
let tenantId: string;
let rotated: TokenKeyring;

/** A ciphertext as main stored it before key ids: `v1.<iv>.<ct>`, the connection id alone as additional data. */
async function legacyCiphertext(plaintext: string, connectionId: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', fromBase64Url(OLD_KEY), 'AES-GCM', false, ['encrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(connectionId) },
    key,
    new TextEncoder().encode(plaintext),
  );
  return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

async function insertConnection(id: string, accessTokenEnc: string, refreshTokenEnc: string | null): Promise<StoredTokens> {
  await testDb.db.execute(sql`insert into connections (id, tenant_id, platform, external_user_id, access_token_enc, refresh_token_enc)
    values (${id}, ${tenantId}, 'google_ads', ${`user-${id}`}, ${accessTokenEnc}, ${refreshTokenEnc})`);
  return { id, accessTokenEnc, refreshTokenEnc, accessExpiresAt: null };
}

async function storedCiphertexts(id: string) {
  const [row] = rowsOf<{ access_token_enc: string; refresh_token_enc: string | null }>(
    await testDb.db.execute(sql`select access_token_enc, refresh_token_enc from connections where id = ${id}`),
  );
  return row!;
}

/** The sync's token step, reading as the application role with the rotated keys (no platform call: the token is not expiring). */
function tokenStep(connection: StoredTokens) {
  const google = getConnector('google_ads');
  return currentAccessToken({
    db: testDb.appDb,
    tokenKeys: rotated,
    fetch: () => Promise.reject(new Error('no platform call expected')),
    now: () => new Date(),
    tenantId,
    connection,
    oauth: google.oauth,
    endpoints: { tokenBase: 'http://127.0.0.1:9/never', app: { clientId: 'x', clientSecret: 'y' } },
  });
}

const binding = (connectionId: string, field: TokenBinding['field']): TokenBinding => ({ tenantId, connectionId, field });

beforeAll(async () => {
  testDb = await startTestDatabase();
  tenantId = (await createTestTenant(testDb.db)).id;
  rotated = await importTokenKeyring({ current: NEW_KEY, previous: [OLD_KEY] });
});
afterAll(async () => {
  await testDb?.stop();
});

describe('stored OAuth tokens across a key rotation', () => {
  it('reads a connection stored in the format before key ids and re-encrypts both tokens under the current key', async () => {
    const id = randomUUID();
    const connection = await insertConnection(
      id,
      await legacyCiphertext('legacy-access', id),
      await legacyCiphertext('legacy-refresh', id),
    );
    expect(await tokenStep(connection)).toEqual({ ok: true, accessToken: 'legacy-access', apiCalls: 0, refreshed: false });
    const stored = await storedCiphertexts(id);
    expect(stored.access_token_enc.startsWith(`v2.${rotated.currentKid}.`)).toBe(true);
    expect(stored.refresh_token_enc?.startsWith(`v2.${rotated.currentKid}.`)).toBe(true);
    expect(await decryptToken(rotated, stored.access_token_enc, binding(id, 'access'))).toBe('legacy-access');
    expect(await decryptToken(rotated, stored.refresh_token_enc!, binding(id, 'refresh'))).toBe('legacy-refresh');
  });

  it('reads a connection encrypted under the previous key and rewrites it with the new key id', async () => {
    const id = randomUUID();
    const before = await importTokenKeyring({ current: OLD_KEY });
    const connection = await insertConnection(
      id,
      await encryptToken(before, 'old-key-access', binding(id, 'access')),
      await encryptToken(before, 'old-key-refresh', binding(id, 'refresh')),
    );
    expect(await tokenStep(connection)).toMatchObject({ ok: true, accessToken: 'old-key-access' });
    const stored = await storedCiphertexts(id);
    expect([stored.access_token_enc, stored.refresh_token_enc].map((c) => c?.split('.')[1])).toEqual([
      rotated.currentKid,
      rotated.currentKid,
    ]);
    // The old key alone can no longer read the row: the previous key can be retired once every row is rewritten.
    await expect(decryptToken(before, stored.access_token_enc, binding(id, 'access'))).rejects.toThrow(/not configured/);
  });

  it('leaves a connection already under the current key untouched', async () => {
    const id = randomUUID();
    const access = await encryptToken(rotated, 'current-access', binding(id, 'access'));
    const connection = await insertConnection(id, access, null);
    expect(await tokenStep(connection)).toMatchObject({ ok: true, accessToken: 'current-access' });
    expect(await storedCiphertexts(id)).toEqual({ access_token_enc: access, refresh_token_enc: null });
  });

  it('refuses a connection whose access and refresh ciphertexts were swapped in the database', async () => {
    const id = randomUUID();
    const access = await encryptToken(rotated, 'swapped-access', binding(id, 'access'));
    const refresh = await encryptToken(rotated, 'swapped-refresh', binding(id, 'refresh'));
    const connection = await insertConnection(id, refresh, access);
    await expect(tokenStep(connection)).rejects.toMatchObject({ name: 'OperationError' });
  });
});

describe('the housekeeping sweep over connections that never sync', () => {
  it('re-encrypts stale ciphertexts of every tenant under the current key, a bounded number per run, and skips a row it cannot read', async () => {
    const otherTenant = (await createTestTenant(testDb.db, { status: 'archived' })).id;
    const before = await importTokenKeyring({ current: OLD_KEY });
    const legacyId = randomUUID();
    const previousKeyId = randomUUID();
    const unreadableId = randomUUID();
    await insertConnection(legacyId, await legacyCiphertext('idle-legacy', legacyId), null);
    await testDb.db.execute(sql`insert into connections (id, tenant_id, platform, external_user_id, access_token_enc, refresh_token_enc)
      values (${previousKeyId}, ${otherTenant}, 'linkedin', 'idle', ${await encryptToken(before, 'idle-old-key', { tenantId: otherTenant, connectionId: previousKeyId, field: 'access' })},
        ${await encryptToken(before, 'idle-old-refresh', { tenantId: otherTenant, connectionId: previousKeyId, field: 'refresh' })})`);
    // Sealed for another connection id: no listed key opens it here.
    await insertConnection(unreadableId, await legacyCiphertext('moved', randomUUID()), null);

    const stale = async () =>
      rowsOf<{ id: string }>(
        await testDb.db.execute(sql`select id from connections
          where access_token_enc not like ${`v2.${rotated.currentKid}.%`} or refresh_token_enc not like ${`v2.${rotated.currentKid}.%`}`),
      ).map((r) => r.id);
    const first = await reencryptStaleTokens(testDb.appDb, rotated, 1);
    expect(first.reencrypted + first.unreadable).toBe(1);
    const rest = await reencryptStaleTokens(testDb.appDb, rotated, 100);
    expect(first.reencrypted + rest.reencrypted).toBe(2);
    // The unreadable row stays as it was (still stale), so each run meets it again.
    expect(rest.unreadable).toBe(1);
    expect(await stale()).toEqual([unreadableId]);
    expect(await decryptToken(rotated, (await storedCiphertexts(legacyId)).access_token_enc, binding(legacyId, 'access'))).toBe(
      'idle-legacy',
    );
    const moved = await storedCiphertexts(previousKeyId);
    const otherBinding = { tenantId: otherTenant, connectionId: previousKeyId };
    expect(await decryptToken(rotated, moved.access_token_enc, { ...otherBinding, field: 'access' })).toBe('idle-old-key');
    expect(await decryptToken(rotated, moved.refresh_token_enc!, { ...otherBinding, field: 'refresh' })).toBe('idle-old-refresh');
  });
});
