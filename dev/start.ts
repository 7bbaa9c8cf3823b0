/**
 * `npm run dev`: the whole product on this machine with demo data. Embedded Postgres (or
 * DATABASE_URL), migrations, the demo agency/tenants/logins, the WebSocket-to-TCP proxy, the fake
 * ad platforms and outbound services, a fresh build, `wrangler dev`, and then the demo tenants
 * connected through the real OAuth flow so the backfill fills the dashboards live.
 * Ctrl-C stops everything it started.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { appRoleUrl, ensureAppRole, migrateDatabase } from '../db/migrate';
import { createNodeDb } from '../db/node-client';
import { createFrankfurterClient } from '../worker/fx/frankfurter';
import { loadFxRates } from '../worker/fx/load';
import { startDevCron } from './demo/dev-cron';
import { startLiveDemo } from './demo/live-demo';
import { DEV_APP_PASSWORD, developmentVars, fakeServiceVars, DEV_PORTS as PORTS } from './dev-vars';
import { createFakeServer } from './fakes/server';
import { startEmbeddedPostgres } from './postgres/embedded';
import { startWsProxy } from './postgres/ws-proxy';
import { seedDemo } from './seed';
import { startWranglerDev } from './wrangler-dev';

const DATA_DIR = resolve('.dev-data');

const stops: Array<{ name: string; stop: () => Promise<unknown> }> = [];
let stopping: Promise<never> | null = null;

async function stopAll(code: number): Promise<never> {
  console.log('\nStopping…');
  // Keeps the event loop alive while children exit, and bounds a shutdown that hangs.
  const deadline = setTimeout(() => {
    console.error('  gave up waiting after 30 s');
    process.exit(1);
  }, 30_000);
  // Newest first; also drains anything a startup step registers while we are stopping.
  for (let next = stops.pop(); next; next = stops.pop()) {
    const { name, stop } = next;
    await stop().then(
      () => console.log(`  stopped ${name}`),
      (error: unknown) => console.error(`  could not stop ${name}: ${(error as Error).message}`),
    );
  }
  clearTimeout(deadline);
  process.exit(code);
}

/**
 * Ctrl-C reaches us more than once (the terminal signals the whole process group and tsx
 * relays it again): later signals must not cut the first shutdown short.
 */
function shutdown(code: number): Promise<never> {
  stopping ??= stopAll(code);
  return stopping;
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

function step(message: string): void {
  console.log(`• ${message}`);
}

async function main(): Promise<void> {
  mkdirSync(DATA_DIR, { recursive: true });

  let superUrl = process.env.DATABASE_URL;
  if (superUrl) {
    step('Using the Postgres at DATABASE_URL');
  } else {
    step(`Starting embedded Postgres on 127.0.0.1:${PORTS.postgres} (data in .dev-data/postgres)`);
    const pg = await startEmbeddedPostgres({ dataDir: resolve(DATA_DIR, 'postgres'), port: PORTS.postgres, persistent: true });
    stops.push({ name: 'embedded Postgres', stop: () => pg.stop() });
    superUrl = pg.url;
  }
  const target = new URL(superUrl);
  const targetAddress = `${target.hostname}:${target.port || '5432'}`;

  step('Applying migrations');
  await migrateDatabase(superUrl);
  await ensureAppRole(superUrl, DEV_APP_PASSWORD);
  step('Seeding the demo agency, tenants and logins');
  const { logins } = await seedDemo(superUrl);

  step(`Starting the WebSocket-to-TCP proxy on 127.0.0.1:${PORTS.wsProxy} (→ ${targetAddress} only)`);
  const proxy = await startWsProxy({ port: PORTS.wsProxy, allowedTargets: [targetAddress] });
  stops.push({ name: 'ws proxy', stop: () => proxy.close() });

  step(`Starting the fake ad platforms and services on 127.0.0.1:${PORTS.fakes}`);
  // The showcase roster gives the demo tenants several ad accounts per platform and tens of campaigns.
  const fakes = await createFakeServer({ port: PORTS.fakes, showcase: true });
  stops.push({ name: 'fakes', stop: () => fakes.close() });

  step('Building the app (vite build)');
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');

  step(`Starting wrangler dev on 127.0.0.1:${PORTS.app}`);
  const wrangler = await startWranglerDev({
    port: PORTS.app,
    persistTo: resolve(DATA_DIR, 'wrangler'),
    testScheduled: true,
    vars: developmentVars({
      appEnv: 'development',
      databaseUrl: appRoleUrl(superUrl, DEV_APP_PASSWORD),
      wsProxy: proxy.url,
      fakesUrl: fakes.url,
    }),
    log: (line) => {
      if (/error|✘/i.test(line)) console.log(`  [wrangler] ${line}`);
    },
  });
  stops.push({ name: 'wrangler dev', stop: () => wrangler.stop() });
  const cron = startDevCron({ appUrl: wrangler.url, log: (line) => console.log(line) });
  stops.push({ name: 'dev cron', stop: async () => cron.stop() });

  // The hourly housekeeping loads the FX rates back to the earliest fact; loaded now, the
  // one-currency view converts the new history at once instead of after the next full hour.
  const loadFx = async () => {
    const { db, close } = createNodeDb(superUrl, 1);
    try {
      const client = createFrankfurterClient({ baseUrl: fakeServiceVars(fakes.url).FX_RATES_BASE!, fetch });
      const loaded = await loadFxRates(db, client, new Date().toISOString().slice(0, 10));
      console.log(loaded.error ? `  [fx] loading FX rates failed: ${loaded.error}` : `  [fx] ${loaded.rates} ECB reference rates loaded`);
    } finally {
      await close();
    }
  };

  step('Connecting the demo tenants through the OAuth flow (fake consent dialogs)');
  let syncing: string[];
  try {
    const demo = await startLiveDemo({ appUrl: wrangler.url, fakesUrl: fakes.url, log: (line) => console.log(line), onBackfilled: loadFx });
    stops.push({ name: 'backfill reporter', stop: async () => demo.stop() });
    syncing = demo.syncing;
  } catch (error) {
    // The app is still usable (and connectable by hand), so keep it running.
    console.error(`  could not connect the demo tenants: ${(error as Error).message}`);
    syncing = ['  nothing (the demo connect failed; see above)'];
  }

  console.log(`
Tidemark is running at ${wrangler.url}

Demo logins:
${logins.map((l) => `  ${l.email.padEnd(32)} ${l.password.padEnd(18)} ${l.description}`).join('\n')}

Syncing (backfill through the queue; the dashboard updates live as it lands):
${syncing.join('\n')}

Fake platforms: ${fakes.url}/_control/world   inbox: ${fakes.url}/_control/inbox
Sync a tenant now: npm run sync -- --tenant partner-a
Crons run on Cloudflare's schedule (hot every 15 minutes, hourly pacing and FX with each hour's first slot);
run one now: curl '${wrangler.url}/__scheduled?cron=*/15+*+*+*+*'
Press Ctrl-C to stop everything.
`);
}

main().catch(async (error: unknown) => {
  console.error(`\nnpm run dev failed: ${(error as Error).message}`);
  await shutdown(1);
});
