import { beforeEach, describe, expect, it } from 'vitest';
import { createServiceTestApp, postJson } from './test-app';

const HOOK = '/slack/services/T01ABCDEF/B02GHIJKL/abcdefghijklmnopqrstuvwx';
let t: Awaited<ReturnType<typeof createServiceTestApp>>;
beforeEach(async () => {
  t = await createServiceTestApp();
});

describe('Slack webhook fake', () => {
  it('answers ok to a text message and shows it in the outbox and inbox', async () => {
    const res = await postJson(t.app, HOOK, { text: 'Spend alert: Partner A over budget' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
    const outbox = await (await t.app.request('/_control/outbox/slack')).json();
    expect(outbox).toMatchObject({ service: 'slack', count: 1, items: [{ body: { text: 'Spend alert: Partner A over budget' } }] });
    expect(await (await t.app.request('/_control/inbox')).text()).toContain('Spend alert: Partner A over budget');
  });

  it('accepts blocks without text, and the form-encoded payload field', async () => {
    expect(await (await postJson(t.app, HOOK, { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }] })).text()).toBe(
      'ok',
    );
    const form = await t.app.request(HOOK, {
      method: 'POST',
      body: new URLSearchParams({ payload: JSON.stringify({ text: 'from a form' }) }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(await form.text()).toBe('ok');
  });

  it('answers invalid_payload, no_text and no_service like Slack', async () => {
    const notJson = await postJson(t.app, HOOK, '{oops');
    expect([notJson.status, await notJson.text()]).toEqual([400, 'invalid_payload']);
    const empty = await postJson(t.app, HOOK, {});
    expect([empty.status, await empty.text()]).toEqual([400, 'no_text']);
    const unknown = await postJson(t.app, '/slack/services/nope', { text: 'x' });
    expect([unknown.status, await unknown.text()]).toEqual([404, 'no_service']);
    expect(t.services.outbox.list('slack')).toEqual([]);
  });
});

describe('DataDog intake fake', () => {
  const series = {
    series: [{ metric: 'tidemark.sync.rows', type: 1, points: [{ timestamp: 1_795_000_000, value: 12 }], tags: ['platform:meta'] }],
  };

  it('accepts metric series with an API key: 202 and no errors', async () => {
    const res = await postJson(t.app, '/datadog/api/v2/series', series, { 'DD-API-KEY': 'abc' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ errors: [] });
    expect(t.services.outbox.list('datadog')[0]!.summary).toEqual({ metrics: ['tidemark.sync.rows'] });
  });

  it('answers 403 Forbidden without the DD-API-KEY header', async () => {
    const res = await postJson(t.app, '/datadog/api/v2/series', series);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ errors: ['Forbidden'] });
  });

  it('rejects series without points with 400', async () => {
    const res = await postJson(t.app, '/datadog/api/v2/series', { series: [{ metric: 'x', points: [] }] }, { 'DD-API-KEY': 'abc' });
    expect(res.status).toBe(400);
  });

  it('accepts logs as one object or an array: 202 {}', async () => {
    for (const body of [{ message: 'sync done', service: 'tidemark' }, [{ message: 'a' }, { message: 'b' }]]) {
      const res = await postJson(t.app, '/datadog/api/v2/logs', body, { 'DD-API-KEY': 'abc' });
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({});
    }
    expect((await postJson(t.app, '/datadog/api/v2/logs', 'nope', { 'DD-API-KEY': 'abc' })).status).toBe(400);
  });
});
