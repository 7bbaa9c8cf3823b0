import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCron } from '../../worker/jobs/cron';
import type { SyncMessage } from '../../worker/jobs/messages';
import { runSyncJob } from '../../worker/jobs/sync';
import type { FinishedSpan } from '../../worker/observability/spans';
import { createTelemetry, FLUSH_TIMEOUT_MS } from '../../worker/observability/telemetry';
import { connectedTenant, control, deliver, eventually, injectFault, syncMessage, syncOutcomes } from './pipeline-support';
import { closeWhenIdle, superDb } from './support';
import { realSyncDeps, workerConfig } from './sync-support';

/*
 * The DataDog fake records what the Worker sends (series, logs, traces) after checking each payload
 * against DataDog's documented shape; a malformed payload would get a 400 and never be recorded.
 */

interface Received {
  path: string;
  body: unknown;
}
interface Series {
  metric: string;
  tags: string[];
  points: Array<{ value: number }>;
}

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));
afterEach(async () => {
  await control('/faults', { method: 'DELETE' });
});

const received = async () => (await control<{ items: Received[] }>('/outbox/datadog')).items;
const seriesOf = (items: Received[]) =>
  items.filter((i) => i.path === '/api/v2/series').flatMap((i) => (i.body as { series: Series[] }).series);
const spansOf = (items: Received[]) => items.filter((i) => i.path === '/v0.3/traces').flatMap((i) => (i.body as FinishedSpan[][]).flat());
const logsOf = (items: Received[]) =>
  items.filter((i) => i.path === '/api/v2/logs').flatMap((i) => i.body as Array<Record<string, unknown>>);
const day = () => new Date().toISOString().slice(0, 10);

let tenant: Awaited<ReturnType<typeof connectedTenant>>;
beforeAll(async () => {
  tenant = await connectedTenant(arranged.db, 'meta', 'partner-a', { ip: '198.51.100.181', backfillDays: 1 });
});

