/** GET /_control/inbox: what Tidemark sent by email and to Slack, newest first, readable on a phone. */
import { Hono } from 'hono';
import type { OutboundRecord } from '../services/outbox';
import type { ControlDeps } from './shared';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const str = (value: unknown) => (typeof value === 'string' ? value : '');

function emailCard(item: OutboundRecord): string {
  const s = item.summary ?? {};
  const to = Array.isArray(s.to) ? (s.to as string[]).join(', ') : '';
  const attachments = Array.isArray(s.attachments) ? (s.attachments as { filename: string; bytes: number }[]) : [];
  const preview = str(s.text) || str(s.html).replace(/<[^>]*>/g, ' ');
  return `<article class="email"><header><span class="tag">Email</span><time>${escapeHtml(item.at)}</time></header>
<h2>${escapeHtml(str(s.subject) || '(no subject)')}</h2>
<p class="meta">From ${escapeHtml(str(s.from))} to ${escapeHtml(to)}</p>
${preview ? `<p class="preview">${escapeHtml(preview.slice(0, 280))}</p>` : ''}
${attachments.length ? `<ul class="files">${attachments.map((a) => `<li>📎 ${escapeHtml(a.filename)} <small>(${Math.ceil(a.bytes / 1024)} KB)</small></li>`).join('')}</ul>` : ''}
</article>`;
}

function slackCard(item: OutboundRecord): string {
  const s = item.summary ?? {};
  const blocks = Number(s.blocks ?? 0);
  return `<article class="slack"><header><span class="tag">Slack</span><time>${escapeHtml(item.at)}</time></header>
<p>${escapeHtml(str(s.text) || '(blocks only)')}</p>
<p class="meta">Webhook ${escapeHtml(str(s.team))}/${escapeHtml(str(s.hook))}${blocks ? ` · ${blocks} block${blocks === 1 ? '' : 's'}` : ''}</p>
</article>`;
}

const STYLE = `body{font:16px/1.45 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d2330}
main{max-width:720px;margin:0 auto;padding:12px}h1{font-size:1.3rem;margin:8px 4px 12px}
article{background:#fff;border-radius:10px;padding:12px 14px;margin:0 0 10px;box-shadow:0 1px 2px #0002;overflow-wrap:anywhere}
header{display:flex;justify-content:space-between;gap:8px;font-size:.8rem;color:#667}
.tag{font-weight:600;color:#fff;background:#3b6ef5;border-radius:4px;padding:0 6px}.slack .tag{background:#4a154b}
h2{font-size:1.05rem;margin:6px 0 2px}.meta{color:#667;font-size:.85rem;margin:2px 0}.preview{margin:6px 0 0}
.files{padding-left:0;list-style:none;margin:6px 0 0}.empty{color:#667;text-align:center;padding:40px 0}`;

export function createInboxRoute({ services }: ControlDeps): Hono {
  const app = new Hono();
  app.get('/inbox', (c) => {
    const items = [...services.outbox.list('sendgrid'), ...services.outbox.list('slack')].sort((a, b) => b.id - a.id);
    const cards = items.map((item) => (item.service === 'sendgrid' ? emailCard(item) : slackCard(item))).join('\n');
    return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Tidemark fake inbox</title><style>${STYLE}</style></head><body><main><h1>Fake inbox · ${items.length} message${items.length === 1 ? '' : 's'}</h1>
${cards || '<p class="empty">Nothing sent yet.</p>'}</main></body></html>`);
  });
  return app;
}
