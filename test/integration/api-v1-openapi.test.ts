import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../worker/api/v1/document';
import { call } from './support';

describe('/api/v1 documentation', () => {
  it('serves the OpenAPI 3.1 document generated from the routes, without a key', async () => {
    const res = await call('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const served = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(served.openapi).toBe('3.1.0');
    expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    expect(Object.keys(served.paths)).toEqual(expect.arrayContaining(['/tenants', '/tenants/{tenantId}']));
  });

  it('serves a reference page rendered from it, script-free under its own strict CSP', async () => {
    const res = await call('/api/v1/reference');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('Tidemark agency provisioning API');
    expect(html).toContain('POST</span> <code>/tenants</code>');
    expect(html).not.toContain('<script');
  });

  it('answers an unknown /api/v1 route with the JSON 404 problem shape', async () => {
    const res = await call('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 404, code: 'not_found' });
  });
});
