/**
 * `npm run bench:sync -- --scale small|full [--speed N]`: the real pipeline (workerd, queues,
 * Durable Objects, Postgres) against the fakes in compressed time, at a stated fleet scale, with
 * hostile regimes. Prints its scale, regime, speed, a table per platform and lane, and the fixed-form
 * last line. Stops everything it started on exit, error and Ctrl-C.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createNodeDb } from '../../../db/node-client';
import { PLATFORMS, type Platform } from '../../../db/schema/enum-values';
import { connectPlatform, signIn } from '../../../dev/demo/app-client';
import type { CallRecord } from '../../../dev/fakes/context';
import { fleetMemberKey } from '../../../dev/fakes/world/accounts';
import { realMsAt, type TimeScale } from '../../../worker/lib/clock';
import {
  type AccountRecord,
  formatLastLine,
  laneRows,
  naiveWindows,
  type PlatformCalls,
  slotOutcomes,
  summarize,
} from '../support/fleet-metrics';
import {
  describeScale,
  type FleetScale,
  fleetAccounts,
  parseFleetOptions,
  realRunSeconds,
  requiredHotSyncsPerSecond,
  SLOT_MS,
} from '../support/fleet-options';
import { type ConnectEvent, type CronEvent, connectEvents, cronEvents } from '../support/fleet-slots';
import { benchLifecycle } from '../support/lifecycle';
import { formatNumber, formatTable } from '../support/stats';
import { naiveCalls } from './naive-replay';
import { BENCH_LOGIN, type BenchTenant, provisionFleet } from './provision';
import { checkRows, deadLetterCount, deadLetterDetails, readAccounts, readRuns } from './records';
import { startFleetStack } from './stack';

/** The simulated run starts here; the early connects and their backfills happen in the simulated hours before it. */
const SIM_START = Date.parse('2026-11-02T00:00:00Z');
/** Real time allowed for Postgres, the fakes, wrangler dev and the early connects before the simulated start. */
const BOOT_ALLOWANCE_MS = 45_000;
/** The drain ends once no sync run has been written for this long (real time), or after DRAIN_MAX_MS. */
const DRAIN_QUIET_MS = 20_000;
const DRAIN_MAX_MS = 5 * 60_000;
/**
 * Hot syncs per real second measured with `--scale small` on the 2-core machine (README): the basis
 * of the full run's estimate and of its speed.
 */
const MEASURED_HOT_SYNCS_PER_SECOND = 12;
const META_ACCOUNT_CALLS_PER_HOUR = 200;
/** Meta's app-wide hourly limit for the fleet (200 x its daily active users; here per connected ad account). */
const META_APP_CALLS_PER_ACCOUNT_HOUR = 200;
const FAULT_SHARE = 0.1;
/** Miniflare's line per delivered batch, e.g. `QUEUE tidemark-sync 9/10 (812ms)`. */
const QUEUE_BATCH_LINE = /QUEUE (\S+) (\d+)\/(\d+) \((\d+)ms\)/;
const batches: Array<{ queue: string; size: number; ms: number }> = [];

const { onStop, stopAll } = benchLifecycle(null);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const log = (line: string) => console.log(line);

async function control(fakesUrl: string, method: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${fakesUrl}/_control${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`fakes ${method} ${path}: ${res.status} ${await res.text()}`);
}

function regimeOf(scale: FleetScale) {
  const metaAccounts = scale.tenants * scale.accountsPerPlatform;
  const metaApp = META_APP_CALLS_PER_ACCOUNT_HOUR * metaAccounts;
  return {
    metaApp,
    // Our app-wide budgets: Meta a tenth under the platform's, so the budget refuses before Meta does.
    workerVars: {
      META_APP_CALLS_PER_HOUR: String(Math.floor(metaApp * 0.9)),
      GOOGLE_ADS_OPERATIONS_PER_DAY: '15000',
      LINKEDIN_APP_CALLS_PER_DAY: '100000',
    },
    description: [
      `Meta: Limited tier, ${META_ACCOUNT_CALLS_PER_HOUR} calls per hour per ad account, app-wide ${formatNumber(metaApp)} calls per hour ` +
        `(our budget ${formatNumber(Math.floor(metaApp * 0.9))}), plus ${FAULT_SHARE * 100}% injected transient faults on ad-account calls ` +
        '(5xx, timeouts, truncated bodies; seeded)',
      'Google Ads: Basic access, 15,000 operations per day (our budget 15,000), 10 requests per second per customer',
      'LinkedIn: unpublished limits, 100,000 calls per day per app and 2,000 per member; only 429s as a signal',
    ],
  };
}

