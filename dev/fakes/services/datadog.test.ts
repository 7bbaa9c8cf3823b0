import { beforeEach, describe, expect, it } from 'vitest';
import { createServiceTestApp, postJson } from './test-app';

let t: Awaited<ReturnType<typeof createServiceTestApp>>;
beforeEach(async () => {
  t = await createServiceTestApp();
});

const KEY = { 'DD-API-KEY': 'abc' };
const START_NS = 1_795_000_000_000_000_000;

function span(overrides: Record<string, unknown> = {}) {
  return {
    trace_id: 11,
    span_id: 12,
    parent_id: 0,
    name: 'sync.job',
    resource: 'sync hot',
    service: 'tidemark',
    type: 'worker',
    start: START_NS,
    duration: 5_000_000,
    error: 0,
    meta: { platform: 'meta' },
    metrics: { rows: 3 },
    ...overrides,
  };
}

const putTraces = (body: unknown, headers: Record<string, string> = {}) =>
  t.app.request('/datadog/v0.3/traces', {
    method: 'PUT',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('DataDog trace intake fake (v0.3/traces)', () => {
  it('accepts traces of linked spans: 200 OK, recorded with their counts', async () => {
    const res = await putTraces([[span(), span({ span_id: 13, parent_id: 12, name: 'admission' })]], { 'X-Datadog-Trace-Count': '1' });
    expect([res.status, await res.text()]).toEqual([200, 'OK']);
    expect(t.services.outbox.list('datadog')[0]!.summary).toEqual({ traces: 1, spans: 2 });
  });

  it.each([
    ['a body that is not an array of traces', { spans: [] }, 'array of traces'],
    ['an empty trace', [[]], 'non-empty array of spans'],
    ['a negative span id', [[span({ span_id: -1 })]], 'unsigned 64-bit integer'],
    ['a fractional trace id', [[span({ trace_id: 1.5 })]], 'unsigned 64-bit integer'],
    ['a span id of 0', [[span({ span_id: 0 })]], 'not 0'],
    ['a span whose id equals its trace id', [[span({ span_id: 11 })]], 'different values'],
    ['a span that is its own parent', [[span({ parent_id: 12 })]], 'own parent'],
    ['a missing name', [[span({ name: undefined })]], '.name must be'],
    ['a start in milliseconds', [[span({ start: 1_795_000_000_000 })]], 'nanoseconds since the epoch'],
    ['a negative duration', [[span({ duration: -1 })]], 'non-negative'],
    ['an error flag of 2', [[span({ error: 2 })]], '0 or 1'],
    ['a numeric meta value', [[span({ meta: { status: 200 } })]], 'meta values must be strings'],
    ['a string metric', [[span({ metrics: { rows: '3' } })]], 'metrics values must be numbers'],
    ['two trace ids in one trace', [[span(), span({ trace_id: 99, span_id: 13 })]], 'mixes trace ids'],
    ['a repeated span id', [[span(), span({ parent_id: 5 })]], 'not unique'],
    ['a parent in another trace', [[span()], [span({ trace_id: 21, span_id: 22, parent_id: 12 })]], 'another trace'],
  ])('rejects %s with 400', async (_case, body, problem) => {
    const res = await putTraces(body);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(problem);
    expect(t.services.outbox.list('datadog')).toEqual([]);
  });

  it('rejects a trace count header that does not match the body', async () => {
    const res = await putTraces([[span()]], { 'X-Datadog-Trace-Count': '2' });
    expect(res.status).toBe(400);
  });
});

describe('DataDog series and logs fake, strict shapes', () => {
  it('rejects point timestamps in milliseconds', async () => {
    const body = { series: [{ metric: 'tidemark.sync.rows', type: 1, points: [{ timestamp: 1_795_000_000_000, value: 1 }] }] };
    const res = await postJson(t.app, '/datadog/api/v2/series', body, KEY);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('seconds');
  });

  it('rejects a log without a message, a numeric ddtags, and more than 1,000 entries', async () => {
    for (const body of [{ service: 'tidemark' }, { message: 'x', ddtags: 1 }, Array.from({ length: 1001 }, () => ({ message: 'x' }))]) {
      expect((await postJson(t.app, '/datadog/api/v2/logs', body, KEY)).status).toBe(400);
    }
    expect(t.services.outbox.list('datadog')).toEqual([]);
  });

  it('accepts a log with the reserved attributes and free attributes', async () => {
    const log = {
      message: 'sync failed',
      status: 'error',
      service: 'tidemark',
      ddsource: 'cloudflare-worker',
      ddtags: 'env:test',
      lane: 'hot',
    };
    expect((await postJson(t.app, '/datadog/api/v2/logs', [log], KEY)).status).toBe(202);
  });
});
