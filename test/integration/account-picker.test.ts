import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rowsOf, withTenant } from '../../db/database';
import { listSyncableAdAccounts } from '../../db/queries/scheduling';
import { chooseMember, connectThroughOAuth, createEditorTenant, eventually, fakeCalls, syncOutcomes } from './pipeline-support';
import { appDb, call, closeWhenIdle, superDb } from './support';

const arranged = superDb();
const app = appDb();
afterAll(() => closeWhenIdle(arranged, app));

const ORIGIN = 'http://127.0.0.1:8787';

interface AccountRow {
  id: string;
  externalId: string;
  enabled: boolean;
  selectedAt: string | null;
  connectionId: string | null;
  requestedAt: string | null;
}

async function accountsOf(tenantId: string): Promise<AccountRow[]> {
  return rowsOf<AccountRow>(
    await arranged.db.execute(sql`select id, external_id as "externalId", enabled, selected_at as "selectedAt",
      connection_id as "connectionId", backfill_state->>'requestedAt' as "requestedAt"
      from ad_accounts where tenant_id = ${tenantId} order by external_id`),
  );
}

const syncable = async (tenantId: string) =>
  (await withTenant(app.db, tenantId, (tx) => listSyncableAdAccounts(tx))).map((t) => t.adAccountId).sort();

function post(path: string, cookie: string, body: unknown, origin: string | null = ORIGIN) {
  return call(path, {
    origin: ORIGIN,
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', ...(origin ? { origin } : {}) },
    body: JSON.stringify(body),
  });
}

