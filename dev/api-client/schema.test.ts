import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../worker/api/v1/document';
import { generateClientTypes, SCHEMA_FILE } from './generate';

describe('the typed /api/v1 client', () => {
  it('has a checked-in schema.d.ts identical to a fresh generation from the document (run `npm run api:client`)', async () => {
    const fresh = await generateClientTypes(openApiDocument());
    expect(fresh).toContain("'/tenants/{tenantId}'");
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(fresh);
  });
});
