import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './document';
import { v1Api } from './index';

/** `/tenants/:tenantId` → `/tenants/{tenantId}` (Hono's path syntax to OpenAPI's). */
const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

describe('the /api/v1 OpenAPI document', () => {
  it('validates against the OpenAPI 3.1 schema', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(openApiDocument()) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('describes every route the /api/v1 app answers, and no route it does not', () => {
    const served = v1Api.routes
      .filter((route) => route.method !== 'ALL' && !route.path.endsWith('*'))
      .map((route) => `${route.method.toLowerCase()} ${toOpenApiPath(route.path)}`);
    const paths = openApiDocument().paths ?? {};
    const documented = Object.entries(paths).flatMap(([path, item]) =>
      Object.keys(item ?? {})
        .filter((key) => ['get', 'post', 'put', 'patch', 'delete'].includes(key))
        .map((method) => `${method} ${path}`),
    );
    expect(served.length).toBeGreaterThanOrEqual(7);
    expect(new Set(served)).toEqual(new Set(documented));
  });

  it('marks every tenant operation as needing the API key and every POST as taking an Idempotency-Key', () => {
    const paths = openApiDocument().paths ?? {};
    for (const [path, item] of Object.entries(paths).filter(([p]) => p.startsWith('/tenants'))) {
      for (const [method, operation] of Object.entries(item ?? {}) as Array<
        [string, { security?: unknown; parameters?: Array<{ name: string; in: string }> }]
      >) {
        expect(operation.security, `${method} ${path}`).toEqual([{ apiKey: [] }]);
        if (method === 'post') expect(operation.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key')).toBe(true);
      }
    }
  });
});
