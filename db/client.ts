import { neonConfig, Pool } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-serverless';
import type { Database } from './database';
import * as schema from './schema';

export type { Database, TenantTx } from './database';
export { forEachTenant, withTenant } from './database';

export type DbConfig = {
  databaseUrl: string;
  /** 'host:port' of a Neon-style WebSocket proxy in front of a plain Postgres (local stack, self-hosted). */
  wsProxy?: string;
};

/** One pool per request or job (runs inside workerd); call `close()` via `ctx.waitUntil`. */
export function createDb(config: DbConfig): { db: Database; close(): Promise<void> } {
  const { wsProxy } = config;
  if (wsProxy) {
    neonConfig.wsProxy = (host, port) => `${wsProxy}/v1?address=${host}:${port}`;
    // The local proxy speaks plain ws:// and plain Postgres wire protocol, without Neon's pipelining.
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineConnect = false;
    neonConfig.pipelineTLS = false;
  }
  const pool = new Pool({ connectionString: config.databaseUrl });
  // An idle pooled socket can drop (proxy restart, Worker request ending); without a listener
  // the pool's 'error' event would crash the isolate. The next query opens a fresh connection.
  pool.on('error', (error: Error) => {
    console.warn(JSON.stringify({ level: 'warn', event: 'db-idle-connection-lost', message: error.message }));
  });
  const db = drizzle({ client: pool, schema });
  return { db, close: () => pool.end() };
}
