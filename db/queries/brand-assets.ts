/** A tenant's stored logo and favicon (tenant_assets, row-level security by tenant). */
import { and, eq, sql } from 'drizzle-orm';
import type { Database, TenantTx } from '../database';
import { tenantAssets } from '../schema';

export type BrandAssetKind = 'logo' | 'favicon';

export interface BrandAssetCopy {
  kind: BrandAssetKind;
  contentType: string;
  bytes: Uint8Array;
  sha256: string;
  sourceUrl: string;
}

/**
 * Keeps the fetched copies, replacing the tenant's earlier one of each kind. `db` must be in the
 * tenant's scope (a TenantTx's db, or inAgencyTenant's).
 */
export async function saveTenantAssets(db: Database, tenantId: string, assets: readonly BrandAssetCopy[]): Promise<void> {
  for (const asset of assets) {
    const row = {
      tenantId,
      kind: asset.kind,
      contentType: asset.contentType,
      bytes: asset.bytes,
      byteLength: asset.bytes.byteLength,
      sha256: asset.sha256,
      sourceUrl: asset.sourceUrl,
    };
    await db
      .insert(tenantAssets)
      .values(row)
      .onConflictDoUpdate({
        target: [tenantAssets.tenantId, tenantAssets.kind],
        set: { ...row, fetchedAt: sql`now()` },
      });
  }
}

/** The tenant's copy of one kind when its hash is `sha256` (the served URL names the hash), else null. */
export async function getTenantAsset(
  tx: TenantTx,
  kind: BrandAssetKind,
  sha256: string,
): Promise<{ contentType: string; bytes: Uint8Array } | null> {
  const [row] = await tx.db
    .select({ contentType: tenantAssets.contentType, bytes: tenantAssets.bytes })
    .from(tenantAssets)
    .where(and(eq(tenantAssets.tenantId, tx.tenantId), eq(tenantAssets.kind, kind), eq(tenantAssets.sha256, sha256)));
  return row ?? null;
}
