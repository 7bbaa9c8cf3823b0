import { configuredMailer } from '../../email/mailer';
import type { PeopleDeps } from '../../people/invite';
import type { AppContext } from '../context';

/** What the people features need from a request: its database, the configured mailer, the product origin. */
export function peopleDeps(c: Pick<AppContext, 'get' | 'req'>): PeopleDeps {
  const config = c.get('config');
  return {
    db: c.get('db'),
    mailer: configuredMailer(config),
    appOrigin: new URL(c.req.url).origin,
    production: config.APP_ENV === 'production',
    now: new Date(),
  };
}
