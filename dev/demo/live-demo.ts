import { DEMO_OWNER_LOGIN } from '../seed/demo-data';
import { connectDemo, readProgress, waitForBackfill } from './index';
import { DEMO_BACKFILL_DAYS, PLATFORM_LABELS, SHOWCASE_CONNECTIONS } from './plan';
import { allBackfilled, describeAccount, describeTotals, type TenantProgress } from './progress';

export interface LiveDemo {
  /** Lines for the start banner: what was connected and what is syncing. */
  syncing: string[];
  /** Stops the progress reporter. */
  stop(): void;
}

/**
 * `npm run dev`'s demo: the agency owner connects the demo tenants through the real OAuth flow,
 * then a reporter prints the backfill's progress until it is done.
 */
export async function startLiveDemo(options: {
  appUrl: string;
  fakesUrl: string;
  log: (line: string) => void;
  backfillDays?: number;
  /** Runs once the backfill is done (at once when it was already). */
  onBackfilled?: () => Promise<void>;
}): Promise<LiveDemo> {
  const backfillDays = options.backfillDays ?? DEMO_BACKFILL_DAYS;
  const demo = await connectDemo({
    appUrl: options.appUrl,
    fakesUrl: options.fakesUrl,
    login: DEMO_OWNER_LOGIN,
    backfillDays,
    connections: SHOWCASE_CONNECTIONS,
  });
  const names = new Map(demo.tenants.map((t) => [t.slug, t.name]));
  for (const r of demo.results) {
    const what = `${names.get(r.tenantSlug)} ← ${PLATFORM_LABELS[r.platform]} (as fake member '${r.memberKey}')`;
    options.log(
      r.outcome.ok
        ? `  ${what}: ${r.outcome.accounts} ad account(s), backfilling ${backfillDays} days`
        : `  ${what}: FAILED — ${r.outcome.error}`,
    );
  }
  const first = await readProgress(demo.client, demo.tenants);
  const syncing = first.flatMap((t) => t.accounts.map((a) => `  ${describeAccount(t.tenant, a)}`));

  let stopped = false;
  let lastTotals = describeTotals(first);
  const startedAt = Date.now();
  const report = (progress: TenantProgress[]) => {
    const totals = describeTotals(progress);
    if (totals === lastTotals || stopped) return;
    lastTotals = totals;
    options.log(`  [sync] ${totals}`);
  };
  const backfilled = async () => {
    if (stopped || !options.onBackfilled) return;
    await options.onBackfilled().catch((error: unknown) => options.log(`  [sync] after the backfill: ${(error as Error).message}`));
  };
  if (allBackfilled(first)) {
    await backfilled();
  } else {
    waitForBackfill(demo.client, demo.tenants, {
      timeoutMs: 15 * 60_000,
      intervalMs: 2000,
      onProgress: report,
      stopped: () => stopped,
    }).then(
      async (done) => {
        if (stopped) return;
        options.log(`  [sync] backfill finished in ${((Date.now() - startedAt) / 1000).toFixed(0)} s:`);
        for (const t of done) for (const a of t.accounts) options.log(`    ${describeAccount(t.tenant, a)}`);
        await backfilled();
      },
      (error: unknown) => {
        if (!stopped) options.log(`  [sync] stopped watching the backfill: ${(error as Error).message}`);
      },
    );
  }
  return { syncing, stop: () => (stopped = true) };
}
