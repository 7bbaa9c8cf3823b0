import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { agencyApiKeyRoutes } from './agency-api-keys';
import { createV1Router } from './app';
import { requireApiKey } from './auth';
import { limitBody } from './json-body';
import { OPENAPI_CONFIG } from './openapi';
import { renderReferencePage } from './reference';
import { tenantV1Routes } from './tenants';

/** /api/v1: the agency provisioning API (API-key auth) with its OpenAPI 3.1 document. */
export const v1Api = createV1Router();
v1Api.use('/tenants', requireApiKey, limitBody);
v1Api.use('/tenants/*', requireApiKey, limitBody);
v1Api.route('/', tenantV1Routes);

v1Api.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
  type: 'http',
  scheme: 'bearer',
  description: 'An agency API key (`tmk_live_…`), created by an agency owner or admin under /api/agency/api-keys and shown once.',
});

/** The OpenAPI 3.1 document of /api/v1, generated from the route schemas (served, and read by `npm run api:client`). */
export function openApiDocument() {
  return v1Api.getOpenAPI31Document(OPENAPI_CONFIG);
}

v1Api.get('/openapi.json', (c) => c.json(openApiDocument()));
v1Api.get('/reference', (c) => c.html(renderReferencePage()));

/** Everything the provisioning feature adds under /api: /api/v1 and the session routes that manage its keys. */
export const provisioningRoutes = new Hono<AppEnv>().route('/v1', v1Api).route('/', agencyApiKeyRoutes);
