import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { agencyApiKeyRoutes } from './agency-api-keys';
import { createV1Router } from './app';
import { requireApiKey, requireWriteScope } from './auth';
import { openApiDocument } from './document';
import { invitationV1Routes } from './invitations';
import { limitBody, requireJsonBody } from './json-body';
import { onboardingLinkV1Routes } from './onboarding-links';
import { renderReferencePage } from './reference';
import { getApiReference, getOpenApiDocument } from './routes';
import { tenantV1Routes } from './tenants';
import { webhookV1Routes } from './webhooks';

/**
 * /api/v1, the agency provisioning API. Order per request: API key (401), write scope (403), body
 * limit and JSON (413, 415, 400), then the route's own validation (400) and handler.
 */
export const v1Api = createV1Router();
// Hono's '/tenants/*' matches '/tenants' itself too: one registration, so each middleware runs once.
v1Api.use('/tenants/*', requireApiKey, requireWriteScope, limitBody, requireJsonBody);
v1Api.use('/webhooks/*', requireApiKey, requireWriteScope, limitBody, requireJsonBody);
v1Api.route('/', tenantV1Routes);
v1Api.route('/', onboardingLinkV1Routes);
v1Api.route('/', webhookV1Routes);
v1Api.route('/', invitationV1Routes);
v1Api.openapi(getOpenApiDocument, (c) => c.json(openApiDocument() as unknown as Record<string, unknown>, 200));
v1Api.openapi(getApiReference, (c) => {
  // The page has one style block and nothing else to load.
  c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'");
  return c.html(renderReferencePage(openApiDocument()), 200);
});

/** Everything the provisioning feature adds under /api: /api/v1 and the session routes that manage its keys. */
export const provisioningRoutes = new Hono<AppEnv>().route('/v1', v1Api).route('/', agencyApiKeyRoutes);
