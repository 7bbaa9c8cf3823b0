/**
 * Who a mail comes from and where its links point. A mail about a tenant carries the tenant's
 * branded product name as the sender name (never "Tidemark" for a white-labelled tenant) and links
 * on the tenant's verified custom hostname when it has one; otherwise the product's name and origin.
 */
import type { TenantBranding } from '../../db/schema';
import { brandAssetPath } from '../branding/asset-path';

export const PRODUCT_NAME = 'Tidemark';

export interface MailBrand {
  productName: string;
  /** Origin of the links in the mail, e.g. `https://insights.client.com`. */
  linkOrigin: string;
}

export interface BrandTenant {
  /** The tenant's id: the kept logo's URL names it. */
  id?: string;
  name: string;
  branding: TenantBranding;
  /** The tenant's verified custom hostname, if any. */
  verifiedHostname: string | null;
}

/** The tenant's product name: its branding's display name, else its own name (the pages do the same). */
export function tenantProductName(tenant: { name: string; branding: TenantBranding }): string {
  const display = tenant.branding.displayName?.trim();
  return (display || tenant.name).slice(0, 80);
}

/**
 * `appOrigin` is the product's origin for this request. A custom hostname is served over https in
 * production; locally it keeps the app origin's scheme and port, so links open against the dev server.
 */
export function mailBrand(tenant: BrandTenant | null, appOrigin: string, production: boolean): MailBrand {
  if (!tenant) return { productName: PRODUCT_NAME, linkOrigin: appOrigin };
  let linkOrigin = appOrigin;
  if (tenant.verifiedHostname) {
    const app = new URL(appOrigin);
    linkOrigin = production
      ? `https://${tenant.verifiedHostname}`
      : `${app.protocol}//${tenant.verifiedHostname}${app.port ? `:${app.port}` : ''}`;
  }
  return { productName: tenantProductName(tenant), linkOrigin };
}

/** A link on the brand's origin; the token is a path segment (never a query parameter, which would reach logs). */
export function mailLink(brand: MailBrand, path: string, token: string): string {
  return `${brand.linkOrigin}${path}/${encodeURIComponent(token)}`;
}

/**
 * The absolute URL of the tenant's kept logo (the copy fetched when its branding was written), on the
 * mail's link origin; null without a tenant or a kept logo. Mail clients load it from us, never the agency's URL.
 */
export function mailLogoUrl(tenant: BrandTenant | null, brand: MailBrand): string | null {
  const sha256 = tenant?.branding.logoSha256;
  if (!tenant?.id || !sha256 || !/^[0-9a-f]{64}$/.test(sha256)) return null;
  return `${brand.linkOrigin}${brandAssetPath(tenant.id, 'logo', sha256)}`;
}
