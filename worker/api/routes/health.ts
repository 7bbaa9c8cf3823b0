import { Hono } from 'hono';
import { pingDatabase } from '../../../db/queries/health';
import { describeErrorForLog } from '../../lib/error-text';
import type { AppEnv } from '../context';

/**
 * `GET /api/health` (liveness) and `?deep=1` (one database round trip). Anyone may call it, so a
 * failure answers only `unavailable`; why it failed goes to the server log.
 */
export const healthRoutes = new Hono<AppEnv>().get('/health', async (c) => {
  const deep = c.req.query('deep') === '1';
  if (!deep) return c.json({ ok: true });
  const started = Date.now();
  try {
    await pingDatabase(c.get('db'));
    return c.json({ ok: true, database: { ok: true, status: 'available', ms: Date.now() - started } });
  } catch (error) {
    console.error(
      JSON.stringify({ level: 'error', event: 'health-check-failed', requestId: c.get('requestId'), error: describeErrorForLog(error) }),
    );
    return c.json({ ok: false, database: { ok: false, status: 'unavailable' } }, 503);
  }
});
