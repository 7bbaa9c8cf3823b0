/**
 * `npm run bench:ws`: N WebSocket clients (default 1,000) on one tenant's TenantHub under wrangler
 * dev, K broadcasts published the way a sync commit publishes them (real syncs requested through
 * the operator API), per-client delivery latency, and a forced reconnect of every client while
 * broadcasts continue, after which every client must have seen every seq exactly once.
 * Only 127.0.0.1 is contacted; everything started is stopped at the end, on error, on Ctrl-C and
 * after an overall time limit.
 */
import { DEMO_LOGINS, DEMO_TENANTS } from '../../../dev/seed/demo-data';
import { type BenchStack, startOwnStack, useRunningDev } from '../support/bench-stack';
import { benchLifecycle, runBench } from '../support/lifecycle';
import { percentile } from '../support/stats';
import { HubClient, inBatches } from './clients';
import { checkDelivery, resultLine } from './delivery';
import { parseWsBenchOptions } from './options';

const TIME_LIMIT_MS = 20 * 60_000;
const SESSIONS = 5;
const tenant = DEMO_TENANTS.find((t) => t.slug === 'partner-a')!;
const viewer = DEMO_LOGINS.find((l) => l.email === 'viewer@partner-a.example')!;

const lifecycle = benchLifecycle(TIME_LIMIT_MS);

const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signIn(appUrl: string): Promise<string> {
  const res = await fetch(`${appUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: viewer.email, password: viewer.password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${viewer.email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!cookie) throw new Error('sign-in set no cookie');
  return cookie;
}

/** One broadcast the product's way: a sync of the tenant's accounts (hot window), waited for until every run finished. */
async function broadcast(stack: BenchStack): Promise<string[]> {
  const operator = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${stack.appUrl}/api${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${stack.operatorToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`operator ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const started = await operator<{ enqueuedAt: string; messages: Array<{ adAccountId: string }> }>('/ops/sync', { tenant: tenant.slug });
  const path = `/ops/sync-runs?tenant=${tenant.slug}&since=${encodeURIComponent(started.enqueuedAt)}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { runs } = await operator<{ runs: Array<{ adAccountId: string; outcome: string | null }> }>(path);
    const finished = runs.filter((r) => r.outcome);
    if (started.messages.every((m) => finished.some((r) => r.adAccountId === m.adAccountId))) return finished.map((r) => r.outcome!);
    if (Date.now() > deadline) throw new Error(`sync runs not finished: ${JSON.stringify(runs)}`);
    await sleep(200);
  }
}

async function broadcasts(stack: BenchStack, count: number, outcomes: string[]): Promise<void> {
  for (let i = 0; i < count; i += 1) outcomes.push(...(await broadcast(stack)));
}

/** Waits until every client has read up to the same newest seq and nothing new arrived for a while. */
async function settle(clients: HubClient[], quietMs = 2000, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let since = Date.now();
  while (Date.now() < deadline) {
    const seqs = clients.map((c) => c.lastSeq);
    const state = `${Math.min(...seqs)}:${Math.max(...seqs)}`;
    if (state !== last) {
      last = state;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    await sleep(200);
  }
}

async function main(): Promise<void> {
  const options = parseWsBenchOptions(process.argv.slice(2));
  log('# bench:ws');
  const stack = options.appUrl
    ? await useRunningDev(options.appUrl)
    : await startOwnStack({ name: 'ws', backfillDays: 3, log, onStop: lifecycle.onStop });
  log(
    `size: ${options.clients} WebSocket clients on one tenant's TenantHub (${tenant.slug}, ${SESSIONS} sessions of ${viewer.email}), ` +
      `${options.broadcasts} broadcasts (syncs through POST /api/ops/sync), a forced reconnect of every client after ${Math.floor(options.broadcasts / 2)}; ${stack.description}`,
  );
  const cookies: string[] = [];
  for (let i = 0; i < SESSIONS; i += 1) cookies.push(await signIn(stack.appUrl));
  const hubUrl = `${stack.appUrl.replace(/^http/, 'ws')}/parties/tenant-hub/${tenant.id}`;
  const clients = Array.from({ length: options.clients }, (_, i) => new HubClient(hubUrl, cookies[i % cookies.length]!));
  lifecycle.onStop('clients', async () => {
    for (const c of clients) c.close();
  });

  let t0 = Date.now();
  await inBatches(clients, options.connectConcurrency, (c) => c.open());
  log(`connected ${clients.length} sockets in ${Date.now() - t0} ms`);

  const outcomes: string[] = [];
  const before = Math.floor(options.broadcasts / 2);
  t0 = Date.now();
  await broadcasts(stack, before, outcomes);
  await settle(clients);
  log(`${before} broadcasts in ${Date.now() - t0} ms`);

  // The storm: every client drops and resumes while the remaining broadcasts are published.
  t0 = Date.now();
  const during = broadcasts(stack, options.broadcasts - before, outcomes);
  await sleep(300);
  await inBatches(clients, clients.length, (c) => c.drop());
  await inBatches(clients, options.connectConcurrency, (c) => c.open());
  log(`dropped and resumed ${clients.length} sockets in ${Date.now() - t0} ms while broadcasts continued`);
  await during;
  await settle(clients);
  log(`all ${options.broadcasts} broadcasts done after ${Date.now() - t0} ms of the storm phase`);

  const probe = new HubClient(hubUrl, cookies[0]!);
  await probe.open();
  const finalSeq = probe.log.startSeq;
  probe.close();
  const startSeq = Math.min(...clients.map((c) => c.log.startSeq));
  const report = checkDelivery(
    clients.map((c) => c.log),
    finalSeq,
  );
  const latencies = clients.flatMap((c) => c.latenciesMs);
  const notOk = outcomes.filter((o) => o !== 'ok').length;
  log(`hub events seq ${startSeq + 1}..${finalSeq} (${finalSeq - startSeq}); sync runs ${outcomes.length} (${notOk} not ok)`);
  const delivered = clients.reduce((sum, c) => sum + c.log.seqs.length, 0);
  log(
    `deliveries: ${delivered} (${latencies.length} live and timed, ${delivered - latencies.length} replayed on resume); ` +
      `max ${Math.max(...latencies)} ms; duplicates ${report.duplicates}`,
  );
  log(
    resultLine({
      sockets: clients.length,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      missed: report.missed,
      resumedOk: report.resumedOk,
    }),
  );
}

runBench(lifecycle, main);
