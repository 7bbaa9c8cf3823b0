/** Validation of a v3 mail/send body, with SendGrid's own messages and field paths. */
import { isRecord } from './observe';

export interface MailError {
  message: string;
  field?: string;
  help?: string;
}

export interface MailSummary {
  from: string;
  to: string[];
  subject: string;
  contentTypes: string[];
  text?: string;
  html?: string;
  attachments: { filename: string; type?: string; bytes: number }[];
  [key: string]: unknown;
}

const HELP = 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html';
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function checkAddress(value: unknown, field: string, errors: MailError[]): string | undefined {
  if (!isRecord(value) || typeof value.email !== 'string') {
    errors.push({ message: 'The email address is required.', field: `${field}.email`, help: `${HELP}#message.${field}` });
    return undefined;
  }
  if (!EMAIL.test(value.email))
    errors.push({ message: 'Does not contain a valid address.', field: `${field}.email`, help: `${HELP}#message.${field}` });
  return value.email;
}

export function validateMail(body: Record<string, unknown>): { ok: true; summary: MailSummary } | { ok: false; errors: MailError[] } {
  const errors: MailError[] = [];
  const to: string[] = [];
  const personalizations = body.personalizations;
  const usesTemplate = typeof body.template_id === 'string' && body.template_id.length > 0;
  let everyPersonalizationHasSubject = false;

  if (!Array.isArray(personalizations) || personalizations.length === 0) {
    errors.push({
      message: 'The personalizations field is required and must have at least one personalization.',
      field: 'personalizations',
      help: `${HELP}#-Personalizations-Errors`,
    });
  } else if (personalizations.length > 1000) {
    errors.push({
      message: 'The personalizations field must not contain more than 1000 personalizations.',
      field: 'personalizations',
      help: `${HELP}#-Personalizations-Errors`,
    });
  } else {
    everyPersonalizationHasSubject = true;
    personalizations.forEach((p, i) => {
      if (!isRecord(p) || !Array.isArray(p.to) || p.to.length === 0) {
        errors.push({
          message:
            'The to array is required for all personalization objects, and must have at least one email object with a valid email address.',
          field: `personalizations.${i}.to`,
          help: `${HELP}#message.personalizations.to`,
        });
        everyPersonalizationHasSubject = false;
        return;
      }
      p.to.forEach((address, j) => {
        const email = checkAddress(address, `personalizations.${i}.to.${j}`, errors);
        if (email) to.push(email);
      });
      for (const list of ['cc', 'bcc'] as const) {
        if (p[list] !== undefined && !Array.isArray(p[list]))
          errors.push({ message: `The ${list} field must be an array of email objects.`, field: `personalizations.${i}.${list}` });
        else if (Array.isArray(p[list]))
          for (const [j, a] of (p[list] as unknown[]).entries()) checkAddress(a, `personalizations.${i}.${list}.${j}`, errors);
      }
      if (typeof p.subject !== 'string' || p.subject === '') everyPersonalizationHasSubject = false;
    });
  }

  const from = checkFrom(body.from, errors);
  const topSubject = typeof body.subject === 'string' ? body.subject : '';
  if (!topSubject && !everyPersonalizationHasSubject && !usesTemplate) {
    errors.push({
      message:
        'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
      field: 'subject',
      help: `${HELP}#message.subject`,
    });
  }

  const content = Array.isArray(body.content) ? body.content : undefined;
  if (!usesTemplate && (!content || content.length === 0)) {
    errors.push({
      message:
        'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.',
      field: 'content',
      help: `${HELP}#message.content`,
    });
  }
  const contentTypes: string[] = [];
  let text: string | undefined;
  let html: string | undefined;
  (content ?? []).forEach((block, i) => {
    if (!isRecord(block) || typeof block.type !== 'string' || !block.type || typeof block.value !== 'string' || !block.value) {
      errors.push({
        message: 'The content value must be a string at least one character in length.',
        field: `content.${i}.value`,
        help: `${HELP}#message.content.value`,
      });
      return;
    }
    contentTypes.push(block.type);
    if (block.type === 'text/plain') text = block.value;
    if (block.type === 'text/html') html = block.value;
  });
  if (contentTypes.includes('text/plain') && contentTypes[0] !== 'text/plain') {
    errors.push({
      message: 'If present, text/plain must be first, followed by text/html, followed by any other content.',
      field: 'content',
      help: `${HELP}#message.content`,
    });
  }

  const attachments: MailSummary['attachments'] = [];
  if (body.attachments !== undefined && !Array.isArray(body.attachments))
    errors.push({ message: 'The attachments field must be an array.', field: 'attachments' });
  (Array.isArray(body.attachments) ? body.attachments : []).forEach((a, i) => {
    if (!isRecord(a) || typeof a.content !== 'string' || a.content.length === 0) {
      errors.push({
        message: 'The attachment content is required.',
        field: `attachments.${i}.content`,
        help: `${HELP}#message.attachments.content`,
      });
      return;
    }
    if (!BASE64.test(a.content) || a.content.length % 4 !== 0)
      errors.push({
        message: 'The attachment content must be base64 encoded.',
        field: `attachments.${i}.content`,
        help: `${HELP}#message.attachments.content`,
      });
    if (typeof a.filename !== 'string' || !a.filename) {
      errors.push({
        message: 'The attachment filename parameter is required.',
        field: `attachments.${i}.filename`,
        help: `${HELP}#message.attachments.filename`,
      });
      return;
    }
    attachments.push({
      filename: a.filename,
      type: typeof a.type === 'string' ? a.type : undefined,
      bytes: Buffer.from(a.content, 'base64').length,
    });
  });

  if (errors.length) return { ok: false, errors };
  const firstSubject = isRecord((personalizations as unknown[])[0])
    ? ((personalizations as Record<string, unknown>[])[0]!.subject as string | undefined)
    : undefined;
  return { ok: true, summary: { from: from!, to, subject: firstSubject || topSubject, contentTypes, text, html, attachments } };
}

function checkFrom(from: unknown, errors: MailError[]): string | undefined {
  if (!isRecord(from) || typeof from.email !== 'string') {
    errors.push({
      message:
        'The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.',
      field: 'from',
      help: `${HELP}#message.from`,
    });
    return undefined;
  }
  return checkAddress(from, 'from', errors);
}
