import { describe, expect, it } from 'vitest';
import { mailBrand, mailLink, mailLogoUrl } from './brand';
import { escapeHtml, invitationEmail, passwordResetEmail } from './templates';

describe('email templates', () => {
  const invitation = {
    productName: 'Acme <Insights>',
    inviterName: 'Eve "the admin" <script>alert(1)</script>',
    placeName: 'Partner & Co',
    role: 'editor',
    acceptUrl: 'https://insights.acme.test/invite/abc"><img src=x>',
    expiresAt: new Date('2026-12-09T10:00:00Z'),
  };

  it('escapes every user- and tenant-supplied value in the HTML part', () => {
    const { html } = invitationEmail(invitation);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<Insights>');
    expect(html).not.toContain('"><img');
    expect(html).toContain('Acme &lt;Insights&gt;');
    expect(html).toContain('Partner &amp; Co');
    expect(html).toContain('href="https://insights.acme.test/invite/abc&quot;&gt;&lt;img src=x&gt;"');
  });

  it('says who invited whom to what, as which role, in both parts, and names the product in the subject', () => {
    const mail = invitationEmail({ ...invitation, inviterName: 'Eve', productName: 'Acme Insights' });
    expect(mail.subject).toBe('Eve invited you to Partner & Co on Acme Insights');
    expect(mail.text).toContain('Eve invited you to join Partner & Co on Acme Insights as editor.');
    expect(mail.text).toContain(invitation.acceptUrl);
    expect(mail.html).toContain('as editor.');
  });

  it('keeps a subject on one line whatever the names contain', () => {
    expect(invitationEmail({ ...invitation, placeName: 'A\r\nBcc: x@evil.test' }).subject).not.toMatch(/[\r\n]/);
    expect(passwordResetEmail({ productName: 'X\nY', userName: 'U', resetUrl: 'https://a.test/r/1' }).subject).toBe(
      'Reset your X Y password',
    );
  });

  it('puts the reset link in both parts of the password-reset mail', () => {
    const mail = passwordResetEmail({ productName: 'Tidemark', userName: 'Ada <b>', resetUrl: 'https://app.test/reset-password/tok' });
    expect(mail.text).toContain('https://app.test/reset-password/tok');
    expect(mail.html).toContain('href="https://app.test/reset-password/tok"');
    expect(mail.html).toContain('Hello Ada &lt;b&gt;,');
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('mail brand', () => {
  const tenant = { name: 'Partner A', branding: { displayName: 'Acme Insights' }, verifiedHostname: 'insights.acme.test' };

  it("sends a white-labelled tenant's mail under its product name, never Tidemark, with links on its custom hostname", () => {
    expect(mailBrand(tenant, 'https://app.tidemark.dev', true)).toEqual({
      productName: 'Acme Insights',
      linkOrigin: 'https://insights.acme.test',
    });
  });

  it('keeps the local scheme and port for a custom hostname outside production', () => {
    expect(mailBrand(tenant, 'http://127.0.0.1:8787', false).linkOrigin).toBe('http://insights.acme.test:8787');
  });

  it("falls back to the tenant's name and the app origin without branding or a verified hostname", () => {
    expect(mailBrand({ name: 'Partner B', branding: {}, verifiedHostname: null }, 'https://app.tidemark.dev', true)).toEqual({
      productName: 'Partner B',
      linkOrigin: 'https://app.tidemark.dev',
    });
  });

  it("uses Tidemark and the app origin for mail that concerns no tenant (an agency's own people)", () => {
    expect(mailBrand(null, 'https://app.tidemark.dev', true)).toEqual({ productName: 'Tidemark', linkOrigin: 'https://app.tidemark.dev' });
  });

  it('shows the tenant’s kept logo in its mail, absolute on the mail’s link origin, and none without a kept copy', () => {
    const id = '6f1c0a52-3d4e-4b8a-9c7d-2e5f6a7b8c9d';
    const sha = 'c'.repeat(64);
    const branded = { ...tenant, id, branding: { ...tenant.branding, logoUrl: 'https://cdn.acme.test/l.png', logoSha256: sha } };
    const brand = mailBrand(branded, 'https://app.tidemark.dev', true);
    const logoUrl = mailLogoUrl(branded, brand);
    expect(logoUrl).toBe(`https://insights.acme.test/api/brand/${id}/logo/${sha}`);
    const html = passwordResetEmail({
      productName: 'Acme Insights',
      userName: 'Ann',
      resetUrl: 'https://insights.acme.test/r/x',
      logoUrl,
    }).html;
    expect(html).toContain(`<img src="${logoUrl}" alt=""`);
    expect(html).not.toContain('cdn.acme.test');
    expect(mailLogoUrl({ ...branded, branding: { logoUrl: 'https://cdn.acme.test/l.png' } }, brand)).toBeNull();
    expect(mailLogoUrl(null, brand)).toBeNull();
    expect(passwordResetEmail({ productName: 'X', userName: 'Ann', resetUrl: 'https://a.test/r/x' }).html).not.toContain('<img');
  });

  it('puts the token in the path, encoded', () => {
    expect(mailLink({ productName: 'X', linkOrigin: 'https://a.test' }, '/invite', 'ab_c-1')).toBe('https://a.test/invite/ab_c-1');
  });
});
