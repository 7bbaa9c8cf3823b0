import { describe, expect, it } from 'vitest';
import { linkExpiry, linkPlatforms, linkState, ONBOARDING_TOKEN, onboardingUrl } from './link-policy';

const now = new Date('2026-11-30T10:00:00Z');

describe('onboarding link policy', () => {
  it('expires a link after 7 days by default and never later than 30', () => {
    expect(linkExpiry(now).toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(linkExpiry(now, 3).toISOString()).toBe('2026-12-03T10:00:00.000Z');
    expect(linkExpiry(now, 90).toISOString()).toBe('2026-12-30T10:00:00.000Z');
  });

  it('allows all three platforms unless the link names some, in a stable order', () => {
    expect(linkPlatforms(undefined)).toEqual(['meta', 'google_ads', 'linkedin']);
    expect(linkPlatforms(['linkedin', 'meta'])).toEqual(['meta', 'linkedin']);
  });

  it('opens on the verified custom hostname with the product’s scheme and port, else on the product’s origin', () => {
    const token = 'a'.repeat(43);
    expect(onboardingUrl('https://app.tidemark.io', 'dash.client.example', token)).toBe(`https://dash.client.example/onboard/${token}`);
    expect(onboardingUrl('http://127.0.0.1:8787', 'dash.client.example', token)).toBe(`http://dash.client.example:8787/onboard/${token}`);
    expect(onboardingUrl('https://app.tidemark.io', null, token)).toBe(`https://app.tidemark.io/onboard/${token}`);
  });

  it('tells a revoked link from an expired one', () => {
    expect(linkState({ expiresAt: new Date(now.getTime() + 1), revokedAt: null }, now)).toBe('usable');
    expect(linkState({ expiresAt: now, revokedAt: null }, now)).toBe('expired');
    expect(linkState({ expiresAt: new Date(now.getTime() + 1), revokedAt: now }, now)).toBe('revoked');
  });

  it('recognises only 43-character base64url tokens', () => {
    expect(ONBOARDING_TOKEN.test('A'.repeat(43))).toBe(true);
    expect(ONBOARDING_TOKEN.test('A'.repeat(42))).toBe(false);
    expect(ONBOARDING_TOKEN.test(`${'A'.repeat(42)}/`)).toBe(false);
  });
});
