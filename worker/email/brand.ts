/**
 * Who a mail comes from and where its links point. A mail about a tenant carries the tenant's
 * branded product name as the sender name (never "Tidemark" for a white-labelled tenant) and links
 * on the tenant's verified custom hostname when it has one; otherwise the product's name and origin.
 */
import type { TenantBranding } from '../../db/schema';

export const PRODUCT_NAME = 'Tidemark';

export interface MailBrand {
  productName: string;
  /** Origin of the links in the mail, e.g. `https://insights.client.com`. */
  linkOrigin: string;
}

export interface BrandTenant {
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
