/**
 * The emails themselves: pure functions from what a mail says to its subject, text and HTML parts.
 * Every value from a user or a tenant (names, emails, the product name, links) is escaped in the HTML.
 */

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}

/** Subjects are one line: a newline in a tenant's name must not start a header or a second line. */
function oneLine(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').trim();
}

function layout(
  productName: string,
  paragraphs: string[],
  action: { label: string; url: string },
  footer: string,
  logoUrl?: string | null,
): string {
  const p = paragraphs.map((line) => `<p style="margin:0 0 16px">${escapeHtml(line)}</p>`).join('');
  const logo = logoUrl ? `<img src="${escapeHtml(logoUrl)}" alt="" height="32" style="display:block;margin:0 0 12px">` : '';
  return (
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1f2937;max-width:560px;margin:0 auto;padding:24px">' +
    `${logo}<p style="font-weight:700;margin:0 0 24px">${escapeHtml(productName)}</p>${p}` +
    `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#0f766e;color:#fff;padding:12px 20px;border-radius:8px;text-decoration:none;display:inline-block">${escapeHtml(action.label)}</a></p>` +
    `<p style="margin:0 0 16px;font-size:14px;color:#4b5563">Or open this link: ${escapeHtml(action.url)}</p>` +
    `<p style="margin:24px 0 0;font-size:13px;color:#6b7280">${escapeHtml(footer)}</p></body></html>`
  );
}

export interface InvitationMail {
  /** The branded product name (the tenant's, or Tidemark for the agency's own people). */
  productName: string;
  /** Who invited: a person's name, or the agency's name when an API key sent it. */
  inviterName: string;
  /** What they are invited to: the tenant's or the agency's name. */
  placeName: string;
  role: string;
  acceptUrl: string;
  expiresAt: Date;
  /** The tenant's kept logo, absolute on the mail's link origin (worker/email/brand.ts mailLogoUrl). */
  logoUrl?: string | null;
}

export function invitationEmail(m: InvitationMail): RenderedMail {
  const subject = oneLine(`${m.inviterName} invited you to ${m.placeName} on ${m.productName}`);
  const lines = [
    `${m.inviterName} invited you to join ${m.placeName} on ${m.productName} as ${m.role}.`,
    `The link works once and expires on ${m.expiresAt.toUTCString()}.`,
  ];
  const footer = 'If you did not expect this invitation, you can ignore this email.';
  return {
    subject,
    text: `${lines.join('\n\n')}\n\nAccept the invitation: ${m.acceptUrl}\n\n${footer}\n`,
    html: layout(m.productName, lines, { label: 'Accept the invitation', url: m.acceptUrl }, footer, m.logoUrl),
  };
}

export interface PasswordResetMail {
  productName: string;
  userName: string;
  resetUrl: string;
  logoUrl?: string | null;
}

export function passwordResetEmail(m: PasswordResetMail): RenderedMail {
  const lines = [
    `Hello ${m.userName},`,
    `Someone asked to reset the password of your ${m.productName} account. The link works once, for one hour.`,
  ];
  const footer = 'If it was not you, ignore this email: your password stays as it is.';
  return {
    subject: oneLine(`Reset your ${m.productName} password`),
    text: `${lines.join('\n\n')}\n\nChoose a new password: ${m.resetUrl}\n\n${footer}\n`,
    html: layout(m.productName, lines, { label: 'Choose a new password', url: m.resetUrl }, footer, m.logoUrl),
  };
}
