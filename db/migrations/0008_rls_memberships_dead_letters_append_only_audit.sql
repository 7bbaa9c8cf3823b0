-- memberships and dead_letters were the last tables with a tenant_id outside row-level security, and
-- the application role could rewrite the audit trail. Scopes are transaction-local settings, set with
-- set_config(..., true) by the functions of db/database.ts, like app.tenant_id (0001, 0004).
--
-- memberships, three scopes:
--   * user scope, app.user_id (withUser): read-only, the user's own rows. Sign-in, the tenant picker and
--     the agency views read who the user is before any tenant is known. Read-only, so no one grants
--     themselves a membership.
--   * tenant scope, app.tenant_id: that tenant's memberships (people of one client workspace).
--   * agency scope, app.agency_id: the agency's own memberships, only while no tenant is set (as in 0004).
ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY own_memberships ON "memberships" FOR SELECT
  USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "memberships"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY agency_isolation ON "memberships"
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
--> statement-breakpoint
-- dead_letters, two scopes:
--   * fleet scope, app.fleet = 'on' (withFleet, only in db/queries/fleet.ts): the queue consumer parks any
--     tenant's message (or one without a tenant), the operator lists and re-drives them.
--   * tenant scope, app.tenant_id: read-only, the tenant's own letters (its pipeline-health view).
ALTER TABLE "dead_letters" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "dead_letters" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY fleet_access ON "dead_letters"
  USING (current_setting('app.fleet', true) = 'on')
  WITH CHECK (current_setting('app.fleet', true) = 'on');
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "dead_letters" FOR SELECT
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
-- audit_log is append-only for the application role: it reads and inserts in its scopes (0004) and
-- can neither rewrite nor remove an entry. Foreign-key actions (a deleted tenant or user) run as the
-- table owner, so they still apply.
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM tidemark_app;
