import { Hono } from 'hono';
import { pingDatabase } from '../../../db/queries/health';
import type { AppEnv } from '../context';

export const healthRoutes = new Hono<AppEnv>().get('/health', async (c) => {
  const deep = c.req.query('deep') === '1';
  if (!deep) return c.json({ ok: true });
  const started = Date.now();
  const database = await pingDatabase(c.get('db')).then(
    () => ({ ok: true, ms: Date.now() - started }),
    (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
  return c.json({ ok: database.ok, database }, database.ok ? 200 : 503);
});