describe('DataDog telemetry of the sync pipeline', () => {
  it('sends one trace per sync from the cron to the publish, and the series with platform, lane and tenant tags', async () => {
    await control('/outbox/datadog', { method: 'DELETE' });
    const ctx = createExecutionContext();
    const messages = await runCron('*/15 * * * *', new Date(), env, ctx);
    await waitOnExecutionContext(ctx);
    const ours = messages.find((m) => m.tenantId === tenant.tenantId) as SyncMessage;
    expect(ours.trace).toBeDefined();
    const traceId = ours.trace!.traceId;

    const spans = await eventually(
      async () => spansOf(await received()).filter((s) => s.trace_id === traceId),
      (list) => list.some((s) => s.name === 'sync.job'),
    );
    const one = (name: string) => {
      const found = spans.filter((s) => s.name === name);
      expect(found, name).toHaveLength(1);
      return found[0]!;
    };
    const root = one('cron.enqueue');
    const job = one('sync.job');
    expect([root.parent_id, root.span_id]).toEqual([0, ours.trace!.parentId]);
    expect(job.parent_id).toBe(root.span_id);
    expect(job.meta).toMatchObject({ platform: 'meta', lane: 'hot', tenant: tenant.tenantId, outcome: 'ok' });
    for (const step of ['admission', 'token', 'transaction', 'publish']) expect(one(step).parent_id, step).toBe(job.span_id);
    const calls = spans.filter((s) => s.name === 'http.request');
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.meta.platform === 'meta' && /^\d{3}$/.test(c.meta['http.status_code'] ?? ''))).toBe(true);
    expect(calls.every((c) => !c.meta['http.url']!.includes('?'))).toBe(true);
    const ids = new Set(spans.map((s) => s.span_id));
    expect(
      spans.filter((s) => s.parent_id !== 0 && !ids.has(s.parent_id)),
      'orphan spans',
    ).toEqual([]);

    const series = await eventually(
      async () => seriesOf(await received()),
      (list) => list.some((s) => s.metric === 'tidemark.sync.runs' && s.tags.includes(`tenant:${tenant.tenantId}`)),
    );
    const ourTags = ['platform:meta', 'lane:hot', `tenant:${tenant.tenantId}`, 'env:test', 'service:tidemark'];
    for (const metric of [
      'tidemark.sync.runs',
      'tidemark.sync.duration',
      'tidemark.sync.rows',
      'tidemark.sync.api_calls',
      'tidemark.sync.queue_lag',
    ]) {
      expect(
        series.some((s) => s.metric === metric && ourTags.every((t) => s.tags.includes(t))),
        `${metric} tagged ${ourTags.join(',')}`,
      ).toBe(true);
    }
    expect(series.find((s) => s.metric === 'tidemark.sync.runs' && s.tags.includes(`tenant:${tenant.tenantId}`))!.tags).toContain(
      'outcome:ok',
    );
    const stale = series.find((s) => s.metric === 'tidemark.sync.stale_minutes' && s.tags.includes(`ad_account:${tenant.accounts[0]!.id}`));
    expect(stale, 'stale_minutes of our account').toBeDefined();
    expect(stale!.points[0]!.value).toBeGreaterThanOrEqual(0);
    const sunsets = series
      .filter((s) => s.metric === 'tidemark.api_version.days_to_sunset')
      .flatMap((s) => s.tags.filter((t) => t.startsWith('platform:')));
    expect(new Set(sunsets)).toEqual(new Set(['platform:meta', 'platform:google_ads', 'platform:linkedin']));
    expect(series.some((s) => s.metric === 'tidemark.dead_letters.depth')).toBe(true);
    await eventually(
      () => syncOutcomes(arranged.db, tenant.tenantId, 'hot'),
      (runs) => runs.some((r) => r.outcome === 'ok'),
    );
  });

  it('sends a failure log, joined to the trace, for a sync the platform fails', async () => {
    await control('/outbox/datadog', { method: 'DELETE' });
    const [account] = tenant.accounts;
    await injectFault('meta', account!.externalId, 'server_error', 50);
    const result = await deliver('tidemark-sync', [syncMessage(tenant.tenantId, account!.id, day(), day(), 'hot')]);
    expect(result.retryMessages).toHaveLength(1);

    const items = await received();
    const failure = logsOf(items).find((l) => l.ad_account === account!.id);
    expect(failure).toMatchObject({
      status: 'error',
      error_kind: 'transient',
      platform: 'meta',
      lane: 'hot',
      tenant: tenant.tenantId,
      service: 'tidemark',
    });
    const job = spansOf(items).find((s) => s.name === 'sync.job' && s.meta.ad_account === account!.id)!;
    expect([job.error, String(job.trace_id)]).toEqual([1, failure!['dd.trace_id']]);
    const runs = seriesOf(items).find((s) => s.metric === 'tidemark.sync.runs' && s.tags.includes(`tenant:${tenant.tenantId}`));
    expect(runs!.tags).toContain('outcome:transient');
  });

  it.each([
    ['answers 500', 'server_error'],
    ['hangs', 'timeout'],
  ] as const)('a DataDog intake that %s neither slows nor fails the sync, and the next flush reports the drop', async (_case, kind) => {
    await control('/faults', { method: 'POST', body: JSON.stringify({ service: 'datadog', kind, remaining: 10_000, delayMs: 10_000 }) });
    const [account] = tenant.accounts;
    const telemetry = createTelemetry(workerConfig());
    const summary = await runSyncJob(
      syncMessage(tenant.tenantId, account!.id, day(), day(), 'hot'),
      1,
      await realSyncDeps(arranged.db, { telemetry }),
    );
    expect(summary.action.kind).toBe('done');

    const started = Date.now();
    await telemetry.flush();
    expect(Date.now() - started).toBeLessThan(FLUSH_TIMEOUT_MS + 1_500);

    await control('/faults', { method: 'DELETE' });
    await control('/outbox/datadog', { method: 'DELETE' });
    await createTelemetry(workerConfig()).flush();
    const dropped = await eventually(
      async () => seriesOf(await received()).filter((s) => s.metric === 'tidemark.telemetry.dropped'),
      (list) => list.some((s) => s.tags.includes('kind:series')),
      10_000,
    );
    expect(dropped.find((s) => s.tags.includes('kind:series'))!.points[0]!.value).toBeGreaterThan(0);
  });
});
