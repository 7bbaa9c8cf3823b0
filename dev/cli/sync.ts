/**
 * `npm run sync -- --tenant <slug> [--platform meta|google_ads|linkedin] [--from YYYY-MM-DD --to YYYY-MM-DD]`
 * Enqueues a manual sync through the operator API, waits for the runs and prints what happened.
 */
import { CliError, operatorClient, parseFlags, runCli } from './operator-client';

interface SyncResponse {
  tenant: { slug: string; name: string };
  enqueuedAt: string;
  accounts: Array<{ id: string; platform: string; name: string; externalId: string }>;
  messages: Array<{ adAccountId: string; from: string; to: string }>;
}
interface Run {
  adAccountId: string;
  windowFrom: string;
  windowTo: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: string | null;
  apiCalls: number;
  rows: number;
  error: string | null;
}

/** A finished run that reached the platform; a deferral (a gate refused the call, the slot was re-enqueued) is not a result. */
const isResult = (run: Run) => run.outcome !== null && run.outcome !== 'deferred';

const TIMEOUT_MS = Number(process.env.SYNC_WAIT_MS ?? 120_000);

/** A long range is enqueued in chunks: each message is matched to the run of its own window. */
function slotKey(slot: { adAccountId: string; from?: string; to?: string; windowFrom?: string; windowTo?: string }): string {
  return `${slot.adAccountId}/${slot.windowFrom ?? slot.from}/${slot.windowTo ?? slot.to}`;
}

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), ['tenant', 'platform', 'from', 'to']);
  if (!flags.tenant)
    throw new CliError('Usage: npm run sync -- --tenant <slug> [--platform meta|google_ads|linkedin] [--from YYYY-MM-DD --to YYYY-MM-DD]');
  const client = operatorClient();
  const started = await client.post<SyncResponse>('/ops/sync', flags);
  const names = new Map(started.accounts.map((a) => [a.id, `${a.platform} ${a.name} (${a.externalId})`]));
  console.log(`Enqueued ${started.messages.length} sync message(s) for ${started.tenant.name}:`);
  for (const m of started.messages) console.log(`  ${names.get(m.adAccountId)}  ${m.from} → ${m.to}`);
  if (!started.messages.length) return;

  const deadline = Date.now() + TIMEOUT_MS;
  let runs: Run[] = [];
  while (Date.now() < deadline) {
    ({ runs } = await client.get<{ runs: Run[] }>(
      `/ops/sync-runs?tenant=${encodeURIComponent(started.tenant.slug)}&since=${encodeURIComponent(started.enqueuedAt)}`,
    ));
    const finished = new Set(runs.filter(isResult).map(slotKey));
    if (started.messages.every((m) => finished.has(slotKey(m)))) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  console.log('\nResults:');
  for (const m of started.messages) {
    const run = runs.find((r) => slotKey(r) === slotKey(m) && isResult(r));
    if (!run) {
      console.log(`  ${names.get(m.adAccountId)} ${m.from} → ${m.to}: no result yet (still queued or deferred by a rate limit)`);
      continue;
    }
    const ms = Date.parse(run.finishedAt ?? run.startedAt) - Date.parse(run.startedAt);
    const took = ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `  ${names.get(m.adAccountId)} ${m.from} → ${m.to}: ${run.outcome}, ${run.rows} rows, ${run.apiCalls} API calls, ${took}${run.error ? ` — ${run.error}` : ''}`,
    );
  }
  if (started.messages.some((m) => !runs.some((r) => r.adAccountId === m.adAccountId && r.outcome === 'ok'))) process.exitCode = 2;
});
