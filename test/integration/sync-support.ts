import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { rowsOf } from '../../db/database';
import { decryptToken, importTokenKeyring } from '../../worker/auth/token-crypto';
import { readConfig, tokenKeys } from '../../worker/env';
import type { SyncDeps } from '../../worker/jobs/sync';
import { createSyncDeps } from '../../worker/jobs/sync-deps';
import { clockOf } from '../../worker/lib/clock';
import { control, type Platform } from './pipeline-support';

/** The Worker's configuration as the queue consumer reads it. */
export const workerConfig = () => readConfig(env as unknown as Env);

/** "Now" as the Worker's pipeline sees it: the test time scale starts at the fakes' frozen instant. */
export const workerNow = () => clockOf(workerConfig()).now();

/**
 * Real dependencies of a sync job, wired as the queue consumer wires them: the application role's
 * database, the fakes over real fetch, the tenant's TenantHub and the shared PlatformQuota objects.
 */
export async function realSyncDeps(db: Database, overrides: Partial<SyncDeps> = {}): Promise<SyncDeps> {
  return { ...(await createSyncDeps(env as unknown as Env, db, workerConfig())), ...overrides };
}

export interface StoredConnection {
  id: string;
  status: string;
  accessToken: string;
  refreshToken: string | null;
  accessExpiresAt: Date | null;
  lastError: string | null;
}

/** The tenant's one connection, tokens decrypted (tests only: they compare tokens with what the fake issued). */
export async function storedConnection(db: Database, tenantId: string): Promise<StoredConnection> {
  const [row] = rowsOf<{
    id: string;
    status: string;
    access_token_enc: string;
    refresh_token_enc: string | null;
    access_expires_at: string | Date | null;
    last_error: string | null;
  }>(
    await db.execute(
      sql`select id, status, access_token_enc, refresh_token_enc, access_expires_at, last_error from connections where tenant_id = ${tenantId}`,
    ),
  );
  if (!row) throw new Error(`tenant ${tenantId} has no connection`);
  const keys = await importTokenKeyring(tokenKeys(workerConfig()));
  const binding = { tenantId, connectionId: row.id };
  return {
    id: row.id,
    status: row.status,
    accessToken: await decryptToken(keys, row.access_token_enc, { ...binding, field: 'access' }),
    refreshToken: row.refresh_token_enc ? await decryptToken(keys, row.refresh_token_enc, { ...binding, field: 'refresh' }) : null,
    accessExpiresAt: row.access_expires_at === null ? null : new Date(row.access_expires_at),
    lastError: row.last_error,
  };
}

/** Makes the fake refuse exactly this token from now on (the member's other tokens keep working). */
export async function spoilToken(platform: Platform, token: string, action: 'expire' | 'revoke'): Promise<void> {
  await control(`/tokens/${platform}`, { method: 'POST', body: JSON.stringify({ token, action }) });
}
