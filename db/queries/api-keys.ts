import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Database, withUser } from '../database';
import { type ApiKeyScope, apiKeys, auditLog, type MembershipRole, memberships, users } from '../schema';
import type { AgencyTx } from './agency-scope';

export type ApiKeyCandidate = {
  id: string;
  agencyId: string;
  keyHash: string;
  scope: ApiKeyScope;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

/**
 * The keys with this prefix (normally one), read in a transaction that may see exactly those rows
 * (policy key_lookup, migration api_keys_rls); the caller compares the hash in constant time.
 */
export async function findApiKeysByPrefix(db: Database, prefix: string): Promise<ApiKeyCandidate[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.api_key_prefix', ${prefix}, true)`);
    return tx
      .select({
        id: apiKeys.id,
        agencyId: apiKeys.agencyId,
        keyHash: apiKeys.keyHash,
        scope: apiKeys.scope,
        revokedAt: apiKeys.revokedAt,
        lastUsedAt: apiKeys.lastUsedAt,
      })
      .from(apiKeys)
      .where(eq(apiKeys.prefix, prefix));
  });
}

/** Records a use of the key; the caller calls it at most once a minute per key (isLastUsedStale). */
export async function touchApiKeyLastUsed(tx: AgencyTx, keyId: string, now: Date): Promise<void> {
  await tx.db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.agencyId, tx.agencyId)));
}

export type ApiKeySummary = {
  id: string;
  name: string;
  prefix: string;
  scope: ApiKeyScope;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: string | null;
};

const summaryColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scope: apiKeys.scope,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  createdBy: users.email,
};

export type NewApiKeyRow = { name: string; prefix: string; keyHash: string; scope: ApiKeyScope; createdByUserId: string };

/** Stores a new key (prefix and hash only) and writes `agency.api_key.created` to the agency's audit log. */
export async function createApiKey(tx: AgencyTx, key: NewApiKeyRow): Promise<ApiKeySummary> {
  const [row] = await tx.db
    .insert(apiKeys)
    .values({ agencyId: tx.agencyId, ...key })
    .returning({ id: apiKeys.id });
  await recordAgencyAudit(tx, key.createdByUserId, 'agency.api_key.created', row!.id, {
    name: key.name,
    prefix: key.prefix,
    scope: key.scope,
  });
  const [summary] = await listApiKeys(tx, row!.id);
  return summary!;
}

/** The agency's keys, newest first (revoked ones included, marked). */
export async function listApiKeys(tx: AgencyTx, onlyId?: string): Promise<ApiKeySummary[]> {
  return tx.db
    .select(summaryColumns)
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdByUserId))
    .where(and(eq(apiKeys.agencyId, tx.agencyId), onlyId ? eq(apiKeys.id, onlyId) : undefined))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Revokes one of the agency's keys; false when the agency has no such unrevoked key. */
export async function revokeApiKey(tx: AgencyTx, keyId: string, actorUserId: string, now: Date): Promise<boolean> {
  const revoked = await tx.db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.agencyId, tx.agencyId), isNull(apiKeys.revokedAt)))
    .returning({ prefix: apiKeys.prefix, name: apiKeys.name });
  if (!revoked.length) return false;
  await recordAgencyAudit(tx, actorUserId, 'agency.api_key.revoked', keyId, { name: revoked[0]!.name, prefix: revoked[0]!.prefix });
  return true;
}

/** An agency-level audit entry (no tenant): who did what to which object. */
export async function recordAgencyAudit(
  tx: AgencyTx,
  actorUserId: string | null,
  action: string,
  target: string,
  details: Record<string, unknown>,
): Promise<void> {
  await tx.db.insert(auditLog).values({ agencyId: tx.agencyId, actorUserId, action, target, details });
}

export type AgencyRole = { agencyId: string; role: MembershipRole };

/** The agencies the user is a member of, with the role (memberships name an agency or a tenant). */
/** Read in the user's scope: row-level security shows a user only their own memberships (migration 0008). */
export async function listAgencyRolesForUser(db: Database, userId: string, roles?: MembershipRole[]): Promise<AgencyRole[]> {
  const rows = await withUser(db, userId, (tx) =>
    tx
      .select({ agencyId: memberships.agencyId, role: memberships.role })
      .from(memberships)
      .where(
        and(eq(memberships.userId, userId), sql`${memberships.agencyId} is not null`, roles ? inArray(memberships.role, roles) : undefined),
      ),
  );
  return rows.map((r) => ({ agencyId: r.agencyId!, role: r.role }));
}
