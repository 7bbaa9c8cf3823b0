-- audit_log holds two kinds of rows: a tenant's (tenant_id set) and an agency's own (tenant_id null,
-- agency_id set). It gets the same ENABLE + FORCE row-level security as every tenant-owned table, with
-- two scopes, each set per transaction with set_config(..., true) like app.tenant_id (db/database.ts):
--   * tenant scope, app.tenant_id: exactly that tenant's rows. A null tenant_id never equals the
--     setting, so agency-level rows never appear in (and cannot be written from) a tenant's scope.
--   * agency scope, app.agency_id: the agency's own rows (tenant_id null), and only while no tenant is
--     set, so adding an agency id to a tenant's transaction does not widen it. Reading a client
--     tenant's entries takes that tenant's scope.
-- With neither set, the application role sees no row and can write none.
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "audit_log"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY agency_isolation ON "audit_log"
  USING (
    tenant_id IS NULL
    AND nullif(current_setting('app.tenant_id', true), '') IS NULL
    AND agency_id = nullif(current_setting('app.agency_id', true), '')::uuid
  )
  WITH CHECK (
    tenant_id IS NULL
    AND nullif(current_setting('app.tenant_id', true), '') IS NULL
    AND agency_id = nullif(current_setting('app.agency_id', true), '')::uuid
  );
