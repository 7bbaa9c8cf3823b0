import { type BrandColorField, guardBrandColor } from '$lib/branding';

/** The default theme's brand colours (app.css :root): what a tenant without colours of its own shows. */
export const DEFAULT_BRAND_COLORS = { primary: '#0e7490', accent: '#b45309' } as const;

/** A colour as the pages will show it: the contrast guard's result for what was given. */
export interface PreviewColor {
  given: string;
  used: string;
  adjusted: boolean;
  /** Contrast of `used` on the theme's light backgrounds. */
  ratio: number;
  minimum: number;
}

function preview(field: BrandColorField, value: string | undefined): PreviewColor | null {
  const guarded = guardBrandColor(field, value);
  return guarded && value
    ? { given: value.trim(), used: guarded.color, adjusted: guarded.adjusted, ratio: guarded.ratio, minimum: guarded.minimum }
    : null;
}

/**
 * The primary and accent colours through applyBranding's own guard ($lib/branding),
 * for values still being typed: null for an empty or unfinished colour (the default is shown then).
 */
export function previewColors(colors: { primaryColor?: string; accentColor?: string }): {
  primary: PreviewColor | null;
  accent: PreviewColor | null;
} {
  return { primary: preview('primaryColor', colors.primaryColor), accent: preview('accentColor', colors.accentColor) };
}
