import { fileURLToPath, pathToFileURL } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

export const APP_ROLE = 'tidemark_app';
const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Applies every pending migration (generated and hand-written) as the given superuser/owner. */
export async function migrateDatabase(superuserUrl: string): Promise<void> {
  await withClient(superuserUrl, async (client) => {
    await migrate(drizzle({ client }), { migrationsFolder });
  });
}

/** Creates the application role if needed and lets it log in with `password`. */
export async function ensureAppRole(superuserUrl: string, password: string): Promise<void> {
  await withClient(superuserUrl, async (client) => {
    const exists = await client.query('select 1 from pg_roles where rolname = $1', [APP_ROLE]);
    // Role names and passwords cannot be bind parameters in DDL.
    const passwordLiteral = client.escapeLiteral(password);
    if (exists.rowCount === 0) {
      await client.query(`create role ${APP_ROLE} login nobypassrls password ${passwordLiteral}`);
    } else {
      await client.query(`alter role ${APP_ROLE} login password ${passwordLiteral}`);
    }
  });
}

/** The same database as `superuserUrl`, logged in as the application role. */
export function appRoleUrl(superuserUrl: string, password: string): string {
  const url = new URL(superuserUrl);
  url.username = APP_ROLE;
  url.password = encodeURIComponent(password);
  return url.toString();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error('DATABASE_URL is not set');
    process.exit(1);
  }
  await migrateDatabase(databaseUrl);
  const appPassword = process.env.APP_DB_PASSWORD;
  if (appPassword) await ensureAppRole(databaseUrl, appPassword);
  console.log(`migrations applied${appPassword ? `; ${APP_ROLE} can log in` : ''}`);
}
