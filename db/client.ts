import { neonConfig, Pool } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-serverless';
import type { Database } from './database';
import { loggableErrorMessage } from './query-errors';
import * as schema from './schema';
import { parseWsProxy } from './ws-proxy-address';

export type { Database, TenantTx } from './database';
export { forEachTenant, withTenant } from './database';

export type DbConfig = {
  databaseUrl: string;
  /**
   * A Neon-style WebSocket proxy in front of a plain Postgres: `wss://host[:port]` (TLS), or a plain
   * `host:port` / `ws://host:port` (the local stack; refused in production by worker/env.ts).
   */
  wsProxy?: string;
};

/** One pool per request or job (runs inside workerd); call `close()` via `ctx.waitUntil`. */
export function createDb(config: DbConfig): { db: Database; close(): Promise<void> } {
  if (config.wsProxy) {
    const proxy = parseWsProxy(config.wsProxy);
    if (!proxy) throw new Error('WS_PROXY must be wss://host[:port], ws://host:port or host:port');
    neonConfig.wsProxy = (host, port) => `${proxy.address}/v1?address=${host}:${port}`;
    // TLS is the WebSocket's (wss://); the local proxy speaks plain ws://. Behind either is plain
    // Postgres wire protocol, without Neon's pipelining.
    neonConfig.useSecureWebSocket = proxy.secure;
    neonConfig.pipelineConnect = false;
    neonConfig.pipelineTLS = false;
  }
  const pool = new Pool({ connectionString: config.databaseUrl });
  // An idle pooled socket can drop (proxy restart, Worker request ending); without a listener
  // the pool's 'error' event would crash the isolate. The next query opens a fresh connection.
  // A socket the runtime closed at the end of its request arrives as a bare ErrorEvent: routine,
  // with nothing to say, and logging it would race the isolate's teardown (vitest-pool-workers
  // fails the run with "Closing rpc while onUserConsoleLog was pending"). Real errors are logged.
  pool.on('error', (error: unknown) => {
    if (!(error instanceof Error)) return;
    console.warn(JSON.stringify({ level: 'warn', event: 'db-idle-connection-lost', message: loggableErrorMessage(error) }));
  });
  const db = drizzle({ client: pool, schema });
  return { db, close: () => pool.end() };
}
