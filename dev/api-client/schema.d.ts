/**
 * Types of the Tidemark agency provisioning API (/api/v1), generated from its OpenAPI 3.1 document
 * by openapi-typescript. Do not edit: run `npm run api:client`; a unit test fails when this file is stale.
 */
export interface paths {
  '/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This document (OpenAPI 3.1) */
    get: operations['getOpenApiDocument'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/reference': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This document as a readable page */
    get: operations['getApiReference'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tenants': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the agency's tenants
     * @description Slug order, cursor pagination; filter by a substring of slug or name and by status.
     */
    get: operations['listTenants'];
    put?: never;
    /**
     * Create a tenant
     * @description Creates a client workspace with its branding and, optionally, a custom domain (pending until verified).
     */
    post: operations['createTenant'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tenants/{tenantId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a tenant */
    get: operations['getTenant'];
    put?: never;
    post?: never;
    /**
     * Delete a tenant
     * @description Soft delete: the tenant is archived (gone from this API, the dashboards and syncing), its custom domain is released, its data is kept and its slug stays taken.
     */
    delete: operations['deleteTenant'];
    options?: never;
    head?: never;
    /**
     * Update a tenant
     * @description Changes only the fields sent; `branding` is merged, `customDomain: null` removes the domain.
     */
    patch: operations['updateTenant'];
    trace?: never;
  };
  '/tenants/{tenantId}/invitations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Invite someone to a tenant
     * @description Emails a single-use link (valid seven days) in the tenant's branding, on its custom domain once verified. Inviting the same email again replaces the earlier link. The link itself is never returned.
     */
    post: operations['createInvitation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tenants/{tenantId}/onboarding-links': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create a client onboarding link
     * @description A link to a page in the tenant's branding where the client, without a login, connects ad platforms, picks the ad accounts to sync and watches their history import.
     */
    post: operations['createOnboardingLink'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tenants/{tenantId}/onboarding-links/{linkId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Revoke a client onboarding link
     * @description The link stops working at once; connections already made through it stay.
     */
    delete: operations['revokeOnboardingLink'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/webhooks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the agency's webhook endpoints */
    get: operations['listWebhooks'];
    put?: never;
    /**
     * Register a webhook endpoint
     * @description Events of every tenant of the agency are delivered through a queue with retries (up to 8 attempts over about two hours), signed with HMAC-SHA256 over the timestamp and the raw body. The signing secret is returned once.
     */
    post: operations['createWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/webhooks/{webhookId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove a webhook endpoint */
    delete: operations['deleteWebhook'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Branding: {
      /**
       * @description Accent colour.
       * @example #0f766e
       */
      accentColor?: string;
      /**
       * Format: uri
       * @description The favicon, https only: fetched and kept like the logo, at most 128 KB.
       * @example https://cdn.example.com/logo.svg
       */
      faviconUrl?: string;
      /**
       * Format: uri
       * @description The logo, https only: fetched once when written (PNG, JPEG, GIF, WebP, ICO or SVG by content type and bytes, at most 512 KB, up to 3 https redirects, 5 s) and shown from our own origin; a refused image answers 400 naming this field.
       * @example https://cdn.example.com/logo.svg
       */
      logoUrl?: string;
      /**
       * @description Primary brand colour.
       * @example #0f766e
       */
      primaryColor?: string;
      /** @description Shown instead of the tenant name in its pages and emails. */
      productName?: string;
    };
    CreatedWebhook: components['schemas']['Webhook'] & {
      /** @description Shown once. Each delivery carries `Tidemark-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with this secret>`; refuse a t older than 300 seconds. */
      secret: string;
    };
    Invitation: {
      /** Format: date-time */
      createdAt: string;
      email: string;
      /**
       * Format: date-time
       * @description Seven days after creation; the link works once.
       */
      expiresAt: string;
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      role: 'admin' | 'editor' | 'viewer';
      /** Format: uuid */
      tenantId: string;
    };
    InvitationCreate: {
      /**
       * Format: email
       * @example ana@acme-shoes.com
       */
      email: string;
      /**
       * @description The role in the tenant.
       * @enum {string}
       */
      role: 'admin' | 'editor' | 'viewer';
    };
    OnboardingLink: {
      /** Format: date-time */
      expiresAt: string;
      /** Format: uuid */
      id: string;
      platforms: ('meta' | 'google_ads' | 'linkedin')[];
      /** Format: uuid */
      tenantId: string;
      /**
       * Format: uri
       * @description The page to send the client: on the tenant's verified custom domain when it has one, else on the app. It carries the link's secret token; only its SHA-256 is stored.
       */
      url: string;
    };
    OnboardingLinkCreate: {
      /**
       * @description Days until the link stops working, 1 to 30.
       * @default 7
       * @example 7
       */
      expiresInDays?: number;
      /**
       * @description Platforms the client may connect through the link; all three when left out.
       * @example [
       *       "meta",
       *       "linkedin"
       *     ]
       */
      platforms?: ('meta' | 'google_ads' | 'linkedin')[];
    };
    /** @description RFC 9457 problem details with a stable `code`; `issues` names each invalid field. */
    Problem: {
      code: string;
      detail: string;
      issues?: {
        field: string;
        message: string;
      }[];
      requestId: string;
      status: number;
      title: string;
      type: string;
    };
    Tenant: {
      branding: components['schemas']['Branding'];
      /** Format: date-time */
      createdAt: string;
      /** @description Pending until its ownership is verified. */
      customDomain: {
        hostname: string;
        /** @enum {string} */
        status: 'pending' | 'verified' | 'failed';
      } | null;
      /** Format: uuid */
      id: string;
      name: string;
      reportingCurrency: string;
      slug: string;
      /**
       * @description A suspended tenant keeps its data but is not synced.
       * @enum {string}
       */
      status: 'active' | 'suspended';
      timeZone: string;
    };
    TenantCreate: {
      branding?: components['schemas']['Branding'];
      /**
       * @description Registered as pending; it serves the tenant once verified.
       * @example dashboards.acme-shoes.com
       */
      customDomain?: string;
      /** @example Acme Shoes */
      name: string;
      /**
       * @default USD
       * @example EUR
       * @enum {string}
       */
      reportingCurrency?:
        | 'AUD'
        | 'BRL'
        | 'CAD'
        | 'CHF'
        | 'CNY'
        | 'CZK'
        | 'DKK'
        | 'EUR'
        | 'GBP'
        | 'HKD'
        | 'HUF'
        | 'IDR'
        | 'ILS'
        | 'INR'
        | 'ISK'
        | 'JPY'
        | 'KRW'
        | 'MXN'
        | 'MYR'
        | 'NOK'
        | 'NZD'
        | 'PHP'
        | 'PLN'
        | 'RON'
        | 'SEK'
        | 'SGD'
        | 'THB'
        | 'TRY'
        | 'USD'
        | 'ZAR';
      /** @example acme-shoes */
      slug: string;
      /**
       * @default UTC
       * @example Europe/Berlin
       */
      timeZone?: string;
    };
    TenantList: {
      data: components['schemas']['Tenant'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    TenantUpdate: {
      branding?: components['schemas']['Branding'] & unknown;
      /**
       * @description A new hostname (pending), or null to remove the custom domain.
       * @example dashboards.acme-shoes.com
       */
      customDomain?: string | null;
      /** @example Acme Shoes */
      name?: string;
      /**
       * @example EUR
       * @enum {string}
       */
      reportingCurrency?:
        | 'AUD'
        | 'BRL'
        | 'CAD'
        | 'CHF'
        | 'CNY'
        | 'CZK'
        | 'DKK'
        | 'EUR'
        | 'GBP'
        | 'HKD'
        | 'HUF'
        | 'IDR'
        | 'ILS'
        | 'INR'
        | 'ISK'
        | 'JPY'
        | 'KRW'
        | 'MXN'
        | 'MYR'
        | 'NOK'
        | 'NZD'
        | 'PHP'
        | 'PLN'
        | 'RON'
        | 'SEK'
        | 'SGD'
        | 'THB'
        | 'TRY'
        | 'USD'
        | 'ZAR';
      /** @example acme-shoes */
      slug?: string;
      /**
       * @description A suspended tenant keeps its data but is not synced.
       * @enum {string}
       */
      status?: 'active' | 'suspended';
      /** @example Europe/Berlin */
      timeZone?: string;
    };
    Webhook: {
      /** Format: date-time */
      createdAt: string;
      events: ('sync.completed' | 'sync.failed' | 'connection.needs_reauth' | 'backfill.completed')[];
      /** Format: uuid */
      id: string;
      url: string;
    };
    WebhookCreate: {
      events: ('sync.completed' | 'sync.failed' | 'connection.needs_reauth' | 'backfill.completed')[];
      /**
       * @description https; we POST signed JSON here.
       * @example https://hooks.acme-agency.com/tidemark
       */
      url: string;
    };
    WebhookList: {
      data: components['schemas']['Webhook'][];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getOpenApiDocument: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The OpenAPI document. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            [key: string]: unknown;
          };
        };
      };
    };
  };
  getApiReference: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description HTML rendered on the server from this document, without scripts. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
    };
  };
  listTenants: {
    parameters: {
      query?: {
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
        /** @description Page size, 1 to 100. */
        limit?: number;
        /** @description Substring of the slug or the name, case-insensitive. */
        q?: string;
        /** @description A suspended tenant keeps its data but is not synced. */
        status?: 'active' | 'suspended';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of tenants. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TenantList'];
        };
      };
      /** @description Invalid input; `issues` has one entry per field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No valid API key (missing, malformed, unknown or revoked). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No such tenant in this agency. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createTenant: {
    parameters: {
      query?: never;
      header?: {
        /** @description Replays the stored response of a POST with the same key and body for 24 hours; another body with the same key is a 409. */
        'idempotency-key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TenantCreate'];
      };
    };
    responses: {
      /** @description The tenant (also when an Idempotency-Key replays it; then `Idempotent-Replayed: true`). */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Tenant'];
        };
      };
      /** @description Invalid input; `issues` has one entry per field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No valid API key (missing, malformed, unknown or revoked). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The key is read-only. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No such tenant in this agency. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The slug or hostname is taken, or the Idempotency-Key was used with another body. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 64 KB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getTenant: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        tenantId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The tenant. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Tenant'];
        };
      };
      /** @description Invalid input; `issues` has one entry per field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No valid API key (missing, malformed, unknown or revoked). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No such tenant in this agency. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteTenant: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        tenantId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; `issues` has one entry per field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No valid API key (missing, malformed, unknown or revoked). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The key is read-only. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No such tenant in this agency. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateTenant: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        tenantId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TenantUpdate'];
      };
    };
    responses: {
      /** @description The updated tenant. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Tenant'];
        };
      };
      /** @description Invalid input; `issues` has one entry per field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No valid API key (missing, malformed, unknown or revoked). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The key is read-only. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No such tenant in this agency. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The slug or hostname is taken, or the Idempotency-Key was used with another body. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 64 KB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createInvitation: {
    parameters: {
      query?: never;
      header?: {
        /** @description Replays the stored response of a POST with the same key and body for 24 hours; another body with the same key is a 409. */
        'idempotency-key'?: string;
      };
      path: {
        tenantId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['InvitationCreate'];
      };
    };
    responses: {
      /** @description The invitation (also when an Idempotency-Key replays it). */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Invitation'];
        };
      };
      /** @description Invalid input; `issues` has one entry per field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No valid API key (missing, malformed, unknown or revoked). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The key is read-only. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No such tenant in this agency. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The slug or hostname is taken, or the Idempotency-Key was used with another body. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 64 KB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The email could not be sent; nothing was stored, retry. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createOnboardingLink: {
    parameters: {
      query?: never;
      header?: {
        /** @description Replays the stored response of a POST with the same key and body for 24 hours; another body with the same key is a 409. */
        'idempotency-key'?: string;
      };
      path: {
        tenantId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['OnboardingLinkCreate'];
      };
    };
    responses: {
      /** @description The link (also when an Idempotency-Key replays it; then `Idempotent-Replayed: true`). */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OnboardingLink'];
        };
      };
      /** @description Invalid input; `issues` has one entry per field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No valid API key (missing, malformed, unknown or revoked). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The key is read-only. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No such tenant in this agency. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The slug or hostname is taken, or the Idempotency-Key was used with another body. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 64 KB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  revokeOnboardingLink: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        linkId: string;
        tenantId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; `issues` has one entry per field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No valid API key (missing, malformed, unknown or revoked). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The key is read-only. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No such tenant in this agency, or no such (unrevoked) link of it. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhooks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every endpoint. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookList'];
        };
      };
      /** @description Invalid input; `issues` has one entry per field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No valid API key (missing, malformed, unknown or revoked). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No such tenant in this agency. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createWebhook: {
    parameters: {
      query?: never;
      header?: {
        /** @description Replays the stored response of a POST with the same key and body for 24 hours; another body with the same key is a 409. */
        'idempotency-key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookCreate'];
      };
    };
    responses: {
      /** @description The endpoint and its signing secret (shown once). */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedWebhook'];
        };
      };
      /** @description Invalid input; `issues` has one entry per field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No valid API key (missing, malformed, unknown or revoked). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The key is read-only. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No such tenant in this agency. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The slug or hostname is taken, or the Idempotency-Key was used with another body. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 64 KB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not JSON. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        webhookId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed; nothing more is delivered to it. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; `issues` has one entry per field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No valid API key (missing, malformed, unknown or revoked). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description The key is read-only. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
      /** @description No such webhook in this agency. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
}
