/**
 * A SendGrid v3 Mail Send client (POST /v3/mail/send): 202 is success; anything else is a typed
 * failure carrying SendGrid's own message. Injected fetch and base URL, so the same code talks to
 * SendGrid in production and to the fake locally. Never throws for an HTTP answer; a network error
 * is a `transient` failure.
 */

export interface MailAddress {
  email: string;
  name?: string;
}

export interface Mail {
  from: MailAddress;
  to: MailAddress;
  subject: string;
  text: string;
  html: string;
}

export type MailFailure =
  | { kind: 'unauthorized'; status: 401 | 403; message: string }
  | { kind: 'rejected'; status: number; message: string }
  | { kind: 'rate_limited'; status: 429; message: string; retryAfterSeconds: number | null }
  | { kind: 'transient'; status: number | null; message: string };

export type SendResult = { ok: true; messageId: string | null } | { ok: false; failure: MailFailure };

export interface SendGridClient {
  send(mail: Mail): Promise<SendResult>;
}

/** The JSON body SendGrid expects: one personalization, text/plain first, then text/html. */
export function mailSendBody(mail: Mail) {
  return {
    personalizations: [{ to: [mail.to] }],
    from: mail.from,
    subject: mail.subject,
    content: [
      { type: 'text/plain', value: mail.text },
      { type: 'text/html', value: mail.html },
    ],
    // Links in these mails carry single-use tokens: SendGrid's click tracking would rewrite them.
    tracking_settings: { click_tracking: { enable: false, enable_text: false } },
  };
}

/** SendGrid's error messages (`{errors:[{message}]}`), joined; the status when the body says nothing. */
export function sendGridMessage(status: number, body: unknown): string {
  const errors = (body as { errors?: Array<{ message?: unknown; field?: unknown }> } | null)?.errors;
  const messages = Array.isArray(errors)
    ? errors
        .map((e) => (typeof e?.message === 'string' ? (typeof e.field === 'string' ? `${e.field}: ${e.message}` : e.message) : null))
        .filter((m): m is string => m !== null)
    : [];
  return messages.length ? messages.join('; ') : `SendGrid answered ${status}.`;
}

/** How a non-202 answer maps to a failure. */
export function mapSendFailure(status: number, body: unknown, headers: Headers, nowMs = Date.now()): MailFailure {
  const message = sendGridMessage(status, body);
  if (status === 401 || status === 403) return { kind: 'unauthorized', status, message };
  if (status === 429) {
    const reset = Number(headers.get('x-ratelimit-reset'));
    const retryAfterSeconds = Number.isFinite(reset) && reset > 0 ? Math.max(1, Math.ceil(reset - nowMs / 1000)) : null;
    return { kind: 'rate_limited', status, message, retryAfterSeconds };
  }
  if (status >= 500) return { kind: 'transient', status, message };
  return { kind: 'rejected', status, message };
}

export function createSendGridClient(options: { fetch: typeof fetch; baseUrl: string; apiKey: string }): SendGridClient {
  const endpoint = `${options.baseUrl.replace(/\/+$/, '')}/v3/mail/send`;
  return {
    async send(mail) {
      let res: Response;
      try {
        res = await options.fetch(endpoint, {
          method: 'POST',
          headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(mailSendBody(mail)),
        });
      } catch (error) {
        return { ok: false, failure: { kind: 'transient', status: null, message: `SendGrid unreachable: ${String(error)}` } };
      }
      if (res.status === 202) {
        await res.body?.cancel();
        return { ok: true, messageId: res.headers.get('x-message-id') };
      }
      const body = await res.json().catch(() => null);
      return { ok: false, failure: mapSendFailure(res.status, body, res.headers) };
    },
  };
}
