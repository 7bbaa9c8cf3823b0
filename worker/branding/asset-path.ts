/** Where the product serves a tenant's kept logo or favicon (worker/api/routes/brand-assets.ts), from its own origin. */
export function brandAssetPath(tenantId: string, kind: 'logo' | 'favicon', sha256: string): string {
  return `/api/brand/${encodeURIComponent(tenantId)}/${kind}/${sha256}`;
}
