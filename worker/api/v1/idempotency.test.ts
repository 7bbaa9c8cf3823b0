import { describe, expect, it } from 'vitest';
import { canonicalJson, idempotencyRequestHash } from './idempotency';
import { decodeCursor, encodeCursor } from './tenants';

describe('idempotency request hash', () => {
  it('is the same for the same JSON however its keys are ordered or spaced', async () => {
    const a = JSON.parse('{"name":"Acme","branding":{"primaryColor":"#000","logoUrl":"https://x.test/l.svg"}}');
    const b = JSON.parse('{ "branding": { "logoUrl": "https://x.test/l.svg", "primaryColor": "#000" }, "name": "Acme" }');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(await idempotencyRequestHash('post', '/api/v1/tenants', a)).toBe(await idempotencyRequestHash('POST', '/api/v1/tenants', b));
  });

  it('differs when a value, the array order, the path or the method differs', async () => {
    const base = await idempotencyRequestHash('POST', '/api/v1/tenants', { name: 'Acme', tags: [1, 2] });
    expect(await idempotencyRequestHash('POST', '/api/v1/tenants', { name: 'Acme!', tags: [1, 2] })).not.toBe(base);
    expect(await idempotencyRequestHash('POST', '/api/v1/tenants', { name: 'Acme', tags: [2, 1] })).not.toBe(base);
    expect(await idempotencyRequestHash('POST', '/api/v1/other', { name: 'Acme', tags: [1, 2] })).not.toBe(base);
    expect(await idempotencyRequestHash('PATCH', '/api/v1/tenants', { name: 'Acme', tags: [1, 2] })).not.toBe(base);
  });

  it('writes canonical JSON for nested values, nulls and strings that need escaping', () => {
    expect(canonicalJson({ b: null, a: [{ d: 1, c: 'x"y' }] })).toBe('{"a":[{"c":"x\\"y","d":1}],"b":null}');
  });
});

describe('tenant list cursor', () => {
  it('round-trips a slug and refuses anything that is not one of its cursors, naming the field', () => {
    expect(decodeCursor(encodeCursor('acme-shoes'))).toBe('acme-shoes');
    for (const bad of ['', '!!!', encodeCursor('Not A Slug'), encodeCursor('%00')]) {
      expect(() => decodeCursor(bad), bad).toThrow(
        expect.objectContaining({ code: 'validation_failed', issues: [expect.objectContaining({ field: 'cursor' })] }),
      );
    }
  });
});
