import type { OpenAPIHono } from '@hono/zod-openapi';

type DocumentConfig = Parameters<OpenAPIHono['getOpenAPI31Document']>[0];

/** The fixed parts of the /api/v1 document; paths and schemas come from the routes. */
export const OPENAPI_CONFIG: DocumentConfig = {
  openapi: '3.1.0',
  info: {
    title: 'Tidemark agency provisioning API',
    version: '1.0.0',
    description:
      'Create and manage client workspaces (tenants) of an agency. Authenticate with an agency API key: `Authorization: Bearer tmk_live_…`. ' +
      'Every POST accepts an `Idempotency-Key`. Errors are RFC 9457 problem details with a stable `code`.',
  },
  servers: [{ url: '/api/v1' }],
};
