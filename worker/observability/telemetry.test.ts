import { describe, expect, it } from 'vitest';
import { createServiceTestApp } from '../../dev/fakes/services/test-app';
import type { Config } from '../env';
import { createTelemetry } from './telemetry';

const BASE = 'http://fakes.test/datadog';
const config = (key: string | undefined) =>
  ({ APP_ENV: 'test', DATADOG_API_KEY: key, DATADOG_API_BASE: BASE, DATADOG_LOGS_BASE: BASE, DATADOG_TRACE_BASE: BASE }) as Config;

describe('createTelemetry', () => {
  it('is off without an API key: nothing is recorded and no call is made', async () => {
    let calls = 0;
    const fetch = async () => {
      calls += 1;
      return new Response(null, { status: 202 });
    };
    const telemetry = createTelemetry(config(undefined), { fetch });
    telemetry.count('tidemark.sync.rows', 1, {});
    telemetry.startSpan('sync.job').end();
    await telemetry.flush();
    expect([telemetry.enabled, calls]).toEqual([false, 0]);
  });

  it('makes no call when nothing was recorded', async () => {
    let calls = 0;
    const fetch = async () => {
      calls += 1;
      return new Response(null, { status: 202 });
    };
    await createTelemetry(config('k'), { fetch }).flush();
    expect(calls).toBe(0);
  });

  it('reports what a failed flush dropped (series and logs, the two requests made) with the next invocation', async () => {
    const fake = await createServiceTestApp();
    const fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise.resolve(fake.app.request(new Request(input, init)));
    fake.ctx.faults.add({ service: 'datadog', kind: 'server_error', remaining: 2 });
    const failing = createTelemetry(config('k'), { fetch });
    failing.count('tidemark.sync.rows', 1, {});
    failing.count('tidemark.sync.api_calls', 2, {});
    failing.log('error', 'sync failed: transient', {});
    await expect(failing.flush()).resolves.toBeUndefined();

    await createTelemetry(config('k'), { fetch }).flush();
    const [sent] = fake.services.outbox.list('datadog');
    const series = (sent!.body as { series: Array<{ metric: string; tags: string[]; points: Array<{ value: number }> }> }).series;
    expect(series.map((s) => [s.metric, s.tags.find((t) => t.startsWith('kind:')), s.points[0]!.value])).toEqual([
      ['tidemark.telemetry.dropped', 'kind:series', 2],
      ['tidemark.telemetry.dropped', 'kind:log', 1],
    ]);
  });
});
