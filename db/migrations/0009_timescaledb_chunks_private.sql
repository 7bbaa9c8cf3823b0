-- TimescaleDB chunks do not inherit the row-level security of their hypertable
-- (timescale/timescaledb#7830), yet each new chunk copies the hypertable's grants: the application
-- role could read every tenant's facts straight from _timescaledb_internal._hyper_*_chunk. Reads and
-- writes through the hypertable check the hypertable's privileges and policies only, so the role needs
-- nothing in that schema. Taking USAGE away (from PUBLIC too, which TimescaleDB grants it) covers every
-- chunk, present and future; revoking the chunks' own grants and the schema's default privileges is
-- the second wall. A no-op without TimescaleDB.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')
     OR NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '_timescaledb_internal') THEN
    RAISE NOTICE 'timescaledb not installed: no chunks to keep private';
    RETURN;
  END IF;

  REVOKE ALL ON ALL TABLES IN SCHEMA _timescaledb_internal FROM tidemark_app;
  ALTER DEFAULT PRIVILEGES IN SCHEMA _timescaledb_internal REVOKE ALL ON TABLES FROM tidemark_app;
  REVOKE ALL ON SCHEMA _timescaledb_internal FROM tidemark_app;
  REVOKE ALL ON SCHEMA _timescaledb_internal FROM PUBLIC;

  -- A REVOKE by a role that does not own the schema only warns; a deploy must not go on with readable chunks.
  IF has_schema_privilege('tidemark_app', '_timescaledb_internal', 'USAGE') THEN
    RAISE EXCEPTION 'tidemark_app can still use schema _timescaledb_internal: run the migrations as its owner';
  END IF;
END $$;