describe('the connect start', () => {
  it('is a same-origin POST answering the consent URL; a missing or foreign Origin gets 403 and the GET is gone', async () => {
    const editor = await createEditorTenant(arranged.db, '198.51.100.171');
    const path = `/api/tenants/${editor.tenantId}/connections/meta/connect`;
    for (const origin of [null, 'https://evil.example', 'http://127.0.0.1:9999']) {
      const refused = await post(path, editor.cookie, { backfillDays: 30 }, origin);
      expect(refused.status, String(origin)).toBe(403);
      expect(await refused.json()).toMatchObject({ code: 'forbidden', detail: expect.stringContaining('page of this site') });
      expect(refused.headers.get('set-cookie'), 'no flow was started').toBeNull();
    }
    const get = await call(`${path}?backfillDays=30`, { origin: ORIGIN, headers: { cookie: editor.cookie }, redirect: 'manual' });
    expect(get.status).toBe(404);

    const started = await post(path, editor.cookie, { backfillDays: 30 });
    expect(started.status).toBe(200);
    const { authorizeUrl } = (await started.json()) as { authorizeUrl: string };
    const consent = new URL(authorizeUrl);
    expect(consent.searchParams.get('redirect_uri')).toBe(`${ORIGIN}/api/oauth/meta/callback`);
    expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(consent.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The sealed state shows neither the tenant nor the verifier to the browser or the platform.
    const state = consent.searchParams.get('state')!;
    expect(state).not.toContain(editor.tenantId);
    expect(Buffer.from(state.split('.')[2]!, 'base64url').toString('latin1')).not.toContain('tenantId');
    expect(started.headers.get('set-cookie')).toMatch(/tm_oauth_nonce=/);
  });

  it('sends no PKCE challenge to LinkedIn, whose web flow has none', async () => {
    const editor = await createEditorTenant(arranged.db, '198.51.100.172');
    const started = await post(`/api/tenants/${editor.tenantId}/connections/linkedin/connect`, editor.cookie, {});
    expect(started.status).toBe(200);
    const consent = new URL(((await started.json()) as { authorizeUrl: string }).authorizeUrl);
    expect(consent.searchParams.has('code_challenge')).toBe(false);
  });
});

describe('the account picker', () => {
  it('stores a multi-account grant unpicked: nothing is backfilled or scheduled until an account is picked', async () => {
    const editor = await createEditorTenant(arranged.db, '198.51.100.173');
    await chooseMember('linkedin', 'demo');
    const landing = await connectThroughOAuth(editor.cookie, editor.tenantId, 'linkedin', 3, { pick: 'none' });
    expect(Object.fromEntries(landing.searchParams)).toMatchObject({ connected: 'linkedin', accounts: '2', waiting: '2' });
    const stored = await accountsOf(editor.tenantId);
    expect(stored).toHaveLength(2);
    expect(stored.map((a) => [a.enabled, a.selectedAt, a.requestedAt])).toEqual([
      [false, null, null],
      [false, null, null],
    ]);
    expect(await syncable(editor.tenantId), 'the cron syncs none of them').toEqual([]);

    const [picked, other] = stored;
    const res = await post(`/api/tenants/${editor.tenantId}/ad-accounts/picks`, editor.cookie, {
      adAccountIds: [picked!.id],
      sync: true,
      backfillDays: 3,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, picked: [picked!.id], backfillMessages: 1 });
    await eventually(
      () => syncOutcomes(arranged.db, editor.tenantId, 'backfill'),
      (runs) => runs.some((r) => r.outcome === 'ok'),
    );
    const runs = await syncOutcomes(arranged.db, editor.tenantId, 'backfill');
    expect(new Set(runs.map((r) => r.adAccountId)), 'only the picked account was backfilled').toEqual(new Set([picked!.id]));
    expect(await syncable(editor.tenantId)).toEqual([picked!.id]);
    const after = await accountsOf(editor.tenantId);
    expect(after.find((a) => a.id === other!.id)).toMatchObject({ enabled: false, selectedAt: null, requestedAt: null });
  });

  it('stops syncing an unpicked account and keeps its data; picking it again resumes it', async () => {
    const editor = await createEditorTenant(arranged.db, '198.51.100.174');
    await chooseMember('linkedin', 'demo');
    await connectThroughOAuth(editor.cookie, editor.tenantId, 'linkedin', 3);
    const all = await accountsOf(editor.tenantId);
    expect(all.every((a) => a.enabled)).toBe(true);
    await eventually(
      () => syncOutcomes(arranged.db, editor.tenantId, 'backfill'),
      (runs) => runs.filter((r) => r.outcome === 'ok').length >= all.length,
    );
    const factsBefore = await factCount(all[0]!.id);
    expect(factsBefore).toBeGreaterThan(0);

    const stop = await post(`/api/tenants/${editor.tenantId}/ad-accounts/picks`, editor.cookie, {
      adAccountIds: [all[0]!.id],
      sync: false,
    });
    expect(stop.status).toBe(200);
    expect(await syncable(editor.tenantId)).toEqual([all[1]!.id]);
    expect(await factCount(all[0]!.id), 'its data stays').toBe(factsBefore);

    const again = await post(`/api/tenants/${editor.tenantId}/ad-accounts/picks`, editor.cookie, {
      adAccountIds: [all[0]!.id],
      sync: true,
    });
    expect(again.status).toBe(200);
    expect(await syncable(editor.tenantId)).toEqual([all[0]!.id, all[1]!.id].sort());
  });

  it('picks a grant’s only account at once and says so', async () => {
    const editor = await createEditorTenant(arranged.db, '198.51.100.175');
    await chooseMember('meta', 'partner-b');
    const landing = await connectThroughOAuth(editor.cookie, editor.tenantId, 'meta', 3, { pick: 'none' });
    expect(Object.fromEntries(landing.searchParams)).toMatchObject({ connected: 'meta', accounts: '1', picked: 'auto' });
    const [account] = await accountsOf(editor.tenantId);
    expect(account).toMatchObject({ enabled: true, requestedAt: expect.any(String) });
    expect(account!.selectedAt).not.toBeNull();
  });

  it('answers 404 for another tenant’s account and 403 for a viewer, changing nothing', async () => {
    const editor = await createEditorTenant(arranged.db, '198.51.100.176');
    const other = await createEditorTenant(arranged.db, '198.51.100.177');
    await chooseMember('linkedin', 'demo');
    await connectThroughOAuth(other.cookie, other.tenantId, 'linkedin', 3, { pick: 'none' });
    const theirs = await accountsOf(other.tenantId);
    const foreign = await post(`/api/tenants/${editor.tenantId}/ad-accounts/picks`, editor.cookie, {
      adAccountIds: [theirs[0]!.id],
      sync: true,
    });
    expect(foreign.status).toBe(404);
    await arranged.db.execute(sql`update memberships set role = 'viewer' where tenant_id = ${other.tenantId}`);
    const viewer = await post(`/api/tenants/${other.tenantId}/ad-accounts/picks`, other.cookie, {
      adAccountIds: [theirs[0]!.id],
      sync: true,
    });
    expect(viewer.status).toBe(403);
    expect((await accountsOf(other.tenantId)).every((a) => !a.enabled)).toBe(true);
  });
});

async function factCount(adAccountId: string): Promise<number> {
  return rowsOf<{ n: number }>(
    await arranged.db.execute(sql`select count(*)::int as n from ad_stats_daily where ad_account_id = ${adAccountId}`),
  )[0]!.n;
}

describe('disconnecting', () => {
  it('revokes the grant at Google, deletes its tokens and keeps the account and its data, no longer synced', async () => {
    const editor = await createEditorTenant(arranged.db, '198.51.100.178');
    const member = await chooseMember('google_ads', 'partner-a');
    await connectThroughOAuth(editor.cookie, editor.tenantId, 'google_ads', 3);
    const [account] = await accountsOf(editor.tenantId);
    await eventually(
      () => syncOutcomes(arranged.db, editor.tenantId, 'backfill'),
      (runs) => runs.some((r) => r.outcome === 'ok'),
    );
    const facts = await factCount(account!.id);
    const callsBefore = (await fakeCalls('google_ads', { principal: member.id })).filter((c) => c.path === '/revoke').length;

    const res = await call(`/api/tenants/${editor.tenantId}/connections/${account!.connectionId}`, {
      origin: ORIGIN,
      method: 'DELETE',
      headers: { cookie: editor.cookie, origin: ORIGIN },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, revokedAtPlatform: true, adAccounts: 1 });
    const revocations = (await fakeCalls('google_ads', { principal: member.id })).filter((c) => c.path === '/revoke');
    expect(revocations.length).toBe(callsBefore + 1);
    expect(revocations.at(-1)?.status).toBe(200);

    const tokens = rowsOf<{ n: number }>(
      await arranged.db.execute(sql`select count(*)::int as n from connections where tenant_id = ${editor.tenantId}`),
    );
    expect(tokens[0]!.n, 'the tokens are gone').toBe(0);
    expect(await accountsOf(editor.tenantId)).toMatchObject([{ id: account!.id, connectionId: null }]);
    expect(await factCount(account!.id), 'the data stays').toBe(facts);
    expect(await syncable(editor.tenantId)).toEqual([]);
    const audit = rowsOf<{ action: string; details: { revokedAtPlatform: boolean } }>(
      await arranged.db.execute(
        sql`select action, details from audit_log where tenant_id = ${editor.tenantId} and action = 'connection.removed'`,
      ),
    );
    expect(audit).toMatchObject([{ action: 'connection.removed', details: { revokedAtPlatform: true } }]);
  });

  it('still deletes a grant whose stored token cannot be decrypted, and says it was not revoked at the platform', async () => {
    const editor = await createEditorTenant(arranged.db, '198.51.100.181');
    const [connection] = rowsOf<{ id: string }>(
      await arranged.db.execute(sql`insert into connections (tenant_id, platform, external_user_id, access_token_enc)
        values (${editor.tenantId}, 'meta', 'lost-key', 'v2.gone.AAAA.BBBB') returning id`),
    );
    const res = await call(`/api/tenants/${editor.tenantId}/connections/${connection!.id}`, {
      origin: ORIGIN,
      method: 'DELETE',
      headers: { cookie: editor.cookie, origin: ORIGIN },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      revokedAtPlatform: false,
      revokeError: expect.stringContaining('could not be decrypted'),
    });
    expect(rowsOf(await arranged.db.execute(sql`select 1 from connections where id = ${connection!.id}`))).toHaveLength(0);
  });

  it('answers 404 for another tenant’s connection and 403 without the Origin of this site', async () => {
    const editor = await createEditorTenant(arranged.db, '198.51.100.179');
    const other = await createEditorTenant(arranged.db, '198.51.100.180');
    await chooseMember('meta', 'partner-a');
    await connectThroughOAuth(other.cookie, other.tenantId, 'meta', 3);
    const [theirs] = await accountsOf(other.tenantId);
    const foreign = await call(`/api/tenants/${editor.tenantId}/connections/${theirs!.connectionId}`, {
      origin: ORIGIN,
      method: 'DELETE',
      headers: { cookie: editor.cookie, origin: ORIGIN },
    });
    expect(foreign.status).toBe(404);
    const noOrigin = await call(`/api/tenants/${other.tenantId}/connections/${theirs!.connectionId}`, {
      origin: ORIGIN,
      method: 'DELETE',
      headers: { cookie: other.cookie },
    });
    expect(noOrigin.status).toBe(403);
    expect((await accountsOf(other.tenantId))[0]!.connectionId).toBe(theirs!.connectionId);
  });
});
