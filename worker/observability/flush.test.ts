import { describe, expect, it } from 'vitest';
import { createServiceTestApp } from '../../dev/fakes/services/test-app';
import { createCollector } from './collector';
import { flushBatch, type IntakeTarget } from './flush';
import { openSpan } from './spans';

const BASE = 'http://fakes.test/datadog';

async function arrange() {
  const fake = await createServiceTestApp();
  const collector = createCollector(() => 1_795_000_000_000);
  const target: IntakeTarget = {
    apiKey: 'key',
    seriesBase: BASE,
    logsBase: BASE,
    traceBase: BASE,
    service: 'tidemark',
    env: 'test',
    timeoutMs: 200,
    fetch: (input, init) => Promise.resolve(fake.app.request(new Request(input, init))),
  };
  return { fake, collector, target };
}

function recordSome(collector: ReturnType<typeof createCollector>) {
  collector.count('tidemark.sync.runs', 1, { platform: 'meta', lane: 'hot', tenant: 't1', outcome: 'ok' });
  collector.log('error', 'sync failed: transient', { tenant: 't1' });
  let now = 1_795_000_000_000;
  const env = { service: 'tidemark', nowMs: () => now, finish: (s: Parameters<typeof collector.span>[0]) => collector.span(s) };
  const root = openSpan('cron.enqueue', {}, env);
  const child = openSpan('sync.job', { parent: root.context() }, env);
  now += 25;
  child.end();
  root.end();
}

describe('flushBatch', () => {
  it('sends series, logs and one trace that the DataDog fake accepts as documented', async () => {
    const { fake, collector, target } = await arrange();
    recordSome(collector);
    expect(await flushBatch(collector.drain(), target)).toEqual({ series: 0, span: 0, log: 0 });
    const received = fake.services.outbox.list('datadog');
    expect(received.map((r) => r.path).sort()).toEqual(['/api/v2/logs', '/api/v2/series', '/v0.3/traces']);
    const series = received.find((r) => r.path.endsWith('/series'))!.body as { series: Array<{ tags: string[]; type: number }> };
    expect(series.series[0]).toMatchObject({
      type: 1,
      tags: ['lane:hot', 'outcome:ok', 'platform:meta', 'tenant:t1', 'env:test', 'service:tidemark'],
    });
    const [trace] = received.find((r) => r.path.endsWith('/traces'))!.body as Array<
      Array<{ span_id: number; parent_id: number; duration: number }>
    >;
    expect(trace!.map((s) => s.parent_id)).toEqual([trace![1]!.span_id, 0]);
    expect(trace![0]!.duration).toBe(25_000_000);
  });

  it('counts everything as dropped when the intake answers 500, without throwing', async () => {
    const { fake, collector, target } = await arrange();
    fake.ctx.faults.add({ service: 'datadog', kind: 'server_error', remaining: 3 });
    recordSome(collector);
    expect(await flushBatch(collector.drain(), target)).toEqual({ series: 1, span: 2, log: 1 });
  });

  it('gives up on an intake that never answers within the timeout', async () => {
    const { collector, target } = await arrange();
    recordSome(collector);
    const started = Date.now();
    const dropped = await flushBatch(collector.drain(), { ...target, fetch: () => new Promise<Response>(() => {}) });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(dropped).toEqual({ series: 1, span: 2, log: 1 });
  });

  it('sends no traces without a trace intake', async () => {
    const { fake, collector, target } = await arrange();
    recordSome(collector);
    await flushBatch(collector.drain(), { ...target, traceBase: undefined });
    expect(fake.services.outbox.list('datadog').map((r) => r.path)).not.toContain('/v0.3/traces');
  });
});