async function applyRegimes(fakesUrl: string, metaApp: number): Promise<void> {
  await control(fakesUrl, 'PUT', '/regimes/meta', {
    tier: 'limited',
    appCallsPerHour: metaApp,
    accountCallsPerHourOverride: META_ACCOUNT_CALLS_PER_HOUR,
  });
  await control(fakesUrl, 'PUT', '/regimes/google_ads', { accessLevel: 'basic', dailyOperations: 15_000, qpsPerCustomer: 10 });
  await control(fakesUrl, 'PUT', '/regimes/linkedin', { dailyAppLimit: 100_000, dailyMemberLimit: 2_000 });
  // Three rules of equal weight, together 10% of Meta's ad-account calls: 1 - (1 - p)^3 = 0.1.
  const p = 1 - (1 - FAULT_SHARE) ** (1 / 3);
  const kinds = [
    { kind: 'server_error', seed: 1 },
    { kind: 'timeout', seed: 2, delayMs: 1500 },
    { kind: 'truncated_body', seed: 3 },
  ];
  for (const rule of kinds) await control(fakesUrl, 'POST', '/faults', { service: 'meta', pathContains: '/act_', probability: p, ...rule });
}

interface CallCounter {
  perPlatform: Map<Platform, PlatformCalls>;
  throttledAt: Map<string, number[]>;
}

function countCalls(): { counter: CallCounter; listener: (call: CallRecord) => void } {
  const counter: CallCounter = { perPlatform: new Map(), throttledAt: new Map() };
  for (const platform of PLATFORMS) counter.perPlatform.set(platform, { calls: 0, throttled: 0, faulted: 0, naive: 0 });
  const listener = (call: CallRecord) => {
    const own = counter.perPlatform.get(call.service as Platform);
    if (!own) return;
    own.calls += 1;
    if (call.throttled || call.status === 429) {
      own.throttled += 1;
      if (call.accountId) counter.throttledAt.set(call.accountId, [...(counter.throttledAt.get(call.accountId) ?? []), call.at]);
    }
    if (call.status === 0 || call.status >= 500) own.faulted += 1;
  };
  return { counter, listener };
}

