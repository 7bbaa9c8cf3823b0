import type { TestProject } from 'vitest/node';
import { seedDemo } from '../../dev/seed';
import { startWranglerDev } from '../../dev/wrangler-dev';
import { findFreePort as freePort } from '../../dev/postgres/free-port';
import { fakeServiceVars, startTestStack } from '../stack';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    demoLogins: Array<{ email: string; password: string; description: string }>;
  }
}

/** The whole product as a person meets it: seeded database, fakes, and the Worker under wrangler dev. */
export default async function setup(project: TestProject) {
  const stack = await startTestStack();
  try {
    const { logins } = await seedDemo(stack.superDatabaseUrl);
    const fakes = stack.fakesUrl;
    const wrangler = await startWranglerDev({
      port: await freePort(),
      persistTo: `.wrangler/e2e-${process.pid}`,
      vars: {
        APP_ENV: 'test',
        DATABASE_URL: stack.appDatabaseUrl,
        WS_PROXY: stack.wsProxy,
        ...fakeServiceVars(fakes),
      },
    });
    project.provide('appUrl', wrangler.url);
    project.provide('superDatabaseUrl', stack.superDatabaseUrl);
    project.provide('demoLogins', logins);
    return async () => {
      await wrangler.stop();
      await stack.stop();
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
