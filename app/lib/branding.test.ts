import { describe, expect, it } from 'vitest';
import { applyBranding } from './branding';

describe('applyBranding', () => {
  it('turns a tenant colour and display name into CSS variables and a header', () => {
    const applied = applyBranding(
      {
        primaryColor: '#0f766e',
        displayName: 'Partner A Co.',
        logoUrl: 'https://cdn.example.com/a.svg',
        faviconUrl: 'https://cdn.example.com/a.ico',
      },
      'Partner A',
    );
    expect(applied).toEqual({
      displayName: 'Partner A Co.',
      logoUrl: 'https://cdn.example.com/a.svg',
      faviconUrl: 'https://cdn.example.com/a.ico',
      style: '--brand-primary: #0f766e',
    });
  });

  it('falls back to the tenant name when there is no branding', () => {
    expect(applyBranding(null, 'Partner B')).toEqual({ displayName: 'Partner B', logoUrl: null, faviconUrl: null, style: '' });
  });

  it('drops values that could escape the style attribute or run script', () => {
    const applied = applyBranding(
      { primaryColor: 'red; background: url(https://evil)', logoUrl: 'javascript:alert(1)', faviconUrl: 'data:image/png;base64,AAAA' },
      'T',
    );
    expect(applied.style).toBe('');
    expect(applied.logoUrl).toBeNull();
    expect(applied.faviconUrl).toBeNull();
  });
});