async function main(): Promise<void> {
  const { scale } = parseFleetOptions(process.argv.slice(2));
  const startedAt = Date.now();
  const regime = regimeOf(scale);
  const endMs = SIM_START + scale.days * 86_400_000;
  console.log(`# bench:sync (${scale.name})`);
  console.log(`scale: ${describeScale(scale)}`);
  console.log('regime:');
  for (const line of regime.description) console.log(`  ${line}`);
  console.log(
    `speed: ${scale.speed}x (one 15-minute slot every ${formatNumber(SLOT_MS / 1000 / scale.speed, 1)} real seconds); ` +
      `simulated ${new Date(SIM_START).toISOString()} to ${new Date(endMs).toISOString()}`,
  );
  const needed = requiredHotSyncsPerSecond(scale);
  console.log(
    `estimate: ${formatNumber(realRunSeconds(scale) / 60, 1)} real minutes of schedule + up to ${BOOT_ALLOWANCE_MS / 60_000} min start-up ` +
      `+ up to ${DRAIN_MAX_MS / 60_000} min drain + the naive replay; the hot lane needs ${formatNumber(needed, 1)} syncs per real second ` +
      `(measured on this machine: about ${MEASURED_HOT_SYNCS_PER_SECOND})${needed > MEASURED_HOT_SYNCS_PER_SECOND ? ' — lower --speed' : ''}`,
  );

  if (!existsSync('.svelte-kit/cloudflare/_worker.js')) {
    log('building the app (vite build)');
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('vite build failed');
  }

  const timeScale: TimeScale = { simEpochMs: SIM_START, realAnchorMs: Date.now() + BOOT_ALLOWANCE_MS, speed: scale.speed };
  const stack = await startFleetStack({
    scale: timeScale,
    fleet: { members: scale.tenants, accountsPerMember: scale.accountsPerPlatform, campaignsPerAccount: scale.campaignsPerAccount },
    vars: regime.workerVars,
    log: (line) => log(`  ${line}`),
    onWranglerLine: (line) => {
      const batch = QUEUE_BATCH_LINE.exec(line);
      if (batch) batches.push({ queue: batch[1]!, size: Number(batch[3]), ms: Number(batch[4]) });
    },
    onStop,
  });
  const clock = stack.fakes.ctx.world.clock;
  const tenants = await provisionFleet(stack.superDatabaseUrl, scale.tenants);
  await applyRegimes(stack.fakes.url, regime.metaApp);
  const { counter, listener } = countCalls();
  stack.fakes.ctx.calls.observe(listener);

  const client = await signIn(stack.appUrl, BENCH_LOGIN);
  const connectedAt = new Map<string, { ms: number; backfillDays: number }>();
  const connectTenant = async (tenant: BenchTenant, backfillDays: number) => {
    for (const platform of PLATFORMS) {
      await control(stack.fakes.url, 'POST', `/oauth/${platform}`, { memberId: fleetMemberKey(tenant.number), autoApprove: true });
      const outcome = await connectPlatform(client, tenant.id, platform, backfillDays);
      if (!outcome.ok) throw new Error(`${tenant.slug} could not connect ${platform}: ${outcome.error}`);
      connectedAt.set(`${tenant.id}|${platform}`, { ms: clock.now().getTime(), backfillDays });
    }
  };
  const connects = connectEvents(SIM_START, endMs, scale.tenants, scale.lateTenants);
  const early = connects.filter((c) => c.simMs === SIM_START);
  for (const c of early) await connectTenant(tenants[c.tenantIndex]!, scale.initialBackfillDays);
  const lateSpare = timeScale.realAnchorMs - Date.now();
  if (lateSpare < 0)
    console.log(`warning: start-up took ${formatNumber(-lateSpare / 1000)} s longer than allowed; the first slots fire late`);
  log(`  ${early.length} tenant(s) connected; waiting ${formatNumber(Math.max(0, lateSpare) / 1000)} s for the simulated start`);

  const runStartedReal = Math.max(Date.now(), timeScale.realAnchorMs);
  type Step = ({ kind: 'cron' } & CronEvent) | ({ kind: 'connect' } & ConnectEvent);
  const steps: Step[] = [
    ...cronEvents(SIM_START, endMs).map((e) => ({ kind: 'cron' as const, ...e })),
    ...connects.filter((c) => c.simMs > SIM_START).map((c) => ({ kind: 'connect' as const, ...c })),
  ].sort((a, b) => a.simMs - b.simMs);
  let lateConnects: Promise<void> = Promise.resolve();
  let maxFireLagMs = 0;
  let fired = 0;
  for (const step of steps) {
    const dueReal = realMsAt(timeScale, step.simMs);
    await sleep(dueReal - Date.now());
    maxFireLagMs = Math.max(maxFireLagMs, Date.now() - dueReal);
    if (step.kind === 'cron') {
      const res = await fetch(`${stack.appUrl}/__scheduled?cron=${encodeURIComponent(step.cron)}`);
      if (!res.ok) throw new Error(`/__scheduled answered ${res.status}: ${await res.text()}`);
      await res.text();
      fired += 1;
      if (fired % 96 === 0) log(`  simulated ${new Date(step.simMs).toISOString()} (${fired} crons fired)`);
    } else {
      const tenant = tenants[step.tenantIndex]!;
      log(`  ${new Date(step.simMs).toISOString()}: ${tenant.slug} connects with a ${scale.lateBackfillDays}-day backfill`);
      // Late connects run beside the schedule (one after another: the fake dialog's member choice is global).
      lateConnects = lateConnects.then(() => connectTenant(tenant, scale.lateBackfillDays));
    }
  }
  await lateConnects;
  const scheduleRealMs = Date.now() - runStartedReal;

  const { db, close } = createNodeDb(stack.superDatabaseUrl, 2);
  onStop('database pool', close);
  log(`  schedule done in ${formatNumber(scheduleRealMs / 1000)} real s; draining the queues`);
  const drainStarted = Date.now();
  let lastCount = -1;
  let quietSince = Date.now();
  while (Date.now() - drainStarted < DRAIN_MAX_MS) {
    const count = (await readRuns(db)).length;
    if (count !== lastCount) {
      lastCount = count;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= DRAIN_QUIET_MS) break;
    await sleep(2000);
  }
  const drainedAtSim = clock.now().getTime();

  const stored = await readAccounts(db);
  const tenantNumber = new Map(tenants.map((t) => [t.id, t.number]));
  const accounts: Array<AccountRecord & { timeZone: string; backfillDays: number }> = stored.map((a) => {
    const connect = connectedAt.get(`${a.tenantId}|${a.platform}`)!;
    return { ...a, connectedMs: connect.ms, backfillDays: connect.backfillDays };
  });
  const runs = await readRuns(db);
  const slots = slotOutcomes(accounts, runs, counter.throttledAt, { startMs: SIM_START, endMs });
  log('  comparing rows with the ground truth');
  const rows = await checkRows(db, stack.fakes.ctx.world, accounts, drainedAtSim);
  log('  replaying the same windows with the naive connectors');
  const windows = naiveWindows(slots, runs);
  const naive = await naiveCalls(
    stack.naiveFakes,
    drainedAtSim,
    windows,
    new Map(stored.map((a) => [a.adAccountId, { ...a, tenantNumber: tenantNumber.get(a.tenantId)! }])),
  );
  for (const [platform, calls] of naive) counter.perPlatform.get(platform)!.naive = calls;
  const summary = summarize(slots, counter.perPlatform, rows, endMs);
  const deadLetters = await deadLetterCount(db);
  const deadLetterLines = await deadLetterDetails(db);

  const hotOk = runs.filter((r) => r.lane === 'hot' && r.outcome === 'ok').length;
  console.log(
    `\nreal duration: ${formatNumber((Date.now() - startedAt) / 1000)} s in all; schedule ${formatNumber(scheduleRealMs / 1000)} s ` +
      `(${formatNumber(fleetAccounts(scale))} accounts, crons fired at most ${formatNumber(maxFireLagMs)} ms late), ` +
      `drain ${formatNumber((Date.now() - drainStarted) / 1000)} s; throughput ${formatNumber(hotOk / (scheduleRealMs / 1000), 1)} hot syncs ` +
      `and ${formatNumber(runs.length / (scheduleRealMs / 1000), 1)} sync runs per real second`,
  );
  for (const queue of ['tidemark-sync', 'tidemark-backfill']) {
    const own = batches.filter((b) => b.queue === queue);
    if (own.length === 0) continue;
    const ms = own.map((b) => b.ms).sort((a, b) => a - b);
    const messages = own.reduce((sum, b) => sum + b.size, 0);
    console.log(
      `local queue ${queue}: ${own.length} batches, ${messages} messages, batch time p50 ${ms[Math.floor(ms.length / 2)]} ms, ` +
        `p95 ${ms[Math.floor(ms.length * 0.95)]} ms, max ${ms.at(-1)} ms (miniflare delivers one batch per queue at a time)`,
    );
  }
  console.log('\nper platform and lane (sync runs from Postgres; first-run = landed before the next slot; lag in simulated minutes):');
  console.log(
    formatTable(
      [
        'platform',
        'lane',
        'runs',
        'ok',
        'rate-limited',
        'transient',
        'other',
        'api calls',
        'rows',
        'slots',
        'first-run',
        'eventual',
        'max lag',
      ],
      laneRows(runs, slots, PLATFORMS).map((r) => [
        r.platform,
        r.lane,
        formatNumber(r.runs),
        formatNumber(r.ok),
        formatNumber(r.rateLimited),
        formatNumber(r.transient),
        formatNumber(r.otherFailures),
        formatNumber(r.apiCalls),
        formatNumber(r.rows),
        r.slots ? formatNumber(r.slots.due) : '',
        r.slots ? percent(r.slots.firstRun, r.slots.due) : '',
        r.slots ? percent(r.slots.eventual, r.slots.due) : '',
        r.slots
          ? `${r.slots.maxLagMin} min${r.slots.worstSlotMs === null ? '' : ` (slot ${new Date(r.slots.worstSlotMs).toISOString().slice(5, 16)})`}`
          : '',
      ]),
    ),
  );
  console.log(
    '\ncalls per platform (the fakes’ call ledger: every request of ours, OAuth and retries included; throttled = answered with the ' +
      'platform’s throttle; naive = the per-campaign, per-day connector over the same windows, counted by a frozen twin of the fakes):',
  );
  console.log(
    formatTable(
      ['platform', 'our calls', 'throttled', '5xx/dropped', 'naive calls', 'reduction'],
      PLATFORMS.map((p) => {
        const c = counter.perPlatform.get(p)!;
        return [
          p,
          formatNumber(c.calls),
          `${formatNumber(c.throttled)} (${percent(c.throttled, c.calls)})`,
          formatNumber(c.faulted),
          formatNumber(c.naive),
          c.naive ? `${formatNumber(100 * (1 - c.calls / c.naive), 1)}%` : '',
        ];
      }),
    ),
  );
  console.log(
    `\nrows against the ground truth at the end (${formatNumber(rows.truthRows)} ad-days from each account's backfill start to ` +
      `its last complete day): lost ${rows.lost}, duplicate or phantom ${rows.duplicate}, restated since their last read ${rows.stale}`,
  );
  for (const where of rows.lostIn ?? []) {
    console.log(`  lost ${where.lost} ad-days of ${where.platform} account ${where.adAccountId}, ${where.firstDay} to ${where.lastDay}`);
  }
  console.log(
    `cross-account: the worst hot-lane delay of an account that was not throttled itself: ${summary.maxCrossAccountDelaySlots} slot(s) ` +
      `(done when: at most 1); dead letters: ${deadLetters}`,
  );
  for (const line of deadLetterLines) console.log(`  dead letter: ${line}`);
  console.log(formatLastLine(summary));
}

const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${formatNumber((100 * part) / whole, 1)}%`);

main().then(
  () => stopAll().then(() => process.exit(0)),
  (error: unknown) => {
    console.error(`\nbench:sync failed: ${(error as Error).stack ?? error}`);
    void stopAll().then(() => process.exit(1));
  },
);
