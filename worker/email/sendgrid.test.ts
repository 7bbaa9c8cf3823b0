import { describe, expect, it } from 'vitest';
import { createSendGridClient, mailSendBody, mapSendFailure } from './sendgrid';

const mail = {
  from: { email: 'no-reply@tidemark.dev', name: 'Acme Insights' },
  to: { email: 'new@client.test' },
  subject: 'Hello',
  text: 'plain',
  html: '<p>html</p>',
};

/** A fetch that records the request and answers with `response`. */
function recordingFetch(response: Response) {
  const requests: Request[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(new Request(input, init));
    return response;
  }) as typeof fetch;
  return { fetcher, requests };
}

describe('SendGrid Mail Send client', () => {
  it('posts the mail to the configured base with the API key and counts 202 as sent', async () => {
    const { fetcher, requests } = recordingFetch(new Response(null, { status: 202, headers: { 'x-message-id': 'm-1' } }));
    const client = createSendGridClient({ fetch: fetcher, baseUrl: 'http://127.0.0.1:8790/sendgrid/', apiKey: 'SG.key' });
    expect(await client.send(mail)).toEqual({ ok: true, messageId: 'm-1' });
    expect(requests[0]!.url).toBe('http://127.0.0.1:8790/sendgrid/v3/mail/send');
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer SG.key');
    expect(await requests[0]!.json()).toEqual(mailSendBody(mail));
  });

  it('sends text/plain first and text/html second, the sender with its brand name', () => {
    const body = mailSendBody(mail);
    expect(body.content.map((c) => c.type)).toEqual(['text/plain', 'text/html']);
    expect(body.from).toEqual({ email: 'no-reply@tidemark.dev', name: 'Acme Insights' });
    expect(body.personalizations).toEqual([{ to: [{ email: 'new@client.test' }] }]);
  });

  it.each([
    [400, 'rejected'],
    [413, 'rejected'],
    [401, 'unauthorized'],
    [403, 'unauthorized'],
    [500, 'transient'],
    [503, 'transient'],
  ] as const)('maps a %s answer to %s with SendGrid’s message', async (status, kind) => {
    const body = { errors: [{ message: 'Does not contain a valid address.', field: 'personalizations.0.to.0.email' }] };
    const { fetcher } = recordingFetch(Response.json(body, { status }));
    const result = await createSendGridClient({ fetch: fetcher, baseUrl: 'https://api.sendgrid.com', apiKey: 'SG.k' }).send(mail);
    expect(result).toEqual({
      ok: false,
      failure: { kind, status, message: 'personalizations.0.to.0.email: Does not contain a valid address.' },
    });
  });

  it('maps 429 to rate_limited with the wait until X-RateLimit-Reset', () => {
    const headers = new Headers({ 'x-ratelimit-reset': '1000060' });
    expect(mapSendFailure(429, { errors: [{ message: 'too many requests' }] }, headers, 1_000_000_000)).toEqual({
      kind: 'rate_limited',
      status: 429,
      message: 'too many requests',
      retryAfterSeconds: 60,
    });
  });

  it('names the status when the error body is not SendGrid’s', () => {
    expect(mapSendFailure(502, 'gateway', new Headers())).toEqual({ kind: 'transient', status: 502, message: 'SendGrid answered 502.' });
  });

  it('turns a network error into a transient failure instead of throwing', async () => {
    const failing = (async () => {
      throw new TypeError('connection refused');
    }) as typeof fetch;
    const result = await createSendGridClient({ fetch: failing, baseUrl: 'https://api.sendgrid.com', apiKey: 'SG.k' }).send(mail);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'transient', status: null } });
  });
});
