import { describe, expect, it } from 'vitest';
import { createServiceTestApp } from '../../dev/fakes/services/test-app';
import type { Config } from '../env';
import type { SyncMessage } from '../jobs/messages';
import type { FinishedSpan } from './spans';
import { requestResource, startSyncTrace, syncOutcome } from './sync-trace';
import { createTelemetry } from './telemetry';

const BASE = 'http://fakes.test/datadog';
const message: SyncMessage = {
  kind: 'sync',
  tenantId: '00000000-0000-4000-8000-000000000001',
  adAccountId: '00000000-0000-4000-8000-000000000002',
  lane: 'hot',
  from: '2026-11-28',
  to: '2026-11-29',
  cursor: null,
  enqueuedAt: '2026-11-29T12:00:00.000Z',
  deferrals: 0,
  trace: { traceId: 1001, parentId: 1002 },
};

async function arrange() {
  const fake = await createServiceTestApp();
  const config = { APP_ENV: 'test', DATADOG_API_KEY: 'k', DATADOG_API_BASE: BASE, DATADOG_LOGS_BASE: BASE, DATADOG_TRACE_BASE: BASE };
  const telemetry = createTelemetry(config as Config, {
    fetch: (input, init) => Promise.resolve(fake.app.request(new Request(input, init))),
  });
  const received = (path: string) => fake.services.outbox.list('datadog').filter((r) => r.path === path);
  return { telemetry, received };
}

const platformFetch = (status: number) => async () => new Response('{}', { status });

