import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKFILL_CHUNK_DAYS, backfillWindow, planBackfill } from '../../worker/jobs/backfill';
import { enqueueSyncs } from '../../worker/jobs/enqueue';
import { backfillChunks } from '../../worker/jobs/windows';
import { connectedTenant, control, deliver, eventually, syncMessage, syncOutcomes } from './pipeline-support';
import { call, closeWhenIdle, superDb } from './support';
import { workerNow } from './sync-support';

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));

interface AdAccountEntry {
  id: string;
  connectionHealth: { state: string };
  syncState: { state: string; reason?: string; action?: string; code?: string | null; rawMessage?: string };
  backfill: { windowsDone: number; windowsTotal: number; stopped?: string | null };
}

/** The fake's account status: a DISABLED Google customer answers CUSTOMER_NOT_ENABLED to every query. */
const setCustomerStatus = (externalId: string, status: 'ACTIVE' | 'DISABLED') =>
  control(`/accounts/google_ads/${externalId}`, { method: 'POST', body: JSON.stringify({ status }) });

describe('a permanently failing ad account', () => {
  it('shows as failing with the platform’s reason in plain words and a stopped backfill, until a later sync succeeds', async () => {
    const tenant = await connectedTenant(arranged.db, 'google_ads', 'partner-b', { ip: '198.51.100.31' });
    const [account] = tenant.accounts;
    const entry = async () => {
      const res = await call(`/api/tenants/${tenant.tenantId}/ad-accounts`, { headers: { cookie: tenant.cookie } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { adAccounts: AdAccountEntry[] }).adAccounts.find((a) => a.id === account!.id)!;
    };
    expect((await entry()).syncState).toEqual({ state: 'ok' });

    await setCustomerStatus(account!.externalId, 'DISABLED');
    try {
      // A new three-month backfill, requested as a connect requests it, through the real queue;
      // every window of it is refused for good.
      const now = workerNow();
      const window = backfillWindow('google_ads', 'Europe/Berlin', now, 75);
      const windowsTotal = backfillChunks(window, BACKFILL_CHUNK_DAYS).length;
      expect(windowsTotal).toBe(3);
      const state = { ...window, windowsTotal, requestedAt: now.toISOString() };
      await arranged.db.execute(
        sql`update ad_accounts set backfill_from = ${window.from}, backfill_state = ${JSON.stringify(state)}::jsonb where id = ${account!.id}`,
      );
      await enqueueSyncs(env, planBackfill({ tenantId: tenant.tenantId, adAccountId: account!.id }, window, now));
      await eventually(
        () => syncOutcomes(arranged.db, tenant.tenantId, 'backfill'),
        (runs) => runs.filter((r) => r.outcome === 'permanent').length >= 3,
      );

      const failing = await entry();
      expect(failing.connectionHealth.state).toBe('ok');
      expect(failing.syncState).toMatchObject({
        state: 'failing',
        code: 'CUSTOMER_NOT_ENABLED',
        reason: 'Google Ads says this account is not enabled (closed or cancelled).',
      });
      expect(failing.syncState.action).toMatch(/Reactivate it in Google Ads/);
      expect(failing.syncState.rawMessage).toContain('CUSTOMER_NOT_ENABLED');
      expect(failing.backfill).toMatchObject({ windowsDone: 0, windowsTotal: 3, stopped: failing.syncState.reason });
    } finally {
      await setCustomerStatus(account!.externalId, 'ACTIVE');
    }

    // Reactivated: the next sync that succeeds clears the failure; the dropped backfill stays stopped.
    const { from, to } = account!.backfillState as { from: string; to: string };
    const synced = await deliver('tidemark-sync', [syncMessage(tenant.tenantId, account!.id, from, to, 'hot')]);
    expect(synced.explicitAcks).toHaveLength(1);
    const recovered = await entry();
    expect(recovered.syncState).toEqual({ state: 'ok' });
    expect(recovered.backfill.windowsDone).toBe(0);
    expect(recovered.backfill.stopped).toBe('Google Ads says this account is not enabled (closed or cancelled).');
  });
});
