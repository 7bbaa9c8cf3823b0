import { createRoute, z } from '@hono/zod-openapi';
import { createInvitation } from './invitation-schemas';
import { createOnboardingLink, revokeOnboardingLink } from './onboarding-link-routes';
import {
  idempotencyHeaderSchema,
  problemResponses,
  tenantCreateSchema,
  tenantIdParamSchema,
  tenantListQuerySchema,
  tenantListSchema,
  tenantSchema,
  tenantUpdateSchema,
  writeProblemResponses,
} from './schemas';
import { createdWebhookSchema, webhookCreateSchema, webhookIdParamSchema, webhookListSchema } from './webhook-schemas';

/**
 * The operations of /api/v1 as route definitions: the handlers (tenants.ts, index.ts) are registered
 * against these, and the OpenAPI document (document.ts) is generated from them. No handler code here,
 * so Node tooling (npm run api:client) can build the document without the Worker.
 */

const security = [{ apiKey: [] }];
const tenantJson = { 'application/json': { schema: tenantSchema } };

export const listTenants = createRoute({
  method: 'get',
  path: '/tenants',
  operationId: 'listTenants',
  summary: "List the agency's tenants",
  description: 'Slug order, cursor pagination; filter by a substring of slug or name and by status.',
  security,
  request: { query: tenantListQuerySchema },
  responses: {
    200: { description: 'One page of tenants.', content: { 'application/json': { schema: tenantListSchema } } },
    ...problemResponses,
  },
});

export const createTenant = createRoute({
  method: 'post',
  path: '/tenants',
  operationId: 'createTenant',
  summary: 'Create a tenant',
  description: 'Creates a client workspace with its branding and, optionally, a custom domain (pending until verified).',
  security,
  request: {
    headers: idempotencyHeaderSchema,
    body: { required: true, content: { 'application/json': { schema: tenantCreateSchema } } },
  },
  responses: {
    201: { description: 'The tenant (also when an Idempotency-Key replays it; then `Idempotent-Replayed: true`).', content: tenantJson },
    ...writeProblemResponses,
  },
});

export const getTenant = createRoute({
  method: 'get',
  path: '/tenants/{tenantId}',
  operationId: 'getTenant',
  summary: 'Get a tenant',
  security,
  request: { params: tenantIdParamSchema },
  responses: { 200: { description: 'The tenant.', content: tenantJson }, ...problemResponses },
});

export const updateTenant = createRoute({
  method: 'patch',
  path: '/tenants/{tenantId}',
  operationId: 'updateTenant',
  summary: 'Update a tenant',
  description: 'Changes only the fields sent; `branding` is merged, `customDomain: null` removes the domain.',
  security,
  request: { params: tenantIdParamSchema, body: { required: true, content: { 'application/json': { schema: tenantUpdateSchema } } } },
  responses: { 200: { description: 'The updated tenant.', content: tenantJson }, ...writeProblemResponses },
});

export const deleteTenant = createRoute({
  method: 'delete',
  path: '/tenants/{tenantId}',
  operationId: 'deleteTenant',
  summary: 'Delete a tenant',
  description:
    'Soft delete: the tenant is archived (gone from this API, the dashboards and syncing), its custom domain is released, its data is kept and its slug stays taken.',
  security,
  request: { params: tenantIdParamSchema },
  responses: { 204: { description: 'Deleted.' }, ...problemResponses, 403: writeProblemResponses[403] },
});

const webhookProblems = {
  ...problemResponses,
  403: writeProblemResponses[403],
  404: { ...problemResponses[404], description: 'No such webhook in this agency.' },
};

export const listWebhooks = createRoute({
  method: 'get',
  path: '/webhooks',
  operationId: 'listWebhooks',
  summary: "List the agency's webhook endpoints",
  security,
  responses: {
    200: { description: 'Every endpoint.', content: { 'application/json': { schema: webhookListSchema } } },
    ...problemResponses,
  },
});

export const createWebhook = createRoute({
  method: 'post',
  path: '/webhooks',
  operationId: 'createWebhook',
  summary: 'Register a webhook endpoint',
  description:
    'Events of every tenant of the agency are delivered through a queue with retries (up to 8 attempts over about two hours), signed with HMAC-SHA256 over the timestamp and the raw body. The signing secret is returned once.',
  security,
  request: {
    headers: idempotencyHeaderSchema,
    body: { required: true, content: { 'application/json': { schema: webhookCreateSchema } } },
  },
  responses: {
    201: {
      description: 'The endpoint and its signing secret (shown once).',
      content: { 'application/json': { schema: createdWebhookSchema } },
    },
    ...writeProblemResponses,
  },
});

export const deleteWebhook = createRoute({
  method: 'delete',
  path: '/webhooks/{webhookId}',
  operationId: 'deleteWebhook',
  summary: 'Remove a webhook endpoint',
  security,
  request: { params: webhookIdParamSchema },
  responses: { 204: { description: 'Removed; nothing more is delivered to it.' }, ...webhookProblems },
});

export const getOpenApiDocument = createRoute({
  method: 'get',
  path: '/openapi.json',
  operationId: 'getOpenApiDocument',
  summary: 'This document (OpenAPI 3.1)',
  responses: {
    200: { description: 'The OpenAPI document.', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
  },
});

export const getApiReference = createRoute({
  method: 'get',
  path: '/reference',
  operationId: 'getApiReference',
  summary: 'This document as a readable page',
  responses: {
    200: {
      description: 'HTML rendered on the server from this document, without scripts.',
      content: { 'text/html': { schema: z.string() } },
    },
  },
});

/** Every operation of /api/v1, in the order the document lists them. */
export const V1_ROUTES = [
  listTenants,
  createTenant,
  getTenant,
  updateTenant,
  deleteTenant,
  createInvitation,
  createOnboardingLink,
  revokeOnboardingLink,
  listWebhooks,
  createWebhook,
  deleteWebhook,
  getOpenApiDocument,
  getApiReference,
];
