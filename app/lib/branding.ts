import { brandAssetPath } from '$worker/branding/asset-path';
import { GRAPHIC_CONTRAST, guardColor, TEXT_CONTRAST } from './contrast';

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

export interface AppliedBranding {
  displayName: string;
  logoUrl: string | null;
  faviconUrl: string | null;
  /** Inline `style` for the tenant layout: CSS custom properties only. */
  style: string;
  /** Tenant colours the contrast guard darkened, so the settings page can say so. */
  adjustments: ColorAdjustment[];
}

export interface ColorAdjustment {
  field: 'primaryColor' | 'accentColor';
  given: string;
  used: string;
  /** The contrast of `used` against the theme's light backgrounds. */
  ratio: number;
}

/**
 * What each brand colour must reach against the theme's light backgrounds: the primary colour is
 * link text and the fill behind white button labels (text, 4.5:1); the accent marks graphics (3:1).
 */
const COLOR_FIELDS = [
  { field: 'primaryColor', variable: '--brand-primary', minimum: TEXT_CONTRAST },
  { field: 'accentColor', variable: '--brand-accent', minimum: GRAPHIC_CONTRAST },
] as const;

export type BrandColorField = (typeof COLOR_FIELDS)[number]['field'];

/** A tenant's brand colour as the pages show it (the contrast guard at that colour's minimum), or null when it is not a safe colour. */
export function guardBrandColor(field: BrandColorField, value: unknown) {
  const minimum = COLOR_FIELDS.find((c) => c.field === field)!.minimum;
  const guarded = isSafeColor(value) ? guardColor(value, minimum) : null;
  return guarded && { ...guarded, minimum };
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

/**
 * Turns a tenant's stored branding into CSS variables and a header, ignoring anything unsafe and
 * darkening colours that would fail WCAG AA on the theme's backgrounds. The logo
 * and favicon are the copies kept when the branding was written, served from our origin; a URL
 * without a kept copy (written before copies were kept) is not shown.
 */
export function applyBranding(branding: Branding | null | undefined, tenantName: string, tenantId: string): AppliedBranding {
  const b = branding ?? {};
  const vars: string[] = [];
  const adjustments: ColorAdjustment[] = [];
  for (const { field, variable } of COLOR_FIELDS) {
    const given = b[field];
    const guarded = guardBrandColor(field, given);
    if (!given || !guarded) continue;
    vars.push(`${variable}: ${guarded.color}`);
    if (guarded.adjusted) adjustments.push({ field, given: given.trim(), used: guarded.color, ratio: guarded.ratio });
  }
  const displayName = typeof b.displayName === 'string' && b.displayName.trim() ? b.displayName.trim().slice(0, 80) : tenantName;
  return {
    displayName,
    logoUrl: keptImage(tenantId, 'logo', b.logoSha256),
    faviconUrl: keptImage(tenantId, 'favicon', b.faviconSha256),
    style: vars.join('; '),
    adjustments,
  };
}
