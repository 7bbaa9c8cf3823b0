/**
 * Sends one rendered mail with the configured SendGrid account: the sender address from config, the
 * sender name from the mail's brand. The transports decide what a failure means for them.
 */
import type { Config } from '../env';
import type { MailBrand } from './brand';
import { createSendGridClient, type SendResult } from './sendgrid';
import type { RenderedMail } from './templates';

export type Mailer = (to: { email: string; name?: string }, brand: MailBrand, mail: RenderedMail) => Promise<SendResult>;

/** A mailer over the configured SendGrid account; without SENDGRID_API_KEY every send fails as `unauthorized`. */
export function configuredMailer(config: Config, fetcher: typeof fetch = (input, init) => fetch(input, init)): Mailer {
  // The default is wrapped: workerd refuses a `fetch` called with another `this` (Illegal invocation).
  const apiKey = config.SENDGRID_API_KEY;
  const client = apiKey ? createSendGridClient({ fetch: fetcher, baseUrl: config.SENDGRID_API_BASE, apiKey }) : null;
  return async (to, brand, mail) => {
    if (!client) return { ok: false, failure: { kind: 'unauthorized', status: 401, message: 'SENDGRID_API_KEY is not set.' } };
    return client.send({ from: { email: config.EMAIL_FROM, name: brand.productName }, to, ...mail });
  };
}
