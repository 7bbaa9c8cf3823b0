import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyBranding, brandColors, DEFAULT_BRAND_COLORS } from './branding';

const TENANT = '6f1c0a52-3d4e-4b8a-9c7d-2e5f6a7b8c9d';
const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

describe('applyBranding', () => {
  it('turns a tenant colour and display name into CSS variables and a header, with its kept images on our origin', () => {
    const applied = applyBranding(
      {
        primaryColor: '#0f766e',
        displayName: 'Partner A Co.',
        logoUrl: 'https://cdn.example.com/a.svg',
        faviconUrl: 'https://cdn.example.com/a.ico',
        logoSha256: SHA_A,
        faviconSha256: SHA_B,
      },
      'Partner A',
      TENANT,
    );
    expect(applied).toEqual({
      displayName: 'Partner A Co.',
      logoUrl: `/api/brand/${TENANT}/logo/${SHA_A}`,
      faviconUrl: `/api/brand/${TENANT}/favicon/${SHA_B}`,
      style: '--brand-primary: #0f766e',
    });
  });

  it('falls back to the tenant name when there is no branding', () => {
    expect(applyBranding(null, 'Partner B', TENANT)).toEqual({ displayName: 'Partner B', logoUrl: null, faviconUrl: null, style: '' });
  });

  it('never shows the URL the agency gave, only a kept copy', () => {
    const applied = applyBranding({ logoUrl: 'https://cdn.example.com/a.svg', faviconUrl: 'https://cdn.example.com/a.ico' }, 'T', TENANT);
    expect([applied.logoUrl, applied.faviconUrl]).toEqual([null, null]);
  });

  it('drops values that could escape the style attribute or the image path', () => {
    const applied = applyBranding(
      { primaryColor: 'red; background: url(https://evil)', logoSha256: '../../evil', faviconSha256: `${SHA_A}"` },
      'T',
      TENANT,
    );
    expect(applied.style).toBe('');
    expect(applied.logoUrl).toBeNull();
    expect(applied.faviconUrl).toBeNull();
  });
});

describe('the contrast guard in the tenant’s pages', () => {
  it('shows a colour that would fail AA darkened, and says so', () => {
    const { primary, accent } = brandColors({ primaryColor: '#ffd700', accentColor: '#225588' });
    expect(primary).toMatchObject({ chosen: '#ffd700', adjusted: true });
    expect(accent).toMatchObject({ chosen: '#225588', shown: '#225588', adjusted: false });
    expect(applyBranding({ primaryColor: '#ffd700', accentColor: '#225588' }, 'T', TENANT).style).toBe(
      `--brand-primary: ${primary!.shown}; --brand-accent: #225588`,
    );
  });

  it('has nothing to guard without safe colours', () => {
    expect(brandColors({ primaryColor: 'red' })).toEqual({ primary: null, accent: null });
  });
});

describe('DEFAULT_BRAND_COLORS', () => {
  it('are the default theme’s brand colours in app.css', () => {
    const css = readFileSync(new URL('../app.css', import.meta.url), 'utf8');
    expect(css).toContain(`--brand-primary: ${DEFAULT_BRAND_COLORS.primary};`);
    expect(css).toContain(`--brand-accent: ${DEFAULT_BRAND_COLORS.accent};`);
  });
});
