import { Hono } from 'hono';
import { withTenant } from '../../../db/database';
import { getTenantAsset } from '../../../db/queries/brand-assets';
import { BRAND_ASSET_KINDS, type BrandAssetKind } from '../../branding/image-check';
import type { AppEnv } from '../context';
import { AppError } from '../errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** Kept as an image can be: the URL names the bytes' hash, so a new logo is a new URL. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Served from our origin, an SVG opened on its own must not run script or load anything. */
export const BRAND_ASSET_CSP = "default-src 'none'; style-src 'unsafe-inline'";

const isKind = (value: string): value is BrandAssetKind => (BRAND_ASSET_KINDS as readonly string[]).includes(value);

/**
 * `GET /api/brand/:tenantId/:kind/:sha256`: the copy of a tenant's logo or favicon the product kept
 * when the branding was written (worker/branding/), from our own origin. Branding is public (the
 * sign-in page shows it), but on a custom hostname only that tenant's assets exist; anything else is 404.
 */
export const brandAssetRoutes = new Hono<AppEnv>().get('/brand/:tenantId/:kind/:sha256', async (c) => {
  const { tenantId, kind, sha256 } = c.req.param();
  const notFound = new AppError('not_found', 'No such image.');
  if (!UUID.test(tenantId) || !isKind(kind) || !SHA256.test(sha256)) throw notFound;
  const host = await c.get('scope').host();
  if (host.kind === 'tenant' && host.tenant.id !== tenantId) throw notFound;
  const asset = await withTenant(c.get('db'), tenantId, (tx) => getTenantAsset(tx, kind, sha256));
  if (!asset) throw notFound;
  return c.body(new Uint8Array(asset.bytes), 200, {
    'content-type': asset.contentType,
    'cache-control': IMMUTABLE,
    'content-security-policy': BRAND_ASSET_CSP,
    'x-content-type-options': 'nosniff',
  });
});
