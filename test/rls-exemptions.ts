/**
 * Tables that have a tenant_id column but deliberately no row-level security, and why. Every other
 * table with a tenant_id must ENABLE and FORCE it; the RLS tests hold the schema to exactly this list.
 */
export const RLS_EXEMPT_TABLES: Readonly<Record<string, string>> = {
  memberships:
    'read by user before a tenant is known (sign-in, the tenant picker, agency members); every query filters on the user, and a row may name an agency instead of a tenant',
  dead_letters: 'operator-only and cross-tenant: queue messages that used up their retries, listed and re-driven by the operator API',
};
