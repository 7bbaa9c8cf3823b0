import { beforeEach, describe, expect, it } from 'vitest';
import { createServiceTestApp, postJson } from './test-app';

const AUTH = { authorization: 'Bearer SG.test-key.secret' };
const mail = (over: Record<string, unknown> = {}) => ({
  personalizations: [{ to: [{ email: 'owner@partner-a.example', name: 'Owner' }] }],
  from: { email: 'reports@tidemark.example', name: 'Tidemark' },
  subject: 'Weekly report',
  content: [
    { type: 'text/plain', value: 'See attached.' },
    { type: 'text/html', value: '<p>See attached.</p>' },
  ],
  attachments: [{ content: Buffer.from('%PDF-1.7 fake').toString('base64'), filename: 'report.pdf', type: 'application/pdf' }],
  ...over,
});

let t: Awaited<ReturnType<typeof createServiceTestApp>>;
beforeEach(async () => {
  t = await createServiceTestApp();
});

describe('SendGrid fake', () => {
  it('accepts a valid mail with 202 and an empty body, and keeps it with its attachment', async () => {
    const res = await postJson(t.app, '/sendgrid/v3/mail/send', mail(), AUTH);
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    expect(res.headers.get('x-message-id')).toBeTruthy();
    const [kept] = t.services.outbox.list('sendgrid');
    expect(kept!.summary).toMatchObject({
      subject: 'Weekly report',
      to: ['owner@partner-a.example'],
      attachments: [{ filename: 'report.pdf', bytes: 13 }],
    });
    expect((kept!.body as { attachments: { content: string }[] }).attachments[0]!.content).toBe(
      Buffer.from('%PDF-1.7 fake').toString('base64'),
    );
    const inbox = await (await t.app.request('/_control/inbox')).text();
    expect(inbox).toContain('Weekly report');
    expect(inbox).toContain('report.pdf');
  });

  it('answers 401 with SendGrid error shape without a Bearer SG key', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-sendgrid-key' }] as Record<string, string>[]) {
      const res = await postJson(t.app, '/sendgrid/v3/mail/send', mail(), headers);
      expect(res.status).toBe(401);
      const body = await res.json();
      expect(body).toEqual({ errors: [{ message: expect.any(String), field: null, help: null }] });
    }
    expect(t.services.outbox.list('sendgrid')).toEqual([]);
  });

  it('lists every problem of an invalid mail with its field', async () => {
    const res = await postJson(
      t.app,
      '/sendgrid/v3/mail/send',
      mail({
        personalizations: [],
        from: undefined,
        subject: '',
        content: [],
        attachments: [{ content: 'not base64!', filename: 'x.pdf' }],
      }),
      AUTH,
    );
    expect(res.status).toBe(400);
    const fields = ((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['personalizations', 'from', 'subject', 'content', 'attachments.0.content']));
  });

  it('rejects a bad recipient address and accepts a subject given per personalization', async () => {
    const bad = await postJson(t.app, '/sendgrid/v3/mail/send', mail({ personalizations: [{ to: [{ email: 'nobody' }] }] }), AUTH);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('personalizations.0.to.0.email');
    const ok = await postJson(
      t.app,
      '/sendgrid/v3/mail/send',
      mail({ subject: undefined, personalizations: [{ to: [{ email: 'a@b.example' }], subject: 'Per person' }] }),
      AUTH,
    );
    expect(ok.status).toBe(202);
  });

  it('records each request in the call ledger and serves injected faults in its own format', async () => {
    t.ctx.faults.add({ service: 'sendgrid', kind: 'server_error', remaining: 1 });
    const failed = await postJson(t.app, '/sendgrid/v3/mail/send', mail(), AUTH);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ errors: [{ message: expect.any(String) }] });
    expect((await postJson(t.app, '/sendgrid/v3/mail/send', mail(), AUTH)).status).toBe(202);
    expect(t.ctx.calls.list({ service: 'sendgrid' }).map((c) => c.status)).toEqual([500, 202]);
  });
});
