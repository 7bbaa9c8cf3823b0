/**
 * Tables that have a tenant_id column but deliberately no row-level security, and why. Every other
 * table with a tenant_id must ENABLE and FORCE it; the RLS tests hold the schema to exactly this list.
 * Empty since migration 0008 put memberships and dead_letters under row-level security.
 */
export const RLS_EXEMPT_TABLES: Readonly<Record<string, string>> = {};
