import { env } from 'cloudflare:test';
import { getServerByName } from 'partyserver';
import { afterAll, describe, expect, it } from 'vitest';
import { PLATFORMS, type Platform } from '../../db/schema/enum-values';
import {
  type AccountRow,
  chooseMember,
  connectThroughOAuth,
  control,
  createEditorTenant,
  eventually,
  storedFacts,
  syncOutcomes,
  tenantAccounts,
  truthFacts,
} from './pipeline-support';
import { call, closeWhenIdle, superDb, testEnv } from './support';

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));

/** Long enough that every platform's window holds a DST change and an ad deleted mid-range in the fake world. */
const BACKFILL_DAYS = { meta: 45, google_ads: 45, linkedin: 75 } as const;

async function waitForBackfill(tenantId: string): Promise<AccountRow[]> {
  const accounts = await tenantAccounts(arranged.db, tenantId);
  const expected = accounts.reduce((n, a) => n + (a.backfillState.windowsTotal ?? 0), 0);
  await eventually(
    () => syncOutcomes(arranged.db, tenantId, 'backfill'),
    (runs) => new Set(runs.filter((r) => r.outcome === 'ok').map((r) => `${r.adAccountId}:${r.windowFrom}`)).size >= expected,
  );
  return accounts;
}

async function expectEqualToTruth(platform: Platform, accounts: AccountRow[]): Promise<number> {
  let rows = 0;
  for (const account of accounts) {
    const { from, to } = account.backfillState as { from: string; to: string };
    const truth = await truthFacts(platform, account.externalId, from, to);
    const stored = await storedFacts(arranged.db, account.id, from, to);
    expect(stored, `${platform} account ${account.externalId} ${from}..${to}`).toEqual(truth);
    rows += stored.length;
  }
  return rows;
}

describe.each(PLATFORMS)('%s: connect, backfill, restatement', (platform) => {
  it('stores exactly the platform’s numbers after OAuth and backfill, and again after past days are restated', async () => {
    const tenant = await createEditorTenant(arranged.db, `198.51.100.${60 + Math.floor(Math.random() * 100)}`);
    await chooseMember(platform, 'demo');
    const landed = await connectThroughOAuth(tenant.cookie, tenant.tenantId, platform, BACKFILL_DAYS[platform]);
    expect(landed.searchParams.get('connected')).toBe(platform);
    expect(Number(landed.searchParams.get('accounts'))).toBeGreaterThan(0);

    const accounts = await waitForBackfill(tenant.tenantId);
    expect(await expectEqualToTruth(platform, accounts)).toBeGreaterThan(0);
    // Ads deleted mid-range keep the spend they had before deletion.
    const { sql } = await import('drizzle-orm');
    const deletedWithSpend = await arranged.db.execute(sql`select count(distinct f.ad_id)::int as n from ad_stats_daily f
      join ads a on a.tenant_id = f.tenant_id and a.ad_account_id = f.ad_account_id and a.external_id = f.ad_id
      where f.tenant_id = ${tenant.tenantId} and a.status = 'deleted' and f.spend_micros > 0`);
    expect((deletedWithSpend as unknown as { rows: Array<{ n: number }> }).rows[0]!.n).toBeGreaterThan(0);

    // Progress is visible through the API.
    const status = await call(`/api/tenants/${tenant.tenantId}/ad-accounts`, { headers: { cookie: tenant.cookie } });
    const body = (await status.json()) as {
      adAccounts: Array<{ backfill: { windowsDone: number; windowsTotal: number }; connectionHealth: { state: string } }>;
    };
    for (const account of body.adAccounts) {
      expect(account.backfill.windowsDone).toBe(account.backfill.windowsTotal);
      expect(account.connectionHealth.state).toBe('ok');
    }

    // ... and pushed to the tenant's dashboards over the hub.
    const hub = await getServerByName(env.TenantHub, tenant.tenantId);
    const progress = (await hub.eventsAfter(0)).filter((e) => e.type === 'sync-progress');
    for (const account of accounts) {
      const last = progress.filter((e) => e.adAccountId === account.id).at(-1);
      expect(last, `progress event for ${account.externalId}`).toMatchObject({
        windowsDone: account.backfillState.windowsTotal,
        windowsTotal: account.backfillState.windowsTotal,
      });
    }

    // Two days pass on the platform: past conversions restate. A manual sync of the window catches up exactly.
    const frozenAt = (await control<{ now: string }>('/clock')).now;
    await control('/clock', { method: 'POST', body: JSON.stringify({ advanceMs: 2 * 86_400_000 }) });
    try {
      const before = (await syncOutcomes(arranged.db, tenant.tenantId, 'manual')).length;
      const windows = accounts.map((a) => a.backfillState as { from: string; to: string });
      const from = windows.map((w) => w.from).sort()[0];
      const to = windows
        .map((w) => w.to)
        .sort()
        .at(-1);
      const res = await call('/api/ops/sync', {
        method: 'POST',
        headers: { authorization: `Bearer ${testEnv.OPERATOR_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ tenant: tenant.tenantId, platform, from, to }),
      });
      expect(res.status).toBe(202);
      // The range is enqueued in backfill-sized chunks: wait for every one of them.
      const { messages } = (await res.json()) as { messages: unknown[] };
      expect(messages.length).toBeGreaterThanOrEqual(accounts.length);
      await eventually(
        () => syncOutcomes(arranged.db, tenant.tenantId, 'manual'),
        // Chunks are 30 days, under Meta's async cutoff: each one's first delivery lands its rows.
        (runs) => runs.slice(before).filter((r) => r.outcome === 'ok').length >= messages.length,
      );
      await expectEqualToTruth(platform, accounts);
    } finally {
      await control('/clock', { method: 'POST', body: JSON.stringify({ set: frozenAt }) });
    }
  }, 240_000);
});
