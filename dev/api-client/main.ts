import { writeFile } from 'node:fs/promises';
import { openApiDocument } from '../../worker/api/v1/document';
import { generateClientTypes, SCHEMA_FILE } from './generate';

/**
 * `npm run api:client`: writes schema.d.ts from the /api/v1 document, rendered by the same function
 * the Worker serves at /api/v1/openapi.json, or, with `--url <base>`, fetched from a running Tidemark.
 */
async function main() {
  const urlFlag = process.argv.indexOf('--url');
  const base = urlFlag >= 0 ? process.argv[urlFlag + 1] : undefined;
  const document = base ? await (await fetch(`${base.replace(/\/$/, '')}/api/v1/openapi.json`)).json() : openApiDocument();
  await writeFile(SCHEMA_FILE, await generateClientTypes(document));
  console.log(`wrote ${SCHEMA_FILE}`);
}

await main();
