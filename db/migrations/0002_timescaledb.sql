-- Optional TimescaleDB. Plain tables keep working everywhere; with any TimescaleDB (Apache or TSL)
-- ad_stats_daily becomes a monthly-chunked hypertable.
-- Compression needs the TSL license AND a table without row-level security: TimescaleDB 2.23
-- refuses both orders ("columnstore cannot be used on table with row security", and
-- "operation not supported on hypertables that have columnstore enabled" for ENABLE RLS).
-- Tenant isolation wins, so while ad_stats_daily has RLS (0001) it is not compressed.
-- drizzle's migrator runs all pending migrations in one transaction, so nothing here may need
-- to run outside one (no CALL refresh_continuous_aggregate, no WITH DATA).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
    RAISE NOTICE 'timescaledb not available: ad_stats_daily stays a plain table';
    RETURN;
  END IF;

  CREATE EXTENSION IF NOT EXISTS timescaledb;

  PERFORM create_hypertable(
    'ad_stats_daily',
    by_range('date', INTERVAL '1 month'),
    if_not_exists => true,
    migrate_data => true
  );

  IF current_setting('timescaledb.license', true) IS DISTINCT FROM 'timescale' THEN
    RETURN;
  END IF;

  IF (SELECT relrowsecurity FROM pg_class WHERE oid = 'ad_stats_daily'::regclass) THEN
    RAISE NOTICE 'ad_stats_daily has row-level security: TimescaleDB compression skipped';
    RETURN;
  END IF;

  ALTER TABLE ad_stats_daily SET (
    timescaledb.compress,
    timescaledb.compress_segmentby = 'tenant_id, ad_account_id',
    timescaledb.compress_orderby = 'date DESC, ad_id'
  );
  PERFORM add_compression_policy('ad_stats_daily', INTERVAL '30 days', if_not_exists => true);
END $$;
