import { metaErrors } from './errors';
import type { BatchRunner, GraphOutcome } from './pipeline';
import { batchItemRequest, type GraphRequest } from './request';
import type { MetaState } from './state';
import { appUsage } from './usage';

export const MAX_BATCH_SIZE = 50;
/** Past this share of the app's hourly budget, Meta stops processing batch items and returns null for them. */
export const BATCH_SHED_APP_PCT = 90;
const ITEM_KEYS = ['method', 'relative_url', 'body'];

export type BatchItemResult = { code: number; headers?: { name: string; value: string }[]; body: string } | null;

/** Runs batch items in order through the same pipeline as top-level calls (each one billed and rate limited on its own). */
export function createBatchRunner(state: MetaState, serve: (req: GraphRequest) => Promise<GraphOutcome>): BatchRunner {
  return async (version, params, token) => {
    const items = parseBatch(params.get('batch'));
    const includeHeaders = params.get('include_headers') !== 'false';
    const results: BatchItemResult[] = [];
    for (const item of items) {
      if (appUsage(state).pct >= BATCH_SHED_APP_PCT) {
        results.push(null);
        continue;
      }
      const outcome = await serve(batchItemRequest(version, item, token));
      if (outcome.kind === 'drop') {
        results.push(null);
        continue;
      }
      const result: NonNullable<BatchItemResult> = { code: outcome.status, body: outcome.body };
      if (includeHeaders) result.headers = Object.entries(outcome.headers).map(([name, value]) => ({ name, value }));
      results.push(includeHeaders ? { code: result.code, headers: result.headers, body: result.body } : result);
    }
    return results;
  };
}

function parseBatch(raw: string | undefined): { method: string; relativeUrl: string; body?: string }[] {
  if (raw === undefined) throw metaErrors.invalidParameter('The parameter batch is required');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw metaErrors.invalidParameter('param batch must be a JSON array');
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw metaErrors.invalidParameter('param batch must be a non-empty JSON array');
  if (parsed.length > MAX_BATCH_SIZE) throw metaErrors.batchTooLarge();
  return parsed.map((entry, index) => {
    if (!entry || typeof entry !== 'object') throw metaErrors.invalidParameter(`batch[${index}] must be an object`);
    const item = entry as Record<string, unknown>;
    for (const key of Object.keys(item))
      if (!ITEM_KEYS.includes(key))
        throw metaErrors.invalidParameter(`batch[${index}].${key} is not supported by this fake (method, relative_url, body)`);
    const method = item.method ?? 'GET';
    if (typeof method !== 'string' || !['GET', 'POST'].includes(method.toUpperCase()))
      throw metaErrors.invalidParameter(`batch[${index}].method must be GET or POST`);
    if (typeof item.relative_url !== 'string' || item.relative_url === '')
      throw metaErrors.invalidParameter(`batch[${index}].relative_url is required`);
    if (item.body !== undefined && typeof item.body !== 'string')
      throw metaErrors.invalidParameter(`batch[${index}].body must be a url-encoded string`);
    return { method, relativeUrl: item.relative_url, body: item.body as string | undefined };
  });
}
