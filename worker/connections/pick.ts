import { type Database, withTenant } from '../../db/client';
import { findPickableAdAccounts, recordBackfillRequest, setAdAccountsPicked } from '../../db/queries/connections';
import { BACKFILL_CHUNK_DAYS, backfillWindow, DEFAULT_BACKFILL_DAYS, MAX_BACKFILL_DAYS, planBackfill } from '../jobs/backfill';
import type { SyncMessage } from '../jobs/messages';
import { backfillChunks } from '../jobs/windows';
import { enqueueBackfill } from './enqueue-backfill';

export interface PickDeps {
  db: Database;
  now: () => Date;
  enqueue: (messages: SyncMessage[]) => Promise<void>;
}

export interface PickInput {
  tenantId: string;
  adAccountIds: string[];
  /** true: sync these accounts (a newly picked one gets its backfill); false: stop syncing them (data stays). */
  sync: boolean;
  backfillDays?: number;
  /** Only accounts of grants made through this onboarding link may be picked. */
  onboardingLinkId?: string;
}

export type PickResult =
  | { ok: true; picked: string[]; stopped: string[]; backfillMessages: number }
  | { ok: false; reason: 'not_found'; adAccountIds: string[] }
  | { ok: false; reason: 'disconnected'; adAccountIds: string[] };

/**
 * Picks ad accounts for syncing or stops them. Picking is where a backfill starts: an account that
 * was not syncing gets its history window planned and enqueued; one already syncing is left alone.
 */
export async function pickAdAccounts(deps: PickDeps, input: PickInput): Promise<PickResult> {
  const ids = [...new Set(input.adAccountIds)];
  const now = deps.now();
  const outcome = await withTenant(deps.db, input.tenantId, async (tx) => {
    const found = await findPickableAdAccounts(tx, ids, input.onboardingLinkId);
    const missing = ids.filter((id) => !found.some((a) => a.id === id));
    if (missing.length) return { ok: false as const, reason: 'not_found' as const, adAccountIds: missing };
    if (!input.sync) {
      await setAdAccountsPicked(tx, ids, false, now);
      return { ok: true as const, picked: [], stopped: ids, messages: [] };
    }
    const disconnected = found.filter((a) => a.connectionId === null).map((a) => a.id);
    if (disconnected.length) return { ok: false as const, reason: 'disconnected' as const, adAccountIds: disconnected };
    const starting = found.filter((a) => !a.enabled);
    await setAdAccountsPicked(
      tx,
      starting.map((a) => a.id),
      true,
      now,
    );
    const messages: SyncMessage[] = [];
    for (const account of starting) {
      const days = Math.min(input.backfillDays ?? DEFAULT_BACKFILL_DAYS, MAX_BACKFILL_DAYS[account.platform]);
      const window = backfillWindow(account.platform, account.timeZone, now, days);
      await recordBackfillRequest(tx, account.id, {
        ...window,
        windowsTotal: backfillChunks(window, BACKFILL_CHUNK_DAYS).length,
        requestedAt: now.toISOString(),
      });
      messages.push(...planBackfill({ tenantId: input.tenantId, adAccountId: account.id }, window, now));
    }
    return { ok: true as const, picked: ids, stopped: [], messages };
  });
  if (!outcome.ok) return outcome;
  const { messages, ...result } = outcome;
  return { ...result, backfillMessages: await enqueueBackfill(deps, input.tenantId, messages) };
}
