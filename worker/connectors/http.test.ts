import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpSession, joinUrl, PASSING_FAILURE_RETRY, requestJson, toConnectorError } from './http';
import { createScriptedFetch } from './testing/scripted-fetch';

const schema = z.object({ value: z.number() });

describe('requestJson', () => {
  it('parses a JSON answer with the wire schema', async () => {
    const scripted = createScriptedFetch([{ body: { value: 42 } }]);
    const outcome = await requestJson({ fetch: scripted.fetch, baseUrl: 'http://x' }, { url: 'http://x/a', schema });
    expect(outcome).toMatchObject({ ok: true, status: 200, body: { value: 42 } });
  });

  it('classifies a truncated 200 body as transient', async () => {
    const scripted = createScriptedFetch([{ body: '{"value": 4' }]);
    const outcome = await requestJson({ fetch: scripted.fetch, baseUrl: 'http://x' }, { url: 'http://x/a', schema });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure.type).toBe('invalid_json');
    expect(toConnectorError(outcome.failure, 'test').kind).toBe('transient');
  });

  it('stops reading a body past the byte cap and fails it as permanent, saying how big and why', async () => {
    const big = JSON.stringify({ value: 1, padding: 'x'.repeat(5_000) });
    const scripted = createScriptedFetch([{ body: big }]);
    const outcome = await requestJson(
      { fetch: scripted.fetch, baseUrl: 'http://x', maxResponseBytes: 1_000 },
      { url: 'http://x/a', schema },
    );
    if (outcome.ok) throw new Error('expected a failure');
    expect(outcome.failure).toMatchObject({ type: 'too_large', status: 200, limitBytes: 1_000 });
    expect(toConnectorError(outcome.failure, 'insights')).toMatchObject({
      kind: 'permanent',
      code: 'response_too_large',
      message: expect.stringMatching(/insights: response body over 1000 bytes/),
    });
  });

  it('refuses a body whose declared length is over the cap without reading it', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new TextEncoder().encode('x'.repeat(100)));
        if (pulled > 100) controller.close();
      },
    });
    const fetch = (async () => new Response(stream, { headers: { 'content-length': '10100' } })) as typeof globalThis.fetch;
    const outcome = await requestJson({ fetch, baseUrl: 'http://x', maxResponseBytes: 1_000 }, { url: 'http://x/a', schema });
    expect(outcome).toMatchObject({ ok: false, failure: { type: 'too_large' } });
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('reads a body exactly at the cap', async () => {
    const body = JSON.stringify({ value: 7 });
    const scripted = createScriptedFetch([{ body }]);
    const outcome = await requestJson(
      { fetch: scripted.fetch, baseUrl: 'http://x', maxResponseBytes: new TextEncoder().encode(body).length },
      { url: 'http://x/a', schema },
    );
    expect(outcome).toMatchObject({ ok: true, body: { value: 7 } });
  });

  it('classifies a body of the wrong shape as permanent', async () => {
    const scripted = createScriptedFetch([{ body: { value: 'forty-two' } }]);
    const outcome = await requestJson({ fetch: scripted.fetch, baseUrl: 'http://x' }, { url: 'http://x/a', schema });
    if (outcome.ok) throw new Error('expected a failure');
    expect(toConnectorError(outcome.failure, 'test')).toMatchObject({ kind: 'permanent', code: 'unexpected_shape' });
  });

  it('keeps the parsed error body of a non-2xx answer for the platform parser', async () => {
    const scripted = createScriptedFetch([{ status: 503, body: { error: 'busy' } }]);
    const outcome = await requestJson({ fetch: scripted.fetch, baseUrl: 'http://x' }, { url: 'http://x/a', schema });
    if (outcome.ok) throw new Error('expected a failure');
    expect(outcome.failure).toMatchObject({ type: 'http', status: 503, json: { error: 'busy' } });
    expect(toConnectorError(outcome.failure, 'test')).toMatchObject({ kind: 'transient', status: 503 });
  });

  it('turns a dropped connection into a transient network failure', async () => {
    const scripted = createScriptedFetch([{ networkError: true }]);
    const outcome = await requestJson({ fetch: scripted.fetch, baseUrl: 'http://x' }, { url: 'http://x/a', schema });
    if (outcome.ok) throw new Error('expected a failure');
    expect(outcome.failure.type).toBe('network');
    expect(toConnectorError(outcome.failure, 'test').kind).toBe('transient');
  });

  it('gives up after the timeout and reports it as transient', async () => {
    const hanging = ((_url: string, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof fetch;
    const outcome = await requestJson({ fetch: hanging, baseUrl: 'http://x', timeoutMs: 20 }, { url: 'http://x/a', schema });
    if (outcome.ok) throw new Error('expected a failure');
    expect(outcome.failure.type).toBe('timeout');
  });
});

describe('createHttpSession', () => {
  it('counts every call and shows each response header set to the observer', async () => {
    const seen: string[] = [];
    const scripted = createScriptedFetch([
      { body: { value: 1 }, headers: { 'x-usage': 'a' } },
      { status: 400, body: {}, headers: { 'x-usage': 'b' } },
    ]);
    const session = createHttpSession(
      { fetch: scripted.fetch, baseUrl: 'http://x' },
      { onHeaders: (h) => seen.push(h.get('x-usage') ?? '') },
    );
    await session.request({ url: 'http://x/1', schema });
    await session.request({ url: 'http://x/2', schema });
    expect(session.apiCalls).toBe(2);
    expect(seen).toEqual(['a', 'b']);
  });

  const config = (fetch: typeof globalThis.fetch) => ({ fetch, baseUrl: 'http://x' });
  const quickRetry = { ...PASSING_FAILURE_RETRY, delayMs: 1 };

  it('repeats a GET that failed in passing, up to the policy, counting every attempt', async () => {
    const scripted = createScriptedFetch([{ status: 503, body: {} }, { body: '{"value": 4' }, { body: { value: 7 } }]);
    const once = createHttpSession(config(scripted.fetch), { retry: quickRetry });
    expect(await once.request({ url: 'http://x/a', schema })).toMatchObject({ ok: false, failure: { type: 'invalid_json' } });
    expect(once.apiCalls).toBe(2);
    const again = createHttpSession(config(scripted.fetch), { retry: quickRetry });
    expect(await again.request({ url: 'http://x/a', schema })).toMatchObject({ ok: true, body: { value: 7 } });
    expect(again.apiCalls).toBe(1);
  });

  it('never repeats a POST that is not marked idempotent, nor a failure the policy calls lasting', async () => {
    const scripted = createScriptedFetch([
      { status: 500, body: {} },
      { status: 400, body: {} },
      { status: 500, body: {} },
      { body: { value: 1 } },
    ]);
    const session = createHttpSession(config(scripted.fetch), { retry: quickRetry });
    expect((await session.request({ method: 'POST', url: 'http://x/job', schema })).ok).toBe(false);
    expect((await session.request({ url: 'http://x/bad', schema })).ok).toBe(false);
    expect(session.apiCalls).toBe(2);
    expect(await session.request({ method: 'POST', idempotent: true, url: 'http://x/read', schema })).toMatchObject({ ok: true });
    expect(session.apiCalls).toBe(4);
  });
});

describe('joinUrl', () => {
  it('keeps a path prefix of the base URL', () => {
    expect(joinUrl('http://127.0.0.1:8790/meta/', '/v23.0/me')).toBe('http://127.0.0.1:8790/meta/v23.0/me');
  });
});
