/** EXPLAIN (ANALYZE, BUFFERS) of the exact SQL a dashboard query function sends, run as the app role under RLS. */
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Database } from '../../../db/database';
import * as schema from '../../../db/schema';

type CapturedQuery = { query: string; params: unknown[] };

/** Runs `call` on a logging db and returns the last SELECT it sent other than the RLS set_config. */
async function captureQuery(url: string, call: (db: Database) => Promise<unknown>): Promise<CapturedQuery> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const captured: CapturedQuery[] = [];
  try {
    const db = drizzle({ client: pool, schema, logger: { logQuery: (query, params) => captured.push({ query, params }) } });
    await call(db);
  } finally {
    await pool.end();
  }
  const statement = captured.filter((c) => /^\s*select\b/i.test(c.query) && !c.query.includes('set_config')).at(-1);
  if (!statement) throw new Error('the query function sent no statement to explain');
  return statement;
}

export async function explainAnalyze(url: string, tenantId: string, call: (db: Database) => Promise<unknown>): Promise<string> {
  const { query, params } = await captureQuery(url, call);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    const plan = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${query}`, params);
    await client.query('rollback');
    return plan.rows.map((row) => row['QUERY PLAN']).join('\n');
  } finally {
    await client.end();
  }
}
