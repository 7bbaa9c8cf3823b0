import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';

export const SCHEMA_FILE = 'dev/api-client/schema.d.ts';

const HEADER = `/**
 * Types of the Tidemark agency provisioning API (/api/v1), generated from its OpenAPI 3.1 document
 * by openapi-typescript. Do not edit: run \`npm run api:client\`; a unit test fails when this file is stale.
 */
`;

/** The checked-in schema.d.ts for a document: openapi-typescript's output, formatted by Biome like the rest of the tree. */
export async function generateClientTypes(document: unknown): Promise<string> {
  const ast = await openapiTS(document as OpenAPI3, { alphabetize: true, defaultNonNullable: false });
  return formatWithBiome(HEADER + astToString(ast));
}

function formatWithBiome(source: string): string {
  const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  return execFileSync(process.execPath, [biome, 'format', `--stdin-file-path=${SCHEMA_FILE}`], { input: source, encoding: 'utf8' });
}
