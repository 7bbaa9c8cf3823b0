import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyBranding } from '$lib/branding';
import { DEFAULT_BRAND_COLORS, previewColors } from './preview-colors';

const TENANT = '6f1c0a52-3d4e-4b8a-9c7d-2e5f6a7b8c9d';

describe('previewColors', () => {
  it('shows exactly the colours the tenant’s pages will use', () => {
    const colors = { primaryColor: '#ffd700', accentColor: '#f59e0b' };
    const { primary, accent } = previewColors(colors);
    expect(applyBranding(colors, 'T', TENANT).style).toBe(`--brand-primary: ${primary?.used}; --brand-accent: ${accent?.used}`);
    expect(primary).toMatchObject({ given: '#ffd700', adjusted: true, minimum: 4.5 });
    expect(primary!.ratio).toBeGreaterThanOrEqual(4.5);
    expect(accent).toMatchObject({ given: '#f59e0b', adjusted: true, minimum: 3 });
  });

  it('keeps a colour that passes, and has nothing for an empty or unfinished one', () => {
    expect(previewColors({ primaryColor: '#1d4ed8' }).primary).toMatchObject({ used: '#1d4ed8', adjusted: false });
    expect(previewColors({ primaryColor: '', accentColor: '#12' })).toEqual({ primary: null, accent: null });
  });

  it('falls back to the default theme’s brand colours, those of app.css', () => {
    const css = readFileSync(new URL('../../../../app.css', import.meta.url), 'utf8');
    expect(css).toContain(`--brand-primary: ${DEFAULT_BRAND_COLORS.primary};`);
    expect(css).toContain(`--brand-accent: ${DEFAULT_BRAND_COLORS.accent};`);
  });
});
