import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { loggableError } from '../../db/query-errors';
import type { AppEnv } from './context';
import { AppError, fromHttpException, problemBody } from './errors';
import { requireAppHost } from './middleware/app-host';
import { requestContext } from './middleware/request-context';
import { agencyAuditRoutes } from './routes/agency-audit';
import { authRoutes } from './routes/auth';
import { brandAssetRoutes } from './routes/brand-assets';
import { oauthCallbackRoutes } from './routes/connections';
import { healthRoutes } from './routes/health';
import { invitationRoutes } from './routes/invitations';
import { memberRoutes } from './routes/members';
import { opsRoutes } from './routes/ops';
import { pipelineOverviewRoutes } from './routes/pipeline-health';
import { tenantRoutes } from './routes/tenants';
import { provisioningRoutes } from './v1';

/** The public API under /api: middleware order, one error handler, route groups. */
export const api = new Hono<AppEnv>()
  .basePath('/api')
  .use(requestContext)
  .use('/v1/*', requireAppHost)
  .use('/agency/*', requireAppHost)
  .use('/ops/*', requireAppHost)
  .route('/', healthRoutes)
  .route('/', brandAssetRoutes)
  .route('/', authRoutes)
  .route('/', tenantRoutes)
  .route('/', oauthCallbackRoutes)
  .route('/', opsRoutes)
  .route('/', pipelineOverviewRoutes)
  .route('/', provisioningRoutes)
  .route('/', agencyAuditRoutes)
  .route('/', invitationRoutes)
  .route('/', memberRoutes);

api.notFound((c) => {
  const error = new AppError('not_found', `No API route for ${c.req.method} ${new URL(c.req.url).pathname}.`);
  return c.json(problemBody(error, c.get('requestId') ?? crypto.randomUUID()), 404);
});

api.onError((err, c) => {
  const requestId = c.get('requestId') ?? crypto.randomUUID();
  const error = err instanceof AppError ? err : err instanceof HTTPException ? fromHttpException(err) : null;
  if (error) {
    for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
    return c.json(problemBody(error, requestId), error.status);
  }
  console.error(JSON.stringify({ level: 'error', requestId, ...loggableError(err) }));
  return c.json(
    {
      type: 'https://docs.tidemark.dev/errors/internal_error',
      title: 'internal error',
      status: 500,
      code: 'internal_error',
      detail: 'Something went wrong on our side.',
      requestId,
    },
    500,
  );
});
