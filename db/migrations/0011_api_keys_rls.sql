-- API keys and idempotency keys belong to an agency: the same ENABLE + FORCE row-level security as
-- every tenant-owned table, scoped by app.agency_id (set per transaction with set_config(..., true),
-- db/queries/agency-scope.ts), so one agency's scope never shows or accepts another agency's rows.
ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "api_keys" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY agency_isolation ON "api_keys"
  USING (agency_id = nullif(current_setting('app.agency_id', true), '')::uuid)
  WITH CHECK (agency_id = nullif(current_setting('app.agency_id', true), '')::uuid);
--> statement-breakpoint
-- A request to /api/v1 must find its key before the agency is known: a transaction that sets
-- app.api_key_prefix may read the rows with exactly that prefix (then the hash is compared in
-- constant time), like hostname_lookup on tenant_domains.
CREATE POLICY key_lookup ON "api_keys" FOR SELECT
  USING (prefix = nullif(current_setting('app.api_key_prefix', true), ''));
--> statement-breakpoint
ALTER TABLE "idempotency_keys" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "idempotency_keys" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY agency_isolation ON "idempotency_keys"
  USING (agency_id = nullif(current_setting('app.agency_id', true), '')::uuid)
  WITH CHECK (agency_id = nullif(current_setting('app.agency_id', true), '')::uuid);
--> statement-breakpoint
-- The provisioning API lists an agency's tenants with their custom domains in one query: in an agency's
-- scope, and only while no tenant is set (so it never widens a tenant's scope), the agency may read the
-- domains of its own tenants. Writes still need the tenant's own scope (tenant_isolation).
CREATE POLICY agency_read ON "tenant_domains" FOR SELECT
  USING (
    nullif(current_setting('app.tenant_id', true), '') IS NULL
    AND tenant_id IN (SELECT id FROM tenants WHERE agency_id = nullif(current_setting('app.agency_id', true), '')::uuid)
  );
