import { describe, expect, it } from 'vitest';
import { applyBranding } from './branding';

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
      adjustments: [],
    });
  });

  it('falls back to the tenant name when there is no branding', () => {
    expect(applyBranding(null, 'Partner B', TENANT)).toEqual({
      displayName: 'Partner B',
      logoUrl: null,
      faviconUrl: null,
      style: '',
      adjustments: [],
    });
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

  it('darkens a tenant colour that would fail WCAG AA and says so', () => {
    const applied = applyBranding({ primaryColor: '#fbbf24', accentColor: '#f59e0b' }, 'T', TENANT);
    const [primary, accent] = applied.adjustments;
    expect(primary).toMatchObject({ field: 'primaryColor', given: '#fbbf24' });
    expect(primary?.ratio).toBeGreaterThanOrEqual(4.5);
    expect(accent).toMatchObject({ field: 'accentColor', given: '#f59e0b' });
    expect(accent?.ratio).toBeGreaterThanOrEqual(3);
    expect(applied.style).toBe(`--brand-primary: ${primary?.used}; --brand-accent: ${accent?.used}`);
  });
});
