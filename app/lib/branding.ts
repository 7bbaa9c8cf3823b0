import { brandAssetPath } from '$worker/branding/asset-path';
import { type GuardedColor, guardColor, MIN_CONTRAST } from './contrast';

/** What a tenant may customise (tenants.branding JSON). Every field is optional. */
export interface Branding {
  primaryColor?: string;
  accentColor?: string;
  /** The URL the agency gave; never shown: the pages show the copy kept when it was written (its hash below). */
  logoUrl?: string;
  faviconUrl?: string;
  logoSha256?: string;
  faviconSha256?: string;
  displayName?: string;
}

/** The default theme's brand colours (app.css :root), which a tenant without its own colours shows. */
export const DEFAULT_BRAND_COLORS = { primary: '#0e7490', accent: '#f59e0b' } as const;

export interface AppliedBranding {
  displayName: string;
  logoUrl: string | null;
  faviconUrl: string | null;
  /** Inline `style` for the tenant layout: CSS custom properties only. */
  style: string;
}

// Branding is tenant-controlled input placed into a style attribute: only plain hex colours pass,
// so nothing can break out of the attribute. Images are the product's own URLs of the kept copies.
const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

export function isSafeColor(value: unknown): value is string {
  return typeof value === 'string' && HEX_COLOR.test(value.trim());
}

const SHA256 = /^[0-9a-f]{64}$/;

/** The served URL of a kept image, or null when the tenant has no kept copy of that kind. */
function keptImage(tenantId: string, kind: 'logo' | 'favicon', sha256: unknown): string | null {
  return typeof sha256 === 'string' && SHA256.test(sha256) ? brandAssetPath(tenantId, kind, sha256) : null;
}

/** The tenant's safe colours through the contrast guard (./contrast.ts): what the pages show, and whether it was adjusted. */
export function brandColors(branding: Branding | null | undefined): { primary: GuardedColor | null; accent: GuardedColor | null } {
  const b = branding ?? {};
  return {
    primary: isSafeColor(b.primaryColor) ? guardColor(b.primaryColor, MIN_CONTRAST.primary) : null,
    accent: isSafeColor(b.accentColor) ? guardColor(b.accentColor, MIN_CONTRAST.accent) : null,
  };
}

/**
 * Turns a tenant's stored branding into CSS variables and a header, ignoring anything unsafe; a colour
 * that would fail WCAG AA contrast is shown darkened. The logo and favicon are the copies kept when
 * the branding was written, served from our origin; a URL without a kept copy (written before copies
 * were kept) is not shown.
 */
export function applyBranding(branding: Branding | null | undefined, tenantName: string, tenantId: string): AppliedBranding {
  const b = branding ?? {};
  const { primary, accent } = brandColors(b);
  const vars: string[] = [];
  if (primary) vars.push(`--brand-primary: ${primary.shown}`);
  if (accent) vars.push(`--brand-accent: ${accent.shown}`);
  const displayName = typeof b.displayName === 'string' && b.displayName.trim() ? b.displayName.trim().slice(0, 80) : tenantName;
  return {
    displayName,
    logoUrl: keptImage(tenantId, 'logo', b.logoSha256),
    faviconUrl: keptImage(tenantId, 'favicon', b.faviconSha256),
    style: vars.join('; '),
  };
}
