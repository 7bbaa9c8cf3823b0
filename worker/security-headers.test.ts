import { describe, expect, it } from 'vitest';
import { HSTS, NON_PAGE_CSP, securityHeaders, withSecurityHeaders } from './security-headers';

describe('securityHeaders', () => {
  it('always forbids sniffing and limits the referrer to the origin across sites', () => {
    expect(securityHeaders('http://127.0.0.1:8787/api/me', false)).toEqual({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'content-security-policy': NON_PAGE_CSP,
    });
  });

  it('adds Strict-Transport-Security only over https', () => {
    expect(securityHeaders('https://app.tidemark.example/', true)['strict-transport-security']).toBe(HSTS);
    expect(securityHeaders('http://app.tidemark.example/', true)).not.toHaveProperty('strict-transport-security');
  });

  it('leaves a page’s own Content-Security-Policy alone', () => {
    expect(securityHeaders('https://app.tidemark.example/t/a', true)).not.toHaveProperty('content-security-policy');
  });

  it('forbids framing in the policy for responses that are not pages', () => {
    expect(NON_PAGE_CSP).toContain("frame-ancestors 'none'");
    expect(NON_PAGE_CSP).toContain("default-src 'none'");
  });
});

describe('withSecurityHeaders', () => {
  it('adds the headers to a response whose headers are immutable, keeping its status and body', async () => {
    const original = Response.redirect('https://app.tidemark.example/login', 303);
    const secured = withSecurityHeaders(new Request('https://app.tidemark.example/'), original);
    expect(secured.status).toBe(303);
    expect(secured.headers.get('location')).toBe('https://app.tidemark.example/login');
    expect(secured.headers.get('x-content-type-options')).toBe('nosniff');
    expect(secured.headers.get('strict-transport-security')).toBe(HSTS);
  });

  it('keeps the page’s policy when it has one', () => {
    const page = new Response('<!doctype html>', { headers: { 'content-security-policy': "script-src 'self' 'nonce-abc'" } });
    const secured = withSecurityHeaders(new Request('http://127.0.0.1:8787/'), page);
    expect(secured.headers.get('content-security-policy')).toBe("script-src 'self' 'nonce-abc'");
  });
});
