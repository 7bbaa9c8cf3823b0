import { error, fail } from '@sveltejs/kit';
import { formatWait } from '$lib/format';
import { clientInfo } from '$lib/server/client-info';
import { readForm } from '$lib/server/form';
import { configuredMailer } from '$worker/email/mailer';
import { readConfig } from '$worker/env';
import { runAfterResponse } from '$worker/people/background';
import { requestPasswordReset } from '$worker/people/password-reset';
import type { Actions } from './$types';

export const actions: Actions = {
  default: async ({ locals, request, platform, url }) => {
    if (!platform) error(500, 'The app must run inside the Worker.');
    const email = String((await readForm(request)).get('email') ?? '').trim();
    if (!email || email.length > 320 || !email.includes('@')) return fail(400, { email, message: 'Enter your email address.' });
    const config = readConfig(platform.env);
    const host = locals.host;
    const result = await requestPasswordReset(
      {
        db: locals.db,
        mailer: configuredMailer(config),
        appOrigin: url.origin,
        brandTenant: host.kind === 'tenant' ? { ...host.tenant, verifiedHostname: host.hostname } : null,
        production: config.APP_ENV === 'production',
        now: new Date(),
        background: (work) => runAfterResponse(config, platform.ctx, work),
      },
      { email, ip: clientInfo(request).ip },
    );
    if (!result.ok) return fail(429, { email, message: `Too many requests: try again in ${formatWait(result.retryAfterSeconds)}.` });
    // The same answer whether or not the email has an account.
    return { sent: true, email };
  },
};
