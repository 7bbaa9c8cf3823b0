import { sql } from 'drizzle-orm';
import { check, customType, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './identity';

// Written as bytea's hex text form, so no driver needs to know Uint8Array; read back as the driver's Buffer.
const bytea = customType<{ data: Uint8Array; driverData: string | Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => `\\x${Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('')}`,
  fromDriver: (value) =>
    typeof value === 'string'
      ? new Uint8Array((value.replace(/^\\x/, '').match(/../g) ?? []).map((h) => Number.parseInt(h, 16)))
      : new Uint8Array(value),
});

/**
 * A tenant's logo and favicon as the product fetched them once, when the branding was written: the
 * pages and emails show this copy from our own origin, never the URL the agency gave (which could
 * change or grow after it was checked). One row per kind; a new URL replaces it.
 */
export const tenantAssets = pgTable(
  'tenant_assets',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    contentType: text('content_type').notNull(),
    bytes: bytea('bytes').notNull(),
    byteLength: integer('byte_length').notNull(),
    sha256: text('sha256').notNull(),
    sourceUrl: text('source_url').notNull(),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.kind] }),
    check('tenant_assets_kind', sql`${t.kind} in ('logo', 'favicon')`),
    check('tenant_assets_sha256_format', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('tenant_assets_size', sql`${t.byteLength} = octet_length(${t.bytes}) and ${t.byteLength} <= 524288`),
  ],
);
