import { describe, expect, it } from 'vitest';
import { openApiDocument } from './document';
import { renderReferencePage } from './reference';

describe('the API reference page', () => {
  it('lists every operation of the document and every schema, with no script and nothing from another origin', () => {
    const document = openApiDocument();
    const html = renderReferencePage(document);
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const method of Object.keys(item ?? {}).filter((k) => ['get', 'post', 'patch', 'delete'].includes(k))) {
        expect(html, `${method} ${path}`).toContain(`${method.toUpperCase()}</span> <code>${path}</code>`);
      }
    }
    for (const name of Object.keys(document.components?.schemas ?? {})) expect(html).toContain(`id="schema-${name}"`);
    expect(html).toContain('idempotency-key');
    expect(html).not.toMatch(/<script|https?:\/\/(?!docs\.tidemark)/i);
  });

  it('escapes everything it takes from the document', () => {
    const html = renderReferencePage({
      info: { title: '<script>alert(1)</script>' },
      paths: { '/x': { get: { summary: '"><img src=x onerror=alert(1)>', responses: {} } } },
    });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;script&#62;');
  });
});