describe('startSyncTrace', () => {
  it('hangs admission, token, each HTTP call, the transaction and the publish under one job span in the cron trace', async () => {
    const { telemetry, received } = await arrange();
    const trace = startSyncTrace(telemetry, message);
    const fetch = trace.wrapFetch(platformFetch(200));
    trace.account('meta');
    await trace.step('admission', async () => true);
    const token = trace.begin('token');
    await fetch('https://graph.example/v23.0/oauth/access_token?client_secret=s3cret&fb_exchange_token=tok');
    token.end();
    await fetch('https://graph.example/v23.0/act_123456/insights?access_token=tok');
    await trace.step('transaction', async () => 1);
    await trace.step('publish', async () => 1);
    trace.finish({ action: { kind: 'done' }, rows: 4, apiCalls: 2 });
    await telemetry.flush();

    const spans = (received('/v0.3/traces')[0]!.body as FinishedSpan[][]).flat();
    const byName = (name: string) => spans.filter((s) => s.name === name);
    const job = byName('sync.job')[0]!;
    expect([job.trace_id, job.parent_id]).toEqual([1001, 1002]);
    for (const name of ['admission', 'token', 'transaction', 'publish']) expect(byName(name)[0]!.parent_id, name).toBe(job.span_id);
    const [refresh, insights] = byName('http.request');
    expect(refresh!.parent_id).toBe(byName('token')[0]!.span_id);
    expect(insights!.parent_id).toBe(job.span_id);
    expect(insights!.resource).toBe('GET graph.example/v23.0/act_?/insights');
    expect(insights!.meta).toMatchObject({ 'http.status_code': '200', platform: 'meta' });
    expect(JSON.stringify(spans)).not.toMatch(/s3cret|access_token=|tok\b/);
    expect(spans.every((s) => s.trace_id === 1001)).toBe(true);
  });

  it('records the per-sync metrics with platform, lane and tenant tags', async () => {
    const { telemetry, received } = await arrange();
    const trace = startSyncTrace(telemetry, message);
    trace.account('linkedin');
    trace.usage([{ platform: 'linkedin', scope: 'account', source: '429', utilPct: 100, regainAccessMinutes: null }]);
    trace.finish({ action: { kind: 'defer', reason: 'throttled', delaySeconds: 60, cursor: null }, rows: 0, apiCalls: 1 });
    await telemetry.flush();
    const series = (received('/api/v2/series')[0]!.body as { series: Array<{ metric: string; tags: string[] }> }).series;
    const tagsOf = (metric: string) => series.find((s) => s.metric === metric)?.tags;
    expect(tagsOf('tidemark.sync.runs')).toEqual(
      expect.arrayContaining(['platform:linkedin', 'lane:hot', `tenant:${message.tenantId}`, 'outcome:deferred']),
    );
    expect(tagsOf('tidemark.sync.deferrals')).toContain('reason:throttled');
    expect(tagsOf('tidemark.ratelimit.utilization')).toEqual(
      expect.arrayContaining([`ad_account:${message.adAccountId}`, 'scope:account']),
    );
    expect(series.map((s) => s.metric).sort()).toEqual(
      [
        'tidemark.ratelimit.utilization',
        'tidemark.sync.api_calls',
        'tidemark.sync.deferrals',
        'tidemark.sync.duration',
        'tidemark.sync.queue_lag',
        'tidemark.sync.rows',
        'tidemark.sync.runs',
      ].sort(),
    );
  });

  it('logs a failure with its kind, the account and the trace it belongs to, and marks the job span failed', async () => {
    const { telemetry, received } = await arrange();
    const trace = startSyncTrace(telemetry, message);
    trace.account('google_ads');
    trace.failed({ kind: 'permanent', message: 'CUSTOMER_NOT_ENABLED', code: 'CUSTOMER_NOT_ENABLED' });
    trace.finish({ action: { kind: 'drop', reason: 'permanent' }, rows: 0, apiCalls: 1 });
    await telemetry.flush();
    const [log] = received('/api/v2/logs')[0]!.body as Array<Record<string, unknown>>;
    expect(log).toMatchObject({
      status: 'error',
      error_kind: 'permanent',
      platform: 'google_ads',
      ad_account: message.adAccountId,
      'dd.trace_id': '1001',
    });
    const job = (received('/v0.3/traces')[0]!.body as FinishedSpan[][]).flat().find((s) => s.name === 'sync.job')!;
    expect([job.error, job.meta['error.type'], job.meta.outcome]).toEqual([1, 'permanent', 'permanent']);
  });

  it('starts a trace of its own for a message from before traces', async () => {
    const { telemetry, received } = await arrange();
    const { trace: _none, ...old } = message;
    startSyncTrace(telemetry, old).finish({ action: { kind: 'done' }, rows: 0, apiCalls: 0 });
    await telemetry.flush();
    const [job] = (received('/v0.3/traces')[0]!.body as FinishedSpan[][]).flat();
    expect(job!.parent_id).toBe(0);
  });
});

describe('syncOutcome', () => {
  it.each([
    [{ kind: 'done' }, undefined, 'ok'],
    [{ kind: 'defer', reason: 'continuation', delaySeconds: 30, cursor: 'c' }, undefined, 'ok'],
    [{ kind: 'defer', reason: 'throttled', delaySeconds: 30, cursor: null }, undefined, 'deferred'],
    [{ kind: 'defer', reason: 'throttled', delaySeconds: 30, cursor: null }, 'rate_limited', 'rate_limited'],
    [{ kind: 'retry', delaySeconds: 30 }, 'transient', 'transient'],
    [{ kind: 'reauth' }, undefined, 'auth_failed'],
    [{ kind: 'drop', reason: 'disabled' }, undefined, 'dropped'],
  ] as const)('%o after failure %s counts as %s', (action, failure, outcome) => {
    expect(syncOutcome(action, failure)).toBe(outcome);
  });
});

describe('requestResource', () => {
  it('keeps method, host and path, elides account numbers and never shows the query', () => {
    expect(requestResource('POST', new URL('https://googleads.example/v24/customers/1234567890/googleAds:searchStream?x=1'))).toBe(
      'POST googleads.example/v24/customers/?/googleAds:searchStream',
    );
  });
});
