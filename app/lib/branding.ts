/** What a tenant may customise (tenants.branding JSON). Every field is optional. */
export interface Branding {
  primaryColor?: string;
  accentColor?: string;
  logoUrl?: string;
  faviconUrl?: string;
  displayName?: string;
}

export interface AppliedBranding {
  displayName: string;
  logoUrl: string | null;
  faviconUrl: string | null;
  /** Inline `style` for the tenant layout: CSS custom properties only. */
  style: string;
}

// Branding is tenant-controlled input placed into a style attribute and an <img src>:
// only plain hex colours and http(s)/root-relative URLs pass, so nothing can break out of the attribute.
const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

export function isSafeColor(value: unknown): value is string {
  return typeof value === 'string' && HEX_COLOR.test(value.trim());
}

export function isSafeLogoUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2000) return false;
  if (/^\/(?!\/)/.test(value)) return true;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Turns a tenant's stored branding into CSS variables and a header, ignoring anything unsafe. */
export function applyBranding(branding: Branding | null | undefined, tenantName: string): AppliedBranding {
  const b = branding ?? {};
  const vars: string[] = [];
  if (isSafeColor(b.primaryColor)) vars.push(`--brand-primary: ${b.primaryColor.trim()}`);
  if (isSafeColor(b.accentColor)) vars.push(`--brand-accent: ${b.accentColor.trim()}`);
  const displayName = typeof b.displayName === 'string' && b.displayName.trim() ? b.displayName.trim().slice(0, 80) : tenantName;
  return {
    displayName,
    logoUrl: isSafeLogoUrl(b.logoUrl) ? b.logoUrl : null,
    faviconUrl: isSafeLogoUrl(b.faviconUrl) ? b.faviconUrl : null,
    style: vars.join('; '),
  };
}
