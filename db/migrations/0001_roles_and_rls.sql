-- The application role. LOGIN and its password are set at runtime by ensureAppRole (db/migrate.ts),
-- never here. It does not own any table and cannot bypass row-level security.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tidemark_app') THEN
    CREATE ROLE tidemark_app NOLOGIN NOBYPASSRLS;
  ELSIF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tidemark_app' AND rolbypassrls) THEN
    ALTER ROLE tidemark_app NOBYPASSRLS;
  END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO tidemark_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO tidemark_app;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO tidemark_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tidemark_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO tidemark_app;
--> statement-breakpoint
-- Every table with a NOT NULL tenant_id gets the same policy; FORCE makes it apply to the owner too.
-- app.tenant_id is set per transaction with set_config(..., true) by withTenant (db/client.ts).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'tenant_domains', 'connections', 'ad_accounts', 'campaigns', 'ad_groups', 'ads',
    'ad_stats_daily', 'ad_stats_hourly', 'campaign_daily', 'account_daily', 'sync_runs'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I
         USING (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)
         WITH CHECK (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)',
      t
    );
  END LOOP;
END $$;
--> statement-breakpoint
-- Custom-domain routing must find a tenant before one is known: a transaction that sets
-- app.hostname may read exactly that hostname's row and nothing else.
CREATE POLICY hostname_lookup ON tenant_domains FOR SELECT
  USING (hostname = nullif(current_setting('app.hostname', true), ''));
