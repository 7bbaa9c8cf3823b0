/**
 * The API reference page, rendered on the server from the OpenAPI document: plain HTML and one
 * style block, no scripts and nothing fetched from a CDN, so it works offline and under a strict CSP.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
  description?: string;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: boolean | Schema;
};
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema };
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
};
type Document = {
  info?: { title?: string; version?: string; description?: string };
  servers?: Array<{ url: string }>;
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** `code` spans for inline backticks, everything else escaped. */
function prose(text: string | undefined): string {
  return text ? escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>') : '';
}

const refName = (ref: string) => ref.split('/').pop() ?? ref;

function typeOf(schema: Schema | undefined): string {
  if (!schema) return '';
  if (schema.$ref) return `<a href="#schema-${escapeHtml(refName(schema.$ref))}">${escapeHtml(refName(schema.$ref))}</a>`;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map(typeOf).join(' | ');
  if (schema.type === 'array') return `${typeOf(schema.items)}[]`;
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
  return escapeHtml(schema.format ? `${type} (${schema.format})` : type);
}

function constraints(schema: Schema | undefined): string {
  if (!schema) return '';
  const parts: string[] = [];
  if (schema.enum) parts.push(`one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (schema.pattern) parts.push(`pattern <code>${escapeHtml(schema.pattern)}</code>`);
  if (schema.minimum !== undefined) parts.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) parts.push(`≤ ${schema.maximum}`);
  if (schema.minLength !== undefined) parts.push(`at least ${schema.minLength} characters`);
  if (schema.maxLength !== undefined) parts.push(`at most ${schema.maxLength} characters`);
  if (schema.default !== undefined) parts.push(`default <code>${escapeHtml(JSON.stringify(schema.default))}</code>`);
  return parts.map((p) => (p.includes('<code>') ? p : escapeHtml(p))).join('; ');
}

function fieldsTable(schema: Schema): string {
  const rows = Object.entries(schema.properties ?? {}).map(
    ([name, field]) =>
      `<tr><td><code>${escapeHtml(name)}</code>${schema.required?.includes(name) ? ' <em>required</em>' : ''}</td><td>${typeOf(field)}</td><td>${prose(field.description)} ${constraints(field)}</td></tr>`,
  );
  return rows.length ? `<table><tr><th>field</th><th>type</th><th>notes</th></tr>${rows.join('')}</table>` : `<p>${typeOf(schema)}</p>`;
}

function contentSchemas(content: Record<string, { schema?: Schema }> | undefined): string {
  return Object.entries(content ?? {})
    .map(([type, media]) => `<code>${escapeHtml(type)}</code> ${typeOf(media.schema)}`)
    .join(', ');
}

function renderOperation(path: string, method: string, op: Operation): string {
  const id = escapeHtml(op.operationId ?? `${method}-${path}`);
  const params = (op.parameters ?? []).map(
    (p) =>
      `<tr><td><code>${escapeHtml(p.name)}</code>${p.required ? ' <em>required</em>' : ''}</td><td>${escapeHtml(p.in)}</td><td>${typeOf(p.schema)}</td><td>${prose(p.description ?? p.schema?.description)} ${constraints(p.schema)}</td></tr>`,
  );
  const responses = Object.entries(op.responses ?? {}).map(
    ([status, r]) => `<tr><td>${escapeHtml(status)}</td><td>${prose(r.description)}</td><td>${contentSchemas(r.content)}</td></tr>`,
  );
  return `<section id="op-${id}">
<h3><span class="method ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code></h3>
<p><strong>${prose(op.summary)}</strong>${op.security?.length ? ' · needs an API key' : ''}</p>
${op.description ? `<p>${prose(op.description)}</p>` : ''}
${params.length ? `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>type</th><th>notes</th></tr>${params.join('')}</table>` : ''}
${op.requestBody ? `<h4>Body</h4><p>${contentSchemas(op.requestBody.content)}</p>` : ''}
<h4>Responses</h4><table><tr><th>status</th><th>meaning</th><th>body</th></tr>${responses.join('')}</table>
</section>`;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}td,th{border-bottom:1px solid #e5e7eb;padding:.3rem .5rem;text-align:left;vertical-align:top}
code{background:#f3f4f6;padding:0 .2rem;border-radius:3px}section{border-top:1px solid #d1d5db;margin-top:1.5rem}
.method{font-weight:700;padding:.1rem .4rem;border-radius:4px;color:#fff;background:#6b7280}.get{background:#2563eb}.post{background:#059669}.patch{background:#d97706}.delete{background:#dc2626}
em{color:#b91c1c;font-style:normal;font-size:.85em}`;

/** The whole page for a document. Every value from the document is HTML-escaped. */
export function renderReferencePage(document: unknown): string {
  const doc = document as Document;
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method]! })),
  );
  const toc = operations
    .map(
      ({ path, method, op }) =>
        `<li><a href="#op-${escapeHtml(op.operationId ?? `${method}-${path}`)}">${escapeHtml(method.toUpperCase())} ${escapeHtml(path)}</a> ${prose(op.summary)}</li>`,
    )
    .join('');
  const schemas = Object.entries(doc.components?.schemas ?? {})
    .map(
      ([name, schema]) =>
        `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3><p>${prose(schema.description)}</p>${fieldsTable(schema)}</section>`,
    )
    .join('\n');
  const base = doc.servers?.[0]?.url ?? '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info?.title ?? 'API reference')}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(doc.info?.title ?? 'API reference')} <small>${escapeHtml(doc.info?.version ?? '')}</small></h1>
<p>${prose(doc.info?.description)}</p>
<p>Base URL <code>${escapeHtml(base)}</code> · the machine-readable document: <a href="${escapeHtml(base)}/openapi.json">openapi.json</a> (OpenAPI 3.1)</p>
<h2>Operations</h2><ul>${toc}</ul>
${operations.map(({ path, method, op }) => renderOperation(path, method, op)).join('\n')}
<h2>Schemas</h2>
${schemas}
</body></html>`;
}
