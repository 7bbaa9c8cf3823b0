import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { connectDemo, waitForBackfill } from '../../dev/demo';
import { describeAccount } from '../../dev/demo/progress';
import { developmentVars } from '../../dev/dev-vars';
import { findFreePort as freePort } from '../../dev/postgres/free-port';
import { seedDemo } from '../../dev/seed';
import { DEMO_OWNER_LOGIN } from '../../dev/seed/demo-data';
import { startWranglerDev } from '../../dev/wrangler-dev';
import type { TimeScale } from '../../worker/lib/clock';
import { startTestStack, testTimeScale } from '../stack';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    demoLogins: Array<{ email: string; password: string; description: string }>;
    /** The fake platforms' base URL (control API at /_control). */
    fakesUrl: string;
    /** Bearer token of the operator API (/api/ops/*) of this run's Worker. */
    operatorToken: string;
    /** The Worker's time scale (test/stack.ts testTimeScale): "now" for the pages is the fakes' instant plus the time since. */
    timeScale: TimeScale;
  }
}

/** Enough history for the dashboard's 28-day default, in one backfill window per account. */
const E2E_BACKFILL_DAYS = 30;

/**
 * The whole product as a person meets it: the demo agency and tenants, their ad accounts
 * connected through the real OAuth flow against the fakes, the backfill done by the Worker's
 * queue consumer under wrangler dev.
 */
export default async function setup(project: TestProject) {
  const stack = await startTestStack();
  const persistTo = `.wrangler/e2e-${process.pid}`;
  const stops: Array<() => Promise<unknown>> = [() => stack.stop()];
  const stopAll = async () => {
    for (const stop of stops) await stop();
    await rm(persistTo, { recursive: true, force: true });
  };
  try {
    const { logins } = await seedDemo(stack.superDatabaseUrl);
    const fakes = stack.fakesUrl;
    const operatorToken = `e2e-${randomBytes(16).toString('hex')}`;
    const timeScale = testTimeScale();
    const wrangler = await startWranglerDev({
      port: await freePort(),
      persistTo,
      vars: {
        ...developmentVars({
          appEnv: 'test',
          databaseUrl: stack.appDatabaseUrl,
          wsProxy: stack.wsProxy,
          fakesUrl: fakes,
          timeScale,
        }),
        OPERATOR_TOKEN: operatorToken,
      },
    });
    stops.unshift(() => wrangler.stop());

    const demo = await connectDemo({ appUrl: wrangler.url, fakesUrl: fakes, login: DEMO_OWNER_LOGIN, backfillDays: E2E_BACKFILL_DAYS });
    const failed = demo.results.filter((r) => !r.outcome.ok);
    if (failed.length) throw new Error(`demo connect failed: ${JSON.stringify(failed)}`);
    const progress = await waitForBackfill(demo.client, demo.tenants, { timeoutMs: 90_000, intervalMs: 500 });
    const empty = progress.flatMap((t) => t.accounts.filter((a) => a.backfill.rows === 0).map((a) => describeAccount(t.tenant, a)));
    if (empty.length) throw new Error(`backfill stored no rows for:\n${empty.join('\n')}`);

    project.provide('appUrl', wrangler.url);
    project.provide('superDatabaseUrl', stack.superDatabaseUrl);
    project.provide('demoLogins', logins);
    project.provide('fakesUrl', fakes);
    project.provide('timeScale', timeScale);
    project.provide('operatorToken', operatorToken);
    return stopAll;
  } catch (error) {
    await stopAll();
    throw error;
  }
}
