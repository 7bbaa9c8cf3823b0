import { z } from '@hono/zod-openapi';
import { TENANT_STATUSES } from '../../../db/schema/enum-values';
import { FX_CURRENCIES, isFxCurrency } from '../../fx/currencies';

/** Request and response schemas of /api/v1: the validators and the OpenAPI document both come from these. */

const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const HOSTNAME = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.length > 0 && !url.username && !url.password;
  } catch {
    return false;
  }
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Free text without control characters (NUL would fail in Postgres; the rest has no place in a name). */
const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !/\p{Cc}/u.test(value), { message: 'Must not contain control characters.' });

const httpsUrl = (description: string) =>
  z
    .string()
    .max(2048)
    .refine(isHttpsUrl, { message: 'Must be an https:// URL.' })
    .openapi({ format: 'uri', description, example: 'https://cdn.example.com/logo.svg' });

const color = (description: string) =>
  z.string().regex(HEX_COLOR, { message: 'Must be a hex colour like #0f766e.' }).openapi({ description, example: '#0f766e' });

export const tenantStatusSchema = z
  .enum(TENANT_STATUSES.filter((s) => s !== 'archived') as ['active', 'suspended'])
  .openapi({ description: 'A suspended tenant keeps its data but is not synced.' });

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'Lowercase letters, digits and hyphens, starting with a letter or digit, at most 63.' })
  .openapi({ example: 'acme-shoes' });

export const hostnameSchema = z
  .string()
  .max(253)
  .toLowerCase()
  .regex(HOSTNAME, { message: 'Must be a DNS hostname like dashboards.example.com.' })
  .openapi({ example: 'dashboards.acme-shoes.com' });

export const brandingSchema = z
  .object({
    productName: plainText(80).optional().openapi({ description: 'Shown instead of the tenant name in its pages and emails.' }),
    logoUrl: httpsUrl(
      'The logo, https only: fetched once when written (PNG, JPEG, GIF, WebP, ICO or SVG by content type and bytes, at most 512 KB, up to 3 https redirects, 5 s) and shown from our own origin; a refused image answers 400 naming this field.',
    ).optional(),
    primaryColor: color('Primary brand colour.').optional(),
    accentColor: color('Accent colour.').optional(),
    faviconUrl: httpsUrl('The favicon, https only: fetched and kept like the logo, at most 128 KB.').optional(),
  })
  .strict()
  .openapi('Branding');

/** A tenant's reporting currency: one the FX layer keeps rates for, or every converted amount would be missing. */
export const reportingCurrencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, { message: 'An ISO 4217 code in capitals, like EUR.' })
  .refine(isFxCurrency, {
    error: (issue) => `No exchange rates are kept for ${String(issue.input)}; choose one of ${FX_CURRENCIES.join(', ')}.`,
    // Only a well-formed code gets this message; a malformed one already has the format's.
    when: (payload) => payload.issues.length === 0,
  })
  .openapi({ example: 'EUR', enum: [...FX_CURRENCIES] });

/** A tenant's time zone, as the IANA database names it. */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(isTimeZone, { message: 'Must be an IANA time zone like Europe/Berlin.' })
  .openapi({ example: 'Europe/Berlin' });

const tenantWritable = {
  name: plainText(120).openapi({ example: 'Acme Shoes' }),
  slug: slugSchema,
  reportingCurrency: reportingCurrencySchema,
  timeZone: timeZoneSchema,
  branding: brandingSchema,
};

export const tenantCreateSchema = z
  .object({
    ...tenantWritable,
    reportingCurrency: tenantWritable.reportingCurrency.default('USD'),
    timeZone: tenantWritable.timeZone.default('UTC'),
    branding: brandingSchema.default({}),
    customDomain: hostnameSchema.optional().openapi({ description: 'Registered as pending; it serves the tenant once verified.' }),
  })
  .strict()
  .openapi('TenantCreate');

export const tenantUpdateSchema = z
  .object({
    name: tenantWritable.name.optional(),
    slug: slugSchema.optional(),
    reportingCurrency: tenantWritable.reportingCurrency.optional(),
    timeZone: tenantWritable.timeZone.optional(),
    status: tenantStatusSchema.optional(),
    branding: brandingSchema.optional().openapi({ description: 'Merged into the current branding: fields left out keep their value.' }),
    customDomain: hostnameSchema
      .nullable()
      .optional()
      .openapi({ description: 'A new hostname (pending), or null to remove the custom domain.' }),
  })
  .strict()
  .openapi('TenantUpdate');

export const tenantSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    reportingCurrency: z.string(),
    timeZone: z.string(),
    status: tenantStatusSchema,
    branding: brandingSchema,
    customDomain: z
      .object({ hostname: z.string(), status: z.enum(['pending', 'verified', 'failed']) })
      .nullable()
      .openapi({ description: 'Pending until its ownership is verified.' }),
    createdAt: z.iso.datetime(),
  })
  .openapi('Tenant');

export const tenantListSchema = z
  .object({
    data: z.array(tenantSchema),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  })
  .openapi('TenantList');

export const tenantListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ description: 'Page size, 1 to 100.', example: 20 }),
  cursor: z.string().max(200).optional().openapi({ description: 'The `nextCursor` of the previous page.' }),
  q: plainText(100).optional().openapi({ description: 'Substring of the slug or the name, case-insensitive.' }),
  status: tenantStatusSchema.optional(),
});

export const tenantIdParamSchema = z.object({
  tenantId: z.uuid({ message: 'Must be a tenant id (UUID).' }).openapi({ param: { name: 'tenantId', in: 'path' } }),
});

export const idempotencyHeaderSchema = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, { message: 'Printable ASCII without spaces.' })
    .optional()
    .openapi({
      param: { name: 'idempotency-key', in: 'header' },
      description:
        'Replays the stored response of a POST with the same key and body for 24 hours; another body with the same key is a 409.',
    }),
});

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    requestId: z.string(),
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details with a stable `code`; `issues` names each invalid field.' });

const problem = (description: string) => ({ description, content: { 'application/json': { schema: problemSchema } } });

export const problemResponses = {
  400: problem('Invalid input; `issues` has one entry per field.'),
  401: problem('No valid API key (missing, malformed, unknown or revoked).'),
  404: problem('No such tenant in this agency.'),
};

export const writeProblemResponses = {
  ...problemResponses,
  403: problem('The key is read-only.'),
  409: problem('The slug or hostname is taken, or the Idempotency-Key was used with another body.'),
  413: problem('The body is larger than 64 KB.'),
  415: problem('The body is not JSON.'),
};
