import { OpenAPIHono } from '@hono/zod-openapi';
import { OPENAPI_CONFIG } from './openapi';
import { V1_ROUTES } from './routes';

/** The OpenAPI 3.1 document of /api/v1, generated from the route definitions (served, and read by `npm run api:client`). */
export function openApiDocument() {
  const app = new OpenAPIHono();
  const registry = app.openAPIRegistry;
  registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An agency API key (`tmk_live_…`), created by an agency owner or admin under /api/agency/api-keys and shown once.',
  });
  for (const route of V1_ROUTES) registry.registerPath(route);
  return app.getOpenAPI31Document(OPENAPI_CONFIG);
}
