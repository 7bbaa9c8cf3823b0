import { defineConfig } from 'drizzle-kit';

// Generate only (`npx drizzle-kit generate`); apply with `npx tsx db/migrate.ts`.
// Never `drizzle-kit push`: it plans drops of TimescaleDB-owned objects (STACK.md item 4).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema',
  out: './db/migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://postgres:password@127.0.0.1:5432/postgres' },
});
