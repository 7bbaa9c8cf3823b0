/**
 * A benchmark's stack (bench:ws, bench:lighthouse): either a running `npm run dev` (reused, nothing
 * started) or its own embedded Postgres, proxy, fakes and `wrangler dev` with the demo seed connected
 * through the real OAuth flow. Everything started is registered with `onStop` as soon as it exists.
 */
import { rm } from 'node:fs/promises';
import { connectDemo, waitForBackfill } from '../../../dev/demo';
import { DEV_PORTS, DEV_SECRETS, developmentVars } from '../../../dev/dev-vars';
import { findFreePort } from '../../../dev/postgres/free-port';
import { seedDemo } from '../../../dev/seed';
import { DEMO_OWNER_LOGIN } from '../../../dev/seed/demo-data';
import { startWranglerDev } from '../../../dev/wrangler-dev';
import { startTestStack, testTimeScale } from '../../stack';

export interface BenchStack {
  appUrl: string;
  operatorToken: string;
  /** How the stack came about, for the report. */
  description: string;
}

const BENCH_OPERATOR_TOKEN = 'bench-operator-token';

/** A running `npm run dev` (by default on its fixed port); its operator token from OPERATOR_TOKEN or the development default. */
export async function useRunningDev(appUrl = `http://127.0.0.1:${DEV_PORTS.app}`): Promise<BenchStack> {
  const url = appUrl;
  const up = await fetch(`${url}/api/health`).then(
    (r) => r.ok,
    () => false,
  );
  if (!up) throw new Error(`nothing answers at ${url}/api/health: start npm run dev, or leave out --app-url`);
  return {
    appUrl: url,
    operatorToken: process.env.OPERATOR_TOKEN ?? DEV_SECRETS.OPERATOR_TOKEN,
    description: `reused the running npm run dev at ${url}`,
  };
}

export async function startOwnStack(options: {
  /** Names the wrangler state directory (`.wrangler/bench-<name>-<pid>`). */
  name: string;
  /** Days of history each demo account imports before the benchmark starts. */
  backfillDays: number;
  log: (line: string) => void;
  onStop: (name: string, stop: () => Promise<unknown>) => void;
}): Promise<BenchStack> {
  options.log('starting embedded Postgres, the ws proxy and the fakes');
  const stack = await startTestStack();
  options.onStop('Postgres, proxy and fakes', () => stack.stop());
  await seedDemo(stack.superDatabaseUrl);
  const persistTo = `.wrangler/bench-${options.name}-${process.pid}`;
  options.onStop('wrangler state', () => rm(persistTo, { recursive: true, force: true }));
  const port = await findFreePort();
  options.log(`starting wrangler dev on 127.0.0.1:${port}`);
  const wrangler = await startWranglerDev({
    port,
    persistTo,
    vars: {
      ...developmentVars({
        appEnv: 'test',
        databaseUrl: stack.appDatabaseUrl,
        wsProxy: stack.wsProxy,
        fakesUrl: stack.fakesUrl,
        timeScale: testTimeScale(),
      }),
      OPERATOR_TOKEN: BENCH_OPERATOR_TOKEN,
    },
  });
  options.onStop('wrangler dev', () => wrangler.stop());
  options.log(`connecting the demo tenants through the fakes’ OAuth flow (${options.backfillDays}-day backfill)`);
  const demo = await connectDemo({
    appUrl: wrangler.url,
    fakesUrl: stack.fakesUrl,
    login: DEMO_OWNER_LOGIN,
    backfillDays: options.backfillDays,
  });
  const failed = demo.results.filter((r) => !r.outcome.ok);
  if (failed.length) throw new Error(`demo connect failed: ${JSON.stringify(failed)}`);
  await waitForBackfill(demo.client, demo.tenants, { timeoutMs: 600_000, intervalMs: 500 });
  return {
    appUrl: wrangler.url,
    operatorToken: BENCH_OPERATOR_TOKEN,
    description: `started its own stack (wrangler dev at ${wrangler.url})`,
  };
}
